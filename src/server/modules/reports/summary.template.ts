import type { Block } from '../../documents/official-docx.js';
import type { FactRow } from './facts.types.js';
import { chineseDay, factText, rowText, type YearFacts } from './facts.service.js';

/**
 * The built-in year-end summary (年度工作总结): a preamble, sections 一 to 六 in the order of the
 * township congress's work, the shortcomings and next year's plan, the office's signature and
 * the date. Each section is the office's narrative (editable; it may hold `{{fact.key}}` fields,
 * filled at print time) followed by the figures, written here from the year facts. The figures
 * are never part of the editable text, so no edit can break or stale one; where a module has no
 * records for the year, or is not installed, the text says so.
 */

export interface SummarySection {
  key: string;
  /** The heading as printed (numbered 一、… by the document); null for unheaded parts. */
  heading: string | null;
  defaultNarrative: string;
  /** The provider sections whose figures this section prints. */
  sources: string[];
  figures?: (f: FactsView) => Block[];
}

/** Typed access to the facts; `missing` tells a provider not installed from a year without records. */
export class FactsView {
  constructor(readonly facts: YearFacts) {}
  get year(): number { return this.facts.year; }
  get township(): string { return this.facts.township.name; }
  has(section: string): boolean { return this.facts.sections.some((s) => s.key === section && s.available); }
  num(key: string): number { const v = this.facts.byKey.get(key)?.value; return typeof v === 'number' ? v : 0; }
  str(key: string): string | null { const v = this.facts.byKey.get(key)?.value; return v === undefined ? null : factText(v); }
  rows(key: string): FactRow[] { const v = this.facts.byKey.get(key)?.value; return Array.isArray(v) ? v : []; }
}

const p = (text: string): Block => ({ type: 'paragraph', text });
const h2 = (text: string): Block => ({ type: 'heading2', text });
const notInstalled = (what: string): Block => p(`本平台尚未接入${what}的记录，本部分暂无统计数据。`);
const joinTitles = (rows: FactRow[], max = 99) => rows.slice(0, max).map((r) => `《${rowText(r)}》`).join('、');
/** "…，占X%" or nothing when there is no base to compute a rate on. */
const rateClause = (label: string, rate: string | null) => (rate ? `，${label}${rate}` : '');

function sessionFigures(f: FactsView): Block[] {
  const y = f.year;
  const sessions = f.rows('sessions.list');
  if (!sessions.length) return [p(`${y}年本镇没有召开人民代表大会会议的记录。`)];
  const out: Block[] = [];
  const held = sessions.map((s) => {
    const attendance = Number(s.total) > 0 && s.present === s.total ? `应到代表${s.total}名，全体出席` : `应到代表${s.total}名，实到${s.present}名`;
    return `${chineseDay(String(s.date))}召开${f.township}${s.name}（${attendance}）`;
  });
  out.push(p(`${y}年，主席团依法召集人民代表大会会议${sessions.length}次：${held.join('；')}。`));
  const heard = f.rows('sessions.reportsHeard');
  const resolutions = f.rows('sessions.resolutions');
  out.push(p([
    heard.length ? `会议审议的报告和事项共${heard.length}项：${heard.map((r) => String(r.title)).join('，')}` : '会议没有听取和审议报告的记录',
    resolutions.length ? `表决通过决议${resolutions.length}项：${joinTitles(resolutions)}。` : '没有通过决议的记录。',
  ].join('；')));
  const motions = f.num('sessions.motionsCount');
  if (motions) {
    const onAgenda = f.num('sessions.motionsOnAgenda');
    const converted = f.num('sessions.motionsConverted');
    const rest = motions - onAgenda - converted;
    out.push(p(`会议期间，代表依法联名提出议案${motions}件${[
      onAgenda ? `经主席团决定列入大会议程${onAgenda}件` : '',
      converted ? `作为代表建议交有关单位办理${converted}件` : '',
      rest ? `待主席团决定${rest}件` : '',
    ].filter(Boolean).map((s) => `，${s}`).join('')}。`));
  }
  return out;
}

