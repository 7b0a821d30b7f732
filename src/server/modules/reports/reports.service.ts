import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB, GeneratedReportKind } from '../../db/schema.js';
import { buildOfficialDocument, type Block } from '../../documents/official-docx.js';
import { AppError, notFound } from '../../errors.js';
import { systemClock, type Clock } from '../../clock.js';
import { newId, nowIso } from '../../ids.js';
import { escapeHtml } from '../../portal/html.js';
import { writeAudit } from '../audit/audit.service.js';
import { publishFromModule } from '../articles/articles.publish.js';
import { cleanFileName, uploadsRoot } from '../../http/uploads.js';
import type { TownshipRow } from '../townships/townships.repository.js';
import { buildAnnex, prepareCharts } from './annex.js';
import { collectYearFacts, resolveReportTownship, type YearFacts } from './facts.service.js';
import { buildPresidiumReport, nextSession, presidiumReportSubtitle } from './presidium-report.js';
import * as repo from './reports.repository.js';
import { buildSummary, SUMMARY_SECTIONS, unknownFields, type Narrative, type SummaryDocument } from './summary.template.js';
import { fillTemplate, inspectTemplate } from './user-templates.js';

// ---- narratives ---------------------------------------------------------------------------------

export interface SectionNarrative {
  key: string;
  defaultHeading: string | null;
  defaultNarrative: string;
  heading: string | null;
  body: string;
  isCustom: boolean;
  updatedAt: string | null;
}

async function narrativeMap(db: Kysely<DB>, townshipId: string, year: number): Promise<Map<string, Narrative>> {
  const rows = await repo.listNarratives(db, townshipId, year);
  return new Map(rows.map((r) => [r.section_key, { heading: r.heading, body: r.body }]));
}

export async function listNarratives(db: Kysely<DB>, actor: Actor, year: number, townshipId?: string): Promise<SectionNarrative[]> {
  const township = await resolveReportTownship(db, actor, townshipId);
  const rows = await repo.listNarratives(db, township.id, year);
  return SUMMARY_SECTIONS.map((s) => {
    const row = rows.find((r) => r.section_key === s.key);
    return {
      key: s.key, defaultHeading: s.heading, defaultNarrative: s.defaultNarrative,
      heading: row ? row.heading ?? s.heading : s.heading, body: row?.body ?? s.defaultNarrative, isCustom: !!row, updatedAt: row?.updated_at ?? null,
    };
  });
}

function sectionOf(key: string) {
  const section = SUMMARY_SECTIONS.find((s) => s.key === key);
  if (!section) throw notFound('report_section');
  return section;
}

/** Checks a narrative's fields against the catalogue: an unknown one is refused by name. */
function assertFieldsKnown(facts: YearFacts, sectionLabel: string, texts: { path: string; text: string }[]): void {
  for (const { path: p, text } of texts) {
    const bad = unknownFields(text, (k) => facts.byKey.has(k));
    if (bad.length) throw new AppError('REPORT_FIELD_UNKNOWN', { field: bad.join('、'), section: sectionLabel }, [{ path: p, message: `unknown field ${bad.join(', ')}` }]);
  }
}

