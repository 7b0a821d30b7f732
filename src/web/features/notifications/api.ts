import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { NotificationPage } from './types';

const KEY = 'notifications';

/** The unread count for the bell, refreshed every minute and when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [KEY, 'unread'],
    queryFn: ({ signal }) => api.get<{ unread: number }>('/api/v1/notifications/unread-count', { signal }),
    select: (d) => d.unread,
    refetchInterval: 60_000,
  });
}

/** One page of the signed-in user's notices, newest first. */
export function useNotifications(options: { unreadOnly?: boolean; page?: number; pageSize?: number; enabled?: boolean } = {}) {
  const pageSize = options.pageSize ?? 20;
  const page = options.page ?? 1;
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: [KEY, 'list', options.unreadOnly ?? false, page, pageSize],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/v1/notifications', {
      query: { limit: pageSize, offset: (page - 1) * pageSize, ...(options.unreadOnly ? { unreadOnly: 'true' } : {}) }, signal,
    }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: [KEY] });
}

export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/v1/notifications/${encodeURIComponent(id)}/read`, {}),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true; count: number }>('/api/v1/notifications/read-all', {}),
    onSuccess: invalidate,
  });
}
