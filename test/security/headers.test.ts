import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Security headers on every face (API, back office SPA, public portal) and the session cookie's
 * flags, without and with RENDA_SECURE_COOKIES (served behind TLS). The SPA is a stand-in build
 * in a temporary folder shaped like Vite's output (the real index.html is checked for inline
 * scripts separately).
 */
type Ctx = Awaited<ReturnType<typeof import('./security-helpers.js').createPrivateContext>>;
let plain: Ctx;
let secure: Ctx;
let townshipCode: string;
let username: string;
let password: string;
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-sec-web-'));

beforeAll(async () => {
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><head><script type="module" crossorigin src="/app/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(webDist, 'assets/index-abc.js'), 'console.log(1)');
  process.env.RENDA_WEB_DIST = webDist;
  const { createPrivateContext } = await import('./security-helpers.js');
  const { buildTownship, buildUser, TEST_PASSWORD } = await import('../helpers/factories.js');
  plain = await createPrivateContext('headers');
  secure = await createPrivateContext('headers_tls', { RENDA_SECURE_COOKIES: '1' });
  const t = await buildTownship(plain.database.db);
  townshipCode = t.code;
  const u = await buildUser(plain.database.db, t.id, 'office');
  username = u.username;
  password = TEST_PASSWORD;
  const t2 = await buildTownship(secure.database.db);
  await buildUser(secure.database.db, t2.id, 'office', { username });
}, 60_000);
afterAll(async () => {
  await plain?.close();
  await secure?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

function csp(res: LightMyRequestResponse): Map<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...rest] = d.split(/\s+/);
    return [name!, rest.join(' ')];
  }));
}

function assertBaseline(res: LightMyRequestResponse, label: string): void {
  const policy = csp(res);
  expect(policy.get('default-src'), label).toBe("'self'");
  expect(policy.get('script-src'), label).toBe("'self'");
  expect(policy.get('object-src'), label).toBe("'none'");
  expect(policy.get('frame-ancestors'), label).toBe("'none'");
  expect(policy.get('base-uri'), label).toBe("'self'");
  expect(policy.get('form-action'), label).toBe("'self'");
  expect(res.headers['x-content-type-options'], label).toBe('nosniff');
  expect(res.headers['x-frame-options'], label).toBe('DENY');
  expect(res.headers['referrer-policy'], label).toBe('same-origin');
}

describe('security headers', () => {
  const pages = () => [
    ['API', '/api/health'],
    ['API error', '/api/v1/no-such-route'],
    ['SPA shell', '/app/'],
    ['SPA deep link', '/app/suggestions/123'],
    ['SPA asset', '/app/assets/index-abc.js'],
    ['portal home', '/'],
    ['portal township', `/t/${townshipCode}/`],
    ['portal not found', '/t/000000000/'],
  ] as const;

  it('sends CSP without unsafe-inline scripts, nosniff, frame-ancestors none and a referrer policy on every face', async () => {
    for (const [label, url] of pages()) {
      const res = await plain.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${label} ${url}`).toBeLessThan(500);
      assertBaseline(res, `${label} ${url}`);
      expect(csp(res).get('script-src')).not.toContain('unsafe-inline');
      expect(csp(res).get('script-src')).not.toContain('unsafe-eval');
    }
  });

  it('does not send HSTS over plain HTTP, and sends it when behind TLS', async () => {
    for (const [label, url] of pages()) {
      expect((await plain.app.inject({ method: 'GET', url })).headers['strict-transport-security'], label).toBeUndefined();
      const res = await secure.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], label).toMatch(/^max-age=(\d+)/);
      expect(Number(/max-age=(\d+)/.exec(String(res.headers['strict-transport-security']))![1])).toBeGreaterThanOrEqual(15_552_000);
    }
  });

  it('keeps API answers out of caches', async () => {
    expect((await plain.app.inject({ method: 'GET', url: '/api/health' })).headers['cache-control']).toBe('no-store');
  });

  it('serves pages whose scripts are all external files (so the CSP needs no inline script)', async () => {
    const sources = [
      fs.readFileSync(path.resolve('src/web/index.html'), 'utf8'),
      (await plain.app.inject({ method: 'GET', url: '/' })).body,
      (await plain.app.inject({ method: 'GET', url: `/t/${townshipCode}/` })).body,
    ];
    for (const html of sources) {
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/\bsrc=/);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
    }
  });
});

describe('session cookie flags', () => {
  async function sessionCookie(ctx: Ctx) {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    return res.cookies.find((c) => c.name === 'renda_sid')!;
  }

  it('is HttpOnly, SameSite=Lax, path /, a session cookie, and not Secure over plain HTTP', async () => {
    const c = await sessionCookie(plain);
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.path).toBe('/');
    expect(c.secure).toBeFalsy();
    expect(c.expires).toBeUndefined();
    expect(c.maxAge).toBeUndefined();
  });

  it('is Secure when RENDA_SECURE_COOKIES is set', async () => {
    const c = await sessionCookie(secure);
    expect(c.secure).toBe(true);
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
  });
});
