import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { freePort } from '../test/helpers/free-port.js';

/**
 * Load (issue 12): 200 concurrent users for 60 s of a mixed read/write workload against one
 * server process on SQLite. The server is the real one (`bin/renda.js serve`, demo township
 * loaded) in a child process, so the driver does not share its event loop.
 *
 * A user is a loop: pick an action by weight, send it, wait for the answer, think 0.5–1.5 s
 * (people read the page before the next click), repeat. The 200 users share 15 sessions of the
 * demo office (10) and presidium (5) accounts; each session is a real login with its cookie and
 * CSRF token. The mix: lists and details of deputies, suggestions and residents' opinions, the
 * notification bell's poll, /auth/me, and two writes: recording a resident's opinion (with its
 * sealed phone and its audit row) and marking notifications read.
 *
 * A second, shorter run without think time (`saturation`) measures what one process sustains.
 * The driver uses node:http with a keep-alive agent (one connection per user, as browsers keep).
 */

export interface LoadResult {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  writes: number;
  byAction: Record<string, { n: number; p99: number }>;
  /** CPU time the server process used per request (user + system, from /proc), when known. */
  serverCpuMsPerRequest: number | null;
}

/** User + system CPU milliseconds of a process so far (Linux /proc), or null elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ=100
  } catch {
    return null;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  // RENDA_LOAD_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (profiling the hot path).
  const prof = process.env.RENDA_LOAD_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.RENDA_LOAD_CPU_PROF] : [];
  const child = spawn(process.execPath, [...prof, 'bin/renda.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, RENDA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RENDA_JOBS: '0', RENDA_BACKUP_KEEP: '0', RENDA_DATABASE_URL: '', RENDA_LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

interface Session { cookie: string; csrf: string; townshipId: string; role: 'office' | 'presidium' }

async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Renda@2026' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = await res.json() as { csrfToken: string; user: { townshipId: string } };
  return { cookie: /renda_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0], csrf: body.csrfToken, townshipId: body.user.townshipId, role: username as 'office' | 'presidium' };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Action { name: string; weight: number; write?: boolean; officeOnly?: boolean; run: (s: Session, i: number) => { method: 'GET' | 'POST'; path: string; body?: unknown } }

/** Runs the workload; `thinkMs` null means no think time (saturation). */
async function drive(base: string, sessions: Session[], ids: { deputies: string[]; suggestions: string[]; opinions: string[] }, options: { users: number; seconds: number; thinkMs: [number, number] | null; serverPid?: number | undefined }): Promise<LoadResult> {
  const year = new Date().getFullYear();
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  const actions: Action[] = [
    { name: 'deputies list', weight: 15, run: (s) => ({ method: 'GET', path: `/api/v1/townships/${s.townshipId}/deputies` }) },
    { name: 'deputy detail', weight: 10, run: (_s, i) => ({ method: 'GET', path: `/api/v1/deputies/${pick(ids.deputies, i)}` }) },
    { name: 'suggestions list', weight: 15, run: (s) => ({ method: 'GET', path: `/api/v1/townships/${s.townshipId}/suggestions?year=${year}&limit=20` }) },
    { name: 'suggestion detail', weight: 10, run: (_s, i) => ({ method: 'GET', path: `/api/v1/suggestions/${pick(ids.suggestions, i)}` }) },
    { name: 'opinions list', weight: 10, run: (s) => ({ method: 'GET', path: `/api/v1/townships/${s.townshipId}/resident-opinions?limit=20` }) },
    { name: 'opinion detail', weight: 5, run: (_s, i) => ({ method: 'GET', path: `/api/v1/resident-opinions/${pick(ids.opinions, i)}` }) },
    { name: 'notification poll', weight: 15, run: () => ({ method: 'GET', path: '/api/v1/notifications/unread-count' }) },
    { name: 'auth/me', weight: 5, run: () => ({ method: 'GET', path: '/api/v1/auth/me' }) },
    {
      name: 'record an opinion (write)', weight: 10, write: true, officeOnly: true,
      run: (s, i) => ({ method: 'POST', path: `/api/v1/townships/${s.townshipId}/resident-opinions`, body: { content: `压力测试：第${i}位群众反映村道路灯损坏，夜间出行不便。`, residentName: '测试居民', residentPhone: '13800138000', deputyId: pick(ids.deputies, i) } }),
    },
    { name: 'mark notices read (write)', weight: 5, write: true, run: () => ({ method: 'POST', path: '/api/v1/notifications/read-all' }) },
  ];
  const total = actions.reduce((a, x) => a + x.weight, 0);
  const choose = (r: number, s: Session): Action => {
    let x = r * total;
    for (const a of actions) {
      if ((x -= a.weight) < 0) return a.officeOnly && s.role !== 'office' ? actions[0]! : a;
    }
    return actions[0]!;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.users });
  const url = new URL(base);
  const send = (method: string, p: string, headers: Record<string, string>, body?: string) => new Promise<{ statusCode: number; text: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: p, agent, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  const latencies: number[] = [];
  const perAction = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let writes = 0;
  let counter = 0;
  const end = Date.now() + options.seconds * 1000;
  const user = async (u: number) => {
    const s = sessions[u % sessions.length]!;
    // Spread the start over the first second, as users do not all click at once.
    await new Promise((r) => setTimeout(r, Math.random() * 1000));
    while (Date.now() < end) {
      const a = choose(Math.random(), s);
      const req = a.run(s, counter++);
      const t0 = performance.now();
      try {
        const res = await send(req.method, req.path, { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(req.body ? { 'content-type': 'application/json' } : {}) }, req.body ? JSON.stringify(req.body) : undefined);
        const text = res.text;
        const ms = performance.now() - t0;
        latencies.push(ms);
        (perAction.get(a.name) ?? perAction.set(a.name, []).get(a.name)!).push(ms);
        if (res.statusCode >= 400) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${a.name}: ${res.statusCode} ${text.slice(0, 120)}`);
        } else if (a.write) writes++;
      } catch (err) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${a.name}: ${String(err)}`);
      }
      if (options.thinkMs) await new Promise((r) => setTimeout(r, options.thinkMs![0] + Math.random() * (options.thinkMs![1] - options.thinkMs![0])));
    }
  };
  const t0 = Date.now();
  const cpu0 = cpuMsOf(options.serverPid);
  await Promise.all(Array.from({ length: options.users }, (_, u) => user(u)));
  const cpu1 = cpuMsOf(options.serverPid);
  const elapsed = (Date.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const byAction: LoadResult['byAction'] = {};
  for (const [name, xs] of perAction) {
    xs.sort((a, b) => a - b);
    byAction[name] = { n: xs.length, p99: percentile(xs, 99) };
  }
  return {
    users: options.users, seconds: options.seconds, requests: latencies.length, errors, errorSamples, rps: latencies.length / elapsed,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0, writes, byAction,
    serverCpuMsPerRequest: cpu0 !== null && cpu1 !== null && latencies.length ? (cpu1 - cpu0) / latencies.length : null,
  };
}

