import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Presidium meetings between sessions (主席团会议, 地方组织法 第19条): the meeting, its attendees
 * (the presidium members serving on the day, frozen when it is recorded), its topics with the
 * decision on each, and its documents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('presidium_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('meeting_date', t.day, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('convened_by_deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('convened_by_name', 'text', (c) => c.notNull())
    // The presidium's size when the meeting was recorded: the base of its quorum.
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('presidium_meetings_date_idx').on('presidium_meetings').columns(['township_id', 'meeting_date']).execute();

  await db.schema
    .createTable('presidium_meeting_attendees')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('presidium_meetings.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('deputy_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('absence_reason', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('presidium_meeting_attendees_pk', ['meeting_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('presidium_meeting_attendees_township_idx').on('presidium_meeting_attendees').columns(['township_id', 'deputy_id']).execute();

  await db.schema
    .createTable('presidium_meeting_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('presidium_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('presidium_meeting_topics_meeting_idx').on('presidium_meeting_topics').columns(['township_id', 'meeting_id', 'position']).execute();

  await db.schema
    .createTable('presidium_meeting_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('presidium_meetings.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('presidium_meeting_documents_meeting_idx').on('presidium_meeting_documents').columns(['township_id', 'meeting_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
