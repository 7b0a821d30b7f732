import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { DB, NotificationStage, Role } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import * as repo from './notifications.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The stages of a suggestion's notices, in Chinese (mail subjects; the web app translates its own). */
export const STAGE_LABELS: Record<NotificationStage, string> = {
  assigned: '新交办建议',
  replied: '建议已答复',
  dissatisfied: '代表不满意，请重新办理',
  due_soon_7d: '建议即将到期',
  overdue: '建议已逾期',
  overdue_30d: '建议逾期超过30天',
  county_notice_issued: '县人大常委会通知',
  audit_chain_broken: '审计日志完整性校验未通过',
};

/** Who a notice goes to: the handlers of some units, every user of some roles, or named users. */
export interface Audience {
  unitIds?: string[];
  roles?: Role[];
  userIds?: string[];
}

export interface SuggestionNotice {
  townshipId: string;
  suggestionId: string;
  round: number;
  stage: NotificationStage;
  title: string;
  body?: string | null;
}

/**
 * Writes a suggestion notice for each active user of the audience, once per suggestion, round
 * and stage (a second call writes nothing), inside the caller's transaction. Users with an
 * e-mail address get it mailed after the commit (see notifications.mail.ts). Returns how many
 * notices were written.
 */
export async function notifySuggestion(db: Db, notice: SuggestionNotice, audience: Audience, at: string = nowIso()): Promise<number> {
  const [handlers, byRole, named] = await Promise.all([
    repo.findUnitHandlers(db, notice.townshipId, audience.unitIds ?? []),
    repo.findUsersByRole(db, notice.townshipId, audience.roles ?? []),
    repo.findUsersById(db, notice.townshipId, audience.userIds ?? []),
  ]);
  const rows = new Map<string, repo.NotificationRow>();
  const add = (u: repo.RecipientRow, via: { unit?: string | null; role?: Role | null }) => {
    if (rows.has(u.id)) return;
    rows.set(u.id, {
      id: newId(), township_id: notice.townshipId, recipient_user_id: u.id, recipient_unit_id: via.unit ?? null, recipient_role: via.role ?? null,
      kind: 'suggestion', suggestion_id: notice.suggestionId, round: notice.round, stage: notice.stage, title: notice.title, body: notice.body ?? null,
      created_at: at, read_at: null, email_to: u.email?.trim() || null, emailed_at: null, email_error: null,
    });
  };
  for (const u of handlers) add(u, { unit: u.unit_id });
  for (const u of byRole) add(u, { role: u.role });
  for (const u of named) add(u, {});
  return repo.insertNotifications(db, [...rows.values()]);
}

/** The signed-in user's notices, newest first, with how many are unread. */
export async function listMyNotifications(db: Kysely<DB>, actor: Actor, options: { unreadOnly?: boolean; limit?: number; offset?: number } = {}): Promise<{ rows: repo.NotificationRow[]; unread: number; total: number }> {
  const [rows, unread, total] = await Promise.all([
    repo.listForUser(db, actor.id, { unreadOnly: options.unreadOnly ?? false, limit: options.limit ?? 20, offset: options.offset ?? 0 }),
    repo.countForUser(db, actor.id, true),
    repo.countForUser(db, actor.id, options.unreadOnly ?? false),
  ]);
  return { rows, unread, total };
}

export function countUnread(db: Kysely<DB>, actor: Actor): Promise<number> {
  return repo.countForUser(db, actor.id, true);
}

/** Marks one of the user's notices read; someone else's is 404. */
export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  if (!(await repo.findForUser(db, actor.id, id))) throw notFound('notification');
  await repo.markRead(db, actor.id, id, nowIso());
}

/** Marks all the user's notices read; returns how many were unread. */
export function markAllRead(db: Kysely<DB>, actor: Actor): Promise<number> {
  return repo.markRead(db, actor.id, null, nowIso());
}
