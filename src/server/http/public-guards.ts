import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Guards of the public forms (residents' opinions to a deputy): a per-IP rate limit and a human
 * check. One set per app, shared by the JSON API and the portal's plain HTML form.
 */
/** A fixed-window limiter per key (the client's IP), in memory: one process serves a township. */
export function createRateLimiter(options: { max: number; windowMs: number }) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one attempt; false once `max` attempts were made in the window. */
    hit(key: string, now = Date.now()): boolean {
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      const entry = hits.get(key);
      if (!entry || entry.resetAt <= now) {
        hits.set(key, { count: 1, resetAt: now + options.windowMs });
        return true;
      }
      entry.count++;
      return entry.count <= options.max;
    },
  };
}

/**
 * A human check that needs no outside service: a small sum, signed with a per-process secret
 * (HMAC-SHA256), bound to one deputy's code, expiring, and good for one answer only.
 */
export function createChallenges(options: { ttlMs: number } = { ttlMs: 10 * 60 * 1000 }) {
  const secret = randomBytes(32);
  const used = new Map<string, number>();
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue(publicCode: string, now = Date.now()): { token: string; question: string; expiresAt: string } {
      const a = randomInt(1, 10);
      const b = randomInt(1, 10);
      const expiresAt = now + options.ttlMs;
      const payload = Buffer.from(JSON.stringify({ a, b, c: publicCode, e: expiresAt, n: randomBytes(9).toString('base64url') })).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, question: `${a} + ${b} = ?`, expiresAt: new Date(expiresAt).toISOString() };
    },
    /** True once for a valid, unexpired token of this code answered right. */
    verify(token: string, answer: number, publicCode: string, now = Date.now()): boolean {
      const [payload, mac] = token.split('.');
      if (!payload || !mac) return false;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
      let data: { a: number; b: number; c: string; e: number; n: string };
      try {
        data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof data;
      } catch {
        return false;
      }
      if (data.c !== publicCode || data.e < now || used.has(data.n)) return false;
      for (const [n, exp] of used) if (exp < now) used.delete(n);
      used.set(data.n, data.e);
      return data.a + data.b === answer;
    },
  };
}


export interface PublicFormGuards {
  limiter: ReturnType<typeof createRateLimiter>;
  challenges: ReturnType<typeof createChallenges>;
}

/** 5 opinions per address per 10 minutes; challenges valid for 10 minutes. */
export function createPublicFormGuards(): PublicFormGuards {
  return { limiter: createRateLimiter({ max: 5, windowMs: 10 * 60 * 1000 }), challenges: createChallenges() };
}
