import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Backups of the embedded SQLite database. SQLite's online backup API copies a consistent
 * snapshot while the server keeps serving (WAL mode lets readers and the writer go on).
 * PostgreSQL deployments use pg_dump / pg_restore (docs/deployment.md).
 */

export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) throw new Error('renda backup handles the embedded SQLite database; for PostgreSQL use pg_dump (docs/deployment.md).');
  return path.resolve(databaseUrl.slice('sqlite:'.length));
}

/** Checks a database file: `PRAGMA integrity_check` must answer ok. */
export function checkIntegrity(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of the live database to `target` and verifies it. */
export async function backupSqlite(source: string, target: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    await db.backup(tmp);
  } finally {
    db.close();
  }
  // A backup is one self-contained file: no -wal or -shm beside it.
  const copy = new SQLite(tmp);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const integrity = checkIntegrity(tmp);
  if (integrity !== 'ok') {
    fs.rmSync(tmp, { force: true });
    throw new Error(`The backup failed its integrity check: ${integrity}`);
  }
  fs.renameSync(tmp, target);
  return { bytes: fs.statSync(target).size };
}

/**
 * Replaces the database with a backup. The server must be stopped: the backup is checked, the
 * current file is kept beside it as `<name>.before-restore-<time>`, then the backup is copied in.
 */
export function restoreSqlite(backup: string, target: string): { previous: string | null } {
  const integrity = checkIntegrity(backup);
  if (integrity !== 'ok') throw new Error(`The backup file is damaged: ${integrity}`);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Fold the WAL into the main file first so the kept copy is complete.
    const live = new SQLite(target);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    fs.copyFileSync(target, previous);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.copyFileSync(backup, target);
  return { previous };
}

/** Daily backups: `backups/renda-YYYYMMDD-HHMMSS.sqlite`, keeping the newest `keep`. */
export async function scheduledBackup(source: string, dir: string, keep: number, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = path.join(dir, `renda-${stamp}.sqlite`);
  await backupSqlite(source, file);
  const old = fs.readdirSync(dir).filter((f) => /^renda-\d{8}-\d{6}\.sqlite$/.test(f)).sort().reverse().slice(keep);
  for (const f of old) fs.rmSync(path.join(dir, f), { force: true });
  return file;
}
