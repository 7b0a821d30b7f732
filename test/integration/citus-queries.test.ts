import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { placeTable } from '../../src/server/db/citus.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { listOwnTables } from '../../src/server/db/dialect.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { DERIVED_TABLES } from '../../src/server/db/schema.js';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOWNSHIP_CODE, loadDemo } from '../../src/server/demo/demo.js';
import { registeredRoutes, type RegisteredRoute } from '../../src/server/http/route-registry.js';
import type { App } from '../../src/server/http/types.js';
import { checkCitusStatement } from '../helpers/citus-sql.js';
import { PG_SCHEMA, TEST_DB } from '../helpers/test-db.js';
import { login, type Session } from '../helpers/test-app.js';
import { exampleOf, fillPath, idResolver, pathParams, querySchemaOf, tableFor } from '../security/security-helpers.js';

/**
 * Every statement the app runs would run on Citus as `renda citus-prepare` distributes the schema
 * (src/server/db/citus.ts; docs/deployment.md): where a statement reads two or more distributed
 * tables, each pair is joined on the distribution column (`township_id`, or `chain` for the audit
 * tables) or each table is held to one value of it, so Citus pushes the join down to the shard of
 * one township (or to every shard, for the county's roll-ups) instead of refusing it.
 *
 * The statements are the ones really executed (Kysely's log, `onQuery` of openDatabase) while:
 * the demo loads; every GET route of the API and the portal is called by each demo account (the
 * county with a second township, so its queries name several) with its query's required values,
 * with every example value, and with every one but the township; the year-end reports and facts
 * are generated; the county dashboard is read. The SQL is read by test/helpers/citus-sql.ts,
 * whose comment says what that reading sees and what it does not. A statement no flow here runs
 * (most writes) is not checked.
 */
const url = process.env.DATABASE_URL ?? '';
const schema = `${PG_SCHEMA}_citus_queries`.toLowerCase();
let database: Database;
let app: App;
let tmp: string;
const statements = new Set<string>();
let capturing = false;
let distribution: (table: string) => string | null = () => null;

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

