import { addDays, compareDays, daysInMonth, formatDay, parseDay, type Day } from './due-dates.js';

/**
 * Village affairs and finance disclosure (村务公开, 财务公开). 村民委员会组织法 第30条: ordinary
 * matters are published at least once a quarter, and where the collective's finances move often,
 * the income and expenditure monthly. The township chooses the period (a setting); a period's
 * disclosure is overdue when the period ended more than `graceDays` days ago and nothing has
 * been published for it.
 */
export type DisclosurePeriodKind = 'quarterly' | 'monthly';

export interface DisclosurePeriod {
  kind: DisclosurePeriodKind;
  start: Day;
  end: Day;
  year: number;
  /** Quarter (1-4) or month (1-12). */
  index: number;
}

/** The default grace: published within 10 days of the period's end (a common local rule). */
export const DEFAULT_DISCLOSURE_GRACE_DAYS = 10;

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The period of `kind` that contains `day`. */
export function periodContaining(kind: DisclosurePeriodKind, day: Day): DisclosurePeriod {
  const { year, month } = parseDay(day);
  if (kind === 'monthly') return monthPeriod(year, month);
  return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
}

function monthPeriod(year: number, month: number): DisclosurePeriod {
  return { kind: 'monthly', year, index: month, start: formatDay(year, month, 1), end: formatDay(year, month, daysInMonth(year, month)) };
}

function quarterPeriod(year: number, quarter: number): DisclosurePeriod {
  const last = quarter * 3;
  return { kind: 'quarterly', year, index: quarter, start: formatDay(year, last - 2, 1), end: formatDay(year, last, daysInMonth(year, last)) };
}

/** Every period of a year, in order. */
export function periodsOfYear(kind: DisclosurePeriodKind, year: number): DisclosurePeriod[] {
  return kind === 'monthly'
    ? Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1))
    : Array.from({ length: 4 }, (_, i) => quarterPeriod(year, i + 1));
}

/** Whether `start` is the first day of a period of `kind`. */
export function isPeriodStart(kind: DisclosurePeriodKind, start: Day): boolean {
  try {
    return periodContaining(kind, start).start === start;
  } catch {
    return false;
  }
}

/** 2026年第三季度 / 2026年7月. */
export function periodLabel(p: Pick<DisclosurePeriod, 'kind' | 'start'>): string {
  const { year, month } = parseDay(p.start);
  return p.kind === 'monthly' ? `${year}年${month}月` : `${year}年第${QUARTER_NAMES[Math.floor((month - 1) / 3)]}季度`;
}

/** 2026 Q3 / 2026-07. */
export function periodLabelEn(p: Pick<DisclosurePeriod, 'kind' | 'start'>): string {
  const { year, month } = parseDay(p.start);
  return p.kind === 'monthly' ? `${year}-${String(month).padStart(2, '0')}` : `${year} Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The last day a period's disclosure is still on time: the period's end plus the grace days. */
export function disclosureDueDay(periodEnd: Day, graceDays: number): Day {
  return addDays(periodEnd, graceDays);
}

/**
 * True when nothing is published for a period that ended more than `graceDays` days before
 * `today`: with 10 days, a quarter ending 3月31日 is on time through 4月10日 and overdue on 4月11日.
 */
export function isDisclosureOverdue(periodEnd: Day, graceDays: number, today: Day, isPublished: boolean): boolean {
  return !isPublished && compareDays(today, disclosureDueDay(periodEnd, graceDays)) > 0;
}

/** Whether the period has ended by `today` (its disclosure is due). */
export function hasPeriodEnded(periodEnd: Day, today: Day): boolean {
  return compareDays(today, periodEnd) > 0;
}

// ---- money ----------------------------------------------------------------------------------

/** Amounts are kept in fen (分) so sums are exact. */
export function yuanToFen(value: number): number {
  return Math.round(value * 100);
}

/** 12345 → "123.45". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Reads an amount in yuan as fen: a number or a string like "1,234.50" or "1234.5元", at most
 * two decimals and not negative. Null when it cannot be read.
 */
export function parseYuan(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    const fen = Math.round(value * 100);
    return Math.abs(fen - value * 100) < 1e-6 ? fen : null;
  }
  if (typeof value !== 'string') return null;
  const s = value.replace(/[,，\s]/g, '').replace(/元$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export interface FinanceLine {
  direction: 'income' | 'expense';
  amount: number;
}

export interface FinanceTotals {
  income: number;
  expense: number;
  /** opening + income − expense, when the opening balance is known. */
  expectedClosing: number | null;
}

/** Sums the lines; opening + income − expense gives the closing balance (期末余额). */
export function financeTotals(lines: FinanceLine[], opening: number | null): FinanceTotals {
  const income = lines.filter((l) => l.direction === 'income').reduce((s, l) => s + l.amount, 0);
  const expense = lines.filter((l) => l.direction === 'expense').reduce((s, l) => s + l.amount, 0);
  return { income, expense, expectedClosing: opening === null ? null : opening + income - expense };
}
