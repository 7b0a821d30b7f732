import { describe, expect, it } from 'vitest';
import {
  disclosureDueDay, financeTotals, formatFen, isDisclosureOverdue, isPeriodStart, parseYuan, periodContaining, periodLabel, periodLabelEn, periodsOfYear,
} from './disclosure.js';

describe('disclosure periods (村务公开)', () => {
  it('splits a year into quarters or months with their last days', () => {
    expect(periodsOfYear('quarterly', 2026).map((p) => [p.start, p.end])).toEqual([
      ['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-06-30'], ['2026-07-01', '2026-09-30'], ['2026-10-01', '2026-12-31'],
    ]);
    expect(periodsOfYear('monthly', 2028)[1]).toMatchObject({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodContaining('quarterly', '2026-08-15').start).toBe('2026-07-01');
    expect(isPeriodStart('quarterly', '2026-04-01')).toBe(true);
    expect(isPeriodStart('quarterly', '2026-05-01')).toBe(false);
    expect(isPeriodStart('monthly', '2026-05-01')).toBe(true);
    expect(periodLabel({ kind: 'quarterly', start: '2026-07-01' })).toBe('2026年第三季度');
    expect(periodLabel({ kind: 'monthly', start: '2026-07-01' })).toBe('2026年7月');
    expect(periodLabelEn({ kind: 'quarterly', start: '2026-10-01' })).toBe('2026 Q4');
  });

  it('is overdue only after the grace days have passed with nothing published: the due day itself is in time', () => {
    expect(disclosureDueDay('2026-03-31', 10)).toBe('2026-04-10');
    expect(isDisclosureOverdue('2026-03-31', 10, '2026-04-10', false)).toBe(false);
    expect(isDisclosureOverdue('2026-03-31', 10, '2026-04-11', false)).toBe(true);
    expect(isDisclosureOverdue('2026-03-31', 10, '2026-04-11', true)).toBe(false);
    expect(isDisclosureOverdue('2026-12-31', 0, '2027-01-01', false)).toBe(true);
  });
});

describe('finance amounts', () => {
  it('reads yuan exactly as fen and refuses what is not an amount', () => {
    expect(parseYuan('1,500.50')).toBe(150_050);
    expect(parseYuan('1234.5元')).toBe(123_450);
    expect(parseYuan(2000.25)).toBe(200_025);
    expect(parseYuan(0.1 + 0.2)).toBe(30);
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan(-1)).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(formatFen(1_250_025)).toBe('12,500.25');
  });

  it('opening + income − expense gives the closing balance', () => {
    expect(financeTotals([{ direction: 'income', amount: 300_000 }, { direction: 'income', amount: 150_050 }, { direction: 'expense', amount: 200_025 }], 1_000_000))
      .toEqual({ income: 450_050, expense: 200_025, expectedClosing: 1_250_025 });
    expect(financeTotals([], null).expectedClosing).toBeNull();
  });
});
