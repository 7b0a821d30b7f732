/**
 * The suggestions API's shapes, as sent by src/server/modules/suggestions/suggestions.presenter.ts
 * and the workflow maps of suggestions.workflow.ts.
 */

export const SUGGESTION_KINDS = ['motion', 'suggestion', 'criticism', 'opinion'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SUGGESTION_STATES = [
  'draft', 'submitted', 'returned', 'withdrawn', 'registered', 'assigned', 'replied', 're_handling', 'closed',
] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
/** Grades whose promise is followed until kept (落实跟踪). */
export const TRACKED_GRADES: readonly Grade[] = ['B', 'C'];

export const FEEDBACKS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Feedback = (typeof FEEDBACKS)[number];

export const IMPLEMENTATIONS = ['not_applicable', 'pending', 'in_progress', 'implemented'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

export const CONTACT_METHODS = ['visit', 'phone', 'meeting', 'letter', 'online', 'other'] as const;
export const SUPERVISION_METHODS = ['reminder', 'letter', 'meeting', 'site_visit', 'hearing', 'other'] as const;
export const RAISED_AT = ['session', 'between_sessions'] as const;
export type RaisedAt = (typeof RAISED_AT)[number];

export type AttachmentPurpose = 'submission' | 'reply' | 'evidence';
/** File kinds the server accepts (it checks the bytes, not the name). */
export const ATTACHMENT_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** A 议案 needs the lead deputy and 4 others: 5 or more jointly (地方组织法 第22条). */
export const MOTION_MIN_SIGNERS = 5;

/** What the signed-in user may do now, sent with each detail (transitions and steps). */
export type SuggestionAction =
  | 'submit' | 'withdraw' | 'register' | 'return' | 'assign' | 'reply' | 'feedback' | 'close'
  | 'edit' | 'sign' | 'consent' | 'contact' | 'opinion' | 'progress' | 'supervise' | 'attach' | 'revealContact';

export interface Deadline {
  replyDueOn: string | null;
  /** Days left in a handling state; negative when overdue. */
  daysLeft: number | null;
  isOverdue: boolean;
  overdueFlaggedAt: string | null;
}

export interface SuggestionSummary {
  id: string;
  townshipId: string;
  refNo: string | null;
  year: number | null;
  kind: SuggestionKind;
  kindLabel: string;
  title: string;
  category: string | null;
  raisedAt: RaisedAt;
  state: SuggestionState;
  stateLabel: string;
  phase: string;
  authorDeputyId: string;
  authorName: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  isDifficult: boolean;
  isPublic: boolean;
  round: number;
  assignedOn: string | null;
  grade: Grade | null;
  repliedOn: string | null;
  feedback: Feedback | null;
  implementation: Implementation;
  submittedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  deadline: Deadline;
}

export interface Attachment {
  id: string;
  purpose: AttachmentPurpose;
  fileName: string;
  mime: string;
  sizeBytes: number;
  progressId: string | null;
  createdAt: string;
}

export interface Opinion {
  id: string;
  unitId: string;
  content: string;
  createdAt: string;
}

export interface SuggestionReply {
  id: string;
  unitId: string;
  round: number;
  grade: Grade;
  content: string;
  repliedOn: string;
  dueOn: string;
  isOnTime: boolean;
  feedback: Feedback | null;
  feedbackComment: string | null;
  feedbackAt: string | null;
  coUnitOpinions: Opinion[];
}

export interface SuggestionEvent {
  id: string;
  action: string;
  fromState: SuggestionState | null;
  toState: SuggestionState | null;
  round: number;
  actorName: string | null;
  note: string | null;
  detail: unknown;
  at: string;
}

export interface SuggestionDetail extends SuggestionSummary {
  content: string;
  sessionId: string | null;
  motionId: string | null;
  returnReason: string | null;
  registeredAt: string | null;
  implementedOn: string | null;
  signers: { deputyId: string; name: string; isAuthor: boolean; confirmedAt: string | null; confirmation: 'self' | 'paper' | null }[];
  confirmedSigners: number;
  units: { unitId: string; name: string; role: 'lead' | 'co'; assignedOn: string; isActive: boolean }[];
  contacts: { id: string; unitId: string; round: number; contactedOn: string; method: string; note: string; createdAt: string }[];
  replies: SuggestionReply[];
  pendingOpinions: Opinion[];
  progress: { id: string; entryOn: string; status: 'in_progress' | 'implemented'; content: string; attachmentIds: string[]; createdAt: string }[];
  supervisions: { id: string; method: string; actedOn: string; note: string; createdAt: string }[];
  attachments: Attachment[];
  events: SuggestionEvent[];
  actions: SuggestionAction[];
}

export interface SimilarSuggestion {
  id: string;
  refNo: string | null;
  title: string;
  state: SuggestionState;
  year: number | null;
  category: string | null;
  grade: string | null;
  score: number;
}

export interface UnitStats {
  unitId: string;
  unitName: string;
  assigned: number;
  coAssigned: number;
  replied: number;
  repliedOnTime: number;
  overdueNow: number;
  onTimeRate: number | null;
  withFeedback: number;
  satisfied: number;
  satisfactionRate: number | null;
  grades: Record<Grade, number>;
  promised: number;
  implemented: number;
  implementationRate: number | null;
}

/** A year's suggestions of one kind, category ('' = not yet registered) or state. */
export interface GroupStats {
  key: string;
  label: string;
  count: number;
  assigned: number;
  replied: number;
  closed: number;
  overdueNow: number;
}

export interface SuggestionStats {
  year: number;
  units: UnitStats[];
  total: UnitStats;
  byKind: GroupStats[];
  byCategory: GroupStats[];
  byState: GroupStats[];
}

export interface SuggestionFilters {
  year?: number;
  states?: SuggestionState[];
  kind?: SuggestionKind;
  category?: string;
  leadUnitId?: string;
  overdue?: boolean;
  /** 即将到期: in handling, reply due within this many days. */
  dueWithin?: number;
  search?: string;
}

/** The fields of the submit form, as the API takes them. */
export interface SuggestionInput {
  kind: SuggestionKind;
  title: string;
  content: string;
  raisedAt: RaisedAt;
  sessionId: string | null;
  coSignerIds: string[];
}

/** A deputy as the picker needs it (GET /townships/:id/deputies). */
export interface DeputyOption {
  id: string;
  name: string;
  level: 'township' | 'county';
  termNumber: number;
  isServing: boolean;
  workplace: string | null;
}

/** A session as the form needs it (GET /townships/:id/sessions). */
export interface SessionOption {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  state: string;
}
