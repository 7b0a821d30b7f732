import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { compareDays, isValidDay, parseDay, todayInShanghai } from '../../../domain/due-dates.js';
import { evaluateVote, hasQuorum, motionCoSignersOk, MOTION_MIN_CO_SIGNERS, passThreshold, quorumThreshold } from '../../../domain/votes.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { AgendaItemKind, AttendanceStatus, BallotChoice, DB, VoteKind } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { findTownship } from '../townships/townships.repository.js';
import * as repo from './sessions.repository.js';
import { createSuggestionFromMotion } from '../suggestions/suggestions.service.js';
import { cleanFileName, UPLOAD_MIME, uploadsRoot, type UploadKind } from '../../http/uploads.js';

type Tx = Transaction<DB>;

/** Limit of an uploaded agenda document. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

// ---- loading with scope ---------------------------------------------------------------------

/** A session in the actor's scope, or 404; then 403 unless the actor may read sessions. */
export async function loadSession(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.SessionRow> {
  const s = await repo.findSessionInScope(db, id, await visibleTownshipIds(db, actor));
  if (!s) throw notFound('session');
  authorize(actor, 'session.read');
  return s;
}

async function loadSessionOf(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<repo.SessionRow> {
  return (await repo.findSessionInScope(db, sessionId, await visibleTownshipIds(db, actor)))!;
}

function assertState(session: repo.SessionRow, ...states: repo.SessionRow['state'][]): void {
  if (!states.includes(session.state)) throw new AppError('SESSION_STATE_INVALID', { state: session.state });
}

export async function townshipName(db: Kysely<DB>, townshipId: string): Promise<string> {
  return (await findTownship(db, townshipId))?.name ?? '';
}

// ---- sessions -------------------------------------------------------------------------------

export type SessionWarning = 'no_session_this_year';

/**
 * The township's sessions (newest first), with warnings: `no_session_this_year` when `today`
 * (Shanghai) is in the last quarter and no session starts in its year, since a township
 * congress meets at least once a year (地方组织法 第14条).
 */
export async function listSessions(
  db: Kysely<DB>,
  actor: Actor,
  townshipId: string,
  options: { year?: number; today?: string } = {},
): Promise<{ rows: repo.SessionRow[]; warnings: SessionWarning[]; today: string }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'session.read');
  const today = options.today ?? todayInShanghai();
  const { year, month } = parseDay(today);
  const warnings: SessionWarning[] = [];
  if (month >= 10 && (await repo.countSessionsBetween(db, townshipId, `${year}-01-01`, `${year}-12-31`)) === 0) {
    warnings.push('no_session_this_year');
  }
  return { rows: await repo.listSessions(db, townshipId, options.year), warnings, today };
}

export interface SessionInput {
  termNumber: number;
  sittingNumber: number;
  startDate: string;
  endDate: string;
  place: string;
  notes?: string | null;
}

function assertDates(start: string, end: string): void {
  if (!isValidDay(start)) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'startDate', message: 'invalid day' }]);
  if (!isValidDay(end)) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'endDate', message: 'invalid day' }]);
  if (compareDays(end, start) < 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'endDate', message: 'before startDate' }]);
}

/** Plans a session (召开人代会): numbered by term (届) and sitting (次), unique in the township. */
export async function createSession(db: Kysely<DB>, actor: Actor, townshipId: string, input: SessionInput): Promise<repo.SessionRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'session.manage');
  assertDates(input.startDate, input.endDate);
  const now = nowIso();
  const row: repo.SessionRow = {
    id: newId(), township_id: townshipId, term_number: input.termNumber, sitting_number: input.sittingNumber,
    start_date: input.startDate, end_date: input.endDate, place: input.place, notes: input.notes ?? null, state: 'planned',
    seated_count: null, checkin_token: null, opened_at: null, closed_at: null, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    if (await repo.sessionNumberTaken(trx, townshipId, input.termNumber, input.sittingNumber)) {
      throw new AppError('SESSION_NUMBER_TAKEN', { term: input.termNumber, sitting: input.sittingNumber });
    }
    await repo.insertSession(trx, row);
    await writeAudit(trx, actor, { townshipId, action: 'session.create', entityType: 'congress_session', entityId: row.id, after: row });
  });
  return row;
}

/** Changes a planned session's number, dates or place; once open they are on record. */
export async function updateSession(db: Kysely<DB>, actor: Actor, id: string, input: Partial<SessionInput>): Promise<repo.SessionRow> {
  const before = await loadSession(db, actor, id);
  authorize(actor, 'session.manage');
  const notesOnly = Object.keys(input).every((k) => k === 'notes');
  if (!notesOnly) assertState(before, 'planned');
  const patch = {
    term_number: input.termNumber ?? before.term_number,
    sitting_number: input.sittingNumber ?? before.sitting_number,
    start_date: input.startDate ?? before.start_date,
    end_date: input.endDate ?? before.end_date,
    place: input.place ?? before.place,
    notes: input.notes !== undefined ? input.notes : before.notes,
    updated_at: nowIso(),
  };
  assertDates(patch.start_date, patch.end_date);
  await db.transaction().execute(async (trx) => {
    if (await repo.sessionNumberTaken(trx, before.township_id, patch.term_number, patch.sitting_number, id)) {
      throw new AppError('SESSION_NUMBER_TAKEN', { term: patch.term_number, sitting: patch.sitting_number });
    }
    await repo.updateSession(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'session.update', entityType: 'congress_session', entityId: id, before, after: patch });
  });
  return (await loadSessionOf(db, actor, id));
}

