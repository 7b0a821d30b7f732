import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

type Row = [string, string, string, number | null];

/** A quarter's sheet as a village fills in the template: header on row 3, lines from row 4. */
async function sheet(file: string, rows: Row[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('财务收支');
  ws.addRow(['东山村村级财务收支公开表']);
  ws.addRow(['公开期间：2026年第四季度']);
  ws.addRow(['类别', '科目', '摘要', '金额（元）']);
  rows.forEach((r) => ws.addRow(r));
  const a = wb.addWorksheet('村务公开事项');
  a.addRow(['序号', '公开事项', '内容']);
  a.addRow([1, '村内道路硬化', '经村民代表会议讨论通过，硬化组内道路1.2公里，已完工验收。']);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A balanced quarter opening at `opening` yuan: +4500.50 − 2000.25. */
function quarterRows(opening: number): Row[] {
  return [
    ['期初余额', '', '', opening],
    ['收入', '上级补助收入', '村级组织运转经费', 3000],
    ['收入', '发包及上交收入', '鱼塘承包费', 1500.5],
    ['收入合计', '', '', 4500.5],
    ['支出', '管理费用', '办公用品', 2000.25],
    ['支出合计', '', '', 2000.25],
    ['期末余额', '', '', Math.round((opening + 2500.25) * 100) / 100],
  ];
}
const yuan = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

describe('village finance disclosure (村务公开、财务公开)', () => {
  let server: RunningServer;
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-disclosure-e2e-'));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a village clerk imports an unbalanced quarter (refused, row named), fixes it, publishes, and the portal shows it', { timeout: 240_000 }, async () => {
    const errors: string[] = [];
    const page = await newPage(browser);
    page.on('pageerror', (err) => errors.push(err.message));
    await login(page, server.baseUrl, 'village');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.locator('.app-layout').waitFor();

    // The menu leads the clerk to their own village.
    await page.getByRole('menuitem', { name: '依法治镇与公开' }).waitFor();
    await page.goto(`${server.baseUrl}/app/disclosure/my-village`);
    await page.waitForURL(/\/app\/disclosure\/villages\//);
    const villageId = /villages\/([^/?]+)/.exec(page.url())![1]!;
    await page.getByRole('heading', { name: '东山村委会' }).waitFor();
    await page.getByRole('row', { name: /2026年第四季度/ }).getByRole('button', { name: '开始本期公开' }).click();
    await page.waitForURL(/\/app\/disclosure\/village-disclosures\//);
    await page.getByRole('heading', { name: /东山村委会 2026年第四季度村务、财务公开/ }).waitFor();
    // Nothing imported yet: the empty state passes axe too (antd's grey empty text is darkened).
    await page.getByText('尚无收支明细').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);

    // The quarter opens with the third quarter's published closing balance.
    const periods = await (await page.request.get(`${server.baseUrl}/api/v1/villages/${villageId}/disclosures?year=2026`)).json() as { periods: { start: string; disclosureId: string | null }[] };
    const q3Id = periods.periods.find((p) => p.start === '2026-07-01')!.disclosureId!;
    const q3 = await (await page.request.get(`${server.baseUrl}/api/v1/village-disclosures/${q3Id}`)).json() as { closingBalance: number };
    const opening = q3.closingBalance / 100;
    const ROWS = quarterRows(opening);

    // The stated income total (row 7) is 100 yuan more than its lines: refused, the row named.
    const wrong = await sheet(path.join(dir, 'wrong.xlsx'), ROWS.map((r) => (r[0] === '收入合计' ? ['收入合计', '', '', 4600.5] : r)));
    await page.locator('input[type=file]').setInputFiles(wrong);
    const alert = page.locator('.ant-alert-error[role=alert]').filter({ hasText: '第7行' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('4600.50');
    await expect.poll(() => page.getByText('尚无收支明细').count()).toBe(1);
    await settled(page);
    await screenshot(page, 'disclosure-refused');

    // Opening one fen below the third quarter's closing balance: refused, both figures named.
    const notCarried = await sheet(path.join(dir, 'not-carried.xlsx'), quarterRows(Math.round(opening * 100 - 1) / 100));
    await page.locator('input[type=file]').setInputFiles(notCarried);
    const carry = page.locator('.ant-alert-error[role=alert]').filter({ hasText: '期初余额应承接上期期末余额' });
    await carry.waitFor();
    expect(await carry.innerText()).toContain(`已公布的期末余额${opening.toFixed(2)}元`);
    expect(await carry.innerText()).toContain(`期初余额${(Math.round(opening * 100 - 1) / 100).toFixed(2)}元`);

    // Fixed: imported, balanced, published.
    const fixed = await sheet(path.join(dir, 'fixed.xlsx'), ROWS);
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByText('账目平衡').waitFor();
    await expect.poll(() => page.locator('input[value="鱼塘承包费"]').count(), { timeout: 15_000 }).toBe(1);
    // antd spaces out two-character button labels (公 布, 确 定).
    await page.getByRole('button', { name: /^公\s?布$/ }).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByText('更正（起草新版本）').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-published');

    // The portal shows it, and reads without JavaScript.
    const noJs = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false, viewport: { width: 1280, height: 860 } });
    const plain = await noJs.newPage();
    await plain.goto(`${server.baseUrl}/t/999999101/gk/villages/${villageId}`);
    const text = await plain.locator('main').innerText();
    expect(text).toContain('2026年第四季度村务公开、财务公开');
    expect(text).toContain(yuan(opening + 2500.25));
    expect(text).toContain('村内道路硬化');
    await noJs.close();
    // Axe needs scripts: a normal context for it.
    const pub = await newPage(browser);
    await pub.goto(`${server.baseUrl}/t/999999101/gk/villages/${villageId}`);
    expect(await seriousViolations(pub)).toEqual([]);
    await screenshot(pub, 'disclosure-portal');
    await pub.goto(`${server.baseUrl}/t/999999101/gk/`);
    expect(await seriousViolations(pub)).toEqual([]);
    await screenshot(pub, 'disclosure-portal-index');

    // The clerk's own village's model-village entries: read-only.
    await page.goto(`${server.baseUrl}/app/rule-of-law/my-village?year=2026`);
    await page.getByRole('heading', { name: '本村示范创建' }).waitFor();
    await page.getByText('民主法治示范村').first().waitFor();
    expect(await page.getByText('西河村委会').count()).toBe(0);
    expect(await page.getByRole('button', { name: /登记创建|管理创建项目/ }).count()).toBe(0);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-my-village-models');

    // The third quarter corrected after the fourth was published: one line 1.00 yuan more, so it
    // closes differently. Publishing still succeeds and names the fourth quarter, then flagged.
    await page.goto(`${server.baseUrl}/app/disclosure/village-disclosures/${q3Id}`);
    await page.getByRole('button', { name: '更正（起草新版本）' }).click();
    await page.waitForURL((url) => /village-disclosures\//.test(url.pathname) && !url.pathname.endsWith(q3Id));
    await page.getByText('账目平衡').waitFor();
    const firstAmount = page.getByLabel('金额', { exact: true }).first();
    await firstAmount.fill(String(Number((await firstAmount.inputValue()).replace(/,/g, '')) + 1));
    const unbalanced = page.locator('.ant-alert-warning').filter({ hasText: '账目不平' });
    await unbalanced.waitFor();
    const newClosing = /期末余额应为 ([\d,.]+)/.exec(await unbalanced.innerText())![1]!.replace(/,/g, '');
    await page.getByLabel('期末余额', { exact: true }).fill(newClosing);
    await page.getByText('账目平衡').waitFor();
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('button', { name: /^公\s?布$/ }).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByText(/期初余额不再衔接，请更正2026年第四季度/).waitFor();
    await page.goto(`${server.baseUrl}/app/disclosure/villages/${villageId}?year=2026`);
    const flagged = page.getByRole('row', { name: /2026年第四季度/ }).getByText('期初余额不符');
    await flagged.hover();
    await page.locator('.ant-tooltip').filter({ hasText: `应为 ${yuan(Number(newClosing))} 元（上期：2026年第三季度）` }).waitFor();
    expect(await page.getByRole('row', { name: /2026年第三季度/ }).getByText('期初余额不符').count()).toBe(0);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-carry-over-flag');
    expect(errors).toEqual([]);
  });

  it('the office sees the compliance lists: the unit lacking a board and the overdue village', { timeout: 240_000 }, async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'office');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto(`${server.baseUrl}/app/disclosure?year=2026`);
    await page.getByRole('heading', { name: '政务村务公开情况' }).waitFor();
    await page.getByText('1个有执法权的单位尚无现行公示').waitFor();
    await page.getByRole('tab', { name: '村务财务公开' }).click();
    await page.getByRole('row', { name: /北坡村委会/ }).getByText('逾期未公开').waitFor();
    // 东山村's fourth quarter, left behind by the corrected third quarter (the test before).
    await page.getByRole('row', { name: /东山村委会/ }).getByText('期初余额不符').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-overview');
    await page.goto(`${server.baseUrl}/app/disclosure/units/${await unitId(page, '综合行政执法队')}`);
    await page.getByText('执法责任制公示').first().waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-unit');
    for (const url of ['/app/rule-of-law/complaints?year=2025', '/app/rule-of-law/model-villages?year=2026']) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.locator('.page-title').waitFor();
      await settled(page);
      expect(await seriousViolations(page), url).toEqual([]);
      await screenshot(page, `disclosure-${url.split('/')[3]!.split('?')[0]}`);
    }

    // The office manages the programmes: a new one, archived, restored, renamed.
    await page.getByRole('button', { name: '管理创建项目' }).click();
    const dialog = page.getByRole('dialog', { name: '创建项目管理' });
    await dialog.getByRole('row', { name: /民主法治示范村/ }).waitFor();
    await dialog.getByRole('button', { name: '新增创建项目' }).click();
    const form = page.getByRole('dialog', { name: '新增创建项目' });
    await form.getByLabel('项目名称').fill('平安村');
    await form.getByLabel('创建标准（每行一项）').fill('全年无重大刑事案件\n矛盾纠纷就地化解');
    await form.getByRole('button', { name: /确\s?定$/ }).click();
    const row = dialog.getByRole('row', { name: /平安村/ });
    await row.getByText('2项标准').waitFor();
    await row.getByRole('button', { name: '停用 平安村' }).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await row.getByText('已停用').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'disclosure-programmes');
    await row.getByRole('button', { name: '恢复使用 平安村' }).click();
    await row.getByText('使用中').waitFor();
    await row.getByRole('button', { name: '修改创建项目 平安村' }).click();
    const edit = page.getByRole('dialog', { name: '修改创建项目' });
    await edit.getByLabel('项目名称').fill('平安建设示范村');
    // The button keeps its loading icon (aria-label "loading") while that icon fades out.
    await edit.getByRole('button', { name: /确\s?定$/ }).click();
    await dialog.getByRole('row', { name: /平安建设示范村/ }).waitFor();
  });
});

async function unitId(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name: '执法责任制公示' }).click();
  const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
  return href!.split('/').pop()!;
}