/** Starts a server on a fresh SQLite database with the demo township, runs both workloads, stops it. */
export async function benchLoad(options: { users?: number; seconds?: number; saturationSeconds?: number } = {}): Promise<{ load: LoadResult; saturation: LoadResult | null }> {
  const users = options.users ?? 200;
  const seconds = options.seconds ?? 60;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-load-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(dataDir, port);
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < 10; i++) sessions.push(await signIn(base, 'office'));
    for (let i = 0; i < 5; i++) sessions.push(await signIn(base, 'presidium'));
    const s = sessions[0]!;
    const get = async (p: string) => (await fetch(`${base}${p}`, { headers: { cookie: s.cookie } })).json() as Promise<{ items: { id: string }[] }>;
    const ids = {
      deputies: (await get(`/api/v1/townships/${s.townshipId}/deputies`)).items.map((d) => d.id),
      suggestions: (await get(`/api/v1/townships/${s.townshipId}/suggestions?limit=100`)).items.map((d) => d.id),
      opinions: (await get(`/api/v1/townships/${s.townshipId}/resident-opinions?limit=100`)).items.map((d) => d.id),
    };
    if (!ids.deputies.length || !ids.suggestions.length || !ids.opinions.length) throw new Error('the demo township has no deputies, suggestions or opinions');
    const load = await drive(base, sessions, ids, { users, seconds, thinkMs: [500, 1500], serverPid: server.pid });
    const saturation = options.saturationSeconds === 0 ? null : await drive(base, sessions, ids, { users: 50, seconds: options.saturationSeconds ?? 15, thinkMs: null, serverPid: server.pid });
    return { load, saturation };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    if (server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/load.ts`: this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await benchLoad({ seconds: Number(process.env.RENDA_LOAD_SECONDS ?? 60) });
  console.log(JSON.stringify(r, null, 2));
}
