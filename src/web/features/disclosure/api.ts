import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type {
  Board, BoardFieldKey, Complaint, ComplaintInput, ComplaintList, EntryStatus, ModelVillageEntry, Overview, Programme, PublishedVillageDisclosure, UnitDisclosure,
  UnitPage, VillageDisclosure, VillagePeriods, AffairsItem, FinanceLine,
} from './types';

const enc = encodeURIComponent;
/** Every disclosure query starts with this key: a change anywhere refreshes the lists. */
const KEY = 'disclosure';

function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: [KEY] });
}

export function useOverview(townshipId: string, year: number) {
  return useQuery({ queryKey: [KEY, 'overview', townshipId, year], queryFn: ({ signal }) => api.get<Overview>(`/api/v1/townships/${enc(townshipId)}/disclosure/overview`, { query: { year }, signal }) });
}

// ---- units ----
export function useUnitPage(unitId: string) {
  return useQuery({ queryKey: [KEY, 'unit', unitId], queryFn: ({ signal }) => api.get<UnitPage>(`/api/v1/units/${enc(unitId)}/disclosure`, { signal }) });
}

export interface BoardInput { title?: string; fields?: Partial<Record<BoardFieldKey, string>> }

export function useCreateBoard(unitId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: BoardInput) => api.post<Board>(`/api/v1/units/${enc(unitId)}/enforcement-boards`, input), onSuccess: refresh });
}
export function useUpdateBoard() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: BoardInput }) => api.patch<Board>(`/api/v1/enforcement-boards/${enc(id)}`, input), onSuccess: refresh });
}
export function usePublishBoard() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<Board>(`/api/v1/enforcement-boards/${enc(id)}/publish`, {}), onSuccess: refresh });
}
export function useDiscardBoard() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/enforcement-boards/${enc(id)}`), onSuccess: refresh });
}
export function useAddCheck() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ boardId, checkedOn, note, file }: { boardId: string; checkedOn: string; note?: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload(`/api/v1/enforcement-boards/${enc(boardId)}/checks`, form, { query: { checkedOn, note: note || undefined } });
    },
    onSuccess: refresh,
  });
}
export async function downloadBoard(id: string, paper: 'A4' | 'A3'): Promise<void> {
  saveFile(await apiDownload('GET', `/api/v1/enforcement-boards/${enc(id)}/board.docx`, undefined, { query: { paper }, fallbackName: 'board.docx' }));
}

export interface UnitDisclosureInput { title?: string; procedures?: string; feeStandards?: string; otherContent?: string | null }
export function useCreateUnitDisclosure(unitId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: UnitDisclosureInput) => api.post<UnitDisclosure>(`/api/v1/units/${enc(unitId)}/disclosures`, input), onSuccess: refresh });
}
export function useUpdateUnitDisclosure() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: UnitDisclosureInput }) => api.patch<UnitDisclosure>(`/api/v1/unit-disclosures/${enc(id)}`, input), onSuccess: refresh });
}
export function usePublishUnitDisclosure() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<UnitDisclosure>(`/api/v1/unit-disclosures/${enc(id)}/publish`, {}), onSuccess: refresh });
}
export function useDiscardUnitDisclosure() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/unit-disclosures/${enc(id)}`), onSuccess: refresh });
}

