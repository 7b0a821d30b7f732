import { z } from 'zod';
import { ZId } from '../../http/common.schema.js';
import { CONTACT_METHODS, FEEDBACKS, GRADES, RAISED_AT, SUGGESTION_KINDS, SUGGESTION_STATES, SUPERVISION_METHODS } from './suggestions.workflow.js';

/** Request schemas of the suggestions API (responses are in the presenter). */

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const longText = (max: number) => z.string().trim().min(1).max(max);

export const ZCreateSuggestion = z.strictObject({
  kind: z.enum(SUGGESTION_KINDS),
  title: longText(100),
  content: longText(20_000),
  raisedAt: z.enum(RAISED_AT),
  sessionId: ZId.nullable().optional(),
  authorDeputyId: ZId.optional(),
  coSignerIds: z.array(ZId).max(200).optional(),
  isPublic: z.boolean().optional(),
  submit: z.boolean().optional(),
});

export const ZUpdateSuggestion = z.strictObject({
  kind: z.enum(SUGGESTION_KINDS).optional(),
  title: longText(100).optional(),
  content: longText(20_000).optional(),
  raisedAt: z.enum(RAISED_AT).optional(),
  sessionId: ZId.nullable().optional(),
  coSignerIds: z.array(ZId).max(200).optional(),
});

export const ZListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.union([z.enum(SUGGESTION_STATES), z.array(z.enum(SUGGESTION_STATES))]).optional(),
  kind: z.enum(SUGGESTION_KINDS).optional(),
  category: z.string().max(20).optional(),
  leadUnitId: ZId.optional(),
  unitId: ZId.optional(),
  deputyId: ZId.optional(),
  search: z.string().max(50).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** 即将到期: in handling with the reply due within this many days from today (0 = today). */
  dueWithin: z.coerce.number().int().min(0).max(366).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The export takes the list's filters (every matching row, no paging). */
export const ZExportQuery = ZListQuery.omit({ limit: true, offset: true });
/** The supervision lists: due within `days` (default 7), or overdue; paged like the list. */
export const ZDueSoonQuery = z.strictObject({
  days: z.coerce.number().int().min(0).max(366).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export const ZPageQuery = ZDueSoonQuery.omit({ days: true });

export const ZNote = z.strictObject({ note: longText(2000).nullable().optional() });
export const ZRequiredNote = z.strictObject({ note: longText(2000) });
export const ZSign = z.strictObject({ deputyId: ZId.optional() });
export const ZConsent = z.strictObject({ isPublic: z.boolean() });
export const ZRegister = z.strictObject({ category: longText(20), note: longText(2000).nullable().optional() });
export const ZReturn = z.strictObject({ reason: longText(2000) });
export const ZAssign = z.strictObject({
  leadUnitId: ZId,
  coUnitIds: z.array(ZId).max(20).optional(),
  isDifficult: z.boolean().optional(),
  assignedOn: ZDay.optional(),
  note: longText(2000).nullable().optional(),
});
export const ZContact = z.strictObject({ contactedOn: ZDay.optional(), method: z.enum(CONTACT_METHODS), note: longText(2000) });
export const ZOpinion = z.strictObject({ content: longText(10_000) });
export const ZReply = z.strictObject({ grade: z.enum(GRADES), content: longText(20_000) });
export const ZFeedbackBody = z.strictObject({ rating: z.enum(FEEDBACKS), comment: longText(2000).nullable().optional() });
export const ZProgress = z.strictObject({
  status: z.enum(['in_progress', 'implemented']),
  content: longText(10_000),
  entryOn: ZDay.optional(),
  attachmentIds: z.array(ZId).max(20).optional(),
});
export const ZSupervision = z.strictObject({ method: z.enum(SUPERVISION_METHODS), note: longText(2000), actedOn: ZDay.optional() });
export const ZAttachmentQuery = z.strictObject({ purpose: z.enum(['submission', 'reply', 'evidence']) });
export const ZYearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const ZPublicParams = z.strictObject({ code: z.string().regex(/^\d{9}$/) });
export const ZPublicRefParams = z.strictObject({ code: z.string().regex(/^\d{9}$/), refNo: z.string().regex(/^\d{4}-\d{3,}$/) });
