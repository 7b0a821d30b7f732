import { z } from 'zod';
import { errorResponses, ZIdParams, ZOk } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import type { NotificationRow } from './notifications.repository.js';
import * as service from './notifications.service.js';

const tags = ['notifications'];

export const ZNotification = z.object({
  id: z.string(),
  townshipId: z.string(),
  kind: z.enum(['suggestion', 'county_notice', 'audit_alert']),
  stage: z.enum(['assigned', 'replied', 'dissatisfied', 'due_soon_7d', 'overdue', 'overdue_30d', 'county_notice_issued', 'audit_chain_broken']),
  suggestionId: z.string().nullable(),
  round: z.number(),
  title: z.string(),
  body: z.string().nullable(),
  /** Reached the user as a handler of this unit, or by this role (null: addressed to them). */
  viaUnitId: z.string().nullable(),
  viaRole: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

function present(n: NotificationRow): z.infer<typeof ZNotification> {
  return {
    id: n.id, townshipId: n.township_id, kind: n.kind, stage: n.stage, suggestionId: n.suggestion_id, round: n.round, title: n.title, body: n.body,
    viaUnitId: n.recipient_unit_id, viaRole: n.recipient_role, createdAt: n.created_at, readAt: n.read_at,
  };
}

/** The signed-in user's in-app notices (站内通知): list with the unread count, mark read. */
export function notificationsRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/notifications', {
    schema: {
      tags,
      querystring: z.strictObject({
        unreadOnly: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
      response: { 200: z.object({ items: z.array(ZNotification), unread: z.number(), total: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    const r = await service.listMyNotifications(db, requireActor(req), {
      unreadOnly: req.query.unreadOnly === 'true', ...(req.query.limit ? { limit: req.query.limit } : {}), ...(req.query.offset ? { offset: req.query.offset } : {}),
    });
    return { items: r.rows.map(present), unread: r.unread, total: r.total };
  });

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags, response: { 200: z.object({ unread: z.number() }), ...errorResponses } },
  }, async (req) => ({ unread: await service.countUnread(db, requireActor(req)) }));

  app.post('/api/v1/notifications/read-all', {
    schema: { tags, response: { 200: z.object({ ok: z.literal(true), count: z.number() }), ...errorResponses } },
  }, async (req) => ({ ok: true as const, count: await service.markAllRead(db, requireActor(req)) }));

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.markNotificationRead(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
