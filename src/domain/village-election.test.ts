import { describe, expect, it } from 'vitest';
import {
  checkCandidatesOutnumberSeats,
  checkCommitteeComposition,
  electionTurnoutThreshold,
  electionWinThreshold,
  runoffMinimumVotes,
  tallyElection,
  tallyRunoff,
  type ElectionCandidate,
} from './village-election.js';

const c = (id: string, votes: number, gender: 'male' | 'female' = 'male', office?: ElectionCandidate['office']): ElectionCandidate =>
  office === undefined ? { id, votes, gender } : { id, votes, gender, office };

describe('thresholds (第15条)', () => {
  it('turnout: more than half of registered voters', () => {
    expect(electionTurnoutThreshold(1000)).toBe(501);
    expect(electionTurnoutThreshold(1001)).toBe(501);
    expect(electionTurnoutThreshold(1)).toBe(1);
    expect(electionTurnoutThreshold(0)).toBe(1);
  });
  it('win: more than half of ballots cast', () => {
    expect(electionWinThreshold(600)).toBe(301);
    expect(electionWinThreshold(601)).toBe(301);
  });
  it('runoff: at least one third of ballots cast', () => {
    expect(runoffMinimumVotes(600)).toBe(200);
    expect(runoffMinimumVotes(601)).toBe(201);
    expect(runoffMinimumVotes(602)).toBe(201);
    expect(runoffMinimumVotes(603)).toBe(201);
    expect(runoffMinimumVotes(0)).toBe(0);
  });
  it('rejects invalid counts', () => {
    expect(() => electionTurnoutThreshold(-1)).toThrow(RangeError);
    expect(() => electionWinThreshold(1.5)).toThrow(RangeError);
    expect(() => runoffMinimumVotes(Number.NaN)).toThrow(RangeError);
  });
});

