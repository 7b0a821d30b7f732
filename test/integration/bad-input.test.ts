import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let s: Session;
let townshipId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const t = await buildTownship(ctx.database.db);
  townshipId = t.id;
  const u = await buildUser(ctx.database.db, t.id, 'office');
  s = await login(ctx.app, u.username, TEST_PASSWORD);
});
afterAll(async () => { await ctx.close(); });

describe('bad input gets a clear error and changes nothing', () => {
  it('malformed JSON: 400 MALFORMED_JSON, in Chinese by default and English on request', async () => {
    const send = (lang?: string) => ctx.app.inject({
      method: 'POST', url: `/api/v1/townships/${townshipId}/units`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      payload: '{"name": "财政所", ',
    });
    const zh = await send();
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({ error: { code: 'MALFORMED_JSON', message: '请求内容不是有效的 JSON' } });
    expect((await send('en-US,en;q=0.9')).json().error.message).toBe('The request body is not valid JSON');
  });

  it('wrong types and unknown fields: 400 VALIDATION_FAILED naming each field', async () => {
    const res = await s.request('POST', `/api/v1/townships/${townshipId}/units`, { name: 123, type: 'bank', hasEnforcementPower: 'yes', extra: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'type', 'hasEnforcementPower']));
    expect(body.error.fields.some((f: { message: string }) => f.message.includes('extra'))).toBe(true);
    const en = await s.request('POST', `/api/v1/townships/${townshipId}/units`, { name: 123, type: 'station', hasEnforcementPower: false }, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/invalid/i);
  });

  it('an oversized body: 413', async () => {
    const res = await s.request('POST', `/api/v1/townships/${townshipId}/units`, { name: 'x'.repeat(2 * 1024 * 1024), type: 'station', hasEnforcementPower: false });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('stores SQL and HTML metacharacters unchanged and escapes them on the portal', async () => {
    const name = `'; DROP TABLE units; -- <script>alert("x")</script>&`;
    const res = await s.request('POST', `/api/v1/townships/${townshipId}/villages`, { name, kind: 'village' });
    expect(res.statusCode).toBe(201);
    const list = await s.request('GET', `/api/v1/townships/${townshipId}/villages`);
    expect(list.json().items.some((v: { name: string }) => v.name === name)).toBe(true);
    const t = await ctx.database.db.selectFrom('townships').select('code').where('id', '=', townshipId).executeTakeFirstOrThrow();
    const page = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
  });

  it('unknown API routes answer 404 in the error shape', async () => {
    const res = await s.request('GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('every response carries the security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('publishes the OpenAPI document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/townships/{townshipId}/units']));
  });
});
