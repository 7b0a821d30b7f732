import { describe, expect, it } from 'vitest';
import {
  checkCandidatesOutnumberSeats, checkCommitteeComposition, electionTurnoutThreshold, electionWinThreshold, firstRound,
  isElectionValid, runoff, runoffCandidates, runoffMinimumVotes,
} from './village-election.js';

const c = (id: string, votes: number) => ({ id, votes });

describe('isElectionValid (第15条: more than half of registered voters)', () => {
  it('exactly half is not valid, one more is', () => {
    expect(isElectionValid({ registered: 1000, cast: 500 })).toBe(false);
    expect(isElectionValid({ registered: 1000, cast: 501 })).toBe(true);
    expect(isElectionValid({ registered: 1001, cast: 500 })).toBe(false);
    expect(isElectionValid({ registered: 1001, cast: 501 })).toBe(true);
    expect(isElectionValid({ registered: 0, cast: 0 })).toBe(false);
    expect(electionTurnoutThreshold(1000)).toBe(501);
  });
  it('throws on invalid input, naming it', () => {
    expect(() => isElectionValid({ registered: -1, cast: 0 })).toThrow(/registered must not be negative/);
    expect(() => isElectionValid({ registered: 10, cast: -1 })).toThrow(/cast must not be negative/);
    expect(() => isElectionValid({ registered: 10, cast: 11 })).toThrow(/exceeds registered/);
    expect(() => isElectionValid({ registered: 10.5, cast: 1 })).toThrow(/registered must be an integer/);
  });
});

describe('firstRound (第15条: more than half of the ballots cast)', () => {
  it('exactly half of the ballots is not elected; one more is', () => {
    expect(firstRound({ cast: 600, seats: 1, candidates: [c('a', 300), c('b', 290)] })).toEqual({ elected: [], tied: [], unfilled: 1 });
    expect(firstRound({ cast: 600, seats: 1, candidates: [c('a', 301), c('b', 290)] })).toEqual({ elected: ['a'], tied: [], unfilled: 0 });
    expect(firstRound({ cast: 601, seats: 1, candidates: [c('a', 301)] })).toEqual({ elected: ['a'], tied: [], unfilled: 0 });
    expect(firstRound({ cast: 601, seats: 1, candidates: [c('a', 300)] }).elected).toEqual([]);
    expect(electionWinThreshold(600)).toBe(301);
  });
  it('more passing than seats: highest first', () => {
    const r = firstRound({ cast: 100, seats: 2, candidates: [c('a', 60), c('b', 80), c('c', 70)] });
    expect(r).toEqual({ elected: ['b', 'c'], tied: [], unfilled: 0 });
  });
  it('a tie at the last seat is reported, not decided', () => {
    const r = firstRound({ cast: 100, seats: 2, candidates: [c('a', 90), c('b', 60), c('c', 60), c('d', 10)] });
    expect(r).toEqual({ elected: ['a'], tied: ['b', 'c'], unfilled: 1 });
    const all = firstRound({ cast: 100, seats: 1, candidates: [c('a', 51), c('b', 51)] });
    expect(all).toEqual({ elected: [], tied: ['a', 'b'], unfilled: 1 });
  });
  it('a tie below the majority is no tie: seats stay unfilled', () => {
    expect(firstRound({ cast: 100, seats: 1, candidates: [c('a', 40), c('b', 40)] })).toEqual({ elected: [], tied: [], unfilled: 1 });
  });
  it('throws on invalid input, naming it', () => {
    expect(() => firstRound({ cast: 100, seats: 0, candidates: [] })).toThrow(/seats must be at least 1/);
    expect(() => firstRound({ cast: 100, seats: 1.5, candidates: [] })).toThrow(/seats must be an integer/);
    expect(() => firstRound({ cast: -1, seats: 1, candidates: [] })).toThrow(/cast must not be negative/);
    expect(() => firstRound({ cast: 100, seats: 1, candidates: [c('a', 101)] })).toThrow(/votes of candidate a \(101\) exceed the ballots cast \(100\)/);
    expect(() => firstRound({ cast: 100, seats: 1, candidates: [c('a', -2)] })).toThrow(/votes of candidate a must not be negative/);
    expect(() => firstRound({ cast: 100, seats: 1, candidates: [c('a', 2.5)] })).toThrow(/votes of candidate a must be an integer/);
    expect(() => firstRound({ cast: 100, seats: 1, candidates: [c('a', 2), c('a', 3)] })).toThrow(/listed twice/);
  });
});

