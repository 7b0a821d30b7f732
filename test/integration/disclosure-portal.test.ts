import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { BALANCED_ROWS, financeWorkbook, FULL_BOARD_FIELDS } from '../helpers/disclosure-factories.js';
import { createTestContext, login, upload, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('portal: 政务村务公开 (/t/<code>/gk/)', () => {
  it('shows published boards with their history, government affairs and village disclosures; drafts never; hostile text inert', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db, { villages: 2 });
    const unit = await buildUnit(db, t.id, { name: '综合行政执法队', type: 'gov_department', hasEnforcementPower: true });
    await db.updateTable('units').set({ contact_person: '张联系', contact_phone: '13800138000' }).where('id', '=', unit.id).execute();
    const station = await buildUnit(db, t.id, { name: '财政所', type: 'station' });
    const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);

    const v1 = (await office.request('POST', `/api/v1/units/${unit.id}/enforcement-boards`, { fields: { ...FULL_BOARD_FIELDS, scope: `第一版范围${HOSTILE}` } })).json();
    await office.request('POST', `/api/v1/enforcement-boards/${v1.id}/publish`, { publishedOn: '2026-01-05' });
    const v2 = (await office.request('POST', `/api/v1/units/${unit.id}/enforcement-boards`, { fields: { scope: '第二版范围' } })).json();
    await office.request('POST', `/api/v1/enforcement-boards/${v2.id}/publish`, { publishedOn: '2026-06-01' });
    await office.request('POST', `/api/v1/units/${unit.id}/enforcement-boards`, { fields: { scope: '草稿内容不公开' } });
    const gov = (await office.request('POST', `/api/v1/units/${station.id}/disclosures`, { procedures: '窗口办理', feeStandards: '免费' })).json();
    await office.request('POST', `/api/v1/unit-disclosures/${gov.id}/publish`, {});

    const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).orderBy('name').execute();
    const d = (await office.request('POST', `/api/v1/villages/${villages[0]!.id}/disclosures`, { periodStart: '2026-07-01' })).json();
    await upload(ctx.app, office, `/api/v1/village-disclosures/${d.id}/import`, 'q3.xlsx', await financeWorkbook(BALANCED_ROWS, [[`道路硬化${HOSTILE}`, '已完工']]));
    await office.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {});

    const index = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/` });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`/t/${t.code}/gk/units/${unit.id}`);
    expect(index.body).toContain('第2版');
    expect(index.body).toContain('2026年第三季度');

    const unitPage = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/units/${unit.id}` });
    expect(unitPage.statusCode).toBe(200);
    expect(unitPage.body).toContain('第二版范围');
    expect(unitPage.body).toContain('执法责任制公示历史版本');
    expect(unitPage.body).toContain('第一版范围&lt;script&gt;');
    expect(unitPage.body).not.toContain('<script>alert');
    expect(unitPage.body).not.toContain('草稿内容不公开');
    expect(unitPage.body).not.toContain('13800138000');
    expect(unitPage.body).not.toContain('张联系');
    const stationPage = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/units/${station.id}` });
    expect(stationPage.body).toContain('窗口办理');

    const villagePage = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/villages/${villages[0]!.id}` });
    expect(villagePage.statusCode).toBe(200);
    expect(villagePage.body).toContain('12,500.25');
    expect(villagePage.body).toContain('鱼塘承包费');
    expect(villagePage.body).toContain('道路硬化&lt;script&gt;');
    expect(villagePage.body).not.toContain('<img src=x');

    // Another township's records are not reachable under this township's code.
    const other = await buildTownship(db);
    const otherVillage = await db.selectFrom('villages').select('id').where('township_id', '=', other.id).executeTakeFirstOrThrow();
    expect((await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/gk/villages/${otherVillage.id}` })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/t/${other.code}/gk/units/${unit.id}` })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/t/000000000/gk/` })).statusCode).toBe(404);
  });
});
