import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * 分片挂点 with history: replacing a leader's villages and deputies ends the rows that changed
 * (`ended_at`) instead of deleting them, so a past year's summary prints the assignments in force
 * at the end of that year, not today's. Rows written before this migration are current (null).
 *
 * The index serves the three reads, township first: the current set (township, ended_at null),
 * a leader's current rows when they are replaced (township, leader, ended_at null) and the year
 * facts (township, leaders of the presidium, in force at the year's end). It supersedes the
 * (township_id, leader_deputy_id) index of 0002, which is its prefix and is dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('area_assignments').addColumn('ended_at', t.instant).execute();
  await db.schema.createIndex('area_assignments_township_leader_ended_idx').on('area_assignments')
    .columns(['township_id', 'leader_deputy_id', 'ended_at']).execute();
  await db.schema.dropIndex('area_assignments_township_idx').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
