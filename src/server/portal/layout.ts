import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5;line-height:1.7}
a{color:#8b0000}
header{background:#b71c1c;color:#fff;padding:16px}
header a{color:#fff;text-decoration:none}
header h1{margin:0;font-size:1.5rem}
header p{margin:4px 0 0;opacity:.95}
nav.crumbs{max-width:960px;margin:0 auto;padding:8px 16px 0;font-size:.9rem;color:#595959}
nav.crumbs a{color:#595959}
main{max-width:960px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:6px;padding:16px;margin-bottom:16px}
h2{font-size:1.15rem;margin:0 0 8px;border-left:4px solid #b71c1c;padding-left:8px}
ul{padding-left:1.2em;margin:0}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{border-bottom:1px solid #e8e8e8;padding:8px 6px;text-align:left;vertical-align:top}
th{background:#fafafa;font-weight:600}
dl{display:grid;grid-template-columns:8em 1fr;gap:4px 12px;margin:0}
dt{color:#595959}
dd{margin:0}
form.lookup{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
input,select,button{font:inherit;padding:6px 10px;border:1px solid #8c8c8c;border-radius:4px}
button{background:#b71c1c;color:#fff;border-color:#b71c1c;cursor:pointer}
.tag{display:inline-block;padding:0 8px;border-radius:4px;background:#f0f0f0;color:#262626;font-size:.85rem;white-space:nowrap}
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
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (max-width:600px){th:nth-child(n+4),td:nth-child(n+4){display:none}dl{grid-template-columns:6em 1fr}}
@media print{header{background:none;color:#000}header a{color:#000}.demo,form.lookup,footer{display:none}}
`;

export interface Crumb {
  label: string;
  href?: string;
}

/** The portal's page frame: header, breadcrumbs (首页 > 栏目 > 正文), footer. */
export function portalPage(options: { title: string; township?: TownshipRow; crumbs?: Crumb[]; body: SafeHtml }): string {
  const t = options.township;
  const crumbs = options.crumbs ?? [];
  return '<!doctype html>' + html`<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>${t?.is_demo ? html`<div class="demo" role="note">演示数据：本站所示乡镇、人名与记录均为虚构，仅供体验。</div>` : ''}
<header>${t
    ? html`<h1><a href="/t/${t.code}/">${t.name}人大</a></h1><p>${t.province_name} ${t.city_name} ${t.county_name} ${t.name}人民代表大会</p>`
    : html`<h1>乡镇人大</h1><p>Renda 乡镇人大工作平台</p>`}</header>
${crumbs.length ? html`<nav class="crumbs" aria-label="当前位置">${crumbs.map((c, i) => html`${i ? ' > ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : html`<span aria-current="page">${c.label}</span>`}`)}</nav>` : ''}
<main>${options.body}</main>
<footer><p>${t ? html`${t.name}人民代表大会主席团 · ` : ''}Renda 乡镇人大工作平台 · <a href="/app/">工作人员登录</a></p></footer>
</body></html>`.value;
}
