import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { errorResponses, text, ZIdParams, ZTownshipParams, ZId } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { notFound } from '../../errors.js';
import { registerDashboardCounter } from '../dashboard/dashboard.service.js';
import {
  presentConstituency, presentDeputy, presentDeputyBrief, presentDutyRecord, presentGroup, presentPresidium, presentRanking,
  ZConstituency, ZDeputy, ZDeputyListItem, ZDutyRecord, ZGroup, ZPresidium, ZRankingEntry,
} from './deputies.presenter.js';
import * as importer from './deputies.import.js';
import { countServingDeputies } from './deputies.repository.js';
import * as service from './deputies.service.js';
import * as structure from './structure.service.js';
import { getDutyRanking, getDutyRecord } from './duty-record.service.js';
import { sendDocument, XLSX_MIME } from '../../http/downloads.js';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZDeputyBody = z.strictObject({
  level: z.enum(['township', 'county']),
  termNumber: z.number().int().min(1).max(99),
  name: text(30),
  gender: z.enum(['male', 'female']),
  ethnicity: text(20),
  birthDate: ZDay,
  idNumber: z.string().trim().min(1).max(30),
  party: text(20),
  education: text(20),
  occupation: text(20),
  workplace: z.string().trim().max(100).nullable().optional(),
  constituencyId: ZId.nullable().optional(),
  groupId: ZId.nullable().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  mandateStart: ZDay,
  mandateEnd: ZDay.nullable().optional(),
  endReason: z.string().trim().max(100).nullable().optional(),
  holdsGovernmentPost: z.boolean().optional(),
});
const ZYearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const ZImportQuery = z.strictObject({ createMissing: z.enum(['true', 'false']).optional() });

function sendXlsx(reply: FastifyReply, buffer: Buffer, filename: string) {
  return sendDocument(reply, XLSX_MIME, filename, buffer);
}

const thisYear = () => Number(todayInShanghai().slice(0, 4));

