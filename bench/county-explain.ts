import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { setPgTypeParsers } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';
import * as countyRepo from '../src/server/modules/county/county.repository.js';
import { listDeputies } from '../src/server/modules/deputies/deputies.repository.js';
import { FACTS_PROVIDERS } from '../src/server/modules/reports/facts.providers.js';
import { listSuggestions } from '../src/server/modules/suggestions/suggestions.repository.js';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the hot queries on a loaded province database (PostgreSQL):
 * `DATABASE_URL=… RENDA_BENCH_PG_SCHEMA=bench_province node --import tsx bench/county-explain.ts`.
 * The queries are the application's own: each function runs once through a Kysely that records
 * what it sends, then each recorded statement is explained. Prints the plans' key lines.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const schema = process.env.RENDA_BENCH_PG_SCHEMA ?? 'bench_province';
// The app's own type parsers (dates as 'YYYY-MM-DD', int8 as numbers): the functions below expect them.
setPgTypeParsers();
const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 });
const captured: CompiledQuery[] = [];
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') captured.push(e.query); } });

async function capture(label: string, fn: () => Promise<unknown>): Promise<{ label: string; queries: CompiledQuery[] }> {
  captured.length = 0;
  await fn();
  return { label, queries: [...captured] };
}

const townships = await db.selectFrom('townships').select(['id', 'county_code']).orderBy('code').execute();
const county = townships[0]!.county_code;
const countyIds = townships.filter((t) => t.county_code === county).map((t) => t.id);
const allIds = townships.map((t) => t.id);
const townshipId = countyIds[0]!;
const year = 2026;
const rollups = (ids: string[]) => () => Promise.all([
  countyRepo.rollupSessions(db, ids, year), countyRepo.rollupPresidiumMeetings(db, ids, year), countyRepo.rollupSuggestions(db, ids, year, '2026-11-28'),
  countyRepo.rollupReplies(db, ids, year), countyRepo.rollupDutyActivities(db, ids, year), countyRepo.rollupActiveDeputies(db, ids, year),
  countyRepo.rollupDeputies(db, ids), countyRepo.rollupEvaluations(db, ids, year),
]);
// Run one at a time so each capture holds its own statements only.
const sets = [
  await capture(`county dashboard rollup (${countyIds.length} townships)`, rollups(countyIds)),
  await capture(`province rollup (${allIds.length} townships)`, rollups(allIds)),
  await capture('suggestion list (one township, year, page 1)', () => listSuggestions(db, townshipId, { townshipIds: [townshipId], visibility: 'all', userId: 'x', deputyIds: [], unitId: null }, { year, limit: 20, offset: 0 })),
  await capture('deputy list (one township)', () => listDeputies(db, townshipId)),
  await capture('facts per township-year (every provider)', async () => { for (const p of FACTS_PROVIDERS) await p.collect(db, townshipId, year); }),
];

const KEY = /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|HashAggregate|GroupAggregate|Sort|Hash Join|Nested Loop|Merge Join|Execution Time|Planning Time)/;
for (const set of sets) {
  console.log(`\n### ${set.label}`);
  for (const q of set.queries) {
    const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
    const lines = r.rows.map((x) => x['QUERY PLAN']);
    const head = q.sql.replace(/\s+/g, ' ').slice(0, 110);
    console.log(`- \`${head}…\``);
    for (const l of lines.filter((x) => KEY.test(x))) console.log(`    ${l.trim()}`);
  }
}
await db.destroy();