function disclosureFigures(f: FactsView): Block[] {
  if (!f.has('disclosure')) return [h2('推行行政执法责任制和政务公开'), notInstalled('行政执法公示和政务、村务、校务公开'), h2('加强农村基层民主法治建设'), notInstalled('民主法治示范村创建')];
  const out: Block[] = [h2('推行行政执法责任制和政务公开')];
  const units = f.num('disclosure.enforcementUnits');
  const complaints = f.num('disclosure.complaints');
  const byKind = f.rows('disclosure.complaintsByKind').filter((r) => Number(r.count) > 0);
  const parts: string[] = [];
  parts.push(units ? `全镇有行政执法权限的单位${units}个，其中${f.num('disclosure.enforcementUnitsWithBoard')}个设立了执法责任制公示栏` : '本年度没有登记有行政执法权限的单位');
  const gov = f.num('disclosure.govAffairsUnits');
  parts.push(gov ? `${gov}个单位通过公开栏公开办事程序和收费标准等政务信息` : '没有政务公开的记录');
  out.push(p(`${parts.join('；')}。${complaints ? `全年发生因行政行为引起的投诉、诉讼${complaints}件${byKind.length ? `（${byKind.map((r) => `${r.kind}${r.count}件`).join('、')}）` : ''}。` : '全年没有因行政行为不当引起的投诉和诉讼。'}`));
  const villages = f.num('disclosure.villagesTotal');
  const schools = f.num('disclosure.schoolsTotal');
  out.push(p([
    villages ? `全镇${villages}个村（居）委会中，${f.num('disclosure.villagesBothDisclosures')}个同时实行了村务公开和财务公开` : '本年度没有村务、财务公开的记录',
    schools ? `${schools}所学校中${f.num('disclosure.schoolsDisclosing')}所实行了校务公开。` : '没有校务公开的记录。',
  ].join('；')));
  out.push(h2('加强农村基层民主法治建设'));
  const models = f.rows('disclosure.modelVillages');
  out.push(p(models.length
    ? `民主法治示范村创建：${models.map((r) => `${r.village}（${r.programme}，${r.year}年，${r.status}）`).join('；')}。`
    : '本年度没有民主法治示范村创建的记录。'));
  return out;
}

function suggestionFigures(f: FactsView): Block[] {
  const y = f.year;
  const received = f.num('suggestions.received');
  if (!received) return [p(`${y}年没有收到代表提出的议案、建议、批评和意见。`)];
  const kinds = f.rows('suggestions.byKind').filter((r) => Number(r.count) > 0).map((r) => `${r.label}${r.count}件`).join('、');
  const out: Block[] = [
    p(`${y}年，代表共提出议案、建议、批评和意见${received}件（${kinds}），立案${f.num('suggestions.registered')}件，交由${f.num('suggestions.unitCount')}个承办单位办理${f.num('suggestions.assigned')}件。`),
    p(`已答复${f.num('suggestions.replied')}件，其中按期答复${f.num('suggestions.repliedOnTime')}件${rateClause('按期答复率', f.str('suggestions.repliedOnTimeRate'))}；代表对答复提出意见${f.num('suggestions.withFeedback')}件，表示满意和基本满意的${f.num('suggestions.satisfied')}件${rateClause('满意率', f.str('suggestions.satisfactionRate'))}；已落实${f.num('suggestions.implemented')}件${rateClause('落实率', f.str('suggestions.implementationRate'))}。`),
  ];
  const done = f.rows('suggestions.implementedList');
  if (done.length) out.push(p(`已经落实的有${joinTitles(done, 5)}${done.length > 5 ? `等${done.length}件` : ''}。`));
  return out;
}

function dutyFigures(f: FactsView): Block[] {
  const y = f.year;
  const out: Block[] = [h2('代表述职评议')];
  const evaluations = f.rows('duty.evaluations.list');
  if (!evaluations.length) out.push(p(`${y}年没有组织代表述职评议的记录。`));
  for (const e of evaluations) {
    out.push(p(`${chineseDay(String(e.date))}，在${e.place}组织${e.constituency ? `${e.constituency}的` : ''}选民代表对${e.deputies}代表进行述职评议，评议会由${e.chair}主持，${e.attendees}名选民代表参加。`));
  }
  if (evaluations.length) {
    const cats = f.rows('duty.evaluations.attendeesByCategory').map((r) => `${r.label}${r.count}人`).join('、');
    const ratings = f.rows('duty.evaluations.ratings').map((r) => `${r.deputy}满意${r.satisfied}票、基本满意${r.basic}票、不满意${r.dissatisfied}票${r.rate ? `（满意率${r.rate}）` : ''}`).join('；');
    out.push(p(`参加人员共${f.num('duty.evaluations.attendees')}人${cats ? `，其中${cats}` : ''}。被评议代表先报告一年来的履职情况，选民代表分组讨论后当场测评${ratings ? `：${ratings}` : ''}。`));
  }
  out.push(h2('代表联系选民'));
  const contacts = f.num('duty.voterContact.count');
  const collected = f.num('duty.opinions.collected');
  const consolidated = f.num('duty.opinions.consolidated');
  if (!contacts && !collected) out.push(p(`${y}年没有代表联系选民活动的记录。`));
  else {
    const titles = f.rows('duty.opinions.consolidatedTitles');
    out.push(p([
      contacts ? `${y}年组织代表联系选民活动${contacts}次，${f.num('duty.voterContact.deputies')}名代表参加，以上门走访、集中接待等方式联系选民${f.num('duty.voterContact.personTimes')}人次${f.num('duty.voterContact.sites') ? `，实地察看${f.num('duty.voterContact.sites')}个点` : ''}` : `${y}年没有组织集中联系选民活动的记录`,
      `收集选民意见建议${collected}条，${consolidated ? `经梳理归纳为${consolidated}条主要意见建议${titles.length ? `，主要是${titles.map((r) => `“${rowText(r)}”`).join('、')}` : ''}。` : '尚未梳理归纳。'}`,
    ].join('；')));
  }
  out.push(h2('组织代表视察'));
  const inspections = f.rows('duty.inspections.list');
  out.push(p(inspections.length
    ? `${y}年组织代表开展视察活动${inspections.length}次，内容分别是${inspections.map((r) => `“${r.title}”`).join('、')}${f.num('duty.inspections.sites') ? `，共视察${f.num('duty.inspections.sites')}个点` : ''}。`
    : `${y}年没有组织代表视察的记录。`));
  return out;
}

