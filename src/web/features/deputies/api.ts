import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, type DownloadedFile } from '../../app/api/client';
import type { ItemList, Township } from '../../app/api/types';
import { compareNames } from './format';

/** The API's shapes for deputies, as sent by src/server/modules/deputies/deputies.presenter.ts. */

export const DEPUTY_LEVELS = ['township', 'county'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];
export type Gender = 'male' | 'female';
export const PRESIDIUM_POSITIONS = ['chair', 'vice_chair', 'member'] as const;
export type PresidiumPosition = (typeof PRESIDIUM_POSITIONS)[number];

/** 政治面貌 and 文化程度 choices: the same lists as the server (deputies.rules.ts). */
export const PARTIES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学'] as const;
/** The server's default 职业类别, used only when the township's settings carry none. */
const DEFAULT_OCCUPATIONS = ['工人', '农民', '专业技术人员', '党政机关干部', '企业负责人', '村（社区）干部', '解放军', '其他'];

/**
 * A deputy as anyone of the township sees them in the list: what the portal's 代表风采 shows anyway
 * and what the co-signer and participant pickers need (minimum necessary, 个人信息保护法).
 */
export interface DeputyBrief {
  id: string;
  townshipId: string;
  level: DeputyLevel;
  termNumber: number;
  name: string;
  gender: Gender;
  workplace: string | null;
  constituencyId: string | null;
  groupId: string | null;
  mandateStart: string;
  mandateEnd: string | null;
  isServing: boolean;
  can: { update: boolean; updateOwn: boolean; reveal: boolean; createAccount: boolean };
}

/** A deputy's roster record: for the office, the presidium, the county and the deputy their own. */
export interface Deputy extends DeputyBrief {
  ethnicity: string;
  birthDate: string;
  idNumberMasked: string;
  party: string;
  education: string;
  occupation: string;
  phoneMasked: string | null;
  endReason: string | null;
  holdsGovernmentPost: boolean;
  hasAccount: boolean;
}

/** An item of GET /townships/:id/deputies: the roster record where the actor may read it, else the brief. */
export type DeputyListItem = Deputy | DeputyBrief;

/** Whether a list item is a full roster record. */
export const isRosterRecord = (d: DeputyListItem): d is Deputy => 'birthDate' in d;

export interface DeputyInput {
  level: DeputyLevel;
  termNumber: number;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  party: string;
  education: string;
  occupation: string;
  workplace?: string | null;
  constituencyId?: string | null;
  groupId?: string | null;
  phone?: string | null;
  mandateStart: string;
  mandateEnd?: string | null;
  endReason?: string | null;
  holdsGovernmentPost?: boolean;
}

/** What a deputy may change on their own record (deputies.service.ts SELF_EDITABLE_FIELDS). */
export type OwnDeputyInput = Partial<Pick<DeputyInput, 'phone' | 'education' | 'workplace'>>;

export interface DeputyFilter {
  level?: DeputyLevel;
  termNumber?: number;
  constituencyId?: string;
  groupId?: string;
  current?: boolean;
  search?: string;
}

export interface Constituency {
  id: string;
  name: string;
  registeredVoters: number;
  seats: number;
  villageIds: string[];
  deputyCount: number;
}

export interface ConstituencyInput {
  name: string;
  registeredVoters: number;
  seats: number;
  villageIds: string[];
}

export interface DeputyGroup {
  id: string;
  name: string;
  leaderDeputyId: string | null;
  memberCount: number;
  /** 'below_minimum': fewer than 3 serving members (地方组织法 第43条). */
  warnings: string[];
}

export interface PresidiumMember {
  id: string;
  deputyId: string;
  deputyName: string;
  position: PresidiumPosition;
  termNumber: number;
  sessionLabel: string;
  electedOn: string;
  holdsGovernmentPost: boolean;
}

export interface Presidium {
  members: PresidiumMember[];
  /** 'government_post:<deputyId>': a chair or vice-chair holding a government post (第18条). */
  warnings: string[];
}

export interface PresidiumInput {
  termNumber: number;
  sessionLabel: string;
  electedOn: string;
  members: { deputyId: string; position: PresidiumPosition }[];
}

export interface AreaAssignment {
  leaderDeputyId: string;
  villageIds: string[];
  deputyIds: string[];
}

