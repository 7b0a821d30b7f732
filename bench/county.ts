import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { DB } from '../src/server/db/schema.js';
import { loadSynthetic, type Scale } from '../src/server/demo/synthetic/load.js';
import * as countyRepo from '../src/server/modules/county/county.repository.js';
import { listSuggestions } from '../src/server/modules/suggestions/suggestions.repository.js';
import { freePort } from '../test/helpers/free-port.js';

/**
 * The county benchmarks (issue 11), each figure beside its bare limit measured in the same run:
 * - the county dashboard over HTTP (inject) vs its SQL run directly through the repository, and
 *   vs a bare Fastify route returning the same JSON;
 * - a list endpoint (a township's suggestions of the year, page 1) vs the same SQL run directly;
 * - the server's RSS while serving a county (a real `renda serve` process under load);
 * - on PostgreSQL, opt-in (RENDA_BENCH_PROVINCE=1): the province set (1,300 townships) loaded,
 *   and the rollup over every township of the province.
 */

// Personal data is sealed with RENDA_DATA_KEY or a key file in the data folder: one key for this
// process and the server it starts, so both read the deputies the load sealed.
process.env.RENDA_DATA_KEY ??= randomBytes(32).toString('hex');

export const PASSWORD = 'Renda@2026';
export const YEAR = 2026;
const AS_OF = '2026-11-28';

export interface Timing { p50: number; p95: number; runs: number }

async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs * 0.5)]!, p95: ms[Math.min(runs - 1, Math.floor(runs * 0.95))]!, runs };
}

/** The dashboard's queries, straight through the repository: the floor for the endpoint. */
async function bareRollup(db: Kysely<DB>, ids: string[], year: number): Promise<unknown> {
  return Promise.all([
    countyRepo.rollupSessions(db, ids, year), countyRepo.rollupPresidiumMeetings(db, ids, year), countyRepo.rollupSuggestions(db, ids, year, AS_OF),
    countyRepo.rollupReplies(db, ids, year), countyRepo.rollupDutyActivities(db, ids, year), countyRepo.rollupActiveDeputies(db, ids, year),
    countyRepo.rollupDeputies(db, ids), countyRepo.rollupEvaluations(db, ids, year),
  ]);
}

async function loginCookie(app: Awaited<ReturnType<typeof buildApp>>, username: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'renda_sid')!;
  return { cookie: `renda_sid=${sid.value}` };
}

export interface CountyBenchResult {
  dialect: 'sqlite' | 'postgres';
  scale: Scale;
  townships: number;
  /** Townships this run inserted (0 when the set was already there). */
  inserted: number;
  rows: number;
  loadMs: number;
  dashboard: Timing;
  dashboardSql: Timing;
  bareRoute: Timing;
  list: Timing;
  listSql: Timing;
  dashboardBytes: number;
}

