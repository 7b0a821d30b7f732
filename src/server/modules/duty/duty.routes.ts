import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { errorResponses, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import * as activities from './activities.service.js';
import { registerDutyFigures } from './duty.record.js';
import * as pub from './duty.public.js';
import {
  presentActivityDetail, presentActivitySummary, presentConsolidation, presentEvaluation, presentOpinion, presentOpinionDetail, presentPhoto,
  presentProposal, presentPublicEvaluation, presentPublicOpinion, ZActivityDetail, ZActivitySummary, ZConsolidation, ZEvaluation, ZOpinion,
  ZOpinionDetail, ZPhoto, ZProposal, ZPublicEvaluation, ZPublicOpinionStatus,
} from './duty.presenter.js';
import * as schema from './duty.schema.js';
import * as evaluations from './evaluations.service.js';
import * as opinions from './opinions.service.js';
import { DOCX_MIME, sendDocument, sendStoredFile } from '../../http/downloads.js';
import { loadQRCode } from '../../lazy-libs.js';

const tags = ['duty'];


function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/**
 * Deputies' duty work (代表工作): activities with the opinions collected in them, residents'
 * opinions and their consolidation into suggestions, the public opinion form behind each
 * deputy's 代表码, and 述职评议. See docs in the module's service files for the rules.
 */
export function dutyRoutes(app: App, { db, config, publicForms }: AppDeps): void {
  registerDutyFigures();
  // Public form protections, per process: 5 submissions per IP in 10 minutes, a signed sum to answer.
  const { limiter, challenges } = publicForms;

  const activityDetail = async (actor: ReturnType<typeof requireActor>, id: string) => presentActivityDetail(await activities.getActivityDetail(db, actor, id));
  const opinionDetail = async (actor: ReturnType<typeof requireActor>, id: string) => presentOpinionDetail(await opinions.getOpinionDetail(db, actor, id));
  const consolidation = async (actor: ReturnType<typeof requireActor>, id: string) => presentConsolidation(await opinions.getConsolidation(db, actor, id));
  const evaluation = async (actor: ReturnType<typeof requireActor>, id: string) => presentEvaluation(await evaluations.getEvaluation(db, actor, id));

  // ---- activities -------------------------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/duty-activities', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZActivityListQuery, response: { 200: z.object({ items: z.array(ZActivitySummary), total: z.number() }), ...errorResponses } },
  }, async (req) => {
    const r = await activities.listActivities(db, requireActor(req), req.params.townshipId, req.query);
    return { items: r.items.map(presentActivitySummary), total: r.total };
  });

  app.post('/api/v1/townships/:townshipId/duty-activities', {
    schema: { tags, params: ZTownshipParams, body: schema.ZCreateActivity, response: { 201: ZActivityDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await activities.createActivity(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(await activityDetail(actor, id));
  });

  app.get('/api/v1/duty-activities/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZActivityDetail, ...errorResponses } },
  }, async (req) => activityDetail(requireActor(req), req.params.id));

  app.patch('/api/v1/duty-activities/:id', {
    schema: { tags, params: ZIdParams, body: schema.ZUpdateActivity, response: { 200: ZActivityDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await activities.updateActivity(db, actor, req.params.id, req.body);
    return activityDetail(actor, req.params.id);
  });

  app.delete('/api/v1/duty-activities/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await activities.archiveActivity(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/v1/duty-activities/:id/opinions', {
    schema: { tags, params: ZIdParams, body: schema.ZAddOpinions, response: { 200: ZActivityDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await activities.addActivityOpinions(db, actor, req.params.id, req.body.opinions);
    return activityDetail(actor, req.params.id);
  });

  app.post('/api/v1/duty-activities/:id/photos', {
    schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZPhoto, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const upload = await readSingleUpload(req, ['jpg', 'png'], 10 * 1024 * 1024);
    return reply.status(201).send(presentPhoto(await activities.addPhoto(db, actor, config.dataDir, req.params.id, upload)));
  });

  app.get('/api/v1/duty-activity-photos/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await activities.getPhotoFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath }, true);
  });

  app.delete('/api/v1/duty-activity-photos/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await activities.archivePhoto(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- residents' opinions --------------------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/resident-opinions', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZOpinionListQuery, response: { 200: z.object({ items: z.array(ZOpinion), total: z.number() }), ...errorResponses } },
  }, async (req) => {
    const r = await opinions.listOpinions(db, requireActor(req), req.params.townshipId, req.query);
    return { items: r.rows.map(presentOpinion), total: r.total };
  });

  app.post('/api/v1/townships/:townshipId/resident-opinions', {
    schema: { tags, params: ZTownshipParams, body: schema.ZCreateOpinion, response: { 201: ZOpinionDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await opinions.createOpinion(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(await opinionDetail(actor, id));
  });

  app.get('/api/v1/resident-opinions/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOpinionDetail, ...errorResponses } },
  }, async (req) => opinionDetail(requireActor(req), req.params.id));

  app.patch('/api/v1/resident-opinions/:id', {
    schema: { tags, params: ZIdParams, body: schema.ZUpdateOpinion, response: { 200: ZOpinionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await opinions.updateOpinion(db, actor, req.params.id, req.body);
    return opinionDetail(actor, req.params.id);
  });

  app.post('/api/v1/resident-opinions/:id/reveal-contact', {
    schema: { tags, params: ZIdParams, response: { 200: z.object({ name: z.string().nullable(), phone: z.string().nullable() }), ...errorResponses } },
  }, async (req) => opinions.revealOpinionContact(db, requireActor(req), req.params.id));

  app.post('/api/v1/resident-opinions/:id/close', {
    schema: { tags, params: ZIdParams, body: schema.ZCloseOpinion, response: { 200: ZOpinionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await opinions.closeOpinion(db, actor, req.params.id, req.body.note);
    return opinionDetail(actor, req.params.id);
  });

  app.post('/api/v1/resident-opinions/:id/notifications', {
    schema: { tags, params: ZIdParams, body: schema.ZNotify, response: { 200: ZOpinionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await opinions.notifyResident(db, actor, req.params.id, req.body);
    return opinionDetail(actor, req.params.id);
  });

  // ---- consolidation (梳理归纳) ------------------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/opinion-proposals', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZProposalQuery, response: { 200: z.object({ year: z.number(), threshold: z.number(), groups: z.array(ZProposal) }), ...errorResponses } },
  }, async (req) => {
    const year = req.query.year ?? opinions.yearNow();
    const threshold = req.query.threshold ?? opinions.DEFAULT_PROPOSAL_THRESHOLD;
    const groups = await opinions.proposeGroups(db, requireActor(req), req.params.townshipId, year, threshold);
    return { year, threshold, groups: groups.map(presentProposal) };
  });

  app.get('/api/v1/townships/:townshipId/opinion-consolidations', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZYearQuery, response: { 200: z.object({ items: z.array(ZConsolidation) }), ...errorResponses } },
  }, async (req) => ({ items: (await opinions.listConsolidations(db, requireActor(req), req.params.townshipId, req.query.year)).map(presentConsolidation) }));

  app.post('/api/v1/townships/:townshipId/opinion-consolidations', {
    schema: { tags, params: ZTownshipParams, body: schema.ZCreateConsolidation, response: { 201: ZConsolidation, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await opinions.createConsolidation(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(await consolidation(actor, id));
  });

  app.get('/api/v1/opinion-consolidations/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZConsolidation, ...errorResponses } },
  }, async (req) => consolidation(requireActor(req), req.params.id));

  app.patch('/api/v1/opinion-consolidations/:id', {
    schema: { tags, params: ZIdParams, body: schema.ZUpdateConsolidation, response: { 200: ZConsolidation, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await opinions.updateConsolidation(db, actor, req.params.id, req.body);
    return consolidation(actor, req.params.id);
  });

  app.delete('/api/v1/opinion-consolidations/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await opinions.dissolveConsolidation(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/v1/opinion-consolidations/:id/opinions', {
    schema: { tags, params: ZIdParams, body: schema.ZOpinionIds, response: { 200: ZConsolidation, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await opinions.addToConsolidation(db, actor, req.params.id, req.body.opinionIds);
    return consolidation(actor, req.params.id);
  });

  app.delete('/api/v1/opinion-consolidations/:id/opinions/:opinionId', {
    schema: { tags, params: schema.ZConsolidationOpinionParams, response: { 200: z.object({ isDissolved: z.boolean(), consolidation: ZConsolidation.nullable() }), ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    const r = await opinions.removeFromConsolidation(db, actor, req.params.id, req.params.opinionId);
    return { isDissolved: r.isDissolved, consolidation: r.isDissolved ? null : await consolidation(actor, req.params.id) };
  });

  app.post('/api/v1/opinion-consolidations/:id/suggestion', {
    schema: { tags, params: ZIdParams, body: schema.ZToSuggestion, response: { 201: ZConsolidation, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await opinions.consolidationToSuggestion(db, actor, req.params.id, req.body);
    return reply.status(201).send(await consolidation(actor, req.params.id));
  });

  app.get('/api/v1/suggestions/:id/source-opinions', {
    schema: { tags, params: ZIdParams, response: { 200: z.object({ consolidation: ZConsolidation.nullable() }), ...errorResponses } },
  }, async (req) => {
    const r = await opinions.sourceOpinionsOfSuggestion(db, requireActor(req), req.params.id);
    return { consolidation: r ? presentConsolidation(r) : null };
  });

  // ---- 代表码 ----------------------------------------------------------------------------------
  const ZPublicCode = z.object({ deputyId: z.string(), publicCode: z.string(), path: z.string(), url: z.string(), qrUrl: z.string() });
  const codeBody = (req: FastifyRequest, r: { deputyId: string; publicCode: string }) => ({
    ...r, path: pub.opinionFormPath(r.publicCode), url: `${origin(req)}${pub.opinionFormPath(r.publicCode)}`, qrUrl: `/api/v1/deputies/${r.deputyId}/qr`,
  });
  app.get('/api/v1/deputies/:id/public-code', {
    schema: { tags, params: ZIdParams, response: { 200: ZPublicCode, ...errorResponses } },
  }, async (req) => codeBody(req, await pub.getPublicCode(db, requireActor(req), req.params.id)));

  app.post('/api/v1/deputies/:id/public-code/rotate', {
    schema: { tags, params: ZIdParams, response: { 200: ZPublicCode, ...errorResponses } },
  }, async (req) => codeBody(req, await pub.getPublicCode(db, requireActor(req), req.params.id, { rotate: true })));

  app.get('/api/v1/deputies/:id/qr', {
    schema: { tags, params: ZIdParams, produces: ['image/svg+xml'] },
  }, async (req, reply) => {
    const { publicCode } = await pub.getPublicCode(db, requireActor(req), req.params.id);
    const url = `${origin(req)}${pub.opinionFormPath(publicCode)}`;
    const svg = await (await loadQRCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('x-opinion-url', url).send(svg);
  });

  // ---- public: the 代表码 form and the outcome lookup (no sign-in) --------------------------------
  app.get('/api/v1/public/deputies/:publicCode', {
    schema: {
      tags, params: schema.ZPublicCodeParams,
      response: {
        200: z.object({ deputyName: z.string(), level: z.string(), constituencyName: z.string().nullable(), townshipName: z.string(), townshipCode: z.string(), villages: z.array(z.object({ id: z.string(), name: z.string() })) }),
        ...errorResponses,
      },
    },
  }, async (req) => pub.getPublicDeputy(db, req.params.publicCode));

  app.get('/api/v1/public/deputies/:publicCode/challenge', {
    schema: { tags, params: schema.ZPublicCodeParams, response: { 200: z.object({ token: z.string(), question: z.string(), expiresAt: z.string() }), ...errorResponses } },
  }, async (req) => {
    await pub.getPublicDeputy(db, req.params.publicCode);
    return challenges.issue(req.params.publicCode);
  });

  app.post('/api/v1/public/deputies/:publicCode/opinions', {
    schema: { tags, params: schema.ZPublicCodeParams, body: schema.ZPublicOpinion, response: { 201: z.object({ refNo: z.string(), receivedOn: z.string(), lookupPath: z.string() }), ...errorResponses, 429: errorResponses[400] } },
    // Counted before the body is validated: every attempt uses up the allowance.
    preValidation: async (req) => {
      if (!limiter.hit(req.ip)) throw new AppError('RATE_LIMITED');
    },
  }, async (req, reply) => {
    const { challengeToken, challengeAnswer, ...input } = req.body;
    if (!challenges.verify(challengeToken, challengeAnswer, req.params.publicCode)) throw new AppError('CHALLENGE_FAILED');
    const r = await pub.submitPublicOpinion(db, req.params.publicCode, input);
    return reply.status(201).send({ ...r, lookupPath: `/api/v1/public/opinions/${r.refNo}` });
  });

  app.get('/api/v1/public/opinions/:refNo', {
    schema: { tags, params: schema.ZPublicRefParams, response: { 200: ZPublicOpinionStatus, ...errorResponses } },
  }, async (req) => {
    const { o, status } = await pub.getPublicOpinionStatus(db, req.params.refNo);
    return presentPublicOpinion(o, status);
  });

  app.get('/api/v1/public/townships/:code/duty-evaluations', {
    schema: { tags, params: schema.ZPublicTownshipParams, querystring: schema.ZYearQuery, response: { 200: z.object({ items: z.array(ZPublicEvaluation) }), ...errorResponses } },
  }, async (req) => ({ items: (await evaluations.listPublicEvaluations(db, req.params.code, req.query.year)).map(presentPublicEvaluation) }));

  // ---- 述职评议 -----------------------------------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/duty-evaluations', {
    schema: { tags, params: ZTownshipParams, querystring: schema.ZYearQuery, response: { 200: z.object({ items: z.array(ZEvaluation) }), ...errorResponses } },
  }, async (req) => ({ items: (await evaluations.listEvaluations(db, requireActor(req), req.params.townshipId, req.query.year)).map(presentEvaluation) }));

  app.post('/api/v1/townships/:townshipId/duty-evaluations', {
    schema: { tags, params: ZTownshipParams, body: schema.ZCreateEvaluation, response: { 201: ZEvaluation, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await evaluations.createEvaluation(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(await evaluation(actor, id));
  });

  app.get('/api/v1/duty-evaluations/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZEvaluation, ...errorResponses } },
  }, async (req) => evaluation(requireActor(req), req.params.id));

  app.patch('/api/v1/duty-evaluations/:id', {
    schema: { tags, params: ZIdParams, body: schema.ZUpdateEvaluation, response: { 200: ZEvaluation, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await evaluations.updateEvaluation(db, actor, req.params.id, req.body);
    return evaluation(actor, req.params.id);
  });

  app.put('/api/v1/duty-evaluations/:id/deputies/:deputyId/result', {
    schema: { tags, params: schema.ZEvaluationDeputyParams, body: schema.ZResult, response: { 200: ZEvaluation, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await evaluations.recordResult(db, actor, req.params.id, req.params.deputyId, req.body);
    return evaluation(actor, req.params.id);
  });

  app.post('/api/v1/duty-evaluations/:id/deputies/:deputyId/report', {
    schema: { tags, params: schema.ZEvaluationDeputyParams, consumes: ['multipart/form-data'], response: { 200: ZEvaluation, ...errorResponses, 415: errorResponses[400] } },
  }, async (req) => {
    const actor = requireActor(req);
    const upload = await readSingleUpload(req, ['docx', 'pdf'], 20 * 1024 * 1024);
    await evaluations.uploadReport(db, actor, config.dataDir, req.params.id, req.params.deputyId, upload);
    return evaluation(actor, req.params.id);
  });

  app.get('/api/v1/duty-evaluations/:id/deputies/:deputyId/report', {
    schema: { tags, params: schema.ZEvaluationDeputyParams },
  }, async (req, reply) => sendStoredFile(reply, await evaluations.getReportFile(db, requireActor(req), config.dataDir, req.params.id, req.params.deputyId)));

  app.get('/api/v1/duty-evaluations/:id/deputies/:deputyId/document.docx', {
    schema: { tags, params: schema.ZEvaluationDeputyParams, produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const f = await evaluations.buildEvaluationDocument(db, requireActor(req), req.params.id, req.params.deputyId);
    return sendDocument(reply, DOCX_MIME, f.fileName, f.data);
  });

  app.post('/api/v1/duty-evaluations/:id/publish', {
    schema: { tags, params: ZIdParams, body: schema.ZPublish, response: { 200: ZEvaluation, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await evaluations.setPublished(db, actor, req.params.id, req.body.isPublished);
    return evaluation(actor, req.params.id);
  });
}
