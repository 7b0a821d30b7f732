import { AxeBuilder } from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { freePort } from '../helpers/free-port.js';

export { freePort };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.tmp/screenshots');
export const DEMO_PASSWORD = 'Renda@2026';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
}


function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the real server (`node bin/renda.js serve`) on a fresh data folder and a free port,
 * and waits for /api/health. An empty database gets the demo township 示例镇.
 * Needs the web app built into dist/web first: `npx vite build --config src/web/vite.config.ts`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  // RENDA_WEB_DIST (passed through to the server) lets a test serve its own build of the web app.
  const webDist = env.RENDA_WEB_DIST ?? process.env.RENDA_WEB_DIST ?? path.join(REPO_ROOT, 'dist/web');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`${webDist} is not built: run \`npx vite build --config src/web/vite.config.ts\` first`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/renda.js', 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, RENDA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RENDA_NO_DEMO: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return { baseUrl, dataDir, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not become healthy:\n${output}`);
}

/** Headless Chromium from the system package. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page (own cookies and storage) in Chinese at a desktop size. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  return context.newPage();
}

/** Signs in through the login form and waits for the dashboard. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/app/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Opens an antd Select and picks the option with exactly this text (antd draws its own list). */
export async function pickOption(page: Page, select: Locator, option: string, options: { search?: boolean } = {}): Promise<void> {
  await select.click();
  // Long lists are virtual: search so the option is drawn.
  if (options.search) await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .click();
}

/**
 * Axe's serious and critical violations on the page as it stands. Axe reads colours as drawn,
 * so it waits for finite animations (a modal or drawer opening, a toast fading) to settle
 * first; toasts are left out, being transient by design.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).exclude('.ant-message').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
}
