import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { App, AppDeps } from '../http/types.js';
import { getPublicSuggestion, listPublicSuggestions } from '../modules/suggestions/suggestions.public.js';
import { findTownshipByCode, listAllTownships, listVillages, type TownshipRow } from '../modules/townships/townships.repository.js';
import { todayInShanghai } from '../../domain/due-dates.js';
import { html, SafeHtml } from './html.js';
import { portalPage } from './layout.js';
import { suggestionDetailPage, suggestionListPage } from './suggestions.pages.js';
import { disclosurePages } from './disclosure.pages.js';
import { opinionPages } from './opinions.pages.js';
import { evaluationsPage } from './evaluations.pages.js';
import { listPublicEvaluations } from '../modules/duty/evaluations.service.js';
import { presentPublicEvaluation } from '../modules/duty/duty.presenter.js';
import { allPublished, getPublished, listPublished, popularTags, publicCategories, recordView, relatedArticles } from '../modules/articles/articles.public.js';
import { findImageFile } from '../modules/articles/articles.images.js';
import { articlesGeneration } from '../modules/articles/articles.cache.js';
import type { CategoryRow } from '../modules/articles/articles.repository.js';
import { getPublicDeputyById, listPublicDeputies, publicDutyRecord } from '../modules/deputies/deputies.public.js';
import { articleList, articlePage, categoryPage, dayOf, searchPage } from './articles.pages.js';
import { deputiesPage, deputyPage } from './deputies.pages.js';
import { homeSections, registerHomeSection } from './home-sections.js';
import { publicIndex } from '../modules/disclosure/disclosure.public.js';
import { periodLabel } from '../../domain/disclosure.js';
import { categoryHref, navIsFresh, rememberNav } from './nav.js';
import { rssFeed, sitemap } from './feeds.js';

const PAGE_SIZE = 15;
const HTML = 'text/html; charset=utf-8';

/** A category's page; the built-in sections (建议办理, 代表风采, 政务/村务公开) link on from there. */
function navHref(t: TownshipRow, c: CategoryRow): string {
  return categoryHref(t.code, c.key);
}

