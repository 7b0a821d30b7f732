import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/** Deputies, constituencies (选区), deputy groups (代表小组), presidium members and area assignments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const false_ = t.isPostgres ? sql`false` : sql`0`;

  await db.schema
    .createTable('constituencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('registered_voters', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('constituencies_name_uq').on('constituencies').columns(['township_id', 'name']).unique().execute();

  await db.schema
    .createTable('constituency_villages')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('constituency_id', 'text', (c) => c.notNull().references('constituencies.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addPrimaryKeyConstraint('constituency_villages_pk', ['constituency_id', 'village_id'])
    .execute();
  await db.schema.createIndex('constituency_villages_township_idx').on('constituency_villages').column('township_id').execute();

  await db.schema
    .createTable('deputy_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_deputy_id', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('deputy_groups_name_uq').on('deputy_groups').columns(['township_id', 'name']).unique().execute();

  await db.schema
    .createTable('deputies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('term_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('birth_date', t.day, (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('workplace', 'text')
    .addColumn('constituency_id', 'text', (c) => c.references('constituencies.id'))
    .addColumn('group_id', 'text', (c) => c.references('deputy_groups.id'))
    .addColumn('phone', 'text')
    .addColumn('mandate_start', t.day, (c) => c.notNull())
    .addColumn('mandate_end', t.day)
    .addColumn('end_reason', 'text')
    .addColumn('has_government_post', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deputies_township_idx').on('deputies').columns(['township_id', 'level', 'term_number']).execute();
  await db.schema.createIndex('deputies_id_number_uq').on('deputies').columns(['township_id', 'level', 'term_number', 'id_number']).unique().execute();
  await db.schema.createIndex('deputies_user_idx').on('deputies').column('user_id').execute();

  await db.schema
    .createTable('presidium_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('term_number', 'integer', (c) => c.notNull())
    .addColumn('session_label', 'text', (c) => c.notNull())
    .addColumn('elected_on', t.day, (c) => c.notNull())
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('presidium_township_idx').on('presidium_members').columns(['township_id', 'elected_on']).execute();

  await db.schema
    .createTable('area_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('leader_deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('deputy_id', 'text', (c) => c.references('deputies.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('area_assignments_township_idx').on('area_assignments').columns(['township_id', 'leader_deputy_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
