import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/auth/actor.js';
import { electPresidium } from '../../src/server/modules/deputies/structure.service.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { buildDeputies, multipartBody } from '../helpers/session-factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface Attendee { deputyId: string; name: string; position: string; status: string; absenceReason: string | null }
interface Detail {
  id: string; name: string; memberCount: number; convenedByName: string; convenedByDeputyId: string;
  quorum: { members: number; present: number; threshold: number; hasQuorum: boolean; shortBy: number };
  attendees: Attendee[]; topics: { id: string; title: string; decision: string | null }[]; documents: { id: string; downloadUrl: string }[];
  can: { manage: boolean; record: boolean };
}

/** A township with 20 deputies, a presidium of 9 (主席, 2 副主席, 6 成员), and logins. */
async function townshipWithPresidium() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const deputies = await buildDeputies(db, t.id, 20);
  const members = deputies.slice(0, 9);
  await electPresidium(db, { ...systemActor('test'), townshipId: t.id }, t.id, {
    termNumber: 14, sessionLabel: '第十四届人民代表大会第一次会议', electedOn: '2021-12-30',
    members: members.map((d, i) => ({ deputyId: d.id, position: i === 0 ? 'chair' as const : i < 3 ? 'vice_chair' as const : 'member' as const })),
  });
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  return { t, deputies, members, office };
}

