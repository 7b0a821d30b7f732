import type { Kysely } from 'kysely';
import { generateResidentId } from '../../domain/resident-id.js';
import type { Actor } from '../auth/actor.js';
import type { DB, Gender } from '../db/schema.js';
import { newId, nowIso } from '../ids.js';
import { writeAudit } from '../modules/audit/audit.service.js';
import * as repo from '../modules/deputies/deputies.repository.js';
import { toDeputyRow } from '../modules/deputies/deputies.service.js';
import { assignArea, electPresidium, saveConstituency, saveGroup } from '../modules/deputies/structure.service.js';
import { listVillages } from '../modules/townships/townships.repository.js';

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = ['建国', '志强', '国华', '立新', '永明', '德福', '春生', '海涛', '振华', '文军', '学兵', '庆丰', '长青', '明亮', '金山', '宏伟', '玉林', '树林', '家旺', '卫东'];
const GIVEN_F = ['春梅', '晓燕', '红霞', '秀英', '丽华', '桂兰', '淑芬', '玉兰', '美玲', '海燕', '小红', '翠萍', '月娥', '彩云', '雪梅', '慧敏', '艳红', '凤英', '琳', '婷'];
const OCCUPATIONS = ['农民', '农民', '农民', '工人', '专业技术人员', '党政机关干部', '企业负责人', '村（社区）干部', '村（社区）干部', '其他'];
const PARTIES = ['中共党员', '中共党员', '中共党员', '群众', '群众', '共青团员', '民主党派', '无党派人士'];
const EDUCATIONS = ['大学本科', '大学专科', '高中', '初中', '中专', '大学本科'];
const WORKPLACES: Record<string, string[]> = {
  农民: ['种植户', '养殖户', '家庭农场主', '农民专业合作社社员'],
  工人: ['示例镇建材厂工人', '示例镇食品厂工人'],
  专业技术人员: ['示例镇卫生院医生', '示例镇中心小学教师', '农业综合服务中心农技员'],
  党政机关干部: ['示例镇人民政府干部'],
  企业负责人: ['示例茶业有限公司负责人', '示例竹木加工厂厂长'],
  '村（社区）干部': ['村委会主任', '村党支部书记', '社区居委会主任'],
  其他: ['个体工商户', '乡村医生'],
};

/** Constituencies of the demo township: each covers two villages or communities. */
const CONSTITUENCIES = ['第一选区', '第二选区', '第三选区', '第四选区', '第五选区', '第六选区', '第七选区'];

/**
 * The demo roster: 56 township deputies of the 14th term (elected 2021-12-30) and 6 county
 * deputies of the 17th county term, in 7 constituencies and 7 groups, with the presidium and
 * its area assignments (one village changed hands in 2026). Two mandates ended during the term, with reasons.
 */
