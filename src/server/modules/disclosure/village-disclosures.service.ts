import type { Kysely } from 'kysely';
import {
  disclosureDueDay, financeTotals, hasPeriodEnded, isDisclosureOverdue, isPeriodStart, periodContaining, periodLabel, periodLabelEn, periodsOfYear,
  type DisclosurePeriodKind,
} from '../../../domain/disclosure.js';
import { compareDays, isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { findTownship, type VillageRow } from '../townships/townships.repository.js';
import { parseSettings, type TownshipSettings } from '../townships/townships.service.js';
import { canMaintainVillage, loadVillageFor } from './disclosure.access.js';
import * as repo from './disclosure.repository.js';
import { buildFinanceTemplate, readFinanceWorkbook } from './finance.sheet.js';

/**
 * 村务公开 and 财务公开 (村民委员会组织法 第30条): per village and per period (the township's
 * setting, quarterly or monthly), the affairs items and the income/expense table. A draft is
 * entered in the app or imported from the .xlsx template; totals are checked; publishing makes
 * it public and immutable. A correction is a new version of the same period, which supersedes
 * the published one when it is published: the portal keeps the history.
 */
export async function disclosureSettings(db: Kysely<DB>, townshipId: string): Promise<Pick<TownshipSettings, 'villageDisclosurePeriod' | 'villageDisclosureGraceDays'>> {
  const t = await findTownship(db, townshipId);
  const s = parseSettings(t?.settings_json ?? '{}');
  return { villageDisclosurePeriod: s.villageDisclosurePeriod, villageDisclosureGraceDays: s.villageDisclosureGraceDays };
}

/**
 * A published period whose opening balance is not the closing balance of the village's previous
 * published period: that one was corrected, or first published, after this one was published
 * (publishing checks the carry-over against what was published before). This period is then
 * corrected in its turn.
 */
export interface CarryOverBreak {
  /** The opening balance it should have (fen): the previous period's closing balance. */
  expected: number;
  previousLabel: string;
  previousLabelEn: string;
  previousDisclosureId: string;
}

export interface PeriodStatus {
  kind: DisclosurePeriodKind;
  start: string;
  end: string;
  label: string;
  dueOn: string;
  /** published: a version is public; draft: being prepared; missing: nothing yet; open: the period has not ended. */
  status: 'published' | 'draft' | 'missing' | 'open';
  overdue: boolean;
  /** The current version (the published one, else the draft). */
  disclosureId: string | null;
  publishedOn: string | null;
  versions: number;
  /** Set when the published version does not carry the previous published period's balance over. */
  carryOver: CarryOverBreak | null;
}

/** The village's latest published disclosure whose period ended before `periodStart`, as findPreviousPublished picks it. */
function previousPublished(published: repo.VillageDisclosureRow[], periodStart: string): repo.VillageDisclosureRow | undefined {
  let best: repo.VillageDisclosureRow | undefined;
  for (const d of published) {
    if (d.status !== 'published' || compareDays(d.period_end, periodStart) >= 0) continue;
    if (!best || compareDays(d.period_end, best.period_end) > 0 || (d.period_end === best.period_end && d.version > best.version)) best = d;
  }
  return best;
}

function carryOverBreak(row: repo.VillageDisclosureRow, previous: repo.VillageDisclosureRow | undefined): CarryOverBreak | null {
  if (!previous || previous.closing_balance === null || row.opening_balance === null || row.opening_balance === previous.closing_balance) return null;
  const p = { kind: previous.period_kind, start: previous.period_start };
  return { expected: previous.closing_balance, previousLabel: periodLabel(p), previousLabelEn: periodLabelEn(p), previousDisclosureId: previous.id };
}

/**
 * Each period of `year` for one village, from its disclosures of the year (any version) and
 * `earlier`, its latest published disclosure before the year (listLatestPublishedBefore), which
 * the year's first published period carries over.
 */
export function periodStatuses(
  kind: DisclosurePeriodKind, graceDays: number, year: number, today: string, disclosures: repo.VillageDisclosureRow[], earlier: repo.VillageDisclosureRow[] = [],
): PeriodStatus[] {
  const allPublished = [...earlier, ...disclosures].filter((d) => d.status === 'published');
  return periodsOfYear(kind, year).filter((p) => compareDays(p.start, today) <= 0).map((p) => {
    const versions = disclosures.filter((d) => d.period_kind === kind && d.period_start === p.start);
    const published = versions.find((d) => d.status === 'published');
    const draft = versions.find((d) => d.status === 'draft');
    const ended = hasPeriodEnded(p.end, today);
    return {
      kind, start: p.start, end: p.end, label: periodLabel(p), dueOn: disclosureDueDay(p.end, graceDays),
      status: published ? 'published' : draft ? 'draft' : ended ? 'missing' : 'open',
      overdue: isDisclosureOverdue(p.end, graceDays, today, !!published),
      disclosureId: published?.id ?? draft?.id ?? null, publishedOn: published?.published_on ?? null, versions: versions.length,
      carryOver: published ? carryOverBreak(published, previousPublished(allPublished, published.period_start)) : null,
    };
  });
}

export interface VillagePeriods {
  village: VillageRow;
  year: number;
  asOf: string;
  periodKind: DisclosurePeriodKind;
  graceDays: number;
  periods: PeriodStatus[];
  canMaintain: boolean;
}

export async function listVillagePeriods(db: Kysely<DB>, actor: Actor, villageId: string, year: number, asOf?: string): Promise<VillagePeriods> {
  const village = await loadVillageFor(db, actor, villageId, 'read');
  const settings = await disclosureSettings(db, village.township_id);
  const today = asOf ?? todayInShanghai();
  const [rows, earlier] = await Promise.all([
    repo.listVillageDisclosures(db, village.id, { from: `${year}-01-01`, to: `${year}-12-31` }),
    repo.listLatestPublishedBefore(db, village.township_id, `${year}-01-01`, village.id),
  ]);
  return {
    village, year, asOf: today, periodKind: settings.villageDisclosurePeriod, graceDays: settings.villageDisclosureGraceDays,
    periods: periodStatuses(settings.villageDisclosurePeriod, settings.villageDisclosureGraceDays, year, today, rows, earlier),
    canMaintain: canMaintainVillage(actor, village.id),
  };
}

export interface VillageDisclosureDetail {
  disclosure: repo.VillageDisclosureRow;
  village: VillageRow;
  items: repo.ItemRow[];
  lines: repo.LineRow[];
  /** Every version of the same period, newest first. */
  versions: repo.VillageDisclosureRow[];
  canMaintain: boolean;
}

async function loadDisclosure(db: Kysely<DB>, actor: Actor, id: string, mode: 'read' | 'write'): Promise<{ row: repo.VillageDisclosureRow; village: VillageRow }> {
  const row = await repo.findVillageDisclosureInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('village_disclosure');
  const village = await loadVillageFor(db, actor, row.village_id, mode);
  return { row, village };
}

export async function getVillageDisclosure(db: Kysely<DB>, actor: Actor, id: string): Promise<VillageDisclosureDetail> {
  const { row, village } = await loadDisclosure(db, actor, id, 'read');
  const [items, lines, versions] = await Promise.all([
    repo.listItems(db, [id]), repo.listLines(db, [id]), repo.listPeriodVersions(db, row.village_id, row.period_kind, row.period_start),
  ]);
  return { disclosure: row, village, items, lines, versions, canMaintain: canMaintainVillage(actor, village.id) };
}

/** Opens the disclosure of a period (the township's period kind) as a draft. */
export async function createVillageDisclosure(db: Kysely<DB>, actor: Actor, villageId: string, periodStart: string): Promise<VillageDisclosureDetail> {
  const village = await loadVillageFor(db, actor, villageId, 'write');
  const { villageDisclosurePeriod: kind } = await disclosureSettings(db, village.township_id);
  if (!isValidDay(periodStart) || !isPeriodStart(kind, periodStart)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'periodStart', message: kind === 'quarterly' ? '应为季度的第一天（1月1日、4月1日、7月1日、10月1日）' : '应为月份的第一天' }]);
  }
  if (compareDays(periodStart, todayInShanghai()) > 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'periodStart', message: '公开期间尚未开始' }]);
  const period = periodContaining(kind, periodStart);
  const existing = await repo.listPeriodVersions(db, village.id, kind, period.start);
  if (existing.length) throw new AppError('DISCLOSURE_PERIOD_EXISTS', { period: periodLabel(period) });
  const now = nowIso();
  const row: repo.VillageDisclosureRow = {
    id: newId(), township_id: village.township_id, village_id: village.id, period_kind: kind, period_start: period.start, period_end: period.end,
    version: 1, status: 'draft', opening_balance: null, closing_balance: null, total_income: 0, total_expense: 0, source_file_name: null,
    published_on: null, published_by: null, superseded_on: null, created_by: actor.id, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertVillageDisclosure(trx, row);
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'village_disclosure.create', entityType: 'village_disclosure', entityId: row.id, after: { villageId: village.id, period: periodLabel(period) } });
  });
  return getVillageDisclosure(db, actor, row.id);
}

