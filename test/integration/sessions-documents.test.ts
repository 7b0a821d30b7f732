import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialDocument } from '../../src/server/documents/official-docx.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { buildDeputies, buildSession, multipartBody } from '../helpers/session-factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-sessions-'));
  ctx = await createTestContext({ RENDA_DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function setup() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const deputies = await buildDeputies(db, t.id, 8);
  const session = await buildSession(db, t.id);
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const item = (await office.request('POST', `/api/v1/sessions/${session.id}/agenda-items`, { kind: 'government_report', title: '审议政府工作报告', description: '镇长作报告' })).json();
  return { t, deputies, session, office, item };
}

function upload(s: Session, itemId: string, fileName: string, data: Buffer) {
  const { payload, headers } = multipartBody(fileName, data);
  return s.request('POST', `/api/v1/agenda-items/${itemId}/documents`, payload, headers);
}

describe('agenda documents (.docx, .pdf)', () => {
  it('stores a .docx and a .pdf with name, type, size and sha256; download returns the same bytes', async () => {
    const { t, session, office, item } = await setup();
    const docx = await buildOfficialDocument({ title: '政府工作报告', blocks: [{ type: 'paragraph', text: '各位代表：' }] });
    const up = await upload(office, item.id, '政府工作报告.docx', docx);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '政府工作报告.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: docx.length });
    expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upPdf = await upload(office, item.id, '../../etc/预算草案.pdf', pdf);
    expect(upPdf.statusCode, upPdf.body).toBe(201);
    // Folders in the client's file name are dropped; the stored path is made of ids only.
    expect(upPdf.json().fileName).toBe('预算草案.pdf');
    const row = await ctx.database.db.selectFrom('session_documents').select('storage_key').where('id', '=', upPdf.json().id).executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(`${t.id}/${upPdf.json().id}`);
    expect(fs.existsSync(path.join(dataDir, 'uploads', t.id, upPdf.json().id))).toBe(true);

    const detail = (await office.request('GET', `/api/v1/sessions/${session.id}`)).json();
    expect(detail.agenda[0].documents.map((d: { fileName: string }) => d.fileName)).toEqual(['政府工作报告.docx', '预算草案.pdf']);

    const down = await office.request('GET', up.json().downloadUrl);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(docx)).toBe(true);
    expect(down.headers['content-disposition']).toBe(`attachment; filename="______.docx"; filename*=UTF-8''${encodeURIComponent('政府工作报告.docx')}`);

    expect((await office.request('DELETE', `/api/v1/session-documents/${upPdf.json().id}`)).statusCode).toBe(200);
    expect((await office.request('GET', upPdf.json().downloadUrl)).statusCode).toBe(404);
  });

  it('refuses other types by their bytes, not their name: 415 UPLOAD_TYPE_NOT_ALLOWED', async () => {
    const { office, item } = await setup();
    const cases: [string, Buffer][] = [
      ['报告.exe', Buffer.from('MZ\x90\x00 not a document')],
      ['报告.docx', Buffer.from('MZ\x90\x00 an exe renamed')],
      ['报告.docx', Buffer.from('%PDF-1.4 a pdf named docx')],
      ['报告.pdf', Buffer.from('PK\x03\x04 a zip named pdf')],
      ['表格.xlsx', Buffer.from('PK\x03\x04xl/workbook.xml')],
      ['报告.docx', Buffer.from('PK\x03\x04xl/workbook.xml an xlsx renamed')],
      ['说明.txt', Buffer.from('plain text')],
    ];
    for (const [name, data] of cases) {
      const res = await upload(office, item.id, name, data);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    }
    // JSON where a form with a file is expected: 400, asking for the form (as every upload route does).
    const json = await office.request('POST', `/api/v1/agenda-items/${item.id}/documents`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('UPLOAD_INVALID');
    expect(await ctx.database.db.selectFrom('session_documents').select('id').where('agenda_item_id', '=', item.id).execute()).toEqual([]);
  });

  it('refuses a file over 20 MB: 413 FILE_TOO_LARGE, nothing stored', async () => {
    const { t, office, item } = await setup();
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4\n', 0);
    const res = await upload(office, item.id, '大文件.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await ctx.database.db.selectFrom('session_documents').select('id').where('agenda_item_id', '=', item.id).execute()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'uploads', t.id))).toBe(false);
  });

  it('a deputy reads and downloads but cannot upload: 403', async () => {
    const db = ctx.database.db;
    const { t, office, item } = await setup();
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const doc = (await upload(office, item.id, 'a.pdf', pdf)).json();
    const deputy = await login(ctx.app, (await buildUser(db, t.id, 'deputy')).username, TEST_PASSWORD);
    expect((await upload(deputy, item.id, 'b.pdf', pdf)).statusCode).toBe(403);
    expect((await deputy.request('GET', doc.downloadUrl)).statusCode).toBe(200);
    const stranger = await login(ctx.app, (await buildUser(db, (await buildTownship(db)).id, 'office')).username, TEST_PASSWORD);
    expect((await stranger.request('GET', doc.downloadUrl)).statusCode).toBe(404);
    expect((await upload(stranger, item.id, 'c.pdf', pdf)).statusCode).toBe(404);
  });
});

describe('sign-in sheet (签到表)', () => {
  it('is a .docx listing every seated deputy with 序号/姓名/代表团或选区/签名', async () => {
    const { deputies, session, office } = await setup();
    const res = await office.request('GET', `/api/v1/sessions/${session.id}/sign-in-sheet.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    for (const h of ['序号', '姓名', '代表团或选区', '签名', '代表签到表', '第十四届人民代表大会第四次会议', '2026年3月5日']) expect(xml, h).toContain(h);
    for (const d of deputies) expect(xml).toContain(d.name);
    fs.writeFileSync(path.join(os.tmpdir(), 'renda-sign-in-sheet.docx'), res.rawPayload);
  });
});

describe('session list, numbering and the yearly warning (地方组织法 第14条)', () => {
  it('warns from October 1 (not on September 30) when the year has no session yet', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
    const list = (today: string) => office.request('GET', `/api/v1/townships/${t.id}/sessions?today=${today}`).then((r) => r.json());
    expect((await list('2026-09-30')).warnings).toEqual([]);
    expect((await list('2026-10-01')).warnings).toEqual(['no_session_this_year']);
    expect((await list('2026-12-31')).warnings).toEqual(['no_session_this_year']);
    // A session of last year does not count for this one.
    await buildSession(db, t.id, { sitting: 3, startDate: '2025-12-20' });
    expect((await list('2026-10-01')).warnings).toEqual(['no_session_this_year']);
    await buildSession(db, t.id, { sitting: 4, startDate: '2026-11-20' });
    const after = await list('2026-10-01');
    expect(after.warnings).toEqual([]);
    expect(after.items.map((s: { shortName: string }) => s.shortName)).toEqual(['十四届人大四次会议', '十四届人大三次会议']);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/sessions?year=2025`)).json().items).toHaveLength(1);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/sessions?today=2026-02-30`)).statusCode).toBe(400);
  });

  it('creates a session with its number, refuses a duplicate number, and edits only while planned', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await buildDeputies(db, t.id, 3);
    const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
    const body = { termNumber: 14, sittingNumber: 5, startDate: '2026-12-28', endDate: '2026-12-29', place: '镇人大会议室' };
    const created = await office.request('POST', `/api/v1/townships/${t.id}/sessions`, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '第十四届人民代表大会第五次会议', fullName: `${t.name}第十四届人民代表大会第五次会议`, state: 'planned', seatedCount: null });
    expect((await office.request('POST', `/api/v1/townships/${t.id}/sessions`, body)).json().error.code).toBe('SESSION_NUMBER_TAKEN');
    expect((await office.request('POST', `/api/v1/townships/${t.id}/sessions`, { ...body, sittingNumber: 6, endDate: '2026-12-01' })).statusCode).toBe(400);
    const id = created.json().id;
    const planned = (await office.request('GET', `/api/v1/sessions/${id}`)).json();
    expect(planned.quorum).toMatchObject({ seated: 3, isFrozen: false, threshold: 3 });
    expect(planned.can).toEqual({ manage: true, preside: true, checkIn: false, submitMotion: true });
    expect((await office.request('PATCH', `/api/v1/sessions/${id}`, { place: '镇政府大礼堂' })).json().place).toBe('镇政府大礼堂');
    await office.request('POST', `/api/v1/sessions/${id}/open`);
    expect((await office.request('POST', `/api/v1/sessions/${id}/open`)).json().error.code).toBe('SESSION_STATE_INVALID');
    expect((await office.request('PATCH', `/api/v1/sessions/${id}`, { startDate: '2026-12-27' })).json().error.code).toBe('SESSION_STATE_INVALID');
    expect((await office.request('PATCH', `/api/v1/sessions/${id}`, { notes: '会期两天' })).json().notes).toBe('会期两天');
  });
});
