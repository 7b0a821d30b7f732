import { z } from 'zod';
import { daysBetween, type Day } from '../../../domain/due-dates.js';
import type * as repo from './suggestions.repository.js';
import { isSuggestionOverdue, type SuggestionDetail } from './suggestions.service.js';
import type { UnitStats } from './suggestions.reports.js';
import {
  FEEDBACKS, GRADES, KIND_LABELS, RAISED_AT, STATE_INFO, STEPS, SUGGESTION_KINDS, SUGGESTION_STATES, TRANSITIONS,
} from './suggestions.workflow.js';

const ZState = z.enum(SUGGESTION_STATES);
const ZKind = z.enum(SUGGESTION_KINDS);
const ZGrade = z.enum(GRADES);
const ZFeedback = z.enum(FEEDBACKS);
const ZImplementation = z.enum(['not_applicable', 'pending', 'in_progress', 'implemented']);

/** Deadline figures shown on every row: the due day, days left (negative: overdue) and the flag. */
const ZDeadline = z.object({
  replyDueOn: z.string().nullable(),
  daysLeft: z.number().nullable(),
  isOverdue: z.boolean(),
  /** Set by the sweep for the current due day (督办 flag). */
  overdueFlaggedAt: z.string().nullable(),
});

function deadline(s: repo.SuggestionRow, today: Day): z.infer<typeof ZDeadline> {
  const handling = s.state === 'assigned' || s.state === 're_handling';
  return {
    replyDueOn: s.reply_due_on,
    daysLeft: handling && s.reply_due_on ? daysBetween(today, s.reply_due_on) : null,
    isOverdue: isSuggestionOverdue(s, today),
    overdueFlaggedAt: handling && s.overdue_flagged_due === s.reply_due_on ? s.overdue_flagged_at : null,
  };
}

