import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as m0001 from './migrations/20261128_0001_foundation.js';
import * as m0002 from './migrations/20261128_0002_deputies.js';
import * as m0003 from './migrations/20261128_0003_sessions.js';
import * as m0004 from './migrations/20261128_0004_suggestions.js';
import * as m0005 from './migrations/20261128_0005_duty.js';
import * as m0006 from './migrations/20261128_0006_suggestion_notifications.js';
import * as m0007 from './migrations/20261128_0007_presidium_meetings.js';

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
};

/** Registers a migration from a module; later modules append theirs here. */
class InCodeProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new InCodeProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
