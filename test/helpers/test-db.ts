import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

/** Which database the suite runs on: RENDA_TEST_DB=postgres uses DATABASE_URL. */
export const TEST_DB = process.env.RENDA_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
/** Each concurrent test run on one PostgreSQL server needs its own schema: RENDA_TEST_PG_SCHEMA. */
export const PG_SCHEMA = process.env.RENDA_TEST_PG_SCHEMA ?? 'renda_test';

/**
 * A migrated database for one test file. On SQLite each file gets its own file; on PostgreSQL
 * the files share one schema made fresh by the global setup, and each test isolates itself by
 * building its own township.
 */
export async function openTestDatabase(): Promise<Database> {
  if (TEST_DB === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('RENDA_TEST_DB=postgres needs DATABASE_URL');
    return openDatabase(url, { pgSchema: PG_SCHEMA, poolSize: 4 });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-test-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'test.sqlite')}`);
  await migrateToLatest(database);
  const close = database.close;
  return { ...database, close: async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}
