import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Deputies' duty work (代表工作): activities (联系选民, 视察, 调研, 联络站接待, 小组活动, 学习) with
 * participating deputies, visited sites and photos; residents' opinions (民情意见) collected in
 * an activity or sent through a deputy's public code (代表码), their consolidation (梳理归纳)
 * into items that may become suggestions, and notifications of the outcome to residents;
 * the 述职评议 meetings with attendees by category, ratings and the written evaluation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const false_ = t.isPostgres ? sql`false` : sql`0`;

  await db.schema
    .createTable('duty_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', t.day, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    // 'township' or 'county' (a county notice such as 联系选民月, named in county_notice).
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('county_notice', 'text')
    .addColumn('group_id', 'text', (c) => c.references('deputy_groups.id'))
    // Reception days (接待日) are announced ahead: the day it was announced.
    .addColumn('announced_on', t.day)
    // 人次 of voters contacted.
    .addColumn('voters_contacted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('materials', 'text')
    .addColumn('notes', 'text')
    .addColumn('report_author_deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('duty_activities_township_idx').on('duty_activities').columns(['township_id', 'year', 'kind']).execute();

  await db.schema
    .createTable('duty_activity_deputies')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('duty_activities.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_activity_deputies_pk', ['activity_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('duty_activity_deputies_deputy_idx').on('duty_activity_deputies').columns(['township_id', 'deputy_id']).execute();

  await db.schema
    .createTable('duty_activity_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('duty_activities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('duty_activity_sites_idx').on('duty_activity_sites').column('activity_id').execute();

  await db.schema
    .createTable('duty_activity_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('duty_activities.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('duty_activity_photos_idx').on('duty_activity_photos').column('activity_id').execute();

  // 代表码: a stable random code per deputy for the public opinion form (/d/<code>).
  await db.schema
    .createTable('deputy_public_codes')
    .addColumn('deputy_id', 'text', (c) => c.primaryKey().references('deputies.id'))
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('public_code', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deputy_public_codes_code_uq').on('deputy_public_codes').column('public_code').unique().execute();

  await db.schema
    .createTable('opinion_consolidations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestions.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('opinion_consolidations_idx').on('opinion_consolidations').columns(['township_id', 'year']).execute();
  await db.schema.createIndex('opinion_consolidations_suggestion_idx').on('opinion_consolidations').column('suggestion_id').execute();

  await db.schema
    .createTable('resident_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // Random public reference (e.g. MY7K3Q9PM2): the resident looks the outcome up with it.
    .addColumn('ref_no', 'text', (c) => c.notNull())
    // 'activity' (collected in an activity), 'portal' (sent through a 代表码), 'direct' (entered by a deputy or the office).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.references('duty_activities.id'))
    .addColumn('deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('received_on', t.day, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('category', 'text')
    // Personal information (个人信息保护法): shown masked, revealed with an audit row.
    .addColumn('resident_name', 'text')
    .addColumn('resident_phone', 'text')
    .addColumn('consolidation_id', 'text', (c) => c.references('opinion_consolidations.id'))
    // Settled without a suggestion (answered on the spot, handed to a unit…), with the note.
    .addColumn('closed_note', 'text')
    .addColumn('closed_at', t.instant)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resident_opinions_ref_uq').on('resident_opinions').column('ref_no').unique().execute();
  await db.schema.createIndex('resident_opinions_township_idx').on('resident_opinions').columns(['township_id', 'year']).execute();
  await db.schema.createIndex('resident_opinions_activity_idx').on('resident_opinions').column('activity_id').execute();
  await db.schema.createIndex('resident_opinions_consolidation_idx').on('resident_opinions').column('consolidation_id').execute();

  await db.schema
    .createTable('opinion_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('resident_opinions.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('notified_on', t.day, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinion_notifications_idx').on('opinion_notifications').column('opinion_id').execute();

  // 述职评议 (代表法 第58条 practice): one meeting, one or more deputies.
  await db.schema
    .createTable('duty_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('held_on', t.day, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('chair_name', 'text', (c) => c.notNull())
    .addColumn('constituency_id', 'text', (c) => c.references('constituencies.id'))
    .addColumn('voter_opinions', 'text')
    .addColumn('is_published', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('published_at', t.instant)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('duty_evaluations_idx').on('duty_evaluations').columns(['township_id', 'year']).execute();

  await db.schema
    .createTable('duty_evaluation_attendees')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('duty_evaluations.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_evaluation_attendees_pk', ['evaluation_id', 'category'])
    .execute();

  await db.schema
    .createTable('duty_evaluation_deputies')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('duty_evaluations.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('satisfied_count', 'integer')
    .addColumn('basic_count', 'integer')
    .addColumn('dissatisfied_count', 'integer')
    .addColumn('evaluation_text', 'text')
    .addColumn('report_file_name', 'text')
    .addColumn('report_mime', 'text')
    .addColumn('report_size_bytes', 'integer')
    .addColumn('report_sha256', 'text')
    .addColumn('report_storage_key', 'text')
    .addColumn('report_uploaded_at', t.instant)
    .addColumn('rated_at', t.instant)
    .addPrimaryKeyConstraint('duty_evaluation_deputies_pk', ['evaluation_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('duty_evaluation_deputies_deputy_idx').on('duty_evaluation_deputies').columns(['township_id', 'deputy_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
