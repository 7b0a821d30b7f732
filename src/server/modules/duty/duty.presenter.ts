import { z } from 'zod';
import { maskPhone } from '../../../domain/phone.js';
import type { SuggestionState } from '../../db/schema.js';
import { STATE_INFO } from '../suggestions/suggestions.workflow.js';
import { ACTIVITY_KIND_LABELS, type ActivityDetail, type ActivityListItem } from './activities.service.js';
import type * as repo from './duty.repository.js';
import type { PublicOpinionStatus } from './duty.public.js';
import { ACTIVITY_KINDS, ATTENDEE_CATEGORIES } from './duty.schema.js';
import { ATTENDEE_LABELS, satisfactionRate, type EvaluationDetail } from './evaluations.service.js';
import type { ConsolidationDetail, OpinionDetail, Proposal } from './opinions.service.js';

// ---- opinions ------------------------------------------------------------------------------

export const OPINION_STATUS_LABELS = { open: '待梳理', consolidated: '已归纳', suggested: '已转为建议', closed: '已办结' } as const;
type OpinionStatus = keyof typeof OPINION_STATUS_LABELS;

function statusOf(o: repo.OpinionView): OpinionStatus {
  if (o.suggestion_id) return 'suggested';
  if (o.closed_at) return 'closed';
  return o.consolidation_id ? 'consolidated' : 'open';
}

/** A name shown masked: the surname and a star per further character (张*, 欧阳**). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

const ZSuggestionLink = z.object({ id: z.string(), refNo: z.string().nullable(), state: z.string(), stateLabel: z.string() });

export const ZOpinion = z.object({
  id: z.string(),
  townshipId: z.string(),
  refNo: z.string(),
  year: z.number(),
  source: z.enum(['activity', 'portal', 'direct']),
  activityId: z.string().nullable(),
  activityTitle: z.string().nullable(),
  deputyId: z.string().nullable(),
  deputyName: z.string().nullable(),
  receivedOn: z.string(),
  content: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  category: z.string().nullable(),
  /** Personal information, masked; the full values through POST /resident-opinions/:id/reveal-contact. */
  resident: z.object({ nameMasked: z.string().nullable(), phoneMasked: z.string().nullable(), hasPhone: z.boolean() }),
  status: z.enum(['open', 'consolidated', 'suggested', 'closed']),
  statusLabel: z.string(),
  /** What became of it: the consolidated item, the suggestion made of it and its state, or the settling note. */
  outcome: z.object({
    consolidationId: z.string().nullable(),
    consolidationTitle: z.string().nullable(),
    suggestion: ZSuggestionLink.nullable(),
    closedNote: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  createdAt: z.string(),
});

function suggestionLink(id: string | null, refNo: string | null, state: string | null): z.infer<typeof ZSuggestionLink> | null {
  if (!id || !state) return null;
  return { id, refNo, state, stateLabel: STATE_INFO[state as SuggestionState]?.label ?? state };
}

export function presentOpinion(o: repo.OpinionView): z.infer<typeof ZOpinion> {
  const status = statusOf(o);
  return {
    id: o.id, townshipId: o.township_id, refNo: o.ref_no, year: o.year, source: o.source, activityId: o.activity_id, activityTitle: o.activity_title,
    deputyId: o.deputy_id, deputyName: o.deputy_name, receivedOn: o.received_on, content: o.content, villageId: o.village_id, villageName: o.village_name,
    category: o.category,
    resident: { nameMasked: o.resident_name ? maskName(o.resident_name) : null, phoneMasked: o.resident_phone ? maskPhone(o.resident_phone) : null, hasPhone: Boolean(o.resident_phone) },
    status, statusLabel: OPINION_STATUS_LABELS[status],
    outcome: {
      consolidationId: o.consolidation_id, consolidationTitle: o.consolidation_title, suggestion: suggestionLink(o.suggestion_id, o.suggestion_ref_no, o.suggestion_state),
      closedNote: o.closed_note, closedAt: o.closed_at,
    },
    createdAt: o.created_at,
  };
}

export const ZNotification = z.object({ id: z.string(), method: z.enum(['sms', 'phone', 'other']), notifiedOn: z.string(), note: z.string(), recordedByName: z.string().nullable(), createdAt: z.string() });

export const ZOpinionDetail = ZOpinion.extend({
  notifications: z.array(ZNotification),
  canEdit: z.boolean(),
  canRevealContact: z.boolean(),
});

export function presentOpinionDetail(d: OpinionDetail): z.infer<typeof ZOpinionDetail> {
  return {
    ...presentOpinion(d.opinion),
    notifications: d.notifications.map((n) => ({ id: n.id, method: n.method, notifiedOn: n.notified_on, note: n.note, recordedByName: n.recorded_by_name, createdAt: n.created_at })),
    canEdit: d.canEdit, canRevealContact: d.canRevealContact,
  };
}

// ---- activities ----------------------------------------------------------------------------

