import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { nowIso } from '../ids.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'renda_sid';

/** The stored session id is the token's hash: a leaked table yields no usable cookie. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session for a user and returns the cookie token and the CSRF token. */
export async function createSession(
  db: Kysely<DB>,
  user: { id: string; township_id: string | null },
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: user.id,
      township_id: user.township_id,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return { token, csrfToken };
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Looks up the session behind a cookie token. An idle session (no request for
 * `idleTimeoutMinutes`) is deleted and reported as SESSION_EXPIRED; otherwise its
 * last-seen time moves on (at most once a minute, to spare writes).
 */
export async function resolveSession(db: Kysely<DB>, config: Config, token: string, ip: string | null): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at',
      'users.id', 'users.username', 'users.display_name', 'users.role', 'users.township_id',
      'users.county_code', 'users.unit_id', 'users.village_id', 'users.is_active', 'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleMs = Date.now() - Date.parse(row.last_seen_at);
  if (!row.is_active || idleMs > config.idleTimeoutMinutes * 60_000) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    throw new AppError('SESSION_EXPIRED');
  }
  if (idleMs > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  return {
    sessionId: id,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      townshipId: row.township_id,
      countyCode: row.county_code,
      unitId: row.unit_id,
      villageId: row.village_id,
      ip,
    },
  };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
