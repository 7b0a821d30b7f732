import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * County level (县人大常委会):
 * - `county_notices`: a county's notice to its townships (e.g. 联系选民月): dates, what to report,
 *   the day reports are due; a draft until issued. It belongs to a county, not a township, so it
 *   is a reference table (REFERENCE_TABLES): small, replicated to every shard.
 * - `county_notice_tasks`: one task per township when the notice is issued, with the township's
 *   report back (text) and when and by whom it was sent;
 * - `county_task_attachments`: files attached to a report back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('county_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // What each township reports back (e.g. activities held, voters contacted, opinions gathered).
    .addColumn('report_requirements', 'text', (c) => c.notNull())
    .addColumn('starts_on', t.day, (c) => c.notNull())
    .addColumn('ends_on', t.day, (c) => c.notNull())
    .addColumn('report_due_on', t.day, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issued_at', t.instant)
    .addColumn('issued_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('county_notices_county_idx').on('county_notices').columns(['county_code', 'year', 'created_at']).execute();

  await db.schema
    .createTable('county_notice_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('county_notices.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_text', 'text')
    .addColumn('reported_at', t.instant)
    .addColumn('reported_by', 'text')
    .addColumn('reported_by_name', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('county_notice_tasks_uq').on('county_notice_tasks').columns(['notice_id', 'township_id']).unique().execute();
  await db.schema.createIndex('county_notice_tasks_township_idx').on('county_notice_tasks').columns(['township_id', 'created_at']).execute();

  await db.schema
    .createTable('county_task_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('county_notice_tasks.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('county_task_attachments_task_idx').on('county_task_attachments').columns(['township_id', 'task_id']).execute();

  // The county dashboard reads replies by township (EXPLAIN on the province set: without it, a
  // county's rollup read every reply of the province; docs/deployment.md).
  await db.schema.createIndex('suggestion_replies_township_idx').on('suggestion_replies').columns(['township_id', 'suggestion_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
