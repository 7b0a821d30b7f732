import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Congress sessions (人代会): sessions, their frozen seat list and attendance, agenda items and
 * their documents, votes and roll-call ballots, resolutions (决议), motions (议案) and their signers.
 * The table is `congress_sessions` because `sessions` holds login sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const false_ = t.isPostgres ? sql`false` : sql`0`;

  await db.schema
    .createTable('congress_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('term_number', 'integer', (c) => c.notNull())
    .addColumn('sitting_number', 'integer', (c) => c.notNull())
    .addColumn('start_date', t.day, (c) => c.notNull())
    .addColumn('end_date', t.day, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('seated_count', 'integer')
    .addColumn('checkin_token', 'text')
    .addColumn('opened_at', t.instant)
    .addColumn('closed_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('congress_sessions_number_uq').on('congress_sessions').columns(['township_id', 'term_number', 'sitting_number']).unique().execute();
  await db.schema.createIndex('congress_sessions_start_idx').on('congress_sessions').columns(['township_id', 'start_date']).execute();
  await db.schema.createIndex('congress_sessions_token_uq').on('congress_sessions').column('checkin_token').unique().execute();

  await db.schema
    .createTable('session_seats')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('deputy_name', 'text', (c) => c.notNull())
    .addColumn('constituency_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('leave_reason', 'text')
    .addColumn('check_in_method', 'text')
    .addColumn('checked_in_at', t.instant)
    .addColumn('recorded_by', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('session_seats_pk', ['session_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('session_seats_township_idx').on('session_seats').columns(['township_id', 'deputy_id']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('motion_id', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('agenda_items_session_idx').on('agenda_items').columns(['township_id', 'session_id', 'position']).execute();

  await db.schema
    .createTable('session_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('session_documents_item_idx').on('session_documents').columns(['township_id', 'agenda_item_id']).execute();

  await db.schema
    .createTable('resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_vote_id', 'text')
    .addColumn('adopted_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resolutions_session_idx').on('resolutions').columns(['township_id', 'session_id']).execute();

  await db.schema
    .createTable('session_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('resolution_id', 'text', (c) => c.references('resolutions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('seated_count', 'integer', (c) => c.notNull())
    .addColumn('present_count', 'integer', (c) => c.notNull())
    .addColumn('yes_count', 'integer')
    .addColumn('no_count', 'integer')
    .addColumn('abstain_count', 'integer')
    .addColumn('is_passed', t.bool)
    .addColumn('supersedes_vote_id', 'text', (c) => c.references('session_votes.id'))
    .addColumn('revote_reason', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', t.instant, (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', t.instant)
    .execute();
  await db.schema.createIndex('session_votes_session_idx').on('session_votes').columns(['township_id', 'session_id']).execute();
  // A vote is superseded at most once: a correction of a correction supersedes the newest row.
  await db.schema.createIndex('session_votes_supersedes_uq').on('session_votes').column('supersedes_vote_id').unique().execute();

  await db.schema
    .createTable('vote_ballots')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('vote_id', 'text', (c) => c.notNull().references('session_votes.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('choice', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', t.instant)
    .addPrimaryKeyConstraint('vote_ballots_pk', ['vote_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('vote_ballots_township_idx').on('vote_ballots').columns(['township_id', 'vote_id']).execute();

  await db.schema
    .createTable('motions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('congress_sessions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('lead_deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', t.instant)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('motions_session_idx').on('motions').columns(['township_id', 'session_id']).execute();
  await db.schema.createIndex('motions_state_idx').on('motions').columns(['township_id', 'state']).execute();

  await db.schema
    .createTable('motion_signers')
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
    .addColumn('is_lead', t.bool, (c) => c.notNull().defaultTo(false_))
    .addColumn('confirmed_at', t.instant)
    .addColumn('confirmation', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('motion_signers_pk', ['motion_id', 'deputy_id'])
    .execute();
  await db.schema.createIndex('motion_signers_township_idx').on('motion_signers').columns(['township_id', 'deputy_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
