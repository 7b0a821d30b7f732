import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/due-dates.js';
import { DEMO_PASSWORD, DEMO_TOWNSHIP_CODE, loadDemo } from '../../src/server/demo/demo.js';
import * as suggestions from '../../src/server/modules/suggestions/suggestions.service.js';
import { buildActivity, buildDutyWorld } from '../helpers/duty-factories.js';
import { buildUser } from '../helpers/factories.js';
import { buildSession } from '../helpers/session-factories.js';
import { buildAssignedSuggestion, buildSuggestion, buildSuggestionWorld, loginAs, replyAsLead } from '../helpers/suggestion-factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface Rollup {
  id: string;
  sessions: { total: number; held: number };
  suggestions: { total: number; replies: number; onTimeReplies: number; overdueOpen: number; onTimeRate: number | null; feedback: number; satisfied: number; satisfactionRate: number | null; implementationRate: number | null };
  duty: { activities: number; votersContacted: number; activeDeputies: number; deputies: number };
}
interface Dashboard {
  year: number;
  townships: Rollup[];
  elections: { available: boolean; rows: unknown[] };
  disclosure: { available: boolean; rows: unknown[] };
}

describe('county dashboard', () => {
  it('rolls up each township of the county for the year, and only that county', async () => {
    const db = ctx.database.db;
    const year = Number(todayInShanghai().slice(0, 4));
    // Township A: suggestions in every situation; a planned session.
    const a = await buildSuggestionWorld(db);
    const countyCode = a.township.county_code;
    const onTime = await buildAssignedSuggestion(db, a);
    await replyAsLead(db, a, onTime);
    await suggestions.giveFeedback(db, a.author.actor, onTime, { rating: 'satisfied' });
    const late = await buildAssignedSuggestion(db, a, { assignedOn: `${year}-01-05`, title: '关于修缮村小学围墙的建议' });
    await replyAsLead(db, a, late, 'B');
    await suggestions.giveFeedback(db, a.author.actor, late, { rating: 'dissatisfied', comment: '答复未解决问题' });
    await buildAssignedSuggestion(db, a, { assignedOn: `${year}-01-05`, title: '关于增设路灯的建议' });
    const draft = await buildSuggestion(db, a, { submit: false, title: '草稿不计入' });
    expect(draft).toBeTruthy();
    await buildSession(db, a.township.id, { startDate: `${year}-03-05` });
    await buildSession(db, a.township.id, { sitting: 3, startDate: `${year - 1}-03-05` });

    // Township B of the same county: duty work. Township C of another county: must not appear.
    const b = await buildDutyWorld(db);
    await db.updateTable('townships').set({ county_code: countyCode }).where('id', '=', b.township.id).execute();
    await buildActivity(db, b, { heldOn: `${year}-05-12`, votersContacted: 12 });
    await buildActivity(db, b, { heldOn: `${year}-06-02`, votersContacted: 30, deputyIds: [b.deputy.deputy.id, b.other.deputy.id] });
    const c = await buildDutyWorld(db);
    await buildActivity(db, c, { heldOn: `${year}-05-12` });

    const admin = await loginAs(ctx.app, await buildUser(db, null, 'county_admin', { countyCode }));
    const res = await admin.request('GET', `/api/v1/county/dashboard?year=${year}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as Dashboard;
    expect(d.townships.map((t) => t.id).sort()).toEqual([a.township.id, b.township.id].sort());
    const ra = d.townships.find((t) => t.id === a.township.id)!;
    // Sessions of the year only.
    expect(ra.sessions).toMatchObject({ total: 1, held: 0 });
    // Three in handling (the draft is not); two replies, one on time; one past due without a reply.
    expect(ra.suggestions).toMatchObject({ total: 3, replies: 2, onTimeReplies: 1, overdueOpen: 1, onTimeRate: 33.3, feedback: 2, satisfied: 1, satisfactionRate: 50 });
    const rb = d.townships.find((t) => t.id === b.township.id)!;
    expect(rb.duty).toMatchObject({ activities: 2, votersContacted: 42, activeDeputies: 2 });
    expect(rb.suggestions.onTimeRate).toBeNull();
    // Elections and disclosure: panels say whether their data exists rather than showing zeros.
    expect(typeof d.elections.available).toBe('boolean');
    expect(typeof d.disclosure.available).toBe('boolean');

    // Another year: nothing of this year.
    const other = (await admin.request('GET', `/api/v1/county/dashboard?year=${year - 1}`)).json() as Dashboard;
    expect(other.townships.find((t) => t.id === a.township.id)!.sessions.total).toBe(1);
    expect(other.townships.find((t) => t.id === a.township.id)!.suggestions.total).toBe(0);

    // The other county's admin sees C only; a township's office has no county dashboard.
    const adminC = await loginAs(ctx.app, await buildUser(db, null, 'county_admin', { countyCode: c.township.county_code }));
    const dc = (await adminC.request('GET', `/api/v1/county/dashboard?year=${year}`)).json() as Dashboard;
    expect(dc.townships.map((t) => t.id)).toEqual([c.township.id]);
    const office = await loginAs(ctx.app, a.office);
    expect((await office.request('GET', '/api/v1/county/dashboard')).statusCode).toBe(403);
    expect((await admin.request('GET', '/api/v1/county/dashboard?year=1999')).statusCode).toBe(400);
  });

  it('rolls up village elections and disclosure from their own tables (the demo county)', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const demo = await db.selectFrom('townships').select('id').where('code', '=', DEMO_TOWNSHIP_CODE).executeTakeFirstOrThrow();
    const villages = await db.selectFrom('villages').select('id').where('township_id', '=', demo.id).where('archived_at', 'is', null).execute();
    const county = await login(ctx.app, 'county', DEMO_PASSWORD);
    const d = (await county.request('GET', '/api/v1/county/dashboard?year=2026')).json() as Omit<Dashboard, 'elections' | 'disclosure'> & {
      elections: { available: boolean; rows: { townshipId: string; villages: number; done: number; completionRate: number | null }[] };
      disclosure: { available: boolean; rows: { townshipId: string; villages: number; disclosed: number }[] };
    };
    expect(d.townships.map((t) => t.id)).toEqual([demo.id]);
    expect(d.elections.available).toBe(true);
    const elections = await db.selectFrom('village_elections as e').innerJoin('election_rounds as r', 'r.id', 'e.round_id')
      .select(['e.state']).where('e.township_id', '=', demo.id).where('r.year', '=', 2026).where('r.archived_at', 'is', null).execute();
    const row = d.elections.rows.find((r) => r.townshipId === demo.id);
    expect(row?.villages ?? 0).toBe(elections.length);
    expect(row?.done ?? 0).toBe(elections.filter((e) => e.state === 'done').length);
    expect(d.disclosure.available).toBe(true);
    expect(d.disclosure.rows.find((r) => r.townshipId === demo.id)?.villages).toBe(villages.length);
    // The demo's county notices are there, one answered by 示例镇, one still open.
    const notices = (await county.request('GET', '/api/v1/county/notices')).json() as { items: { title: string; tasks: number; reported: number }[] };
    expect(notices.items.map((n) => [n.tasks, n.reported]).sort()).toEqual([[1, 0], [1, 1]]);
  });
});
