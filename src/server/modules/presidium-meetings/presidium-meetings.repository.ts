import type { Kysely, Transaction } from 'kysely';
import type {
  DB, PresidiumMeetingAttendeesTable, PresidiumMeetingDocumentsTable, PresidiumMeetingsTable, PresidiumMeetingTopicsTable,
} from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export const MEETING_COLUMNS = [
  'id', 'township_id', 'meeting_date', 'place', 'convened_by_deputy_id', 'convened_by_name', 'member_count', 'minutes',
  'created_by', 'created_at', 'updated_at', 'archived_at',
] as const;
export const ATTENDEE_COLUMNS = [
  'township_id', 'meeting_id', 'deputy_id', 'seq', 'deputy_name', 'position', 'status', 'absence_reason', 'recorded_by', 'updated_at',
] as const;
export const TOPIC_COLUMNS = [
  'id', 'township_id', 'meeting_id', 'position', 'title', 'decision', 'decided_by', 'decided_at', 'created_at', 'updated_at', 'archived_at',
] as const;
export const DOCUMENT_COLUMNS = [
  'id', 'township_id', 'meeting_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at', 'archived_at',
] as const;

export type MeetingRow = PresidiumMeetingsTable;
export type AttendeeRow = PresidiumMeetingAttendeesTable;
export type TopicRow = PresidiumMeetingTopicsTable;
export type DocumentRow = PresidiumMeetingDocumentsTable;

// ---- meetings -------------------------------------------------------------------------------

/** A meeting of one of `townshipIds`, or undefined: the scope is part of the lookup. */
export function findMeetingInScope(db: Db, id: string, townshipIds: string[]): Promise<MeetingRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('presidium_meetings').select(MEETING_COLUMNS)
    .where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

/** The township's meetings, newest first; `year` filters by the meeting date. */
export function listMeetings(db: Db, townshipId: string, year?: number): Promise<MeetingRow[]> {
  return db.selectFrom('presidium_meetings').select(MEETING_COLUMNS)
    .where('township_id', '=', townshipId)
    .where('archived_at', 'is', null)
    .$if(year !== undefined, (q) => q.where('meeting_date', '>=', `${year}-01-01`).where('meeting_date', '<=', `${year}-12-31`))
    .orderBy('meeting_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ids of the township's meetings of one year in order (date, then recording), for 第N次 numbering. */
export function listMeetingIdsOfYear(db: Db, townshipId: string, year: number): Promise<string[]> {
  return db.selectFrom('presidium_meetings').select('id')
    .where('township_id', '=', townshipId)
    .where('archived_at', 'is', null)
    .where('meeting_date', '>=', `${year}-01-01`).where('meeting_date', '<=', `${year}-12-31`)
    .orderBy('meeting_date').orderBy('created_at').orderBy('id')
    .execute().then((rows) => rows.map((r) => r.id));
}

export async function insertMeeting(db: Db, row: MeetingRow): Promise<void> {
  await db.insertInto('presidium_meetings').values(row).execute();
}

export async function updateMeeting(db: Db, id: string, patch: Partial<Omit<MeetingRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('presidium_meetings').set(patch).where('id', '=', id).execute();
}

// ---- attendees ------------------------------------------------------------------------------

export async function insertAttendees(db: Db, rows: AttendeeRow[]): Promise<void> {
  if (rows.length) await db.insertInto('presidium_meeting_attendees').values(rows).execute();
}

export function listAttendees(db: Db, meetingId: string): Promise<AttendeeRow[]> {
  return db.selectFrom('presidium_meeting_attendees').select(ATTENDEE_COLUMNS).where('meeting_id', '=', meetingId).orderBy('seq').execute();
}

export async function updateAttendee(db: Db, meetingId: string, deputyId: string, patch: Pick<AttendeeRow, 'status' | 'absence_reason' | 'recorded_by' | 'updated_at'>): Promise<void> {
  await db.updateTable('presidium_meeting_attendees').set(patch).where('meeting_id', '=', meetingId).where('deputy_id', '=', deputyId).execute();
}

/** Present attendees per meeting, for the list. */
export async function countPresentByMeeting(db: Db, meetingIds: string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.selectFrom('presidium_meeting_attendees')
    .select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meeting_id', 'in', meetingIds).where('status', '=', 'present')
    .groupBy('meeting_id').execute();
  return new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
}

// ---- topics ---------------------------------------------------------------------------------

export function listTopics(db: Db, meetingId: string): Promise<TopicRow[]> {
  return db.selectFrom('presidium_meeting_topics').select(TOPIC_COLUMNS)
    .where('meeting_id', '=', meetingId).where('archived_at', 'is', null)
    .orderBy('position').orderBy('created_at').execute();
}

/** Topics and decided topics per meeting, for the list. */
export async function countTopicsByMeeting(db: Db, meetingIds: string[]): Promise<Map<string, { topics: number; decided: number }>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db.selectFrom('presidium_meeting_topics')
    .select(['meeting_id', 'decision'])
    .where('meeting_id', 'in', meetingIds).where('archived_at', 'is', null).execute();
  const out = new Map<string, { topics: number; decided: number }>();
  for (const r of rows) {
    const c = out.get(r.meeting_id) ?? { topics: 0, decided: 0 };
    c.topics++;
    if (r.decision !== null) c.decided++;
    out.set(r.meeting_id, c);
  }
  return out;
}

export function findTopicInScope(db: Db, id: string, townshipIds: string[]): Promise<TopicRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('presidium_meeting_topics').select(TOPIC_COLUMNS)
    .where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function nextTopicPosition(db: Db, meetingId: string): Promise<number> {
  const r = await db.selectFrom('presidium_meeting_topics').select((eb) => eb.fn.max<number>('position').as('m')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertTopics(db: Db, rows: TopicRow[]): Promise<void> {
  if (rows.length) await db.insertInto('presidium_meeting_topics').values(rows).execute();
}

export async function updateTopic(db: Db, id: string, patch: Partial<Omit<TopicRow, 'id' | 'township_id' | 'meeting_id'>>): Promise<void> {
  await db.updateTable('presidium_meeting_topics').set(patch).where('id', '=', id).execute();
}

// ---- documents ------------------------------------------------------------------------------

export function listDocuments(db: Db, meetingId: string): Promise<DocumentRow[]> {
  return db.selectFrom('presidium_meeting_documents').select(DOCUMENT_COLUMNS)
    .where('meeting_id', '=', meetingId).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export function findDocumentInScope(db: Db, id: string, townshipIds: string[]): Promise<DocumentRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('presidium_meeting_documents').select(DOCUMENT_COLUMNS)
    .where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertDocument(db: Db, row: DocumentRow): Promise<void> {
  await db.insertInto('presidium_meeting_documents').values(row).execute();
}

export async function archiveDocument(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('presidium_meeting_documents').set({ archived_at: at }).where('id', '=', id).execute();
}
