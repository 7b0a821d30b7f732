import type { Kysely, Transaction } from 'kysely';
import type { DB, NotificationsTable, Role } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type NotificationRow = NotificationsTable;

const COLUMNS = [
  'id', 'township_id', 'recipient_user_id', 'recipient_unit_id', 'recipient_role', 'kind', 'suggestion_id', 'round', 'stage', 'title', 'body',
  'created_at', 'read_at', 'email_to', 'emailed_at', 'email_error',
] as const;

export interface RecipientRow {
  id: string;
  email: string | null;
  unit_id: string | null;
  role: Role;
}

/** Active users of a township who handle for one of these units. */
export function findUnitHandlers(db: Db, townshipId: string, unitIds: string[]): Promise<RecipientRow[]> {
  if (!unitIds.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email', 'unit_id', 'role'])
    .where('township_id', '=', townshipId).where('role', '=', 'unit_handler').where('unit_id', 'in', unitIds).where('is_active', '=', true)
    .orderBy('id').execute();
}

/** Active users of a township with one of these roles. */
export function findUsersByRole(db: Db, townshipId: string, roles: Role[]): Promise<RecipientRow[]> {
  if (!roles.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email', 'unit_id', 'role'])
    .where('township_id', '=', townshipId).where('role', 'in', roles).where('is_active', '=', true).orderBy('id').execute();
}

/** Active users by id, within a township. */
export function findUsersById(db: Db, townshipId: string, ids: string[]): Promise<RecipientRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email', 'unit_id', 'role'])
    .where('township_id', '=', townshipId).where('id', 'in', ids).where('is_active', '=', true).execute();
}

/** Inserts notices, skipping any the recipient already has for the same suggestion, round and stage. */
export async function insertNotifications(db: Db, rows: NotificationRow[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await db.insertInto('notifications').values(rows)
    // No conflict target: the key is (recipient_user_id, suggestion_id, round, stage), with township_id
    // in front once `renda citus-prepare` has run (db/citus.ts); a target must name one of them exactly.
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export function listForUser(db: Db, userId: string, options: { unreadOnly?: boolean; limit: number; offset: number }): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').select(COLUMNS).where('recipient_user_id', '=', userId)
    .$if(Boolean(options.unreadOnly), (q) => q.where('read_at', 'is', null))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
}

export async function countForUser(db: Db, userId: string, unreadOnly: boolean): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('recipient_user_id', '=', userId)
    .$if(unreadOnly, (q) => q.where('read_at', 'is', null)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Db, userId: string, id: string | null, at: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('recipient_user_id', '=', userId).where('read_at', 'is', null)
    .$if(id !== null, (q) => q.where('id', '=', id!)).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findForUser(db: Db, userId: string, id: string): Promise<Pick<NotificationRow, 'id' | 'read_at'> | undefined> {
  return db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('recipient_user_id', '=', userId).executeTakeFirst();
}

/** Notices with an address whose mail is neither sent nor failed, created since `since`. */
export function findPendingEmails(db: Db, since: string, limit: number): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').select(COLUMNS).where('emailed_at', 'is', null).where('email_error', 'is', null)
    .where('email_to', 'is not', null).where('created_at', '>=', since).orderBy('created_at').limit(limit).execute();
}

/** Claims a pending mail (so two senders never send it twice): true when this call claimed it. */
export async function claimEmail(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('notifications').set({ emailed_at: at }).where('id', '=', id).where('emailed_at', 'is', null).where('email_error', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function failEmail(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('notifications').set({ emailed_at: null, email_error: error.slice(0, 500) }).where('id', '=', id).execute();
}
