import { sql, type Kysely, type Selectable } from 'kysely';
import type { ArticleStatus, ArticlesTable, DB, PortalCategoriesTable } from '../../db/schema.js';

export type ArticleRow = Selectable<ArticlesTable>;
export type CategoryRow = Selectable<PortalCategoriesTable>;

const ARTICLE_COLUMNS = [
  'id', 'township_id', 'category_id', 'title', 'summary', 'body_html', 'search_text', 'status', 'source_kind', 'source_id', 'view_count',
  'review_note', 'published_at', 'submitted_at', 'published_by', 'created_by', 'created_at', 'updated_at', 'archived_at',
] as const;

/** The columns a list needs (no body). */
const LIST_COLUMNS = ['id', 'township_id', 'category_id', 'title', 'summary', 'status', 'source_kind', 'view_count', 'published_at', 'submitted_at', 'created_at', 'updated_at'] as const;
export type ArticleListRow = Pick<ArticleRow, (typeof LIST_COLUMNS)[number]>;

export async function listCategories(db: Kysely<DB>, townshipId: string): Promise<CategoryRow[]> {
  return db.selectFrom('portal_categories')
    .select(['id', 'township_id', 'key', 'name', 'description', 'position', 'is_visible', 'created_at', 'updated_at'])
    .where('township_id', '=', townshipId).orderBy('position').orderBy('key').execute();
}

export async function findCategory(db: Kysely<DB>, townshipId: string, idOrKey: { id?: string; key?: string }): Promise<CategoryRow | undefined> {
  return db.selectFrom('portal_categories')
    .select(['id', 'township_id', 'key', 'name', 'description', 'position', 'is_visible', 'created_at', 'updated_at'])
    .where('township_id', '=', townshipId)
    .$if(idOrKey.id !== undefined, (q) => q.where('id', '=', idOrKey.id!))
    .$if(idOrKey.key !== undefined, (q) => q.where('key', '=', idOrKey.key!))
    .executeTakeFirst();
}

export async function findArticleInScope(db: Kysely<DB>, id: string, townshipIds: string[]): Promise<ArticleRow | undefined> {
  if (townshipIds.length === 0) return undefined;
  return db.selectFrom('articles').select(ARTICLE_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).where('archived_at', 'is', null).executeTakeFirst();
}

export async function findArticleBySource(db: Kysely<DB>, townshipId: string, kind: string, sourceId: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').select(ARTICLE_COLUMNS)
    .where('township_id', '=', townshipId).where('source_kind', '=', kind).where('source_id', '=', sourceId).executeTakeFirst();
}

export async function insertArticle(db: Kysely<DB>, row: ArticleRow): Promise<void> {
  await db.insertInto('articles').values(row).execute();
}

export async function updateArticle(db: Kysely<DB>, id: string, patch: Partial<ArticleRow>): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
}

export async function tagsOf(db: Kysely<DB>, articleIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (articleIds.length === 0) return out;
  const rows = await db.selectFrom('article_tags').select(['article_id', 'tag']).where('article_id', 'in', articleIds).orderBy('tag').execute();
  for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), r.tag]);
  return out;
}

export async function replaceTags(db: Kysely<DB>, townshipId: string, articleId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tags.length) await db.insertInto('article_tags').values(tags.map((tag) => ({ township_id: townshipId, article_id: articleId, tag }))).execute();
}

export interface ArticleFilter {
  townshipIds: string[];
  status?: ArticleStatus;
  categoryId?: string;
  /** Search terms (each must be among the article's search terms), or a plain substring. */
  terms?: string[];
  substring?: string;
  tag?: string;
  limit: number;
  offset: number;
}

/** Filtered articles, newest first, with the total. */
export async function listArticles(db: Kysely<DB>, f: ArticleFilter): Promise<{ rows: ArticleListRow[]; total: number }> {
  if (f.townshipIds.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('articles').where('township_id', 'in', f.townshipIds).where('archived_at', 'is', null);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  for (const term of f.terms ?? []) q = q.where('search_text', 'like', `% ${escapeLike(term)} %`);
  if (f.substring) {
    const s = `%${escapeLike(f.substring)}%`;
    q = q.where((eb) => eb.or([eb('title', 'like', s), eb('search_text', 'like', s)]));
  }
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id')
      .whereRef('article_tags.township_id', '=', 'articles.township_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag', '=', tag)));
  }
  const [rows, count] = await Promise.all([
    q.select(LIST_COLUMNS)
      .orderBy(sql`coalesce(published_at, updated_at)`, 'desc').orderBy('id', 'desc')
      .limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** LIKE wildcards in a query are dropped: terms are words, never patterns. */
function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}
