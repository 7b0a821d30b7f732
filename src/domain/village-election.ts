/**
 * Counting a village committee election (村民委员会选举计票), under 村民委员会组织法
 * (2018-12-29 revision) 第6条, 第15条.
 *
 * - The election is valid only if more than half of the registered voters cast a ballot
 *   (有登记参加选举的村民过半数投票，选举有效): exactly half is not enough.
 * - A candidate is elected with more than half of the ballots cast
 *   (获得参加投票的村民过半数的选票，始得当选): exactly half is not enough.
 * - Seats left unfilled go to a further round (另行选举) among the highest losers: most votes
 *   wins, but not with fewer than one third of the ballots cast (不得少于已投选票数的三分之一):
 *   exactly one third is enough.
 * - A tie at the last seat is reported (`tied`), never decided here: the seats it blocks stay
 *   unfilled and go to 另行选举 among the tied candidates.
 *
 * Invalid input (negative or fractional counts, votes above the ballots cast, seats < 1, ballots
 * cast above the registered voters, a candidate listed twice) throws an Error naming the problem.
 */

import type { Gender } from './resident-id.js';

/** Village committee offices (职务): 主任, 副主任, 委员. */
export type VillageOffice = 'chair' | 'vice_chair' | 'member';

/** A candidate's votes in one count. */
export interface CandidateVotes {
  readonly id: string;
  readonly votes: number;
}

/** Input of {@link firstRound} and {@link runoff}: one office (or one pool) of one ballot. */
export interface CountInput {
  /** Ballots cast (参加投票的选票数 / 已投选票数). */
  readonly cast: number;
  /** Seats to fill. */
  readonly seats: number;
  readonly candidates: readonly CandidateVotes[];
}

/** Result of a count: who is elected, who is tied at the last seat, how many seats remain. */
export interface CountResult {
  /** Elected, highest votes first. */
  elected: string[];
  /** Candidates tied at the last seat(s), all with the same votes: not decided here. */
  tied: string[];
  /** Seats not filled by this count, including the seats the tie blocks: they go to 另行选举. */
  unfilled: number;
}