export async function saveNarrative(
  db: Kysely<DB>, actor: Actor, year: number, sectionKey: string, input: { heading?: string | null; body: string }, townshipId?: string,
): Promise<SectionNarrative> {
  const township = await resolveReportTownship(db, actor, townshipId);
  authorize(actor, 'report.manage');
  const section = sectionOf(sectionKey);
  const facts = await collectYearFacts(db, township, year);
  const heading = section.heading === null ? null : (input.heading ?? '').trim() || section.heading;
  assertFieldsKnown(facts, section.heading ?? sectionKey, [{ path: 'body', text: input.body }, ...(heading ? [{ path: 'heading', text: heading }] : [])]);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const existing = await repo.findNarrative(trx, township.id, year, sectionKey);
    if (existing) {
      await repo.updateNarrative(trx, existing.id, { heading, body: input.body, updated_by: actor.id, updated_at: now });
    } else {
      await repo.insertNarrative(trx, { id: newId(), township_id: township.id, year, section_key: sectionKey, heading, body: input.body, updated_by: actor.id, created_at: now, updated_at: now });
    }
    await writeAudit(trx, actor, {
      townshipId: township.id, action: 'report.narrative_save', entityType: 'report_narrative', entityId: `${year}:${sectionKey}`,
      before: existing ? { heading: existing.heading, body: existing.body } : null, after: { heading, body: input.body },
    });
  });
  return (await listNarratives(db, actor, year, township.id)).find((s) => s.key === sectionKey)!;
}

export async function resetNarrative(db: Kysely<DB>, actor: Actor, year: number, sectionKey: string, townshipId?: string): Promise<SectionNarrative> {
  const township = await resolveReportTownship(db, actor, townshipId);
  authorize(actor, 'report.manage');
  sectionOf(sectionKey);
  await db.transaction().execute(async (trx) => {
    const existing = await repo.findNarrative(trx, township.id, year, sectionKey);
    if (!existing) return;
    await repo.deleteNarrative(trx, existing.id);
    await writeAudit(trx, actor, {
      townshipId: township.id, action: 'report.narrative_reset', entityType: 'report_narrative', entityId: `${year}:${sectionKey}`,
      before: { heading: existing.heading, body: existing.body },
    });
  });
  return (await listNarratives(db, actor, year, township.id)).find((s) => s.key === sectionKey)!;
}

// ---- documents ----------------------------------------------------------------------------------

export const REPORT_KIND_NAMES: Record<Exclude<GeneratedReportKind, 'template'>, string> = {
  summary: '工作总结', presidium_report: '主席团工作报告', annex: '统计附件',
};

/** The summary of one township-year, from facts and narratives (no scope check: callers do it). */
export async function summaryOf(db: Kysely<DB>, township: Pick<TownshipRow, 'id' | 'code' | 'name'>, year: number, date: string, draft?: { section: string; heading?: string | null; body: string }): Promise<{ facts: YearFacts; doc: SummaryDocument }> {
  const [facts, narratives] = await Promise.all([collectYearFacts(db, township, year), narrativeMap(db, township.id, year)]);
  if (draft) {
    const section = sectionOf(draft.section);
    assertFieldsKnown(facts, section.heading ?? draft.section, [{ path: 'body', text: draft.body }]);
    narratives.set(draft.section, { heading: section.heading === null ? null : (draft.heading ?? '').trim() || section.heading, body: draft.body });
  }
  return { facts, doc: buildSummary(facts, narratives, date) };
}

export async function previewSummary(db: Kysely<DB>, actor: Actor, year: number, date: string, townshipId?: string, draft?: { section: string; heading?: string | null; body: string }): Promise<SummaryDocument> {
  const township = await resolveReportTownship(db, actor, townshipId);
  return (await summaryOf(db, township, year, date, draft)).doc;
}

/** Renders a summary-shaped document to GB/T 9704 .docx. */
export function renderOfficial(doc: SummaryDocument, subtitle?: string): Promise<Buffer> {
  return buildOfficialDocument({ title: doc.title, subtitle, blocks: doc.blocks, signature: doc.signature, date: doc.date });
}

