import type { Kysely, Transaction } from 'kysely';
import { searchDocument, searchQueryTerms } from '../../../domain/search-text.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { ArticleStatus, DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { bumpArticlesGeneration } from './articles.cache.js';
import { ensureCategories } from './articles.categories.js';
import * as repo from './articles.repository.js';
import { htmlToText, prepareSanitizer, sanitizeArticleHtml } from './articles.sanitize.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Articles of the public portal and their review (审核) workflow:
 *
 *   draft ──submit──► submitted ──publish──► published ──unpublish──► unpublished
 *     ▲                  │ return (with a note)                            │ edit, submit again
 *     └──────────────────┘◄────────────────────────────────────────────────┘
 *
 * The office (人大办, `article.write`) writes, edits and submits; the presidium (主席团,
 * `article.publish`) reviews: publishes, returns with a note, unpublishes. The office cannot
 * publish its own text: what the congress says in public is released by the presidium. A
 * published article is not edited in place: it is unpublished, edited, submitted again.
 * Items other modules publish (publishFromModule) were approved in their own workflow.
 */

export interface ArticleInput {
  categoryId: string;
  title: string;
  summary?: string | null;
  bodyHtml: string;
  tags?: string[];
}

const EDITABLE: ArticleStatus[] = ['draft', 'submitted', 'unpublished'];

/** Tags: trimmed, deduplicated, at most 10 of at most 20 characters. */
export function cleanTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean).map((t) => t.slice(0, 20)))].slice(0, 10);
}

/** The stored search terms: title, summary, body text and tags, space-padded for LIKE ' term '. */
export function articleSearchText(title: string, summary: string | null, bodyHtml: string, tags: string[]): string {
  return articleSearchTextOf(title, summary, htmlToText(bodyHtml), tags);
}

/** The same from the body's plain text (space-padded, so a LIKE on ' term ' matches whole terms). */
export function articleSearchTextOf(title: string, summary: string | null, bodyText: string, tags: string[]): string {
  return ` ${searchDocument(title, summary ?? '', bodyText, tags.join(' '))} `;
}

/** Query → the terms a search must match (see domain/search-text.ts), or a substring fallback. */
export function searchFilter(query: string): { terms?: string[]; substring?: string } {
  const q = query.trim().slice(0, 50);
  if (!q) return {};
  const terms = searchQueryTerms(q).filter((t) => t.length > 0);
  return terms.length ? { terms } : { substring: q };
}

export async function loadArticle(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.ArticleRow> {
  const a = await repo.findArticleInScope(db, id, await visibleTownshipIds(db, actor));
  if (!a) throw notFound('article');
  authorize(actor, 'article.read');
  return a;
}

async function categoryOf(db: Db, townshipId: string, categoryId: string): Promise<repo.CategoryRow> {
  const c = await repo.findCategory(db, townshipId, { id: categoryId });
  if (!c) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'categoryId', message: 'unknown category' }]);
  return c;
}

function stateError(a: repo.ArticleRow, action: string): AppError {
  return new AppError('ARTICLE_STATE_INVALID', { status: a.status, action });
}

export async function listCategories(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<repo.CategoryRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.read');
  await ensureCategories(db, townshipId);
  return repo.listCategories(db, townshipId);
}

export interface CategoryPatch { name?: string; description?: string | null; position?: number; isVisible?: boolean }

export async function updateCategory(db: Kysely<DB>, actor: Actor, townshipId: string, categoryId: string, patch: CategoryPatch): Promise<repo.CategoryRow> {
  await assertTownshipInScope(db, actor, townshipId);
  const c = await repo.findCategory(db, townshipId, { id: categoryId });
  if (!c) throw notFound('category');
  authorize(actor, 'article.write');
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.position !== undefined ? { position: patch.position } : {}),
    ...(patch.isVisible !== undefined ? { is_visible: patch.isVisible } : {}),
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('portal_categories').set(set).where('id', '=', categoryId).execute();
    await writeAudit(trx, actor, { townshipId, action: 'article.category_update', entityType: 'portal_category', entityId: categoryId, before: c, after: set });
  });
  bumpArticlesGeneration();
  return { ...c, ...set };
}

export async function createCategory(db: Kysely<DB>, actor: Actor, townshipId: string, input: { name: string; description?: string | null }): Promise<repo.CategoryRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.write');
  await ensureCategories(db, townshipId);
  const existing = await repo.listCategories(db, townshipId);
  const now = nowIso();
  const id = newId();
  const row: repo.CategoryRow = {
    id, township_id: townshipId, key: `c${id.replace(/-/g, '').slice(-10)}`, name: input.name, description: input.description ?? null,
    position: Math.max(0, ...existing.map((c) => c.position)) + 10, is_visible: true, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('portal_categories').values(row).execute();
    await writeAudit(trx, actor, { townshipId, action: 'article.category_create', entityType: 'portal_category', entityId: id, after: row });
  });
  bumpArticlesGeneration();
  return row;
}

export interface ListQuery { status?: ArticleStatus; categoryId?: string; q?: string; page: number; pageSize: number }