describe('tallyElection', () => {
  const candidates = [c('a', 400, 'female'), c('b', 350), c('c', 301), c('d', 300), c('e', 100)];

  it('exactly half of registered voters voting: election invalid', () => {
    const r = tallyElection({ registeredVoters: 1000, ballotsCast: 500, seats: 3, candidates });
    expect(r.valid).toBe(false);
    expect(r.turnoutMet).toBe(false);
    expect(r.turnoutThreshold).toBe(501);
    expect(r.errors).toEqual([]);
    expect(r.elected).toEqual([]);
    expect(r.unfilledSeats).toBe(0);
  });

  it('half + 1 voting: valid; exactly half of ballots is not elected', () => {
    const r = tallyElection({ registeredVoters: 1000, ballotsCast: 501, seats: 3, candidates: [c('a', 400, 'female'), c('b', 251), c('d', 250), c('e', 100)] });
    expect(r.valid).toBe(true);
    expect(r.winThreshold).toBe(251);
    expect(r.elected).toEqual(['a', 'b']);
    expect(r.unfilledSeats).toBe(1);
    expect(r.offices[0]?.runoffPool).toEqual([
      { id: 'd', votes: 250 },
      { id: 'e', votes: 100 },
    ]);
    expect(r.runoffNeeded).toBe(false);
  });

  it('candidate with exactly half of 600 ballots (300) is not elected; 301 is', () => {
    const r = tallyElection({ registeredVoters: 1000, ballotsCast: 600, seats: 3, candidates });
    expect(r.winThreshold).toBe(301);
    expect(r.elected).toEqual(['a', 'b', 'c']);
    expect(r.unfilledSeats).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('more majority winners than seats: top vote getters take the seats', () => {
    const r = tallyElection({
      registeredVoters: 800,
      ballotsCast: 700,
      seats: 2,
      candidates: [c('x', 360), c('y', 500, 'female'), c('z', 420), c('w', 100)],
    });
    expect(r.elected).toEqual(['y', 'z']);
    expect(r.offices[0]?.elected).toEqual([
      { id: 'y', votes: 500 },
      { id: 'z', votes: 420 },
    ]);
    expect(r.offices[0]?.runoffPool.map((p) => p.id)).toEqual(['x', 'w']);
    expect(r.offices[0]?.tie).toBeNull();
  });

  it('a tie at the cut among majority winners is reported for a run-off', () => {
    const r = tallyElection({
      registeredVoters: 800,
      ballotsCast: 700,
      seats: 2,
      candidates: [c('x', 400), c('y', 500, 'female'), c('z', 400), c('w', 100)],
    });
    expect(r.elected).toEqual(['y']);
    expect(r.offices[0]?.tie).toEqual({ candidateIds: ['x', 'z'], votes: 400, seats: 1 });
    expect(r.offices[0]?.unfilledSeats).toBe(0);
    expect(r.runoffNeeded).toBe(true);
    expect(r.offices[0]?.runoffPool.map((p) => p.id)).toEqual(['w']);
  });

  it('a three-way tie for two seats with nobody above', () => {
    const r = tallyElection({
      registeredVoters: 800,
      ballotsCast: 700,
      seats: 2,
      candidates: [c('x', 400), c('y', 400), c('z', 400)],
    });
    expect(r.elected).toEqual([]);
    expect(r.offices[0]?.tie).toEqual({ candidateIds: ['x', 'y', 'z'], votes: 400, seats: 2 });
  });

  it('a tie that fits within the seats is no tie', () => {
    const r = tallyElection({ registeredVoters: 800, ballotsCast: 700, seats: 3, candidates: [c('x', 400), c('y', 400), c('z', 200, 'female')] });
    expect(r.elected).toEqual(['x', 'y']);
    expect(r.offices[0]?.tie).toBeNull();
    expect(r.unfilledSeats).toBe(1);
  });

  it('counts each office separately', () => {
    const r = tallyElection({
      registeredVoters: 1200,
      ballotsCast: 1000,
      ballotsValid: 980,
      seats: [
        { office: 'chair', count: 1 },
        { office: 'vice_chair', count: 1 },
        { office: 'member', count: 3 },
      ],
      candidates: [
        c('chair1', 620, 'male', 'chair'),
        c('chair2', 360, 'male', 'chair'),
        c('vice1', 480, 'female', 'vice_chair'),
        c('vice2', 470, 'male', 'vice_chair'),
        c('m1', 700, 'female', 'member'),
        c('m2', 650, 'male', 'member'),
        c('m3', 500, 'male', 'member'),
        c('m4', 501, 'male', 'member'),
      ],
    });
    expect(r.valid).toBe(true);
    expect(r.winThreshold).toBe(501);
    expect(r.offices.map((o) => [o.office, o.elected.map((e) => e.id), o.unfilledSeats])).toEqual([
      ['chair', ['chair1'], 0],
      ['vice_chair', [], 1],
      ['member', ['m1', 'm2', 'm4'], 0],
    ]);
    expect(r.unfilledSeats).toBe(1);
    expect(r.offices[1]?.runoffPool.map((p) => p.id)).toEqual(['vice1', 'vice2']);
    expect(r.elected).toEqual(['chair1', 'm1', 'm2', 'm4']);
  });

  it('warns when all seats are filled without a woman', () => {
    const r = tallyElection({ registeredVoters: 100, ballotsCast: 80, seats: 3, candidates: [c('a', 60), c('b', 55), c('c', 50), c('d', 10, 'female')] });
    expect(r.elected).toEqual(['a', 'b', 'c']);
    expect(r.warnings).toEqual(['no_woman_elected']);
  });

  it('reports inconsistent input as errors and is invalid', () => {
    const base = { registeredVoters: 100, ballotsCast: 80, seats: 2, candidates: [c('a', 60), c('b', 50, 'female'), c('c', 10)] };
    expect(tallyElection({ ...base, ballotsCast: 101 }).errors).toEqual(['ballots_exceed_registered']);
    expect(tallyElection({ ...base, ballotsValid: 81 }).errors).toEqual(['ballots_valid_exceed_cast']);
    expect(tallyElection({ ...base, ballotsValid: 55 }).errors).toEqual(['candidate_votes_exceed_ballots']);
    expect(tallyElection({ ...base, registeredVoters: -1 }).errors).toEqual(['registered_invalid']);
    expect(tallyElection({ ...base, ballotsCast: 1.5 }).errors).toEqual(['ballots_cast_invalid']);
    expect(tallyElection({ ...base, ballotsValid: -2 }).errors).toEqual(['ballots_valid_invalid']);
    expect(tallyElection({ ...base, seats: 0 }).errors).toEqual(['seats_invalid']);
    expect(tallyElection({ ...base, seats: [] }).errors).toContain('seats_invalid');
    expect(
      tallyElection({ ...base, seats: [{ office: 'member', count: 1 }, { office: 'member', count: 1 }], candidates: [c('a', 60, 'male', 'member')] }).errors,
    ).toEqual(['seats_invalid']);
    expect(tallyElection({ ...base, candidates: [c('a', 60), c('a', 50)] }).errors).toEqual(['duplicate_candidate']);
    expect(tallyElection({ ...base, candidates: [c('a', -1)] }).errors).toEqual(['candidate_votes_invalid']);
    expect(tallyElection({ ...base, seats: [{ office: 'chair', count: 1 }] }).errors).toEqual(['candidate_office_missing']);
    expect(
      tallyElection({ ...base, seats: [{ office: 'chair', count: 1 }], candidates: [c('a', 60, 'male', 'member')] }).errors,
    ).toEqual(['candidate_office_not_on_ballot']);
    const bad = tallyElection({ ...base, ballotsCast: 101 });
    expect(bad.valid).toBe(false);
    expect(bad.elected).toEqual([]);
  });
});

describe('tallyRunoff (另行选举)', () => {
  it('exactly one third of ballots cast is enough; just below is not', () => {
    expect(tallyRunoff({ ballotsCast: 600, seats: 1, candidates: [{ id: 'a', votes: 200 }, { id: 'b', votes: 150 }] })).toEqual({
      minimumVotes: 200,
      elected: [{ id: 'a', votes: 200 }],
      tie: null,
      unfilledSeats: 0,
    });
    const below = tallyRunoff({ ballotsCast: 600, seats: 1, candidates: [{ id: 'a', votes: 199 }, { id: 'b', votes: 150 }] });
    expect(below.elected).toEqual([]);
    expect(below.unfilledSeats).toBe(1);
  });
  it('one third of a count not divisible by 3 rounds up', () => {
    expect(tallyRunoff({ ballotsCast: 601, seats: 1, candidates: [{ id: 'a', votes: 200 }] }).elected).toEqual([]);
    expect(tallyRunoff({ ballotsCast: 601, seats: 1, candidates: [{ id: 'a', votes: 201 }] }).elected).toEqual([{ id: 'a', votes: 201 }]);
  });
  it('most votes win, not a majority', () => {
    const r = tallyRunoff({
      ballotsCast: 900,
      seats: 2,
      candidates: [
        { id: 'a', votes: 300 },
        { id: 'b', votes: 420 },
        { id: 'c', votes: 310 },
      ],
    });
    expect(r.elected.map((e) => e.id)).toEqual(['b', 'c']);
    expect(r.unfilledSeats).toBe(0);
  });
  it('reports a tie at the cut', () => {
    const r = tallyRunoff({ ballotsCast: 600, seats: 1, candidates: [{ id: 'a', votes: 250 }, { id: 'b', votes: 250 }] });
    expect(r.elected).toEqual([]);
    expect(r.tie).toEqual({ candidateIds: ['a', 'b'], votes: 250, seats: 1 });
    expect(r.unfilledSeats).toBe(0);
  });
  it('nobody wins with zero ballots', () => {
    expect(tallyRunoff({ ballotsCast: 0, seats: 1, candidates: [{ id: 'a', votes: 0 }] }).elected).toEqual([]);
  });
  it('throws on invalid input', () => {
    expect(() => tallyRunoff({ ballotsCast: 100, seats: 0, candidates: [] })).toThrow(RangeError);
    expect(() => tallyRunoff({ ballotsCast: 100, seats: 1, candidates: [{ id: 'a', votes: 101 }] })).toThrow(RangeError);
    expect(() => tallyRunoff({ ballotsCast: -1, seats: 1, candidates: [] })).toThrow(RangeError);
  });
});

describe('checkCommitteeComposition (第6条)', () => {
  const m = (gender: 'male' | 'female', office?: 'chair' | 'vice_chair' | 'member') =>
    office === undefined ? { gender } : { gender, office };
  it('3 to 7 members with a woman is fine', () => {
    expect(checkCommitteeComposition({ members: [m('male'), m('female'), m('male')] })).toEqual([]);
    expect(checkCommitteeComposition({ members: Array.from({ length: 7 }, (_, i) => m(i === 0 ? 'female' : 'male')) })).toEqual([]);
  });
  it('too few, too many, no woman', () => {
    expect(checkCommitteeComposition({ members: [m('female'), m('male')] })).toEqual(['too_few_members']);
    expect(checkCommitteeComposition({ members: Array.from({ length: 8 }, () => m('female')) })).toEqual(['too_many_members']);
    expect(checkCommitteeComposition({ members: [m('male'), m('male'), m('male')] })).toEqual(['no_woman']);
    expect(checkCommitteeComposition({ members: [] })).toEqual(['too_few_members', 'no_woman']);
  });
  it('checks the chair when offices are given', () => {
    expect(checkCommitteeComposition({ members: [m('male', 'chair'), m('female', 'member'), m('male', 'member')] })).toEqual([]);
    expect(checkCommitteeComposition({ members: [m('male', 'vice_chair'), m('female', 'member'), m('male', 'member')] })).toEqual(['no_chair']);
    expect(checkCommitteeComposition({ members: [m('male', 'chair'), m('female', 'chair'), m('male', 'member')] })).toEqual(['multiple_chairs']);
  });
});

describe('checkCandidatesOutnumberSeats (差额, 第15条)', () => {
  it('one pool', () => {
    expect(checkCandidatesOutnumberSeats(4, 3)).toEqual([]);
    expect(checkCandidatesOutnumberSeats(3, 3)).toEqual(['not_competitive']);
    expect(checkCandidatesOutnumberSeats([{}, {}], 1)).toEqual([]);
  });
  it('per office', () => {
    const seats = [
      { office: 'chair' as const, count: 1 },
      { office: 'member' as const, count: 3 },
    ];
    expect(checkCandidatesOutnumberSeats(5, seats)).toEqual([]);
    expect(checkCandidatesOutnumberSeats(4, seats)).toEqual(['not_competitive']);
    const list = [{ office: 'chair' as const }, { office: 'chair' as const }, { office: 'member' as const }, { office: 'member' as const }, { office: 'member' as const }];
    expect(checkCandidatesOutnumberSeats(list, seats)).toEqual(['not_competitive:member']);
    expect(checkCandidatesOutnumberSeats([...list, { office: 'member' as const }], seats)).toEqual([]);
  });
});
