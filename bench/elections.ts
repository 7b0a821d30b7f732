import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generateResidentId } from '../src/domain/resident-id.js';
import { systemActor, type Actor } from '../src/server/auth/actor.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import * as repo from '../src/server/modules/elections/elections.repository.js';
import { importRoll } from '../src/server/modules/elections/elections.roll.js';
import { addCandidate, createRound } from '../src/server/modules/elections/elections.service.js';
import { countRound, recordEntry } from '../src/server/modules/elections/elections.tally.js';
import { createTownship } from '../src/server/modules/townships/townships.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';

/**
 * Village elections at township scale (issue 7): a 50,000-voter township of 30 villages. Each
 * village's roll is a synthetic .xlsx imported through the service the API calls (read, validate
 * every 身份证号, seal it, cross-check the whole round by its keyed index, batched insert in one
 * transaction). Then 300 ballot boxes (10 per village) are entered twice by two clerks and the 30
 * results counted under 第15条 through the service.
 */

export interface ElectionBenchResult {
  voters: number;
  villages: number;
  fileBytes: number;
  importMs: number;
  /** CPU time (user + system) of the import: the wall time less waiting for a shared machine. */
  importCpuMs: number;
  parseOnlyMs: number;
  boxes: number;
  entryMs: number;
  countMs: number;
  countCpuMs: number;
}

async function rollSheet(start: number, n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('选民名单');
  ws.addRow(['姓名', '性别', '身份证号', '登记类别', '村民小组']);
  for (let k = start; k < start + n; k++) {
    const gender = k % 2 === 0 ? 'male' : 'female';
    const birth = `${1940 + (k % 60)}-${String(1 + (Math.floor(k / 60) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(k / 720) % 28)).padStart(2, '0')}`;
    ws.addRow([`选民${k}`, gender === 'male' ? '男' : '女', generateResidentId(String(700000 + Math.floor(k / 20160)), birth, (k % 2) + 100, gender), '户籍在本村并居住', `第${1 + (k % 8)}村民小组`]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function benchElections(voters = 50_000, villages = 30, boxesPerVillage = 10): Promise<ElectionBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-elections-'));
  process.env.RENDA_DATA_DIR ??= dir;
  const database = openDatabase(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  try {
    await migrateToLatest(database);
    const db = database.db;
    const base = systemActor('bench');
    const t = await createTownship(db, base, {
      code: '777777002', name: '基准镇', countyCode: '777777', countyName: '基准县', cityName: '基准市', provinceName: '基准省',
      villages: Array.from({ length: villages }, (_, i) => ({ code: `777777002${String(200 + i)}`, name: `基准${i + 1}村委会`, kind: 'village' as const })),
    });
    const clerks: Actor[] = [];
    for (const username of ['bench-a', 'bench-b']) {
      const { user } = await createUser(db, base, { townshipId: t.id, countyCode: null, username, displayName: username, role: 'office', unitId: null, villageId: null, password: 'Bench#Pass2026', mustChangePassword: false }, { trusted: true });
      clerks.push({ ...base, id: user.id, displayName: username, townshipId: t.id });
    }
    const actor = clerks[0]!;
    const round = await createRound(db, actor, t.id, { name: '基准换届', year: 2026, plannedVoteDay: '2026-06-20', ballotBoxes: boxesPerVillage, seats: { chair: 1, viceChair: 1, member: 3 } });
    const elections = await repo.listElections(db, round.id);

    const per = Math.ceil(voters / villages);
    const sheets: Buffer[] = [];
    for (let i = 0; i < villages; i++) sheets.push(await rollSheet(i * per, Math.min(per, voters - i * per)));
    const fileBytes = sheets.reduce((n, s) => n + s.length, 0);

    let started = performance.now();
    for (const s of sheets) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(s as unknown as ArrayBuffer);
    }
    const parseOnlyMs = performance.now() - started;

    started = performance.now();
    let cpu = process.cpuUsage();
    let imported = 0;
    for (const [i, e] of elections.entries()) imported += (await importRoll(db, actor, e.id, sheets[i]!)).imported;
    const importMs = performance.now() - started;
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const importCpuMs = cpuMs(process.cpuUsage(cpu));
    if (imported !== voters) throw new Error(`imported ${imported} of ${voters}`);

    // Candidates: 2 for 主任, 2 for 副主任, 4 for 3 委员 seats.
    const ballots = new Map<string, string[]>();
    for (const e of elections) {
      const ids: string[] = [];
      for (const [office, n] of [['chair', 2], ['vice_chair', 2], ['member', 4]] as const) {
        for (let c = 0; c < n; c++) ids.push((await addCandidate(db, actor, e.id, { office, name: `候选人${office}${c}`, gender: c % 2 ? 'female' : 'male' })).id);
      }
      ballots.set(e.id, ids);
    }
    started = performance.now();
    for (const e of elections) {
      const ids = ballots.get(e.id)!;
      const cast = Math.floor(per * 0.9 / boxesPerVillage);
      // Shares per candidate: the first of each office wins, a 委员 seat falls short now and then.
      const shares = [0.7, 0.28, 0.66, 0.3, 0.8, 0.75, 0.7, 0.4];
      for (let b = 1; b <= boxesPerVillage; b++) {
        const figures = { issued: cast + 2, returned: cast, valid: cast - 1, invalid: 1, votes: Object.fromEntries(ids.map((id, k) => [id, Math.floor((cast - 1) * shares[k]!)])) };
        await recordEntry(db, clerks[0]!, e.id, 'first', b, figures);
        await recordEntry(db, clerks[1]!, e.id, 'first', b, figures);
      }
    }
    const entryMs = performance.now() - started;

    started = performance.now();
    cpu = process.cpuUsage();
    for (const e of elections) await countRound(db, actor, e.id, 'first', '2026-06-20');
    const countMs = performance.now() - started;
    const countCpuMs = cpuMs(process.cpuUsage(cpu));
    return { voters, villages, fileBytes, importMs, importCpuMs, parseOnlyMs, boxes: villages * boxesPerVillage, entryMs, countMs, countCpuMs };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/elections.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchElections());
}
