/**
 * Quorum and voting thresholds of a township people's congress (乡镇人民代表大会),
 * under 地方组织法 (2022-03-11 revision).
 *
 * All thresholds are computed in integers: "more than 2/3" and "more than half" are
 * strict, so exactly 2/3 or exactly half is not enough.
 */

function assertCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/**
 * Minimum number of deputies present for a session to be held (法定出席人数): more than
 * two thirds of all seated deputies (地方组织法 第14条), i.e. floor(2 × seated / 3) + 1.
 * seated 60 → 41 (40 is exactly 2/3, not enough).
 */
export function quorumThreshold(seated: number): number {
  assertCount(seated, 'seated');
  return Math.floor((2 * seated) / 3) + 1;
}

/** True when `present` deputies make a quorum (会议有效) of `seated` (地方组织法 第14条). */
export function hasQuorum(present: number, seated: number): boolean {
  assertCount(present, 'present');
  return present >= quorumThreshold(seated);
}

/**
 * Minimum yes votes for a resolution or election to pass (通过票数): more than half of ALL
 * seated deputies, not of those present (全体代表的过半数, 地方组织法 第25条), i.e.
 * floor(seated / 2) + 1. seated 60 → 31 (30 is exactly half, fails).
 */
export function passThreshold(seated: number): number {
  assertCount(seated, 'seated');
  return Math.floor(seated / 2) + 1;
}

/**
 * Minimum number of deputies who may demand an extra session (临时召集): one fifth of the
 * deputies (五分之一以上代表提议, 地方组织法 第14条), i.e. ceil(seated / 5), and at least 1.
 */
export function extraSessionThreshold(seated: number): number {
  assertCount(seated, 'seated');
  return Math.max(1, Math.ceil(seated / 5));
}

/** Minimum co-signers of a township-level motion (议案联名): 5 deputies (地方组织法 第22条). */
export const MOTION_MIN_CO_SIGNERS = 5;

/**
 * True when a motion (议案) has enough joint signers: 5 or more deputies (代表五人以上联名,
 * 地方组织法 第22条). The count includes the lead deputy.
 */
export function motionCoSignersOk(count: number): boolean {
  return Number.isInteger(count) && count >= MOTION_MIN_CO_SIGNERS;
}

/** The text of the 建议 a motion not put on the agenda becomes: its 案由, 案据 and 方案. */
export function motionAsSuggestionContent(m: { reason: string; basis: string; proposal: string }): string {
  return `案由：${m.reason}\n案据：${m.basis}\n方案：${m.proposal}`;
}

/** Minimum deputies to form a deputy group (代表小组): 3 (地方组织法 第43条). */
export const DEPUTY_GROUP_MIN_SIZE = 3;

/** True when `count` deputies may form a deputy group (代表小组, 地方组织法 第43条): 3 or more. */
export function deputyGroupSizeOk(count: number): boolean {
  return Number.isInteger(count) && count >= DEPUTY_GROUP_MIN_SIZE;
}

/** The counts of one vote (表决结果). */
export interface VoteInput {
  /** All deputies currently holding a seat (全体代表 / 现有代表人数). */
  readonly seated: number;
  /** Deputies present (出席). */
  readonly present: number;
  /** 赞成 */
  readonly yes: number;
  /** 反对 */
  readonly no: number;
  /** 弃权 */
  readonly abstain: number;
}

/** Stable error codes of {@link evaluateVote}. */
export type VoteError =
  | 'seated_invalid'
  | 'present_invalid'
  | 'yes_invalid'
  | 'no_invalid'
  | 'abstain_invalid'
  | 'present_exceeds_seated'
  | 'votes_exceed_present';

/** Outcome of a vote, with the threshold and margin to display (地方组织法 第25条). */
export interface VoteOutcome {
  /** True only when the input is consistent, the quorum is met and yes ≥ threshold. */
  readonly passed: boolean;
  /** Minimum yes votes: more than half of all seated deputies. */
  readonly threshold: number;
  /** yes − threshold: ≥ 0 when passed on the count, negative when short. */
  readonly margin: number;
  readonly quorumMet: boolean;
  readonly quorumThreshold: number;
  /** Present deputies who cast no vote (未按表决器 / 未投票): present − yes − no − abstain. */
  readonly notVoting: number;
  /** Input inconsistencies; non-empty means the vote cannot be recorded as passed. */
  readonly errors: VoteError[];
}

