import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerChallenge, buildDutyWorld, buildOpinion, SIMILAR_ROAD, UNRELATED, type DutyWorld } from '../helpers/duty-factories.js';
import { loginAs } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

let ipSeq = 0;
/** Each test its own client address, so the per-IP limit of one test does not reach another. */
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

async function seedSimilar(w: DutyWorld): Promise<{ road: string[]; other: string }> {
  const road = [];
  for (const c of SIMILAR_ROAD) road.push(await buildOpinion(ctx.database.db, w, c, { residentPhone: '13912345678', residentName: '李四' }));
  return { road, other: await buildOpinion(ctx.database.db, w, UNRELATED) };
}

describe('consolidation (梳理归纳)', () => {
  it('proposes the similar opinions as one group and leaves the unrelated one out', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const { road, other } = await seedSimilar(w);
    const office = await loginAs(ctx.app, w.office);
    const res = await office.request('GET', `/api/v1/townships/${w.township.id}/opinion-proposals?year=2026`);
    expect(res.statusCode).toBe(200);
    const groups = res.json().groups as { opinionIds: string[]; suggestedTitle: string }[];
    expect(groups).toHaveLength(1);
    expect(groups[0]!.opinionIds.sort()).toEqual([...road].sort());
    expect(groups[0]!.opinionIds).not.toContain(other);
    expect(groups[0]!.suggestedTitle.length).toBeGreaterThan(0);
    // Only the office consolidates.
    const p = await loginAs(ctx.app, w.presidium);
    expect((await p.request('GET', `/api/v1/townships/${w.township.id}/opinion-proposals?year=2026`)).statusCode).toBe(403);
  });

  it('three opinions consolidated into one suggestion keep links both ways; each opinion shows its outcome; the resident is told', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const { road, other } = await seedSimilar(w);
    const office = await loginAs(ctx.app, w.office);
    const created = await office.request('POST', `/api/v1/townships/${w.township.id}/opinion-consolidations`, {
      title: '关于硬化村道的建议', summary: '多位群众反映村道坑洼泥泞，出行困难，建议硬化。', category: '交通', opinionIds: road,
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ opinionCount: 3, isLocked: false, suggestion: null });
    expect((await office.request('GET', `/api/v1/resident-opinions/${road[0]}`)).json()).toMatchObject({ status: 'consolidated', outcome: { consolidationId: c.id, consolidationTitle: '关于硬化村道的建议' } });
    // An opinion can be in one consolidated item only.
    const again = await office.request('POST', `/api/v1/townships/${w.township.id}/opinion-consolidations`, { title: 't', summary: 's', opinionIds: [road[0], other] });
    expect(again.json().error.code).toBe('OPINION_STATE_INVALID');
    // Notifying needs an outcome first.
    expect((await office.request('POST', `/api/v1/resident-opinions/${road[0]}/notifications`, { method: 'sms', note: '已告知' })).json().error.code).toBe('OPINION_STATE_INVALID');

    const made = await office.request('POST', `/api/v1/opinion-consolidations/${c.id}/suggestion`, { authorDeputyId: w.deputy.deputy.id });
    expect(made.statusCode).toBe(201);
    const suggestion = made.json().suggestion;
    expect(suggestion).toMatchObject({ state: 'submitted', stateLabel: '待立案' });
    expect(suggestion.refNo).toMatch(/^\d{4}-\d{3}$/);
    expect(made.json().isLocked).toBe(true);

    // The suggestion: a 建议 by the chosen deputy, entered on paper by the office, history says where it came from.
    const s = (await office.request('GET', `/api/v1/suggestions/${suggestion.id}`)).json();
    expect(s).toMatchObject({ kind: 'suggestion', state: 'submitted', authorDeputyId: w.deputy.deputy.id, title: '关于硬化村道的建议' });
    expect(s.content).toContain('根据群众意见3条梳理归纳');
    expect(s.signers).toEqual([expect.objectContaining({ deputyId: w.deputy.deputy.id, isAuthor: true, confirmation: 'paper' })]);
    expect(s.events.at(-1)).toMatchObject({ action: 'from_opinions', detail: expect.objectContaining({ consolidationId: c.id, opinionCount: 3 }) });
    // From the suggestion back to its opinions (the author deputy may look too).
    const author = await loginAs(ctx.app, w.deputy.user);
    const back = await author.request('GET', `/api/v1/suggestions/${suggestion.id}/source-opinions`);
    expect(back.statusCode).toBe(200);
    expect(back.json().consolidation.opinions.map((o: { id: string }) => o.id).sort()).toEqual([...road].sort());
    // Each opinion shows what became of it.
    for (const id of road) {
      expect((await office.request('GET', `/api/v1/resident-opinions/${id}`)).json()).toMatchObject({
        status: 'suggested', statusLabel: '已转为建议', outcome: { consolidationId: c.id, suggestion: { id: suggestion.id, refNo: suggestion.refNo, state: 'submitted' } },
      });
    }
    const list = (await office.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions?status=suggested`)).json();
    expect(list.total).toBe(3);
    // Locked after it became a suggestion.
    expect((await office.request('DELETE', `/api/v1/opinion-consolidations/${c.id}/opinions/${road[0]}`)).json().error.code).toBe('CONSOLIDATION_LOCKED');
    expect((await office.request('POST', `/api/v1/opinion-consolidations/${c.id}/suggestion`, { authorDeputyId: w.deputy.deputy.id })).json().error.code).toBe('CONSOLIDATION_LOCKED');

    // Telling the resident: recorded, not sent.
    const told = await office.request('POST', `/api/v1/resident-opinions/${road[0]}/notifications`, { method: 'sms', note: '已短信告知已形成代表建议', notifiedOn: '2026-06-01' });
    expect(told.statusCode).toBe(200);
    expect(told.json().notifications).toEqual([expect.objectContaining({ method: 'sms', notifiedOn: '2026-06-01', recordedByName: expect.any(String) })]);
    // The unrelated one has no phone: settled directly, told in person only.
    await office.request('POST', `/api/v1/resident-opinions/${other}/close`, { note: '已转卫生院补充药品' });
    expect((await office.request('POST', `/api/v1/resident-opinions/${other}/notifications`, { method: 'phone', note: 'x' })).json().error.code).toBe('OPINION_NO_CONTACT');
    expect((await office.request('POST', `/api/v1/resident-opinions/${other}/notifications`, { method: 'other', note: '入户告知' })).statusCode).toBe(200);
  });

  it('split: an opinion taken out of a consolidated item is open again; the last one out dissolves it', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const { road, other } = await seedSimilar(w);
    const office = await loginAs(ctx.app, w.office);
    const c = (await office.request('POST', `/api/v1/townships/${w.township.id}/opinion-consolidations`, { title: '村道', summary: '硬化村道', opinionIds: [...road, other] })).json();
    const split = await office.request('DELETE', `/api/v1/opinion-consolidations/${c.id}/opinions/${other}`);
    expect(split.statusCode).toBe(200);
    expect(split.json()).toMatchObject({ isDissolved: false, consolidation: { opinionCount: 3 } });
    expect((await office.request('GET', `/api/v1/resident-opinions/${other}`)).json()).toMatchObject({ status: 'open', outcome: { consolidationId: null } });
    // Merge it back, then take everything out.
    expect((await office.request('POST', `/api/v1/opinion-consolidations/${c.id}/opinions`, { opinionIds: [other] })).json().opinionCount).toBe(4);
    for (const id of [...road]) expect((await office.request('DELETE', `/api/v1/opinion-consolidations/${c.id}/opinions/${id}`)).json().isDissolved).toBe(false);
    expect((await office.request('DELETE', `/api/v1/opinion-consolidations/${c.id}/opinions/${other}`)).json()).toEqual({ isDissolved: true, consolidation: null });
    expect((await office.request('GET', `/api/v1/opinion-consolidations/${c.id}`)).statusCode).toBe(404);
    expect((await office.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions?status=open`)).json().total).toBe(4);
    // Another township cannot touch it.
    const stranger = await loginAs(ctx.app, (await buildDutyWorld(ctx.database.db)).office);
    expect((await stranger.request('POST', `/api/v1/townships/${w.township.id}/opinion-consolidations`, { title: 't', summary: 's', opinionIds: road })).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/resident-opinions/${road[0]}`)).statusCode).toBe(404);
  });
});

describe('residents\' personal data', () => {
  it('the phone is masked everywhere; the office and the addressed deputy reveal it, audited; others may not', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const id = await buildOpinion(ctx.database.db, w, '路灯不亮', { residentPhone: '0371-12345678', residentName: '王小明' });
    const office = await loginAs(ctx.app, w.office);
    const seen = (await office.request('GET', `/api/v1/resident-opinions/${id}`)).json();
    expect(seen.resident).toEqual({ nameMasked: '王**', phoneMasked: '0371-****5678', hasPhone: true });
    expect(seen.canRevealContact).toBe(true);
    const listed = (await office.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).body;
    expect(listed).not.toContain('12345678');
    const auditCount = async () => (await ctx.database.db.selectFrom('audit_log').select(['actor_id']).where('entity_id', '=', id).where('action', '=', 'resident_opinion.reveal_contact').execute());
    const revealed = await office.request('POST', `/api/v1/resident-opinions/${id}/reveal-contact`);
    expect(revealed.json()).toEqual({ name: '王小明', phone: '0371-12345678' });
    expect((await auditCount()).map((a) => a.actor_id)).toEqual([w.office.id]);
    const deputy = await loginAs(ctx.app, w.deputy.user);
    expect((await deputy.request('POST', `/api/v1/resident-opinions/${id}/reveal-contact`)).statusCode).toBe(200);
    expect(await auditCount()).toHaveLength(2);
    const presidium = await loginAs(ctx.app, w.presidium);
    expect((await presidium.request('POST', `/api/v1/resident-opinions/${id}/reveal-contact`)).statusCode).toBe(403);
    const other = await loginAs(ctx.app, w.other.user);
    expect((await other.request('POST', `/api/v1/resident-opinions/${id}/reveal-contact`)).statusCode).toBe(404);
    expect(await auditCount()).toHaveLength(2);
  });
});

describe('the public opinion form behind a deputy\'s 代表码', () => {
  async function codeOf(w: DutyWorld): Promise<string> {
    const s = await loginAs(ctx.app, w.deputy.user);
    const r = await s.request('GET', `/api/v1/deputies/${w.deputy.deputy.id}/public-code`);
    expect(r.statusCode).toBe(200);
    expect(r.json().path).toBe(`/d/${r.json().publicCode}`);
    // Stable: the same code the second time.
    expect((await s.request('GET', `/api/v1/deputies/${w.deputy.deputy.id}/public-code`)).json().publicCode).toBe(r.json().publicCode);
    return r.json().publicCode as string;
  }

  it('the QR code encodes the form address', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const code = await codeOf(w);
    const office = await loginAs(ctx.app, w.office);
    const qr = await office.request('GET', `/api/v1/deputies/${w.deputy.deputy.id}/qr`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.headers['x-opinion-url']).toMatch(new RegExp(`/d/${code}$`));
    expect(qr.body).toContain('<svg');
    // Another deputy may not fetch someone else's code: for them it does not exist (404).
    const other = await loginAs(ctx.app, w.other.user);
    expect((await other.request('GET', `/api/v1/deputies/${w.deputy.deputy.id}/qr`)).statusCode).toBe(404);
  });

  it('needs the signed check: missing, wrong or reused answers are refused; a right one gives a reference without personal data', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const code = await codeOf(w);
    const ip = nextIp();
    const info = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/deputies/${code}` });
    expect(info.json()).toMatchObject({ deputyName: w.deputy.deputy.name, townshipName: w.township.name });
    expect(info.json().villages).toHaveLength(3);
    const post = (body: object) => ctx.app.inject({ method: 'POST', url: `/api/v1/public/deputies/${code}/opinions`, payload: body, remoteAddress: ip });
    const base = { content: '河道垃圾多，希望清理', villageId: w.villageIds[1], residentName: '赵六', residentPhone: '13700001111' };
    expect((await post(base)).statusCode).toBe(400);
    const ch = await answerChallenge(ctx.app, code, ip);
    const wrong = await post({ ...base, challengeToken: ch.challengeToken, challengeAnswer: ch.challengeAnswer + 1 });
    expect(wrong.json().error.code).toBe('CHALLENGE_FAILED');
    const forged = await post({ ...base, challengeToken: `${ch.challengeToken.split('.')[0]}.AAAA`, challengeAnswer: ch.challengeAnswer });
    expect(forged.json().error.code).toBe('CHALLENGE_FAILED');
    const ch2 = await answerChallenge(ctx.app, code, ip);
    const ok = await post({ ...base, ...ch2 });
    expect(ok.statusCode).toBe(201);
    const { refNo } = ok.json();
    expect(refNo).toMatch(/^M[A-Z0-9]{10}$/);
    expect((await post({ ...base, ...ch2 })).json().error.code).toBe('CHALLENGE_FAILED');

    const look = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/opinions/${refNo}` });
    expect(look.statusCode).toBe(200);
    expect(look.json()).toEqual({ refNo, receivedOn: expect.any(String), status: 'received', statusLabel: '已收到，正在梳理', suggestion: null, settledNote: null });
    for (const secret of ['赵六', '13700001111', '1111', '河道垃圾']) expect(look.body).not.toContain(secret);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/opinions/MXXXXXXXXXX' })).statusCode).toBe(404);

    // The deputy finds it addressed to them; the office sees it as from the portal.
    const d = await loginAs(ctx.app, w.deputy.user);
    const mine = (await d.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).json();
    expect(mine.items).toEqual([expect.objectContaining({ refNo, source: 'portal', deputyId: w.deputy.deputy.id, resident: { nameMasked: '赵*', phoneMasked: '137****1111', hasPhone: true } })]);
    const other = await loginAs(ctx.app, w.other.user);
    expect((await other.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).json().total).toBe(0);
  });

  it('is rate limited per address: the sixth attempt in ten minutes gets 429', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const code = await codeOf(w);
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const ch = await answerChallenge(ctx.app, code, ip);
      const r = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/deputies/${code}/opinions`, payload: { content: `意见${i}`, ...ch }, remoteAddress: ip });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json().error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const ch = await answerChallenge(ctx.app, code, nextIp());
    const fresh = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/deputies/${code}/opinions`, payload: { content: '另一台手机', ...ch }, remoteAddress: nextIp() });
    expect(fresh.statusCode).toBe(201); // another address has its own allowance
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/deputies/nosuchcode1/challenge' })).statusCode).toBe(404);
  });

  it('the lookup shows the suggestion an opinion became, still without personal data', async () => {
    const w = await buildDutyWorld(ctx.database.db);
    const code = await codeOf(w);
    const ip = nextIp();
    const refs: string[] = [];
    for (const content of SIMILAR_ROAD.slice(0, 2)) {
      const ch = await answerChallenge(ctx.app, code, ip);
      refs.push((await ctx.app.inject({ method: 'POST', url: `/api/v1/public/deputies/${code}/opinions`, payload: { content, residentPhone: '13600002222', ...ch }, remoteAddress: ip })).json().refNo);
    }
    const office = await loginAs(ctx.app, w.office);
    const ids = (await office.request('GET', `/api/v1/townships/${w.township.id}/resident-opinions`)).json().items.map((o: { id: string }) => o.id);
    const c = (await office.request('POST', `/api/v1/townships/${w.township.id}/opinion-consolidations`, { title: '硬化村道', summary: '群众反映村道泥泞', opinionIds: ids })).json();
    const made = (await office.request('POST', `/api/v1/opinion-consolidations/${c.id}/suggestion`, { authorDeputyId: w.deputy.deputy.id })).json();
    const look = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/opinions/${refs[0]}` })).json();
    expect(look).toMatchObject({ status: 'suggested', suggestion: { refNo: made.suggestion.refNo, state: 'submitted', stateLabel: '待立案' } });
    expect(JSON.stringify(look)).not.toContain('13600002222');
  });
});
