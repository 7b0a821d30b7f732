import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, pickOption, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

/** Violations a user would actually be blocked by: impact serious or critical. */

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.locator('.app-layout').waitFor();
}

/** The modal with this title, once it is open and its opening animation is over. */
async function dialog(page: Page, title: string): Promise<Locator> {
  const d = page.getByRole('dialog', { name: title });
  await d.waitFor();
  await page.locator('.ant-zoom-appear, .ant-zoom-enter').first().waitFor({ state: 'detached' }).catch(() => undefined);
  return d;
}

/** Clicks the modal's OK button and waits for it to close (the action succeeded). */
async function confirm(page: Page, d: Locator, button: string): Promise<void> {
  await d.getByRole('button', { name: button, exact: true }).click();
  try {
    await d.waitFor({ state: 'hidden', timeout: 15_000 });
  } catch (err) {
    await screenshot(page, 'duty-failed-dialog');
    throw new Error(`the dialog stayed open: ${await d.innerText()}`, { cause: err });
  }
}

/** Waits for loading overlays, open dropdowns and animations to finish before a screenshot or axe. */
async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Waits until the locator finds `count` elements; on failure keeps a screenshot of what was shown. */
async function expectCount(page: Page, locator: Locator, count: number, name: string): Promise<void> {
  try {
    await expect.poll(() => locator.count(), { timeout: 15_000 }).toBe(count);
  } catch (err) {
    await screenshot(page, `duty-failed-${name}`);
    throw err;
  }
}

/** Three residents saying the same thing in other words: Renda should propose them as one group. */
const BRIDGE = [
  '跃进桥护栏断裂多处，夜里行人容易掉进河里，希望尽快修复护栏',
  '跃进桥的护栏断了好几处，晚上走路容易掉河里，建议尽快修好护栏',
  '跃进桥护栏损坏严重，夜间通行危险，希望镇里尽快修复护栏',
];

