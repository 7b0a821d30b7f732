import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isPhoneNumber } from '../../domain/phone.js';
import { AppError } from '../errors.js';
import type { App, AppDeps } from '../http/types.js';
import { getPublicDeputy, getPublicOpinionStatus, submitPublicOpinion } from '../modules/duty/duty.public.js';
import { presentPublicOpinion } from '../modules/duty/duty.presenter.js';
import { html, SafeHtml } from './html.js';
import { portalPage } from './layout.js';

type PublicDeputy = Awaited<ReturnType<typeof getPublicDeputy>>;

interface FormValues {
  content?: string;
  villageId?: string;
  residentName?: string;
  residentPhone?: string;
}

const LEVEL = { township: '镇人大代表', county: '县人大代表' } as const;

function formPage(code: string, d: PublicDeputy, challenge: { token: string; question: string }, values: FormValues = {}, errors: Record<string, string> = {}): string {
  const err = (field: string) => (errors[field] ? html`<p class="field-error" id="${field}-error" role="alert">${errors[field]}</p>` : '');
  const described = (field: string) => (errors[field] ? new SafeHtml(` aria-describedby="${field}-error" aria-invalid="true"`) : '');
  const body = html`<section aria-labelledby="h"><h2 id="h">向${d.deputyName}代表反映意见</h2>
<p>${d.deputyName}，${d.townshipName}${LEVEL[d.level as keyof typeof LEVEL] ?? '人大代表'}${d.constituencyName ? html`，${d.constituencyName}` : ''}。您反映的意见由代表收集、梳理后向有关方面反映，办理结果可凭回执编号查询。</p>
${errors.form ? html`<p class="field-error" role="alert">${errors.form}</p>` : ''}
<form method="post" action="/d/${code}" class="opinion-form">
<p><label for="content">意见内容（必填）</label><br><textarea id="content" name="content" rows="6" maxlength="2000" required${described('content')}>${values.content ?? ''}</textarea></p>${err('content')}
<p><label for="villageId">所在村（社区）</label><br><select id="villageId" name="villageId"><option value="">不填写</option>${d.villages.map((v) => html`<option value="${v.id}"${values.villageId === v.id ? new SafeHtml(' selected') : ''}>${v.name}</option>`)}</select></p>
<p><label for="residentName">您的称呼（可不填）</label><br><input id="residentName" name="residentName" maxlength="30" value="${values.residentName ?? ''}"></p>
<p><label for="residentPhone">联系电话（可不填，填写后可告知您办理结果）</label><br><input id="residentPhone" name="residentPhone" inputmode="tel" maxlength="20" value="${values.residentPhone ?? ''}"${described('residentPhone')}></p>${err('residentPhone')}
<p><label for="challengeAnswer">请计算：${challenge.question.replace(' = ?', '')} 等于多少？（防止机器提交）</label><br><input id="challengeAnswer" name="challengeAnswer" inputmode="numeric" pattern="-?[0-9]+" maxlength="4" required${described('challengeAnswer')}></p>${err('challengeAnswer')}
<input type="hidden" name="challengeToken" value="${challenge.token}">
<p><button type="submit">提交意见</button></p>
<p class="note">您留下的联系方式仅用于告知办理结果，受个人信息保护法保护，不会公开。</p>
</form></section>`;
  return portalPage({ title: `向${d.deputyName}代表反映意见`, body, crumbs: [{ label: d.townshipName, href: `/t/${d.townshipCode}/` }, { label: '向代表反映意见' }] });
}

const ZForm = z.object({
  content: z.string().trim().max(2000).default(''),
  villageId: z.string().trim().max(64).default(''),
  residentName: z.string().trim().max(30).default(''),
  residentPhone: z.string().trim().max(20).default(''),
  challengeToken: z.string().max(1000).default(''),
  challengeAnswer: z.string().trim().max(10).default(''),
});

