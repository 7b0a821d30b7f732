import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../helpers/test-db.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

// First-run setup needs an empty database: only the per-file SQLite database is empty.
describe.runIf(TEST_DB === 'sqlite')('first-run setup on an empty database', () => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await createTestContext(); });
  afterAll(async () => { await ctx.close(); });

  it('creates the township from its code and the first office account, once', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { townshipCode: '42128', username: 'admin', displayName: '管理员', password: 'Setup#2026x' } });
    expect(bad.json().error.code).toBe('TOWNSHIP_CODE_INVALID');
    const weak = await ctx.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { townshipCode: '421281100', username: 'admin', displayName: '管理员', password: 'short' } });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    // A failed setup left nothing behind: it can still run.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { townshipCode: '421281100', username: 'admin', displayName: '管理员', password: 'Setup#2026x' } });
    expect(ok.statusCode).toBe(201);
    const s = await login(ctx.app, 'admin', 'Setup#2026x');
    const villages = await s.request('GET', `/api/v1/townships/${ok.json().townshipId}/villages`);
    expect(villages.json().items.length).toBe(11);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { townshipCode: '421281101', username: 'admin2', displayName: '管理员', password: 'Setup#2026x' } })).statusCode).toBe(409);
  });
});
