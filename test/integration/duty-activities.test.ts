import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai, yearOfDay } from '../../src/domain/due-dates.js';
import { buildActivity, buildDutyWorld } from '../helpers/duty-factories.js';
import { buildUser } from '../helpers/factories.js';
import { loginAs } from '../helpers/suggestion-factories.js';
import { createTestContext, upload, type TestContext } from '../helpers/test-app.js';
import { openNullable } from '../../src/server/security/personal-data.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function snapshot(id: string) {
  const db = ctx.database.db;
  return {
    a: await db.selectFrom('duty_activities').select(['title', 'place', 'held_on', 'voters_contacted', 'updated_at', 'archived_at']).where('id', '=', id).executeTakeFirstOrThrow(),
    deputies: (await db.selectFrom('duty_activity_deputies').select('deputy_id').where('activity_id', '=', id).execute()).length,
    opinions: (await db.selectFrom('resident_opinions').select('id').where('activity_id', '=', id).execute()).length,
    photos: (await db.selectFrom('duty_activity_photos').select('id').where('activity_id', '=', id).execute()).length,
  };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('duty activities', () => {
  it('a reception day must be announced at least 3 days ahead: 3 days is accepted, 2 refused with the figures', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const office = await loginAs(ctx.app, w.office);
    const body = { kind: 'reception', heldOn: '2026-05-10', place: '示例镇代表联络站', deputyIds: [w.deputy.deputy.id] };
    const late = await office.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, { ...body, announcedOn: '2026-05-08' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ code: 'RECEPTION_ANNOUNCEMENT_TOO_LATE', params: { days: 2, required: 3 } });
    expect(late.json().error.message).toContain('至少提前3天');
    const missing = await office.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('announcedOn');
    const ok = await office.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, { ...body, announcedOn: '2026-05-07' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'reception', kindLabel: '代表联络站接待', announcedOn: '2026-05-07', title: '代表联络站接待：示例镇代表联络站' });
    // Moving the day closer later is refused the same way.
    const moved = await office.request('PATCH', `/api/v1/duty-activities/${ok.json().id}`, { heldOn: '2026-05-09' });
    expect(moved.json().error.code).toBe('RECEPTION_ANNOUNCEMENT_TOO_LATE');
    const count = await ctx.database.db.selectFrom('duty_activities').select('id').where('township_id', '=', w.township.id).execute();
    expect(count).toHaveLength(1);
  });

  it('a deputy logs a voter visit with two opinions in one POST; phones are validated and shown masked', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const s = await loginAs(ctx.app, w.deputy.user);
    const bad = await s.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, {
      kind: 'voter_contact', heldOn: '2026-05-12', place: '测试1村', opinions: [{ content: '路灯坏了', residentPhone: '12345' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('opinions.0.residentPhone');

    const res = await s.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, {
      kind: 'voter_contact', heldOn: '2026-05-12', place: '测试1村张家组', votersContacted: 8,
      opinions: [
        { content: '组里路灯坏了半年没人修', villageId: w.villageIds[0], residentName: '张大山', residentPhone: '138 1234 5678' },
        { content: '希望增加垃圾清运次数', villageId: w.villageIds[0] },
      ],
    });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ kind: 'voter_contact', votersContacted: 8, canEdit: true, canRevealContacts: false, opinionCount: 2 });
    expect(a.participants).toEqual([{ deputyId: w.deputy.deputy.id, name: w.deputy.deputy.name }]);
    expect(a.opinions).toHaveLength(2);
    const withContact = a.opinions.find((o: { content: string }) => o.content.startsWith('组里'));
    expect(withContact).toMatchObject({
      source: 'activity', deputyId: w.deputy.deputy.id, status: 'open', statusLabel: '待梳理', receivedOn: '2026-05-12',
      resident: { nameMasked: '张**', phoneMasked: '138****5678', hasPhone: true },
    });
    expect(JSON.stringify(a)).not.toContain('13812345678');
    expect(JSON.stringify(a)).not.toContain('张大山');
    const stored = await ctx.database.db.selectFrom('resident_opinions').select('resident_phone').where('id', '=', withContact.id).executeTakeFirstOrThrow();
    // Stored sealed (个人信息保护法): the raw column never holds the number.
    expect(stored.resident_phone).not.toContain('13812345678');
    expect(openNullable(stored.resident_phone)).toBe('13812345678');
    // The deputy sees it in their list; the audit row holds no personal data.
    const list = await s.request('GET', `/api/v1/townships/${w.township.id}/duty-activities`);
    expect(list.json().total).toBe(1);
    const audit = await ctx.database.db.selectFrom('audit_log').select('after_json').where('entity_id', '=', a.id).executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('13812345678');
  });

  it('should not let a deputy see or edit another deputy\'s activity: 404 and nothing changed', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const id = await buildActivity(ctx.database.db, w, { deputyIds: [w.other.deputy.id] });
    const before = await snapshot(id);
    const s = await loginAs(ctx.app, w.deputy.user);
    expect((await s.request('GET', `/api/v1/duty-activities/${id}`)).statusCode).toBe(404);
    expect((await s.request('PATCH', `/api/v1/duty-activities/${id}`, { place: '别处' })).statusCode).toBe(404);
    expect((await s.request('DELETE', `/api/v1/duty-activities/${id}`)).statusCode).toBe(404);
    expect((await s.request('POST', `/api/v1/duty-activities/${id}/opinions`, { opinions: [{ content: 'x' }] })).statusCode).toBe(404);
    expect((await upload(ctx.app, s, `/api/v1/duty-activities/${id}/photos`, 'a.png', PNG)).statusCode).toBe(404);
    expect((await s.request('GET', `/api/v1/townships/${w.township.id}/duty-activities`)).json()).toEqual({ items: [], total: 0 });
    expect(await snapshot(id)).toEqual(before);
    // The participant edits it, and stays a participant even when sending a list without themselves.
    const o = await loginAs(ctx.app, w.other.user);
    const edited = await o.request('PATCH', `/api/v1/duty-activities/${id}`, { place: '测试2村', deputyIds: [w.deputy.deputy.id] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().participants.map((p: { deputyId: string }) => p.deputyId).sort()).toEqual([w.deputy.deputy.id, w.other.deputy.id].sort());
  });

  it('should not let another township read or change an activity: 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const w = await buildDutyWorld(db);
    const id = await buildActivity(db, w, { opinions: [{ content: '道路需要修缮' }] });
    const other = await buildDutyWorld(db);
    const before = await snapshot(id);
    const office = await loginAs(ctx.app, other.office);
    expect((await office.request('GET', `/api/v1/duty-activities/${id}`)).statusCode).toBe(404);
    expect((await office.request('PATCH', `/api/v1/duty-activities/${id}`, { place: 'x' })).statusCode).toBe(404);
    expect((await office.request('DELETE', `/api/v1/duty-activities/${id}`)).statusCode).toBe(404);
    expect((await office.request('GET', `/api/v1/townships/${w.township.id}/duty-activities`)).statusCode).toBe(404);
    expect((await office.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, { kind: 'study', heldOn: '2026-01-01', place: 'x' })).statusCode).toBe(404);
    expect((await office.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('a unit handler and a village clerk see no duty work (403 on lists, 404 on records); the presidium reads but does not edit', async () => {
    const db = ctx.database.db;
    const w = await buildDutyWorld(db);
    const id = await buildActivity(db, w);
    const before = await snapshot(id);
    for (const role of ['unit_handler', 'village_clerk'] as const) {
      const s = await loginAs(ctx.app, await buildUser(db, w.township.id, role));
      expect((await s.request('GET', `/api/v1/townships/${w.township.id}/duty-activities`)).statusCode).toBe(403);
      expect((await s.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).statusCode).toBe(403);
      expect((await s.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, { kind: 'study', heldOn: '2026-01-01', place: 'x' })).statusCode).toBe(403);
      expect((await s.request('GET', `/api/v1/duty-activities/${id}`)).statusCode).toBe(404);
      expect((await s.request('PATCH', `/api/v1/duty-activities/${id}`, { place: 'x' })).statusCode).toBe(404);
    }
    const p = await loginAs(ctx.app, w.presidium);
    expect((await p.request('GET', `/api/v1/duty-activities/${id}`)).json().canEdit).toBe(false);
    expect((await p.request('PATCH', `/api/v1/duty-activities/${id}`, { place: 'x' })).statusCode).toBe(403);
    expect(await snapshot(id)).toEqual(before);
  });

  it('inspections name their sites; photos are uploaded, served and removed', async () => {
    const db = ctx.database.db;
    const w = await buildDutyWorld(db);
    const office = await loginAs(ctx.app, w.office);
    const res = await office.request('POST', `/api/v1/townships/${w.township.id}/duty-activities`, {
      kind: 'inspection', title: '视察农村公路建设', heldOn: '2026-04-20', place: '示例镇', deputyIds: [w.deputy.deputy.id, w.other.deputy.id],
      reportAuthorDeputyId: w.other.deputy.id, sites: [{ name: '东山村至西河村公路', villageId: w.villageIds[0] }, { name: '饮水工程蓄水池' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sites.map((s: { name: string }) => s.name)).toEqual(['东山村至西河村公路', '饮水工程蓄水池']);
    const id = res.json().id;
    const up = await upload(ctx.app, office, `/api/v1/duty-activities/${id}/photos`, '现场.png', PNG);
    expect(up.statusCode).toBe(201);
    const notImage = await upload(ctx.app, office, `/api/v1/duty-activities/${id}/photos`, 'x.png', Buffer.from('hello'));
    expect(notImage.statusCode).toBe(415);
    const detail = (await office.request('GET', `/api/v1/duty-activities/${id}`)).json();
    expect(detail.photos).toHaveLength(1);
    const file = await office.request('GET', detail.photos[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await office.request('DELETE', `/api/v1/duty-activity-photos/${up.json().id}`)).statusCode).toBe(200);
    expect((await office.request('GET', `/api/v1/duty-activities/${id}`)).json().photos).toHaveLength(0);
  });

  it('the duty record shows the activities and the points per the township rules; the dashboard counts them', async () => {
    const db = ctx.database.db;
    const w = await buildDutyWorld(db);
    const office = await loginAs(ctx.app, w.office);
    const set = await office.request('PATCH', `/api/v1/townships/${w.township.id}`, {
      settings: { dutyPointRules: { receptionDay: 5, unexcusedAbsence: -5, inspectionReport: 20, suggestion: 5, voterContact: 3, sessionAttendance: 2, studySession: 4 } },
    });
    expect(set.statusCode).toBe(200);
    const me = w.deputy.deputy.id;
    await buildActivity(db, w, { heldOn: '2025-05-10', countyNotice: '联系选民月' });
    await buildActivity(db, w, { heldOn: '2025-05-20', countyNotice: '联系选民月', opinions: [{ content: '道路坑洼' }] });
    await buildActivity(db, w, { kind: 'reception', heldOn: '2025-06-10', announcedOn: '2025-06-01', place: '联络站' });
    await buildActivity(db, w, { kind: 'study', heldOn: '2025-03-01', place: '镇会议室', title: '学习代表法', materials: '代表法（2025年修正）' });
    await buildActivity(db, w, { kind: 'inspection', heldOn: '2025-09-01', place: '农村公路', deputyIds: [w.other.deputy.id], reportAuthorDeputyId: me });
    await buildActivity(db, w, { kind: 'research', heldOn: '2025-10-01', place: '茶叶合作社' });
    await buildActivity(db, w, { heldOn: '2024-05-10' });

    const record = await office.request('GET', `/api/v1/deputies/${me}/duty-record?year=2025`);
    expect(record.statusCode).toBe(200);
    const r = record.json();
    const activities = r.sections.find((s: { key: string }) => s.key === 'activities');
    expect(activities.items.map((i: { title: string }) => i.title)).toEqual([
      '学习代表法', '联系选民：测试1村委会', '联系选民：测试1村委会', '代表联络站接待：联络站', '起草视察报告：视察：农村公路', '调研：茶叶合作社',
    ]);
    expect(r.score.breakdown).toMatchObject({
      voterContact: { count: 2, pointsEach: 3, points: 6 }, receptionDay: { count: 1, pointsEach: 5, points: 5 },
      studySession: { count: 1, pointsEach: 4, points: 4 }, inspectionReport: { count: 1, pointsEach: 20, points: 20 },
    });
    expect(r.score.total).toBe(35);
    expect(r.score.byRule.find((x: { kind: string }) => x.kind === 'voterContact')).toEqual({ kind: 'voterContact', count: 2, pointsEach: 3, points: 6 });
    expect(r.score.byRule.find((x: { kind: string }) => x.kind === 'unexcusedAbsence')).toEqual({ kind: 'unexcusedAbsence', count: 0, pointsEach: -5, points: 0 });
    // The other deputy took part in the inspection but did not draft the report: no points for it.
    const other = (await office.request('GET', `/api/v1/deputies/${w.other.deputy.id}/duty-record?year=2025`)).json();
    expect(other.score.total).toBe(0);
    expect(other.sections.find((s: { key: string }) => s.key === 'activities').items).toHaveLength(1);

    const dash = (await office.request('GET', `/api/v1/townships/${w.township.id}/dashboard`)).json();
    expect(dash.counts).toMatchObject({ residentOpinionsUnconsolidated: 1 });
    expect(dash.counts.dutyActivitiesThisYear).toBe(yearOfDay(todayInShanghai()) === 2025 ? 6 : 0);
    expect(typeof dash.counts.residentOpinionsThisYear).toBe('number');
  });
});
