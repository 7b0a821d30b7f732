import { describe, expect, it } from 'vitest';
import { DEFAULT_DUTY_POINT_RULES, dutyPoints, rankDeputies, scoreDuty } from './duty-points.js';

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

describe('dutyPoints', () => {
  it('totals acts under the rules with a line for every rule', () => {
    const r = dutyPoints([{ kind: 'voterContact' }, { kind: 'voterContact', count: 2 }, { kind: 'inspectionReport' }, { kind: 'unexcusedAbsence' }]);
    expect(r.total).toBe(6 + 20 - 5);
    expect(r.byRule.map((x) => x.kind)).toEqual(Object.keys(DEFAULT_DUTY_POINT_RULES));
    expect(r.byRule.find((x) => x.kind === 'voterContact')).toEqual({ kind: 'voterContact', count: 3, pointsEach: 2, points: 6 });
    expect(r.byRule.find((x) => x.kind === 'receptionDay')).toEqual({ kind: 'receptionDay', count: 0, pointsEach: 5, points: 0 });
  });
  it('uses the township rules and lists acts without a rule at 0 points', () => {
    const rules = { ...DEFAULT_DUTY_POINT_RULES, receptionDay: 8, researchReport: 10 };
    const r = dutyPoints([{ kind: 'receptionDay', count: 2 }, { kind: 'researchReport' }, { kind: 'groupActivity' }], rules);
    expect(r.total).toBe(26);
    expect(r.unknownKinds).toEqual(['groupActivity']);
    expect(r.byRule.at(-1)).toEqual({ kind: 'groupActivity', count: 1, pointsEach: 0, points: 0 });
    expect(dutyPoints([]).total).toBe(0);
  });
  it('agrees with scoreDuty', () => {
    const acts = [{ kind: 'suggestion', count: 4 }, { kind: 'studySession', count: 3 }];
    expect(dutyPoints(acts).total).toBe(scoreDuty(acts).total);
    expect(() => dutyPoints([{ kind: 'suggestion', count: -1 }])).toThrow(RangeError);
  });
});