const collator = new Intl.Collator('zh-CN-u-co-stroke');

/** The seated deputies in sign-in order: by constituency, then by name in stroke order (姓氏笔画). */
async function seatedInOrder(db: Kysely<DB> | Tx, session: repo.SessionRow): Promise<repo.SeatedDeputy[]> {
  const list = await repo.listSeatedDeputies(db, session.township_id, session.term_number, session.start_date);
  return list.sort((a, b) =>
    collator.compare(a.constituency_name ?? a.group_name ?? '', b.constituency_name ?? b.group_name ?? '') || collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/**
 * Opens a session: freezes the seated deputies (全体代表, the base of quorum and thresholds) and
 * issues the check-in token shown as a QR code.
 */
export async function openSession(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.SessionRow> {
  const before = await loadSession(db, actor, id);
  authorize(actor, 'session.manage');
  assertState(before, 'planned');
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const seated = await seatedInOrder(trx, before);
    if (seated.length === 0) throw new AppError('SESSION_NO_SEATED_DEPUTIES');
    await repo.insertSeats(trx, seated.map((d, i) => ({
      township_id: before.township_id, session_id: id, deputy_id: d.id, seq: i + 1, deputy_name: d.name,
      constituency_name: d.constituency_name ?? d.group_name, status: 'unmarked' as const, leave_reason: null,
      check_in_method: null, checked_in_at: null, recorded_by: null, updated_at: now,
    })));
    const patch = { state: 'open' as const, seated_count: seated.length, checkin_token: randomBytes(24).toString('base64url'), opened_at: now, updated_at: now };
    await repo.updateSession(trx, id, patch);
    await writeAudit(trx, actor, {
      townshipId: before.township_id, action: 'session.open', entityType: 'congress_session', entityId: id,
      before: { state: before.state }, after: { state: 'open', seated_count: seated.length, seated: seated.map((d) => d.id) },
    });
  });
  return loadSessionOf(db, actor, id);
}

/** Closes a session: no vote may still be open; deputies never marked are recorded absent. */
export async function closeSession(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.SessionRow> {
  const before = await loadSession(db, actor, id);
  authorize(actor, 'session.manage');
  assertState(before, 'open');
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if (await repo.findOpenVote(trx, id)) throw new AppError('VOTE_STILL_OPEN');
    await repo.markUnmarkedAbsent(trx, id, now);
    await repo.updateSession(trx, id, { state: 'closed', closed_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'session.close', entityType: 'congress_session', entityId: id, before: { state: before.state }, after: { state: 'closed' } });
  });
  return loadSessionOf(db, actor, id);
}

export interface SessionDetail {
  session: repo.SessionRow;
  townshipName: string;
  agenda: repo.AgendaItemRow[];
  documents: repo.DocumentRow[];
  quorum: Quorum;
}

