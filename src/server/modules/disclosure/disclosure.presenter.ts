import { z } from 'zod';
import { periodLabel, periodLabelEn } from '../../../domain/disclosure.js';
import type { UnitRow, VillageRow } from '../townships/townships.repository.js';
import { BOARD_FIELD_KEYS, BOARD_FIELDS } from './boards.service.js';
import type { DisclosureOverview } from './disclosure.overview.js';
import type * as repo from './disclosure.repository.js';
import type { PeriodToCorrect, VillageDisclosureDetail, VillagePeriods } from './village-disclosures.service.js';

const ZStatus = z.enum(['draft', 'published', 'superseded']);
const ZUnitRef = z.object({ id: z.string(), name: z.string(), type: z.string(), hasEnforcementPower: z.boolean() });
const ZVillageRef = z.object({ id: z.string(), name: z.string() });

function unitRef(u: UnitRow) {
  return { id: u.id, name: u.name, type: u.type, hasEnforcementPower: u.has_enforcement_power };
}
function villageRef(v: VillageRow) {
  return { id: v.id, name: v.name };
}

// ---- boards ---------------------------------------------------------------------------------

export const ZBoardFields = z.object(Object.fromEntries(BOARD_FIELDS.map(([f]) => [BOARD_FIELD_KEYS[f], z.string()])) as Record<string, z.ZodString>);

export const ZCheck = z.object({
  id: z.string(), boardId: z.string(), checkedOn: z.string(), note: z.string().nullable(), fileName: z.string(), photoUrl: z.string(), createdAt: z.string(),
});

export const ZBoard = z.object({
  id: z.string(), unitId: z.string(), version: z.number(), status: ZStatus, title: z.string(), fields: ZBoardFields,
  publishedOn: z.string().nullable(), supersededOn: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  checks: z.array(ZCheck),
});

export function presentCheck(c: repo.CheckRow): z.infer<typeof ZCheck> {
  return { id: c.id, boardId: c.board_id, checkedOn: c.checked_on, note: c.note, fileName: c.file_name, photoUrl: `/api/v1/enforcement-board-checks/${c.id}/photo`, createdAt: c.created_at };
}

export function boardFields(b: repo.BoardRow): Record<string, string> {
  return Object.fromEntries(BOARD_FIELDS.map(([f]) => [BOARD_FIELD_KEYS[f], b[f]]));
}

export function presentBoard(b: repo.BoardRow, checks: repo.CheckRow[]): z.infer<typeof ZBoard> {
  return {
    id: b.id, unitId: b.unit_id, version: b.version, status: b.status, title: b.title, fields: boardFields(b), publishedOn: b.published_on,
    supersededOn: b.superseded_on, createdAt: b.created_at, updatedAt: b.updated_at, checks: checks.filter((c) => c.board_id === b.id).map(presentCheck),
  };
}

// ---- government and school disclosures ------------------------------------------------------

export const ZUnitDisclosure = z.object({
  id: z.string(), unitId: z.string(), kind: z.enum(['government', 'school']), title: z.string(), procedures: z.string(), feeStandards: z.string(),
  otherContent: z.string().nullable(), status: z.enum(['draft', 'published']), publishedOn: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});

export function presentUnitDisclosure(d: repo.UnitDisclosureRow): z.infer<typeof ZUnitDisclosure> {
  return {
    id: d.id, unitId: d.unit_id, kind: d.kind, title: d.title, procedures: d.procedures, feeStandards: d.fee_standards, otherContent: d.other_content,
    status: d.status, publishedOn: d.published_on, createdAt: d.created_at, updatedAt: d.updated_at,
  };
}

export const ZUnitDisclosures = z.object({
  unit: ZUnitRef,
  canMaintain: z.boolean(),
  boards: z.array(ZBoard),
  disclosures: z.array(ZUnitDisclosure),
  /** government / school, or null for a village committee (its disclosures are the village's). */
  disclosureKind: z.enum(['government', 'school']).nullable(),
});

export function presentUnitPage(
  unit: UnitRow, canMaintain: boolean, boards: repo.BoardRow[], checks: repo.CheckRow[], disclosures: repo.UnitDisclosureRow[], kind: 'government' | 'school' | null,
): z.infer<typeof ZUnitDisclosures> {
  return { unit: unitRef(unit), canMaintain, boards: boards.map((b) => presentBoard(b, checks)), disclosures: disclosures.map(presentUnitDisclosure), disclosureKind: kind };
}

// ---- village disclosures --------------------------------------------------------------------

const ZPeriod = z.object({
  kind: z.enum(['quarterly', 'monthly']), start: z.string(), end: z.string(), label: z.string(), labelEn: z.string(), dueOn: z.string(),
  status: z.enum(['published', 'draft', 'missing', 'open']), overdue: z.boolean(), disclosureId: z.string().nullable(), publishedOn: z.string().nullable(), versions: z.number(),
  /** Set when the published version's opening balance is not the previous published period's closing balance (fen). */
  carryOver: z.object({ expected: z.number(), previousLabel: z.string(), previousLabelEn: z.string(), previousDisclosureId: z.string() }).nullable(),
});

