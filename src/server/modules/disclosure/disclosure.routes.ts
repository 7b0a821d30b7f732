import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { errorResponses, text, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { DOCX_MIME, sendDocument, sendStoredFile, XLSX_MIME } from '../../http/downloads.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { buildBoardDocument } from './boards.document.js';
import * as boards from './boards.service.js';
import { getOverview } from './disclosure.overview.js';
import {
  presentBoard, presentCheck, presentOverview, presentPublishedVillageDisclosure, presentUnitDisclosure, presentUnitPage, presentVillageDisclosure,
  presentVillagePeriods, ZBoard, ZCheck, ZOverview, ZPublishedVillageDisclosure, ZUnitDisclosure, ZUnitDisclosures, ZVillageDisclosure, ZVillagePeriods,
} from './disclosure.presenter.js';
import * as unitDisclosures from './unit-disclosures.service.js';
import * as villages from './village-disclosures.service.js';

const ZDay = z.string().refine(isValidDay, { message: 'YYYY-MM-DD' });
const ZYear = z.coerce.number().int().min(2000).max(2100);
const longText = (max = 5000) => z.string().max(max);
const ZBoardBody = z.strictObject({
  title: text(100).optional(),
  fields: z.strictObject(Object.fromEntries(boards.BOARD_FIELDS.map(([f]) => [boards.BOARD_FIELD_KEYS[f], longText().optional()])) as Record<string, z.ZodOptional<z.ZodString>>).optional(),
});
const ZUnitDisclosureBody = z.strictObject({
  title: text(100).optional(), procedures: longText(10_000).optional(), feeStandards: longText(10_000).optional(), otherContent: longText(10_000).nullable().optional(),
});
/** Amounts in fen: whole numbers, never negative, below 10^12 fen. */
const ZFen = z.number().int().min(0).max(999_999_999_999);
const ZContentBody = z.strictObject({
  items: z.array(z.strictObject({ title: text(100), content: text(5000) })).max(100),
  openingBalance: ZFen.nullable(),
  closingBalance: ZFen.nullable(),
  lines: z.array(z.strictObject({ direction: z.enum(['income', 'expense']), category: text(60), description: z.string().trim().max(200).nullable().optional(), amount: ZFen })).max(1000),
});
const PHOTO_BYTES = 10 * 1024 * 1024;
const SHEET_BYTES = 5 * 1024 * 1024;

function boardInput(body: z.infer<typeof ZBoardBody>): boards.BoardInput {
  const fields: boards.BoardInput['fields'] = {};
  for (const [f] of boards.BOARD_FIELDS) {
    const v = body.fields?.[boards.BOARD_FIELD_KEYS[f]];
    if (v !== undefined) fields[f] = v;
  }
  return { ...(body.title !== undefined ? { title: body.title } : {}), fields };
}

/**
 * Disclosure (公开): law-enforcement responsibility boards, government and school affairs,
 * village affairs and finance, and the township's compliance lists.
 */
export function disclosureRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['disclosure'];

  app.get('/api/v1/townships/:townshipId/disclosure/overview', {
    schema: { tags, params: ZTownshipParams, querystring: z.strictObject({ year: ZYear, asOf: ZDay.optional() }), response: { 200: ZOverview, ...errorResponses } },
  }, async (req) => presentOverview(await getOverview(db, requireActor(req), req.params.townshipId, req.query.year, req.query.asOf)));

  // ---- a unit: boards and government/school disclosures ----
  app.get('/api/v1/units/:id/disclosure', {
    schema: { tags, params: ZIdParams, response: { 200: ZUnitDisclosures, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    const b = await boards.listBoards(db, actor, req.params.id);
    const d = await unitDisclosures.listUnitDisclosures(db, actor, req.params.id);
    return presentUnitPage(b.unit, b.canMaintain, b.boards, b.checks, d.items, unitDisclosures.disclosureKindOf(b.unit));
  });

  app.post('/api/v1/units/:id/enforcement-boards', {
    schema: { tags, params: ZIdParams, body: ZBoardBody, response: { 201: ZBoard, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentBoard(await boards.createBoard(db, requireActor(req), req.params.id, boardInput(req.body)), [])));

  app.get('/api/v1/enforcement-boards/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZBoard, ...errorResponses } },
  }, async (req) => {
    const r = await boards.getBoard(db, requireActor(req), req.params.id);
    return presentBoard(r.board, r.checks);
  });

  app.patch('/api/v1/enforcement-boards/:id', {
    schema: { tags, params: ZIdParams, body: ZBoardBody, response: { 200: ZBoard, ...errorResponses } },
  }, async (req) => presentBoard(await boards.updateBoard(db, requireActor(req), req.params.id, boardInput(req.body)), []));

  app.delete('/api/v1/enforcement-boards/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await boards.discardBoard(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/v1/enforcement-boards/:id/publish', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ publishedOn: ZDay.optional() }), response: { 200: ZBoard, ...errorResponses } },
  }, async (req) => presentBoard(await boards.publishBoard(db, requireActor(req), req.params.id, req.body.publishedOn), []));

  app.get('/api/v1/enforcement-boards/:id/board.docx', {
    schema: { tags, params: ZIdParams, querystring: z.strictObject({ paper: z.enum(['A4', 'A3']).default('A4') }), produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const file = await buildBoardDocument(db, requireActor(req), req.params.id, req.query.paper);
    return sendDocument(reply, DOCX_MIME, file.fileName, file.data);
  });

  app.post('/api/v1/enforcement-boards/:id/checks', {
    schema: {
      tags, params: ZIdParams, consumes: ['multipart/form-data'],
      querystring: z.strictObject({ checkedOn: ZDay, note: z.string().trim().max(200).optional() }),
      response: { 201: ZCheck, ...errorResponses, 415: errorResponses[400] },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope first: an outsider learns nothing from how the upload is judged.
    await boards.getBoard(db, actor, req.params.id);
    const upload = await readSingleUpload(req, ['jpg', 'png'], PHOTO_BYTES);
    const row = await boards.addCheck(db, actor, config.dataDir, req.params.id, { checkedOn: req.query.checkedOn, note: req.query.note ?? null }, upload);
    return reply.status(201).send(presentCheck(row));
  });

  app.get('/api/v1/enforcement-board-checks/:id/photo', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    const { row, filePath } = await boards.getCheckPhoto(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath }, true);
  });

  app.post('/api/v1/units/:id/disclosures', {
    schema: { tags, params: ZIdParams, body: ZUnitDisclosureBody, response: { 201: ZUnitDisclosure, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentUnitDisclosure(await unitDisclosures.createUnitDisclosure(db, requireActor(req), req.params.id, req.body))));

  app.patch('/api/v1/unit-disclosures/:id', {
    schema: { tags, params: ZIdParams, body: ZUnitDisclosureBody, response: { 200: ZUnitDisclosure, ...errorResponses } },
  }, async (req) => presentUnitDisclosure(await unitDisclosures.updateUnitDisclosure(db, requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/unit-disclosures/:id/publish', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ publishedOn: ZDay.optional() }), response: { 200: ZUnitDisclosure, ...errorResponses } },
  }, async (req) => presentUnitDisclosure(await unitDisclosures.publishUnitDisclosure(db, requireActor(req), req.params.id, req.body.publishedOn)));

  app.delete('/api/v1/unit-disclosures/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await unitDisclosures.discardUnitDisclosure(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- a village: affairs and finance per period ----
  app.get('/api/v1/villages/:id/disclosures', {
    schema: { tags, params: ZIdParams, querystring: z.strictObject({ year: ZYear, asOf: ZDay.optional() }), response: { 200: ZVillagePeriods, ...errorResponses } },
  }, async (req) => presentVillagePeriods(await villages.listVillagePeriods(db, requireActor(req), req.params.id, req.query.year, req.query.asOf)));

  app.post('/api/v1/villages/:id/disclosures', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ periodStart: ZDay }), response: { 201: ZVillageDisclosure, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentVillageDisclosure(await villages.createVillageDisclosure(db, requireActor(req), req.params.id, req.body.periodStart))));

  app.get('/api/v1/village-disclosures/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZVillageDisclosure, ...errorResponses } },
  }, async (req) => presentVillageDisclosure(await villages.getVillageDisclosure(db, requireActor(req), req.params.id)));

  app.put('/api/v1/village-disclosures/:id/content', {
    schema: { tags, params: ZIdParams, body: ZContentBody, response: { 200: ZVillageDisclosure, ...errorResponses, 422: errorResponses[400] } },
  }, async (req) => presentVillageDisclosure(await villages.saveContent(db, requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/village-disclosures/:id/import', {
    schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 200: ZVillageDisclosure, ...errorResponses, 415: errorResponses[400], 422: errorResponses[400] } },
  }, async (req) => {
    const actor = requireActor(req);
    await villages.getVillageDisclosure(db, actor, req.params.id);
    const upload = await readSingleUpload(req, ['xlsx'], SHEET_BYTES);
    return presentVillageDisclosure(await villages.importSheet(db, actor, req.params.id, { fileName: upload.filename, data: upload.buffer }));
  });

  app.get('/api/v1/village-disclosures/:id/template.xlsx', { schema: { tags, params: ZIdParams, produces: [XLSX_MIME] } }, async (req, reply) => {
    const file = await villages.templateFor(db, requireActor(req), req.params.id);
    return sendDocument(reply, XLSX_MIME, file.fileName, file.data);
  });

  app.post('/api/v1/village-disclosures/:id/publish', {
    schema: { tags, params: ZIdParams, body: z.strictObject({}).optional(), response: { 200: ZPublishedVillageDisclosure, ...errorResponses, 422: errorResponses[400] } },
  }, async (req) => presentPublishedVillageDisclosure(await villages.publishVillageDisclosure(db, requireActor(req), req.params.id)));

  app.post('/api/v1/village-disclosures/:id/revise', {
    schema: { tags, params: ZIdParams, body: z.strictObject({}).optional(), response: { 201: ZVillageDisclosure, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentVillageDisclosure(await villages.reviseVillageDisclosure(db, requireActor(req), req.params.id))));
}
