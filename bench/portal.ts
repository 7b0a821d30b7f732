import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/free-port.js';

/**
 * Issue 10's benchmark: a portal article page under load (autocannon, 50 connections) against
 * the same HTML served as a static file by the same server process (its @fastify/static
 * handler under /app/, the back office's static root, here a copy of the built web app with
 * the page added). Requests carry a browser's user agent, so the article path runs in full:
 * township and category lookups, the article and its tags, related articles, and the view
 * count (once per visitor per day: the first request writes, the rest are recognised).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';


async function startServer(dataDir: string, webDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/renda.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, RENDA_DATA_DIR: dataDir, RENDA_WEB_DIST: webDir, PORT: String(port), HOST: '127.0.0.1', RENDA_JOBS: '0', RENDA_BACKUP_KEEP: '0', RENDA_DATABASE_URL: `sqlite:${path.join(dataDir, 'renda.sqlite')}`, RENDA_LOG: '0' },
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

export interface PortalBenchResult {
  seconds: number;
  connections: number;
  bytes: number;
  article: { rps: number; p50: number; p99: number; errors: number; non2xx: number };
  static: { rps: number; p50: number; p99: number; errors: number; non2xx: number };
  ratio: number;
}

async function hammer(url: string, connections: number, seconds: number) {
  const r = await autocannon({ url, connections, duration: seconds, headers: { 'user-agent': UA } });
  const out = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  // Only successful answers count: a throughput of errors would measure nothing.
  if (out.errors || out.non2xx) throw new Error(`${url}: ${out.errors} errors, ${out.non2xx} non-2xx answers under load`);
  return out;
}

/** Needs the web app built (dist/web or RENDA_WEB_DIST): its folder is copied and the page added. */
export async function benchPortal(options: { seconds?: number; connections?: number } = {}): Promise<PortalBenchResult> {
  const seconds = options.seconds ?? 15;
  const connections = options.connections ?? 50;
  const webSource = process.env.RENDA_WEB_DIST ?? path.join(ROOT, 'dist/web');
  if (!fs.existsSync(path.join(webSource, 'index.html'))) {
    // Build the back office first, as `npm start` does (a fresh clone has no dist/web).
    const built = spawnSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--outDir', webSource, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`building the web app into ${webSource} failed`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-portal-'));
  const webDir = path.join(dataDir, 'web');
  fs.cpSync(webSource, webDir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // First run: render the article once, as a browser would, and keep its HTML. The static
  // handler lists its files when the server starts, so the server is started again after.
  let server = await startServer(dataDir, webDir, port);
  let href: string;
  let html: string;
  try {
    const list = await (await fetch(`${base}/t/999999101/c/news`, { headers: { 'user-agent': UA } })).text();
    const found = /href="(\/t\/999999101\/a\/[0-9a-f-]{36})"/.exec(list)?.[1];
    if (!found) throw new Error('no article on the demo news page');
    href = found;
    html = await (await fetch(`${base}${href}`, { headers: { 'user-agent': UA } })).text();
    fs.writeFileSync(path.join(webDir, 'article.html'), html);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  server = await startServer(dataDir, webDir, port);
  try {
    const staticRes = await fetch(`${base}/app/article.html`);
    if (!staticRes.ok || (await staticRes.text()) !== html) throw new Error('the static copy is not served as written');
    const live = await fetch(`${base}${href}`, { headers: { 'user-agent': UA } });
    if (live.status !== 200) throw new Error(`the article answers ${live.status}: ${(await live.text()).slice(0, 300)}`);
    // Warm both paths, then measure each alone.
    await hammer(`${base}${href}`, 10, 2);
    await hammer(`${base}/app/article.html`, 10, 2);
    const article = await hammer(`${base}${href}`, connections, seconds);
    const stat = await hammer(`${base}/app/article.html`, connections, seconds);
    return { seconds, connections, bytes: Buffer.byteLength(html), article, static: stat, ratio: article.rps / stat.rps };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/portal.ts`: this benchmark alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchPortal({ seconds: Number(process.env.RENDA_PORTAL_SECONDS ?? 15) });
  console.log(JSON.stringify(r, null, 2));
}
