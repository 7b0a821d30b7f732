import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two files at a time: each file spends seconds importing the app, which another
    // file's database work overlaps (vitest's default, one less than the cores, is one on a
    // 2-core CI machine). Files own their SQLite database; on PostgreSQL they share a schema and
    // isolate themselves by township.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // A fixed test key for sealed personal data (src/server/security/personal-data.ts).
    env: { RENDA_DATA_KEY: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  },
});