async function townshipHome(db: Kysely<DB>, t: TownshipRow, categories: CategoryRow[]): Promise<string> {
  const byKey = new Map(categories.map((c) => [c.key, c]));
  const latest = async (key: string, n: number) => {
    const c = byKey.get(key);
    return c && c.is_visible ? (await listPublished(db, t.id, { categoryId: c.id, page: 1, pageSize: n })).rows : [];
  };
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [news, notices, study, gov, village, villages, suggestions, deputies, tags] = await Promise.all([
    latest('news', 8), latest('notices', 8), latest('study', 5), latest('gov_affairs', 4), latest('village_affairs', 4),
    listVillages(db, t.id, false), listPublicSuggestions(db, t.code, thisYear), listPublicDeputies(db, t.id), popularTags(db, t.id, 10),
  ]);
  const extra = (await Promise.all(homeSections().map((s) => s.render(db, t)))).filter((x): x is SafeHtml => x !== null);
  const box = (key: string, rows: typeof news) => {
    const c = byKey.get(key);
    if (!c || !c.is_visible) return html``;
    return html`<section aria-labelledby="h-${key}"><h2 id="h-${key}">${c.name}<a class="more" href="${categoryHref(t.code, key)}">更多<span class="sr">${c.name}</span></a></h2>${articleList(t, rows, '暂无文章。')}</section>`;
  };
  const closed = suggestions.filter((s) => s.status === 'closed').length;
  const body = html`<div class="grid">${box('news', news)}${box('notices', notices)}</div>
${extra}
<div class="grid"><section aria-labelledby="h-gk"><h2 id="h-gk">政务村务公开<a class="more" href="/t/${t.code}/gk/">公开专栏</a></h2>
${articleList(t, [...gov, ...village].sort((a, b) => String(b.published_at).localeCompare(String(a.published_at))).slice(0, 6), '暂无公开文章。')}
<p class="note">财政预决算、民生项目、村级“三务”公开等结构化公开事项见<a href="/t/${t.code}/gk/">公开专栏</a>。</p></section>
<section aria-labelledby="h-sg"><h2 id="h-sg">建议办理<a class="more" href="/t/${t.code}/suggestions">更多<span class="sr">建议办理</span></a></h2>
<p>${thisYear}年公开的代表建议 ${suggestions.length} 件，已办结 ${closed} 件，正在办理 ${suggestions.length - closed} 件。</p>
${suggestions.length ? html`<ul class="list">${suggestions.slice(0, 5).map((s) => html`<li><a href="/t/${t.code}/suggestions/${s.refNo ?? ''}">${s.title}</a><span class="tag ${s.status === 'closed' ? 'done' : 'doing'}">${s.statusLabel}</span></li>`)}</ul>` : ''}</section></div>
<div class="grid"><section aria-labelledby="h-dp"><h2 id="h-dp">代表风采<a class="more" href="/t/${t.code}/deputies">代表名单</a></h2>
<p>本镇现有人大代表 ${deputies.length} 名。${deputies.length ? html`<a href="/t/${t.code}/deputies">查看代表名单和履职档案</a>；` : ''}<a href="/t/${t.code}/evaluations">代表述职评议结果</a>。</p>
${byKey.get('deputies')?.is_visible ? html`<p><a href="${categoryHref(t.code, 'deputies')}">代表履职风采文章</a></p>` : ''}</section>
${box('study', study)}</div>
${tags.length ? html`<section aria-labelledby="h-tags"><h2 id="h-tags">推荐访问</h2><p>${tags.map((g) => html`<a class="tag" href="/t/${t.code}/search?tag=${encodeURIComponent(g)}">${g}</a>`)}</p></section>` : ''}
<section aria-labelledby="v"><h2 id="v">行政村（社区）</h2>
<p>本镇共有 ${villages.length} 个村（居）委会。</p>
<ul class="villages">${villages.map((v) => html`<li>${v.name}</li>`)}</ul></section>`;
  return portalPage({ title: `${t.name}人大`, township: t, body, currentCategory: 'home', description: `${t.name}人民代表大会公开网站` });
}

function notFoundPage(reply: FastifyReply, t?: TownshipRow) {
  return reply.status(404).type(HTML).send(portalPage({
    title: '未找到', ...(t ? { township: t } : {}),
    body: html`<section><h2>未找到该页面</h2><p>页面不存在或已撤下。<a href="${t ? `/t/${t.code}/` : '/'}">返回首页</a>${t ? html`，或使用<a href="/t/${t.code}/search">站内搜索</a>` : ''}。</p></section>`,
  }));
}

function pageOf(v: string | undefined): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** The large-text switch (适老化): `?size=large|normal` sets a cookie; the page is marked at once. */
const SIZE_COOKIE = 'renda_size';
function largeText(req: FastifyRequest): { large: boolean; set?: 'large' | 'normal' } {
  const q = (req.query as Record<string, unknown> | undefined)?.size;
  if (q === 'large' || q === 'normal') return { large: q === 'large', set: q };
  return { large: /(?:^|;\s*)renda_size=large(?:;|$)/.test(req.headers.cookie ?? '') };
}

/**
 * 最新公开 on the home page: the latest published disclosures of units and villages (the
 * disclosure module's public index), newest first; nothing when none is published yet.
 */