export async function getSessionDetail(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionDetail> {
  const session = await loadSession(db, actor, id);
  return {
    session,
    townshipName: await townshipName(db, session.township_id),
    agenda: await repo.listAgendaItems(db, id),
    documents: await repo.listDocuments(db, id),
    quorum: await quorumOf(db, session),
  };
}

// ---- attendance and quorum ------------------------------------------------------------------

/** The live count against the quorum: more than 2/3 of all seated deputies (地方组织法 第14条). */
export interface Quorum {
  seated: number;
  present: number;
  onLeave: number;
  absent: number;
  unmarked: number;
  threshold: number;
  hasQuorum: boolean;
  /** Deputies still needed: 0 once the quorum is met. */
  shortBy: number;
  /** False before the session opens: the seated number is a preview and may still change. */
  isFrozen: boolean;
}

export async function quorumOf(db: Kysely<DB> | Tx, session: repo.SessionRow): Promise<Quorum> {
  if (session.state === 'planned') {
    const seated = (await repo.listSeatedDeputies(db, session.township_id, session.term_number, session.start_date)).length;
    const threshold = quorumThreshold(seated);
    return { seated, present: 0, onLeave: 0, absent: 0, unmarked: seated, threshold, hasQuorum: false, shortBy: threshold, isFrozen: false };
  }
  const counts = await repo.countAttendance(db, session.id);
  const seated = session.seated_count ?? 0;
  const present = counts.present ?? 0;
  const threshold = quorumThreshold(seated);
  return {
    seated, present, onLeave: counts.leave ?? 0, absent: counts.absent ?? 0, unmarked: counts.unmarked ?? 0,
    threshold, hasQuorum: seated > 0 && hasQuorum(present, seated), shortBy: Math.max(0, threshold - present), isFrozen: true,
  };
}

/** Seats of a session: the frozen list once open, a preview (all unmarked) while planned. */
export async function seatsOf(db: Kysely<DB>, session: repo.SessionRow): Promise<repo.SeatRow[]> {
  if (session.state !== 'planned') return repo.listSeats(db, session.id);
  return (await seatedInOrder(db, session)).map((d, i) => ({
    township_id: session.township_id, session_id: session.id, deputy_id: d.id, seq: i + 1, deputy_name: d.name,
    constituency_name: d.constituency_name ?? d.group_name, status: 'unmarked' as const, leave_reason: null,
    check_in_method: null, checked_in_at: null, recorded_by: null, updated_at: session.updated_at,
  }));
}

export async function getAttendance(db: Kysely<DB>, actor: Actor, id: string): Promise<{ session: repo.SessionRow; seats: repo.SeatRow[]; quorum: Quorum }> {
  const session = await loadSession(db, actor, id);
  return { session, seats: await seatsOf(db, session), quorum: await quorumOf(db, session) };
}

export interface AttendanceEntry {
  deputyId: string;
  status: Exclude<AttendanceStatus, 'unmarked'>;
  leaveReason?: string | null;
}

/** Staff mark seated deputies present, on leave (with the reason) or absent (出席/请假/缺席). */
export async function recordAttendance(db: Kysely<DB>, actor: Actor, id: string, entries: AttendanceEntry[]): Promise<{ session: repo.SessionRow; seats: repo.SeatRow[]; quorum: Quorum }> {
  const session = await loadSession(db, actor, id);
  authorize(actor, 'session.manage');
  assertState(session, 'open');
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const seats = new Map((await repo.listSeats(trx, id)).map((s) => [s.deputy_id, s]));
    const changes: { deputyId: string; from: string; to: string }[] = [];
    for (const [i, e] of entries.entries()) {
      const seat = seats.get(e.deputyId);
      if (!seat) throw new AppError('VALIDATION_FAILED', {}, [{ path: `entries.${i}.deputyId`, message: 'not a seated deputy of this session' }]);
      if (e.status === 'leave' && !e.leaveReason?.trim()) throw new AppError('VALIDATION_FAILED', {}, [{ path: `entries.${i}.leaveReason`, message: 'required for leave' }]);
      const isPresent = e.status === 'present';
      if (seat.status === e.status && (e.status !== 'leave' || seat.leave_reason === e.leaveReason)) continue;
      await repo.updateSeat(trx, id, e.deputyId, {
        status: e.status,
        leave_reason: e.status === 'leave' ? e.leaveReason!.trim() : null,
        check_in_method: isPresent ? 'staff' : null,
        checked_in_at: isPresent ? now : null,
        recorded_by: actor.id,
        updated_at: now,
      });
      changes.push({ deputyId: e.deputyId, from: seat.status, to: e.status });
    }
    if (changes.length > 0) {
      await writeAudit(trx, actor, { townshipId: session.township_id, action: 'session.attendance', entityType: 'congress_session', entityId: id, after: { changes } });
    }
  });
  return getAttendance(db, actor, id);
}

// ---- QR check-in ----------------------------------------------------------------------------

/** The path a deputy's phone opens from the QR code (the SPA's confirm page). */
export function checkinPath(token: string): string {
  return `/app/checkin/${token}`;
}

/** The check-in token of an open session, for the QR code shown on the screen. */
export async function getCheckinToken(db: Kysely<DB>, actor: Actor, id: string): Promise<string> {
  const session = await loadSession(db, actor, id);
  authorize(actor, 'session.manage');
  assertState(session, 'open');
  return session.checkin_token!;
}

async function loadByToken(db: Kysely<DB>, actor: Actor, token: string): Promise<repo.SessionRow> {
  const session = await repo.findSessionByToken(db, token);
  // A token of another township is as unknown as a wrong one.
  if (!session || !(await visibleTownshipIds(db, actor)).includes(session.township_id)) throw notFound('session');
  return session;
}

/** What the phone page shows before the deputy confirms: the session and their own seat. */
export async function getCheckinInfo(db: Kysely<DB>, actor: Actor, token: string): Promise<{ session: repo.SessionRow; townshipName: string; seat: repo.SeatRow | null }> {
  const session = await loadByToken(db, actor, token);
  authorize(actor, 'session.checkin');
  return { session, townshipName: await townshipName(db, session.township_id), seat: (await repo.findSeatOfUser(db, session.id, actor.id)) ?? null };
}

/** A deputy checks in by the QR code: idempotent; only in an open session where they are seated. */
export async function checkIn(db: Kysely<DB>, actor: Actor, token: string): Promise<{ session: repo.SessionRow; townshipName: string; seat: repo.SeatRow; alreadyPresent: boolean }> {
  const session = await loadByToken(db, actor, token);
  authorize(actor, 'session.checkin');
  assertState(session, 'open');
  const seat = await repo.findSeatOfUser(db, session.id, actor.id);
  if (!seat) throw new AppError('DEPUTY_NOT_SEATED');
  const name = await townshipName(db, session.township_id);
  if (seat.status === 'present') return { session, townshipName: name, seat, alreadyPresent: true };
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateSeat(trx, session.id, seat.deputy_id, { status: 'present', leave_reason: null, check_in_method: 'qr', checked_in_at: now, recorded_by: actor.id, updated_at: now });
    await writeAudit(trx, actor, {
      townshipId: session.township_id, action: 'session.checkin', entityType: 'congress_session', entityId: session.id,
      after: { deputyId: seat.deputy_id, from: seat.status, to: 'present', method: 'qr' },
    });
  });
  return { session, townshipName: name, seat: (await repo.findSeat(db, session.id, seat.deputy_id))!, alreadyPresent: false };
}

