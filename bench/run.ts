import fs from 'node:fs';
import os from 'node:os';
import { benchDeputyImport } from './deputy-import.js';

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
