import { z } from 'zod';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { errorResponses, text, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { sendStoredFile } from '../../http/downloads.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { readSingleUpload } from '../../http/uploads.js';
import {
  presentAttachment, presentDashboard, presentNotice, presentNoticeDetail, presentNoticeListItem, presentTaskDetail, presentTaskListItem,
  ZAttachment, ZCountyDashboard, ZNotice, ZNoticeDetail, ZNoticeListItem, ZTaskDetail, ZTaskListItem,
} from './county.presenter.js';
import * as service from './county.service.js';

const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZNoticeBody = z.strictObject({
  title: text(200),
  body: text(20_000),
  reportRequirements: text(5_000),
  startsOn: ZDay,
  endsOn: ZDay,
  reportDueOn: ZDay,
});
/** Report-back attachments: 20 MB at most each. */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * County level (县人大常委会): the dashboard of every township of the county for a year, and
 * county notices with one task per township and the townships' report backs.
 */
export function countyRoutes(app: App, { db, config }: AppDeps): void {
  const tags = ['county'];

  app.get('/api/v1/county/dashboard', {
    schema: { tags, querystring: z.strictObject({ year: ZYear.optional() }), response: { 200: ZCountyDashboard, ...errorResponses } },
  }, async (req) => {
    const year = req.query.year ?? Number(todayInShanghai().slice(0, 4));
    return presentDashboard(await service.countyDashboard(db, requireActor(req), year));
  });

  app.get('/api/v1/county/notices', {
    schema: { tags, querystring: z.strictObject({ year: ZYear.optional() }), response: { 200: z.object({ items: z.array(ZNoticeListItem) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listNotices(db, requireActor(req), req.query.year)).map(presentNoticeListItem) }));

  app.post('/api/v1/county/notices', {
    schema: { tags, body: ZNoticeBody, response: { 201: ZNotice, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentNotice(await service.createNotice(db, requireActor(req), req.body))));

  app.get('/api/v1/county/notices/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZNoticeDetail, ...errorResponses } },
  }, async (req) => presentNoticeDetail(await service.getNotice(db, requireActor(req), req.params.id)));

  app.patch('/api/v1/county/notices/:id', {
    schema: { tags, params: ZIdParams, body: ZNoticeBody.partial().strict(), response: { 200: ZNotice, ...errorResponses } },
  }, async (req) => presentNotice(await service.updateNotice(db, requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/county/notices/:id/issue', {
    schema: { tags, params: ZIdParams, response: { 200: ZNoticeDetail, ...errorResponses } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.issueNotice(db, actor, req.params.id);
    return presentNoticeDetail(await service.getNotice(db, actor, req.params.id));
  });

  app.get('/api/v1/townships/:townshipId/county-tasks', {
    schema: { tags, params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZTaskListItem) }), ...errorResponses } },
  }, async (req) => {
    const today = todayInShanghai();
    return { items: (await service.listTownshipTasks(db, requireActor(req), req.params.townshipId)).map((t) => presentTaskListItem(t, today)) };
  });

  app.get('/api/v1/county-tasks/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZTaskDetail, ...errorResponses } },
  }, async (req) => presentTaskDetail(await service.getTask(db, requireActor(req), req.params.id)));

  app.post('/api/v1/county-tasks/:id/report', {
    schema: { tags, params: ZIdParams, body: z.strictObject({ reportText: text(20_000) }), response: { 200: ZTaskDetail, ...errorResponses } },
  }, async (req) => presentTaskDetail(await service.reportTask(db, requireActor(req), req.params.id, req.body.reportText)));

  app.post('/api/v1/county-tasks/:id/attachments', {
    schema: { tags, params: ZIdParams, consumes: ['multipart/form-data'], response: { 201: ZAttachment, ...errorResponses, 415: errorResponses[400] } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    // Scope, ability and state first: an outsider learns nothing from how the upload is judged.
    await service.assertCanAttach(db, actor, req.params.id);
    const upload = await readSingleUpload(req, service.ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES);
    const row = await service.uploadAttachment(db, actor, config.dataDir, req.params.id, { fileName: upload.filename, kind: upload.kind, data: upload.buffer });
    return reply.status(201).send(presentAttachment(row));
  });

  app.get('/api/v1/county-task-attachments/:id/download', {
    schema: { tags, params: ZIdParams },
  }, async (req, reply) => {
    const { row, filePath } = await service.getAttachmentFile(db, requireActor(req), config.dataDir, req.params.id);
    return sendStoredFile(reply, { fileName: row.file_name, mime: row.mime, size: row.size_bytes, filePath });
  });

  app.delete('/api/v1/county-task-attachments/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveAttachment(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
