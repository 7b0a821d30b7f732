import type { Kysely } from 'kysely';
import type { Day } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import * as repo from './suggestions.repository.js';
import { isSuggestionOverdue, scopeOf } from './suggestions.service.js';
import { FEEDBACK_LABELS, GRADE_LABELS, IMPLEMENTATION_LABELS, KIND_LABELS, STATE_INFO, SUGGESTION_KINDS, SUGGESTION_STATES } from './suggestions.workflow.js';
import { loadExcelJS } from '../../lazy-libs.js';

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

/** The figures of one group of a year's suggestions (a kind, a category or a state). */
export interface GroupStats {
  key: string;
  label: string;
  /** Received (submitted, not withdrawn). */
  count: number;
  /** Handed to a unit (交办) at some point. */
  assigned: number;
  replied: number;
  closed: number;
  overdueNow: number;
}

function groupBy(rows: repo.SuggestionListRow[], keyOf: (s: repo.SuggestionListRow) => string, labelOf: (key: string) => string, order: readonly string[], today: Day): GroupStats[] {
  const groups = new Map<string, GroupStats>();
  for (const key of order) groups.set(key, { key, label: labelOf(key), count: 0, assigned: 0, replied: 0, closed: 0, overdueNow: 0 });
  for (const s of rows) {
    const key = keyOf(s);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label: labelOf(key), count: 0, assigned: 0, replied: 0, closed: 0, overdueNow: 0 }));
    g.count++;
    if (s.assigned_on) g.assigned++;
    if (s.replied_on) g.replied++;
    if (s.state === 'closed') g.closed++;
    if (isSuggestionOverdue(s, today)) g.overdueNow++;
  }
  return [...groups.values()];
}

/** A year's suggestions by kind (议案/建议/批评/意见), by category (分类, '' = not yet registered) and by state. */
export function groupStatistics(rows: repo.SuggestionListRow[], today: Day): { byKind: GroupStats[]; byCategory: GroupStats[]; byState: GroupStats[] } {
  const byCategory = groupBy(rows, (s) => s.category ?? '', (k) => k || '未分类', [], today)
    .sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : b.count - a.count || a.key.localeCompare(b.key, 'zh')));
  return {
    byKind: groupBy(rows, (s) => s.kind, (k) => KIND_LABELS[k as keyof typeof KIND_LABELS], SUGGESTION_KINDS, today),
    byCategory,
    byState: groupBy(rows, (s) => s.state, (k) => STATE_INFO[k as keyof typeof STATE_INFO].label, [], today)
      .sort((a, b) => SUGGESTION_STATES.indexOf(a.key as never) - SUGGESTION_STATES.indexOf(b.key as never)),
  };
}

/**
 * The statistics of a year's suggestions (by year of submission): per unit (assigned, replied,
 * replied on time, satisfaction, implementation, overdue now) with the township's totals, and
 * by kind, category and state.
 */
export async function suggestionStatistics(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, today: Day): Promise<{ units: UnitStats[]; total: UnitStats } & ReturnType<typeof groupStatistics>> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  const rows = await repo.listYear(db, townshipId, year);
  return { ...(await computeUnitStatistics(db, townshipId, year, today, rows)), ...groupStatistics(rows, today) };
}

/**
 * Per-unit statistics of a year's suggestions (by year of submission): assigned, replied,
 * replied on time, satisfaction, implementation, overdue now; plus the township's totals.
 */
export async function unitStatistics(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, today: Day): Promise<{ units: UnitStats[]; total: UnitStats }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  return computeUnitStatistics(db, townshipId, year, today);
}

async function computeUnitStatistics(db: Kysely<DB>, townshipId: string, year: number, today: Day, yearRows?: repo.SuggestionListRow[]): Promise<{ units: UnitStats[]; total: UnitStats }> {
  const [suggestions, links, replies] = await Promise.all([
    yearRows ?? repo.listYear(db, townshipId, year), repo.listYearUnitLinks(db, townshipId, year), repo.listYearReplies(db, townshipId, year),
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

/** Runs a query over ids in chunks: both databases cap the number of bound parameters. */
async function inChunks<T>(ids: string[], run: (chunk: string[]) => Promise<T[]>, size = 5000): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}

/** At most this many rows in one export (a township has hundreds a year; a county thousands). */
export const EXPORT_MAX_ROWS = 50_000;

/**
 * The suggestions of a filtered list as an .xlsx for the office (建议办理情况汇总表): the same
 * filters and the same scope as the list, every matching row (not one page).
 */
export async function exportSuggestions(db: Kysely<DB>, actor: Actor, townshipId: string, filter: repo.SuggestionFilter, today: Day): Promise<Buffer> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.read');
  const scope = await scopeOf(db, actor);
  const { rows: listed } = await repo.listSuggestions(db, townshipId, scope, { ...filter, limit: EXPORT_MAX_ROWS, offset: 0 });
  // Oldest first, as in the register; drafts are nobody's business but their author's.
  const rows = listed.filter((s) => s.state !== 'draft').reverse();
  const ids = rows.map((r) => r.id);
  const [signers, links, replies] = await Promise.all([inChunks(ids, (c) => repo.listSigners(db, c)), inChunks(ids, (c) => repo.listUnitLinksOf(db, c)), inChunks(ids, (c) => repo.listRepliesOf(db, c))]);
  const wb = new (await loadExcelJS()).Workbook();
  const ws = wb.addWorksheet(filter.year ? `${filter.year}年建议办理` : '建议办理');
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