const ZKind = z.enum(ACTIVITY_KINDS);
const ZParticipant = z.object({ deputyId: z.string(), name: z.string() });

export const ZActivitySummary = z.object({
  id: z.string(),
  townshipId: z.string(),
  year: z.number(),
  kind: ZKind,
  kindLabel: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  organiser: z.enum(['township', 'county']),
  countyNotice: z.string().nullable(),
  groupId: z.string().nullable(),
  announcedOn: z.string().nullable(),
  votersContacted: z.number(),
  reportAuthorDeputyId: z.string().nullable(),
  participants: z.array(ZParticipant),
  siteNames: z.array(z.string()),
  opinionCount: z.number(),
  createdAt: z.string(),
});

function summaryOf(a: repo.ActivityRow, participants: repo.ParticipantView[], siteNames: string[], opinionCount: number): z.infer<typeof ZActivitySummary> {
  return {
    id: a.id, townshipId: a.township_id, year: a.year, kind: a.kind, kindLabel: ACTIVITY_KIND_LABELS[a.kind], title: a.title, heldOn: a.held_on, place: a.place,
    organiser: a.organiser, countyNotice: a.county_notice, groupId: a.group_id, announcedOn: a.announced_on, votersContacted: a.voters_contacted,
    reportAuthorDeputyId: a.report_author_deputy_id, participants: participants.map((p) => ({ deputyId: p.deputy_id, name: p.name })), siteNames, opinionCount,
    createdAt: a.created_at,
  };
}

export function presentActivitySummary(i: ActivityListItem): z.infer<typeof ZActivitySummary> {
  return summaryOf(i.activity, i.participants, i.siteNames, i.opinionCount);
}

export const ZPhoto = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), createdAt: z.string(), url: z.string() });
export function presentPhoto(p: repo.PhotoRow): z.infer<typeof ZPhoto> {
  return { id: p.id, fileName: p.file_name, mime: p.mime, sizeBytes: p.size_bytes, createdAt: p.created_at, url: `/api/v1/duty-activity-photos/${p.id}/download` };
}

export const ZActivityDetail = ZActivitySummary.extend({
  materials: z.string().nullable(),
  notes: z.string().nullable(),
  sites: z.array(z.object({ id: z.string(), name: z.string(), villageId: z.string().nullable(), note: z.string().nullable() })),
  photos: z.array(ZPhoto),
  opinions: z.array(ZOpinion),
  canEdit: z.boolean(),
  canRevealContacts: z.boolean(),
});

export function presentActivityDetail(d: ActivityDetail): z.infer<typeof ZActivityDetail> {
  const a = d.activity;
  return {
    ...summaryOf(a, d.participants, d.sites.map((s) => s.name), d.opinions.length),
    materials: a.materials, notes: a.notes,
    sites: d.sites.map((s) => ({ id: s.id, name: s.name, villageId: s.village_id, note: s.note })),
    photos: d.photos.map(presentPhoto), opinions: d.opinions.map(presentOpinion), canEdit: d.canEdit, canRevealContacts: d.canRevealContacts,
  };
}

// ---- consolidation -------------------------------------------------------------------------

