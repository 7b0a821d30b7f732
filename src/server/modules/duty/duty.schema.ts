import { z } from 'zod';
import { ZId } from '../../http/common.schema.js';

/** Request schemas of the duty-work API (responses are in the presenter). */

export const ACTIVITY_KINDS = ['voter_contact', 'inspection', 'research', 'reception', 'group_activity', 'study'] as const;
export const ATTENDEE_CATEGORIES = ['village_cadre', 'group_leader', 'party_member', 'women', 'youth', 'public_rep', 'other'] as const;
export const NOTIFICATION_METHODS = ['sms', 'phone', 'other'] as const;
export const OPINION_STATUSES = ['open', 'consolidated', 'suggested', 'closed'] as const;

export const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const longText = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const ZYear = z.coerce.number().int().min(2000).max(2100);

export const ZOpinionInput = z.strictObject({
  content: longText(2000),
  villageId: ZId.nullable().optional(),
  category: optText(20),
  residentName: optText(30),
  residentPhone: optText(20),
  /** The deputy it is addressed to (office entries; a deputy's own entries are theirs). */
  deputyId: ZId.nullable().optional(),
});

const ZSite = z.strictObject({ name: longText(60), villageId: ZId.nullable().optional(), note: optText(500) });

const activityFields = {
  title: longText(100).optional(),
  heldOn: ZDay,
  place: longText(100),
  organiser: z.enum(['township', 'county']).optional(),
  countyNotice: optText(60),
  groupId: ZId.nullable().optional(),
  announcedOn: ZDay.nullable().optional(),
  deputyIds: z.array(ZId).max(200).optional(),
  votersContacted: z.number().int().min(0).max(100_000).optional(),
  sites: z.array(ZSite).max(50).optional(),
  materials: optText(5000),
  notes: optText(5000),
  reportAuthorDeputyId: ZId.nullable().optional(),
};

export const ZCreateActivity = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS),
  ...activityFields,
  /** Opinions collected in the activity, created with it (the phone-first visit log). */
  opinions: z.array(ZOpinionInput).max(50).optional(),
});

export const ZUpdateActivity = z.strictObject({
  ...activityFields,
  heldOn: ZDay.optional(),
  place: longText(100).optional(),
});

export const ZActivityListQuery = z.strictObject({
  year: ZYear.optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  deputyId: ZId.optional(),
  countyNotice: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const ZAddOpinions = z.strictObject({ opinions: z.array(ZOpinionInput).min(1).max(50) });

export const ZCreateOpinion = ZOpinionInput.extend({ receivedOn: ZDay.optional() }).strict();
export const ZUpdateOpinion = z.strictObject({
  content: longText(2000).optional(),
  villageId: ZId.nullable().optional(),
  category: optText(20),
});

export const ZOpinionListQuery = z.strictObject({
  year: ZYear.optional(),
  status: z.enum(OPINION_STATUSES).optional(),
  deputyId: ZId.optional(),
  villageId: ZId.optional(),
  activityId: ZId.optional(),
  consolidationId: ZId.optional(),
  search: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const ZCloseOpinion = z.strictObject({ note: longText(2000) });
export const ZNotify = z.strictObject({ method: z.enum(NOTIFICATION_METHODS), note: longText(2000), notifiedOn: ZDay.optional() });

export const ZProposalQuery = z.strictObject({
  year: ZYear.optional(),
  threshold: z.coerce.number().min(0.05).max(0.95).optional(),
});
export const ZYearQuery = z.strictObject({ year: ZYear.optional() });

export const ZCreateConsolidation = z.strictObject({
  title: longText(100),
  summary: longText(5000),
  category: optText(20),
  opinionIds: z.array(ZId).min(1).max(500),
});
export const ZUpdateConsolidation = z.strictObject({ title: longText(100).optional(), summary: longText(5000).optional(), category: optText(20) });
export const ZOpinionIds = z.strictObject({ opinionIds: z.array(ZId).min(1).max(500) });
export const ZConsolidationOpinionParams = z.strictObject({ id: ZId, opinionId: ZId });
export const ZToSuggestion = z.strictObject({
  authorDeputyId: ZId,
  title: longText(100).optional(),
  content: longText(20_000).optional(),
  isPublic: z.boolean().optional(),
});

// ---- public (no sign-in) ------------------------------------------------------------------

export const ZPublicCodeParams = z.strictObject({ publicCode: z.string().regex(/^[A-Za-z0-9]{6,32}$/) });
export const ZPublicRefParams = z.strictObject({ refNo: z.string().regex(/^[A-Z0-9]{6,20}$/) });
export const ZPublicTownshipParams = z.strictObject({ code: z.string().regex(/^\d{9}$/) });
export const ZPublicOpinion = z.strictObject({
  content: longText(2000),
  villageId: ZId.nullable().optional(),
  residentName: optText(30),
  residentPhone: optText(20),
  challengeToken: z.string().min(10).max(1000),
  challengeAnswer: z.coerce.number().int().min(-1000).max(1000),
});

// ---- 述职评议 ------------------------------------------------------------------------------------

export const ZAttendees = z.strictObject(
  Object.fromEntries(ATTENDEE_CATEGORIES.map((c) => [c, z.number().int().min(0).max(10_000).optional()])) as Record<(typeof ATTENDEE_CATEGORIES)[number], z.ZodOptional<z.ZodNumber>>,
);

export const ZCreateEvaluation = z.strictObject({
  heldOn: ZDay,
  place: longText(100),
  chairDeputyId: ZId.nullable().optional(),
  chairName: longText(30).optional(),
  constituencyId: ZId.nullable().optional(),
  deputyIds: z.array(ZId).min(1).max(30),
  attendees: ZAttendees,
  voterOpinions: optText(10_000),
});
export const ZUpdateEvaluation = z.strictObject({
  heldOn: ZDay.optional(),
  place: longText(100).optional(),
  chairDeputyId: ZId.nullable().optional(),
  chairName: longText(30).optional(),
  constituencyId: ZId.nullable().optional(),
  deputyIds: z.array(ZId).min(1).max(30).optional(),
  attendees: ZAttendees.optional(),
  voterOpinions: optText(10_000),
});
export const ZEvaluationDeputyParams = z.strictObject({ id: ZId, deputyId: ZId });
export const ZResult = z.strictObject({
  satisfied: z.number().int().min(0).max(100_000),
  basicallySatisfied: z.number().int().min(0).max(100_000),
  dissatisfied: z.number().int().min(0).max(100_000),
  evaluation: optText(10_000),
});
export const ZPublish = z.strictObject({ isPublished: z.boolean() });
