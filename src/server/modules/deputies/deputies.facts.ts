import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';
import { areaAssignmentsInForce } from './deputies.repository.js';

/** The end of `year` in Asia/Shanghai as an instant: the first instant of the next year (UTC+8). */
export function yearEndInstant(year: number): string {
  return new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
}

/**
 * Year facts of the deputies and the presidium: the deputies serving in the year, the presidium
 * serving at the year's end (chair, vice-chairs, members) and its 分片挂点 (each leader's
 * villages and deputies in force at the year's end: replaced assignments are ended, not deleted).
 */
export const deputiesFactsProvider: FactsProvider = {
  key: 'presidium',
  title: '代表与主席团',
  titleEn: 'Deputies and presidium',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const yearEnd = `${year}-12-31`;
    const [deputies, members] = await Promise.all([
      db.selectFrom('deputies').select(['id']).where('township_id', '=', townshipId).where('level', '=', 'township')
        .where('mandate_start', '<=', yearEnd).where((eb) => eb.or([eb('mandate_end', 'is', null), eb('mandate_end', '>=', `${year}-01-01`)])).execute(),
      db.selectFrom('presidium_members').innerJoin('deputies', (j) => j.onRef('deputies.id', '=', 'presidium_members.deputy_id').onRef('deputies.township_id', '=', 'presidium_members.township_id'))
        .select(['presidium_members.id', 'presidium_members.deputy_id', 'presidium_members.position', 'presidium_members.elected_on', 'presidium_members.archived_at', 'deputies.name'])
        .where('presidium_members.township_id', '=', townshipId).where('presidium_members.elected_on', '<=', yearEnd)
        .orderBy('presidium_members.elected_on', 'desc').orderBy('presidium_members.created_at').execute(),
    ]);
    // The presidium serving at the end of the year: the latest election on or before it, less those who left before the year.
    const lastElection = members[0]?.elected_on;
    const serving = members.filter((m) => m.elected_on === lastElection && (m.archived_at === null || m.archived_at.slice(0, 10) >= `${year}-01-01`));
    const order = { chair: 0, vice_chair: 1, member: 2 } as const;
    serving.sort((a, b) => order[a.position] - order[b.position]);
    const chair = serving.filter((m) => m.position === 'chair');
    const vice = serving.filter((m) => m.position === 'vice_chair');
    const leaderIds = [...new Set([...chair, ...vice].map((m) => m.deputy_id))];
    // 分片挂点 in force at the end of the year (the first instant of the next year in Asia/Shanghai):
    // for the current year that is the current set; a row ended exactly then no longer counts.
    const inForce = await areaAssignmentsInForce(db, townshipId, yearEndInstant(year), leaderIds);
    const villageIds = [...new Set(inForce.flatMap((a) => (a.village_id ? [a.village_id] : [])))];
    const villageName = new Map(villageIds.length === 0 ? [] : (await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', townshipId).where('id', 'in', villageIds).execute()).map((v) => [v.id, v.name]));
    const assignments = inForce.map((a) => ({ id: a.id, leader_deputy_id: a.leader_deputy_id, village_name: a.village_id ? villageName.get(a.village_id) ?? null : null, isDeputy: a.deputy_id !== null }));
    const assignmentRows = [...chair, ...vice].map((m) => {
      const mine = assignments.filter((a) => a.leader_deputy_id === m.deputy_id);
      return {
        leader: m.name, position: m.position === 'chair' ? '主席' : '副主席',
        villages: mine.map((a) => a.village_name).filter(Boolean).join('、'), deputies: mine.filter((a) => a.isDeputy).length,
      };
    }).filter((r) => r.villages !== '' || r.deputies > 0);
    const link = '/app/deputies/presidium';
    const memberRec = { kind: 'presidium_members', ids: serving.map((m) => m.id) };
    return [
      { key: 'presidium.deputies', label: '本年度在任的镇人大代表', labelEn: 'Township deputies serving in the year', value: deputies.length, unit: '名', records: { kind: 'deputies', ids: deputies.map((d) => d.id) }, link: '/app/deputies' },
      { key: 'presidium.members', label: '主席团成员人数', labelEn: 'Presidium members', value: serving.length, unit: '名', records: memberRec, link },
      { key: 'presidium.chair', label: '人大主席', labelEn: 'Chair', value: chair.map((m) => m.name).join('、') || null, records: { kind: 'presidium_members', ids: chair.map((m) => m.id) }, link },
      { key: 'presidium.viceChairs', label: '人大副主席', labelEn: 'Vice-chairs', value: vice.map((m) => m.name).join('、') || null, records: { kind: 'presidium_members', ids: vice.map((m) => m.id) }, link },
      { key: 'presidium.memberList', label: '主席团成员名单', labelEn: 'Presidium members (names)', value: serving.map((m) => ({ name: m.name, position: m.position === 'chair' ? '主席' : m.position === 'vice_chair' ? '副主席' : '成员' })), records: memberRec, link },
      { key: 'presidium.assignmentCount', label: '分片挂点联系的村（社区）', labelEn: 'Villages under area assignments', value: assignments.filter((a) => a.village_name).length, unit: '个', records: { kind: 'area_assignments', ids: assignments.map((a) => a.id) }, link },
      { key: 'presidium.assignments', label: '主席、副主席分片挂点', labelEn: 'Area assignments (leader, villages, deputies)', value: assignmentRows, records: { kind: 'area_assignments', ids: assignments.map((a) => a.id) }, link },
    ];
  },
};
