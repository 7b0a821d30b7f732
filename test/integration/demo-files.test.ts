import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOWNSHIP_CODE, loadDemo } from '../../src/server/demo/demo.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-demo-files-'));
  ctx = await createTestContext({ RENDA_DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo records with a stored file (the app’s data folder given, as `npm start` does)', () => {
  it('has a report-back photo, a board photo check and a report template, stored like uploads and served by their routes', async () => {
    const db = ctx.database.db;
    expect(await loadDemo(db, { dataDir })).toBe(true);
    const t = await db.selectFrom('townships').select('id').where('code', '=', DEMO_TOWNSHIP_CODE).executeTakeFirstOrThrow();
    const office = await login(ctx.app, 'office', DEMO_PASSWORD);

    // 联系选民月: the report back carries its photo; the task is reported.
    const attachments = await db.selectFrom('county_task_attachments').innerJoin('county_notice_tasks', 'county_notice_tasks.id', 'county_task_attachments.task_id')
      .select(['county_task_attachments.id', 'county_task_attachments.sha256', 'county_task_attachments.created_at', 'county_notice_tasks.status', 'county_notice_tasks.reported_at']).where('county_task_attachments.township_id', '=', t.id).execute();
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.status).toBe('reported');
    // Dated on the day of the report back, before it, not on the day the demo was loaded.
    expect(attachments[0]!.created_at.slice(0, 10)).toBe('2026-06-05');
    expect(attachments[0]!.created_at < attachments[0]!.reported_at!).toBe(true);
    const photo = await office.request('GET', `/api/v1/county-task-attachments/${attachments[0]!.id}/download`);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');

    // 村镇建设办公室's board on its wall, checked by the unit's handler; the handler sees the photo.
    const checks = await db.selectFrom('enforcement_board_checks').select(['id', 'uploaded_by', 'checked_on', 'created_at']).where('township_id', '=', t.id).execute();
    expect(checks).toHaveLength(1);
    const handler = await db.selectFrom('users').select('id').where('username', '=', 'unit').executeTakeFirstOrThrow();
    expect(checks[0]!.uploaded_by).toBe(handler.id);
    expect(checks[0]!.created_at.slice(0, 10)).toBe(checks[0]!.checked_on);
    const unit = await login(ctx.app, 'unit', DEMO_PASSWORD);
    const wall = await unit.request('GET', `/api/v1/enforcement-board-checks/${checks[0]!.id}/photo`);
    expect(wall.statusCode).toBe(200);
    expect(wall.headers['content-type']).toContain('image/png');

    // The office's own template fills from the year facts.
    const templates = (await office.request('GET', '/api/v1/reports/templates')).json().items as { id: string; fields: string[]; createdAt: string }[];
    expect(templates).toHaveLength(1);
    expect(templates[0]!.createdAt.slice(0, 10)).toBe('2026-01-12');
    expect(templates[0]!.fields).toEqual(expect.arrayContaining(['report.township', 'suggestions.received']));
    const filled = await office.request('GET', `/api/v1/reports/templates/${templates[0]!.id}/fill.docx?year=2025`);
    expect(filled.statusCode).toBe(200);
    const xml = new PizZip(filled.rawPayload).file('word/document.xml')!.asText();
    expect(xml).toContain('示例镇人大主席团2025年代表建议办理情况简报');
    expect(xml).not.toMatch(/\{[a-z]/);

    // Every upload was audited as the module does it.
    const actions = (await db.selectFrom('audit_log').select('action').where('township_id', '=', t.id)
      .where('action', 'in', ['county_task.attachment_upload', 'enforcement_board.check', 'report.template_upload']).execute()).map((a) => a.action).sort();
    expect(actions).toEqual(['county_task.attachment_upload', 'enforcement_board.check', 'report.template_upload']);
  }, 120_000);
});
