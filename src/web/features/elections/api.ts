import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiDownload, saveFile } from '../../app/api/client';
import type { ElectionDetail, Figures, GuidanceRole, Office, Profile, RoundDetail, RoundListItem, Roll, Seats, StepDocument, TallyRound } from './types';

const enc = encodeURIComponent;

const keys = {
  rounds: (townshipId: string) => ['election-rounds', townshipId] as const,
  round: (id: string) => ['election-round', id] as const,
  election: (id: string) => ['village-election', id] as const,
  roll: (id: string) => ['village-election', id, 'roll'] as const,
};

export function useProfiles() {
  return useQuery({ queryKey: ['election-profiles'], queryFn: () => api.get<{ items: Profile[]; relations: string[] }>('/api/v1/election-profiles'), staleTime: Infinity });
}

export function useRounds(townshipId: string) {
  return useQuery({ queryKey: keys.rounds(townshipId), queryFn: () => api.get<{ items: RoundListItem[] }>(`/api/v1/townships/${enc(townshipId)}/election-rounds`) });
}

export interface RoundInput {
  name: string; year: number; plannedVoteDay: string; profileKey: string; runoffExtraCandidates: number; seats: Seats; ballotBoxes: number;
}

export function useCreateRound(townshipId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RoundInput) => api.post<RoundDetail>(`/api/v1/townships/${enc(townshipId)}/election-rounds`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.rounds(townshipId) }),
  });
}

export function useRound(id: string) {
  return useQuery({ queryKey: keys.round(id), queryFn: () => api.get<RoundDetail>(`/api/v1/election-rounds/${enc(id)}`) });
}

function useRoundMutation<I>(id: string, fn: (input: I) => Promise<RoundDetail>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (data) => { qc.setQueryData(keys.round(id), data); void qc.invalidateQueries({ queryKey: ['election-rounds'] }); } });
}

export function useSetGuidance(id: string) {
  return useRoundMutation(id, (members: { deputyId?: string | null; name: string; role: GuidanceRole; title?: string | null }[]) => api.put<RoundDetail>(`/api/v1/election-rounds/${enc(id)}/guidance`, { members }));
}

export function useAddTraining(id: string) {
  return useRoundMutation(id, (input: { heldOn: string; topic: string; place: string; attendees: { name: string; villageId?: string | null; duty?: string | null }[] }) =>
    api.post<RoundDetail>(`/api/v1/election-rounds/${enc(id)}/trainings`, input));
}

export function useRemoveTraining(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (trainingId: string) => api.delete(`/api/v1/election-trainings/${enc(trainingId)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.round(roundId) }),
  });
}

export function useUpdateRound(id: string) {
  return useRoundMutation(id, (input: { runoffExtraCandidates?: number; name?: string }) => api.patch<RoundDetail>(`/api/v1/election-rounds/${enc(id)}`, input));
}

export function useElection(id: string) {
  return useQuery({ queryKey: keys.election(id), queryFn: () => api.get<ElectionDetail>(`/api/v1/village-elections/${enc(id)}`) });
}

/** A change to the election: the server answers with the whole election, or the page reloads it. */
function useElectionMutation<I, O>(id: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.election(id) });
      void qc.invalidateQueries({ queryKey: ['election-round'] });
    },
  });
}

export function useUpdateElection(id: string) {
  return useElectionMutation(id, (input: { seats?: Seats; ballotBoxes?: number; runoffBallotBoxes?: number | null }) => api.patch<ElectionDetail>(`/api/v1/village-elections/${enc(id)}`, input));
}

export function useUpdateStep(id: string) {
  return useElectionMutation(id, ({ key, ...body }: { key: string; plannedOn?: string | null; doneOn?: string | null; note?: string | null }) =>
    api.put<ElectionDetail>(`/api/v1/village-elections/${enc(id)}/steps/${enc(key)}`, body));
}

export function useAddCandidate(id: string) {
  return useElectionMutation(id, (input: { office: Office; name: string; gender: 'male' | 'female' }) => api.post(`/api/v1/village-elections/${enc(id)}/candidates`, input));
}

export function useRemoveCandidate(id: string) {
  return useElectionMutation(id, (candidateId: string) => api.delete(`/api/v1/election-candidates/${enc(candidateId)}`));
}

export function useRoll(id: string) {
  return useQuery({ queryKey: keys.roll(id), queryFn: () => api.get<Roll>(`/api/v1/village-elections/${enc(id)}/roll`) });
}

export function useImportRoll(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, replace }: { file: File; replace: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<{ imported: number; total: number }>(`/api/v1/village-elections/${enc(id)}/roll/import`, form, { query: { replace } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.election(id) });
      void qc.invalidateQueries({ queryKey: ['election-round'] });
    },
  });
}

export function useAddProxy(id: string) {
  return useElectionMutation(id, (input: { principalVoterId: string; proxyVoterId: string; relation: string }) => api.post(`/api/v1/village-elections/${enc(id)}/proxies`, input));
}

export function useRemoveProxy(id: string) {
  return useElectionMutation(id, (proxyId: string) => api.delete(`/api/v1/election-proxies/${enc(proxyId)}`));
}

export function revealVoterId(voterId: string): Promise<{ idNumber: string }> {
  return api.post<{ idNumber: string }>(`/api/v1/election-voters/${enc(voterId)}/reveal`);
}

export interface EntryInput extends Figures { round: TallyRound; boxNo: number }

export function useTallyEntry(id: string) {
  return useElectionMutation(id, (input: EntryInput) => api.post(`/api/v1/village-elections/${enc(id)}/tally/entries`, input));
}

export function useResolveBox(id: string) {
  return useElectionMutation(id, (input: EntryInput) => api.post(`/api/v1/village-elections/${enc(id)}/tally/resolve`, input));
}

export function useCount(id: string) {
  return useElectionMutation(id, (input: { round: TallyRound; day?: string }) => api.post<ElectionDetail>(`/api/v1/village-elections/${enc(id)}/count`, input));
}

export async function downloadElectionFile(id: string, file: 'announcement.docx' | 'roll/published.docx' | 'roll/template.xlsx', fallbackName: string): Promise<void> {
  saveFile(await apiDownload('GET', `/api/v1/village-elections/${enc(id)}/${file}`, undefined, { fallbackName }));
}

/** Attaches a document (.pdf, .docx, .jpg, .png) to a calendar step. */
export function useUploadStepDocument(id: string) {
  return useElectionMutation(id, ({ key, file }: { key: string; file: File }) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<StepDocument>(`/api/v1/village-elections/${enc(id)}/steps/${enc(key)}/documents`, form);
  });
}

export function useRemoveStepDocument(id: string) {
  return useElectionMutation(id, (documentId: string) => api.delete(`/api/v1/election-documents/${enc(documentId)}`));
}

export async function downloadStepDocument(doc: StepDocument): Promise<void> {
  saveFile(await apiDownload('GET', `/api/v1/election-documents/${enc(doc.id)}/download`, undefined, { fallbackName: doc.fileName }));
}
