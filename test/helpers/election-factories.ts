import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { systemActor } from '../../src/server/auth/actor.js';
import type { DB, Gender } from '../../src/server/db/schema.js';
import { electPresidium } from '../../src/server/modules/deputies/structure.service.js';
import { buildTownship, buildUser, TEST_PASSWORD } from './factories.js';
import { buildDeputies } from './session-factories.js';
import { login, type Session, type TestContext } from './test-app.js';

export interface RollRow {
  name: string;
  gender: string;
  idNumber: string;
  category: string;
  group: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '国平', '玉梅', '德明', '春燕', '海涛', '丽娟', '永福', '凤英', '文华', '晓红', '立军', '淑珍'];

/**
 * `n` voters with valid, distinct 身份证号: `offset` moves the sequence so two rolls never share
 * a person unless asked to.
 */
export function rollRows(n: number, offset = 0, region = '110101'): RollRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + offset;
    const gender: Gender = k % 2 === 0 ? 'male' : 'female';
    const year = 1950 + (k % 50);
    const day = `${year}-${String(1 + (Math.floor(k / 50) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(k / 600) % 28)).padStart(2, '0')}`;
    return {
      name: `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]}`,
      gender: gender === 'male' ? '男' : '女',
      idNumber: generateResidentId(region, day, (Math.floor(k / (600 * 28)) * 2 + (gender === 'male' ? 1 : 0)) % 1000, gender),
      category: k % 10 === 9 ? '户籍在本村不居住、本人参加选举' : '户籍在本村并居住',
      group: `第${(k % 6) + 1}村民小组`,
    };
  });
}

/** A roll workbook with the template's columns. */
export async function rollWorkbook(rows: RollRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('选民名单');
  ws.addRow(['姓名', '性别', '身份证号', '登记类别', '村民小组']);
  for (const r of rows) ws.addRow([r.name, r.gender, r.idNumber, r.category, r.group]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A township with 3 villages, a presidium (主席, 2 副主席, 2 成员), an office login and a clerk per village. */
export async function electionTownship(ctx: TestContext) {
  const db: Kysely<DB> = ctx.database.db;
  const t = await buildTownship(db, { villages: 3 });
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).orderBy('code').execute();
  const deputies = await buildDeputies(db, t.id, 8);
  await electPresidium(db, { ...systemActor('test'), townshipId: t.id }, t.id, {
    termNumber: 14, sessionLabel: '第十四届人民代表大会第一次会议', electedOn: '2021-12-30',
    members: deputies.slice(0, 5).map((d, i) => ({ deputyId: d.id, position: i === 0 ? 'chair' as const : i < 3 ? 'vice_chair' as const : 'member' as const })),
  });
  const officeUser = await buildUser(db, t.id, 'office');
  const office = await login(ctx.app, officeUser.username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  const clerkUser = await buildUser(db, t.id, 'village_clerk', { villageId: villages[0]!.id });
  const clerk = await login(ctx.app, clerkUser.username, TEST_PASSWORD);
  const otherClerk = await login(ctx.app, (await buildUser(db, t.id, 'village_clerk', { villageId: villages[1]!.id })).username, TEST_PASSWORD);
  return { t, villages, deputies, office, presidium, clerk, clerkUser, otherClerk, officeUser };
}

export interface RoundDetail {
  id: string;
  villages: { electionId: string; villageId: string; villageName: string; state: string; schedule: string; isOnSchedule: boolean; voters: number }[];
  guidance: { name: string; role: string; deputyId: string | null }[];
  trainings: { id: string; attendees: unknown[] }[];
  stats: { villages: number; done: number; electedOnSchedule: number; runoff: number };
}

export async function createRound(s: Session, townshipId: string, body: Record<string, unknown> = {}): Promise<RoundDetail> {
  const res = await s.request('POST', `/api/v1/townships/${townshipId}/election-rounds`, {
    name: '2026年村（居）民委员会换届选举', year: 2026, plannedVoteDay: '2026-06-20', ballotBoxes: 1, ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as RoundDetail;
}
