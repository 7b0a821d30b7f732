import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { App, AppDeps } from '../http/types.js';
import { listAllTownships, findTownshipByCode, listVillages, type TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';

const STYLE = `
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5;line-height:1.7}
header{background:#b71c1c;color:#fff;padding:16px}
header a{color:#fff;text-decoration:none}
header h1{margin:0;font-size:1.5rem}
header p{margin:4px 0 0;opacity:.9}
main{max-width:960px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:6px;padding:16px;margin-bottom:16px}
h2{font-size:1.15rem;margin:0 0 8px;border-left:4px solid #b71c1c;padding-left:8px}
ul{padding-left:1.2em;margin:0}
.demo{background:#fff3cd;color:#5c4400;padding:8px 16px;text-align:center}
footer{text-align:center;color:#595959;font-size:.875rem;padding:16px}
footer a{color:#8b0000}
.villages{columns:3 10em}
@media print{header{background:none;color:#000}.demo{display:none}}
`;

function page(title: string, body: SafeHtml, township?: TownshipRow): string {
  return '<!doctype html>' + html`<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>${township?.is_demo ? html`<div class="demo" role="note">演示数据：本站所示乡镇、人名与记录均为虚构，仅供体验。</div>` : ''}
${body}
<footer><p>${township ? html`${township.name}人民代表大会主席团 · ` : ''}Renda 乡镇人大工作平台 · <a href="/app/">工作人员登录</a></p></footer>
</body></html>`.value;
}

async function townshipHome(db: Kysely<DB>, t: TownshipRow): Promise<string> {
  const villages = await listVillages(db, t.id, false);
  const body = html`<header><h1><a href="/">${t.name}人大</a></h1><p>${t.province_name} ${t.city_name} ${t.county_name} ${t.name}人民代表大会</p></header>
<main>
<section aria-labelledby="about"><h2 id="about">关于本站</h2>
<p>本站是${t.name}人民代表大会主席团的公开网站，发布人大工作动态、通知公告、代表履职情况、建议办理进展以及政务和村务公开信息。</p></section>
<section aria-labelledby="v"><h2 id="v">行政村（社区）</h2>
<p>本镇共有 ${villages.length} 个村（居）委会。</p>
<ul class="villages">${villages.map((v) => html`<li>${v.name}</li>`)}</ul></section>
</main>`;
  return page(`${t.name}人大`, body, t);
}

/** The public portal: server-rendered HTML that reads without JavaScript. */
export function portalRoutes(app: App, { db }: AppDeps): void {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const townships = await listAllTownships(db);
    void reply.type('text/html; charset=utf-8');
    if (townships.length === 1) return townshipHome(db, townships[0]!);
    const body = html`<header><h1>乡镇人大</h1><p>Renda 乡镇人大工作平台</p></header><main><section aria-labelledby="t"><h2 id="t">乡镇</h2>
${townships.length === 0 ? html`<p>尚未建立乡镇。管理员请先<a href="/app/">登录后台</a>完成初始化。</p>` : html`<ul>${townships.map((t) => html`<li><a href="/t/${t.code}/">${t.county_name} ${t.name}</a></li>`)}</ul>`}
</section></main>`;
    return page('乡镇人大', body);
  });

  app.get<{ Params: { code: string } }>('/t/:code/', { schema: { hide: true } }, async (req, reply) => {
    const t = /^\d{9}$/.test(req.params.code) ? await findTownshipByCode(db, req.params.code) : undefined;
    void reply.type('text/html; charset=utf-8');
    if (!t || t.archived_at) return reply.status(404).send(page('未找到', html`<main><section><h2>未找到该页面</h2><p><a href="/">返回首页</a></p></section></main>`));
    return townshipHome(db, t);
  });
}