async function createMeeting(s: Session, townshipId: string, body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await s.request('POST', `/api/v1/townships/${townshipId}/presidium-meetings`, {
    meetingDate: '2026-04-10', place: '镇人大主席团办公室', topics: ['研究人代会筹备工作', '听取镇政府关于农村道路建设的专项工作报告'], ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}

async function mark(s: Session, meetingId: string, present: Attendee[], absent: Attendee[] = []) {
  return s.request('POST', `/api/v1/presidium-meetings/${meetingId}/attendance`, {
    entries: [
      ...present.map((a) => ({ deputyId: a.deputyId, status: 'present' })),
      ...absent.map((a) => ({ deputyId: a.deputyId, status: 'absent', absenceReason: '外出学习' })),
    ],
  });
}

describe('presidium meetings (主席团会议)', () => {
  it('records the current presidium as attendees and the chair as convener; 9 members: 6 present refused, 7 accepted', async () => {
    const { t, members, office } = await townshipWithPresidium();
    const m = await createMeeting(office, t.id);
    expect(m.name).toBe('2026年第一次主席团会议');
    expect(m.memberCount).toBe(9);
    expect(m.convenedByDeputyId).toBe(members[0]!.id);
    expect(m.attendees.map((a) => a.position)).toEqual(['chair', 'vice_chair', 'vice_chair', ...Array(6).fill('member')]);
    expect(m.quorum).toMatchObject({ members: 9, present: 0, threshold: 7, hasQuorum: false, shortBy: 7 });
    expect(m.topics.map((x) => x.title)).toEqual(['研究人代会筹备工作', '听取镇政府关于农村道路建设的专项工作报告']);
    expect(m.can).toEqual({ manage: true, record: true });

    // Exactly 2/3 (6 of 9) is not enough.
    const six = await mark(office, m.id, m.attendees.slice(0, 6), m.attendees.slice(6));
    expect(six.statusCode, six.body).toBe(200);
    expect(six.json().quorum).toMatchObject({ present: 6, absent: 3, hasQuorum: false, shortBy: 1 });
    const refused = await office.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}/decision`, { decision: '同意于12月下旬召开镇第十四届人大第十一次会议。' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PRESIDIUM_QUORUM_NOT_MET', params: { members: 9, present: 6, threshold: 7 } });
    const unchanged = (await office.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json() as Detail;
    expect(unchanged.topics[0]!.decision).toBeNull();

    const seven = await mark(office, m.id, m.attendees.slice(6, 7));
    expect(seven.json().quorum).toMatchObject({ present: 7, absent: 2, hasQuorum: true, shortBy: 0 });
    const accepted = await office.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}/decision`, { decision: '同意于12月下旬召开镇第十四届人大第十一次会议。' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ decision: '同意于12月下旬召开镇第十四届人大第十一次会议。' });

    // With a decision on record, the attendance cannot drop below the quorum it was taken with.
    const drop = await office.request('POST', `/api/v1/presidium-meetings/${m.id}/attendance`, { entries: [{ deputyId: m.attendees[0]!.deputyId, status: 'absent', absenceReason: '临时公务' }] });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().error.code).toBe('PRESIDIUM_QUORUM_NOT_MET');

    // Audit rows came with the changes, not with the refusals.
    const db = ctx.database.db;
    const actions = (await db.selectFrom('audit_log').select('action').where('township_id', '=', t.id).where('entity_id', 'in', [m.id, m.topics[0]!.id]).execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'presidium_meeting.decision')).toHaveLength(1);
    expect(actions).toContain('presidium_meeting.create');
    expect(actions.filter((a) => a === 'presidium_meeting.attendance')).toHaveLength(2);
  });

  it('needs a reason for an absence, a member of this meeting, and a chair or vice-chair as convener', async () => {
    const { t, deputies, members, office } = await townshipWithPresidium();
    const m = await createMeeting(office, t.id, { convenedByDeputyId: members[1]!.id, topics: [] });
    expect(m.convenedByDeputyId).toBe(members[1]!.id);
    const noReason = await office.request('POST', `/api/v1/presidium-meetings/${m.id}/attendance`, { entries: [{ deputyId: m.attendees[0]!.deputyId, status: 'absent' }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('entries.0.absenceReason');
    const outsider = await office.request('POST', `/api/v1/presidium-meetings/${m.id}/attendance`, { entries: [{ deputyId: deputies[15]!.id, status: 'present' }] });
    expect(outsider.statusCode).toBe(400);
    const badConvener = await office.request('POST', `/api/v1/townships/${t.id}/presidium-meetings`, { meetingDate: '2026-05-01', place: '会议室', convenedByDeputyId: members[5]!.id });
    expect(badConvener.statusCode).toBe(400);
    expect(badConvener.json().error.fields[0].path).toBe('convenedByDeputyId');
  });

  it('refuses a meeting where no presidium has been elected', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await buildDeputies(db, t.id, 5);
    const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
    const res = await office.request('POST', `/api/v1/townships/${t.id}/presidium-meetings`, { meetingDate: '2026-05-01', place: '会议室' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PRESIDIUM_NOT_ELECTED');
  });

  it('edits, adds and removes topics, saves minutes, numbers meetings within the year, exports the minutes as .docx', async () => {
    const { t, office } = await townshipWithPresidium();
    const first = await createMeeting(office, t.id, { meetingDate: '2026-02-01' });
    const m = await createMeeting(office, t.id, { meetingDate: '2026-06-18', topics: ['部署联系选民月活动'] });
    expect(m.name).toBe('2026年第二次主席团会议');
    const edited = await office.request('PATCH', `/api/v1/presidium-meetings/${first.id}`, { place: '镇政府二楼会议室', meetingDate: '2026-07-01' });
    expect(edited.json()).toMatchObject({ place: '镇政府二楼会议室', name: '2026年第二次主席团会议' });

    const added = await office.request('POST', `/api/v1/presidium-meetings/${m.id}/topics`, { title: '研究代表建议督办工作' });
    expect(added.statusCode).toBe(201);
    const extra = await office.request('POST', `/api/v1/presidium-meetings/${m.id}/topics`, { title: '临时议题' });
    const removed = await office.request('PATCH', `/api/v1/presidium-meeting-topics/${extra.json().id}`, { archived: true });
    expect(removed.json()).toEqual({ topic: null });
    await mark(office, m.id, m.attendees.slice(0, 8), m.attendees.slice(8));
    await office.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}/decision`, { decision: '9月开展联系选民月活动，每位代表走访选民不少于10人次。' });
    const decided = await office.request('PATCH', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}`, { archived: true });
    expect(decided.statusCode).toBe(409);
    const minutes = await office.request('PUT', `/api/v1/presidium-meetings/${m.id}/minutes`, { minutes: '会议由主席召集并主持。\n与会人员逐项讨论了议题。' });
    expect(minutes.json().minutes).toBe('会议由主席召集并主持。\n与会人员逐项讨论了议题。');

    const list = (await office.request('GET', `/api/v1/townships/${t.id}/presidium-meetings?year=2026`)).json();
    expect(list.items.map((i: { name: string; topicCount: number; decidedCount: number; presentCount: number; hasQuorum: boolean }) => [i.name, i.topicCount, i.decidedCount, i.presentCount, i.hasQuorum])).toEqual([
      ['2026年第二次主席团会议', 2, 0, 0, false],
      ['2026年第一次主席团会议', 2, 1, 8, true],
    ]);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/presidium-meetings?year=2025`)).json().items).toEqual([]);

    const docx = await office.request('GET', `/api/v1/presidium-meetings/${m.id}/minutes.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('人大主席团会议纪要（2026-06-18）.docx');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('人大主席团会议纪要');
    expect(plain).toContain('2026年6月18日');
    expect(plain).toContain('主席团组成人员9人，出席8人，超过组成人员的三分之二');
    expect(plain).toContain('一、部署联系选民月活动');
    expect(plain).toContain('每位代表走访选民不少于10人次');
    expect(plain).toContain('二、研究代表建议督办工作');
    expect(plain).toContain('（外出学习）');
    expect(plain).toContain('会议由主席召集并主持');
  });

  it('stores .docx and .pdf documents; refuses other files', async () => {
    const { t, office } = await townshipWithPresidium();
    const m = await createMeeting(office, t.id);
    const pdf = multipartBody('专项工作报告.pdf', Buffer.from('%PDF-1.4\n% test\n%%EOF\n'), 'application/pdf');
    const up = await ctx.app.inject({ method: 'POST', url: `/api/v1/presidium-meetings/${m.id}/documents`, payload: pdf.payload, headers: { ...pdf.headers, cookie: office.cookie, 'x-csrf-token': office.csrfToken } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '专项工作报告.pdf', mime: 'application/pdf' });
    const down = await office.request('GET', up.json().downloadUrl);
    expect(down.statusCode).toBe(200);
    expect(down.body).toContain('%PDF-1.4');
    const txt = multipartBody('notes.txt', Buffer.from('hello'), 'text/plain');
    const bad = await ctx.app.inject({ method: 'POST', url: `/api/v1/presidium-meetings/${m.id}/documents`, payload: txt.payload, headers: { ...txt.headers, cookie: office.cookie, 'x-csrf-token': office.csrfToken } });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const del = await office.request('DELETE', `/api/v1/presidium-meeting-documents/${up.json().id}`);
    expect(del.statusCode).toBe(200);
    expect(((await office.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json() as Detail).documents).toEqual([]);
  });

  it('roles: presidium reads and records but does not plan; county reads; deputy and unit handler are refused (403)', async () => {
    const db = ctx.database.db;
    const { t, office } = await townshipWithPresidium();
    const m = await createMeeting(office, t.id);
    const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
    const seen = (await presidium.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json() as Detail;
    expect(seen.can).toEqual({ manage: false, record: true });
    expect((await mark(presidium, m.id, m.attendees.slice(0, 7))).statusCode).toBe(200);
    expect((await presidium.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}/decision`, { decision: '同意。' })).statusCode).toBe(200);
    expect((await presidium.request('PUT', `/api/v1/presidium-meetings/${m.id}/minutes`, { minutes: '记录' })).statusCode).toBe(200);
    expect((await presidium.request('POST', `/api/v1/townships/${t.id}/presidium-meetings`, { meetingDate: '2026-05-01', place: '会议室' })).statusCode).toBe(403);
    expect((await presidium.request('POST', `/api/v1/presidium-meetings/${m.id}/topics`, { title: '新议题' })).statusCode).toBe(403);
    expect((await presidium.request('PATCH', `/api/v1/presidium-meetings/${m.id}`, { place: '别处' })).statusCode).toBe(403);

    const county = await login(ctx.app, (await buildUser(db, null, 'county_admin', { countyCode: t.county_code })).username, TEST_PASSWORD);
    const countyView = await county.request('GET', `/api/v1/presidium-meetings/${m.id}`);
    expect(countyView.statusCode).toBe(200);
    expect(countyView.json().can).toEqual({ manage: false, record: false });
    expect((await county.request('GET', `/api/v1/townships/${t.id}/presidium-meetings`)).json().items).toHaveLength(1);
    expect((await county.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[1]!.id}/decision`, { decision: '同意。' })).statusCode).toBe(403);

    for (const role of ['unit_handler', 'deputy'] as const) {
      const s = await login(ctx.app, (await buildUser(db, t.id, role)).username, TEST_PASSWORD);
      expect((await s.request('GET', `/api/v1/presidium-meetings/${m.id}`)).statusCode).toBe(403);
      expect((await s.request('GET', `/api/v1/townships/${t.id}/presidium-meetings`)).statusCode).toBe(403);
      expect((await s.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[1]!.id}/decision`, { decision: 'x' })).statusCode).toBe(403);
      expect((await s.request('GET', `/api/v1/presidium-meetings/${m.id}/minutes.docx`)).statusCode).toBe(403);
    }
  });

  it('should not show or change a meeting of another township (404, nothing changed)', async () => {
    const db = ctx.database.db;
    const { t, office } = await townshipWithPresidium();
    const m = await createMeeting(office, t.id);
    const other = await townshipWithPresidium();
    const otherUnit = await login(ctx.app, (await buildUser(db, other.t.id, 'unit_handler')).username, TEST_PASSWORD);
    const before = (await office.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json();
    for (const s of [other.office, otherUnit]) {
      expect((await s.request('GET', `/api/v1/presidium-meetings/${m.id}`)).statusCode).toBe(404);
      expect((await s.request('GET', `/api/v1/townships/${t.id}/presidium-meetings`)).statusCode).toBe(404);
      expect((await s.request('PATCH', `/api/v1/presidium-meetings/${m.id}`, { place: '别处' })).statusCode).toBe(404);
      expect((await s.request('POST', `/api/v1/presidium-meetings/${m.id}/attendance`, { entries: [{ deputyId: m.attendees[0]!.deputyId, status: 'present' }] })).statusCode).toBe(404);
      expect((await s.request('PUT', `/api/v1/presidium-meeting-topics/${m.topics[0]!.id}/decision`, { decision: '同意。' })).statusCode).toBe(404);
      expect((await s.request('PUT', `/api/v1/presidium-meetings/${m.id}/minutes`, { minutes: '篡改' })).statusCode).toBe(404);
      expect((await s.request('POST', `/api/v1/presidium-meetings/${m.id}/topics`, { title: '篡改' })).statusCode).toBe(404);
      expect((await s.request('GET', `/api/v1/presidium-meetings/${m.id}/minutes.docx`)).statusCode).toBe(404);
      expect((await s.request('POST', `/api/v1/townships/${t.id}/presidium-meetings`, { meetingDate: '2026-05-01', place: '会议室' })).statusCode).toBe(404);
    }
    const pdf = multipartBody('x.pdf', Buffer.from('%PDF-1.4\n'), 'application/pdf');
    const up = await ctx.app.inject({ method: 'POST', url: `/api/v1/presidium-meetings/${m.id}/documents`, payload: pdf.payload, headers: { ...pdf.headers, cookie: other.office.cookie, 'x-csrf-token': other.office.csrfToken } });
    expect(up.statusCode).toBe(404);
    const after = (await office.request('GET', `/api/v1/presidium-meetings/${m.id}`)).json();
    expect(after).toEqual(before);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/presidium-meetings`)).json().items).toHaveLength(1);
  });
});
