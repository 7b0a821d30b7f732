import type { Insertable } from 'kysely';
import { disclosureDueDay, financeTotals, periodsOfYear } from '../../../domain/disclosure.js';
import { addDays, compareDays, formatDay } from '../../../domain/due-dates.js';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import type { ArticleStatus, DB } from '../../db/schema.js';
import { DEFAULT_CATEGORIES } from '../../modules/articles/articles.categories.js';
import { articleSearchTextOf } from '../../modules/articles/articles.service.js';
import { DEFAULT_PROGRAMMES } from '../../modules/rule-of-law/rule-of-law.service.js';
import type { SyntheticContext } from './generate-more.js';
import { shortVillageName } from '../../../domain/village-names.js';

/**
 * The rule-of-law, disclosure and portal records of a synthetic township's year:
 *
 * - 执法责任制公示 boards of the units holding enforcement power (a few still lack one; some were
 *   revised this year, the earlier version superseded);
 * - 政务公开 of the other government units and 校务公开 of the schools, per year and per term;
 * - 村务公开 and 财务公开 of every village for each quarter that has ended: most on time, some late,
 *   a few not yet published (overdue after the grace period). Each opening balance is the closing
 *   balance of the village's latest published period, the check the disclosure module applies
 *   on import; an occasional corrected version supersedes the first;
 * - complaints, 行政复议 and 行政诉讼 about the units' acts, concluded or pending;
 * - model-village programmes (民主法治示范村, 生态文明村) with their entries and criteria;
 * - the portal: the default 栏目, and a year of articles drawn from the township's own records
 *   (the session, the suggestions handed over, duty activities, disclosures), with tags.
 *
 * Drawn from the township's own forked rng: a seed gives the same rows.
 */

type Row<T extends keyof DB> = DB[T];

export interface DisclosureRows {
  enforcement_boards: Row<'enforcement_boards'>[];
  unit_disclosures: Row<'unit_disclosures'>[];
  village_disclosures: Row<'village_disclosures'>[];
  village_disclosure_items: Row<'village_disclosure_items'>[];
  village_finance_lines: Row<'village_finance_lines'>[];
  administrative_complaints: Row<'administrative_complaints'>[];
  model_programmes: Row<'model_programmes'>[];
  model_village_entries: Row<'model_village_entries'>[];
  model_village_criteria: Row<'model_village_criteria'>[];
  portal_categories: Row<'portal_categories'>[];
  articles: Insertable<DB['articles']>[];
  article_tags: Row<'article_tags'>[];
}

export const DISCLOSURE_TABLES = [
  'enforcement_boards', 'unit_disclosures', 'village_disclosures', 'village_disclosure_items', 'village_finance_lines', 'administrative_complaints',
  'model_programmes', 'model_village_entries', 'model_village_criteria', 'portal_categories', 'articles', 'article_tags',
] as const satisfies readonly (keyof DisclosureRows)[];

export function emptyDisclosureRows(): DisclosureRows {
  return Object.fromEntries(DISCLOSURE_TABLES.map((t) => [t, []])) as unknown as DisclosureRows;
}

interface UnitRef {
  id: string;
  name: string;
  type: string;
  has_enforcement_power: boolean;
}

interface VillageRef {
  id: string;
  name: string;
}

/** What each enforcement unit's board says of its scope and legal basis (the other eight fields are common). */
const BOARD_SCOPE: Record<string, { scope: string; basis: string; fee: string }> = {
  村镇建设办公室: {
    scope: '乡村建设规划许可的受理和审核，农村自建房质量安全的巡查和指导。',
    basis: '《中华人民共和国城乡规划法》《村庄和集镇规划建设管理条例》。',
    fee: '乡村建设规划许可不收费。',
  },
  综合行政执法队: {
    scope: '县政府赋予本镇的市容环境、违法建设、占道经营等领域的行政处罚权及相关行政强制措施。',
    basis: '《中华人民共和国行政处罚法》《中华人民共和国行政强制法》及县政府赋权事项清单。',
    fee: '执法检查不收费；罚没收入使用财政统一票据，全额缴入国库。',
  },
  水利站: {
    scope: '河道管理范围内违法建设、采砂和倾倒垃圾的巡查与制止，取水行为的监督检查。',
    basis: '《中华人民共和国水法》《中华人民共和国河道管理条例》。',
    fee: '巡查、检查不收费；水资源费（税）按国家和省定标准由县级部门征收。',
  },
};

