import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { checkPassword } from '../../../domain/password-policy.js';
import type { Actor } from '../../auth/actor.js';
import { hashPassword } from '../../auth/passwords.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB, Role } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './users.repository.js';

export interface CreateUserInput {
  townshipId: string | null;
  countyCode?: string | null;
  username: string;
  displayName: string;
  role: Role;
  unitId?: string | null;
  villageId?: string | null;
  /** For notices by e-mail (optional). */
  email?: string | null;
  /** Omit to generate a temporary password, returned once. */
  password?: string;
  mustChangePassword?: boolean;
}

/** Throws WEAK_PASSWORD with the policy's reasons (at least 8 characters of 3 kinds). */
export function assertStrongPassword(password: string, username: string, field = 'password'): void {
  const problems = checkPassword(password, { username });
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', {}, problems.map((p) => ({ path: field, message: p })));
  }
}

/** A temporary password that satisfies the policy: given once, changed at first login. */
export function generateTemporaryPassword(): string {
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');
  return pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 3) + pick('abcdefghijkmnpqrstuvwxyz', 3) + pick('23456789', 3) + pick('#%+=@', 1);
}

/**
 * Checks that a role is bound to what it needs: a unit handler to a unit of the township, a
 * village clerk to one of its villages, a county admin to a county and no township.
 */
async function assertRoleBinding(db: Kysely<DB> | Transaction<DB>, input: CreateUserInput): Promise<void> {
  if (input.role === 'county_admin') {
    if (!input.countyCode || input.townshipId) throw new AppError('ROLE_BINDING_INVALID', { role: input.role, binding: 'county' });
    return;
  }
  if (!input.townshipId) throw new AppError('ROLE_BINDING_INVALID', { role: input.role, binding: 'township' });
  if (input.role === 'unit_handler') {
    const unit = input.unitId
      ? await db.selectFrom('units').select('id').where('id', '=', input.unitId).where('township_id', '=', input.townshipId).where('archived_at', 'is', null).executeTakeFirst()
      : undefined;
    if (!unit) throw new AppError('ROLE_BINDING_INVALID', { role: input.role, binding: 'unit' }, [{ path: 'unitId', message: 'unit' }]);
  }
  if (input.role === 'village_clerk') {
    const village = input.villageId
      ? await db.selectFrom('villages').select('id').where('id', '=', input.villageId).where('township_id', '=', input.townshipId).where('archived_at', 'is', null).executeTakeFirst()
      : undefined;
    if (!village) throw new AppError('ROLE_BINDING_INVALID', { role: input.role, binding: 'village' }, [{ path: 'villageId', message: 'village' }]);
  }
}

/**
 * Creates an account. Called by the office for its own township (policy user.manage), and by
 * the CLI and the demo as the system actor. Returns the temporary password if one was made.
 */
export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateUserInput,
  options: { trusted?: boolean } = {},
): Promise<{ user: repo.UserRow; temporaryPassword: string | null }> {
  if (!options.trusted) {
    authorize(actor, 'user.manage');
    if (!input.townshipId || input.role === 'county_admin') throw new AppError('FORBIDDEN');
    await assertTownshipInScope(db, actor, input.townshipId);
  }
  const temporaryPassword = input.password ? null : generateTemporaryPassword();
  const password = input.password ?? temporaryPassword!;
  assertStrongPassword(password, input.username);
  const passwordHash = await hashPassword(password);
  const id = await db.transaction().execute((trx) => createUserIn(trx, actor, input, passwordHash));
  const user = await repo.findUserById(db, id);
  return { user: user!, temporaryPassword };
}

