import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/server/modules/auth/auth.service.js';
import { hashToken } from '../../src/server/auth/sessions.js';
import { buildTownship, buildUser, TEST_PASSWORD, type BuiltUser } from '../helpers/factories.js';
import { login, type Session } from '../helpers/test-app.js';
import { createPrivateContext, diffSnapshots, snapshot } from './security-helpers.js';

/** CSRF, session fixation, logout, brute force, account enumeration. Lockout set to 3 failures / 2 minutes. */
let ctx: Awaited<ReturnType<typeof createPrivateContext>>;
let townshipId: string;
let office: BuiltUser;
let s: Session;

beforeAll(async () => {
  ctx = await createPrivateContext('auth', { RENDA_MAX_FAILED_LOGINS: '3', RENDA_LOCKOUT_MINUTES: '2' });
  const t = await buildTownship(ctx.database.db);
  townshipId = t.id;
  office = await buildUser(ctx.database.db, t.id, 'office');
  s = await login(ctx.app, office.username, TEST_PASSWORD);
}, 60_000);
afterAll(async () => { await ctx?.close(); });

function postLogin(username: string, password: string, headers: Record<string, string> = {}, remoteAddress = '10.9.0.1') {
  return ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers, remoteAddress });
}

describe('CSRF', () => {
  const newVillage = { name: '跨站村委会', kind: 'village' };
  const attempts: { name: string; headers: () => Record<string, string> }[] = [
    { name: 'no CSRF header', headers: () => ({ cookie: s.cookie }) },
    { name: 'a wrong token', headers: () => ({ cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) }) },
    { name: 'an empty token', headers: () => ({ cookie: s.cookie, 'x-csrf-token': '' }) },
    { name: 'the right token from a foreign Origin', headers: () => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin: 'https://evil.example' }) },
    { name: 'the right token from Origin null (sandboxed frame)', headers: () => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin: 'null' }) },
    { name: 'the right token from a look-alike Origin', headers: () => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin: 'http://localhost:80.evil.example' }) },
  ];
  for (const a of attempts) {
    it(`refuses a state change with ${a.name}: 403 CSRF_FAILED and nothing changed`, async () => {
      const before = await snapshot(ctx.database);
      for (const [method, url, payload] of [
        ['POST', `/api/v1/townships/${townshipId}/villages`, newVillage],
        ['PATCH', `/api/v1/townships/${townshipId}`, { name: '被改名镇' }],
        ['POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'Other#Pass2026' }],
        ['POST', '/api/v1/auth/logout', undefined],
      ] as const) {
        const res = await ctx.app.inject({ method, url, headers: { host: 'localhost:80', ...a.headers() }, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('CSRF_FAILED');
      }
      expect(diffSnapshots(before, await snapshot(ctx.database))).toEqual([]);
      // The session still works: the refused logout did not end it.
      expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    });
  }

  it('refuses a plain HTML form post (urlencoded, no header) to the API', async () => {
    const before = await snapshot(ctx.database);
    const res = await ctx.app.inject({
      method: 'POST', url: `/api/v1/townships/${townshipId}/villages`,
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'name=%E8%B7%A8%E7%AB%99&kind=village',
    });
    expect(res.statusCode).toBe(403);
    expect(diffSnapshots(before, await snapshot(ctx.database))).toEqual([]);
  });

  it('refuses another session’s CSRF token', async () => {
    const other = await buildUser(ctx.database.db, townshipId, 'office');
    const s2 = await login(ctx.app, other.username, TEST_PASSWORD);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/townships/${townshipId}/villages`, headers: { cookie: s.cookie, 'x-csrf-token': s2.csrfToken }, payload: newVillage });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a login posted from a foreign Origin (login CSRF)', async () => {
    const res = await postLogin(office.username, TEST_PASSWORD, { origin: 'https://evil.example', host: 'localhost:80' });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'renda_sid')).toBeUndefined();
  });

  it('accepts the same change with the token and our own Origin (the control)', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/townships/${townshipId}/villages`, headers: { host: 'renda.example:3000', origin: 'http://renda.example:3000', cookie: s.cookie, 'x-csrf-token': s.csrfToken }, payload: { name: `同源村${Date.now() % 1000}委会`, kind: 'village' } });
    expect(res.statusCode).toBe(201);
  });
});

