import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDutyWorld, type DutyWorld } from '../helpers/duty-factories.js';
import { buildUser } from '../helpers/factories.js';
import { loginAs } from '../helpers/suggestion-factories.js';
import { createTestContext, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const ATTENDEES = { village_cadre: 8, group_leader: 12, party_member: 10, women: 9, youth: 6, public_rep: 15 };

async function createEvaluation(s: Session, w: DutyWorld) {
  const res = await s.request('POST', `/api/v1/townships/${w.township.id}/duty-evaluations`, {
    heldOn: '2025-11-20', place: '测试1村村委会会议室', chairName: '李副主席', deputyIds: [w.deputy.deputy.id, w.other.deputy.id], attendees: ATTENDEES,
    voterOpinions: '会前走访选民32户，征集意见9条。',
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('述职评议', () => {
  it('ratings may not exceed the attendees; the result document opens and names the deputy', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const p = await loginAs(ctx.app, w.presidium);
    const e = await createEvaluation(p, w);
    expect(e).toMatchObject({ attendeesTotal: 60, attendees: { ...ATTENDEES, other: 0 }, isPublished: false, canManage: true, year: 2025 });
    expect(e.deputies.map((d: { deputyId: string }) => d.deputyId)).toEqual([w.deputy.deputy.id, w.other.deputy.id]);
    const url = `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}`;
    const over = await p.request('PUT', `${url}/result`, { satisfied: 50, basicallySatisfied: 8, dissatisfied: 3 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ code: 'EVALUATION_RATINGS_EXCEED', params: { total: 61, attendees: 60 } });
    // The document needs the ratings.
    expect((await p.request('GET', `${url}/document.docx`)).json().error.code).toBe('EVALUATION_INCOMPLETE');
    const exact = await p.request('PUT', `${url}/result`, { satisfied: 50, basicallySatisfied: 8, dissatisfied: 2, evaluation: '该代表联系选民密切，反映群众诉求积极。' });
    expect(exact.statusCode).toBe(200);
    expect(exact.json().deputies[0]).toMatchObject({ isRated: true, ratings: { satisfied: 50, basicallySatisfied: 8, dissatisfied: 2 }, satisfactionRate: 96.7 });
    // Shrinking the attendees below a recorded result is refused too.
    const shrink = await p.request('PATCH', `/api/v1/duty-evaluations/${e.id}`, { attendees: { public_rep: 20 } });
    expect(shrink.json().error.code).toBe('EVALUATION_RATINGS_EXCEED');

    const doc = await p.request('GET', `${url}/document.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(doc.headers['content-disposition']))).toContain(`关于${w.deputy.deputy.name}代表述职评议情况的通报.docx`);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain(`关于${w.deputy.deputy.name}代表述职评议情况的通报`);
    expect(xml).toContain('满意50票');
    expect(xml).toContain('该代表联系选民密切');
    expect(xml).toContain(`${w.township.name}人大主席团`);
    expect(xml).toContain('2025年11月20日');
    expect(xml).toContain('村干部8人');
  });

  it('publishing needs every deputy rated; published results appear on the portal and lock the record', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const office = await loginAs(ctx.app, w.office);
    const e = await createEvaluation(office, w);
    await office.request('PUT', `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/result`, { satisfied: 55, basicallySatisfied: 5, dissatisfied: 0, evaluation: '满意' });
    expect((await office.request('POST', `/api/v1/duty-evaluations/${e.id}/publish`, { isPublished: true })).json().error.code).toBe('EVALUATION_INCOMPLETE');
    await office.request('PUT', `/api/v1/duty-evaluations/${e.id}/deputies/${w.other.deputy.id}/result`, { satisfied: 40, basicallySatisfied: 15, dissatisfied: 5, evaluation: '基本满意' });
    const pub = await office.request('POST', `/api/v1/duty-evaluations/${e.id}/publish`, { isPublished: true });
    expect(pub.json()).toMatchObject({ isPublished: true, publishedAt: expect.any(String) });
    expect((await office.request('PUT', `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/result`, { satisfied: 1, basicallySatisfied: 0, dissatisfied: 0 })).json().error.code).toBe('EVALUATION_PUBLISHED');
    const portal = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${w.township.code}/duty-evaluations` });
    expect(portal.statusCode).toBe(200);
    expect(portal.json().items).toEqual([expect.objectContaining({ heldOn: '2025-11-20', attendeesTotal: 60, deputies: [
      expect.objectContaining({ name: w.deputy.deputy.name, ratings: { satisfied: 55, basicallySatisfied: 5, dissatisfied: 0 } }),
      expect.objectContaining({ name: w.other.deputy.name }),
    ] })]);
    expect(portal.body).not.toContain(w.deputy.deputy.id_number);
    // The duty record lists it (no points).
    const record = (await office.request('GET', `/api/v1/deputies/${w.deputy.deputy.id}/duty-record?year=2025`)).json();
    expect(record.sections.find((s: { key: string }) => s.key === 'evaluations').items).toEqual([expect.objectContaining({ title: '述职评议', detail: expect.stringContaining('满意55票') })]);
  });

  it('the deputy sees their own evaluation and uploads their report; others are kept out', async () => {
    const db = ctx.database.db;
    const w = await buildDutyWorld(db);
    const office = await loginAs(ctx.app, w.office);
    const e = await createEvaluation(office, w);
    const third = await buildDutyWorld(db);
    const d = await loginAs(ctx.app, w.deputy.user);
    expect((await d.request('GET', `/api/v1/townships/${w.township.id}/duty-evaluations`)).json().items).toHaveLength(1);
    expect((await d.request('GET', `/api/v1/duty-evaluations/${e.id}`)).json().canManage).toBe(false);
    expect((await d.request('PUT', `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/result`, { satisfied: 60, basicallySatisfied: 0, dissatisfied: 0 })).statusCode).toBe(403);
    const pdf = Buffer.from('%PDF-1.4\n% report\n');
    const up = await upload(ctx.app, d, `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/report`, 'report.pdf', pdf);
    expect(up.statusCode).toBe(200);
    expect(up.json().deputies[0].report).toMatchObject({ fileName: 'report.pdf', sizeBytes: pdf.length });
    expect((await upload(ctx.app, d, `/api/v1/duty-evaluations/${e.id}/deputies/${w.other.deputy.id}/report`, 'x.pdf', pdf)).statusCode).toBe(403);
    const file = await office.request('GET', `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/report`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // A deputy not evaluated there, a village clerk and another township see nothing.
    const outsider = await loginAs(ctx.app, (await buildUser(db, w.township.id, 'village_clerk')));
    expect((await outsider.request('GET', `/api/v1/duty-evaluations/${e.id}`)).statusCode).toBe(404);
    expect((await outsider.request('GET', `/api/v1/townships/${w.township.id}/duty-evaluations`)).statusCode).toBe(403);
    const stranger = await loginAs(ctx.app, third.office);
    expect((await stranger.request('GET', `/api/v1/duty-evaluations/${e.id}`)).statusCode).toBe(404);
    expect((await stranger.request('PUT', `/api/v1/duty-evaluations/${e.id}/deputies/${w.deputy.deputy.id}/result`, { satisfied: 1, basicallySatisfied: 0, dissatisfied: 0 })).statusCode).toBe(404);
    const row = await db.selectFrom('duty_evaluation_deputies').select('rated_at').where('evaluation_id', '=', e.id).execute();
    expect(row.every((r) => r.rated_at === null)).toBe(true);
    // A unit handler cannot create one.
    const unit = await loginAs(ctx.app, await buildUser(db, w.township.id, 'unit_handler'));
    expect((await unit.request('POST', `/api/v1/townships/${w.township.id}/duty-evaluations`, { heldOn: '2025-11-20', place: 'x', chairName: 'x', deputyIds: [w.deputy.deputy.id], attendees: {} })).statusCode).toBe(403);
  });
});
