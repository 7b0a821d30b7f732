import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type { ItemList } from '../../app/api/types';
import type {
  Attachment, AttachmentPurpose, DeputyOption, SessionOption, SimilarSuggestion, SuggestionDetail, SuggestionFilters,
  SuggestionInput, SuggestionStats, SuggestionSummary,
} from './types';

const enc = encodeURIComponent;
const LIST_KEY = 'suggestions';
const DETAIL_KEY = 'suggestion';

/**
 * The list's query string. Built here rather than with the client's `query` option because
 * the state filter repeats its key (`state=a&state=b`), which the server reads as an array.
 */
function listQuery(filters: SuggestionFilters, page?: number, pageSize?: number): string {
  const p = new URLSearchParams();
  if (filters.year) p.set('year', String(filters.year));
  for (const s of filters.states ?? []) p.append('state', s);
  if (filters.kind) p.set('kind', filters.kind);
  if (filters.category) p.set('category', filters.category);
  if (filters.leadUnitId) p.set('leadUnitId', filters.leadUnitId);
  if (filters.overdue) p.set('overdue', 'true');
  if (filters.dueWithin !== undefined) p.set('dueWithin', String(filters.dueWithin));
  if (filters.search?.trim()) p.set('search', filters.search.trim().slice(0, 50));
  if (page !== undefined && pageSize !== undefined) {
    p.set('limit', String(pageSize));
    p.set('offset', String((page - 1) * pageSize));
  }
  return p.toString();
}

/** One page of the suggestions the user may see (the server scopes: own, unit's or all). */
export function useSuggestions(townshipId: string, filters: SuggestionFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [LIST_KEY, townshipId, 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api.get<{ items: SuggestionSummary[]; total: number }>(
      `/api/v1/townships/${enc(townshipId)}/suggestions?${listQuery(filters, page, pageSize)}`, { signal },
    ),
    placeholderData: keepPreviousData,
  });
}

export function useSuggestion(id: string) {
  return useQuery({
    queryKey: [DETAIL_KEY, id],
    queryFn: ({ signal }) => api.get<SuggestionDetail>(`/api/v1/suggestions/${enc(id)}`, { signal }),
  });
}

/** Earlier suggestions most like this one, for the office when registering (立案). */
export function useSimilarSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [DETAIL_KEY, id, 'similar'],
    queryFn: ({ signal }) => api.get<ItemList<SimilarSuggestion>>(`/api/v1/suggestions/${enc(id)}/similar`, { signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function useSuggestionStats(townshipId: string, year: number) {
  return useQuery({
    queryKey: [LIST_KEY, townshipId, 'stats', year],
    queryFn: ({ signal }) => api.get<SuggestionStats>(`/api/v1/townships/${enc(townshipId)}/suggestion-stats`, { query: { year }, signal }),
  });
}

/** After any change: the lists and statistics are stale; the detail is the server's answer. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: SuggestionDetail) => {
    if (detail) queryClient.setQueryData([DETAIL_KEY, detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [LIST_KEY] });
  };
}

export function useCreateSuggestion(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: SuggestionInput & { isPublic: boolean; submit: boolean; authorDeputyId?: string }) =>
      api.post<SuggestionDetail>(`/api/v1/townships/${enc(townshipId)}/suggestions`, input),
    onSuccess: refresh,
  });
}

export function useUpdateSuggestion(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: Partial<SuggestionInput>) => api.patch<SuggestionDetail>(`/api/v1/suggestions/${enc(id)}`, input),
    onSuccess: refresh,
  });
}

/** The bodies of POST /suggestions/:id/<action>; each answers with the refreshed detail. */
export interface ActionBodies {
  submit: Record<string, never>;
  withdraw: { note?: string | null };
  sign: { deputyId?: string };
  consent: { isPublic: boolean };
  register: { category: string; note?: string | null };
  return: { reason: string };
  assign: { leadUnitId: string; coUnitIds: string[]; isDifficult: boolean; assignedOn?: string; note?: string | null };
  contacts: { contactedOn?: string; method: string; note: string };
  opinions: { content: string };
  reply: { grade: string; content: string };
  feedback: { rating: string; comment?: string | null };
  close: { note: string };
  progress: { status: 'in_progress' | 'implemented'; content: string; entryOn?: string; attachmentIds?: string[] };
  supervisions: { method: string; note: string; actedOn?: string };
}

/** Runs one workflow action on a suggestion. */
export function useSuggestionAction<A extends keyof ActionBodies>(id: string, action: A) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ActionBodies[A]) => api.post<SuggestionDetail>(`/api/v1/suggestions/${enc(id)}/${action}`, body),
    onSuccess: refresh,
  });
}