describe('deputies’ duty work', () => {
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

  it('logs a visit on a phone, consolidates similar opinions into a suggestion and shows each opinion’s outcome', async () => {
    const errors: string[] = [];

    // ---- the deputy logs a visit with two opinions on a phone ----
    const phoneContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' });
    const deputy = await phoneContext.newPage();
    deputy.on('pageerror', (err) => errors.push(`deputy: ${err.message}`));
    await signIn(deputy, server.baseUrl, 'deputy');
    await deputy.goto(`${server.baseUrl}/app/duty/visit`);
    await deputy.getByRole('heading', { name: '记录走访' }).waitFor();

    const started = Date.now();
    await deputy.getByLabel('地点').fill('跃进村5组');
    await deputy.getByLabel('联系人次').fill('12');
    const rows = deputy.locator('[data-testid="visit-opinion"]');
    await rows.nth(0).getByLabel('群众反映的问题').fill(BRIDGE[0]!);
    await pickOption(deputy, rows.nth(0).getByLabel('村（社区）'), '东山村', { search: true });
    await deputy.getByRole('button', { name: '再加一条意见' }).click();
    await rows.nth(1).getByLabel('群众反映的问题').fill(BRIDGE[1]!);
    // The new row starts in the village of the one before.
    expect(await rows.nth(1).locator('.ant-select').innerText()).toContain('东山村');
    await rows.nth(1).getByLabel('姓名（选填）').fill('王大伯');
    await rows.nth(1).getByLabel('电话（选填）').fill('13900001234');
    // The checks and the screenshot are not the deputy's time.
    const pausedAt = Date.now();
    await settled(deputy);
    expect(await seriousViolations(deputy)).toEqual([]);
    await screenshot(deputy, 'duty-visit-phone');
    const paused = Date.now() - pausedAt;
    await deputy.getByRole('button', { name: '保存走访记录' }).click();
    const saved = deputy.getByTestId('visit-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toContain('登记群众意见 2 条');
    // One screen, one request: well within the 30 seconds a deputy has.
    expect(Date.now() - started - paused).toBeLessThan(30_000);
    await screenshot(deputy, 'duty-visit-phone-saved');

    // 再记一条: a second visit, the third similar opinion.
    await deputy.getByRole('button', { name: '再记一条' }).click();
    await deputy.getByLabel('地点').fill('跃进桥头');
    await rows.nth(0).getByLabel('群众反映的问题').fill(BRIDGE[2]!);
    await deputy.getByRole('button', { name: '保存走访记录' }).click();
    await saved.waitFor();
    expect(await saved.innerText()).toContain('登记群众意见 1 条');

    // The deputy's own list shows the three, still to be consolidated.
    await deputy.goto(`${server.baseUrl}/app/duty/opinions?q=${encodeURIComponent('跃进桥')}`);
    await expectCount(deputy, deputy.getByTestId('opinion-card'), 3, 'deputy-opinions');

    // ---- the office consolidates the three and makes them a suggestion ----
    const office = await newPage(browser);
    office.on('pageerror', (err) => errors.push(`office: ${err.message}`));
    await signIn(office, server.baseUrl, 'office');
    await office.goto(`${server.baseUrl}/app/duty/consolidation`);
    await office.getByRole('heading', { name: '梳理归纳' }).waitFor();
    const proposal = office.getByTestId('proposal').filter({ hasText: '跃进桥' });
    await proposal.waitFor();
    // Keep only the bridge opinions ticked: anything else Renda grouped with them is unticked.
    const boxes = proposal.getByRole('checkbox');
    for (let i = 0; i < await boxes.count(); i++) {
      const label = await proposal.locator('.duty-proposal-item').nth(i).innerText();
      if (!label.includes('跃进桥')) await boxes.nth(i).uncheck();
    }
    await settled(office);
    await screenshot(office, 'duty-consolidation-proposals');
    await proposal.getByRole('button', { name: '归纳所选（3条）' }).click();
    const create = await dialog(office, '归纳 3 条意见');
    await create.getByLabel('事项标题').fill('关于修复跃进桥护栏的建议');
    await confirm(office, create, '归纳');

    const item = office.getByTestId('consolidation').filter({ hasText: '关于修复跃进桥护栏的建议' });
    await item.waitFor();
    expect(await item.innerText()).toContain('所含意见（3条）');
    await item.getByRole('button', { name: '转为建议' }).click();
    const toSuggestion = await dialog(office, '转为代表建议');
    // She collected the opinions, so her option reads 陈春梅（收集了其中的意见）; antd lists may move while opening: check it took.
    const authorItem = toSuggestion.locator('.ant-form-item').filter({ hasText: '提出建议的代表' });
    for (let attempt = 0; attempt < 3 && !(await authorItem.innerText()).includes('陈春梅'); attempt++) {
      await toSuggestion.getByLabel('提出建议的代表').click();
      await office.keyboard.type('陈春梅');
      await office.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '陈春梅' }).first().click();
      await office.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
    }
    expect(await authorItem.innerText()).toContain('陈春梅');
    await confirm(office, toSuggestion, '转为建议');
    const link = item.getByTestId('opinion-suggestion-link');
    await link.waitFor();
    const refNo = /已转为建议 (\d{4}-\d{3})/.exec(await link.innerText())?.[1];
    expect(refNo).toBeTruthy();
    const suggestionHref = await link.getAttribute('href');
    expect(suggestionHref).toMatch(/^\/app\/suggestions\/[0-9a-f-]+$/);
    await settled(office);
    await screenshot(office, 'duty-consolidation-suggested');

    // ---- each of the three opinions shows the suggestion it became ----
    await office.goto(`${server.baseUrl}/app/duty/opinions?q=${encodeURIComponent('跃进桥')}`);
    await office.getByRole('heading', { name: '民情意见' }).waitFor();
    const opinionRows = office.getByTestId('opinion-row');
    await expectCount(office, opinionRows, 3, 'office-opinions');
    for (let i = 0; i < 3; i++) {
      const row = opinionRows.nth(i);
      expect(await row.innerText()).toContain('已转建议');
      const rowLink = row.getByTestId('opinion-suggestion-link');
      expect(await rowLink.innerText()).toBe(`已转为建议 ${refNo}`);
      expect(await rowLink.getAttribute('href')).toBe(suggestionHref);
    }
    // The resident who left a phone is shown masked.
    expect(await opinionRows.filter({ hasText: BRIDGE[1]! }).innerText()).toContain('139****1234');
    await settled(office);
    expect(await seriousViolations(office)).toEqual([]);
    await screenshot(office, 'duty-opinions');

    // The link leads to the suggestion, entered for the deputy and submitted.
    await opinionRows.first().getByTestId('opinion-suggestion-link').click();
    await office.waitForURL(`**${suggestionHref}`);
    await office.getByText('关于修复跃进桥护栏的建议').first().waitFor();

    // The deputy sees the outcome on the phone too.
    await deputy.reload();
    await expectCount(deputy, deputy.getByTestId('opinion-suggestion-link'), 3, 'deputy-outcomes');
    await settled(deputy);
    expect(await seriousViolations(deputy)).toEqual([]);
    await screenshot(deputy, 'duty-opinions-phone');

    // ---- 述职评议: the demo's published meeting ----
    await office.goto(`${server.baseUrl}/app/duty/evaluations`);
    await office.getByRole('heading', { name: '述职评议' }).waitFor();
    await office.getByTestId('evaluation').first().waitFor();
    await settled(office);
    expect(await seriousViolations(office)).toEqual([]);
    await screenshot(office, 'duty-evaluations');
    await office.getByTestId('evaluation').first().getByRole('link').first().click();
    await office.getByTestId('evaluated-deputy').first().waitFor();
    await settled(office);
    await screenshot(office, 'duty-evaluation-detail');

    await office.goto(`${server.baseUrl}/app/duty/activities?year=2025`);
    await office.locator('.ant-table-row').first().waitFor();
    await settled(office);
    await screenshot(office, 'duty-activities');

    expect(errors).toEqual([]);
  });
});
