import { clockAt } from '../clock.js';
import type { Kysely } from 'kysely';
import { disclosureDueDay, financeTotals, periodsOfYear } from '../../domain/disclosure.js';
import { addDays, compareDays, todayInShanghai } from '../../domain/due-dates.js';
import type { DB } from '../db/schema.js';
import { newId } from '../ids.js';
import { addCheck } from '../modules/disclosure/boards.service.js';
import * as repo from '../modules/disclosure/disclosure.repository.js';
import { ensureProgrammes, programmeCriteria } from '../modules/rule-of-law/rule-of-law.service.js';
import * as rol from '../modules/rule-of-law/rule-of-law.repository.js';
import { listUnits, listVillages } from '../modules/townships/townships.repository.js';
import { demoActor, demoPhotoPng, demoUpload } from './demo-files.js';

/**
 * Demo records of rule of law and disclosure for 示例镇: enforcement boards for the units
 * holding enforcement power (水利站 still lacks one), the other units' and the schools'
 * disclosures, every village's quarterly affairs and finance disclosures for 2025 and 2026 (北坡村
 * has not published the third quarter of 2026: overdue), model villages (one in 2025, two in 2026), and two complaints
 * in 2025 with their outcomes (none in 2026, as in the reference summary). When the app's data
 * folder is given (`dataDir`), 村镇建设办公室's handler adds the photo check of its board on the
 * wall through the boards service (the file stored like an upload).
 */
function at(day: string): string {
  return new Date(`${day}T09:30:00+08:00`).toISOString();
}

const BOARD_TEXT: Record<string, { scope: string; basis: string; fee: string }> = {
  村镇建设办公室: { scope: '本镇行政区域内村庄规划许可、乡村建设规划许可的受理审核，农村住房建设质量安全巡查。', basis: '《中华人民共和国城乡规划法》《村庄和集镇规划建设管理条例》及省实施办法。', fee: '乡村建设规划许可不收取任何费用。' },
  综合行政执法队: { scope: '依法集中行使的市容环境卫生、违法建设、占道经营等方面的行政处罚权及相应的行政强制措施。', basis: '《中华人民共和国行政处罚法》《中华人民共和国行政强制法》《城市市容和环境卫生管理条例》及县政府赋权事项目录。', fee: '执法检查不收费；罚没款一律使用省财政统一票据，全额上缴国库。' },
  自然资源所: { scope: '本镇土地、矿产资源开发利用和保护的监督检查，违法用地的巡查、制止和报告。', basis: '《中华人民共和国土地管理法》《中华人民共和国矿产资源法》及其实施条例。', fee: '土地登记代办不收费；法定收费按国家和省定标准执行并公示收费依据。' },
  市场监督管理所: { scope: '辖区内市场主体登记注册初审、食品药品安全、产品质量、价格及计量的监督检查。', basis: '《中华人民共和国食品安全法》《中华人民共和国产品质量法》《中华人民共和国价格法》等。', fee: '个体工商户登记、年报不收费。' },
  林业站: { scope: '林木采伐、森林防火、野生动植物保护和林业有害生物防治的监督检查。', basis: '《中华人民共和国森林法》《中华人民共和国野生动物保护法》《森林防火条例》。', fee: '林木采伐许可证申办不收费。' },
};

const COMMON_BOARD = {
  responsibility: '对职责范围内的行政执法行为的合法性、适当性负责；执法人员持证上岗、亮证执法，严禁越权执法、选择性执法。',
  division_of_work: '单位负责人对本单位执法工作负总责；分管负责人负责案件审核；执法人员不少于二人，按片区分工、交叉复核。',
  procedure: '受理（立案）—调查取证—告知当事人拟作出决定的事实、理由和依据—听取陈述申辩（依法组织听证）—审核决定—送达—执行—立卷归档。',
  accountability: '执法人员滥用职权、玩忽职守、徇私舞弊的，依照《行政机关公务员处分条例》等规定追究责任；构成犯罪的，依法追究刑事责任。',
  service_commitment: '一次性告知办事要求；符合条件的当场受理；群众举报2个工作日内到场核查；执法过程全程记录。',
  party_rights: '当事人依法享有知情权、陈述权、申辩权，符合条件的有权要求听证；对决定不服的，可在60日内申请行政复议或在6个月内提起行政诉讼。',
  supervision: '接受镇人大代表和社会各界监督；监督电话：0999-00000000（示例）；也可向镇纪委、镇人大主席团反映。',
};

