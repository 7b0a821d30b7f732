import type { FastifyReply } from 'fastify';
import { formatFen, periodLabel } from '../../domain/disclosure.js';
import { formatChineseDate } from '../../domain/session-numbering.js';
import type { App, AppDeps } from '../http/types.js';
import { BOARD_FIELDS } from '../modules/disclosure/boards.service.js';
import { publicIndex, publicUnit, publicVillage, type PublicVillage } from '../modules/disclosure/disclosure.public.js';
import type { BoardRow } from '../modules/disclosure/disclosure.repository.js';
import { findTownshipByCode, type TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';
import { portalPage } from './layout.js';

/**
 * 政务公开 and 村务公开 on the portal (/t/<code>/gk/): the index of units and villages, each
 * unit's law-enforcement board with its earlier versions and its government or school affairs,
 * and each village's affairs and finance per period with the corrected versions kept.
 */
const UNIT_TYPE_LABELS: Record<string, string> = { gov_department: '政府部门', station: '站所', school: '学校', other: '其他单位', village_committee: '村（居）委会' };

function day(d: string | null): string {
  return d ? formatChineseDate(d) : '';
}

function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((l) => html`<p>${l}</p>`)}`;
}

function boardSection(b: BoardRow, current: boolean): SafeHtml {
  return html`<section aria-labelledby="b-${b.id}">
<h2 id="b-${b.id}">${b.title}（第${b.version}版）${current ? html` <span class="tag done">现行</span>` : html` <span class="tag">已被第${b.version + 1}版或更新版本替代</span>`}</h2>
<p class="note">${day(b.published_on)}公布${b.superseded_on ? html`，${day(b.superseded_on)}停止使用` : ''}</p>
<dl class="board">${BOARD_FIELDS.map(([f, label]) => html`<dt>${label}</dt><dd>${paragraphs(b[f])}</dd>`)}</dl>
</section>`;
}

function crumbs(t: TownshipRow, last?: string) {
  return [{ label: '首页', href: `/t/${t.code}/` }, ...(last ? [{ label: '政务村务公开', href: `/t/${t.code}/gk/` }, { label: last }] : [{ label: '政务村务公开' }])];
}

function villageDisclosureSection(t: TownshipRow, d: PublicVillage['disclosures'][number]): SafeHtml {
  const r = d.disclosure;
  const label = periodLabel({ kind: r.period_kind, start: r.period_start });
  const income = d.lines.filter((l) => l.direction === 'income');
  const expense = d.lines.filter((l) => l.direction === 'expense');
  const lineRows = (rows: typeof d.lines) => rows.map((l) => html`<tr><td>${l.category}</td><td>${l.description ?? ''}</td><td class="num">${formatFen(l.amount)}</td></tr>`);
  return html`<section aria-labelledby="v-${r.id}">
<h2 id="v-${r.id}">${label}村务公开、财务公开${r.version > 1 ? `（第${r.version}版）` : ''} ${r.status === 'published' ? html`<span class="tag done">现行</span>` : html`<span class="tag">已更正</span>`}</h2>
<p class="note">公开期间 ${day(r.period_start)}至${day(r.period_end)}；${day(r.published_on)}公布${r.superseded_on ? html`，${day(r.superseded_on)}由更正版本替代` : ''}</p>
<h3>村务公开事项</h3>
${d.items.length ? html`<dl>${d.items.map((i) => html`<dt>${i.title}</dt><dd>${paragraphs(i.content)}</dd>`)}</dl>` : html`<p>本期无村务公开事项。</p>`}
<h3>财务收支情况（单位：元）</h3>
<table><caption class="sr">${label}财务收支明细</caption>
<thead><tr><th scope="col">科目</th><th scope="col">摘要</th><th scope="col" class="num">金额</th></tr></thead>
<tbody>
<tr><th scope="row" colspan="2">期初余额</th><td class="num">${formatFen(r.opening_balance ?? 0)}</td></tr>
${income.length ? html`<tr><th scope="rowgroup" colspan="3">收入</th></tr>${lineRows(income)}` : ''}
<tr><th scope="row" colspan="2">收入合计</th><td class="num">${formatFen(r.total_income)}</td></tr>
${expense.length ? html`<tr><th scope="rowgroup" colspan="3">支出</th></tr>${lineRows(expense)}` : ''}
<tr><th scope="row" colspan="2">支出合计</th><td class="num">${formatFen(r.total_expense)}</td></tr>
<tr><th scope="row" colspan="2">期末余额</th><td class="num">${formatFen(r.closing_balance ?? 0)}</td></tr>
</tbody></table>
<p class="note"><a href="/t/${t.code}/gk/villages/${r.village_id}#v-${r.id}">本期公开的固定链接</a></p>
</section>`;
}

const EXTRA_STYLE = new SafeHtml('<style>dl.board{grid-template-columns:9em 1fr}dl.board dd p,dl dd p{margin:0 0 4px}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}</style>');

export function disclosurePages(app: App, { db }: AppDeps): void {
  async function townshipOf(code: string): Promise<TownshipRow | undefined> {
    const t = /^\d{9}$/.test(code) ? await findTownshipByCode(db, code) : undefined;
    return t && !t.archived_at ? t : undefined;
  }
  function notFound(reply: FastifyReply, t?: TownshipRow) {
    return reply.status(404).type('text/html; charset=utf-8').send(portalPage({
      title: '未找到', ...(t ? { township: t } : {}),
      body: html`<section><h2>未找到该页面</h2><p><a href="${t ? `/t/${t.code}/gk/` : '/'}">返回政务村务公开</a></p></section>`,
    }));
  }
  const send = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page);

  app.get<{ Params: { code: string } }>('/t/:code/gk/', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFound(reply);
    const idx = await publicIndex(db, t);
    const body = html`${EXTRA_STYLE}<section aria-labelledby="gk"><h2 id="gk">政务村务公开</h2>
