import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { generateResidentId } from '../src/domain/resident-id.js';
import { SHEET_COLUMNS } from '../src/server/modules/deputies/deputies.sheet.js';

/** A synthetic roster sheet of `n` valid rows (the import template's columns). */
export async function syntheticDeputySheet(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(SHEET_COLUMNS.map((c) => c.title));
  for (let i = 0; i < n; i++) {
    const gender = i % 2 ? 'male' : 'female';
    const birth = `${1950 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const region = String(700000 + Math.floor(i / 900)).padStart(6, '0');
    ws.addRow([`代表${i}`, gender === 'male' ? '男' : '女', '汉族', birth, generateResidentId(region, birth, i % 900, gender), '群众', '高中', '农民',
      '种植户', '镇人大代表', '14', '', '', '13800001111', '2021-12-30', '', '', '否']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportBenchResult {
  rows: number;
  fileBytes: number;
  importMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  parseOnlyMs: number;
  parsePeakRssMb: number;
}

function runChild(file: string, mode: 'import' | 'parse'): { rows: number; ms: number; peakRssMb: number; baselineRssMb: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/deputy-import-child.ts', file, mode], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * Imports an n-row sheet into a fresh SQLite township in a child process (so the peak memory
 * is the import's alone), and reads the same workbook bare with ExcelJS for the floor.
 */
export async function benchDeputyImport(n = 10_000): Promise<ImportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-'));
  const file = path.join(dir, 'roster.xlsx');
  const sheet = await syntheticDeputySheet(n);
  fs.writeFileSync(file, sheet);
  const parse = runChild(file, 'parse');
  const imp = runChild(file, 'import');
  fs.rmSync(dir, { recursive: true, force: true });
  if (imp.rows !== n) throw new Error(`imported ${imp.rows} of ${n}`);
  return { rows: n, fileBytes: sheet.length, importMs: imp.ms, peakRssMb: imp.peakRssMb, baselineRssMb: imp.baselineRssMb, parseOnlyMs: parse.ms, parsePeakRssMb: parse.peakRssMb };
}
