import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-helpers.js';

/**
 * Village committee elections (村委会换届选举, 村民委员会组织法): the township's round with its
 * guidance group and training sessions, one election per village with its procedure calendar,
 * voter roll (身份证号 sealed, a keyed index unique per round so nobody is registered twice in
 * the township), proxies (委托投票), candidates per office, the double-entered tally per ballot
 * box, and the accepted box counts from which the result is computed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('election_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('term_years', 'integer', (c) => c.notNull())
    .addColumn('profile_key', 'text', (c) => c.notNull())
    .addColumn('planned_vote_day', t.day, (c) => c.notNull())
    // 另行选举 candidates = unfilled seats + this number (default 1).
    .addColumn('runoff_extra_candidates', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('election_rounds_township_idx').on('election_rounds').columns(['township_id', 'year']).execute();

  await db.schema
    .createTable('election_guidance_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('election_rounds.id'))
    .addColumn('deputy_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_guidance_round_idx').on('election_guidance_members').columns(['township_id', 'round_id']).execute();

  await db.schema
    .createTable('election_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('election_rounds.id'))
    .addColumn('held_on', t.day, (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('election_trainings_round_idx').on('election_trainings').columns(['township_id', 'round_id']).execute();

  await db.schema
    .createTable('election_training_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('training_id', 'text', (c) => c.notNull().references('election_trainings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text')
    .addColumn('duty', 'text')
    .execute();
  await db.schema.createIndex('election_training_attendees_idx').on('election_training_attendees').columns(['township_id', 'training_id']).execute();

  await db.schema
    .createTable('village_elections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('election_rounds.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('seats_chair', 'integer', (c) => c.notNull())
    .addColumn('seats_vice_chair', 'integer', (c) => c.notNull())
    .addColumn('seats_member', 'integer', (c) => c.notNull())
    .addColumn('ballot_boxes', 'integer', (c) => c.notNull())
    // pending → runoff_needed → done, or invalid (turnout not more than half).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('registered_frozen', 'integer')
    .addColumn('first_cast', 'integer')
    .addColumn('first_counted_at', t.instant)
    .addColumn('runoff_cast', 'integer')
    .addColumn('runoff_counted_at', t.instant)
    .addColumn('completed_on', t.day)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('village_elections_round_village_uq').on('village_elections').columns(['round_id', 'village_id']).unique().execute();
  await db.schema.createIndex('village_elections_township_idx').on('village_elections').columns(['township_id', 'round_id']).execute();

  await db.schema
    .createTable('election_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('planned_on', t.day)
    .addColumn('done_on', t.day)
    .addColumn('note', 'text')
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_steps_uq').on('election_steps').columns(['election_id', 'step_key']).unique().execute();

  await db.schema
    .createTable('election_voters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('election_rounds.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', t.day, (c) => c.notNull())
    .addColumn('id_number_sealed', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('villager_group', 'text', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  // Never registered in two places (第13条): one person once per round across the township.
  await db.schema.createIndex('election_voters_person_uq').on('election_voters').columns(['round_id', 'id_number_index']).unique().execute();
  await db.schema.createIndex('election_voters_election_idx').on('election_voters').columns(['township_id', 'election_id', 'seq']).execute();

  await db.schema
    .createTable('election_proxies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('principal_voter_id', 'text', (c) => c.notNull().references('election_voters.id'))
    .addColumn('proxy_voter_id', 'text', (c) => c.notNull().references('election_voters.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_proxies_principal_uq').on('election_proxies').columns(['principal_voter_id']).unique().execute();
  await db.schema.createIndex('election_proxies_election_idx').on('election_proxies').columns(['township_id', 'election_id']).execute();

  await db.schema
    .createTable('election_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('first_votes', 'integer')
    .addColumn('is_runoff_candidate', t.bool, (c) => c.notNull())
    .addColumn('runoff_votes', 'integer')
    // null, 'first' or 'runoff': the round in which the candidate was elected.
    .addColumn('elected_in', 'text')
    .addColumn('is_tied', t.bool, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('archived_at', t.instant)
    .execute();
  await db.schema.createIndex('election_candidates_election_idx').on('election_candidates').columns(['township_id', 'election_id']).execute();

  await db.schema
    .createTable('election_tally_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('box_no', 'integer', (c) => c.notNull())
    .addColumn('entry_no', 'integer', (c) => c.notNull())
    .addColumn('clerk_user_id', 'text', (c) => c.notNull())
    .addColumn('clerk_name', 'text', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('returned', 'integer', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('votes_json', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_tally_entries_uq').on('election_tally_entries').columns(['election_id', 'round', 'box_no', 'entry_no']).unique().execute();

  await db.schema
    .createTable('election_box_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
    .addColumn('election_id', 'text', (c) => c.notNull().references('village_elections.id'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('box_no', 'integer', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('returned', 'integer', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('votes_json', t.json, (c) => c.notNull())
    // 'matched' (both entries agreed) or 'resolved' (a mismatch settled by resolved_by).
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('election_box_counts_uq').on('election_box_counts').columns(['election_id', 'round', 'box_no']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