/** Deputies, their constituencies, groups, presidium and area assignments, imports and duty records. */
export function deputiesRoutes(app: App, { db }: AppDeps): void {
  registerDashboardCounter({
    key: 'deputies',
    count: (d, townshipId) => countServingDeputies(d, townshipId),
  });

  app.get('/api/v1/townships/:townshipId/deputies', {
    schema: {
      tags: ['deputies'], params: ZTownshipParams,
      querystring: z.strictObject({
        level: z.enum(['township', 'county']).optional(), termNumber: z.coerce.number().int().min(1).max(99).optional(),
        constituencyId: ZId.optional(), groupId: ZId.optional(), current: z.enum(['true', 'false']).optional(), search: z.string().max(30).optional(),
      }),
      response: { 200: z.object({ items: z.array(ZDeputyListItem) }), ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const q = req.query;
    const rows = await service.listDeputies(db, actor, req.params.townshipId, {
      ...(q.level ? { level: q.level } : {}), ...(q.termNumber ? { termNumber: q.termNumber } : {}),
      ...(q.constituencyId ? { constituencyId: q.constituencyId } : {}), ...(q.groupId ? { groupId: q.groupId } : {}),
      currentOnly: q.current === 'true', ...(q.search ? { search: q.search } : {}),
    });
    // A roster record only to whom may read it; anyone else gets the brief item (minimum necessary).
    return { items: rows.map((d) => (service.canReadDeputy(actor, d) ? presentDeputy(d, actor) : presentDeputyBrief(d))) };
  });

  app.post('/api/v1/townships/:townshipId/deputies', {
    schema: { tags: ['deputies'], params: ZTownshipParams, body: ZDeputyBody, response: { 201: ZDeputy, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(presentDeputy(await service.createDeputy(db, actor, req.params.townshipId, req.body), actor));
  });

  app.get('/api/v1/deputies/me', {
    schema: { tags: ['deputies'], response: { 200: ZDeputy, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    const d = await service.findOwnDeputy(db, actor);
    if (!d) throw notFound('deputy');
    return presentDeputy(d, actor);
  });

  app.get('/api/v1/deputies/:id', {
    schema: { tags: ['deputies'], params: ZIdParams, response: { 200: ZDeputy, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentDeputy(await service.readDeputy(db, actor, req.params.id), actor);
  });

  app.patch('/api/v1/deputies/:id', {
    schema: { tags: ['deputies'], params: ZIdParams, body: ZDeputyBody.partial().strict(), response: { 200: ZDeputy, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentDeputy(await service.updateDeputy(db, actor, req.params.id, req.body), actor);
  });

  app.post('/api/v1/deputies/:id/reveal', {
    schema: { tags: ['deputies'], params: ZIdParams, response: { 200: z.object({ idNumber: z.string(), phone: z.string().nullable() }), ...errorResponses } },
  }, async (req) => service.revealPersonalData(db, requireActor(req), req.params.id));

  app.post('/api/v1/deputies/:id/account', {
    schema: {
      tags: ['deputies'], params: ZIdParams, body: z.strictObject({ username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/) }),
      response: { 201: z.object({ username: z.string(), temporaryPassword: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await service.createDeputyAccount(db, requireActor(req), req.params.id, req.body.username)));

  app.get('/api/v1/deputies/:id/duty-record', {
    schema: { tags: ['deputies'], params: ZIdParams, querystring: ZYearQuery, response: { 200: ZDutyRecord, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentDutyRecord(await getDutyRecord(db, actor, req.params.id, req.query.year ?? thisYear()), actor);
  });

  app.get('/api/v1/townships/:townshipId/duty-ranking', {
    schema: { tags: ['deputies'], params: ZTownshipParams, querystring: ZYearQuery, response: { 200: z.object({ year: z.number(), items: z.array(ZRankingEntry) }), ...errorResponses } },
  }, async (req) => {
    const year = req.query.year ?? thisYear();
    return { year, items: presentRanking(await getDutyRanking(db, requireActor(req), req.params.townshipId, year)) };
  });

  // ---- constituencies and groups ------------------------------------------------------------
  const ZConstituencyBody = z.strictObject({
    name: text(30), registeredVoters: z.number().int().min(0).max(10_000_000), seats: z.number().int().min(1).max(50), villageIds: z.array(ZId).max(100),
  });
  app.get('/api/v1/townships/:townshipId/constituencies', {
    schema: { tags: ['deputies'], params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZConstituency) }), ...errorResponses } },
  }, async (req) => ({ items: (await structure.listConstituencies(db, requireActor(req), req.params.townshipId)).map(presentConstituency) }));
  app.post('/api/v1/townships/:townshipId/constituencies', {
    schema: { tags: ['deputies'], params: ZTownshipParams, body: ZConstituencyBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req, reply) => reply.status(201).send({ id: (await structure.saveConstituency(db, requireActor(req), req.params.townshipId, null, req.body)).id }));
  app.put('/api/v1/constituencies/:id', {
    schema: { tags: ['deputies'], params: ZIdParams, body: ZConstituencyBody, response: { 200: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    const townshipId = await structure.findConstituencyTownship(db, actor, req.params.id);
    return { id: (await structure.saveConstituency(db, actor, townshipId, req.params.id, req.body)).id };
  });

  const ZGroupBody = z.strictObject({ name: text(30), leaderDeputyId: ZId.nullable() });
  app.get('/api/v1/townships/:townshipId/deputy-groups', {
    schema: { tags: ['deputies'], params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZGroup) }), ...errorResponses } },
  }, async (req) => ({ items: (await structure.listGroups(db, requireActor(req), req.params.townshipId)).map(presentGroup) }));
  app.post('/api/v1/townships/:townshipId/deputy-groups', {
    schema: { tags: ['deputies'], params: ZTownshipParams, body: ZGroupBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req, reply) => reply.status(201).send({ id: (await structure.saveGroup(db, requireActor(req), req.params.townshipId, null, req.body)).id }));
  app.put('/api/v1/deputy-groups/:id', {
    schema: { tags: ['deputies'], params: ZIdParams, body: ZGroupBody, response: { 200: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    const townshipId = await structure.findGroupTownship(db, actor, req.params.id);
    return { id: (await structure.saveGroup(db, actor, townshipId, req.params.id, req.body)).id };
  });

  // ---- presidium and area assignments ------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/presidium', {
    schema: { tags: ['deputies'], params: ZTownshipParams, response: { 200: ZPresidium, ...errorResponses } },
  }, async (req) => presentPresidium(await structure.getPresidium(db, requireActor(req), req.params.townshipId)));
  app.post('/api/v1/townships/:townshipId/presidium', {
    schema: {
      tags: ['deputies'], params: ZTownshipParams,
      body: z.strictObject({
        termNumber: z.number().int().min(1).max(99), sessionLabel: text(60), electedOn: ZDay,
        members: z.array(z.strictObject({ deputyId: ZId, position: z.enum(['chair', 'vice_chair', 'member']) })).min(1).max(40),
      }),
      response: { 201: ZPresidium, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentPresidium(await structure.electPresidium(db, requireActor(req), req.params.townshipId, req.body))));

  const ZArea = z.object({ leaderDeputyId: z.string(), villageIds: z.array(z.string()), deputyIds: z.array(z.string()) });
  app.get('/api/v1/townships/:townshipId/area-assignments', {
    schema: { tags: ['deputies'], params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZArea) }), ...errorResponses } },
  }, async (req) => ({ items: await structure.listAreaAssignments(db, requireActor(req), req.params.townshipId) }));
  app.put('/api/v1/townships/:townshipId/area-assignments/:leaderDeputyId', {
    schema: {
      tags: ['deputies'], params: z.strictObject({ townshipId: ZId, leaderDeputyId: ZId }),
      body: z.strictObject({ villageIds: z.array(ZId).max(100), deputyIds: z.array(ZId).max(200) }),
      response: { 200: ZArea, ...errorResponses },
    },
  }, async (req) => structure.assignArea(db, requireActor(req), req.params.townshipId, req.params.leaderDeputyId, req.body));

  // ---- Excel --------------------------------------------------------------------------------
  app.get('/api/v1/townships/:townshipId/deputies/import-template', {
    schema: { tags: ['deputies'], params: ZTownshipParams, produces: [XLSX_MIME] },
  }, async (req, reply) => sendXlsx(reply, await importer.deputyImportTemplate(db, requireActor(req), req.params.townshipId), '代表名册导入模板.xlsx'));

  app.get('/api/v1/townships/:townshipId/deputies/export', {
    schema: { tags: ['deputies'], params: ZTownshipParams, produces: [XLSX_MIME] },
  }, async (req, reply) => sendXlsx(reply, await importer.exportDeputies(db, requireActor(req), req.params.townshipId), `代表名册-${todayInShanghai()}.xlsx`));

  const ZCheck = z.object({
    rowCount: z.number(), problems: z.array(z.object({ row: z.number(), column: z.string(), reason: z.string() })),
    missingConstituencies: z.array(z.string()), missingGroups: z.array(z.string()),
  });
  app.post('/api/v1/townships/:townshipId/deputies/import/check', {
    schema: { tags: ['deputies'], params: ZTownshipParams, querystring: ZImportQuery, consumes: ['multipart/form-data'], response: { 200: ZCheck, ...errorResponses } },
  }, async (req) => {
    const upload = await readSingleUpload(req, ['xlsx']);
    return importer.checkDeputyImport(db, requireActor(req), req.params.townshipId, upload.buffer, req.query.createMissing === 'true');
  });

  app.post('/api/v1/townships/:townshipId/deputies/import/error-report', {
    schema: { tags: ['deputies'], params: ZTownshipParams, querystring: ZImportQuery, consumes: ['multipart/form-data'], produces: [XLSX_MIME] },
  }, async (req, reply) => {
    const upload = await readSingleUpload(req, ['xlsx']);
    const report = await importer.deputyImportErrorReport(db, requireActor(req), req.params.townshipId, upload.buffer, req.query.createMissing === 'true');
    return sendXlsx(reply, report, `导入错误报告-${upload.filename.replace(/\.xlsx$/i, '')}.xlsx`);
  });

  app.post('/api/v1/townships/:townshipId/deputies/import', {
    schema: {
      tags: ['deputies'], params: ZTownshipParams, querystring: ZImportQuery, consumes: ['multipart/form-data'],
      response: { 201: z.object({ imported: z.number(), createdConstituencies: z.number(), createdGroups: z.number() }), 422: errorResponses[400], ...errorResponses },
    },
  }, async (req, reply) => {
    const upload = await readSingleUpload(req, ['xlsx']);
    return reply.status(201).send(await importer.importDeputies(db, requireActor(req), req.params.townshipId, upload.buffer, req.query.createMissing === 'true'));
  });
}
