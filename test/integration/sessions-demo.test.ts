import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { loadDemoPresidiumMeetings } from '../../src/server/demo/demo-presidium-meetings.js';
import { loadDemoSessions } from '../../src/server/demo/demo-sessions.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo sessions', () => {
  it('loads two sessions a year: two closed in 2025, one closed and one planned in 2026, once', async () => {
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
      '十四届人大十一次会议 planned', '十四届人大十次会议 closed', '十四届人大九次会议 closed', '十四届人大八次会议 closed',
    ]);
    const votes = (await office.request('GET', `/api/v1/sessions/${list.items[3].id}/votes`)).json();
    expect(votes.items.every((v: { isPassed: boolean; margin: number }) => v.isPassed && v.margin >= 0)).toBe(true);

    // The current year holds two sessions as well: 十次 held in February, 十一次 planned for December.
    const year = (await office.request('GET', `/api/v1/townships/${t.id}/sessions?year=2026`)).json();
    expect(year.items.map((s: { sittingNumber: number; startDate: string }) => `${s.sittingNumber} ${s.startDate}`)).toEqual(['11 2026-12-22', '10 2026-02-26']);
    const held = year.items[1].id as string;
    const attendance = (await office.request('GET', `/api/v1/sessions/${held}/attendance`)).json();
    expect(attendance.quorum).toMatchObject({ seated: 54, present: 50, onLeave: 3, absent: 1, unmarked: 0, hasQuorum: true });
    const detail = (await office.request('GET', `/api/v1/sessions/${held}`)).json();
    expect(detail.agenda.map((a: { kind: string }) => a.kind)).toEqual(['government_report', 'presidium_report', 'budget']);
    const heldVotes = (await office.request('GET', `/api/v1/sessions/${held}/votes`)).json();
    expect(heldVotes.items).toHaveLength(3);
    expect(heldVotes.items.every((v: { isPassed: boolean; threshold: number; seatedCount: number }) => v.isPassed && v.threshold === 28 && v.seatedCount === 54)).toBe(true);
    const resolutions = (await office.request('GET', `/api/v1/sessions/${held}/resolutions`)).json();
    expect(resolutions.items.map((r: { outcome: string; adoptedOn: string }) => `${r.outcome} ${r.adoptedOn}`)).toEqual(Array(3).fill('adopted 2026-02-27'));
  });

  it('loads presidium meetings between sessions in 2025 and 2026, with attendance over the quorum and decisions', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const t = await db.selectFrom('townships').select('id').where('code', '=', '999999101').executeTakeFirstOrThrow();
    expect(await loadDemoPresidiumMeetings(db, t.id)).toBe(false);
    const presidium = await login(ctx.app, 'presidium', DEMO_PASSWORD);
    const list = (await presidium.request('GET', `/api/v1/townships/${t.id}/presidium-meetings`)).json();
    expect(list.items.length).toBeGreaterThanOrEqual(4);
    expect(list.items.length).toBeLessThanOrEqual(7);
    const years = new Set(list.items.map((m: { meetingDate: string }) => m.meetingDate.slice(0, 4)));
    expect([...years].sort()).toEqual(['2025', '2026']);
    const held = list.items.filter((m: { meetingDate: string }) => m.meetingDate < '2026-11-28');
    expect(held.every((m: { memberCount: number; hasQuorum: boolean; decidedCount: number; topicCount: number }) => m.memberCount === 9 && m.hasQuorum && m.decidedCount === m.topicCount)).toBe(true);
    const titles = [];
    for (const m of list.items) titles.push(...(await presidium.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json().topics.map((x: { title: string }) => x.title));
    for (const topic of ['会议筹备', '专项', '联系选民月', '建议']) expect(titles.some((x) => x.includes(topic))).toBe(true);
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
    // 2026: the February session is counted, the planned December one is not (yet).
    const now = (await deputy.request('GET', `/api/v1/deputies/${me.id}/duty-record?year=2026`)).json();
    expect(now.sections.find((s: { key: string }) => s.key === 'sessions').items.map((i: { title: string }) => i.title.split('：')[0])).toEqual(['十四届人大十次会议']);
  });
});
