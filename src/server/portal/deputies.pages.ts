import type { PublicDeputy, PublicDutySection } from '../modules/deputies/deputies.public.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import { toChineseNumeral } from '../../domain/session-numbering.js';
import { html } from './html.js';
import { portalPage } from './layout.js';

const GENDER = { male: '男', female: '女' } as const;
const LEVEL = { township: '镇人大代表', county: '县人大代表' } as const;

function term(d: PublicDeputy): string {
  return `第${toChineseNumeral(d.term_number)}届${LEVEL[d.level]}`;
}

/** 代表风采: the serving deputies, by level and constituency. */
export function deputiesPage(t: TownshipRow, deputies: PublicDeputy[]): string {
  const groups = (['township', 'county'] as const).map((level) => ({ level, items: deputies.filter((d) => d.level === level) })).filter((g) => g.items.length);
  const body = html`<section aria-labelledby="d"><h2 id="d">代表风采</h2>
<p>本镇现有人大代表 ${deputies.length} 名。代表由选民直接选举产生，联系选民、反映群众意见，履职情况在此公开（代表法第五十八条）。</p></section>
${groups.map((g) => html`<section aria-labelledby="g-${g.level}"><h2 id="g-${g.level}">${LEVEL[g.level]}（${g.items.length}名）</h2>
<table><caption class="sr">${LEVEL[g.level]}名单</caption><thead><tr><th scope="col">姓名</th><th scope="col">性别</th><th scope="col">选区</th><th scope="col">政治面貌</th><th scope="col">职业</th></tr></thead><tbody>
${g.items.map((d) => html`<tr><th scope="row"><a href="/t/${t.code}/deputies/${d.id}">${d.name}</a></th><td>${GENDER[d.gender]}</td><td>${d.constituency_name ?? ''}</td><td>${d.party}</td><td>${d.occupation}</td></tr>`)}
</tbody></table></section>`)}`;
  return portalPage({
    title: `代表风采 - ${t.name}人大`, township: t, body, currentCategory: 'deputies',
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '代表风采', href: `/t/${t.code}/c/deputies` }, { label: '代表名单' }],
  });
}

/** One deputy: public particulars and the duty record of a year. */
export function deputyPage(t: TownshipRow, d: PublicDeputy, year: number, years: number[], record: { sections: PublicDutySection[]; total: number }): string {
  const body = html`<section aria-labelledby="n"><h2 id="n">${d.name}</h2>
<dl><dt>性别</dt><dd>${GENDER[d.gender]}</dd><dt>民族</dt><dd>${d.ethnicity}</dd><dt>政治面貌</dt><dd>${d.party}</dd>
<dt>职业</dt><dd>${d.occupation}</dd>${d.workplace ? html`<dt>工作单位</dt><dd>${d.workplace}</dd>` : ''}
<dt>代表类别</dt><dd>${term(d)}</dd>${d.constituency_name ? html`<dt>选区</dt><dd>${d.constituency_name}</dd>` : ''}<dt>任期起始</dt><dd>${d.mandate_start}</dd></dl>
${d.public_code ? html`<p><a href="/d/${d.public_code}">向${d.name}代表反映意见</a></p>` : ''}</section>
<section aria-labelledby="r"><h2 id="r">履职档案（${year}年）</h2>
<nav aria-label="年度"><p>${years.map((y, i) => html`${i ? ' · ' : ''}${y === year ? html`<strong>${y}年</strong>` : html`<a href="/t/${t.code}/deputies/${d.id}?year=${y}">${y}年</a>`}`)}</p></nav>
${record.total === 0 ? html`<p>${year}年暂无履职记录。</p>` : record.sections.filter((s) => s.total > 0).map((s) => html`<h3>${s.label}（${s.total}）</h3>
${s.items.length ? html`<ul class="list">${s.items.map((i) => html`<li><span>${i.title}${i.detail ? html`<br><span class="note">${i.detail}</span>` : ''}</span><time datetime="${i.date}">${i.date}</time></li>`)}</ul>` : ''}
${s.note ? html`<p class="note">${s.note}</p>` : ''}`)}
</section>
<p><a href="/t/${t.code}/deputies">返回代表名单</a></p>`;
  return portalPage({
    title: `${d.name} - 代表风采 - ${t.name}人大`, township: t, body, currentCategory: 'deputies',
    crumbs: [{ label: '首页', href: `/t/${t.code}/` }, { label: '代表风采', href: `/t/${t.code}/deputies` }, { label: d.name }],
  });
}