const BOARD_COMMON = {
  responsibility: '对本单位行政执法行为的合法性和适当性负责；执法人员持证上岗、亮证执法。',
  division_of_work: '主要负责人负总责，分管负责人审核案件，执法时不少于两名执法人员。',
  procedure: '立案—调查取证—告知—陈述申辩或听证—审核—决定—送达—执行—归档。',
  accountability: '违法或不当执法的，依照《行政机关公务员处分条例》等追究责任。',
  service_commitment: '一次性告知；群众举报两个工作日内到场核查；执法全过程记录。',
  party_rights: '当事人享有陈述、申辩和依法要求听证的权利；不服的，可依法申请行政复议或提起行政诉讼。',
  supervision: '接受镇人大代表和群众监督，可向镇纪委、镇人大主席团反映。',
};

const AFFAIRS: readonly (readonly [string, string])[] = [
  ['重大事项决策', '村内道路硬化工程经村“两委”提议、村民代表会议决议后实施，施工单位经公开比选确定。'],
  ['惠农补贴', '耕地地力保护补贴已通过“一卡通”发放到户，发放名册张榜公示七天，无异议。'],
  ['低保评议', '本期低保对象动态调整经村民代表评议、镇审核、县审批，结果已公示。'],
  ['集体资产', '集体鱼塘和林地承包合同续签，发包价格经村民代表会议讨论通过。'],
  ['工程项目', '村部维修工程完工验收，决算金额和验收意见一并公开。'],
  ['计划生育与救助', '本期临时救助对象、救助金额及审批程序予以公开。'],
];

const INCOME = [['上级补助收入', '村级组织运转经费'], ['发包及上交收入', '集体资源承包费'], ['经营收入', '村集体厂房租金'], ['其他收入', '存款利息']] as const;
const EXPENSE = [['管理费用', '村干部报酬及办公费'], ['公益支出', '道路维修、路灯电费'], ['其他支出', '环境卫生保洁'], ['经营支出', '厂房维修']] as const;

const COMPLAINT_CAUSES: Record<'complaint' | 'reconsideration' | 'lawsuit', readonly string[]> = {
  complaint: ['群众投诉执法人员检查时未出示执法证件', '群众反映违建拆除前未书面告知', '经营户投诉占道经营处罚标准不一'],
  reconsideration: ['当事人对责令限期拆除决定不服，申请行政复议', '当事人对罚款决定不服，申请行政复议'],
  lawsuit: ['当事人对行政强制拆除行为不服，向人民法院提起行政诉讼'],
};

const COMPLAINT_OUTCOMES: Record<'complaint' | 'reconsideration' | 'lawsuit', readonly string[]> = {
  complaint: ['经核查属实，对执法人员批评教育并向投诉人书面答复。', '经核查，执法程序合法，已向投诉人说明情况。'],
  reconsideration: ['复议机关决定维持原行政行为。', '复议机关确认程序瑕疵，责令重新作出决定。'],
  lawsuit: ['人民法院判决驳回原告诉讼请求。', '双方在法院主持下达成和解，原告撤诉。'],
};

const STUDY: readonly (readonly [string, string, readonly string[]])[] = [
  ['学习园地：代表建议怎样写得实', '提建议前先到选区走访，一事一议，写明问题、原因和可行办法；承办单位应在三个月内答复，情况复杂的不超过六个月。', ['代表建议', '代表法']],
  ['学习园地：乡镇人大主席团的职责', '闭会期间，主席团联系本级人大代表，组织代表开展活动，反映代表和群众对政府工作的建议、批评和意见。', ['主席团', '地方组织法']],
  ['学习园地：述职评议怎样开展', '代表向选民报告参加会议、提出建议、联系选民的情况，选民代表当场测评，结果在网站公开。', ['述职评议']],
];

