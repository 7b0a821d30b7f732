import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { topSimilar } from '../../../domain/text-similarity.js';
import type { DB } from '../../db/schema.js';
import { ensureCategories } from './articles.categories.js';
import * as repo from './articles.repository.js';
import { searchFilter } from './articles.service.js';

/**
 * What the public portal reads: published articles only, of one township, never a draft.
 * No actor: everything here is public by the presidium's decision to publish it.
 */

export type PublicListRow = repo.ArticleListRow & { tags: string[] };

export async function publicCategories(db: Kysely<DB>, townshipId: string): Promise<repo.CategoryRow[]> {
  await ensureCategories(db, townshipId);
  return repo.listCategories(db, townshipId);
}

export async function listPublished(
  db: Kysely<DB>, townshipId: string, f: { categoryId?: string; tag?: string; q?: string; page: number; pageSize: number },
): Promise<{ rows: PublicListRow[]; total: number }> {
  const r = await repo.listArticles(db, {
    townshipIds: [townshipId], status: 'published', ...(f.categoryId ? { categoryId: f.categoryId } : {}), ...(f.tag ? { tag: f.tag } : {}),
    ...(f.q ? searchFilter(f.q) : {}), limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
  });
  const tags = await repo.tagsOf(db, r.rows.map((a) => a.id));
  return { rows: r.rows.map((a) => ({ ...a, tags: tags.get(a.id) ?? [] })), total: r.total };
}

export async function getPublished(db: Kysely<DB>, townshipId: string, id: string): Promise<(repo.ArticleRow & { tags: string[] }) | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const a = await repo.findArticleInScope(db, id, [townshipId]);
  if (!a || a.status !== 'published') return undefined;
  return { ...a, tags: (await repo.tagsOf(db, [id])).get(id) ?? [] };
}

// ---- view counts ----------------------------------------------------------------------------

/** Crawlers, link previews and scripted clients: not counted. An empty user agent is not counted either. */
const BOT_RE = /bot|crawl|spider|slurp|baidu|sogou|yisou|bingpreview|facebookexternalhit|curl|wget|python|java\/|go-http|okhttp|node-fetch|axios|httpclient|monitor|lighthouse|preview|scan|autocannon/i;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || userAgent.length < 10 || BOT_RE.test(userAgent);
}

/**
 * The visitor key of one day: sha256 over a per-process salt, the day, IP and user agent. No
 * cookie is set and nothing about the visitor is stored in the clear; the salt means the hashes
 * cannot be reversed by trying every address. (After a restart within a day a returning visitor
 * may be counted once more.)
 */
const SALT = randomBytes(16).toString('hex');
export function visitorHash(ip: string, userAgent: string, day: string): string {
  return createHash('sha256').update(`${SALT}|${day}|${ip}|${userAgent}`).digest('base64url').slice(0, 32);
}

/** Visits already counted today in this process, so a reload is answered without a write. */
const counted = { day: '', keys: new Set<string>() };

/** Counts a view once per visitor per day; returns the article's count after this visit. */
export async function recordView(db: Kysely<DB>, a: { id: string; township_id: string; view_count: number }, ip: string, userAgent: string | undefined): Promise<number> {
  if (isBot(userAgent)) return a.view_count;
  const day = todayInShanghai();
  if (counted.day !== day) { counted.day = day; counted.keys.clear(); }
  const hash = visitorHash(ip, userAgent!, day);
  const key = `${a.id}|${hash}`;
  if (counted.keys.has(key)) return a.view_count;
  if (counted.keys.size > 200_000) counted.keys.clear();
  counted.keys.add(key);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('article_views')
      .values({ township_id: a.township_id, article_id: a.id, day, visitor_hash: hash })
      // No conflict target: the primary key gains township_id under `renda citus-prepare` (db/citus.ts).
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return a.view_count;
    await trx.updateTable('articles').set((eb) => ({ view_count: eb('view_count', '+', 1) })).where('id', '=', a.id).execute();
    return a.view_count + 1;
  });
}

