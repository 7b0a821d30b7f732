import pg from 'pg';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { PG_SCHEMA, TEST_DB } from './test-db.js';

/** On PostgreSQL: a fresh schema for this run, migrated once. SQLite needs nothing. */
export default async function setup(): Promise<void> {
  if (TEST_DB !== 'postgres') return;
  const url = process.env.DATABASE_URL!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.query(`CREATE SCHEMA ${PG_SCHEMA}`);
  await client.end();
  const database = openDatabase(url, { pgSchema: PG_SCHEMA, poolSize: 2 });
  await migrateToLatest(database);
  await database.close();
}
