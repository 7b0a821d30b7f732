import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { App, AppDeps } from '../http/types.js';
import { getPublicSuggestion, listPublicSuggestions } from '../modules/suggestions/suggestions.public.js';
import { findTownshipByCode, listAllTownships, listVillages, type TownshipRow } from '../modules/townships/townships.repository.js';
import { todayInShanghai } from '../../domain/due-dates.js';
import { html } from './html.js';
import { portalPage } from './layout.js';
import { suggestionDetailPage, suggestionListPage } from './suggestions.pages.js';
import { opinionPages } from './opinions.pages.js';
import { evaluationsPage } from './evaluations.pages.js';
import { listPublicEvaluations } from '../modules/duty/evaluations.service.js';
import { presentPublicEvaluation } from '../modules/duty/duty.presenter.js';

async function townshipHome(db: Kysely<DB>, t: TownshipRow): Promise<string> {
  const villages = await listVillages(db, t.id, false);
  const body = html`<section aria-labelledby="about"><h2 id="about">关于本站</h2>
<p>本站是${t.name}人民代表大会主席团的公开网站，发布人大工作动态、通知公告、代表履职情况、建议办理进展以及政务和村务公开信息。</p></section>
<section aria-labelledby="sg"><h2 id="sg">建议办理</h2>
<p>代表提出的议案、建议、批评和意见，经代表同意后公开办理进展和答复。<a href="/t/${t.code}/suggestions">查看建议办理情况</a></p></section>
<section aria-labelledby="ev"><h2 id="ev">代表述职评议</h2>
<p>代表每年向选民述职并接受评议，评议结果在此公布。<a href="/t/${t.code}/evaluations">查看代表述职评议结果</a></p></section>
<section aria-labelledby="v"><h2 id="v">行政村（社区）</h2>
<p>本镇共有 ${villages.length} 个村（居）委会。</p>
<ul class="villages">${villages.map((v) => html`<li>${v.name}</li>`)}</ul></section>`;
  return portalPage({ title: `${t.name}人大`, township: t, body });
}

function notFoundPage(reply: FastifyReply, t?: TownshipRow) {
  return reply.status(404).type('text/html; charset=utf-8').send(portalPage({
    title: '未找到', ...(t ? { township: t } : {}),
    body: html`<section><h2>未找到该页面</h2><p><a href="${t ? `/t/${t.code}/` : '/'}">返回首页</a></p></section>`,
  }));
}

/** The public portal: server-rendered HTML that reads without JavaScript. */
export function portalRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  opinionPages(app, deps);
  async function townshipOf(code: string): Promise<TownshipRow | undefined> {
    const t = /^\d{9}$/.test(code) ? await findTownshipByCode(db, code) : undefined;
    return t && !t.archived_at ? t : undefined;
  }

  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) => reply.status(204).send());

  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const townships = await listAllTownships(db);
    void reply.type('text/html; charset=utf-8');
    if (townships.length === 1) return townshipHome(db, townships[0]!);
    const body = html`<section aria-labelledby="t"><h2 id="t">乡镇</h2>
${townships.length === 0 ? html`<p>尚未建立乡镇。管理员请先<a href="/app/">登录后台</a>完成初始化。</p>` : html`<ul>${townships.map((t) => html`<li><a href="/t/${t.code}/">${t.county_name} ${t.name}</a></li>`)}</ul>`}
</section>`;
    return portalPage({ title: '乡镇人大', body });
  });

  app.get<{ Params: { code: string } }>('/t/:code/', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    return reply.type('text/html; charset=utf-8').send(await townshipHome(db, t));
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
    return reply.type('text/html; charset=utf-8').send(suggestionListPage(t, items, year, years, ref || undefined));
  });

  app.get<{ Params: { code: string }; Querystring: { year?: string } }>('/t/:code/evaluations', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : thisYear;
    const items = (await listPublicEvaluations(db, t.code, year)).map(presentPublicEvaluation);
    const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
    return reply.type('text/html; charset=utf-8').send(evaluationsPage(t, items, year, years));
  });

  app.get<{ Params: { code: string; refNo: string } }>('/t/:code/suggestions/:refNo', { schema: { hide: true } }, async (req, reply) => {
    const t = await townshipOf(req.params.code);
    if (!t) return notFoundPage(reply);
    try {
      const s = await getPublicSuggestion(db, t.code, req.params.refNo);
      return reply.type('text/html; charset=utf-8').send(suggestionDetailPage(t, s));
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return notFoundPage(reply, t);
      throw err;
    }
  });
}
