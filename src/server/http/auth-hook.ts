import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { pickLocale } from '../i18n/messages.js';
import type { AppDeps } from './types.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes reachable without a session (a stale cookie must not block them). */
const PUBLIC_API = ['/api/v1/auth/login', '/api/v1/setup', '/api/health', '/api/v1/public/'];
/** Routes allowed while the user must still change the password given to them. */
const DURING_PASSWORD_CHANGE = ['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/change-password'];

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** A cross-site page may not post to us: when the browser names an Origin, it must be ours. */
function isForeignOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return Boolean(origin);
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * Runs before every API request: picks the language, resolves the session cookie into an
 * actor, enforces the CSRF token on state-changing requests and the first-login password change.
 */
export function makeAuthHook(deps: AppDeps) {
  return async function authHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.locale = pickLocale(request.headers['accept-language']);
    request.actor = null;
    request.sessionId = null;
    request.csrfToken = null;
    request.mustChangePassword = false;
    const path = pathOf(request);
    if (!path.startsWith('/api/')) return;
    const isPublic = PUBLIC_API.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
    if (STATE_CHANGING.has(request.method) && isForeignOrigin(request)) throw new AppError('CSRF_FAILED');

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        const session = await resolveSession(deps.db, deps.config, token, request.ip);
        if (session) {
          request.actor = session.actor;
          request.sessionId = session.sessionId;
          request.csrfToken = session.csrfToken;
          request.mustChangePassword = session.mustChangePassword;
        } else if (!isPublic) {
          void reply.clearCookie(SESSION_COOKIE, { path: '/' });
          throw new AppError('SESSION_EXPIRED');
        }
      } catch (err) {
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (!isPublic) throw err;
      }
    }
    if (isPublic || !request.actor) return;
    if (STATE_CHANGING.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    if (request.mustChangePassword && !DURING_PASSWORD_CHANGE.includes(path)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  };
}
