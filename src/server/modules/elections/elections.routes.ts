import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { errorResponses, text, ZId, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { DOCX_MIME, sendDocument, sendStoredFile, XLSX_MIME } from '../../http/downloads.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { getElection } from './elections.detail.js';
import { buildAnnouncement, buildPublishedList } from './elections.documents.js';
import {
  GUIDANCE_ROLES, OFFICE_VALUES, presentCandidate, presentElectionDetail, presentRound, presentRoundDetail, presentRoll, presentStepDocument, presentTally, roundStats,
  TALLY_ROUNDS, ZCandidate, ZElectionDetail, ZProfile, ZRoll, ZRoundDetail, ZRoundListItem, ZStepDocument, ZTally,
} from './elections.presenter.js';
import { ELECTION_PROFILES } from './elections.profiles.js';
import { addProxy, getRoll, importRoll, PROXY_RELATIONS, removeProxy, revealVoterId, rollTemplate } from './elections.roll.js';
import * as service from './elections.service.js';
import { assertMayUpload, getStepDocumentFile, MAX_STEP_DOCUMENT_BYTES, removeStepDocument, STEP_DOCUMENT_KINDS, uploadStepDocument } from './elections.step-documents.js';
import { countRound, getTally, recordEntry, resolveBox } from './elections.tally.js';

// format: date, so the OpenAPI document (and the authorisation matrix's examples) know a day is wanted.
const ZDay = z.iso.date().refine(isValidDay, { message: 'YYYY-MM-DD' });
const ZCount = z.number().int().min(0).max(1_000_000);
const ZSeatsInput = z.strictObject({ chair: z.number().int().min(0).max(7), viceChair: z.number().int().min(0).max(7), member: z.number().int().min(0).max(7) });
const ZFiguresInput = z.strictObject({
  round: z.enum(TALLY_ROUNDS), boxNo: z.number().int().min(1).max(200),
  issued: ZCount, returned: ZCount, valid: ZCount, invalid: ZCount, votes: z.record(ZId, ZCount),
});
const ZStepParams = z.strictObject({ id: ZId, key: z.string().min(1).max(40) });
/** Voter rolls: .xlsx, 20 MB at most (a 5,000-voter village is well under 1 MB). */
const MAX_ROLL_BYTES = 20 * 1024 * 1024;

/**
 * Village committee elections (村委会换届选举): rounds with their guidance group and training,
 * each village's calendar, roll, proxies, candidates, double-entered tally, result and documents.
 */
export function electionsRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['elections'];

  app.get('/api/v1/election-profiles', {
    schema: { tags, response: { 200: z.object({ items: z.array(ZProfile), relations: z.array(z.string()) }), ...errorResponses } },
  }, async (req) => {
    requireActor(req);
    return {
      items: ELECTION_PROFILES.map((p) => ({ key: p.key, name: p.name, nameEn: p.nameEn, maxProxiesPerAgent: p.maxProxiesPerAgent, steps: p.steps.map((s) => ({ key: s.key, label: s.label, labelEn: s.labelEn, offset: s.offset })) })),
      relations: [...PROXY_RELATIONS],
    };
  });

  app.get('/api/v1/townships/:townshipId/election-rounds', {
    schema: { tags, params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZRoundListItem) }), ...errorResponses } },
  }, async (req) => ({
    items: (await service.listRounds(db, requireActor(req), req.params.townshipId)).map(({ round, villages }) => ({ ...presentRound(round, service.profileOf(round)), stats: roundStats(villages) })),
  }));

  app.post('/api/v1/townships/:townshipId/election-rounds', {
    schema: {
      tags, params: ZTownshipParams,
      body: z.strictObject({
        name: text(100), year: z.number().int().min(2000).max(2100), plannedVoteDay: ZDay, profileKey: z.string().max(40).optional(),
        termYears: z.number().int().min(1).max(10).optional(), runoffExtraCandidates: z.number().int().min(0).max(5).optional(),
        villageIds: z.array(ZId).max(500).optional(), seats: ZSeatsInput.optional(), ballotBoxes: z.number().int().min(1).max(200).optional(),
      }),
      response: { 201: ZRoundDetail, ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const round = await service.createRound(db, actor, req.params.townshipId, req.body);
    return reply.status(201).send(presentRoundDetail(actor, await service.getRound(db, actor, round.id)));
  });

  app.get('/api/v1/election-rounds/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZRoundDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentRoundDetail(actor, await service.getRound(db, actor, req.params.id));
  });

  app.patch('/api/v1/election-rounds/:id', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ name: text(100).optional(), runoffExtraCandidates: z.number().int().min(0).max(5).optional() }), response: { 200: ZRoundDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.updateRound(db, actor, req.params.id, req.body);
    return presentRoundDetail(actor, await service.getRound(db, actor, req.params.id));
  });

  app.put('/api/v1/election-rounds/:id/guidance', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ members: z.array(z.strictObject({ deputyId: ZId.nullable().optional(), name: text(50), role: z.enum(GUIDANCE_ROLES), title: z.string().trim().max(100).nullable().optional() })).min(1).max(50) }),
      response: { 200: ZRoundDetail, ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    await service.setGuidance(db, actor, req.params.id, req.body.members);
    return presentRoundDetail(actor, await service.getRound(db, actor, req.params.id));
  });

  app.post('/api/v1/election-rounds/:id/trainings', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({
        heldOn: ZDay, topic: text(200), place: text(100),
        attendees: z.array(z.strictObject({ name: text(50), villageId: ZId.nullable().optional(), duty: z.string().trim().max(50).nullable().optional() })).max(500),
      }),
      response: { 201: ZRoundDetail, ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await service.addTraining(db, actor, req.params.id, req.body);
    return reply.status(201).send(presentRoundDetail(actor, await service.getRound(db, actor, req.params.id)));
  });

  app.delete('/api/v1/election-trainings/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveTraining(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- a village's election ----

  const detail = async (actor: ReturnType<typeof requireActor>, id: string) => presentElectionDetail(actor, await getElection(db, actor, id));

  app.get('/api/v1/village-elections/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZElectionDetail, ...errorResponses } },
  }, async (req) => detail(requireActor(req), req.params.id));

  app.patch('/api/v1/village-elections/:id', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ seats: ZSeatsInput.optional(), ballotBoxes: z.number().int().min(1).max(200).optional(), runoffBallotBoxes: z.number().int().min(1).max(200).nullable().optional() }), response: { 200: ZElectionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.updateElection(db, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.put('/api/v1/village-elections/:id/steps/:key', {
    schema: {
      tags, params: ZStepParams,
      body: z.strictObject({ plannedOn: ZDay.nullable().optional(), doneOn: ZDay.nullable().optional(), note: z.string().trim().max(500).nullable().optional() }),
      response: { 200: ZElectionDetail, ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    await service.updateStep(db, actor, req.params.id, req.params.key, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/api/v1/village-elections/:id/candidates', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ office: z.enum(OFFICE_VALUES), name: text(50), gender: z.enum(['male', 'female']) }), response: { 201: ZCandidate, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentCandidate(await service.addCandidate(db, requireActor(req), req.params.id, req.body))));

  app.delete('/api/v1/election-candidates/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.removeCandidate(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- documents of the calendar steps ----

  app.post('/api/v1/village-elections/:id/steps/:key/documents', {
    schema: { tags, params: ZStepParams, consumes: ['multipart/form-data'], response: { 201: ZStepDocument, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope, step and ability first: an outsider learns nothing from how the file is judged.
    await assertMayUpload(db, actor, req.params.id, req.params.key);
    const upload = await readSingleUpload(req, STEP_DOCUMENT_KINDS, MAX_STEP_DOCUMENT_BYTES);
    const row = await uploadStepDocument(db, actor, config.dataDir, req.params.id, req.params.key, { fileName: upload.filename, kind: upload.kind, data: upload.buffer });
    return reply.status(201).send(presentStepDocument(row));
  });

  app.get('/api/v1/election-documents/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await getStepDocumentFile(db, requireActor(req), config.dataDir, req.params.id);
    // Photos and PDFs open in the browser; a .docx downloads.
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath }, row.mime !== DOCX_MIME);
  });

  app.delete('/api/v1/election-documents/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await removeStepDocument(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- roll ----

  app.get('/api/v1/village-elections/:id/roll', {
    schema: { tags, params: ZIdParams, response: { 200: ZRoll, ...errorResponses } },
  }, async (req) => presentRoll(await getRoll(db, requireActor(req), req.params.id)));

  app.get('/api/v1/village-elections/:id/roll/template.xlsx', {
    schema: { tags, params: ZIdParams, produces: [XLSX_MIME] },
  }, async (req, reply) => {
    await service.loadElection(db, requireActor(req), req.params.id);
    return sendDocument(reply, XLSX_MIME, '选民登记表模板.xlsx', await rollTemplate());
  });

  app.post('/api/v1/village-elections/:id/roll/import', {
    schema: {
      tags, params: ZIdParams, querystring: z.strictObject({ replace: z.enum(['true', 'false']).optional() }), consumes: ['multipart/form-data'],
      response: { 200: z.object({ imported: z.number(), total: z.number() }), ...errorResponses, 415: errorResponses[400], 422: errorResponses[400] },
    },
  }, async (req) => {
    const actor = requireActor(req);
    // Scope and ability first: an outsider learns nothing from how the file is judged.
    await service.loadElection(db, actor, req.params.id, 'election.roll');
    const upload = await readSingleUpload(req, ['xlsx'], MAX_ROLL_BYTES);
    return importRoll(db, actor, req.params.id, upload.buffer, req.query.replace === 'true');
  });

  app.get('/api/v1/village-elections/:id/roll/published.docx', {
    schema: { tags, params: ZIdParams, produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const file = await buildPublishedList(db, requireActor(req), req.params.id);
    return sendDocument(reply, DOCX_MIME, file.fileName, file.data);
  });

  app.post('/api/v1/election-voters/:id/reveal', {
    schema: { tags, params: ZIdParams, response: { 200: z.object({ idNumber: z.string() }), ...errorResponses } },
  }, async (req) => ({ idNumber: await revealVoterId(db, requireActor(req), req.params.id) }));

  app.post('/api/v1/village-elections/:id/proxies', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ principalVoterId: ZId, proxyVoterId: ZId, relation: z.enum(PROXY_RELATIONS) }), response: { 201: z.object({ id: z.string() }), ...errorResponses } },
  }, async (req, reply) => reply.status(201).send({ id: (await addProxy(db, requireActor(req), req.params.id, req.body)).id }));

  app.delete('/api/v1/election-proxies/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await removeProxy(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- tally and result ----

  app.get('/api/v1/village-elections/:id/tally', {
    schema: { tags, params: ZIdParams, querystring: z.strictObject({ round: z.enum(TALLY_ROUNDS).default('first') }), response: { 200: ZTally, ...errorResponses } },
  }, async (req) => presentTally(await getTally(db, requireActor(req), req.params.id, req.query.round)));

  app.post('/api/v1/village-elections/:id/tally/entries', {
    schema: { tags, params: ZIdParams, body: ZFiguresInput, response: { 201: ZTally, ...errorResponses } },
  }, async (req, reply) => {
    const { round, boxNo, ...figures } = req.body;
    return reply.status(201).send(presentTally(await recordEntry(db, requireActor(req), req.params.id, round, boxNo, figures)));
  });

  app.post('/api/v1/village-elections/:id/tally/resolve', {
    schema: { tags, params: ZIdParams, body: ZFiguresInput, response: { 200: ZTally, ...errorResponses } },
  }, async (req) => {
    const { round, boxNo, ...figures } = req.body;
    return presentTally(await resolveBox(db, requireActor(req), req.params.id, round, boxNo, figures));
  });

  app.post('/api/v1/village-elections/:id/count', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ round: z.enum(TALLY_ROUNDS), day: ZDay.optional() }), response: { 200: ZElectionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await countRound(db, actor, req.params.id, req.body.round, req.body.day);
    return detail(actor, req.params.id);
  });

  app.get('/api/v1/village-elections/:id/announcement.docx', {
    schema: { tags, params: ZIdParams, produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const file = await buildAnnouncement(db, requireActor(req), req.params.id);
    return sendDocument(reply, DOCX_MIME, file.fileName, file.data);
  });
}