export interface DutyItem {
  date: string;
  title: string;
  detail?: string;
  source: { type: string; id: string };
}

export interface DutySection {
  key: string;
  items: DutyItem[];
  events: { kind: string; count: number }[];
}

export interface DutyRecord {
  deputy: Deputy;
  year: number;
  /** Already worded by the server (e.g. 第十四届人大第一次会议选举的主席团主席). */
  roles: string[];
  sections: DutySection[];
  score: { total: number; breakdown: Record<string, { count: number; pointsEach: number; points: number }> };
  rank: number | null;
  rankedOf: number;
}

export interface RankingEntry {
  deputyId: string;
  name: string;
  level: string;
  total: number;
  rank: number;
}

export interface ImportProblem {
  row: number;
  column: string;
  reason: string;
}

export interface ImportCheck {
  rowCount: number;
  problems: ImportProblem[];
  missingConstituencies: string[];
  missingGroups: string[];
}

export interface ImportResult {
  imported: number;
  createdConstituencies: number;
  createdGroups: number;
}

const tw = (townshipId: string) => `/api/v1/townships/${encodeURIComponent(townshipId)}`;
const dep = (id: string) => `/api/v1/deputies/${encodeURIComponent(id)}`;

/** The township's 职业类别 list (township settings `occupations`). */
export function occupationsOf(township: Township): string[] {
  const list = (township.settings as { occupations?: unknown }).occupations;
  return Array.isArray(list) && list.every((x) => typeof x === 'string') ? (list as string[]) : DEFAULT_OCCUPATIONS;
}

/** One query for both hooks below: the same request and cache whichever shape the page reads. */
function deputyListQuery(townshipId: string, filter: DeputyFilter) {
  return {
    queryKey: ['deputies', townshipId, 'list', filter],
    queryFn: () => api.get<ItemList<DeputyListItem>>(`${tw(townshipId)}/deputies`, {
      query: {
        level: filter.level, termNumber: filter.termNumber, constituencyId: filter.constituencyId, groupId: filter.groupId,
        current: filter.current ? 'true' : undefined, search: filter.search?.trim() || undefined,
      },
    }),
    placeholderData: (previous: ItemList<DeputyListItem> | undefined) => previous,
  };
}

/**
 * The roster: full records, for pages of roster readers (duty.read), to whom the server sends
 * every item full. A brief item (never expected there) is left out rather than shown half empty.
 */
export function useDeputies(townshipId: string, filter: DeputyFilter = {}) {
  return useQuery({ ...deputyListQuery(townshipId, filter), select: (data) => data.items.filter(isRosterRecord) });
}

/** The township's deputies as any role may see them: for pickers and names by id. */
export function useDeputyBriefs(townshipId: string, filter: DeputyFilter = {}) {
  return useQuery({ ...deputyListQuery(townshipId, filter), select: (data): DeputyBrief[] => data.items });
}

/** The signed-in deputy's own record; 404 when the account is linked to no deputy. */
export function useOwnDeputy(enabled = true) {
  return useQuery({
    queryKey: ['deputies', 'me'],
    queryFn: () => api.get<Deputy>('/api/v1/deputies/me'),
    enabled,
    retry: false,
  });
}

export function useDutyRecord(deputyId: string | undefined, year: number) {
  return useQuery({
    queryKey: ['deputies', 'record', deputyId, year],
    queryFn: () => api.get<DutyRecord>(`${dep(deputyId!)}/duty-record`, { query: { year } }),
    enabled: Boolean(deputyId),
  });
}

export function useDutyRanking(townshipId: string, year: number) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'ranking', year],
    queryFn: () => api.get<{ year: number; items: RankingEntry[] }>(`${tw(townshipId)}/duty-ranking`, { query: { year } }),
    select: (data) => data.items,
  });
}

export function useConstituencies(townshipId: string) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'constituencies'],
    queryFn: () => api.get<ItemList<Constituency>>(`${tw(townshipId)}/constituencies`),
    select: (data) => [...data.items].sort((a, b) => compareNames(a.name, b.name)),
  });
}

export function useGroups(townshipId: string) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'groups'],
    queryFn: () => api.get<ItemList<DeputyGroup>>(`${tw(townshipId)}/deputy-groups`),
    select: (data) => [...data.items].sort((a, b) => compareNames(a.name, b.name)),
  });
}

