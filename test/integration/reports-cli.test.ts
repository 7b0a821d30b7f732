import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../helpers/test-db.js';

const run = promisify(execFile);
let dir: string;

async function renda(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/renda.js', ...args], { env: { ...process.env, RENDA_DATA_DIR: dir }, timeout: 120_000, maxBuffer: 50 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The CLI runs against the default embedded SQLite database.
describe.runIf(TEST_DB === 'sqlite')('renda report', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-report-cli-'));
    expect((await renda('demo')).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the year facts as JSON with the ids each figure counted, for the only township by default', async () => {
    const res = await renda('report', 'facts', '--year', '2025', '--json');
    expect(res.code, res.stderr).toBe(0);
    const json = JSON.parse(res.stdout) as { township: { code: string }; facts: Record<string, { value: unknown; records: { kind: string; ids: string[] } | null }> };
    expect(json.township.code).toBe('999999101');
    expect(json.facts['sessions.count']!.value).toBe(2);
    expect(json.facts['sessions.count']!.records!.ids).toHaveLength(2);
    expect(json.facts['suggestions.received']!.records!.ids).toHaveLength(json.facts['suggestions.received']!.value as number);
  }, 60_000);

  it('writes the summary .docx; a bad year or township is refused clearly', async () => {
    const out = path.join(dir, 'summary.docx');
    const res = await renda('report', 'summary', '--township', '999999101', '--year', '2025', '--out', out, '--date', '2026-01-10');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('示例镇人大2025年工作总结');
    const xml = new PizZip(fs.readFileSync(out)).file('word/document.xml')!.asText();
    expect(xml).toContain('2026年1月10日');
    expect(xml).not.toContain('{{');
    expect((await renda('report', 'summary', '--year', '25', '--out', out)).stderr).toContain('--year must be a year');
    expect((await renda('report', 'facts', '--township', '123456789', '--year', '2025')).stderr).toContain('No township with code 123456789');
  }, 60_000);
});
