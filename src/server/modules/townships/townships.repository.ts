import type { Kysely, Transaction } from 'kysely';
import type { DB, TownshipsTable, UnitsTable, VillagesTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export const TOWNSHIP_COLUMNS = ['id', 'code', 'name', 'county_code', 'county_name', 'city_name', 'province_name', 'is_demo', 'settings_json', 'created_at', 'updated_at', 'archived_at'] as const;
export const VILLAGE_COLUMNS = ['id', 'township_id', 'code', 'name', 'kind', 'sort_order', 'created_at', 'updated_at', 'archived_at'] as const;
export const UNIT_COLUMNS = ['id', 'township_id', 'name', 'type', 'has_enforcement_power', 'village_id', 'contact_person', 'contact_phone', 'created_at', 'updated_at', 'archived_at'] as const;

export type TownshipRow = TownshipsTable;
export type VillageRow = VillagesTable;
export type UnitRow = UnitsTable;

export function findTownshipByCode(db: Db, code: string): Promise<TownshipRow | undefined> {
  return db.selectFrom('townships').select(TOWNSHIP_COLUMNS).where('code', '=', code).executeTakeFirst();
}

export function findTownship(db: Db, id: string): Promise<TownshipRow | undefined> {
  return db.selectFrom('townships').select(TOWNSHIP_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function listTownshipsByIds(db: Db, ids: string[]): Promise<TownshipRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('townships').select(TOWNSHIP_COLUMNS).where('id', 'in', ids).orderBy('code').execute();
}

export function listAllTownships(db: Db): Promise<TownshipRow[]> {
  return db.selectFrom('townships').select(TOWNSHIP_COLUMNS).where('archived_at', 'is', null).orderBy('code').execute();
}

export function countTownships(db: Db): Promise<number> {
  return db.selectFrom('townships').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export async function insertTownship(db: Db, row: TownshipRow): Promise<void> {
  await db.insertInto('townships').values(row).execute();
}

export async function updateTownship(db: Db, id: string, patch: Partial<Omit<TownshipRow, 'id'>>): Promise<void> {
  await db.updateTable('townships').set(patch).where('id', '=', id).execute();
}

export function listVillages(db: Db, townshipId: string, includeArchived: boolean): Promise<VillageRow[]> {
  return db
    .selectFrom('villages')
    .select(VILLAGE_COLUMNS)
    .where('township_id', '=', townshipId)
    .$if(!includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/** A village of one of `townshipIds`, or undefined: the scope is part of the lookup. */
export function findVillageInScope(db: Db, id: string, townshipIds: string[]): Promise<VillageRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('villages').select(VILLAGE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertVillages(db: Db, rows: VillageRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('villages').values(rows.slice(i, i + 200)).execute();
}

export async function updateVillage(db: Db, id: string, patch: Partial<Omit<VillageRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('villages').set(patch).where('id', '=', id).execute();
}

export function villageCodeTaken(db: Db, townshipId: string, code: string, exceptId?: string): Promise<boolean> {
  return db
    .selectFrom('villages')
    .select('id')
    .where('township_id', '=', townshipId)
    .where('code', '=', code)
    .$if(Boolean(exceptId), (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst()
    .then(Boolean);
}

export function listUnits(db: Db, townshipId: string, includeArchived: boolean): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('township_id', '=', townshipId)
    .$if(!includeArchived, (q) => q.where('archived_at', 'is', null))
    .orderBy('type')
    .orderBy('name')
    .execute();
}

export function findUnitInScope(db: Db, id: string, townshipIds: string[]): Promise<UnitRow | undefined> {
  if (townshipIds.length === 0) return Promise.resolve(undefined);
  return db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertUnits(db: Db, rows: UnitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('units').values(rows.slice(i, i + 200)).execute();
}

export async function updateUnit(db: Db, id: string, patch: Partial<Omit<UnitRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('units').set(patch).where('id', '=', id).execute();
}

export async function countRows(db: Db, table: 'villages' | 'units' | 'users', townshipId: string, where?: { enforcement?: boolean }): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', townshipId);
  if (table !== 'users') q = q.where('archived_at' as never, 'is', null);
  else q = q.where('is_active' as never, '=', true as never);
  if (where?.enforcement && table === 'units') q = q.where('has_enforcement_power' as never, '=', true as never);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}
