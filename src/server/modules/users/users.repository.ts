import type { Kysely, Transaction } from 'kysely';
import type { DB, Role, UsersTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Columns safe to return: never the password hash. */
export const USER_COLUMNS = [
  'users.id', 'users.township_id', 'users.county_code', 'users.username', 'users.display_name', 'users.role',
  'users.unit_id', 'users.village_id', 'users.must_change_password', 'users.is_active',
  'users.locked_until', 'users.last_login_at', 'users.created_at', 'users.updated_at', 'users.email',
] as const;

export type UserRow = Omit<UsersTable, 'password_hash' | 'failed_login_count'>;

export function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'township_id', 'password_hash', 'failed_login_count', 'locked_until', 'is_active', 'must_change_password', 'role'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst();
}

export function findPasswordHash(db: Db, id: string) {
  return db.selectFrom('users').select(['password_hash', 'username']).where('id', '=', id).executeTakeFirst();
}

/** Users of the given townships (plus, for a county view, none of the county admins). */
export function listUsers(db: Db, townshipId: string): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).where('users.township_id', '=', townshipId).orderBy('users.role').orderBy('users.username').execute();
}

export function usernameExists(db: Db, username: string): Promise<boolean> {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst().then(Boolean);
}

export interface NewUser {
  id: string;
  township_id: string | null;
  county_code: string | null;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  village_id: string | null;
  password_hash: string;
  must_change_password: boolean;
  email?: string | null;
  created_at: string;
  updated_at: string;
}

export async function insertUser(db: Db, user: NewUser): Promise<void> {
  await db.insertInto('users').values({ ...user, failed_login_count: 0, is_active: true }).execute();
}

export async function updateUser(db: Db, id: string, patch: Partial<Omit<UsersTable, 'id'>>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
