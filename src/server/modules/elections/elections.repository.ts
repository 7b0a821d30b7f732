import type { Kysely, Transaction } from 'kysely';
import type {
  DB, ElectionBoxCountsTable, ElectionCandidatesTable, ElectionDocumentsTable, ElectionGuidanceMembersTable, ElectionProxiesTable, ElectionRoundsTable,
  ElectionStepsTable, ElectionTallyEntriesTable, ElectionTrainingAttendeesTable, ElectionTrainingsTable, ElectionVotersTable,
  TallyRound, VillageElectionsTable,
} from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type RoundRow = ElectionRoundsTable;
export type GuidanceRow = ElectionGuidanceMembersTable;
export type TrainingRow = ElectionTrainingsTable;
export type AttendeeRow = ElectionTrainingAttendeesTable;
export type ElectionRow = VillageElectionsTable;
export type StepRow = ElectionStepsTable;
export type VoterRow = ElectionVotersTable;
export type ProxyRow = ElectionProxiesTable;
export type CandidateRow = ElectionCandidatesTable;
export type EntryRow = ElectionTallyEntriesTable;
export type BoxCountRow = ElectionBoxCountsTable;
export type DocumentRow = ElectionDocumentsTable;

export const ROUND_COLUMNS = [
  'id', 'township_id', 'name', 'year', 'term_years', 'profile_key', 'planned_vote_day', 'runoff_extra_candidates', 'created_by', 'created_at', 'updated_at', 'archived_at',
] as const;
export const GUIDANCE_COLUMNS = ['id', 'township_id', 'round_id', 'deputy_id', 'name', 'role', 'title', 'seq', 'created_at'] as const;
export const TRAINING_COLUMNS = ['id', 'township_id', 'round_id', 'held_on', 'topic', 'place', 'created_at', 'archived_at'] as const;
export const ATTENDEE_COLUMNS = ['id', 'township_id', 'training_id', 'name', 'village_id', 'duty'] as const;
export const ELECTION_COLUMNS = [
  'id', 'township_id', 'round_id', 'village_id', 'seats_chair', 'seats_vice_chair', 'seats_member', 'ballot_boxes', 'runoff_ballot_boxes', 'state', 'registered_frozen',
  'first_cast', 'first_counted_at', 'runoff_cast', 'runoff_counted_at', 'completed_on', 'created_at', 'updated_at',
] as const;
export const STEP_COLUMNS = ['id', 'township_id', 'election_id', 'step_key', 'seq', 'planned_on', 'done_on', 'note', 'updated_at'] as const;
/** Voter columns without the sealed 身份证号: lists never carry it. */
export const VOTER_LIST_COLUMNS = [
  'id', 'township_id', 'round_id', 'election_id', 'seq', 'name', 'gender', 'birth_date', 'id_number_masked', 'category', 'villager_group', 'source_row', 'created_at',
] as const;
export const PROXY_COLUMNS = ['id', 'township_id', 'election_id', 'principal_voter_id', 'proxy_voter_id', 'relation', 'created_by', 'created_at'] as const;
export const CANDIDATE_COLUMNS = [
  'id', 'township_id', 'election_id', 'office', 'name', 'gender', 'seq', 'first_votes', 'is_runoff_candidate', 'runoff_votes', 'elected_in', 'is_tied', 'created_at', 'archived_at',
] as const;
export const ENTRY_COLUMNS = [
  'id', 'township_id', 'election_id', 'round', 'box_no', 'entry_no', 'clerk_user_id', 'clerk_name', 'issued', 'returned', 'valid', 'invalid', 'votes_json', 'created_at',
] as const;
export const BOX_COLUMNS = [
  'id', 'township_id', 'election_id', 'round', 'box_no', 'issued', 'returned', 'valid', 'invalid', 'votes_json', 'how', 'resolved_by', 'created_at',
] as const;

export type VoterListRow = Omit<VoterRow, 'id_number_sealed' | 'id_number_index'>;

// ---- rounds ---------------------------------------------------------------------------------

