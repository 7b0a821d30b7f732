import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../helpers/factories.js';
import {
  buildAssignedSuggestion, buildDeputyWithLogin, buildSuggestion, buildSuggestionWorld, buildUnitWithHandler, loginAs, replyAsLead,
} from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function snapshot(id: string) {
  const db = ctx.database.db;
  return {
    s: await db.selectFrom('suggestions').select(['state', 'round', 'updated_at', 'feedback', 'is_public', 'category']).where('id', '=', id).executeTakeFirstOrThrow(),
    events: (await db.selectFrom('suggestion_events').select('id').where('suggestion_id', '=', id).execute()).length,
    contacts: (await db.selectFrom('suggestion_contacts').select('id').where('suggestion_id', '=', id).execute()).length,
  };
}

describe('suggestions: who sees and does what', () => {
  it('should not show a suggestion to a handler of another unit: 404 for reading and acting, nothing changed', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w);
    const stranger = await buildUnitWithHandler(db, w.township.id, '林业站');
    const s = await loginAs(ctx.app, stranger.user);
    const before = await snapshot(id);
    expect((await s.request('GET', `/api/v1/suggestions/${id}`)).statusCode).toBe(404);
    expect((await s.request('POST', `/api/v1/suggestions/${id}/contacts`, { method: 'phone', note: 'x' })).statusCode).toBe(404);
    expect((await s.request('POST', `/api/v1/suggestions/${id}/reply`, { grade: 'A', content: 'x' })).statusCode).toBe(404);
    const list = (await s.request('GET', `/api/v1/townships/${w.township.id}/suggestions`)).json();
    expect(list).toEqual({ items: [], total: 0 });
    expect(await snapshot(id)).toEqual(before);
    // The lead and co units do see it, and only what is theirs.
    const lead = await loginAs(ctx.app, w.lead.user);
    expect((await lead.request('GET', `/api/v1/townships/${w.township.id}/suggestions`)).json().total).toBe(1);
  });

  it('a unit loses sight of a suggestion re-assigned away from it', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w);
    const office = await loginAs(ctx.app, w.office);
    const moved = await office.request('POST', `/api/v1/suggestions/${id}/assign`, { leadUnitId: w.co.unit.id, assignedOn: '2026-02-01' });
    expect(moved.json()).toMatchObject({ state: 'assigned', leadUnitId: w.co.unit.id, deadline: { replyDueOn: '2026-05-01' } });
    expect(moved.json().events.at(-1).action).toBe('reassign');
    const lead = await loginAs(ctx.app, w.lead.user);
    expect((await lead.request('GET', `/api/v1/suggestions/${id}`)).statusCode).toBe(404);
  });

  it('a deputy sees only their own (as author or co-signer) and gives feedback only on their own', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const cosigner = await buildDeputyWithLogin(db, w.township.id);
    const outsider = await buildDeputyWithLogin(db, w.township.id);
    const id = await buildAssignedSuggestion(db, w, { coSignerIds: [cosigner.deputy.id] });
    await replyAsLead(db, w, id, 'A');
    const before = await snapshot(id);

    const o = await loginAs(ctx.app, outsider.user);
    expect((await o.request('GET', `/api/v1/suggestions/${id}`)).statusCode).toBe(404);
    expect((await o.request('POST', `/api/v1/suggestions/${id}/feedback`, { rating: 'dissatisfied' })).statusCode).toBe(404);
    expect((await o.request('GET', `/api/v1/townships/${w.township.id}/suggestions`)).json().total).toBe(0);

    const c = await loginAs(ctx.app, cosigner.user);
    const seen = await c.request('GET', `/api/v1/suggestions/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().actions).not.toContain('feedback');
    expect((await c.request('POST', `/api/v1/suggestions/${id}/feedback`, { rating: 'dissatisfied' })).statusCode).toBe(403);
    expect(await snapshot(id)).toEqual(before);

    const a = await loginAs(ctx.app, w.author.user);
    expect((await a.request('GET', `/api/v1/suggestions/${id}`)).json().actions).toContain('feedback');
    expect((await a.request('POST', `/api/v1/suggestions/${id}/feedback`, { rating: 'satisfied' })).json().state).toBe('closed');
  });

  it('should not let another township read or change a suggestion: 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildSuggestion(db, w);
    const other = await buildSuggestionWorld(db);
    const before = await snapshot(id);
    const office = await loginAs(ctx.app, other.office);
    const presidium = await loginAs(ctx.app, other.presidium);
    expect((await office.request('GET', `/api/v1/suggestions/${id}`)).statusCode).toBe(404);
    expect((await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '交通' })).statusCode).toBe(404);
    expect((await office.request('POST', `/api/v1/suggestions/${id}/return`, { reason: '越权' })).statusCode).toBe(404);
    expect((await office.request('GET', `/api/v1/suggestions/${id}/similar`)).statusCode).toBe(404);
    expect((await presidium.request('POST', `/api/v1/suggestions/${id}/supervisions`, { method: 'reminder', note: 'x' })).statusCode).toBe(404);
    for (const path of ['suggestions', 'suggestion-stats', 'suggestions/export']) {
      expect((await office.request('GET', `/api/v1/townships/${w.township.id}/${path}`)).statusCode).toBe(404);
    }
    expect((await office.request('POST', `/api/v1/townships/${w.township.id}/suggestions`, {
      kind: 'suggestion', title: 't', content: 'c', raisedAt: 'session', authorDeputyId: w.author.deputy.id,
    })).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('the presidium supervises (督办) and reads statistics but cannot register; a village clerk sees nothing', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w);
    const p = await loginAs(ctx.app, w.presidium);
    const sup = await p.request('POST', `/api/v1/suggestions/${id}/supervisions`, { method: 'site_visit', note: '主席团到现场督办', actedOn: '2026-01-05' });
    expect(sup.statusCode).toBe(200);
    expect(sup.json().supervisions).toEqual([expect.objectContaining({ method: 'site_visit', actedOn: '2026-01-05' })]);
    const other = await buildSuggestion(db, w);
    expect((await p.request('POST', `/api/v1/suggestions/${other}/register`, { category: '交通' })).statusCode).toBe(403);
    expect((await p.request('GET', `/api/v1/townships/${w.township.id}/suggestion-stats`)).statusCode).toBe(200);
    const clerk = await buildUser(db, w.township.id, 'village_clerk');
    const c = await loginAs(ctx.app, clerk);
    expect((await c.request('GET', `/api/v1/suggestions/${id}`)).statusCode).toBe(404);
    // A unit handler cannot register or assign either.
    const lead = await loginAs(ctx.app, w.lead.user);
    expect((await lead.request('POST', `/api/v1/suggestions/${id}/assign`, { leadUnitId: w.lead.unit.id })).statusCode).toBe(403);
  });

  it('the portal shows only consented suggestions in public states', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const consented = await buildAssignedSuggestion(db, w, { isPublic: true, title: '公开的建议' });
    await buildAssignedSuggestion(db, w, { isPublic: false, title: '不公开的建议' });
    await buildSuggestion(db, w, { isPublic: true, title: '未立案的建议' });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${w.township.code}/suggestions` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['公开的建议']);
    // The author withdraws consent: gone from the portal.
    const a = await loginAs(ctx.app, w.author.user);
    expect((await a.request('POST', `/api/v1/suggestions/${consented}/consent`, { isPublic: false })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${w.township.code}/suggestions` })).json().items).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${w.township.code}/suggestions/2026-999` })).statusCode).toBe(404);
  });
});
