import type { Kysely } from 'kysely';
import { compareDays, isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { listUnits, listVillages, type UnitRow, type VillageRow } from '../townships/townships.repository.js';
import * as repo from './rule-of-law.repository.js';

/**
 * Rule of law in the township (依法治镇): the register of complaints and lawsuits caused by
 * administrative acts (投诉, 行政复议, 行政诉讼) with a yearly count per unit, and the model-village
 * programmes (民主法治示范村, 生态文明村, …) each village takes part in, with their checklists.
 */
export type ComplaintKind = repo.ComplaintRow['kind'];
export const COMPLAINT_KINDS: ComplaintKind[] = ['complaint', 'reconsideration', 'lawsuit'];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', reconsideration: '行政复议', lawsuit: '行政诉讼' };

/** Read: the office, presidium and county (disclosure.read); keep: the office (rule_of_law.manage). */
async function readScope(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<void> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'disclosure.read');
}

// ---- complaints -----------------------------------------------------------------------------

export interface ComplaintInput {
  unitId: string;
  kind: ComplaintKind;
  receivedOn: string;
  cause: string;
  outcome?: string | null;
  concludedOn?: string | null;
}

export interface UnitCount {
  unitId: string;
  unitName: string;
  complaint: number;
  reconsideration: number;
  lawsuit: number;
  total: number;
}

export interface ComplaintList {
  year: number;
  items: (repo.ComplaintRow & { unitName: string })[];
  byUnit: UnitCount[];
  byKind: Record<ComplaintKind, number>;
  canManage: boolean;
}

/** The year's complaints, reconsiderations and lawsuits, with the count per unit and per kind. */
export async function listComplaints(db: Kysely<DB>, actor: Actor, townshipId: string, year: number): Promise<ComplaintList> {
  await readScope(db, actor, townshipId);
  const [rows, units] = await Promise.all([repo.listComplaints(db, townshipId, year), listUnits(db, townshipId, true)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const byUnit = new Map<string, UnitCount>();
  const byKind: Record<ComplaintKind, number> = { complaint: 0, reconsideration: 0, lawsuit: 0 };
  for (const r of rows) {
    const c = byUnit.get(r.unit_id) ?? { unitId: r.unit_id, unitName: names.get(r.unit_id) ?? '', complaint: 0, reconsideration: 0, lawsuit: 0, total: 0 };
    c[r.kind]++;
    c.total++;
    byKind[r.kind]++;
    byUnit.set(r.unit_id, c);
  }
  return {
    year, items: rows.map((r) => ({ ...r, unitName: names.get(r.unit_id) ?? '' })),
    byUnit: [...byUnit.values()].sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh')), byKind, canManage: can(actor, 'rule_of_law.manage'),
  };
}

async function validateComplaint(db: Kysely<DB>, townshipId: string, input: Partial<ComplaintInput>, received: string | undefined): Promise<void> {
  const problems: FieldError[] = [];
  const today = todayInShanghai();
  if (input.unitId !== undefined) {
    const units = await listUnits(db, townshipId, false);
    if (!units.some((u) => u.id === input.unitId)) problems.push({ path: 'unitId', message: '不是本镇的单位' });
  }
  if (input.receivedOn !== undefined && (!isValidDay(input.receivedOn) || compareDays(input.receivedOn, today) > 0)) problems.push({ path: 'receivedOn', message: '日期不能晚于今天' });
  if (input.concludedOn) {
    if (!isValidDay(input.concludedOn) || compareDays(input.concludedOn, today) > 0) problems.push({ path: 'concludedOn', message: '日期不能晚于今天' });
    else if (received && compareDays(input.concludedOn, received) < 0) problems.push({ path: 'concludedOn', message: '办结日期不能早于受理日期' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
}

export async function createComplaint(db: Kysely<DB>, actor: Actor, townshipId: string, input: ComplaintInput): Promise<repo.ComplaintRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'rule_of_law.manage');
  await validateComplaint(db, townshipId, input, input.receivedOn);
  const now = nowIso();
  const row: repo.ComplaintRow = {
    id: newId(), township_id: townshipId, unit_id: input.unitId, kind: input.kind, received_on: input.receivedOn, cause: input.cause.trim(),
    outcome: input.outcome?.trim() || null, concluded_on: input.concludedOn ?? null, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertComplaint(trx, row);
    await writeAudit(trx, actor, { townshipId, action: 'complaint.create', entityType: 'administrative_complaint', entityId: row.id, after: row });
  });
  return row;
}

/**
 * A complaint of the actor's township, or 404. Inside the township a unit handler is bound to their
 * unit and a village clerk to their village (disclosure.access.ts): another unit's complaint does not
 * exist for them (404, nothing changed); the office alone keeps the register (403 otherwise).
 */
async function loadComplaint(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.ComplaintRow> {
  const row = await repo.findComplaintInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('complaint');
  if ((actor.role === 'unit_handler' && row.unit_id !== actor.unitId) || actor.role === 'village_clerk') throw notFound('complaint');
  authorize(actor, 'rule_of_law.manage');
  return row;
}

export async function updateComplaint(db: Kysely<DB>, actor: Actor, id: string, input: Partial<ComplaintInput>): Promise<repo.ComplaintRow> {
  const before = await loadComplaint(db, actor, id);
  await validateComplaint(db, before.township_id, input, input.receivedOn ?? before.received_on);
  const patch: Partial<repo.ComplaintRow> = { updated_at: nowIso() };
  if (input.unitId !== undefined) patch.unit_id = input.unitId;
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.receivedOn !== undefined) patch.received_on = input.receivedOn;
  if (input.cause !== undefined) patch.cause = input.cause.trim();
  if (input.outcome !== undefined) patch.outcome = input.outcome?.trim() || null;
  if (input.concludedOn !== undefined) patch.concluded_on = input.concludedOn;
  await db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'complaint.update', entityType: 'administrative_complaint', entityId: id, before, after: patch });
  });
  return { ...before, ...patch };
}

