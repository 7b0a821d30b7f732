import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/auth/actor.js';
import { getPublicCode } from '../../src/server/modules/duty/duty.public.js';
import { buildDeputy } from '../helpers/deputy-factories.js';
import { buildTownship } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { openNullable } from '../../src/server/security/personal-data.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function deputyCode() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const d = await buildDeputy(db, t.id, { name: '王秀英' });
  const { publicCode } = await getPublicCode(db, { ...systemActor('test'), townshipId: t.id }, d.id);
  return { t, d, code: publicCode };
}

/** Reads the challenge off the form page and answers it. */
function solve(page: string, wrong = false): { token: string; answer: string } {
  const token = /name="challengeToken" value="([^"]+)"/.exec(page)![1]!;
  const [, a, b] = /请计算：(\d+) \+ (\d+) 等于多少/.exec(page)!;
  return { token, answer: String(Number(a) + Number(b) + (wrong ? 1 : 0)) };
}

function post(code: string, fields: Record<string, string>, ip = '10.0.0.1') {
  return ctx.app.inject({
    method: 'POST', url: `/d/${code}`, remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

describe('portal: a resident’s opinion to a deputy (代表码 form)', () => {
  it('works without JavaScript: form, human check, receipt, outcome lookup without personal data', async () => {
    const { code, d } = await deputyCode();
    const form = await ctx.app.inject({ method: 'GET', url: `/d/${code}` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('向王秀英代表反映意见');
    expect(form.body).not.toContain('<script');
    const { token, answer } = solve(form.body);
    const content = '村口路灯坏了三个月<script>alert(1)</script>';
    const res = await post(code, { content, residentName: '李大爷', residentPhone: '13912345678', challengeToken: token, challengeAnswer: answer }, '10.0.1.1');
    expect(res.statusCode).toBe(201);
    const refNo = /<p class="receipt">([^<]+)<\/p>/.exec(res.body)![1]!;
    const row = await ctx.database.db.selectFrom('resident_opinions').select(['content', 'resident_phone', 'deputy_id', 'source']).where('ref_no', '=', refNo).executeTakeFirstOrThrow();
    // The phone is stored sealed (个人信息保护法), never in plain text.
    expect({ ...row, resident_phone: openNullable(row.resident_phone) }).toEqual({ content, resident_phone: '13912345678', deputy_id: d.id, source: 'portal' });
    expect(row.resident_phone).not.toContain('13912345678');
    const status = await ctx.app.inject({ method: 'GET', url: `/o/${refNo}` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(refNo);
    expect(status.body).not.toContain('13912345678');
    expect(status.body).not.toContain('路灯');
    expect(status.body).not.toContain('李大爷');
  });

  it('refuses a wrong answer or a reused challenge, keeps what was typed, and stores nothing', async () => {
    const { code } = await deputyCode();
    const form = await ctx.app.inject({ method: 'GET', url: `/d/${code}` });
    const wrong = solve(form.body, true);
    const res = await post(code, { content: '河道垃圾多', challengeToken: wrong.token, challengeAnswer: wrong.answer }, '10.0.2.1');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('计算结果不正确或已过期');
    expect(res.body).toContain('河道垃圾多</textarea>');
    const badPhone = solve(res.body);
    const res2 = await post(code, { content: '河道垃圾多', residentPhone: '12345', challengeToken: badPhone.token, challengeAnswer: badPhone.answer }, '10.0.2.1');
    expect(res2.statusCode).toBe(400);
    expect(res2.body).toContain('联系电话格式不正确');
    // The challenge of res2's form was used up by that post.
    const res3 = await post(code, { content: '河道垃圾多', challengeToken: badPhone.token, challengeAnswer: badPhone.answer }, '10.0.2.1');
    expect(res3.statusCode).toBe(400);
    expect(await ctx.database.db.selectFrom('resident_opinions').select('id').where('content', '=', '河道垃圾多').execute()).toEqual([]);
  });

  it('limits one address to 5 posts in 10 minutes: the 6th gets 429', async () => {
    const { code } = await deputyCode();
    for (let i = 1; i <= 5; i++) {
      const form = await ctx.app.inject({ method: 'GET', url: `/d/${code}` });
      const { token, answer } = solve(form.body);
      expect((await post(code, { content: `意见${i}`, challengeToken: token, challengeAnswer: answer }, '10.0.3.1')).statusCode).toBe(201);
    }
    const form = await ctx.app.inject({ method: 'GET', url: `/d/${code}` });
    const { token, answer } = solve(form.body);
    const sixth = await post(code, { content: '意见6', challengeToken: token, challengeAnswer: answer }, '10.0.3.1');
    expect(sixth.statusCode).toBe(429);
    expect(await ctx.database.db.selectFrom('resident_opinions').select('id').where('content', '=', '意见6').execute()).toEqual([]);
    // Another address is not affected.
    expect((await post(code, { content: '意见7', challengeToken: token, challengeAnswer: answer }, '10.0.3.2')).statusCode).toBe(201);
  });

  it('answers 404 for an unknown code or reference', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/d/nosuchcode1' })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/o/NOPE-0000' })).statusCode).toBe(404);
  });
});
