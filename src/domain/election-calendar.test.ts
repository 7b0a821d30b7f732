import { describe, expect, it } from 'vitest';
import { checkCalendar, planCalendar, type ProfileStep } from './election-calendar.js';

const profile: ProfileStep[] = [
  { key: 'list', label: '公布选民名单', labelEn: 'Publish list', offset: -25, rules: [{ kind: 'min_days_before', ref: 'vote', days: 20, basis: '第14条' }] },
  { key: 'objections', label: '受理异议', labelEn: 'Objections', offset: -20, rules: [{ kind: 'max_days_after', ref: 'list', days: 5, basis: '第14条' }] },
  { key: 'decided', label: '异议处理', labelEn: 'Decided', offset: -17, rules: [{ kind: 'max_days_after', ref: 'objections', days: 3, basis: '第14条' }] },
  { key: 'vote', label: '投票', labelEn: 'Vote', offset: 0, rules: [] },
];

describe('election calendar', () => {
  it('plans from the voting day', () => {
    expect(planCalendar(profile, '2026-06-30').map((s) => s.plannedOn)).toEqual(['2026-06-05', '2026-06-10', '2026-06-13', '2026-06-30']);
  });
  it('the voter list exactly 20 days before voting is fine, 19 is too short', () => {
    const ok = checkCalendar(profile, [{ key: 'list', plannedOn: null, doneOn: '2026-06-10' }, { key: 'vote', plannedOn: '2026-06-30', doneOn: null }], '2026-06-01');
    expect(ok.get('list')).toBeUndefined();
    const short = checkCalendar(profile, [{ key: 'list', plannedOn: null, doneOn: '2026-06-11' }, { key: 'vote', plannedOn: '2026-06-30', doneOn: null }], '2026-06-01');
    expect(short.get('list')).toEqual([{ code: 'period_too_short', ref: 'vote', days: 20, actual: 19, basis: '第14条' }]);
  });
  it('objections decided on the 3rd day are fine, on the 4th too late', () => {
    const base = [{ key: 'list', plannedOn: null, doneOn: '2026-06-01' }, { key: 'objections', plannedOn: null, doneOn: '2026-06-06' }];
    expect(checkCalendar(profile, [...base, { key: 'decided', plannedOn: null, doneOn: '2026-06-09' }], '2026-06-09').get('decided')).toBeUndefined();
    expect(checkCalendar(profile, [...base, { key: 'decided', plannedOn: null, doneOn: '2026-06-10' }], '2026-06-10').get('decided')?.[0]?.code).toBe('period_too_long');
    expect(checkCalendar(profile, [{ key: 'list', plannedOn: null, doneOn: '2026-06-01' }, { key: 'objections', plannedOn: null, doneOn: '2026-06-07' }], '2026-06-07').get('objections')?.[0]).toMatchObject({ code: 'period_too_long', days: 5, actual: 6 });
  });
  it('a step done before an earlier step is out of order; a planned day passed is overdue', () => {
    const flags = checkCalendar(profile, [
      { key: 'list', plannedOn: '2026-06-05', doneOn: null },
      { key: 'objections', plannedOn: null, doneOn: '2026-06-04' },
    ], '2026-06-06');
    expect(flags.get('list')).toEqual([{ code: 'overdue' }]);
    expect(flags.get('objections')?.[0]).toEqual({ code: 'out_of_order', ref: 'list' });
    expect(checkCalendar(profile, [{ key: 'list', plannedOn: '2026-06-05', doneOn: null }], '2026-06-05').get('list')).toBeUndefined();
  });
});