export async function archiveComplaint(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const before = await loadComplaint(db, actor, id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, id, { archived_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'complaint.archive', entityType: 'administrative_complaint', entityId: id, before });
  });
}

// ---- model-village programmes ---------------------------------------------------------------

/** The programmes every township starts with, and their usual criteria (DOMAIN.md, 依法治镇). */
export const DEFAULT_PROGRAMMES: { name: string; criteria: string[] }[] = [
  { name: '民主法治示范村', criteria: ['村民自治机制健全', '民主决策制度落实', '村财务账目清楚', '村务公开和财务公开（两公开）规范', '村规民约上墙公示', '法治宣传教育经常开展', '矛盾纠纷及时调解化解'] },
  { name: '生态文明村', criteria: ['村庄规划编制完成', '生活垃圾分类收运', '生活污水有效治理', '村容村貌整洁', '绿化美化达标', '生态保护写入村规民约'] },
];

export type EntryStatus = repo.EntryRow['status'];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { applied: '申报', building: '创建中', accepted: '验收通过' };

/** The programmes of a township; the defaults are put in the first time they are asked for. */
export async function listProgrammes(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<repo.ProgrammeRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  if (!can(actor, 'disclosure.read') && !can(actor, 'disclosure.village')) authorize(actor, 'disclosure.read');
  return ensureProgrammes(db, townshipId);
}

export async function ensureProgrammes(db: Kysely<DB>, townshipId: string): Promise<repo.ProgrammeRow[]> {
  const rows = await repo.listProgrammes(db, townshipId);
  if (rows.length) return rows;
  const now = nowIso();
  const defaults: repo.ProgrammeRow[] = DEFAULT_PROGRAMMES.map((p, i) => ({
    id: newId(), township_id: townshipId, name: p.name, criteria_json: JSON.stringify(p.criteria), position: i + 1, created_at: now, updated_at: now, archived_at: null,
  }));
  await db.transaction().execute(async (trx) => {
    if ((await repo.listProgrammes(trx, townshipId)).length) return;
    await repo.insertProgrammes(trx, defaults);
    await writeAudit(trx, null, { townshipId, action: 'model_programme.defaults', entityType: 'model_programme', entityId: null, after: DEFAULT_PROGRAMMES.map((p) => p.name) });
  });
  return repo.listProgrammes(db, townshipId);
}

export function programmeCriteria(p: repo.ProgrammeRow): string[] {
  try {
    const v = JSON.parse(p.criteria_json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function createProgramme(db: Kysely<DB>, actor: Actor, townshipId: string, input: { name: string; criteria: string[] }): Promise<repo.ProgrammeRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'rule_of_law.manage');
  const existing = await ensureProgrammes(db, townshipId);
  if (existing.some((p) => p.name === input.name.trim() && !p.archived_at)) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'name', message: '已有同名创建项目' }]);
  const now = nowIso();
  const row: repo.ProgrammeRow = {
    id: newId(), township_id: townshipId, name: input.name.trim(), criteria_json: JSON.stringify(input.criteria.map((c) => c.trim()).filter(Boolean)),
    position: existing.length + 1, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertProgrammes(trx, [row]);
    await writeAudit(trx, actor, { townshipId, action: 'model_programme.create', entityType: 'model_programme', entityId: row.id, after: row });
  });
  return row;
}

