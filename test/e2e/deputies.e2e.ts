import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { launchBrowser, login, newPage, pickOption, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

/** Violations a user would actually be blocked by: impact serious or critical. */

/** The roster's total as the table's pagination shows it: "共 N 名代表". */
async function rosterTotal(page: Page): Promise<number> {
  const text = await page.locator('.ant-pagination-total-text').innerText();
  return Number(/(\d+)/.exec(text)?.[1]);
}

async function saveDownload(download: Download, dir: string): Promise<string> {
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Column number of a header title in the sheet (required columns carry a trailing *). */
function columnOf(ws: ExcelJS.Worksheet, title: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (String(cell.value).replace(/\*$/, '') === title) found = col;
  });
  if (!found) throw new Error(`no column ${title}`);
  return found;
}

interface SheetDeputy {
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string;
}

/** Fills the downloaded template with deputies of the 14th term in 第一选区. */
async function fillTemplate(template: string, target: string, deputies: SheetDeputy[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.getWorksheet('代表名册')!;
  deputies.forEach((d, i) => {
    const row = ws.getRow(i + 2);
    const set = (title: string, value: string) => { row.getCell(columnOf(ws, title)).value = value; };
    set('姓名', d.name);
    set('性别', d.gender);
    set('民族', '汉族');
    set('出生日期', d.birthDate);
    set('身份证号', d.idNumber);
    set('政治面貌', '群众');
    set('文化程度', '高中');
    set('职业类别', '农民');
    set('工作单位及职务', '种植户');
    set('代表层级', '镇人大代表');
    set('届次', '14');
    set('选区', '第一选区');
    set('代表小组', '第一代表小组');
    set('联系电话', '13800138000');
    set('任期开始', '2021-12-30');
    row.commit();
  });
  await wb.xlsx.writeFile(target);
}

describe('deputies', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-deputies-e2e-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports nothing from a sheet with a bad row, imports the fixed sheet, and opens a duty record', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await login(page, server.baseUrl, 'office');
    await page.waitForURL((url) => url.pathname === '/app' || url.pathname === '/app/');
    await page.getByRole('menuitem', { name: '代表名册' }).click();
    await page.getByRole('heading', { name: '代表名册' }).waitFor();
    await page.getByRole('cell', { name: '陈春梅', exact: true }).waitFor();
    const before = await rosterTotal(page);
    expect(before).toBeGreaterThan(50);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-roster');

    // The template from the server, filled in here: one row's 身份证号 has a wrong check digit.
    await page.getByRole('button', { name: '导入代表' }).click();
    const dialog = page.getByRole('dialog', { name: '导入代表' });
    await dialog.waitFor();
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载导入模板' }).click()]);
    const template = await saveDownload(templateDownload, dir);
    expect(path.basename(template)).toBe('代表名册导入模板.xlsx');

    const good1 = generateResidentId('110101', '1980-05-12', 101, 'male');
    const good3 = generateResidentId('110101', '1992-11-03', 202, 'female');
    const valid2 = generateResidentId('110101', '1975-01-20', 303, 'male');
    const wrongDigit = valid2.slice(0, 17) + (valid2[17] === '1' ? '2' : '1');
    const rows: SheetDeputy[] = [
      { name: '导入甲', gender: '男', birthDate: '1980-05-12', idNumber: good1 },
      { name: '导入乙', gender: '男', birthDate: '1975-01-20', idNumber: wrongDigit },
      { name: '导入丙', gender: '女', birthDate: '1992-11-03', idNumber: good3 },
    ];
    const bad = path.join(dir, 'deputies-bad.xlsx');
    await fillTemplate(template, bad, rows);

    await dialog.locator('input[type=file]').setInputFiles(bad);
    const problems = dialog.getByTestId('import-problems');
    await problems.waitFor();
    const problemRow = problems.locator('tbody tr').filter({ hasText: '身份证号' });
    await expect(problemRow.count()).resolves.toBe(1);
    await expect(problemRow.locator('td').nth(0).innerText()).resolves.toBe('3');
    await expect(problemRow.locator('td').nth(1).innerText()).resolves.toBe('身份证号');
    await expect(problemRow.locator('td').nth(2).innerText()).resolves.toContain('校验码');
    await dialog.getByText('未导入任何数据').waitFor();
    await expect(dialog.getByRole('button', { name: '确认导入' }).isDisabled()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-import-problems');

    // The error report: the same sheet with a 错误原因 column naming the bad cell.
    const [reportDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载错误报告' }).click()]);
    const reportFile = await saveDownload(reportDownload, dir);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(reportFile);
    const reportSheet = report.getWorksheet('代表名册')!;
    const errorCol = columnOf(reportSheet, '错误原因');
    const nameCol = columnOf(reportSheet, '姓名');
    const reasons = new Map<string, string>();
    reportSheet.eachRow((row, n) => {
      if (n > 1) reasons.set(String(row.getCell(nameCol).value), String(row.getCell(errorCol).value ?? ''));
    });
    expect([...reasons.keys()]).toEqual(['导入甲', '导入乙', '导入丙']);
    expect(reasons.get('导入乙')).toMatch(/^身份证号：.*校验码/);
    expect(reasons.get('导入甲')).toBe('');
    expect(reasons.get('导入丙')).toBe('');

    // Nothing was imported.
    await dialog.getByRole('button', { name: '关闭' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('cell', { name: '陈春梅', exact: true }).waitFor();
    expect(await rosterTotal(page)).toBe(before);

    // Fixed: all three rows go in.
    rows[1] = { ...rows[1]!, idNumber: valid2 };
    const fixed = path.join(dir, 'deputies-fixed.xlsx');
    await fillTemplate(template, fixed, rows);
    await page.getByRole('button', { name: '导入代表' }).click();
    await dialog.waitFor();
    await dialog.locator('input[type=file]').setInputFiles(fixed);
    await dialog.getByText('检查通过：共 3 行，可以导入').waitFor();
    await screenshot(page, 'deputies-import-ok');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 3 名代表').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rosterTotal(page)).toBe(before + 3);
    await page.getByRole('searchbox', { name: '按姓名搜索' }).fill('导入');
    await page.keyboard.press('Enter');
    for (const name of ['导入甲', '导入乙', '导入丙']) await page.getByRole('cell', { name, exact: true }).waitFor();
    await expect.poll(() => rosterTotal(page)).toBe(3);

    // The duty record of one of them.
    await page.getByRole('link', { name: '导入乙', exact: true }).click();
    await page.getByRole('heading', { name: '导入乙的履职档案' }).waitFor();
    await expect(page.getByTestId('record-name').innerText()).resolves.toBe('导入乙');
    await page.getByText('履职积分', { exact: true }).waitFor();
    await expect(page.getByTestId('record-total').innerText()).resolves.toMatch(/积分合计\s*-?\d+/);
    await expect(page.getByTestId('record-rank').innerText()).resolves.toMatch(/第\d+名\/共\d+名/);
    await page.getByText('本年度暂无记录').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-record');
    // Printing leaves out the menu, header and buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-sider').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('record-name').isVisible()).resolves.toBe(true);
    await screenshot(page, 'deputies-record-print');
    await page.emulateMedia({ media: 'screen' });

    // A demo deputy with a presidium seat: roles and printing layout.
    await page.goto(`${server.baseUrl}/app/deputies/presidium`);
    await page.getByRole('heading', { name: '主席团', exact: true }).waitFor();
    await page.getByText('现任主席团').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-presidium');

    await page.getByRole('menuitem', { name: '代表小组' }).click();
    await page.getByRole('heading', { name: '代表小组' }).waitFor();
    await page.getByRole('cell', { name: '第一代表小组', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-groups');

    await page.getByRole('menuitem', { name: '选区' }).click();
    await page.getByRole('heading', { name: '选区' }).waitFor();
    await page.getByRole('cell', { name: '第一选区', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-constituencies');

    await page.getByRole('menuitem', { name: '履职排名' }).click();
    await page.getByRole('heading', { name: '履职排名' }).waitFor();
    await page.getByRole('link', { name: '陈春梅' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-ranking');

    expect(errors).toEqual([]);
  });

  it('adds a deputy through the form, shows full details to the office, and creates a login', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'office');
    await page.waitForURL((url) => url.pathname === '/app' || url.pathname === '/app/');
    await page.goto(`${server.baseUrl}/app/deputies`);
    await page.getByRole('cell', { name: '陈春梅', exact: true }).waitFor();

    await page.getByRole('button', { name: '新增代表' }).click();
    const drawer = page.getByRole('dialog', { name: '新增代表' });
    await drawer.waitFor();
    await drawer.getByLabel('姓名').fill('表单丁');
    const idNumber = generateResidentId('110101', '1980-05-12', 401, 'male');
    await drawer.getByLabel('身份证号').fill(idNumber);
    // A birth date that disagrees with the ID: only the server knows, and its message lands on the field.
    await drawer.getByLabel('出生日期').fill('1981-01-01');
    await drawer.getByLabel('出生日期').press('Enter');
    await pickOption(page, drawer.getByLabel('政治面貌'), '群众');
    await pickOption(page, drawer.getByLabel('文化程度'), '高中');
    await pickOption(page, drawer.getByLabel('职业类别'), '农民');
    await drawer.getByLabel('任期开始').fill('2021-12-30');
    await drawer.getByLabel('任期开始').press('Enter');
    await drawer.getByRole('button', { name: '保 存' }).or(drawer.getByRole('button', { name: '保存' })).click();
    await drawer.getByText('出生日期与身份证号不一致').waitFor();
    await screenshot(page, 'deputies-form');
    await drawer.getByLabel('出生日期').fill('1980-05-12');
    await drawer.getByLabel('出生日期').press('Enter');
    await drawer.getByRole('button', { name: '保 存' }).or(drawer.getByRole('button', { name: '保存' })).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('searchbox', { name: '按姓名搜索' }).fill('表单丁');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: '表单丁', exact: true }).waitFor();

    // Full details: logged, shown in a modal.
    await page.getByRole('button', { name: '表单丁的更多操作' }).click();
    await page.getByRole('menuitem', { name: '查看完整信息' }).click();
    const reveal = page.getByRole('dialog', { name: '完整信息：表单丁' });
    await expect(reveal.getByTestId('revealed-id').innerText()).resolves.toBe(idNumber);
    await reveal.getByText('本次查看已记入操作日志').waitFor();
    await screenshot(page, 'deputies-reveal');
    await reveal.getByRole('button', { name: '关 闭' }).or(reveal.getByRole('button', { name: '关闭' })).first().click();
    await reveal.waitFor({ state: 'hidden' });

    // A login for the new deputy: the temporary password is shown once.
    await page.getByRole('button', { name: '表单丁的更多操作' }).click();
    await page.getByRole('menuitem', { name: '创建登录账号' }).click();
    const account = page.getByRole('dialog', { name: '为“表单丁”创建登录账号' });
    await account.getByLabel('用户名').fill('biaodan.ding');
    await account.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('temporary-password').innerText()).resolves.toMatch(/\S{8,}/);
    await page.getByRole('button', { name: '关 闭' }).or(page.getByRole('button', { name: '关闭' })).first().click();
    await page.getByRole('cell', { name: '表单丁', exact: true }).locator('..').getByText('已开通账号').waitFor();

    // The presidium form opens with the current members.
    await page.getByRole('menuitem', { name: /主席团$/ }).click();
    await page.getByRole('button', { name: '登记新一届主席团' }).click();
    const elect = page.getByRole('dialog', { name: '登记选举产生的主席团' });
    await elect.getByLabel('代表 1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-presidium-elect');
  });

  it('shows a signed-in deputy their own duty record', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'deputy');
    await page.waitForURL((url) => url.pathname === '/app' || url.pathname === '/app/');
    await expect(page.getByRole('menuitem', { name: '代表名册' }).count()).resolves.toBe(0);
    await page.getByRole('menuitem', { name: '我的履职档案' }).click();
    await page.getByRole('heading', { name: '陈春梅的履职档案' }).waitFor();
    await page.getByRole('button', { name: '修改我的信息' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'deputies-my-record');
  });
});
