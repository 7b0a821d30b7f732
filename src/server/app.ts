import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { makeAuthHook } from './http/auth-hook.js';
import { errorBody, handleError } from './http/error-handler.js';
import { makeSecurityHeaders } from './http/security-headers.js';
import { createPublicFormGuards } from './http/public-guards.js';
import { recordRoutes } from './http/route-registry.js';
import { rejectNulCharacters } from './http/input-guards.js';
import type { App, AppDeps } from './http/types.js';
import { pickLocale } from './i18n/messages.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { deputiesRoutes } from './modules/deputies/deputies.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { presidiumMeetingsRoutes } from './modules/presidium-meetings/presidium-meetings.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { suggestionsRoutes } from './modules/suggestions/suggestions.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { dutyRoutes } from './modules/duty/duty.routes.js';
import { electionsRoutes } from './modules/elections/elections.routes.js';
import { countyRoutes } from './modules/county/county.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { townshipsRoutes } from './modules/townships/townships.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { articlesRoutes } from './modules/articles/articles.routes.js';
import { disclosureRoutes } from './modules/disclosure/disclosure.routes.js';
import { ruleOfLawRoutes } from './modules/rule-of-law/rule-of-law.routes.js';
import { portalRoutes } from './portal/portal.routes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = process.env.RENDA_WEB_DIST ? path.resolve(process.env.RENDA_WEB_DIST) : path.join(ROOT, 'dist/web');

/** Every route module, in one list: the map of the API. */
const ROUTE_MODULES: ((app: App, deps: AppDeps) => void)[] = [
  setupRoutes,
  authRoutes,
  usersRoutes,
  townshipsRoutes,
  dashboardRoutes,
  deputiesRoutes,
  auditRoutes,
  sessionsRoutes,
  presidiumMeetingsRoutes,
  suggestionsRoutes,
  notificationsRoutes,
  dutyRoutes,
  electionsRoutes,
  countyRoutes,
  articlesRoutes,
  disclosureRoutes,
  ruleOfLawRoutes,
  reportsRoutes,
  portalRoutes,
];

/** Builds the Fastify app over an open database. `main.ts` starts it; tests inject into it. */
export async function buildApp(database: Database, config: Config, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.RENDA_TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const deps: AppDeps = { db: database.db, dialect: database.dialect, config, publicForms: createPublicFormGuards() };
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('locale', 'zh-CN');

  await app.register(fastifyCookie);
  // Uploads: one file per request, 20 MB at most; routes check type and size (http/uploads.ts).
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Renda API', description: 'Renda 乡镇人大工作平台 API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'renda_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // The portal's plain HTML forms post urlencoded bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onRequest', makeAuthHook(deps));
  app.addHook('onRequest', makeSecurityHeaders({ hsts: config.secureCookies }));
  app.addHook('preValidation', rejectNulCharacters);

  app.get('/api/health', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } } }, async () => {
    await database.db.selectFrom('townships').select('id').limit(1).execute();
    return { status: 'ok' as const, database: database.dialect };
  });

  for (const register of ROUTE_MODULES) register(app, deps);

  // The back office: a single-page app built by Vite into dist/web.
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/app/', wildcard: false, index: ['index.html'] });
    app.get('/app', { schema: { hide: true } }, (_req, reply) => reply.redirect('/app/'));
    app.get('/app/*', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
  } else {
    app.get('/app/*', { schema: { hide: true } }, (_req, reply) =>
      reply.status(503).type('text/plain; charset=utf-8').send('后台界面尚未构建：请运行 npm run build:web\nThe back office is not built: run npm run build:web'));
  }

  app.setNotFoundHandler((req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    void reply.status(404).send(errorBody(locale, 'NOT_FOUND'));
  });
  return app;
}
