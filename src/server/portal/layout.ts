import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';
import { cachedNav, type NavItem } from './nav.js';

const STYLE = `
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
html.large{font-size:21px}
html.large body{line-height:1.9;letter-spacing:.02em}
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5;line-height:1.7;overflow-wrap:anywhere}
a{color:#8b0000}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:#8b0000;padding:8px;z-index:10}
.skip:focus{left:8px}
header{background:#b71c1c;color:#fff}
header .bar{max-width:960px;margin:0 auto;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
header a{color:#fff;text-decoration:none}
header h1{margin:0;font-size:1.5rem}
header p{margin:2px 0 0;opacity:.95;font-size:.9rem}
header form{display:flex;gap:4px}
header input{width:11em;border-color:#fff}
header button{background:#fff;color:#8b0000;border-color:#fff}
.tools{font-size:.9rem}
.tools a{text-decoration:underline}
html.large .size-large,.size-normal{display:none}
html.large .size-normal{display:inline}
nav.cats{background:#8e1515}
nav.cats ul{max-width:960px;margin:0 auto;padding:0 8px;list-style:none;display:flex;overflow-x:auto;white-space:nowrap}
nav.cats a{display:block;color:#fff;text-decoration:none;padding:10px 12px}
nav.cats a[aria-current]{background:#5c0d0d;font-weight:700}
nav.crumbs{max-width:960px;margin:0 auto;padding:8px 16px 0;font-size:.9rem;color:#595959}
nav.crumbs a{color:#595959}
main{max-width:960px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:6px;padding:16px;margin-bottom:16px}
h2{font-size:1.15rem;margin:0 0 8px;border-left:4px solid #b71c1c;padding-left:8px}
h2 .more{float:right;font-size:.85rem;font-weight:400}
ul{padding-left:1.2em;margin:0}
ul.list{list-style:none;padding:0}
ul.list li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px dashed #e8e8e8}
ul.list time,.meta{color:#595959;font-size:.875rem;white-space:nowrap}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
.grid>section{min-width:0}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{border-bottom:1px solid #e8e8e8;padding:8px 6px;text-align:left;vertical-align:top}
th{background:#fafafa;font-weight:600}
dl{display:grid;grid-template-columns:8em 1fr;gap:4px 12px;margin:0}
dt{color:#595959}
dd{margin:0}
form.lookup{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
input,select,button{font:inherit;padding:6px 10px;border:1px solid #8c8c8c;border-radius:4px;max-width:100%}
button{background:#b71c1c;color:#fff;border-color:#b71c1c;cursor:pointer}
.tag{display:inline-block;padding:0 8px;border-radius:4px;background:#f0f0f0;color:#262626;font-size:.85rem;white-space:nowrap;text-decoration:none;margin:2px 4px 2px 0}
.tag.done{background:#e6f4ea;color:#135200}
.tag.doing{background:#fff1e0;color:#7a3e00}
.reply{white-space:pre-wrap;background:#fafafa;border-left:3px solid #d9d9d9;padding:8px 12px}
.demo{background:#fff3cd;color:#5c4400;padding:8px 16px;text-align:center}
footer{text-align:center;color:#595959;font-size:.875rem;padding:16px}
.villages{columns:3 10em}
.opinion-form textarea,.opinion-form input,.opinion-form select{width:100%;max-width:36em}
.field-error{color:#a8071a;margin:-8px 0 8px}
.receipt{font-size:1.6rem;font-weight:700;letter-spacing:.05em}
.note{color:#595959;font-size:.9rem}
h3{font-size:1rem;margin:16px 0 4px}
article h2.title{font-size:1.5rem;text-align:center;margin:8px 0;border:0;padding:0}
article .meta{text-align:center;margin-bottom:16px;white-space:normal}
.sep{display:inline-block;width:1.5em}
article .body{font-size:1.05rem}
article .body img{max-width:100%;height:auto}
article .body p{margin:0 0 1em;text-indent:2em}
article .body table{overflow-x:auto;display:block}
.pager{display:flex;gap:12px;justify-content:center;flex-wrap:wrap;margin-top:12px}
.pager a,.pager span{padding:4px 10px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}

.print-title{display:none;text-align:center;font-size:1.1rem;margin-bottom:8pt}
@media (max-width:600px){th:nth-child(n+4),td:nth-child(n+4){display:none}dl{grid-template-columns:6em 1fr}.grid{grid-template-columns:1fr}header input{width:8em}ul.list li{flex-direction:column;gap:0}}
@media print{body{background:#fff;color:#000;font-size:12pt}header,nav.cats,nav.crumbs,.demo,form.lookup,footer,.tools,.skip,.noprint,.pager{display:none}section{padding:0;margin:0 0 12pt;border-radius:0}a{color:#000;text-decoration:none}article .body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}main{max-width:none;padding:0}.print-title{display:block}}
`;

