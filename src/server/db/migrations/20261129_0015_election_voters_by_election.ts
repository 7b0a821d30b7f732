import type { Kysely } from 'kysely';

/**
 * A village's roll read by its election (the list in order, its count, the next number): the
 * existing index leads with township_id, which those queries do not give, so on the province set
 * (1.3 million voters) the year facts counted a township's voters with a parallel sequential scan
 * of every roll (180 ms). Found with bench/county-explain.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('election_voters_election_seq_idx').on('election_voters').columns(['election_id', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
