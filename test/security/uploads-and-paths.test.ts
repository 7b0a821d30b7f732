import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/server/http/route-registry.js';
import { buildActivity, buildDutyWorld, type DutyWorld } from '../helpers/duty-factories.js';
import { buildSuggestion, buildSuggestionWorld, loginAs, type SuggestionWorld } from '../helpers/suggestion-factories.js';
import { multipartBody } from '../helpers/session-factories.js';
import { multipartFile, type Session } from '../helpers/test-app.js';
import { docxBomb, EXE, makeZip, PDF_TINY, PNG_1PX, smallDocx, xlsxBomb } from './files.js';
import { createPrivateContext, diffSnapshots, fillPath, pathParams, snapshot } from './security-helpers.js';

/** Uploads (size, real type, zip bombs) and path traversal on every route that takes a path. */
let ctx: Awaited<ReturnType<typeof createPrivateContext>>;
let sw: SuggestionWorld;
let dw: DutyWorld;
let office: Session;
let dutyOffice: Session;
let suggestionId: string;
let activityId: string;

beforeAll(async () => {
  ctx = await createPrivateContext('uploads');
  const db = ctx.database.db;
  sw = await buildSuggestionWorld(db);
  dw = await buildDutyWorld(db);
  office = await loginAs(ctx.app, sw.office);
  dutyOffice = await loginAs(ctx.app, dw.office);
  suggestionId = await buildSuggestion(db, sw);
  activityId = await buildActivity(db, dw);
}, 60_000);
afterAll(async () => { await ctx?.close(); });

function post(s: Session, url: string, filename: string, content: Buffer, contentType?: string) {
  const { payload, headers } = multipartFile(filename, content, contentType);
  return ctx.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
}

const importCheck = () => `/api/v1/townships/${sw.township.id}/deputies/import/check`;
const attachment = () => `/api/v1/suggestions/${suggestionId}/attachments?purpose=submission`;
const photo = () => `/api/v1/duty-activities/${activityId}/photos`;

/** Files under the data folder's uploads (to prove a refused upload stored nothing). */
function storedFiles(): string[] {
  const root = path.join(ctx.dataDir, 'uploads');
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort() : [];
}

async function expectRefused(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number, code: string): Promise<void> {
  const before = await snapshot(ctx.database);
  const files = storedFiles();
  const res = await send();
  expect(res.statusCode).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
  expect(diffSnapshots(before, await snapshot(ctx.database))).toEqual([]);
  expect(storedFiles()).toEqual(files);
}

