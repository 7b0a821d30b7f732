import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type { GeneratedReport, ReportTemplate, SectionNarrative, SummaryPreview, YearFacts } from './types';

const enc = encodeURIComponent;
const REPORTS = 'reports';

export function useYearFacts(townshipId: string, year: number) {
  return useQuery({
    queryKey: [REPORTS, townshipId, year, 'facts'],
    queryFn: ({ signal }) => api.get<YearFacts>('/api/v1/reports/facts', { query: { year, townshipId }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNarratives(townshipId: string, year: number) {
  return useQuery({
    queryKey: [REPORTS, townshipId, year, 'narratives'],
    queryFn: ({ signal }) => api.get<{ items: SectionNarrative[] }>('/api/v1/reports/narratives', { query: { year, townshipId }, signal }),
  });
}

export function useSummaryPreview(townshipId: string, year: number) {
  return useQuery({
    queryKey: [REPORTS, townshipId, year, 'preview'],
    queryFn: ({ signal }) => api.post<SummaryPreview>(`/api/v1/reports/summary/preview?year=${year}&townshipId=${enc(townshipId)}`, undefined, { signal }),
  });
}

/** The summary with one section's unsaved draft in place: what saving would print. */
export function previewDraft(townshipId: string, year: number, draft: { section: string; heading?: string | null; body: string }) {
  return api.post<SummaryPreview>(`/api/v1/reports/summary/preview?year=${year}&townshipId=${enc(townshipId)}`, draft);
}

export function useGenerated(townshipId: string, year: number) {
  return useQuery({
    queryKey: [REPORTS, townshipId, year, 'generated'],
    queryFn: ({ signal }) => api.get<{ items: GeneratedReport[] }>('/api/v1/reports/generated', { query: { year, townshipId }, signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: [REPORTS] });
}

export function useSaveNarrative(townshipId: string, year: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ section, heading, body }: { section: string; heading?: string | null; body: string }) =>
      api.put<SectionNarrative>(`/api/v1/reports/narratives/${enc(section)}?year=${year}&townshipId=${enc(townshipId)}`, { heading, body }),
    onSuccess: refresh,
  });
}

export function useResetNarrative(townshipId: string, year: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (section: string) => api.delete<SectionNarrative>(`/api/v1/reports/narratives/${enc(section)}?year=${year}&townshipId=${enc(townshipId)}`),
    onSuccess: refresh,
  });
}

export function usePublishSummary(townshipId: string, year: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<{ articleId: string; url: string }>(`/api/v1/reports/summary/publish?year=${year}&townshipId=${enc(townshipId)}`),
    onSuccess: refresh,
  });
}

/** Downloads a generated report (.docx) and hands it to the browser. */
export async function downloadReport(path: string, query: Record<string, string | number>, fallbackName: string): Promise<void> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  saveFile(await apiDownload('GET', `${path}?${qs}`, undefined, { fallbackName }));
}

export function useTemplates(townshipId: string) {
  return useQuery({
    queryKey: [REPORTS, townshipId, 'templates'],
    queryFn: ({ signal }) => api.get<{ items: ReportTemplate[] }>('/api/v1/reports/templates', { query: { townshipId }, signal }),
  });
}

export function useUploadTemplate(townshipId: string, year: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ReportTemplate>(`/api/v1/reports/templates?year=${year}&townshipId=${enc(townshipId)}`, form);
    },
    onSuccess: refresh,
  });
}

export function useArchiveTemplate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/reports/templates/${enc(id)}`),
    onSuccess: refresh,
  });
}