export function findRoundInScope(db: Db, id: string, townshipIds: string[]): Promise<RoundRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_rounds').select(ROUND_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export function listRounds(db: Db, townshipId: string): Promise<RoundRow[]> {
  return db.selectFrom('election_rounds').select(ROUND_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export function roundsOfYear(db: Db, townshipId: string, year: number): Promise<RoundRow[]> {
  return db.selectFrom('election_rounds').select(ROUND_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .where('year', '=', year).orderBy('created_at', 'desc').execute();
}

export async function insertRound(db: Db, row: RoundRow): Promise<void> {
  await db.insertInto('election_rounds').values(row).execute();
}

export async function updateRound(db: Db, id: string, patch: Partial<Omit<RoundRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('election_rounds').set(patch).where('id', '=', id).execute();
}

// ---- guidance group and training --------------------------------------------------------------

export function listGuidance(db: Db, roundId: string): Promise<GuidanceRow[]> {
  return db.selectFrom('election_guidance_members').select(GUIDANCE_COLUMNS).where('round_id', '=', roundId).orderBy('seq').execute();
}

export async function replaceGuidance(db: Db, roundId: string, rows: GuidanceRow[]): Promise<void> {
  await db.deleteFrom('election_guidance_members').where('round_id', '=', roundId).execute();
  if (rows.length) await db.insertInto('election_guidance_members').values(rows).execute();
}

export function listTrainings(db: Db, roundId: string): Promise<TrainingRow[]> {
  return db.selectFrom('election_trainings').select(TRAINING_COLUMNS).where('round_id', '=', roundId).where('archived_at', 'is', null).orderBy('held_on').execute();
}

export function findTrainingInScope(db: Db, id: string, townshipIds: string[]): Promise<TrainingRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_trainings').select(TRAINING_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export function listAttendees(db: Db, trainingIds: string[]): Promise<AttendeeRow[]> {
  if (trainingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('election_training_attendees').select(ATTENDEE_COLUMNS).where('training_id', 'in', trainingIds).orderBy('name').execute();
}

export async function insertTraining(db: Db, row: TrainingRow, attendees: AttendeeRow[]): Promise<void> {
  await db.insertInto('election_trainings').values(row).execute();
  if (attendees.length) await db.insertInto('election_training_attendees').values(attendees).execute();
}

export async function archiveTraining(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('election_trainings').set({ archived_at: at }).where('id', '=', id).execute();
}

// ---- village elections ------------------------------------------------------------------------

export function findElectionInScope(db: Db, id: string, townshipIds: string[]): Promise<ElectionRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('village_elections').select(ELECTION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export function listElections(db: Db, roundId: string, villageId?: string | null): Promise<ElectionRow[]> {
  return db.selectFrom('village_elections').select(ELECTION_COLUMNS).where('round_id', '=', roundId)
    .$if(!!villageId, (q) => q.where('village_id', '=', villageId!)).execute();
}

export async function insertElections(db: Db, rows: ElectionRow[]): Promise<void> {
  if (rows.length) await db.insertInto('village_elections').values(rows).execute();
}

export async function updateElection(db: Db, id: string, patch: Partial<Omit<ElectionRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('village_elections').set(patch).where('id', '=', id).execute();
}

export function listSteps(db: Db, electionIds: string[]): Promise<StepRow[]> {
  if (electionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('election_steps').select(STEP_COLUMNS).where('election_id', 'in', electionIds).orderBy('seq').execute();
}

export async function insertSteps(db: Db, rows: StepRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('election_steps').values(rows.slice(i, i + 500)).execute();
}

export async function updateStep(db: Db, electionId: string, key: string, patch: Pick<StepRow, 'planned_on' | 'done_on' | 'note' | 'updated_at'>): Promise<void> {
  await db.updateTable('election_steps').set(patch).where('election_id', '=', electionId).where('step_key', '=', key).execute();
}

// ---- voters and proxies -------------------------------------------------------------------------

export function listVoters(db: Db, electionId: string): Promise<VoterListRow[]> {
  return db.selectFrom('election_voters').select(VOTER_LIST_COLUMNS).where('election_id', '=', electionId).orderBy('seq').execute();
}

export async function countVoters(db: Db, electionIds: string[]): Promise<Map<string, number>> {
  if (electionIds.length === 0) return new Map();
  const rows = await db.selectFrom('election_voters').select(['election_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('election_id', 'in', electionIds).groupBy('election_id').execute();
  return new Map(rows.map((r) => [r.election_id, Number(r.n)]));
}

export function findVoterInScope(db: Db, id: string, townshipIds: string[]): Promise<VoterRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_voters')
    .select([...VOTER_LIST_COLUMNS, 'id_number_sealed', 'id_number_index'])
    .where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

/** Voters of the round already holding one of `indexes`, with their village: the cross-village check (第13条). */
export async function votersByIndex(db: Db, roundId: string, indexes: string[]): Promise<{ id_number_index: string; source_row: number; election_id: string; village_name: string }[]> {
  const out: { id_number_index: string; source_row: number; election_id: string; village_name: string }[] = [];
  for (let i = 0; i < indexes.length; i += 1000) {
    const chunk = indexes.slice(i, i + 1000);
    out.push(...await db.selectFrom('election_voters as v')
      .innerJoin('village_elections as e', (j) => j.onRef('e.id', '=', 'v.election_id').onRef('e.township_id', '=', 'v.township_id'))
      .innerJoin('villages as vg', 'vg.id', 'e.village_id')
      .select(['v.id_number_index', 'v.source_row', 'v.election_id', 'vg.name as village_name'])
      .where('v.round_id', '=', roundId).where('v.id_number_index', 'in', chunk).execute());
  }
  return out;
}

export async function maxVoterSeq(db: Db, electionId: string): Promise<number> {
  const r = await db.selectFrom('election_voters').select((eb) => eb.fn.max('seq').as('m')).where('election_id', '=', electionId).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Batched inserts: a 50,000-voter township imports in seconds. */
export async function insertVoters(db: Db, rows: VoterRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('election_voters').values(rows.slice(i, i + 1000)).execute();
}

export async function deleteRoll(db: Db, electionId: string): Promise<void> {
  await db.deleteFrom('election_proxies').where('election_id', '=', electionId).execute();
  await db.deleteFrom('election_voters').where('election_id', '=', electionId).execute();
}

export function listProxies(db: Db, electionId: string): Promise<ProxyRow[]> {
  return db.selectFrom('election_proxies').select(PROXY_COLUMNS).where('election_id', '=', electionId).orderBy('created_at').execute();
}

export function findProxyInScope(db: Db, id: string, townshipIds: string[]): Promise<ProxyRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_proxies').select(PROXY_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertProxy(db: Db, row: ProxyRow): Promise<void> {
  await db.insertInto('election_proxies').values(row).execute();
}

export async function deleteProxy(db: Db, id: string): Promise<void> {
  await db.deleteFrom('election_proxies').where('id', '=', id).execute();
}

// ---- candidates -----------------------------------------------------------------------------------

export function listCandidates(db: Db, electionIds: string[]): Promise<CandidateRow[]> {
  if (electionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('election_candidates').select(CANDIDATE_COLUMNS).where('election_id', 'in', electionIds).where('archived_at', 'is', null)
    .orderBy('election_id').orderBy('seq').execute();
}

export function findCandidateInScope(db: Db, id: string, townshipIds: string[]): Promise<CandidateRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_candidates').select(CANDIDATE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertCandidates(db: Db, rows: CandidateRow[]): Promise<void> {
  if (rows.length) await db.insertInto('election_candidates').values(rows).execute();
}

export async function updateCandidate(db: Db, id: string, patch: Partial<Omit<CandidateRow, 'id' | 'township_id' | 'election_id'>>): Promise<void> {
  await db.updateTable('election_candidates').set(patch).where('id', '=', id).execute();
}

// ---- tally --------------------------------------------------------------------------------------------

export function listEntries(db: Db, electionId: string, round?: TallyRound): Promise<EntryRow[]> {
  return db.selectFrom('election_tally_entries').select(ENTRY_COLUMNS).where('election_id', '=', electionId)
    .$if(round !== undefined, (q) => q.where('round', '=', round!)).orderBy('round').orderBy('box_no').orderBy('entry_no').execute();
}

export async function insertEntry(db: Db, row: EntryRow): Promise<void> {
  await db.insertInto('election_tally_entries').values(row).execute();
}

export function listBoxCounts(db: Db, electionIds: string[], round?: TallyRound): Promise<BoxCountRow[]> {
  if (electionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('election_box_counts').select(BOX_COLUMNS).where('election_id', 'in', electionIds)
    .$if(round !== undefined, (q) => q.where('round', '=', round!)).orderBy('election_id').orderBy('box_no').execute();
}

export async function insertBoxCount(db: Db, row: BoxCountRow): Promise<void> {
  await db.insertInto('election_box_counts').values(row).execute();
}

// ---- lookups ----------------------------------------------------------------------------------------

export function villagesOf(db: Db, townshipId: string): Promise<{ id: string; name: string; sort_order: number; archived_at: string | null }[]> {
  return db.selectFrom('villages').select(['id', 'name', 'sort_order', 'archived_at']).where('township_id', '=', townshipId).orderBy('sort_order').orderBy('name').execute();
}

// ---- step documents -----------------------------------------------------------------------------------

export const DOCUMENT_COLUMNS = [
  'id', 'township_id', 'election_id', 'village_id', 'step_key', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by',
  'uploaded_by_name', 'created_at', 'archived_at',
] as const;

/** The election's current documents, step by step, oldest first. */
export function listDocuments(db: Db, electionId: string): Promise<DocumentRow[]> {
  return db.selectFrom('election_documents').select(DOCUMENT_COLUMNS).where('election_id', '=', electionId).where('archived_at', 'is', null)
    .orderBy('step_key').orderBy('created_at').orderBy('id').execute();
}

export function findDocumentInScope(db: Db, id: string, townshipIds: string[]): Promise<DocumentRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('election_documents').select(DOCUMENT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds)
    .where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertDocument(db: Db, row: DocumentRow): Promise<void> {
  await db.insertInto('election_documents').values(row).execute();
}

export async function archiveDocument(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('election_documents').set({ archived_at: at }).where('id', '=', id).execute();
}
