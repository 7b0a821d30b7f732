import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { z } from 'zod';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { DERIVED_TABLES, REFERENCE_TABLES } from '../../src/server/db/schema.js';
import type { RegisteredRoute } from '../../src/server/http/route-registry.js';
import type { App } from '../../src/server/http/types.js';
import { PG_SCHEMA, TEST_DB } from '../helpers/test-db.js';
import type { TestContext } from '../helpers/test-app.js';
import { listOwnTables } from '../../src/server/db/dialect.js';

/**
 * A database of the test file's own: a temporary SQLite file, or on PostgreSQL a schema of its
 * own (`<RENDA_TEST_PG_SCHEMA>_<name>`), so the attack tests can load the demo township and
 * compare whole tables before and after an attack without other test files writing beside them.
 */
export async function openPrivateDatabase(name: string): Promise<Database> {
  if (TEST_DB === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const schema = `${PG_SCHEMA}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const database = openDatabase(url, { pgSchema: schema, poolSize: 4 });
    await migrateToLatest(database);
    const close = database.close;
    return {
      ...database,
      close: async () => {
        await close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `renda-sec-${name}-`));
  const database = openDatabase(`sqlite:${path.join(dir, 'test.sqlite')}`);
  await migrateToLatest(database);
  const close = database.close;
  return { ...database, close: async () => { await close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A real app over a private database; `env` overrides configuration (e.g. lockout settings). */
export async function createPrivateContext(name: string, env: Record<string, string> = {}): Promise<TestContext & { dataDir: string }> {
  const database = await openPrivateDatabase(name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `renda-sec-data-${name}-`));
  const config = { ...loadConfig({ ...process.env, RENDA_DATA_DIR: dataDir, ...env }), secureCookies: env.RENDA_SECURE_COOKIES === '1' };
  const app = await buildApp(database, config);
  await app.ready();
  return {
    app, database, dataDir,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Tables whose rows change on every authenticated request (login sessions) or are not tenant data. */
const VOLATILE_TABLES = new Set<string>(['sessions', ...REFERENCE_TABLES.filter((t) => t !== 'townships'), ...DERIVED_TABLES]);
/** Columns that change on sign-in alone. */
const VOLATILE_COLUMNS = new Set(['last_login_at', 'last_seen_at']);

export type Snapshot = Map<string, { count: number; hash: string }>;

/** The tables of this database's own schema (db/dialect.ts: never another test run's schema). */
function ownTables(database: Database) {
  return listOwnTables(database.db);
}

const tableLists = new WeakMap<object, string[]>();
/** The data tables of the database (read once per database). */
async function dataTables(database: Database): Promise<string[]> {
  let tables = tableLists.get(database.db);
  if (!tables) {
    tables = (await ownTables(database)).map((t) => t.name).filter((t) => !VOLATILE_TABLES.has(t) && !t.startsWith('suggestions_fts')).sort();
    tableLists.set(database.db, tables);
  }
  return tables;
}

/** Every row of every data table (sorted, hashed per table): what "nothing changed" compares. */
export async function snapshot(database: Database): Promise<Snapshot> {
  const tables = await dataTables(database);
  const result: Snapshot = new Map();
  for (const table of tables) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await (database.db as any).selectFrom(table).selectAll().execute() as Record<string, unknown>[];
    const lines = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !VOLATILE_COLUMNS.has(k)).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? createHash('sha256').update(v).digest('hex') : v]))).sort();
    result.set(table, { count: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return result;
}

/** The tables that differ between two snapshots, with their row counts. */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const [table, a] of after) {
    const b = before.get(table);
    if (!b || b.hash !== a.hash) changed.push(`${table} (${b?.count ?? 0} → ${a.count} rows)`);
  }
  return changed;
}

const stampColumns = new WeakMap<object, { table: string; stamp: string | null }[]>();

/**
 * A cheap fingerprint of every data table in one query: its row count and the latest
 * updated_at (or created_at). Taken around each attack; a full {@link snapshot} brackets a run.
 */
export async function fingerprint(database: Database): Promise<Map<string, string>> {
  let tables = stampColumns.get(database.db);
  if (!tables) {
    const names = new Set(await dataTables(database));
    tables = (await ownTables(database)).filter((t) => names.has(t.name)).map((t) => {
      const cols = new Set(t.columns.map((c) => c.name));
      return { table: t.name, stamp: cols.has('updated_at') ? 'updated_at' : cols.has('created_at') ? 'created_at' : null };
    }).sort((a, b) => a.table.localeCompare(b.table));
    stampColumns.set(database.db, tables);
  }
  const parts = tables.map((t) => sql`select ${t.table} as t, count(*) as n, ${t.stamp ? sql`cast(max(${sql.ref(t.stamp)}) as text)` : sql`''`} as s from ${sql.table(t.table)}`);
  const { rows } = await sql<{ t: string; n: number | string; s: string | null }>`${sql.join(parts, sql` union all `)}`.execute(database.db);
  return new Map(rows.map((r) => [r.t, `${Number(r.n)}|${r.s ?? ''}`]));
}

export function diffFingerprints(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([t, v]) => before.get(t) !== v).map(([t, v]) => `${t} (${before.get(t)} → ${v})`);
}

/** Row counts only: cheap enough to take around every fuzzed request. */
export async function rowCounts(database: Database): Promise<Map<string, number>> {
  const tables = await dataTables(database);
  const counts = new Map<string, number>();
  for (const table of tables) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = await (database.db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    counts.set(table, Number(row.n));
  }
  return counts;
}

export function diffCounts(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([t, n]) => before.get(t) !== n).map(([t, n]) => `${t} (${before.get(t)} → ${n})`);
}

/** The path parameters of a route URL, in order (`/a/:id/b/:deputyId` → ['id', 'deputyId']). */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? `missing-${name}`));
}

export function randomUuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type JsonSchema = Record<string, unknown>;

/** The JSON schema of a route's zod body or query schema, or null when it has none. */
export function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return null;
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/**
 * A value the JSON schema accepts, built from its declared types, formats, enums and bounds:
 * the "valid example" the matrix sends (so a refusal is about scope, not shape) and the fuzzer
 * mutates. `ids` fills uuid fields.
 */
export function exampleOf(schema: JsonSchema | undefined, ids: () => string = randomUuid, depth = 0, key = ''): unknown {
  if (!schema || depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0], ids, depth + 1, key);
  if (Array.isArray(schema.allOf) && schema.allOf.length) return exampleOf(schema.allOf[0] as JsonSchema, ids, depth + 1, key);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type as string | undefined;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) out[k] = exampleOf(v, ids, depth + 1, k);
      return out;
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      return Array.from({ length: Math.max(min, 1) }, () => exampleOf(schema.items as JsonSchema, ids, depth + 1, key.replace(/s$/, ''))).slice(0, Math.max(min, schema.maxItems === 0 ? 0 : 1));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : undefined);
      const max = schema.maximum as number | undefined;
      let n = typeof min === 'number' ? min : 1;
      if (typeof max === 'number' && n > max) n = max;
      return n;
    }
    case 'boolean': return false;
    case 'string': {
      const format = schema.format as string | undefined;
      if (format === 'uuid') return ids();
      if (format === 'date') return '2026-03-05';
      if (format === 'date-time') return '2026-03-05T02:00:00.000Z';
      if (format === 'email') return 'a@example.com';
      if (format === 'uri') return 'https://example.com/';
      const pattern = schema.pattern as string | undefined;
      const digits = pattern?.match(/^\^\\d\{(\d+)\}\$$/);
      if (digits) return '1'.repeat(Number(digits[1]));
      if (!pattern && /(Date|On|^today|^date|^from|^to)$/.test(key)) return '2026-03-05';
      if (!pattern && /At$/.test(key)) return '2026-03-05T02:00:00.000Z';
      if (!pattern && /Ids?$/.test(key)) return ids();
      if (pattern) {
        for (const candidate of ['2026-03-05', '09:30', '13800138000', '110101199003074514', '2026-001', 'abc123', '1', '123456']) {
          try { if (new RegExp(pattern).test(candidate)) return candidate; } catch { /* not a JS pattern */ }
        }
      }
      const min = Number(schema.minLength ?? 1);
      const max = Number(schema.maxLength ?? 40);
      return '测试内容abcdefghij'.repeat(10).slice(0, Math.min(Math.max(min, 4), max));
    }
    case 'null': return null;
    default: return {};
  }
}

/** A route's JSON body schema (null for routes without one). */
export function bodySchemaOf(route: RegisteredRoute): JsonSchema | null {
  return jsonSchemaOf(route.schema?.body);
}

export function querySchemaOf(route: RegisteredRoute): JsonSchema | null {
  return jsonSchemaOf(route.schema?.querystring);
}

/** The API routes (not the SPA, docs or portal pages). */
export function apiRoutes(routes: readonly RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((r) => r.url.startsWith('/api/v1/'));
}

export type { App };

/** URL segment → table, where the names differ (others: kebab-case → snake_case). */
export const RESOURCE_TABLES: Record<string, string> = {
  sessions: 'congress_sessions',
  votes: 'session_votes',
  notices: 'county_notices',
  'county-tasks': 'county_notice_tasks',
  templates: 'report_templates',
};
/** Named path parameters → the table they point into. */
export const PARAM_TABLES: Record<string, string> = {
  deputyId: 'deputies',
  leaderDeputyId: 'deputies',
  opinionId: 'resident_opinions',
  categoryId: 'portal_categories',
};

/** The table a route's path parameter points into, or null when it is not a record id. */
export function tableFor(url: string, param: string): string | null {
  if (param === 'townshipId') return 'townships';
  if (PARAM_TABLES[param]) return PARAM_TABLES[param]!;
  if (param !== 'id') return null;
  const segments = url.split('/');
  const segment = segments[segments.indexOf(':id') - 1]!;
  return RESOURCE_TABLES[segment] ?? segment.replace(/-/g, '_');
}

/** Finds a record id of a township (or of its county, for county-level tables) in a table. */
export function idResolver(database: Database, townshipId: string, countyCode: string): (table: string) => Promise<string | null> {
  const cache = new Map<string, string | null>();
  return async (table) => {
    if (table === 'townships') return townshipId;
    if (cache.has(table)) return cache.get(table)!;
    let found: string | null = null;
    for (const [column, value] of [['township_id', townshipId], ['county_code', countyCode]] as const) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const row = await (database.db as any).selectFrom(table).select('id').where(column, '=', value).orderBy('id').limit(1).executeTakeFirst();
        if (row?.id) { found = row.id as string; break; }
      } catch { /* no such table or column */ }
    }
    cache.set(table, found);
    return found;
  };
}