export const ZSuggestionSummary = z.object({
  id: z.string(),
  townshipId: z.string(),
  refNo: z.string().nullable(),
  year: z.number().nullable(),
  kind: ZKind,
  kindLabel: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  raisedAt: z.enum(RAISED_AT),
  state: ZState,
  stateLabel: z.string(),
  phase: z.string(),
  authorDeputyId: z.string(),
  authorName: z.string(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  isDifficult: z.boolean(),
  isPublic: z.boolean(),
  round: z.number(),
  assignedOn: z.string().nullable(),
  grade: ZGrade.nullable(),
  repliedOn: z.string().nullable(),
  feedback: ZFeedback.nullable(),
  implementation: ZImplementation,
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  deadline: ZDeadline,
});

export function presentSummary(s: repo.SuggestionRow & { author_name: string; lead_unit_name: string | null }, today: Day): z.infer<typeof ZSuggestionSummary> {
  return {
    id: s.id, townshipId: s.township_id, refNo: s.ref_no, year: s.year, kind: s.kind, kindLabel: KIND_LABELS[s.kind], title: s.title,
    category: s.category, raisedAt: s.raised_at, state: s.state, stateLabel: STATE_INFO[s.state].label, phase: STATE_INFO[s.state].phase,
    authorDeputyId: s.author_deputy_id, authorName: s.author_name, leadUnitId: s.lead_unit_id, leadUnitName: s.lead_unit_name,
    isDifficult: s.is_difficult, isPublic: s.is_public, round: s.round, assignedOn: s.assigned_on, grade: s.grade, repliedOn: s.replied_on,
    feedback: s.feedback, implementation: s.implementation, submittedAt: s.submitted_at, closedAt: s.closed_at, createdAt: s.created_at,
    deadline: deadline(s, today),
  };
}

const ZActions = z.array(z.enum([...Object.keys(TRANSITIONS), ...Object.keys(STEPS)] as [string, ...string[]]));

export const ZSuggestionDetail = ZSuggestionSummary.extend({
  content: z.string(),
  sessionId: z.string().nullable(),
  motionId: z.string().nullable(),
  returnReason: z.string().nullable(),
  registeredAt: z.string().nullable(),
  implementedOn: z.string().nullable(),
  signers: z.array(z.object({
    deputyId: z.string(), name: z.string(), isAuthor: z.boolean(), confirmedAt: z.string().nullable(), confirmation: z.enum(['self', 'paper']).nullable(),
  })),
  confirmedSigners: z.number(),
  units: z.array(z.object({ unitId: z.string(), name: z.string(), role: z.enum(['lead', 'co']), assignedOn: z.string(), isActive: z.boolean() })),
  contacts: z.array(z.object({ id: z.string(), unitId: z.string(), round: z.number(), contactedOn: z.string(), method: z.string(), note: z.string(), createdAt: z.string() })),
  replies: z.array(z.object({
    id: z.string(), unitId: z.string(), round: z.number(), grade: ZGrade, content: z.string(), repliedOn: z.string(), dueOn: z.string(), isOnTime: z.boolean(),
    feedback: ZFeedback.nullable(), feedbackComment: z.string().nullable(), feedbackAt: z.string().nullable(),
    /** 协办意见 of the same round, attached to the lead reply. */
    coUnitOpinions: z.array(z.object({ id: z.string(), unitId: z.string(), content: z.string(), createdAt: z.string() })),
  })),
  /** Co-unit opinions of the current round not yet attached to a reply. */
  pendingOpinions: z.array(z.object({ id: z.string(), unitId: z.string(), content: z.string(), createdAt: z.string() })),
  progress: z.array(z.object({ id: z.string(), entryOn: z.string(), status: z.enum(['in_progress', 'implemented']), content: z.string(), attachmentIds: z.array(z.string()), createdAt: z.string() })),
  supervisions: z.array(z.object({ id: z.string(), method: z.string(), actedOn: z.string(), note: z.string(), createdAt: z.string() })),
  attachments: z.array(z.object({ id: z.string(), purpose: z.enum(['submission', 'reply', 'evidence']), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), progressId: z.string().nullable(), createdAt: z.string() })),
  events: z.array(z.object({
    id: z.string(), action: z.string(), fromState: ZState.nullable(), toState: ZState.nullable(), round: z.number(), actorName: z.string().nullable(),
    note: z.string().nullable(), detail: z.unknown(), at: z.string(),
  })),
  /** What the signed-in user may do now (the UI shows only these). */
  actions: ZActions,
});

export function presentDetail(d: SuggestionDetail): z.infer<typeof ZSuggestionDetail> {
  const s = d.s;
  const leadName = d.units.find((u) => u.unit_id === s.lead_unit_id)?.unit_name ?? null;
  const opinion = (o: repo.OpinionRow) => ({ id: o.id, unitId: o.unit_id, content: o.content, createdAt: o.created_at });
  const repliedRounds = new Set(d.replies.map((r) => r.round));
  return {
    ...presentSummary({ ...s, author_name: d.authorName, lead_unit_name: leadName }, d.today),
    content: s.content, sessionId: s.session_id, motionId: s.motion_id, returnReason: s.return_reason, registeredAt: s.registered_at, implementedOn: s.implemented_on,
    signers: d.signers.map((x) => ({ deputyId: x.deputy_id, name: x.deputy_name, isAuthor: x.is_author, confirmedAt: x.confirmed_at, confirmation: x.confirmation })),
    confirmedSigners: d.signers.filter((x) => x.confirmed_at).length,
    units: d.units.map((u) => ({ unitId: u.unit_id, name: u.unit_name, role: u.role, assignedOn: u.assigned_on, isActive: !u.removed_at })),
    contacts: d.contacts.map((c) => ({ id: c.id, unitId: c.unit_id, round: c.round, contactedOn: c.contacted_on, method: c.method, note: c.note, createdAt: c.created_at })),
    replies: d.replies.map((r) => ({
      id: r.id, unitId: r.unit_id, round: r.round, grade: r.grade, content: r.content, repliedOn: r.replied_on, dueOn: r.due_on, isOnTime: r.is_on_time,
      feedback: r.feedback, feedbackComment: r.feedback_comment, feedbackAt: r.feedback_at,
      coUnitOpinions: d.opinions.filter((o) => o.round === r.round).map(opinion),
    })),
    pendingOpinions: d.opinions.filter((o) => !repliedRounds.has(o.round)).map(opinion),
    progress: d.progress.map((p) => ({
      id: p.id, entryOn: p.entry_on, status: p.status, content: p.content, createdAt: p.created_at,
      attachmentIds: d.attachments.filter((a) => a.progress_id === p.id).map((a) => a.id),
    })),
    supervisions: d.supervisions.map((x) => ({ id: x.id, method: x.method, actedOn: x.acted_on, note: x.note, createdAt: x.created_at })),
    attachments: d.attachments.map(presentAttachment),
    events: d.events.map((e) => ({
      id: e.id, action: e.action, fromState: e.from_state, toState: e.to_state, round: e.round, actorName: e.actor_name, note: e.note,
      detail: e.detail_json ? JSON.parse(e.detail_json) as unknown : null, at: e.at,
    })),
    actions: d.actions,
  };
}

