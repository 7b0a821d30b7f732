import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { DEMO_PASSWORD, launchBrowser, login, newPage, screenshot, seriousViolations, startServer, type RunningServer } from './helpers.js';

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await login(page, baseUrl, username);
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.locator('.app-layout').waitFor();
}

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** A signed-in API client for the set-up the browser part does not cover (the roll, the candidates). */
async function apiClient(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, origin: baseUrl };
  return {
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async upload(path: string, name: string, data: Buffer): Promise<void> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), name);
      const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form });
      if (!r.ok) throw new Error(`upload ${path}: ${r.status} ${await r.text()}`);
    },
  };
}

async function rollFile(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('选民名单');
  ws.addRow(['姓名', '性别', '身份证号', '登记类别', '村民小组']);
  const names = ['赵建国', '钱秀英', '孙志强', '李桂兰', '周国平', '吴玉梅'];
  for (let i = 0; i < n; i++) {
    const gender = i % 2 === 0 ? 'male' : 'female';
    ws.addRow([names[i % names.length]! + String(i), gender === 'male' ? '男' : '女', generateResidentId('999999', `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, 500 + i, gender), '户籍在本村并居住', `第${1 + (i % 4)}村民小组`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Fills one count form (the form of this card) and submits it. */
async function enterCount(card: Locator, figures: Record<string, number>, submit: string): Promise<void> {
  for (const [label, value] of Object.entries(figures)) await card.getByLabel(label, { exact: true }).fill(String(value));
  await card.getByRole('button', { name: submit }).click();
}

describe('village committee election: double-entry tally and 另行选举', () => {
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

  it('two clerks enter a box with one mismatch, the office resolves it, a run-off is needed and recorded', async () => {
    const errors: string[] = [];
    // ---- set-up through the API: a re-election in 东山村 with a roll and candidates ----
    const office = await apiClient(server.baseUrl, 'office');
    const me = await office.json<{ townships: { id: string }[] }>('GET', '/api/v1/auth/me');
    const townshipId = me.townships[0]!.id;
    const villages = await office.json<{ items: { id: string; name: string }[] }>('GET', `/api/v1/townships/${townshipId}/villages`);
    const dongshan = villages.items.find((v) => v.name === '东山村委会')!;
    const round = await office.json<{ id: string; villages: { electionId: string }[] }>('POST', `/api/v1/townships/${townshipId}/election-rounds`, {
      name: '2026年东山村村民委员会重新选举', year: 2026, plannedVoteDay: '2026-11-20', villageIds: [dongshan.id], seats: { chair: 1, viceChair: 0, member: 2 }, ballotBoxes: 1,
    });
    const electionId = round.villages[0]!.electionId;
    await office.upload(`/api/v1/village-elections/${electionId}/roll/import`, 'roll.xlsx', await rollFile(60));
    for (const [officeKind, name, gender] of [['chair', '王立民', 'male'], ['chair', '陈德华', 'male'], ['member', '刘春燕', 'female'], ['member', '张海涛', 'male'], ['member', '杨永福', 'male']] as const) {
      await office.json('POST', `/api/v1/village-elections/${electionId}/candidates`, { office: officeKind, name, gender });
    }
    const url = `${server.baseUrl}/app/elections/villages/${electionId}?tab=tally`;
    const figures = {
      发出选票: 45, 收回选票: 40, 有效票: 38, 无效票: 2,
      '王立民（主任）得票': 30, '陈德华（主任）得票': 8, '刘春燕（委员）得票': 30, '张海涛（委员）得票': 19, '杨永福（委员）得票': 15,
    };

    // ---- the village clerk enters ballot box 1 ----
    const clerk = await newPage(browser);
    clerk.on('pageerror', (err) => errors.push(`clerk: ${err.message}`));
    await signIn(clerk, server.baseUrl, 'village');
    await clerk.goto(url);
    const clerkBox = clerk.locator('.ant-card').filter({ hasText: '第1号票箱' }).first();
    await clerkBox.getByText('未录入').waitFor();
    await enterCount(clerkBox, figures, '提交录入');
    await clerkBox.getByText('已录入一次，待第二人录入').waitFor();

    // ---- the office enters it again, one field differs ----
    const staff = await newPage(browser);
    staff.on('pageerror', (err) => errors.push(`office: ${err.message}`));
    await signIn(staff, server.baseUrl, 'office');
    await staff.goto(url);
    const box = staff.locator('.ant-card').filter({ hasText: '第1号票箱' }).first();
    await box.getByText('第二次录入').waitFor();
    await enterCount(box, { ...figures, '杨永福（委员）得票': 16 }, '提交录入');
    await box.getByText('两次录入不一致').waitFor();
    const diff = box.locator('.ant-table').filter({ hasText: '两次录入的差异' });
    await diff.getByRole('cell', { name: '杨永福' }).waitFor();
    expect(await diff.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => diff.locator('tbody tr').first().innerText()).toMatch(/杨永福\s+15\s+16/);
    await settled(staff);
    await screenshot(staff, 'elections-tally-mismatch');
    expect(await seriousViolations(staff)).toEqual([]);

    // The result cannot be computed before the mismatch is settled.
    expect(await staff.getByRole('button', { name: '计算选举结果' }).isDisabled()).toBe(true);
    // ---- resolve: the form starts from the first entry; checked against the ballots, 15 is right ----
    await box.getByLabel('杨永福（委员）得票', { exact: true }).fill('15');
    await box.getByRole('button', { name: '核对后确认' }).click();
    await box.getByText('差异已核对处理').waitFor();
    await staff.getByRole('button', { name: '计算选举结果' }).click();

    // ---- a run-off is needed: 张海涛 has 19 of 40 ballots, not more than half ----
    await staff.getByRole('tab', { name: '选举结果' }).click();
    await staff.getByText('尚有1个名额未选出，需另行选举').waitFor();
    await staff.getByText('另行选举候选人：张海涛、杨永福').waitFor();
    await settled(staff);
    await screenshot(staff, 'elections-result-runoff-needed');
    expect(await seriousViolations(staff)).toEqual([]);

    // ---- the run-off, entered twice, agreed, counted ----
    const runoffFigures = { 发出选票: 40, 收回选票: 36, 有效票: 36, 无效票: 0, '张海涛（委员）得票': 20, '杨永福（委员）得票': 16 };
    await clerk.reload();
    await clerk.getByText('另行选举', { exact: true }).first().waitFor();
    const clerkRunoffBox = clerk.locator('.ant-card').filter({ hasText: '第1号票箱' }).first();
    await enterCount(clerkRunoffBox, runoffFigures, '提交录入');
    await clerkRunoffBox.getByText('已录入一次，待第二人录入').waitFor();
    await staff.goto(url);
    const runoffBox = staff.locator('.ant-card').filter({ hasText: '第1号票箱' }).first();
    await runoffBox.getByText('第二次录入').waitFor();
    await enterCount(runoffBox, runoffFigures, '提交录入');
    await runoffBox.getByText('两次录入一致', { exact: true }).waitFor();
    await staff.getByRole('button', { name: '计算另行选举结果' }).click();
    await staff.getByRole('tab', { name: '选举结果' }).click();
    await staff.getByText('组成符合第6条：三至七人，有妇女成员').waitFor();
    await staff.getByRole('button', { name: '下载选举结果公告' }).waitFor();
    expect(await staff.locator('.ant-tag').filter({ hasText: '已完成' }).count()).toBeGreaterThan(0);
    await settled(staff);
    await screenshot(staff, 'elections-result-done');
    expect(await seriousViolations(staff)).toEqual([]);

    // ---- the dashboard: the demo round's figure ----
    await staff.goto(`${server.baseUrl}/app/elections`);
    await staff.getByText('14个村（居）中13个按期完成选举').waitFor();
    await settled(staff);
    expect(await seriousViolations(staff)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('the village clerk keeps a step’s documents: sees the published list, uploads the committee’s minutes, downloads and removes one', async () => {
    const errors: string[] = [];
    const office = await apiClient(server.baseUrl, 'office');
    const me = await office.json<{ townships: { id: string }[] }>('GET', '/api/v1/auth/me');
    const rounds = await office.json<{ items: { id: string; name: string }[] }>('GET', `/api/v1/townships/${me.townships[0]!.id}/election-rounds`);
    const demoRound = await office.json<{ villages: { electionId: string; villageName: string }[] }>('GET', `/api/v1/election-rounds/${rounds.items.find((r) => r.name === '2026年村（居）民委员会换届选举')!.id}`);
    const electionId = demoRound.villages.find((v) => v.villageName === '东山村委会')!.electionId;

    const clerk = await newPage(browser);
    clerk.on('pageerror', (err) => errors.push(`clerk: ${err.message}`));
    await signIn(clerk, server.baseUrl, 'village');
    await clerk.goto(`${server.baseUrl}/app/elections/villages/${electionId}?tab=calendar`);
    // The demo keeps the published list as the document of its step.
    const listRow = clerk.locator('tr').filter({ hasText: '公布选民名单' }).first();
    await listRow.getByText('东山村村民委员会选民名单公告.docx').waitFor();
    const downloaded = clerk.waitForEvent('download');
    await listRow.getByRole('button', { name: '东山村村民委员会选民名单公告.docx', exact: true }).click();
    expect((await downloaded).suggestedFilename()).toBe('东山村村民委员会选民名单公告.docx');

    // Upload a photo of the minutes to the first step.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2213b3f0000000049454e44ae426082', 'hex');
    const committeeRow = clerk.locator('tr').filter({ hasText: '推选村民选举委员会' }).first();
    await committeeRow.locator('input[type=file]').setInputFiles({ name: '村民选举委员会推选会议记录.png', mimeType: 'image/png', buffer: png });
    await committeeRow.getByRole('button', { name: '村民选举委员会推选会议记录.png', exact: true }).waitFor();
    await settled(clerk);
    await screenshot(clerk, 'elections-step-documents');
    expect(await seriousViolations(clerk)).toEqual([]);

    // The office sees it too, and removes it.
    const staff = await newPage(browser);
    staff.on('pageerror', (err) => errors.push(`office: ${err.message}`));
    await signIn(staff, server.baseUrl, 'office');
    await staff.goto(`${server.baseUrl}/app/elections/villages/${electionId}?tab=calendar`);
    const row = staff.locator('tr').filter({ hasText: '推选村民选举委员会' }).first();
    await row.getByRole('button', { name: '删除材料：村民选举委员会推选会议记录.png' }).click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '删除材料' }).click();
    await staff.getByText('材料已删除').waitFor();
    await expect.poll(() => row.getByRole('button', { name: '村民选举委员会推选会议记录.png', exact: true }).count()).toBe(0);

    // The same page in English.
    await staff.evaluate(() => window.localStorage.setItem('renda.language', 'en-US'));
    await staff.reload();
    await staff.getByRole('columnheader', { name: 'Documents' }).waitFor();
    await settled(staff);
    await screenshot(staff, 'elections-calendar-en');
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.evaluate(() => window.localStorage.removeItem('renda.language'));
    expect(errors).toEqual([]);
  }, 120_000);
});