function assertCount(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${String(value)}`);
  if (value < 0) throw new Error(`${name} must not be negative, got ${value}`);
}

function assertInput(input: CountInput): void {
  assertCount(input.cast, 'cast');
  if (typeof input.seats !== 'number' || !Number.isInteger(input.seats)) throw new Error(`seats must be an integer, got ${String(input.seats)}`);
  if (input.seats < 1) throw new Error(`seats must be at least 1, got ${input.seats}`);
  const ids = new Set<string>();
  for (const c of input.candidates) {
    if (ids.has(c.id)) throw new Error(`candidate ${c.id} is listed twice`);
    ids.add(c.id);
    assertCount(c.votes, `votes of candidate ${c.id}`);
    if (c.votes > input.cast) throw new Error(`votes of candidate ${c.id} (${c.votes}) exceed the ballots cast (${input.cast})`);
  }
}

/**
 * Turnout check (选举有效, 村民委员会组织法 第15条): true when more than half of the registered
 * voters cast a ballot. 1000 registered: 500 cast is not valid, 501 is.
 */
export function isElectionValid(input: { readonly registered: number; readonly cast: number }): boolean {
  assertCount(input.registered, 'registered');
  assertCount(input.cast, 'cast');
  if (input.cast > input.registered) throw new Error(`cast (${input.cast}) exceeds registered (${input.registered})`);
  return input.cast * 2 > input.registered;
}

/** Fewest ballots for a valid election: floor(registered / 2) + 1 (第15条). */
export function electionTurnoutThreshold(registered: number): number {
  assertCount(registered, 'registered');
  return Math.floor(registered / 2) + 1;
}

/** Fewest votes to be elected in the first round: floor(cast / 2) + 1 (第15条). */
export function electionWinThreshold(cast: number): number {
  assertCount(cast, 'cast');
  return Math.floor(cast / 2) + 1;
}

/** Fewest votes to win 另行选举: ceil(cast / 3), exactly one third is enough (第15条); at least 1. */
export function runoffMinimumVotes(cast: number): number {
  assertCount(cast, 'cast');
  return Math.max(1, Math.ceil(cast / 3));
}

/** Fills `seats` from the qualified candidates, highest first; a tie across the cut is reported, not decided. */
function fillSeats(candidates: readonly CandidateVotes[], seats: number, qualifies: (votes: number) => boolean): CountResult {
  const qualified = candidates.filter((c) => qualifies(c.votes)).sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id));
  if (qualified.length <= seats) return { elected: qualified.map((c) => c.id), tied: [], unfilled: seats - qualified.length };
  const cut = qualified[seats - 1]!.votes;
  if (qualified[seats]!.votes !== cut) {
    return { elected: qualified.slice(0, seats).map((c) => c.id), tied: [], unfilled: 0 };
  }
  const elected = qualified.filter((c) => c.votes > cut).map((c) => c.id);
  const tied = qualified.filter((c) => c.votes === cut).map((c) => c.id);
  return { elected, tied, unfilled: seats - elected.length };
}

/**
 * First-round count of one office (选举计票, 村民委员会组织法 第15条): candidates with more than
 * half of the ballots cast are elected, highest first; a tie at the last seat is reported in
 * `tied` and its seats counted as `unfilled`. The caller checks turnout with {@link isElectionValid}.
 */
export function firstRound(input: CountInput): CountResult {
  assertInput(input);
  return fillSeats(input.candidates, input.seats, (votes) => votes * 2 > input.cast);
}

/**
 * Further round (另行选举, 村民委员会组织法 第15条): the most votes win, but never with fewer than
 * one third of the ballots cast (exactly one third is enough; with no ballots nobody wins).
 */
export function runoff(input: CountInput): CountResult {
  assertInput(input);
  return fillSeats(input.candidates, input.seats, (votes) => votes > 0 && votes * 3 >= input.cast);
}

/**
 * The candidates of 另行选举 (另行选举候选人): everyone tied at the last seat, then the highest
 * losers, until `seats + extra` candidates stand (the round's setting; the default extra is 1).
 * Candidates tied with the last one taken are all kept, since nothing may decide between them.
 */
export function runoffCandidates(
  candidates: readonly CandidateVotes[],
  result: CountResult,
  extra: number,
): string[] {
  if (result.unfilled < 1) return [];
  const wanted = result.unfilled + Math.max(0, extra);
  const pool = candidates.filter((c) => !result.elected.includes(c.id)).sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id));
  const picked = pool.filter((c) => result.tied.includes(c.id));
  const rest = pool.filter((c) => !result.tied.includes(c.id));
  for (const c of rest) {
    if (picked.length < wanted || c.votes === picked[picked.length - 1]?.votes) picked.push(c);
    else break;
  }
  return picked.map((c) => c.id);
}

/** Stable problem codes of {@link checkCommitteeComposition}. */
export type CompositionProblem = 'too_few_members' | 'too_many_members' | 'no_woman' | 'no_chair' | 'multiple_chairs';

/** Minimum village committee size (村民委员会组成, 第6条). */
export const COMMITTEE_MIN_MEMBERS = 3;
/** Maximum village committee size (村民委员会组织法 第6条). */
export const COMMITTEE_MAX_MEMBERS = 7;

/**
 * Checks a village committee's composition (村民委员会组成, 村民委员会组织法 第6条):
 * 3 to 7 members in all (主任, 副主任, 委员), at least one woman (妇女应当有适当的名额).
 * When offices are given, exactly one 主任 is expected. Returns problem codes; empty = fine.
 */
export function checkCommitteeComposition(committee: {
  readonly members: readonly { readonly gender: Gender; readonly office?: VillageOffice }[];
}): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  const n = committee.members.length;
  if (n < COMMITTEE_MIN_MEMBERS) problems.push('too_few_members');
  if (n > COMMITTEE_MAX_MEMBERS) problems.push('too_many_members');
  if (!committee.members.some((m) => m.gender === 'female')) problems.push('no_woman');
  if (committee.members.some((m) => m.office !== undefined)) {
    const chairs = committee.members.filter((m) => m.office === 'chair').length;
    if (chairs === 0) problems.push('no_chair');
    if (chairs > 1) problems.push('multiple_chairs');
  }
  return problems;
}

/** Seats of one office on the ballot. */
export interface SeatSpec {
  readonly office: VillageOffice;
  readonly count: number;
}

/** Problem codes of {@link checkCandidatesOutnumberSeats}: 'not_competitive:<office>'. */
export type CompetitionProblem = `not_competitive:${VillageOffice}`;

/**
 * Checks competitive candidacy per office (差额选举, 村民委员会组织法 第15条: 候选人名额应当多于
 * 应选名额). Offices with no seats are skipped. Returns problem codes; empty = fine.
 */
export function checkCandidatesOutnumberSeats(
  candidates: readonly { readonly office: VillageOffice }[],
  seats: readonly SeatSpec[],
): CompetitionProblem[] {
  const problems: CompetitionProblem[] = [];
  for (const s of seats) {
    if (s.count < 1) continue;
    const n = candidates.filter((c) => c.office === s.office).length;
    if (n <= s.count) problems.push(`not_competitive:${s.office}`);
  }
  return problems;
}