export interface Crumb {
  label: string;
  href?: string;
}

export interface PortalPageOptions {
  title: string;
  township?: TownshipRow;
  crumbs?: Crumb[];
  body: SafeHtml;
  /** Optional: the key of the category this page belongs to (highlighted in the bar). */
  currentCategory?: string;
  /** Optional: the category bar; by default the township's remembered bar (nav.ts). */
  nav?: NavItem[];
  /** Optional: a meta description. */
  description?: string;
}

/**
 * The portal's page frame: skip link, header with the site search and the large-text switch
 * (适老化: `?size=large`, kept in a cookie by portal.routes.ts, which marks <html class="large">),
 * the category bar, breadcrumbs (首页 > 栏目 > 正文), footer. Reads without JavaScript.
 */
export function portalPage(options: PortalPageOptions): string {
  const t = options.township;
  const crumbs = options.crumbs ?? [];
  const nav = options.nav ?? (t ? cachedNav(t.id) : undefined) ?? [];
  return '<!doctype html>' + html`<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>${options.description ? html`<meta name="description" content="${options.description}">` : ''}
${t ? html`<link rel="alternate" type="application/rss+xml" title="${t.name}人大" href="/t/${t.code}/rss.xml">` : ''}<style>${new SafeHtml(STYLE)}</style></head>
<body><a class="skip" href="#main">跳到正文</a>${t?.is_demo ? html`<div class="demo" role="note">演示数据：本站所示乡镇、人名与记录均为虚构，仅供体验。</div>` : ''}
<header><div class="bar"><div>${t
    ? html`<h1><a href="/t/${t.code}/">${t.name}人大</a></h1><p>${t.province_name} ${t.city_name} ${t.county_name} ${t.name}人民代表大会</p>`
    : html`<h1><a href="/">乡镇人大</a></h1><p>Renda 乡镇人大工作平台</p>`}</div>
<div>${t ? html`<form method="get" action="/t/${t.code}/search" role="search"><label for="site-q" class="sr">站内搜索</label><input id="site-q" name="q" type="search" maxlength="50" placeholder="站内搜索"><button type="submit">搜索</button></form>` : ''}
<p class="tools"><a class="size-large" href="?size=large">大字版</a><a class="size-normal" href="?size=normal">标准版</a></p></div></div>
${nav.length ? html`<nav class="cats" aria-label="栏目"><ul><li><a href="/t/${t!.code}/"${options.currentCategory === 'home' ? new SafeHtml(' aria-current="page"') : ''}>首页</a></li>${nav.map((n) => html`<li><a href="${n.href}"${options.currentCategory === n.key ? new SafeHtml(' aria-current="page"') : ''}>${n.name}</a></li>`)}</ul></nav>` : ''}</header>
${crumbs.length ? html`<nav class="crumbs" aria-label="当前位置">${crumbs.map((c, i) => html`${i ? ' > ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : html`<span aria-current="page">${c.label}</span>`}`)}</nav>` : ''}
<main id="main">${options.body}</main>
<footer><p>${t ? html`${t.name}人民代表大会主席团 · <a href="/t/${t.code}/rss.xml">RSS订阅</a> · ` : ''}<a href="/sitemap.xml">网站地图</a> · Renda 乡镇人大工作平台 · <a href="/app/">工作人员登录</a></p></footer>
</body></html>`.value;
}
