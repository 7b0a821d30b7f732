import { describe, expect, it } from 'vitest';
import {
  deputyGroupSizeOk,
  evaluateVote,
  extraSessionThreshold,
  hasQuorum,
  motionCoSignersOk,
  passThreshold,
  quorumThreshold,
  resolutionOutcome,
} from './votes.js';

describe('quorumThreshold (more than 2/3 of seated, 第14条)', () => {
  it.each([
    [60, 41],
    [61, 41],
    [59, 40],
    [3, 3],
    [1, 1],
    [0, 1],
    [45, 31],
    [100, 67],
  ])('seated %i -> %i', (seated, q) => {
    expect(quorumThreshold(seated)).toBe(q);
    // Property: q is strictly more than 2/3 and q - 1 is not.
    expect(3 * q).toBeGreaterThan(2 * seated);
    expect(3 * (q - 1)).toBeLessThanOrEqual(2 * seated);
  });
  it('is strict for every seated count up to 300', () => {
    for (let s = 0; s <= 300; s++) {
      const q = quorumThreshold(s);
      expect(3 * q > 2 * s && 3 * (q - 1) <= 2 * s).toBe(true);
    }
  });
  it('exactly 2/3 present is not a quorum', () => {
    expect(hasQuorum(40, 60)).toBe(false);
    expect(hasQuorum(41, 60)).toBe(true);
    expect(hasQuorum(2, 3)).toBe(false);
    expect(hasQuorum(3, 3)).toBe(true);
    expect(hasQuorum(0, 0)).toBe(false);
  });
  it('rejects invalid counts', () => {
    expect(() => quorumThreshold(-1)).toThrow(RangeError);
    expect(() => quorumThreshold(2.5)).toThrow(RangeError);
    expect(() => hasQuorum(-1, 10)).toThrow(RangeError);
  });
});

describe('passThreshold (more than half of ALL seated, 第25条)', () => {
  it.each([
    [60, 31],
    [61, 31],
    [59, 30],
    [3, 2],
    [1, 1],
    [0, 1],
  ])('seated %i -> %i', (seated, p) => {
    expect(passThreshold(seated)).toBe(p);
    expect(2 * p).toBeGreaterThan(seated);
    expect(2 * (p - 1)).toBeLessThanOrEqual(seated);
  });
  it('rejects invalid counts', () => {
    expect(() => passThreshold(Number.NaN)).toThrow(RangeError);
  });
});