export async function loadDemoDeputies(db: Kysely<DB>, actor: Actor, townshipId: string, links: { deputyUserId: string }): Promise<void> {
  const rand = seeded(20261128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const villages = await listVillages(db, townshipId, false);
  const constituencyIds: string[] = [];
  for (const [i, name] of CONSTITUENCIES.entries()) {
    const covered = villages.slice(i * 2, i * 2 + 2);
    const c = await saveConstituency(db, actor, townshipId, null, {
      name, registeredVoters: 2600 + Math.floor(rand() * 1800), seats: 8, villageIds: covered.map((v) => v.id),
    });
    constituencyIds.push(c.id);
  }
  const groupIds: string[] = [];
  for (const [i, name] of CONSTITUENCIES.entries()) {
    const g = await saveGroup(db, actor, townshipId, null, { name: `${name.replace('选区', '')}代表小组`, leaderDeputyId: null });
    groupIds.push(g.id);
    void i;
  }
  const now = nowIso();
  const rows: repo.DeputyRow[] = [];
  const usedNames = new Set<string>();
  const total = 62;
  for (let i = 0; i < total; i++) {
    const gender: Gender = i % 3 === 1 ? 'female' : 'male';
    let name = '';
    do name = pick([...SURNAMES]) + pick(gender === 'male' ? GIVEN_M : GIVEN_F);
    while (usedNames.has(name));
    if (i === 0) name = '周建国';
    if (i === 1) name = '陈春梅';
    usedNames.add(name);
    const year = 1960 + Math.floor(rand() * 35);
    const birthDate = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const occupation = i === 0 ? '党政机关干部' : pick(OCCUPATIONS);
    const isCounty = i >= 56;
    const c = i % CONSTITUENCIES.length;
    const ended = i === 20 || i === 41;
    rows.push(toDeputyRow(newId(), townshipId, {
      level: isCounty ? 'county' : 'township',
      termNumber: isCounty ? 17 : 14,
      name, gender,
      ethnicity: rand() < 0.9 ? '汉族' : pick(['回族', '土家族', '苗族']),
      birthDate,
      idNumber: generateResidentId('999999', birthDate, 100 + i * 7, gender),
      party: i === 0 ? '中共党员' : pick(PARTIES),
      education: pick(EDUCATIONS),
      occupation,
      workplace: i === 0 ? '示例镇人大主席' : pick(WORKPLACES[occupation] ?? ['']),
      constituencyId: constituencyIds[c]!,
      groupId: groupIds[c]!,
      phone: `13${String(800000000 + Math.floor(rand() * 99999999)).slice(0, 9)}`,
      mandateStart: isCounty ? '2021-11-20' : '2021-12-30',
      mandateEnd: ended ? (i === 20 ? '2024-06-15' : '2025-09-01') : null,
      endReason: ended ? (i === 20 ? '工作调动，迁出本镇' : '辞去代表职务') : null,
      holdsGovernmentPost: occupation === '党政机关干部' && i !== 0,
    }, now));
  }
  rows[1]!.user_id = links.deputyUserId;
  await db.transaction().execute(async (trx) => {
    await repo.insertDeputies(trx, rows);
    await writeAudit(trx, actor, { townshipId, action: 'deputy.import', entityType: 'deputy', entityId: null, after: { count: rows.length, source: 'demo' } });
  });
  // Group leaders: the first serving township deputy of each constituency who is not on the presidium.
  for (const [c, groupId] of groupIds.entries()) {
    const leader = rows.find((r, i) => i > 4 && r.level === 'township' && !r.mandate_end && r.group_id === groupId);
    if (leader) await saveGroup(db, actor, townshipId, groupId, { name: `${CONSTITUENCIES[c]!.replace('选区', '')}代表小组`, leaderDeputyId: leader.id });
  }
  const serving = rows.filter((r) => r.level === 'township' && !r.mandate_end);
  const [chair, vice1, vice2, ...rest] = serving;
  await electPresidium(db, actor, townshipId, {
    termNumber: 14, sessionLabel: '第十四届人民代表大会第一次会议', electedOn: '2021-12-30',
    members: [
      { deputyId: chair!.id, position: 'chair' },
      { deputyId: vice1!.id, position: 'vice_chair' },
      { deputyId: vice2!.id, position: 'vice_chair' },
      ...rest.slice(0, 6).map((d) => ({ deputyId: d.id, position: 'member' as const })),
    ],
  });
  // 分片挂点 from the start of the term; in March 2026 the chair hands his last village to the
  // second vice-chair (who had one fewer), so the 2025 summary and the 2026 one differ.
  const leaders = [chair!, vice1!, vice2!];
  const shares = leaders.map((_, i) => ({
    villageIds: villages.filter((_, v) => v % 3 === i).map((v) => v.id),
    deputyIds: serving.filter((d, k) => k >= 3 && k % 3 === i).slice(0, 12).map((d) => d.id),
  }));
  for (const [i, leader] of leaders.entries()) await assignArea(db, actor, townshipId, leader.id, shares[i]!);
  await db.updateTable('area_assignments').set({ created_at: at('2021-12-30', 16) }).where('township_id', '=', townshipId).execute();
  const moved = shares[0]!.villageIds.at(-1);
  if (moved && shares[0]!.villageIds.length > 1) {
    await assignArea(db, actor, townshipId, chair!.id, { ...shares[0]!, villageIds: shares[0]!.villageIds.slice(0, -1) });
    await assignArea(db, actor, townshipId, vice2!.id, { ...shares[2]!, villageIds: [...shares[2]!.villageIds, moved] });
    const change = at('2026-03-16', 9);
    await db.updateTable('area_assignments').set({ ended_at: change }).where('township_id', '=', townshipId).where('ended_at', 'is not', null).execute();
    await db.updateTable('area_assignments').set({ created_at: change }).where('township_id', '=', townshipId).where('created_at', '>', at('2021-12-30', 16)).execute();
  }
}

/** The instant of a Shanghai calendar day at `hour`:00 local time. */
function at(day: string, hour: number): string {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}
