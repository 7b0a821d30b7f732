import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOWNSHIP_CODE, loadDemo } from '../../src/server/demo/demo.js';
import { registeredRoutes, type RegisteredRoute } from '../../src/server/http/route-registry.js';
import { login, type Session } from '../helpers/test-app.js';
import {
  apiRoutes, bodySchemaOf, createPrivateContext, diffFingerprints, exampleOf, fillPath, fingerprint, idResolver, pathParams, querySchemaOf, tableFor,
} from './security-helpers.js';

/**
 * Property-based fuzzing of every JSON route's body and query, as the office of the demo
 * township (so the requests reach the services with real ids): arbitrary JSON, and valid
 * examples (built from each route's own zod schema) with one field broken — wrong types, nulls,
 * huge and strange strings, nested objects, negative and huge numbers, impossible dates.
 * Properties: never a 5xx; a refused request (4xx) writes nothing.
 *
 * Bounded: FUZZ_RUNS (default 5) cases per route; FUZZ_SEED replays a run (the seed is printed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

/** Routes that end the fuzzer's own session or sign in (their failures are audited by design). */
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/login', 'POST /api/v1/auth/change-password', 'POST /api/v1/setup']);

let ctx: Awaited<ReturnType<typeof createPrivateContext>>;
let office: Session;
let resolve: (table: string) => Promise<string | null>;

beforeAll(async () => {
  ctx = await createPrivateContext('fuzz');
  await loadDemo(ctx.database.db);
  const a = await ctx.database.db.selectFrom('townships').select(['id', 'county_code']).where('code', '=', DEMO_TOWNSHIP_CODE).executeTakeFirstOrThrow();
  resolve = idResolver(ctx.database, a.id, a.county_code);
  office = await login(ctx.app, 'office', DEMO_PASSWORD);
  const db = ctx.database.db;
  publicValues.code = DEMO_TOWNSHIP_CODE;
  const pc = await db.selectFrom('deputy_public_codes').select('public_code').where('township_id', '=', a.id).executeTakeFirst();
  if (pc) publicValues.publicCode = pc.public_code;
  const ref = await db.selectFrom('suggestions').select('ref_no').where('township_id', '=', a.id).where('ref_no', 'is not', null).executeTakeFirst();
  if (ref?.ref_no) publicValues.refNo = ref.ref_no;
}, 180_000);
afterAll(async () => { await ctx?.close(); });

const strangeString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\u202e\u0645\u0631\u062d\u0628\u0627', '𠀀𪚥😀👨‍👩‍👧', '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '\ud800', 'null', 'undefined', 'NaN', '1e309'),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-02-29', '2024-02-29', '9999-12-31', '2026-1-1', '2026-03-05T25:00:00Z', '1900-01-01'),
  fc.string({ maxLength: 40 }),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([256, 4097, 65_537, 300_000][k]!)),
);
const strangeNumber = fc.oneof(fc.constantFrom(-1, 0, -0, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  strangeString, strangeNumber, fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}),
  fc.array(strangeString, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), strangeString, { maxKeys: 3 }),
  fc.integer({ min: 1, max: 40 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown),
);

/** A valid example with one field replaced, removed, or an unknown field added. */
function mutated(example: unknown): fc.Arbitrary<unknown> {
  if (!example || typeof example !== 'object' || Array.isArray(example)) return fc.oneof(strangeValue, fc.constant(example));
  const keys = Object.keys(example);
  const one = keys.length
    ? fc.tuple(fc.constantFrom(...keys), strangeValue).map(([k, v]) => ({ ...example, [k]: v }))
    : strangeValue.map((v) => ({ extra: v }));
  const drop = keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([x]) => x !== k))) : fc.constant(example);
  const extra = strangeValue.map((v) => ({ ...example, __proto__: v, constructor: v, zzUnknown: v }));
  return fc.oneof({ weight: 4, arbitrary: one }, { weight: 1, arbitrary: drop }, { weight: 1, arbitrary: extra }, { weight: 1, arbitrary: fc.constant(example) });
}

function input(schemaExample: unknown): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: mutated(schemaExample) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

