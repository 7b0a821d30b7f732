import { addDays, compareDays, daysBetween } from '../../../domain/due-dates.js';
import { evaluateVote, motionAsSuggestionContent, motionCoSignersOk, MOTION_MIN_CO_SIGNERS } from '../../../domain/votes.js';
import { shortVillageName } from '../../../domain/village-names.js';
import type { DB } from '../../db/schema.js';
import type { DeputyRow } from '../../modules/deputies/deputies.repository.js';
import type { SyntheticContext } from './generate-more.js';

/**
 * 议案 of the year's congress session (地方组织法 第22条), the way the sessions service records
 * them: deputies jointly (代表联名) seated in the session, each signature confirmed (here on paper,
 * by the office: the synthetic deputies have no logins), and the presidium's decision. A motion
 * with 5 or more confirmed signers (lead included, as `countConfirmedSigners` counts them) may be
 * put on the agenda: an agenda item of kind `motion` pointing at it, and, as for every item of the
 * generated session, a resolution and its vote. A motion not put on the agenda (too few signers,
 * or left off by the presidium) is handed on as a 建议: the suggestion the service
 * would create (`createSuggestionFromMotion`: the motion's title, 案由/案据/方案 as its content, the
 * lead as author, the signers copied, `motion_id` set), then taken through the generator's
 * ordinary suggestion workflow by `fileSuggestion`. A session not yet held may have one motion
 * still collecting signatures.
 */

type Row<T extends keyof DB> = DB[T];

export interface MotionRows {
  motions: Row<'motions'>[];
  motion_signers: Row<'motion_signers'>[];
}

/** A suggestion to file through generate.ts's workflow: one handed on from a motion. */
export interface HandedOnSuggestion {
  id: string;
  submittedDay: string;
  submittedAt: string;
  author: DeputyRow;
  title: string;
  content: string;
  category: string;
  unitName: string;
  motion: { id: string; signers: Row<'motion_signers'>[] };
}

export interface MotionSources {
  session: Row<'congress_sessions'>;
  /** The session's seats as stored when it was held (empty while it is planned). */
  seats: Row<'session_seats'>[];
  /** The deputies seated in the session. */
  seated: DeputyRow[];
  villages: Row<'villages'>[];
  /** Deputies present at each vote of the session. */
  present: number;
  fileSuggestion: (s: HandedOnSuggestion) => void;
}

/** Topics within a township congress's powers (地方组织法 第10条): 案由, 案据 and 方案, with the 建议 category and unit should it be handed on. */
const MOTION_TOPICS: { category: string; unit: string; title: (v: string, t: string) => string; subject: (v: string) => string; reason: (v: string, t: string) => string; basis: string; proposal: string }[] = [
  {
    category: '交通', unit: '村镇建设办公室', title: (v) => `关于将${v}至镇区道路提档升级列入年度民生实事项目的议案`,
    subject: (v) => `${v}至镇区道路提档升级`,
    reason: (v) => `${v}至镇区道路路面狭窄、破损严重，沿线群众出行和农产品外运困难，群众反映强烈。`,
    basis: '《中华人民共和国公路法》；《农村公路建设管理办法》；代表走访选民收集的意见。',
    proposal: '一、将该路段提档升级列入本年度镇民生实事项目；二、积极争取上级交通建设资金，镇财政予以配套；三、年内完成路面拓宽硬化。',
  },
  {
    category: '生态环境', unit: '村镇建设办公室', title: (_v, t) => `关于加快推进${t}农村生活污水治理的议案`,
    subject: () => '农村生活污水治理',
    reason: (_v, t) => `${t}部分村庄生活污水直排沟渠，影响水环境和村容村貌。`,
    basis: '《中华人民共和国水污染防治法》；农村人居环境整治提升五年行动方案。',
    proposal: '一、编制全镇农村生活污水治理规划；二、分年度实施，优先治理人口集中村庄；三、建立设施运行维护长效机制。',
  },
  {
    category: '城乡建设', unit: '经济发展办公室', title: (_v, t) => `关于建设${t}镇区农贸市场的议案`,
    subject: () => '镇区农贸市场建设',
    reason: () => '现有集市沿街占道经营，交通拥堵，卫生状况差，存在安全隐患。',
    basis: '镇国土空间总体规划；代表视察集贸市场时群众提出的意见。',
    proposal: '一、选址镇区闲置地块新建农贸市场；二、市场建成后引导占道经营户入场经营；三、明确市场管理主体和管理制度。',
  },
  {
    category: '农业农村', unit: '农业综合服务中心', title: (v) => `关于实施${v}高标准农田建设的议案`,
    subject: (v) => `${v}高标准农田建设`,
    reason: (v) => `${v}农田灌排设施老化，田块零碎，机械化水平低，影响粮食生产。`,
    basis: '《中华人民共和国农业法》；全国高标准农田建设规划。',
    proposal: '一、将该片区纳入高标准农田建设项目库；二、同步实施灌排渠系和机耕道路配套；三、建立建后管护制度。',
  },
  {
    category: '社会保障', unit: '社会事务办公室', title: (_v, t) => `关于完善${t}农村养老服务体系的议案`,
    subject: () => '完善农村养老服务体系',
    reason: () => '农村留守、独居老人逐年增多，日间照料和助餐服务不足。',
    basis: '《中华人民共和国老年人权益保障法》；代表联系选民活动中收集的意见。',
    proposal: '一、利用闲置村部建设村级养老服务站点；二、开展老年助餐服务；三、将运营经费纳入镇财政预算。',
  },
  {
    category: '教育', unit: '中心小学', title: (_v, t) => `关于改善${t}中心小学办学条件的议案`,
    subject: () => '改善中心小学办学条件',
    reason: () => '中心小学教学楼建成时间较早，学生食堂和运动场地不能满足需要。',
    basis: '《中华人民共和国义务教育法》；义务教育学校办学基本标准。',
    proposal: '一、争取上级资金改造学生食堂；二、新建塑胶运动场；三、分两年实施，暑假期间施工。',
  },
  {
    category: '农业农村', unit: '水利站', title: (v) => `关于实施${v}饮水安全巩固提升工程的议案`,
    subject: (v) => `${v}饮水安全巩固提升工程`,
    reason: (v) => `${v}供水管网老化，夏季用水高峰时段供水不足，部分农户水压偏低。`,
    basis: '《中华人民共和国水法》；农村供水保障工作有关要求。',
    proposal: '一、改造老化供水管网；二、新建蓄水池一座；三、落实管网运行维护责任和经费。',
  },
];

