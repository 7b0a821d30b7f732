import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Rule of law and disclosure (依法治镇, 政务村务公开): law-enforcement responsibility boards
 * (执法责任制公示, versioned) with the checks that they are up, government and school affairs
 * disclosures (政务公开, 校务公开), village affairs and finance disclosures per period (村务公开,
 * 财务公开, 村民委员会组织法 第30条) with their items and income/expense lines, the register of
 * complaints and lawsuits about administrative acts (投诉, 行政复议, 行政诉讼), and model-village
 * programmes (民主法治示范村, 生态文明村) with their criteria checklists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('enforcement_boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // draft → published → superseded (by the next published version). A published version never changes.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('responsibility', 'text', (c) => c.notNull())
    .addColumn('division_of_work', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('fee_standards', 'text', (c) => c.notNull())
    .addColumn('accountability', 'text', (c) => c.notNull())
    .addColumn('service_commitment', 'text', (c) => c.notNull())
    .addColumn('party_rights', 'text', (c) => c.notNull())
    .addColumn('supervision', 'text', (c) => c.notNull())
    .addColumn('published_on', t.day)
    .addColumn('published_by', 'text')
    .addColumn('superseded_on', t.day)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .addUniqueConstraint('enforcement_boards_version_uq', ['unit_id', 'version'])
    .execute();
  await db.schema.createIndex('enforcement_boards_unit_idx').on('enforcement_boards').columns(['township_id', 'unit_id', 'status']).execute();

  await db.schema
    .createTable('enforcement_board_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('enforcement_boards.id'))
    .addColumn('checked_on', t.day, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('enforcement_board_checks_board_idx').on('enforcement_board_checks').columns(['township_id', 'board_id']).execute();

  await db.schema
    .createTable('unit_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // government (政务公开) or school (校务公开)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('procedures', 'text', (c) => c.notNull())
    .addColumn('fee_standards', 'text', (c) => c.notNull())
    .addColumn('other_content', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_on', t.day)
    .addColumn('published_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('unit_disclosures_unit_idx').on('unit_disclosures').columns(['township_id', 'unit_id', 'status']).execute();

  await db.schema
    .createTable('village_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', t.day, (c) => c.notNull())
    .addColumn('period_end', t.day, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Money in fen (分): integers add exactly on both dialects.
    .addColumn('opening_balance', 'bigint')
    .addColumn('closing_balance', 'bigint')
    .addColumn('total_income', 'bigint', (c) => c.notNull())
    .addColumn('total_expense', 'bigint', (c) => c.notNull())
    .addColumn('source_file_name', 'text')
    .addColumn('published_on', t.day)
    .addColumn('published_by', 'text')
    .addColumn('superseded_on', t.day)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('village_disclosures_version_uq', ['village_id', 'period_start', 'period_kind', 'version'])
    .execute();
  await db.schema.createIndex('village_disclosures_period_idx').on('village_disclosures').columns(['township_id', 'village_id', 'period_start']).execute();

  await db.schema
    .createTable('village_disclosure_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('village_disclosures.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('village_disclosure_items_idx').on('village_disclosure_items').columns(['township_id', 'disclosure_id', 'position']).execute();

  await db.schema
    .createTable('village_finance_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('disclosure_id', 'text', (c) => c.notNull().references('village_disclosures.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('village_finance_lines_idx').on('village_finance_lines').columns(['township_id', 'disclosure_id', 'position']).execute();

  await db.schema
    .createTable('administrative_complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // complaint (投诉), reconsideration (行政复议), lawsuit (行政诉讼)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', t.day, (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('concluded_on', t.day)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('administrative_complaints_idx').on('administrative_complaints').columns(['township_id', 'received_on']).execute();

  await db.schema
    .createTable('model_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The default checklist a new entry starts from: a JSON array of criterion names.
    .addColumn('criteria_json', t.json, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('model_programmes_idx').on('model_programmes').columns(['township_id', 'position']).execute();

  await db.schema
    .createTable('model_village_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('model_programmes.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // applied (申报), building (创建中), accepted (验收通过)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accepted_on', t.day)
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('model_village_entries_uq', ['programme_id', 'village_id', 'year'])
    .execute();
  await db.schema.createIndex('model_village_entries_idx').on('model_village_entries').columns(['township_id', 'year']).execute();

  await db.schema
    .createTable('model_village_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('model_village_entries.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_met', t.bool, (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_village_criteria_idx').on('model_village_criteria').columns(['township_id', 'entry_id', 'position']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
