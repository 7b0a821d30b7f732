import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { multipartBody } from '../helpers/session-factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface Category { id: string; key: string; name: string; isVisible: boolean; position: number }
interface Detail { id: string; status: string; title: string; bodyHtml: string; tags: string[]; reviewNote: string | null; portalUrl: string | null; can: Record<string, boolean> }

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function world() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  const deputy = await login(ctx.app, (await buildUser(db, t.id, 'deputy')).username, TEST_PASSWORD);
  const cats = (await office.request('GET', `/api/v1/townships/${t.id}/portal-categories`)).json() as { items: Category[] };
  return { t, office, presidium, deputy, cats: cats.items, news: cats.items.find((c) => c.key === 'news')! };
}

async function create(s: Session, townshipId: string, body: Record<string, unknown>): Promise<Detail> {
  const res = await s.request('POST', `/api/v1/townships/${townshipId}/articles`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}

describe('articles in the back office', () => {
  it('seeds the eight default categories in menu order', async () => {
    const { cats } = await world();
    expect(cats.map((c) => `${c.key}:${c.name}`)).toEqual([
      'news:工作动态', 'notices:通知公告', 'deputies:代表风采', 'suggestions:建议办理', 'gov_affairs:政务公开', 'village_affairs:村务公开', 'work_summary:工作总结', 'study:学习园地',
    ]);
  });

  it('runs draft → submitted → returned → submitted → published → unpublished by role, audited', async () => {
    const { t, office, presidium, deputy, news } = await world();
    const a = await create(office, t.id, { categoryId: news.id, title: '镇人大召开代表座谈会', bodyHtml: '<p>座谈会内容。</p>', tags: ['座谈会', '座谈会', ' 代表 '] });
    expect(a.status).toBe('draft');
    expect(a.tags).toEqual(['代表', '座谈会']);
    expect(a.can).toMatchObject({ edit: true, submit: true, publish: false });

    // The office cannot publish; a deputy cannot even read.
    expect((await office.request('POST', `/api/v1/articles/${a.id}/publish`, {})).statusCode).toBe(403);
    expect((await deputy.request('GET', `/api/v1/articles/${a.id}`)).statusCode).toBe(403);
    expect((await deputy.request('POST', `/api/v1/townships/${t.id}/articles`, { categoryId: news.id, title: 'x', bodyHtml: '<p>x</p>' })).statusCode).toBe(403);
    // The presidium cannot publish a draft that was not submitted.
    const early = await presidium.request('POST', `/api/v1/articles/${a.id}/publish`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ARTICLE_STATE_INVALID');

    expect((await office.request('POST', `/api/v1/articles/${a.id}/submit`, {})).json().status).toBe('submitted');
    const returned = (await presidium.request('POST', `/api/v1/articles/${a.id}/return`, { note: '请补充会议时间' })).json() as Detail;
    expect(returned).toMatchObject({ status: 'draft', reviewNote: '请补充会议时间' });
    expect((await office.request('PATCH', `/api/v1/articles/${a.id}`, { bodyHtml: '<p>11月20日，座谈会召开。</p>' })).statusCode).toBe(200);
    await office.request('POST', `/api/v1/articles/${a.id}/submit`, {});
    const published = (await presidium.request('POST', `/api/v1/articles/${a.id}/publish`, {})).json() as Detail;
    expect(published.status).toBe('published');
    expect(published.portalUrl).toBe(`/t/${t.code}/a/${a.id}`);
    expect((await ctx.app.inject({ method: 'GET', url: published.portalUrl! })).statusCode).toBe(200);

    // A published article is not edited in place.
    expect((await office.request('PATCH', `/api/v1/articles/${a.id}`, { title: '改' })).statusCode).toBe(409);
    expect((await presidium.request('POST', `/api/v1/articles/${a.id}/unpublish`, { note: '内容需更新' })).json().status).toBe('unpublished');
    expect((await ctx.app.inject({ method: 'GET', url: published.portalUrl! })).statusCode).toBe(404);

    const actions = (await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', a.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['article.create', 'article.submit', 'article.return', 'article.update', 'article.submit', 'article.publish', 'article.unpublish']);
  });

  it('sanitises the body: no script, event handler, style or javascript: URL survives', async () => {
    const { t, office, news } = await world();
    const a = await create(office, t.id, {
      categoryId: news.id, title: '<script>alert(1)</script>标题',
      bodyHtml: '<h1>大标题</h1><p style="color:red" onclick="alert(1)">正文<script>alert(2)</script></p><a href="javascript:alert(3)">坏链接</a><a href="https://example.org/x">好链接</a>'
        + '<img src="/media/01a224d1-4943-77ec-9e5c-30c2cb8c61fe" onerror="alert(4)" alt="图"><img src="data:image/png;base64,AAAA"><img src="https://evil.example/x.png"><iframe src="https://x"></iframe><svg onload="alert(5)"></svg>',
    });
    const body = a.bodyHtml;
    for (const bad of ['<script', 'onclick', 'onerror', 'onload', 'style=', 'javascript:', 'data:', 'evil.example', '<iframe', '<svg', '<h1']) expect(body).not.toContain(bad);
    expect(body).toContain('<h2>大标题</h2>');
    expect(body).toContain('<a href="https://example.org/x" rel="noopener noreferrer">好链接</a>');
    expect(body).toContain('<img alt="图" src="/media/01a224d1-4943-77ec-9e5c-30c2cb8c61fe" />');
    // The title is stored as text and escaped wherever it is shown.
    expect(a.title).toBe('<script>alert(1)</script>标题');
  });

  it('lists with filters and Chinese search; pages', async () => {
    const { t, office, news, cats } = await world();
    const notices = cats.find((c) => c.key === 'notices')!;
    await create(office, t.id, { categoryId: news.id, title: '主干道路灯维修完成', bodyHtml: '<p>东山村主干道路灯已全部修复。</p>' });
    await create(office, t.id, { categoryId: notices.id, title: '关于召开代表大会的通知', bodyHtml: '<p>会议定于下月召开。</p>' });
    for (let i = 0; i < 3; i++) await create(office, t.id, { categoryId: news.id, title: `工作动态${i}`, bodyHtml: '<p>内容</p>' });
    const list = async (q: string) => (await office.request('GET', `/api/v1/townships/${t.id}/articles?${q}`)).json() as { items: { title: string }[]; total: number };
    expect((await list(`categoryId=${notices.id}`)).items.map((a) => a.title)).toEqual(['关于召开代表大会的通知']);
    expect((await list(`q=${encodeURIComponent('路灯')}`)).items.map((a) => a.title)).toEqual(['主干道路灯维修完成']);
    expect((await list(`q=${encodeURIComponent('道路灯')}`)).total).toBe(1);
    expect((await list(`q=${encodeURIComponent('水库')}`)).total).toBe(0);
    const page = await list('pageSize=2&page=2');
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect((await list('status=published')).total).toBe(0);
  });

  it('edits categories (name, visibility, new category), audited; another township is 404 and nothing changes', async () => {
    const { t, office, news } = await world();
    const other = await world();
    const renamed = await office.request('PATCH', `/api/v1/townships/${t.id}/portal-categories/${news.id}`, { name: '人大动态', isVisible: true });
    expect(renamed.json()).toMatchObject({ name: '人大动态', key: 'news' });
    const added = await office.request('POST', `/api/v1/townships/${t.id}/portal-categories`, { name: '法律法规' });
    expect(added.statusCode).toBe(201);

    const a = await create(office, t.id, { categoryId: news.id, title: '本镇文章', bodyHtml: '<p>x</p>' });
    expect((await other.office.request('GET', `/api/v1/articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.office.request('PATCH', `/api/v1/articles/${a.id}`, { title: '篡改' })).statusCode).toBe(404);
    expect((await other.presidium.request('POST', `/api/v1/articles/${a.id}/submit`, {})).statusCode).toBe(404);
    expect((await other.office.request('PATCH', `/api/v1/townships/${t.id}/portal-categories/${news.id}`, { name: '篡改' })).statusCode).toBe(404);
    expect((await other.office.request('GET', `/api/v1/townships/${t.id}/articles`)).statusCode).toBe(404);
    // A category of another township cannot be used.
    const wrongCat = await other.office.request('POST', `/api/v1/townships/${other.t.id}/articles`, { categoryId: news.id, title: 'x', bodyHtml: '<p>x</p>' });
    expect(wrongCat.statusCode).toBe(400);
    expect(wrongCat.json().error.fields[0].path).toBe('categoryId');
    const row = await ctx.database.db.selectFrom('articles').select(['title', 'status']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: '本镇文章', status: 'draft' });
    const cat = await ctx.database.db.selectFrom('portal_categories').select('name').where('id', '=', news.id).executeTakeFirstOrThrow();
    expect(cat.name).toBe('人大动态');
  });

  it('uploads images only (by their bytes), serves them with their type and nosniff', async () => {
    const { t, office, deputy } = await world();
    const png = multipartBody('照片.png', PNG, 'image/png');
    const res = await office.request('POST', `/api/v1/townships/${t.id}/article-images`, png.payload, png.headers);
    expect(res.statusCode, res.body).toBe(201);
    const { url } = res.json() as { url: string };
    const img = await ctx.app.inject({ method: 'GET', url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    const fake = multipartBody('x.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect((await office.request('POST', `/api/v1/townships/${t.id}/article-images`, fake.payload, fake.headers)).statusCode).toBe(415);
    const pdf = multipartBody('x.pdf', Buffer.from('%PDF-1.4\n'), 'application/pdf');
    expect((await office.request('POST', `/api/v1/townships/${t.id}/article-images`, pdf.payload, pdf.headers)).statusCode).toBe(415);
    expect((await deputy.request('POST', `/api/v1/townships/${t.id}/article-images`, png.payload, png.headers)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/media/01a224d1-4943-77ec-9e5c-30c2cb8c61fe' })).statusCode).toBe(404);
  });
});