/** The 代表码 form a resident opens by scanning a deputy's QR code, and the outcome lookup. */
export function opinionPages(app: App, { db, publicForms }: AppDeps): void {
  const html200 = (reply: FastifyReply, page: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page);
  const notFound = (reply: FastifyReply) => html200(reply, portalPage({ title: '未找到', body: html`<section><h2>未找到</h2><p>二维码或链接已失效，或该代表已不再履职。<a href="/">返回首页</a></p></section>` }), 404);

  async function deputyOr404(code: string): Promise<PublicDeputy | null> {
    if (!/^[a-z0-9]{6,20}$/.test(code)) return null;
    try {
      return await getPublicDeputy(db, code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  app.get<{ Params: { code: string } }>('/d/:code', { schema: { hide: true } }, async (req, reply) => {
    const d = await deputyOr404(req.params.code);
    if (!d) return notFound(reply);
    return html200(reply, formPage(req.params.code, d, publicForms.challenges.issue(req.params.code)));
  });

  app.post<{ Params: { code: string } }>('/d/:code', { schema: { hide: true } }, async (req: FastifyRequest<{ Params: { code: string } }>, reply) => {
    const code = req.params.code;
    const d = await deputyOr404(code);
    if (!d) return notFound(reply);
    const values = ZForm.parse(req.body ?? {});
    const again = (errors: Record<string, string>, status = 400) => html200(reply, formPage(code, d, publicForms.challenges.issue(code), values, errors), status);
    if (!publicForms.limiter.hit(req.ip)) return again({ form: '提交过于频繁，请10分钟后再试。' }, 429);
    const errors: Record<string, string> = {};
    if (!values.content) errors.content = '请填写意见内容。';
    if (values.residentPhone && !isPhoneNumber(values.residentPhone)) errors.residentPhone = '联系电话格式不正确，可填写手机号或带区号的固定电话。';
    const answer = Number(values.challengeAnswer);
    if (!publicForms.challenges.verify(values.challengeToken, Number.isInteger(answer) ? answer : NaN, code)) errors.challengeAnswer = '计算结果不正确或已过期，请重新计算。';
    if (Object.keys(errors).length) return again(errors);
    const r = await submitPublicOpinion(db, code, {
      content: values.content, villageId: values.villageId || null, residentName: values.residentName || null, residentPhone: values.residentPhone || null,
    });
    return html200(reply, portalPage({
      title: '意见已提交',
      crumbs: [{ label: d.townshipName, href: `/t/${d.townshipCode}/` }, { label: '意见已提交' }],
      body: html`<section aria-labelledby="ok"><h2 id="ok">意见已提交</h2>
<p>感谢您向${d.deputyName}代表反映意见。请记下回执编号：</p><p class="receipt">${r.refNo}</p>
<p>凭此编号可随时<a href="/o/${r.refNo}">查询办理情况</a>。</p></section>`,
    }), 201);
  });

  app.get<{ Params: { refNo: string } }>('/o/:refNo', { schema: { hide: true } }, async (req, reply) => {
    try {
      const { o, status } = await getPublicOpinionStatus(db, req.params.refNo);
      const p = presentPublicOpinion(o, status);
      return html200(reply, portalPage({
        title: `意见办理情况 ${p.refNo}`,
        crumbs: [{ label: '意见办理情况' }],
        body: html`<section aria-labelledby="st"><h2 id="st">意见办理情况</h2>
<dl><dt>回执编号</dt><dd>${p.refNo}</dd><dt>提交日期</dt><dd>${p.receivedOn}</dd><dt>办理状态</dt><dd>${p.statusLabel}</dd>
${p.suggestion ? html`<dt>形成建议</dt><dd>编号 ${p.suggestion.refNo ?? ''}，${p.suggestion.stateLabel}</dd>` : ''}
${p.settledNote ? html`<dt>办理说明</dt><dd>${p.settledNote}</dd>` : ''}</dl></section>`,
      }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return notFound(reply);
      throw err;
    }
  });
}
