import type { Role, SuggestionKind, SuggestionState } from '../../db/schema.js';

/**
 * The suggestion workflow as data (STYLE.md item 11): each state with its phase, each
 * transition with the states it leaves from and the parties who may take it, each recorded step
 * (contact, opinion, progress…) with the states it is allowed in. The service checks these
 * maps; the presenter sends the actions the actor may take so the UI shows only those.
 */

export const SUGGESTION_KINDS = ['motion', 'suggestion', 'criticism', 'opinion'] as const satisfies readonly SuggestionKind[];
export const SUGGESTION_STATES = [
  'draft', 'submitted', 'returned', 'withdrawn', 'registered', 'assigned', 'replied', 're_handling', 'closed',
] as const satisfies readonly SuggestionState[];

/** 议案, 建议, 批评, 意见. */
export const KIND_LABELS: Record<SuggestionKind, string> = { motion: '议案', suggestion: '建议', criticism: '批评', opinion: '意见' };

/**
 * Each state typed by phase (as FixMyStreet types custom states), so the labels can change
 * without touching the logic. `isHandling`: a unit is working on it and a reply is due.
 * `isPublic`: may appear on the portal (with the author's consent).
 */
export const STATE_INFO = {
  draft: { phase: 'draft', label: '草稿', isHandling: false, isPublic: false },
  submitted: { phase: 'open', label: '待立案', isHandling: false, isPublic: false },
  returned: { phase: 'ended', label: '已退回', isHandling: false, isPublic: false },
  withdrawn: { phase: 'ended', label: '已撤回', isHandling: false, isPublic: false },
  registered: { phase: 'open', label: '已立案待交办', isHandling: false, isPublic: true },
  assigned: { phase: 'open', label: '办理中', isHandling: true, isPublic: true },
  replied: { phase: 'open', label: '已答复待反馈', isHandling: false, isPublic: true },
  re_handling: { phase: 'open', label: '重新办理中', isHandling: true, isPublic: true },
  closed: { phase: 'closed', label: '已办结', isHandling: false, isPublic: true },
} as const satisfies Record<SuggestionState, { phase: 'draft' | 'open' | 'ended' | 'closed'; label: string; isHandling: boolean; isPublic: boolean }>;

export const HANDLING_STATES = SUGGESTION_STATES.filter((s) => STATE_INFO[s].isHandling);
export const PUBLIC_STATES = SUGGESTION_STATES.filter((s) => STATE_INFO[s].isPublic);

/**
 * Who stands in what relation to a suggestion.
 * - owner: the author deputy, or the staff member who entered it (a paper submission)
 * - author: the author deputy (领衔代表) only
 * - signer: a co-signing deputy (附议/联名代表)
 * - office: 人大办 (suggestion.manage)
 * - presidium: 主席团 and the office (suggestion.supervise)
 * - lead_unit / co_unit: a handler of the 主办 / 协办 unit
 */
export type Party = 'owner' | 'author' | 'signer' | 'office' | 'presidium' | 'lead_unit' | 'co_unit';

export type TransitionName = 'submit' | 'withdraw' | 'register' | 'return' | 'assign' | 'reply' | 'feedback' | 'close';

interface Transition {
  from: readonly SuggestionState[];
  to: readonly SuggestionState[];
  by: readonly Party[];
  /** Chinese name, for the event history. */
  label: string;
}

/** The allowed transitions: from which states, to which, and by whom. */
export const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: ['submitted'], by: ['owner'], label: '提交' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: ['withdrawn'], by: ['owner'], label: '撤回' },
  register: { from: ['submitted'], to: ['registered'], by: ['office'], label: '立案' },
  return: { from: ['submitted'], to: ['returned'], by: ['office'], label: '退回' },
  // From 'assigned' it is a re-assignment (改办) before the unit has replied.
  assign: { from: ['registered', 'assigned'], to: ['assigned'], by: ['office'], label: '交办' },
  reply: { from: ['assigned', 're_handling'], to: ['replied'], by: ['lead_unit'], label: '答复' },
  // 满意/基本满意 close it (办结); 不满意 sends it back for re-handling.
  feedback: { from: ['replied'], to: ['closed', 're_handling'], by: ['author', 'office'], label: '代表反馈' },
  // 办结 without the deputy's feedback (e.g. none came back in time), with a note.
  close: { from: ['replied'], to: ['closed'], by: ['office'], label: '办结' },
} as const satisfies Record<TransitionName, Transition>;

