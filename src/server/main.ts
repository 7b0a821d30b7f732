import { loadConfig } from './config.js';
import { openConfiguredDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { loadDemo, DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo.js';
import { countTownships } from './modules/townships/townships.repository.js';
import type { Config } from './config.js';
import { scheduledBackup, sqliteFileOf } from './ops/backup.js';
import { startOverdueSweep } from './modules/suggestions/suggestions.sweep.js';
import { createMailerFromEnv, setMailer } from './modules/notifications/notifications.mail.js';
import path from 'node:path';
import { startAuditJobs } from './modules/audit/audit.retention.js';

/** Daily SQLite backups with retention (RENDA_BACKUP_KEEP); the first one an hour after start. */
function startDailyBackups(config: Config, dialect: string): () => void {
  if (dialect !== 'sqlite' || config.backupKeep <= 0) return () => {};
  const run = () => {
    scheduledBackup(sqliteFileOf(config.databaseUrl), path.join(config.dataDir, 'backups'), config.backupKeep)
      .catch((err: unknown) => console.error('Scheduled backup failed:', err));
  };
  const first = setTimeout(run, 60 * 60_000);
  const daily = setInterval(run, 24 * 60 * 60_000);
  first.unref();
  daily.unref();
  return () => { clearTimeout(first); clearInterval(daily); };
}

/**
 * Starts Renda: migrates, loads the demo township into an empty database (unless
 * RENDA_NO_DEMO=1), serves, and prints the URL and demo logins.
 */
export async function serve(options: { demo?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  await migrateToLatest(database);
  const withDemo = options.demo ?? process.env.RENDA_NO_DEMO !== '1';
  let demoLoaded = false;
  if (withDemo && (await countTownships(database.db)) === 0) {
    await loadDemo(database.db, { dataDir: config.dataDir });
    demoLoaded = true;
  }
  const app = await buildApp(database, config, { logger: process.env.RENDA_LOG === '1' });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Renda 乡镇人大工作平台 is running: ${url}`,
    `  portal (门户):       ${url}/`,
    `  back office (后台):  ${url}/app/`,
    `  API docs:            ${url}/api/docs`,
    `  database:            ${database.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL'}`,
  ];
  const hasDemo = demoLoaded || (await database.db.selectFrom('townships').select('id').where('is_demo', '=', true).executeTakeFirst());
  if (hasDemo) {
    lines.push('', `Demo logins (示例镇; password for all: ${DEMO_PASSWORD}):`);
    for (const l of DEMO_LOGINS) lines.push(`  ${l.username.padEnd(10)} ${l.label}`);
  }
  console.log(lines.join('\n') + '\n');
  const stopBackups = startDailyBackups(config, database.dialect);
  // Notices are also mailed when RENDA_SMTP_URL is set (users with an e-mail address).
  setMailer(createMailerFromEnv(process.env));
  // Timed work: the 督办 overdue sweep (first run after ~10 s, then hourly); RENDA_JOBS=0 turns it off.
  const stopSweep = process.env.RENDA_JOBS === '0' ? () => {} : startOverdueSweep(database.db, { onError: (err) => console.error('Overdue sweep failed:', err) });
  // The audit trail: its hash chains verified daily (a break is reported once to the office) and
  // rows older than RENDA_AUDIT_RETENTION_DAYS (never under 180 days) pruned behind an anchor.
  const stopAudit = process.env.RENDA_JOBS === '0' ? () => {} : startAuditJobs(database.db, { retentionDays: config.auditRetentionDays });
  const stop = async () => {
    stopBackups();
    stopSweep();
    stopAudit();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
