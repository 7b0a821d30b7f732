import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { errorResponses, text, ZId, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import { DOCX_MIME, sendDocument, sendStoredFile } from '../../http/downloads.js';
import { buildMinutesDocument } from './presidium-meetings.documents.js';
import {
  presentMeetingDetail, presentMeetingDocument, presentMeetingListItem, presentTopic, ZMeetingDetail, ZMeetingDocument, ZMeetingListItem, ZTopic,
} from './presidium-meetings.presenter.js';
import * as service from './presidium-meetings.service.js';

const ZDay = z.string().refine(isValidDay, { message: 'YYYY-MM-DD' });
const ZMeetingBody = z.strictObject({
  meetingDate: ZDay,
  place: text(100),
  convenedByDeputyId: ZId.nullable().optional(),
  topics: z.array(text(200)).max(50).optional(),
});
const ZAttendanceEntry = z.strictObject({
  deputyId: ZId,
  status: z.enum(['present', 'absent']),
  absenceReason: z.string().trim().max(200).nullable().optional(),
});
/** Meeting documents: .docx or .pdf, 20 MB at most. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Presidium meetings between sessions (主席团会议, 地方组织法 第19条): date, place, convener,
 * attendance with the quorum, topics and decisions, minutes (.docx) and documents.
 */
export function presidiumMeetingsRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['presidium-meetings'];

  app.get('/api/v1/townships/:townshipId/presidium-meetings', {
    schema: {
      tags, params: ZTownshipParams, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.object({ items: z.array(ZMeetingListItem) }), ...errorResponses },
    },
  }, async (req) => ({ items: (await service.listMeetings(db, requireActor(req), req.params.townshipId, req.query.year)).map(presentMeetingListItem) }));

  app.post('/api/v1/townships/:townshipId/presidium-meetings', {
    schema: { tags, params: ZTownshipParams, body: ZMeetingBody, response: { 201: ZMeetingDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(presentMeetingDetail(actor, await service.createMeeting(db, actor, req.params.townshipId, req.body)));
  });

  app.get('/api/v1/presidium-meetings/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZMeetingDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentMeetingDetail(actor, await service.getMeeting(db, actor, req.params.id));
  });

  app.patch('/api/v1/presidium-meetings/:id', {
    schema: { tags, params: ZIdParams, body: ZMeetingBody.omit({ topics: true }).partial().strict(), response: { 200: ZMeetingDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentMeetingDetail(actor, await service.updateMeeting(db, actor, req.params.id, req.body));
  });

  app.put('/api/v1/presidium-meetings/:id/minutes', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ minutes: z.string().max(50_000).nullable() }), response: { 200: ZMeetingDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentMeetingDetail(actor, await service.saveMinutes(db, actor, req.params.id, req.body.minutes));
  });

  app.post('/api/v1/presidium-meetings/:id/attendance', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ entries: z.array(ZAttendanceEntry).min(1).max(50) }), response: { 200: ZMeetingDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    return presentMeetingDetail(actor, await service.recordAttendance(db, actor, req.params.id, req.body.entries));
  });

  app.post('/api/v1/presidium-meetings/:id/topics', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ title: text(200) }), response: { 201: ZTopic, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentTopic(await service.addTopic(db, requireActor(req), req.params.id, req.body.title))));

  app.patch('/api/v1/presidium-meeting-topics/:id', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ title: text(200).optional(), position: z.number().int().min(1).max(999).optional(), archived: z.literal(true).optional() }),
      response: { 200: z.object({ topic: ZTopic.nullable() }), ...errorResponses },
    },
  }, async (req) => {
    const topic = await service.updateTopic(db, requireActor(req), req.params.id, req.body);
    return { topic: topic ? presentTopic(topic) : null };
  });

  app.put('/api/v1/presidium-meeting-topics/:id/decision', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ decision: z.string().max(10_000).nullable() }), response: { 200: ZTopic, ...errorResponses } },
  }, async (req) => presentTopic(await service.recordDecision(db, requireActor(req), req.params.id, req.body.decision)));

  app.get('/api/v1/presidium-meetings/:id/minutes.docx', {
    schema: { tags, params: ZIdParams, produces: [DOCX_MIME] },
  }, async (req, reply) => {
    const file = await buildMinutesDocument(db, requireActor(req), req.params.id);
    return sendDocument(reply, DOCX_MIME, file.fileName, file.data);
  });

  app.post('/api/v1/presidium-meetings/:id/documents', {
    schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZMeetingDocument, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope and ability first: an outsider learns nothing from how the upload is judged.
    await service.loadMeeting(db, actor, req.params.id);
    const upload = await readSingleUpload(req, ['docx', 'pdf'], MAX_DOCUMENT_BYTES);
    const row = await service.uploadDocument(db, actor, config.dataDir, req.params.id, { fileName: upload.filename, kind: upload.kind, data: upload.buffer });
    return reply.status(201).send(presentMeetingDocument(row));
  });

  app.get('/api/v1/presidium-meeting-documents/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await service.getDocumentFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath });
  });

  app.delete('/api/v1/presidium-meeting-documents/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveDocument(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