const fen = (yuanMin: number, yuanMax: number, c: SyntheticContext): number => c.rng.int(yuanMin, yuanMax) * 100 + c.rng.int(0, 99);

/** 执法责任制 boards, 政务公开 and 校务公开. */
function addUnitDisclosure(c: SyntheticContext, rows: DisclosureRows, units: readonly UnitRef[]): void {
  const { rng, year, townshipId } = c;
  for (const u of units.filter((x) => x.has_enforcement_power)) {
    if (rng.chance(0.08)) continue; // this unit has not put its board up yet
    const text = BOARD_SCOPE[u.name] ?? { scope: `${u.name}职责范围内的行政执法事项。`, basis: '有关法律、法规和规章。', fee: '执法检查不收费。' };
    const first = formatDay(year - 1, rng.int(2, 5), rng.int(1, 28));
    const revised = rng.chance(0.3) ? formatDay(year, rng.int(2, 6), rng.int(1, 28)) : null;
    const versions = revised && compareDays(revised, c.asOf) <= 0 ? [first, revised] : [first];
    versions.forEach((published, i) => {
      const superseded = versions[i + 1] ?? null;
      const createdAt = c.at(published);
      rows.enforcement_boards.push({
        id: c.id(createdAt), township_id: townshipId, unit_id: u.id, version: i + 1, status: superseded ? 'superseded' : 'published', title: `${u.name}执法责任制公示`,
        scope: text.scope, basis: text.basis, ...BOARD_COMMON, fee_standards: i === 0 && superseded ? '执法检查不收费。' : text.fee, published_on: published, published_by: c.officeId,
        superseded_on: superseded, created_by: c.officeId, created_at: createdAt, updated_at: superseded ? c.at(superseded) : createdAt, archived_at: null,
      });
    });
  }
  const unitRow = (u: UnitRef, kind: 'government' | 'school', title: string, published: string, otherContent: string | null): void => {
    const createdAt = c.at(published);
    rows.unit_disclosures.push({
      id: c.id(createdAt), township_id: townshipId, unit_id: u.id, kind, title,
      procedures: kind === 'school' ? '新生入学实行划片招生、免试就近入学，招生范围、报名时间和所需材料提前公布。' : `到${u.name}办事实行首问负责、一次性告知和限时办结，办事指南在便民服务中心公开。`,
      fee_standards: kind === 'school' ? '义务教育阶段免收学杂费；代收费用按县定标准收取，学期末结算公示。' : '本单位办理事项不收费；法定代收费用按国家和省定标准执行。',
      other_content: otherContent, status: 'published', published_on: published, published_by: c.officeId, created_by: c.officeId, created_at: createdAt, updated_at: createdAt, archived_at: null,
    });
  };
  for (const u of units.filter((x) => !x.has_enforcement_power && x.type !== 'school' && x.type !== 'village_committee')) {
    for (const y of [year - 1, year]) {
      const published = formatDay(y, 3, rng.int(1, 31));
      if (compareDays(published, c.asOf) > 0 || rng.chance(0.1)) continue;
      unitRow(u, 'government', `${u.name}${y}年政务公开`, published, rng.chance(0.5) ? '年度工作目标和监督举报方式已在单位公开栏公示。' : null);
    }
  }
  for (const u of units.filter((x) => x.type === 'school')) {
    for (const [label, published] of [[`${year - 1}年秋季学期`, formatDay(year - 1, 9, rng.int(1, 10))], [`${year}年春季学期`, formatDay(year, 3, rng.int(1, 10))], [`${year}年秋季学期`, formatDay(year, 9, rng.int(1, 10))]] as const) {
      if (compareDays(published, c.asOf) > 0) continue;
      unitRow(u, 'school', `${u.name}${label}校务公开`, published, '本学期学校经费收支和食堂账目已在校务公开栏公布。');
    }
  }
}

