import type { CategoryRow } from '../modules/articles/articles.repository.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { escapeHtml } from './html.js';

const x = escapeHtml;

/** RSS 2.0 of a township's latest published articles. */
export function rssFeed(
  origin: string, t: TownshipRow, items: { id: string; title: string; summary: string | null; published_at: string | null; category_id: string }[], categories: Map<string, CategoryRow>,
): string {
  const site = `${origin}/t/${t.code}/`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>${x(`${t.name}人大`)}</title><link>${x(site)}</link><description>${x(`${t.name}人民代表大会公开网站`)}</description><language>zh-cn</language>
<atom:link href="${x(`${origin}/t/${t.code}/rss.xml`)}" rel="self" type="application/rss+xml"/>
${items.map((a) => `<item><title>${x(a.title)}</title><link>${x(`${origin}/t/${t.code}/a/${a.id}`)}</link><guid isPermaLink="true">${x(`${origin}/t/${t.code}/a/${a.id}`)}</guid>${a.published_at ? `<pubDate>${new Date(a.published_at).toUTCString()}</pubDate>` : ''}${categories.get(a.category_id) ? `<category>${x(categories.get(a.category_id)!.name)}</category>` : ''}${a.summary ? `<description>${x(a.summary)}</description>` : ''}</item>`).join('\n')}
</channel></rss>`;
}

/** sitemap.xml (sitemaps.org 0.9). */
export function sitemap(entries: { loc: string; lastmod?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<url><loc>${x(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>`;
}
