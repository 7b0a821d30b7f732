import { z } from 'zod';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type * as repo from './presidium-meetings.repository.js';
import { meetingAbilities, type MeetingDetail, type MeetingSummary } from './presidium-meetings.service.js';

export const PRESIDIUM_ATTENDANCE = ['unmarked', 'present', 'absent'] as const;
export const PRESIDIUM_POSITIONS = ['chair', 'vice_chair', 'member'] as const;

export const ZMeetingAbilities = z.object({ manage: z.boolean(), record: z.boolean() });

export const ZMeeting = z.object({
  id: z.string(),
  townshipId: z.string(),
  /** 2026年第2次主席团会议 */
  name: z.string(),
  numberInYear: z.number(),
  meetingDate: z.string(),
  place: z.string(),
  convenedByDeputyId: z.string(),
  convenedByName: z.string(),
  /** Presidium members when recorded: the base of the quorum. */
  memberCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZMeetingListItem = ZMeeting.extend({
  presentCount: z.number(),
  /** More than 2/3 of memberCount present. */
  hasQuorum: z.boolean(),
  topicCount: z.number(),
  decidedCount: z.number(),
});

export const ZMeetingQuorum = z.object({
  members: z.number(),
  present: z.number(),
  absent: z.number(),
  unmarked: z.number(),
  threshold: z.number(),
  hasQuorum: z.boolean(),
  shortBy: z.number(),
});

export const ZAttendee = z.object({
  deputyId: z.string(),
  seq: z.number(),
  name: z.string(),
  position: z.enum(PRESIDIUM_POSITIONS),
  status: z.enum(PRESIDIUM_ATTENDANCE),
  absenceReason: z.string().nullable(),
});

export const ZTopic = z.object({
  id: z.string(),
  meetingId: z.string(),
  position: z.number(),
  title: z.string(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ZMeetingDocument = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});

export const ZMeetingDetail = ZMeeting.extend({
  townshipName: z.string(),
  minutes: z.string().nullable(),
  quorum: ZMeetingQuorum,
  attendees: z.array(ZAttendee),
  topics: z.array(ZTopic),
  documents: z.array(ZMeetingDocument),
  minutesUrl: z.string(),
  can: ZMeetingAbilities,
});

/** 2026年第2次主席团会议 */
export function meetingName(date: string, numberInYear: number): string {
  const n = numberInYear >= 1 && numberInYear <= 99 ? toChineseNumeral(numberInYear) : String(numberInYear);
  return `${date.slice(0, 4)}年第${n}次主席团会议`;
}

function presentMeeting(m: repo.MeetingRow, numberInYear: number): z.infer<typeof ZMeeting> {
  return {
    id: m.id, townshipId: m.township_id, name: meetingName(m.meeting_date, numberInYear), numberInYear, meetingDate: m.meeting_date,
    place: m.place, convenedByDeputyId: m.convened_by_deputy_id, convenedByName: m.convened_by_name, memberCount: m.member_count,
    createdAt: m.created_at, updatedAt: m.updated_at,
  };
}

export function presentMeetingListItem(s: MeetingSummary): z.infer<typeof ZMeetingListItem> {
  return {
    ...presentMeeting(s.meeting, s.numberInYear), presentCount: s.present,
    hasQuorum: s.present * 3 > s.meeting.member_count * 2, topicCount: s.topics, decidedCount: s.decided,
  };
}

export function presentTopic(t: repo.TopicRow): z.infer<typeof ZTopic> {
  return { id: t.id, meetingId: t.meeting_id, position: t.position, title: t.title, decision: t.decision, decidedAt: t.decided_at };
}

export function presentMeetingDocument(d: repo.DocumentRow): z.infer<typeof ZMeetingDocument> {
  return { id: d.id, fileName: d.file_name, mime: d.mime, sizeBytes: d.size_bytes, createdAt: d.created_at, downloadUrl: `/api/v1/presidium-meeting-documents/${d.id}/download` };
}

export function presentMeetingDetail(actor: Actor, d: MeetingDetail): z.infer<typeof ZMeetingDetail> {
  return {
    ...presentMeeting(d.meeting, d.numberInYear),
    townshipName: d.townshipName,
    minutes: d.meeting.minutes,
    quorum: d.quorum,
    attendees: d.attendees.map((a) => ({ deputyId: a.deputy_id, seq: a.seq, name: a.deputy_name, position: a.position, status: a.status, absenceReason: a.absence_reason })),
    topics: d.topics.map(presentTopic),
    documents: d.documents.map(presentMeetingDocument),
    minutesUrl: `/api/v1/presidium-meetings/${d.meeting.id}/minutes.docx`,
    can: meetingAbilities(actor),
  };
}
