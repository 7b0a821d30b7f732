import fs from 'node:fs';
import os from 'node:os';
import { countyBenchRows, writeCountyBlock } from './county.js';
import { benchDeputyImport } from './deputy-import.js';
import { benchElections } from './elections.js';
import { benchLoad } from './load.js';
import { benchReports } from './reports.js';
import { benchPortal } from './portal.js';
import { benchSuggestionsPostgres, benchSuggestionsSqlite, type SuggestionBenchResult } from './suggestions.js';

/**
 * `npm run bench`: runs every benchmark, prints the figures and rewrites the measured block of
 * docs/benchmarks.md (between the BEGIN/END markers) with them, the machine and the date.
 */
const lines: string[] = [];
const when = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;

const imp = await benchDeputyImport(10_000);
lines.push(
  `| deputy import, 10,000 rows (.xlsx ${(imp.fileBytes / 1024).toFixed(0)} KiB), SQLite | ${(imp.importMs / 1000).toFixed(2)} s | target < 3 s | ${imp.importMs < 3000 ? 'met' : 'MISSED'} |`,
  `| of which reading the workbook (ExcelJS, bare) | ${(imp.parseOnlyMs / 1000).toFixed(2)} s | the floor for any import of this file | ${(imp.importMs / imp.parseOnlyMs).toFixed(1)}× |`,
  `| peak RSS of the importing process | ${imp.peakRssMb.toFixed(0)} MB (before: ${imp.baselineRssMb.toFixed(0)} MB) | target < 300 MB; bare read peaks at ${imp.parsePeakRssMb.toFixed(0)} MB | ${imp.peakRssMb < 300 ? 'met' : 'MISSED'} |`,
);

const el = await benchElections(50_000, 30, 10);
lines.push(
  `| village election rolls, ${el.voters.toLocaleString('en')} voters in ${el.villages} villages (.xlsx ${(el.fileBytes / 1024).toFixed(0)} KiB in all), import and cross-check, SQLite | ${(el.importMs / 1000).toFixed(2)} s (CPU ${(el.importCpuMs / 1000).toFixed(2)} s) | target < 10 s | ${el.importMs < 10_000 ? 'met' : 'MISSED'} |`,
  `| of which reading the workbooks (ExcelJS, bare) | ${(el.parseOnlyMs / 1000).toFixed(2)} s | the floor for any import of these files | ${(el.importMs / el.parseOnlyMs).toFixed(1)}× |`,
  `| village election tally, ${el.boxes} ballot boxes entered twice (${el.boxes * 2} entries, each its own transaction with its audit row), SQLite | ${(el.entryMs / 1000).toFixed(2)} s | — | — |`,
  `| village election count of ${el.boxes} accepted ballot boxes (${el.villages} results under 第15条, frozen with their audit rows), SQLite | ${el.countMs.toFixed(0)} ms (CPU ${el.countCpuMs.toFixed(0)} ms) | target < 1 s | ${el.countMs < 1000 ? 'met' : 'MISSED'} |`,
);

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const suggestionRows = (r: SuggestionBenchResult, label: string) => [
  `| suggestions, ${r.rows.toLocaleString('en')} rows (${r.townships} townships × ${r.years} years), ${label}: generate${r.dbBytes ? ` (${(r.dbBytes / 2 ** 20).toFixed(0)} MiB file)` : ''} | ${(r.generateMs / 1000).toFixed(1)} s | bulk insert through the driver; ${r.dialect === 'sqlite' ? 'FTS5 index kept by triggers' : 'stored tsvector with its GIN index'} | — |`,
  `| of which a filtered list page (one township, a year, state 已办结, page 2), ${label} | p50 ${fmt(r.list.p50)}, p95 ${fmt(r.list.p95)} (${r.list.runs} runs) | target p95 < 50 ms | ${r.list.p95 < 50 ? 'met' : 'MISSED'} |`,
  `| of which a full-text search (one township, a word such as 路灯, page 1), ${label} | p50 ${fmt(r.search.p50)}, p95 ${fmt(r.search.p95)} (${r.search.runs} runs) | target p95 < 50 ms | ${r.search.p95 < 50 ? 'met' : 'MISSED'} |`,
];
const sqliteRows = Number(process.env.RENDA_BENCH_SUGGESTIONS ?? 1_000_000);
lines.push(...suggestionRows(await benchSuggestionsSqlite(sqliteRows), 'SQLite'));
if (process.env.DATABASE_URL) {
  // A smaller set on PostgreSQL by default, to keep `npm run bench` within a few minutes.
  const pgRows = Number(process.env.RENDA_BENCH_SUGGESTIONS_PG ?? 200_000);
  lines.push(...suggestionRows(await benchSuggestionsPostgres(process.env.DATABASE_URL, pgRows), 'PostgreSQL'));
} else {
  lines.push('| suggestions on PostgreSQL | not run | set DATABASE_URL | — |');
}