registerHomeSection({
  key: 'disclosures',
  async render(db, t) {
    const idx = await publicIndex(db, t);
    const items = [
      ...idx.units.filter((u) => u.latestOn).map((u) => ({ on: u.latestOn!, label: `${u.unit.name}政务公开`, href: `/t/${t.code}/gk/units/${u.unit.id}` })),
      ...idx.villages.filter((v) => v.latest?.published_on).map((v) => ({
        on: v.latest!.published_on!, label: `${v.village.name}${periodLabel({ kind: v.latest!.period_kind, start: v.latest!.period_start })}村务、财务公开`, href: `/t/${t.code}/gk/villages/${v.village.id}`,
      })),
    ].sort((a, b) => b.on.localeCompare(a.on)).slice(0, 6);
    if (items.length === 0) return null;
    return html`<section aria-labelledby="h-latest-gk"><h2 id="h-latest-gk">最新公开<a class="more" href="/t/${t.code}/gk/">公开专栏</a></h2>
<ul class="list">${items.map((i) => html`<li><a href="${i.href}">${i.label}</a><time datetime="${i.on}">${i.on}</time></li>`)}</ul></section>`;
  },
});

/** The public portal: server-rendered HTML that reads without JavaScript. */
export function portalRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  opinionPages(app, deps);
  disclosurePages(app, deps);

  async function townshipOf(code: string): Promise<TownshipRow | undefined> {
    const t = /^\d{9}$/.test(code) ? await findTownshipByCode(db, code) : undefined;
    if (!t || t.archived_at) return undefined;
    if (!navIsFresh(t.id)) {
      const cats = await publicCategories(db, t.id);
      rememberNav(t.id, cats.filter((c) => c.is_visible).map((c) => ({ key: c.key, name: c.name, href: navHref(t, c) })));
    }
    return t;
  }

  // Large text on every portal page (also those of other modules): <html class="large">.
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || !payload.startsWith('<!doctype html><html lang="zh-CN">')) return payload;
    const size = largeText(req);
    if (size.set) void reply.header('set-cookie', `${SIZE_COOKIE}=${size.set}; Path=/; Max-Age=${size.set === 'large' ? 31536000 : 0}; SameSite=Lax`);
    return size.large ? payload.replace('<html lang="zh-CN">', '<html lang="zh-CN" class="large">') : payload;
  });

  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) => reply.status(204).send());
  app.get('/robots.txt', { schema: { hide: true } }, (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /app/\nDisallow: /api/\nSitemap: ${req.protocol}://${req.host}/sitemap.xml\n`));

  // County index: one township goes straight to its site; several are grouped by county.
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const townships = (await listAllTownships(db)).filter((t) => !t.archived_at);
    if (townships.length === 1) return reply.redirect(`/t/${townships[0]!.code}/`);
    const counties = new Map<string, TownshipRow[]>();
    for (const t of townships) counties.set(`${t.province_name} ${t.city_name} ${t.county_name}`, [...(counties.get(`${t.province_name} ${t.city_name} ${t.county_name}`) ?? []), t]);
    const body = townships.length === 0
      ? html`<section aria-labelledby="t"><h2 id="t">乡镇人大</h2><p>尚未建立乡镇。管理员请先<a href="/app/">登录后台</a>完成初始化。</p></section>`
      : html`<section><h2>乡镇人大网站</h2><p>本平台承载以下乡镇人民代表大会的公开网站，请选择乡镇。</p></section>
${[...counties.entries()].map(([county, list], i) => html`<section aria-labelledby="county-${i}"><h2 id="county-${i}">${county}</h2>
<ul class="villages">${list.map((t) => html`<li><a href="/t/${t.code}/">${t.name}人大</a></li>`)}</ul></section>`)}`;
    return reply.type(HTML).send(portalPage({ title: '乡镇人大', body, crumbs: [{ label: '乡镇人大网站' }] }));
  });

  app.get<{ Params: { code: string } }>('/t/:code', { schema: { hide: true } }, (req, reply) => reply.redirect(`/t/${encodeURIComponent(req.params.code)}/`));

  app.get<{ Params: { code: string } }>('/t/:code/', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    return reply.type(HTML).send(await townshipHome(db, t, await publicCategories(db, t.id)));
  });

  app.get<{ Params: { code: string; key: string }; Querystring: { page?: string } }>('/t/:code/c/:key', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const c = (await publicCategories(db, t.id)).find((x) => x.key === req.params.key && x.is_visible);
    if (!c) return notFoundPage(reply, t);
    const page = pageOf(req.query.page);
    const r = await listPublished(db, t.id, { categoryId: c.id, page, pageSize: PAGE_SIZE });
    return reply.type(HTML).send(categoryPage(t, c, r.rows, r.total, page, PAGE_SIZE));
  });

  // Article pages are rendered once and kept (with a placeholder for the view count) until an
  // article or category changes (articles.cache.ts) or 30 s pass (township, deputy changes).
  const articleCache = new Map<string, { gen: number; at: number; html: string; article: { id: string; township_id: string; view_count: number } }>();
  const VIEWS = '\u0000views\u0000';
  const ARTICLE_TTL_MS = 30_000;

  app.get<{ Params: { code: string; id: string } }>('/t/:code/a/:id', { schema: { hide: true } }, async (req, reply) => {
    const key = `${req.params.code}/${req.params.id}`;
    let entry = articleCache.get(key);
    if (!entry || entry.gen !== articlesGeneration() || Date.now() - entry.at > ARTICLE_TTL_MS) {
      const gen = articlesGeneration();
      const t = await townshipOf(req.params.code);
      if (!t) return notFoundPage(reply);
      const a = await getPublished(db, t.id, req.params.id);
      if (!a) return notFoundPage(reply, t);
      const categories = await publicCategories(db, t.id);
      const c = categories.find((x) => x.id === a.category_id)!;
      const related = await relatedArticles(db, a);
      entry = { gen, at: Date.now(), html: articlePage(t, c, { ...a, viewCount: VIEWS as unknown as number }, related), article: { id: a.id, township_id: a.township_id, view_count: a.view_count } };
      if (articleCache.size > 2000) articleCache.clear();
      articleCache.set(key, entry);
    }
    const viewCount = await recordView(db, entry.article, req.ip, req.headers['user-agent']);
    entry.article.view_count = Math.max(entry.article.view_count, viewCount);
    return reply.type(HTML).send(entry.html.replace(VIEWS, String(viewCount)));
  });

  app.get<{ Params: { code: string }; Querystring: { q?: string; tag?: string; page?: string } }>('/t/:code/search', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const q = String(req.query.q ?? '').trim().slice(0, 50);
    const tag = String(req.query.tag ?? '').trim().slice(0, 20);
    const page = pageOf(req.query.page);
    const [categories, popular] = await Promise.all([publicCategories(db, t.id), popularTags(db, t.id, 12)]);
    const visible = new Set(categories.filter((c) => c.is_visible).map((c) => c.id));
    const r = q || tag ? await listPublished(db, t.id, { ...(tag ? { tag } : { q }), page, pageSize: PAGE_SIZE }) : { rows: [], total: 0 };
    const rows = r.rows.filter((a) => visible.has(a.category_id));
    return reply.type(HTML).send(searchPage(t, { q, tag }, rows, r.total, page, PAGE_SIZE, new Map(categories.map((c) => [c.id, c])), popular));
  });

  app.get<{ Params: { code: string } }>('/t/:code/deputies', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    return reply.type(HTML).send(deputiesPage(t, await listPublicDeputies(db, t.id)));
  });

  app.get<{ Params: { code: string; id: string }; Querystring: { year?: string } }>('/t/:code/deputies/:id', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const d = /^[0-9a-f-]{36}$/.test(req.params.id) ? await getPublicDeputyById(db, t.id, req.params.id) : undefined;
    if (!d) return notFoundPage(reply, t);
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const start = Math.max(Number(d.mandate_start.slice(0, 4)), thisYear - 4);
    const years = Array.from({ length: thisYear - start + 1 }, (_, i) => thisYear - i);
    const asked = Number(req.query.year);
    const year = years.includes(asked) ? asked : thisYear;
    return reply.type(HTML).send(deputyPage(t, d, year, years, await publicDutyRecord(db, t.id, d.id, year)));
  });

  app.get<{ Params: { code: string } }>('/t/:code/rss.xml', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const origin = `${req.protocol}://${req.host}`;
    const categories = new Map((await publicCategories(db, t.id)).map((c) => [c.id, c]));
    const items = (await allPublished(db, t.id, 50)).filter((a) => categories.get(a.category_id)?.is_visible);
    return reply.type('application/rss+xml; charset=utf-8').send(rssFeed(origin, t, items, categories));
  });

  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const origin = `${req.protocol}://${req.host}`;
    const townships = (await listAllTownships(db)).filter((t) => !t.archived_at);
    const entries: { loc: string; lastmod?: string }[] = [{ loc: `${origin}/` }];
    for (const t of townships) {
      const categories = await publicCategories(db, t.id);
      const visible = new Set(categories.filter((c) => c.is_visible).map((c) => c.id));
      entries.push({ loc: `${origin}/t/${t.code}/` }, { loc: `${origin}/t/${t.code}/deputies` }, { loc: `${origin}/t/${t.code}/suggestions` }, { loc: `${origin}/t/${t.code}/evaluations` });
      for (const c of categories.filter((x) => x.is_visible)) entries.push({ loc: `${origin}${navHref(t, c)}` });
      for (const a of await allPublished(db, t.id, 5000)) if (visible.has(a.category_id)) entries.push({ loc: `${origin}/t/${t.code}/a/${a.id}`, lastmod: dayOf(a.updated_at) });
    }
    return reply.type('application/xml; charset=utf-8').send(sitemap(entries));
  });

  // Images of published articles, served with their stored type (nosniff is set for every response).
  app.get<{ Params: { id: string } }>('/media/:id', { schema: { hide: true } }, async (req, reply) => {
    const f = await findImageFile(db, config.dataDir, req.params.id);
    if (!f || !fs.existsSync(f.filePath)) return notFoundPage(reply);
    return reply.header('content-type', f.mime).header('content-length', f.size).header('cache-control', 'public, max-age=86400')
      .header('content-disposition', 'inline').send(fs.createReadStream(f.filePath));
  });

  app.get<{ Params: { code: string }; Querystring: { year?: string; ref?: string } }>('/t/:code/suggestions', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const ref = req.query.ref?.trim();
    if (ref) {
      const normalised = /^(\d{4})-(\d{1,4})$/.exec(ref);
      const refNo = normalised ? `${normalised[1]}-${normalised[2]!.padStart(3, '0')}` : ref;
      try {
        await getPublicSuggestion(db, t.code, refNo);
        return reply.redirect(`/t/${t.code}/suggestions/${encodeURIComponent(refNo)}`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : undefined;
    const items = await listPublicSuggestions(db, t.code, year);
    const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
    return reply.type(HTML).send(suggestionListPage(t, items, year, years, ref || undefined));
  });

  app.get<{ Params: { code: string }; Querystring: { year?: string } }>('/t/:code/evaluations', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : thisYear;
    const items = (await listPublicEvaluations(db, t.code, year)).map(presentPublicEvaluation);
    const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
    return reply.type(HTML).send(evaluationsPage(t, items, year, years));
  });

  app.get<{ Params: { code: string; refNo: string } }>('/t/:code/suggestions/:refNo', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    try {
      const s = await getPublicSuggestion(db, t.code, req.params.refNo);
      return reply.type(HTML).send(suggestionDetailPage(t, s));
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return notFoundPage(reply, t);
      throw err;
    }
  });

  // Anything else under a township site: the township's own 404 page.
  app.get<{ Params: { code: string } }>('/t/:code/*', { schema: { hide: true } }, async (req, reply) => notFoundPage(reply, await townshipOf(req.params.code)));
}
