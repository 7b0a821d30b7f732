import type { Kysely, Transaction } from 'kysely';
import type { AreaAssignmentsTable, ConstituenciesTable, DB, DeputiesTable, DeputyGroupsTable, PresidiumMembersTable } from '../../db/schema.js';
import { openNullable, openPersonal, personalIndex, sealNullable, sealPersonal } from '../../security/personal-data.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A deputy as the services see it: 身份证号 and phone in plain text. In the database both are
 * sealed (AES-256-GCM, security/personal-data.ts) and the 身份证号 has a keyed-hash index column
 * for duplicate checks; only this repository converts between the two forms.
 */
export type DeputyRow = Omit<DeputiesTable, 'id_number_index'>;
export type ConstituencyRow = ConstituenciesTable;
export type GroupRow = DeputyGroupsTable;
export type PresidiumRow = PresidiumMembersTable;
export type AreaAssignmentRow = AreaAssignmentsTable;

export const DEPUTY_COLUMNS = [
  'id', 'township_id', 'level', 'term_number', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number', 'party',
  'education', 'occupation', 'workplace', 'constituency_id', 'group_id', 'phone', 'mandate_start', 'mandate_end',
  'end_reason', 'has_government_post', 'user_id', 'created_at', 'updated_at',
] as const;
const CONSTITUENCY_COLUMNS = ['id', 'township_id', 'name', 'registered_voters', 'seats', 'created_at', 'updated_at', 'archived_at'] as const;
const GROUP_COLUMNS = ['id', 'township_id', 'name', 'leader_deputy_id', 'created_at', 'updated_at', 'archived_at'] as const;
const PRESIDIUM_COLUMNS = ['id', 'township_id', 'term_number', 'session_label', 'elected_on', 'deputy_id', 'position', 'created_at', 'archived_at'] as const;

export interface DeputyFilter {
  level?: 'township' | 'county';
  termNumber?: number;
  constituencyId?: string;
  groupId?: string;
  /** Only deputies whose mandate has not ended. */
  currentOnly?: boolean;
  search?: string;
}

/** The lookup key of a 身份证号 (normalised: trimmed, upper-case X). */
export function idNumberIndex(idNumber: string): string {
  return personalIndex(idNumber.trim().toUpperCase());
}

/** The key duplicate checks compare: level, term and the keyed hash of the 身份证号. */
export function idNumberKey(level: string, termNumber: number, idNumber: string): string {
  return `${level}|${termNumber}|${idNumberIndex(idNumber)}`;
}

function openRow(row: DeputyRow): DeputyRow {
  return { ...row, id_number: openPersonal(row.id_number), phone: openNullable(row.phone) };
}

function sealRow(row: DeputyRow): DeputiesTable {
  return { ...row, id_number: sealPersonal(row.id_number), id_number_index: idNumberIndex(row.id_number), phone: sealNullable(row.phone) };
}

export async function listDeputies(db: Db, townshipId: string, filter: DeputyFilter = {}): Promise<DeputyRow[]> {
  let q = db.selectFrom('deputies').select(DEPUTY_COLUMNS).where('township_id', '=', townshipId);
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.termNumber) q = q.where('term_number', '=', filter.termNumber);
  if (filter.constituencyId) q = q.where('constituency_id', '=', filter.constituencyId);
  if (filter.groupId) q = q.where('group_id', '=', filter.groupId);
  if (filter.currentOnly) q = q.where('mandate_end', 'is', null);
  if (filter.search) q = q.where('name', 'like', `%${filter.search.replace(/[%_\\]/g, '')}%`);
  const rows = await q.orderBy('level', 'desc').orderBy('term_number', 'desc').orderBy('constituency_id').orderBy('name').execute();
  return rows.map(openRow);
}

