import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';

/** Whether a connection (or transaction) talks to PostgreSQL rather than SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the adapter is what is asked
export function isPostgres(db: Kysely<any> | Transaction<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface OwnTable {
  name: string;
  columns: { name: string; isNullable: boolean }[];
}

/**
 * The base tables of this connection's own database or schema, with their columns (migration
 * bookkeeping included). On PostgreSQL only `current_schema()` is read: Kysely's introspection
 * lists every schema on the server, and fails when another schema is dropped meanwhile.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the catalog is what is read
export async function listOwnTables(db: Kysely<any>): Promise<OwnTable[]> {
  if (!isPostgres(db)) {
    return (await db.introspection.getTables({ withInternalKyselyTables: true }))
      .filter((t) => !t.isView)
      .map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, isNullable: c.isNullable })) }));
  }
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, OwnTable>();
  for (const r of rows) {
    const t = tables.get(r.table_name) ?? tables.set(r.table_name, { name: r.table_name, columns: [] }).get(r.table_name)!;
    t.columns.push({ name: r.column_name, isNullable: r.is_nullable === 'YES' });
  }
  return [...tables.values()];
}
