/**
 * The procedure calendar of a village committee election (选举工作日程). The steps and their
 * periods are data (a procedure profile): the law (村民委员会组织法) sets some periods and each
 * province's measures (一法两办法) add or tighten others, so nothing here names a step.
 */

import { addDays, daysBetween, isValidDay } from './due-dates.js';

/** A period rule of a step, relative to another step of the same calendar. */
export type StepRule =
  /** The step must fall at least `days` days before `ref` (e.g. the voter list 20 days before voting). */
  | { kind: 'min_days_before'; ref: string; days: number; basis: string }
  /** The step must fall at most `days` days after `ref` (e.g. objections decided within 3 days). */
  | { kind: 'max_days_after'; ref: string; days: number; basis: string };

export interface ProfileStep {
  key: string;
  /** zh-CN name of the step. */
  label: string;
  labelEn: string;
  /** Default planned day relative to the voting day (negative = before). */
  offset: number;
  rules: StepRule[];
}

/** A calendar step as recorded: planned and actual days. */
export interface CalendarStep {
  key: string;
  plannedOn: string | null;
  doneOn: string | null;
}

export type StepFlagCode = 'out_of_order' | 'period_too_short' | 'period_too_long' | 'overdue';

export interface StepFlag {
  code: StepFlagCode;
  /** The step the rule refers to, or the earlier step not yet done. */
  ref?: string;
  /** The period the rule requires, and the period found. */
  days?: number;
  actual?: number;
  basis?: string;
}

/** The planned calendar from the voting day: every step at its profile offset. */
export function planCalendar(steps: readonly ProfileStep[], voteDay: string): CalendarStep[] {
  if (!isValidDay(voteDay)) throw new Error(`voteDay must be YYYY-MM-DD, got ${voteDay}`);
  return steps.map((s) => ({ key: s.key, plannedOn: addDays(voteDay, s.offset), doneOn: null }));
}

/**
 * Checks a calendar against its profile (选举程序审查): a step done before an earlier step was
 * done (out of order), a period shorter or longer than its rule allows (the actual day when the
 * step is done, the planned day otherwise), and a planned day passed with the step not done.
 * Returns the flags per step key; a step without flags is absent.
 */
export function checkCalendar(profile: readonly ProfileStep[], steps: readonly CalendarStep[], today: string): Map<string, StepFlag[]> {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const dayOf = (key: string): string | null => {
    const s = byKey.get(key);
    return s ? (s.doneOn ?? s.plannedOn) : null;
  };
  const flags = new Map<string, StepFlag[]>();
  const add = (key: string, f: StepFlag) => flags.set(key, [...(flags.get(key) ?? []), f]);
  profile.forEach((p, i) => {
    const step = byKey.get(p.key);
    if (!step) return;
    if (step.doneOn) {
      for (const earlier of profile.slice(0, i)) {
        const e = byKey.get(earlier.key);
        if (!e?.doneOn || e.doneOn > step.doneOn) {
          add(p.key, { code: 'out_of_order', ref: earlier.key });
          break;
        }
      }
    } else if (step.plannedOn && step.plannedOn < today) {
      add(p.key, { code: 'overdue' });
    }
    const day = step.doneOn ?? step.plannedOn;
    if (!day) return;
    for (const rule of p.rules) {
      const ref = dayOf(rule.ref);
      if (!ref) continue;
      if (rule.kind === 'min_days_before') {
        const actual = daysBetween(day, ref);
        if (actual < rule.days) add(p.key, { code: 'period_too_short', ref: rule.ref, days: rule.days, actual, basis: rule.basis });
      } else {
        const actual = daysBetween(ref, day);
        if (actual > rule.days) add(p.key, { code: 'period_too_long', ref: rule.ref, days: rule.days, actual, basis: rule.basis });
      }
    }
  });
  return flags;
}