describe('runoff (第15条: most votes, not fewer than one third)', () => {
  it('exactly one third is enough, one fewer is not', () => {
    expect(runoff({ cast: 600, seats: 1, candidates: [c('a', 200), c('b', 150)] })).toEqual({ elected: ['a'], tied: [], unfilled: 0 });
    expect(runoff({ cast: 600, seats: 1, candidates: [c('a', 199), c('b', 150)] })).toEqual({ elected: [], tied: [], unfilled: 1 });
    expect(runoff({ cast: 601, seats: 1, candidates: [c('a', 200)] }).elected).toEqual([]);
    expect(runoff({ cast: 601, seats: 1, candidates: [c('a', 201)] }).elected).toEqual(['a']);
    expect(runoffMinimumVotes(600)).toBe(200);
    expect(runoffMinimumVotes(601)).toBe(201);
  });
  it('no ballots: nobody wins', () => {
    expect(runoff({ cast: 0, seats: 1, candidates: [c('a', 0)] })).toEqual({ elected: [], tied: [], unfilled: 1 });
  });
  it('a tie at the last seat is reported', () => {
    expect(runoff({ cast: 300, seats: 1, candidates: [c('a', 140), c('b', 140), c('c', 20)] })).toEqual({ elected: [], tied: ['a', 'b'], unfilled: 1 });
  });
  it('throws on invalid input', () => {
    expect(() => runoff({ cast: 10, seats: 0, candidates: [] })).toThrow(/seats/);
    expect(() => runoff({ cast: 10, seats: 1, candidates: [c('x', 11)] })).toThrow(/candidate x/);
  });
});

describe('runoffCandidates (seats + extra among the highest losers)', () => {
  const cands = [c('a', 55), c('b', 45), c('c', 40), c('d', 30), c('e', 30)];
  it('seats + 1 by default', () => {
    const r = firstRound({ cast: 100, seats: 2, candidates: cands });
    expect(r.unfilled).toBe(1);
    expect(runoffCandidates(cands, r, 1)).toEqual(['b', 'c']);
  });
  it('keeps everyone tied with the last one taken', () => {
    const r = firstRound({ cast: 100, seats: 2, candidates: [c('a', 55), c('b', 45), c('d', 30), c('e', 30)] });
    expect(runoffCandidates([c('a', 55), c('b', 45), c('d', 30), c('e', 30)], r, 2)).toEqual(['b', 'd', 'e']);
  });
  it('tied candidates always stand', () => {
    const list = [c('a', 60), c('b', 60), c('c', 20)];
    const r = firstRound({ cast: 100, seats: 1, candidates: list });
    expect(runoffCandidates(list, r, 1)).toEqual(['a', 'b']);
  });
  it('nothing unfilled: no run-off', () => {
    expect(runoffCandidates([c('a', 60)], { elected: ['a'], tied: [], unfilled: 0 }, 1)).toEqual([]);
  });
});

describe('committee composition (第6条) and competition (第15条)', () => {
  it('3 to 7 members and at least one woman', () => {
    const m = (gender: 'male' | 'female', office?: 'chair' | 'member') => (office ? { gender, office } : { gender });
    expect(checkCommitteeComposition({ members: [m('male', 'chair'), m('female', 'member'), m('male', 'member')] })).toEqual([]);
    expect(checkCommitteeComposition({ members: [m('male'), m('male')] })).toEqual(['too_few_members', 'no_woman']);
    expect(checkCommitteeComposition({ members: Array.from({ length: 8 }, () => m('female')) })).toEqual(['too_many_members']);
    expect(checkCommitteeComposition({ members: [m('female', 'member'), m('male', 'member'), m('male', 'member')] })).toEqual(['no_chair']);
  });
  it('more candidates than seats per office', () => {
    const seats = [{ office: 'chair' as const, count: 1 }, { office: 'vice_chair' as const, count: 0 }, { office: 'member' as const, count: 3 }];
    const cand = (office: 'chair' | 'member', n: number) => Array.from({ length: n }, () => ({ office }));
    expect(checkCandidatesOutnumberSeats([...cand('chair', 2), ...cand('member', 4)], seats)).toEqual([]);
    expect(checkCandidatesOutnumberSeats([...cand('chair', 1), ...cand('member', 3)], seats)).toEqual(['not_competitive:chair', 'not_competitive:member']);
  });
});
