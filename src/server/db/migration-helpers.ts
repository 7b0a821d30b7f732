import { PostgresAdapter, sql, type ColumnDataType, type Expression, type Kysely } from 'kysely';

/** Column types that read the same on both dialects once database.ts has normalised them. */
export function columnTypes(db: Kysely<unknown>): {
  day: ColumnDataType | Expression<unknown>;
  instant: ColumnDataType | Expression<unknown>;
  bool: ColumnDataType;
  json: ColumnDataType;
  isPostgres: boolean;
} {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    // SQLite has no date types: ISO strings sort and compare correctly as text.
    day: isPostgres ? 'date' : 'text',
    instant: isPostgres ? sql`timestamptz` : 'text',
    bool: isPostgres ? 'boolean' : 'integer',
    json: 'text',
    isPostgres,
  };
}