export type StepName = 'edit' | 'sign' | 'consent' | 'contact' | 'opinion' | 'progress' | 'supervise' | 'attach' | 'revealContact';

/** Steps that record something without changing the state. */
export const STEPS = {
  edit: { in: ['draft', 'returned'], by: ['owner'], label: '修改' },
  sign: { in: ['submitted'], by: ['signer', 'office'], label: '确认联名' },
  consent: { in: ['draft', 'submitted', 'registered', 'assigned', 'replied', 're_handling', 'closed'], by: ['author', 'owner'], label: '公开同意' },
  contact: { in: ['assigned', 're_handling'], by: ['lead_unit', 'co_unit'], label: '联系代表' },
  opinion: { in: ['assigned', 're_handling'], by: ['co_unit'], label: '协办意见' },
  progress: { in: ['replied', 're_handling', 'closed'], by: ['lead_unit', 'office'], label: '落实进展' },
  supervise: { in: ['registered', 'assigned', 'replied', 're_handling', 'closed'], by: ['presidium'], label: '督办' },
  attach: { in: ['draft', 'submitted', 'returned', 'registered', 'assigned', 'replied', 're_handling', 'closed'], by: ['owner', 'office', 'lead_unit', 'co_unit'], label: '上传附件' },
  revealContact: { in: ['assigned', 'replied', 're_handling', 'closed'], by: ['lead_unit', 'co_unit', 'office'], label: '查看代表联系方式' },
} as const satisfies Record<StepName, { in: readonly SuggestionState[]; by: readonly Party[]; label: string }>;

export type ActionName = TransitionName | StepName;

/** Whether `parties` may take `action` in `state`. */
export function isAllowed(action: ActionName, state: SuggestionState, parties: ReadonlySet<Party>): boolean {
  const rule = action in TRANSITIONS ? TRANSITIONS[action as TransitionName] : STEPS[action as StepName];
  const states: readonly SuggestionState[] = 'from' in rule ? rule.from : rule.in;
  return states.includes(state) && rule.by.some((p) => parties.has(p));
}

/** Every action `parties` may take in `state`, for the UI. */
export function allowedActions(state: SuggestionState, parties: ReadonlySet<Party>): ActionName[] {
  return [...Object.keys(TRANSITIONS), ...Object.keys(STEPS)].filter((a) => isAllowed(a as ActionName, state, parties)) as ActionName[];
}

/** Which suggestions a role sees (STYLE.md item 7): all of its townships', its own, its unit's, or none. */
export type Visibility = 'all' | 'own' | 'unit' | 'none';
export const SUGGESTION_VISIBILITY = {
  county_admin: 'all',
  office: 'all',
  presidium: 'all',
  deputy: 'own',
  unit_handler: 'unit',
  village_clerk: 'none',
} as const satisfies Record<Role, Visibility>;

/** Grades of a reply (办理结果). */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export const GRADE_LABELS = { A: '已解决', B: '正在解决或列入计划解决', C: '条件具备时解决', D: '留作参考' } as const;
/** Grades whose promise is followed until kept (落实跟踪). */
export const TRACKED_GRADES: readonly string[] = ['B', 'C'];
export const FEEDBACKS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const FEEDBACK_LABELS = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' } as const;
export const IMPLEMENTATION_LABELS = { not_applicable: '不适用', pending: '待落实', in_progress: '落实中', implemented: '已落实' } as const;
export const CONTACT_METHODS = ['visit', 'phone', 'meeting', 'letter', 'online', 'other'] as const;
export const SUPERVISION_METHODS = ['reminder', 'letter', 'meeting', 'site_visit', 'hearing', 'other'] as const;
export const RAISED_AT = ['session', 'between_sessions'] as const;
