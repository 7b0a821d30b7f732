import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, apiDownload, saveFile } from '../../app/api/client';
import type { ItemList } from '../../app/api/types';
import type {
  AgendaItem, AgendaKind, Attendance, AttendanceEntry, BallotChoice, Checkin, Motion, Resolution, Session, SessionDetail,
  SessionDocument, SessionList, Vote, VoteKind,
} from './types';

const enc = encodeURIComponent;

/** How often the attendance and votes of an open session are reloaded: the count moves as deputies scan. */
export const LIVE_REFETCH_MS = 4_000;

export interface SessionInput {
  termNumber: number;
  sittingNumber: number;
  startDate: string;
  endDate: string;
  place: string;
  notes?: string | null;
}

export interface AgendaInput {
  kind: AgendaKind;
  title: string;
  description?: string | null;
}

export interface ResolutionInput {
  title: string;
  body: string;
  agendaItemId?: string | null;
}

export interface MotionInput {
  title: string;
  reason: string;
  basis: string;
  proposal: string;
  leadDeputyId?: string;
  coSignerIds: string[];
}

const keys = {
  list: (townshipId: string) => ['sessions', townshipId] as const,
  session: (id: string) => ['session', id] as const,
  attendance: (id: string) => ['session', id, 'attendance'] as const,
  votes: (id: string) => ['session', id, 'votes'] as const,
  vote: (id: string, voteId: string) => ['session', id, 'vote', voteId] as const,
  resolutions: (id: string) => ['session', id, 'resolutions'] as const,
  motions: (id: string) => ['session', id, 'motions'] as const,
};

export function useSessions(townshipId: string, year: number | undefined) {
  return useQuery({
    queryKey: [...keys.list(townshipId), { year }],
    queryFn: () => api.get<SessionList>(`/api/v1/townships/${enc(townshipId)}/sessions`, { query: { year } }),
  });
}

export function useCreateSession(townshipId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionInput) => api.post<Session>(`/api/v1/townships/${enc(townshipId)}/sessions`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.list(townshipId) }),
  });
}

/** One session; reloaded every few seconds while it is open (the quorum moves as deputies check in). */
export function useSession(id: string) {
  return useQuery({
    queryKey: keys.session(id),
    queryFn: () => api.get<SessionDetail>(`/api/v1/sessions/${enc(id)}`),
    refetchInterval: (query) => (query.state.data?.state === 'open' ? LIVE_REFETCH_MS : false),
  });
}

/** Everything of one session is reloaded after a change: quorum, votes and outcomes move together. */
function useInvalidateSession(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.session(id) });
    void queryClient.invalidateQueries({ queryKey: ['sessions'] });
  };
}

export function useUpdateSession(id: string) {
  const invalidate = useInvalidateSession(id);
  return useMutation({
    mutationFn: (patch: Partial<SessionInput>) => api.patch<SessionDetail>(`/api/v1/sessions/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useSessionTransition(id: string) {
  const invalidate = useInvalidateSession(id);
  return useMutation({
    mutationFn: (to: 'open' | 'close') => api.post<SessionDetail>(`/api/v1/sessions/${enc(id)}/${to}`),
    onSuccess: invalidate,
  });
}

// ---- agenda ----

export function useCreateAgendaItem(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: (input: AgendaInput) => api.post<AgendaItem>(`/api/v1/sessions/${enc(sessionId)}/agenda-items`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateAgendaItem(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<AgendaInput> & { id: string; archived?: boolean }) =>
      api.patch<AgendaItem>(`/api/v1/agenda-items/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useUploadDocument(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ agendaItemId, file }: { agendaItemId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<SessionDocument>(`/api/v1/agenda-items/${enc(agendaItemId)}/documents`, form);
    },
    onSuccess: invalidate,
  });
}

export function useArchiveDocument(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: (documentId: string) => api.delete<{ ok: true }>(`/api/v1/session-documents/${enc(documentId)}`),
    onSuccess: invalidate,
  });
}

// ---- attendance ----

export function useAttendance(sessionId: string, live: boolean) {
  return useQuery({
    queryKey: keys.attendance(sessionId),
    queryFn: () => api.get<Attendance>(`/api/v1/sessions/${enc(sessionId)}/attendance`),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
}

export function useRecordAttendance(sessionId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: (entries: AttendanceEntry[]) => api.post<Attendance>(`/api/v1/sessions/${enc(sessionId)}/attendance`, { entries }),
    onSuccess: (data) => {
      queryClient.setQueryData(keys.attendance(sessionId), data);
      invalidate();
    },
  });
}

