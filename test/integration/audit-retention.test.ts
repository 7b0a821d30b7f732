import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/server/auth/actor.js';
import { AUDIT_RETENTION_FLOOR_DAYS, effectiveRetentionDays, pruneAuditTrail, runAuditCheck } from '../../src/server/modules/audit/audit.retention.js';
import { verifyAuditChains, writeAudit } from '../../src/server/modules/audit/audit.service.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });
afterEach(() => { vi.useRealTimers(); });

const DAY = 86_400_000;

/** Writes `n` audit rows to a township's chain as of `at` (the clock faked to that instant). */
async function auditRowsAt(townshipId: string, at: Date, n: number, label: string): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    for (let i = 0; i < n; i++) {
      await ctx.database.db.transaction().execute((trx) => writeAudit(trx, systemActor('test'), {
        townshipId, action: 'test.event', entityType: 'test', entityId: `${label}-${i}`, after: { i },
      }));
    }
  } finally {
    vi.useRealTimers();
  }
}

const mine = (chain: string) => (b: { chain: string }) => b.chain === chain;

describe('audit trail: daily verification and the report of a break', () => {
  it('reports a tampered row once to every office user of the township, not again the next day', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office1 = await buildUser(db, t.id, 'office');
    const office2 = await buildUser(db, t.id, 'office');
    const presidium = await buildUser(db, t.id, 'presidium');
    await auditRowsAt(t.id, new Date(), 5, 'live');
    expect((await runAuditCheck(db)).newBreaks.filter(mine(t.id))).toEqual([]);

    const victim = await db.selectFrom('audit_log').select(['id', 'seq']).where('chain', '=', t.id).where('entity_id', '=', 'live-2').executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ after_json: '{"i":99}' }).where('id', '=', victim.id).execute();

    const first = await runAuditCheck(db);
    expect(first.newBreaks.filter(mine(t.id))).toEqual([{ chain: t.id, seq: victim.seq, auditId: victim.id, reason: 'hash_mismatch' }]);
    const notices = await db.selectFrom('notifications').select(['recipient_user_id', 'kind', 'stage', 'title', 'body']).where('township_id', '=', t.id).execute();
    expect(notices.map((n) => n.recipient_user_id).sort()).toEqual([office1.id, office2.id].sort());
    expect(notices[0]).toMatchObject({ kind: 'audit_alert', stage: 'audit_chain_broken', title: '审计日志完整性校验未通过' });
    expect(notices[0]!.body).toContain(`第 ${victim.seq} 条`);
    expect(notices.some((n) => n.recipient_user_id === presidium.id)).toBe(false);

    // The next day's run finds the same break and reports nothing new.
    const second = await runAuditCheck(db);
    expect(second.breaks.filter(mine(t.id))).toHaveLength(1);
    expect(second.newBreaks.filter(mine(t.id))).toEqual([]);
    expect(await db.selectFrom('notifications').select('id').where('township_id', '=', t.id).execute()).toHaveLength(2);

    // The office sees it in its notices.
    const s = await login(ctx.app, office1.username, TEST_PASSWORD);
    const list = (await s.request('GET', '/api/v1/notifications')).json();
    expect(list.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'audit_alert', stage: 'audit_chain_broken' })]));

  });

  it('reports a deleted row (seq gap) and a deleted newest row (head mismatch)', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await buildUser(db, t.id, 'office');
    await auditRowsAt(t.id, new Date(), 4, 'del');
    const rows = await db.selectFrom('audit_log').select(['id', 'seq']).where('chain', '=', t.id).orderBy('seq').execute();
    await db.deleteFrom('audit_log').where('id', '=', rows[1]!.id).execute();
    const r = await runAuditCheck(db);
    expect(r.newBreaks.filter(mine(t.id))).toEqual([expect.objectContaining({ reason: 'seq_gap', seq: rows[2]!.seq })]);
    expect(r.notified).toBeGreaterThanOrEqual(1);
  });

  it('finds no break in a chain that is being written while it is verified (the daily check runs while people work)', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await auditRowsAt(t.id, new Date(), 3, 'before');
    // Both go on until there have been at least 3 verifications and 20 writes, so they overlap
    // whichever is the faster (a verification reads every chain of the shared test schema).
    let verified = 0;
    let written = 0;
    const going = () => verified < 3 || written < 20;
    const writer = (async () => {
      while (going() && written < 5000) {
        await db.transaction().execute((trx) => writeAudit(trx, systemActor('test'), { townshipId: t.id, action: 'test.event', entityType: 'test', entityId: `during-${written}`, after: { written } }));
        written++;
      }
    })();
    const found: unknown[] = [];
    while (going()) {
      found.push(...(await verifyAuditChains(db)).breaks.filter(mine(t.id)));
      verified++;
    }
    await writer;
    expect(found).toEqual([]);
    expect((await verifyAuditChains(db)).breaks.filter(mine(t.id))).toEqual([]);
  });

  it('reports a break once when two checks run at the same time (two servers)', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await buildUser(db, t.id, 'office');
    await auditRowsAt(t.id, new Date(), 3, 'twice');
    const victim = await db.selectFrom('audit_log').select('id').where('chain', '=', t.id).where('entity_id', '=', 'twice-1').executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ after_json: '{"i":7}' }).where('id', '=', victim.id).execute();
    const [a, b] = await Promise.all([runAuditCheck(db), runAuditCheck(db)]);
    expect([...a.newBreaks, ...b.newBreaks].filter(mine(t.id))).toHaveLength(1);
    expect(await db.selectFrom('notifications').select('id').where('township_id', '=', t.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('audit_breaks').select('notified_users').where('chain', '=', t.id).execute()).toEqual([{ notified_users: 1 }]);
  });

  it('reports a row slipped in past the head without moving it', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await auditRowsAt(t.id, new Date(), 3, 'slip');
    const last = await db.selectFrom('audit_log').selectAll().where('chain', '=', t.id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await db.insertInto('audit_log').values({ ...last, id: `${last.id.slice(0, -4)}ffff`, seq: last.seq + 1, prev_hash: last.hash, entity_id: 'slipped' }).execute();
    expect((await verifyAuditChains(db)).breaks.filter(mine(t.id))).toEqual([expect.objectContaining({ reason: 'head_mismatch', seq: last.seq + 1 })]);
  });
});

