import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.service.js';
import { PG_SCHEMA, TEST_DB } from '../helpers/test-db.js';
import { freePort } from '../helpers/free-port.js';

/**
 * Crash safety (issue 12): the real server (`bin/renda.js serve`) takes a write load over HTTP,
 * is killed with SIGKILL in the middle of it, and is started again on the same data. Every
 * write whose 2xx response reached the client must be there after the restart, and SQLite's
 * `PRAGMA integrity_check` must say ok. On PostgreSQL the same, in a schema of its own.
 */

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});


async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/renda.js', 'serve', '--no-demo'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RENDA_JOBS: '0', RENDA_NO_DEMO: '1', RENDA_BACKUP_KEEP: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not start: ${output}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Client { base: string; cookie: string; csrf: string; townshipId: string }

async function signIn(base: string): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'crashtest', password: 'Crash#Test2026' }) });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const body = await res.json() as { csrfToken: string; user: { townshipId: string } };
  const cookie = /renda_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { base, cookie, csrf: body.csrfToken, townshipId: body.user.townshipId };
}

/**
 * Writes opinions from `workers` concurrent clients until `stop()` resolves; returns the ids whose
 * 201 arrived (acknowledged) and how many requests failed (those may or may not have landed).
 */
function writeLoad(c: Client, workers: number) {
  const acked: string[] = [];
  let failed = 0;
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped) {
      const i = n++;
      try {
        const res = await fetch(`${c.base}/api/v1/townships/${c.townshipId}/resident-opinions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
          body: JSON.stringify({ content: `崩溃测试第${i}条意见：村道路灯需要维修`, residentName: '测试居民', residentPhone: '13800138000', receivedOn: '2026-11-20' }),
        });
        if (res.status === 201) acked.push(((await res.json()) as { id: string }).id);
        else { failed++; await res.text(); }
      } catch {
        failed++;
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const running = Array.from({ length: workers }, worker);
  return {
    acked,
    get failed() { return failed; },
    stop: async () => { stopped = true; await Promise.all(running); },
  };
}

async function crashCycle(env: Record<string, string>, countIds: (ids: string[]) => Promise<number>): Promise<{ acked: number; found: number; failedInFlight: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(env, port);
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ townshipCode: '421281100', username: 'crashtest', displayName: '崩溃测试', password: 'Crash#Test2026' }),
  });
  expect(setup.status).toBe(201);
  const client = await signIn(base);
  const ackedAll: string[] = [];
  let failedInFlight = 0;
  // Two kills: the second one hits a database that was itself recovered from a kill.
  for (let round = 0; round < 2; round++) {
    const load = writeLoad(client, 8);
    const until = Date.now() + 2_500;
    while (Date.now() < until || load.acked.length < 20) await new Promise((r) => setTimeout(r, 50));
    await killHard(server);
    await load.stop();
    ackedAll.push(...load.acked);
    failedInFlight += load.failed;
    server = await startServer(env, port);
    // The session survives the restart (sessions are stored in the database).
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: client.cookie } });
    expect(me.status).toBe(200);
  }
  await killHard(server);
  const found = await countIds(ackedAll);
  return { acked: ackedAll.length, found, failedInFlight };
}

describe.runIf(TEST_DB === 'sqlite')('crash safety on SQLite', () => {
  it('loses no acknowledged write when the server is killed with SIGKILL mid-load, and the file passes integrity_check', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-crash-'));
    try {
      const file = path.join(dir, 'renda.sqlite');
      const result = await crashCycle({ RENDA_DATA_DIR: dir }, async (ids) => {
        const db = new SQLite(file, { readonly: true });
        try {
          const stmt = db.prepare('select count(*) as n from resident_opinions where id = ?');
          return ids.filter((id) => (stmt.get(id) as { n: number }).n === 1).length;
        } finally {
          db.close();
        }
      });
      expect(result.acked).toBeGreaterThan(40);
      expect(result.found).toBe(result.acked);
      const database = openDatabase(`sqlite:${file}`);
      expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
      await database.close();
      const db = new SQLite(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
      console.log(`SQLite crash test: ${result.acked} acknowledged writes, all ${result.found} found after two SIGKILLs; ${result.failedInFlight} requests cut off in flight`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe.runIf(TEST_DB === 'postgres')('crash safety on PostgreSQL', () => {
  it('loses no acknowledged write when the server is killed with SIGKILL mid-load', async () => {
    const url = process.env.DATABASE_URL!;
    const schema = `${PG_SCHEMA}_crash`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-crash-pg-'));
    try {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      const result = await crashCycle({ RENDA_DATA_DIR: dir, RENDA_DATABASE_URL: url, RENDA_PG_SCHEMA: schema }, async (ids) => {
        const r = await admin.query<{ n: string }>(`select count(*) as n from "${schema}".resident_opinions where id = any($1)`, [ids]);
        return Number(r.rows[0]!.n);
      });
      expect(result.acked).toBeGreaterThan(40);
      expect(result.found).toBe(result.acked);
      // The audit rows written in the same transactions form an unbroken chain.
      const database = openDatabase(url, { pgSchema: schema, poolSize: 2 });
      expect((await verifyAuditChains(database.db)).breaks).toEqual([]);
      await database.close();
      console.log(`PostgreSQL crash test: ${result.acked} acknowledged writes, all ${result.found} found after two SIGKILLs; ${result.failedInFlight} requests cut off in flight`);
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
