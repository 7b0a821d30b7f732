import type { CategoryRow } from '../modules/articles/articles.repository.js';
import type { PublicListRow } from '../modules/articles/articles.public.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';
import { portalPage } from './layout.js';
import { categoryHref } from './nav.js';

/** A day in Beijing time for an ISO instant: 2026-03-05. */
export function dayOf(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A minute in Beijing time: 2026-03-05 09:30. */
export function minuteOf(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function articleHref(t: TownshipRow, id: string): string {
  return `/t/${t.code}/a/${id}`;
}

/** A list of article titles with their dates. */
export function articleList(t: TownshipRow, rows: { id: string; title: string; published_at: string | null }[], empty = '暂无文章。'): SafeHtml {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return html`<ul class="list">${rows.map((a) => html`<li><a href="${articleHref(t, a.id)}">${a.title}</a><time datetime="${dayOf(a.published_at)}">${dayOf(a.published_at)}</time></li>`)}</ul>`;
}

/** Page links: 上一页, 第 n / m 页, 下一页; `base` already carries any other query. */
export function pager(base: string, page: number, total: number, pageSize: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const sep = base.includes('?') ? '&' : '?';
  const link = (p: number) => `${base}${sep}page=${p}`;
  return html`<nav class="pager" aria-label="分页">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">上一页</a>` : html`<span>上一页</span>`}
<span>第 ${page} / ${pages} 页（共 ${total} 篇）</span>${page < pages ? html`<a href="${link(page + 1)}" rel="next">下一页</a>` : html`<span>下一页</span>`}</nav>`;
}

function tagLinks(t: TownshipRow, tags: string[]): SafeHtml {
  return html`${tags.map((g) => html`<a class="tag" href="/t/${t.code}/search?tag=${encodeURIComponent(g)}">${g}</a>`)}`;
}

/** Links from a category to the structured pages of its part of the work. */
function categoryLinks(t: TownshipRow, c: CategoryRow): SafeHtml {
  switch (c.key) {
    case 'gov_affairs':
      return html`<p>政府及站所的结构化公开事项（财政预算决算、民生项目、行政执法等）见<a href="/t/${t.code}/gk/">政务公开专栏</a>。</p>`;
    case 'village_affairs':
      return html`<p>各村（社区）的党务、村务、财务公开见<a href="/t/${t.code}/gk/">村务公开专栏</a>。</p>`;
    case 'deputies':
      return html`<p>查看本镇人大代表的基本情况和履职档案：<a href="/t/${t.code}/deputies">代表名单</a>；代表述职评议结果：<a href="/t/${t.code}/evaluations">述职评议</a>。</p>`;
    case 'suggestions':
      return html`<p>代表议案建议的交办、答复和落实情况见<a href="/t/${t.code}/suggestions">建议办理进展</a>，可按编号查询。</p>`;
    default:
      return html``;
  }
}

export function categoryPage(t: TownshipRow, c: CategoryRow, rows: PublicListRow[], total: number, page: number, pageSize: number): string {
  const body = html`<section aria-labelledby="c"><h2 id="c">${c.name}</h2>
${c.description ? html`<p>${c.description}</p>` : ''}${categoryLinks(t, c)}
${articleList(t, rows, '本栏目暂无文章。')}
${pager(categoryHref(t.code, c.key), page, total, pageSize)}</section>`;
  return portalPage({
    title: `${c.name} - ${t.name}人大`, township: t, body, currentCategory: c.key,
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: c.name }],
  });
}

export interface ArticleView {
  id: string; title: string; summary: string | null; body_html: string; published_at: string | null; updated_at: string; tags: string[]; viewCount: number;
  sourceLabel?: string;
}

export function articlePage(t: TownshipRow, c: CategoryRow, a: ArticleView, related: { id: string; title: string; published_at: string | null }[]): string {
  const body = html`<article aria-labelledby="at"><section>
<p class="print-title">${t.name}人民代表大会</p>
<h2 class="title" id="at">${a.title}</h2>
<p class="meta">发布时间：<time datetime="${a.published_at ?? ''}">${minuteOf(a.published_at)}</time><span class="sep"></span>栏目：<a href="${categoryHref(t.code, c.key)}">${c.name}</a><span class="sep"></span>浏览：<span id="views">${a.viewCount}</span> 次</p>
<div class="body">${new SafeHtml(a.body_html)}</div>
${a.tags.length ? html`<p class="noprint">推荐访问：${tagLinks(t, a.tags)}</p>` : ''}
<p class="noprint"><a href="${categoryHref(t.code, c.key)}">返回${c.name}</a></p>
</section></article>
<section aria-labelledby="rel" class="noprint"><h2 id="rel">猜你喜欢</h2>${articleList(t, related, '暂无相关文章。')}</section>`;
  return portalPage({
    title: `${a.title} - ${t.name}人大`, township: t, body, currentCategory: c.key, ...(a.summary ? { description: a.summary } : {}),
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: c.name, href: categoryHref(t.code, c.key) }, { label: '正文' }],
  });
}

export function searchPage(t: TownshipRow, query: { q: string; tag: string }, rows: PublicListRow[], total: number, page: number, pageSize: number, categories: Map<string, CategoryRow>, popular: string[]): string {
  const base = `/t/${t.code}/search?${query.tag ? `tag=${encodeURIComponent(query.tag)}` : `q=${encodeURIComponent(query.q)}`}`;
  const what = query.tag ? `标签“${query.tag}”` : `“${query.q}”`;
  const body = html`<section aria-labelledby="s"><h2 id="s">站内搜索</h2>
<form class="lookup" method="get" action="/t/${t.code}/search" role="search"><label for="q">关键词</label><input id="q" name="q" type="search" maxlength="50" value="${query.q}"><button type="submit">搜索</button></form>
${popular.length ? html`<p>推荐访问：${tagLinks(t, popular)}</p>` : ''}</section>
${query.q || query.tag ? html`<section aria-labelledby="r"><h2 id="r">${what}的搜索结果</h2>
${rows.length === 0 ? html`<p>没有找到与${what}相关的文章，请换个关键词试试。</p>` : html`<p>共找到 ${total} 篇文章。</p>
<ul class="list">${rows.map((a) => html`<li><span><a href="${articleHref(t, a.id)}">${a.title}</a>${categories.get(a.category_id) ? html` <span class="meta">［${categories.get(a.category_id)!.name}］</span>` : ''}${a.summary ? html`<br><span class="note">${a.summary}</span>` : ''}</span><time datetime="${dayOf(a.published_at)}">${dayOf(a.published_at)}</time></li>`)}</ul>`}
${pager(base, page, total, pageSize)}</section>` : ''}`;
  return portalPage({
    title: `搜索 - ${t.name}人大`, township: t, body,
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '站内搜索' }],
  });
}