/** 村务公开 and 财务公开 per quarter, with the carry-over from the latest published period. */
function addVillageDisclosure(c: SyntheticContext, rows: DisclosureRows, villages: readonly VillageRef[], graceDays: number): void {
  const { rng, townshipId } = c;
  for (const v of villages) {
    let opening = fen(5_000, 80_000, c);
    for (const [qi, p] of periodsOfYear('quarterly', c.year).entries()) {
      if (compareDays(p.end, c.asOf) >= 0) continue;
      // Mostly within the grace period, some late, a few not at all.
      const lateness = rng.weighted([['on_time', 88], ['late', 7], ['missing', 5]] as const);
      if (lateness === 'missing') continue;
      const publishedOn = lateness === 'on_time' ? addDays(p.end, rng.int(1, graceDays)) : addDays(disclosureDueDay(p.end, graceDays), rng.int(1, 20));
      if (compareDays(publishedOn, c.asOf) > 0) continue;
      const lines = [
        ...rng.sample(INCOME, rng.int(2, INCOME.length)).map(([category, description]) => ({ direction: 'income' as const, category, description, amount: fen(2_000, 30_000, c) })),
        ...rng.sample(EXPENSE, rng.int(2, EXPENSE.length)).map(([category, description]) => ({ direction: 'expense' as const, category, description, amount: fen(1_000, 25_000, c) })),
      ];
      // Now and then the village corrects a line after publishing: version 2 supersedes version 1.
      const corrected = rng.chance(0.04) ? addDays(publishedOn, rng.int(2, 15)) : null;
      const versions = corrected && compareDays(corrected, c.asOf) <= 0 ? [publishedOn, corrected] : [publishedOn];
      let closing = opening;
      versions.forEach((published, vi) => {
        const own = vi === 0 ? lines : lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount + rng.int(1, 500) * 100 } : l));
        const totals = financeTotals(own, opening);
        closing = totals.expectedClosing!;
        const superseded = versions[vi + 1] ?? null;
        const createdAt = c.at(published);
        const id = c.id(createdAt);
        rows.village_disclosures.push({
          id, township_id: townshipId, village_id: v.id, period_kind: 'quarterly', period_start: p.start, period_end: p.end, version: vi + 1,
          status: superseded ? 'superseded' : 'published', opening_balance: opening, closing_balance: closing, total_income: totals.income, total_expense: totals.expense,
          source_file_name: rng.chance(0.5) ? `${v.name}${c.year}年第${qi + 1}季度财务公开.xlsx` : null, published_on: published, published_by: c.officeId,
          superseded_on: superseded, created_by: c.officeId, created_at: createdAt, updated_at: superseded ? c.at(superseded) : createdAt,
        });
        rng.sample(AFFAIRS, 2).forEach(([title, content], i) => rows.village_disclosure_items.push({ id: c.id(createdAt), township_id: townshipId, disclosure_id: id, position: i + 1, title, content }));
        own.forEach((l, i) => rows.village_finance_lines.push({ id: c.id(createdAt), township_id: townshipId, disclosure_id: id, position: i + 1, ...l }));
      });
      opening = closing;
    }
  }
}

