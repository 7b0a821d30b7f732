import { z } from 'zod';
import { errorResponses, text, ZIdParams, ZTownshipParams, ZId } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { presentUser, ZRole, ZUser } from './users.presenter.js';
import * as service from './users.service.js';

const ZUsername = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/);
/** Optional; an empty string clears it. */
const ZEmail = z.union([z.email().max(254), z.literal('')]).nullable().optional().transform((v) => (v === '' ? null : v));

export const ZCreateUserBody = z.strictObject({
  username: ZUsername,
  displayName: text(50),
  role: ZRole.exclude(['county_admin']),
  unitId: ZId.nullable().optional(),
  villageId: ZId.nullable().optional(),
  email: ZEmail,
});

export const ZUpdateUserBody = z.strictObject({
  displayName: text(50).optional(),
  role: ZRole.exclude(['county_admin']).optional(),
  unitId: ZId.nullable().optional(),
  villageId: ZId.nullable().optional(),
  isActive: z.boolean().optional(),
  email: ZEmail,
});

/** Accounts of a township, managed by its office. */
export function usersRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/townships/:townshipId/users', {
    schema: { tags: ['users'], params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZUser) }), ...errorResponses } },
  }, async (req) => {
    const rows = await service.listTownshipUsers(db, requireActor(req), req.params.townshipId);
    return { items: rows.map(presentUser) };
  });

  app.post('/api/v1/townships/:townshipId/users', {
    schema: {
      tags: ['users'], params: ZTownshipParams, body: ZCreateUserBody,
      response: { 201: z.object({ user: ZUser, temporaryPassword: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { user, temporaryPassword } = await service.createUser(db, requireActor(req), { ...req.body, townshipId: req.params.townshipId });
    return reply.status(201).send({ user: presentUser(user), temporaryPassword: temporaryPassword! });
  });

  app.patch('/api/v1/users/:id', {
    schema: { tags: ['users'], params: ZIdParams, body: ZUpdateUserBody, response: { 200: ZUser, ...errorResponses } },
  }, async (req) => presentUser(await service.updateUser(db, requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/users/:id/reset-password', {
    schema: { tags: ['users'], params: ZIdParams, response: { 200: z.object({ temporaryPassword: z.string() }), ...errorResponses } },
  }, async (req) => service.resetPassword(db, requireActor(req), req.params.id));
}
