import type { z } from 'zod';
import type { ZPublicSuggestion } from '../modules/suggestions/suggestions.presenter.js';
import { GRADE_LABELS, IMPLEMENTATION_LABELS } from '../modules/suggestions/suggestions.workflow.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { html, SafeHtml } from './html.js';
import { portalPage } from './layout.js';

type PublicSuggestion = z.infer<typeof ZPublicSuggestion>;

function statusTag(s: PublicSuggestion): SafeHtml {
  const done = s.status === 'closed';
  return html`<span class="tag ${done ? 'done' : 'doing'}">${s.statusLabel}</span>`;
}

function lookupForm(t: TownshipRow, year: number | undefined, years: number[]): SafeHtml {
  return html`<form class="lookup" method="get" action="/t/${t.code}/suggestions" role="search">
<label for="ref">查询编号</label><input id="ref" name="ref" placeholder="如 2026-001" pattern="\\d{4}-\\d{1,4}" size="12">
<label for="year">年度</label><select id="year" name="year"><option value="">全部</option>${years.map((y) => html`<option value="${y}"${y === year ? new SafeHtml(' selected') : ''}>${y}年</option>`)}</select>
<button type="submit">查询</button></form>`;
}

/** 建议办理 on the portal: the consented suggestions of a year with their status. */
export function suggestionListPage(t: TownshipRow, items: PublicSuggestion[], year: number | undefined, years: number[], notFoundRef?: string): string {
  const body = html`<section aria-labelledby="s"><h2 id="s">代表建议办理情况${year ? html`（${year}年）` : ''}</h2>
<p>以下为经代表同意公开的议案、建议、批评和意见及其办理进展（代表法第五十一条、第五十二条）。输入建议编号可查询办理情况。</p>
${lookupForm(t, year, years)}
${notFoundRef ? html`<p role="alert">没有找到编号为“${notFoundRef}”的公开建议。编号见代表收到的回执；未经代表同意公开的建议不在此显示。</p>` : ''}
</section>
<section aria-labelledby="l"><h2 id="l">办理进展</h2>
${items.length === 0 ? html`<p>${year ? `${year}年` : ''}暂无公开的建议。</p>` : html`<table><thead><tr><th scope="col">编号</th><th scope="col">标题</th><th scope="col">状态</th><th scope="col">类别</th><th scope="col">承办单位</th><th scope="col">答复期限</th></tr></thead><tbody>
${items.map((s) => html`<tr><td>${s.refNo ?? ''}</td><td><a href="/t/${t.code}/suggestions/${s.refNo ?? ''}">${s.title}</a></td><td>${statusTag(s)}</td><td>${s.category ?? ''}</td><td>${s.leadUnitName ?? ''}</td><td>${s.replyDueOn ?? ''}</td></tr>`)}
</tbody></table>`}
</section>`;
  return portalPage({
    title: `建议办理 - ${t.name}人大`, township: t, body,
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '建议办理' }],
  });
}

/** One consented suggestion: its course and the unit's latest reply. */
export function suggestionDetailPage(t: TownshipRow, s: PublicSuggestion): string {
  const row = (label: string, value: unknown) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  const body = html`<section aria-labelledby="h"><h2 id="h">${s.title}</h2>
<dl>${row('编号', s.refNo)}${row('类型', s.kindLabel)}${row('类别', s.category)}<dt>办理状态</dt><dd>${statusTag(s)}</dd>
${row('提交日期', s.submittedOn)}${row('交办日期', s.assignedOn)}${row('承办单位', s.leadUnitName)}${row('答复期限', s.replyDueOn)}${row('答复日期', s.repliedOn)}
${s.grade ? html`<dt>办理结果</dt><dd>${s.grade}类：${GRADE_LABELS[s.grade]}</dd>` : ''}
${s.implementation !== 'not_applicable' ? html`<dt>落实情况</dt><dd>${IMPLEMENTATION_LABELS[s.implementation]}</dd>` : ''}
${row('办结日期', s.closedOn)}</dl></section>
${s.reply ? html`<section aria-labelledby="r"><h2 id="r">承办单位答复</h2><div class="reply">${s.reply}</div></section>` : ''}
<p><a href="/t/${t.code}/suggestions">返回建议办理列表</a></p>`;
  return portalPage({
    title: `${s.title} - ${t.name}人大`, township: t, body,
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '建议办理', href: `/t/${t.code}/suggestions` }, { label: s.refNo ?? s.title }],
  });
}