/** The QR code of an open session's check-in page, as an SVG blob. */
export function useCheckinQr(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.session(sessionId), 'qr'],
    queryFn: async () => (await apiDownload('GET', `/api/v1/sessions/${enc(sessionId)}/checkin-qr`)).blob,
    enabled,
    staleTime: Infinity,
  });
}

/** Downloads a file the API generates (.docx) and saves it under the server's name. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  saveFile(await apiDownload('GET', path, undefined, { fallbackName }));
}

// ---- phone check-in ----

export function useCheckinInfo(token: string) {
  return useQuery({
    queryKey: ['checkin', token],
    queryFn: () => api.get<Checkin>(`/api/v1/checkin/${enc(token)}`),
    retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
  });
}

export function useCheckIn(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Checkin>(`/api/v1/checkin/${enc(token)}`),
    onSuccess: (data) => queryClient.setQueryData(['checkin', token], data),
  });
}

// ---- votes ----

export function useVotes(sessionId: string, live: boolean) {
  return useQuery({
    queryKey: keys.votes(sessionId),
    queryFn: () => api.get<ItemList<Vote>>(`/api/v1/sessions/${enc(sessionId)}/votes`),
    select: (data) => data.items,
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
}

/** One vote with its roll-call ballots. */
export function useVote(sessionId: string, voteId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.vote(sessionId, voteId),
    queryFn: () => api.get<Vote>(`/api/v1/votes/${enc(voteId)}`),
    enabled,
  });
}

export function useOpenVote(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: (input: { kind: VoteKind; title: string; agendaItemId?: string | null; resolutionId?: string | null }) =>
      api.post<Vote>(`/api/v1/sessions/${enc(sessionId)}/votes`, input),
    onSuccess: invalidate,
  });
}

export function useRecordBallots(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ voteId, ballots }: { voteId: string; ballots: { deputyId: string; choice: BallotChoice | null }[] }) =>
      api.post<Vote>(`/api/v1/votes/${enc(voteId)}/ballots`, { ballots }),
    onSuccess: (vote) => queryClient.setQueryData(keys.vote(sessionId, vote.id), vote),
  });
}

export function useCloseVote(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ voteId, counts }: { voteId: string; counts?: { yes: number; no: number; abstain: number } }) =>
      api.post<Vote>(`/api/v1/votes/${enc(voteId)}/close`, counts ?? {}),
    onSuccess: invalidate,
  });
}

export function useRevote(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ voteId, reason }: { voteId: string; reason: string }) => api.post<Vote>(`/api/v1/votes/${enc(voteId)}/revote`, { reason }),
    onSuccess: invalidate,
  });
}

// ---- resolutions ----

export function useResolutions(sessionId: string) {
  return useQuery({
    queryKey: keys.resolutions(sessionId),
    queryFn: () => api.get<ItemList<Resolution>>(`/api/v1/sessions/${enc(sessionId)}/resolutions`),
    select: (data) => data.items,
  });
}

export function useSaveResolution(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ id, ...input }: ResolutionInput & { id?: string }) => (id
      ? api.patch<Resolution>(`/api/v1/resolutions/${enc(id)}`, input)
      : api.post<Resolution>(`/api/v1/sessions/${enc(sessionId)}/resolutions`, input)),
    onSuccess: invalidate,
  });
}

// ---- motions ----

export function useMotions(sessionId: string) {
  return useQuery({
    queryKey: keys.motions(sessionId),
    queryFn: () => api.get<ItemList<Motion>>(`/api/v1/sessions/${enc(sessionId)}/motions`),
    select: (data) => data.items,
  });
}

export function useCreateMotion(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: (input: MotionInput) => api.post<Motion>(`/api/v1/sessions/${enc(sessionId)}/motions`, input),
    onSuccess: invalidate,
  });
}

export function useConfirmSignature(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ motionId, deputyId }: { motionId: string; deputyId: string }) =>
      api.post<Motion>(`/api/v1/motions/${enc(motionId)}/signers/${enc(deputyId)}/confirm`),
    onSuccess: invalidate,
  });
}

export function useDecideMotion(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ motionId, ...body }: { motionId: string; decision: 'put_on_agenda' | 'convert_to_suggestion'; note?: string | null }) =>
      api.post<Motion>(`/api/v1/motions/${enc(motionId)}/decision`, body),
    onSuccess: invalidate,
  });
}

/** The deputy record linked to the signed-in user (a deputy), or null. */
export function useOwnDeputyId(enabled: boolean) {
  return useQuery({
    queryKey: ['deputies', 'me', 'id'],
    queryFn: async () => {
      try {
        return (await api.get<{ id: string }>('/api/v1/deputies/me')).id;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
        throw err;
      }
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
