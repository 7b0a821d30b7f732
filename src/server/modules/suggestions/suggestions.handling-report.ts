import type { Kysely } from 'kysely';
import type { Day } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { buildOfficialDocument, type Block } from '../../documents/official-docx.js';
import { notFound } from '../../errors.js';
import { findTownship } from '../townships/townships.repository.js';
import * as repo from './suggestions.repository.js';
import { groupStatistics, unitStatistics } from './suggestions.reports.js';
import { isSuggestionOverdue } from './suggestions.service.js';
import { FEEDBACK_LABELS, GRADE_LABELS, GRADES, KIND_LABELS, STATE_INFO, SUGGESTION_KINDS } from './suggestions.workflow.js';

/** The figures of the handling report (办理情况报告), computed once and printed in the text. */
export interface HandlingFigures {
  year: number;
  received: number;
  byKind: Record<(typeof SUGGESTION_KINDS)[number], number>;
  registered: number;
  returned: number;
  awaitingRegistration: number;
  assigned: number;
  unitCount: number;
  replied: number;
  repliedOnTime: number;
  grades: Record<(typeof GRADES)[number], number>;
  feedback: Record<keyof typeof FEEDBACK_LABELS, number>;
  withFeedback: number;
  implemented: number;
  reHandled: number;
  overdueNow: number;
  closed: number;
}

const pct = (n: number, d: number) => (d > 0 ? `${(Math.round((n / d) * 1000) / 10).toFixed(1)}%` : '—');

/** The handling figures of a township's year (by year of submission). */
export function handlingFigures(year: number, rows: repo.SuggestionListRow[], links: repo.UnitLinkView[], replies: { suggestion_id: string; round: number; is_on_time: boolean }[], today: Day): HandlingFigures {
  const count = (pred: (s: repo.SuggestionListRow) => boolean) => rows.filter(pred).length;
  const repliedIds = new Set(replies.map((r) => r.suggestion_id));
  return {
    year,
    received: rows.length,
    byKind: Object.fromEntries(SUGGESTION_KINDS.map((k) => [k, count((s) => s.kind === k)])) as HandlingFigures['byKind'],
    registered: count((s) => s.registered_at !== null),
    returned: count((s) => s.state === 'returned'),
    awaitingRegistration: count((s) => s.state === 'submitted'),
    assigned: count((s) => s.assigned_on !== null),
    unitCount: new Set(links.map((l) => l.unit_id)).size,
    replied: count((s) => repliedIds.has(s.id)),
    repliedOnTime: replies.filter((r) => r.round === 1 && r.is_on_time).length,
    grades: Object.fromEntries(GRADES.map((g) => [g, count((s) => s.grade === g)])) as HandlingFigures['grades'],
    feedback: { satisfied: count((s) => s.feedback === 'satisfied'), basically_satisfied: count((s) => s.feedback === 'basically_satisfied'), dissatisfied: count((s) => s.feedback === 'dissatisfied') },
    withFeedback: count((s) => s.feedback !== null),
    implemented: count((s) => s.implementation === 'implemented'),
    reHandled: count((s) => s.round > 1),
    overdueNow: count((s) => isSuggestionOverdue(s, today)),
    closed: count((s) => s.state === 'closed'),
  };
}