// Load (issue 12): 200 users with think time for 60 s against one server process, then a short
// saturation run without think time (bench/load.ts).
const { load, saturation } = await benchLoad({ seconds: Number(process.env.RENDA_LOAD_SECONDS ?? 60) });
lines.push(
  `| load: ${load.users} users × ${load.seconds} s, mixed reads and writes (think 0.5–1.5 s), one process, SQLite | ${load.requests.toLocaleString('en')} requests (${load.rps.toFixed(0)}/s, ${load.writes} writes), ${load.errors} errors; p50 ${fmt(load.p50)}, p95 ${fmt(load.p95)}, p99 ${fmt(load.p99)}, max ${fmt(load.max)} | target: 0 errors, p99 < 200 ms | ${load.errors === 0 && load.p99 < 200 ? 'met' : 'MISSED'} |`,
  ...(saturation ? [`| of which capacity: ${saturation.users} users, no think time, ${saturation.seconds} s | ${saturation.rps.toFixed(0)} requests/s, ${saturation.errors} errors; p50 ${fmt(saturation.p50)}, p99 ${fmt(saturation.p99)} | what one process sustains on this machine | — |`] : []),
);

// Public portal (issue 10): an article page vs the same HTML as a static file, same server (bench/portal.ts).
const portal = await benchPortal({ seconds: Number(process.env.RENDA_PORTAL_SECONDS ?? 15) });
lines.push(
  `| portal article page (${(portal.bytes / 1024).toFixed(1)} KiB HTML), autocannon ${portal.connections} connections × ${portal.seconds} s, SQLite | ${portal.article.rps.toFixed(0)} requests/s, p50 ${portal.article.p50} ms, p99 ${portal.article.p99} ms | the same HTML as a static file from the same server: ${portal.static.rps.toFixed(0)} requests/s, p50 ${portal.static.p50} ms, p99 ${portal.static.p99} ms; target ≥ 0.5× | ${portal.ratio.toFixed(2)}× ${portal.ratio >= 0.5 ? 'met' : 'MISSED'} |`,
);

// Year-end summary (issue 9): facts + summary for one township-year, and a county batch (bench/reports.ts).
const rep = await benchReports(25);
lines.push(
  `| year-end summary: facts and the .docx for one township-year (demo 2025), SQLite | p50 ${fmt(rep.single.p50)}, p95 ${fmt(rep.single.p95)} (${rep.single.runs} runs) | target < 200 ms | ${rep.single.p95 < 200 ? 'met' : 'MISSED'} |`,
  `| year-end summary: county batch, ${rep.county.townships} townships with the demo's records, one .docx each, SQLite | ${(rep.county.ms / 1000).toFixed(2)} s (${fmt(rep.county.perTownship)} per township) | target < 5 s | ${rep.county.ms < 5000 ? 'met' : 'MISSED'} |`,
);

// County level and province scale (issue 11): their own block of the document (bench/county.ts).
const countyRows = await countyBenchRows();

const block = [
  '<!-- BEGIN MEASURED -->',
  `Measured ${when} on ${machine}.`,
  '',
  '| what | figure | bare limit / target | ratio or verdict |',
  '| --- | --- | --- | --- |',
  ...lines,
  '<!-- END MEASURED -->',
].join('\n');
console.log(block);
const file = 'docs/benchmarks.md';
const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const updated = /<!-- BEGIN MEASURED -->[\s\S]*<!-- END MEASURED -->/.test(doc)
  ? doc.replace(/<!-- BEGIN MEASURED -->[\s\S]*<!-- END MEASURED -->/, block)
  : `${doc}\n${block}\n`;
fs.writeFileSync(file, updated);
console.log(writeCountyBlock(countyRows, when, machine));