export const ZAttachment = z.object({ id: z.string(), purpose: z.enum(['submission', 'reply', 'evidence']), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), progressId: z.string().nullable(), createdAt: z.string() });
export function presentAttachment(a: repo.AttachmentRow): z.infer<typeof ZAttachment> {
  return { id: a.id, purpose: a.purpose, fileName: a.file_name, mime: a.mime, sizeBytes: a.size_bytes, progressId: a.progress_id, createdAt: a.created_at };
}

const ZRate = z.number().nullable();
export const ZUnitStats = z.object({
  unitId: z.string(), unitName: z.string(), assigned: z.number(), coAssigned: z.number(), replied: z.number(), repliedOnTime: z.number(),
  overdueNow: z.number(), onTimeRate: ZRate, withFeedback: z.number(), satisfied: z.number(), satisfactionRate: ZRate,
  grades: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }), promised: z.number(), implemented: z.number(), implementationRate: ZRate,
});
/** A year's suggestions of one kind, category or state. */
export const ZGroupStats = z.object({ key: z.string(), label: z.string(), count: z.number(), assigned: z.number(), replied: z.number(), closed: z.number(), overdueNow: z.number() });

export function presentStats(s: UnitStats): z.infer<typeof ZUnitStats> {
  return { ...s, grades: { ...s.grades } };
}

/** What the portal may show: consented, no personal data (no names, no content, no contacts, no feedback). */
export const ZPublicSuggestion = z.object({
  refNo: z.string().nullable(),
  year: z.number().nullable(),
  kind: ZKind,
  kindLabel: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  submittedOn: z.string().nullable(),
  assignedOn: z.string().nullable(),
  replyDueOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  grade: ZGrade.nullable(),
  implementation: ZImplementation,
  closedOn: z.string().nullable(),
  /** The latest reply's text, once replied. */
  reply: z.string().nullable(),
});

export function presentPublic(p: repo.PublicRow, reply: string | null, shanghaiDayOf: (instant: string) => string): z.infer<typeof ZPublicSuggestion> {
  return {
    refNo: p.ref_no, year: p.year, kind: p.kind, kindLabel: KIND_LABELS[p.kind], title: p.title, category: p.category, status: p.state,
    statusLabel: STATE_INFO[p.state].label, submittedOn: p.submitted_at ? shanghaiDayOf(p.submitted_at) : null, assignedOn: p.assigned_on,
    replyDueOn: p.reply_due_on, repliedOn: p.replied_on, leadUnitName: p.lead_unit_name, grade: p.grade, implementation: p.implementation,
    closedOn: p.closed_at ? shanghaiDayOf(p.closed_at) : null, reply,
  };
}
