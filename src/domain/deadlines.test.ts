import { describe, expect, it } from 'vitest';
import { DEFAULT_REHANDLING_MONTHS, rehandleDueDate, replyDueDate } from './deadlines.js';

describe('replyDueDate (代表法 第51条: 3 months after 交办, 6 when difficult)', () => {
  it('is the same day 3 calendar months later', () => {
    expect(replyDueDate('2026-03-20')).toBe('2026-06-20');
    expect(replyDueDate('2026-03-20', { difficult: false })).toBe('2026-06-20');
    expect(replyDueDate('2026-01-01')).toBe('2026-04-01');
    expect(replyDueDate('2026-01-30')).toBe('2026-04-30');
  });

  it('is 6 months later for a difficult case', () => {
    expect(replyDueDate('2026-03-20', { difficult: true })).toBe('2026-09-20');
    expect(replyDueDate('2026-01-31', { difficult: true })).toBe('2026-07-31');
    expect(replyDueDate('2026-08-31', { difficult: true })).toBe('2027-02-28');
    expect(replyDueDate('2027-08-31', { difficult: true })).toBe('2028-02-29');
    expect(replyDueDate('2026-12-31', { difficult: true })).toBe('2027-06-30');
  });

  it('falls on the last day of a month that has no such day', () => {
    expect(replyDueDate('2026-01-31')).toBe('2026-04-30');
    expect(replyDueDate('2026-03-31')).toBe('2026-06-30');
    expect(replyDueDate('2026-05-31')).toBe('2026-08-31');
    expect(replyDueDate('2026-11-29')).toBe('2027-02-28');
    expect(replyDueDate('2026-11-30')).toBe('2027-02-28');
    expect(replyDueDate('2026-11-28')).toBe('2027-02-28');
  });

  it('crosses the year: December → March', () => {
    expect(replyDueDate('2026-12-01')).toBe('2027-03-01');
    expect(replyDueDate('2026-12-31')).toBe('2027-03-31');
    expect(replyDueDate('2026-10-31')).toBe('2027-01-31');
  });

  it('handles leap years (2028-02-29)', () => {
    expect(replyDueDate('2027-11-29')).toBe('2028-02-29');
    expect(replyDueDate('2027-11-30')).toBe('2028-02-29');
    expect(replyDueDate('2028-02-29')).toBe('2028-05-29');
    expect(replyDueDate('2028-02-29', { difficult: true })).toBe('2028-08-29');
    expect(replyDueDate('2099-11-30')).toBe('2100-02-28'); // 2100 is not a leap year
    expect(replyDueDate('2399-11-30')).toBe('2400-02-29'); // 2400 is
  });

  it('throws on an impossible date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-00-10', '2027-02-29', '2026-04-31', 'x', '', '2026-1-5', '2026/01/05']) {
      expect(() => replyDueDate(bad), bad).toThrow(RangeError);
      expect(() => replyDueDate(bad, { difficult: true }), bad).toThrow(RangeError);
    }
  });
});

describe('rehandleDueDate (不满意 → reply again within N months, a setting)', () => {
  it('defaults to 1 month', () => {
    expect(DEFAULT_REHANDLING_MONTHS).toBe(1);
    expect(rehandleDueDate('2026-07-15')).toBe('2026-08-15');
    expect(rehandleDueDate('2026-07-31')).toBe('2026-08-31');
  });

  it('clamps to month ends, in leap and common years', () => {
    expect(rehandleDueDate('2026-01-31')).toBe('2026-02-28');
    expect(rehandleDueDate('2028-01-31')).toBe('2028-02-29');
    expect(rehandleDueDate('2028-01-29')).toBe('2028-02-29');
    expect(rehandleDueDate('2028-02-29')).toBe('2028-03-29');
    expect(rehandleDueDate('2026-03-31')).toBe('2026-04-30');
    expect(rehandleDueDate('2025-12-31', 2)).toBe('2026-02-28');
  });

  it('crosses the year', () => {
    expect(rehandleDueDate('2026-12-15')).toBe('2027-01-15');
    expect(rehandleDueDate('2026-12-31', 3)).toBe('2027-03-31');
    expect(rehandleDueDate('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('takes a configurable number of months, a positive integer', () => {
    expect(rehandleDueDate('2026-07-15', 2)).toBe('2026-09-15');
    expect(() => rehandleDueDate('2026-07-15', 0)).toThrow(RangeError);
    expect(() => rehandleDueDate('2026-07-15', -1)).toThrow(RangeError);
    expect(() => rehandleDueDate('2026-07-15', 1.5)).toThrow(RangeError);
  });

  it('throws on an impossible date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'x', '2026-02-29']) expect(() => rehandleDueDate(bad), bad).toThrow(RangeError);
  });
});