// ---- related articles (猜你喜欢) ------------------------------------------------------------

const relatedCache = new Map<string, { at: number; ids: string[] }>();
const RELATED_TTL_MS = 10 * 60 * 1000;

/**
 * Up to `k` published articles related to `a`: first those sharing the most tags (newest first
 * among equals), then the most similar by text (title and summary, domain/text-similarity.ts)
 * among the township's latest 300. Cached for ten minutes per article.
 */
export async function relatedArticles(db: Kysely<DB>, a: { id: string; township_id: string; title: string; summary: string | null; tags: string[]; updated_at: string }, k = 5): Promise<{ id: string; title: string; published_at: string | null }[]> {
  const cacheKey = `${a.id}|${a.updated_at}`;
  const hit = relatedCache.get(cacheKey);
  let ids: string[];
  if (hit && Date.now() - hit.at < RELATED_TTL_MS) ids = hit.ids;
  else {
    ids = [];
    if (a.tags.length) {
      const rows = await db.selectFrom('article_tags as t').innerJoin('articles as x', (j) => j.onRef('x.id', '=', 't.article_id').onRef('x.township_id', '=', 't.township_id'))
        .select(['x.id', (eb) => eb.fn.countAll<number>().as('shared'), (eb) => eb.fn.max('x.published_at').as('p')])
        .where('t.township_id', '=', a.township_id).where('t.tag', 'in', a.tags).where('x.status', '=', 'published').where('x.archived_at', 'is', null).where('x.id', '!=', a.id)
        .groupBy('x.id').execute();
      rows.sort((p, q) => Number(q.shared) - Number(p.shared) || String(q.p ?? '').localeCompare(String(p.p ?? '')));
      ids.push(...rows.slice(0, k).map((r) => r.id));
    }
    if (ids.length < k) {
      const pool = await db.selectFrom('articles').select(['id', 'title', 'summary'])
        .where('township_id', '=', a.township_id).where('status', '=', 'published').where('archived_at', 'is', null).where('id', '!=', a.id)
        .orderBy('published_at', 'desc').limit(300).execute();
      const taken = new Set(ids);
      const similar = topSimilar(`${a.title} ${a.summary ?? ''}`, pool.filter((p) => !taken.has(p.id)).map((p) => ({ id: p.id, text: `${p.title} ${p.summary ?? ''}` })), k - ids.length, 0.05);
      ids.push(...similar.map((m) => m.id));
    }
    if (relatedCache.size > 5000) relatedCache.clear();
    relatedCache.set(cacheKey, { at: Date.now(), ids });
  }
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').select(['id', 'title', 'published_at']).where('id', 'in', ids).where('status', '=', 'published').where('archived_at', 'is', null).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => !!r);
}

/** The most used tags of the township's published articles (推荐访问). */
export async function popularTags(db: Kysely<DB>, townshipId: string, limit = 12): Promise<string[]> {
  const rows = await db.selectFrom('article_tags as t').innerJoin('articles as x', (j) => j.onRef('x.id', '=', 't.article_id').onRef('x.township_id', '=', 't.township_id'))
    .select(['t.tag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.township_id', '=', townshipId).where('x.status', '=', 'published').where('x.archived_at', 'is', null)
    .groupBy('t.tag').execute();
  return rows.sort((p, q) => Number(q.n) - Number(p.n) || p.tag.localeCompare(q.tag)).slice(0, limit).map((r) => r.tag);
}

/** Every published article of the township (id, title, dates), newest first, for RSS and the sitemap. */
export async function allPublished(db: Kysely<DB>, townshipId: string, limit: number): Promise<{ id: string; title: string; summary: string | null; published_at: string | null; updated_at: string; category_id: string }[]> {
  return db.selectFrom('articles').select(['id', 'title', 'summary', 'published_at', 'updated_at', 'category_id'])
    .where('township_id', '=', townshipId).where('status', '=', 'published').where('archived_at', 'is', null)
    .orderBy('published_at', 'desc').limit(limit).execute();
}
