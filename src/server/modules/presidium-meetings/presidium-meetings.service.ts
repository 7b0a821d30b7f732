import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { isValidDay } from '../../../domain/due-dates.js';
import { hasQuorum, quorumThreshold } from '../../../domain/votes.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, PresidiumPosition } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { UploadKind } from '../../http/uploads.js';
import { UPLOAD_MIME } from '../../http/uploads.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { currentPresidium, listDeputies } from '../deputies/deputies.repository.js';
import { findTownship } from '../townships/townships.repository.js';
import { cleanFileName, uploadsRoot } from '../../http/uploads.js';
import * as repo from './presidium-meetings.repository.js';

type Tx = Transaction<DB>;

// ---- quorum ---------------------------------------------------------------------------------

/** Attendance of a presidium meeting against its frozen membership. */
export interface MeetingQuorum {
  /** Presidium members when the meeting was recorded (组成人员). */
  members: number;
  present: number;
  absent: number;
  unmarked: number;
  /** More than two thirds of the members: floor(2 × members / 3) + 1. */
  threshold: number;
  hasQuorum: boolean;
  shortBy: number;
}

/**
 * The quorum of a presidium meeting. The law sets the quorum of the congress (more than 2/3 of
 * all deputies, 地方组织法 第14条); the presidium decides collectively (第19条) and local rules
 * apply the same rule to its meetings, so the same integer threshold is used: exactly 2/3 is not
 * enough (9 members: 6 present refused, 7 accepted).
 */
export function meetingQuorum(memberCount: number, attendees: Pick<repo.AttendeeRow, 'status'>[]): MeetingQuorum {
  const present = attendees.filter((a) => a.status === 'present').length;
  const threshold = quorumThreshold(memberCount);
  return {
    members: memberCount,
    present,
    absent: attendees.filter((a) => a.status === 'absent').length,
    unmarked: attendees.filter((a) => a.status === 'unmarked').length,
    threshold,
    hasQuorum: hasQuorum(present, memberCount),
    shortBy: Math.max(0, threshold - present),
  };
}

function assertQuorum(q: MeetingQuorum): void {
  if (!q.hasQuorum) throw new AppError('PRESIDIUM_QUORUM_NOT_MET', { members: q.members, present: q.present, threshold: q.threshold });
}

// ---- loading with scope ---------------------------------------------------------------------

/** A meeting in the actor's scope, or 404; then 403 unless the actor may read presidium meetings. */
export async function loadMeeting(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.MeetingRow> {
  const m = await repo.findMeetingInScope(db, id, await visibleTownshipIds(db, actor));
  if (!m) throw notFound('presidium_meeting');
  authorize(actor, 'presidium_meeting.read');
  return m;
}

async function loadTopic(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.TopicRow> {
  const topic = await repo.findTopicInScope(db, id, await visibleTownshipIds(db, actor));
  if (!topic) throw notFound('presidium_meeting_topic');
  authorize(actor, 'presidium_meeting.read');
  return topic;
}

export async function townshipName(db: Kysely<DB>, townshipId: string): Promise<string> {
  return (await findTownship(db, townshipId))?.name ?? '';
}

/** What the actor may do with presidium meetings, for the UI. */
export function meetingAbilities(actor: Actor): { manage: boolean; record: boolean } {
  return { manage: can(actor, 'presidium_meeting.manage'), record: can(actor, 'presidium_meeting.record') };
}

// ---- the presidium on a day -----------------------------------------------------------------

interface Member {
  deputyId: string;
  name: string;
  position: PresidiumPosition;
}

const POSITION_ORDER: Record<PresidiumPosition, number> = { chair: 0, vice_chair: 1, member: 2 };

/** The current presidium (主席团) members whose mandate has not ended before `day`: chair, vice-chairs, members. */
async function presidiumOn(db: Kysely<DB> | Tx, townshipId: string, day: string): Promise<Member[]> {
  const [rows, deputies] = await Promise.all([currentPresidium(db, townshipId), listDeputies(db, townshipId)]);
  const byId = new Map(deputies.map((d) => [d.id, d]));
  return rows
    .filter((r) => { const d = byId.get(r.deputy_id); return d && (!d.mandate_end || d.mandate_end >= day); })
    .map((r) => ({ deputyId: r.deputy_id, name: byId.get(r.deputy_id)!.name, position: r.position }))
    .sort((a, b) => POSITION_ORDER[a.position] - POSITION_ORDER[b.position] || a.name.localeCompare(b.name, 'zh'));
}

/** The convener: the chair by default; a vice-chair may convene on the chair's behalf. */
function pickConvener(members: Member[], deputyId: string | null | undefined): Member {
  if (deputyId) {
    const m = members.find((x) => x.deputyId === deputyId && x.position !== 'member');
    if (!m) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'convenedByDeputyId', message: '召集人应为现任主席或副主席' }]);
    return m;
  }
  const chair = members.find((m) => m.position === 'chair') ?? members.find((m) => m.position === 'vice_chair');
  if (!chair) throw new AppError('PRESIDIUM_NOT_ELECTED');
  return chair;
}

