import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Deputies' suggestions and motions (议案、建议、批评和意见, 代表法 第24、36、51-52条): submission
 * with co-signers, registration (立案), assignment to units (交办) with statutory reply dates,
 * contacts, co-unit opinions, replies, deputy feedback, implementation (落实), supervision
 * (督办), attachments and the event history of every transition.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const false_ = t.isPostgres ? sql`false` : sql`0`;

  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    // Public reference number (e.g. 2026-007), given at first submission.
    .addColumn('year', 'integer')
    .addColumn('seq', 'integer')
    .addColumn('ref_no', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('congress_sessions.id'))
    .addColumn('motion_id', 'text', (c) => c.references('motions.id'))
    .addColumn('author_deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('is_public', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('is_difficult', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('submitted_at', t.instant)
    .addColumn('registered_at', t.instant)
    .addColumn('return_reason', 'text')
    .addColumn('assigned_on', t.day)
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_due_on', t.day)
    .addColumn('lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('grade', 'text')
    .addColumn('replied_on', t.day)
    .addColumn('feedback', 'text')
    .addColumn('closed_at', t.instant)
    .addColumn('implementation', 'text', (c) => c.notNull().defaultTo('not_applicable'))
    .addColumn('implemented_on', t.day)
    // The deadline sweep: the due day that was flagged overdue (null: not flagged for the current due day).
    .addColumn('overdue_flagged_due', t.day)
    .addColumn('overdue_flagged_at', t.instant)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestions_township_idx').on('suggestions').columns(['township_id', 'year', 'state']).execute();
  await db.schema.createIndex('suggestions_ref_uq').on('suggestions').columns(['township_id', 'year', 'seq']).unique().execute();
  await db.schema.createIndex('suggestions_author_idx').on('suggestions').columns(['township_id', 'author_deputy_id']).execute();
  await db.schema.createIndex('suggestions_due_idx').on('suggestions').columns(['state', 'reply_due_on']).execute();
  await db.schema.createIndex('suggestions_motion_uq').on('suggestions').column('motion_id').unique().execute();

  await db.schema
    .createTable('suggestion_signers')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('is_author', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('confirmed_at', t.instant)
    .addColumn('confirmation', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_signers_pk', ['suggestion_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('suggestion_signers_deputy_idx').on('suggestion_signers').columns(['township_id', 'deputy_id']).execute();

  await db.schema
    .createTable('suggestion_units')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('assigned_on', t.day, (c) => c.notNull())
    .addColumn('removed_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_units_pk', ['suggestion_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('suggestion_units_unit_idx').on('suggestion_units').columns(['township_id', 'unit_id']).execute();

  await db.schema
    .createTable('suggestion_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('contacted_on', t.day, (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_contacts_idx').on('suggestion_contacts').columns(['suggestion_id', 'round']).execute();

  await db.schema
    .createTable('suggestion_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('replied_on', t.day, (c) => c.notNull())
    .addColumn('due_on', t.day, (c) => c.notNull())
    .addColumn('is_on_time', t.bool, (c) => c.notNull())
    .addColumn('replied_by', 'text', (c) => c.notNull())
    .addColumn('feedback', 'text')
    .addColumn('feedback_comment', 'text')
    .addColumn('feedback_at', t.instant)
    .addColumn('feedback_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_replies_idx').on('suggestion_replies').columns(['suggestion_id', 'round']).unique().execute();

  await db.schema
    .createTable('suggestion_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_opinions_idx').on('suggestion_opinions').columns(['suggestion_id', 'round']).execute();

  await db.schema
    .createTable('suggestion_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('entry_on', t.day, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_progress_idx').on('suggestion_progress').column('suggestion_id').execute();

  await db.schema
    .createTable('suggestion_supervisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('acted_on', t.day, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_supervisions_idx').on('suggestion_supervisions').column('suggestion_id').execute();

  await db.schema
    .createTable('suggestion_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('progress_id', 'text', (c) => c.references('suggestion_progress.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('suggestion_attachments_idx').on('suggestion_attachments').column('suggestion_id').execute();

  await db.schema
    .createTable('suggestion_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .addColumn('detail_json', t.json)
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_events_idx').on('suggestion_events').columns(['suggestion_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
