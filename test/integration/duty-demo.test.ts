import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, DEMO_PASSWORD } from '../../src/server/demo/demo.js';
import { loadDemoDuty } from '../../src/server/demo/demo-duty.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('demo duty work', () => {
  it('loads 联系选民月 visits in every constituency, inspections, study, a published 述职评议; once', async () => {
    const db = ctx.database.db;
    await loadDemo(db);
    const t = await db.selectFrom('townships').select(['id', 'code']).where('code', '=', '999999101').executeTakeFirstOrThrow();
    if (!(await db.selectFrom('duty_activities').select('id').where('township_id', '=', t.id).executeTakeFirst())) {
      expect(await loadDemoDuty(db, t.id)).toBe(true);
    }
    expect(await loadDemoDuty(db, t.id)).toBe(false);
    const office = await login(ctx.app, 'office', DEMO_PASSWORD);
    const visits = (await office.request('GET', `/api/v1/townships/${t.id}/duty-activities?year=2025&kind=voter_contact`)).json();
    const constituencies = (await office.request('GET', `/api/v1/townships/${t.id}/constituencies`)).json().items;
    expect(visits.total).toBe(constituencies.length);
    expect(visits.items.every((a: { countyNotice: string; opinionCount: number }) => a.countyNotice === '联系选民月' && a.opinionCount >= 3)).toBe(true);
    const inspections = [2025, 2026].map(async (y) => (await office.request('GET', `/api/v1/townships/${t.id}/duty-activities?year=${y}&kind=inspection`)).json().total as number);
    const total = (await Promise.all(inspections)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(total).toBeLessThanOrEqual(8);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/duty-activities?kind=study`)).json().total).toBeGreaterThanOrEqual(2);
    const proposals = (await office.request('GET', `/api/v1/townships/${t.id}/opinion-proposals?year=2026`)).json();
    expect(proposals.groups.length).toBeGreaterThan(0);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/opinion-consolidations?year=2025`)).json().items).toHaveLength(1);
    const evals = (await office.request('GET', `/api/v1/townships/${t.id}/duty-evaluations?year=2025`)).json().items;
    expect(evals).toHaveLength(1);
    expect(evals[0]).toMatchObject({ isPublished: true });
    expect(evals[0].deputies).toHaveLength(2);
    expect(evals[0].chairName.length).toBeGreaterThan(0);
    const portal = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${t.code}/duty-evaluations` })).json();
    expect(portal.items).toHaveLength(1);
  });
});
