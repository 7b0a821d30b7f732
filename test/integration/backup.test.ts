import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { loadDemo } from '../../src/server/demo/demo.js';
import { backupSqlite, checkIntegrity, restoreSqlite, scheduledBackup } from '../../src/server/ops/backup.js';
import { TEST_DB } from '../helpers/test-db.js';
import { buildUnit } from '../helpers/factories.js';

function dumpAll(file: string): Record<string, unknown[]> {
  const db = new SQLite(file, { readonly: true });
  const tables = (db.prepare("select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`select * from "${t}" order by rowid`).all();
  db.close();
  return out;
}

describe.runIf(TEST_DB === 'sqlite')('backup and restore (SQLite)', () => {
  let dir: string;
  let live: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-backup-'));
    live = path.join(dir, 'renda.sqlite');
    database = openDatabase(`sqlite:${live}`);
    await migrateToLatest(database);
    await loadDemo(database.db);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table of a live database, row for row, while it is being written', async () => {
    const t = await database.db.selectFrom('townships').select('id').executeTakeFirstOrThrow();
    const writes = Promise.all(Array.from({ length: 20 }, () => buildUnit(database.db, t.id)));
    const backup = path.join(dir, 'b1.sqlite');
    await backupSqlite(live, backup);
    await writes;
    expect(checkIntegrity(backup)).toBe('ok');
    const copy = dumpAll(backup);
    expect(Object.keys(copy)).toEqual(expect.arrayContaining(['townships', 'deputies', 'audit_log', 'congress_sessions']));
    expect(copy.deputies!.length).toBeGreaterThan(50);
    // A second backup after the writes matches the live database exactly.
    const backup2 = path.join(dir, 'b2.sqlite');
    await backupSqlite(live, backup2);
    expect(dumpAll(backup2)).toEqual(dumpAll(live));
  });

  it('restores a backup over a database, keeping the previous file', async () => {
    const backup = path.join(dir, 'b3.sqlite');
    await backupSqlite(live, backup);
    const target = path.join(dir, 'restored', 'renda.sqlite');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, '');
    const other = new SQLite(target);
    other.exec('create table junk (x)');
    other.close();
    const { previous } = restoreSqlite(backup, target);
    expect(previous && fs.existsSync(previous)).toBeTruthy();
    expect(dumpAll(target)).toEqual(dumpAll(backup));
  });

  it('refuses to restore a damaged file and leaves the database as it was', async () => {
    const bad = path.join(dir, 'bad.sqlite');
    fs.writeFileSync(bad, 'SQLite format 3\0 but not really a database');
    const target = path.join(dir, 'keep.sqlite');
    await backupSqlite(live, target);
    const before = fs.readFileSync(target);
    expect(() => restoreSqlite(bad, target)).toThrow();
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it('keeps the newest N scheduled backups', async () => {
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups, { recursive: true });
    for (let day = 1; day <= 4; day++) await scheduledBackup(live, backups, 3, new Date(`2026-11-0${day}T02:00:00Z`));
    expect(fs.readdirSync(backups).sort()).toEqual(['renda-20261102-020000.sqlite', 'renda-20261103-020000.sqlite', 'renda-20261104-020000.sqlite']);
  });
});
