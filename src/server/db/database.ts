import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type KyselyPlugin,
  type LogEvent,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Closes the pool or file handle. */
  close(): Promise<void>;
}

/** Columns named like this are booleans; SQLite stores them as 0/1 and we turn them back. */
const BOOLEAN_COLUMN = /^(is|has|must|can)_/;

/**
 * SQLite has no boolean type: the driver returns 0/1. This plugin returns true/false for
 * columns whose names say they are booleans, so both dialects give the same JS shapes.
 */
class SqliteBooleanPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key of Object.keys(row)) {
        if (BOOLEAN_COLUMN.test(key) && (row[key] === 0 || row[key] === 1)) row[key] = row[key] === 1;
      }
    }
    return args.result;
  }
}

/** Prepared statements kept for reuse: the same SQL text is compiled once (the load profile's hot spot). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 refuses JS booleans as parameters; bind them as 0/1. Statements are cached by
 * their SQL text (Kysely's SQLite driver runs one query at a time on the one connection and never
 * leaves an iterator open, so a cached statement is never in use twice at once).
 */
function wrapSqliteBooleans(database: SQLite.Database): SQLite.Database {
  const toParams = (params: unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) return cached;
    const stmt = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    const all = stmt.all.bind(stmt);
    const run = stmt.run.bind(stmt);
    const iterate = stmt.iterate.bind(stmt);
    const get = stmt.get.bind(stmt);
    stmt.all = ((...p: unknown[]) => all(...toParams(p.flat()))) as typeof stmt.all;
    stmt.run = ((...p: unknown[]) => run(...toParams(p.flat()))) as typeof stmt.run;
    stmt.iterate = ((...p: unknown[]) => iterate(...toParams(p.flat()))) as typeof stmt.iterate;
    stmt.get = ((...p: unknown[]) => get(...toParams(p.flat()))) as typeof stmt.get;
    return stmt;
  }) as typeof database.prepare;
  return database;
}

let pgTypesSet = false;
/** pg returns int8/numeric as strings and dates as Date objects; we want numbers and strings. */
export function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and sums
  pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
  pg.types.setTypeParser(1082, (v) => v); // date: keep 'YYYY-MM-DD'
  pg.types.setTypeParser(1114, (v) => new Date(v + 'Z').toISOString()); // timestamp
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
}

/**
 * Opens the database the configuration names; on PostgreSQL with RENDA_PG_SCHEMA the schema is
 * created if missing and every connection's search_path is set to it.
 */
export async function openConfiguredDatabase(config: { databaseUrl: string; pgSchema?: string | undefined }): Promise<Database> {
  const database = openDatabase(config.databaseUrl, config.pgSchema ? { pgSchema: config.pgSchema } : {});
  if (database.dialect === 'postgres' && config.pgSchema) {
    await sql`create schema if not exists ${sql.id(config.pgSchema)}`.execute(database.db);
  }
  return database;
}

export interface OpenOptions {
  pgSchema?: string;
  poolSize?: number;
  /** Called with the SQL text of every statement run (tests: test/integration/citus-queries.test.ts). */
  onQuery?: (sql: string) => void;
}

/** Opens the database named by `url`: `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  const onQuery = options.onQuery;
  const log = onQuery ? { log: (event: LogEvent) => onQuery(event.query.sql) } : {};
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    setPgTypeParsers();
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...log });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = wrapSqliteBooleans(new SQLite(file));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL'); // an acknowledged write survives power loss too
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new SqliteBooleanPlugin()],
    ...log,
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
