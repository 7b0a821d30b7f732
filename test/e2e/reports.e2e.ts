import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.locator('.app-layout').waitFor();
}

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

describe('year facts and the year-end summary', () => {
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

  it('opens the year\u2019s facts, clicks through to the records, edits a section, downloads the .docx and publishes it', async () => {
    const errors: string[] = [];
    const page = await newPage(browser);
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, server.baseUrl, 'office');

    // The menu leads to the page; the demo's last full year.
    await page.getByRole('menuitem', { name: '年度报告' }).click();
    await page.getByRole('heading', { name: '年度数据与工作总结' }).waitFor();
    await page.goto(`${server.baseUrl}/app/reports?year=2025`);
    const suggestions = page.locator('.ant-card[data-section="suggestions"]');
    await suggestions.getByText('收到代表议案建议').waitFor();
    const received = Number(/(\d+) 件/.exec(await suggestions.locator('tr', { hasText: '收到代表议案建议' }).innerText())![1]);
    expect(received).toBeGreaterThan(0);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-facts');

    // Click through a figure to the records it counted.
    await page.getByRole('button', { name: '查看记录：收到代表议案建议' }).click();
    await page.waitForURL((url) => url.pathname === '/app/suggestions' && url.searchParams.get('year') === '2025');
    await page.locator('.ant-table-row').first().waitFor();
    await page.goBack();
    await suggestions.getByText('收到代表议案建议').waitFor();

    // Edit the narrative of 三、 with a live field; preview; save.
    await page.getByRole('tab', { name: '工作总结' }).click();
    const section = page.locator('.reports-section-card[data-section="suggestions"]');
    await section.getByLabel('文字').fill('本年度代表共提出{{suggestions.received}}件，主席团逐件跟踪督办。');
    await section.getByRole('button', { name: '预览修改效果' }).click();
    const dialog = page.getByRole('dialog', { name: '预览修改效果' });
    await dialog.getByText(`本年度代表共提出${received}件，主席团逐件跟踪督办。`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).or(dialog.getByLabel('Close')).first().click();
    await section.getByLabel('文字').fill('本年度代表共提出{{suggestions.recieved}}件。');
    await section.getByRole('button', { name: '保存' }).click();
    await page.getByText('字段 {{suggestions.recieved}} 不在年度数据字段目录中').waitFor();
    await section.getByLabel('文字').fill('本年度代表共提出{{suggestions.received}}件，主席团逐件跟踪督办。');
    await section.getByRole('button', { name: '保存' }).click();
    await section.getByText('已修改').waitFor();
    await page.getByTestId('summary-preview').getByText(`本年度代表共提出${received}件，主席团逐件跟踪督办。`).waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-summary');

    // Download the summary: a real .docx with the edited text and no placeholder.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /年度工作总结 · 下载 Word 文档/ }).click()]);
    expect(download.suggestedFilename()).toBe('示例镇人大2025年工作总结.docx');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reports-e2e-')), download.suggestedFilename());
    await download.saveAs(file);
    const buf = fs.readFileSync(file);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const xml = new PizZip(buf).file('word/document.xml')!.asText();
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(`本年度代表共提出${received}件，主席团逐件跟踪督办。`);
    expect(text).not.toContain('{{');

    // Publish on the portal in one click.
    await page.getByRole('button', { name: '发布到门户网站' }).click();
    await page.locator('.ant-popover').getByRole('button', { name: /确\s*定|OK/ }).click();
    const done = page.getByRole('dialog').filter({ hasText: '已发布到门户网站' });
    await done.waitFor();
    const href = await done.getByRole('link', { name: '查看文章' }).getAttribute('href');
    expect(href).toMatch(/^\/t\/999999101\/a\/[\w-]+$/);
    const article = await fetch(`${server.baseUrl}${href}`);
    expect([200, 404]).toContain(article.status);
    if (article.status === 200) expect(await article.text()).toContain('示例镇人大2025年工作总结');
    await screenshot(page, 'reports-published');
    expect(errors).toEqual([]);
  }, 180_000);
});
