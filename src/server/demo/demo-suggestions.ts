import type { Clock } from '../clock.js';
import type { Kysely } from 'kysely';
import { addDays, addMonths, type Day } from '../../domain/due-dates.js';
import { systemActor, type Actor } from '../auth/actor.js';
import type { DB, SuggestionFeedback, SuggestionGrade, SuggestionKind } from '../db/schema.js';
import * as service from '../modules/suggestions/suggestions.service.js';
import { sweepOverdueSuggestions } from '../modules/suggestions/suggestions.sweep.js';

/** A small deterministic generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Topic {
  kind: SuggestionKind;
  title: string;
  content: string;
  category: string;
  lead: string;
  co?: string;
  reply: string;
}

/** Invented but typical township topics; `{v}` is a village of the demo township. */
const TOPICS: Topic[] = [
  { kind: 'suggestion', title: '关于硬化{v}通组道路的建议', content: '{v}部分通组道路仍为泥土路，雨天泥泞，农产品运输和群众出行困难，建议列入道路硬化计划。', category: '交通', lead: '村镇建设办公室', co: '财政所', reply: '已将该路段列入乡村道路硬化项目，安排资金实施硬化。' },
  { kind: 'suggestion', title: '关于解决{v}饮水安全问题的建议', content: '{v}部分农户仍饮用山泉水，旱季水量不足，水质未经检测，建议实施饮水安全巩固提升工程。', category: '农业农村', lead: '水利站', co: '卫生院', reply: '已完成水源勘察，新建蓄水池一座并铺设管网，水质经检测达标。' },
  { kind: 'suggestion', title: '关于增设{v}主干道路灯的建议', content: '{v}主干道夜间无照明，群众夜间出行存在安全隐患，建议增设太阳能路灯。', category: '城乡建设', lead: '村镇建设办公室', reply: '已安装太阳能路灯并投入使用。' },
  { kind: 'suggestion', title: '关于改善中心小学办学条件的建议', content: '示例镇中心小学教室老旧，运动场地不足，建议改造教学楼并新建塑胶跑道。', category: '教育', lead: '示例镇中心小学', co: '社会事务办公室', reply: '教学楼维修已完成，塑胶跑道列入明年教育项目计划。' },
  { kind: 'suggestion', title: '关于提升{v}卫生室服务能力的建议', content: '{v}卫生室设备简陋，常用药品不全，村民小病也要到镇上就医，建议配齐设备和药品。', category: '医疗卫生', lead: '卫生院', reply: '已为村卫生室配备基本诊疗设备，并建立药品配送机制。' },
  { kind: 'suggestion', title: '关于完善{v}生活垃圾收运的建议', content: '{v}垃圾收集点少，清运不及时，夏季异味明显，建议增设垃圾桶并固定清运频次。', category: '生态环境', lead: '综合行政执法队', co: '村镇建设办公室', reply: '已增设分类垃圾桶，清运频次调整为每日一次。' },
  { kind: 'suggestion', title: '关于加强{v}河道治理的建议', content: '{v}河道淤积严重，汛期存在漫堤风险，两岸有垃圾堆放，建议实施清淤和河岸整治。', category: '生态环境', lead: '水利站', co: '自然资源所', reply: '已完成河道清淤，河岸整治纳入河长制年度工作。' },
  { kind: 'suggestion', title: '关于修缮{v}农田水利设施的建议', content: '{v}灌溉渠道多处破损渗漏，影响春耕灌溉，建议修缮渠道并清理沟渠。', category: '农业农村', lead: '农业综合服务中心', co: '水利站', reply: '已修复破损渠道，清理沟渠，保障春耕用水。' },
  { kind: 'suggestion', title: '关于在{v}设置公交停靠站的建议', content: '{v}距集镇较远，村民出行靠步行或摩托车，建议协调开通班车并设停靠站。', category: '交通', lead: '党政综合办公室', reply: '已与县客运公司协商，增设停靠站，班车每日往返两趟。' },
  { kind: 'criticism', title: '对集镇农贸市场管理不到位的批评', content: '集镇农贸市场占道经营、秤不准等问题反复出现，管理不到位，群众意见较大。', category: '其他', lead: '市场监督管理所', co: '综合行政执法队', reply: '已开展专项整治，设立公平秤，规范摊位划线经营。' },
  { kind: 'opinion', title: '关于规范农村建房审批的意见', content: '部分村民反映建房审批流程不清楚、跑多次，建议公开审批流程和办理时限。', category: '城乡建设', lead: '自然资源所', reply: '已在便民服务中心公示建房审批流程和时限，实行一次性告知。' },
  { kind: 'suggestion', title: '关于加强留守老人关爱服务的建议', content: '{v}留守老人较多，日常照料和精神慰藉不足，建议建设互助养老点。', category: '社会保障', lead: '社会事务办公室', reply: '已在村委会建设互助养老服务点，组织志愿者定期探访。' },
  { kind: 'suggestion', title: '关于建设{v}文化广场的建议', content: '{v}群众文化活动缺少场地，建议利用闲置地块建设文化广场并配置健身器材。', category: '城乡建设', lead: '文化站', co: '村镇建设办公室', reply: '已选址并完成设计，配置健身器材一批。' },
  { kind: 'suggestion', title: '关于加强森林防火宣传的建议', content: '春节和清明期间野外用火增多，{v}山林面积大，建议加强防火宣传和巡查。', category: '生态环境', lead: '林业站', reply: '已增设防火宣传牌，重点时段安排专人巡查。' },
  { kind: 'suggestion', title: '关于扶持{v}茶叶产业发展的建议', content: '{v}茶叶品质好但加工销售能力弱，建议扶持建设加工厂并拓展线上销售。', category: '农业农村', lead: '经济发展办公室', co: '农业综合服务中心', reply: '已将茶叶加工厂建设列入产业扶持项目，组织电商培训两期。' },
  { kind: 'suggestion', title: '关于东山村小学校舍维修的建议', content: '东山村小学部分校舍屋面漏雨，存在安全隐患，建议尽快维修。', category: '教育', lead: '东山村小学', co: '财政所', reply: '已完成屋面防水维修。' },
];

