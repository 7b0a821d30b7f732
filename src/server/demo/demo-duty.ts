import type { Kysely } from 'kysely';
import { addDays } from '../../domain/due-dates.js';
import { systemActor, type Actor } from '../auth/actor.js';
import type { DB } from '../db/schema.js';
import { createActivity, type OpinionInput } from '../modules/duty/activities.service.js';
import { createEvaluation, recordResult, setPublished } from '../modules/duty/evaluations.service.js';
import { createConsolidation } from '../modules/duty/opinions.service.js';

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Typical residents' opinions; several say the same thing in other words, so consolidation has work to do. */
const OPINIONS: { text: string; category: string }[] = [
  { text: '{v}到集镇的道路坑洼不平，下雨天泥泞难走，希望尽快硬化', category: '交通' },
  { text: '{v}村道雨天泥泞，坑洼多，群众出行困难，建议硬化道路', category: '交通' },
  { text: '通往{v}的道路太窄，会车困难，希望拓宽并硬化', category: '交通' },
  { text: '{v}夏天用水紧张，自来水经常停水，希望解决饮水问题', category: '农业农村' },
  { text: '{v}旱季饮用水不够，水压低，建议改造供水管网', category: '农业农村' },
  { text: '{v}垃圾清运不及时，垃圾桶满了没人拉，夏天有异味', category: '生态环境' },
  { text: '{v}垃圾收集点太少，清运次数少，希望增加垃圾桶', category: '生态环境' },
  { text: '{v}主干道晚上没有路灯，老人孩子出行不安全', category: '城乡建设' },
  { text: '{v}卫生室药品不全，老人看病要跑到镇上', category: '医疗卫生' },
  { text: '希望在{v}建一个老年活动中心，留守老人没有去处', category: '社会保障' },
  { text: '{v}灌溉水渠破损漏水，影响春耕用水', category: '农业农村' },
  { text: '希望镇上多组织茶叶种植技术培训，帮助{v}茶农增收', category: '农业农村' },
];

const INSPECTIONS: { title: string; sites: string[]; month: string }[] = [
  { title: '视察生态文明村创建工作', sites: ['东山村生态文明村创建点', '西河村人居环境整治点'], month: '04' },
  { title: '视察农村公路建设情况', sites: ['南湾村至北坡村公路', '青石村通组公路'], month: '06' },
  { title: '视察农村饮水安全工程', sites: ['柳溪村饮水工程蓄水池', '桃源村供水管网改造点'], month: '08' },
  { title: '视察义务教育学校办学条件', sites: ['示例镇中心小学', '东山村小学'], month: '10' },
];

/**
 * The demo township's duty work for 2025 and 2026: the county's 联系选民月 (May) with a visit
 * in every constituency and the opinions collected there, inspections of named sites by the
 * deputy groups, a reception day at the liaison station, study sessions of the presidium, one
 * consolidated item of 2025's opinions, and a 述职评议 of two deputies in 2025 chaired by a
 * vice-chair, rated and published. Everything goes through the services. Returns false (and
 * does nothing) when the township already has duty activities.
 */