const MINUTE = 60_000;
const iso = (msValue: number): string => new Date(msValue).toISOString();

/**
 * The motions of one township's session. Draws only from `c.rng` (a stream of its own), so the
 * rows generate.ts drew before stay as they were.
 */
export function addMotions(c: SyntheticContext, out: MotionRows & {
  agenda_items: Row<'agenda_items'>[];
  resolutions: Row<'resolutions'>[];
  session_votes: Row<'session_votes'>[];
}, src: MotionSources): void {
  const { rng, townshipId, officeId } = c;
  const session = src.session;
  const held = session.state === 'closed';
  const presentIds = new Set(src.seats.filter((s) => s.status === 'present').map((s) => s.deputy_id));
  // Signers are seated in the session; at a held session, deputies who were there.
  const signable = held ? src.seated.filter((d) => presentIds.has(d.id)) : src.seated.filter((d) => !d.mandate_end);
  if (signable.length < MOTION_MIN_CO_SIGNERS) return;
  const count = held ? rng.weighted([[0, 15], [1, 35], [2, 32], [3, 18]] as const) : rng.chance(0.5) ? 1 : 0;
  const topics = rng.sample(MOTION_TOPICS, count);
  const leads = rng.sample(signable, count);
  let position = Math.max(0, ...out.agenda_items.filter((a) => a.session_id === session.id).map((a) => a.position));

  topics.forEach((topic, k) => {
    const lead = leads[k]!;
    // Most motions are put on the agenda; the presidium leaves some, though jointly signed, off it;
    // some gathered too few signers. Both of the latter are handed on as 建议.
    const outcome = !held ? 'pending' as const : rng.weighted([['agenda', 55], ['not_listed', 20], ['too_few', 25]] as const);
    const size = outcome === 'too_few' ? rng.int(2, MOTION_MIN_CO_SIGNERS - 1) : rng.int(MOTION_MIN_CO_SIGNERS, MOTION_MIN_CO_SIGNERS + 4);
    // Co-signers from the lead's own deputy group first, then from the others.
    const others = rng.shuffle(signable.filter((d) => d.id !== lead.id));
    const coSigners = [...others.filter((d) => d.group_id === lead.group_id), ...others.filter((d) => d.group_id !== lead.group_id)].slice(0, size - 1);
    const village = shortVillageName(rng.pick(src.villages).name);
    const title = topic.title(village, c.townshipName);
    const reason = topic.reason(village, c.townshipName);

    // Filed on the session's first day after it opened (or, for a planned session, in the days
    // before it), each signature recorded on paper by the office, the presidium's decision after.
    const createdDay = held ? session.start_date : addDays(session.start_date, -rng.int(1, 10));
    if (compareDays(createdDay, c.asOf) > 0) return;
    const createdAt = held ? iso(Date.parse(session.opened_at!) + rng.int(10, 60) * MINUTE) : c.at(createdDay);
    const motionId = c.id(createdAt);
    const signers: Row<'motion_signers'>[] = [lead, ...coSigners].map((d, i) => {
      // At a planned session the lead and some co-signers have confirmed so far; at a held one,
      // every signer of a motion put on the agenda, and most of the others.
      const confirmed = held ? (outcome === 'agenda' || i === 0 || rng.chance(0.85)) : i === 0 || rng.chance(0.5);
      const confirmedAt = held
        ? iso(Date.parse(createdAt) + rng.int(1, 25) * MINUTE)
        : iso(Math.max(Date.parse(createdAt) + MINUTE, Date.parse(c.at(addDays(createdDay, rng.int(0, Math.min(5, daysBetween(createdDay, c.asOf))))))));
      return {
        township_id: townshipId, motion_id: motionId, deputy_id: d.id, is_lead: i === 0, confirmed_at: confirmed ? confirmedAt : null,
        confirmation: confirmed ? 'paper' as const : null, recorded_by: confirmed ? officeId : null, created_at: createdAt,
      };
    });
    const confirmedCount = signers.filter((s) => s.confirmed_at).length;
    const motion: Row<'motions'> = {
      id: motionId, township_id: townshipId, session_id: session.id, title, reason, basis: topic.basis, proposal: topic.proposal, lead_deputy_id: lead.id,
      state: 'submitted', agenda_item_id: null, decision_note: null, decided_by: null, decided_at: null, created_by: officeId, created_at: createdAt, updated_at: createdAt,
    };
    out.motions.push(motion);
    out.motion_signers.push(...signers);
    if (outcome === 'pending') return;

    const decidedAt = iso(Date.parse(createdAt) + rng.int(30, 120) * MINUTE);
    Object.assign(motion, { decided_by: officeId, decided_at: decidedAt, updated_at: decidedAt });
    if (outcome === 'agenda') {
      if (!motionCoSignersOk(confirmedCount)) throw new Error('synthetic motion: put on the agenda with too few confirmed signers');
      const itemId = c.id(decidedAt);
      out.agenda_items.push({
        id: itemId, township_id: townshipId, session_id: session.id, position: ++position, kind: 'motion', title, description: reason, motion_id: motionId,
        created_at: decidedAt, updated_at: decidedAt, archived_at: null,
      });
      Object.assign(motion, { state: 'on_agenda', agenda_item_id: itemId, decision_note: '主席团会议决定列入大会议程' });
      // Deliberated and voted on by the congress like every other item of the generated session.
      const no = rng.int(0, 2);
      const abstain = rng.int(0, 4);
      const yes = src.present - no - abstain;
      const seatedCount = session.seated_count!;
      const result = evaluateVote({ seated: seatedCount, present: src.present, yes, no, abstain });
      const votedAt = iso(Math.max(Date.parse(c.at(session.end_date)), Date.parse(decidedAt) + rng.int(60, 180) * MINUTE));
      const resolutionId = c.id(decidedAt);
      const voteId = c.id(votedAt);
      const resolutionTitle = `关于${topic.subject(village)}议案的决议`;
      out.resolutions.push({
        id: resolutionId, township_id: townshipId, session_id: session.id, agenda_item_id: itemId, title: resolutionTitle,
        body: `会议审议了${lead.name}等${signers.length}名代表提出的《${title}》，同意议案提出的方案，责成镇人民政府组织实施，并向下次人民代表大会会议报告实施情况。`,
        outcome: result.passed ? 'adopted' : 'rejected', decided_vote_id: voteId, adopted_on: result.passed ? session.end_date : null, created_at: decidedAt, updated_at: votedAt,
      });
      out.session_votes.push({
        id: voteId, township_id: townshipId, session_id: session.id, agenda_item_id: itemId, resolution_id: resolutionId, title: `表决：${resolutionTitle}`,
        kind: 'show_of_hands', state: 'closed', seated_count: seatedCount, present_count: src.present, yes_count: yes, no_count: no, abstain_count: abstain,
        is_passed: result.passed, supersedes_vote_id: null, revote_reason: null, opened_by: officeId, opened_at: votedAt, closed_by: officeId, closed_at: votedAt,
      });
      return;
    }
    Object.assign(motion, {
      state: 'converted_to_suggestion',
      decision_note: outcome === 'too_few' ? '联名代表不足五人，不作为议案，作为代表建议交有关单位办理' : '经主席团会议研究，不列入本次会议议程，作为代表建议交有关单位办理',
    });
    src.fileSuggestion({
      id: c.id(decidedAt), submittedDay: createdDay, submittedAt: decidedAt, author: lead, title, category: topic.category, unitName: topic.unit,
      content: motionAsSuggestionContent({ reason, basis: topic.basis, proposal: topic.proposal }), motion: { id: motionId, signers },
    });
  });
}
