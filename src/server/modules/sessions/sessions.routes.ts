import type { FastifyReply } from 'fastify';
import { DOCX_MIME, sendDocument, sendStoredFile } from '../../http/downloads.js';
import { readSingleUpload } from '../../http/uploads.js';
import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { MOTION_MIN_CO_SIGNERS } from '../../../domain/votes.js';
import { errorResponses, text, ZId, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { buildResolutionDocument, buildSignInSheet, type DocxFile } from './sessions.documents.js';
import {
  AGENDA_KINDS, BALLOT_CHOICES, presentAgendaItem, presentDocument, presentMotion, presentResolution, presentSeat, presentSession,
  presentSessionDetail, presentVote, VOTE_KINDS, ZAgendaItem, ZAttendance, ZCheckin, ZDocument, ZMotion, ZResolution, ZSession,
  ZSessionDetail, ZVote,
} from './sessions.presenter.js';
import { registerDutyRecordProvider } from '../deputies/duty-record.service.js';
import { sessionAttendanceProvider } from './sessions.duty.js';
import * as service from './sessions.service.js';
import { loadQRCode } from '../../lazy-libs.js';

const ZDay = z.string().refine(isValidDay, { message: 'YYYY-MM-DD' });
const ZSessionBody = z.strictObject({
  termNumber: z.number().int().min(1).max(99),
  sittingNumber: z.number().int().min(1).max(99),
  startDate: ZDay,
  endDate: ZDay,
  place: text(100),
  notes: z.string().trim().max(2000).nullable().optional(),
});
const ZAgendaBody = z.strictObject({
  kind: z.enum(AGENDA_KINDS),
  title: text(200),
  description: z.string().trim().max(4000).nullable().optional(),
  position: z.number().int().min(1).max(999).optional(),
});
const ZAttendanceEntry = z.strictObject({
  deputyId: ZId,
  status: z.enum(['present', 'leave', 'absent']),
  leaveReason: z.string().trim().max(200).nullable().optional(),
});
const ZResolutionBody = z.strictObject({ title: text(200), body: z.string().trim().min(1).max(50_000), agendaItemId: ZId.nullable().optional() });
const ZMotionBody = z.strictObject({
  title: text(200),
  reason: z.string().trim().min(1).max(10_000),
  basis: z.string().trim().min(1).max(10_000),
  proposal: z.string().trim().min(1).max(10_000),
  leadDeputyId: ZId.optional(),
  coSignerIds: z.array(ZId).max(200),
});
const ZCounts = z.strictObject({ yes: z.number().int().min(0).max(9999), no: z.number().int().min(0).max(9999), abstain: z.number().int().min(0).max(9999) });
const ZTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const ZSessionParams = z.strictObject({ id: ZId });
const ZItems = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });

function sendDocx(reply: FastifyReply, file: DocxFile): FastifyReply {
  return sendDocument(reply, DOCX_MIME, file.fileName, file.data);
}

/**
 * Congress sessions (人代会): agenda and documents, attendance with QR check-in and the quorum,
 * votes with the legal thresholds, resolutions and motions. Uploads use the app-wide
 * @fastify/multipart (app.ts); the per-file limit is checked here too.
 */
