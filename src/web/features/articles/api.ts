import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { ItemList } from '../../app/api/types';
import type { ArticleDetail, ArticleFilters, ArticleInput, ArticleListItem, ArticleStep, PortalCategory } from './types';

const enc = encodeURIComponent;
const tw = (townshipId: string) => `/api/v1/townships/${enc(townshipId)}`;
const KEY = 'articles';

export function useCategories(townshipId: string) {
  return useQuery({
    queryKey: [KEY, townshipId, 'categories'],
    queryFn: ({ signal }) => api.get<ItemList<PortalCategory>>(`${tw(townshipId)}/portal-categories`, { signal }).then((r) => r.items),
  });
}

export function useArticles(townshipId: string, filters: ArticleFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [KEY, townshipId, 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api.get<{ items: ArticleListItem[]; total: number }>(`${tw(townshipId)}/articles`, {
      query: { ...filters, q: filters.q?.trim() || undefined, page, pageSize }, signal,
    }),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'article', id],
    queryFn: ({ signal }) => api.get<ArticleDetail>(`/api/v1/articles/${enc(id!)}`, { signal }),
    enabled: !!id,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: ArticleDetail) => {
    if (detail) queryClient.setQueryData([KEY, 'article', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [KEY] });
  };
}

export function useCreateArticle(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: ArticleInput) => api.post<ArticleDetail>(`${tw(townshipId)}/articles`, input), onSuccess: refresh });
}

export function useUpdateArticle(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: Partial<ArticleInput>) => api.patch<ArticleDetail>(`/api/v1/articles/${enc(id)}`, input), onSuccess: refresh });
}

export function useArticleStep(id: string) {
  const refresh = useRefresh();
  return useMutation({
    /** `articleId` for an article created in the same action (a new article saved and submitted at once). */
    mutationFn: ({ step, note, articleId }: { step: ArticleStep; note?: string | null; articleId?: string }) =>
      api.post<ArticleDetail>(`/api/v1/articles/${enc(articleId ?? id)}/${step}`, { note: note ?? null }),
    onSuccess: refresh,
  });
}

export function useUploadImage(townshipId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ id: string; url: string }>(`${tw(townshipId)}/article-images`, form);
    },
  });
}

export function useUpdateCategory(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; name?: string; isVisible?: boolean; position?: number; description?: string | null }) =>
      api.patch<PortalCategory>(`${tw(townshipId)}/portal-categories/${enc(id)}`, patch),
    onSuccess: () => refresh(),
  });
}

export function useCreateCategory(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { name: string; description?: string | null }) => api.post<PortalCategory>(`${tw(townshipId)}/portal-categories`, input),
    onSuccess: () => refresh(),
  });
}