export async function updateProgramme(db: Kysely<DB>, actor: Actor, id: string, input: { name?: string; criteria?: string[]; archived?: boolean }): Promise<repo.ProgrammeRow> {
  const before = await repo.findProgrammeInScope(db, id, await visibleTownshipIds(db, actor));
  if (!before) throw notFound('model_programme');
  authorize(actor, 'rule_of_law.manage');
  const patch: Partial<repo.ProgrammeRow> = { updated_at: nowIso() };
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.criteria !== undefined) patch.criteria_json = JSON.stringify(input.criteria.map((c) => c.trim()).filter(Boolean));
  if (input.archived !== undefined) patch.archived_at = input.archived ? nowIso() : null;
  // Two programmes in use may not share a name (renaming one, or restoring an archived one).
  const name = patch.name ?? before.name;
  const inUse = (patch.archived_at === undefined ? before.archived_at : patch.archived_at) === null;
  if (inUse && (await repo.listProgrammes(db, before.township_id)).some((p) => p.id !== id && p.name === name && !p.archived_at)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'name', message: '已有同名创建项目' }]);
  }
  if (input.criteria !== undefined && JSON.parse(patch.criteria_json!).length === 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'criteria', message: 'required' }]);
  await db.transaction().execute(async (trx) => {
    await repo.updateProgramme(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'model_programme.update', entityType: 'model_programme', entityId: id, before, after: patch });
  });
  return { ...before, ...patch };
}

export interface EntryDetail {
  entry: repo.EntryRow;
  programmeName: string;
  villageName: string;
  criteria: repo.CriterionRow[];
}

export interface EntryList {
  items: EntryDetail[];
  programmes: repo.ProgrammeRow[];
  canManage: boolean;
}

/** A year's model-village entries (all years when none given); a village clerk sees their village's. */
export async function listEntries(db: Kysely<DB>, actor: Actor, townshipId: string, year?: number): Promise<EntryList> {
  await assertTownshipInScope(db, actor, townshipId);
  const villageId = actor.role === 'village_clerk' ? actor.villageId : null;
  if (actor.role !== 'village_clerk') authorize(actor, 'disclosure.read');
  else authorize(actor, 'disclosure.village');
  const [programmes, entries, villages] = await Promise.all([ensureProgrammes(db, townshipId), repo.listEntries(db, townshipId, { year, villageId }), listVillages(db, townshipId, true)]);
  return { items: await details(db, entries, programmes, villages), programmes, canManage: can(actor, 'rule_of_law.manage') };
}

async function details(db: Kysely<DB>, entries: repo.EntryRow[], programmes: repo.ProgrammeRow[], villages: VillageRow[]): Promise<EntryDetail[]> {
  const criteria = await repo.listCriteria(db, entries.map((e) => e.id));
  const pName = new Map(programmes.map((p) => [p.id, p.name]));
  const vName = new Map(villages.map((v) => [v.id, v.name]));
  return entries.map((entry) => ({
    entry, programmeName: pName.get(entry.programme_id) ?? '', villageName: vName.get(entry.village_id) ?? '', criteria: criteria.filter((c) => c.entry_id === entry.id),
  }));
}

