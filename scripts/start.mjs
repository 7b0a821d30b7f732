// `npm start`: builds the back office once if it is missing, then runs `renda serve`.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync('dist/web/index.html')) {
  console.log('Building the back office (first start only)…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
process.argv = [process.argv[0], 'renda', 'serve', ...process.argv.slice(2)];
await import('../bin/renda.js');
