import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type { CountyDashboard, CountyNotice, CountyNoticeListItem, NoticeDetail, NoticeInput, TaskAttachment, TaskDetail, TaskListItem } from './types';

const enc = encodeURIComponent;
/** Every county query starts with this key: a change refreshes them all. */
const COUNTY = 'county';

export function useCountyDashboard(year: number) {
  return useQuery({
    queryKey: [COUNTY, 'dashboard', year],
    queryFn: ({ signal }) => api.get<CountyDashboard>('/api/v1/county/dashboard', { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCountyNotices(year?: number) {
  return useQuery({
    queryKey: [COUNTY, 'notices', year ?? 'all'],
    queryFn: async ({ signal }) => (await api.get<{ items: CountyNoticeListItem[] }>('/api/v1/county/notices', { query: { year }, signal })).items,
  });
}

export function useCountyNotice(id: string) {
  return useQuery({
    queryKey: [COUNTY, 'notice', id],
    queryFn: ({ signal }) => api.get<NoticeDetail>(`/api/v1/county/notices/${enc(id)}`, { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => { void queryClient.invalidateQueries({ queryKey: [COUNTY] }); };
}

export function useCreateNotice() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: NoticeInput) => api.post<CountyNotice>('/api/v1/county/notices', input), onSuccess: refresh });
}

export function useUpdateNotice(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: Partial<NoticeInput>) => api.patch<CountyNotice>(`/api/v1/county/notices/${enc(id)}`, input), onSuccess: refresh });
}

export function useIssueNotice(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => api.post<NoticeDetail>(`/api/v1/county/notices/${enc(id)}/issue`), onSuccess: refresh });
}

export function useTownshipTasks(townshipId: string) {
  return useQuery({
    queryKey: [COUNTY, 'tasks', townshipId],
    queryFn: async ({ signal }) => (await api.get<{ items: TaskListItem[] }>(`/api/v1/townships/${enc(townshipId)}/county-tasks`, { signal })).items,
  });
}

export function useCountyTask(id: string) {
  return useQuery({
    queryKey: [COUNTY, 'task', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(`/api/v1/county-tasks/${enc(id)}`, { signal }),
  });
}

export function useReportTask(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (reportText: string) => api.post<TaskDetail>(`/api/v1/county-tasks/${enc(id)}/report`, { reportText }), onSuccess: refresh });
}

export function useUploadTaskAttachment(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<TaskAttachment>(`/api/v1/county-tasks/${enc(id)}/attachments`, form);
    },
    onSuccess: refresh,
  });
}

export function useRemoveTaskAttachment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (attachmentId: string) => api.delete<{ ok: true }>(`/api/v1/county-task-attachments/${enc(attachmentId)}`), onSuccess: refresh });
}

export async function downloadAttachment(a: TaskAttachment): Promise<void> {
  saveFile(await apiDownload('GET', `/api/v1/county-task-attachments/${enc(a.id)}/download`, undefined, { fallbackName: a.fileName }));
}