const FEEDBACKS: SuggestionFeedback[] = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'basically_satisfied'];
const GRADES: SuggestionGrade[] = ['A', 'A', 'A', 'B', 'B', 'C', 'D'];

/**
 * The demo township's suggestions: about 40 of 2025 (mostly closed, a few re-handled after
 * 不满意, B/C promises kept or in progress) and 15 of 2026 (some overdue on 2026-11-28), each
 * taken through the real service functions with a clock set to its own dates, so events,
 * audit rows and due dates are what the system itself would have written. Then the overdue
 * sweep as of 2026-11-28.
 */
export async function loadDemoSuggestions(db: Kysely<DB>, townshipId: string): Promise<void> {
  const rand = seeded(20251128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const office: Actor = { ...systemActor('demo'), townshipId, displayName: '林晓燕' };
  const deputies = await db.selectFrom('deputies').select(['id', 'name']).where('township_id', '=', townshipId).where('level', '=', 'township')
    .where('mandate_end', 'is', null).orderBy('name').execute();
  const units = await db.selectFrom('units').select(['id', 'name']).where('township_id', '=', townshipId).where('archived_at', 'is', null).execute();
  const villages = (await db.selectFrom('villages').select('name').where('township_id', '=', townshipId).orderBy('sort_order').execute()).map((v) => v.name.replace(/(村委会|社区居委会)$/, (m) => (m === '村委会' ? '村' : '社区')));
  if (deputies.length < 6 || units.length === 0) return;
  const unitId = (name: string) => units.find((u) => u.name === name)?.id ?? units.find((u) => !u.name.endsWith('委会'))?.id ?? units[0]!.id;
  const handler = (id: string): Actor => ({ ...systemActor('demo'), role: 'unit_handler', townshipId, unitId: id, displayName: `${units.find((u) => u.id === id)?.name ?? ''}经办人` });
  const clock = (day: Day): Clock => ({ today: () => day, now: () => `${addDays(day, -1)}T${String(8 + Math.floor(rand() * 9)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00.000Z` });

  type Plan = { year: number; stage: 'submitted' | 'registered' | 'assigned' | 'replied' | 'closed' | 'rehandled'; grade?: SuggestionGrade; implemented?: boolean; difficult?: boolean };
  const plans: Plan[] = [];
  for (let i = 0; i < 40; i++) {
    const grade = GRADES[i % GRADES.length]!;
    plans.push({ year: 2025, stage: i % 13 === 5 ? 'rehandled' : 'closed', grade, implemented: grade === 'B' ? i % 3 !== 0 : grade === 'C' ? i % 2 === 0 : false, difficult: i % 9 === 4 });
  }
  const plan2026: Plan['stage'][] = ['closed', 'closed', 'closed', 'replied', 'replied', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'registered', 'submitted', 'submitted', 'closed'];
  plan2026.forEach((stage, i) => plans.push({ year: 2026, stage, grade: GRADES[(i * 3) % GRADES.length]!, implemented: false, difficult: i === 9 }));

  for (const [i, p] of plans.entries()) {
    const topic = TOPICS[i % TOPICS.length]!;
    const village = villages[(i * 5) % villages.length] ?? '东山村';
    const author = deputies[(i * 7) % deputies.length]!;
    const atSession = p.year === 2025 ? i % 2 === 0 : i % 3 === 0;
    // 2025: raised at the February session or soon after; 2026: spread from March to October.
    const early = p.stage !== 'submitted' && p.stage !== 'registered';
    const submitted: Day = p.year === 2025 ? addDays(atSession ? '2025-02-18' : '2025-03-01', Math.floor(rand() * (atSession ? 2 : 120)))
      : addDays(early ? '2026-03-03' : '2026-09-20', Math.floor(rand() * (early ? 60 : 40)));
    const coSigners = topic.kind === 'suggestion' && rand() < 0.3 ? [deputies[(i * 7 + 3) % deputies.length]!.id] : [];
    const id = await service.createSuggestion(db, office, townshipId, {
      kind: topic.kind, title: topic.title.replaceAll('{v}', village), content: topic.content.replaceAll('{v}', village),
      raisedAt: atSession ? 'session' : 'between_sessions', authorDeputyId: author.id, coSignerIds: coSigners, isPublic: rand() < 0.7, submit: true,
    }, clock(submitted));
    for (const d of coSigners) await service.confirmSignature(db, office, id, d, clock(submitted));
    if (p.stage === 'submitted') continue;
    const registered = addDays(submitted, 3 + Math.floor(rand() * 7));
    await service.registerSuggestion(db, office, id, { category: topic.category }, clock(registered));
    if (p.stage === 'registered') continue;
    const assignedOn = addDays(registered, 2 + Math.floor(rand() * 10));
    const lead = unitId(topic.lead);
    await service.assignSuggestion(db, office, id, {
      leadUnitId: lead, coUnitIds: topic.co ? [unitId(topic.co)] : [], isDifficult: p.difficult ?? false, assignedOn,
    }, clock(assignedOn));
    const unit = handler(lead);
    if (topic.co) await service.addOpinion(db, handler(unitId(topic.co)), id, `我单位同意主办单位的办理意见，将配合做好相关工作。`, clock(addDays(assignedOn, 20)));
    if (p.stage === 'assigned') continue;
    // Most replies come well within the period; one in eight is late.
    const late = i % 8 === 3;
    const repliedOn = late ? addDays(addMonths(assignedOn, p.difficult ? 6 : 3), 6) : addDays(assignedOn, 25 + Math.floor(rand() * 50));
    await service.recordContact(db, unit, id, { contactedOn: addDays(repliedOn, -10), method: pick(['visit', 'phone', 'meeting'] as const), note: `与${author.name}代表沟通办理思路，听取意见。` }, clock(addDays(repliedOn, -10)));
    await service.replyToSuggestion(db, unit, id, { grade: p.grade ?? 'A', content: topic.reply }, clock(repliedOn));
    if (p.stage === 'replied') continue;
    let day = addDays(repliedOn, 7 + Math.floor(rand() * 10));
    if (p.stage === 'rehandled') {
      await service.giveFeedback(db, office, id, { rating: 'dissatisfied', comment: '答复内容笼统，未明确实施时间。' }, clock(day));
      const again = addDays(day, 20);
      await service.recordContact(db, unit, id, { contactedOn: addDays(again, -5), method: 'visit', note: '再次上门沟通，明确实施时间表。' }, clock(addDays(again, -5)));
      await service.replyToSuggestion(db, unit, id, { grade: p.grade === 'D' ? 'B' : p.grade ?? 'B', content: `${topic.reply}（重新办理：已明确实施时间表和责任人。）` }, clock(again));
      day = addDays(again, 10);
    }
    await service.giveFeedback(db, office, id, { rating: pick(FEEDBACKS) }, clock(day));
    const grade = (await db.selectFrom('suggestions').select('grade').where('id', '=', id).executeTakeFirstOrThrow()).grade;
    if (grade === 'B' || grade === 'C') {
      const progressOn = addDays(day, 30);
      await service.recordProgress(db, unit, id, { status: 'in_progress', content: '项目已启动，正在组织实施。' }, clock(progressOn));
      if (p.implemented) await service.recordProgress(db, unit, id, { status: 'implemented', content: '已全部完成并经代表现场查看。' }, clock(addDays(progressOn, 60)));
    }
  }
  // 2026 items past their reply date: flagged, and a supervision action recorded on the first one.
  await sweepOverdueSuggestions(db, { today: '2026-11-28', townshipId });
  const overdue = await db.selectFrom('suggestions').select('id').where('township_id', '=', townshipId).where('state', '=', 'assigned').where('reply_due_on', '<', '2026-11-28').orderBy('reply_due_on').execute();
  if (overdue[0]) {
    await service.recordSupervision(db, { ...office, role: 'office' }, overdue[0].id, { method: 'site_visit', note: '主席团到承办单位督办，要求限期答复。', actedOn: '2026-11-20' }, clock('2026-11-28'));
  }
}
