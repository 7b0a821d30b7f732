import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.js';
import { disclosureFactsProvider } from '../../src/server/modules/disclosure/disclosure.facts.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo disclosure', () => {
  it('has boards but one, every village quarterly with one overdue, balanced sheets, two model villages, no complaints in 2026', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const t = await db.selectFrom('townships').select(['id', 'code']).where('code', '=', '999999101').executeTakeFirstOrThrow();
    const office = await login(ctx.app, 'office', DEMO_PASSWORD);
    const o = (await office.request('GET', `/api/v1/townships/${t.id}/disclosure/overview?year=2026&asOf=2026-11-29`)).json();
    expect(o.lackingBoard.map((u: { unitName: string }) => u.unitName)).toEqual(['水利站']);
    const overdue = o.villages.filter((v: { overdue: number }) => v.overdue > 0).map((v: { villageName: string }) => v.villageName);
    expect(overdue).toEqual(['北坡村委会']);
    const o2025 = (await office.request('GET', `/api/v1/townships/${t.id}/disclosure/overview?year=2025&asOf=2026-11-29`)).json();
    expect(o2025.villages.every((v: { periods: { status: string }[] }) => v.periods.length === 4 && v.periods.every((p) => p.status === 'published'))).toBe(true);

    const sheets = await db.selectFrom('village_disclosures').select(['id', 'opening_balance', 'closing_balance', 'total_income', 'total_expense']).where('township_id', '=', t.id).execute();
    for (const s of sheets) expect(s.opening_balance! + s.total_income - s.total_expense).toBe(s.closing_balance);
    // Each published period opens with the closing balance of the village's previous published period.
    const published = await db.selectFrom('village_disclosures').select(['village_id', 'period_start', 'opening_balance', 'closing_balance'])
      .where('township_id', '=', t.id).where('status', '=', 'published').orderBy('village_id').orderBy('period_start').execute();
    const breaks = published.filter((s, i) => i > 0 && published[i - 1]!.village_id === s.village_id && published[i - 1]!.closing_balance !== s.opening_balance);
    expect(published.length).toBeGreaterThan(14 * 4);
    expect(breaks).toEqual([]);

    const facts2026 = Object.fromEntries((await disclosureFactsProvider.collect(db, t.id, 2026)).map((f) => [f.key, f.value]));
    expect(facts2026['disclosure.complaints']).toBe(0);
    expect(facts2026['disclosure.enforcementUnits']).toBe(6);
    expect(facts2026['disclosure.enforcementUnitsWithBoard']).toBe(5);
    expect(facts2026['disclosure.schoolsDisclosing']).toBe(3);
    expect(facts2026['disclosure.villagesBothDisclosures']).toBe(13);
    expect(facts2026['disclosure.modelVillages']).toEqual([
      { programme: '民主法治示范村', village: '东山村委会', year: 2026, status: '验收通过' },
      { programme: '生态文明村', village: '西河村委会', year: 2026, status: '创建中' },
    ]);
    const facts2025 = Object.fromEntries((await disclosureFactsProvider.collect(db, t.id, 2025)).map((f) => [f.key, f.value]));
    expect(facts2025['disclosure.complaints']).toBe(2);
    expect(facts2025['disclosure.villagesBothDisclosures']).toBe(14);
    expect(facts2025['disclosure.modelVillages']).toEqual([{ programme: '民主法治示范村', village: '南湾村委会', year: 2025, status: '验收通过' }]);

    const portal = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/` });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('水利站');
  });
});
