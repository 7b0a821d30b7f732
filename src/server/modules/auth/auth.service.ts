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
 * Signs a user in. A wrong password and an unknown user get the same answer (and take about as
 * long); the Nth failure in a row locks the account for the configured minutes. Each login
 * makes a fresh session id, so a planted cookie is never promoted (session fixation).
 */
export async function login(
  db: Kysely<DB>,
  config: Config,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await users.findUserForLogin(db, input.username);
  if (!user || !user.is_active) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const now = Date.now();
  if (user.locked_until && Date.parse(user.locked_until) > now) {
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((Date.parse(user.locked_until) - now) / 60_000) });
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
    if (locks) throw new AppError('ACCOUNT_LOCKED', { minutes: config.lockoutMinutes });
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