describe('the Citus statement check', () => {
  const dist = (t: string) => (['a', 'b', 'c'].includes(t) ? 'township_id' : t === 'log' ? 'chain' : null);
  it('refuses a join on id alone, accepts one on township_id or chain, or each table held to one township', () => {
    expect(checkCitusStatement('select "a"."x" from "a" inner join "b" on "b"."id" = "a"."b_id" where "a"."township_id" in ($1, $2)', dist).ok).toBe(false);
    expect(checkCitusStatement('select a.x from a inner join b on b.id = a.b_id and b.township_id = a.township_id', dist).ok).toBe(true);
    expect(checkCitusStatement('select x.x from a as x join log l on l.chain = x.township_id', dist).ok).toBe(true);
    expect(checkCitusStatement('select "a"."x" from "a" inner join "b" on "b"."id" = "a"."b_id" where "a"."township_id" = $1 and "b"."township_id" = $2', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a join b on b.id = a.b_id where a.township_id = $1 or b.township_id = $1', dist).ok).toBe(false);
    // Through a reference table, transitively (PostgreSQL's equivalence classes).
    expect(checkCitusStatement('select a.x from a join t on t.id = a.township_id join b on b.township_id = t.id', dist).ok).toBe(true);
    // Reference tables do not count.
    expect(checkCitusStatement('select a.x from a join t on t.id = a.t_id join u on u.id = a.u_id', dist).ok).toBe(true);
  });

  it('holds subqueries to the same rule: correlated on township_id, or pinned', () => {
    expect(checkCitusStatement('select a.x from a where exists (select 1 from b where b.id = a.b_id)', dist).ok).toBe(false);
    expect(checkCitusStatement('select a.x from a where exists (select 1 from b where b.id = a.b_id and b.township_id = a.township_id)', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a where a.township_id = ? and a.b_id in (select "id" from "b" where "township_id" = ?)', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a where a.b_id in (select "id" from "b" where "kind" = ?)', dist).ok).toBe(false);
    expect(checkCitusStatement('select a.x, (select count(*) from c where c.a_id = a.id) as n from a where a.township_id = $1', dist).ok).toBe(false);
    expect(checkCitusStatement('with s as (select b.township_id, b.id from b) select a.x from a join s on s.id = a.b_id and s.township_id = a.township_id', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a join (select count(*) as n, b.a_id from b group by b.a_id) as s on s.a_id = a.id', dist).ok).toBe(false);
    expect(checkCitusStatement('insert into c (township_id, x) select a.township_id, a.x from a where a.township_id = $1', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a where a.township_id = $1 union all select b.x from b where b.kind = $2', dist).ok).toBe(true);
    expect(checkCitusStatement('select a.x from a join b on b.id = a.b_id union all select c.x from c', dist).ok).toBe(false);
    expect(checkCitusStatement('update a set x = $1 where a.id in (select b.a_id from b where b.township_id = $2) and a.township_id = $3', dist).ok).toBe(true);
  });
});

describe('every statement of the app\'s flows runs on Citus', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-citus-queries-'));
    const onQuery = (text: string) => { if (capturing) statements.add(text); };
    if (TEST_DB === 'postgres') {
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      database = openDatabase(url, { pgSchema: schema, poolSize: 4, onQuery });
    } else {
      database = openDatabase(`sqlite:${path.join(tmp, 'test.sqlite')}`, { onQuery });
    }
    await migrateToLatest(database);
    const tables = await listOwnTables(database.db);
    const placed = new Map<string, string | null>();
    for (const t of tables) {
      // SQLite's FTS5 index of the suggestions: no such table on PostgreSQL (schema.ts DERIVED_TABLES).
      if ((DERIVED_TABLES as readonly string[]).includes(t.name)) continue;
      try {
        const p = placeTable(t.name, t.columns.some((c) => c.name === 'township_id'));
        placed.set(t.name, p.placement === 'distributed' ? p.distributionColumn : null);
      } catch { placed.set(t.name, null); }
    }
    distribution = (table) => placed.get(table) ?? null;
    app = await buildApp(database, { ...loadConfig({ ...process.env, RENDA_DATA_DIR: path.join(tmp, 'data') }), secureCookies: false });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (TEST_DB === 'postgres' && url) await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('joins distributed tables on the distribution column, or holds each to one township', async () => {
    capturing = true;
    expect(await loadDemo(database.db)).toBe(true);
    const db = database.db;
    const t = await db.selectFrom('townships').select(['id', 'code', 'county_code']).where('code', '=', DEMO_TOWNSHIP_CODE).executeTakeFirstOrThrow();
    // A second township in the county, so the county's queries name more than one township.
    const now = new Date().toISOString();
    await db.insertInto('townships').values({
      id: 'citus-queries-second', code: '999999199', name: '第二镇', county_code: t.county_code, county_name: '示例县', city_name: '示例市', province_name: '示例省',
      is_demo: false, settings_json: '{}', created_at: now, updated_at: now, archived_at: null,
    }).execute();
    const resolve = idResolver(database, t.id, t.county_code);
    const values: Record<string, string> = { code: t.code };
    const pc = await db.selectFrom('deputy_public_codes').select('public_code').where('township_id', '=', t.id).executeTakeFirst();
    if (pc) values.publicCode = pc.public_code;
    const ref = await db.selectFrom('suggestions').select('ref_no').where('township_id', '=', t.id).where('ref_no', 'is not', null).executeTakeFirst();
    if (ref?.ref_no) values.refNo = ref.ref_no;
    const token = await db.selectFrom('congress_sessions').select('checkin_token').where('township_id', '=', t.id).where('checkin_token', 'is not', null).executeTakeFirst();
    if (token?.checkin_token) values.token = token.checkin_token;
    values.key = 'news';
    for (const [param, table] of [['unitId', 'units'], ['villageId', 'villages']] as const) {
      const row = await db.selectFrom(table).select('id').where('township_id', '=', t.id).executeTakeFirst();
      if (row) values[param] = row.id;
    }
    const article = await db.selectFrom('articles').select('id').where('township_id', '=', t.id).where('status', '=', 'published').executeTakeFirst();

    const urlOf = async (route: RegisteredRoute): Promise<string | null> => {
      const filled: Record<string, string> = {};
      for (const p of pathParams(route.url)) {
        const table = tableFor(route.url, p);
        const id = route.url === '/t/:code/a/:id' && p === 'id' ? article?.id : values[p] ?? (table ? await resolve(table) : null);
        if (!id) return null;
        filled[p] = id;
      }
      return fillPath(route.url, filled);
    };
    /** The query: only what is required (and the year), every field of the example, or every field but the township (the county's whole list). */
    const queryOf = (route: RegisteredRoute, variant: 'required' | 'full' | 'county'): string => {
      const schemaOfQuery = querySchemaOf(route);
      if (!schemaOfQuery) return '';
      const example = exampleOf(schemaOfQuery, () => t.id) as Record<string, unknown> | null;
      if (!example || typeof example !== 'object') return '';
      const required = new Set((schemaOfQuery.required as string[] | undefined) ?? []);
      const entries = Object.entries(example).filter(([k]) => (variant === 'county' ? k !== 'townshipId' || required.has(k) : variant === 'full' || required.has(k) || k === 'year'));
      return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(k === 'year' ? '2025' : k === 'townshipId' ? t.id : String(v))}`).join('&')}` : '';
    };

    const routes = registeredRoutes(app).filter((r) => r.method === 'GET' && !r.url.startsWith('/app') && !r.url.startsWith('/api/docs') && r.url !== '/api/v1/auth/logout');
    const sessions: Session[] = [];
    for (const l of DEMO_LOGINS) sessions.push(await login(app, l.username, DEMO_PASSWORD));
    let requests = 0;
    let ok = 0;
    const unreached: string[] = [];
    for (const route of routes) {
      const base = await urlOf(route);
      if (!base) { unreached.push(route.url); continue; }
      for (const session of sessions) {
        for (const variant of ['required', 'full', 'county'] as const) {
          const res = await session.request('GET', `${base}${queryOf(route, variant)}`);
          requests++;
          if (res.statusCode < 300) ok++;
          expect(res.statusCode, `${route.url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    }
    // The year-end work and the county's view, for both years the demo holds.
    const office = sessions[0]!;
    const county = sessions[DEMO_LOGINS.findIndex((l) => l.role === 'county_admin')]!;
    for (const year of [2025, 2026]) {
      expect((await office.request('GET', `/api/v1/reports/facts?year=${year}`)).statusCode).toBe(200);
      expect((await county.request('GET', `/api/v1/reports/facts?year=${year}&townshipId=${t.id}`)).statusCode).toBe(200);
      for (const file of ['summary.docx', 'presidium-report.docx', 'annex.docx']) {
        expect((await office.request('GET', `/api/v1/reports/${file}?year=${year}`)).statusCode, file).toBe(200);
      }
      expect((await office.request('POST', `/api/v1/reports/summary/preview?year=${year}`, {})).statusCode).toBe(200);
      expect((await county.request('GET', `/api/v1/county/dashboard?year=${year}`)).statusCode).toBe(200);
    }
    expect((await county.request('GET', '/api/v1/county/dashboard')).statusCode).toBe(200);
    capturing = false;
    console.info(`[citus-queries] ${routes.length - unreached.length} GET routes, ${requests} requests (${ok} answered 2xx), ${statements.size} distinct statements; routes without a record in the demo: ${unreached.join(', ') || 'none'}`);
    expect(ok).toBeGreaterThan(300);

    let joining = 0;
    const offenders: string[] = [];
    for (const s of statements) {
      const verdict = checkCitusStatement(s, distribution);
      if (verdict.tables.length >= 2) joining++;
      if (!verdict.ok) offenders.push(`${verdict.groups.map((g) => `[${g.tables.join(', ')}${g.pinned ? ' =const' : ''}]`).join(' ')}\n    ${s}`);
    }
    expect(joining).toBeGreaterThan(50);
    expect(offenders, `${offenders.length} statements join distributed tables without the distribution column:\n${offenders.join('\n\n')}`).toEqual([]);
  }, 600_000);
});
