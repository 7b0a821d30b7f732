import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOwnTables } from '../../src/server/db/dialect.js';
import { DERIVED_TABLES, REFERENCE_TABLES } from '../../src/server/db/schema.js';
import { openTestDatabase, TEST_DB } from '../helpers/test-db.js';
import type { Database } from '../../src/server/db/database.js';

let database: Database;
beforeAll(async () => { database = await openTestDatabase(); });
afterAll(async () => { await database.close(); });

/**
 * The schema can be distributed by township_id (e.g. Citus): every table carries township_id,
 * or is a declared reference table.
 */
describe('schema tenancy', () => {
  it('every table carries township_id or is a reference table', async () => {
    // The real database after all migrations, whoever added the table (this schema only on PostgreSQL).
    const tables = await listOwnTables(database.db);
    expect(tables.length).toBeGreaterThan(40);
    const names = tables.map((t) => t.name);
    // The walk sees the tables of every module, including the county's and the migration bookkeeping.
    expect(names).toEqual(expect.arrayContaining(['deputies', 'suggestions', 'county_notice_tasks', 'county_notices', 'kysely_migration']));
    const declared = new Set<string>([...REFERENCE_TABLES, ...DERIVED_TABLES]);
    const offenders = tables
      .filter((t) => !declared.has(t.name))
      .filter((t) => !t.columns.some((c) => c.name === 'township_id'))
      .map((t) => t.name);
    // users.township_id is null only for county admins, whose rows are reference data of a county.
    expect(offenders).toEqual([]);
    // Tenant tables keep township_id NOT NULL (users and sessions excepted: a county admin has none).
    const nullable = tables
      .filter((t) => !declared.has(t.name) && !['users', 'sessions', 'audit_log'].includes(t.name))
      .filter((t) => t.columns.find((c) => c.name === 'township_id')?.isNullable)
      .map((t) => t.name);
    expect(nullable).toEqual([]);
  });

  it('runs with foreign keys enforced', async () => {
    if (TEST_DB === 'sqlite') {
      const r = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      expect(r.rows[0]!.foreign_keys).toBe(1);
    }
    await expect(
      database.db.insertInto('villages').values({ id: 'x', township_id: 'missing', code: null, name: 'x', kind: 'village', sort_order: 0, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', archived_at: null }).execute(),
    ).rejects.toThrow();
  });
});