/** Loads a scale of synthetic data into `database` and times the county endpoints against their floors. */
async function benchOn(database: Database, scale: Scale, dataDir: string): Promise<CountyBenchResult> {
  await migrateToLatest(database);
  const loaded = await loadSynthetic(database.db, { scale, seed: 1, asOf: AS_OF, password: PASSWORD });
  const rows = Object.values(loaded.rows).reduce((a, b) => a + b, 0);
  const config = { ...loadConfig({ ...process.env, RENDA_DATA_DIR: dataDir }), secureCookies: false };
  const app = await buildApp(database, config);
  await app.ready();
  try {
    const countyUser = loaded.logins.county[0]!;
    const headers = await loginCookie(app, countyUser);
    const url = `/api/v1/county/dashboard?year=${YEAR}`;
    const first = await app.inject({ method: 'GET', url, headers });
    if (first.statusCode !== 200) throw new Error(`dashboard ${first.statusCode} ${first.body}`);
    const json = first.body;
    const countyCode = countyUser.replace('county', '');
    const ids = (await database.db.selectFrom('townships').select('id').where('county_code', '=', countyCode).execute()).map((r) => r.id);
    const runs = scale === 'province' ? 30 : 100;
    const dashboard = await time(runs, () => app.inject({ method: 'GET', url, headers }));
    const dashboardSql = await time(runs, () => bareRollup(database.db, ids, YEAR));
    // A bare Fastify route returning the same JSON: the cost of HTTP handling alone.
    const bare = Fastify();
    bare.get('/bare', (_req, reply) => reply.type('application/json').send(json));
    await bare.ready();
    const bareRoute = await time(runs, () => bare.inject({ method: 'GET', url: '/bare' }));
    await bare.close();
    // A list endpoint: one township's suggestions of the year, page 1, vs the repository call.
    const townshipId = ids[0]!;
    const listUrl = `/api/v1/townships/${townshipId}/suggestions?year=${YEAR}&limit=20`;
    const firstList = await app.inject({ method: 'GET', url: listUrl, headers });
    if (firstList.statusCode !== 200) throw new Error(`list ${firstList.statusCode} ${firstList.body}`);
    const list = await time(runs, () => app.inject({ method: 'GET', url: listUrl, headers }));
    const scope = { townshipIds: ids, visibility: 'all' as const, userId: 'bench', deputyIds: [], unitId: null };
    const listSql = await time(runs, () => listSuggestions(database.db, townshipId, scope, { year: YEAR, limit: 20, offset: 0 }));
    return {
      dialect: database.dialect, scale, townships: loaded.townships + loaded.skipped, inserted: loaded.townships, rows, loadMs: loaded.ms,
      dashboard, dashboardSql, bareRoute, list, listSql, dashboardBytes: Buffer.byteLength(json),
    };
  } finally {
    await app.close();
  }
}