describe('uploads', () => {
  it('accepts the real thing on each upload route (the control)', async () => {
    const template = await office.request('GET', `/api/v1/townships/${sw.township.id}/deputies/import-template`);
    expect(template.statusCode).toBe(200);
    const roster = await post(office, importCheck(), 'roster.xlsx', template.rawPayload);
    expect(roster.statusCode, roster.body).toBeLessThan(300);
    expect((await post(office, attachment(), 'scan.pdf', PDF_TINY)).statusCode).toBe(201);
    expect((await post(dutyOffice, photo(), 'photo.png', PNG_1PX)).statusCode).toBe(201);
  });

  it('refuses a program renamed .xlsx, .docx, .pdf or .png, whatever type the browser claims: 415 UPLOAD_TYPE_NOT_ALLOWED', async () => {
    await expectRefused(() => post(office, importCheck(), 'roster.xlsx', EXE, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    await expectRefused(() => post(office, attachment(), 'reply.docx', EXE), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    await expectRefused(() => post(office, attachment(), 'scan.pdf', EXE, 'application/pdf'), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    await expectRefused(() => post(dutyOffice, photo(), 'photo.png', EXE, 'image/png'), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    // HTML or SVG (script carriers) under an image or PDF name.
    await expectRefused(() => post(dutyOffice, photo(), 'photo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png'), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    await expectRefused(() => post(office, attachment(), 'scan.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf'), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    // A real file of a kind the route does not take: a .docx to the roster import, a PDF as a photo.
    await expectRefused(async () => post(office, importCheck(), 'roster.docx', await smallDocx()), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
    await expectRefused(() => post(dutyOffice, photo(), 'photo.pdf', PDF_TINY), 415, 'UPLOAD_TYPE_NOT_ALLOWED');
  });

  it('holds a photo to 10 MB exactly: 10 MB is taken, one byte more is 413 FILE_TOO_LARGE, naming the limit', async () => {
    const exact = Buffer.concat([PNG_1PX, Buffer.alloc(10 * 1024 * 1024 - PNG_1PX.length)]);
    expect((await post(dutyOffice, photo(), 'big.png', exact)).statusCode).toBe(201);
    await expectRefused(() => post(dutyOffice, photo(), 'big.png', Buffer.concat([exact, Buffer.alloc(1)])), 413, 'FILE_TOO_LARGE');
  });

  it('refuses a JSON body over the body limit: 413 PAYLOAD_TOO_LARGE', async () => {
    await expectRefused(() => office.request('POST', `/api/v1/townships/${sw.township.id}/villages`, { name: 'x'.repeat(1024 * 1024 + 10), kind: 'village' }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a zip-bomb .xlsx, honest or lying about its size, before any parser sees it: 413 UPLOAD_TOO_COMPLEX', async () => {
    // Declares 300 MB unpacked (over the 200 MB limit).
    const declared = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024, 0x20), declaredSize: 300 * 1024 * 1024 },
    ]);
    await expectRefused(() => post(office, importCheck(), 'bomb.xlsx', declared), 413, 'UPLOAD_TOO_COMPLEX');
    // Declares 1 KB but unpacks to 64 MB: only inflating finds it.
    await expectRefused(() => post(office, importCheck(), 'bomb.xlsx', xlsxBomb(64, true)), 413, 'UPLOAD_TOO_COMPLEX');
    // More entries than any workbook has.
    const many = makeZip(Array.from({ length: 5001 }, (_, i) => ({ name: `xl/e${i}.xml`, data: Buffer.from('x') })));
    await expectRefused(() => post(office, importCheck(), 'many.xlsx', many), 413, 'UPLOAD_TOO_COMPLEX');
  });

  it('refuses a zip-bomb .docx the same way: 413 UPLOAD_TOO_COMPLEX', async () => {
    await expectRefused(() => post(office, attachment(), 'bomb.docx', docxBomb(64, true)), 413, 'UPLOAD_TOO_COMPLEX');
    const declared = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(1024, 0x20), declaredSize: 250 * 1024 * 1024 }]);
    await expectRefused(() => post(office, attachment(), 'bomb.docx', declared), 413, 'UPLOAD_TOO_COMPLEX');
  });

  it('stores an upload under a generated name whatever name it came with (../ in the file name)', async () => {
    const outside = path.join(os.tmpdir(), 'renda-evil-upload.pdf');
    fs.rmSync(outside, { force: true });
    const { payload, headers } = multipartBody('../../../../../../tmp/renda-evil-upload.pdf', PDF_TINY, 'application/pdf');
    const res = await ctx.app.inject({ method: 'POST', url: attachment(), payload, headers: { ...headers, cookie: office.cookie, 'x-csrf-token': office.csrfToken } });
    expect(res.statusCode).toBe(201);
    expect(fs.existsSync(outside)).toBe(false);
    const row = await ctx.database.db.selectFrom('suggestion_attachments').select(['file_name', 'storage_key']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.file_name).toBe('renda-evil-upload.pdf');
    expect(row.storage_key).toMatch(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const dl = await office.request('GET', `/api/v1/suggestion-attachments/${res.json().id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(String(dl.headers['content-disposition'])).not.toMatch(/\.\.|\//);
  });
});

describe('path traversal', () => {
  const EVIL = [
    '../../../../etc/passwd',
    '..%2f..%2f..%2f..%2fetc%2fpasswd',
    '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '%252e%252e%252fetc%252fpasswd',
    '..%5c..%5c..%5cwindows%5cwin.ini',
    '/etc/passwd',
    '%2fetc%2fpasswd',
    'C:%5cWindows%5cwin.ini',
    '....//....//etc/passwd',
    '..',
    '.',
    '%00',
    'not-an-id',
    '1 OR 1=1',
    "1'; DROP TABLE users; --",
    'x'.repeat(3000),
  ];

  it('answers every GET route with a path parameter 400, 404 (or 414 for a 3000-character id) for traversal strings and non-ids, and never with a file', async () => {
    const routes = registeredRoutes(ctx.app).filter((r) => r.method === 'GET' && pathParams(r.url).length && r.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(40);
    const bad: string[] = [];
    for (const route of routes) {
      for (const evil of EVIL) {
        // Raw into the URL (the strings are already URL-encoded where they mean to be).
        const url = route.url.replace(/:([A-Za-z]+)/g, evil);
        const res = await office.request('GET', url);
        if (![400, 404, 414].includes(res.statusCode) || /root:x?:0:0|\[fonts\]|for 16-bit app support/.test(res.body)) bad.push(`${url.slice(0, 120)} → ${res.statusCode}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('serves no file outside the web app folder or the uploads from the static and portal paths', async () => {
    const paths = [
      '/app/../../../../etc/passwd', '/app/..%2f..%2f..%2f..%2fetc%2fpasswd', '/app/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/app/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', '/app/..%5c..%5c..%5cetc%5cpasswd', '/..%2f..%2f..%2fetc%2fpasswd',
      '/t/..%2f..%2fetc%2fpasswd/', '/d/..%2f..%2fetc%2fpasswd', '/o/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/t/${fillPath(':c', { c: '../../etc/passwd' })}/suggestions`, '/api/docs/static/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/api/docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
    ];
    for (const p of paths) {
      const res = await ctx.app.inject({ method: 'GET', url: p });
      expect(res.statusCode, p).not.toBe(500);
      expect(res.body, p).not.toMatch(/root:x?:0:0/);
      expect(res.body, p).not.toContain('"devDependencies"');
    }
  });
});
