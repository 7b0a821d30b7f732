import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/passwords.js';
import { createSession } from '../../auth/sessions.js';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import * as users from '../users/users.repository.js';
import { assertStrongPassword } from '../users/users.service.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: string;
}

/**
 * Failed sign-ins per (username, IP) for names without an active account: after the configured
 * number of failures the pair is refused until the lockout time has passed, as a real account
 * would be locked. In memory (one process), bounded.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number | null; first: number }>();
  constructor(private readonly maxFailures: number, private readonly lockoutMs: number, private readonly maxKeys = 10_000) {}

  private key(username: string, ip: string | null): string {
    return `${username.trim().toLowerCase()}\u0000${ip ?? ''}`;
  }

  isBlocked(username: string, ip: string | null, now = Date.now()): boolean {
    const entry = this.failures.get(this.key(username, ip));
    return Boolean(entry?.until && entry.until > now);
  }

  fail(username: string, ip: string | null, now = Date.now()): void {
    const key = this.key(username, ip);
    const entry = this.failures.get(key);
    // A count older than the lockout window, or a lock that has run out, starts afresh.
    const fresh = !entry || (entry.until !== null ? entry.until <= now : now - entry.first > this.lockoutMs);
    const next = fresh ? { count: 1, until: null as number | null, first: now } : { ...entry, count: entry.count + 1 };
    if (next.count >= this.maxFailures) next.until = now + this.lockoutMs;
    this.failures.delete(key);
    this.failures.set(key, next);
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

}

const throttles = new WeakMap<Config, LoginThrottle>();
function throttleFor(config: Config): LoginThrottle {
  let t = throttles.get(config);
  if (!t) throttles.set(config, (t = new LoginThrottle(config.maxFailedLogins, config.lockoutMinutes * 60_000)));
  return t;
}

/**
 * Signs a user in. A wrong password, an unknown user, a disabled user and a locked account all
 * get the same answer, INVALID_CREDENTIALS, after one password hash check each (so they take
 * about as long): an anonymous caller cannot learn which names exist or are locked. The Nth
 * failure in a row locks the account for the configured minutes (audited; the office sees the
 * lock in the user list and can unlock it); a name without an account is throttled per IP after
 * as many failures. Each login makes a fresh session id, so a planted cookie is never promoted (session
 * fixation).
 */
export async function login(
  db: Kysely<DB>,
  config: Config,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const throttle = throttleFor(config);
  const now = Date.now();
  const user = await users.findUserForLogin(db, input.username);
  if (!user || !user.is_active) {
    // No account to lock: the name is throttled per IP instead, as an account would be locked.
    await verifyPassword(await dummyPasswordHash(), input.password);
    if (!throttle.isBlocked(input.username, input.ip, now)) throttle.fail(input.username, input.ip, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && Date.parse(user.locked_until) > now) {
    // Locked: refused like a wrong password, the right one included, until the lock ends.
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const actor: Actor = {
    id: user.id, username: user.username, displayName: user.display_name, role: user.role,
    townshipId: user.township_id, countyCode: null, unitId: null, villageId: null, ip: input.ip,
  };
  if (!(await verifyPassword(user.password_hash, input.password))) {
    // A lock that has run out starts a fresh count.
    const previous = user.locked_until ? 0 : user.failed_login_count;
    const failures = previous + 1;
    const locks = failures >= config.maxFailedLogins;
    await db.transaction().execute(async (trx) => {
      await users.updateUser(trx, user.id, {
        failed_login_count: locks ? 0 : failures,
        locked_until: locks ? new Date(now + config.lockoutMinutes * 60_000).toISOString() : null,
      });
      await writeAudit(trx, actor, {
        townshipId: user.township_id,
        action: locks ? 'auth.lockout' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures },
      });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const session = await db.transaction().execute(async (trx) => {
    await users.updateUser(trx, user.id, { failed_login_count: 0, locked_until: null, last_login_at: nowIso() });
    await writeAudit(trx, actor, { townshipId: user.township_id, action: 'auth.login', entityType: 'user', entityId: user.id });
    return createSession(trx, user, { ip: input.ip, userAgent: input.userAgent });
  });
  return { ...session, userId: user.id };
}

/**
 * Changes the actor's own password: the current one must match and the new one meet the
 * policy. Other sessions of the user end; the current one stays.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await users.findPasswordHash(db, actor.id);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new AppError('WRONG_CURRENT_PASSWORD', {}, [{ path: 'currentPassword', message: 'wrong' }]);
  }
  assertStrongPassword(input.newPassword, row.username, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new AppError('WEAK_PASSWORD', {}, [{ path: 'newPassword', message: 'same_as_current' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await users.updateUser(trx, actor.id, { password_hash: passwordHash, must_change_password: false, updated_at: nowIso() });
    await trx.deleteFrom('sessions').where('user_id', '=', actor.id).where('id', '!=', sessionId).execute();
    await writeAudit(trx, actor, { townshipId: actor.townshipId, action: 'auth.change_password', entityType: 'user', entityId: actor.id });
  });
}

/** Ends the session and records the logout. */
export async function logout(db: Kysely<DB>, actor: Actor | null, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    if (actor) await writeAudit(trx, actor, { townshipId: actor.townshipId, action: 'auth.logout', entityType: 'user', entityId: actor.id });
  });
}
