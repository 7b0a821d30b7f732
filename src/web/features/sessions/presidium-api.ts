import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import type { PresidiumDocument, PresidiumMeetingDetail, PresidiumMeetingListItem, PresidiumTopic } from './presidium-types';

const enc = encodeURIComponent;

export interface PresidiumMeetingInput {
  meetingDate: string;
  place: string;
  convenedByDeputyId?: string | null;
  topics?: string[];
}

export interface PresidiumAttendanceEntry {
  deputyId: string;
  status: 'present' | 'absent';
  absenceReason?: string | null;
}

const keys = {
  list: (townshipId: string) => ['presidium-meetings', townshipId] as const,
  meeting: (id: string) => ['presidium-meeting', id] as const,
};

export function usePresidiumMeetings(townshipId: string, year: number | undefined) {
  return useQuery({
    queryKey: [...keys.list(townshipId), { year }],
    queryFn: () => api.get<{ items: PresidiumMeetingListItem[] }>(`/api/v1/townships/${enc(townshipId)}/presidium-meetings`, { query: { year } }),
  });
}

export function usePresidiumMeeting(id: string) {
  return useQuery({ queryKey: keys.meeting(id), queryFn: () => api.get<PresidiumMeetingDetail>(`/api/v1/presidium-meetings/${enc(id)}`) });
}

export function useCreatePresidiumMeeting(townshipId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PresidiumMeetingInput) => api.post<PresidiumMeetingDetail>(`/api/v1/townships/${enc(townshipId)}/presidium-meetings`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['presidium-meetings'] }),
  });
}

/** A change to one meeting: its detail is replaced by the answer (or reloaded), the lists reloaded. */
function useMeetingMutation<I, O>(id: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if (data && typeof data === 'object' && 'attendees' in data) queryClient.setQueryData(keys.meeting(id), data);
      void queryClient.invalidateQueries({ queryKey: keys.meeting(id) });
      void queryClient.invalidateQueries({ queryKey: ['presidium-meetings'] });
    },
  });
}

export function useUpdatePresidiumMeeting(id: string) {
  return useMeetingMutation(id, (patch: Omit<Partial<PresidiumMeetingInput>, 'topics'>) => api.patch<PresidiumMeetingDetail>(`/api/v1/presidium-meetings/${enc(id)}`, patch));
}

export function useRecordPresidiumAttendance(id: string) {
  return useMeetingMutation(id, (entries: PresidiumAttendanceEntry[]) => api.post<PresidiumMeetingDetail>(`/api/v1/presidium-meetings/${enc(id)}/attendance`, { entries }));
}

export function useSavePresidiumMinutes(id: string) {
  return useMeetingMutation(id, (minutes: string | null) => api.put<PresidiumMeetingDetail>(`/api/v1/presidium-meetings/${enc(id)}/minutes`, { minutes }));
}

export function useAddPresidiumTopic(id: string) {
  return useMeetingMutation(id, (title: string) => api.post<PresidiumTopic>(`/api/v1/presidium-meetings/${enc(id)}/topics`, { title }));
}

export function useRemovePresidiumTopic(id: string) {
  return useMeetingMutation(id, (topicId: string) => api.patch<{ topic: null }>(`/api/v1/presidium-meeting-topics/${enc(topicId)}`, { archived: true }));
}

export function useRecordPresidiumDecision(id: string) {
  return useMeetingMutation(id, ({ topicId, decision }: { topicId: string; decision: string | null }) =>
    api.put<PresidiumTopic>(`/api/v1/presidium-meeting-topics/${enc(topicId)}/decision`, { decision }));
}

export function useUploadPresidiumDocument(id: string) {
  return useMeetingMutation(id, (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<PresidiumDocument>(`/api/v1/presidium-meetings/${enc(id)}/documents`, form);
  });
}

export function useArchivePresidiumDocument(id: string) {
  return useMeetingMutation(id, (documentId: string) => api.delete<{ ok: true }>(`/api/v1/presidium-meeting-documents/${enc(documentId)}`));
}
