import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Config } from '../config.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Locale } from '../i18n/messages.js';
import type { PublicFormGuards } from './public-guards.js';

/** What every route module receives. */
export interface AppDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  /** Rate limit and human check shared by the public forms of the API and the portal. */
  publicForms: PublicFormGuards;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
    locale: Locale;
  }
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
