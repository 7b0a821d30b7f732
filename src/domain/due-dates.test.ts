import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDays,
  daysBetween,
  daysInMonth,
  formatDay,
  isLeapYear,
  isOverdue,
  isValidDay,
  objectionDeadline,
  objectionDecisionDeadline,
  parseDay,
  receptionAnnouncementOk,
  shanghaiDay,
  todayInShanghai,
  tryParseDay,
  villageListPublicationOk,
  yearOfDay,
} from './due-dates.js';

describe('day validation', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '1900-02-28', '2026-12-31'])('valid %s', (d) => {
    expect(isValidDay(d)).toBe(true);
  });
  it.each(['2026-1-1', '2026-02-30', '2027-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-04-31', '', '2026-01-01T00:00:00Z', ' 2026-01-01', '20260101'])(
    'invalid %j',
    (d) => {
      expect(isValidDay(d)).toBe(false);
      expect(tryParseDay(d)).toBeNull();
      expect(() => parseDay(d)).toThrow(RangeError);
    },
  );
  it('parses parts and formats back', () => {
    expect(parseDay('2026-03-05')).toEqual({ year: 2026, month: 3, day: 5 });
    expect(formatDay(2026, 3, 5)).toBe('2026-03-05');
    expect(() => formatDay(2026, 2, 29)).toThrow(RangeError);
  });
  it('leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2026, 2028].map(isLeapYear)).toEqual([false, true, true, false, true]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
  });
  it('every function throws RangeError on malformed days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('x', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', '2026/01/02')).toThrow(RangeError);
    expect(() => isOverdue('2026-01-01', '')).toThrow(RangeError);
    expect(() => yearOfDay('2026')).toThrow(RangeError);
    expect(() => villageListPublicationOk('2026-01-01', '2026-01-32')).toThrow(RangeError);
  });
});

describe('addDays / daysBetween / compareDays / yearOfDay', () => {
  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
  it('daysBetween is signed (b - a)', () => {
    expect(daysBetween('2026-03-01', '2026-03-21')).toBe(20);
    expect(daysBetween('2026-03-21', '2026-03-01')).toBe(-20);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
  });
  it('compareDays and yearOfDay', () => {
    expect(compareDays('2026-01-01', '2026-01-02')).toBeLessThan(0);
    expect(compareDays('2026-01-02', '2026-01-02')).toBe(0);
    expect(compareDays('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
    expect(yearOfDay('2026-03-05')).toBe(2026);
  });
});

describe('addMonths (end-of-month clamping)', () => {
  it.each([
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-10-10', 3, '2027-01-10'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('%s + %i months = %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });
  it('rejects a fractional month count', () => {
    expect(() => addMonths('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('isOverdue', () => {
  it('the due day itself is in time, the next day is overdue', () => {
    expect(isOverdue('2026-06-20', '2026-06-19')).toBe(false);
    expect(isOverdue('2026-06-20', '2026-06-20')).toBe(false);
    expect(isOverdue('2026-06-20', '2026-06-21')).toBe(true);
    expect(isOverdue('2026-12-31', '2027-01-01')).toBe(true);
  });
});

describe('Shanghai calendar day', () => {
  it('converts UTC instants to the Shanghai day', () => {
    expect(shanghaiDay('2026-11-28T16:30:00Z')).toBe('2026-11-29');
    expect(shanghaiDay('2026-11-28T15:59:59Z')).toBe('2026-11-28');
    expect(shanghaiDay('2026-11-28T16:00:00Z')).toBe('2026-11-29');
    expect(shanghaiDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(shanghaiDay('2026-11-29T00:30:00+08:00')).toBe('2026-11-29');
    expect(shanghaiDay('2026-11-28T23:30:00-05:00')).toBe('2026-11-29');
    expect(shanghaiDay(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
  });
  it('rejects instants without an explicit zone or malformed ones', () => {
    expect(() => shanghaiDay('2026-11-28T16:30:00')).toThrow(RangeError);
    expect(() => shanghaiDay('2026-11-28')).toThrow(RangeError);
    expect(() => shanghaiDay('not a date')).toThrow(RangeError);
    expect(() => shanghaiDay('2026-13-28T16:30:00Z')).toThrow(RangeError);
    expect(() => shanghaiDay(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('todayInShanghai uses the given instant', () => {
    expect(todayInShanghai(new Date('2026-03-04T16:00:00Z'))).toBe('2026-03-05');
    expect(todayInShanghai(new Date('2026-03-05T15:59:00Z'))).toBe('2026-03-05');
    expect(isValidDay(todayInShanghai())).toBe(true);
  });
});

describe('village election periods (村民委员会组织法 第14条)', () => {
  it('voter list: exactly 20 days before voting is OK, 19 is not', () => {
    expect(villageListPublicationOk('2026-03-01', '2026-03-21')).toBe(true);
    expect(villageListPublicationOk('2026-03-02', '2026-03-21')).toBe(false);
    expect(villageListPublicationOk('2026-02-01', '2026-03-21')).toBe(true);
    expect(villageListPublicationOk('2026-03-21', '2026-03-21')).toBe(false);
    expect(villageListPublicationOk('2026-03-25', '2026-03-21')).toBe(false);
  });
  it('objections within 5 days, decided within 3 days', () => {
    expect(objectionDeadline('2026-03-01')).toBe('2026-03-06');
    expect(objectionDeadline('2026-02-26')).toBe('2026-03-03');
    expect(objectionDecisionDeadline('2026-03-06')).toBe('2026-03-09');
    expect(objectionDecisionDeadline('2026-12-30')).toBe('2027-01-02');
  });
  it('reception day announced at least 3 days ahead', () => {
    expect(receptionAnnouncementOk('2026-05-07', '2026-05-10')).toBe(true);
    expect(receptionAnnouncementOk('2026-05-01', '2026-05-10')).toBe(true);
    expect(receptionAnnouncementOk('2026-05-08', '2026-05-10')).toBe(false);
    expect(receptionAnnouncementOk('2026-05-10', '2026-05-10')).toBe(false);
  });
});
