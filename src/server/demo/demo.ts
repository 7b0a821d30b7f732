import type { Kysely } from 'kysely';
import { systemActor } from '../auth/actor.js';
import type { DB, Role, UnitType } from '../db/schema.js';
import { findTownshipByCode, listUnits, listVillages } from '../modules/townships/townships.repository.js';
import { createTownship, createUnit } from '../modules/townships/townships.service.js';
import { createUser } from '../modules/users/users.service.js';
import type { TownshipPlace } from '../modules/places/places.js';
import { loadDemoDeputies } from './demo-deputies.js';
import { loadDemoSessions } from './demo-sessions.js';
import { loadDemoSuggestions } from './demo-suggestions.js';
import { loadDemoDuty } from './demo-duty.js';
import { loadDemoDisclosure } from './demo-disclosure.js';
import { loadDemoPresidiumMeetings } from './demo-presidium-meetings.js';
import { loadDemoCounty } from './demo-county.js';
import { loadDemoElections } from './demo-elections.js';
import { loadDemoArticles } from './demo-articles.js';
import { loadDemoReports } from './demo-reports.js';

/**
 * 示例镇: a fictional township, clearly marked as a demo. Its codes start with 999, which no
 * real division uses, and every name is invented, so no real town is shown with made-up records.
 */
export const DEMO_TOWNSHIP_CODE = '999999101';
export const DEMO_PASSWORD = 'Renda@2026';

const DEMO_PLACE: TownshipPlace = {
  code: DEMO_TOWNSHIP_CODE,
  name: '示例镇',
  countyCode: '999999',
  countyName: '示例县',
  cityName: '示例市',
  provinceName: '示例省',
  villages: [
    ['001', '镇南社区居委会'], ['002', '新街社区居委会'],
    ['201', '东山村委会'], ['202', '西河村委会'], ['203', '南湾村委会'], ['204', '北坡村委会'],
    ['205', '青石村委会'], ['206', '柳溪村委会'], ['207', '桃源村委会'], ['208', '枫林村委会'],
    ['209', '石桥村委会'], ['210', '杏花村委会'], ['211', '白鹭村委会'], ['212', '松岗村委会'],
  ].map(([suffix, name]) => ({ code: `${DEMO_TOWNSHIP_CODE}${suffix}`, name: name!, kind: name!.includes('社区') ? 'community' as const : 'village' as const })),
};

const DEMO_UNITS: { name: string; type: UnitType; enforcement: boolean }[] = [
  { name: '党政综合办公室', type: 'gov_department', enforcement: false },
  { name: '经济发展办公室', type: 'gov_department', enforcement: false },
  { name: '社会事务办公室', type: 'gov_department', enforcement: false },
  { name: '村镇建设办公室', type: 'gov_department', enforcement: true },
  { name: '综合行政执法队', type: 'gov_department', enforcement: true },
  { name: '财政所', type: 'station', enforcement: false },
  { name: '自然资源所', type: 'station', enforcement: true },
  { name: '市场监督管理所', type: 'station', enforcement: true },
  { name: '农业综合服务中心', type: 'station', enforcement: false },
  { name: '林业站', type: 'station', enforcement: true },
  { name: '水利站', type: 'station', enforcement: true },
  { name: '卫生院', type: 'station', enforcement: false },
  { name: '文化站', type: 'station', enforcement: false },
  { name: '示例镇中心小学', type: 'school', enforcement: false },
  { name: '示例镇初级中学', type: 'school', enforcement: false },
  { name: '东山村小学', type: 'school', enforcement: false },
];

export const DEMO_LOGINS: { username: string; role: Role; displayName: string; label: string }[] = [
  { username: 'office', role: 'office', displayName: '林晓燕', label: '人大办 office staff' },
  { username: 'presidium', role: 'presidium', displayName: '周建国', label: '主席团 presidium (chair)' },
  { username: 'deputy', role: 'deputy', displayName: '陈春梅', label: '人大代表 deputy' },
  { username: 'unit', role: 'unit_handler', displayName: '王立新', label: '承办单位 unit handler (村镇建设办公室)' },
  { username: 'village', role: 'village_clerk', displayName: '赵红霞', label: '村委会 village clerk (东山村)' },
  { username: 'county', role: 'county_admin', displayName: '孙志强', label: '县人大常委会 county office (示例县)' },
];

/**
 * Creates the demo township with its villages, units and accounts. Returns false if it exists.
 * `dataDir` (the app's data folder) adds the records that carry a stored file (a board's photo
 * check, a report-back photo, a report template, election step documents' files).
 */
export async function loadDemo(db: Kysely<DB>, options: { dataDir?: string } = {}): Promise<boolean> {
  if (await findTownshipByCode(db, DEMO_TOWNSHIP_CODE)) return false;
  const actor = systemActor('demo');
  const township = await createTownship(db, actor, DEMO_PLACE, { isDemo: true });
  for (const u of DEMO_UNITS) {
    await createUnit(db, { ...actor, townshipId: township.id }, township.id, { name: u.name, type: u.type, hasEnforcementPower: u.enforcement });
  }
  const units = await listUnits(db, township.id, false);
  const villages = await listVillages(db, township.id, false);
  const unitId = units.find((u) => u.name === '村镇建设办公室')!.id;
  const villageId = villages.find((v) => v.name === '东山村委会')!.id;
  for (const login of DEMO_LOGINS) {
    await createUser(db, actor, {
      townshipId: login.role === 'county_admin' ? null : township.id,
      countyCode: login.role === 'county_admin' ? DEMO_PLACE.countyCode : null,
      username: login.username,
      displayName: login.displayName,
      role: login.role,
      unitId: login.role === 'unit_handler' ? unitId : null,
      villageId: login.role === 'village_clerk' ? villageId : null,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    }, { trusted: true });
  }
  const township_actor = { ...actor, townshipId: township.id };
  const deputyUser = await db.selectFrom('users').select('id').where('username', '=', 'deputy').executeTakeFirstOrThrow();
  await loadDemoDeputies(db, township_actor, township.id, { deputyUserId: deputyUser.id });
  await loadDemoSessions(db, township.id);
  await loadDemoSuggestions(db, township.id);
  await loadDemoDuty(db, township.id);
  await loadDemoPresidiumMeetings(db, township.id);
  await loadDemoDisclosure(db, township.id, options);
  await loadDemoCounty(db, township.id, options);
  await loadDemoElections(db, township.id, options);
  await loadDemoArticles(db, township.id);
  // Last: a user template is checked against the year facts of every module.
  await loadDemoReports(db, township.id, options);
  return true;
}
