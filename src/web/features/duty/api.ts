import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type { ItemList } from '../../app/api/types';
import type {
  ActivityDetail, ActivityFilters, ActivityInput, ActivitySummary, Consolidation, Evaluation, EvaluationInput, NotificationMethod,
  Opinion, OpinionDetail, OpinionFilters, OpinionInput, Proposal, PublicCode, Ratings,
} from './types';

const enc = encodeURIComponent;
const tw = (townshipId: string) => `/api/v1/townships/${enc(townshipId)}`;
/** Every duty query starts with this key: a change anywhere refreshes the lists. */
const DUTY = 'duty';

// ---- activities ---------------------------------------------------------------------------

export function useActivities(townshipId: string, filters: ActivityFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [DUTY, townshipId, 'activities', filters, page, pageSize],
    queryFn: ({ signal }) => api.get<{ items: ActivitySummary[]; total: number }>(`${tw(townshipId)}/duty-activities`, {
      query: { ...filters, countyNotice: filters.countyNotice?.trim() || undefined, limit: pageSize, offset: (page - 1) * pageSize }, signal,
    }),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string) {
  return useQuery({
    queryKey: [DUTY, 'activity', id],
    queryFn: ({ signal }) => api.get<ActivityDetail>(`/api/v1/duty-activities/${enc(id)}`, { signal }),
  });
}

/** After a change: every duty list is stale; a detail answer goes straight into the cache. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: ActivityDetail) => {
    if (detail) queryClient.setQueryData([DUTY, 'activity', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [DUTY] });
    // A deputy's duty record counts activities.
    void queryClient.invalidateQueries({ queryKey: ['deputies'] });
  };
}

/** Creates an activity, with the opinions collected in it: the phone visit log is this one call. */
export function useCreateActivity(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ActivityInput) => api.post<ActivityDetail>(`${tw(townshipId)}/duty-activities`, input),
    onSuccess: refresh,
  });
}

export function useUpdateActivity(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: Partial<Omit<ActivityInput, 'kind' | 'opinions'>>) => api.patch<ActivityDetail>(`/api/v1/duty-activities/${enc(id)}`, input),
    onSuccess: refresh,
  });
}

export function useArchiveActivity() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/duty-activities/${enc(id)}`),
    onSuccess: () => refresh(),
  });
}

export function useAddActivityOpinions(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (opinions: OpinionInput[]) => api.post<ActivityDetail>(`/api/v1/duty-activities/${enc(id)}/opinions`, { opinions }),
    onSuccess: refresh,
  });
}

/** Adds a photo (jpg or png) to an activity; the form field is `file`. */
export function useUploadPhoto(activityId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<{ id: string }>(`/api/v1/duty-activities/${enc(activityId)}/photos`, form);
    },
    onSuccess: () => refresh(),
  });
}

export function useArchivePhoto() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (photoId: string) => api.delete<{ ok: true }>(`/api/v1/duty-activity-photos/${enc(photoId)}`),
    onSuccess: () => refresh(),
  });
}

// ---- residents' opinions --------------------------------------------------------------------

export function useOpinions(townshipId: string, filters: OpinionFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [DUTY, townshipId, 'opinions', filters, page, pageSize],
    queryFn: ({ signal }) => api.get<{ items: Opinion[]; total: number }>(`${tw(townshipId)}/resident-opinions`, {
      query: { ...filters, search: filters.search?.trim().slice(0, 50) || undefined, limit: pageSize, offset: (page - 1) * pageSize }, signal,
    }),
    placeholderData: keepPreviousData,
  });
}

export function useOpinion(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [DUTY, 'opinion', id],
    queryFn: ({ signal }) => api.get<OpinionDetail>(`/api/v1/resident-opinions/${enc(id!)}`, { signal }),
  });
}

/** An opinion received outside an activity (by phone, at the office…). */
export function useCreateOpinion(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: OpinionInput & { receivedOn?: string }) => api.post<OpinionDetail>(`${tw(townshipId)}/resident-opinions`, input),
    onSuccess: () => refresh(),
  });
}

/** The resident's name and full phone; the server records who looked. */
export function useRevealOpinionContact() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ name: string | null; phone: string | null }>(`/api/v1/resident-opinions/${enc(id)}/reveal-contact`, {}),
  });
}

export function useCloseOpinion() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => api.post<OpinionDetail>(`/api/v1/resident-opinions/${enc(id)}/close`, { note }),
    onSuccess: () => refresh(),
  });
}

export function useNotifyResident() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; method: NotificationMethod; note: string; notifiedOn?: string }) =>
      api.post<OpinionDetail>(`/api/v1/resident-opinions/${enc(id)}/notifications`, body),
    onSuccess: () => refresh(),
  });
}

// ---- consolidation (梳理归纳) ------------------------------------------------------------------

export function useProposals(townshipId: string, year: number) {
  return useQuery({
    queryKey: [DUTY, townshipId, 'proposals', year],
    queryFn: ({ signal }) => api.get<{ year: number; threshold: number; groups: Proposal[] }>(`${tw(townshipId)}/opinion-proposals`, { query: { year }, signal }),
  });
}

export function useConsolidations(townshipId: string, year: number) {
  return useQuery({
    queryKey: [DUTY, townshipId, 'consolidations', year],
    queryFn: ({ signal }) => api.get<ItemList<Consolidation>>(`${tw(townshipId)}/opinion-consolidations`, { query: { year }, signal }),
    select: (data) => data.items,
  });
}

export function useCreateConsolidation(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { title: string; summary: string; category?: string | null; opinionIds: string[] }) =>
      api.post<Consolidation>(`${tw(townshipId)}/opinion-consolidations`, input),
    onSuccess: () => refresh(),
  });
}

export function useUpdateConsolidation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; title?: string; summary?: string; category?: string | null }) =>
      api.patch<Consolidation>(`/api/v1/opinion-consolidations/${enc(id)}`, input),
    onSuccess: () => refresh(),
  });
}

export function useDissolveConsolidation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/opinion-consolidations/${enc(id)}`),
    onSuccess: () => refresh(),
  });
}