export const ZConsolidation = z.object({
  id: z.string(),
  townshipId: z.string(),
  year: z.number(),
  title: z.string(),
  summary: z.string(),
  category: z.string().nullable(),
  /** True once it has become a suggestion: no more merging or splitting. */
  isLocked: z.boolean(),
  suggestion: ZSuggestionLink.nullable(),
  opinionCount: z.number(),
  opinions: z.array(ZOpinion),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function presentConsolidation(d: ConsolidationDetail): z.infer<typeof ZConsolidation> {
  const c = d.consolidation;
  return {
    id: c.id, townshipId: c.township_id, year: c.year, title: c.title, summary: c.summary, category: c.category, isLocked: d.isLocked,
    suggestion: suggestionLink(c.suggestion_id, c.suggestion_ref_no, c.suggestion_state), opinionCount: d.opinions.length,
    opinions: d.opinions.map(presentOpinion), createdAt: c.created_at, updatedAt: c.updated_at,
  };
}

export const ZProposal = z.object({ suggestedTitle: z.string(), opinionIds: z.array(z.string()), opinions: z.array(ZOpinion) });
export function presentProposal(p: Proposal): z.infer<typeof ZProposal> {
  return { suggestedTitle: p.suggestedTitle, opinionIds: p.opinions.map((o) => o.id), opinions: p.opinions.map(presentOpinion) };
}

// ---- public --------------------------------------------------------------------------------

const PUBLIC_STATUS_LABELS: Record<PublicOpinionStatus, string> = { received: '已收到，正在梳理', consolidated: '已梳理归纳', suggested: '已形成代表建议', settled: '已办结' };

export const ZPublicOpinionStatus = z.object({
  refNo: z.string(),
  receivedOn: z.string(),
  status: z.enum(['received', 'consolidated', 'suggested', 'settled']),
  statusLabel: z.string(),
  /** The suggestion made of it, with its public reference number and state. */
  suggestion: z.object({ refNo: z.string().nullable(), state: z.string(), stateLabel: z.string() }).nullable(),
  settledNote: z.string().nullable(),
});

export function presentPublicOpinion(o: repo.OpinionView, status: PublicOpinionStatus): z.infer<typeof ZPublicOpinionStatus> {
  const s = suggestionLink(o.suggestion_id, o.suggestion_ref_no, o.suggestion_state);
  return {
    refNo: o.ref_no, receivedOn: o.received_on, status, statusLabel: PUBLIC_STATUS_LABELS[status],
    suggestion: s ? { refNo: s.refNo, state: s.state, stateLabel: s.stateLabel } : null, settledNote: o.closed_at ? o.closed_note : null,
  };
}

// ---- 述职评议 -------------------------------------------------------------------------------------

const ZAttendeeCounts = z.object(Object.fromEntries(ATTENDEE_CATEGORIES.map((c) => [c, z.number()])) as Record<(typeof ATTENDEE_CATEGORIES)[number], z.ZodNumber>);
const ZRatings = z.object({ satisfied: z.number(), basicallySatisfied: z.number(), dissatisfied: z.number() });

export const ZEvaluation = z.object({
  id: z.string(),
  townshipId: z.string(),
  year: z.number(),
  heldOn: z.string(),
  place: z.string(),
  chairDeputyId: z.string().nullable(),
  chairName: z.string(),
  constituencyId: z.string().nullable(),
  constituencyName: z.string().nullable(),
  voterOpinions: z.string().nullable(),
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  attendees: ZAttendeeCounts,
  attendeeLabels: z.record(z.string(), z.string()),
  attendeesTotal: z.number(),
  deputies: z.array(z.object({
    deputyId: z.string(),
    name: z.string(),
    position: z.number(),
    isRated: z.boolean(),
    ratings: ZRatings.nullable(),
    /** (满意 + 基本满意) / votes, percent. */
    satisfactionRate: z.number().nullable(),
    evaluation: z.string().nullable(),
    report: z.object({ fileName: z.string(), sizeBytes: z.number(), uploadedAt: z.string(), url: z.string() }).nullable(),
    documentUrl: z.string(),
  })),
  canManage: z.boolean(),
});

export function presentEvaluation(d: EvaluationDetail): z.infer<typeof ZEvaluation> {
  const e = d.evaluation;
  const counts = Object.fromEntries(ATTENDEE_CATEGORIES.map((c) => [c, d.attendees.find((a) => a.category === c)?.count ?? 0])) as z.infer<typeof ZAttendeeCounts>;
  return {
    id: e.id, townshipId: e.township_id, year: e.year, heldOn: e.held_on, place: e.place, chairDeputyId: e.chair_deputy_id, chairName: e.chair_name,
    constituencyId: e.constituency_id, constituencyName: d.constituencyName, voterOpinions: e.voter_opinions, isPublished: e.is_published, publishedAt: e.published_at,
    attendees: counts, attendeeLabels: { ...ATTENDEE_LABELS }, attendeesTotal: d.attendeesTotal,
    deputies: d.deputies.map((x) => ({
      deputyId: x.deputy_id, name: x.deputy_name, position: x.position, isRated: x.rated_at !== null,
      ratings: x.rated_at !== null ? { satisfied: x.satisfied_count ?? 0, basicallySatisfied: x.basic_count ?? 0, dissatisfied: x.dissatisfied_count ?? 0 } : null,
      satisfactionRate: satisfactionRate(x), evaluation: x.evaluation_text,
      report: x.report_storage_key ? { fileName: x.report_file_name!, sizeBytes: x.report_size_bytes!, uploadedAt: x.report_uploaded_at!, url: `/api/v1/duty-evaluations/${e.id}/deputies/${x.deputy_id}/report` } : null,
      documentUrl: `/api/v1/duty-evaluations/${e.id}/deputies/${x.deputy_id}/document.docx`,
    })),
    canManage: d.canManage,
  };
}

export const ZPublicEvaluation = z.object({
  id: z.string(),
  heldOn: z.string(),
  place: z.string(),
  chairName: z.string(),
  constituencyName: z.string().nullable(),
  attendeesTotal: z.number(),
  deputies: z.array(z.object({ name: z.string(), ratings: ZRatings.nullable(), satisfactionRate: z.number().nullable(), evaluation: z.string().nullable() })),
});

export function presentPublicEvaluation(d: EvaluationDetail): z.infer<typeof ZPublicEvaluation> {
  const p = presentEvaluation(d);
  return {
    id: p.id, heldOn: p.heldOn, place: p.place, chairName: p.chairName, constituencyName: p.constituencyName, attendeesTotal: p.attendeesTotal,
    deputies: p.deputies.map((x) => ({ name: x.name, ratings: x.ratings, satisfactionRate: x.satisfactionRate, evaluation: x.evaluation })),
  };
}