function electionFigures(f: FactsView): Block[] {
  if (!f.has('elections')) return [notInstalled('村（居）民委员会换届选举')];
  const total = f.num('elections.villagesTotal');
  const round = f.str('elections.roundName');
  if (!total || !round) return [p(`${f.year}年没有村（居）民委员会换届选举的记录。`)];
  const leader = f.str('elections.guidanceLeader');
  const deputies = f.str('elections.guidanceDeputyLeaders');
  const sessions = f.num('elections.trainingSessions');
  const runoff = f.num('elections.runoffVillages');
  return [
    p(`在${round}中，${leader ? `${leader}任换届选举工作指导小组组长` : '镇成立换届选举工作指导小组'}${deputies ? `，${deputies}任副组长` : ''}，对各村选举工作进行指导和督促。${sessions ? `举办选举工作人员业务培训${sessions}期，培训${f.num('elections.trainingAttendees')}人次。` : '本年度没有选举业务培训的记录。'}`),
    p(`全镇${total}个村（居）委会中，${f.num('elections.villagesElected')}个选出新一届村（居）民委员会，其中${f.num('elections.villagesElectedOnSchedule')}个按期完成选举${runoff ? `，${runoff}个村经另行选举产生当选人` : ''}。`),
  ];
}

function selfFigures(f: FactsView): Block[] {
  const y = f.year;
  const out: Block[] = [];
  const studies = f.rows('duty.study.list');
  out.push(p(studies.length ? `${y}年组织集中学习${studies.length}次，学习内容为${studies.map((r) => `“${r.title}”`).join('、')}。` : `${y}年没有组织集中学习的记录。`));
  const chair = f.str('presidium.chair');
  if (f.num('presidium.members')) {
    out.push(p(`主席团由${f.num('presidium.members')}名成员组成${chair ? `，主席${chair}` : ''}${f.str('presidium.viceChairs') ? `，副主席${f.str('presidium.viceChairs')}` : ''}。`));
  } else out.push(p('本年度没有主席团组成人员的记录。'));
  const assignments = f.rows('presidium.assignments');
  out.push(p(assignments.length
    ? `主席、副主席实行分片挂点联系代表：${assignments.map((r) => `${r.position}${r.leader}${r.villages ? `联系${r.villages}` : ''}${Number(r.deputies) ? `${r.villages ? '，' : ''}联系代表${r.deputies}名` : ''}`).join('；')}。`
    : '本年度没有分片挂点的记录。'));
  const meetings = f.num('presidiumMeetings.count');
  out.push(p(meetings
    ? `闭会期间召开主席团会议${meetings}次，研究议题${f.num('presidiumMeetings.topics')}项，作出决定${f.num('presidiumMeetings.decisions')}项。`
    : `${y}年闭会期间没有召开主席团会议的记录。`));
  return out;
}

