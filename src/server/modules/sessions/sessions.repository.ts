import type { Kysely, Transaction } from 'kysely';
import type {
  AgendaItemsTable,
  CongressSessionsTable,
  DB,
  MotionSignersTable,
  MotionsTable,
  ResolutionsTable,
  SessionDocumentsTable,
  SessionSeatsTable,
  SessionVotesTable,
  VoteBallotsTable,
} from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export const SESSION_COLUMNS = [
  'id', 'township_id', 'term_number', 'sitting_number', 'start_date', 'end_date', 'place', 'notes', 'state',
  'seated_count', 'checkin_token', 'opened_at', 'closed_at', 'created_at', 'updated_at',
] as const;
export const SEAT_COLUMNS = [
  'township_id', 'session_id', 'deputy_id', 'seq', 'deputy_name', 'constituency_name', 'status', 'leave_reason',
  'check_in_method', 'checked_in_at', 'recorded_by', 'updated_at',
] as const;
export const AGENDA_COLUMNS = ['id', 'township_id', 'session_id', 'position', 'kind', 'title', 'description', 'motion_id', 'created_at', 'updated_at', 'archived_at'] as const;
export const DOCUMENT_COLUMNS = ['id', 'township_id', 'session_id', 'agenda_item_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at', 'archived_at'] as const;
export const RESOLUTION_COLUMNS = ['id', 'township_id', 'session_id', 'agenda_item_id', 'title', 'body', 'outcome', 'decided_vote_id', 'adopted_on', 'created_at', 'updated_at'] as const;
export const VOTE_COLUMNS = [
  'id', 'township_id', 'session_id', 'agenda_item_id', 'resolution_id', 'title', 'kind', 'state', 'seated_count', 'present_count',
  'yes_count', 'no_count', 'abstain_count', 'is_passed', 'supersedes_vote_id', 'revote_reason', 'opened_by', 'opened_at', 'closed_by', 'closed_at',
] as const;
export const BALLOT_COLUMNS = ['township_id', 'vote_id', 'deputy_id', 'choice', 'recorded_by', 'recorded_at'] as const;
export const MOTION_COLUMNS = [
  'id', 'township_id', 'session_id', 'title', 'reason', 'basis', 'proposal', 'lead_deputy_id', 'state', 'agenda_item_id',
  'decision_note', 'decided_by', 'decided_at', 'created_by', 'created_at', 'updated_at',
] as const;
export const SIGNER_COLUMNS = ['township_id', 'motion_id', 'deputy_id', 'is_lead', 'confirmed_at', 'confirmation', 'recorded_by', 'created_at'] as const;

export type SessionRow = CongressSessionsTable;
export type SeatRow = SessionSeatsTable;
export type AgendaItemRow = AgendaItemsTable;
export type DocumentRow = SessionDocumentsTable;
export type ResolutionRow = ResolutionsTable;
export type VoteRow = SessionVotesTable;
export type BallotRow = VoteBallotsTable;
export type MotionRow = MotionsTable;
export type SignerRow = MotionSignersTable & { deputy_name: string };

// ---- sessions -------------------------------------------------------------------------------

