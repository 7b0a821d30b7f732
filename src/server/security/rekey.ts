import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { personalCodec } from './personal-data.js';
import { listOwnTables } from '../db/dialect.js';

/**
 * Every column that holds sealed personal information, with its keyed-hash index column where
 * there is one. `renda rekey` walks this list; a module that seals a new column adds it here.
 */
export const SEALED_COLUMNS: { table: string; column: string; index?: { column: string; normalize: (plain: string) => string } }[] = [
  { table: 'deputies', column: 'id_number', index: { column: 'id_number_index', normalize: (v) => v.trim().toUpperCase() } },
  { table: 'deputies', column: 'phone' },
  { table: 'resident_opinions', column: 'resident_phone' },
  { table: 'election_voters', column: 'id_number_sealed', index: { column: 'id_number_index', normalize: (v) => v } },
];

export interface RekeyResult {
  table: string;
  column: string;
  rows: number;
}

/**
 * Re-seals every sealed value under a new key and recomputes the index columns, in one
 * transaction: either every value moves to the new key or none does. Run with the server
 * stopped (docs/reliability.md, key rotation). A value that does not open under the old key
 * aborts the whole run.
 */
export async function rekeyPersonalData(db: Kysely<DB>, oldKey: string, newKey: string): Promise<RekeyResult[]> {
  const from = personalCodec(oldKey);
  const to = personalCodec(newKey);
  const existing = new Set((await listOwnTables(db)).map((t) => t.name));
  return db.transaction().execute(async (trx) => {
    // The tables are named at run time from SEALED_COLUMNS: an untyped view of the database.
    const t = trx as unknown as Kysely<Record<string, Record<string, string | null>>>;
    const results: RekeyResult[] = [];
    for (const c of SEALED_COLUMNS) {
      if (!existing.has(c.table)) continue;
      const rows = await t.selectFrom(c.table).select(['id', c.column]).where(c.column, 'is not', null).execute();
      for (const row of rows) {
        const plain = from.open(String(row[c.column]));
        await t.updateTable(c.table).set({
          [c.column]: to.seal(plain),
          ...(c.index ? { [c.index.column]: to.index(c.index.normalize(plain)) } : {}),
        }).where('id', '=', String(row.id)).execute();
      }
      results.push({ table: c.table, column: c.column, rows: rows.length });
    }
    return results;
  });
}
