import fs from 'node:fs';
import os from 'node:os';
import { benchDeputyImport } from './deputy-import.js';
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
