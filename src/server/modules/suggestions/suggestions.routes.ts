import { z } from 'zod';
import { addDays, todayInShanghai, yearOfDay, type Day } from '../../../domain/due-dates.js';
import { errorResponses, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import type { SuggestionState } from '../../db/schema.js';
import type { SuggestionFilter } from './suggestions.repository.js';
import { handlingReport } from './suggestions.handling-report.js';
import { registerSuggestionFigures } from './suggestions.duty.js';
import { presentAttachment, presentDetail, presentStats, presentSummary, ZAttachment, ZGroupStats, ZPublicSuggestion, ZSuggestionDetail, ZSuggestionSummary, ZUnitStats } from './suggestions.presenter.js';
import { getPublicSuggestion, listPublicSuggestions } from './suggestions.public.js';
import { exportSuggestions, suggestionStatistics } from './suggestions.reports.js';
import * as schema from './suggestions.schema.js';
import * as service from './suggestions.service.js';
import {
  FEEDBACK_LABELS, GRADE_LABELS, IMPLEMENTATION_LABELS, KIND_LABELS, STATE_INFO, STEPS, TRANSITIONS,
} from './suggestions.workflow.js';
import { DOCX_MIME, sendDocument, sendStoredFile, XLSX_MIME } from '../../http/downloads.js';


/** The list's query string as a repository filter (the list and the export read it alike). */
function filterOf(q: z.infer<typeof schema.ZExportQuery> & { limit?: number; offset?: number }, today: Day): SuggestionFilter {
  const states = q.state === undefined ? undefined : (Array.isArray(q.state) ? q.state : [q.state]) as SuggestionState[];
  return {
    ...(q.year ? { year: q.year } : {}), ...(states ? { states } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.category ? { category: q.category } : {}),
    ...(q.leadUnitId ? { leadUnitId: q.leadUnitId } : {}), ...(q.unitId ? { unitId: q.unitId } : {}), ...(q.deputyId ? { deputyId: q.deputyId } : {}),
    ...(q.search ? { search: q.search } : {}), ...(q.overdue === 'true' ? { overdueOn: today } : {}),
    ...(q.dueWithin !== undefined ? { dueFrom: today, dueTo: addDays(today, q.dueWithin) } : {}),
    ...(q.limit ? { limit: q.limit } : {}), ...(q.offset ? { offset: q.offset } : {}),
  };
}
const tags = ['suggestions'];
const thisYear = () => yearOfDay(todayInShanghai());


/**
 * Deputies' suggestions and motions (议案、建议、批评和意见): submission and co-signing,
 * registration (立案), assignment (交办) with statutory reply dates, contacts, replies, feedback,
 * implementation (落实), supervision (督办), statistics, export and the public status.
 */
export function suggestionsRoutes(app: App, { db, config }: AppDeps): void {
  registerSuggestionFigures();

  const detail = async (actor: ReturnType<typeof requireActor>, id: string) => presentDetail(await service.getSuggestionDetail(db, actor, id));
  const ok = { 200: ZSuggestionDetail, ...errorResponses };

  app.get('/api/v1/suggestion-workflow', {
    schema: {
      tags,
      response: {
        200: z.object({
          states: z.array(z.object({ state: z.string(), label: z.string(), phase: z.string(), isHandling: z.boolean(), isPublic: z.boolean() })),
          transitions: z.array(z.object({ action: z.string(), label: z.string(), from: z.array(z.string()), to: z.array(z.string()), by: z.array(z.string()) })),
          steps: z.array(z.object({ action: z.string(), label: z.string(), in: z.array(z.string()), by: z.array(z.string()) })),
          labels: z.object({ kinds: z.record(z.string(), z.string()), grades: z.record(z.string(), z.string()), feedback: z.record(z.string(), z.string()), implementation: z.record(z.string(), z.string()) }),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    requireActor(req);
    return {
      states: Object.entries(STATE_INFO).map(([state, i]) => ({ state, label: i.label, phase: i.phase, isHandling: i.isHandling, isPublic: i.isPublic })),
      transitions: Object.entries(TRANSITIONS).map(([action, t]) => ({ action, label: t.label, from: [...t.from], to: [...t.to], by: [...t.by] })),
      steps: Object.entries(STEPS).map(([action, t]) => ({ action, label: t.label, in: [...t.in], by: [...t.by] })),
      labels: { kinds: KIND_LABELS, grades: GRADE_LABELS, feedback: FEEDBACK_LABELS, implementation: IMPLEMENTATION_LABELS },
    };
  });

  app.get('/api/v1/townships/:townshipId/suggestions', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZListQuery, response: { 200: z.object({ items: z.array(ZSuggestionSummary), total: z.number() }), ...errorResponses } },
  }, async (req) => {
    const today = todayInShanghai();
    const { rows, total } = await service.listSuggestions(db, requireActor(req), req.params.townshipId, filterOf(req.query, today));
    return { items: rows.map((r) => presentSummary(r, today)), total };
  });

  // 督办 lists: replies due within N days (default 7), and overdue ones, soonest due first.
  const ZPage = { 200: z.object({ items: z.array(ZSuggestionSummary), total: z.number(), from: z.string().nullable(), to: z.string() }), ...errorResponses };
  app.get('/api/v1/townships/:townshipId/suggestions/due-soon', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZDueSoonQuery, response: ZPage },
  }, async (req) => {
    const today = todayInShanghai();
    const to = addDays(today, req.query.days ?? 7);
    const { rows, total } = await service.listSuggestions(db, requireActor(req), req.params.townshipId, {
      dueFrom: today, dueTo: to, orderByDue: true, ...(req.query.limit ? { limit: req.query.limit } : {}), ...(req.query.offset ? { offset: req.query.offset } : {}),
    });
    return { items: rows.map((r) => presentSummary(r, today)), total, from: today, to };
  });
  app.get('/api/v1/townships/:townshipId/suggestions/overdue', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZPageQuery, response: ZPage },
  }, async (req) => {
    const today = todayInShanghai();
    const { rows, total } = await service.listSuggestions(db, requireActor(req), req.params.townshipId, {
      overdueOn: today, orderByDue: true, ...(req.query.limit ? { limit: req.query.limit } : {}), ...(req.query.offset ? { offset: req.query.offset } : {}),
    });
    return { items: rows.map((r) => presentSummary(r, today)), total, from: null, to: addDays(today, -1) };
  });

  app.post('/api/v1/townships/:townshipId/suggestions', {
    schema: { tags, params: ZTownshipParams, body: schema.ZCreateSuggestion, response: { 201: ZSuggestionDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await service.createSuggestion(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(await detail(actor, id));
  });

  app.get('/api/v1/townships/:townshipId/suggestion-stats', {
    schema: {
      tags, params: ZTownshipParams, querystring: schema.ZYearQuery,
      response: {
        200: z.object({
          year: z.number(), units: z.array(ZUnitStats), total: ZUnitStats,
          byKind: z.array(ZGroupStats), byCategory: z.array(ZGroupStats), byState: z.array(ZGroupStats),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const year = req.query.year ?? thisYear();
    const r = await suggestionStatistics(db, requireActor(req), req.params.townshipId, year, todayInShanghai());
    return { year, units: r.units.map(presentStats), total: presentStats(r.total), byKind: r.byKind, byCategory: r.byCategory, byState: r.byState };
  });

  app.get('/api/v1/townships/:townshipId/suggestions/export', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZExportQuery, produces: [XLSX_MIME] },
  }, async (req, reply) => {
    const today = todayInShanghai();
    const buffer = await exportSuggestions(db, requireActor(req), req.params.townshipId, filterOf(req.query, today), today);
    const name = `${req.query.year ? `${req.query.year}年` : ''}代表建议办理情况.xlsx`;
    return sendDocument(reply, XLSX_MIME, name, buffer);
  });

  app.get('/api/v1/townships/:townshipId/suggestions/handling-report.docx', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZYearQuery, produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const year = req.query.year ?? thisYear();
    const { buffer, fileName } = await handlingReport(db, requireActor(req), req.params.townshipId, year, todayInShanghai());
    return sendDocument(reply, DOCX_MIME, fileName, buffer);
  });

  app.get('/api/v1/suggestions/:id', {
    schema: { tags, params: ZIdParams, response: ok },
  }, async (req) => detail(requireActor(req), req.params.id));

  app.patch('/api/v1/suggestions/:id', {
    schema: { tags, params: ZIdParams, body: schema.ZUpdateSuggestion, response: ok },
  }, async (req) => {
    const actor = requireActor(req);
    await service.updateSuggestion(db, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.get('/api/v1/suggestions/:id/similar', {
    schema: {
      tags, params: ZIdParams,
      response: {
        200: z.object({ items: z.array(z.object({ id: z.string(), refNo: z.string().nullable(), title: z.string(), state: z.string(), year: z.number().nullable(), category: z.string().nullable(), grade: z.string().nullable(), score: z.number() })) }),
        ...errorResponses,
      },
    },
  }, async (req) => ({ items: await service.findSimilar(db, requireActor(req), req.params.id) }));

  app.post('/api/v1/suggestions/:id/author-contact', {
    schema: { tags, params: ZIdParams, response: { 200: z.object({ name: z.string(), phone: z.string().nullable() }), ...errorResponses } },
  }, async (req) => service.revealAuthorContact(db, requireActor(req), req.params.id));

  /** Each action: POST /api/v1/suggestions/:id/<action>, then the refreshed detail. */
  const action = <S extends z.ZodType>(name: string, body: S, run: (actor: ReturnType<typeof requireActor>, id: string, input: z.infer<S>) => Promise<unknown>) => {
    app.post(`/api/v1/suggestions/:id/${name}`, {
      schema: { tags, params: ZIdParams, body, response: ok },
    }, async (req) => {
      const actor = requireActor(req);
      await run(actor, req.params.id, req.body as z.infer<S>);
      return detail(actor, req.params.id);
    });
  };
  action('submit', z.strictObject({}).optional(), (a, id) => service.submitSuggestion(db, a, id));
  action('withdraw', schema.ZNote.optional(), (a, id, b) => service.withdrawSuggestion(db, a, id, b?.note ?? null));
  action('sign', schema.ZSign.optional(), (a, id, b) => service.confirmSignature(db, a, id, b?.deputyId));
  action('consent', schema.ZConsent, (a, id, b) => service.setConsent(db, a, id, b.isPublic));
  action('register', schema.ZRegister, (a, id, b) => service.registerSuggestion(db, a, id, b));
  action('return', schema.ZReturn, (a, id, b) => service.returnSuggestion(db, a, id, b.reason));
  action('assign', schema.ZAssign, (a, id, b) => service.assignSuggestion(db, a, id, b));
  action('contacts', schema.ZContact, (a, id, b) => service.recordContact(db, a, id, b));
  action('opinions', schema.ZOpinion, (a, id, b) => service.addOpinion(db, a, id, b.content));
  action('reply', schema.ZReply, (a, id, b) => service.replyToSuggestion(db, a, id, b));
  action('feedback', schema.ZFeedbackBody, (a, id, b) => service.giveFeedback(db, a, id, b));
  action('close', schema.ZRequiredNote, (a, id, b) => service.closeSuggestion(db, a, id, b.note));
  action('progress', schema.ZProgress, (a, id, b) => service.recordProgress(db, a, id, b));
  action('supervisions', schema.ZSupervision, (a, id, b) => service.recordSupervision(db, a, id, b));

  app.post('/api/v1/suggestions/:id/attachments', {
    schema: { tags, params: ZIdParams, querystring: schema.ZAttachmentQuery, consumes: ['multipart/form-data'], response: { 201: ZAttachment, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const upload = await readSingleUpload(req, ['pdf', 'docx', 'xlsx', 'jpg', 'png'], 20 * 1024 * 1024);
    return reply.status(201).send(presentAttachment(await service.addAttachment(db, actor, config.dataDir, req.params.id, req.query.purpose, upload)));
  });

  app.get('/api/v1/suggestion-attachments/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await service.getAttachmentFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath });
  });

  app.delete('/api/v1/suggestion-attachments/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveAttachment(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- public (no sign-in): consented, non-personal data only -------------------------------
  app.get('/api/v1/public/townships/:code/suggestions', {
    schema: { tags, params: schema.ZPublicParams, querystring: schema.ZYearQuery, response: { 200: z.object({ items: z.array(ZPublicSuggestion) }), ...errorResponses } },
  }, async (req) => ({ items: await listPublicSuggestions(db, req.params.code, req.query.year) }));

  app.get('/api/v1/public/townships/:code/suggestions/:refNo', {
    schema: { tags, params: schema.ZPublicRefParams, response: { 200: ZPublicSuggestion, ...errorResponses } },
  }, async (req) => getPublicSuggestion(db, req.params.code, req.params.refNo));
}