/** Enters a village for a programme in a year (申报), with the programme's checklist. */
export async function createEntry(db: Kysely<DB>, actor: Actor, townshipId: string, input: { programmeId: string; villageId: string; year: number; note?: string | null }): Promise<EntryDetail> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'rule_of_law.manage');
  const [programmes, villages] = await Promise.all([ensureProgrammes(db, townshipId), listVillages(db, townshipId, false)]);
  const programme = programmes.find((p) => p.id === input.programmeId && !p.archived_at);
  const problems: FieldError[] = [];
  if (!programme) problems.push({ path: 'programmeId', message: '不是本镇的创建项目' });
  if (!villages.some((v) => v.id === input.villageId)) problems.push({ path: 'villageId', message: '不是本镇的村（居）委会' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  if (await repo.findEntry(db, input.programmeId, input.villageId, input.year)) throw new AppError('MODEL_VILLAGE_EXISTS');
  const now = nowIso();
  const entry: repo.EntryRow = {
    id: newId(), township_id: townshipId, programme_id: input.programmeId, village_id: input.villageId, year: input.year, status: 'applied', accepted_on: null,
    note: input.note?.trim() || null, created_by: actor.id, created_at: now, updated_at: now,
  };
  const criteria: repo.CriterionRow[] = programmeCriteria(programme!).map((name, i) => ({
    id: newId(), township_id: townshipId, entry_id: entry.id, position: i + 1, name, is_met: false, evidence: null, updated_by: null, updated_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    await repo.insertEntry(trx, entry, criteria);
    await writeAudit(trx, actor, { townshipId, action: 'model_village.create', entityType: 'model_village', entityId: entry.id, after: { ...entry, criteria: criteria.map((c) => c.name) } });
  });
  return (await details(db, [entry], programmes, villages))[0]!;
}

/** An entry of the actor's township, or 404; another village's is 404 to a village clerk, any to a unit handler. */
async function loadEntry(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.EntryRow> {
  const entry = await repo.findEntryInScope(db, id, await visibleTownshipIds(db, actor));
  if (!entry) throw notFound('model_village');
  if ((actor.role === 'village_clerk' && entry.village_id !== actor.villageId) || actor.role === 'unit_handler') throw notFound('model_village');
  authorize(actor, 'rule_of_law.manage');
  return entry;
}

async function entryDetail(db: Kysely<DB>, entry: repo.EntryRow): Promise<EntryDetail> {
  const [programmes, villages] = await Promise.all([repo.listProgrammes(db, entry.township_id), listVillages(db, entry.township_id, true)]);
  return (await details(db, [entry], programmes, villages))[0]!;
}

/**
 * Moves an entry between 申报, 创建中 and 验收通过. Acceptance needs every criterion met with its
 * evidence noted: the checklist is what the acceptance checked.
 */
export async function updateEntry(db: Kysely<DB>, actor: Actor, id: string, input: { status?: EntryStatus; acceptedOn?: string | null; note?: string | null }): Promise<EntryDetail> {
  const before = await loadEntry(db, actor, id);
  const patch: Partial<repo.EntryRow> = { updated_at: nowIso() };
  if (input.note !== undefined) patch.note = input.note?.trim() || null;
  if (input.status !== undefined) {
    patch.status = input.status;
    if (input.status === 'accepted') {
      const criteria = await repo.listCriteria(db, [id]);
      const unmet = criteria.filter((c) => !c.is_met || !c.evidence?.trim());
      if (unmet.length) throw new AppError('MODEL_VILLAGE_CRITERIA_UNMET', { count: unmet.length }, unmet.map((c) => ({ path: `criteria.${c.id}`, message: c.name })));
      const day = input.acceptedOn ?? todayInShanghai();
      if (!isValidDay(day) || compareDays(day, todayInShanghai()) > 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'acceptedOn', message: '日期不能晚于今天' }]);
      patch.accepted_on = day;
    } else {
      patch.accepted_on = null;
    }
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateEntry(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'model_village.update', entityType: 'model_village', entityId: id, before, after: patch });
  });
  return entryDetail(db, { ...before, ...patch });
}

/** Ticks a criterion as met (or not) with its evidence (佐证材料). */
export async function updateCriterion(db: Kysely<DB>, actor: Actor, criterionId: string, input: { isMet: boolean; evidence?: string | null }): Promise<EntryDetail> {
  const before = await repo.findCriterionInScope(db, criterionId, await visibleTownshipIds(db, actor));
  if (!before) throw notFound('model_village_criterion');
  const entry = await loadEntry(db, actor, before.entry_id);
  const entryId = entry.id;
  if (entry.status === 'accepted' && !input.isMet) throw new AppError('CONFLICT');
  const patch = { is_met: input.isMet, evidence: input.evidence === undefined ? before.evidence : input.evidence?.trim() || null, updated_by: actor.id, updated_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await repo.updateCriterion(trx, criterionId, patch);
    await writeAudit(trx, actor, { townshipId: entry.township_id, action: 'model_village.criterion', entityType: 'model_village', entityId: entryId, before: { name: before.name, isMet: before.is_met, evidence: before.evidence }, after: patch });
  });
  return entryDetail(db, entry);
}

export type { UnitRow };
