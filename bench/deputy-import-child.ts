// Runs one deputy import in a fresh process so that its peak memory is the import's alone.
// Usage: node --expose-gc --import tsx bench/deputy-import-child.ts <sheet.xlsx> <mode: import|parse>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { systemActor } from '../src/server/auth/actor.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { importDeputies } from '../src/server/modules/deputies/deputies.import.js';
import { createTownship } from '../src/server/modules/townships/townships.service.js';

const [file, mode] = process.argv.slice(2);
const sheet = fs.readFileSync(file!);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-'));
const database = openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`);
await migrateToLatest(database);
const actor = systemActor('bench');
const t = await createTownship(database.db, actor, { code: '777777001', name: '基准镇', countyCode: '777777', countyName: '基准县', cityName: '基准市', provinceName: '基准省', villages: [] });
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
const started = performance.now();
let rows = 0;
if (mode === 'parse') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(sheet as unknown as ArrayBuffer);
  rows = wb.worksheets[0]!.rowCount - 1;
} else {
  rows = (await importDeputies(database.db, { ...actor, townshipId: t.id }, t.id, sheet)).imported;
}
const ms = performance.now() - started;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ rows, ms, peakRssMb: peak / 2 ** 20, baselineRssMb: baseline / 2 ** 20 }));
