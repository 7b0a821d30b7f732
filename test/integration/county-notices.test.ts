import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialDocument } from '../../src/server/documents/official-docx.js';
import { taskStatus } from '../../src/server/modules/county/county.service.js';
import { buildTownship, buildUser, type BuiltUser } from '../helpers/factories.js';
import { loginAs } from '../helpers/suggestion-factories.js';
import { createTestContext, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface World {
  countyCode: string;
  t1: string;
  t2: string;
  t3: string;
  admin: Session;
  otherAdmin: Session;
  office1: Session;
  office2: Session;
  office3: Session;
  deputy1: Session;
  office1User: BuiltUser;
}

async function buildWorld(): Promise<World> {
  const db = ctx.database.db;
  const t1 = await buildTownship(db);
  const countyCode = t1.county_code;
  const t2 = await buildTownship(db, { countyCode });
  const t3 = await buildTownship(db);
  const admin = await buildUser(db, null, 'county_admin', { countyCode });
  const otherAdmin = await buildUser(db, null, 'county_admin', { countyCode: t3.county_code });
  const office1User = await buildUser(db, t1.id, 'office');
  const office2 = await buildUser(db, t2.id, 'office');
  const office3 = await buildUser(db, t3.id, 'office');
  const deputy1 = await buildUser(db, t1.id, 'deputy');
  return {
    countyCode, t1: t1.id, t2: t2.id, t3: t3.id, office1User,
    admin: await loginAs(ctx.app, admin), otherAdmin: await loginAs(ctx.app, otherAdmin), office1: await loginAs(ctx.app, office1User),
    office2: await loginAs(ctx.app, office2), office3: await loginAs(ctx.app, office3), deputy1: await loginAs(ctx.app, deputy1),
  };
}

const NOTICE = {
  title: '关于开展2026年“联系选民月”活动的通知',
  body: '各乡镇人大：为密切代表同人民群众的联系，县人大常委会决定在全县开展“联系选民月”活动。',
  reportRequirements: '活动开展次数、参加代表人数、联系选民人次、收集意见建议数及办理情况，附活动照片。',
  startsOn: '2026-06-01',
  endsOn: '2026-06-30',
  reportDueOn: '2026-07-10',
};

async function snapshot(w: World) {
  const db = ctx.database.db;
  const [tasks, attachments, notices] = await Promise.all([
    db.selectFrom('county_notice_tasks').selectAll().where('township_id', 'in', [w.t1, w.t2, w.t3]).orderBy('id').execute(),
    db.selectFrom('county_task_attachments').selectAll().where('township_id', 'in', [w.t1, w.t2, w.t3]).orderBy('id').execute(),
    db.selectFrom('county_notices').selectAll().where('county_code', '=', w.countyCode).orderBy('id').execute(),
  ]);
  return { tasks, attachments, notices };
}

beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('county notices: draft → issued → tasks per township → report back', () => {
  it('runs the whole flow, and nobody outside sees or changes anything', async () => {
    const w = await buildWorld();

    // Only a county admin drafts; dates are checked and named.
    expect((await w.office1.request('POST', '/api/v1/county/notices', NOTICE)).statusCode).toBe(403);
    const bad = await w.admin.request('POST', '/api/v1/county/notices', { ...NOTICE, endsOn: '2026-05-31', reportDueOn: '2026-05-01' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path).sort()).toEqual(['endsOn', 'reportDueOn']);
    const created = await w.admin.request('POST', '/api/v1/county/notices', NOTICE);
    expect(created.statusCode).toBe(201);
    const notice = created.json() as { id: string; state: string; year: number };
    expect(notice).toMatchObject({ state: 'draft', year: 2026 });

    // A draft reaches nobody: no tasks yet.
    expect(((await w.office1.request('GET', `/api/v1/townships/${w.t1}/county-tasks`)).json() as { items: unknown[] }).items).toHaveLength(0);

    // Another county's admin: 404 on read, edit and issue, nothing changed.
    const before = await snapshot(w);
    expect((await w.otherAdmin.request('GET', `/api/v1/county/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await w.otherAdmin.request('PATCH', `/api/v1/county/notices/${notice.id}`, { title: '改' })).statusCode).toBe(404);
    expect((await w.otherAdmin.request('POST', `/api/v1/county/notices/${notice.id}/issue`)).statusCode).toBe(404);
    expect(((await w.otherAdmin.request('GET', '/api/v1/county/notices')).json() as { items: { id: string }[] }).items.map((n) => n.id)).not.toContain(notice.id);
    expect(await snapshot(w)).toEqual(before);

    // The draft can be edited, then issued once: one task per township of the county.
    expect((await w.admin.request('PATCH', `/api/v1/county/notices/${notice.id}`, { reportDueOn: '2026-07-15' })).statusCode).toBe(200);
    const issued = await w.admin.request('POST', `/api/v1/county/notices/${notice.id}/issue`);
    expect(issued.statusCode).toBe(200);
    const detail = issued.json() as { notice: { state: string }; tasks: { townshipId: string; status: string; id: string }[]; summary: Record<string, number> };
    expect(detail.notice.state).toBe('issued');
    expect(detail.tasks.map((t) => t.townshipId).sort()).toEqual([w.t1, w.t2].sort());
    expect(detail.summary).toMatchObject({ townships: 2, reported: 0 });
    expect((await w.admin.request('POST', `/api/v1/county/notices/${notice.id}/issue`)).json()).toMatchObject({ error: { code: 'COUNTY_NOTICE_STATE_INVALID' } });
    expect((await w.admin.request('PATCH', `/api/v1/county/notices/${notice.id}`, { title: '改' })).statusCode).toBe(409);

    // The township's office is told in-app.
    const notes = (await w.office1.request('GET', '/api/v1/notifications')).json() as { items: { kind: string; stage: string; title: string }[] };
    expect(notes.items.find((n) => n.kind === 'county_notice')).toMatchObject({ stage: 'county_notice_issued', title: NOTICE.title });
    const notes3 = (await w.office3.request('GET', '/api/v1/notifications')).json() as { items: { kind: string }[] };
    expect(notes3.items.some((n) => n.kind === 'county_notice')).toBe(false);

    // Each township sees its own task only.
    const list1 = (await w.office1.request('GET', `/api/v1/townships/${w.t1}/county-tasks`)).json() as { items: { task: { id: string; status: string } }[] };
    expect(list1.items).toHaveLength(1);
    const task1 = list1.items[0]!.task.id;
    const task2 = detail.tasks.find((t) => t.townshipId === w.t2)!.id;
    expect((await w.office3.request('GET', `/api/v1/townships/${w.t3}/county-tasks`)).json()).toEqual({ items: [] });
    expect((await w.office3.request('GET', `/api/v1/townships/${w.t1}/county-tasks`)).statusCode).toBe(404);

    // Another township (same county or not) cannot see, report on or attach to township 1's task.
    const beforeOutsiders = await snapshot(w);
    for (const outsider of [w.office2, w.office3]) {
      expect((await outsider.request('GET', `/api/v1/county-tasks/${task1}`)).statusCode).toBe(404);
      expect((await outsider.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: '冒名报送' })).statusCode).toBe(404);
      expect((await upload(ctx.app, outsider, `/api/v1/county-tasks/${task1}/attachments`, 'x.pdf', PDF)).statusCode).toBe(404);
    }
    expect((await w.otherAdmin.request('GET', `/api/v1/county-tasks/${task1}`)).statusCode).toBe(404);
    // Inside the township, a deputy has no business here: 403.
    expect((await w.deputy1.request('GET', `/api/v1/county-tasks/${task1}`)).statusCode).toBe(403);
    expect((await w.deputy1.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: 'x' })).statusCode).toBe(403);
    // The county reads but does not report for a township.
    expect((await w.admin.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: 'x' })).statusCode).toBe(403);
    expect(await snapshot(w)).toEqual(beforeOutsiders);

    // Township 1 attaches a file (real type checked) and reports back.
    expect((await upload(ctx.app, w.office1, `/api/v1/county-tasks/${task1}/attachments`, 'fake.pdf', Buffer.from('not a pdf'))).statusCode).toBe(415);
    const att = await upload(ctx.app, w.office1, `/api/v1/county-tasks/${task1}/attachments`, 'summary-2026.pdf', PDF);
    expect(att.statusCode).toBe(201);
    const attachmentId = (att.json() as { id: string }).id;
    expect((await w.office1.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: '   ' })).statusCode).toBe(400);
    const reported = await w.office1.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: '开展活动12次，参加代表38人，联系选民620人次，收集意见47条。' });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ task: { status: 'reported', attachments: [{ id: attachmentId, fileName: 'summary-2026.pdf' }] } });
    // Once reported, it is final.
    expect((await w.office1.request('POST', `/api/v1/county-tasks/${task1}/report`, { reportText: '再报' })).json()).toMatchObject({ error: { code: 'COUNTY_TASK_ALREADY_REPORTED' } });
    expect((await upload(ctx.app, w.office1, `/api/v1/county-tasks/${task1}/attachments`, 'b.pdf', PDF)).statusCode).toBe(409);
    expect((await w.office1.request('DELETE', `/api/v1/county-task-attachments/${attachmentId}`)).statusCode).toBe(409);

    // Township 2 cannot download township 1's attachment; the county can.
    expect((await w.office2.request('GET', `/api/v1/county-task-attachments/${attachmentId}/download`)).statusCode).toBe(404);
    const dl = await w.admin.request('GET', `/api/v1/county-task-attachments/${attachmentId}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    // A Chinese file name (as browsers send it: raw UTF-8) is stored and downloaded under that
    // name: an ASCII fallback in filename= and the UTF-8 name in filename*= (RFC 6266 / 5987).
    const docxName = '联系选民月报告.docx';
    const docx = await buildOfficialDocument({ title: '联系选民月活动情况报告', blocks: [{ type: 'paragraph', text: '开展活动12次。' }] });
    const task2Up = await upload(ctx.app, w.office2, `/api/v1/county-tasks/${task2}/attachments`, docxName, docx);
    expect(task2Up.statusCode).toBe(201);
    expect(task2Up.json()).toMatchObject({ fileName: docxName });
    const dl2 = await w.admin.request('GET', `/api/v1/county-task-attachments/${(task2Up.json() as { id: string }).id}/download`);
    expect(dl2.statusCode).toBe(200);
    expect(dl2.rawPayload.equals(docx)).toBe(true);
    const disposition = String(dl2.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(docxName)}`);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!)).toBe(docxName);
    expect(/filename="([^"]*)"/.exec(disposition)![1]).toMatch(/^[\x20-\x7e]+$/);

    // The county sees each township's status and report.
    const after = (await w.admin.request('GET', `/api/v1/county/notices/${notice.id}`)).json() as { tasks: { id: string; status: string; reportText: string | null }[]; summary: Record<string, number> };
    expect(after.tasks.find((t) => t.id === task1)).toMatchObject({ status: 'reported', reportText: expect.stringContaining('联系选民620人次') });
    // Township 2 has not reported; the due day (2026-07-15) is past today's date in these runs.
    expect(after.tasks.find((t) => t.id === task2)!.status).toBe(taskStatus({ status: 'pending' }, '2026-07-15', new Date().toISOString().slice(0, 10)));
    expect(after.summary.reported).toBe(1);
    const list = (await w.admin.request('GET', '/api/v1/county/notices')).json() as { items: { id: string; tasks: number; reported: number }[] };
    expect(list.items.find((n) => n.id === notice.id)).toMatchObject({ tasks: 2, reported: 1 });

    // Every change is audited in the same transaction.
    const actions = await ctx.database.db.selectFrom('audit_log').select(['action', 'township_id']).where('entity_id', 'in', [notice.id, task1, attachmentId]).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['county_notice.create', 'county_notice.issue', 'county_notice.update', 'county_task.assign', 'county_task.attachment_upload', 'county_task.report'].sort());
  });

  it('status: pending until the due day itself, overdue the day after, reported whenever sent', () => {
    expect(taskStatus({ status: 'pending' }, '2026-07-10', '2026-07-10')).toBe('pending');
    expect(taskStatus({ status: 'pending' }, '2026-07-10', '2026-07-11')).toBe('overdue');
    expect(taskStatus({ status: 'reported' }, '2026-07-10', '2026-08-01')).toBe('reported');
  });

  it('a county admin without townships issues to nobody, and an office cannot list the county notices', async () => {
    const admin = await buildUser(ctx.database.db, null, 'county_admin', { countyCode: '800001' });
    const s = await loginAs(ctx.app, admin);
    const n = (await s.request('POST', '/api/v1/county/notices', NOTICE)).json() as { id: string };
    const issued = await s.request('POST', `/api/v1/county/notices/${n.id}/issue`);
    expect(issued.json()).toMatchObject({ summary: { townships: 0 } });
    const t = await buildTownship(ctx.database.db);
    const office = await loginAs(ctx.app, await buildUser(ctx.database.db, t.id, 'office'));
    expect((await office.request('GET', '/api/v1/county/notices')).statusCode).toBe(403);
    expect((await office.request('GET', `/api/v1/county/notices/${n.id}`)).statusCode).toBe(404);
  });
});
