import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../helpers/test-db.js';

const run = promisify(execFile);
let dir: string;

async function renda(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/renda.js', ...args], { env: { ...process.env, RENDA_DATA_DIR: dir }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The CLI runs against the default embedded SQLite database.
describe.runIf(TEST_DB === 'sqlite')('renda CLI', () => {
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-cli-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds a township from its NBS code and refuses bad codes clearly', async () => {
    const ok = await renda('township', 'add', '421281100');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('湖北省 咸宁市 赤壁市 新店镇 (421281100) with 11 villages');
    const malformed = await renda('township', 'add', '4212');
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('乡镇代码应为9位数字');
    const unknown = await renda('township', 'add', '999999999');
    expect(unknown.stderr).toContain('区划代码库中没有代码为 999999999 的乡镇');
    const again = await renda('township', 'add', '421281100');
    expect(again.stderr).toContain('已经存在');
  }, 60_000);

  it('creates a user in the only township and resets the password', async () => {
    const created = await renda('user', 'create', 'linoffice', '--role', 'office', '--name', '林主任');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Temporary password: \S{10}/);
    const handler = await renda('user', 'create', 'handler1', '--role', 'unit_handler', '--name', '经办人');
    expect(handler.code).toBe(1);
    expect(handler.stderr).toContain('需要绑定');
    const reset = await renda('user', 'reset-password', 'linoffice');
    expect(reset.stdout).toMatch(/Temporary password for linoffice: \S{10}/);
  }, 60_000);

  it('verifies the audit chain and reports the first broken link', async () => {
    expect((await renda('audit', 'verify')).stdout).toMatch(/Audit trail intact: \d+ rows/);
    const db = new SQLite(path.join(dir, 'renda.sqlite'));
    const row = db.prepare("select id, seq from audit_log where action = 'user.create' order by seq limit 1").get() as { id: string; seq: number };
    db.prepare("update audit_log set actor_name = 'someone else' where id = ?").run(row.id);
    db.close();
    const broken = await renda('audit', 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`at seq ${row.seq} (audit id ${row.id}): hash_mismatch`);
  }, 60_000);

  it('loads the demo township once', async () => {
    const first = await renda('demo');
    expect(first.stdout).toContain('Demo township 示例镇 loaded.');
    const second = await renda('demo');
    expect(second.stdout).toContain('already there');
    const list = await renda('township', 'list');
    expect(list.stdout).toContain('999999101  示例县 示例镇  (demo)');
  }, 60_000);

  it('backs up the live database and restores it', async () => {
    const file = path.join(dir, 'manual-backup.sqlite');
    const backup = await renda('backup', file);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('integrity ok');
    const restore = await renda('restore', file);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('The previous database is kept as');
    expect((await renda('township', 'list')).stdout).toContain('示例镇');
  }, 60_000);
});
