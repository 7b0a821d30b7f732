import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function officeOf(townshipId: string): Promise<Session> {
  const u = await buildUser(ctx.database.db, townshipId, 'office');
  return login(ctx.app, u.username, TEST_PASSWORD);
}

function row(i: number, overrides: Record<string, string> = {}): Record<string, string> {
  const gender = i % 2 ? 'male' : 'female';
  const birth = `1980-01-${String(10 + (i % 18)).padStart(2, '0')}`;
  return {
    姓名: `导入代表${i}`, 性别: gender === 'male' ? '男' : '女', 民族: '汉族', 出生日期: birth,
    身份证号: generateResidentId('888888', birth, 100 + i, gender), 政治面貌: '群众', 文化程度: '高中', 职业类别: '农民',
    工作单位及职务: '', 代表层级: '镇人大代表', 届次: '14', 选区: '', 代表小组: '', 联系电话: '13800001111',
    任期开始: '2021-12-30', 任期结束: '', 终止原因: '', 在政府任职: '否', ...overrides,
  };
}

/** Fills the downloaded template the way a clerk would: text cells under the header row. */
async function fillTemplate(template: Buffer, rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('代表名册')!;
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => cols.set(String(c.value).replace(/\*$/, ''), n));
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) ws.getCell(i + 2, cols.get(k)!).value = v;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readSheet(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.getWorksheet('代表名册')!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

describe('deputy import from Excel', () => {
  it('imports nothing when one row is bad, names the row, column and reason, and gives an error report', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const s = await officeOf(t.id);
    const template = await s.request('GET', `/api/v1/townships/${t.id}/deputies/import-template`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const rows = [row(1), row(2), row(3), row(4)];
    const badId = rows[2]!['身份证号']!;
    rows[2]!['身份证号'] = badId.slice(0, 17) + (badId.endsWith('0') ? '1' : '0');
    rows[3]!['选区'] = '不存在选区';
    const sheet = await fillTemplate(template.rawPayload, rows);

    const check = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/check`, '名册.xlsx', sheet);
    expect(check.statusCode).toBe(200);
    expect(check.json().rowCount).toBe(4);
    expect(check.json().problems).toEqual([
      { row: 4, column: '身份证号', reason: '身份证号校验码不正确（GB 11643）' },
      { row: 5, column: '选区', reason: '选区“不存在选区”不存在' },
    ]);
    const res = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import`, '名册.xlsx', sheet);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.message).toContain('2行');
    expect(res.json().error.fields).toEqual([
      { path: '4.身份证号', message: '身份证号校验码不正确（GB 11643）' },
      { path: '5.选区', message: '选区“不存在选区”不存在' },
    ]);
    expect(await db.selectFrom('deputies').select('id').where('township_id', '=', t.id).execute()).toEqual([]);

    const report = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/error-report`, '名册.xlsx', sheet);
    const reportRows = await readSheet(report.rawPayload);
    // The report's rows are the uploaded rows, at the same row numbers as the problems name.
    const reportBook = new ExcelJS.Workbook();
    await reportBook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(reportBook.getWorksheet('代表名册')!.getRow(4).getCell(1).value).toBe(rows[2]!['姓名']);
    expect(reportBook.getWorksheet('代表名册')!.getRow(5).getCell(1).value).toBe(rows[3]!['姓名']);
    expect(reportRows[0]!.at(-1)).toBe('错误原因');
    expect(reportRows[1]!.at(-1)).toBe('');
    expect(reportRows[3]!.at(-1)).toBe('身份证号：身份证号校验码不正确（GB 11643）');
    expect(reportRows[4]!.at(-1)).toBe('选区：选区“不存在选区”不存在');

    // Fixed: all four import.
    rows[2]!['身份证号'] = badId;
    rows[3]!['选区'] = '';
    const fixed = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import`, '名册.xlsx', await fillTemplate(template.rawPayload, rows));
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json().imported).toBe(4);
    // Importing the same sheet again: every row is a duplicate of the roster.
    const again = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/check`, '名册.xlsx', await fillTemplate(template.rawPayload, rows));
    expect(again.json().problems.length).toBe(4);
    expect(again.json().problems[0].reason).toContain('已有该身份证号');
  });

  it('finds duplicates inside the file and required cells left empty', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const template = (await s.request('GET', `/api/v1/townships/${t.id}/deputies/import-template`)).rawPayload;
    const rows = [row(1), row(2), { ...row(1), 姓名: '重复者' }, row(5, { 姓名: '', 职业类别: '宇航员' })];
    const check = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/check`, 'a.xlsx', await fillTemplate(template, rows));
    const problems = check.json().problems;
    expect(problems).toContainEqual({ row: 4, column: '身份证号', reason: '与第2行重复' });
    expect(problems).toContainEqual({ row: 5, column: '姓名', reason: '姓名不能为空' });
  });

  it('refuses a file that is not a spreadsheet, and an id number stored as a number', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const notXlsx = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import`, 'x.xlsx', Buffer.from('%PDF-1.4 not a sheet'));
    expect(notXlsx.statusCode).toBe(415);
    expect(notXlsx.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代表名册');
    const r = row(7);
    ws.addRow(Object.keys(r));
    ws.addRow(Object.values(r).map((v, i) => (i === 4 ? Number(v.replace('X', '')) : v)));
    const numeric = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/check`, 'n.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(numeric.json().problems[0]).toMatchObject({ row: 2, column: '身份证号' });
    expect(numeric.json().problems[0].reason).toContain('文本格式');
  });

  it('exports the roster and imports it into an empty township as the same roster', async () => {
    const db = ctx.database.db;
    const a = await buildTownship(db);
    const sa = await officeOf(a.id);
    await sa.request('POST', `/api/v1/townships/${a.id}/constituencies`, { name: '第一选区', registeredVoters: 3000, seats: 5, villageIds: [] });
    await sa.request('POST', `/api/v1/townships/${a.id}/deputy-groups`, { name: '一组', leaderDeputyId: null });
    const template = (await sa.request('GET', `/api/v1/townships/${a.id}/deputies/import-template`)).rawPayload;
    const rows = [row(1, { 选区: '第一选区', 代表小组: '一组' }), row(2, { 任期结束: '2024-05-01', 终止原因: '迁出', 在政府任职: '是' }), row(3, { 代表层级: '县人大代表', 届次: '17' })];
    expect((await upload(ctx.app, sa, `/api/v1/townships/${a.id}/deputies/import`, 'a.xlsx', await fillTemplate(template, rows))).statusCode).toBe(201);
    const exported = await sa.request('GET', `/api/v1/townships/${a.id}/deputies/export`);
    expect(exported.statusCode).toBe(200);
    expect((await db.selectFrom('audit_log').select('id').where('township_id', '=', a.id).where('action', '=', 'deputy.export').execute()).length).toBe(1);

    const b = await buildTownship(db);
    const sb = await officeOf(b.id);
    const strict = await upload(ctx.app, sb, `/api/v1/townships/${b.id}/deputies/import`, 'export.xlsx', exported.rawPayload);
    expect(strict.statusCode).toBe(422);
    const imported = await upload(ctx.app, sb, `/api/v1/townships/${b.id}/deputies/import?createMissing=true`, 'export.xlsx', exported.rawPayload);
    expect(imported.json()).toEqual({ imported: 3, createdConstituencies: 1, createdGroups: 1 });
    const reexported = await sb.request('GET', `/api/v1/townships/${b.id}/deputies/export`);
    expect(await readSheet(reexported.rawPayload)).toEqual(await readSheet(exported.rawPayload));
  });

  it('should not import into another township: 404 and nothing written', async () => {
    const db = ctx.database.db;
    const mine = await buildTownship(db);
    const other = await buildTownship(db);
    const s = await officeOf(mine.id);
    const template = (await s.request('GET', `/api/v1/townships/${mine.id}/deputies/import-template`)).rawPayload;
    const res = await upload(ctx.app, s, `/api/v1/townships/${other.id}/deputies/import`, 'a.xlsx', await fillTemplate(template, [row(1)]));
    expect(res.statusCode).toBe(404);
    expect(await db.selectFrom('deputies').select('id').where('township_id', '=', other.id).execute()).toEqual([]);
  });
});
