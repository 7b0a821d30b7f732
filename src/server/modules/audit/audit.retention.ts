import type { Kysely } from 'kysely';
import { systemActor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';
import { scheduleMailDelivery } from '../notifications/notifications.mail.js';
import { insertNotifications, findUsersByRole, type NotificationRow } from '../notifications/notifications.repository.js';
import { verifyAuditChains, writeAudit, type ChainBreak } from './audit.service.js';

/**
 * Keeping and checking the audit trail (等保 2.0 三级 安全审计: records kept at least six
 * months, protected against deletion and alteration):
 * - `pruneAuditTrail` removes, per chain, the prefix of rows older than the retention period
 *   (never fewer than AUDIT_RETENTION_FLOOR_DAYS) and records where it ended in `audit_anchors`
 *   and in an `audit.prune` row of the chain itself, so the rest still verifies;
 * - `runAuditCheck` verifies every chain and reports each new break once to the office users
 *   of the township (in-app notice), remembering it in `audit_breaks`;
 * - `startAuditJobs` runs both daily from the server (main.ts).
 */

/** The shortest retention the law allows (网络安全法 第21条: logs kept no less than six months). */
export const AUDIT_RETENTION_FLOOR_DAYS = 180;

/**
 * The retention in days from the setting: 0 keeps everything; any other value is raised to the
 * floor. Returns null when nothing is pruned.
 */
export function effectiveRetentionDays(setting: number): number | null {
  if (!Number.isFinite(setting) || setting <= 0) return null;
  return Math.max(AUDIT_RETENTION_FLOOR_DAYS, Math.floor(setting));
}

export interface PruneResult {
  chains: number;
  pruned: number;
  /** Chains left untouched because they did not verify (evidence is never pruned). */
  skippedBroken: string[];
}

/** Prunes rows older than the retention period, chain by chain; see the module comment. */
export async function pruneAuditTrail(db: Kysely<DB>, options: { retentionDays: number; now?: Date }): Promise<PruneResult> {
  const days = effectiveRetentionDays(options.retentionDays);
  const result: PruneResult = { chains: 0, pruned: 0, skippedBroken: [] };
  if (days === null) return result;
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000).toISOString();
  const { breaks } = await verifyAuditChains(db);
  const broken = new Set(breaks.map((b) => b.chain));
  const heads = await db.selectFrom('audit_heads').select(['chain', 'seq']).orderBy('chain').execute();
  for (const head of heads) {
    if (broken.has(head.chain)) {
      result.skippedBroken.push(head.chain);
      continue;
    }
    // Only a prefix goes: every row before the first one young enough to keep.
    const firstYoung = await db.selectFrom('audit_log').select((eb) => eb.fn.min<number>('seq').as('seq'))
      .where('chain', '=', head.chain).where('at', '>=', cutoff).executeTakeFirst();
    const lastOld = firstYoung?.seq != null ? Number(firstYoung.seq) - 1 : head.seq;
    const anchor = await db.selectFrom('audit_anchors').select(['seq', 'pruned_rows']).where('chain', '=', head.chain).executeTakeFirst();
    if (lastOld <= (anchor?.seq ?? 0)) continue;
    const last = await db.selectFrom('audit_log').select(['seq', 'hash', 'at']).where('chain', '=', head.chain).where('seq', '=', lastOld).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('audit_log').where('chain', '=', head.chain).where('seq', '<=', last.seq).executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      const at = nowIso();
      const total = (anchor?.pruned_rows ?? 0) + count;
      await trx.insertInto('audit_anchors').values({ chain: head.chain, seq: last.seq, hash: last.hash, last_at: last.at, pruned_rows: total, pruned_at: at })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: last.seq, hash: last.hash, last_at: last.at, pruned_rows: total, pruned_at: at }))
        .execute();
      await writeAudit(trx, systemActor('audit-retention'), {
        townshipId: head.chain === 'system' ? null : head.chain, action: 'audit.prune', entityType: 'audit_log', entityId: null,
        after: { anchorSeq: last.seq, anchorHash: last.hash, olderThan: cutoff, retentionDays: days, prunedRows: count },
      });
      result.pruned += count;
    });
    result.chains++;
  }
  return result;
}

