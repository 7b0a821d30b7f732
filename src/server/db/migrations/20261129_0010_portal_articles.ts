import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * The public portal's articles: categories per township (栏目, editable, seeded with defaults on
 * first use), articles with their review workflow and Chinese search terms, tags (推荐访问),
 * uploaded images, and one view per visitor per day (a hash of IP, user agent and day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('portal_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_visible', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('portal_categories_key_uq', ['township_id', 'key'])
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('portal_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    // Space-padded search terms (domain/search-text.ts): ' 人大 代表 ... '.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_note', 'text')
    .addColumn('published_at', t.instant)
    .addColumn('submitted_at', t.instant)
    .addColumn('published_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('articles_public_idx').on('articles').columns(['township_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_category_idx').on('articles').columns(['category_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_source_uq').on('articles').columns(['township_id', 'source_kind', 'source_id']).unique().execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').columns(['township_id', 'tag']).execute();

  await db.schema
    .createTable('article_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article_views')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
    .addColumn('day', t.day, (c) => c.notNull())
    .addColumn('visitor_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'day', 'visitor_hash'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