/** Adds a file (pdf, docx, xlsx, jpg, png) to a suggestion; the form field is `file`. */
export async function uploadAttachment(id: string, purpose: AttachmentPurpose, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<Attachment>(`/api/v1/suggestions/${enc(id)}/attachments`, form, { query: { purpose } });
}

export function useUploadAttachment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ purpose, file }: { purpose: AttachmentPurpose; file: File }) => uploadAttachment(id, purpose, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [DETAIL_KEY, id], exact: true }),
  });
}

export function useArchiveAttachment(suggestionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete<{ ok: true }>(`/api/v1/suggestion-attachments/${enc(attachmentId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [DETAIL_KEY, suggestionId], exact: true }),
  });
}

/** Where a file of a suggestion is downloaded from (the session cookie authorises it). */
export function attachmentUrl(attachmentId: string): string {
  return `/api/v1/suggestion-attachments/${enc(attachmentId)}/download`;
}

/** The author's name and phone for the handling units; the server audits each look. */
export function useRevealAuthorContact(id: string) {
  return useMutation({
    mutationFn: () => api.post<{ name: string; phone: string | null }>(`/api/v1/suggestions/${enc(id)}/author-contact`, {}),
  });
}

/** Downloads the rows of the list as filtered now (every page) as .xlsx. */
export async function exportSuggestions(townshipId: string, filters: SuggestionFilters): Promise<void> {
  const file = await apiDownload('GET', `/api/v1/townships/${enc(townshipId)}/suggestions/export?${listQuery(filters)}`, undefined, {
    fallbackName: `suggestions${filters.year ? `-${filters.year}` : ''}.xlsx`,
  });
  saveFile(file);
}

/** Downloads the year's handling report (办理情况报告, 代表法 第52条) as .docx. */
export async function downloadHandlingReport(townshipId: string, year: number): Promise<void> {
  const file = await apiDownload('GET', `/api/v1/townships/${enc(townshipId)}/suggestions/handling-report.docx`, undefined, {
    query: { year }, fallbackName: `handling-report-${year}.docx`,
  });
  saveFile(file);
}

/** Deputies of the township who may co-sign (the server masks personal data). */
export function useDeputyOptions(townshipId: string, enabled = true) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'suggestion-options'],
    queryFn: ({ signal }) => api.get<ItemList<DeputyOption>>(`/api/v1/townships/${enc(townshipId)}/deputies`, { query: { current: true, level: 'township' }, signal }),
    select: (data) => data.items.filter((d) => d.isServing),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in deputy's own record (to leave them out of the co-signer list). */
export function useOwnDeputy(enabled: boolean) {
  return useQuery({
    queryKey: ['deputies', 'me'],
    queryFn: ({ signal }) => api.get<DeputyOption>('/api/v1/deputies/me', { signal }),
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** The township's congress sessions, newest first, to say where a suggestion was raised. */
export function useSessionOptions(townshipId: string, enabled = true) {
  return useQuery({
    queryKey: ['sessions', townshipId, 'suggestion-options'],
    queryFn: ({ signal }) => api.get<ItemList<SessionOption>>(`/api/v1/townships/${enc(townshipId)}/sessions`, { signal }),
    select: (data) => [...data.items].sort((a, b) => b.startDate.localeCompare(a.startDate)),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