/** 投诉, 行政复议, 行政诉讼 of the year, and the model-village programmes with their entries. */
function addRuleOfLaw(c: SyntheticContext, rows: DisclosureRows, units: readonly UnitRef[], villages: readonly VillageRef[]): void {
  const { rng, year, townshipId } = c;
  const enforcing = units.filter((u) => u.has_enforcement_power);
  const count = rng.weighted([[0, 45], [1, 30], [2, 17], [3, 8]] as const);
  for (let i = 0; i < count && enforcing.length; i++) {
    const kind = rng.weighted([['complaint', 70], ['reconsideration', 20], ['lawsuit', 10]] as const);
    const received = formatDay(year, rng.int(1, 11), rng.int(1, 28));
    if (compareDays(received, c.asOf) > 0) continue;
    const concluded = addDays(received, kind === 'complaint' ? rng.int(3, 20) : kind === 'reconsideration' ? rng.int(30, 60) : rng.int(60, 180));
    const done = compareDays(concluded, c.asOf) <= 0;
    const createdAt = c.at(received);
    rows.administrative_complaints.push({
      id: c.id(createdAt), township_id: townshipId, unit_id: rng.pick(enforcing).id, kind, received_on: received, cause: rng.pick(COMPLAINT_CAUSES[kind]),
      outcome: done ? rng.pick(COMPLAINT_OUTCOMES[kind]) : null, concluded_on: done ? concluded : null, created_by: c.officeId, created_at: createdAt,
      updated_at: done ? c.at(concluded) : createdAt, archived_at: null,
    });
  }

  const createdAt = c.at(formatDay(year, 1, 5));
  const programmes = DEFAULT_PROGRAMMES.map((p, i) => ({
    id: c.id(createdAt), township_id: townshipId, name: p.name, criteria_json: JSON.stringify(p.criteria), position: i + 1, created_at: createdAt, updated_at: createdAt, archived_at: null,
  }));
  rows.model_programmes.push(...programmes);
  const entries = rng.int(0, Math.min(3, villages.length));
  rng.sample(villages, entries).forEach((v, i) => {
    const p = i === 0 ? programmes[0]! : rng.pick(programmes);
    const criteria = DEFAULT_PROGRAMMES[programmes.indexOf(p)]!.criteria;
    const applied = formatDay(year, rng.int(2, 4), rng.int(1, 28));
    if (compareDays(applied, c.asOf) > 0) return;
    const checked = formatDay(year, rng.int(9, 11), rng.int(1, 28));
    const status = compareDays(checked, c.asOf) > 0 ? 'building' : rng.weighted([['accepted', 55], ['building', 35], ['applied', 10]] as const);
    const met = status === 'accepted' ? criteria.length : status === 'building' ? rng.int(1, criteria.length - 1) : 0;
    const entryAt = c.at(applied);
    const updated = status === 'accepted' ? c.at(checked) : entryAt;
    const entryId = c.id(entryAt);
    rows.model_village_entries.push({
      id: entryId, township_id: townshipId, programme_id: p.id, village_id: v.id, year, status, accepted_on: status === 'accepted' ? checked : null,
      note: status === 'accepted' ? '县依法治县办组织验收，评定合格。' : status === 'building' ? '创建工作正在推进。' : null,
      created_by: c.officeId, created_at: entryAt, updated_at: updated,
    });
    criteria.forEach((name, k) => rows.model_village_criteria.push({
      id: c.id(entryAt), township_id: townshipId, entry_id: entryId, position: k + 1, name, is_met: k < met, evidence: k < met ? '镇创建工作组现场核查记录' : null,
      updated_by: k < met ? c.officeId : null, updated_at: updated,
    }));
  });
}

interface PortalSources {
  townshipName: string;
  session: { term_number: number; sitting_number: number; end_date: string; state: string } | undefined;
  suggestions: readonly { assigned_on: string | null }[];
  activities: readonly { title: string; held_on: string; kind: string; place: string }[];
}

