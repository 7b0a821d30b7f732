import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as m0001 from './migrations/20261128_0001_foundation.js';
import * as m0002 from './migrations/20261128_0002_deputies.js';
import * as m0003 from './migrations/20261128_0003_sessions.js';
import * as m0004 from './migrations/20261128_0004_suggestions.js';
import * as m0005 from './migrations/20261128_0005_duty.js';
import * as m0006 from './migrations/20261128_0006_suggestion_notifications.js';
import * as m0007 from './migrations/20261128_0007_presidium_meetings.js';
import * as m0008 from './migrations/20261129_0008_village_elections.js';
import * as m0009 from './migrations/20261129_0009_disclosure.js';
import * as m0010 from './migrations/20261129_0010_portal_articles.js';
import * as m0011 from './migrations/20261129_0011_personal_data_sealed.js';
import * as m0012 from './migrations/20261129_0012_reports.js';
import * as m0013 from './migrations/20261129_0013_county.js';
import * as m0014 from './migrations/20261129_0014_election_documents.js';
import * as m0015 from './migrations/20261129_0015_election_voters_by_election.js';
import * as m0016 from './migrations/20261129_0016_area_assignment_history.js';
import * as m0017 from './migrations/20261129_0017_area_assignment_current_uq.js';

/**
 * The migrations in order. Listed in code (not read from a folder) so they run the same under
 * tsx, in tests and from a bundle. Never edit one that has landed: add the next.
 */
const MIGRATIONS: Record<string, Migration> = {
  '20261128_0001_foundation': m0001,
  '20261128_0002_deputies': m0002,
  '20261128_0003_sessions': m0003,
  '20261128_0004_suggestions': m0004,
  '20261128_0005_duty': m0005,
  '20261128_0006_suggestion_notifications': m0006,
  '20261128_0007_presidium_meetings': m0007,
  '20261129_0008_village_elections': m0008,
  '20261129_0009_disclosure': m0009,
  '20261129_0010_portal_articles': m0010,
  '20261129_0011_personal_data_sealed': m0011,
  '20261129_0012_reports': m0012,
  '20261129_0013_county': m0013,
  '20261129_0014_election_documents': m0014,
  '20261129_0015_election_voters_by_election': m0015,
  '20261129_0016_area_assignment_history': m0016,
  '20261129_0017_area_assignment_current_uq': m0017,
};

/** Registers a migration from a module; later modules append theirs here. */
class InCodeProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/**
 * A migrator bound to the connection's current schema on PostgreSQL: without it Kysely looks for
 * its own tables in every schema and, when another schema of the same database has them, skips
 * creating them in ours (each test run and each deployment may use its own schema).
 */
async function newMigrator(database: Database): Promise<Migrator> {
  if (database.dialect !== 'postgres') return new Migrator({ db: database.db, provider: new InCodeProvider() });
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return new Migrator({ db: database.db, provider: new InCodeProvider(), migrationTableSchema: r.rows[0]!.schema });
}

/** Migrates up to and including `name` (tests of a migration over data written before it). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const migrator = await newMigrator(database);
  const { error } = await migrator.migrateTo(name);
  if (error) throw new Error(`Migration to ${name} failed: ${String(error)}`, { cause: error });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = await newMigrator(database);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
