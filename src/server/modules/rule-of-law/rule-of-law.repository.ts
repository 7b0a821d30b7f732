import type { Kysely, Transaction } from 'kysely';
import type { AdministrativeComplaintsTable, DB, ModelProgrammesTable, ModelVillageCriteriaTable, ModelVillageEntriesTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type ComplaintRow = AdministrativeComplaintsTable;
export type ProgrammeRow = ModelProgrammesTable;
export type EntryRow = ModelVillageEntriesTable;
export type CriterionRow = ModelVillageCriteriaTable;

const COMPLAINT_COLUMNS = ['id', 'township_id', 'unit_id', 'kind', 'received_on', 'cause', 'outcome', 'concluded_on', 'created_by', 'created_at', 'updated_at', 'archived_at'] as const;
const PROGRAMME_COLUMNS = ['id', 'township_id', 'name', 'criteria_json', 'position', 'created_at', 'updated_at', 'archived_at'] as const;
const ENTRY_COLUMNS = ['id', 'township_id', 'programme_id', 'village_id', 'year', 'status', 'accepted_on', 'note', 'created_by', 'created_at', 'updated_at'] as const;
const CRITERION_COLUMNS = ['id', 'township_id', 'entry_id', 'position', 'name', 'is_met', 'evidence', 'updated_by', 'updated_at'] as const;

// ---- complaints -----------------------------------------------------------------------------

export function listComplaints(db: Db, townshipId: string, year?: number): Promise<ComplaintRow[]> {
  return db.selectFrom('administrative_complaints').select(COMPLAINT_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .$if(year !== undefined, (q) => q.where('received_on', '>=', `${year}-01-01`).where('received_on', '<=', `${year}-12-31`))
    .orderBy('received_on', 'desc').orderBy('created_at', 'desc').execute();
}

export function findComplaintInScope(db: Db, id: string, townshipIds: string[]): Promise<ComplaintRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('administrative_complaints').select(COMPLAINT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertComplaint(db: Db, row: ComplaintRow): Promise<void> {
  await db.insertInto('administrative_complaints').values(row).execute();
}

export async function updateComplaint(db: Db, id: string, patch: Partial<Omit<ComplaintRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('administrative_complaints').set(patch).where('id', '=', id).execute();
}

// ---- model-village programmes ---------------------------------------------------------------

export function listProgrammes(db: Db, townshipId: string): Promise<ProgrammeRow[]> {
  return db.selectFrom('model_programmes').select(PROGRAMME_COLUMNS).where('township_id', '=', townshipId).orderBy('position').orderBy('created_at').execute();
}

export function findProgrammeInScope(db: Db, id: string, townshipIds: string[]): Promise<ProgrammeRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('model_programmes').select(PROGRAMME_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertProgrammes(db: Db, rows: ProgrammeRow[]): Promise<void> {
  if (rows.length) await db.insertInto('model_programmes').values(rows).execute();
}

export async function updateProgramme(db: Db, id: string, patch: Partial<Omit<ProgrammeRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('model_programmes').set(patch).where('id', '=', id).execute();
}

export function listEntries(db: Db, townshipId: string, filter: { year?: number; villageId?: string | null }): Promise<EntryRow[]> {
  return db.selectFrom('model_village_entries').select(ENTRY_COLUMNS).where('township_id', '=', townshipId)
    .$if(filter.year !== undefined, (q) => q.where('year', '=', filter.year!))
    .$if(!!filter.villageId, (q) => q.where('village_id', '=', filter.villageId!))
    .orderBy('year', 'desc').orderBy('created_at').execute();
}

export function findEntryInScope(db: Db, id: string, townshipIds: string[]): Promise<EntryRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('model_village_entries').select(ENTRY_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function findEntry(db: Db, programmeId: string, villageId: string, year: number): Promise<EntryRow | undefined> {
  return db.selectFrom('model_village_entries').select(ENTRY_COLUMNS).where('programme_id', '=', programmeId).where('village_id', '=', villageId).where('year', '=', year).executeTakeFirst();
}

export async function insertEntry(db: Db, row: EntryRow, criteria: CriterionRow[]): Promise<void> {
  await db.insertInto('model_village_entries').values(row).execute();
  if (criteria.length) await db.insertInto('model_village_criteria').values(criteria).execute();
}

export async function updateEntry(db: Db, id: string, patch: Partial<Omit<EntryRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('model_village_entries').set(patch).where('id', '=', id).execute();
}

export function listCriteria(db: Db, entryIds: string[]): Promise<CriterionRow[]> {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('model_village_criteria').select(CRITERION_COLUMNS).where('entry_id', 'in', entryIds).orderBy('entry_id').orderBy('position').execute();
}

export async function updateCriterion(db: Db, id: string, patch: Partial<Omit<CriterionRow, 'id' | 'township_id' | 'entry_id'>>): Promise<void> {
  await db.updateTable('model_village_criteria').set(patch).where('id', '=', id).execute();
}

export function findCriterionInScope(db: Db, id: string, townshipIds: string[]): Promise<CriterionRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('model_village_criteria').select(CRITERION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}
