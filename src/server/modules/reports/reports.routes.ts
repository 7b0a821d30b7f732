import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { errorResponses, ZId, ZIdParams, ZOk } from '../../http/common.schema.js';
import { DOCX_MIME, sendDocument, sendStoredFile } from '../../http/downloads.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { getYearFacts } from './facts.service.js';
import {
  presentFacts, presentGenerated, presentNarrative, presentPreview, presentTemplate, ZGenerated, ZNarrative, ZPreview, ZTemplate, ZYearFacts,
} from './reports.presenter.js';
import * as service from './reports.service.js';

const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZQuery = z.strictObject({ year: ZYear, townshipId: ZId.optional() });
const ZDocQuery = ZQuery.extend({ date: z.string().refine(isValidDay, { message: 'YYYY-MM-DD' }).optional() });
const ZSectionParams = z.strictObject({ section: z.string().min(1).max(40) });
const ZNarrativeBody = z.strictObject({ heading: z.string().max(100).nullable().optional(), body: z.string().max(20_000) });
/** Templates: .docx, 10 MB at most. */
const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/**
 * Reports (issue 9): the year facts with their records, the year-end summary (narratives per
 * section, preview, .docx, publication on the portal), the 主席团工作报告, the statistical annex,
 * and users' own .docx templates.
 */
export function reportsRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['reports'];

  app.get('/api/v1/reports/facts', {
    schema: { tags, querystring: ZQuery, response: { 200: ZYearFacts, ...errorResponses } },
  }, async (req) => presentFacts(await getYearFacts(db, requireActor(req), req.query.year, req.query.townshipId)));

  app.get('/api/v1/reports/narratives', {
    schema: { tags, querystring: ZQuery, response: { 200: z.object({ items: z.array(ZNarrative) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listNarratives(db, requireActor(req), req.query.year, req.query.townshipId)).map(presentNarrative) }));

  app.put('/api/v1/reports/narratives/:section', {
    schema: { tags, params: ZSectionParams, querystring: ZQuery, body: ZNarrativeBody, response: { 200: ZNarrative, ...errorResponses } },
  }, async (req) => presentNarrative(await service.saveNarrative(db, requireActor(req), req.query.year, req.params.section, req.body, req.query.townshipId)));

  app.delete('/api/v1/reports/narratives/:section', {
    schema: { tags, params: ZSectionParams, querystring: ZQuery, response: { 200: ZNarrative, ...errorResponses } },
  }, async (req) => presentNarrative(await service.resetNarrative(db, requireActor(req), req.query.year, req.params.section, req.query.townshipId)));

  app.post('/api/v1/reports/summary/preview', {
    schema: {
      // Without a body (or an empty one): the summary as saved; with a section's draft: as it would print.
      tags, querystring: ZDocQuery, body: z.strictObject({ section: z.string().min(1).max(40), heading: z.string().max(100).nullable().optional(), body: z.string().max(20_000) }).or(z.strictObject({})).optional(),
      response: { 200: ZPreview, ...errorResponses },
    },
  }, async (req) => {
    const body = req.body as { section?: string; heading?: string | null; body?: string } | undefined;
    const draft = body?.section !== undefined && body.body !== undefined ? { section: body.section, heading: body.heading, body: body.body } : undefined;
    return presentPreview(await service.previewSummary(db, requireActor(req), req.query.year, service.reportDate(req.query.date), req.query.townshipId, draft));
  });

  for (const [kind, file] of [['summary', 'summary.docx'], ['presidium_report', 'presidium-report.docx'], ['annex', 'annex.docx']] as const) {
    app.get(`/api/v1/reports/${file}`, {
      schema: { tags, querystring: ZDocQuery, produces: [DOCX_MIME] },
    }, async (req, reply) => {
      const { buffer, fileName } = await service.generateReport(db, requireActor(req), kind, req.query.year, service.reportDate(req.query.date), req.query.townshipId);
      return sendDocument(reply, DOCX_MIME, fileName, buffer);
    });
  }

  app.post('/api/v1/reports/summary/publish', {
    schema: { tags, querystring: ZDocQuery, response: { 200: z.object({ articleId: z.string(), url: z.string() }), ...errorResponses } },
  }, async (req) => service.publishSummary(db, requireActor(req), req.query.year, service.reportDate(req.query.date), req.query.townshipId));

  app.get('/api/v1/reports/generated', {
    schema: { tags, querystring: ZQuery, response: { 200: z.object({ items: z.array(ZGenerated) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listGenerated(db, requireActor(req), req.query.year, req.query.townshipId)).map(presentGenerated) }));

  app.get('/api/v1/reports/templates', {
    schema: { tags, querystring: z.strictObject({ townshipId: ZId.optional() }), response: { 200: z.object({ items: z.array(ZTemplate) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listTemplates(db, requireActor(req), req.query.townshipId)).map(presentTemplate) }));

  app.post('/api/v1/reports/templates', {
    schema: { tags, querystring: ZQuery, consumes: ['multipart/form-data'], response: { 201: ZTemplate, ...errorResponses, 415: errorResponses[400], 422: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope and ability first: an outsider learns nothing from how the upload is judged.
    await service.listTemplates(db, actor, req.query.townshipId);
    const upload = await readSingleUpload(req, ['docx'], MAX_TEMPLATE_BYTES);
    const row = await service.uploadTemplate(db, actor, config.dataDir, { fileName: upload.filename, data: upload.buffer }, req.query.year, req.query.townshipId);
    return reply.status(201).send(presentTemplate(row));
  });

  app.get('/api/v1/reports/templates/:id/fill.docx', {
    schema: { tags, params: ZIdParams, querystring: z.strictObject({ year: ZYear }), produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const { buffer, fileName } = await service.fillUserTemplate(db, requireActor(req), config.dataDir, req.params.id, req.query.year);
    return sendDocument(reply, DOCX_MIME, fileName, buffer);
  });

  app.get('/api/v1/reports/templates/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await service.templateFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: DOCX_MIME, size: row.size_bytes, filePath });
  });

  app.delete('/api/v1/reports/templates/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveTemplate(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