function assertDay(day: string, field: string): void {
  if (!isValidDay(day)) throw new AppError('VALIDATION_FAILED', {}, [{ path: field, message: 'YYYY-MM-DD' }]);
}

// ---- meetings -------------------------------------------------------------------------------

export interface MeetingSummary {
  meeting: repo.MeetingRow;
  numberInYear: number;
  present: number;
  topics: number;
  decided: number;
}

/** The township's presidium meetings, newest first, with attendance and topic counts. */
export async function listMeetings(db: Kysely<DB>, actor: Actor, townshipId: string, year?: number): Promise<MeetingSummary[]> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'presidium_meeting.read');
  const rows = await repo.listMeetings(db, townshipId, year);
  const ids = rows.map((r) => r.id);
  const [present, topics] = await Promise.all([repo.countPresentByMeeting(db, ids), repo.countTopicsByMeeting(db, ids)]);
  const numbers = new Map<string, number>();
  for (const y of new Set(rows.map((r) => Number(r.meeting_date.slice(0, 4))))) {
    (await repo.listMeetingIdsOfYear(db, townshipId, y)).forEach((id, i) => numbers.set(id, i + 1));
  }
  return rows.map((meeting) => ({
    meeting, numberInYear: numbers.get(meeting.id) ?? 0, present: present.get(meeting.id) ?? 0,
    topics: topics.get(meeting.id)?.topics ?? 0, decided: topics.get(meeting.id)?.decided ?? 0,
  }));
}

export interface MeetingDetail {
  meeting: repo.MeetingRow;
  townshipName: string;
  numberInYear: number;
  attendees: repo.AttendeeRow[];
  topics: repo.TopicRow[];
  documents: repo.DocumentRow[];
  quorum: MeetingQuorum;
}

export async function getMeeting(db: Kysely<DB>, actor: Actor, id: string): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id);
  const [attendees, topics, documents, ids, name] = await Promise.all([
    repo.listAttendees(db, id), repo.listTopics(db, id), repo.listDocuments(db, id),
    repo.listMeetingIdsOfYear(db, meeting.township_id, Number(meeting.meeting_date.slice(0, 4))), townshipName(db, meeting.township_id),
  ]);
  return { meeting, townshipName: name, numberInYear: ids.indexOf(id) + 1, attendees, topics, documents, quorum: meetingQuorum(meeting.member_count, attendees) };
}

export interface MeetingInput {
  meetingDate: string;
  place: string;
  convenedByDeputyId?: string | null;
  /** Agenda lines (议题), in order. */
  topics?: string[];
}

/**
 * Records a presidium meeting between sessions (主席团会议, 地方组织法 第19条): its date, place and
 * convener (the chair), its topics, and the presidium members serving on the day as attendees,
 * frozen with their count as the base of the meeting's quorum.
 */
export async function createMeeting(db: Kysely<DB>, actor: Actor, townshipId: string, input: MeetingInput): Promise<MeetingDetail> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'presidium_meeting.manage');
  assertDay(input.meetingDate, 'meetingDate');
  const members = await presidiumOn(db, townshipId, input.meetingDate);
  if (members.length === 0) throw new AppError('PRESIDIUM_NOT_ELECTED');
  const convener = pickConvener(members, input.convenedByDeputyId);
  const now = nowIso();
  const row: repo.MeetingRow = {
    id: newId(), township_id: townshipId, meeting_date: input.meetingDate, place: input.place,
    convened_by_deputy_id: convener.deputyId, convened_by_name: convener.name, member_count: members.length, minutes: null,
    created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  const attendees: repo.AttendeeRow[] = members.map((m, i) => ({
    township_id: townshipId, meeting_id: row.id, deputy_id: m.deputyId, seq: i + 1, deputy_name: m.name, position: m.position,
    status: 'unmarked', absence_reason: null, recorded_by: null, updated_at: now,
  }));
  const topics: repo.TopicRow[] = (input.topics ?? []).map((title, i) => ({
    id: newId(), township_id: townshipId, meeting_id: row.id, position: i + 1, title, decision: null, decided_by: null, decided_at: null,
    created_at: now, updated_at: now, archived_at: null,
  }));
  await db.transaction().execute(async (trx) => {
    await repo.insertMeeting(trx, row);
    await repo.insertAttendees(trx, attendees);
    await repo.insertTopics(trx, topics);
    await writeAudit(trx, actor, {
      townshipId, action: 'presidium_meeting.create', entityType: 'presidium_meeting', entityId: row.id,
      after: { ...row, attendees: attendees.map((a) => a.deputy_id), topics: topics.map((t) => t.title) },
    });
  });
  return getMeeting(db, actor, row.id);
}

