import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehandleDueDate, replyDueDate } from '../../src/domain/deadlines.js';
import { todayInShanghai } from '../../src/domain/due-dates.js';
import { launchBrowser, login, newPage, pickOption, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

/** Violations a user would actually be blocked by: impact serious or critical. */

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

/** Signs in and waits until the app has left the login page. */
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

/** Chooses a radio (plain or button style) by its label and checks that it took. */
async function choose(d: Locator, label: string): Promise<void> {
  const radio = d.getByRole('radio', { name: label, exact: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    await d.locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
    if (await radio.isChecked()) return;
  }
  throw new Error(`could not choose ${label}`);
}

/** Picks an option of a Select inside a form and checks that it took (antd lists may move while opening). */
async function pick(page: Page, scope: Locator, label: string, option: string, options: { search?: boolean } = {}): Promise<void> {
  const item = scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await pickOption(page, item.getByLabel(label, { exact: true }), option, options);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
    if ((await item.innerText()).includes(option)) return;
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

/** Clicks the modal's OK button and waits for it to close (the action succeeded). */
async function confirm(page: Page, d: Locator, button: string): Promise<void> {
  await d.getByRole('button', { name: button, exact: true }).click();
  try {
    await d.waitFor({ state: 'hidden', timeout: 15_000 });
  } catch (err) {
    await screenshot(page, 'suggestions-failed-dialog');
    throw new Error(`the dialog stayed open: ${await d.innerText()}`, { cause: err });
  }
}

/** Waits for loading overlays, open dropdowns and their animations to finish before a screenshot. */
async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

async function stateIs(page: Page, state: string): Promise<void> {
  await page.locator('.sg-detail-tags').getByText(state, { exact: true }).waitFor();
}

/** The unit records a contact with the deputy: required before each reply (代表法 第51条). */
async function recordContact(page: Page, note: string): Promise<void> {
  await page.getByRole('button', { name: '记录联系' }).click();
  const d = await dialog(page, '记录与代表的联系');
  await pick(page, d, '联系方式', '电话沟通');
  await d.getByLabel('沟通情况').fill(note);
  await confirm(page, d, '保存');
}

async function replyWithGrade(page: Page, grade: string, content: string): Promise<void> {
  await page.getByRole('button', { name: '答复', exact: true }).click();
  const d = await dialog(page, '答复代表');
  await choose(d, grade);
  await d.getByLabel('答复内容').fill(content);
  await confirm(page, d, '答复');
  await stateIs(page, '已答复待反馈');
}

async function giveFeedback(page: Page, rating: string, comment?: string): Promise<void> {
  await page.getByRole('button', { name: '反馈意见' }).click();
  const d = await dialog(page, '对答复的意见');
  await choose(d, rating);
  if (comment) await d.getByLabel('意见和建议').fill(comment);
  await confirm(page, d, '确定');
}

describe('deputies’ suggestions', () => {
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

  it('goes from a deputy’s phone through 立案, 交办, contact, reply, 不满意, re-handling, 满意 and 落实', async () => {
    const errors: string[] = [];
    const today = todayInShanghai();
    const title = '关于增设东山村主干道路灯的建议';

    // ---- the deputy submits from a phone ----
    const phoneContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' });
    const deputy = await phoneContext.newPage();
    deputy.on('pageerror', (err) => errors.push(`deputy: ${err.message}`));
    await signIn(deputy, server.baseUrl, 'deputy');
    await deputy.goto(`${server.baseUrl}/app/suggestions`);
    await deputy.getByRole('heading', { name: '我的建议' }).waitFor();
    await deputy.locator('.sg-card-item').first().waitFor();
    await settled(deputy);
    await screenshot(deputy, 'suggestions-phone-list');
    await deputy.getByRole('button', { name: '提出建议' }).click();
    await deputy.getByRole('heading', { name: '提出建议' }).waitFor();
    await deputy.getByLabel('标题').fill(title);
    await deputy.getByLabel('内容').fill('东山村主干道夜间没有照明，群众夜间出行存在安全隐患，建议增设太阳能路灯。');
    // Submitted with the deputy's consent to show it on the portal (the default, said in the form).
    expect(await deputy.getByRole('checkbox', { name: '同意公开' }).isChecked()).toBe(true);
    await settled(deputy);
    expect(await seriousViolations(deputy)).toEqual([]);
    await screenshot(deputy, 'suggestions-phone-form');
    await deputy.getByRole('button', { name: '提交', exact: true }).click();
    const refNo = deputy.getByTestId('ref-no');
    await refNo.waitFor();
    expect(await text(refNo)).toMatch(/^编号 \d{4}-\d{3}$/);
    const ref = (await text(refNo)).replace('编号 ', '');
    await stateIs(deputy, '待立案');
    const detailUrl = deputy.url();
    const suggestionId = detailUrl.split('/').pop()!;
    await settled(deputy);
    await screenshot(deputy, 'suggestions-phone-detail');

    // ---- the office registers it, seeing similar earlier ones, and assigns it ----
    const office = await newPage(browser);
    office.on('pageerror', (err) => errors.push(`office: ${err.message}`));
    await signIn(office, server.baseUrl, 'office');
    await office.getByRole('menuitem', { name: '建议列表' }).click();
    await office.getByRole('heading', { name: '代表建议' }).waitFor();
    const row = office.getByRole('row').filter({ hasText: ref });
    await row.waitFor();
    expect(await text(row)).toContain('待立案');
    expect(await text(row)).toContain('陈春梅');
    // The demo has overdue items: the list says how many and marks them in red.
    await office.getByRole('button', { name: /其中逾期未答复 \d+ 件/ }).waitFor();
    await settled(office);
    expect(await seriousViolations(office)).toEqual([]);
    await screenshot(office, 'suggestions-list');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '导出Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}年代表建议办理情况\.xlsx$/);

    await row.getByRole('link', { name: title }).click();
    await stateIs(office, '待立案');
    await office.getByRole('button', { name: '立案', exact: true }).click();
    const register = await dialog(office, `立案：${title}`);
    const similar = register.getByTestId('similar-list');
    await similar.locator('.sg-similar-item').first().waitFor();
    expect(await text(similar)).toContain('路灯');
    expect(await text(similar)).toContain('相似度');
    await pick(office, register, '分类', '城乡建设');
    await settled(office);
    await screenshot(office, 'suggestions-register');
    await confirm(office, register, '立案');
    await stateIs(office, '已立案待交办');

    await office.getByRole('button', { name: '交办', exact: true }).click();
    const assign = await dialog(office, `交办：${title}`);
    await pick(office, assign, '主办单位', '村镇建设办公室', { search: true });
    const due = replyDueDate(today);
    expect(await text(assign)).toContain(`答复期限将为 ${due}（3个月）`);
    await confirm(office, assign, '交办');
    await stateIs(office, '办理中');
    expect(await text(office.getByTestId('reply-due'))).toBe(due);
    expect(await text(office.getByTestId('deadline-block'))).toContain(today);
    await settled(office);
    expect(await seriousViolations(office)).toEqual([]);
    await settled(office);
    await screenshot(office, 'suggestions-detail-office');

    // ---- the unit sees it among its assignments; the reply waits for a contact ----
    const unit = await newPage(browser);
    unit.on('pageerror', (err) => errors.push(`unit: ${err.message}`));
    await signIn(unit, server.baseUrl, 'unit');
    // The bell says there is something new; the notice leads to the suggestion.
    const bell = unit.locator('[data-testid="notification-bell"][aria-label$="条未读"]');
    await bell.waitFor();
    expect(await bell.getAttribute('aria-label')).toMatch(/^消息通知，\d+ 条未读$/);
    await bell.click();
    const popover = unit.getByTestId('notification-popover');
    const notice = popover.locator('.nt-item').filter({ hasText: title });
    await notice.waitFor();
    expect(await text(notice)).toContain('新交办');
    await settled(unit);
    await screenshot(unit, 'suggestions-unit-notifications');
    await notice.click();
    await stateIs(unit, '办理中');
    await unit.getByRole('menuitem', { name: '本单位承办' }).click();
    await unit.getByRole('heading', { name: '本单位承办' }).waitFor();
    await unit.getByRole('row').filter({ hasText: ref }).getByRole('link', { name: title }).click();
    await stateIs(unit, '办理中');
    expect(await unit.getByRole('button', { name: '答复', exact: true }).isDisabled()).toBe(true);
    expect(await text(unit.getByTestId('reply-blocked'))).toContain('答复前须先与代表联系');
    await settled(unit);
    await screenshot(unit, 'suggestions-unit-blocked');
    await recordContact(unit, '电话联系陈春梅代表，了解路灯安装位置的需求。');
    await unit.getByTestId('handling-card').getByText('电话联系陈春梅代表，了解路灯安装位置的需求。').waitFor();
    await replyWithGrade(unit, 'B 正在解决或列入计划解决', '已将东山村主干道路灯列入明年村庄亮化计划。');

    // ---- the deputy is not satisfied: back to the unit with a new due date ----
    await deputy.reload();
    await stateIs(deputy, '已答复待反馈');
    await giveFeedback(deputy, '不满意', '希望明确安装时间。');
    await stateIs(deputy, '重新办理中');
    const newDue = rehandleDueDate(today, 1);
    expect(await text(deputy.getByTestId('reply-due'))).toBe(newDue);
    expect(await text(deputy.getByTestId('rehandling-note'))).toContain('重新办理');
    await settled(deputy);
    await screenshot(deputy, 'suggestions-phone-rehandling');

    // ---- the unit contacts the deputy again and replies a second time ----
    await unit.reload();
    await stateIs(unit, '重新办理中');
    expect(await unit.getByRole('button', { name: '答复', exact: true }).isDisabled()).toBe(true);
    await recordContact(unit, '再次上门沟通，明确安装时间为明年三月。');
    await replyWithGrade(unit, 'B 正在解决或列入计划解决', '路灯将于明年三月底前安装完成，由村镇建设办公室负责。');
    expect(await text(unit.getByTestId('reply-2'))).toContain('第2次答复');

    // ---- satisfied: closed ----
    await deputy.reload();
    await giveFeedback(deputy, '满意');
    await stateIs(deputy, '已办结');
    await settled(deputy);
    await screenshot(deputy, 'suggestions-phone-closed');

    // ---- closing is not implementing: the office records the promise kept ----
    await office.reload();
    await stateIs(office, '已办结');
    expect(await text(office.getByTestId('implementation-card'))).toContain('待落实');
    await office.getByRole('button', { name: '落实进展' }).click();
    const progress = await dialog(office, '登记落实进展');
    await choose(progress, '已落实');
    await progress.getByLabel('进展情况').fill('路灯已安装并通电，代表现场查看确认。');
    await confirm(office, progress, '保存');
    await office.getByTestId('implementation-card').getByText(`已于 ${today} 落实`).waitFor();
    expect(await text(office.getByTestId('history'))).toContain('落实进展');
    await settled(office);
    await screenshot(office, 'suggestions-detail-implemented');

    // ---- statistics ----
    await office.goto(`${server.baseUrl}/app/suggestions/stats`);
    await office.getByRole('heading', { name: '办理统计' }).waitFor();
    await office.getByRole('row').filter({ hasText: '村镇建设办公室' }).waitFor();
    await office.getByRole('row').filter({ hasText: '合计' }).waitFor();
    await office.getByTestId('stats-by-kind').getByRole('row', { name: /^建议 \d+/ }).waitFor();
    await office.getByTestId('stats-by-state').getByRole('row', { name: /^已办结 \d+/ }).waitFor();
    const [report] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '下载办理情况报告' }).click()]);
    expect(report.suggestedFilename()).toMatch(/^关于\d{4}年代表建议、批评和意见办理情况的报告\.docx$/);
    await settled(office);
    await screenshot(office, 'suggestions-stats');

    // ---- the portal shows it: consented, closed, with the unit's reply (代表法 第52条) ----
    const visitor = await newPage(browser);
    visitor.on('pageerror', (err) => errors.push(`portal: ${err.message}`));
    const portal = await visitor.goto(`${server.baseUrl}/t/999999101/suggestions/${ref}`);
    expect(portal?.status()).toBe(200);
    await visitor.getByRole('heading', { name: title }).waitFor();
    const page = await text(visitor.locator('main'));
    expect(page).toContain('已办结');
    expect(page).toContain('路灯将于明年三月底前安装完成，由村镇建设办公室负责。');
    expect(page).not.toContain('陈春梅');
    await screenshot(visitor, 'suggestions-portal-closed');

    expect(suggestionId).toMatch(/.+/);
    expect(errors).toEqual([]);
    await phoneContext.close();
  });

  it('shows a unit handler nothing of a suggestion assigned to another unit', async () => {
    const office = await newPage(browser);
    await signIn(office, server.baseUrl, 'office');
    const townships = await (await office.request.get(`${server.baseUrl}/api/v1/townships`)).json() as { items: { id: string }[] };
    const townshipId = townships.items[0]!.id;
    const list = await (await office.request.get(`${server.baseUrl}/api/v1/townships/${townshipId}/suggestions?state=assigned&limit=100`)).json() as { items: { id: string; title: string }[] };
    let other: { id: string; title: string } | undefined;
    for (const s of list.items) {
      const detail = await (await office.request.get(`${server.baseUrl}/api/v1/suggestions/${s.id}`)).json() as { units: { name: string }[] };
      if (!detail.units.some((u) => u.name === '村镇建设办公室')) { other = s; break; }
    }
    expect(other).toBeDefined();

    const unit = await newPage(browser);
    await signIn(unit, server.baseUrl, 'unit');
    await unit.goto(`${server.baseUrl}/app/suggestions/${other!.id}`);
    await unit.getByText('未找到该建议').waitFor();
    expect(await unit.getByText(other!.title).count()).toBe(0);
    await screenshot(unit, 'suggestions-unit-not-found');
  });
});