// ---- villages ----
export function useVillagePeriods(villageId: string, year: number) {
  return useQuery({ queryKey: [KEY, 'village', villageId, year], queryFn: ({ signal }) => api.get<VillagePeriods>(`/api/v1/villages/${enc(villageId)}/disclosures`, { query: { year }, signal }) });
}
export function useCreateVillageDisclosure(villageId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (periodStart: string) => api.post<VillageDisclosure>(`/api/v1/villages/${enc(villageId)}/disclosures`, { periodStart }), onSuccess: refresh });
}
export function useVillageDisclosure(id: string) {
  return useQuery({ queryKey: [KEY, 'village-disclosure', id], queryFn: ({ signal }) => api.get<VillageDisclosure>(`/api/v1/village-disclosures/${enc(id)}`, { signal }) });
}
export interface ContentInput { items: AffairsItem[]; openingBalance: number | null; closingBalance: number | null; lines: FinanceLine[] }
export function useSaveContent(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ContentInput) => api.put<VillageDisclosure>(`/api/v1/village-disclosures/${enc(id)}/content`, {
      items: input.items.map((i) => ({ title: i.title, content: i.content })), openingBalance: input.openingBalance, closingBalance: input.closingBalance,
      lines: input.lines.map((l) => ({ direction: l.direction, category: l.category, description: l.description || null, amount: l.amount })),
    }),
    onSuccess: refresh,
  });
}
export function useImportSheet(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<VillageDisclosure>(`/api/v1/village-disclosures/${enc(id)}/import`, form);
    },
    onSuccess: refresh,
  });
}
export function usePublishVillageDisclosure() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<PublishedVillageDisclosure>(`/api/v1/village-disclosures/${enc(id)}/publish`, {}), onSuccess: refresh });
}
export function useReviseVillageDisclosure() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<VillageDisclosure>(`/api/v1/village-disclosures/${enc(id)}/revise`, {}), onSuccess: refresh });
}
export async function downloadTemplate(id: string): Promise<void> {
  saveFile(await apiDownload('GET', `/api/v1/village-disclosures/${enc(id)}/template.xlsx`, undefined, { fallbackName: 'template.xlsx' }));
}

// ---- rule of law ----
export function useComplaints(townshipId: string, year: number) {
  return useQuery({ queryKey: [KEY, 'complaints', townshipId, year], queryFn: ({ signal }) => api.get<ComplaintList>(`/api/v1/townships/${enc(townshipId)}/complaints`, { query: { year }, signal }) });
}
export function useSaveComplaint(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ComplaintInput }) => id
      ? api.patch<Complaint>(`/api/v1/administrative-complaints/${enc(id)}`, input)
      : api.post<Complaint>(`/api/v1/townships/${enc(townshipId)}/complaints`, input),
    onSuccess: refresh,
  });
}
export function useArchiveComplaint() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/v1/administrative-complaints/${enc(id)}`), onSuccess: refresh });
}
export function useModelVillages(townshipId: string, year: number) {
  return useQuery({
    queryKey: [KEY, 'model-villages', townshipId, year],
    queryFn: ({ signal }) => api.get<{ items: ModelVillageEntry[]; programmes: Programme[]; canManage: boolean }>(`/api/v1/townships/${enc(townshipId)}/model-villages`, { query: { year }, signal }),
  });
}
export function useCreateEntry(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { programmeId: string; villageId: string; year: number; note?: string | null }) => api.post<ModelVillageEntry>(`/api/v1/townships/${enc(townshipId)}/model-villages`, input), onSuccess: refresh });
}
export function useUpdateEntry() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, status, note }: { id: string; status?: EntryStatus; note?: string | null }) => api.patch<ModelVillageEntry>(`/api/v1/model-village-entries/${enc(id)}`, { status, note }), onSuccess: refresh });
}
export function useUpdateCriterion() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, isMet, evidence }: { id: string; isMet: boolean; evidence: string | null }) => api.put<ModelVillageEntry>(`/api/v1/model-village-criteria/${enc(id)}`, { isMet, evidence }), onSuccess: refresh });
}
export function useCreateProgramme(townshipId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { name: string; criteria: string[] }) => api.post<Programme>(`/api/v1/townships/${enc(townshipId)}/model-programmes`, input), onSuccess: refresh });
}
export function useUpdateProgramme() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; criteria?: string[]; archived?: boolean }) => api.patch<Programme>(`/api/v1/model-programmes/${enc(id)}`, input),
    onSuccess: refresh,
  });
}