export const SUMMARY_SECTIONS: SummarySection[] = [
  {
    key: 'preamble', heading: null, sources: [],
    defaultNarrative: '{{report.year}}年，{{report.township}}人大主席团在镇党委的领导下，依照宪法和法律赋予的职权，围绕全镇发展稳定的中心工作，依法召开人民代表大会会议，加强对政府工作和代表建议办理的监督，组织代表开展闭会期间活动，推进依法治镇，各项工作取得了新的进展。现将一年来的工作总结如下：',
  },
  {
    key: 'sessions', heading: '依法召开人代会，保障代表行使职权', sources: ['sessions'], figures: sessionFigures,
    defaultNarrative: '主席团认真做好会议筹备，提前印发会议材料，组织代表会前视察和走访选民，使代表带着群众的意见参加会议、审议报告。',
  },
  {
    key: 'disclosure', heading: '推进依法治镇，营造法治环境', sources: ['disclosure'], figures: disclosureFigures,
    defaultNarrative: '主席团把推行行政执法责任制和政务、村务、校务公开作为依法治镇的基础工作，督促各单位公开职责依据和办事程序，接受群众监督。',
  },
  {
    key: 'suggestions', heading: '加强建议督办，增强监督实效', sources: ['suggestions'], figures: suggestionFigures,
    defaultNarrative: '会议期间和闭会期间代表提出的议案、建议、批评和意见，由主席团交有关单位办理并跟踪督办，办理结果及时向代表反馈。',
  },
  {
    key: 'duty', heading: '组织代表述职评议、联系选民和视察活动', sources: ['duty'], figures: dutyFigures,
    defaultNarrative: '主席团把代表闭会期间活动作为发挥代表作用的重要途径，组织代表向选民述职、联系选民和开展视察，推动代表工作常态化。',
  },
  {
    key: 'elections', heading: '指导村（居）民委员会换届选举', sources: ['elections'], figures: electionFigures,
    defaultNarrative: '镇人大依照村民委员会组织法和省有关选举办法，把指导村（居）民委员会换届选举作为一项重要工作，着重抓好选举程序的依法规范。',
  },
  {
    key: 'self', heading: '加强自身建设，提高履职水平', sources: ['duty', 'presidium', 'presidiumMeetings'], figures: selfFigures,
    defaultNarrative: '主席团坚持学习制度，改进工作作风，深入基层调查研究，加强与代表和选民的联系。',
  },
  {
    key: 'shortcomings', heading: null, sources: [],
    defaultNarrative: '一年来，镇人大工作取得了一定成效，但也还存在一些不足：监督的力度和刚性还不够，代表闭会期间活动的形式还不够丰富，反映社情民意还不够及时。',
  },
  {
    key: 'plan', heading: null, sources: [],
    defaultNarrative: '{{report.nextYear}}年，镇人大主席团将在镇党委领导下，依法履行职责，加强对政府工作和代表建议办理的监督，丰富代表活动形式，密切代表同人民群众的联系，为全镇经济社会发展作出新的贡献。',
  },
];

export const SECTION_KEYS = SUMMARY_SECTIONS.map((s) => s.key);

/** A section's narrative as the office left it (or the built-in text). */
export interface Narrative { heading: string | null; body: string }

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The fields a narrative uses that the catalogue does not know, and any stray braces (an
 * unclosed `{{` is reported as itself). Empty when the text is good.
 */
export function unknownFields(text: string, known: (key: string) => boolean): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(FIELD)) if (!known(m[1]!)) bad.push(`{{${m[1]}}}`);
  const rest = text.replace(FIELD, '');
  if (/\{\{|\}\}/.test(rest)) bad.push(rest.includes('{{') ? rest.slice(rest.indexOf('{{'), rest.indexOf('{{') + 20) : '}}');
  return bad;
}

/** Fills a narrative's fields from the facts; a field whose figure is empty says so. */
export function fillNarrative(text: string, facts: YearFacts): string {
  return text.replace(FIELD, (_, key: string) => {
    const fact = facts.byKey.get(key);
    if (!fact) return '（该项数据未接入）';
    return factText(fact.value) ?? '（无记录）';
  });
}

export interface SummaryDocument {
  title: string;
  blocks: Block[];
  signature: string;
  date: string;
}

/** The summary as title, blocks, signature and date, from the facts and the office's narratives. */
export function buildSummary(facts: YearFacts, narratives: Map<string, Narrative>, date: string): SummaryDocument {
  const view = new FactsView(facts);
  const blocks: Block[] = [];
  for (const section of SUMMARY_SECTIONS) {
    const n = narratives.get(section.key);
    const rawHeading = n?.heading ?? section.heading;
    const heading = rawHeading ? fillNarrative(rawHeading, facts) : null;
    const body = fillNarrative(n?.body ?? section.defaultNarrative, facts);
    if (heading) blocks.push({ type: 'heading1', text: heading });
    if (body.trim()) blocks.push(p(body));
    if (section.figures) blocks.push(...section.figures(view));
  }
  return {
    title: `${facts.township.name}人大${facts.year}年工作总结`,
    blocks,
    signature: `${facts.township.name}人大办`,
    date,
  };
}

/** The plain text of blocks (tests, the preview, the portal article). */
export function blocksText(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r.join(' ')) : 'text' in b ? [b.text] : []));
}
