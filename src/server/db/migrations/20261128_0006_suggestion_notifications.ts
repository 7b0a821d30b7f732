import { sql, type Kysely } from 'kysely';
import { searchDocument } from '../../../domain/search-text.js';
import { columnTypes } from '../migration-helpers.js';

/**
 * Supervision of suggestions (督办) and their search:
 * - `notifications`: in-app notices (and their e-mail copy) to one user each, written once per
 *   suggestion, round and stage (交办, 答复, 不满意, 即将到期, 逾期, 逾期30天);
 * - `users.email` (nullable): where a notice is also mailed when SMTP is configured;
 * - `suggestions.search_text`: title and content segmented for Chinese full-text search, with
 *   an FTS5 index over it on SQLite (external content, kept in sync by triggers in the writing
 *   transaction) and, on PostgreSQL, a stored generated column `to_tsvector('simple', search_text)`
 *   with a GIN index;
 * - indexes of the supervision lists and the paginated list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await db.schema.alterTable('suggestions').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = await sql<{ id: string; title: string; content: string }>`select id, title, content from suggestions`.execute(db);
  for (const r of rows.rows) {
    await sql`update suggestions set search_text = ${searchDocument(r.title, r.content)} where id = ${r.id}`.execute(db);
  }
  if (t.isPostgres) {
    // The tsvector is stored (a generated column), so checking a township's rows against a
    // query never re-parses their text; the GIN index serves searches across townships.
    await sql`alter table suggestions add column search_tsv tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index suggestions_search_gin on suggestions using gin (search_tsv)`.execute(db);
  } else {
    // External content over the table's rowid: the index holds the terms only. It also indexes
    // township_id (one token: '-' is a token character) so a township's search intersects two
    // posting lists inside FTS5 instead of filtering every township's matches. Rows are never
    // deleted (archived), and SQLite's backup API keeps rowids; after a VACUUM, run
    // INSERT INTO suggestions_fts(suggestions_fts) VALUES('rebuild').
    await sql`create virtual table suggestions_fts using fts5(search_text, township_id, content='suggestions', content_rowid='rowid', tokenize="unicode61 tokenchars '-'")`.execute(db);
    await sql`insert into suggestions_fts(suggestions_fts) values('rebuild')`.execute(db);
    await sql`create trigger suggestions_fts_ai after insert on suggestions begin
      insert into suggestions_fts(rowid, search_text, township_id) values (new.rowid, new.search_text, new.township_id); end`.execute(db);
    await sql`create trigger suggestions_fts_ad after delete on suggestions begin
      insert into suggestions_fts(suggestions_fts, rowid, search_text, township_id) values ('delete', old.rowid, old.search_text, old.township_id); end`.execute(db);
    await sql`create trigger suggestions_fts_au after update of search_text, township_id on suggestions begin
      insert into suggestions_fts(suggestions_fts, rowid, search_text, township_id) values ('delete', old.rowid, old.search_text, old.township_id);
      insert into suggestions_fts(rowid, search_text, township_id) values (new.rowid, new.search_text, new.township_id); end`.execute(db);
  }
  // The paginated list of a township's year in one state, newest first (the page is read in
  // index order instead of sorting every row of the state), and the supervision lists by due day.
  await db.schema.createIndex('suggestions_list_idx').on('suggestions').columns(['township_id', 'year', 'state', 'seq']).execute();
  await db.schema.createIndex('suggestions_township_due_idx').on('suggestions').columns(['township_id', 'state', 'reply_due_on']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    // Each row is one user's notice; it says whether it reached them as a unit's handler or by role.
    .addColumn('recipient_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recipient_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('recipient_role', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('suggestion_id', 'text', (c) => c.references('suggestions.id'))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('read_at', t.instant)
    // The e-mail copy: the address at the time, then when it was sent or why it failed.
    .addColumn('email_to', 'text')
    .addColumn('emailed_at', t.instant)
    .addColumn('email_error', 'text')
    .execute();
  // Once per stage: the sweep and the workflow may run again without a second notice.
  await db.schema.createIndex('notifications_once_uq').on('notifications').columns(['recipient_user_id', 'suggestion_id', 'round', 'stage']).unique().execute();
  await db.schema.createIndex('notifications_recipient_idx').on('notifications').columns(['recipient_user_id', 'created_at']).execute();
  await db.schema.createIndex('notifications_township_idx').on('notifications').columns(['township_id', 'suggestion_id']).execute();
  await db.schema.createIndex('notifications_mail_idx').on('notifications').columns(['emailed_at', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
