import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Village committee elections, second part:
 * - the documents of each procedure-calendar step (the published voter list as photographed on
 *   the notice board, the candidate announcement, the village election committee's minutes…),
 *   stored files like the other modules' documents; `village_id` is kept on the row so a village
 *   clerk's scope is checked without a join;
 * - a run-off's own ballot boxes: when the 另行选举 is held on a later day it may use fewer boxes
 *   than the first vote (null: the first vote's boxes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('election_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('election_documents_election_idx').on('election_documents').columns(['township_id', 'election_id', 'step_key']).execute();

  await db.schema.alterTable('village_elections').addColumn('runoff_ballot_boxes', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
