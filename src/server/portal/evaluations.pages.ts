import type { z } from 'zod';
import type { ZPublicEvaluation } from '../modules/duty/duty.presenter.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { formatChineseDate } from '../../domain/session-numbering.js';
import { html } from './html.js';
import { portalPage } from './layout.js';

type PublicEvaluation = z.infer<typeof ZPublicEvaluation>;

/** The satisfaction rate arrives as a percentage with one decimal (满意 + 基本满意 over all ratings). */
function percent(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(1)}%`;
}

/** 代表述职评议: the published results of the year's evaluation meetings (代表法 第58条). */
export function evaluationsPage(t: TownshipRow, items: PublicEvaluation[], year: number, years: number[]): string {
  const body = html`<section aria-labelledby="e"><h2 id="e">代表述职评议结果（${year}年）</h2>
<p>人大代表向选民述职，选民代表对代表履职情况进行评议。以下为主席团公布的评议结果。</p>
<nav aria-label="年度"><p>${years.map((y, i) => html`${i ? ' · ' : ''}${y === year ? html`<strong>${y}年</strong>` : html`<a href="/t/${t.code}/evaluations?year=${y}">${y}年</a>`}`)}</p></nav>
</section>
${items.length === 0 ? html`<section><p>${year}年暂无公布的述职评议结果。</p></section>` : items.map((e) => html`<section aria-labelledby="ev-${e.id}">
<h2 id="ev-${e.id}">${formatChineseDate(e.heldOn)}述职评议会</h2>
<dl><dt>地点</dt><dd>${e.place}</dd><dt>主持人</dt><dd>${e.chairName}</dd>${e.constituencyName ? html`<dt>选区</dt><dd>${e.constituencyName}</dd>` : ''}<dt>参加评议</dt><dd>选民代表 ${e.attendeesTotal} 人</dd></dl>
<table><caption class="sr">评议结果</caption><thead><tr><th scope="col">代表</th><th scope="col">满意</th><th scope="col">基本满意</th><th scope="col">不满意</th><th scope="col">满意率</th></tr></thead><tbody>
${e.deputies.map((d) => html`<tr><th scope="row">${d.name}</th><td>${d.ratings?.satisfied ?? '—'}</td><td>${d.ratings?.basicallySatisfied ?? '—'}</td><td>${d.ratings?.dissatisfied ?? '—'}</td><td>${percent(d.satisfactionRate)}</td></tr>`)}
</tbody></table>
${e.deputies.filter((d) => d.evaluation).map((d) => html`<h3>对${d.name}代表的评议意见</h3><div class="reply">${d.evaluation}</div>`)}
</section>`)}`;
  return portalPage({
    title: `代表述职评议 - ${t.name}人大`, township: t, body,
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '代表述职评议' }],
  });
}
