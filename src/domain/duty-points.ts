/**
 * Deputy duty points (履职积分): a local practice built on the duty record the presidium
 * keeps for each deputy (履职档案, 代表法 第58条). The point values are local rules, so they
 * are settings; the defaults below are common values.
 */

/** Built-in duty event kinds. */
export type DutyEventKind =
  | 'receptionDay'
  | 'unexcusedAbsence'
  | 'inspectionReport'
  | 'suggestion'
  | 'voterContact'
  | 'sessionAttendance'
  | 'studySession';

/**
 * Points per event (积分规则): the built-in kinds plus any locally added kinds. Negative
 * values are deductions (e.g. unexcused absence).
 */
export type DutyPointRules = Readonly<Record<DutyEventKind, number>> & Readonly<Record<string, number>>;

/**
 * Default duty point rules (默认积分规则, local practice under 代表法 第58条): +5 per liaison
 * station reception day (接待日), −5 per unexcused session absence (无故缺席), +20 per
 * inspection report drafted (视察报告), +5 per suggestion (建议), +2 per voter contact
 * (联系选民), +2 per session attended (出席会议), +2 per study session (学习培训).
 */
export const DEFAULT_DUTY_POINT_RULES: DutyPointRules = Object.freeze({
  receptionDay: 5,
  unexcusedAbsence: -5,
  inspectionReport: 20,
  suggestion: 5,
  voterContact: 2,
  sessionAttendance: 2,
  studySession: 2,
});

/** A number of duty events of one kind (履职记录). */
export interface DutyEvent {
  readonly kind: string;
  readonly count: number;
}

/** Points of one kind in a score. */
export interface DutyKindScore {
  readonly count: number;
  readonly pointsEach: number;
  readonly points: number;
}

/** Result of {@link scoreDuty}. */
export interface DutyScore {
  readonly total: number;
  /** Per kind (events of the same kind are summed), only kinds that occurred. */
  readonly breakdown: Readonly<Record<string, DutyKindScore>>;
  /** Kinds with no rule: counted in `breakdown` with 0 points and listed here. */
  readonly unknownKinds: string[];
}

/**
 * Scores a deputy's duty events (履职积分计算, 代表法 第58条 履职档案) against the rules.
 * Counts must be non-negative integers (RangeError otherwise).
 */
export function scoreDuty(events: readonly DutyEvent[], rules: DutyPointRules = DEFAULT_DUTY_POINT_RULES): DutyScore {
  const breakdown: Record<string, DutyKindScore> = {};
  const unknownKinds: string[] = [];
  let total = 0;
  for (const e of events) {
    if (!Number.isInteger(e.count) || e.count < 0) {
      throw new RangeError(`count must be a non-negative integer for ${e.kind}: ${e.count}`);
    }
    const known = Object.prototype.hasOwnProperty.call(rules, e.kind);
    const each = known ? (rules[e.kind] as number) : 0;
    if (!known && !unknownKinds.includes(e.kind)) unknownKinds.push(e.kind);
    const prev = breakdown[e.kind];
    const count = (prev?.count ?? 0) + e.count;
    breakdown[e.kind] = { count, pointsEach: each, points: count * each };
    total += e.count * each;
  }
  return { total, breakdown, unknownKinds };
}

/** A ranked entry returned by {@link rankDeputies}. */
export type Ranked<T> = T & { readonly rank: number };

/**
 * Ranks deputies by total points, highest first (积分排名, 代表法 第58条), with standard
 * competition ranking: ties share a rank and the next rank skips (1, 1, 3). Ties keep
 * their input order. The input is not modified.
 */
export function rankDeputies<T extends { readonly total: number }>(scores: readonly T[]): Ranked<T>[] {
  const sorted = [...scores].sort((a, b) => b.total - a.total);
  let rank = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.total !== (sorted[i - 1] as T).total) rank = i + 1;
    return { ...s, rank };
  });
}

/** One duty act (履职行为) of a kind, `count` times (default once). */
export interface DutyAct {
  readonly kind: string;
  readonly count?: number;
}

/** One line of {@link dutyPoints}: a rule with how often it applied. */
export interface DutyRulePoints {
  readonly kind: string;
  readonly count: number;
  readonly pointsEach: number;
  readonly points: number;
}

/** Result of {@link dutyPoints}. */
export interface DutyPointsResult {
  readonly total: number;
  /** Every rule, in the rules' order, with count 0 where no act matched; then kinds with no rule (0 points). */
  readonly byRule: readonly DutyRulePoints[];
  readonly unknownKinds: readonly string[];
}

/**
 * Duty points (履职积分, 代表法 第58条 履职档案): the total of `acts` under the township's
 * `rules` (kind of act → points), with the per-rule breakdown the duty record shows. Built on
 * {@link scoreDuty}; acts of a kind without a rule count 0 and are listed in `unknownKinds`.
 */
export function dutyPoints(acts: readonly DutyAct[], rules: DutyPointRules = DEFAULT_DUTY_POINT_RULES): DutyPointsResult {
  const score = scoreDuty(acts.map((a) => ({ kind: a.kind, count: a.count ?? 1 })), rules);
  const byRule: DutyRulePoints[] = Object.keys(rules).map((kind) => {
    const b = score.breakdown[kind];
    return { kind, count: b?.count ?? 0, pointsEach: rules[kind] as number, points: b?.points ?? 0 };
  });
  for (const kind of score.unknownKinds) byRule.push({ kind, ...(score.breakdown[kind] as DutyKindScore) });
  return { total: score.total, byRule, unknownKinds: score.unknownKinds };
}