/**
 * Evaluates a vote (表决结果判定): passes with more than half of ALL seated deputies voting
 * yes (地方组织法 第25条) at a session with a quorum (地方组织法 第14条). Validates that every
 * count is a non-negative integer and yes + no + abstain ≤ present ≤ seated; invalid
 * counts yield error codes (never an exception) and `passed: false`.
 */
export function evaluateVote(input: VoteInput): VoteOutcome {
  const errors: VoteError[] = [];
  const ok = (n: number): boolean => Number.isInteger(n) && n >= 0;
  if (!ok(input.seated)) errors.push('seated_invalid');
  if (!ok(input.present)) errors.push('present_invalid');
  if (!ok(input.yes)) errors.push('yes_invalid');
  if (!ok(input.no)) errors.push('no_invalid');
  if (!ok(input.abstain)) errors.push('abstain_invalid');
  const seatedOk = ok(input.seated);
  if (seatedOk && ok(input.present) && input.present > input.seated) errors.push('present_exceeds_seated');
  if (ok(input.present) && ok(input.yes) && ok(input.no) && ok(input.abstain)) {
    if (input.yes + input.no + input.abstain > input.present) errors.push('votes_exceed_present');
  }
  const threshold = seatedOk ? passThreshold(input.seated) : Number.NaN;
  const qThreshold = seatedOk ? quorumThreshold(input.seated) : Number.NaN;
  const quorumMet = seatedOk && ok(input.present) && input.present >= qThreshold;
  const margin = input.yes - threshold;
  const passed = errors.length === 0 && quorumMet && input.yes >= threshold;
  return {
    passed,
    threshold,
    margin,
    quorumMet,
    quorumThreshold: qThreshold,
    notVoting: input.present - input.yes - input.no - input.abstain,
    errors,
  };
}

/** The counts of a resolution vote for {@link resolutionOutcome}. */
export interface ResolutionCounts {
  /** All deputies holding a seat (全体代表). */
  readonly seated: number;
  /** Deputies present (出席). */
  readonly present: number;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

/** The legal outcome of a resolution vote (决议表决结果). */
export interface ResolutionOutcome {
  /** present > 2/3 × seated (地方组织法 第14条). */
  readonly quorumMet: boolean;
  /** quorumMet and yes ≥ threshold. */
  readonly passed: boolean;
  /** Smallest number of yes votes that is more than half of ALL seated (地方组织法 第25条). */
  readonly threshold: number;
  /** yes − threshold: ≥ 0 enough yes votes, negative short by that many. */
  readonly margin: number;
}

/**
 * Decides a resolution vote (决议): it passes only at a session with a quorum (more than 2/3 of
 * all seated present, 地方组织法 第14条) and with more than half of ALL seated deputies voting yes,
 * not of those present (全体代表的过半数, 第25条).
 *
 * The verdict is {@link evaluateVote}'s; unlike it, inconsistent input is a programming or data-entry error here and
 * throws a RangeError naming the field: a negative or non-integer count ("yes must be a
 * non-negative integer, got -1"), `yes + no + abstain > present`, or `present > seated`.
 */
export function resolutionOutcome(counts: ResolutionCounts): ResolutionOutcome {
  const { seated, present, yes, no, abstain } = counts;
  for (const [name, n] of [['seated', seated], ['present', present], ['yes', yes], ['no', no], ['abstain', abstain]] as const) assertCount(n, name);
  if (present > seated) throw new RangeError(`present (${present}) must not exceed seated (${seated})`);
  if (yes + no + abstain > present) throw new RangeError(`yes + no + abstain (${yes + no + abstain}) must not exceed present (${present})`);
  // The counts are consistent now, so evaluateVote's verdict is the legal one.
  const { quorumMet, passed, threshold, margin } = evaluateVote(counts);
  return { quorumMet, passed, threshold, margin };
}
