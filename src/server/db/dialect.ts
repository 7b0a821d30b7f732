import { PostgresAdapter, type Kysely, type Transaction } from 'kysely';

/** Whether a connection (or transaction) talks to PostgreSQL rather than SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the adapter is what is asked
export function isPostgres(db: Kysely<any> | Transaction<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
