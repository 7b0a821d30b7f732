import os from 'node:os';
import { countyBenchRows, writeCountyBlock } from './county.js';

/**
 * The county benchmarks alone (`node --import tsx bench/county-run.ts`); `npm run bench` runs them
 * too. Writes their block of docs/benchmarks.md.
 */
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
console.log(writeCountyBlock(await countyBenchRows(), new Date().toISOString().slice(0, 10), machine));