export function sessionsRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['sessions'];
  registerDutyRecordProvider(sessionAttendanceProvider);

  // ---- sessions ----
  app.get('/api/v1/townships/:townshipId/sessions', {
    schema: {
      tags, params: ZTownshipParams,
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional(), today: ZDay.optional() }),
      response: { 200: z.object({ items: z.array(ZSession), warnings: z.array(z.enum(['no_session_this_year'])), today: z.string() }), ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    const { rows, warnings, today } = await service.listSessions(db, actor, req.params.townshipId, req.query);
    const name = await service.townshipName(db, req.params.townshipId);
    return { items: rows.map((r) => presentSession(r, name)), warnings, today };
  });

  app.post('/api/v1/townships/:townshipId/sessions', {
    schema: { tags, params: ZTownshipParams, body: ZSessionBody, response: { 201: ZSession, ...errorResponses } },
  }, async (req, reply) => {
    const row = await service.createSession(db, requireActor(req), req.params.townshipId, req.body);
    return reply.status(201).send(presentSession(row, await service.townshipName(db, row.township_id)));
  });

  const detail = async (actor: ReturnType<typeof requireActor>, id: string) => presentSessionDetail(actor, await service.getSessionDetail(db, actor, id));

  app.get('/api/v1/sessions/:id', {
    schema: { tags, params: ZSessionParams, response: { 200: ZSessionDetail, ...errorResponses } },
  }, async (req) => detail(requireActor(req), req.params.id));

  app.patch('/api/v1/sessions/:id', {
    schema: { tags, params: ZSessionParams, body: ZSessionBody.partial().strict(), response: { 200: ZSessionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.updateSession(db, actor, req.params.id, req.body);
    return detail(actor, req.params.id);
  });

  app.post('/api/v1/sessions/:id/open', {
    schema: { tags, params: ZSessionParams, response: { 200: ZSessionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.openSession(db, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  app.post('/api/v1/sessions/:id/close', {
    schema: { tags, params: ZSessionParams, response: { 200: ZSessionDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.closeSession(db, actor, req.params.id);
    return detail(actor, req.params.id);
  });

  // ---- attendance, QR check-in, sign-in sheet ----
  const attendance = (r: Awaited<ReturnType<typeof service.getAttendance>>, townshipName: string) => ({
    session: presentSession(r.session, townshipName), quorum: r.quorum, items: r.seats.map(presentSeat),
  });

  app.get('/api/v1/sessions/:id/attendance', {
    schema: { tags, params: ZSessionParams, response: { 200: ZAttendance, ...errorResponses } },
  }, async (req) => {
    const r = await service.getAttendance(db, requireActor(req), req.params.id);
    return attendance(r, await service.townshipName(db, r.session.township_id));
  });

  app.post('/api/v1/sessions/:id/attendance', {
    schema: { tags, params: ZSessionParams, body: z.strictObject({ entries: z.array(ZAttendanceEntry).min(1).max(500) }), response: { 200: ZAttendance, ...errorResponses } },
  }, async (req) => {
    const r = await service.recordAttendance(db, requireActor(req), req.params.id, req.body.entries);
    return attendance(r, await service.townshipName(db, r.session.township_id));
  });

  app.get('/api/v1/sessions/:id/checkin-qr', {
    schema: { tags, params: ZSessionParams, produces: ['image/svg+xml'] },
  }, async (req, reply) => {
    const token = await service.getCheckinToken(db, requireActor(req), req.params.id);
    const url = `${req.protocol}://${req.host}${service.checkinPath(token)}`;
    const svg = await (await loadQRCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('x-checkin-url', url).send(svg);
  });

  app.get('/api/v1/sessions/:id/sign-in-sheet.docx', {
    schema: { tags, params: ZSessionParams, produces: [DOCX_MIME] },
  }, async (req, reply) => sendDocx(reply, await buildSignInSheet(db, requireActor(req), req.params.id)));

  const checkinBody = (r: { session: Parameters<typeof presentSession>[0]; townshipName: string; seat: Parameters<typeof presentSeat>[0] | null; alreadyPresent?: boolean }) => {
    const s = presentSession(r.session, r.townshipName);
    return {
      session: { id: s.id, fullName: s.fullName, startDate: s.startDate, endDate: s.endDate, place: s.place, state: s.state },
      seat: r.seat ? presentSeat(r.seat) : null,
      ...(r.alreadyPresent !== undefined ? { alreadyPresent: r.alreadyPresent } : {}),
    };
  };

  app.get('/api/v1/checkin/:token', {
    schema: { tags, params: ZTokenParams, response: { 200: ZCheckin, ...errorResponses } },
  }, async (req) => checkinBody(await service.getCheckinInfo(db, requireActor(req), req.params.token)));

  app.post('/api/v1/checkin/:token', {
    schema: { tags, params: ZTokenParams, response: { 200: ZCheckin, ...errorResponses } },
  }, async (req) => checkinBody(await service.checkIn(db, requireActor(req), req.params.token)));

  // ---- agenda and documents ----
  app.post('/api/v1/sessions/:id/agenda-items', {
    schema: { tags, params: ZSessionParams, body: ZAgendaBody, response: { 201: ZAgendaItem, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentAgendaItem(await service.createAgendaItem(db, requireActor(req), req.params.id, req.body))));

  app.patch('/api/v1/agenda-items/:id', {
    schema: { tags, params: ZIdParams, body: ZAgendaBody.partial().extend({ archived: z.boolean().optional() }).strict(), response: { 200: ZAgendaItem, ...errorResponses } },
  }, async (req) => presentAgendaItem(await service.updateAgendaItem(db, requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/agenda-items/:id/documents', {
    schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZDocument, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope and ability first: an outsider learns nothing from how the upload is judged.
    await service.assertCanUploadDocument(db, actor, req.params.id);
    const upload = await readSingleUpload(req, ['docx', 'pdf'], service.MAX_UPLOAD_BYTES);
    const row = await service.uploadDocument(db, actor, config.dataDir, req.params.id, { fileName: upload.filename, kind: upload.kind, data: upload.buffer });
    return reply.status(201).send(presentDocument(row));
  });

  app.get('/api/v1/session-documents/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await service.getDocumentFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath });
  });

  app.delete('/api/v1/session-documents/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveDocument(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  // ---- votes ----
  app.get('/api/v1/sessions/:id/votes', {
    schema: { tags, params: ZSessionParams, response: { 200: ZItems(ZVote), ...errorResponses } },
  }, async (req) => ({ items: (await service.listVotes(db, requireActor(req), req.params.id)).map(presentVote) }));

  app.post('/api/v1/sessions/:id/votes', {
    schema: {
      tags, params: ZSessionParams,
      body: z.strictObject({ kind: z.enum(VOTE_KINDS), title: text(200), agendaItemId: ZId.nullable().optional(), resolutionId: ZId.nullable().optional() }),
      response: { 201: ZVote, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentVote(await service.openVote(db, requireActor(req), req.params.id, req.body))));

  app.get('/api/v1/votes/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZVote, ...errorResponses } },
  }, async (req) => presentVote(await service.getVote(db, requireActor(req), req.params.id)));

  app.post('/api/v1/votes/:id/ballots', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ ballots: z.array(z.strictObject({ deputyId: ZId, choice: z.enum(BALLOT_CHOICES).nullable() })).min(1).max(500) }),
      response: { 200: ZVote, ...errorResponses },
    },
  }, async (req) => presentVote(await service.recordBallots(db, requireActor(req), req.params.id, req.body.ballots)));

  app.post('/api/v1/votes/:id/close', {
    schema: { tags, params: ZIdParams, body: z.union([ZCounts, z.strictObject({})]), response: { 200: ZVote, ...errorResponses } },
    // A roll call is closed with no body at all: its counts come from the ballots.
    preValidation: async (req) => { if (req.body === undefined || req.body === null) req.body = {}; },
  }, async (req) => presentVote(await service.closeVote(db, requireActor(req), req.params.id, ZCounts.safeParse(req.body).data)));

  app.post('/api/v1/votes/:id/revote', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ reason: text(500) }), response: { 201: ZVote, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentVote(await service.revote(db, requireActor(req), req.params.id, req.body.reason))));

  // ---- resolutions ----
  app.get('/api/v1/sessions/:id/resolutions', {
    schema: { tags, params: ZSessionParams, response: { 200: ZItems(ZResolution), ...errorResponses } },
  }, async (req) => ({ items: (await service.listResolutions(db, requireActor(req), req.params.id)).map(presentResolution) }));

  app.post('/api/v1/sessions/:id/resolutions', {
    schema: { tags, params: ZSessionParams, body: ZResolutionBody, response: { 201: ZResolution, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentResolution(await service.createResolution(db, requireActor(req), req.params.id, req.body))));

  app.get('/api/v1/resolutions/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZResolution.extend({ vote: ZVote.nullable() }), ...errorResponses } },
  }, async (req) => {
    const r = await service.getResolution(db, requireActor(req), req.params.id);
    return { ...presentResolution(r.resolution), vote: r.vote ? presentVote(r.vote) : null };
  });

  app.patch('/api/v1/resolutions/:id', {
    schema: { tags, params: ZIdParams, body: ZResolutionBody.partial().strict(), response: { 200: ZResolution, ...errorResponses } },
  }, async (req) => presentResolution(await service.updateResolution(db, requireActor(req), req.params.id, req.body)));

  app.get('/api/v1/resolutions/:id/document.docx', {
    schema: { tags, params: ZIdParams, produces: [DOCX_MIME] },
  }, async (req, reply) => sendDocx(reply, await buildResolutionDocument(db, requireActor(req), req.params.id)));

  // ---- motions (议案) ----
  app.get('/api/v1/sessions/:id/motions', {
    schema: { tags, params: ZSessionParams, response: { 200: ZItems(ZMotion), ...errorResponses } },
  }, async (req) => ({ items: (await service.listMotions(db, requireActor(req), req.params.id)).map((m) => presentMotion(m, MOTION_MIN_CO_SIGNERS)) }));

  app.post('/api/v1/sessions/:id/motions', {
    schema: { tags, params: ZSessionParams, body: ZMotionBody, response: { 201: ZMotion, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentMotion(await service.createMotion(db, requireActor(req), req.params.id, req.body), MOTION_MIN_CO_SIGNERS)));

  app.get('/api/v1/motions/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZMotion, ...errorResponses } },
  }, async (req) => presentMotion(await service.getMotion(db, requireActor(req), req.params.id), MOTION_MIN_CO_SIGNERS));

  app.post('/api/v1/motions/:id/signers/:deputyId/confirm', {
    schema: { tags, params: z.strictObject({ id: ZId, deputyId: ZId }), response: { 200: ZMotion, ...errorResponses } },
  }, async (req) => presentMotion(await service.confirmSignature(db, requireActor(req), req.params.id, req.params.deputyId), MOTION_MIN_CO_SIGNERS));

  app.post('/api/v1/motions/:id/decision', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ decision: z.enum(['put_on_agenda', 'convert_to_suggestion']), note: z.string().trim().max(2000).nullable().optional() }),
      response: { 200: ZMotion, ...errorResponses },
    },
  }, async (req) => presentMotion(await service.decideMotion(db, requireActor(req), req.params.id, req.body), MOTION_MIN_CO_SIGNERS));
}
