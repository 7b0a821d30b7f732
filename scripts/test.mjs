// `npm test`: typecheck, lint, unit and integration tests on SQLite, again on PostgreSQL when
// DATABASE_URL is set, then the browser tests against a freshly built back office.
// Ends with one summary line, "N passed, N failed", over every test run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const vitest = (name, args) => {
  const out = `.tmp/vitest-${name}.json`;
  rmSync(out, { force: true });
  return ['npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`], out];
};

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['tests on SQLite', ...vitest('sqlite', []), { RENDA_TEST_DB: 'sqlite' }],
];
if (process.env.DATABASE_URL) {
  steps.push(['tests on PostgreSQL', ...vitest('postgres', []), { RENDA_TEST_DB: 'postgres' }]);
} else {
  console.log('DATABASE_URL is not set: skipping the PostgreSQL run.');
}
steps.push(['build back office', 'npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']]);
steps.push(['browser tests', ...vitest('e2e', ['--config', 'vitest.e2e.config.ts'])]);

let passed = 0;
let failed = 0;
let status = 0;
for (const [name, cmd, args, report, env] of steps.map((s) => (s.length === 3 ? [...s, null, undefined] : s))) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } });
  if (report && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  }
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    status = r.status ?? 1;
    if (!report) failed += 1;
    break;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