export async function findDeputyInScope(db: Db, id: string, townshipIds: string[]): Promise<DeputyRow | undefined> {
  if (townshipIds.length === 0) return undefined;
  const row = await db.selectFrom('deputies').select(DEPUTY_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
  return row && openRow(row);
}

export async function findDeputyByUser(db: Db, userId: string): Promise<DeputyRow | undefined> {
  const row = await db.selectFrom('deputies').select(DEPUTY_COLUMNS).where('user_id', '=', userId).orderBy('term_number', 'desc').executeTakeFirst();
  return row && openRow(row);
}

/**
 * Keys (`idNumberKey`) of the deputies already in a township, to refuse duplicates: compared by
 * the keyed hash, so no 身份证号 is decrypted for the check.
 */
export async function existingIdNumbers(db: Db, townshipId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('deputies').select(['level', 'term_number', 'id_number_index']).where('township_id', '=', townshipId).execute();
  return new Set(rows.map((r) => `${r.level}|${r.term_number}|${r.id_number_index}`));
}

export async function insertDeputies(db: Db, rows: DeputyRow[]): Promise<void> {
  // SQLite allows 32766 bound parameters; 24 columns x 500 rows stays far below.
  const sealed = rows.map(sealRow);
  for (let i = 0; i < sealed.length; i += 500) await db.insertInto('deputies').values(sealed.slice(i, i + 500)).execute();
}

export async function updateDeputy(db: Db, id: string, patch: Partial<Omit<DeputyRow, 'id' | 'township_id'>>): Promise<void> {
  const sealed: Partial<DeputiesTable> = { ...patch };
  if (patch.id_number !== undefined) {
    sealed.id_number = sealPersonal(patch.id_number);
    sealed.id_number_index = idNumberIndex(patch.id_number);
  }
  if (patch.phone !== undefined) sealed.phone = sealNullable(patch.phone);
  await db.updateTable('deputies').set(sealed).where('id', '=', id).execute();
}

// ---- constituencies ---------------------------------------------------------------------------

export function listConstituencies(db: Db, townshipId: string): Promise<ConstituencyRow[]> {
  return db.selectFrom('constituencies').select(CONSTITUENCY_COLUMNS).where('township_id', '=', townshipId).orderBy('name').execute();
}

export function findConstituencyInScope(db: Db, id: string, townshipIds: string[]): Promise<ConstituencyRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('constituencies').select(CONSTITUENCY_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertConstituency(db: Db, row: ConstituencyRow): Promise<void> {
  await db.insertInto('constituencies').values(row).execute();
}

export async function updateConstituency(db: Db, id: string, patch: Partial<Omit<ConstituencyRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('constituencies').set(patch).where('id', '=', id).execute();
}

export function constituencyVillages(db: Db, townshipId: string): Promise<{ constituency_id: string; village_id: string }[]> {
  return db.selectFrom('constituency_villages').select(['constituency_id', 'village_id']).where('township_id', '=', townshipId).execute();
}

export async function setConstituencyVillages(db: Db, townshipId: string, constituencyId: string, villageIds: string[]): Promise<void> {
  await db.deleteFrom('constituency_villages').where('constituency_id', '=', constituencyId).execute();
  if (villageIds.length) {
    await db.insertInto('constituency_villages').values(villageIds.map((village_id) => ({ township_id: townshipId, constituency_id: constituencyId, village_id }))).execute();
  }
}

export function constituencyNameTaken(db: Db, townshipId: string, name: string, exceptId?: string): Promise<boolean> {
  return db.selectFrom('constituencies').select('id').where('township_id', '=', townshipId).where('name', '=', name)
    .$if(Boolean(exceptId), (q) => q.where('id', '!=', exceptId!)).executeTakeFirst().then(Boolean);
}

// ---- groups -------------------------------------------------------------------------------------

export function listGroups(db: Db, townshipId: string): Promise<GroupRow[]> {
  return db.selectFrom('deputy_groups').select(GROUP_COLUMNS).where('township_id', '=', townshipId).orderBy('name').execute();
}

export function findGroupInScope(db: Db, id: string, townshipIds: string[]): Promise<GroupRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('deputy_groups').select(GROUP_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertGroup(db: Db, row: GroupRow): Promise<void> {
  await db.insertInto('deputy_groups').values(row).execute();
}

export async function updateGroup(db: Db, id: string, patch: Partial<Omit<GroupRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('deputy_groups').set(patch).where('id', '=', id).execute();
}

export function groupNameTaken(db: Db, townshipId: string, name: string, exceptId?: string): Promise<boolean> {
  return db.selectFrom('deputy_groups').select('id').where('township_id', '=', townshipId).where('name', '=', name)
    .$if(Boolean(exceptId), (q) => q.where('id', '!=', exceptId!)).executeTakeFirst().then(Boolean);
}

/** Serving members per group: deputies whose mandate has not ended. */
export async function groupMemberCounts(db: Db, townshipId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('deputies').select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('township_id', '=', townshipId).where('group_id', 'is not', null).where('mandate_end', 'is', null).groupBy('group_id').execute();
  return new Map(rows.map((r) => [r.group_id!, Number(r.n)]));
}

// ---- presidium and area assignments ---------------------------------------------------------

export function currentPresidium(db: Db, townshipId: string): Promise<PresidiumRow[]> {
  return db.selectFrom('presidium_members').select(PRESIDIUM_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null).orderBy('position').execute();
}

export function presidiumHistory(db: Db, townshipId: string): Promise<PresidiumRow[]> {
  return db.selectFrom('presidium_members').select(PRESIDIUM_COLUMNS).where('township_id', '=', townshipId).orderBy('elected_on', 'desc').execute();
}

export async function archivePresidium(db: Db, townshipId: string, at: string): Promise<void> {
  await db.updateTable('presidium_members').set({ archived_at: at }).where('township_id', '=', townshipId).where('archived_at', 'is', null).execute();
}

export async function insertPresidium(db: Db, rows: PresidiumRow[]): Promise<void> {
  if (rows.length) await db.insertInto('presidium_members').values(rows).execute();
}

const AREA_COLUMNS = ['id', 'township_id', 'leader_deputy_id', 'village_id', 'deputy_id', 'created_at', 'ended_at'] as const;

/** The township's current assignments (not ended), oldest first. */
export function listAreaAssignments(db: Db, townshipId: string): Promise<AreaAssignmentRow[]> {
  return db.selectFrom('area_assignments').select(AREA_COLUMNS).where('township_id', '=', townshipId).where('ended_at', 'is', null)
    .orderBy('created_at').orderBy('id').execute();
}

/**
 * The assignments in force at instant `at`: created at or before it and not ended by then
 * (a row ended exactly at `at` is no longer in force; one created exactly then is). Oldest first.
 */
export async function areaAssignmentsInForce(db: Db, townshipId: string, at: string, leaderDeputyIds?: readonly string[]): Promise<AreaAssignmentRow[]> {
  if (leaderDeputyIds?.length === 0) return [];
  return db.selectFrom('area_assignments').select(AREA_COLUMNS).where('township_id', '=', townshipId)
    .$if(leaderDeputyIds !== undefined, (q) => q.where('leader_deputy_id', 'in', [...leaderDeputyIds!]))
    .where('created_at', '<=', at).where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', at)]))
    .orderBy('created_at').orderBy('id').execute();
}

/**
 * Makes a leader's current assignments the given villages and deputies at instant `now`: rows no
 * longer wanted are ended (kept as history), new ones inserted, unchanged ones left as they are.
 * Returns the rows ended and the rows inserted.
 */
export async function replaceAreaAssignments(
  db: Db, townshipId: string, leaderDeputyId: string, want: { villageIds: readonly string[]; deputyIds: readonly string[] }, now: string, newId: () => string,
): Promise<{ ended: AreaAssignmentRow[]; added: AreaAssignmentRow[] }> {
  const current = await db.selectFrom('area_assignments').select(AREA_COLUMNS).where('township_id', '=', townshipId)
    .where('leader_deputy_id', '=', leaderDeputyId).where('ended_at', 'is', null).execute();
  const villages = new Set(want.villageIds);
  const deputies = new Set(want.deputyIds);
  const ended = current.filter((r) => (r.village_id !== null ? !villages.has(r.village_id) : !deputies.has(r.deputy_id!)));
  const keptVillages = new Set(current.filter((r) => r.village_id !== null && villages.has(r.village_id)).map((r) => r.village_id));
  const keptDeputies = new Set(current.filter((r) => r.deputy_id !== null && deputies.has(r.deputy_id)).map((r) => r.deputy_id));
  const added: AreaAssignmentRow[] = [
    ...[...villages].filter((v) => !keptVillages.has(v)).map((village_id) => ({ id: newId(), township_id: townshipId, leader_deputy_id: leaderDeputyId, village_id, deputy_id: null, created_at: now, ended_at: null })),
    ...[...deputies].filter((d) => !keptDeputies.has(d)).map((deputy_id) => ({ id: newId(), township_id: townshipId, leader_deputy_id: leaderDeputyId, village_id: null, deputy_id, created_at: now, ended_at: null })),
  ];
  if (ended.length) {
    await db.updateTable('area_assignments').set({ ended_at: now }).where('township_id', '=', townshipId).where('id', 'in', ended.map((r) => r.id)).execute();
  }
  if (added.length) await db.insertInto('area_assignments').values(added).execute();
  return { ended: ended.map((r) => ({ ...r, ended_at: now })), added };
}

/** Deputies whose mandate has not ended (the dashboard figure). */
export async function countServingDeputies(db: Db, townshipId: string): Promise<number> {
  const r = await db.selectFrom('deputies').select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', townshipId).where('mandate_end', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}
