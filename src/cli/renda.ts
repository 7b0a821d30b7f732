import { Command, Option } from 'commander';
import { systemActor } from '../server/auth/actor.js';
import { loadConfig } from '../server/config.js';
import { openConfiguredDatabase, type Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemo } from '../server/demo/demo.js';
import { AppError } from '../server/errors.js';
import { errorMessage } from '../server/i18n/messages.js';
import { verifyAuditChains } from '../server/modules/audit/audit.service.js';
import { findTownshipByCode, listAllTownships } from '../server/modules/townships/townships.repository.js';
import { addTownshipByCode } from '../server/modules/townships/townships.service.js';
import { ROLES } from '../server/modules/users/users.presenter.js';
import { createUser, resetPassword } from '../server/modules/users/users.service.js';
import type { Role } from '../server/db/schema.js';

async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `--township <code>`, or the only township when the database holds one. */
async function resolveTownshipId(database: Database, code: string | undefined): Promise<string> {
  if (code) {
    const t = await findTownshipByCode(database.db, code);
    if (!t) throw new CliError(`No township with code ${code}. Known: ${(await listAllTownships(database.db)).map((x) => `${x.code} ${x.name}`).join(', ') || 'none'}`);
    return t.id;
  }
  const all = await listAllTownships(database.db);
  if (all.length === 1) return all[0]!.id;
  throw new CliError(all.length === 0 ? 'No township yet: run `renda township add <code>` first.' : `Several townships: pass --township <code> (${all.map((x) => x.code).join(', ')})`);
}

class CliError extends Error {}

const program = new Command()
  .name('renda')
  .description('Renda 乡镇人大工作平台: the operator command line')
  .showHelpAfterError();

program.command('serve').description('run the server (migrates; loads the demo into an empty database unless --no-demo)')
  .option('--no-demo', 'do not load the demo township into an empty database')
  .action(async (opts: { demo: boolean }) => (await import('../server/main.js')).serve({ demo: opts.demo }));

program.command('migrate').description('bring the database schema up to date').action(() => withDb(async (database) => {
  const applied = await migrateToLatest(database);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
}));

