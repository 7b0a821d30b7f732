/**
 * Counting a village committee election (村民委员会选举计票), under 村民委员会组织法
 * (2018-12-29 revision) 第6条, 第15条.
 *
 * - The election is valid only if more than half of the registered voters cast a ballot
 *   (选举村民委员会，有登记参加选举的村民过半数投票，选举有效).
 * - A candidate is elected with more than half of the ballots cast
 *   (候选人获得参加投票的村民过半数的选票，始得当选).
 * - Seats left unfilled go to a further round (另行选举) among the highest losers: most votes
 *   wins, but not with fewer than one third of the ballots cast (不得少于已投选票数的三分之一).
 *
 * Provincial election measures (一法两办法) add details (e.g. how many candidates stand in
 * the further round, the woman-member rule); those are reported, not enforced, here.
 */

import type { Gender } from './resident-id.js';

/** Village committee offices (职务): 主任, 副主任, 委员. */
export type VillageOffice = 'chair' | 'vice_chair' | 'member';

/** Seats of one office on the ballot. */
export interface SeatSpec {
  readonly office: VillageOffice;
  readonly count: number;
}

/** A candidate and the votes received (候选人得票). */
export interface ElectionCandidate {
  readonly id: string;
  readonly votes: number;
  readonly gender: Gender;
  /** Office stood for; required when seats are given per office. */
  readonly office?: VillageOffice;
}

/** Input of {@link tallyElection}. */
export interface ElectionInput {
  /** Registered voters (登记参加选举的村民). */
  readonly registeredVoters: number;
  /** Ballots cast (参加投票 / 收回选票). */
  readonly ballotsCast: number;
  /** Valid ballots (有效票), if counted separately; must not exceed ballotsCast. */
  readonly ballotsValid?: number;
  /**
   * Seats to fill: a single number when all candidates compete in one pool, or per office
   * (主任 1, 副主任 1-2, 委员 n). Candidates are then grouped by their `office`.
   */
  readonly seats: number | readonly SeatSpec[];
  readonly candidates: readonly ElectionCandidate[];
}

/** Candidate with votes, as reported in results. */
export interface CandidateVotes {
  readonly id: string;
  readonly votes: number;
}

/** Candidates tied at the cut for the last seat(s): a run-off among them is needed. */
export interface SeatTie {
  readonly candidateIds: string[];
  readonly votes: number;
  /** Seats the tied candidates compete for. */
  readonly seats: number;
}

/** Result for one office (or the single pool when `office` is null). */
export interface OfficeTally {
  readonly office: VillageOffice | null;
  readonly seats: number;
  /** Elected in this round, highest votes first. */
  readonly elected: CandidateVotes[];
  /** Tie at the cut among candidates that all passed the majority, or null. */
  readonly tie: SeatTie | null;
  /** Seats going to 另行选举 (excluding tied seats). */
  readonly unfilledSeats: number;
  /**
   * Not elected and not in the tie, highest votes first: the pool from which the further
   * round's candidates are drawn (得票多的人).
   */
  readonly runoffPool: CandidateVotes[];
}

/** Stable error codes of {@link tallyElection} (inconsistent input). */
export type ElectionInputError =
  | 'registered_invalid'
  | 'ballots_cast_invalid'
  | 'ballots_valid_invalid'
  | 'ballots_exceed_registered'
  | 'ballots_valid_exceed_cast'
  | 'seats_invalid'
  | 'candidate_votes_invalid'
  | 'candidate_votes_exceed_ballots'
  | 'duplicate_candidate'
  | 'candidate_office_missing'
  | 'candidate_office_not_on_ballot';

/** Non-blocking observations of {@link tallyElection}. */
export type ElectionWarning = 'no_woman_elected';