/** encodeURIComponent that tolerates lone surrogates (a URL cannot carry them). */
function enc(s: string): string {
  try { return encodeURIComponent(s); } catch { return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')); }
}

function toQuery(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `q=${enc(JSON.stringify(value) ?? '')}`;
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`).join('&');
}

/** Public path values of the demo township: its code, a deputy's public code, a public reference number. */
const publicValues: Record<string, string> = {};

async function urlOf(route: RegisteredRoute): Promise<string | null> {
  const values: Record<string, string> = {};
  for (const p of pathParams(route.url)) {
    const table = tableFor(route.url, p);
    const id = publicValues[p] ?? (table ? await resolve(table) : null);
    if (!id) return null;
    values[p] = id;
  }
  return fillPath(route.url, values);
}

describe('fuzzing every JSON route', () => {
  it(`never answers 5xx and never writes on a refusal (seed ${SEED}, ${RUNS} cases per route)`, async () => {
    console.info(`[fuzz] seed ${SEED} (replay: FUZZ_SEED=${SEED})`);
    const routes = apiRoutes(registeredRoutes(ctx.app)).filter((r) => !SKIP.has(`${r.method} ${r.url}`) && (bodySchemaOf(r) || querySchemaOf(r)));
    expect(routes.length).toBeGreaterThan(60);
    const skipped: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const url = await urlOf(route);
      if (!url) { skipped.push(`${route.method} ${route.url}`); continue; }
      const body = bodySchemaOf(route);
      const query = querySchemaOf(route);
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      // The state before each case: the fingerprint after the previous one (taken anyway), so one per request.
      let before = await fingerprint(ctx.database);
      await fc.assert(
        fc.asyncProperty(input(body ? exampleOf(body) : undefined), input(query ? exampleOf(query) : undefined), async (b, q) => {
          const fullUrl = query ? `${url}?${toQuery(q)}` : url;
          const res = await office.request(method, fullUrl, body && method !== 'GET' ? (b ?? null) : undefined, body ? { 'content-type': 'application/json' } : {});
          requests++;
          if (res.statusCode >= 500) throw new Error(`${method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 300)}\nbody: ${JSON.stringify(b)?.slice(0, 300)}\nquery: ${fullUrl.slice(0, 300)}`);
          const after = await fingerprint(ctx.database);
          const changed = diffFingerprints(before, after);
          before = after;
          if (res.statusCode >= 400 && changed.length) throw new Error(`${method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)} but wrote: ${changed.join(', ')}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    console.info(`[fuzz] ${routes.length - skipped.length} routes, ${requests} requests; not fuzzed (no record in the demo to put in the path): ${skipped.join(', ') || 'none'}`);
  }, 600_000);
});

/** What the fuzzer found, kept as plain regression tests (each was a 500 on PostgreSQL). */
describe('fuzzing regressions', () => {
  it('refuses a NUL character in the path, the query or the body with 400 VALIDATION_FAILED naming it, not a database error', async () => {
    const t = publicValues.code!;
    const a = await ctx.database.db.selectFrom('townships').select('id').where('code', '=', t).executeTakeFirstOrThrow();
    const before = await fingerprint(ctx.database);
    const inPath = await office.request('GET', '/api/v1/suggestions/abc%00def');
    expect(inPath.statusCode).toBe(400);
    expect(inPath.json().error.fields[0].path).toBe('params.id');
    const inQuery = await office.request('GET', `/api/v1/townships/${a.id}/deputies?search=%E7%8E%8B%00`);
    expect(inQuery.statusCode).toBe(400);
    expect(inQuery.json().error.fields[0].path).toBe('query.search');
    const inBody = await office.request('POST', `/api/v1/townships/${a.id}/villages`, { name: '新\u0000村', kind: 'village' });
    expect(inBody.statusCode).toBe(400);
    expect(inBody.json().error.code).toBe('VALIDATION_FAILED');
    expect(inBody.json().error.fields[0].path).toBe('name');
    expect(diffFingerprints(before, await fingerprint(ctx.database))).toEqual([]);
  });

  it('refuses an empty id in a body (a unit\'s village) with 400 naming the field, not a foreign-key error', async () => {
    const a = await ctx.database.db.selectFrom('townships').select('id').where('code', '=', publicValues.code!).executeTakeFirstOrThrow();
    const unit = await ctx.database.db.selectFrom('units').select('id').where('township_id', '=', a.id).where('type', '=', 'gov_department').executeTakeFirstOrThrow();
    const before = await fingerprint(ctx.database);
    const res = await office.request('PATCH', `/api/v1/units/${unit.id}`, { name: '测试单位', type: 'gov_department', hasEnforcementPower: false, villageId: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('villageId');
    expect(diffFingerprints(before, await fingerprint(ctx.database))).toEqual([]);
  });

  it('refuses integers beyond what the columns hold (term number, audit cursor, list offsets) with 400, not a database error', async () => {
    const a = await ctx.database.db.selectFrom('townships').select('id').where('code', '=', publicValues.code!).executeTakeFirstOrThrow();
    for (const url of [
      `/api/v1/townships/${a.id}/deputies?termNumber=-9007199254740991`,
      `/api/v1/townships/${a.id}/deputies?termNumber=2147483648`,
      `/api/v1/townships/${a.id}/audit?beforeSeq=2147483648`,
      `/api/v1/townships/${a.id}/duty-activities?offset=100000000000000000000`,
      `/api/v1/townships/${a.id}/resident-opinions?offset=9223372036854775808`,
    ]) {
      const res = await office.request('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