/** Builds one report document of a township-year (no scope check, no record: the CLI and bench use it). */
export async function buildReport(db: Kysely<DB>, township: Pick<TownshipRow, 'id' | 'code' | 'name'>, kind: Exclude<GeneratedReportKind, 'template'>, year: number, date: string): Promise<{ buffer: Buffer; fileName: string; facts: YearFacts; doc: SummaryDocument }> {
  if (kind === 'summary') {
    const { facts, doc } = await summaryOf(db, township, year, date);
    return { buffer: await renderOfficial(doc), fileName: `${doc.title}.docx`, facts, doc };
  }
  const facts = await collectYearFacts(db, township, year);
  if (kind === 'annex') {
    await prepareCharts();
    const doc = buildAnnex(facts, date);
    return { buffer: await renderOfficial(doc), fileName: `${doc.title}.docx`, facts, doc };
  }
  const [narratives, next] = await Promise.all([narrativeMap(db, township.id, year), nextSession(db, township.id, year)]);
  const doc = buildPresidiumReport(facts, narratives, next, date);
  return { buffer: await renderOfficial(doc, presidiumReportSubtitle(township.name, next)), fileName: `${township.name}人民代表大会主席团${year}年工作报告.docx`, facts, doc };
}

async function recordGenerated(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, kind: GeneratedReportKind, fileName: string, buffer: Buffer, templateId: string | null, article?: { articleId: string; url: string }): Promise<repo.GeneratedRow> {
  const row: repo.GeneratedRow = {
    id: newId(), township_id: townshipId, year, kind, template_id: templateId, file_name: fileName, size_bytes: buffer.length,
    sha256: createHash('sha256').update(buffer).digest('hex'), article_id: article?.articleId ?? null, article_url: article?.url ?? null,
    generated_by: actor.id, generated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertGenerated(trx, row);
    await writeAudit(trx, actor, { townshipId, action: 'report.generate', entityType: 'generated_report', entityId: row.id, after: { kind, year, fileName, templateId, sha256: row.sha256 } });
  });
  return row;
}

/** A report as a download for a user: scope, ability, and a record of who generated what. */
export async function generateReport(db: Kysely<DB>, actor: Actor, kind: Exclude<GeneratedReportKind, 'template'>, year: number, date: string, townshipId?: string): Promise<{ buffer: Buffer; fileName: string }> {
  const township = await resolveReportTownship(db, actor, townshipId);
  const { buffer, fileName } = await buildReport(db, township, kind, year, date);
  await recordGenerated(db, actor, township.id, year, kind, fileName, buffer, null);
  return { buffer, fileName };
}

export async function listGenerated(db: Kysely<DB>, actor: Actor, year: number, townshipId?: string): Promise<repo.GeneratedRow[]> {
  const township = await resolveReportTownship(db, actor, townshipId);
  return repo.listGenerated(db, township.id, year);
}

// ---- publishing ---------------------------------------------------------------------------------

/** The summary as article HTML: headings numbered as in the document, then signature and date. */
export function summaryHtml(doc: SummaryDocument): string {
  const out: string[] = [];
  let h1 = 0;
  let h2 = 0;
  for (const b of doc.blocks as Block[]) {
    if (b.type === 'heading1') { h1++; h2 = 0; out.push(`<h2>${toChineseNumeral(h1)}、${escapeHtml(b.text)}</h2>`); }
    else if (b.type === 'heading2') { h2++; out.push(`<h3>（${toChineseNumeral(h2)}）${escapeHtml(b.text)}</h3>`); }
    else if (b.type === 'paragraph' || b.type === 'heading3') for (const para of b.text.split(/\n+/).filter((x) => x.trim())) out.push(`<p>${escapeHtml(para.trim())}</p>`);
  }
  const [y, m, d] = doc.date.split('-').map(Number);
  out.push(`<p style="text-align: right">${escapeHtml(doc.signature)}</p>`, `<p style="text-align: right">${y}年${m}月${d}日</p>`);
  return out.join('\n');
}

