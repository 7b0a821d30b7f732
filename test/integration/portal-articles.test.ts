import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/auth/actor.js';
import { ensureCategories } from '../../src/server/modules/articles/articles.categories.js';
import { createArticle, createCategory, transition } from '../../src/server/modules/articles/articles.service.js';
import { buildDeputy } from '../helpers/deputy-factories.js';
import { buildTownship, buildUser } from '../helpers/factories.js';
import { actorOf } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER, ...headers } });
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><a href="javascript:alert(3)">x</a>';

/** No hostile markup survives as markup: what was typed shows as text. */
function assertInert(body: string): void {
  expect(body).not.toMatch(/<script/i);
  expect(body).not.toMatch(/<img[^>]*onerror/i);
  expect(body).not.toMatch(/href="javascript:/i);
  // Event handlers as attributes (quoted attribute values, where escaped text may sit, set aside).
  const tag = /<[a-z]+[^>]*\son[a-z]+=/i.exec(body.replace(/"[^"]*"/g, '""'));
  expect(tag?.[0]).toBeUndefined();
}

async function site() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const office = actorOf(await buildUser(db, t.id, 'office'));
  const presidium = actorOf(await buildUser(db, t.id, 'presidium'));
  await ensureCategories(db, t.id);
  const cats = await db.selectFrom('portal_categories').select(['id', 'key']).where('township_id', '=', t.id).execute();
  const publish = async (key: string, title: string, bodyHtml: string, tags: string[] = []) => {
    const a = await createArticle(db, office, t.id, { categoryId: cats.find((c) => c.key === key)!.id, title, bodyHtml, tags });
    await transition(db, office, a.id, 'submit');
    await transition(db, presidium, a.id, 'publish');
    return a.id;
  };
  return { t, office, presidium, publish };
}

describe('portal: articles, categories, search, feeds', () => {
  it('shows home, category, article with breadcrumbs, tags and related articles; drafts never', async () => {
    const { t, office, publish } = await site();
    const a = await publish('news', '镇人大组织代表视察乡村道路', '<p>代表们察看了东山村通组道路的硬化工程。</p>', ['视察', '道路']);
    const b = await publish('news', '代表建议推动西河村道路硬化', '<p>道路硬化工程已经完工。</p>', ['道路']);
    await publish('study', '学习园地：代表法要点', '<p>代表法规定了代表的权利和义务。</p>');
    const c = await publish('notices', '关于召开人代会的公告', '<p>会议定于下月召开。</p>');
    const cats = await ctx.database.db.selectFrom('portal_categories').select(['id', 'key']).where('township_id', '=', t.id).execute();
    await createArticle(ctx.database.db, office, t.id, { categoryId: cats.find((x) => x.key === 'news')!.id, title: '未发布的草稿', bodyHtml: '<p>x</p>' });

    const home = await get(`/t/${t.code}/`);
    expect(home.statusCode).toBe(200);
    for (const title of ['镇人大组织代表视察乡村道路', '关于召开人代会的公告', '学习园地：代表法要点']) expect(home.body).toContain(title);
    expect(home.body).not.toContain('未发布的草稿');
    expect(home.body).toContain(`href="/t/${t.code}/gk/"`);
    expect(home.body).toContain('<nav class="cats" aria-label="栏目">');

    const cat = await get(`/t/${t.code}/c/news`);
    expect(cat.body).toContain('首页</a> &gt; <span aria-current="page">工作动态</span>');
    expect(cat.body).not.toContain('未发布的草稿');

    const page = await get(`/t/${t.code}/a/${a}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`首页</a> &gt; <a href="/t/${t.code}/c/news">工作动态</a> &gt; <span aria-current="page">正文</span>`);
    expect(page.body).toContain('推荐访问');
    expect(page.body).toContain(`/t/${t.code}/search?tag=${encodeURIComponent('道路')}`);
    // 猜你喜欢: the article sharing a tag comes first.
    const related = page.body.slice(page.body.indexOf('猜你喜欢'));
    expect(related.indexOf(b)).toBeGreaterThan(0);
    expect(related.indexOf(b)).toBeLessThan(related.indexOf(c) < 0 ? Infinity : related.indexOf(c));

    // Another township's article under this township's address: 404.
    const other = await site();
    const foreign = await other.publish('news', '外镇文章', '<p>x</p>');
    expect((await get(`/t/${t.code}/a/${foreign}`)).statusCode).toBe(404);
    expect((await get(`/t/${t.code}/c/nope`)).statusCode).toBe(404);
    const missing = await get(`/t/${t.code}/whatever/page`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('未找到该页面');
  });

  it('paginates a category', async () => {
    const { t, publish } = await site();
    for (let i = 1; i <= 17; i++) await publish('news', `动态第${i}篇`, '<p>x</p>');
    const p1 = await get(`/t/${t.code}/c/news`);
    expect(p1.body).toContain('第 1 / 2 页（共 17 篇）');
    expect(p1.body).toContain(`href="/t/${t.code}/c/news?page=2" rel="next"`);
    const p2 = await get(`/t/${t.code}/c/news?page=2`);
    expect((p2.body.match(/动态第\d+篇/g) ?? []).length).toBe(2);
  });

  it('counts a view once per visitor per day and never for bots', async () => {
    const { t, publish } = await site();
    const id = await publish('news', '浏览计数测试', '<p>x</p>');
    const count = async () => (await ctx.database.db.selectFrom('articles').select('view_count').where('id', '=', id).executeTakeFirstOrThrow()).view_count;
    const first = await get(`/t/${t.code}/a/${id}`, { 'x-forwarded-for': '1.1.1.1' });
    expect(first.body).toContain('<span id="views">1</span>');
    await get(`/t/${t.code}/a/${id}`);
    expect(await count()).toBe(1);
    await get(`/t/${t.code}/a/${id}`, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari' });
    expect(await count()).toBe(2);
    await get(`/t/${t.code}/a/${id}`, { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' });
    await get(`/t/${t.code}/a/${id}`, { 'user-agent': '' });
    await get(`/t/${t.code}/a/${id}`, { 'user-agent': 'curl/8.5.0' });
    expect(await count()).toBe(2);
    const views = await ctx.database.db.selectFrom('article_views').select(['visitor_hash', 'day']).where('article_id', '=', id).execute();
    expect(views).toHaveLength(2);
    for (const v of views) expect(v.visitor_hash).not.toContain('Mozilla');
  });

  it('searches in Chinese (a word inside a sentence), by tag, and pages results', async () => {
    const { t, publish } = await site();
    await publish('news', '主干道路灯全部修复', '<p>东山村反映的路灯问题已经解决。</p>', ['路灯']);
    await publish('notices', '关于农田水利建设的通知', '<p>今冬明春农田水利建设安排。</p>');
    const s = await get(`/t/${t.code}/search?q=${encodeURIComponent('路灯')}`);
    expect(s.body).toContain('共找到 1 篇文章');
    expect(s.body).toContain('主干道路灯全部修复');
    expect((await get(`/t/${t.code}/search?q=${encodeURIComponent('水利建设')}`)).body).toContain('关于农田水利建设的通知');
    expect((await get(`/t/${t.code}/search?q=${encodeURIComponent('养老院')}`)).body).toContain('没有找到与“养老院”相关的文章');
    expect((await get(`/t/${t.code}/search?tag=${encodeURIComponent('路灯')}`)).body).toContain('主干道路灯全部修复');
    const wild = await get(`/t/${t.code}/search?q=${encodeURIComponent('%_')}`);
    expect(wild.statusCode).toBe(200);
  });

  it('publishes RSS 2.0 and a sitemap of published articles only', async () => {
    const { t, office, publish } = await site();
    const id = await publish('news', 'RSS 中的 <文章> & 标题', '<p>摘要内容</p>');
    const cats = await ctx.database.db.selectFrom('portal_categories').select(['id', 'key']).where('township_id', '=', t.id).execute();
    const draft = await createArticle(ctx.database.db, office, t.id, { categoryId: cats.find((x) => x.key === 'news')!.id, title: '草稿', bodyHtml: '<p>x</p>' });
    const rss = await get(`/t/${t.code}/rss.xml`);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<rss version="2.0"');
    expect(rss.body).toContain('<title>RSS 中的 &lt;文章&gt; &amp; 标题</title>');
    expect(rss.body).toContain(`/t/${t.code}/a/${id}</link>`);
    expect(rss.body).not.toContain(draft.id);
    const sm = await get('/sitemap.xml');
    expect(sm.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(sm.body).toContain(`/t/${t.code}/a/${id}</loc>`);
    expect(sm.body).not.toContain(draft.id);
  });

  it('lists townships grouped by county on the county index', async () => {
    const a = await site();
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/t/${a.t.code}/"`);
    expect(res.body).toContain('测试省 测试市 测试县');
  });

  it('switches to large text without JavaScript and keeps it in a cookie', async () => {
    const { t } = await site();
    const on = await get(`/t/${t.code}/?size=large`);
    expect(on.body).toContain('<html lang="zh-CN" class="large">');
    expect(String(on.headers['set-cookie'])).toContain('renda_size=large');
    expect((await get(`/t/${t.code}/c/news`, { cookie: 'renda_size=large' })).body).toContain('<html lang="zh-CN" class="large">');
    expect((await get(`/t/${t.code}/suggestions`, { cookie: 'renda_size=large' })).body).toContain('class="large"');
    const off = await get(`/t/${t.code}/?size=normal`, { cookie: 'renda_size=large' });
    expect(off.body).toContain('<html lang="zh-CN">');
    expect(String(off.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('renders hostile strings in titles, tags, bodies and category names as text', async () => {
    const { t, office, publish } = await site();
    const cat = await createCategory(ctx.database.db, office, t.id, { name: '<b onmouseover=alert(1)>栏目' });
    const id = await publish('news', HOSTILE, `<p>${HOSTILE}</p>`, ['<script>x</script>', 'javascript:alert(1)']);
    const pages = [`/t/${t.code}/`, `/t/${t.code}/c/news`, `/t/${t.code}/a/${id}`, `/t/${t.code}/search?q=${encodeURIComponent(HOSTILE)}`,
      `/t/${t.code}/search?tag=${encodeURIComponent('<script>x</script>')}`, `/t/${t.code}/c/${cat.key}`];
    for (const url of pages) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      assertInert(res.body);
    }
    const article = await get(`/t/${t.code}/a/${id}`);
    expect(article.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(article.body).toContain('&lt;b onmouseover=alert(1)&gt;栏目');
    assertInert((await get(`/t/${t.code}/rss.xml`)).body);
  });
});

describe('portal: deputies (代表风采)', () => {
  it('lists serving deputies and shows one, never with an ID number, phone, birth date or address; hostile fields are inert', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const built = await buildDeputy(db, t.id, { phone: '13912345678' });
    // Hostile values as if they had come in through an import or a careless edit.
    await db.updateTable('deputies').set({ name: '王<script>alert(1)</script>', party: '<img src=x onerror=alert(1)>群众', workplace: '示例镇<a href="javascript:alert(1)">农机站</a>' }).where('id', '=', built.id).execute();
    const d = built;
    const gone = await buildDeputy(db, t.id, { name: '已离任代表' });
    await db.updateTable('deputies').set({ mandate_end: '2025-01-01', end_reason: '调离' }).where('id', '=', gone.id).execute();
    const list = await get(`/t/${t.code}/deputies`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('王&lt;script&gt;');
    expect(list.body).not.toContain('已离任代表');
    const page = await get(`/t/${t.code}/deputies/${d.id}`);
    expect(page.statusCode).toBe(200);
    for (const body of [list.body, page.body]) {
      assertInert(body);
      expect(body).not.toContain(d.id_number);
      expect(body).not.toContain(d.id_number.slice(-4) + '<');
      expect(body).not.toContain('13912345678');
      expect(body).not.toContain('1391234');
      expect(body).not.toContain(d.birth_date);
      expect(body).not.toMatch(/住址|身份证|联系电话/);
    }
    expect(page.body).toContain('履职档案');
    const other = await buildTownship(db);
    expect((await get(`/t/${other.code}/deputies/${d.id}`)).statusCode).toBe(404);
    expect((await get(`/t/${t.code}/deputies/${gone.id}`)).statusCode).toBe(404);
    void systemActor;
  });
});