/** Result of {@link tallyElection}. */
export interface ElectionTally {
  /** False when the input is inconsistent or turnout is not more than half. */
  readonly valid: boolean;
  readonly turnoutMet: boolean;
  /** Minimum ballots cast for a valid election: floor(registered / 2) + 1. */
  readonly turnoutThreshold: number;
  /** Minimum votes to be elected: floor(ballotsCast / 2) + 1. */
  readonly winThreshold: number;
  readonly offices: OfficeTally[];
  /** Ids of all elected candidates (all offices). */
  readonly elected: string[];
  /** Total seats going to 另行选举, over all offices. */
  readonly unfilledSeats: number;
  /** True when any office has a tie at the cut. */
  readonly runoffNeeded: boolean;
  readonly errors: ElectionInputError[];
  readonly warnings: ElectionWarning[];
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Minimum ballots cast for a valid village election (选举有效): more than half of the
 * registered voters (村民委员会组织法 第15条) = floor(registered / 2) + 1.
 */
export function electionTurnoutThreshold(registeredVoters: number): number {
  if (!isCount(registeredVoters)) throw new RangeError(`registeredVoters must be a non-negative integer`);
  return Math.floor(registeredVoters / 2) + 1;
}

/**
 * Minimum votes for a candidate to be elected in the first round (当选票数): more than half
 * of the ballots cast (村民委员会组织法 第15条) = floor(ballotsCast / 2) + 1.
 */
export function electionWinThreshold(ballotsCast: number): number {
  if (!isCount(ballotsCast)) throw new RangeError(`ballotsCast must be a non-negative integer`);
  return Math.floor(ballotsCast / 2) + 1;
}

/**
 * Minimum votes to win a further round (另行选举当选票数): not fewer than one third of the
 * ballots cast (不得少于已投选票数的三分之一, 村民委员会组织法 第15条) = ceil(ballotsCast / 3).
 * Exactly one third is enough.
 */
export function runoffMinimumVotes(ballotsCast: number): number {
  if (!isCount(ballotsCast)) throw new RangeError(`ballotsCast must be a non-negative integer`);
  return Math.ceil(ballotsCast / 3);
}

const byVotesDesc = (a: CandidateVotes, b: CandidateVotes): number => b.votes - a.votes;

interface CutResult {
  elected: CandidateVotes[];
  tie: SeatTie | null;
  rest: CandidateVotes[];
}

/**
 * Fills `seats` from candidates who reached `minVotes`, highest first; a tie across the
 * cut becomes a SeatTie (all candidates with the cut vote count compete for the seats left).
 */
function fillSeats(candidates: readonly CandidateVotes[], seats: number, minVotes: number): CutResult {
  const sorted = [...candidates].sort(byVotesDesc);
  const qualified = sorted.filter((c) => c.votes >= minVotes);
  const notQualified = sorted.filter((c) => c.votes < minVotes);
  if (qualified.length <= seats) {
    return { elected: qualified, tie: null, rest: notQualified };
  }
  const cutVotes = (qualified[seats - 1] as CandidateVotes | undefined)?.votes;
  const next = qualified[seats] as CandidateVotes;
  if (seats === 0 || cutVotes !== next.votes) {
    return { elected: qualified.slice(0, seats), tie: null, rest: [...qualified.slice(seats), ...notQualified] };
  }
  const above = qualified.filter((c) => c.votes > next.votes);
  const tied = qualified.filter((c) => c.votes === next.votes);
  const below = qualified.filter((c) => c.votes < next.votes);
  return {
    elected: above,
    tie: { candidateIds: tied.map((c) => c.id), votes: next.votes, seats: seats - above.length },
    rest: [...below, ...notQualified],
  };
}

/**
 * Counts a village committee election (村委会选举计票, 村民委员会组织法 第15条): checks
 * turnout (more than half of registered voters), elects candidates with more than half of
 * the ballots cast, highest first when more pass than there are seats (a tie at the cut is
 * reported for a run-off), and reports unfilled seats for 另行选举 with the pool of
 * highest losers. With seats per office, each office is counted separately.
 * Never throws on bad counts: inconsistencies are returned as `errors` with `valid: false`.
 */
export function tallyElection(input: ElectionInput): ElectionTally {
  const errors: ElectionInputError[] = [];
  const push = (e: ElectionInputError): void => {
    if (!errors.includes(e)) errors.push(e);
  };
  if (!isCount(input.registeredVoters)) push('registered_invalid');
  if (!isCount(input.ballotsCast)) push('ballots_cast_invalid');
  if (input.ballotsValid !== undefined && !isCount(input.ballotsValid)) push('ballots_valid_invalid');
  if (errors.length === 0 && input.ballotsCast > input.registeredVoters) push('ballots_exceed_registered');
  if (isCount(input.ballotsCast) && input.ballotsValid !== undefined && isCount(input.ballotsValid)) {
    if (input.ballotsValid > input.ballotsCast) push('ballots_valid_exceed_cast');
  }

  const seatSpecs: { office: VillageOffice | null; count: number }[] =
    typeof input.seats === 'number' ? [{ office: null, count: input.seats }] : input.seats.map((s) => ({ ...s }));
  if (seatSpecs.length === 0 || seatSpecs.some((s) => !Number.isInteger(s.count) || s.count < 1)) push('seats_invalid');
  const offices = seatSpecs.map((s) => s.office);
  if (new Set(offices).size !== offices.length) push('seats_invalid');

  const maxVotes = input.ballotsValid ?? input.ballotsCast;
  const ids = new Set<string>();
  for (const c of input.candidates) {
    if (ids.has(c.id)) push('duplicate_candidate');
    ids.add(c.id);
    if (!isCount(c.votes)) push('candidate_votes_invalid');
    else if (isCount(maxVotes) && c.votes > maxVotes) push('candidate_votes_exceed_ballots');
    if (typeof input.seats !== 'number') {
      if (c.office === undefined) push('candidate_office_missing');
      else if (!offices.includes(c.office)) push('candidate_office_not_on_ballot');
    }
  }

  const countsOk = isCount(input.registeredVoters) && isCount(input.ballotsCast);
  const turnoutThreshold = isCount(input.registeredVoters) ? electionTurnoutThreshold(input.registeredVoters) : Number.NaN;
  const winThreshold = isCount(input.ballotsCast) ? electionWinThreshold(input.ballotsCast) : Number.NaN;
  const turnoutMet = countsOk && input.ballotsCast >= turnoutThreshold;
  const valid = errors.length === 0 && turnoutMet;

  const officeTallies: OfficeTally[] = seatSpecs.map((spec) => {
    const pool = input.candidates
      .filter((c) => spec.office === null || c.office === spec.office)
      .map((c) => ({ id: c.id, votes: c.votes }));
    if (!valid) {
      return {
        office: spec.office,
        seats: spec.count,
        elected: [],
        tie: null,
        unfilledSeats: 0,
        runoffPool: [],
      };
    }
    const cut = fillSeats(pool, spec.count, winThreshold);
    const tiedSeats = cut.tie?.seats ?? 0;
    return {
      office: spec.office,
      seats: spec.count,
      elected: cut.elected,
      tie: cut.tie,
      unfilledSeats: spec.count - cut.elected.length - tiedSeats,
      runoffPool: cut.rest,
    };
  });

  const elected = officeTallies.flatMap((o) => o.elected.map((c) => c.id));
  const unfilledSeats = officeTallies.reduce((sum, o) => sum + o.unfilledSeats, 0);
  const runoffNeeded = officeTallies.some((o) => o.tie !== null);
  const warnings: ElectionWarning[] = [];
  if (valid && unfilledSeats === 0 && !runoffNeeded) {
    const women = input.candidates.filter((c) => c.gender === 'female' && elected.includes(c.id));
    if (women.length === 0) warnings.push('no_woman_elected');
  }
  return {
    valid,
    turnoutMet,
    turnoutThreshold,
    winThreshold,
    offices: officeTallies,
    elected,
    unfilledSeats,
    runoffNeeded,
    errors,
    warnings,
  };
}

/** Input of {@link tallyRunoff}. */
export interface RunoffInput {
  /** Ballots cast in the further round (已投选票数). */
  readonly ballotsCast: number;
  readonly candidates: readonly CandidateVotes[];
  /** Seats still to fill. */
  readonly seats: number;
}

/** Result of {@link tallyRunoff}. */
export interface RunoffTally {
  /** Minimum votes: ceil(ballotsCast / 3). */
  readonly minimumVotes: number;
  readonly elected: CandidateVotes[];
  readonly tie: SeatTie | null;
  readonly unfilledSeats: number;
}

/**
 * Counts a further round (另行选举计票, 村民委员会组织法 第15条): the candidates with the most
 * votes win, provided each has at least one third of the ballots cast (exactly 1/3 is
 * enough). A tie at the cut is reported; seats still empty are `unfilledSeats`.
 * Throws a RangeError on invalid counts.
 */
export function tallyRunoff(input: RunoffInput): RunoffTally {
  if (!isCount(input.ballotsCast)) throw new RangeError('ballotsCast must be a non-negative integer');
  if (!Number.isInteger(input.seats) || input.seats < 1) throw new RangeError('seats must be a positive integer');
  for (const c of input.candidates) {
    if (!isCount(c.votes) || c.votes > input.ballotsCast) {
      throw new RangeError(`Invalid votes for candidate ${c.id}: ${c.votes}`);
    }
  }
  const minimumVotes = runoffMinimumVotes(input.ballotsCast);
  // With no ballots nobody can win: require at least one vote.
  const cut = fillSeats(input.candidates, input.seats, Math.max(1, minimumVotes));
  const tiedSeats = cut.tie?.seats ?? 0;
  return {
    minimumVotes,
    elected: cut.elected,
    tie: cut.tie,
    unfilledSeats: input.seats - cut.elected.length - tiedSeats,
  };
}

/** Stable problem codes of {@link checkCommitteeComposition}. */
export type CompositionProblem = 'too_few_members' | 'too_many_members' | 'no_woman' | 'no_chair' | 'multiple_chairs';

/** Minimum and maximum village committee size (村民委员会组成, 第6条). */
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

/** Problem codes of {@link checkCandidatesOutnumberSeats}: 'not_competitive' or 'not_competitive:<office>'. */
export type CompetitionProblem = 'not_competitive' | `not_competitive:${VillageOffice}`;

/**
 * Checks competitive candidacy (差额选举, 村民委员会组织法 第15条: 候选人名额应当多于应选名额).
 * `candidates` is a count or a list; `seats` a number (one pool) or per office, in which
 * case candidates are counted per office. Returns problem codes; empty = fine.
 */
export function checkCandidatesOutnumberSeats(
  candidates: number | readonly { readonly office?: VillageOffice }[],
  seats: number | readonly SeatSpec[],
): CompetitionProblem[] {
  if (typeof seats === 'number') {
    const n = typeof candidates === 'number' ? candidates : candidates.length;
    return n > seats ? [] : ['not_competitive'];
  }
  if (typeof candidates === 'number') {
    const total = seats.reduce((sum, s) => sum + s.count, 0);
    return candidates > total ? [] : ['not_competitive'];
  }
  const problems: CompetitionProblem[] = [];
  for (const s of seats) {
    const n = candidates.filter((c) => c.office === s.office).length;
    if (n <= s.count) problems.push(`not_competitive:${s.office}`);
  }
  return problems;
}
