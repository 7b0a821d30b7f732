import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { tableExists } from './county.repository.js';

/**
 * Roll-ups of the modules that came after the county dashboard: village elections (换届选举) and
 * village disclosure (村务公开). Each panel says whether its tables exist in this database, so
 * the dashboard shows "no data" honestly instead of zeros when a module is not there.
 */
export interface ElectionRollup {
  township_id: string;
  /** Village elections in the year's rounds. */
  villages: number;
  done: number;
  runoffNeeded: number;
  invalid: number;
}

export interface DisclosureRollup {
  township_id: string;
  /** Villages and communities (not archived). */
  villages: number;
  /** Villages with at least one published 村务/财务公开 for a period ending in the year. */
  disclosed: number;
  /** Published disclosures (all versions still in force) for periods ending in the year. */
  published: number;
}

export interface ExtraRollups {
  elections: { available: boolean; rows: ElectionRollup[] };
  disclosure: { available: boolean; rows: DisclosureRollup[] };
}

const num = (v: unknown): number => Number(v ?? 0);

async function electionRollup(db: Kysely<DB>, ids: string[], year: number): Promise<ElectionRollup[]> {
  const rows = await db.selectFrom('village_elections as e').innerJoin('election_rounds as r', (j) => j.onRef('r.id', '=', 'e.round_id').onRef('r.township_id', '=', 'e.township_id'))
    .select((eb) => [
      'e.township_id', eb.fn.countAll().as('villages'),
      eb.fn.sum(eb.case().when('e.state', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum(eb.case().when('e.state', '=', 'runoff_needed').then(1).else(0).end()).as('runoff'),
      eb.fn.sum(eb.case().when('e.state', '=', 'invalid').then(1).else(0).end()).as('invalid'),
    ])
    .where('e.township_id', 'in', ids).where('r.year', '=', year).where('r.archived_at', 'is', null)
    .groupBy('e.township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, villages: num(r.villages), done: num(r.done), runoffNeeded: num(r.runoff), invalid: num(r.invalid) }));
}

async function disclosureRollup(db: Kysely<DB>, ids: string[], year: number): Promise<DisclosureRollup[]> {
  const [villages, published] = await Promise.all([
    db.selectFrom('villages').select((eb) => ['township_id', eb.fn.countAll().as('n')])
      .where('township_id', 'in', ids).where('archived_at', 'is', null).groupBy('township_id').execute(),
    db.selectFrom('village_disclosures')
      .select((eb) => ['township_id', eb.fn.count('village_id').distinct().as('disclosed'), eb.fn.countAll().as('published')])
      .where('township_id', 'in', ids).where('status', '=', 'published')
      .where('period_end', '>=', `${year}-01-01`).where('period_end', '<=', `${year}-12-31`)
      .groupBy('township_id').execute(),
  ]);
  const pub = new Map(published.map((p) => [p.township_id, p]));
  return villages.map((v) => ({
    township_id: v.township_id, villages: num(v.n), disclosed: num(pub.get(v.township_id)?.disclosed), published: num(pub.get(v.township_id)?.published),
  }));
}

export async function extraRollups(db: Kysely<DB>, ids: string[], year: number): Promise<ExtraRollups> {
  const [hasElections, hasDisclosure] = await Promise.all([
    tableExists(db, 'village_elections').then(async (a) => a && tableExists(db, 'election_rounds')),
    tableExists(db, 'village_disclosures'),
  ]);
  return {
    elections: { available: hasElections, rows: hasElections && ids.length ? await electionRollup(db, ids, year) : [] },
    disclosure: { available: hasDisclosure, rows: hasDisclosure && ids.length ? await disclosureRollup(db, ids, year) : [] },
  };
}
