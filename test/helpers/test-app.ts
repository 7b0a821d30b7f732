import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/database.js';
import type { App } from '../../src/server/http/types.js';
import { openTestDatabase } from './test-db.js';

export interface TestContext {
  app: App;
  database: Database;
  /** Where the app keeps its files (uploads): a fresh temporary folder unless the test names one. */
  dataDir: string;
  close(): Promise<void>;
}

/** A real app over a real database (SQLite or PostgreSQL), driven through HTTP with inject. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  // Uploaded files go to a temporary folder of this context, never the checkout's data/.
  const ownDir = env.RENDA_DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'renda-test-data-'));
  const config = { ...loadConfig({ ...process.env, ...(ownDir ? { RENDA_DATA_DIR: ownDir } : {}), ...env }), secureCookies: false };
  const app = await buildApp(database, config);
  await app.ready();
  return {
    app,
    database,
    dataDir: config.dataDir,
    close: async () => {
      await app.close();
      await database.close();
      if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Signs in through the API and returns a client that sends the cookie and CSRF token. */
export async function login(app: App, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'renda_sid')!;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const session: Session = {
    cookie: `renda_sid=${cookie.value}`,
    csrfToken,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method, url,
        headers: { cookie: session.cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
  };
  return session;
}

/**
 * A multipart/form-data body with one file, for upload endpoints. The file name is sent the way
 * browsers send it (WHATWG HTML, multipart/form-data encoding): raw UTF-8, with only `"`, CR and LF
 * escaped as %22, %0D and %0A. Percent-encoding the whole name would store "%E8%81%94….docx".
 */
export function multipartFile(filename: string, content: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----renda${Math.random().toString(16).slice(2)}`;
  const name = filename.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Sends a file upload through a signed-in session. */
export function upload(app: App, session: Session, url: string, filename: string, content: Buffer): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipartFile(filename, content);
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
}