describe('evaluateVote', () => {
  it('seated 60: 31 yes passes with margin 0', () => {
    expect(evaluateVote({ seated: 60, present: 45, yes: 31, no: 10, abstain: 4 })).toEqual({
      passed: true,
      threshold: 31,
      margin: 0,
      quorumMet: true,
      quorumThreshold: 41,
      notVoting: 0,
      errors: [],
    });
  });
  it('seated 60: 30 yes (exactly half) fails with margin -1', () => {
    const r = evaluateVote({ seated: 60, present: 45, yes: 30, no: 10, abstain: 5 });
    expect(r.passed).toBe(false);
    expect(r.margin).toBe(-1);
    expect(r.errors).toEqual([]);
  });
  it('counts against ALL seated, not those present: majority of present is not enough', () => {
    // 41 present, 30 yes is a clear majority of those present but not of the 60 seated.
    const r = evaluateVote({ seated: 60, present: 41, yes: 30, no: 5, abstain: 6 });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
  });
  it('no quorum: fails even with enough yes votes', () => {
    const r = evaluateVote({ seated: 60, present: 40, yes: 40, no: 0, abstain: 0 });
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.margin).toBe(9);
    expect(r.errors).toEqual([]);
  });
  it('seated 61: threshold 31, quorum 41', () => {
    const r = evaluateVote({ seated: 61, present: 41, yes: 31, no: 0, abstain: 0 });
    expect(r).toMatchObject({ passed: true, threshold: 31, quorumThreshold: 41, margin: 0, notVoting: 10 });
  });
  it('seated 59: threshold 30, quorum 40', () => {
    expect(evaluateVote({ seated: 59, present: 40, yes: 30, no: 10, abstain: 0 }).passed).toBe(true);
    expect(evaluateVote({ seated: 59, present: 39, yes: 30, no: 9, abstain: 0 }).passed).toBe(false);
    expect(evaluateVote({ seated: 59, present: 40, yes: 29, no: 11, abstain: 0 }).passed).toBe(false);
  });
  it('seated 3 and 1', () => {
    expect(evaluateVote({ seated: 3, present: 3, yes: 2, no: 1, abstain: 0 }).passed).toBe(true);
    expect(evaluateVote({ seated: 3, present: 2, yes: 2, no: 0, abstain: 0 }).passed).toBe(false);
    expect(evaluateVote({ seated: 1, present: 1, yes: 1, no: 0, abstain: 0 }).passed).toBe(true);
  });
  it('seated 0 never passes', () => {
    const r = evaluateVote({ seated: 0, present: 0, yes: 0, no: 0, abstain: 0 });
    expect(r).toMatchObject({ passed: false, threshold: 1, quorumThreshold: 1, margin: -1, errors: [] });
  });
  it('reports inconsistent counts as error codes', () => {
    expect(evaluateVote({ seated: 60, present: 61, yes: 40, no: 0, abstain: 0 }).errors).toEqual([
      'present_exceeds_seated',
    ]);
    const over = evaluateVote({ seated: 60, present: 45, yes: 40, no: 5, abstain: 1 });
    expect(over.errors).toEqual(['votes_exceed_present']);
    expect(over.passed).toBe(false);
    expect(evaluateVote({ seated: 60, present: 45, yes: -1, no: 1.5, abstain: 0 }).errors).toEqual([
      'yes_invalid',
      'no_invalid',
    ]);
    const bad = evaluateVote({ seated: -3, present: 0, yes: 0, no: 0, abstain: Number.NaN });
    expect(bad.errors).toEqual(['seated_invalid', 'abstain_invalid']);
    expect(bad.passed).toBe(false);
    expect(Number.isNaN(bad.threshold)).toBe(true);
  });
});

describe('extraSessionThreshold (1/5 of deputies, 第14条)', () => {
  it.each([
    [60, 12],
    [61, 13],
    [59, 12],
    [5, 1],
    [3, 1],
    [1, 1],
    [0, 1],
  ])('seated %i -> %i', (seated, n) => {
    expect(extraSessionThreshold(seated)).toBe(n);
  });
});

describe('motionCoSignersOk (5+, 第22条) and deputyGroupSizeOk (3+, 第43条)', () => {
  it('motion needs 5 or more', () => {
    expect(motionCoSignersOk(4)).toBe(false);
    expect(motionCoSignersOk(5)).toBe(true);
    expect(motionCoSignersOk(12)).toBe(true);
    expect(motionCoSignersOk(5.5)).toBe(false);
  });
  it('deputy group needs 3 or more', () => {
    expect(deputyGroupSizeOk(2)).toBe(false);
    expect(deputyGroupSizeOk(3)).toBe(true);
    expect(deputyGroupSizeOk(Number.NaN)).toBe(false);
  });
});