/** A session of one of `townshipIds`, or undefined: the scope is part of the lookup. */
export function findSessionInScope(db: Db, id: string, townshipIds: string[]): Promise<SessionRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('congress_sessions').select(SESSION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export function findSessionByToken(db: Db, token: string): Promise<SessionRow | undefined> {
  return db.selectFrom('congress_sessions').select(SESSION_COLUMNS).where('checkin_token', '=', token).executeTakeFirst();
}

export function listSessions(db: Db, townshipId: string, year?: number): Promise<SessionRow[]> {
  return db
    .selectFrom('congress_sessions')
    .select(SESSION_COLUMNS)
    .where('township_id', '=', townshipId)
    .$if(year !== undefined, (q) => q.where('start_date', '>=', `${year}-01-01`).where('start_date', '<=', `${year}-12-31`))
    .orderBy('start_date', 'desc')
    .orderBy('sitting_number', 'desc')
    .execute();
}

export async function countSessionsBetween(db: Db, townshipId: string, from: string, to: string): Promise<number> {
  const r = await db
    .selectFrom('congress_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('township_id', '=', townshipId)
    .where('start_date', '>=', from)
    .where('start_date', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function sessionNumberTaken(db: Db, townshipId: string, term: number, sitting: number, exceptId?: string): Promise<boolean> {
  return db
    .selectFrom('congress_sessions')
    .select('id')
    .where('township_id', '=', townshipId)
    .where('term_number', '=', term)
    .where('sitting_number', '=', sitting)
    .$if(Boolean(exceptId), (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst()
    .then(Boolean);
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('congress_sessions').values(row).execute();
}

export async function updateSession(db: Db, id: string, patch: Partial<Omit<SessionRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('congress_sessions').set(patch).where('id', '=', id).execute();
}

// ---- seated deputies and attendance ---------------------------------------------------------

export interface SeatedDeputy {
  id: string;
  name: string;
  user_id: string | null;
  constituency_name: string | null;
  group_name: string | null;
}

/**
 * The deputies seated on `day`: township-level deputies of the term whose mandate covers the day
 * (全体代表 for the quorum of 地方组织法 第14条 and the threshold of 第25条).
 */
export function listSeatedDeputies(db: Db, townshipId: string, termNumber: number, day: string): Promise<SeatedDeputy[]> {
  return db
    .selectFrom('deputies as d')
    .leftJoin('constituencies as c', (j) => j.onRef('c.id', '=', 'd.constituency_id').onRef('c.township_id', '=', 'd.township_id'))
    .leftJoin('deputy_groups as g', (j) => j.onRef('g.id', '=', 'd.group_id').onRef('g.township_id', '=', 'd.township_id'))
    .select(['d.id', 'd.name', 'd.user_id', 'c.name as constituency_name', 'g.name as group_name'])
    .where('d.township_id', '=', townshipId)
    .where('d.level', '=', 'township')
    .where('d.term_number', '=', termNumber)
    .where('d.mandate_start', '<=', day)
    .where((eb) => eb.or([eb('d.mandate_end', 'is', null), eb('d.mandate_end', '>=', day)]))
    .execute();
}

export async function insertSeats(db: Db, rows: SeatRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('session_seats').values(rows.slice(i, i + 100)).execute();
}

export function listSeats(db: Db, sessionId: string): Promise<SeatRow[]> {
  return db.selectFrom('session_seats').select(SEAT_COLUMNS).where('session_id', '=', sessionId).orderBy('seq').execute();
}

export function findSeat(db: Db, sessionId: string, deputyId: string): Promise<SeatRow | undefined> {
  return db.selectFrom('session_seats').select(SEAT_COLUMNS).where('session_id', '=', sessionId).where('deputy_id', '=', deputyId).executeTakeFirst();
}

/** The seat of the deputy linked to `userId` in this session, if they hold one. */
export function findSeatOfUser(db: Db, sessionId: string, userId: string): Promise<SeatRow | undefined> {
  return db
    .selectFrom('session_seats as s')
    .innerJoin('deputies as d', (j) => j.onRef('d.id', '=', 's.deputy_id').onRef('d.township_id', '=', 's.township_id'))
    .select(SEAT_COLUMNS.map((c) => `s.${c}` as const))
    .where('s.session_id', '=', sessionId)
    .where('d.user_id', '=', userId)
    .executeTakeFirst();
}

export async function updateSeat(db: Db, sessionId: string, deputyId: string, patch: Partial<Omit<SeatRow, 'session_id' | 'deputy_id' | 'township_id'>>): Promise<void> {
  await db.updateTable('session_seats').set(patch).where('session_id', '=', sessionId).where('deputy_id', '=', deputyId).execute();
}

export async function markUnmarkedAbsent(db: Db, sessionId: string, now: string): Promise<void> {
  await db.updateTable('session_seats').set({ status: 'absent', updated_at: now }).where('session_id', '=', sessionId).where('status', '=', 'unmarked').execute();
}

export async function countAttendance(db: Db, sessionId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('session_seats')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Deputies of the township linked to a user account (one person may hold several mandates). */
export function listDeputyIdsOfUser(db: Db, townshipId: string, userId: string): Promise<string[]> {
  return db.selectFrom('deputies').select('id').where('township_id', '=', townshipId).where('user_id', '=', userId).execute().then((r) => r.map((x) => x.id));
}

export function listDeputyNames(db: Db, townshipId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('deputies').select(['id', 'name']).where('township_id', '=', townshipId).where('id', 'in', ids).execute();
}

// ---- agenda items and documents -------------------------------------------------------------

export function listAgendaItems(db: Db, sessionId: string, includeArchived = false): Promise<AgendaItemRow[]> {
  return db
    .selectFrom('agenda_items')
    .select(AGENDA_COLUMNS)
    .where('session_id', '=', sessionId)
    .$if(!includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export function findAgendaItemInScope(db: Db, id: string, townshipIds: string[]): Promise<AgendaItemRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('agenda_items').select(AGENDA_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function nextAgendaPosition(db: Db, sessionId: string): Promise<number> {
  const r = await db.selectFrom('agenda_items').select((eb) => eb.fn.max<number>('position').as('m')).where('session_id', '=', sessionId).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertAgendaItem(db: Db, row: AgendaItemRow): Promise<void> {
  await db.insertInto('agenda_items').values(row).execute();
}

export async function updateAgendaItem(db: Db, id: string, patch: Partial<Omit<AgendaItemRow, 'id' | 'township_id' | 'session_id'>>): Promise<void> {
  await db.updateTable('agenda_items').set(patch).where('id', '=', id).execute();
}

export function listDocuments(db: Db, sessionId: string): Promise<DocumentRow[]> {
  return db.selectFrom('session_documents').select(DOCUMENT_COLUMNS).where('session_id', '=', sessionId).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export function findDocumentInScope(db: Db, id: string, townshipIds: string[]): Promise<DocumentRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('session_documents').select(DOCUMENT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertDocument(db: Db, row: DocumentRow): Promise<void> {
  await db.insertInto('session_documents').values(row).execute();
}

export async function archiveDocument(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('session_documents').set({ archived_at: at }).where('id', '=', id).execute();
}

// ---- resolutions ----------------------------------------------------------------------------

export function listResolutions(db: Db, sessionId: string): Promise<ResolutionRow[]> {
  return db.selectFrom('resolutions').select(RESOLUTION_COLUMNS).where('session_id', '=', sessionId).orderBy('created_at').execute();
}

export function findResolutionInScope(db: Db, id: string, townshipIds: string[]): Promise<ResolutionRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('resolutions').select(RESOLUTION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertResolution(db: Db, row: ResolutionRow): Promise<void> {
  await db.insertInto('resolutions').values(row).execute();
}

export async function updateResolution(db: Db, id: string, patch: Partial<Omit<ResolutionRow, 'id' | 'township_id' | 'session_id'>>): Promise<void> {
  await db.updateTable('resolutions').set(patch).where('id', '=', id).execute();
}

// ---- votes and ballots ----------------------------------------------------------------------

export function listVotes(db: Db, sessionId: string): Promise<VoteRow[]> {
  return db.selectFrom('session_votes').select(VOTE_COLUMNS).where('session_id', '=', sessionId).orderBy('opened_at').orderBy('id').execute();
}

export function findVoteInScope(db: Db, id: string, townshipIds: string[]): Promise<VoteRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('session_votes').select(VOTE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export function findOpenVote(db: Db, sessionId: string): Promise<VoteRow | undefined> {
  return db.selectFrom('session_votes').select(VOTE_COLUMNS).where('session_id', '=', sessionId).where('state', '=', 'open').executeTakeFirst();
}

/** The vote that supersedes `voteId`, if a re-vote was held. */
export function findSupersedingVote(db: Db, voteId: string): Promise<VoteRow | undefined> {
  return db.selectFrom('session_votes').select(VOTE_COLUMNS).where('supersedes_vote_id', '=', voteId).executeTakeFirst();
}

/** Ids of the votes of a session that a re-vote replaced. */
export function listSupersededIds(db: Db, sessionId: string): Promise<Map<string, string>> {
  return db
    .selectFrom('session_votes')
    .select(['id', 'supersedes_vote_id'])
    .where('session_id', '=', sessionId)
    .where('supersedes_vote_id', 'is not', null)
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.supersedes_vote_id!, r.id])));
}

export async function insertVote(db: Db, row: VoteRow): Promise<void> {
  await db.insertInto('session_votes').values(row).execute();
}

/**
 * Closes an open vote, writing its counts once. The `state = 'open'` guard makes a second close
 * (or a concurrent one) a no-op: returns false when nothing was closed.
 */
export async function closeVote(
  db: Db,
  id: string,
  patch: Pick<VoteRow, 'yes_count' | 'no_count' | 'abstain_count' | 'is_passed' | 'closed_by' | 'closed_at'>,
): Promise<boolean> {
  const r = await db.updateTable('session_votes').set({ ...patch, state: 'closed' }).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertBallots(db: Db, rows: BallotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('vote_ballots').values(rows.slice(i, i + 100)).execute();
}

export function listBallots(db: Db, voteId: string): Promise<BallotRow[]> {
  return db.selectFrom('vote_ballots').select(BALLOT_COLUMNS).where('vote_id', '=', voteId).execute();
}

export async function updateBallot(db: Db, voteId: string, deputyId: string, patch: Pick<BallotRow, 'choice' | 'recorded_by' | 'recorded_at'>): Promise<boolean> {
  const r = await db.updateTable('vote_ballots').set(patch).where('vote_id', '=', voteId).where('deputy_id', '=', deputyId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- motions --------------------------------------------------------------------------------

export function listMotions(db: Db, sessionId: string): Promise<MotionRow[]> {
  return db.selectFrom('motions').select(MOTION_COLUMNS).where('session_id', '=', sessionId).orderBy('created_at').execute();
}

export function findMotionInScope(db: Db, id: string, townshipIds: string[]): Promise<MotionRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('motions').select(MOTION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertMotion(db: Db, row: MotionRow): Promise<void> {
  await db.insertInto('motions').values(row).execute();
}

export async function updateMotion(db: Db, id: string, patch: Partial<Omit<MotionRow, 'id' | 'township_id' | 'session_id'>>): Promise<void> {
  await db.updateTable('motions').set(patch).where('id', '=', id).execute();
}

export function listSigners(db: Db, motionIds: string[]): Promise<SignerRow[]> {
  if (motionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('motion_signers as s')
    .innerJoin('deputies as d', (j) => j.onRef('d.id', '=', 's.deputy_id').onRef('d.township_id', '=', 's.township_id'))
    .select([...SIGNER_COLUMNS.map((c) => `s.${c}` as const), 'd.name as deputy_name'])
    .where('s.motion_id', 'in', motionIds)
    .orderBy('s.is_lead', 'desc')
    .orderBy('s.created_at')
    .execute();
}

export async function insertSigners(db: Db, rows: MotionSignersTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('motion_signers').values(rows).execute();
}

export async function confirmSigner(db: Db, motionId: string, deputyId: string, patch: Pick<MotionSignersTable, 'confirmed_at' | 'confirmation' | 'recorded_by'>): Promise<void> {
  await db.updateTable('motion_signers').set(patch).where('motion_id', '=', motionId).where('deputy_id', '=', deputyId).execute();
}

export async function countConfirmedSigners(db: Db, motionId: string): Promise<number> {
  const r = await db
    .selectFrom('motion_signers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('motion_id', '=', motionId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every seat of the township's sessions closed in `year`, oldest first (for duty records). */
export function listSeatsOfClosedSessionsInYear(db: Db, townshipId: string, year: number) {
  return db
    .selectFrom('session_seats')
    .innerJoin('congress_sessions', (j) => j.onRef('congress_sessions.id', '=', 'session_seats.session_id').onRef('congress_sessions.township_id', '=', 'session_seats.township_id'))
    .select([
      'session_seats.deputy_id', 'session_seats.status', 'session_seats.leave_reason',
      'congress_sessions.id as session_id', 'congress_sessions.term_number', 'congress_sessions.sitting_number', 'congress_sessions.start_date',
    ])
    .where('session_seats.township_id', '=', townshipId)
    .where('congress_sessions.state', '=', 'closed')
    .where('congress_sessions.start_date', '>=', `${year}-01-01`)
    .where('congress_sessions.start_date', '<=', `${year}-12-31`)
    .orderBy('congress_sessions.start_date')
    .execute();
}
