import type { Kysely } from 'kysely';
import { todayInShanghai, type Day } from '../../../domain/due-dates.js';
import { systemActor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
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
      await sweepOverdueSuggestions(db);
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
