import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { presentAbilities, ABILITIES } from '../../auth/policy.js';
import { deleteSession, SESSION_COOKIE } from '../../auth/sessions.js';
import { errorResponses, ZOk } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { listVisibleTownships } from '../townships/townships.service.js';
import { presentTownship, ZTownship } from '../townships/townships.presenter.js';
import { findUserById } from '../users/users.repository.js';
import { presentUser, ZUser } from '../users/users.presenter.js';
import { changeOwnPassword, login, logout } from './auth.service.js';

const ZLoginBody = z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
const ZMe = z.object({
  user: ZUser,
  csrfToken: z.string(),
  townships: z.array(ZTownship),
  abilities: z.record(z.enum(ABILITIES), z.boolean()),
});

/** Sign in and out, who am I, change my password. */
export function authRoutes(app: App, { db, config }: AppDeps): void {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  async function me(req: FastifyRequest) {
    const actor = requireActor(req);
    const user = (await findUserById(db, actor.id))!;
    const townships = await listVisibleTownships(db, actor);
    return { user: presentUser(user), csrfToken: req.csrfToken ?? '', townships: townships.map(presentTownship), abilities: presentAbilities(actor) };
  }

  app.post('/api/v1/auth/login', {
    schema: { tags: ['auth'], body: ZLoginBody, response: { 200: ZMe, ...errorResponses } },
  }, async (req, reply) => {
    if (req.sessionId) await deleteSession(db, req.sessionId);
    const result = await login(db, config, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    void reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
    const user = (await findUserById(db, result.userId))!;
    const actor = { id: user.id, username: user.username, displayName: user.display_name, role: user.role, townshipId: user.township_id, countyCode: user.county_code, unitId: user.unit_id, villageId: user.village_id, ip: req.ip };
    const townships = await listVisibleTownships(db, actor);
    return { user: presentUser(user), csrfToken: result.csrfToken, townships: townships.map(presentTownship), abilities: presentAbilities(actor) };
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], response: { 200: ZOk, ...errorResponses } } }, async (req, reply) => {
    if (req.sessionId) await logout(db, req.actor, req.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], response: { 200: ZMe, ...errorResponses } } }, async (req) => me(req));

  app.post('/api/v1/auth/change-password', {
    schema: {
      tags: ['auth'],
      body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
      response: { 200: ZOk, ...errorResponses },
    },
  }, async (req) => {
    await changeOwnPassword(db, requireActor(req), req.sessionId!, req.body);
    return { ok: true as const };
  });
}