const REASON_LABELS: Record<ChainBreak['reason'], string> = {
  hash_mismatch: '记录内容与其哈希值不符（记录被修改）',
  prev_hash_mismatch: '记录与前一条记录的链接不符（记录被替换或插入）',
  seq_gap: '记录序号不连续（记录被删除）',
  head_mismatch: '链尾与最新记录不符（最新记录被删除）',
  anchor_mismatch: '清理锚点与清理记录不符（锚点被改动）',
};

export interface AuditCheckResult {
  rows: number;
  chains: number;
  breaks: ChainBreak[];
  /** Breaks seen for the first time in this run (the ones reported). */
  newBreaks: ChainBreak[];
  notified: number;
}

/**
 * Verifies every chain; each break not reported before is stored in `audit_breaks` and sent as
 * an in-app notice to the office users of its township (for the `system` chain: of every
 * township). A break found again on later days is not reported again.
 */
export async function runAuditCheck(db: Kysely<DB>, now: string = nowIso()): Promise<AuditCheckResult> {
  const verified = await verifyAuditChains(db);
  const newBreaks: ChainBreak[] = [];
  let notified = 0;
  for (const b of verified.breaks) {
    const seen = await db.selectFrom('audit_breaks').select('id').where('chain', '=', b.chain).where('seq', '=', b.seq).where('reason', '=', b.reason).executeTakeFirst();
    if (seen) continue;
    const reported = await db.transaction().execute(async (trx) => {
      // Claimed first: of two servers checking at once, one reports the break.
      const breakId = newId();
      const claimed = await trx.insertInto('audit_breaks').values({ id: breakId, chain: b.chain, seq: b.seq, audit_id: b.auditId, reason: b.reason, detected_at: now, notified_users: 0 })
        .onConflict((oc) => oc.columns(['chain', 'seq', 'reason']).doNothing()).returning('id').executeTakeFirst();
      if (!claimed) return false;
      const townshipIds = b.chain === 'system'
        ? (await trx.selectFrom('townships').select('id').where('archived_at', 'is', null).execute()).map((t) => t.id)
        : [b.chain];
      const rows: NotificationRow[] = [];
      for (const townshipId of townshipIds) {
        for (const u of await findUsersByRole(trx, townshipId, ['office'])) {
          rows.push({
            id: newId(), township_id: townshipId, recipient_user_id: u.id, recipient_unit_id: null, recipient_role: 'office',
            kind: 'audit_alert', suggestion_id: null, round: 0, stage: 'audit_chain_broken',
            title: '审计日志完整性校验未通过',
            body: `${b.chain === 'system' ? '系统审计链' : '本镇审计链'}第 ${b.seq} 条：${REASON_LABELS[b.reason]}。请核查数据库访问记录，并从备份中核对该时段的记录。`,
            created_at: now, read_at: null, email_to: u.email?.trim() || null, emailed_at: null, email_error: null,
          });
        }
      }
      const count = await insertNotifications(trx, rows);
      await trx.updateTable('audit_breaks').set({ notified_users: count }).where('id', '=', breakId).execute();
      notified += count;
      return true;
    });
    if (reported) newBreaks.push(b);
  }
  // Office users with an e-mail address also get it by mail when SMTP is configured.
  if (notified) scheduleMailDelivery(db);
  return { ...verified, newBreaks, notified };
}

/**
 * The daily audit job: verify (and report), then prune by retention. First run a few minutes
 * after start, then every 24 hours. Returns a stop function.
 */
export function startAuditJobs(db: Kysely<DB>, options: { retentionDays: number; firstDelayMs?: number; onError?: (err: unknown) => void }): () => void {
  const onError = options.onError ?? ((err: unknown) => console.error('Audit job failed:', err));
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const check = await runAuditCheck(db);
      for (const b of check.newBreaks) console.error(`Audit chain ${b.chain} broken at seq ${b.seq}: ${b.reason}`);
      await pruneAuditTrail(db, { retentionDays: options.retentionDays });
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), options.firstDelayMs ?? 5 * 60_000);
  const daily = setInterval(() => void run(), 24 * 60 * 60_000);
  first.unref();
  daily.unref();
  return () => { clearTimeout(first); clearInterval(daily); };
}