/** Changes a meeting's date, place or convener; the attendees stay those recorded with it. */
export async function updateMeeting(db: Kysely<DB>, actor: Actor, id: string, input: Partial<Omit<MeetingInput, 'topics'>>): Promise<MeetingDetail> {
  const before = await loadMeeting(db, actor, id);
  authorize(actor, 'presidium_meeting.manage');
  if (input.meetingDate !== undefined) assertDay(input.meetingDate, 'meetingDate');
  const patch: Partial<repo.MeetingRow> = { updated_at: nowIso() };
  if (input.meetingDate !== undefined) patch.meeting_date = input.meetingDate;
  if (input.place !== undefined) patch.place = input.place;
  if (input.convenedByDeputyId) {
    const attendees = await repo.listAttendees(db, id);
    const convener = attendees.find((a) => a.deputy_id === input.convenedByDeputyId && a.position !== 'member');
    if (!convener) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'convenedByDeputyId', message: '召集人应为现任主席或副主席' }]);
    patch.convened_by_deputy_id = convener.deputy_id;
    patch.convened_by_name = convener.deputy_name;
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateMeeting(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'presidium_meeting.update', entityType: 'presidium_meeting', entityId: id, before, after: patch });
  });
  return getMeeting(db, actor, id);
}

/** Records the minutes (会议记录) of a meeting; an empty text clears them. */
export async function saveMinutes(db: Kysely<DB>, actor: Actor, id: string, minutes: string | null): Promise<MeetingDetail> {
  const before = await loadMeeting(db, actor, id);
  authorize(actor, 'presidium_meeting.record');
  const value = minutes?.trim() ? minutes.trim() : null;
  await db.transaction().execute(async (trx) => {
    await repo.updateMeeting(trx, id, { minutes: value, updated_at: nowIso() });
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'presidium_meeting.minutes', entityType: 'presidium_meeting', entityId: id, before: { minutes: before.minutes }, after: { minutes: value } });
  });
  return getMeeting(db, actor, id);
}

export interface AttendanceEntry {
  deputyId: string;
  status: 'present' | 'absent';
  absenceReason?: string | null;
}

/**
 * Marks members present or absent (an absence with its reason). Once a decision is on record, a
 * change that would take the meeting below its quorum is refused: the decisions stand on it.
 */
export async function recordAttendance(db: Kysely<DB>, actor: Actor, id: string, entries: AttendanceEntry[]): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, actor, id);
  authorize(actor, 'presidium_meeting.record');
  await db.transaction().execute(async (trx) => {
    const attendees = await repo.listAttendees(trx, id);
    const byDeputy = new Map(attendees.map((a) => [a.deputy_id, a]));
    const problems: { path: string; message: string }[] = [];
    entries.forEach((e, i) => {
      if (!byDeputy.has(e.deputyId)) problems.push({ path: `entries.${i}.deputyId`, message: '不是本次会议的主席团成员' });
      if (e.status === 'absent' && !e.absenceReason?.trim()) problems.push({ path: `entries.${i}.absenceReason`, message: 'required' });
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
    const now = nowIso();
    const after = attendees.map((a) => {
      const e = entries.find((x) => x.deputyId === a.deputy_id);
      return e ? { ...a, status: e.status, absence_reason: e.status === 'absent' ? e.absenceReason!.trim() : null } : a;
    });
    const topics = await repo.listTopics(trx, id);
    if (topics.some((t) => t.decision !== null)) assertQuorum(meetingQuorum(meeting.member_count, after));
    for (const e of entries) {
      await repo.updateAttendee(trx, id, e.deputyId, {
        status: e.status, absence_reason: e.status === 'absent' ? e.absenceReason!.trim() : null, recorded_by: actor.id, updated_at: now,
      });
    }
    await writeAudit(trx, actor, { townshipId: meeting.township_id, action: 'presidium_meeting.attendance', entityType: 'presidium_meeting', entityId: id, after: entries });
  });
  return getMeeting(db, actor, id);
}

// ---- topics and decisions -------------------------------------------------------------------

/** Adds a topic (议题) at the end of the meeting's list. */
export async function addTopic(db: Kysely<DB>, actor: Actor, meetingId: string, title: string): Promise<repo.TopicRow> {
  const meeting = await loadMeeting(db, actor, meetingId);
  authorize(actor, 'presidium_meeting.manage');
  const now = nowIso();
  const row: repo.TopicRow = {
    id: newId(), township_id: meeting.township_id, meeting_id: meetingId, position: await repo.nextTopicPosition(db, meetingId), title,
    decision: null, decided_by: null, decided_at: null, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertTopics(trx, [row]);
    await writeAudit(trx, actor, { townshipId: meeting.township_id, action: 'presidium_meeting.topic_add', entityType: 'presidium_meeting_topic', entityId: row.id, after: row });
  });
  return row;
}

