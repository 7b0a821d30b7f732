import type { Kysely, Transaction } from 'kysely';
import type { DB, GeneratedReportsTable, ReportNarrativesTable, ReportTemplatesTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;
export type NarrativeRow = ReportNarrativesTable;
export type TemplateRow = ReportTemplatesTable;
export type GeneratedRow = GeneratedReportsTable;

const NARRATIVE_COLUMNS = ['id', 'township_id', 'year', 'section_key', 'heading', 'body', 'updated_by', 'created_at', 'updated_at'] as const;
const TEMPLATE_COLUMNS = ['id', 'township_id', 'name', 'file_name', 'size_bytes', 'sha256', 'storage_key', 'fields_json', 'uploaded_by', 'created_at', 'archived_at'] as const;
const GENERATED_COLUMNS = ['id', 'township_id', 'year', 'kind', 'template_id', 'file_name', 'size_bytes', 'sha256', 'article_id', 'article_url', 'generated_by', 'generated_at'] as const;

export function listNarratives(db: Db, townshipId: string, year: number): Promise<NarrativeRow[]> {
  return db.selectFrom('report_narratives').select(NARRATIVE_COLUMNS).where('township_id', '=', townshipId).where('year', '=', year).execute();
}

export function findNarrative(db: Db, townshipId: string, year: number, sectionKey: string): Promise<NarrativeRow | undefined> {
  return db.selectFrom('report_narratives').select(NARRATIVE_COLUMNS).where('township_id', '=', townshipId).where('year', '=', year).where('section_key', '=', sectionKey).executeTakeFirst();
}

export async function insertNarrative(db: Db, row: NarrativeRow): Promise<void> {
  await db.insertInto('report_narratives').values(row).execute();
}

export async function updateNarrative(db: Db, id: string, patch: Pick<NarrativeRow, 'heading' | 'body' | 'updated_by' | 'updated_at'>): Promise<void> {
  await db.updateTable('report_narratives').set(patch).where('id', '=', id).execute();
}

export async function deleteNarrative(db: Db, id: string): Promise<void> {
  await db.deleteFrom('report_narratives').where('id', '=', id).execute();
}

export function listTemplates(db: Db, townshipId: string): Promise<TemplateRow[]> {
  return db.selectFrom('report_templates').select(TEMPLATE_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null).orderBy('created_at', 'desc').execute();
}

/** A template within the given townships (the caller's scope), or undefined. */
export function findTemplate(db: Db, id: string, townshipIds: string[]): Promise<TemplateRow | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('report_templates').select(TEMPLATE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('report_templates').values(row).execute();
}

export async function archiveTemplate(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('report_templates').set({ archived_at: at }).where('id', '=', id).execute();
}

export async function insertGenerated(db: Db, row: GeneratedRow): Promise<void> {
  await db.insertInto('generated_reports').values(row).execute();
}

export function listGenerated(db: Db, townshipId: string, year: number): Promise<GeneratedRow[]> {
  return db.selectFrom('generated_reports').select(GENERATED_COLUMNS).where('township_id', '=', townshipId).where('year', '=', year)
    .orderBy('generated_at', 'desc').limit(50).execute();
}
