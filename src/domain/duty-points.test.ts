import { describe, expect, it } from 'vitest';
import { DEFAULT_DUTY_POINT_RULES, rankDeputies, scoreDuty } from './duty-points.js';

describe('scoreDuty', () => {
  it('uses the default rules', () => {
    const r = scoreDuty([
      { kind: 'receptionDay', count: 4 },
      { kind: 'inspectionReport', count: 1 },
      { kind: 'unexcusedAbsence', count: 1 },
      { kind: 'voterContact', count: 12 },
    ]);
    expect(r.total).toBe(20 + 20 - 5 + 24);
    expect(r.breakdown).toEqual({
      receptionDay: { count: 4, pointsEach: 5, points: 20 },
      inspectionReport: { count: 1, pointsEach: 20, points: 20 },
      unexcusedAbsence: { count: 1, pointsEach: -5, points: -5 },
      voterContact: { count: 12, pointsEach: 2, points: 24 },
    });
    expect(r.unknownKinds).toEqual([]);
  });
  it('sums repeated kinds', () => {
    const r = scoreDuty([
      { kind: 'suggestion', count: 2 },
      { kind: 'suggestion', count: 3 },
    ]);
    expect(r.breakdown['suggestion']).toEqual({ count: 5, pointsEach: 5, points: 25 });
    expect(r.total).toBe(25);
  });
  it('applies custom rules, including extra local kinds', () => {
    const rules = { ...DEFAULT_DUTY_POINT_RULES, receptionDay: 3, researchReport: 15 };
    const r = scoreDuty(
      [
        { kind: 'receptionDay', count: 2 },
        { kind: 'researchReport', count: 1 },
      ],
      rules,
    );
    expect(r.total).toBe(21);
  });
  it('unknown kinds score 0 and are reported once', () => {
    const r = scoreDuty([
      { kind: 'mystery', count: 3 },
      { kind: 'mystery', count: 1 },
      { kind: 'toString', count: 1 },
    ]);
    expect(r.total).toBe(0);
    expect(r.unknownKinds).toEqual(['mystery', 'toString']);
    expect(r.breakdown['mystery']).toEqual({ count: 4, pointsEach: 0, points: 0 });
  });
  it('empty events score 0; negative totals are possible', () => {
    expect(scoreDuty([]).total).toBe(0);
    expect(scoreDuty([{ kind: 'unexcusedAbsence', count: 2 }]).total).toBe(-10);
  });
  it('rejects invalid counts', () => {
    expect(() => scoreDuty([{ kind: 'suggestion', count: -1 }])).toThrow(RangeError);
    expect(() => scoreDuty([{ kind: 'suggestion', count: 0.5 }])).toThrow(RangeError);
  });
  it('the defaults are frozen', () => {
    expect(Object.isFrozen(DEFAULT_DUTY_POINT_RULES)).toBe(true);
  });
});

describe('rankDeputies', () => {
  it('ties share a rank and the next rank skips (1, 1, 3)', () => {
    const ranked = rankDeputies([
      { deputyId: 'c', total: 30 },
      { deputyId: 'a', total: 50 },
      { deputyId: 'b', total: 50 },
      { deputyId: 'd', total: 10 },
      { deputyId: 'e', total: 10 },
      { deputyId: 'f', total: -5 },
    ]);
    expect(ranked.map((r) => [r.deputyId, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
      ['d', 4],
      ['e', 4],
      ['f', 6],
    ]);
  });
  it('keeps extra fields and does not mutate the input', () => {
    const input = [
      { deputyId: 'x', name: '张三', total: 1 },
      { deputyId: 'y', name: '李四', total: 2 },
    ];
    const ranked = rankDeputies(input);
    expect(ranked[0]).toEqual({ deputyId: 'y', name: '李四', total: 2, rank: 1 });
    expect(input[0]?.deputyId).toBe('x');
    expect(rankDeputies([])).toEqual([]);
  });
});
