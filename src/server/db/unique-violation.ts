/**
 * Whether a database error is a unique-index violation, on either dialect: better-sqlite3 raises
 * `SQLITE_CONSTRAINT_UNIQUE` (or `SQLITE_CONSTRAINT_PRIMARYKEY`), PostgreSQL SQLSTATE 23505. Two
 * requests that both pass a check and then insert the same key meet here: the loser is answered
 * with the error the check would have given it, never with a 500.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Runs `work`; when it loses a race on a unique index, runs it once more (it then sees the
 * winner's row and takes the sequential path: its named error, or success when both may stand).
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (!isUniqueViolation(err) || i >= attempts) throw err;
    }
  }
}