describe('audit trail: retention', () => {
  it('never keeps less than 180 days; 0 keeps everything', () => {
    expect(AUDIT_RETENTION_FLOOR_DAYS).toBe(180);
    expect(effectiveRetentionDays(30)).toBe(180);
    expect(effectiveRetentionDays(179)).toBe(180);
    expect(effectiveRetentionDays(181)).toBe(181);
    expect(effectiveRetentionDays(0)).toBeNull();
  });

  it('prunes only rows older than the retention, behind an anchor the chain records, and the rest still verifies', async () => {
    const db = ctx.database.db;
    // A chain of its own (a township's chain starts with the township's creation, today).
    const t = { id: `retention-${Math.random().toString(36).slice(2)}` };
    const now = new Date();
    await auditRowsAt(t.id, new Date(now.getTime() - 400 * DAY), 3, 'old');
    await auditRowsAt(t.id, new Date(now.getTime() - 181 * DAY), 2, 'older-than-floor');
    await auditRowsAt(t.id, new Date(now.getTime() - 179 * DAY), 2, 'younger-than-floor');
    await auditRowsAt(t.id, now, 1, 'today');
    const before = await db.selectFrom('audit_log').select('seq').where('chain', '=', t.id).execute();
    // A second old chain with a tampered row: never pruned, it is the evidence.
    const broken = `retention-broken-${Math.random().toString(36).slice(2)}`;
    await auditRowsAt(broken, new Date(now.getTime() - 400 * DAY), 3, 'evidence');
    await db.updateTable('audit_log').set({ after_json: '{"i":7}' }).where('chain', '=', broken).where('seq', '=', 2).execute();

    // retention 0: nothing goes.
    expect((await pruneAuditTrail(db, { retentionDays: 0, now })).pruned).toBe(0);
    // A setting of 30 days is raised to the 180-day floor: the 179-day-old rows stay.
    const r = await pruneAuditTrail(db, { retentionDays: 30, now });
    expect(r.skippedBroken).not.toContain(t.id);
    expect(r.skippedBroken).toContain(broken);
    expect(await db.selectFrom('audit_log').select('id').where('chain', '=', broken).execute()).toHaveLength(3);
    const kept = await db.selectFrom('audit_log').select(['entity_id', 'action', 'seq']).where('chain', '=', t.id).orderBy('seq').execute();
    expect(kept.map((k) => k.entity_id ?? k.action)).toEqual(['younger-than-floor-0', 'younger-than-floor-1', 'today-0', 'audit.prune']);
    expect(kept[0]!.seq).toBe(before.length - 3 + 1);
    const anchor = await db.selectFrom('audit_anchors').selectAll().where('chain', '=', t.id).executeTakeFirstOrThrow();
    expect(anchor).toMatchObject({ seq: 5, pruned_rows: 5 });

    // The retained chain verifies from the anchor; writing continues normally.
    expect((await verifyAuditChains(db)).breaks.filter(mine(t.id))).toEqual([]);
    await auditRowsAt(t.id, now, 1, 'after');
    expect((await verifyAuditChains(db)).breaks.filter(mine(t.id))).toEqual([]);
    // A second run has nothing more to prune in this chain.
    await pruneAuditTrail(db, { retentionDays: 180, now });
    expect(await db.selectFrom('audit_log').select('id').where('chain', '=', t.id).execute()).toHaveLength(5);

    // Moving the anchor to hide deleted rows is itself a break.
    await db.deleteFrom('audit_log').where('chain', '=', t.id).where('entity_id', '=', 'younger-than-floor-0').execute();
    await db.updateTable('audit_anchors').set({ seq: 6 }).where('chain', '=', t.id).execute();
    expect((await verifyAuditChains(db)).breaks.filter(mine(t.id))).toEqual([expect.objectContaining({ reason: 'anchor_mismatch' })]);
  });
});