export async function listArticles(db: Kysely<DB>, actor: Actor, townshipId: string, query: ListQuery): Promise<{ rows: repo.ArticleListRow[]; total: number; tags: Map<string, string[]> }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.read');
  const r = await repo.listArticles(db, {
    townshipIds: [townshipId], ...(query.status ? { status: query.status } : {}), ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    ...searchFilter(query.q ?? ''), limit: query.pageSize, offset: (query.page - 1) * query.pageSize,
  });
  return { ...r, tags: await repo.tagsOf(db, r.rows.map((a) => a.id)) };
}

export async function createArticle(db: Kysely<DB>, actor: Actor, townshipId: string, input: ArticleInput): Promise<repo.ArticleRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.write');
  await prepareSanitizer();
  await ensureCategories(db, townshipId);
  const tags = cleanTags(input.tags);
  const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
  const now = nowIso();
  const row: repo.ArticleRow = {
    id: newId(), township_id: townshipId, category_id: input.categoryId, title: input.title, summary: input.summary ?? null, body_html: bodyHtml,
    search_text: articleSearchText(input.title, input.summary ?? null, bodyHtml, tags), status: 'draft', source_kind: null, source_id: null,
    view_count: 0, review_note: null, published_at: null, submitted_at: null, published_by: null, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await categoryOf(trx, townshipId, input.categoryId);
    await repo.insertArticle(trx, row);
    await repo.replaceTags(trx, townshipId, row.id, tags);
    await writeAudit(trx, actor, { townshipId, action: 'article.create', entityType: 'article', entityId: row.id, after: { title: row.title, categoryId: row.category_id, tags } });
  });
  bumpArticlesGeneration();
  return row;
}

export async function updateArticle(db: Kysely<DB>, actor: Actor, id: string, input: Partial<ArticleInput>): Promise<repo.ArticleRow> {
  const a = await loadArticle(db, actor, id);
  authorize(actor, 'article.write');
  await prepareSanitizer();
  if (!EDITABLE.includes(a.status)) throw stateError(a, 'edit');
  const title = input.title ?? a.title;
  const summary = input.summary !== undefined ? input.summary : a.summary;
  const bodyHtml = input.bodyHtml !== undefined ? sanitizeArticleHtml(input.bodyHtml) : a.body_html;
  const tags = input.tags !== undefined ? cleanTags(input.tags) : (await repo.tagsOf(db, [id])).get(id) ?? [];
  const patch: Partial<repo.ArticleRow> = {
    title, summary, body_html: bodyHtml, category_id: input.categoryId ?? a.category_id,
    search_text: articleSearchText(title, summary, bodyHtml, tags), updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    if (input.categoryId) await categoryOf(trx, a.township_id, input.categoryId);
    await repo.updateArticle(trx, id, patch);
    if (input.tags !== undefined) await repo.replaceTags(trx, a.township_id, id, tags);
    await writeAudit(trx, actor, {
      townshipId: a.township_id, action: 'article.update', entityType: 'article', entityId: id,
      before: { title: a.title, categoryId: a.category_id, bodyLength: a.body_html.length }, after: { title, categoryId: patch.category_id, bodyLength: bodyHtml.length, tags },
    });
  });
  bumpArticlesGeneration();
  return { ...a, ...patch };
}

type Transition = 'submit' | 'publish' | 'return' | 'unpublish' | 'archive';

const TRANSITIONS: Record<Transition, { from: ArticleStatus[]; ability: 'article.write' | 'article.publish' }> = {
  submit: { from: ['draft', 'unpublished'], ability: 'article.write' },
  return: { from: ['submitted'], ability: 'article.publish' },
  publish: { from: ['submitted'], ability: 'article.publish' },
  unpublish: { from: ['published'], ability: 'article.publish' },
  archive: { from: ['draft', 'unpublished'], ability: 'article.write' },
};

/** One step of the workflow; `note` is the reviewer's reason when returning. */
export async function transition(db: Kysely<DB>, actor: Actor, id: string, step: Transition, note?: string | null): Promise<repo.ArticleRow> {
  const a = await loadArticle(db, actor, id);
  const rule = TRANSITIONS[step];
  authorize(actor, rule.ability);
  if (!rule.from.includes(a.status)) throw stateError(a, step);
  const now = nowIso();
  const patch: Partial<repo.ArticleRow> = { updated_at: now };
  if (step === 'submit') Object.assign(patch, { status: 'submitted', submitted_at: now, review_note: null });
  if (step === 'return') Object.assign(patch, { status: 'draft', review_note: note ?? null });
  if (step === 'publish') Object.assign(patch, { status: 'published', published_at: a.published_at ?? now, published_by: actor.id, review_note: null });
  if (step === 'unpublish') Object.assign(patch, { status: 'unpublished', review_note: note ?? null });
  if (step === 'archive') Object.assign(patch, { archived_at: now });
  await db.transaction().execute(async (trx) => {
    await repo.updateArticle(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: a.township_id, action: `article.${step}`, entityType: 'article', entityId: id, before: { status: a.status }, after: { status: patch.status ?? a.status, note: note ?? null } });
  });
  bumpArticlesGeneration();
  return { ...a, ...patch };
}

export function canPublish(actor: Actor): boolean {
  return can(actor, 'article.publish');
}