// ---- agenda and documents -------------------------------------------------------------------

export interface AgendaItemInput {
  kind: AgendaItemKind;
  title: string;
  description?: string | null;
  position?: number;
}

export async function createAgendaItem(db: Kysely<DB>, actor: Actor, sessionId: string, input: AgendaItemInput): Promise<repo.AgendaItemRow> {
  const session = await loadSession(db, actor, sessionId);
  authorize(actor, 'session.manage');
  assertState(session, 'planned', 'open');
  return db.transaction().execute((trx) => insertAgendaItemIn(trx, actor, session, input, null));
}

async function insertAgendaItemIn(trx: Tx, actor: Actor, session: repo.SessionRow, input: AgendaItemInput, motionId: string | null): Promise<repo.AgendaItemRow> {
  const now = nowIso();
  const row: repo.AgendaItemRow = {
    id: newId(), township_id: session.township_id, session_id: session.id,
    position: input.position ?? (await repo.nextAgendaPosition(trx, session.id)), kind: input.kind, title: input.title,
    description: input.description ?? null, motion_id: motionId, created_at: now, updated_at: now, archived_at: null,
  };
  await repo.insertAgendaItem(trx, row);
  await writeAudit(trx, actor, { townshipId: session.township_id, action: 'agenda_item.create', entityType: 'agenda_item', entityId: row.id, after: row });
  return row;
}

async function loadAgendaItem(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.AgendaItemRow> {
  const item = await repo.findAgendaItemInScope(db, id, await visibleTownshipIds(db, actor));
  if (!item) throw notFound('agenda_item');
  authorize(actor, 'session.read');
  return item;
}

export async function updateAgendaItem(db: Kysely<DB>, actor: Actor, id: string, input: Partial<AgendaItemInput> & { archived?: boolean }): Promise<repo.AgendaItemRow> {
  const before = await loadAgendaItem(db, actor, id);
  authorize(actor, 'session.manage');
  const session = await loadSessionOf(db, actor, before.session_id);
  assertState(session, 'planned', 'open');
  const now = nowIso();
  const patch = {
    kind: input.kind ?? before.kind,
    title: input.title ?? before.title,
    description: input.description !== undefined ? input.description : before.description,
    position: input.position ?? before.position,
    archived_at: input.archived === undefined ? before.archived_at : input.archived ? (before.archived_at ?? now) : null,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateAgendaItem(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: input.archived ? 'agenda_item.archive' : 'agenda_item.update', entityType: 'agenda_item', entityId: id, before, after: patch });
  });
  return (await repo.findAgendaItemInScope(db, id, [before.township_id]))!;
}

/** The agenda item a document may be attached to by this actor (404 out of scope, 403 without the ability). */
export async function assertCanUploadDocument(db: Kysely<DB>, actor: Actor, agendaItemId: string): Promise<repo.AgendaItemRow> {
  const item = await loadAgendaItem(db, actor, agendaItemId);
  authorize(actor, 'session.manage');
  if (item.archived_at) throw notFound('agenda_item');
  return item;
}