/** The portal's 栏目 and a year of articles drawn from the township's records. */
function addPortal(c: SyntheticContext, rows: DisclosureRows, src: PortalSources & { villages: readonly VillageRef[] }): void {
  const { rng, year, townshipId } = c;
  const categoryAt = c.at(formatDay(year, 1, 2));
  const category = new Map(DEFAULT_CATEGORIES.map((cat, i) => {
    const id = c.id(categoryAt);
    rows.portal_categories.push({ id, township_id: townshipId, key: cat.key, name: cat.name, description: null, position: (i + 1) * 10, is_visible: true, created_at: categoryAt, updated_at: categoryAt });
    return [cat.key, id] as const;
  }));

  const drafts: { day: string; key: (typeof DEFAULT_CATEGORIES)[number]['key']; title: string; text: string; tags: string[]; status?: ArticleStatus }[] = [];
  const s = src.session;
  if (s && s.state === 'closed') {
    drafts.push({ day: s.end_date, key: 'news', title: `${src.townshipName}第${toChineseNumeral(s.term_number)}届人民代表大会第${toChineseNumeral(s.sitting_number)}次会议闭幕`, text: `会议审议通过了政府工作报告、主席团工作报告和财政预算的决议，代表们围绕民生问题提出了建议。`, tags: ['人代会'] });
  }
  const assigned = src.suggestions.map((x) => x.assigned_on).filter((d): d is string => d !== null).sort();
  if (assigned.length) {
    drafts.push({ day: assigned[0]!, key: 'suggestions', title: `代表建议交办会召开，${assigned.length}件建议交有关单位办理`, text: '主席团要求承办单位办理前联系代表、答复前听取代表意见，按期答复。', tags: ['代表建议', '建议办理'] });
  }
  const notable = src.activities.filter((a) => a.kind === 'inspection' || a.kind === 'research');
  for (const a of rng.sample(notable, Math.min(notable.length, rng.int(2, 6)))) {
    drafts.push({ day: a.held_on, key: 'news', title: a.title, text: `镇人大组织代表在${a.place}开展活动，代表们听取情况介绍，实地察看并提出意见建议。`, tags: [a.kind === 'inspection' ? '视察' : '调研', '履职活动'] });
  }
  for (const [title, text, tags] of rng.sample(STUDY, rng.int(1, STUDY.length))) {
    drafts.push({ day: formatDay(year, rng.int(2, 10), rng.int(1, 28)), key: 'study', title, text, tags: [...tags] });
  }
  drafts.push({ day: formatDay(year, rng.int(3, 5), rng.int(1, 28)), key: 'notices', title: '关于开展代表集中接待选民活动的通知', text: '各代表小组在代表联络站开展集中接待，意见当场登记，三日内报人大办。', tags: ['接待选民'] });
  drafts.push({ day: formatDay(year, rng.int(6, 8), rng.int(1, 28)), key: 'gov_affairs', title: `${src.townshipName}${year}年上半年财政预算执行情况`, text: '根据预算法的规定，公开本镇上半年一般公共预算收支执行情况。', tags: ['财政预算', '政务公开'] });
  const villageNews = rows.village_disclosures.filter((d) => d.status === 'published');
  if (villageNews.length) {
    const d = rng.pick(villageNews);
    const villageName = shortVillageName(src.villages.find((v) => v.id === d.village_id)?.name ?? '');
    drafts.push({ day: d.published_on!, key: 'village_affairs', title: `${villageName}${d.period_start.slice(0, 4)}年第${Math.floor(Number(d.period_start.slice(5, 7)) / 3) + 1}季度村务公开情况`, text: '村委会按季度公开村务和财务，群众有疑问的可向村务监督委员会反映。', tags: ['村务公开'] });
  }
  // One article waiting in the review queue and one draft, as in any office.
  drafts.push({ day: addDays(c.asOf, -rng.int(1, 5)), key: 'news', title: '镇人大召开建议办理工作座谈会', text: '主席团听取承办单位关于建议办理情况的汇报。', tags: ['建议办理'], status: 'submitted' });
  drafts.push({ day: addDays(c.asOf, -rng.int(0, 3)), key: 'work_summary', title: `${year}年镇人大主席团工作总结`, text: '（草稿，待完善）', tags: ['工作总结'], status: 'draft' });

  for (const d of drafts) {
    if (compareDays(d.day, c.asOf) > 0) continue;
    const status = d.status ?? 'published';
    const createdAt = c.at(d.day);
    const id = c.id(createdAt);
    const summary = d.text.slice(0, 100);
    rows.articles.push({
      id, township_id: townshipId, category_id: category.get(d.key)!, title: d.title, summary, body_html: `<p>${d.text}</p>`,
      search_text: articleSearchTextOf(d.title, summary, d.text, d.tags), status, source_kind: null, source_id: null,
      view_count: status === 'published' ? rng.int(10, 400) : 0, review_note: null, published_at: status === 'published' ? createdAt : null,
      submitted_at: status === 'draft' ? null : createdAt, published_by: status === 'published' ? c.officeId : null, created_by: c.officeId,
      created_at: createdAt, updated_at: createdAt, archived_at: null,
    });
    for (const tag of new Set(d.tags)) rows.article_tags.push({ township_id: townshipId, article_id: id, tag });
  }
}

export function addDisclosureAndPortal(c: SyntheticContext, rows: DisclosureRows, src: PortalSources & { units: readonly UnitRef[]; villages: readonly VillageRef[]; graceDays: number }): void {
  addUnitDisclosure(c, rows, src.units);
  addVillageDisclosure(c, rows, src.villages, src.graceDays);
  addRuleOfLaw(c, rows, src.units, src.villages);
  addPortal(c, rows, src);
}