program.command('citus-prepare').description('PostgreSQL: rewrite keys for distribution by township_id and, when the citus extension is installed, distribute the tables (one transaction)')
  .option('--dry-run', 'print the statements without running them')
  .action((opts: { dryRun?: boolean }) => {
    if (!/^postgres(ql)?:\/\//.test(loadConfig().databaseUrl)) throw new CliError('citus-prepare works on PostgreSQL only (RENDA_DATABASE_URL=postgres://…); this database is SQLite.');
    return withDb(async (database) => {
      const citus = await import('../server/db/citus.js');
      const { plan, statements } = opts.dryRun ? await citus.planCitus(database.db).then((p) => ({ plan: p, statements: citus.planStatements(p) })) : await citus.applyCitusPlan(database.db);
      for (const s of statements) console.log(`${s};`);
      const shape = `schema ${plan.schema}, ${plan.citus ? 'citus installed' : 'no citus extension: constraints only'}`;
      console.log(statements.length ? `-- ${statements.length} statements ${opts.dryRun ? 'planned (dry run, nothing changed)' : 'applied'}; ${shape}` : `-- Already in shape, nothing to do (${shape}).`);
    });
  });

program.command('demo').description('load the demo township 示例镇 with its records and accounts; with --scale, synthetic townships of real places')
  .addOption(new Option('--scale <scale>', 'synthetic data: one township, a county (25) or a province (1,300), each with a year of records').choices(['township', 'county', 'province']))
  .option('--seed <n>', 'seed of the synthetic data (same seed and --as-of: same records)', '1')
  .option('--as-of <day>', 'the day the synthetic data is as of (YYYY-MM-DD, default today)')
  .action((opts: { scale?: 'township' | 'county' | 'province'; seed: string; asOf?: string }) => withDb(async (database) => {
    if (opts.scale) {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer: ${opts.seed}`);
      const { loadSynthetic } = await import('../server/demo/synthetic/load.js');
      const r = await loadSynthetic(database.db, {
        scale: opts.scale, seed, password: DEMO_PASSWORD, ...(opts.asOf ? { asOf: opts.asOf } : {}),
        onProgress: (done, total) => { if (total > 25) process.stderr.write(`\r${done}/${total} townships`); },
      });
      if (r.townships > 25) process.stderr.write('\n');
      const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
      console.log(`Synthetic ${opts.scale} (seed ${seed}): ${r.townships} ${r.townships === 1 ? 'township' : 'townships'} loaded${r.skipped ? `, ${r.skipped} already there` : ''}, ${r.counties} ${r.counties === 1 ? 'county' : 'counties'}, ${total} rows in ${(r.ms / 1000).toFixed(1)} s.`);
      console.log(`Logins (password ${DEMO_PASSWORD}): township office e.g. ${r.logins.office || '(none new)'}; county office ${r.logins.county.slice(0, 3).join(', ')}${r.logins.county.length > 3 ? ', …' : ''}`);
      return;
    }
    const loaded = await loadDemo(database.db, { dataDir: loadConfig().dataDir });
    console.log(loaded ? 'Demo township 示例镇 loaded.' : 'The demo township is already there.');
    console.log(`Logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.map((l) => l.username).join(', ')}`);
  }));

const township = program.command('township').description('townships');
township.command('add <code>').description('create a township from its 9-digit NBS code, with all its villages')
  .action((code: string) => withDb(async (database) => {
    const t = await addTownshipByCode(database.db, systemActor('cli'), code);
    const villages = await database.db.selectFrom('villages').select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', t.id).executeTakeFirstOrThrow();
    console.log(`Created ${t.province_name} ${t.city_name} ${t.county_name} ${t.name} (${t.code}) with ${Number(villages.n)} villages/communities.`);
  }));
township.command('list').description('list townships').action(() => withDb(async (database) => {
  for (const t of await listAllTownships(database.db)) console.log(`${t.code}  ${t.county_name} ${t.name}${t.is_demo ? '  (demo)' : ''}`);
}));

const user = program.command('user').description('accounts');
user.command('create <username>').description('create an account; prints a temporary password unless --password is given')
  .addOption(new Option('--role <role>', 'role').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .requiredOption('--name <displayName>', 'display name')
  .option('--township <code>', 'township code (defaults to the only township)')
  .option('--county <code>', 'county code (county_admin)')
  .option('--unit <unitName>', 'unit name (unit_handler)')
  .option('--village <villageName>', 'village name (village_clerk)')
  .option('--password <password>', 'initial password (must still be changed at first login)')
  .action((username: string, opts: { role: Role; name: string; township?: string; county?: string; unit?: string; village?: string; password?: string }) => withDb(async (database) => {
    const townshipId = opts.role === 'county_admin' ? null : await resolveTownshipId(database, opts.township);
    const unitId = opts.unit && townshipId ? (await database.db.selectFrom('units').select('id').where('township_id', '=', townshipId).where('name', '=', opts.unit).executeTakeFirst())?.id : undefined;
    const villageId = opts.village && townshipId ? (await database.db.selectFrom('villages').select('id').where('township_id', '=', townshipId).where('name', '=', opts.village).executeTakeFirst())?.id : undefined;
    const result = await createUser(database.db, systemActor('cli'), {
      townshipId, countyCode: opts.county ?? null, username, displayName: opts.name, role: opts.role,
      unitId: unitId ?? null, villageId: villageId ?? null, ...(opts.password ? { password: opts.password } : {}),
    }, { trusted: true });
    console.log(`Created ${username} (${opts.role}).${result.temporaryPassword ? ` Temporary password: ${result.temporaryPassword}` : ''} The password must be changed at first login.`);
  }));
user.command('reset-password <username>').description('set a temporary password and unlock the account')
  .action((username: string) => withDb(async (database) => {
    const u = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!u) throw new CliError(`No user ${username}`);
    const { temporaryPassword } = await resetPassword(database.db, systemActor('cli'), u.id, { trusted: true });
    console.log(`Temporary password for ${username}: ${temporaryPassword} (to be changed at first login)`);
  }));

program.command('backup <file>').description('write a consistent copy of the SQLite database (safe while the server runs)')
  .action(async (file: string) => {
    const { backupSqlite, sqliteFileOf } = await import('../server/ops/backup.js');
    const { bytes } = await backupSqlite(sqliteFileOf(loadConfig().databaseUrl), file);
    console.log(`Backup written to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB), integrity ok.`);
  });

program.command('restore <file>').description('replace the SQLite database with a backup (stop the server first)')
  .action(async (file: string) => {
    const { restoreSqlite, sqliteFileOf } = await import('../server/ops/backup.js');
    const target = sqliteFileOf(loadConfig().databaseUrl);
    const { previous } = restoreSqlite(file, target);
    console.log(`Restored ${file} into ${target}.${previous ? ` The previous database is kept as ${previous}.` : ''}`);
  });

program.command('rekey')
  .description('re-seal personal data (身份证号, phones) under a new key: RENDA_DATA_KEY_OLD=<current key> RENDA_DATA_KEY=<new key>; stop the server and back up first')
  .action(async () => {
    const oldKey = process.env.RENDA_DATA_KEY_OLD?.trim();
    const newKey = process.env.RENDA_DATA_KEY?.trim();
    if (!oldKey || !newKey) throw new CliError('Set RENDA_DATA_KEY_OLD to the current key and RENDA_DATA_KEY to the new one (64 hex characters; make one with `openssl rand -hex 32`).');
    if (oldKey === newKey) throw new CliError('RENDA_DATA_KEY_OLD and RENDA_DATA_KEY are the same key.');
    const { rekeyPersonalData } = await import('../server/security/rekey.js');
    // No migration here: a migration would seal with the new key before the old one is read.
    const database = await openConfiguredDatabase(loadConfig());
    try {
      const results = await rekeyPersonalData(database.db, oldKey, newKey);
      for (const r of results) console.log(`  ${r.table}.${r.column}: ${r.rows} values re-sealed`);
      console.log('Done. Start the server with the new RENDA_DATA_KEY only; keep the old key until the backups made under it have expired.');
    } finally {
      await database.close();
    }
  });

const report = program.command('report').description('year-end summary and year facts (年度工作总结、年度数据)');
report.command('summary').description('write the year-end summary of a township as a GB/T 9704 .docx')
  .option('--township <code>', 'township code (defaults to the only township)')
  .requiredOption('--year <YYYY>', 'calendar year')
  .requiredOption('--out <file.docx>', 'output file')
  .option('--kind <kind>', 'summary | presidium_report | annex', 'summary')
  .option('--date <YYYY-MM-DD>', 'date printed under the signature (default: today)')
  .action((opts: { township?: string; year: string; out: string; kind: string; date?: string }) => withDb(async (database) => {
    const { buildReport } = await import('../server/modules/reports/reports.service.js');
    const { todayInShanghai } = await import('../domain/due-dates.js');
    const year = Number(opts.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CliError(`--year must be a year such as 2025, not ${opts.year}`);
    if (!['summary', 'presidium_report', 'annex'].includes(opts.kind)) throw new CliError(`--kind must be summary, presidium_report or annex, not ${opts.kind}`);
    const townshipId = await resolveTownshipId(database, opts.township);
    const township = (await database.db.selectFrom('townships').select(['id', 'code', 'name']).where('id', '=', townshipId).executeTakeFirstOrThrow());
    const { buffer, doc } = await buildReport(database.db, township, opts.kind as 'summary', year, opts.date ?? todayInShanghai());
    const fs = await import('node:fs/promises');
    await fs.writeFile(opts.out, buffer);
    console.log(`${doc.title}: written to ${opts.out} (${(buffer.length / 1024).toFixed(0)} KB).`);
  }));
report.command('facts').description('print the year facts of a township: each figure, its value and the ids it counted')
  .option('--township <code>', 'township code (defaults to the only township)')
  .requiredOption('--year <YYYY>', 'calendar year')
  .option('--json', 'JSON output (value and record ids per figure)')
  .action((opts: { township?: string; year: string; json?: boolean }) => withDb(async (database) => {
    const { collectYearFacts, factDisplay } = await import('../server/modules/reports/facts.service.js');
    const year = Number(opts.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CliError(`--year must be a year such as 2025, not ${opts.year}`);
    const townshipId = await resolveTownshipId(database, opts.township);
    const township = (await database.db.selectFrom('townships').select(['id', 'code', 'name']).where('id', '=', townshipId).executeTakeFirstOrThrow());
    const facts = await collectYearFacts(database.db, township, year);
    if (opts.json) {
      console.log(JSON.stringify({
        township: facts.township, year,
        sections: facts.sections.map((s) => ({ key: s.key, title: s.title, available: s.available })),
        facts: Object.fromEntries([...facts.byKey].map(([k, f]) => [k, { label: f.label, value: f.value, unit: f.unit ?? null, records: f.records ?? null, link: f.link ?? null }])),
      }, null, 2));
      return;
    }
    for (const s of facts.sections) {
      console.log(`\n[${s.title}]${s.available ? '' : ' (not installed)'}`);
      for (const f of s.facts) console.log(`  ${f.key.padEnd(40)} ${factDisplay(f)}  ${f.label}`);
    }
  }));

program.command('audit').description('audit trail').command('verify').description('verify the hash chain of the audit log')
  .action(() => withDb(async (database) => {
    const result = await verifyAuditChains(database.db);
    if (result.breaks.length === 0) {
      console.log(`Audit trail intact: ${result.rows} rows in ${result.chains} chains.`);
      return;
    }
    for (const b of result.breaks) console.error(`BROKEN chain ${b.chain} at seq ${b.seq} (audit id ${b.auditId || '-'}): ${b.reason}`);
    process.exitCode = 2;
  }));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof AppError) {
    console.error(`Error: ${errorMessage('zh-CN', err.code, err.params)} / ${errorMessage('en-US', err.code, err.params)}`);
    if (err.fields) for (const f of err.fields) console.error(`  ${f.path}: ${f.message}`);
  } else if (err instanceof CliError) {
    console.error(`Error: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
}