/** Renames, moves or removes a topic; a topic with a decision on record cannot be removed. */
export async function updateTopic(db: Kysely<DB>, actor: Actor, topicId: string, input: { title?: string; position?: number; archived?: boolean }): Promise<repo.TopicRow | null> {
  const before = await loadTopic(db, actor, topicId);
  authorize(actor, 'presidium_meeting.manage');
  if (input.archived && before.decision !== null) throw new AppError('CONFLICT', {}, [{ path: 'archived', message: '该议题已有决定，不能删除' }]);
  const now = nowIso();
  const patch: Partial<repo.TopicRow> = { updated_at: now };
  if (input.title !== undefined) patch.title = input.title;
  if (input.position !== undefined) patch.position = input.position;
  if (input.archived) patch.archived_at = now;
  await db.transaction().execute(async (trx) => {
    await repo.updateTopic(trx, topicId, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: input.archived ? 'presidium_meeting.topic_remove' : 'presidium_meeting.topic_update', entityType: 'presidium_meeting_topic', entityId: topicId, before, after: patch });
  });
  return input.archived ? null : { ...before, ...patch };
}

/**
 * Records the decision (决定) taken on a topic, or clears it with null. A decision is recorded
 * only when more than two thirds of the presidium's members attend (see {@link meetingQuorum}):
 * below that, PRESIDIUM_QUORUM_NOT_MET and nothing is written.
 */
export async function recordDecision(db: Kysely<DB>, actor: Actor, topicId: string, decision: string | null): Promise<repo.TopicRow> {
  const topic = await loadTopic(db, actor, topicId);
  authorize(actor, 'presidium_meeting.record');
  const value = decision?.trim() ? decision.trim() : null;
  const now = nowIso();
  const patch = { decision: value, decided_by: value ? actor.id : null, decided_at: value ? now : null, updated_at: now };
  await db.transaction().execute(async (trx) => {
    // Read the attendance inside the transaction: it is the quorum the decision is taken with.
    const meeting = (await repo.findMeetingInScope(trx, topic.meeting_id, [topic.township_id]))!;
    const quorum = meetingQuorum(meeting.member_count, await repo.listAttendees(trx, topic.meeting_id));
    if (value) assertQuorum(quorum);
    await repo.updateTopic(trx, topicId, patch);
    await writeAudit(trx, actor, {
      townshipId: topic.township_id, action: 'presidium_meeting.decision', entityType: 'presidium_meeting_topic', entityId: topicId,
      before: { decision: topic.decision }, after: { ...patch, members: quorum.members, present: quorum.present, threshold: quorum.threshold },
    });
  });
  return { ...topic, ...patch };
}

// ---- documents ------------------------------------------------------------------------------

/** Attaches a .docx or .pdf (already type-checked by readSingleUpload) to a meeting. */
export async function uploadDocument(
  db: Kysely<DB>, actor: Actor, dataDir: string, meetingId: string, file: { fileName: string; kind: UploadKind; data: Buffer },
): Promise<repo.DocumentRow> {
  const meeting = await loadMeeting(db, actor, meetingId);
  authorize(actor, 'presidium_meeting.manage');
  if (file.kind !== 'docx' && file.kind !== 'pdf') throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: '.docx、.pdf' });
  const id = newId();
  const storageKey = `${meeting.township_id}/presidium-meetings/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const row: repo.DocumentRow = {
    id, township_id: meeting.township_id, meeting_id: meetingId, file_name: cleanFileName(file.fileName), mime: UPLOAD_MIME[file.kind],
    size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey,
    uploaded_by: actor.id, created_at: nowIso(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertDocument(trx, row);
      await writeAudit(trx, actor, { townshipId: meeting.township_id, action: 'presidium_meeting.document_upload', entityType: 'presidium_meeting_document', entityId: id, after: row });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

export async function getDocumentFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string): Promise<{ row: repo.DocumentRow; filePath: string }> {
  const row = await repo.findDocumentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('document');
  authorize(actor, 'presidium_meeting.read');
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

/** Removes a document from the meeting; the file and row stay for the record. */
export async function archiveDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await repo.findDocumentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('document');
  authorize(actor, 'presidium_meeting.manage');
  await db.transaction().execute(async (trx) => {
    await repo.archiveDocument(trx, id, nowIso());
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'presidium_meeting.document_archive', entityType: 'presidium_meeting_document', entityId: id, before: row });
  });
}