/** One click: the finished summary becomes (or updates) the portal article in 工作总结. */
export async function publishSummary(db: Kysely<DB>, actor: Actor, year: number, date: string, townshipId?: string): Promise<{ articleId: string; url: string }> {
  const township = await resolveReportTownship(db, actor, townshipId);
  authorize(actor, 'report.manage');
  const { doc } = await summaryOf(db, township, year, date);
  const buffer = await renderOfficial(doc);
  return db.transaction().execute(async (trx) => {
    const published = await publishFromModule(trx, actor, {
      townshipId: township.id, categoryKey: 'work_summary', title: doc.title, bodyHtml: summaryHtml(doc),
      source: { kind: 'report_summary', id: `${township.id}:${year}` },
    });
    const row: repo.GeneratedRow = {
      id: newId(), township_id: township.id, year, kind: 'summary', template_id: null, file_name: `${doc.title}.docx`, size_bytes: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'), article_id: published.articleId, article_url: published.url, generated_by: actor.id, generated_at: nowIso(),
    };
    await repo.insertGenerated(trx, row);
    await writeAudit(trx, actor, { townshipId: township.id, action: 'report.publish', entityType: 'generated_report', entityId: row.id, after: { year, articleId: published.articleId, url: published.url } });
    return published;
  });
}

// ---- users' templates ---------------------------------------------------------------------------

export async function listTemplates(db: Kysely<DB>, actor: Actor, townshipId?: string): Promise<repo.TemplateRow[]> {
  const township = await resolveReportTownship(db, actor, townshipId);
  return repo.listTemplates(db, township.id);
}

async function loadTemplate(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.TemplateRow> {
  authorize(actor, 'report.read');
  const row = await repo.findTemplate(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('report_template');
  return row;
}

/** Stores a user's .docx template after checking every placeholder against the catalogue. */
export async function uploadTemplate(db: Kysely<DB>, actor: Actor, dataDir: string, file: { fileName: string; data: Buffer }, year: number, townshipId?: string,
  clock: Clock = systemClock,
): Promise<repo.TemplateRow> {
  const township = await resolveReportTownship(db, actor, townshipId);
  authorize(actor, 'report.manage');
  const facts = await collectYearFacts(db, township, year);
  const { fields, unknown } = await inspectTemplate(file.data, facts);
  if (unknown.length) throw new AppError('REPORT_TEMPLATE_FIELD_UNKNOWN', { fields: unknown.map((u) => `{${u}}`).join('、') });
  const id = newId();
  const storageKey = `${township.id}/report-templates/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const fileName = cleanFileName(file.fileName);
  const row: repo.TemplateRow = {
    id, township_id: township.id, name: fileName.replace(/\.docx$/i, ''), file_name: fileName, size_bytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey, fields_json: JSON.stringify(fields),
    uploaded_by: actor.id, created_at: clock.now(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertTemplate(trx, row);
      await writeAudit(trx, actor, { townshipId: township.id, action: 'report.template_upload', entityType: 'report_template', entityId: id, after: { fileName, fields } });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

export async function templateFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string): Promise<{ row: repo.TemplateRow; filePath: string }> {
  const row = await loadTemplate(db, actor, id);
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

export async function fillUserTemplate(db: Kysely<DB>, actor: Actor, dataDir: string, id: string, year: number): Promise<{ buffer: Buffer; fileName: string }> {
  const row = await loadTemplate(db, actor, id);
  const township = await resolveReportTownship(db, actor, row.township_id);
  const facts = await collectYearFacts(db, township, year);
  const buffer = await fillTemplate(await fs.readFile(path.join(uploadsRoot(dataDir), row.storage_key)), facts);
  const fileName = `${row.name}（${year}年）.docx`;
  await recordGenerated(db, actor, township.id, year, 'template', fileName, buffer, row.id);
  return { buffer, fileName };
}

export async function archiveTemplate(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await loadTemplate(db, actor, id);
  authorize(actor, 'report.manage');
  await db.transaction().execute(async (trx) => {
    await repo.archiveTemplate(trx, id, nowIso());
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'report.template_archive', entityType: 'report_template', entityId: id, before: { fileName: row.file_name } });
  });
}

export function reportDate(date: string | undefined): string {
  return date ?? todayInShanghai();
}
