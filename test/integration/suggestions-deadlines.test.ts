import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/server/clock.js';
import { giveFeedback } from '../../src/server/modules/suggestions/suggestions.service.js';
import { sweepOverdueSuggestions } from '../../src/server/modules/suggestions/suggestions.sweep.js';
import { buildAssignedSuggestion, buildSuggestionWorld, loginAs, replyAsLead } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });


async function flagsOf(id: string) {
  return ctx.database.db.selectFrom('suggestion_events').select(['action', 'detail_json']).where('suggestion_id', '=', id).where('action', '=', 'overdue_flagged').execute();
}

describe('suggestions: statutory deadlines and the overdue sweep', () => {
  it('assigned 2026-01-31 is due 2026-04-30 (month-end); the due day is in time, the day after is overdue', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w, { assignedOn: '2026-01-31' });
    const row = await db.selectFrom('suggestions').select(['reply_due_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.reply_due_on).toBe('2026-04-30');

    expect(await sweepOverdueSuggestions(db, { today: '2026-04-30', townshipId: w.township.id })).toEqual({ flagged: 0 });
    expect(await flagsOf(id)).toEqual([]);
    expect(await sweepOverdueSuggestions(db, { today: '2026-05-01', townshipId: w.township.id })).toEqual({ flagged: 1 });
    expect(await flagsOf(id)).toHaveLength(1);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', '=', 'suggestion.overdue_flagged').execute();
    expect(audit).toHaveLength(1);
  });

  it('a difficult case: 6 months, so 2026-07-31 is still in time', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w, { assignedOn: '2026-01-31', isDifficult: true });
    expect((await db.selectFrom('suggestions').select('reply_due_on').where('id', '=', id).executeTakeFirstOrThrow()).reply_due_on).toBe('2026-07-31');
    expect((await sweepOverdueSuggestions(db, { today: '2026-07-31', townshipId: w.township.id })).flagged).toBe(0);
    expect((await sweepOverdueSuggestions(db, { today: '2026-08-01', townshipId: w.township.id })).flagged).toBe(1);
  });

  it('is idempotent: running twice flags once, and small batches still get through everything', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await buildAssignedSuggestion(db, w, { assignedOn: '2025-06-01', title: `逾期测试${i}` }));
    expect(await sweepOverdueSuggestions(db, { today: '2025-09-02', townshipId: w.township.id, batchSize: 2 })).toEqual({ flagged: 5 });
    expect(await sweepOverdueSuggestions(db, { today: '2025-09-02', townshipId: w.township.id, batchSize: 2 })).toEqual({ flagged: 0 });
    expect(await sweepOverdueSuggestions(db, { today: '2025-12-31', townshipId: w.township.id })).toEqual({ flagged: 0 });
    for (const id of ids) expect(await flagsOf(id)).toHaveLength(1);
    // The list shows the flag and the overdue filter finds them.
    const office = await loginAs(ctx.app, w.office);
    const list = (await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions?overdue=true`)).json();
    expect(list.total).toBe(5);
    expect(list.items[0].deadline).toMatchObject({ replyDueOn: '2025-09-01', isOverdue: true });
    expect(list.items[0].deadline.overdueFlaggedAt).not.toBeNull();
  });

  it('re-handling after 不满意: the period comes from the setting (month-end clamp) and may be flagged again', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w, { assignedOn: '2025-10-01' });
    expect((await sweepOverdueSuggestions(db, { today: '2026-01-05', townshipId: w.township.id })).flagged).toBe(1);
    await replyAsLead(db, w, id, 'B');
    // Default setting: 1 month. Feedback on 2026-01-31 → due 2026-02-28.
    await giveFeedback(db, w.author.actor, id, { rating: 'dissatisfied' }, clockAt('2026-01-31'));
    const row = await db.selectFrom('suggestions').select(['state', 'round', 'reply_due_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 're_handling', round: 2, reply_due_on: '2026-02-28' });
    expect((await sweepOverdueSuggestions(db, { today: '2026-02-28', townshipId: w.township.id })).flagged).toBe(0);
    expect((await sweepOverdueSuggestions(db, { today: '2026-03-01', townshipId: w.township.id })).flagged).toBe(1);
    expect(await flagsOf(id)).toHaveLength(2);

    // A township with 2 months.
    const w2 = await buildSuggestionWorld(db);
    const office = await loginAs(ctx.app, w2.office);
    await office.request('PATCH', `/api/v1/townships/${w2.township.id}`, { settings: { reHandlingMonths: 2 } });
    const id2 = await buildAssignedSuggestion(db, w2, { assignedOn: '2025-10-01' });
    await replyAsLead(db, w2, id2, 'C');
    await giveFeedback(db, w2.author.actor, id2, { rating: 'dissatisfied' }, clockAt('2025-12-31'));
    expect((await db.selectFrom('suggestions').select('reply_due_on').where('id', '=', id2).executeTakeFirstOrThrow()).reply_due_on).toBe('2026-02-28');
  });

  it('a reply after the due day is recorded as late; on the due day as on time', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const onTime = await buildAssignedSuggestion(db, w, { assignedOn: '2025-01-31' });
    await replyAsLead(db, w, onTime, 'A', clockAt('2025-04-30'));
    const late = await buildAssignedSuggestion(db, w, { assignedOn: '2025-01-31' });
    await replyAsLead(db, w, late, 'A', clockAt('2025-05-01'));
    const rows = await db.selectFrom('suggestion_replies').select(['suggestion_id', 'is_on_time', 'due_on']).where('township_id', '=', w.township.id).execute();
    expect(rows.find((r) => r.suggestion_id === onTime)).toMatchObject({ is_on_time: true, due_on: '2025-04-30' });
    expect(rows.find((r) => r.suggestion_id === late)).toMatchObject({ is_on_time: false });
  });
});