const GOV_UNITS = ['经济发展办公室', '社会事务办公室', '财政所', '农业综合服务中心', '卫生院', '文化站'];

const AFFAIRS: [string, string][] = [
  ['村级重大事项决策', '经村“两委”提议、村民代表会议讨论决定，实施村内道路硬化工程，工程按程序公开比选施工单位。'],
  ['惠农补贴发放', '本期耕地地力保护补贴已通过“一卡通”发放到户，发放名册在村务公开栏张贴公示7天，无异议。'],
  ['低保及救助', '本期低保动态调整经村民代表评议、镇审核、县审批，评议结果在村务公开栏公示。'],
  ['集体资产资源', '村集体鱼塘、林地发包合同续签情况，发包价格经村民代表会议讨论通过。'],
];

/** A village's lines for one quarter: deterministic amounts (fen) that differ by village and quarter. */
function quarterLines(villageIndex: number, quarterIndex: number): repo.LineRow[] {
  const k = (villageIndex + 3) * (quarterIndex + 5);
  const lines: [('income' | 'expense'), string, string, number][] = [
    ['income', '上级补助收入', '村级组织运转经费', 1_500_000 + (k % 7) * 50_000],
    ['income', '发包及上交收入', '鱼塘、林地承包费', 380_000 + (k % 11) * 12_500],
    ['income', '其他收入', '存款利息', 1_200 + (k % 5) * 37],
    ['expense', '管理费用', '村干部报酬、办公费', 1_260_000 + (k % 5) * 40_000],
    ['expense', '公益支出', '村内道路维修、路灯电费', 210_000 + (k % 9) * 15_300],
    ['expense', '其他支出', '环境卫生保洁', 96_000 + (k % 4) * 8_800],
  ];
  return lines.map(([direction, category, description, amount], i) => ({
    id: newId(), township_id: '', disclosure_id: '', position: i + 1, direction, category, description, amount,
  }));
}

