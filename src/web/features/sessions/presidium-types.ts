/** Presidium meetings (主席团会议) as sent by src/server/modules/presidium-meetings/presidium-meetings.presenter.ts. */

export const PRESIDIUM_ATTENDANCE = ['unmarked', 'present', 'absent'] as const;
export type PresidiumAttendance = (typeof PRESIDIUM_ATTENDANCE)[number];
export type PresidiumPosition = 'chair' | 'vice_chair' | 'member';

export interface PresidiumMeeting {
  id: string;
  townshipId: string;
  /** 2026年第二次主席团会议 */
  name: string;
  numberInYear: number;
  meetingDate: string;
  place: string;
  convenedByDeputyId: string;
  convenedByName: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface PresidiumMeetingListItem extends PresidiumMeeting {
  presentCount: number;
  hasQuorum: boolean;
  topicCount: number;
  decidedCount: number;
}

export interface PresidiumQuorum {
  members: number;
  present: number;
  absent: number;
  unmarked: number;
  threshold: number;
  hasQuorum: boolean;
  shortBy: number;
}

export interface PresidiumAttendee {
  deputyId: string;
  seq: number;
  name: string;
  position: PresidiumPosition;
  status: PresidiumAttendance;
  absenceReason: string | null;
}

export interface PresidiumTopic {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  decision: string | null;
  decidedAt: string | null;
}

export interface PresidiumDocument {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  createdAt: string;
  downloadUrl: string;
}

export interface PresidiumMeetingDetail extends PresidiumMeeting {
  townshipName: string;
  minutes: string | null;
  quorum: PresidiumQuorum;
  attendees: PresidiumAttendee[];
  topics: PresidiumTopic[];
  documents: PresidiumDocument[];
  minutesUrl: string;
  can: { manage: boolean; record: boolean };
}

/** The quorum of a meeting from its attendance: more than 2/3 of the members (as the server counts it). */
export function presidiumQuorum(members: number, attendees: Pick<PresidiumAttendee, 'status'>[]): PresidiumQuorum {
  const present = attendees.filter((a) => a.status === 'present').length;
  const threshold = Math.floor((2 * members) / 3) + 1;
  return {
    members, present, threshold,
    absent: attendees.filter((a) => a.status === 'absent').length,
    unmarked: attendees.filter((a) => a.status === 'unmarked').length,
    hasQuorum: present >= threshold,
    shortBy: Math.max(0, threshold - present),
  };
}