export async function benchCountySqlite(): Promise<CountyBenchResult & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-county-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'renda.sqlite')}`);
  try {
    return { ...(await benchOn(database, 'county', dir)), dir };
  } finally {
    await database.close();
  }
}

/**
 * PostgreSQL: the province set into schema `bench_province` (RENDA_BENCH_PG_SCHEMA; kept between runs: loading skips
 * townships already there), then the county endpoints and the rollup over the whole province.
 */
export async function benchProvincePostgres(url: string): Promise<CountyBenchResult & { provinceRollup: Timing; provinceTownships: number }> {
  const schema = process.env.RENDA_BENCH_PG_SCHEMA ?? 'bench_province';
  const database = openDatabase(url, { pgSchema: schema, poolSize: 8 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-province-'));
  try {
    await database.db.schema.createSchema(schema).ifNotExists().execute();
    const r = await benchOn(database, 'province', dir);
    const all = (await database.db.selectFrom('townships').select('id').execute()).map((x) => x.id);
    // The province rollup: the dashboard's queries over every township of the province at once.
    const provinceRollup = await time(10, () => bareRollup(database.db, all, YEAR));
    return { ...r, provinceRollup, provinceTownships: all.length };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : 0;
}

/**
 * A real server (`renda serve`, tsx) on the county database, signed in as the county office,
 * requesting the dashboard, a township's suggestion list and its deputies for `seconds`, 8 at a
 * time; the server's RSS is sampled every 100 ms (Linux /proc).
 */
export async function benchCountyRss(dataDir: string, seconds = 15): Promise<{ idleMb: number; peakMb: number; requests: number; errors: number; floorMb: number; floorHeapMb: number }> {
  const floor = await new Promise<{ rssMb: number; heapMb: number }>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/rss-floor.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as { rssMb: number; heapMb: number }) : reject(new Error(`rss-floor exited ${code}`))));
  });
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/renda.js', 'serve', '--no-demo'], {
    env: { ...process.env, RENDA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not yet */ }
      if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The server's own process: bin/renda.js runs node with tsx in the same process.
    const pid = child.pid!;
    await new Promise((r) => setTimeout(r, 1000));
    const idleMb = rssMb(pid);
    const dbFile = path.join(dataDir, 'renda.sqlite');
    const countyUser = fs.existsSync(dbFile) ? (await import('better-sqlite3')).default(dbFile, { readonly: true }).prepare("select username from users where role = 'county_admin' limit 1").pluck().get() as string : '';
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: countyUser, password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const dash = (await (await fetch(`${base}/api/v1/county/dashboard?year=${YEAR}`, { headers: { cookie } })).json()) as { townships: { id: string }[] };
    const urls = [
      `/api/v1/county/dashboard?year=${YEAR}`,
      ...dash.townships.slice(0, 5).flatMap((t) => [`/api/v1/townships/${t.id}/suggestions?year=${YEAR}`, `/api/v1/townships/${t.id}/deputies`]),
    ];
    let peakMb = idleMb;
    const sampler = setInterval(() => { try { peakMb = Math.max(peakMb, rssMb(pid)); } catch { /* exited */ } }, 100);
    let requests = 0;
    let errors = 0;
    const statuses = new Map<string, number>();
    const end = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      let i = w;
      while (Date.now() < end) {
        const res = await fetch(`${base}${urls[i++ % urls.length]}`, { headers: { cookie } }).catch((err: unknown) => { statuses.set(String(err), (statuses.get(String(err)) ?? 0) + 1); return null; });
        requests++;
        if (!res || !res.ok) errors++;
        if (res && !res.ok) statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        await res?.arrayBuffer();
      }
    }));
    clearInterval(sampler);
    if (errors) console.error('county RSS bench: failed requests by status', Object.fromEntries(statuses));
    return { idleMb, peakMb, requests, errors, floorMb: floor.rssMb, floorHeapMb: floor.heapMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

/**
 * Runs the county benchmarks and returns the rows of their table. Heavy parts are opt-in:
 * RENDA_BENCH_PROVINCE=1 with DATABASE_URL loads the province set into PostgreSQL (minutes).
 */
export async function countyBenchRows(): Promise<string[]> {
  const rows: string[] = [];
  const s = await benchCountySqlite();
  try {
    rows.push(
      `| county set, SQLite: ${s.townships} townships, ${s.rows.toLocaleString('en')} rows generated and inserted (\`renda demo --scale county\`) | ${(s.loadMs / 1000).toFixed(1)} s | multi-row inserts, 25 townships per transaction | — |`,
      `| county dashboard (${s.townships} townships, year ${YEAR}), GET over HTTP, SQLite | p50 ${fmt(s.dashboard.p50)}, p95 ${fmt(s.dashboard.p95)} (${s.dashboard.runs} runs) | target < 300 ms | ${s.dashboard.p95 < 300 ? 'met' : 'MISSED'} |`,
      `| of which its SQL run directly (the same 8 grouped queries through the repository) | p50 ${fmt(s.dashboardSql.p50)}, p95 ${fmt(s.dashboardSql.p95)} | the floor for this endpoint | ${ratio(s.dashboard.p50, s.dashboardSql.p50)} |`,
      `| a bare Fastify route returning the same JSON (${(s.dashboardBytes / 1024).toFixed(1)} KiB) | p50 ${fmt(s.bareRoute.p50)}, p95 ${fmt(s.bareRoute.p95)} | HTTP alone | endpoint − SQL − bare = ${fmt(Math.max(0, s.dashboard.p50 - s.dashboardSql.p50 - s.bareRoute.p50))} (auth, scope, zod) |`,
      `| list endpoint: one township's suggestions of the year, page 1 (20), SQLite | p50 ${fmt(s.list.p50)}, p95 ${fmt(s.list.p95)} | — | — |`,
      `| of which the same SQL run directly (listSuggestions in the repository) | p50 ${fmt(s.listSql.p50)}, p95 ${fmt(s.listSql.p95)} | the floor for this endpoint | ${ratio(s.list.p50, s.listSql.p50)} |`,
    );
    const rss = await benchCountyRss(s.dir, Number(process.env.RENDA_BENCH_RSS_SECONDS ?? 15));
    rows.push(
      `| server RSS while serving the county (\`renda serve\`, 8 clients, dashboard + lists, ${rss.requests.toLocaleString('en')} requests, ${rss.errors} errors) | peak ${rss.peakMb.toFixed(0)} MB (idle after start ${rss.idleMb.toFixed(0)} MB) | target < 250 MB | ${rss.peakMb < 250 && rss.errors === 0 ? 'met' : 'MISSED'} |`,
      `| of which the floor: node + tsx having imported the app, no database, no request | ${rss.floorMb.toFixed(0)} MB RSS (JS heap ${rss.floorHeapMb.toFixed(0)} MB) | the rest of the floor is module code compiled at start | serving a county adds ${(rss.peakMb - rss.floorMb).toFixed(0)} MB |`,
    );
  } finally {
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
  if (process.env.RENDA_BENCH_PROVINCE === '1' && process.env.DATABASE_URL) {
    const p = await benchProvincePostgres(process.env.DATABASE_URL);
    rows.push(
      p.inserted
        ? `| province set, PostgreSQL: ${p.inserted.toLocaleString('en')} townships, ${p.rows.toLocaleString('en')} rows generated and inserted | ${(p.loadMs / 60000).toFixed(1)} min | multi-row inserts, 25 townships per transaction | — |`
        : `| province set, PostgreSQL: ${p.provinceTownships.toLocaleString('en')} townships already loaded (schema ${process.env.RENDA_BENCH_PG_SCHEMA ?? 'bench_province'}) | — | its load is timed in docs/deployment.md | — |`,
      `| province rollup: the dashboard's queries over all ${p.provinceTownships.toLocaleString('en')} townships, PostgreSQL | p50 ${fmt(p.provinceRollup.p50)}, p95 ${fmt(p.provinceRollup.p95)} (${p.provinceRollup.runs} runs) | target < 2 s | ${p.provinceRollup.p95 < 2000 ? 'met' : 'MISSED'} |`,
      `| county dashboard on the province database, GET over HTTP, PostgreSQL | p50 ${fmt(p.dashboard.p50)}, p95 ${fmt(p.dashboard.p95)} | its SQL directly: p50 ${fmt(p.dashboardSql.p50)}; bare route ${fmt(p.bareRoute.p50)} | ${ratio(p.dashboard.p50, p.dashboardSql.p50)} |`,
      `| list endpoint (a township's suggestions, page 1) on the province database, PostgreSQL | p50 ${fmt(p.list.p50)}, p95 ${fmt(p.list.p95)} | same SQL directly: p50 ${fmt(p.listSql.p50)} | ${ratio(p.list.p50, p.listSql.p50)} |`,
    );
  } else {
    rows.push('| province set and rollup on PostgreSQL | not run | opt-in: RENDA_BENCH_PROVINCE=1 and DATABASE_URL (loads 1,300 townships: minutes) | — |');
  }
  return rows;
}

/** Rewrites the county block of docs/benchmarks.md (between its own markers). */
export function writeCountyBlock(rows: string[], when: string, machine: string): string {
  const block = [
    '<!-- BEGIN COUNTY -->',
    `Measured ${when} on ${machine}.`,
    '',
    '| what | figure | bare limit / target | ratio or verdict |',
    '| --- | --- | --- | --- |',
    ...rows,
    '<!-- END COUNTY -->',
  ].join('\n');
  const file = 'docs/benchmarks.md';
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const re = /<!-- BEGIN COUNTY -->[\s\S]*<!-- END COUNTY -->/;
  fs.writeFileSync(file, re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n## County level and province scale (issue 11)\n\n${block}\n`);
  return block;
}
