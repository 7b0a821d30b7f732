import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import type { ElectionDetail } from './elections.presenter.js';
import * as repo from './elections.repository.js';
import { calendarOf, competitionProblems, loadElection, profileOf } from './elections.service.js';
import { resultOf, tallyView } from './elections.tally.js';

/** Everything the village election page shows: calendar, roll summary, candidates, both tallies, the result. */
export async function getElection(db: Kysely<DB>, actor: Actor, id: string): Promise<ElectionDetail> {
  const election = await loadElection(db, actor, id);
  const round = (await repo.findRoundInScope(db, election.round_id, [election.township_id]))!;
  const [villages, voters, steps, candidates, first] = await Promise.all([
    repo.villagesOf(db, election.township_id), repo.listVoters(db, id), calendarOf(db, round, id), repo.listCandidates(db, [id]), tallyView(db, election, 'first'),
  ]);
  const runoffTally = election.state === 'runoff_needed' || election.runoff_counted_at ? await tallyView(db, election, 'runoff') : null;
  return {
    election, round, profile: profileOf(round), villageName: villages.find((v) => v.id === election.village_id)?.name ?? '', voters, steps, candidates,
    notCompetitive: competitionProblems(election, candidates), first, runoff: runoffTally, result: resultOf(election, candidates, voters.length),
  };
}
