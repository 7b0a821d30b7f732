import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Day } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import * as repo from './suggestions.repository.js';
import { isSuggestionOverdue } from './suggestions.service.js';
import { FEEDBACK_LABELS, GRADE_LABELS, IMPLEMENTATION_LABELS, KIND_LABELS, STATE_INFO } from './suggestions.workflow.js';

/** One unit's handling figures for a year (办理情况统计). */
export interface UnitStats {
  unitId: string;
  unitName: string;
  /** As lead unit (主办). */
  assigned: number;
  /** As co-unit (协办). */
  coAssigned: number;
  replied: number;
  /** First replies given by the due day. */
  repliedOnTime: number;
  /** Items past due and not yet replied to in their current round. */
  overdueNow: number;
  /** repliedOnTime / (replied + unreplied overdue), null when nothing was due yet. */
  onTimeRate: number | null;
  withFeedback: number;
  /** 满意 + 基本满意 (the latest answer). */
  satisfied: number;
  satisfactionRate: number | null;
  grades: Record<'A' | 'B' | 'C' | 'D', number>;
  /** Grades A, B, C: promises to keep; implemented counts A and kept B/C. */
  promised: number;
  implemented: number;
  implementationRate: number | null;
}

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

function emptyStats(unitId: string, unitName: string): UnitStats {
  return {
    unitId, unitName, assigned: 0, coAssigned: 0, replied: 0, repliedOnTime: 0, overdueNow: 0, onTimeRate: null, withFeedback: 0, satisfied: 0,
    satisfactionRate: null, grades: { A: 0, B: 0, C: 0, D: 0 }, promised: 0, implemented: 0, implementationRate: null,
  };
}

function finish(s: UnitStats): UnitStats {
  const overdueUnreplied = s.overdueNow;
  return {
    ...s,
    onTimeRate: rate(s.repliedOnTime, s.replied + overdueUnreplied),
    satisfactionRate: rate(s.satisfied, s.withFeedback),
    implementationRate: rate(s.implemented, s.promised),
  };
}

/**
 * Per-unit statistics of a year's suggestions (by year of submission): assigned, replied,
 * replied on time, satisfaction, implementation, overdue now; plus the township's totals.
 */
export async function unitStatistics(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, today: Day): Promise<{ units: UnitStats[]; total: UnitStats }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  const [suggestions, links, replies] = await Promise.all([
    repo.listYear(db, townshipId, year), repo.listYearUnitLinks(db, townshipId, year), repo.listYearReplies(db, townshipId, year),
  ]);
  const byUnit = new Map<string, UnitStats>();
  const total = emptyStats('', '合计');
  const statsOf = (unitId: string, name: string) => {
    let s = byUnit.get(unitId);
    if (!s) byUnit.set(unitId, (s = emptyStats(unitId, name)));
    return s;
  };
  const suggestionById = new Map(suggestions.map((s) => [s.id, s]));
  for (const l of links) {
    const s = suggestionById.get(l.suggestion_id);
    if (!s) continue;
    const u = statsOf(l.unit_id, l.unit_name);
    if (l.role === 'co') {
      u.coAssigned++;
      continue;
    }
    const mine = replies.filter((r) => r.suggestion_id === s.id && r.unit_id === l.unit_id);
    const first = mine.find((r) => r.round === 1) ?? mine[0];
    const overdue = isSuggestionOverdue(s, today);
    for (const target of [u, total]) {
      target.assigned++;
      if (mine.length) target.replied++;
      if (first?.is_on_time) target.repliedOnTime++;
      if (overdue) target.overdueNow++;
      if (s.feedback) target.withFeedback++;
      if (s.feedback === 'satisfied' || s.feedback === 'basically_satisfied') target.satisfied++;
      if (s.grade) target.grades[s.grade]++;
      if (s.grade && s.grade !== 'D') target.promised++;
      if (s.grade && s.grade !== 'D' && s.implementation === 'implemented') target.implemented++;
    }
  }
  total.coAssigned = links.filter((l) => l.role === 'co' && suggestionById.has(l.suggestion_id)).length;
  const units = [...byUnit.values()].map(finish).sort((a, b) => b.assigned - a.assigned || a.unitName.localeCompare(b.unitName, 'zh'));
  return { units, total: finish(total) };
}

const COLUMNS: { header: string; width: number }[] = [
  { header: '编号', width: 10 }, { header: '类型', width: 6 }, { header: '标题', width: 36 }, { header: '领衔代表', width: 10 },
  { header: '联名代表', width: 24 }, { header: '分类', width: 10 }, { header: '提出方式', width: 10 }, { header: '状态', width: 12 },
  { header: '主办单位', width: 18 }, { header: '协办单位', width: 24 }, { header: '交办日期', width: 12 }, { header: '答复期限', width: 12 },
  { header: '答复日期', width: 12 }, { header: '按期答复', width: 8 }, { header: '办理结果', width: 20 }, { header: '代表反馈', width: 10 },
  { header: '落实情况', width: 10 }, { header: '是否逾期', width: 8 }, { header: '同意公开', width: 8 },
];

/** The year's suggestions as an .xlsx for the office (建议办理情况汇总表). */
export async function exportYear(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, today: Day): Promise<Buffer> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  const rows = await repo.listYear(db, townshipId, year);
  const ids = rows.map((r) => r.id);
  const [signers, links, replies] = await Promise.all([repo.listSigners(db, ids), repo.listYearUnitLinks(db, townshipId, year), repo.listYearReplies(db, townshipId, year)]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年建议办理`);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const s of rows) {
    const firstReply = replies.find((r) => r.suggestion_id === s.id && r.round === 1);
    ws.addRow([
      s.ref_no ?? '', KIND_LABELS[s.kind], s.title, s.author_name,
      signers.filter((x) => x.suggestion_id === s.id && !x.is_author).map((x) => `${x.deputy_name}${x.confirmed_at ? '' : '（未确认）'}`).join('、'),
      s.category ?? '', s.raised_at === 'session' ? '大会期间' : '闭会期间', STATE_INFO[s.state].label, s.lead_unit_name ?? '',
      links.filter((l) => l.suggestion_id === s.id && l.role === 'co').map((l) => l.unit_name).join('、'),
      s.assigned_on ?? '', s.reply_due_on ?? '', s.replied_on ?? '', firstReply ? (firstReply.is_on_time ? '是' : '否') : '',
      s.grade ? `${s.grade}类（${GRADE_LABELS[s.grade]}）` : '', s.feedback ? FEEDBACK_LABELS[s.feedback] : '', IMPLEMENTATION_LABELS[s.implementation],
      isSuggestionOverdue(s, today) ? '是' : '', s.is_public ? '是' : '否',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
