// `npm test`: typecheck, lint, unit and integration tests on SQLite, again on PostgreSQL when
// DATABASE_URL is set, then the browser tests against a freshly built back office.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['tests on SQLite', 'npx', ['vitest', 'run'], { RENDA_TEST_DB: 'sqlite' }],
];
if (process.env.DATABASE_URL) {
  steps.push(['tests on PostgreSQL', 'npx', ['vitest', 'run'], { RENDA_TEST_DB: 'postgres' }]);
} else {
  console.log('DATABASE_URL is not set: skipping the PostgreSQL run.');
}
steps.push(['build back office', 'npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']]);
steps.push(['browser tests', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']]);

for (const [name, cmd, args, env] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
