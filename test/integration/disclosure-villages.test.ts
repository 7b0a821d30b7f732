import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { BALANCED_ROWS, countRows, financeWorkbook, type SheetRow } from '../helpers/disclosure-factories.js';
import { createTestContext, login, upload, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function world() {
  const db = ctx.database.db;
  const t = await buildTownship(db, { villages: 3 });
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).orderBy('name').execute();
  const [a, b] = villages;
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const clerk = await login(ctx.app, (await buildUser(db, t.id, 'village_clerk', { villageId: a!.id })).username, TEST_PASSWORD);
  const otherClerk = await login(ctx.app, (await buildUser(db, t.id, 'village_clerk', { villageId: b!.id })).username, TEST_PASSWORD);
  const handler = await login(ctx.app, (await buildUser(db, t.id, 'unit_handler')).username, TEST_PASSWORD);
  return { t, a: a!, b: b!, office, clerk, otherClerk, handler };
}

/** Row numbers in the sheet: the header is row 3, so BALANCED_ROWS[i] is row i + 4. */
const row = (i: number) => i + 4;

describe('village affairs and finance disclosure (村务公开, 财务公开)', () => {
  it('opens one disclosure per period of the township setting; a day that does not start a quarter is refused', async () => {
    const w = await world();
    const bad = await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-08-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('periodStart');
    const ok = await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-07-01' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ periodLabel: '2026年第三季度', periodLabelEn: '2026 Q3', periodEnd: '2026-09-30', status: 'draft', version: 1 });
    const dup = await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-07-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DISCLOSURE_PERIOD_EXISTS', params: { period: '2026年第三季度' } });
  });

  it('refuses an unbalanced sheet naming the row, in Chinese and English, and stores nothing; the fixed sheet imports and publishes', async () => {
    const w = await world();
    const d = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-07-01' })).json();

    // The stated income total (row 7) is 100 yuan more than the lines.
    const wrongIncome: SheetRow[] = BALANCED_ROWS.map((r, i) => (i === 3 ? ['收入合计', '', '', 4600.5] : r));
    const zh = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(wrongIncome));
    expect(zh.statusCode).toBe(422);
    expect(zh.json().error).toMatchObject({ code: 'FINANCE_INCOME_TOTAL_MISMATCH', params: { row: row(3), stated: '4600.50', sum: '4500.50' } });
    expect(zh.json().error.message).toContain(`第${row(3)}行`);
    expect(zh.json().error.fields).toEqual([{ path: `${row(3)}.金额`, message: expect.stringContaining('4600.50') }]);
    const en = await ctx.app.inject({
      method: 'POST', url: `/api/v1/village-disclosures/${d.id}/import`,
      ...(await (async () => {
        const { multipartFile } = await import('../helpers/test-app.js');
        const m = multipartFile('q3.xlsx', await financeWorkbook(wrongIncome));
        return { payload: m.payload, headers: { ...m.headers, cookie: w.clerk.cookie, 'x-csrf-token': w.clerk.csrfToken, 'accept-language': 'en-US' } };
      })()),
    });
    expect(en.json().error.message).toContain(`Row ${row(3)}`);

    // Opening + income − expense ≠ closing (row 10).
    const wrongClosing: SheetRow[] = BALANCED_ROWS.map((r, i) => (i === 6 ? ['期末余额', '', '', 12500.26] : r));
    const closing = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(wrongClosing));
    expect(closing.json().error).toMatchObject({ code: 'FINANCE_BALANCE_MISMATCH', params: { row: row(6), stated: '12500.26', expected: '12500.25' } });

    // A line that cannot be read is named by row and column.
    const badLine: SheetRow[] = [...BALANCED_ROWS.slice(0, 2), ['收益', '利息', '', 5], ...BALANCED_ROWS.slice(2)];
    const unreadable = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(badLine));
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json().error.code).toBe('IMPORT_INVALID');
    expect(unreadable.json().error.fields[0].path).toBe(`${row(2)}.类别`);

    expect(await countRows(ctx.database.db, 'village_finance_lines', w.t.id)).toBe(0);
    expect((await w.clerk.request('GET', `/api/v1/village-disclosures/${d.id}`)).json()).toMatchObject({ openingBalance: null, items: [], lines: [] });

    const ok = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ openingBalance: 1_000_000, totalIncome: 450_050, totalExpense: 200_025, closingBalance: 1_250_025, sourceFileName: 'q3.xlsx' });
    expect(ok.json().lines).toHaveLength(3);
    expect(ok.json().items).toEqual([expect.objectContaining({ title: '村级重大事项' })]);

    const published = await w.clerk.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    const locked = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS));
    expect(locked.json().error.code).toBe('DISCLOSURE_PUBLISHED');

    // A correction is a new version; publishing it supersedes the first.
    const v2 = await w.clerk.request('POST', `/api/v1/village-disclosures/${d.id}/revise`, {});
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', totalIncome: 450_050 });
    await w.clerk.request('POST', `/api/v1/village-disclosures/${v2.json().id}/publish`, {});
    const again = (await w.clerk.request('GET', `/api/v1/village-disclosures/${v2.json().id}`)).json();
    expect(again.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
  });

  it('the template downloads prefilled and imports back as it is', async () => {
    const w = await world();
    const d = (await w.office.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-04-01' })).json();
    await upload(ctx.app, w.office, `/api/v1/village-disclosures/${d.id}/import`, 'q2.xlsx', await financeWorkbook(BALANCED_ROWS));
    const tpl = await w.office.request('GET', `/api/v1/village-disclosures/${d.id}/template.xlsx`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('财务收支')).toBeDefined();
    const again = await upload(ctx.app, w.office, `/api/v1/village-disclosures/${d.id}/import`, 'tpl.xlsx', tpl.rawPayload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ openingBalance: 1_000_000, closingBalance: 1_250_025 });
  });

  it('entered in the app: the closing balance must equal opening + income − expense; publishing needs an affairs item', async () => {
    const w = await world();
    const d = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-01-01' })).json();
    const lines = [{ direction: 'income', category: '经营收入', amount: 50_000 }, { direction: 'expense', category: '公益支出', amount: 20_000 }];
    const wrong = await w.clerk.request('PUT', `/api/v1/village-disclosures/${d.id}/content`, { items: [], openingBalance: 100_000, closingBalance: 130_001, lines });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'FINANCE_CLOSING_MISMATCH', params: { stated: '1300.01', expected: '1300.00' } });
    const saved = await w.clerk.request('PUT', `/api/v1/village-disclosures/${d.id}/content`, { items: [], openingBalance: 100_000, closingBalance: 130_000, lines });
    expect(saved.statusCode).toBe(200);
    const refused = await w.clerk.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {});
    expect(refused.json().error).toMatchObject({ code: 'DISCLOSURE_INCOMPLETE', fields: [{ path: 'items', message: expect.any(String) }] });
  });

  it('carries the balance over: the opening balance must equal the previous published closing balance (0.01 off refused, equal accepted); the first period on record opens freely', async () => {
    const w = await world();
    const items = [{ title: '村级事务', content: '本季度村务事项公开。' }];
    const first = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-01-01' })).json();
    // The first period on record: any opening balance.
    const q1Lines = [{ direction: 'income', category: '经营收入', amount: 50_000 }, { direction: 'expense', category: '公益支出', amount: 20_000 }];
    expect((await w.clerk.request('PUT', `/api/v1/village-disclosures/${first.id}/content`, { items, openingBalance: 100_000, closingBalance: 130_000, lines: q1Lines })).statusCode).toBe(200);
    expect((await w.clerk.request('POST', `/api/v1/village-disclosures/${first.id}/publish`, {})).statusCode).toBe(200);

    const second = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-04-01' })).json();
    const q2Lines = [{ direction: 'income', category: '补助收入', amount: 869_999 }];
    for (const opening of [129_999, 130_001]) {
      const off = await w.clerk.request('PUT', `/api/v1/village-disclosures/${second.id}/content`, { items, openingBalance: opening, closingBalance: opening + 869_999, lines: q2Lines });
      expect(off.statusCode).toBe(422);
      expect(off.json().error).toMatchObject({
        code: 'FINANCE_OPENING_MISMATCH', params: { opening: (opening / 100).toFixed(2), previous: '1300.00', previousEnd: '2026-03-31' },
        fields: [{ path: 'openingBalance', message: expect.stringContaining('1300.00') }],
      });
      expect(off.json().error.message).toContain((opening / 100).toFixed(2));
      expect(off.json().error.message).toContain('1300.00');
    }
    const en = await w.clerk.request('PUT', `/api/v1/village-disclosures/${second.id}/content`, { items, openingBalance: 129_999, closingBalance: 999_998, lines: q2Lines }, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toMatch(/opening balance 1299\.99 yuan .*closing balance 1300\.00 yuan/);
    // Nothing was stored by the refused saves.
    expect((await w.clerk.request('GET', `/api/v1/village-disclosures/${second.id}`)).json()).toMatchObject({ openingBalance: null, lines: [] });
    const equal = await w.clerk.request('PUT', `/api/v1/village-disclosures/${second.id}/content`, { items, openingBalance: 130_000, closingBalance: 999_999, lines: q2Lines });
    expect(equal.statusCode, equal.body).toBe(200);
    expect((await w.clerk.request('POST', `/api/v1/village-disclosures/${second.id}/publish`, {})).statusCode).toBe(200);

    // The imported sheet opens at 10000.00, one fen more than Q2 closed: refused, then Q3 of another village (first on record) takes it.
    const third = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-07-01' })).json();
    const imported = await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${third.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS));
    expect(imported.statusCode).toBe(422);
    expect(imported.json().error).toMatchObject({ code: 'FINANCE_OPENING_MISMATCH', params: { opening: '10000.00', previous: '9999.99', previousEnd: '2026-06-30' } });
    expect((await w.clerk.request('GET', `/api/v1/village-disclosures/${third.id}`)).json()).toMatchObject({ openingBalance: null, lines: [] });
    const otherVillage = (await w.otherClerk.request('POST', `/api/v1/villages/${w.b.id}/disclosures`, { periodStart: '2026-07-01' })).json();
    expect((await upload(ctx.app, w.otherClerk, `/api/v1/village-disclosures/${otherVillage.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS))).statusCode).toBe(200);
  });

  it('checks the carry-over again when publishing: a draft saved before the previous period was published is refused if it no longer follows on', async () => {
    const w = await world();
    const items = [{ title: '村级事务', content: '本季度村务事项公开。' }];
    const q1 = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-01-01' })).json();
    const q2 = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-04-01' })).json();
    const lines = [{ direction: 'income', category: '经营收入', amount: 10_000 }];
    // Nothing published yet: Q2 is saved with any opening balance.
    expect((await w.clerk.request('PUT', `/api/v1/village-disclosures/${q2.id}/content`, { items, openingBalance: 50_000, closingBalance: 60_000, lines })).statusCode).toBe(200);
    expect((await w.clerk.request('PUT', `/api/v1/village-disclosures/${q1.id}/content`, { items, openingBalance: 40_000, closingBalance: 50_001, lines: [{ direction: 'income', category: '经营收入', amount: 10_001 }] })).statusCode).toBe(200);
    expect((await w.clerk.request('POST', `/api/v1/village-disclosures/${q1.id}/publish`, {})).statusCode).toBe(200);
    const refused = await w.clerk.request('POST', `/api/v1/village-disclosures/${q2.id}/publish`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'FINANCE_OPENING_MISMATCH', params: { opening: '500.00', previous: '500.01', previousEnd: '2026-03-31' } });
    expect((await w.clerk.request('GET', `/api/v1/village-disclosures/${q2.id}`)).json()).toMatchObject({ status: 'draft' });
    expect((await w.clerk.request('PUT', `/api/v1/village-disclosures/${q2.id}/content`, { items, openingBalance: 50_001, closingBalance: 60_001, lines })).statusCode).toBe(200);
    expect((await w.clerk.request('POST', `/api/v1/village-disclosures/${q2.id}/publish`, {})).statusCode).toBe(200);
  });

  it('flags a period overdue only when it ended more than the grace days ago with nothing published (10 days: Apr 10 on time, Apr 11 overdue)', async () => {
    const w = await world();
    const periods = async (asOf: string) => (await w.office.request('GET', `/api/v1/villages/${w.a.id}/disclosures?year=2026&asOf=${asOf}`)).json();
    const q1 = (p: { periods: { start: string; overdue: boolean; status: string; dueOn: string }[] }) => p.periods.find((x) => x.start === '2026-01-01')!;
    expect(q1(await periods('2026-04-10'))).toMatchObject({ status: 'missing', overdue: false, dueOn: '2026-04-10' });
    expect(q1(await periods('2026-04-11'))).toMatchObject({ status: 'missing', overdue: true });
    // The last day of the quarter is still the open period.
    expect(q1(await periods('2026-03-31'))).toMatchObject({ status: 'open', overdue: false });

    // The grace days are a township setting.
    expect((await w.office.request('PATCH', `/api/v1/townships/${w.t.id}`, { settings: { villageDisclosureGraceDays: 5 } })).statusCode).toBe(200);
    expect(q1(await periods('2026-04-05'))).toMatchObject({ overdue: false, dueOn: '2026-04-05' });
    expect(q1(await periods('2026-04-06'))).toMatchObject({ overdue: true });

    // A draft does not count; a published disclosure does, however late.
    const d = (await w.clerk.request('POST', `/api/v1/villages/${w.a.id}/disclosures`, { periodStart: '2026-01-01' })).json();
    expect(q1(await periods('2026-04-06'))).toMatchObject({ status: 'draft', overdue: true });
    await upload(ctx.app, w.clerk, `/api/v1/village-disclosures/${d.id}/import`, 'q1.xlsx', await financeWorkbook(BALANCED_ROWS));
    await w.clerk.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {});
    expect(q1(await periods('2026-04-06'))).toMatchObject({ status: 'published', overdue: false });

    const o = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=2026&asOf=2026-07-11`)).json();
    const mine = o.villages.find((v: { villageId: string }) => v.villageId === w.a.id);
    expect(mine.periods.map((p: { overdue: boolean }) => p.overdue)).toEqual([false, true, false]);
    expect(mine.overdue).toBe(1);

    // Monthly periods when the township discloses monthly.
    await w.office.request('PATCH', `/api/v1/townships/${w.t.id}`, { settings: { villageDisclosurePeriod: 'monthly' } });
    const monthly = await periods('2026-03-15');
    expect(monthly.periods.map((p: { label: string }) => p.label)).toEqual(['2026年1月', '2026年2月', '2026年3月']);
  });

  it('a village clerk works on their own village only: another village is 404 and nothing changes; a unit handler and another township too', async () => {
    const w = await world();
    const d = (await w.otherClerk.request('POST', `/api/v1/villages/${w.b.id}/disclosures`, { periodStart: '2026-07-01' })).json();
    const other = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, other.id, 'office')).username, TEST_PASSWORD);
    for (const s of [w.clerk, w.handler, outsider]) {
      for (const [method, url, body] of [
        ['GET', `/api/v1/villages/${w.b.id}/disclosures?year=2026`, undefined],
        ['POST', `/api/v1/villages/${w.b.id}/disclosures`, { periodStart: '2026-04-01' }],
        ['GET', `/api/v1/village-disclosures/${d.id}`, undefined],
        ['PUT', `/api/v1/village-disclosures/${d.id}/content`, { items: [{ title: 'x', content: 'y' }], openingBalance: 0, closingBalance: 0, lines: [] }],
        ['POST', `/api/v1/village-disclosures/${d.id}/publish`, {}],
        ['POST', `/api/v1/village-disclosures/${d.id}/revise`, {}],
        ['GET', `/api/v1/village-disclosures/${d.id}/template.xlsx`, undefined],
      ] as const) {
        expect((await s.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
      }
      const imp = await upload(ctx.app, s, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS));
      expect(imp.statusCode).toBe(404);
    }
    expect(await countRows(ctx.database.db, 'village_disclosures', w.t.id)).toBe(1);
    expect(await countRows(ctx.database.db, 'village_finance_lines', w.t.id)).toBe(0);
    expect((await w.office.request('GET', `/api/v1/village-disclosures/${d.id}`)).json()).toMatchObject({ status: 'draft', items: [] });

    // The clerk's overview holds their village only.
    const o = (await w.clerk.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=2026`)).json();
    expect(o.villages.map((v: { villageId: string }) => v.villageId)).toEqual([w.a.id]);
    expect(o.enforcementUnits).toEqual([]);
  });
});

describe('a corrected period whose closing balance changed: the later published periods to correct', () => {
  const items = [{ title: '村级事务', content: '本季度村务事项公开。' }];
  type Period = { start: string; status: string; disclosureId: string | null; carryOver: null | { expected: number; previousLabel: string; previousLabelEn: string; previousDisclosureId: string } };
  type Lines = { direction: 'income' | 'expense'; category: string; amount: number }[];

  /** Opens a period, saves it balanced and publishes it; returns the publish response. */
  async function publishPeriod(s: Awaited<ReturnType<typeof world>>['clerk'], villageId: string, periodStart: string, opening: number, lines: Lines) {
    const d = (await s.request('POST', `/api/v1/villages/${villageId}/disclosures`, { periodStart })).json();
    const closing = opening + lines.reduce((sum, l) => sum + (l.direction === 'income' ? l.amount : -l.amount), 0);
    const saved = await s.request('PUT', `/api/v1/village-disclosures/${d.id}/content`, { items, openingBalance: opening, closingBalance: closing, lines });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await s.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    return published.json();
  }

  /** Revises a published disclosure with new content and publishes the correction; returns the publish response. */
  async function correct(s: Awaited<ReturnType<typeof world>>['clerk'], id: string, opening: number, lines: Lines, itemTitle = '村级事务') {
    const draft = await s.request('POST', `/api/v1/village-disclosures/${id}/revise`, {});
    expect(draft.statusCode, draft.body).toBe(201);
    const closing = opening + lines.reduce((sum, l) => sum + (l.direction === 'income' ? l.amount : -l.amount), 0);
    const saved = await s.request('PUT', `/api/v1/village-disclosures/${draft.json().id}/content`, { items: [{ ...items[0]!, title: itemTitle }], openingBalance: opening, closingBalance: closing, lines });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await s.request('POST', `/api/v1/village-disclosures/${draft.json().id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    return published.json();
  }

  const periodsOf = async (s: Awaited<ReturnType<typeof world>>['office'], villageId: string, year: number): Promise<Period[]> =>
    (await s.request('GET', `/api/v1/villages/${villageId}/disclosures?year=${year}`)).json().periods;
  const overviewOf = async (s: Awaited<ReturnType<typeof world>>['office'], townshipId: string, villageId: string, year: number): Promise<{ carryOverBroken: number; periods: Period[] }> =>
    (await s.request('GET', `/api/v1/townships/${townshipId}/disclosure/overview?year=${year}`)).json().villages.find((v: { villageId: string }) => v.villageId === villageId);

  it('Q1 corrected after Q2 was published: publishing succeeds naming Q2 (response and audit), Q2 is flagged with the opening it should have until it is corrected in turn', async () => {
    const w = await world();
    const q1Lines: Lines = [{ direction: 'income', category: '经营收入', amount: 50_000 }, { direction: 'expense', category: '公益支出', amount: 20_000 }];
    const q1 = await publishPeriod(w.clerk, w.a.id, '2026-01-01', 100_000, q1Lines);
    // The first period on record: nothing to carry over, nothing later.
    expect(q1.laterPeriodsToCorrect).toEqual([]);
    const q2 = await publishPeriod(w.clerk, w.a.id, '2026-04-01', 130_000, [{ direction: 'income', category: '补助收入', amount: 10_000 }]);
    expect(q2).toMatchObject({ openingBalance: 130_000, closingBalance: 140_000, laterPeriodsToCorrect: [] });

    // Equal balances: no flag anywhere.
    const before = await periodsOf(w.office, w.a.id, 2026);
    expect(before.slice(0, 2).map((p) => [p.status, p.carryOver])).toEqual([['published', null], ['published', null]]);
    expect(await overviewOf(w.office, w.t.id, w.a.id, 2026)).toMatchObject({ carryOverBroken: 0 });

    // A correction that leaves the closing balance alone names nothing.
    const same = await correct(w.clerk, q1.id, 100_000, q1Lines, '村级事务（更正）');
    expect(same).toMatchObject({ version: 2, closingBalance: 130_000, laterPeriodsToCorrect: [] });
    expect((await periodsOf(w.office, w.a.id, 2026))[1]!.carryOver).toBeNull();

    // The expense line was 200.00 yuan, not 250.00: Q1 now closes at 1250.00.
    const fixed = await correct(w.clerk, same.id, 100_000, [q1Lines[0]!, { ...q1Lines[1]!, amount: 25_000 }]);
    expect(fixed).toMatchObject({ version: 3, status: 'published', closingBalance: 125_000 });
    expect(fixed.laterPeriodsToCorrect).toEqual([{ disclosureId: q2.id, label: '2026年第二季度', labelEn: '2026 Q2', openingBalance: 130_000 }]);
    const audit = await ctx.database.db.selectFrom('audit_log').select('after_json').where('entity_id', '=', fixed.id).where('action', '=', 'village_disclosure.publish').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ closingBalance: 125_000, laterPeriodsToCorrect: [{ disclosureId: q2.id, label: '2026年第二季度' }] });

    const flag = { expected: 125_000, previousLabel: '2026年第一季度', previousLabelEn: '2026 Q1', previousDisclosureId: fixed.id };
    const periods = await periodsOf(w.office, w.a.id, 2026);
    expect(periods[0]!.carryOver).toBeNull();
    expect(periods[1]).toMatchObject({ status: 'published', disclosureId: q2.id, carryOver: flag });
    const overview = await overviewOf(w.office, w.t.id, w.a.id, 2026);
    expect(overview.carryOverBroken).toBe(1);
    expect(overview.periods[1]!.carryOver).toEqual(flag);
    // The clerk sees the same on their own village.
    expect((await periodsOf(w.clerk, w.a.id, 2026))[1]!.carryOver).toEqual(flag);
    // Other villages are untouched.
    expect((await overviewOf(w.office, w.t.id, w.b.id, 2026)).carryOverBroken).toBe(0);

    // Q2 corrected with the new opening: published, nothing later to name, the flag gone.
    const q2Fixed = await correct(w.clerk, q2.id, 125_000, [{ direction: 'income', category: '补助收入', amount: 10_000 }]);
    expect(q2Fixed).toMatchObject({ version: 2, openingBalance: 125_000, closingBalance: 135_000, laterPeriodsToCorrect: [] });
    expect((await periodsOf(w.office, w.a.id, 2026)).slice(0, 2).map((p) => p.carryOver)).toEqual([null, null]);
    expect(await overviewOf(w.office, w.t.id, w.a.id, 2026)).toMatchObject({ carryOverBroken: 0 });
  });

  it('the previous period may lie in the year before: a corrected 2025 Q4 flags 2026 Q1 in the 2026 lists; a period published first, before its predecessor, is named when that one is published', async () => {
    const w = await world();
    const q4 = await publishPeriod(w.clerk, w.a.id, '2025-10-01', 80_000, [{ direction: 'income', category: '经营收入', amount: 20_000 }]);
    const q1 = await publishPeriod(w.clerk, w.a.id, '2026-01-01', 100_000, [{ direction: 'expense', category: '公益支出', amount: 5_000 }]);
    expect((await periodsOf(w.office, w.a.id, 2026))[0]!.carryOver).toBeNull();

    const fixed = await correct(w.clerk, q4.id, 80_000, [{ direction: 'income', category: '经营收入', amount: 20_100 }]);
    expect(fixed.laterPeriodsToCorrect).toEqual([{ disclosureId: q1.id, label: '2026年第一季度', labelEn: '2026 Q1', openingBalance: 100_000 }]);
    const flag = { expected: 100_100, previousLabel: '2025年第四季度', previousLabelEn: '2025 Q4', previousDisclosureId: fixed.id };
    expect((await periodsOf(w.office, w.a.id, 2026))[0]!.carryOver).toEqual(flag);
    const overview = await overviewOf(w.office, w.t.id, w.a.id, 2026);
    expect(overview).toMatchObject({ carryOverBroken: 1 });
    expect(overview.periods[0]!.carryOver).toEqual(flag);
    // 2025 Q4 itself has no previous period: no flag.
    expect((await periodsOf(w.office, w.a.id, 2025)).find((p) => p.start === '2025-10-01')!.carryOver).toBeNull();

    // Village b publishes Q3 before Q2 (nothing published before it, so any opening), then Q2 with another closing balance.
    const q3 = await publishPeriod(w.otherClerk, w.b.id, '2026-07-01', 60_000, [{ direction: 'income', category: '经营收入', amount: 1_000 }]);
    expect((await periodsOf(w.office, w.b.id, 2026)).find((p) => p.start === '2026-07-01')!.carryOver).toBeNull();
    const q2 = await publishPeriod(w.otherClerk, w.b.id, '2026-04-01', 50_000, [{ direction: 'income', category: '经营收入', amount: 1_000 }]);
    expect(q2.laterPeriodsToCorrect).toEqual([{ disclosureId: q3.id, label: '2026年第三季度', labelEn: '2026 Q3', openingBalance: 60_000 }]);
    expect((await periodsOf(w.office, w.b.id, 2026)).find((p) => p.start === '2026-07-01')!.carryOver).toMatchObject({ expected: 51_000, previousLabel: '2026年第二季度' });
    // Each village's overview row counts its own.
    expect((await overviewOf(w.office, w.t.id, w.b.id, 2026)).carryOverBroken).toBe(1);
    expect((await overviewOf(w.office, w.t.id, w.a.id, 2026)).carryOverBroken).toBe(1);
  });
});
