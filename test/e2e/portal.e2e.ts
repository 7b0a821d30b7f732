import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, pickOption, REPO_ROOT, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const CODE = '999999101';

async function noSeriousViolations(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) await screenshot(page, `portal-axe-${name}`);
  expect(violations.join('\n'), `${name}: ${page.url()}`).toBe('');
}

async function views(page: Page): Promise<number> {
  return Number(await page.locator('#views').innerText());
}

describe('the public portal', () => {
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

  it('reads home, a category, an article (counted once), searches in Chinese and passes axe on every page type, also on a phone', async () => {
    const errors: string[] = [];
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    // The portal ships no script at all (the CSP allows none inline and the pages link none).
    const page = await phone.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    const base = server.baseUrl;

    // The county index of a single-township deployment goes straight to the township site.
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/t/${CODE}/`);
    await page.getByRole('heading', { name: '工作动态' }).waitFor();
    await noSeriousViolations(page, 'home');
    // No horizontal scrolling on a 375 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'portal-home-phone');

    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '通知公告' }).click();
    await page.getByRole('heading', { name: '通知公告' }).waitFor();
    await noSeriousViolations(page, 'category');

    await page.getByRole('link', { name: '关于征集2027年民生实事项目建议的公告' }).click();
    await page.locator('#views').waitFor();
    const first = await views(page);
    // The demo article had 188 views: this visit is the 189th, and reloading adds none.
    expect(first).toBe(189);
    await page.reload();
    expect(await views(page)).toBe(first);
    await page.goto(page.url());
    expect(await views(page)).toBe(first);
    await expect.poll(async () => page.locator('nav.crumbs').innerText()).toBe('首页 > 通知公告 > 正文');
    await noSeriousViolations(page, 'article');
    await screenshot(page, 'portal-article-phone');

    // Large text without JavaScript.
    await page.getByRole('link', { name: '大字版' }).click();
    expect(await page.evaluate(() => document.documentElement.className)).toBe('large');
    await noSeriousViolations(page, 'article-large');
    await page.getByRole('link', { name: '标准版' }).click();
    expect(await page.evaluate(() => document.documentElement.className)).toBe('');

    // Search in Chinese from the header.
    await page.getByRole('searchbox', { name: '站内搜索' }).fill('饮水');
    await page.getByRole('button', { name: '搜索' }).first().click();
    await page.getByRole('heading', { name: '“饮水”的搜索结果' }).waitFor();
    expect(await page.getByRole('link', { name: '人大代表视察农村饮水安全工程' }).count()).toBe(1);
    await noSeriousViolations(page, 'search');

    // Deputies, one deputy, suggestions, evaluations, 404.
    await page.goto(`${base}/t/${CODE}/deputies`);
    await noSeriousViolations(page, 'deputies');
    await page.locator('table a').first().click();
    await page.getByRole('heading', { name: /履职档案/ }).waitFor();
    await noSeriousViolations(page, 'deputy');
    await page.goto(`${base}/t/${CODE}/suggestions`);
    await noSeriousViolations(page, 'suggestions');
    await page.goto(`${base}/t/${CODE}/evaluations?year=2025`);
    await noSeriousViolations(page, 'evaluations');
    const missing = await page.goto(`${base}/t/${CODE}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await noSeriousViolations(page, '404');
    expect(errors).toEqual([]);
    await phone.close();
  });

  it('takes an opinion through the 代表码 form (plain HTML, no script) and finds it by its reference number', async () => {
    // The office opens a deputy's code (created on first view).
    const office = await newPage(browser);
    await login(office, server.baseUrl, 'office');
    await office.waitForURL((url) => !url.pathname.endsWith('/login'));
    await office.goto(`${server.baseUrl}/t/${CODE}/deputies`);
    const href = await office.locator('table a').first().getAttribute('href');
    const deputyId = href!.split('/').pop()!;
    const code = await office.evaluate(async (id) => (await (await fetch(`/api/v1/deputies/${id}/public-code`)).json() as { publicCode: string }).publicCode, deputyId);
    await office.context().close();

    const resident = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 }, isMobile: true });
    const page = await resident.newPage();
    await page.goto(`${server.baseUrl}/d/${code}`);
    await noSeriousViolations(page, 'opinion-form');
    await page.getByLabel('意见内容（必填）').fill('村口的路灯坏了两个月，晚上出行不方便，请尽快维修。');
    const question = await page.locator('label[for="challengeAnswer"]').innerText();
    const [, a, b] = /(\d+) \+ (\d+)/.exec(question)!;
    await page.getByLabel(/请计算/).fill(String(Number(a) + Number(b)));
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByRole('heading', { name: '意见已提交' }).waitFor();
    const ref = (await page.locator('.receipt').innerText()).trim();
    expect(ref).toMatch(/\S+/);
    await page.getByRole('link', { name: '查询办理情况' }).click();
    await page.getByRole('heading', { name: '意见办理情况' }).waitFor();
    expect(await page.locator('dl').innerText()).toContain(ref);
    await noSeriousViolations(page, 'opinion-lookup');
    await resident.close();
  });

  it('writes an article with the editor and an image, submits it (office), publishes it (presidium) and shows it on the portal', async () => {
    const errors: string[] = [];
    const office = await newPage(browser);
    office.on('pageerror', (err) => errors.push(err.message));
    await login(office, server.baseUrl, 'office');
    await office.waitForURL((url) => !url.pathname.endsWith('/login'));
    await office.goto(`${server.baseUrl}/app/articles`);
    await office.getByRole('heading', { name: '网站文章' }).waitFor();
    await office.locator('.ant-table-row').first().waitFor();
    await noSeriousViolations(office, 'back-office-list');
    await office.getByRole('button', { name: '写文章', exact: true }).click();
    await office.getByRole('heading', { name: '写文章', exact: true }).waitFor();
    await office.getByLabel('标题', { exact: true }).fill('镇人大组织代表学习新修订的代表法');
    await pickOption(office, office.getByLabel('栏目', { exact: true }), '学习园地');
    const editor = office.locator('.article-editor-content');
    await editor.click();
    await office.keyboard.type('11月28日，镇人大组织全体代表集中学习新修订的代表法。');
    await office.getByTestId('article-image-input').setInputFiles({ name: '学习现场.png', mimeType: 'image/png', buffer: PNG });
    await editor.locator('img[src^="/media/"]').waitFor();
    await screenshot(office, 'portal-back-office-editor');
    await noSeriousViolations(office, 'back-office-editor');
    await office.getByRole('button', { name: '提交审核' }).click();
    await office.locator('.ant-tag', { hasText: '待审核' }).waitFor();
    await office.context().close();

    const presidium = await newPage(browser);
    presidium.on('pageerror', (err) => errors.push(err.message));
    await login(presidium, server.baseUrl, 'presidium');
    await presidium.waitForURL((url) => !url.pathname.endsWith('/login'));
    await presidium.goto(`${server.baseUrl}/app/articles?status=submitted`);
    await presidium.getByRole('link', { name: '镇人大组织代表学习新修订的代表法' }).click();
    await presidium.getByRole('button', { name: '审核通过并发布' }).click();
    await presidium.locator('.ant-tag', { hasText: '已发布' }).waitFor();
    const url = await presidium.getByRole('link', { name: '在网站上查看' }).getAttribute('href');
    await presidium.goto(`${server.baseUrl}${url}`);
    await presidium.getByRole('heading', { name: '镇人大组织代表学习新修订的代表法' }).waitFor();
    const img = presidium.locator('article .body img');
    expect(await img.getAttribute('alt')).toBe('学习现场');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    await presidium.goto(`${server.baseUrl}/t/${CODE}/c/study`);
    expect(await presidium.getByRole('link', { name: '镇人大组织代表学习新修订的代表法' }).count()).toBe(1);
    await screenshot(presidium, 'portal-study-category');
    expect(errors).toEqual([]);
  });

  // Last: it adds a second township to the server, which turns `/` into the county index.
  it('lists the townships of a deployment with several by county on the index, and the index passes axe', async () => {
    execFileSync(process.execPath, ['bin/renda.js', 'township', 'add', '421281100'], {
      cwd: REPO_ROOT, env: { ...process.env, RENDA_DATA_DIR: server.dataDir }, stdio: 'pipe',
    });
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/`);
    expect(page.url()).toBe(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: '乡镇人大网站' }).waitFor();
    expect(await page.getByRole('link', { name: '示例镇人大' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '新店镇人大' }).count()).toBe(1);
    await noSeriousViolations(page, 'county-index');
    await screenshot(page, 'portal-county-index');
    await page.close();
  });
});
