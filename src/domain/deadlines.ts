/**
 * Statutory reply deadlines of deputies' suggestions (建议办理期限): the one rule the server,
 * the web app and the tests share.
 *
 * 代表法 第51条: the unit replies within 3 months of 交办, 6 months for wide-ranging or hard
 * cases. Local rules: after the deputy answers 不满意 the unit replies again within N months
 * (1 in some provinces, 2 in others: a township setting).
 *
 * "N months later" is the same day of the month N calendar months on, or that month's last day
 * when it has no such day (2026-11-30 + 3 → 2027-02-28; 2027-11-30 + 3 → 2028-02-29). An
 * impossible day ('2026-02-30', '2026-13-01', 'x') throws a RangeError.
 */
import { addMonths, parseDay, type Day } from './due-dates.js';

/** Months to reply after 交办 (代表法 第51条). */
export const REPLY_MONTHS = 3;
/** Months to reply for wide-ranging or hard cases (涉及面广、处理难度大, 代表法 第51条). */
export const DIFFICULT_REPLY_MONTHS = 6;
/** Default re-handling period (重新办理期限) when the township has no setting. */
export const DEFAULT_REHANDLING_MONTHS = 1;

/** Options of {@link replyDueDate}. */
export interface ReplyDueOptions {
  /** Wide-ranging or hard case: 6 months instead of 3. */
  readonly difficult?: boolean;
}

/**
 * 答复期限: the reply due day of a suggestion handed over (交办) on `assignedOn`, 3 calendar
 * months later or 6 when `difficult` (代表法 第51条), clamped to the month's last day.
 */
export function replyDueDate(assignedOn: Day, opts: ReplyDueOptions = {}): Day {
  parseDay(assignedOn);
  return addMonths(assignedOn, opts.difficult === true ? DIFFICULT_REPLY_MONTHS : REPLY_MONTHS);
}

/**
 * 重新办理期限: the new reply due day after the deputy answered 不满意 on `feedbackOn`,
 * `months` calendar months later by the same month-end rule. `months` is a positive integer.
 */
export function rehandleDueDate(feedbackOn: Day, months: number = DEFAULT_REHANDLING_MONTHS): Day {
  parseDay(feedbackOn);
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive integer, got ${months}`);
  return addMonths(feedbackOn, months);
}