export function usePresidium(townshipId: string) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'presidium'],
    queryFn: () => api.get<Presidium>(`${tw(townshipId)}/presidium`),
  });
}

export function useAreaAssignments(townshipId: string) {
  return useQuery({
    queryKey: ['deputies', townshipId, 'areas'],
    queryFn: () => api.get<ItemList<AreaAssignment>>(`${tw(townshipId)}/area-assignments`),
    select: (data) => data.items,
  });
}

/** Everything of this feature is refetched after a change: counts and names appear on every page. */
function useInvalidateDeputies(townshipId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['deputies'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard', townshipId] });
  };
}

export function useCreateDeputy(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: (input: DeputyInput) => api.post<Deputy>(`${tw(townshipId)}/deputies`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateDeputy(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<DeputyInput> & { id: string }) => api.patch<Deputy>(dep(id), patch),
    onSuccess: invalidate,
  });
}

/** The full 身份证号 and phone; the server logs every call (个人信息保护法). */
export function useRevealDeputy() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ idNumber: string; phone: string | null }>(`${dep(id)}/reveal`, {}),
  });
}

export function useCreateDeputyAccount(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, username }: { id: string; username: string }) =>
      api.post<{ username: string; temporaryPassword: string }>(`${dep(id)}/account`, { username }),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['users', townshipId] });
    },
  });
}

export function useSaveConstituency(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: ({ id, ...input }: ConstituencyInput & { id?: string }) => (id
      ? api.put<{ id: string }>(`/api/v1/constituencies/${encodeURIComponent(id)}`, input)
      : api.post<{ id: string }>(`${tw(townshipId)}/constituencies`, input)),
    onSuccess: invalidate,
  });
}

export function useSaveGroup(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: ({ id, ...input }: { id?: string; name: string; leaderDeputyId: string | null }) => (id
      ? api.put<{ id: string }>(`/api/v1/deputy-groups/${encodeURIComponent(id)}`, input)
      : api.post<{ id: string }>(`${tw(townshipId)}/deputy-groups`, input)),
    onSuccess: invalidate,
  });
}

export function useElectPresidium(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: (input: PresidiumInput) => api.post<Presidium>(`${tw(townshipId)}/presidium`, input),
    onSuccess: invalidate,
  });
}

export function useAssignArea(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: ({ leaderDeputyId, ...input }: AreaAssignment) =>
      api.put<AreaAssignment>(`${tw(townshipId)}/area-assignments/${encodeURIComponent(leaderDeputyId)}`, input),
    onSuccess: invalidate,
  });
}

// ---- Excel ------------------------------------------------------------------------------------

const importQuery = (createMissing: boolean) => ({ createMissing: createMissing ? 'true' : 'false' });

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

export function downloadImportTemplate(townshipId: string): Promise<DownloadedFile> {
  return apiDownload('GET', `${tw(townshipId)}/deputies/import-template`, undefined, { fallbackName: '代表名册导入模板.xlsx' });
}

export function downloadRoster(townshipId: string): Promise<DownloadedFile> {
  return apiDownload('GET', `${tw(townshipId)}/deputies/export`, undefined, { fallbackName: '代表名册.xlsx' });
}

/** Checks a sheet row by row; writes nothing. */
export function useCheckImport(townshipId: string) {
  return useMutation({
    mutationFn: ({ file, createMissing }: { file: File; createMissing: boolean }) =>
      api.upload<ImportCheck>(`${tw(townshipId)}/deputies/import/check`, fileForm(file), { query: importQuery(createMissing) }),
  });
}

/** The uploaded sheet back with a 错误原因 column. */
export function downloadImportErrorReport(townshipId: string, file: File, createMissing: boolean): Promise<DownloadedFile> {
  return apiDownload('POST', `${tw(townshipId)}/deputies/import/error-report`, fileForm(file), {
    query: importQuery(createMissing), fallbackName: '导入错误报告.xlsx',
  });
}

/** Imports all rows or none. */
export function useImportDeputies(townshipId: string) {
  const invalidate = useInvalidateDeputies(townshipId);
  return useMutation({
    mutationFn: ({ file, createMissing }: { file: File; createMissing: boolean }) =>
      api.upload<ImportResult>(`${tw(townshipId)}/deputies/import`, fileForm(file), { query: importQuery(createMissing) }),
    onSuccess: invalidate,
  });
}