/** Merges opinions (or a whole other item's opinions) into a consolidated item. */
export function useAddToConsolidation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, opinionIds }: { id: string; opinionIds: string[] }) => api.post<Consolidation>(`/api/v1/opinion-consolidations/${enc(id)}/opinions`, { opinionIds }),
    onSuccess: () => refresh(),
  });
}

/** Splits one opinion off an item; the item dissolves when it was the last. */
export function useRemoveFromConsolidation() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, opinionId }: { id: string; opinionId: string }) =>
      api.delete<{ isDissolved: boolean; consolidation: Consolidation | null }>(`/api/v1/opinion-consolidations/${enc(id)}/opinions/${enc(opinionId)}`),
    onSuccess: () => refresh(),
  });
}

export function useConsolidationToSuggestion() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; authorDeputyId: string; title?: string; content?: string; isPublic?: boolean }) =>
      api.post<Consolidation>(`/api/v1/opinion-consolidations/${enc(id)}/suggestion`, body),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['suggestions'] });
    },
  });
}

// ---- 述职评议 -----------------------------------------------------------------------------------

export function useEvaluations(townshipId: string, year: number | undefined) {
  return useQuery({
    queryKey: [DUTY, townshipId, 'evaluations', year],
    queryFn: ({ signal }) => api.get<ItemList<Evaluation>>(`${tw(townshipId)}/duty-evaluations`, { query: { year }, signal }),
    select: (data) => data.items,
  });
}

export function useEvaluation(id: string) {
  return useQuery({
    queryKey: [DUTY, 'evaluation', id],
    queryFn: ({ signal }) => api.get<Evaluation>(`/api/v1/duty-evaluations/${enc(id)}`, { signal }),
  });
}

function useEvaluationRefresh() {
  const queryClient = useQueryClient();
  return (e: Evaluation) => {
    queryClient.setQueryData([DUTY, 'evaluation', e.id], e);
    void queryClient.invalidateQueries({ queryKey: [DUTY, e.townshipId, 'evaluations'] });
  };
}

export function useCreateEvaluation(townshipId: string) {
  const refresh = useEvaluationRefresh();
  return useMutation({
    mutationFn: (input: EvaluationInput) => api.post<Evaluation>(`${tw(townshipId)}/duty-evaluations`, input),
    onSuccess: refresh,
  });
}

export function useUpdateEvaluation(id: string) {
  const refresh = useEvaluationRefresh();
  return useMutation({
    mutationFn: (input: Partial<EvaluationInput>) => api.patch<Evaluation>(`/api/v1/duty-evaluations/${enc(id)}`, input),
    onSuccess: refresh,
  });
}

export function useRecordResult(id: string) {
  const refresh = useEvaluationRefresh();
  return useMutation({
    mutationFn: ({ deputyId, ...body }: Ratings & { deputyId: string; evaluation?: string | null }) =>
      api.put<Evaluation>(`/api/v1/duty-evaluations/${enc(id)}/deputies/${enc(deputyId)}/result`, body),
    onSuccess: refresh,
  });
}

/** The deputy's report (述职报告), .docx or .pdf. */
export function useUploadReport(id: string) {
  const refresh = useEvaluationRefresh();
  return useMutation({
    mutationFn: ({ deputyId, file }: { deputyId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<Evaluation>(`/api/v1/duty-evaluations/${enc(id)}/deputies/${enc(deputyId)}/report`, form);
    },
    onSuccess: refresh,
  });
}

export function usePublishEvaluation(id: string) {
  const refresh = useEvaluationRefresh();
  return useMutation({
    mutationFn: (isPublished: boolean) => api.post<Evaluation>(`/api/v1/duty-evaluations/${enc(id)}/publish`, { isPublished }),
    onSuccess: refresh,
  });
}

/** Downloads a file of the API (a report, the 通报 .docx) and hands it to the browser. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  saveFile(await apiDownload('GET', url, undefined, { fallbackName }));
}

// ---- 代表码 ----------------------------------------------------------------------------------

export function usePublicCode(deputyId: string | undefined) {
  return useQuery({
    enabled: Boolean(deputyId),
    queryKey: [DUTY, 'public-code', deputyId],
    queryFn: ({ signal }) => api.get<PublicCode>(`/api/v1/deputies/${enc(deputyId!)}/public-code`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The QR code as SVG text (the session cookie authorises it), drawn inline. */
export function useQrSvg(deputyId: string | undefined) {
  return useQuery({
    enabled: Boolean(deputyId),
    queryKey: [DUTY, 'qr', deputyId],
    queryFn: async ({ signal }) => {
      const file = await apiDownload('GET', `/api/v1/deputies/${enc(deputyId!)}/qr`, undefined, { signal });
      return file.blob.text();
    },
    staleTime: 5 * 60_000,
  });
}

export function useRotatePublicCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deputyId: string) => api.post<PublicCode>(`/api/v1/deputies/${enc(deputyId)}/public-code/rotate`, {}),
    onSuccess: (code) => {
      queryClient.setQueryData([DUTY, 'public-code', code.deputyId], code);
      void queryClient.invalidateQueries({ queryKey: [DUTY, 'qr', code.deputyId] });
    },
  });
}