export async function loadDemoDisclosure(db: Kysely<DB>, townshipId: string, options: { dataDir?: string } = {}): Promise<void> {
  const [units, villages] = await Promise.all([listUnits(db, townshipId, false), listVillages(db, townshipId, false)]);
  const unit = (name: string) => units.find((u) => u.name === name)!;
  const village = (name: string) => villages.find((v) => v.name === name)!;
  const today = todayInShanghai();

  // ---- enforcement boards ----
  for (const [name, text] of Object.entries(BOARD_TEXT)) {
    const u = unit(name);
    const versions = name === '综合行政执法队'
      ? [{ published: '2025-03-10', superseded: '2026-03-16', fee: '执法检查不收费；罚款使用省财政统一票据。' }, { published: '2026-03-16', superseded: null, fee: text.fee }]
      : [{ published: '2025-03-10', superseded: null, fee: text.fee }];
    for (const [i, v] of versions.entries()) {
      const row: repo.BoardRow = {
        id: newId(), township_id: townshipId, unit_id: u.id, version: i + 1, status: v.superseded ? 'superseded' : 'published', title: `${name}执法责任制公示`,
        scope: text.scope, basis: text.basis, ...COMMON_BOARD, fee_standards: v.fee, published_on: v.published, published_by: null,
        superseded_on: v.superseded, created_by: 'demo', created_at: at(v.published), updated_at: at(v.superseded ?? v.published), archived_at: null,
      };
      await repo.insertBoard(db, row);
      // The unit's handler photographs the board on its 公示栏 a few days after it is published.
      const checkedOn = addDays(v.published, 4);
      if (options.dataDir && name === '村镇建设办公室' && !v.superseded && compareDays(checkedOn, today) <= 0) {
        const handler = await demoActor(db, 'unit', townshipId);
        if (handler?.unitId === u.id) {
          const photo = await demoUpload('公示栏照片.png', demoPhotoPng(), ['jpg', 'png']);
          await addCheck(db, handler, options.dataDir, row.id, { checkedOn, note: '公示栏位于单位办公楼一楼大厅，内容与公布版本一致。' }, photo, clockAt(checkedOn, '03:20:00'));
        }
      }
    }
  }

  // ---- government and school affairs ----
  for (const name of GOV_UNITS) {
    const u = unit(name);
    for (const [year, published] of [[2025, '2025-03-20'], [2026, '2026-03-18']] as const) {
      await repo.insertUnitDisclosure(db, {
        id: newId(), township_id: townshipId, unit_id: u.id, kind: 'government', title: `${name}${year}年政务公开`,
        procedures: `群众到${name}窗口办理事项，实行首问负责、一次性告知和限时办结制度；办事指南在镇便民服务中心和本站公开。`,
        fee_standards: '本单位办理的事项均不收取费用；代收的法定费用按国家和省定标准执行，收费依据张贴公示。',
        other_content: year === 2026 ? '本年度工作目标、办事纪律和监督举报方式已在单位公开栏公示。' : null,
        status: 'published', published_on: published, published_by: null, created_by: 'demo', created_at: at(published), updated_at: at(published), archived_at: null,
      });
    }
  }
  for (const u of units.filter((x) => x.type === 'school')) {
    for (const [term, published] of [['2025年秋季学期', '2025-09-05'], ['2026年春季学期', '2026-03-02'], ['2026年秋季学期', '2026-09-04']] as const) {
      await repo.insertUnitDisclosure(db, {
        id: newId(), township_id: townshipId, unit_id: u.id, kind: 'school', title: `${u.name}${term}校务公开`,
        procedures: '新生入学按“划片招生、免试就近入学”办理：公布招生范围、报名时间和所需材料，学位安排结果张榜公布。',
        fee_standards: '义务教育阶段免收学杂费、免费提供教科书；作业本费、午餐费等代收费用按县定标准收取，学期末结算公示。',
        other_content: '本学期学校经费收支、食堂账目及营养改善计划资金使用情况已在校务公开栏公布。',
        status: 'published', published_on: published, published_by: null, created_by: 'demo', created_at: at(published), updated_at: at(published), archived_at: null,
      });
    }
  }

  // ---- village affairs and finance, quarterly; 北坡村 has not published 2026 Q3 ----
  for (const [vi, v] of villages.entries()) {
    let opening = 2_000_000 + vi * 137_500;
    let qi = 0;
    for (const year of [2025, 2026]) {
      for (const p of periodsOfYear('quarterly', year)) {
        qi++;
        if (compareDays(today, p.end) <= 0) continue;
        if (v.name === '北坡村委会' && p.start === '2026-07-01') continue;
        const publishedOn = addDays(p.end, 3 + (vi % 6));
        if (compareDays(publishedOn, today) > 0 || compareDays(publishedOn, disclosureDueDay(p.end, 10)) > 0) continue;
        const lines = quarterLines(vi, qi);
        const totals = financeTotals(lines, opening);
        const id = newId();
        await repo.insertVillageDisclosure(db, {
          id, township_id: townshipId, village_id: v.id, period_kind: 'quarterly', period_start: p.start, period_end: p.end, version: 1, status: 'published',
          opening_balance: opening, closing_balance: totals.expectedClosing, total_income: totals.income, total_expense: totals.expense, source_file_name: null,
          published_on: publishedOn, published_by: null, superseded_on: null, created_by: 'demo', created_at: at(publishedOn), updated_at: at(publishedOn),
        });
        const items = [AFFAIRS[qi % AFFAIRS.length]!, AFFAIRS[(qi + 1) % AFFAIRS.length]!].map(([title, content], i) => ({
          id: newId(), township_id: townshipId, disclosure_id: id, position: i + 1, title, content,
        }));
        await repo.replaceContent(db, id, items, lines.map((l) => ({ ...l, township_id: townshipId, disclosure_id: id })));
        opening = totals.expectedClosing!;
      }
    }
  }

  // ---- model villages ----
  const programmes = await ensureProgrammes(db, townshipId);
  const rule = programmes.find((p) => p.name === '民主法治示范村')!;
  const eco = programmes.find((p) => p.name === '生态文明村')!;
  const EVIDENCE: Record<string, string> = {
    村民自治机制健全: '村民自治章程、村民代表会议记录（2026年共6次）',
    民主决策制度落实: '“四议两公开”会议记录及公示照片',
    村财务账目清楚: '镇农经站2026年村级财务审计报告：无问题',
    '村务公开和财务公开（两公开）规范': '2026年1-3季度村务、财务公开均按期公布',
    村规民约上墙公示: '修订后的村规民约经村民会议通过并在村部上墙',
    法治宣传教育经常开展: '“法律明白人”培训签到表、普法讲座照片',
    矛盾纠纷及时调解化解: '人民调解登记簿：调解纠纷14件，调解成功14件',
  };
  // 2025: 南湾村 accepted as a 民主法治示范村 (so the 2025 summary has its model village);
  // 2026: 东山村 accepted, 西河村 building a 生态文明村.
  for (const [p, vName, status, metCount, year] of [
    [rule, '南湾村委会', 'accepted', 99, 2025], [rule, '东山村委会', 'accepted', 99, 2026], [eco, '西河村委会', 'building', 3, 2026],
  ] as const) {
    const entryId = newId();
    const checked = `${year}-11-10`;
    const criteria = programmeCriteria(p).map((name, i) => ({
      id: newId(), township_id: townshipId, entry_id: entryId, position: i + 1, name, is_met: i < metCount,
      evidence: i < metCount ? (year === 2026 ? (EVIDENCE[name] ?? '镇创建工作组现场核查记录') : `${year}年镇创建工作组现场核查记录`) : null, updated_by: null, updated_at: at(checked),
    }));
    await rol.insertEntry(db, {
      id: entryId, township_id: townshipId, programme_id: p.id, village_id: village(vName).id, year, status, accepted_on: status === 'accepted' ? checked : null,
      note: status === 'accepted' ? '县依法治县办组织验收，评定为县级民主法治示范村。' : '已完成村庄规划编制，垃圾分类收运体系正在建设。',
      created_by: 'demo', created_at: at(`${year}-03-05`), updated_at: at(checked),
    }, criteria);
  }

  // ---- complaints: two in 2025, none in 2026 ----
  for (const c of [
    { unit: '市场监督管理所', kind: 'complaint' as const, received: '2025-05-12', cause: '群众投诉执法人员检查农贸市场时未出示执法证件', outcome: '经核查属实，对相关执法人员批评教育，向投诉人当面致歉并书面答复。', concluded: '2025-05-20' },
    { unit: '自然资源所', kind: 'reconsideration' as const, received: '2025-08-03', cause: '当事人对责令停止违法占地的决定不服，向县人民政府申请行政复议', outcome: '县人民政府复议决定维持原行政行为。', concluded: '2025-10-08' },
  ]) {
    await rol.insertComplaint(db, {
      id: newId(), township_id: townshipId, unit_id: unit(c.unit).id, kind: c.kind, received_on: c.received, cause: c.cause, outcome: c.outcome,
      concluded_on: c.concluded, created_by: 'demo', created_at: at(c.received), updated_at: at(c.concluded), archived_at: null,
    });
  }
}
