import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

function postLogin(username: string, password: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });
}

describe('login', () => {
  it('signs in with the right password and sets an HttpOnly SameSite cookie', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const res = await postLogin(u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'renda_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user.username).toBe(u.username);
    expect(body.townships.map((x: { id: string }) => x.id)).toEqual([t.id]);
    expect(body.abilities['user.manage']).toBe(true);
  });

  it('answers a wrong password exactly as an unknown user', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const wrong = await postLogin(u.username, 'Wrong#Pass1');
    const unknown = await postLogin('nobody-here', 'Wrong#Pass1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe('用户名或密码错误');
  });

  it('locks the account at the 5th failure in a row, not the 4th, for 15 minutes, and says so to nobody', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'deputy');
    for (let i = 1; i <= 4; i++) expect((await postLogin(u.username, 'Wrong#Pass1')).statusCode).toBe(401);
    // After 4 failures the right password still works and resets the count.
    expect((await postLogin(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i <= 4; i++) expect((await postLogin(u.username, 'Wrong#Pass1')).json().error.code).toBe('INVALID_CREDENTIALS');
    const fifth = await postLogin(u.username, 'Wrong#Pass1');
    // The lock is not revealed to an anonymous caller: the answer is a wrong password's.
    expect(fifth.statusCode).toBe(401);
    expect(fifth.body).toBe((await postLogin('nobody-here-2', 'Wrong#Pass1')).body);
    // Locked: even the right password is refused, with the same answer.
    const right = await postLogin(u.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('INVALID_CREDENTIALS');
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', u.id).where('action', '=', 'auth.lockout').execute();
    expect(audit).toHaveLength(1);
    const row = await ctx.database.db.selectFrom('users').select('locked_until').where('id', '=', u.id).executeTakeFirstOrThrow();
    const minutes = (Date.parse(row.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
    // When the lock has run out, the right password works again.
    await ctx.database.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', u.id).execute();
    expect((await postLogin(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('gives a fresh session id at login, so a planted cookie is never promoted (session fixation)', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const first = await login(ctx.app, u.username, TEST_PASSWORD);
    const res = await postLogin(u.username, TEST_PASSWORD, { cookie: first.cookie });
    const second = res.cookies.find((c) => c.name === 'renda_sid')!.value;
    expect(`renda_sid=${second}`).not.toBe(first.cookie);
    // The old session ended with the new login.
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('logs out and the cookie stops working', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    expect((await s.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes, not at 29', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    const setIdle = (minutes: number) =>
      ctx.database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - minutes * 60_000).toISOString() }).where('user_id', '=', u.id).execute();
    await setIdle(29);
    expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await setIdle(31);
    const res = await s.request('GET', '/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    // The session row is gone: the same cookie stays refused.
    expect(await ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
  });

  it('refuses API calls without a session', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/townships' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('CSRF', () => {
  it('refuses a state change without the CSRF token, and changes nothing', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/townships/${t.id}`, headers: { cookie: s.cookie }, payload: { name: '被篡改镇' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const wrong = await s.request('PATCH', `/api/v1/townships/${t.id}`, { name: '被篡改镇' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    const row = await ctx.database.db.selectFrom('townships').select('name').where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.name).toBe(t.name);
  });

  it('refuses a state change from a foreign Origin even with the token', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office');
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    const res = await s.request('PATCH', `/api/v1/townships/${t.id}`, { name: '被篡改镇' }, { origin: 'https://evil.example', host: 'renda.local' });
    expect(res.statusCode).toBe(403);
    const ok = await s.request('PATCH', `/api/v1/townships/${t.id}`, { name: '新名镇' }, { origin: 'http://renda.local', host: 'renda.local' });
    expect(ok.statusCode).toBe(200);
  });
});

describe('passwords', () => {
  it('forces a password change at first login and then lets the user in', async () => {
    const t = await buildTownship(ctx.database.db);
    const u = await buildUser(ctx.database.db, t.id, 'office', { mustChangePassword: true });
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    const blocked = await s.request('GET', `/api/v1/townships/${t.id}/villages`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const weak = await s.request('POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const wrongCurrent = await s.request('POST', '/api/v1/auth/change-password', { currentPassword: 'nope', newPassword: 'Better#Pass9' });
    expect(wrongCurrent.json().error.code).toBe('WRONG_CURRENT_PASSWORD');
    const ok = await s.request('POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'Better#Pass9' });
    expect(ok.statusCode).toBe(200);
    expect((await s.request('GET', `/api/v1/townships/${t.id}/villages`)).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'Better#Pass9' } })).statusCode).toBe(200);
  });

  it('accepts exactly 8 characters of 3 kinds and refuses 7, or 8 of 2 kinds', async () => {
    const t = await buildTownship(ctx.database.db);
    const office = await buildUser(ctx.database.db, t.id, 'office');
    const u = await buildUser(ctx.database.db, t.id, 'deputy');
    const s = await login(ctx.app, u.username, TEST_PASSWORD);
    expect((await s.request('POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'Ab1defg' })).statusCode).toBe(400);
    expect((await s.request('POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefg1' })).statusCode).toBe(400);
    expect((await s.request('POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefg1' })).statusCode).toBe(200);
    expect(office).toBeTruthy();
  });
});
