import path from 'node:path';

/** Runtime settings, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** Folder holding the SQLite file, uploads and backups. */
  dataDir: string;
  /** `sqlite:<file>` or a `postgres://` URL. */
  databaseUrl: string;
  /** Minutes of inactivity after which a session ends. */
  idleTimeoutMinutes: number;
  /** Failed logins before an account is locked, and for how long. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Sets `Secure` on cookies and sends HSTS: true when served behind TLS. */
  secureCookies: boolean;
  /** Request body limit in bytes for JSON. */
  bodyLimit: number;
  /** Daily backups of the SQLite database kept in <dataDir>/backups; 0 turns them off. */
  backupKeep: number;
  /**
   * Days audit rows are kept before the daily job prunes them (0: kept forever). Never less
   * than 180 (等保 2.0 三级, 网络安全法 第21条): a smaller value is raised to 180.
   */
  auditRetentionDays: number;
  /** PostgreSQL schema to use (search_path); unset: the server's default (public). */
  pgSchema: string | undefined;
}

/** Reads the configuration from `env` (defaults suit a laptop quick start). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.RENDA_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.RENDA_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'renda.sqlite')}`,
    idleTimeoutMinutes: Number(env.RENDA_IDLE_TIMEOUT_MINUTES ?? 30),
    maxFailedLogins: Number(env.RENDA_MAX_FAILED_LOGINS ?? 5),
    lockoutMinutes: Number(env.RENDA_LOCKOUT_MINUTES ?? 15),
    secureCookies: env.RENDA_SECURE_COOKIES === '1' || env.RENDA_SECURE_COOKIES === 'true',
    bodyLimit: Number(env.RENDA_BODY_LIMIT ?? 1024 * 1024),
    backupKeep: Number(env.RENDA_BACKUP_KEEP ?? 14),
    auditRetentionDays: Number(env.RENDA_AUDIT_RETENTION_DAYS ?? 1095),
    pgSchema: pgSchemaOf(env.RENDA_PG_SCHEMA),
  };
}

/** A schema name safe to put in search_path: letters, digits and underscores only. */
function pgSchemaOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) throw new Error('RENDA_PG_SCHEMA must be a plain identifier (letters, digits, _)');
  return value;
}
