import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { findTownship } from '../townships/townships.repository.js';
import { bumpArticlesGeneration } from './articles.cache.js';
import { ensureCategories } from './articles.categories.js';
import * as repo from './articles.repository.js';
import { htmlToText, prepareSanitizer, sanitizeArticleHtml } from './articles.sanitize.js';
import { articleSearchText } from './articles.service.js';

export interface ModulePublication {
  townshipId: string;
  /** A category key of the township (news, notices, gov_affairs, work_summary, …). */
  categoryKey: string;
  title: string;
  /** HTML; sanitised here like any article body. */
  bodyHtml: string;
  /** The module's item: publishing the same (kind, id) again updates the same article. */
  source: { kind: string; id: string };
  /** ISO instant; defaults to now on first publication, kept on later updates. */
  publishedAt?: string;
}

/** The portal address of an article. */
export function articleUrl(townshipCode: string, articleId: string): string {
  return `/t/${townshipCode}/a/${articleId}`;
}

/**
 * Publishes an item of another module (a disclosure, the year-end summary, …) on the portal,
 * inside the caller's transaction. Idempotent by (townshipId, source.kind, source.id): a second
 * call updates the same article (title, body, category) and republishes it. The caller has
 * checked its own permissions and scope; the item was approved in its own workflow, so it is
 * published at once. Audited as `article.publish_from_module`.
 */
export async function publishFromModule(
  db: Kysely<DB> | Transaction<DB>, actor: Actor, input: ModulePublication,
): Promise<{ articleId: string; url: string }> {
  // Bumped before and after: a cached page never outlives the caller's commit by more than its TTL.
  await prepareSanitizer();
  bumpArticlesGeneration();
  const result = db.isTransaction ? await publishIn(db as Transaction<DB>, actor, input) : await db.transaction().execute((trx) => publishIn(trx, actor, input));
  bumpArticlesGeneration();
  return result;
}

async function publishIn(trx: Transaction<DB>, actor: Actor, input: ModulePublication): Promise<{ articleId: string; url: string }> {
  const township = await findTownship(trx, input.townshipId);
  if (!township) throw new AppError('NOT_FOUND', { entity: 'township' });
  await ensureCategories(trx, input.townshipId);
  const category = await repo.findCategory(trx, input.townshipId, { key: input.categoryKey });
  if (!category) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'categoryKey', message: `unknown category ${input.categoryKey}` }]);
  const title = input.title.trim().slice(0, 200);
  if (!title) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'title', message: 'required' }]);
  const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
  const summary = htmlToText(bodyHtml).slice(0, 120) || null;
  const existing = await repo.findArticleBySource(trx, input.townshipId, input.source.kind, input.source.id);
  const now = nowIso();
  const searchText = articleSearchText(title, summary, bodyHtml, []);
  let articleId: string;
  if (existing) {
    articleId = existing.id;
    const patch: Partial<repo.ArticleRow> = {
      title, summary, body_html: bodyHtml, category_id: category.id, search_text: searchText, status: 'published', archived_at: null,
      published_at: input.publishedAt ?? existing.published_at ?? now, published_by: actor.id, updated_at: now,
    };
    await repo.updateArticle(trx, articleId, patch);
    await writeAudit(trx, actor, {
      townshipId: input.townshipId, action: 'article.publish_from_module', entityType: 'article', entityId: articleId,
      before: { title: existing.title, status: existing.status }, after: { title, source: input.source, categoryKey: input.categoryKey },
    });
  } else {
    articleId = newId();
    await repo.insertArticle(trx, {
      id: articleId, township_id: input.townshipId, category_id: category.id, title, summary, body_html: bodyHtml, search_text: searchText,
      status: 'published', source_kind: input.source.kind, source_id: input.source.id, view_count: 0, review_note: null,
      published_at: input.publishedAt ?? now, submitted_at: now, published_by: actor.id, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
    });
    await writeAudit(trx, actor, {
      townshipId: input.townshipId, action: 'article.publish_from_module', entityType: 'article', entityId: articleId,
      after: { title, source: input.source, categoryKey: input.categoryKey },
    });
  }
  return { articleId, url: articleUrl(township.code, articleId) };
}
