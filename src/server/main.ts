import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { loadDemo, DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo.js';
import { countTownships } from './modules/townships/townships.repository.js';

/**
 * Starts Renda: migrates, loads the demo township into an empty database (unless
 * RENDA_NO_DEMO=1), serves, and prints the URL and demo logins.
 */
export async function serve(options: { demo?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  const withDemo = options.demo ?? process.env.RENDA_NO_DEMO !== '1';
  let demoLoaded = false;
  if (withDemo && (await countTownships(database.db)) === 0) {
    await loadDemo(database.db);
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
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
