import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.locator('.app-layout').waitFor();
}

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

async function noViolations(page: Page, name: string): Promise<void> {
  await settled(page);
  const v = await seriousViolations(page);
  if (v.length) await screenshot(page, `county-axe-${name}`);
  expect(v, name).toEqual([]);
}

/** Confirms the open popconfirm. */
async function confirmPop(page: Page): Promise<void> {
  const pop = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
  await pop.waitFor();
  await pop.getByRole('button', { name: /确\s*定/ }).click();
}

const TITLE = '关于开展2027年“代表进站”接待活动的通知';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('county level: dashboard, notice, report back', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the county sees its townships, issues a notice; the township reports back; the county sees 已报送', async () => {
    const errors: string[] = [];
    const countyCtx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 }, timezoneId: 'Asia/Shanghai' });
    const county = await countyCtx.newPage();
    county.on('pageerror', (err) => errors.push(`county: ${err.message}`));
    await signIn(county, server.baseUrl, 'county');

    // ---- the dashboard: charts with their tables, a township to click through to ----
    await county.goto(`${server.baseUrl}/app/county?year=2026`);
    await county.getByRole('heading', { name: '全县统计', level: 1 }).waitFor();
    for (const panel of ['panel-sessions', 'panel-suggestions', 'panel-duty']) {
      const p = county.getByTestId(panel);
      await p.locator('.county-chart svg').first().waitFor();
      await expect.poll(() => p.getByRole('row').count()).toBeGreaterThan(1);
      await p.getByRole('button', { name: '示例镇' }).waitFor();
    }
    await county.getByTestId('panel-sessions').getByRole('img', { name: /人代会召开情况/ }).waitFor();
    // Panels without data say so instead of showing zeros.
    for (const panel of ['panel-elections', 'panel-disclosure']) {
      const p = county.getByTestId(panel);
      await p.waitFor();
      const hasChart = await p.locator('.county-chart').count();
      if (!hasChart) await p.locator('.ant-empty-description').filter({ hasText: '暂无数据' }).waitFor();
    }
    await noViolations(county, 'dashboard');
    await screenshot(county, 'county-dashboard');

    // ---- a notice: drafted, then issued to the county's townships ----
    await county.goto(`${server.baseUrl}/app/county/notices`);
    await county.getByRole('heading', { name: '县人大通知', level: 1 }).waitFor();
    await county.getByTestId('county-notice').first().waitFor();
    await noViolations(county, 'notices');
    await county.getByRole('button', { name: '新建通知' }).click();
    const dlg = county.getByRole('dialog', { name: '新建县人大通知' });
    await dlg.waitFor();
    await dlg.getByLabel('通知标题').fill(TITLE);
    await dlg.locator('#period').fill('2027-01-05');
    await dlg.locator('#period').press('Enter');
    await dlg.getByPlaceholder('结束日期').fill('2027-01-31');
    await dlg.getByPlaceholder('结束日期').press('Enter');
    await dlg.locator('#reportDueOn').fill('2027-02-10');
    await dlg.locator('#reportDueOn').press('Enter');
    await dlg.getByLabel('通知正文').fill('各乡镇人大主席团：请组织代表在1月进站接待选民，听取意见建议。');
    await dlg.getByLabel('报送内容要求').fill('接待次数、进站代表人数、接待选民人次、收集意见建议数。');
    await dlg.getByRole('button', { name: /保存草稿/ }).click();
    await county.waitForURL(/\/county\/notices\/[^/]+$/);
    await county.getByRole('heading', { name: TITLE }).waitFor();
    await county.getByText('草稿尚未下发，各乡镇看不到。').waitFor();
    await county.getByRole('button', { name: /下发到各乡镇/ }).click();
    await confirmPop(county);
    await county.getByTestId('notice-summary').filter({ hasText: '已报送 0' }).waitFor();
    const noticeUrl = county.url();

    // ---- the township office: notified, sees the task, reports back with an attachment ----
    const officeCtx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai' });
    const office = await officeCtx.newPage();
    office.on('pageerror', (err) => errors.push(`office: ${err.message}`));
    await signIn(office, server.baseUrl, 'office');
    await office.goto(`${server.baseUrl}/app/notifications`);
    await office.getByText(TITLE).first().waitFor();
    await office.goto(`${server.baseUrl}/app/county-tasks`);
    await office.getByRole('heading', { name: '上级通知任务', level: 1 }).waitFor();
    const card: Locator = office.getByTestId('county-task').filter({ hasText: TITLE });
    await card.getByText('未报送').waitFor();
    await noViolations(office, 'tasks');
    await card.getByRole('link', { name: TITLE }).click();
    await office.getByRole('heading', { name: TITLE }).waitFor();
    await office.getByLabel('报送内容').fill('1月共开展代表进站接待4次，进站代表16人次，接待选民83人次，收集意见建议12条。');
    await office.locator('input[type=file]').setInputFiles({ name: 'jiedai-zongjie.pdf', mimeType: 'application/pdf', buffer: PDF });
    await office.getByRole('button', { name: '下载 jiedai-zongjie.pdf' }).waitFor();
    await noViolations(office, 'task');
    await office.getByRole('button', { name: /报\s*送/ }).last().click();
    await confirmPop(office);
    await office.getByTestId('task-status').filter({ hasText: '已报送' }).waitFor();
    await office.getByText(/林晓燕 于 .* 报送/).waitFor();
    await screenshot(office, 'county-task-reported');

    // ---- back at the county: 已报送, with the report and its attachment ----
    await county.goto(noticeUrl);
    const row = county.getByRole('row').filter({ hasText: '示例镇' });
    await row.getByText('已报送').waitFor();
    await row.getByText(/接待选民83人次/).waitFor();
    await row.getByRole('button', { name: '下载 jiedai-zongjie.pdf' }).waitFor();
    await county.getByTestId('notice-summary').filter({ hasText: '已报送 1' }).waitFor();
    await noViolations(county, 'notice-detail');
    await screenshot(county, 'county-notice-reported');
    expect(errors).toEqual([]);
    await countyCtx.close();
    await officeCtx.close();
  }, 180_000);
});
