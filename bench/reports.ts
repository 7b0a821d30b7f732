import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemActor } from '../src/server/auth/actor.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadDemo } from '../src/server/demo/demo.js';
import { loadDemoDeputies } from '../src/server/demo/demo-deputies.js';
import { loadDemoDuty } from '../src/server/demo/demo-duty.js';
import { loadDemoPresidiumMeetings } from '../src/server/demo/demo-presidium-meetings.js';
import { loadDemoSessions } from '../src/server/demo/demo-sessions.js';
import { loadDemoSuggestions } from '../src/server/demo/demo-suggestions.js';
import { buildReport } from '../src/server/modules/reports/reports.service.js';
import { createTownship, createUnit } from '../src/server/modules/townships/townships.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';

export interface ReportsBenchResult {
  /** One township-year: facts and the summary .docx, timings of repeated runs. */
  single: { runs: number; p50: number; p95: number };
  /** 25 townships, one summary each, one after another. */
  county: { townships: number; ms: number; perTownship: number };
  setupMs: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Year-end summary (issue 9): facts + summary for the demo township's 2025 (target < 200 ms),
 * then a county batch of 25 townships, each loaded with the demo's records (deputies, sessions,
 * suggestions, duty work, presidium meetings), one summary each (target < 5 s). SQLite, a fresh
 * file in a temporary directory.
 */
export async function benchReports(townships = 25, runs = 20): Promise<ReportsBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-reports-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  try {
    await migrateToLatest(database);
    const db = database.db;
    const setupStart = performance.now();
    await loadDemo(db);
    const demo = await db.selectFrom('townships').select(['id', 'code', 'name', 'county_code', 'county_name', 'city_name', 'province_name']).where('code', '=', '999999101').executeTakeFirstOrThrow();
    const villages = await db.selectFrom('villages').select(['code', 'name', 'kind']).where('township_id', '=', demo.id).orderBy('sort_order').execute();
    // Village committees come with the villages; the other units are copied.
    const units = await db.selectFrom('units').select(['name', 'type', 'has_enforcement_power']).where('township_id', '=', demo.id).where('type', '!=', 'village_committee').execute();
    const list = [demo];
    for (let i = 2; i <= townships; i++) {
      const code = `9999991${String(i).padStart(2, '0')}`;
      const actor = systemActor('bench');
      const t = await createTownship(db, actor, {
        code, name: `示例${i}镇`, countyCode: demo.county_code, countyName: demo.county_name, cityName: demo.city_name, provinceName: demo.province_name,
        villages: villages.map((v) => ({ code: `${code}${v.code!.slice(9)}`, name: v.name, kind: v.kind })),
      });
      const inTownship = { ...actor, townshipId: t.id };
      for (const u of units) await createUnit(db, inTownship, t.id, { name: u.name, type: u.type, hasEnforcementPower: u.has_enforcement_power });
      const { user } = await createUser(db, actor, {
        townshipId: t.id, countyCode: null, username: `bench-deputy-${code}`, displayName: '代表', role: 'deputy', unitId: null, villageId: null,
        password: 'Bench#Pass2026', mustChangePassword: false,
      }, { trusted: true });
      await loadDemoDeputies(db, inTownship, t.id, { deputyUserId: user.id });
      await loadDemoSessions(db, t.id);
      await loadDemoSuggestions(db, t.id);
      await loadDemoDuty(db, t.id);
      await loadDemoPresidiumMeetings(db, t.id);
      list.push({ ...t });
    }
    const setupMs = performance.now() - setupStart;

    await buildReport(db, demo, 'summary', 2025, '2026-01-10'); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await buildReport(db, demo, 'summary', 2025, '2026-01-10');
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);

    const c0 = performance.now();
    for (const t of list) await buildReport(db, t, 'summary', 2025, '2026-01-10');
    const countyMs = performance.now() - c0;
    return { single: { runs, p50: pct(times, 50), p95: pct(times, 95) }, county: { townships: list.length, ms: countyMs, perTownship: countyMs / list.length }, setupMs };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchReports(Number(process.env.RENDA_BENCH_REPORT_TOWNSHIPS ?? 25));
  console.log(JSON.stringify(r, null, 2));
}