function presentPeriod(p: VillagePeriods['periods'][number]): z.infer<typeof ZPeriod> {
  return { ...p, labelEn: periodLabelEn(p) };
}

export const ZVillagePeriods = z.object({
  village: ZVillageRef, year: z.number(), asOf: z.string(), periodKind: z.enum(['quarterly', 'monthly']), graceDays: z.number(), canMaintain: z.boolean(),
  periods: z.array(ZPeriod),
});

export function presentVillagePeriods(v: VillagePeriods): z.infer<typeof ZVillagePeriods> {
  return { village: villageRef(v.village), year: v.year, asOf: v.asOf, periodKind: v.periodKind, graceDays: v.graceDays, canMaintain: v.canMaintain, periods: v.periods.map(presentPeriod) };
}

const ZVersion = z.object({ id: z.string(), version: z.number(), status: ZStatus, publishedOn: z.string().nullable(), supersededOn: z.string().nullable() });

export const ZVillageDisclosure = z.object({
  id: z.string(), village: ZVillageRef, periodKind: z.enum(['quarterly', 'monthly']), periodStart: z.string(), periodEnd: z.string(), periodLabel: z.string(),
  periodLabelEn: z.string(), version: z.number(), status: ZStatus,
  openingBalance: z.number().nullable(), closingBalance: z.number().nullable(), totalIncome: z.number(), totalExpense: z.number(),
  sourceFileName: z.string().nullable(), publishedOn: z.string().nullable(), supersededOn: z.string().nullable(), updatedAt: z.string(),
  items: z.array(z.object({ id: z.string(), title: z.string(), content: z.string() })),
  lines: z.array(z.object({ id: z.string(), direction: z.enum(['income', 'expense']), category: z.string(), description: z.string().nullable(), amount: z.number() })),
  versions: z.array(ZVersion),
  canMaintain: z.boolean(),
});

export function presentVillageDisclosure(d: VillageDisclosureDetail): z.infer<typeof ZVillageDisclosure> {
  const r = d.disclosure;
  const p = { kind: r.period_kind, start: r.period_start };
  return {
    id: r.id, village: villageRef(d.village), periodKind: r.period_kind, periodStart: r.period_start, periodEnd: r.period_end, periodLabel: periodLabel(p),
    periodLabelEn: periodLabelEn(p), version: r.version, status: r.status, openingBalance: r.opening_balance, closingBalance: r.closing_balance,
    totalIncome: r.total_income, totalExpense: r.total_expense, sourceFileName: r.source_file_name, publishedOn: r.published_on, supersededOn: r.superseded_on,
    updatedAt: r.updated_at,
    items: d.items.map((it) => ({ id: it.id, title: it.title, content: it.content })),
    lines: d.lines.map((l) => ({ id: l.id, direction: l.direction, category: l.category, description: l.description, amount: l.amount })),
    versions: d.versions.map((v) => ({ id: v.id, version: v.version, status: v.status, publishedOn: v.published_on, supersededOn: v.superseded_on })),
    canMaintain: d.canMaintain,
  };
}

const ZPeriodToCorrect = z.object({ disclosureId: z.string(), label: z.string(), labelEn: z.string(), openingBalance: z.number().nullable() });

/** The published disclosure, with the later published periods that no longer carry its balance over. */
export const ZPublishedVillageDisclosure = ZVillageDisclosure.extend({ laterPeriodsToCorrect: z.array(ZPeriodToCorrect) });

export function presentPublishedVillageDisclosure(d: VillageDisclosureDetail & { laterPeriodsToCorrect: PeriodToCorrect[] }): z.infer<typeof ZPublishedVillageDisclosure> {
  return { ...presentVillageDisclosure(d), laterPeriodsToCorrect: d.laterPeriodsToCorrect };
}

// ---- overview -------------------------------------------------------------------------------

const ZEnforcementUnit = z.object({
  unitId: z.string(), unitName: z.string(), unitType: z.string(), draftId: z.string().nullable(), versions: z.number(),
  current: z.object({ id: z.string(), version: z.number(), publishedOn: z.string().nullable(), lastCheckedOn: z.string().nullable(), checks: z.number() }).nullable(),
});
const ZUnitStatus = z.object({
  unitId: z.string(), unitName: z.string(), unitType: z.string(), kind: z.enum(['government', 'school']), published: z.number(), drafts: z.number(), latestPublishedOn: z.string().nullable(),
});

export const ZOverview = z.object({
  year: z.number(), asOf: z.string(), periodKind: z.enum(['quarterly', 'monthly']), graceDays: z.number(),
  enforcementUnits: z.array(ZEnforcementUnit), lackingBoard: z.array(ZEnforcementUnit),
  governmentUnits: z.array(ZUnitStatus), schools: z.array(ZUnitStatus),
  villages: z.array(z.object({ villageId: z.string(), villageName: z.string(), overdue: z.number(), carryOverBroken: z.number(), periods: z.array(ZPeriod) })),
});

export function presentOverview(o: DisclosureOverview): z.infer<typeof ZOverview> {
  return { ...o, villages: o.villages.map((v) => ({ ...v, periods: v.periods.map(presentPeriod) })) };
}
