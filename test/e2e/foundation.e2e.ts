import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, pickOption, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

/** Violations a user would actually be blocked by: impact serious or critical. */

describe('back office foundation', () => {
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

  it('signs the office in to the demo dashboard, switches language, and signs out', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`${server.baseUrl}/app/`);
    await page.waitForURL('**/app/login');
    await page.getByRole('heading', { name: '乡镇人大工作平台' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    await login(page, server.baseUrl, 'office');
    await page.waitForURL((url) => url.pathname === '/app' || url.pathname === '/app/');
    const villages = page.getByTestId('count-villages');
    await villages.waitFor();
    await expect(villages.innerText()).resolves.toContain('14');
    await expect(villages.innerText()).resolves.toContain('村（居）委会');
    // Every card shows the server's real figure for its key.
    const counts = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { townships: { id: string }[] };
      const res = await fetch(`/api/v1/townships/${me.townships[0]!.id}/dashboard`);
      return ((await res.json()) as { counts: Record<string, number> }).counts;
    });
    expect(counts.villages).toBe(14);
    for (const [key, value] of Object.entries(counts)) {
      const text = await page.getByTestId(`count-${key}`).innerText();
      expect(text.trim().split('\n').pop()).toBe(String(value));
    }
    await expect(page.locator('.app-township-name').innerText()).resolves.toBe('示例镇');
    await page.getByText('演示数据', { exact: false }).first().waitFor();
    await page.getByText('999999101').waitFor();
    await page.getByRole('menuitem', { name: '用户管理' }).waitFor();
    await page.getByRole('menuitem', { name: '操作日志' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');

    // English, then back to Chinese: labels follow, and the choice survives a reload.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect(page.getByTestId('count-villages').innerText()).resolves.toContain('Villages and communities');
    await page.getByRole('menuitem', { name: 'Users' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en-US');
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await expect(page.getByTestId('count-villages').innerText()).resolves.toContain('村（居）委会');

    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('cell', { name: 'presidium', exact: true }).waitFor();
    await page.getByRole('cell', { name: '主席团', exact: true }).waitFor();
    await page.getByRole('cell', { name: '村镇建设办公室', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users');

    await page.getByRole('menuitem', { name: '单位管理' }).click();
    await page.getByRole('heading', { name: '单位管理' }).waitFor();
    await page.getByRole('cell', { name: '综合行政执法队', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'units');

    await page.getByRole('button', { name: /用户菜单/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/app/login');
    await page.getByText('已退出登录').waitFor();
    // The session is gone on the server too.
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('creates a user whose temporary password must be changed at first sign-in', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'office');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill('liwei');
    await dialog.getByLabel('姓名').fill('李伟');
    await pickOption(page, dialog.getByLabel('角色'), '承办单位');
    await pickOption(page, dialog.getByLabel('所属单位'), '财政所', { search: true });
    await dialog.getByRole('button', { name: '保存' }).click();
    const temporary = page.getByTestId('temporary-password');
    await temporary.waitFor();
    const password = (await temporary.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'user-created');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('cell', { name: 'liwei', exact: true }).waitFor();
    await page.getByRole('cell', { name: '财政所', exact: true }).waitFor();

    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByRole('cell', { name: '新增用户', exact: true }).first().waitFor();
    await screenshot(page, 'audit');

    await page.getByRole('menuitem', { name: '乡镇信息' }).click();
    await page.getByLabel('重新办理期限（月）').fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await screenshot(page, 'township');
    await page.context().close();

    const second = await newPage(browser);
    await login(second, server.baseUrl, 'liwei', password);
    await second.waitForURL('**/app/password');
    await second.getByText('首次登录或密码已被重置').waitFor();
    expect(await seriousViolations(second)).toEqual([]);
    await second.getByLabel('当前密码').fill(password);
    await second.getByLabel('新密码', { exact: true }).fill('Caizheng#2026');
    await second.getByLabel('确认新密码').fill('Caizheng#2026');
    await second.getByRole('button', { name: '修改密码' }).click();
    await second.getByRole('heading', { name: '工作台' }).waitFor();
    // A unit handler sees neither users nor the audit log.
    await second.getByRole('menuitem', { name: '工作台' }).waitFor();
    expect(await second.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
    expect(await second.getByRole('menuitem', { name: '操作日志' }).count()).toBe(0);
    await second.goto(`${server.baseUrl}/app/users`);
    await second.getByText('无权访问').waitFor();
    await second.context().close();
  });

  it('shows the INVALID_CREDENTIALS message in Chinese for a wrong password', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'office', 'Wrong-password-1');
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor();
    expect(page.url()).toContain('/app/login');
    await page.context().close();
  });
});
