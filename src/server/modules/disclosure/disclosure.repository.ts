import type { Kysely, Transaction } from 'kysely';
import type {
  DB, EnforcementBoardChecksTable, EnforcementBoardsTable, UnitDisclosuresTable, VillageDisclosureItemsTable, VillageDisclosuresTable,
  VillageFinanceLinesTable,
} from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type BoardRow = EnforcementBoardsTable;
export type CheckRow = EnforcementBoardChecksTable;
export type UnitDisclosureRow = UnitDisclosuresTable;
export type VillageDisclosureRow = VillageDisclosuresTable;
export type ItemRow = VillageDisclosureItemsTable;
export type LineRow = VillageFinanceLinesTable;

export const BOARD_COLUMNS = [
  'id', 'township_id', 'unit_id', 'version', 'status', 'title', 'scope', 'basis', 'responsibility', 'division_of_work', 'procedure', 'fee_standards',
  'accountability', 'service_commitment', 'party_rights', 'supervision', 'published_on', 'published_by', 'superseded_on', 'created_by',
  'created_at', 'updated_at', 'archived_at',
] as const;
const CHECK_COLUMNS = ['id', 'township_id', 'board_id', 'checked_on', 'note', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at', 'archived_at'] as const;
const UNIT_DISCLOSURE_COLUMNS = [
  'id', 'township_id', 'unit_id', 'kind', 'title', 'procedures', 'fee_standards', 'other_content', 'status', 'published_on', 'published_by',
  'created_by', 'created_at', 'updated_at', 'archived_at',
] as const;
const VILLAGE_DISCLOSURE_COLUMNS = [
  'id', 'township_id', 'village_id', 'period_kind', 'period_start', 'period_end', 'version', 'status', 'opening_balance', 'closing_balance',
  'total_income', 'total_expense', 'source_file_name', 'published_on', 'published_by', 'superseded_on', 'created_by', 'created_at', 'updated_at',
] as const;
const ITEM_COLUMNS = ['id', 'township_id', 'disclosure_id', 'position', 'title', 'content'] as const;
const LINE_COLUMNS = ['id', 'township_id', 'disclosure_id', 'position', 'direction', 'category', 'description', 'amount'] as const;

// ---- enforcement boards ---------------------------------------------------------------------

export function findBoardInScope(db: Db, id: string, townshipIds: string[]): Promise<BoardRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('enforcement_boards').select(BOARD_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

/** A unit's board versions, newest first. */
export function listBoardsOfUnit(db: Db, unitId: string): Promise<BoardRow[]> {
  return db.selectFrom('enforcement_boards').select(BOARD_COLUMNS).where('unit_id', '=', unitId).where('archived_at', 'is', null).orderBy('version', 'desc').execute();
}

/** Every board of a township (all units), newest version first. */
export function listBoardsOfTownship(db: Db, townshipId: string): Promise<BoardRow[]> {
  return db.selectFrom('enforcement_boards').select(BOARD_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .orderBy('unit_id').orderBy('version', 'desc').execute();
}

export async function nextBoardVersion(db: Db, unitId: string): Promise<number> {
  const r = await db.selectFrom('enforcement_boards').select((eb) => eb.fn.max('version').as('v')).where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export async function insertBoard(db: Db, row: BoardRow): Promise<void> {
  await db.insertInto('enforcement_boards').values(row).execute();
}

export async function updateBoard(db: Db, id: string, patch: Partial<Omit<BoardRow, 'id' | 'township_id' | 'unit_id'>>): Promise<void> {
  await db.updateTable('enforcement_boards').set(patch).where('id', '=', id).execute();
}

/** Marks the unit's published versions other than `exceptId` superseded. */
export async function supersedeBoards(db: Db, unitId: string, exceptId: string, day: string, now: string): Promise<void> {
  await db.updateTable('enforcement_boards').set({ status: 'superseded', superseded_on: day, updated_at: now })
    .where('unit_id', '=', unitId).where('status', '=', 'published').where('id', '!=', exceptId).execute();
}

export function listChecks(db: Db, boardIds: string[]): Promise<CheckRow[]> {
  if (boardIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('enforcement_board_checks').select(CHECK_COLUMNS).where('board_id', 'in', boardIds).where('archived_at', 'is', null)
    .orderBy('checked_on', 'desc').orderBy('created_at', 'desc').execute();
}

export function listChecksOfTownship(db: Db, townshipId: string): Promise<CheckRow[]> {
  return db.selectFrom('enforcement_board_checks').select(CHECK_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .orderBy('checked_on', 'desc').execute();
}

export function findCheckInScope(db: Db, id: string, townshipIds: string[]): Promise<CheckRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('enforcement_board_checks').select(CHECK_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertCheck(db: Db, row: CheckRow): Promise<void> {
  await db.insertInto('enforcement_board_checks').values(row).execute();
}

// ---- government and school disclosures ------------------------------------------------------

export function findUnitDisclosureInScope(db: Db, id: string, townshipIds: string[]): Promise<UnitDisclosureRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('unit_disclosures').select(UNIT_DISCLOSURE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export function listUnitDisclosures(db: Db, unitId: string): Promise<UnitDisclosureRow[]> {
  return db.selectFrom('unit_disclosures').select(UNIT_DISCLOSURE_COLUMNS).where('unit_id', '=', unitId).where('archived_at', 'is', null)
    .orderBy('created_at', 'desc').execute();
}

export function listUnitDisclosuresOfTownship(db: Db, townshipId: string): Promise<UnitDisclosureRow[]> {
  return db.selectFrom('unit_disclosures').select(UNIT_DISCLOSURE_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null)
    .orderBy('created_at', 'desc').execute();
}

export async function insertUnitDisclosure(db: Db, row: UnitDisclosureRow): Promise<void> {
  await db.insertInto('unit_disclosures').values(row).execute();
}

export async function updateUnitDisclosure(db: Db, id: string, patch: Partial<Omit<UnitDisclosureRow, 'id' | 'township_id' | 'unit_id'>>): Promise<void> {
  await db.updateTable('unit_disclosures').set(patch).where('id', '=', id).execute();
}

// ---- village disclosures --------------------------------------------------------------------

export function findVillageDisclosureInScope(db: Db, id: string, townshipIds: string[]): Promise<VillageDisclosureRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

/** A village's disclosures (every version), by period then version, newest first. */
export function listVillageDisclosures(db: Db, villageId: string, range?: { from: string; to: string }): Promise<VillageDisclosureRow[]> {
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('village_id', '=', villageId)
    .$if(!!range, (q) => q.where('period_start', '>=', range!.from).where('period_start', '<=', range!.to))
    .orderBy('period_start', 'desc').orderBy('version', 'desc').execute();
}

export function listVillageDisclosuresOfTownship(db: Db, townshipId: string, range: { from: string; to: string }): Promise<VillageDisclosureRow[]> {
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('township_id', '=', townshipId)
    .where('period_start', '>=', range.from).where('period_start', '<=', range.to)
    .orderBy('village_id').orderBy('period_start').orderBy('version', 'desc').execute();
}

/** The latest published disclosure of a village whose period ended before `periodStart` (its balance carries over). */
export function findPreviousPublished(db: Db, villageId: string, periodStart: string): Promise<VillageDisclosureRow | undefined> {
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('village_id', '=', villageId)
    .where('status', '=', 'published').where('period_end', '<', periodStart)
    .orderBy('period_end', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/**
 * The latest published disclosure, per village, whose period ended before `before`: the balance
 * a village's first period from `before` on carries over. One query for a whole township (or one
 * village of it). Two rows of a village share the latest end only when the period kind changed.
 */
export function listLatestPublishedBefore(db: Db, townshipId: string, before: string, villageId?: string | null): Promise<VillageDisclosureRow[]> {
  return db.selectFrom('village_disclosures as d').select(VILLAGE_DISCLOSURE_COLUMNS.map((c) => `d.${c}` as const))
    .where('d.township_id', '=', townshipId).$if(!!villageId, (q) => q.where('d.village_id', '=', villageId!))
    .where('d.status', '=', 'published').where('d.period_end', '<', before)
    .where((eb) => eb('d.period_end', '=', eb.selectFrom('village_disclosures as p').select((e) => e.fn.max('p.period_end').as('latest'))
      .whereRef('p.township_id', '=', 'd.township_id').whereRef('p.village_id', '=', 'd.village_id')
      .where('p.status', '=', 'published').where('p.period_end', '<', before)))
    .orderBy('d.village_id').orderBy('d.version', 'desc').execute();
}

/** The earliest published disclosure of a village whose period starts after `periodEnd` (it carries that balance over, or should). */
export function findNextPublished(db: Db, villageId: string, periodEnd: string): Promise<VillageDisclosureRow | undefined> {
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('village_id', '=', villageId)
    .where('status', '=', 'published').where('period_start', '>', periodEnd)
    .orderBy('period_start').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The disclosures of one village and period (every version). */
export function listPeriodVersions(db: Db, villageId: string, kind: string, periodStart: string): Promise<VillageDisclosureRow[]> {
  return db.selectFrom('village_disclosures').select(VILLAGE_DISCLOSURE_COLUMNS).where('village_id', '=', villageId)
    .where('period_kind', '=', kind as VillageDisclosureRow['period_kind']).where('period_start', '=', periodStart).orderBy('version', 'desc').execute();
}

export async function insertVillageDisclosure(db: Db, row: VillageDisclosureRow): Promise<void> {
  await db.insertInto('village_disclosures').values(row).execute();
}

export async function updateVillageDisclosure(db: Db, id: string, patch: Partial<Omit<VillageDisclosureRow, 'id' | 'township_id' | 'village_id'>>): Promise<void> {
  await db.updateTable('village_disclosures').set(patch).where('id', '=', id).execute();
}

export function listItems(db: Db, disclosureIds: string[]): Promise<ItemRow[]> {
  if (disclosureIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('village_disclosure_items').select(ITEM_COLUMNS).where('disclosure_id', 'in', disclosureIds).orderBy('disclosure_id').orderBy('position').execute();
}

export function listLines(db: Db, disclosureIds: string[]): Promise<LineRow[]> {
  if (disclosureIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('village_finance_lines').select(LINE_COLUMNS).where('disclosure_id', 'in', disclosureIds).orderBy('disclosure_id').orderBy('position').execute();
}

/** Replaces a draft's affairs items and finance lines. */
export async function replaceContent(db: Db, disclosureId: string, items: ItemRow[], lines: LineRow[]): Promise<void> {
  await db.deleteFrom('village_disclosure_items').where('disclosure_id', '=', disclosureId).execute();
  await db.deleteFrom('village_finance_lines').where('disclosure_id', '=', disclosureId).execute();
  if (items.length) await db.insertInto('village_disclosure_items').values(items).execute();
  for (let i = 0; i < lines.length; i += 200) await db.insertInto('village_finance_lines').values(lines.slice(i, i + 200)).execute();
}
