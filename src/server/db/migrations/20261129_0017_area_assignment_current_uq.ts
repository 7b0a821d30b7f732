import { sql, type Kysely } from 'kysely';

/**
 * A leader holds a village (or a deputy) in their 分片挂点 once at a time: two simultaneous
 * replacements of the same leader's set could both add the same village. Partial unique indexes
 * over the current rows (ended_at null) make the second one fail, and the service retries it
 * against the winner's rows. Both dialects support partial indexes; township_id leads, so the
 * indexes suit a distribution by township.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('area_assignments_current_village_uq').on('area_assignments')
    .columns(['township_id', 'leader_deputy_id', 'village_id']).unique()
    .where(sql.ref('ended_at'), 'is', null).where(sql.ref('village_id'), 'is not', null).execute();
  await db.schema.createIndex('area_assignments_current_deputy_uq').on('area_assignments')
    .columns(['township_id', 'leader_deputy_id', 'deputy_id']).unique()
    .where(sql.ref('ended_at'), 'is', null).where(sql.ref('deputy_id'), 'is not', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