export async function loadDemoDuty(db: Kysely<DB>, townshipId: string): Promise<boolean> {
  if (await db.selectFrom('duty_activities').select('id').where('township_id', '=', townshipId).executeTakeFirst()) return false;
  const rand = seeded(20250501);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const office: Actor = { ...systemActor('demo'), townshipId, displayName: '林晓燕' };
  const deputies = await db.selectFrom('deputies').select(['id', 'name', 'constituency_id', 'group_id', 'level', 'mandate_end'])
    .where('township_id', '=', townshipId).orderBy('created_at').orderBy('id').execute();
  const constituencies = await db.selectFrom('constituencies').select(['id', 'name']).where('township_id', '=', townshipId).orderBy('name').execute();
  const links = await db.selectFrom('constituency_villages').select(['constituency_id', 'village_id']).where('township_id', '=', townshipId).execute();
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', townshipId).orderBy('sort_order').execute();
  const presidium = await db.selectFrom('presidium_members').select(['deputy_id', 'position']).where('township_id', '=', townshipId).where('archived_at', 'is', null).execute();
  const serving = (year: number) => deputies.filter((d) => d.level === 'township' && (!d.mandate_end || d.mandate_end >= `${year}-12-31`));
  const shortName = (v: string) => v.replace(/(村委会|社区居委会|居委会)$/, (m) => (m === '村委会' ? '村' : '社区'));

  for (const year of [2025, 2026]) {
    const people = serving(year);
    // 联系选民月: one visit per constituency, by its deputies, on a day in May.
    for (const [i, c] of constituencies.entries()) {
      const members = people.filter((d) => d.constituency_id === c.id).slice(0, 2 + Math.floor(rand() * 3));
      const villageIds = links.filter((l) => l.constituency_id === c.id).map((l) => l.village_id);
      const vs = villages.filter((v) => villageIds.includes(v.id));
      const village = vs[0] ?? villages[0]!;
      const opinions: OpinionInput[] = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => {
        const v = pick(vs.length ? vs : villages);
        const o = pick(OPINIONS);
        return {
          content: o.text.replace('{v}', shortName(v.name)), villageId: v.id, category: o.category,
          ...(rand() < 0.4 ? { residentName: `${pick([...'王李张刘陈杨黄赵吴周'])}${pick(['大伯', '阿姨', '师傅', '先生', '女士'])}`, residentPhone: `1390000${String(1000 + Math.floor(rand() * 8999))}` } : {}),
        };
      });
      await createActivity(db, office, townshipId, {
        kind: 'voter_contact', title: `${c.name}代表联系选民月走访活动`, heldOn: `${year}-05-${String(8 + i * 3).padStart(2, '0')}`,
        place: `${shortName(village.name)}及周边村组`, countyNotice: '联系选民月', deputyIds: members.map((m) => m.id),
        votersContacted: 20 + Math.floor(rand() * 40), notes: '入户走访、召开院坝座谈会，宣传代表联系选民制度，收集群众意见。', opinions,
      });
    }
    // Inspections by the deputy groups: four in 2025, three in 2026.
    for (const [i, insp] of INSPECTIONS.slice(0, year === 2025 ? 4 : 3).entries()) {
      const groupMembers = people.filter((d) => d.group_id && d.constituency_id === constituencies[(i + year) % constituencies.length]!.id).slice(0, 4);
      const siteVillages = insp.sites.map((s) => villages.find((v) => s.startsWith(shortName(v.name)))?.id ?? null);
      await createActivity(db, office, townshipId, {
        kind: 'inspection', title: insp.title, heldOn: `${year}-${insp.month}-${String(12 + i).padStart(2, '0')}`, place: insp.sites[0]!,
        groupId: groupMembers[0]?.group_id ?? null, deputyIds: groupMembers.map((d) => d.id), reportAuthorDeputyId: groupMembers[0]?.id ?? null,
        sites: insp.sites.map((name, k) => ({ name, villageId: siteVillages[k] })), notes: '实地查看项目建设情况，听取有关站所汇报，形成视察报告。',
      });
    }
    // A reception day at the liaison station, announced a week ahead.
    const receptionDay = `${year}-07-15`;
    await createActivity(db, office, townshipId, {
      kind: 'reception', title: '代表联络站接待选民日', heldOn: receptionDay, announcedOn: addDays(receptionDay, -7), place: '示例镇人大代表联络站',
      deputyIds: people.slice(3, 6).map((d) => d.id), votersContacted: 14,
      opinions: [{ content: '集镇农贸市场周边停车难，占道经营多', category: '城乡建设' }, { content: '希望增开到县城的班车', category: '交通' }],
    });
    // Study sessions of the presidium.
    const members = presidium.map((p) => p.deputy_id);
    await createActivity(db, office, townshipId, {
      kind: 'study', title: year === 2025 ? '学习新修改的代表法' : '学习地方组织法及乡镇人大工作条例', heldOn: `${year}-03-18`, place: '镇人大主席团会议室',
      deputyIds: members, materials: year === 2025 ? '《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》（2025年修正）' : '《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》', notes: '主席团成员集中学习并交流体会。',
    });
    await createActivity(db, office, townshipId, {
      kind: 'study', title: '代表履职能力培训', heldOn: `${year}-09-06`, place: '镇政府大会议室', deputyIds: people.slice(0, 20).map((d) => d.id),
      materials: '代表建议的提出与办理；联系选民的方法', votersContacted: 0,
    });
  }

  // 2025's road opinions consolidated by the office (the 2026 ones are left for the proposals).
  const road = await db.selectFrom('resident_opinions').select(['id', 'content']).where('township_id', '=', townshipId).where('year', '=', 2025)
    .where('content', 'like', '%硬化%').execute();
  if (road.length >= 2) {
    await createConsolidation(db, office, townshipId, {
      title: '关于加快村组道路硬化的建议', summary: '联系选民月期间多个选区群众反映村组道路坑洼泥泞、出行困难，建议加快道路硬化。', category: '交通',
      opinionIds: road.map((r) => r.id),
    });
  }

  // 述职评议 of two deputies in 2025, chaired by a vice-chair.
  const vice = presidium.find((p) => p.position === 'vice_chair');
  const first = constituencies[0]!;
  const evaluated = serving(2025).filter((d) => d.constituency_id === first.id && !presidium.some((p) => p.deputy_id === d.id)).slice(0, 2);
  if (vice && evaluated.length === 2) {
    const attendees = { village_cadre: 8, group_leader: 14, party_member: 12, women: 10, youth: 6, public_rep: 12, other: 2 };
    const id = await createEvaluation(db, office, townshipId, {
      heldOn: '2025-11-18', place: '东山村村民委员会会议室', chairDeputyId: vice.deputy_id, constituencyId: first.id,
      deputyIds: evaluated.map((d) => d.id), attendees, voterOpinions: '会前走访选民46户，召开座谈会2次，征集对代表履职的意见建议11条，主要涉及道路、饮水和垃圾清运。',
    });
    const results = [
      { satisfied: 52, basicallySatisfied: 10, dissatisfied: 2, evaluation: '该代表能积极参加代表活动，经常走访选民，反映的道路硬化问题得到解决；希望今后进一步加强学习，提高建议质量。' },
      { satisfied: 45, basicallySatisfied: 16, dissatisfied: 3, evaluation: '该代表履职态度端正，参加视察和调研较多；与选民的联系还需加强，建议定期到联络站接待选民。' },
    ];
    for (const [k, d] of evaluated.entries()) await recordResult(db, office, id, d.id, results[k]!);
    await setPublished(db, office, id, true);
  }
  return true;
}