<p>本镇有执法权的部门和站所公示执法责任制，其他部门、站所和学校实行政务公开、校务公开，各村（居）委会按期公开村务和财务。</p></section>
<section aria-labelledby="units"><h2 id="units">部门、站所和学校</h2>
${idx.units.length === 0 ? html`<p>暂无公开内容。</p>` : html`<table><caption class="sr">各单位公开情况</caption>
<thead><tr><th scope="col">单位</th><th scope="col">类别</th><th scope="col">执法责任制公示</th><th scope="col">最近公布</th></tr></thead><tbody>
${idx.units.map((u) => html`<tr><th scope="row"><a href="/t/${t.code}/gk/units/${u.unit.id}">${u.unit.name}</a></th><td>${UNIT_TYPE_LABELS[u.unit.type] ?? ''}</td>
<td>${u.unit.has_enforcement_power ? (u.currentBoard ? `第${u.currentBoard.version}版` : '尚未公示') : '—'}</td><td>${day(u.latestOn) || '—'}</td></tr>`)}
</tbody></table>`}</section>
<section aria-labelledby="villages"><h2 id="villages">村务公开、财务公开</h2>
<table><caption class="sr">各村（居）委会公开情况</caption>
<thead><tr><th scope="col">村（居）委会</th><th scope="col">最近一期</th><th scope="col">已公开期数</th></tr></thead><tbody>
${idx.villages.map((v) => html`<tr><th scope="row"><a href="/t/${t.code}/gk/villages/${v.village.id}">${v.village.name}</a></th>
<td>${v.latest ? periodLabel({ kind: v.latest.period_kind, start: v.latest.period_start }) : '暂未公开'}</td><td>${v.published}</td></tr>`)}
</tbody></table></section>`;
    return send(reply, portalPage({ title: `政务村务公开 - ${t.name}人大`, township: t, crumbs: crumbs(t), body }));
  });

  app.get<{ Params: { code: string; unitId: string } }>('/t/:code/gk/units/:unitId', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFound(reply);
    const u = await publicUnit(db, t, req.params.unitId);
    if (!u) return notFound(reply, t);
    const current = u.boards.find((b) => b.status === 'published');
    const history = u.boards.filter((b) => b.status === 'superseded');
    const kindLabel = u.unit.type === 'school' ? '校务公开' : '政务公开';
    const body = html`${EXTRA_STYLE}<section aria-labelledby="u"><h2 id="u">${u.unit.name}</h2><p>${UNIT_TYPE_LABELS[u.unit.type] ?? ''}${u.unit.has_enforcement_power ? '，具有行政执法权' : ''}</p></section>
${u.unit.has_enforcement_power ? (current ? boardSection(current, true) : html`<section><h2>执法责任制公示</h2><p>该单位尚未公布执法责任制公示。</p></section>`) : ''}
${u.disclosures.map((d) => html`<section aria-labelledby="d-${d.id}"><h2 id="d-${d.id}">${d.title}</h2><p class="note">${kindLabel} · ${day(d.published_on)}公布</p>
<h3>办事程序</h3>${paragraphs(d.procedures)}<h3>收费标准</h3>${paragraphs(d.fee_standards)}${d.other_content ? html`<h3>其他公开内容</h3>${paragraphs(d.other_content)}` : ''}</section>`)}
${!u.unit.has_enforcement_power && u.disclosures.length === 0 ? html`<section><p>该单位暂无公开内容。</p></section>` : ''}
${history.length ? html`<section aria-labelledby="hist"><h2 id="hist">执法责任制公示历史版本</h2><p>以下为已被替代的版本，仅供查阅。</p></section>${history.map((b) => boardSection(b, false))}` : ''}`;
    return send(reply, portalPage({ title: `${u.unit.name} - 政务村务公开 - ${t.name}人大`, township: t, crumbs: crumbs(t, u.unit.name), body }));
  });

  app.get<{ Params: { code: string; villageId: string } }>('/t/:code/gk/villages/:villageId', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFound(reply);
    const v = await publicVillage(db, t, req.params.villageId);
    if (!v) return notFound(reply, t);
    const body = html`${EXTRA_STYLE}<section aria-labelledby="v"><h2 id="v">${v.village.name}村务公开、财务公开</h2>
<p>依照村民委员会组织法，村务至少每季度公开一次，财务往来较多的每月公开。以下按公开期间从近到远排列，更正过的期间同时保留原版本。</p></section>
${v.disclosures.length === 0 ? html`<section><p>暂未公开。</p></section>` : v.disclosures.map((d) => villageDisclosureSection(t, d))}`;
    return send(reply, portalPage({ title: `${v.village.name} - 政务村务公开 - ${t.name}人大`, township: t, crumbs: crumbs(t, v.village.name), body }));
  });
}