export interface ContentInput {
  items: { title: string; content: string }[];
  /** Fen; null while unknown. */
  openingBalance: number | null;
  closingBalance: number | null;
  lines: { direction: 'income' | 'expense'; category: string; description?: string | null; amount: number }[];
}

function assertDraft(row: repo.VillageDisclosureRow): void {
  if (row.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
}

async function storeContent(db: Kysely<DB>, actor: Actor, row: repo.VillageDisclosureRow, input: ContentInput, action: string, sourceFileName: string | null): Promise<void> {
  const totals = financeTotals(input.lines, input.openingBalance);
  const items: repo.ItemRow[] = input.items.map((it, i) => ({ id: newId(), township_id: row.township_id, disclosure_id: row.id, position: i + 1, title: it.title.trim(), content: it.content.trim() }));
  const lines: repo.LineRow[] = input.lines.map((l, i) => ({
    id: newId(), township_id: row.township_id, disclosure_id: row.id, position: i + 1, direction: l.direction, category: l.category.trim(),
    description: l.description?.trim() || null, amount: l.amount,
  }));
  const patch = {
    opening_balance: input.openingBalance, closing_balance: input.closingBalance, total_income: totals.income, total_expense: totals.expense,
    source_file_name: sourceFileName, updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    const fresh = await repo.findVillageDisclosureInScope(trx, row.id, [row.township_id]);
    if (!fresh || fresh.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
    await repo.replaceContent(trx, row.id, items, lines);
    await repo.updateVillageDisclosure(trx, row.id, patch);
    await writeAudit(trx, actor, {
      townshipId: row.township_id, action, entityType: 'village_disclosure', entityId: row.id,
      before: { openingBalance: row.opening_balance, closingBalance: row.closing_balance, totalIncome: row.total_income, totalExpense: row.total_expense },
      after: { ...patch, items: items.length, lines: lines.length },
    });
  });
}

const yuan = (fen: number): string => (fen / 100).toFixed(2);

/**
 * Balance carry-over: a period's opening balance is the closing balance of the village's previous
 * published period. The first period on record (nothing published before it) may open with any balance.
 */
async function assertCarryOver(db: Kysely<DB>, row: repo.VillageDisclosureRow, opening: number | null): Promise<void> {
  if (opening === null) return;
  const previous = await repo.findPreviousPublished(db, row.village_id, row.period_start);
  if (!previous || previous.closing_balance === null || previous.closing_balance === opening) return;
  const period = periodLabel({ kind: previous.period_kind, start: previous.period_start });
  throw new AppError('FINANCE_OPENING_MISMATCH', { opening: yuan(opening), previous: yuan(previous.closing_balance), previousEnd: previous.period_end },
    [{ path: 'openingBalance', message: `应为${yuan(previous.closing_balance)}元（${period}期末余额）` }]);
}

/** Saves what was entered in the app; the closing balance must equal opening + income − expense. */
export async function saveContent(db: Kysely<DB>, actor: Actor, id: string, input: ContentInput): Promise<VillageDisclosureDetail> {
  const { row } = await loadDisclosure(db, actor, id, 'write');
  assertDraft(row);
  const totals = financeTotals(input.lines, input.openingBalance);
  if (input.closingBalance !== null && totals.expectedClosing !== null && input.closingBalance !== totals.expectedClosing) {
    throw new AppError('FINANCE_CLOSING_MISMATCH', { stated: (input.closingBalance / 100).toFixed(2), expected: (totals.expectedClosing / 100).toFixed(2) },
      [{ path: 'closingBalance', message: `应为${(totals.expectedClosing / 100).toFixed(2)}元` }]);
  }
  await assertCarryOver(db, row, input.openingBalance);
  await storeContent(db, actor, row, input, 'village_disclosure.save', null);
  return getVillageDisclosure(db, actor, id);
}

/** Imports the filled-in template: all or nothing; an unbalanced sheet is refused naming the row. */
export async function importSheet(db: Kysely<DB>, actor: Actor, id: string, file: { fileName: string; data: Buffer }): Promise<VillageDisclosureDetail> {
  const { row } = await loadDisclosure(db, actor, id, 'write');
  assertDraft(row);
  const sheet = await readFinanceWorkbook(file.data);
  await assertCarryOver(db, row, sheet.opening);
  const items = sheet.items ?? (await repo.listItems(db, [id])).map((it) => ({ title: it.title, content: it.content }));
  await storeContent(db, actor, row, { items, openingBalance: sheet.opening, closingBalance: sheet.closing, lines: sheet.lines }, 'village_disclosure.import', file.fileName.slice(-120));
  return getVillageDisclosure(db, actor, id);
}

/** The template to fill in, prefilled with the draft's content. */
export async function templateFor(db: Kysely<DB>, actor: Actor, id: string): Promise<{ fileName: string; data: Buffer }> {
  const detail = await getVillageDisclosure(db, actor, id);
  const label = periodLabel({ kind: detail.disclosure.period_kind, start: detail.disclosure.period_start });
  const data = await buildFinanceTemplate({
    villageName: detail.village.name, periodLabel: label, opening: detail.disclosure.opening_balance,
    lines: detail.lines.map((l) => ({ direction: l.direction, category: l.category, description: l.description, amount: l.amount })),
    items: detail.items.map((it) => ({ title: it.title, content: it.content })),
  });
  return { fileName: `${detail.village.name}${label}财务收支公开表.xlsx`, data };
}

/** A later published period that no longer carries over the balance of the one just published. */
export interface PeriodToCorrect {
  disclosureId: string;
  label: string;
  labelEn: string;
  /** Its opening balance (fen), which should be the closing balance just published. */
  openingBalance: number | null;
}

/**
 * The later published period that carries over `row`'s balance (the next one published), when its
 * opening balance is not `row`'s closing balance. Once corrected, a change of its own closing
 * balance names the period after it in turn.
 */
async function laterPeriodsToCorrect(db: Kysely<DB>, row: repo.VillageDisclosureRow): Promise<PeriodToCorrect[]> {
  const next = await repo.findNextPublished(db, row.village_id, row.period_end);
  if (!next || next.opening_balance === row.closing_balance) return [];
  // With the period kind changed, another period may lie between them: then it is that one's balance.
  if ((await repo.findPreviousPublished(db, next.village_id, next.period_start))?.id !== row.id) return [];
  const p = { kind: next.period_kind, start: next.period_start };
  return [{ disclosureId: next.id, label: periodLabel(p), labelEn: periodLabelEn(p), openingBalance: next.opening_balance }];
}

/**
 * Publishes a draft: at least one affairs item, the finance table with its balances, and the
 * balance holding. The period's earlier published version is superseded. A correction whose
 * closing balance changed still publishes when a later period was published on the old balance
 * (refusing it would leave neither correctable): that period is named in `laterPeriodsToCorrect`
 * and in the audit row, and flagged in the period lists until it is corrected in its turn.
 */
export async function publishVillageDisclosure(db: Kysely<DB>, actor: Actor, id: string): Promise<VillageDisclosureDetail & { laterPeriodsToCorrect: PeriodToCorrect[] }> {
  const { row } = await loadDisclosure(db, actor, id, 'write');
  assertDraft(row);
  const [items, lines] = await Promise.all([repo.listItems(db, [id]), repo.listLines(db, [id])]);
  const problems: FieldError[] = [];
  if (items.length === 0) problems.push({ path: 'items', message: '至少公开一项村务事项' });
  if (lines.length === 0) problems.push({ path: 'lines', message: '财务收支明细不能为空' });
  if (row.opening_balance === null) problems.push({ path: 'openingBalance', message: 'required' });
  if (row.closing_balance === null) problems.push({ path: 'closingBalance', message: 'required' });
  if (problems.length) throw new AppError('DISCLOSURE_INCOMPLETE', {}, problems);
  const totals = financeTotals(lines, row.opening_balance);
  if (totals.expectedClosing !== row.closing_balance) {
    throw new AppError('FINANCE_CLOSING_MISMATCH', { stated: (row.closing_balance! / 100).toFixed(2), expected: (totals.expectedClosing! / 100).toFixed(2) }, [{ path: 'closingBalance', message: 'mismatch' }]);
  }
  await assertCarryOver(db, row, row.opening_balance);
  const today = todayInShanghai();
  const now = nowIso();
  const toCorrect = await db.transaction().execute(async (trx) => {
    const versions = await repo.listPeriodVersions(trx, row.village_id, row.period_kind, row.period_start);
    for (const v of versions.filter((x) => x.status === 'published')) {
      await repo.updateVillageDisclosure(trx, v.id, { status: 'superseded', superseded_on: today, updated_at: now });
    }
    await repo.updateVillageDisclosure(trx, id, { status: 'published', published_on: today, published_by: actor.id, updated_at: now });
    const later = await laterPeriodsToCorrect(trx, row);
    await writeAudit(trx, actor, {
      townshipId: row.township_id, action: 'village_disclosure.publish', entityType: 'village_disclosure', entityId: id,
      after: {
        version: row.version, publishedOn: today, totalIncome: row.total_income, totalExpense: row.total_expense, closingBalance: row.closing_balance,
        laterPeriodsToCorrect: later.map((l) => ({ disclosureId: l.disclosureId, label: l.label })),
      },
    });
    return later;
  });
  return { ...(await getVillageDisclosure(db, actor, id)), laterPeriodsToCorrect: toCorrect };
}

/** Starts a corrected version of a published disclosure, as a draft with the same content. */
export async function reviseVillageDisclosure(db: Kysely<DB>, actor: Actor, id: string): Promise<VillageDisclosureDetail> {
  const { row } = await loadDisclosure(db, actor, id, 'write');
  if (row.status !== 'published') throw new AppError('CONFLICT');
  const versions = await repo.listPeriodVersions(db, row.village_id, row.period_kind, row.period_start);
  if (versions.some((v) => v.status === 'draft')) throw new AppError('CONFLICT');
  const [items, lines] = await Promise.all([repo.listItems(db, [id]), repo.listLines(db, [id])]);
  const now = nowIso();
  const next: repo.VillageDisclosureRow = {
    ...row, id: newId(), version: Math.max(...versions.map((v) => v.version)) + 1, status: 'draft', published_on: null, published_by: null,
    superseded_on: null, created_by: actor.id, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertVillageDisclosure(trx, next);
    await repo.replaceContent(trx, next.id, items.map((it) => ({ ...it, id: newId(), disclosure_id: next.id })), lines.map((l) => ({ ...l, id: newId(), disclosure_id: next.id })));
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'village_disclosure.revise', entityType: 'village_disclosure', entityId: next.id, after: { from: id, version: next.version } });
  });
  return getVillageDisclosure(db, actor, next.id);
}
