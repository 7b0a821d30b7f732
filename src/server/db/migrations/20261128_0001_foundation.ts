import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/** Townships, villages, units, users, sessions and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const false_ = t.isPostgres ? sql`false` : sql`0`;
  const true_ = t.isPostgres ? sql`true` : sql`1`;

  await db.schema
    .createTable('townships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('county_name', 'text', (c) => c.notNull())
    .addColumn('city_name', 'text', (c) => c.notNull())
    .addColumn('province_name', 'text', (c) => c.notNull())
    .addColumn('is_demo', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('settings_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('townships_county_idx').on('townships').column('county_code').execute();

  await db.schema
    .createTable('villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('villages_township_idx').on('villages').columns(['township_id', 'sort_order']).execute();
  await db.schema.createIndex('villages_code_uq').on('villages').columns(['township_id', 'code']).unique().execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('has_enforcement_power', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('contact_person', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('units_township_idx').on('units').column('township_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.references('townships.id'))
    .addColumn('county_code', 'text')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', t.bool, (c) => c.notNull().defaultTo(true_))
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.instant)
    .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true_))
    .addColumn('last_login_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_township_idx').on('users').column('township_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('township_id', 'text')
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('last_seen_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('township_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_chain_seq_uq').on('audit_log').columns(['chain', 'seq']).unique().execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['township_id', 'entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
