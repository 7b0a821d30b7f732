/**
 * Calendar logic for deadlines (期限计算), in the Asia/Shanghai calendar.
 *
 * Days are plain calendar-day strings 'YYYY-MM-DD' (no time, no zone). All
 * arithmetic is done on the proleptic Gregorian calendar via UTC so that no
 * host time zone can shift a day. Malformed day strings throw a RangeError.
 *
 * Sources: 代表法 第51条 (reply within 3 / 6 months of 交办),
 * 村民委员会组织法 第14条 (voter list published 20 days before voting,
 * objections within 5 days, decided within 3 days), local rules on
 * re-handling (不满意 → reply again within N months) and on liaison-station
 * reception days announced 3 days ahead.
 */

/** A calendar day formatted 'YYYY-MM-DD'. */
export type Day = string;

/** The IANA time zone every calendar day in Renda is reckoned in (北京时间). */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Year, month (1-12) and day of month of a calendar day. */
export interface DayParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** True when `year` is a Gregorian leap year (闰年). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year` (某月天数). */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid month: ${month}`);
  }
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] as number;
}

/**
 * Splits a 'YYYY-MM-DD' day into numbers, or returns null when the string is
 * not a real calendar day (日期校验), e.g. '2027-02-29' or '2026-13-01'.
 */
export function tryParseDay(day: string): DayParts | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (year < 1 || month < 1 || month > 12) return null;
  if (d < 1 || d > daysInMonth(year, month)) return null;
  return { year, month, day: d };
}

/** True when `day` is a well-formed, real calendar day 'YYYY-MM-DD' (有效日期). */
export function isValidDay(day: string): boolean {
  return tryParseDay(day) !== null;
}

/** Like {@link tryParseDay} but throws a RangeError on a malformed day (日期校验). */
export function parseDay(day: string): DayParts {
  const parts = typeof day === 'string' ? tryParseDay(day) : null;
  if (!parts) throw new RangeError(`Invalid day (expected YYYY-MM-DD): ${String(day)}`);
  return parts;
}

/** Formats year / month / day as 'YYYY-MM-DD' (日期格式化). */
export function formatDay(year: number, month: number, day: number): Day {
  const parts = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isValidDay(parts)) throw new RangeError(`Invalid date parts: ${year}-${month}-${day}`);
  return parts;
}

function toEpochDay(day: string): number {
  const p = parseDay(day);
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): Day {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function assertInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

/** Adds `n` days (may be negative) to a day (加天数). */
export function addDays(day: Day, n: number): Day {
  assertInteger(n, 'n');
  return fromEpochDay(toEpochDay(day) + n);
}

/**
 * Adds `n` calendar months (may be negative), clamping to the last day of the
 * target month (月末顺延规则): 2026-11-30 + 3 → 2027-02-28; 2027-11-30 + 3 → 2028-02-29;
 * 2026-01-31 + 1 → 2026-02-28.
 */
export function addMonths(day: Day, n: number): Day {
  assertInteger(n, 'n');
  const p = parseDay(day);
  const monthIndex = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return formatDay(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/**
 * Signed number of days from `a` to `b` (相隔天数): positive when `b` is later.
 * daysBetween('2026-03-01', '2026-03-21') === 20.
 */
export function daysBetween(a: Day, b: Day): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Compares two days: negative when a < b, 0 when equal, positive when a > b (日期比较). */
export function compareDays(a: Day, b: Day): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** The year number of a day (年度), e.g. 2026 for '2026-03-05'. */
export function yearOfDay(day: Day): number {
  return parseDay(day).year;
}

// The reply and re-handling due dates of suggestions live in deadlines.ts (one rule).

/**
 * True when an item due on `dueDay` is overdue on `today` (逾期, flagged for 督办).
 * The due day itself is still in time; the day after is overdue.
 */
export function isOverdue(dueDay: Day, today: Day): boolean {
  return compareDays(today, dueDay) > 0;
}

const shanghaiFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function dayOfDate(date: Date): Day {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const parts = shanghaiFormatter.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return formatDay(get('year'), get('month'), get('day'));
}

/** Today's calendar day in Beijing time (北京时间今日), 'YYYY-MM-DD'. */
export function todayInShanghai(now: Date = new Date()): Day {
  return dayOfDate(now);
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The Shanghai calendar day (北京时间日期) of an instant. A string must be ISO 8601
 * with an explicit zone ('Z' or '+08:00'); strings without a zone are rejected
 * because JavaScript would read them in the host's zone.
 * shanghaiDay('2026-11-28T16:30:00Z') === '2026-11-29'.
 */
export function shanghaiDay(instant: string | Date): Day {
  if (instant instanceof Date) return dayOfDate(instant);
  if (!INSTANT_RE.test(instant)) {
    throw new RangeError(`Invalid instant (ISO 8601 with zone expected): ${instant}`);
  }
  return dayOfDate(new Date(instant));
}

/** Minimum days between publishing the voter list and voting (选民名单公布, 村民委员会组织法 第14条). */
export const VOTER_LIST_PUBLICATION_DAYS = 20;

/**
 * True when the voter list (选民名单) published on `publishedDay` was published at
 * least 20 days before `votingDay` (村民委员会组织法 第14条). Counting is
 * calendar-day difference: published 2026-03-01 for voting on 2026-03-21 (20 days) is OK;
 * published 2026-03-02 (19 days) is not.
 */
export function villageListPublicationOk(publishedDay: Day, votingDay: Day): boolean {
  return daysBetween(publishedDay, votingDay) >= VOTER_LIST_PUBLICATION_DAYS;
}

/**
 * Last day to object to the published voter list (异议期限): publication day + 5
 * days (村民委员会组织法 第14条). Published 2026-03-01 → objections until 2026-03-06.
 */
export function objectionDeadline(publishedDay: Day): Day {
  return addDays(publishedDay, 5);
}

/**
 * Last day for the election committee to decide an objection (异议处理期限):
 * objection day + 3 days (村民委员会组织法 第14条).
 */
export function objectionDecisionDeadline(objectionDay: Day): Day {
  return addDays(objectionDay, 3);
}

/** Minimum days a liaison-station reception day must be announced ahead (接待日提前公告). */
export const RECEPTION_ANNOUNCEMENT_DAYS = 3;

/**
 * True when a liaison-station reception day (代表联络站接待日) was announced at least
 * 3 days ahead (local liaison-station rule; no statutory article):
 * announced 2026-05-07 for 2026-05-10 is OK, 2026-05-08 is not.
 */
export function receptionAnnouncementOk(announcedDay: Day, receptionDay: Day): boolean {
  return daysBetween(announcedDay, receptionDay) >= RECEPTION_ANNOUNCEMENT_DAYS;
}