describe('session fixation and logout', () => {
  it('never adopts a session id planted before login', async () => {
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const res = await postLogin(office.username, TEST_PASSWORD, { cookie: `renda_sid=${planted}` });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'renda_sid')!.value;
    expect(issued).not.toBe(planted);
    expect(issued.length).toBeGreaterThanOrEqual(32);
    // The planted value is no session; the stored id is the hash of the issued token, not the token.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `renda_sid=${planted}` } })).statusCode).toBe(401);
    const rows = await ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', office.id).execute();
    expect(rows.map((r) => r.id)).toContain(hashToken(issued));
    expect(rows.map((r) => r.id)).not.toContain(issued);
  });

  it('gives a new id when a signed-in session signs in again (as another user) and ends the old one', async () => {
    const other = await buildUser(ctx.database.db, townshipId, 'deputy');
    const first = await login(ctx.app, other.username, TEST_PASSWORD);
    const res = await postLogin(office.username, TEST_PASSWORD, { cookie: first.cookie });
    const second = res.cookies.find((c) => c.name === 'renda_sid')!.value;
    expect(`renda_sid=${second}`).not.toBe(first.cookie);
    expect((await first.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('logout ends the session on the server: the old cookie and CSRF token no longer work', async () => {
    const mine = await login(ctx.app, office.username, TEST_PASSWORD);
    const out = await mine.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'renda_sid')?.value).toBe('');
    expect((await mine.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const before = await snapshot(ctx.database);
    const res = await mine.request('POST', `/api/v1/townships/${townshipId}/villages`, { name: '登出后村委会', kind: 'village' });
    expect(res.statusCode).toBe(401);
    expect(diffSnapshots(before, await snapshot(ctx.database))).toEqual([]);
  });
});

describe('brute force', () => {
  it('locks after the configured 3 failures; the right password is refused until the lock ends', async () => {
    const u = await buildUser(ctx.database.db, townshipId, 'deputy');
    for (let i = 1; i <= 2; i++) expect((await postLogin(u.username, `Wrong#Pass${i}`)).statusCode).toBe(401);
    let row = await ctx.database.db.selectFrom('users').select(['locked_until', 'failed_login_count']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ locked_until: null, failed_login_count: 2 });
    expect((await postLogin(u.username, 'Wrong#Pass3')).statusCode).toBe(401);
    row = await ctx.database.db.selectFrom('users').select(['locked_until', 'failed_login_count']).where('id', '=', u.id).executeTakeFirstOrThrow();
    const minutes = (Date.parse(row.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(1.9);
    expect(minutes).toBeLessThanOrEqual(2);
    // From another IP too: the account is locked, not the address.
    const right = await postLogin(u.username, TEST_PASSWORD, {}, '10.9.0.77');
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(right.cookies.find((c) => c.name === 'renda_sid')).toBeUndefined();
    // One second before the lock ends: still refused; after it: signed in.
    await ctx.database.db.updateTable('users').set({ locked_until: new Date(Date.now() + 1000).toISOString() }).where('id', '=', u.id).execute();
    expect((await postLogin(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    await ctx.database.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', u.id).execute();
    expect((await postLogin(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown name, a wrong password, a locked account and a disabled account identically', async () => {
    const known = await buildUser(ctx.database.db, townshipId, 'deputy');
    const locked = await buildUser(ctx.database.db, townshipId, 'deputy');
    const disabled = await buildUser(ctx.database.db, townshipId, 'deputy');
    await ctx.database.db.updateTable('users').set({ locked_until: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', locked.id).execute();
    await ctx.database.db.updateTable('users').set({ is_active: false }).where('id', '=', disabled.id).execute();
    const answers = [
      await postLogin('no-such-user-anywhere', 'Wrong#Pass1', {}, '10.9.1.1'),
      await postLogin(known.username, 'Wrong#Pass1', {}, '10.9.1.2'),
      await postLogin(locked.username, 'Wrong#Pass1', {}, '10.9.1.3'),
      await postLogin(locked.username, TEST_PASSWORD, {}, '10.9.1.4'),
      await postLogin(disabled.username, TEST_PASSWORD, {}, '10.9.1.5'),
    ];
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.body).toBe(answers[0]!.body);
      expect(Object.keys(a.headers).sort()).toEqual(Object.keys(answers[0]!.headers).sort());
    }
  });

  it('takes as long for an unknown name as for a known one (same timing class: one argon2 check each)', async () => {
    const known = await buildUser(ctx.database.db, townshipId, 'deputy');
    const time = async (username: string, ip: string): Promise<number> => {
      const start = process.hrtime.bigint();
      await postLogin(username, 'Wrong#Pass1', {}, ip);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    // Alternate, on fresh IPs and below the lock threshold, so neither side is throttled.
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) await ctx.database.db.updateTable('users').set({ failed_login_count: 0 }).where('id', '=', known.id).execute();
      unknownTimes.push(await time(`ghost-${i}`, `10.9.2.${i}`));
      knownTimes.push(await time(known.username, `10.9.3.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknownTimes) / median(knownTimes);
    // Without the dummy check an unknown name answers 20–50× faster; a shared, loaded machine
    // moves single timings by up to 2×, hence the band.
    expect(ratio, `unknown ${unknownTimes.join(',')} ms, known ${knownTimes.join(',')} ms`).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('throttles an unknown name per IP after as many failures as would lock an account', () => {
    const t = new LoginThrottle(3, 120_000);
    const now = 1_000_000;
    t.fail('ghost', '1.1.1.1', now);
    t.fail('GHOST ', '1.1.1.1', now + 1);
    expect(t.isBlocked('ghost', '1.1.1.1', now + 2)).toBe(false);
    t.fail('ghost', '1.1.1.1', now + 2);
    expect(t.isBlocked('ghost', '1.1.1.1', now + 3)).toBe(true);
    expect(t.isBlocked('ghost', '2.2.2.2', now + 3)).toBe(false);
    expect(t.isBlocked('ghost', '1.1.1.1', now + 2 + 120_000)).toBe(false);
    // Failures spread over more than the lockout window do not add up.
    t.fail('slow', '1.1.1.1', now);
    t.fail('slow', '1.1.1.1', now + 60_000);
    t.fail('slow', '1.1.1.1', now + 200_000);
    expect(t.isBlocked('slow', '1.1.1.1', now + 200_001)).toBe(false);
    // Bounded memory.
    const small = new LoginThrottle(3, 1000, 10);
    for (let i = 0; i < 100; i++) small.fail(`n${i}`, null, now);
    expect((small as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(10);
  });
});