/** Inserts an account inside the caller's transaction; the password is already checked and hashed. */
export async function createUserIn(trx: Transaction<DB>, actor: Actor, input: CreateUserInput, passwordHash: string): Promise<string> {
  const id = newId();
  if (await repo.usernameExists(trx, input.username)) throw new AppError('USERNAME_TAKEN', { username: input.username }, [{ path: 'username', message: 'taken' }]);
  await assertRoleBinding(trx, input);
  const now = nowIso();
  const row: repo.NewUser = {
    id,
    township_id: input.role === 'county_admin' ? null : input.townshipId,
    county_code: input.role === 'county_admin' ? (input.countyCode ?? null) : null,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    unit_id: input.role === 'unit_handler' ? (input.unitId ?? null) : null,
    village_id: input.role === 'village_clerk' ? (input.villageId ?? null) : null,
    password_hash: passwordHash,
    must_change_password: input.mustChangePassword ?? true,
    email: input.email ?? null,
    created_at: now,
    updated_at: now,
  };
  await repo.insertUser(trx, row);
  await writeAudit(trx, actor, { townshipId: row.township_id, action: 'user.create', entityType: 'user', entityId: id, after: row });
  return id;
}

/** Loads a user the actor manages, or 404: another township's user does not exist for them. */
async function loadManagedUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<repo.UserRow> {
  const user = await repo.findUserById(db, userId);
  if (!user || !user.township_id) throw notFound('user');
  await assertTownshipInScope(db, actor, user.township_id);
  authorize(actor, 'user.manage');
  return user;
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  unitId?: string | null;
  villageId?: string | null;
  isActive?: boolean;
  email?: string | null;
}

/** Changes a user's name, role binding or active flag; deactivation ends their sessions. */
export async function updateUser(db: Kysely<DB>, actor: Actor, userId: string, input: UpdateUserInput): Promise<repo.UserRow> {
  const before = await loadManagedUser(db, actor, userId);
  if (input.role === 'county_admin') throw new AppError('FORBIDDEN');
  if (userId === actor.id && (input.isActive === false || (input.role && input.role !== before.role))) throw new AppError('FORBIDDEN');
  const role = input.role ?? before.role;
  const unitId = input.unitId !== undefined ? input.unitId : before.unit_id;
  const villageId = input.villageId !== undefined ? input.villageId : before.village_id;
  await db.transaction().execute(async (trx) => {
    await assertRoleBinding(trx, { townshipId: before.township_id, username: before.username, displayName: before.display_name, role, unitId, villageId });
    const patch = {
      display_name: input.displayName ?? before.display_name,
      role,
      unit_id: role === 'unit_handler' ? unitId : null,
      village_id: role === 'village_clerk' ? villageId : null,
      is_active: input.isActive ?? before.is_active,
      email: input.email !== undefined ? input.email : before.email,
      updated_at: nowIso(),
    };
    await repo.updateUser(trx, userId, patch);
    if (patch.is_active === false || patch.role !== before.role) await repo.deleteUserSessions(trx, userId);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'user.update', entityType: 'user', entityId: userId, before, after: patch });
  });
  return (await repo.findUserById(db, userId))!;
}

/** Sets a temporary password, unlocks the account and ends its sessions. */
export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  options: { trusted?: boolean; password?: string } = {},
): Promise<{ temporaryPassword: string }> {
  const user = options.trusted ? await repo.findUserById(db, userId) : await loadManagedUser(db, actor, userId);
  if (!user) throw notFound('user');
  const temporaryPassword = options.password ?? generateTemporaryPassword();
  assertStrongPassword(temporaryPassword, user.username);
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, userId, {
      password_hash: passwordHash,
      must_change_password: true,
      failed_login_count: 0,
      locked_until: null,
      updated_at: nowIso(),
    });
    await repo.deleteUserSessions(trx, userId);
    await writeAudit(trx, actor, { townshipId: user.township_id, action: 'user.reset_password', entityType: 'user', entityId: userId });
  });
  return { temporaryPassword };
}

/** The users of a township the actor may manage. */
export async function listTownshipUsers(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<repo.UserRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'user.manage');
  return repo.listUsers(db, townshipId);
}
