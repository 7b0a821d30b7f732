import type { Kysely } from 'kysely';
import { addDays, daysBetween, todayInShanghai, type Day } from '../../../domain/due-dates.js';
import { systemActor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { deliverPendingEmails, getMailer, type Mailer } from '../notifications/notifications.mail.js';
import { notifySuggestion } from '../notifications/notifications.service.js';
import * as repo from './suggestions.repository.js';

export interface SweepOptions {
  /** The Shanghai day to judge by (default: today). */
  today?: Day;
  /** Rows per batch, and at most this many batches per run (bounded work per tick). */
  batchSize?: number;
  maxBatches?: number;
  /** Limit the run to one township (tests, or an office's "check now"). */
  townshipId?: string;
}

/**
 * The overdue sweep (督办 flags, STYLE.md item 10): finds suggestions in handling whose reply
 * date has passed (the due day itself is still in time) and flags each once per due date: an
 * event row 'overdue_flagged' plus its audit row, in one transaction per item. Idempotent:
 * running it twice flags nothing the second time; after re-handling sets a new due date, the
 * item can be flagged again for that date.
 */
export async function sweepOverdueSuggestions(db: Kysely<DB>, options: SweepOptions = {}): Promise<{ flagged: number }> {
  const today = options.today ?? todayInShanghai();
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const actor = systemActor('deadline-sweep');
  let flagged = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = await repo.findUnflaggedOverdue(db, today, batchSize, options.townshipId);
    for (const row of rows) {
      await db.transaction().execute(async (trx) => {
        const at = nowIso();
        if (!(await repo.flagOverdue(trx, row.id, row.reply_due_on!, today, at))) return;
        await repo.insertEvent(trx, {
          id: newId(), township_id: row.township_id, suggestion_id: row.id, action: 'overdue_flagged', from_state: null, to_state: null,
          round: row.round, actor_id: null, actor_name: '系统', note: null,
          detail_json: JSON.stringify({ replyDueOn: row.reply_due_on, today, leadUnitId: row.lead_unit_id }), at,
        });
        await writeAudit(trx, actor, {
          townshipId: row.township_id, action: 'suggestion.overdue_flagged', entityType: 'suggestion', entityId: row.id,
          after: { replyDueOn: row.reply_due_on, today },
        });
        flagged++;
      });
    }
    if (rows.length < batchSize) break;
  }
  return { flagged };
}

/** Days before the reply due day when the unit and the office are reminded (即将到期). */
export const DUE_SOON_DAYS = 7;
/** Days past due after which the office is told again (逾期30天). */
export const LONG_OVERDUE_DAYS = 30;

/**
 * The deadline sweep of suggestions: flags overdue items ({@link sweepOverdueSuggestions}), then
 * notifies the lead unit's handlers and the office once per stage and round: due within 7 days
 * ('due_soon_7d'), past due ('overdue'), more than 30 days past due ('overdue_30d'). Idempotent
 * (a unique index: a second run writes nothing). Then mails the new notices to users with an
 * address when a mailer is configured; a mail error never fails the sweep.
 */
export async function sweepSuggestionDeadlines(db: Kysely<DB>, options: SweepOptions & { mailer?: Mailer | null } = {}): Promise<{ flagged: number; notified: number; emailed: number; emailFailed: number }> {
  const today = options.today ?? todayInShanghai();
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const { flagged } = await sweepOverdueSuggestions(db, options);
  const stages: { stage: repo.DeadlineStage; from?: Day; to?: Day }[] = [
    { stage: 'due_soon_7d', from: today, to: addDays(today, DUE_SOON_DAYS) },
    { stage: 'overdue', to: addDays(today, -1) },
    { stage: 'overdue_30d', to: addDays(today, -(LONG_OVERDUE_DAYS + 1)) },
  ];
  let notified = 0;
  for (const { stage, from, to } of stages) {
    let afterId = '';
    for (let batch = 0; batch < maxBatches; batch++) {
      const rows = await repo.findStageCandidates(db, stage, { ...(from ? { from } : {}), ...(to ? { to } : {}) }, afterId, batchSize, options.townshipId);
      for (const s of rows) {
        const days = daysBetween(today, s.reply_due_on!);
        const body = stage === 'due_soon_7d'
          ? `答复期限：${s.reply_due_on}，还有${days}天。请按期答复代表（代表法第五十一条）。`
          : `答复期限：${s.reply_due_on}，已逾期${-days}天，已列入督办。`;
        notified += await db.transaction().execute((trx) => notifySuggestion(trx, {
          townshipId: s.township_id, suggestionId: s.id, round: s.round, stage, title: s.ref_no ? `${s.ref_no} ${s.title}` : s.title, body,
        }, { unitIds: s.lead_unit_id ? [s.lead_unit_id] : [], roles: ['office'] }, nowIso()));
      }
      if (rows.length < batchSize) break;
      afterId = rows[rows.length - 1]!.id;
    }
  }
  let mail = { sent: 0, failed: 0 };
  try {
    mail = await deliverPendingEmails(db, options.mailer === undefined ? getMailer() : options.mailer);
  } catch {
    // Mail is a courtesy copy: the notices are written either way.
  }
  return { flagged, notified, emailed: mail.sent, emailFailed: mail.failed };
}

/**
 * Runs the sweep every `intervalMs` (first run shortly after start). Returns a stop function.
 * Timers are unref'd so they never keep the process alive.
 */
export function startOverdueSweep(db: Kysely<DB>, options: { intervalMs?: number; firstRunMs?: number; onError?: (err: unknown) => void } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sweepSuggestionDeadlines(db);
    } catch (err) {
      options.onError?.(err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), options.firstRunMs ?? 10_000);
  const every = setInterval(() => void tick(), options.intervalMs ?? 60 * 60 * 1000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
