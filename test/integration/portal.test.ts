import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/demo.js';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await loadDemo(ctx.database.db);
});
afterAll(async () => { await ctx.close(); });

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

// The demo township has a fixed code; the PostgreSQL run shares one schema between files.
describe.skipIf(TEST_DB === 'postgres')('portal: suggestion status', () => {
  it('lists only consented suggestions, without personal data, as plain HTML', async () => {
    const db = ctx.database.db;
    const res = await get('/t/999999101/suggestions?year=2025');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).not.toContain('<script');
    const rows = await db.selectFrom('suggestions').select(['ref_no', 'is_public', 'state']).where('year', '=', 2025).execute();
    const shown = rows.filter((r) => r.is_public && !['draft', 'submitted', 'returned', 'withdrawn'].includes(r.state));
    const hidden = rows.filter((r) => !r.is_public);
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of shown) expect(res.body).toContain(`<td>${r.ref_no}</td>`);
    for (const r of hidden) expect(res.body).not.toContain(`<td>${r.ref_no}</td>`);
    const deputyNames = (await db.selectFrom('deputies').select('name').execute()).map((d) => d.name);
    expect(deputyNames.filter((n) => res.body.includes(n))).toEqual([]);
    expect(res.body).toContain('首页</a> &gt; <span aria-current="page">建议办理');
  });

  it('shows one suggestion with its reply, finds it by number, and hides an unconsented one', async () => {
    const db = ctx.database.db;
    const open = await db.selectFrom('suggestions').select(['year', 'seq', 'ref_no']).where('is_public', '=', true).where('state', '=', 'closed').executeTakeFirstOrThrow();
    const refNo = open.ref_no!;
    const page = await get(`/t/999999101/suggestions/${refNo}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('承办单位答复');
    const lookup = await get(`/t/999999101/suggestions?ref=${open.year}-${open.seq}`);
    expect(lookup.statusCode).toBe(302);
    expect(lookup.headers.location).toBe(`/t/999999101/suggestions/${refNo}`);
    const secret = await db.selectFrom('suggestions').select(['ref_no']).where('is_public', '=', false).where('ref_no', 'is not', null).executeTakeFirstOrThrow();
    const hiddenRef = secret.ref_no!;
    expect((await get(`/t/999999101/suggestions/${hiddenRef}`)).statusCode).toBe(404);
    const miss = await get(`/t/999999101/suggestions?ref=${hiddenRef}`);
    expect(miss.statusCode).toBe(200);
    expect(miss.body).toContain(`没有找到编号为“${hiddenRef}”的公开建议`);
    expect((await get('/t/123456789/suggestions')).statusCode).toBe(404);
  });

  it('publishes the 述职评议 results the presidium released, and only those', async () => {
    const db = ctx.database.db;
    const published = await db.selectFrom('duty_evaluations').select(['id', 'held_on']).where('is_published', '=', true).execute();
    expect(published.length).toBeGreaterThan(0);
    const year = published[0]!.held_on.slice(0, 4);
    const res = await get(`/t/999999101/evaluations?year=${year}`);
    expect(res.statusCode).toBe(200);
    const evaluated = await db.selectFrom('duty_evaluation_deputies').innerJoin('deputies', 'deputies.id', 'duty_evaluation_deputies.deputy_id')
      .select(['deputies.name', 'duty_evaluation_deputies.satisfied_count as satisfied']).where('duty_evaluation_deputies.evaluation_id', '=', published[0]!.id).execute();
    for (const d of evaluated) expect(res.body).toContain(`<th scope="row">${d.name}</th><td>${d.satisfied}</td>`);
    expect(res.body).toMatch(/<td>\d{1,3}\.\d%<\/td>/);
    expect(res.body).not.toMatch(/<td>\d{4,}\.\d%<\/td>/);
    // Unpublish: the page no longer shows it.
    await db.updateTable('duty_evaluations').set({ is_published: false }).where('id', '=', published[0]!.id).execute();
    const after = await get(`/t/999999101/evaluations?year=${year}`);
    for (const d of evaluated) expect(after.body).not.toContain(`<th scope="row">${d.name}</th>`);
    await db.updateTable('duty_evaluations').set({ is_published: true }).where('id', '=', published[0]!.id).execute();
  });

  it('shows the demo site’s home: news, notices, the latest disclosures, suggestion status, deputies', async () => {
    const res = await get('/t/999999101/');
    expect(res.statusCode).toBe(200);
    for (const heading of ['工作动态', '通知公告', '最新公开', '政务村务公开', '建议办理', '代表风采', '学习园地', '推荐访问']) expect(res.body).toContain(`>${heading}<`);
    expect(res.body).toMatch(/村委会\d{4}年第[一二三四]季度村务、财务公开/);
    expect(res.body).toContain('href="/t/999999101/gk/"');
    // Articles still in review are not shown.
    expect(res.body).not.toContain('镇人大召开代表建议办理工作年终座谈会');
    // A single-township deployment: / goes to the township's site.
    const root = await get('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/t/999999101/');
  });
});