/** Attaches a .docx or .pdf to an agenda item, stored under uploads/<township>/<uuid> (ids only). */
export async function uploadDocument(
  db: Kysely<DB>, actor: Actor, dataDir: string, agendaItemId: string, file: { fileName: string; kind: UploadKind; data: Buffer },
): Promise<repo.DocumentRow> {
  const item = await assertCanUploadDocument(db, actor, agendaItemId);
  const fileName = cleanFileName(file.fileName, 'document');
  const id = newId();
  const storageKey = `${item.township_id}/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const row: repo.DocumentRow = {
    id, township_id: item.township_id, session_id: item.session_id, agenda_item_id: item.id, file_name: fileName,
    mime: UPLOAD_MIME[file.kind], size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'),
    storage_key: storageKey, uploaded_by: actor.id, created_at: nowIso(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertDocument(trx, row);
      await writeAudit(trx, actor, { townshipId: item.township_id, action: 'session_document.upload', entityType: 'session_document', entityId: id, after: row });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

export async function getDocumentFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string): Promise<{ row: repo.DocumentRow; filePath: string }> {
  const row = await repo.findDocumentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('document');
  authorize(actor, 'session.read');
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

/** Removes a document from its agenda item; the file and row stay for the record. */
export async function archiveDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await repo.findDocumentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('document');
  authorize(actor, 'session.manage');
  await db.transaction().execute(async (trx) => {
    await repo.archiveDocument(trx, id, nowIso());
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'session_document.archive', entityType: 'session_document', entityId: id, before: row });
  });
}

// ---- votes ----------------------------------------------------------------------------------

export interface VoteView {
  vote: repo.VoteRow;
  supersededById: string | null;
  ballots: repo.BallotRow[] | null;
}

async function voteView(db: Kysely<DB>, vote: repo.VoteRow, withBallots: boolean): Promise<VoteView> {
  return {
    vote,
    supersededById: (await repo.findSupersedingVote(db, vote.id))?.id ?? null,
    ballots: withBallots && vote.kind === 'roll_call' ? await repo.listBallots(db, vote.id) : null,
  };
}

export async function listVotes(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<VoteView[]> {
  await loadSession(db, actor, sessionId);
  const votes = await repo.listVotes(db, sessionId);
  const superseded = await repo.listSupersededIds(db, sessionId);
  return votes.map((vote) => ({ vote, supersededById: superseded.get(vote.id) ?? null, ballots: null }));
}

async function loadVote(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.VoteRow> {
  const vote = await repo.findVoteInScope(db, id, await visibleTownshipIds(db, actor));
  if (!vote) throw notFound('vote');
  authorize(actor, 'session.read');
  return vote;
}

export async function getVote(db: Kysely<DB>, actor: Actor, id: string): Promise<VoteView> {
  return voteView(db, await loadVote(db, actor, id), true);
}

export interface OpenVoteInput {
  kind: VoteKind;
  title: string;
  agendaItemId?: string | null;
  resolutionId?: string | null;
}

/**
 * Opens a vote (表决) on an agenda item or a resolution. Refused without a quorum (more than 2/3
 * of all seated deputies present, 地方组织法 第14条); freezes the seated and present counts. A
 * roll call gets one ballot per deputy present.
 */
async function openVoteIn(trx: Tx, actor: Actor, session: repo.SessionRow, input: OpenVoteInput, revote?: { of: repo.VoteRow; reason: string }): Promise<string> {
  if (await repo.findOpenVote(trx, session.id)) throw new AppError('VOTE_ALREADY_OPEN');
  const q = await quorumOf(trx, session);
  if (!q.hasQuorum) throw new AppError('QUORUM_NOT_MET', { present: q.present, seated: q.seated, threshold: q.threshold });
  const now = nowIso();
  const row: repo.VoteRow = {
    id: newId(), township_id: session.township_id, session_id: session.id, agenda_item_id: input.agendaItemId ?? null,
    resolution_id: input.resolutionId ?? null, title: input.title, kind: input.kind, state: 'open', seated_count: q.seated,
    present_count: q.present, yes_count: null, no_count: null, abstain_count: null, is_passed: null,
    supersedes_vote_id: revote?.of.id ?? null, revote_reason: revote?.reason ?? null, opened_by: actor.id, opened_at: now, closed_by: null, closed_at: null,
  };
  await repo.insertVote(trx, row);
  if (row.kind === 'roll_call') {
    const present = (await repo.listSeats(trx, session.id)).filter((s) => s.status === 'present');
    await repo.insertBallots(trx, present.map((s) => ({ township_id: session.township_id, vote_id: row.id, deputy_id: s.deputy_id, choice: null, recorded_by: null, recorded_at: null })));
  }
  await writeAudit(trx, actor, {
    townshipId: session.township_id, action: revote ? 'vote.revote' : 'vote.open', entityType: 'vote', entityId: row.id,
    before: revote ? revote.of : undefined, after: row,
  });
  return row.id;
}

export async function openVote(db: Kysely<DB>, actor: Actor, sessionId: string, input: OpenVoteInput): Promise<VoteView> {
  const session = await loadSession(db, actor, sessionId);
  authorize(actor, 'session.preside');
  assertState(session, 'open');
  if (!input.agendaItemId && !input.resolutionId) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'agendaItemId', message: 'a vote is on an agenda item or a resolution' }]);
  }
  if (input.agendaItemId) {
    const item = await repo.findAgendaItemInScope(db, input.agendaItemId, [session.township_id]);
    if (!item || item.session_id !== sessionId || item.archived_at) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'agendaItemId', message: 'not an agenda item of this session' }]);
  }
  if (input.resolutionId) {
    const res = await repo.findResolutionInScope(db, input.resolutionId, [session.township_id]);
    if (!res || res.session_id !== sessionId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'resolutionId', message: 'not a resolution of this session' }]);
  }
  const id = await db.transaction().execute((trx) => openVoteIn(trx, actor, session, input));
  return getVote(db, actor, id);
}

/** Records roll-call ballots (唱名表决) of deputies present when the vote opened; only while open. */
export async function recordBallots(db: Kysely<DB>, actor: Actor, voteId: string, ballots: { deputyId: string; choice: BallotChoice | null }[]): Promise<VoteView> {
  const vote = await loadVote(db, actor, voteId);
  authorize(actor, 'session.preside');
  if (vote.state !== 'open') throw new AppError('VOTE_NOT_OPEN');
  if (vote.kind !== 'roll_call') throw new AppError('VALIDATION_FAILED', {}, [{ path: 'ballots', message: 'a show-of-hands vote has no ballots' }]);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const [i, b] of ballots.entries()) {
      const ok = await repo.updateBallot(trx, voteId, b.deputyId, { choice: b.choice, recorded_by: actor.id, recorded_at: now });
      if (!ok) throw new AppError('VALIDATION_FAILED', {}, [{ path: `ballots.${i}.deputyId`, message: 'not present when the vote opened' }]);
    }
    await writeAudit(trx, actor, { townshipId: vote.township_id, action: 'vote.ballots', entityType: 'vote', entityId: voteId, after: { ballots } });
  });
  return getVote(db, actor, voteId);
}

/**
 * Closes a vote and freezes its counts: a show of hands takes the counts from the body, a roll
 * call counts its ballots. Passed only with more than half of ALL seated deputies voting yes
 * (地方组织法 第25条). A closed vote is never edited: a correction is a re-vote.
 */
export async function closeVote(db: Kysely<DB>, actor: Actor, voteId: string, counts: { yes: number; no: number; abstain: number } | undefined): Promise<VoteView> {
  const vote = await loadVote(db, actor, voteId);
  authorize(actor, 'session.preside');
  if (vote.state !== 'open') throw new AppError('VOTE_NOT_OPEN');
  await db.transaction().execute(async (trx) => {
    let tally: { yes: number; no: number; abstain: number };
    if (vote.kind === 'roll_call') {
      if (counts) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'yes', message: 'a roll call is counted from its ballots' }]);
      const ballots = await repo.listBallots(trx, voteId);
      tally = { yes: 0, no: 0, abstain: 0 };
      for (const b of ballots) if (b.choice) tally[b.choice]++;
    } else {
      if (!counts) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'yes', message: 'required' }]);
      tally = counts;
    }
    const outcome = evaluateVote({ seated: vote.seated_count, present: vote.present_count, ...tally });
    if (outcome.errors.length > 0) {
      throw new AppError('VOTE_COUNTS_INVALID', { present: vote.present_count }, outcome.errors.map((e) => ({ path: 'yes', message: e })));
    }
    const now = nowIso();
    const patch = { yes_count: tally.yes, no_count: tally.no, abstain_count: tally.abstain, is_passed: outcome.passed, closed_by: actor.id, closed_at: now };
    if (!(await repo.closeVote(trx, voteId, patch))) throw new AppError('VOTE_NOT_OPEN');
    if (vote.resolution_id) {
      await repo.updateResolution(trx, vote.resolution_id, {
        outcome: outcome.passed ? 'adopted' : 'rejected', decided_vote_id: voteId,
        adopted_on: outcome.passed ? todayInShanghai() : null, updated_at: now,
      });
    }
    await writeAudit(trx, actor, {
      townshipId: vote.township_id, action: 'vote.close', entityType: 'vote', entityId: voteId,
      after: { ...patch, threshold: outcome.threshold, margin: outcome.margin },
    });
  });
  return getVote(db, actor, voteId);
}

/**
 * Corrects a closed vote by holding it again (重新表决): a new vote row that references the one it
 * supersedes, with the reason, audited. The old row and its counts stay as they were.
 */
export async function revote(db: Kysely<DB>, actor: Actor, voteId: string, reason: string): Promise<VoteView> {
  const old = await loadVote(db, actor, voteId);
  authorize(actor, 'session.preside');
  if (old.state === 'open') throw new AppError('VOTE_STILL_OPEN');
  const session = await loadSessionOf(db, actor, old.session_id);
  assertState(session, 'open');
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.findSupersedingVote(trx, voteId)) throw new AppError('VOTE_ALREADY_SUPERSEDED');
    return openVoteIn(trx, actor, session, { kind: old.kind, title: old.title, agendaItemId: old.agenda_item_id, resolutionId: old.resolution_id }, { of: old, reason });
  });
  return getVote(db, actor, id);
}

// ---- resolutions ----------------------------------------------------------------------------

export async function listResolutions(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<repo.ResolutionRow[]> {
  await loadSession(db, actor, sessionId);
  return repo.listResolutions(db, sessionId);
}

async function loadResolution(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.ResolutionRow> {
  const r = await repo.findResolutionInScope(db, id, await visibleTownshipIds(db, actor));
  if (!r) throw notFound('resolution');
  authorize(actor, 'session.read');
  return r;
}

export async function getResolution(db: Kysely<DB>, actor: Actor, id: string): Promise<{ resolution: repo.ResolutionRow; vote: VoteView | null }> {
  const resolution = await loadResolution(db, actor, id);
  const vote = resolution.decided_vote_id ? await repo.findVoteInScope(db, resolution.decided_vote_id, [resolution.township_id]) : undefined;
  return { resolution, vote: vote ? await voteView(db, vote, false) : null };
}

export interface ResolutionInput {
  title: string;
  body: string;
  agendaItemId?: string | null;
}

/** Drafts a resolution (决议) of a session; its outcome comes from the vote on it. */
export async function createResolution(db: Kysely<DB>, actor: Actor, sessionId: string, input: ResolutionInput): Promise<repo.ResolutionRow> {
  const session = await loadSession(db, actor, sessionId);
  authorize(actor, 'session.manage');
  assertState(session, 'planned', 'open');
  if (input.agendaItemId) {
    const item = await repo.findAgendaItemInScope(db, input.agendaItemId, [session.township_id]);
    if (!item || item.session_id !== sessionId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'agendaItemId', message: 'not an agenda item of this session' }]);
  }
  const now = nowIso();
  const row: repo.ResolutionRow = {
    id: newId(), township_id: session.township_id, session_id: sessionId, agenda_item_id: input.agendaItemId ?? null,
    title: input.title, body: input.body, outcome: 'pending', decided_vote_id: null, adopted_on: null, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertResolution(trx, row);
    await writeAudit(trx, actor, { townshipId: session.township_id, action: 'resolution.create', entityType: 'resolution', entityId: row.id, after: row });
  });
  return row;
}

/** Edits a draft resolution; once a vote on it has opened, its text is what was voted on. */
export async function updateResolution(db: Kysely<DB>, actor: Actor, id: string, input: Partial<ResolutionInput>): Promise<repo.ResolutionRow> {
  const before = await loadResolution(db, actor, id);
  authorize(actor, 'session.manage');
  const voted = (await repo.listVotes(db, before.session_id)).some((v) => v.resolution_id === id);
  if (voted || before.outcome !== 'pending') throw new AppError('RESOLUTION_LOCKED');
  const patch = {
    title: input.title ?? before.title,
    body: input.body ?? before.body,
    agenda_item_id: input.agendaItemId !== undefined ? input.agendaItemId : before.agenda_item_id,
    updated_at: nowIso(),
  };
  if (patch.agenda_item_id && patch.agenda_item_id !== before.agenda_item_id) {
    const item = await repo.findAgendaItemInScope(db, patch.agenda_item_id, [before.township_id]);
    if (!item || item.session_id !== before.session_id) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'agendaItemId', message: 'not an agenda item of this session' }]);
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateResolution(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'resolution.update', entityType: 'resolution', entityId: id, before, after: patch });
  });
  return (await repo.findResolutionInScope(db, id, [before.township_id]))!;
}

export async function loadResolutionForDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<{ resolution: repo.ResolutionRow; session: repo.SessionRow; townshipName: string }> {
  const resolution = await loadResolution(db, actor, id);
  const session = await loadSessionOf(db, actor, resolution.session_id);
  return { resolution, session, townshipName: await townshipName(db, session.township_id) };
}

// ---- motions (议案) -------------------------------------------------------------------------

export interface MotionView {
  motion: repo.MotionRow;
  signers: repo.SignerRow[];
}

async function motionViews(db: Kysely<DB>, motions: repo.MotionRow[]): Promise<MotionView[]> {
  const signers = await repo.listSigners(db, motions.map((m) => m.id));
  return motions.map((motion) => ({ motion, signers: signers.filter((s) => s.motion_id === motion.id) }));
}

export async function listMotions(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<MotionView[]> {
  await loadSession(db, actor, sessionId);
  return motionViews(db, await repo.listMotions(db, sessionId));
}

async function loadMotion(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.MotionRow> {
  const m = await repo.findMotionInScope(db, id, await visibleTownshipIds(db, actor));
  if (!m) throw notFound('motion');
  authorize(actor, 'session.read');
  return m;
}

export async function getMotion(db: Kysely<DB>, actor: Actor, id: string): Promise<MotionView> {
  return (await motionViews(db, [await loadMotion(db, actor, id)]))[0]!;
}

/** Deputies who may sign a motion of this session: those seated in it. */
async function eligibleDeputyIds(db: Kysely<DB>, session: repo.SessionRow): Promise<Set<string>> {
  return new Set((await seatsOf(db, session)).map((s) => s.deputy_id));
}

export interface MotionInput {
  title: string;
  reason: string;
  basis: string;
  proposal: string;
  leadDeputyId?: string;
  coSignerIds: string[];
}

/**
 * Submits a 议案 (地方组织法 第22条) with its 案由, 案据 and 方案, a lead deputy and co-signers.
 * A deputy submits as the lead; the office records a paper motion for any seated lead. Each
 * signer then confirms; the lead is confirmed at once when they submit it themselves.
 */
export async function createMotion(db: Kysely<DB>, actor: Actor, sessionId: string, input: MotionInput): Promise<MotionView> {
  const session = await loadSession(db, actor, sessionId);
  authorize(actor, 'motion.submit');
  assertState(session, 'planned', 'open');
  const eligible = await eligibleDeputyIds(db, session);
  let leadId = input.leadDeputyId;
  let leadSelf = false;
  if (actor.role === 'deputy') {
    const own = (await repo.listDeputyIdsOfUser(db, session.township_id, actor.id)).filter((d) => eligible.has(d));
    if (own.length === 0) throw new AppError('DEPUTY_NOT_SEATED');
    if (leadId && !own.includes(leadId)) throw new AppError('FORBIDDEN');
    leadId = own[0]!;
    leadSelf = true;
  }
  if (!leadId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'leadDeputyId', message: 'required' }]);
  if (!eligible.has(leadId)) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'leadDeputyId', message: 'not a seated deputy of this session' }]);
  const coSigners = [...new Set(input.coSignerIds)].filter((d) => d !== leadId);
  for (const [i, d] of coSigners.entries()) {
    if (!eligible.has(d)) throw new AppError('VALIDATION_FAILED', {}, [{ path: `coSignerIds.${i}`, message: 'not a seated deputy of this session' }]);
  }
  const now = nowIso();
  const row: repo.MotionRow = {
    id: newId(), township_id: session.township_id, session_id: sessionId, title: input.title, reason: input.reason,
    basis: input.basis, proposal: input.proposal, lead_deputy_id: leadId, state: 'submitted', agenda_item_id: null,
    decision_note: null, decided_by: null, decided_at: null, created_by: actor.id, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertMotion(trx, row);
    await repo.insertSigners(trx, [
      { township_id: row.township_id, motion_id: row.id, deputy_id: leadId, is_lead: true, confirmed_at: leadSelf ? now : null, confirmation: leadSelf ? 'self' : null, recorded_by: leadSelf ? actor.id : null, created_at: now },
      ...coSigners.map((d) => ({ township_id: row.township_id, motion_id: row.id, deputy_id: d, is_lead: false, confirmed_at: null, confirmation: null, recorded_by: null, created_at: now })),
    ]);
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'motion.create', entityType: 'motion', entityId: row.id, after: { ...row, leadDeputyId: leadId, coSigners } });
  });
  return getMotion(db, actor, row.id);
}

/**
 * A signer confirms their signature: the deputy themselves through their login ('self'), or the
 * office recording a paper signature ('paper'). Idempotent.
 */
export async function confirmSignature(db: Kysely<DB>, actor: Actor, motionId: string, deputyId: string): Promise<MotionView> {
  const motion = await loadMotion(db, actor, motionId);
  let confirmation: 'self' | 'paper';
  if (actor.role === 'deputy') {
    authorize(actor, 'motion.submit');
    const own = await repo.listDeputyIdsOfUser(db, motion.township_id, actor.id);
    if (!own.includes(deputyId)) throw new AppError('FORBIDDEN');
    confirmation = 'self';
  } else {
    authorize(actor, 'session.manage');
    confirmation = 'paper';
  }
  if (motion.state !== 'submitted') throw new AppError('MOTION_STATE_INVALID');
  const signer = (await repo.listSigners(db, [motionId])).find((s) => s.deputy_id === deputyId);
  if (!signer) throw notFound('signer');
  if (!signer.confirmed_at) {
    await db.transaction().execute(async (trx) => {
      await repo.confirmSigner(trx, motionId, deputyId, { confirmed_at: nowIso(), confirmation, recorded_by: actor.id });
      await writeAudit(trx, actor, { townshipId: motion.township_id, action: 'motion.sign', entityType: 'motion', entityId: motionId, after: { deputyId, confirmation } });
    });
  }
  return getMotion(db, actor, motionId);
}

/**
 * The presidium decides a motion: put it on the agenda (needs 5 or more confirmed signers
 * including the lead, 地方组织法 第22条) or hand it on as a 建议 (the suggestions module picks
 * up motions in state `converted_to_suggestion`).
 */
export async function decideMotion(
  db: Kysely<DB>, actor: Actor, motionId: string, input: { decision: 'put_on_agenda' | 'convert_to_suggestion'; note?: string | null },
): Promise<MotionView> {
  const motion = await loadMotion(db, actor, motionId);
  authorize(actor, 'session.preside');
  if (motion.state !== 'submitted') throw new AppError('MOTION_STATE_INVALID');
  const session = await loadSessionOf(db, actor, motion.session_id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const patch: Partial<repo.MotionRow> = { decision_note: input.note ?? null, decided_by: actor.id, decided_at: now, updated_at: now };
    if (input.decision === 'put_on_agenda') {
      assertState(session, 'planned', 'open');
      const confirmed = await repo.countConfirmedSigners(trx, motionId);
      if (!motionCoSignersOk(confirmed)) throw new AppError('MOTION_TOO_FEW_SIGNERS', { confirmed, required: MOTION_MIN_CO_SIGNERS });
      const item = await insertAgendaItemIn(trx, actor, session, { kind: 'motion', title: motion.title, description: motion.reason }, motionId);
      Object.assign(patch, { state: 'on_agenda', agenda_item_id: item.id });
    } else {
      // Not put on the agenda: handled as a 建议 (地方组织法 第22条), in the same transaction.
      Object.assign(patch, { state: 'converted_to_suggestion' });
      await createSuggestionFromMotion(trx, actor, motion);
    }
    await repo.updateMotion(trx, motionId, patch);
    await writeAudit(trx, actor, { townshipId: motion.township_id, action: `motion.${input.decision}`, entityType: 'motion', entityId: motionId, before: { state: motion.state }, after: patch });
  });
  return getMotion(db, actor, motionId);
}

// ---- shapes shared with the presenter -------------------------------------------------------

/** The vote's legal figures: threshold (more than half of all seated, 第25条) and margin. */
export function voteFigures(vote: repo.VoteRow): { threshold: number; quorumThreshold: number; margin: number | null; notVoting: number | null } {
  const threshold = passThreshold(vote.seated_count);
  if (vote.yes_count === null) return { threshold, quorumThreshold: quorumThreshold(vote.seated_count), margin: null, notVoting: null };
  return {
    threshold,
    quorumThreshold: quorumThreshold(vote.seated_count),
    margin: vote.yes_count - threshold,
    notVoting: vote.present_count - vote.yes_count - (vote.no_count ?? 0) - (vote.abstain_count ?? 0),
  };
}

export function abilitiesFor(actor: Actor): { manage: boolean; preside: boolean; checkIn: boolean; submitMotion: boolean } {
  return { manage: can(actor, 'session.manage'), preside: can(actor, 'session.preside'), checkIn: can(actor, 'session.checkin'), submitMotion: can(actor, 'motion.submit') };
}