describe('resolutionOutcome (第14条 quorum, 第25条 more than half of ALL seated)', () => {
  const base = { no: 0, abstain: 0 };
  it('seated 60: threshold 31; 40 present is no quorum, 41 is', () => {
    expect(resolutionOutcome({ seated: 60, present: 40, yes: 40, ...base })).toEqual({ quorumMet: false, passed: false, threshold: 31, margin: 9 });
    expect(resolutionOutcome({ seated: 60, present: 41, yes: 31, ...base })).toEqual({ quorumMet: true, passed: true, threshold: 31, margin: 0 });
    expect(resolutionOutcome({ seated: 60, present: 41, yes: 30, no: 11, abstain: 0 })).toEqual({ quorumMet: true, passed: false, threshold: 31, margin: -1 });
  });
  it('a majority of those present is not enough: 30 of 41 present, 60 seated', () => {
    const r = resolutionOutcome({ seated: 60, present: 41, yes: 30, no: 5, abstain: 6 });
    expect(r).toMatchObject({ quorumMet: true, passed: false, margin: -1 });
  });
  it('seated 61 (odd): threshold 31, quorum at 41', () => {
    expect(resolutionOutcome({ seated: 61, present: 40, yes: 31, ...base }).quorumMet).toBe(false);
    expect(resolutionOutcome({ seated: 61, present: 41, yes: 31, ...base })).toEqual({ quorumMet: true, passed: true, threshold: 31, margin: 0 });
    expect(resolutionOutcome({ seated: 61, present: 41, yes: 30, ...base })).toMatchObject({ passed: false, margin: -1 });
  });
  it.each([
    // [seated, threshold]: odd and even counts
    [2, 2], [3, 2], [4, 3], [5, 3], [54, 28], [55, 28], [100, 51], [101, 51],
  ])('seated %i -> threshold %i', (seated, threshold) => {
    const r = resolutionOutcome({ seated, present: seated, yes: threshold, ...base });
    expect(r).toEqual({ quorumMet: true, passed: true, threshold, margin: 0 });
    expect(resolutionOutcome({ seated, present: seated, yes: threshold - 1, ...base }).passed).toBe(false);
  });
  it('exactly 2/3 present is no quorum, one more is', () => {
    expect(resolutionOutcome({ seated: 9, present: 6, yes: 6, ...base }).quorumMet).toBe(false);
    expect(resolutionOutcome({ seated: 9, present: 7, yes: 6, ...base }).quorumMet).toBe(true);
  });
  it('seated 0 never passes', () => {
    expect(resolutionOutcome({ seated: 0, present: 0, yes: 0, ...base })).toEqual({ quorumMet: false, passed: false, threshold: 1, margin: -1 });
  });
  it.each([
    [{ seated: -1, present: 0, yes: 0, no: 0, abstain: 0 }, /^seated must be a non-negative integer, got -1$/],
    [{ seated: 60.5, present: 0, yes: 0, no: 0, abstain: 0 }, /^seated must be a non-negative integer, got 60\.5$/],
    [{ seated: 60, present: -2, yes: 0, no: 0, abstain: 0 }, /^present must be a non-negative integer/],
    [{ seated: 60, present: 45, yes: -1, no: 0, abstain: 0 }, /^yes must be a non-negative integer, got -1$/],
    [{ seated: 60, present: 45, yes: 1, no: 1.5, abstain: 0 }, /^no must be a non-negative integer, got 1\.5$/],
    [{ seated: 60, present: 45, yes: 1, no: 0, abstain: Number.NaN }, /^abstain must be a non-negative integer, got NaN$/],
    [{ seated: 60, present: 61, yes: 0, no: 0, abstain: 0 }, /^present \(61\) must not exceed seated \(60\)$/],
    [{ seated: 60, present: 45, yes: 40, no: 5, abstain: 1 }, /^yes \+ no \+ abstain \(46\) must not exceed present \(45\)$/],
  ])('throws a RangeError naming the field: %o', (input, message) => {
    expect(() => resolutionOutcome(input)).toThrow(RangeError);
    expect(() => resolutionOutcome(input)).toThrow(message);
  });
  it('agrees with evaluateVote on every valid count of a small congress', () => {
    for (let seated = 0; seated <= 12; seated++) {
      for (let present = 0; present <= seated; present++) {
        for (let yes = 0; yes <= present; yes++) {
          const r = resolutionOutcome({ seated, present, yes, no: present - yes, abstain: 0 });
          const v = evaluateVote({ seated, present, yes, no: present - yes, abstain: 0 });
          expect([r.passed, r.quorumMet, r.threshold, r.margin]).toEqual([v.passed, v.quorumMet, v.threshold, v.margin]);
        }
      }
    }
  });
});