/** The text of the report: sections with the figures, a table per unit, the list of results. */
export function handlingReportBlocks(f: HandlingFigures, today: Day, units: Awaited<ReturnType<typeof unitStatistics>>['units'], rows: repo.SuggestionListRow[], byCategory: ReturnType<typeof groupStatistics>['byCategory']): Block[] {
  const y = f.year;
  const kinds = SUGGESTION_KINDS.map((k) => `${KIND_LABELS[k]}${f.byKind[k]}件`).join('、');
  const satisfied = f.feedback.satisfied + f.feedback.basically_satisfied;
  const [ty, tm, td] = today.split('-').map(Number);
  const asOf = `${ty}年${tm}月${td}日`;
  const blocks: Block[] = [
    { type: 'paragraph', text: `根据《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第五十二条的规定，现将${y}年代表建议、批评和意见的办理情况报告如下。` },
    { type: 'heading1', text: '基本情况' },
    { type: 'paragraph', text: `${y}年，本镇人大代表共提出议案、建议、批评和意见${f.received}件，其中${kinds}。经审查，立案${f.registered}件，退回${f.returned}件，待立案${f.awaitingRegistration}件。` },
    { type: 'paragraph', text: `立案后交由${f.unitCount}个承办单位办理，共交办${f.assigned}件。${byCategory.filter((c) => c.key).length ? `按内容分：${byCategory.filter((c) => c.key).map((c) => `${c.label}${c.count}件`).join('，')}。` : ''}` },
    { type: 'heading1', text: '办理情况' },
    { type: 'heading2', text: '答复情况' },
    { type: 'paragraph', text: `截至${asOf}，已答复${f.replied}件，其中按期答复${f.repliedOnTime}件，按期答复率${pct(f.repliedOnTime, f.replied + f.overdueNow)}；逾期未答复${f.overdueNow}件，已列入督办。已办结${f.closed}件。` },
    { type: 'heading2', text: '办理结果' },
    { type: 'paragraph', text: `${GRADES.map((g) => `${g}类（${GRADE_LABELS[g]}）${f.grades[g]}件`).join('，')}。已落实${f.implemented}件。` },
    { type: 'heading2', text: '代表满意情况' },
    { type: 'paragraph', text: `代表对答复的意见：满意${f.feedback.satisfied}件，基本满意${f.feedback.basically_satisfied}件，不满意${f.feedback.dissatisfied}件，满意率${pct(satisfied, f.withFeedback)}。因代表不满意重新办理${f.reHandled}件。` },
    { type: 'heading1', text: '各承办单位办理情况' },
  ];
  if (units.length) {
    blocks.push({
      type: 'table', fontSizePt: 10.5,
      columns: [
        { header: '承办单位', width: 5, align: 'left' }, { header: '主办', width: 2 }, { header: '协办', width: 2 }, { header: '已答复', width: 2.4 },
        { header: '按期答复', width: 2.8 }, { header: '逾期未复', width: 2.8 }, { header: '满意率', width: 2.8 }, { header: 'A/B/C/D', width: 3.4 },
      ],
      rows: units.map((u) => [
        u.unitName, String(u.assigned), String(u.coAssigned), String(u.replied), String(u.repliedOnTime), String(u.overdueNow),
        pct(u.satisfied, u.withFeedback), `${u.grades.A}/${u.grades.B}/${u.grades.C}/${u.grades.D}`,
      ]),
    });
  } else {
    blocks.push({ type: 'paragraph', text: '本年度尚无交办的建议。' });
  }
  blocks.push({ type: 'heading1', text: '代表建议办理结果一览' });
  const listed = rows.filter((s) => s.registered_at !== null);
  if (listed.length) {
    blocks.push({
      type: 'table', fontSizePt: 10.5,
      columns: [
        { header: '编号', width: 2.4 }, { header: '标题', width: 7, align: 'left' }, { header: '领衔代表', width: 2.4 }, { header: '主办单位', width: 3.6, align: 'left' },
        { header: '办理结果', width: 2.6 }, { header: '代表意见', width: 2.4 }, { header: '状态', width: 2.8 },
      ],
      rows: listed.map((s) => [
        s.ref_no ?? '', s.title, s.author_name, s.lead_unit_name ?? '', s.grade ? `${s.grade}类` : '', s.feedback ? FEEDBACK_LABELS[s.feedback] : '',
        `${STATE_INFO[s.state].label}${isSuggestionOverdue(s, today) ? '（逾期）' : ''}`,
      ]),
    });
  } else {
    blocks.push({ type: 'paragraph', text: '本年度尚无立案的建议。' });
  }
  blocks.push(
    { type: 'heading1', text: '下一步工作' },
    { type: 'paragraph', text: `对逾期未答复和代表不满意的建议，主席团将继续督办，督促承办单位与代表沟通、按期答复；对列入计划解决和条件具备时解决的建议，跟踪落实进展，落实情况向代表反馈并向社会公开。` },
  );
  return blocks;
}

/**
 * 办理情况报告 (代表法 第52条): the year's handling of deputies' suggestions as a GB/T 9704
 * .docx: the figures (received by kind, registered, assigned, replied, on time, grades,
 * satisfaction, implemented, re-handled, overdue), a table per unit and the list of results.
 */
export async function handlingReport(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, today: Day): Promise<{ buffer: Buffer; figures: HandlingFigures; fileName: string }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  const township = await findTownship(db, townshipId);
  if (!township) throw notFound('township');
  const [rows, links, replies, stats] = await Promise.all([
    repo.listYear(db, townshipId, year), repo.listYearUnitLinks(db, townshipId, year), repo.listYearReplies(db, townshipId, year),
    unitStatistics(db, actor, townshipId, year, today),
  ]);
  const figures = handlingFigures(year, rows, links, replies, today);
  const title = `关于${year}年代表建议、批评和意见办理情况的报告`;
  const buffer = await buildOfficialDocument({
    title, blocks: handlingReportBlocks(figures, today, stats.units, rows, groupStatistics(rows, today).byCategory),
    signature: `${township.name}人大主席团`, date: today,
  });
  return { buffer, figures, fileName: `${title}.docx` };
}
