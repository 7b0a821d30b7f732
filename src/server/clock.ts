import { todayInShanghai, type Day } from '../domain/due-dates.js';
import { nowIso } from './ids.js';

/**
 * "Today" (a calendar day in Asia/Shanghai) and "now" (an ISO instant), injectable so deadline
 * rules can be tested at their boundaries and the demo can date its records in the past.
 */
export interface Clock {
  today(): Day;
  now(): string;
}

/** The real clock. */
export const systemClock: Clock = { today: () => todayInShanghai(), now: () => nowIso() };

/** A clock stopped on `day` at `time` (UTC, so the default 02:00 is 10:00 in Shanghai, the same day). */
export function clockAt(day: Day, time = '02:00:00'): Clock {
  return { today: () => day, now: () => `${day}T${time}.000Z` };
}
