import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { loadDemoSessions } from '../../src/server/demo/demo-sessions.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo sessions', () => {
  it('loads two closed sessions of 2025 and a planned one of 2026, once', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const t = await db.selectFrom('townships').select('id').where('code', '=', '999999101').executeTakeFirstOrThrow();
    if (!(await db.selectFrom('congress_sessions').select('id').where('township_id', '=', t.id).executeTakeFirst())) {
      expect(await loadDemoSessions(db, t.id)).toBe(true);
    }
    expect(await loadDemoSessions(db, t.id)).toBe(false);
    const office = await login(ctx.app, 'office', DEMO_PASSWORD);
    const list = (await office.request('GET', `/api/v1/townships/${t.id}/sessions`)).json();
    expect(list.items.map((s: { shortName: string; state: string }) => `${s.shortName} ${s.state}`)).toEqual([
      '十四届人大十次会议 planned', '十四届人大九次会议 closed', '十四届人大八次会议 closed',
    ]);
    const votes = (await office.request('GET', `/api/v1/sessions/${list.items[2].id}/votes`)).json();
    expect(votes.items.every((v: { isPassed: boolean; margin: number }) => v.isPassed && v.margin >= 0)).toBe(true);
  });

  it('puts each closed session of the year into the deputy’s duty record with points', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const deputy = await login(ctx.app, 'deputy', DEMO_PASSWORD);
    const me = (await deputy.request('GET', '/api/v1/deputies/me')).json();
    const record = (await deputy.request('GET', `/api/v1/deputies/${me.id}/duty-record?year=2025`)).json();
    const sessions = record.sections.find((s: { key: string }) => s.key === 'sessions');
    expect(sessions.items.map((i: { title: string }) => i.title.split('：')[0])).toEqual(['十四届人大八次会议', '十四届人大九次会议']);
    const attended = sessions.items.filter((i: { title: string }) => i.title.endsWith('出席')).length;
    expect(record.score.breakdown.sessionAttendance?.count ?? 0).toBe(attended);
    expect(record.score.breakdown.sessionAttendance?.points ?? 0).toBe(attended * 2);
    const breakdown = Object.values(record.score.breakdown) as { points: number }[];
    expect(record.score.total).toBe(breakdown.reduce((sum, b) => sum + b.points, 0));
    // Nothing of 2026 yet: the planned session is not counted.
    const now = (await deputy.request('GET', `/api/v1/deputies/${me.id}/duty-record?year=2026`)).json();
    expect(now.sections.find((s: { key: string }) => s.key === 'sessions').items).toEqual([]);
  });
});
