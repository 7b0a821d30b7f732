import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, UnitType, VillageKind } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { isTownshipCode, lookupTownship, type TownshipPlace } from '../places/places.js';
import * as repo from './townships.repository.js';
import { DEFAULT_OCCUPATIONS } from '../deputies/deputies.rules.js';
import { DEFAULT_DUTY_POINT_RULES } from '../../../domain/duty-points.js';

/** Township-level settings; each has a default so old rows keep working as settings are added. */
export interface TownshipSettings {
  /** 村务公开 period. */
  villageDisclosurePeriod: 'quarterly' | 'monthly';
  /** Days after a period ends before a village's unpublished disclosure counts as overdue. */
  villageDisclosureGraceDays: number;
  /** Months a unit has to reply again after a 不满意 (one province: 1; others: 2). */
  reHandlingMonths: number;
  /** 职业类别 offered for deputies. */
  occupations: string[];
  /** 履职积分 points per event kind (local rules). */
  dutyPointRules: Record<string, number>;
  /** Categories a suggestion is registered under (立案分类), editable by the office. */
  suggestionCategories: string[];
}

/** The default suggestion categories (建议分类). */
export const DEFAULT_SUGGESTION_CATEGORIES = ['城乡建设', '农业农村', '教育', '医疗卫生', '社会保障', '交通', '生态环境', '其他'];

export const DEFAULT_TOWNSHIP_SETTINGS: TownshipSettings = {
  villageDisclosurePeriod: 'quarterly',
  villageDisclosureGraceDays: 10,
  reHandlingMonths: 1,
  occupations: [...DEFAULT_OCCUPATIONS],
  dutyPointRules: { ...DEFAULT_DUTY_POINT_RULES },
  suggestionCategories: [...DEFAULT_SUGGESTION_CATEGORIES],
};

export function parseSettings(json: string): TownshipSettings {
  try {
    return { ...DEFAULT_TOWNSHIP_SETTINGS, ...(JSON.parse(json) as Partial<TownshipSettings>) };
  } catch {
    return { ...DEFAULT_TOWNSHIP_SETTINGS };
  }
}

/**
 * Creates a township with its villages (and a 村委会 unit for each) from a place record.
 * Trusted callers only: the CLI, first-run setup and the demo.
 */
export async function createTownship(db: Kysely<DB>, actor: Actor, place: TownshipPlace, options: { isDemo?: boolean } = {}): Promise<repo.TownshipRow> {
  const id = await db.transaction().execute((trx) => createTownshipIn(trx, actor, place, options));
  return (await repo.findTownship(db, id))!;
}

/** The same inside the caller's transaction (first-run setup creates the first account with it). */
export async function createTownshipIn(trx: Transaction<DB>, actor: Actor, place: TownshipPlace, options: { isDemo?: boolean } = {}): Promise<string> {
  const id = newId();
  const now = nowIso();
  if (await repo.findTownshipByCode(trx, place.code)) throw new AppError('TOWNSHIP_EXISTS', { code: place.code });
  const township: repo.TownshipRow = {
    id,
    code: place.code,
    name: place.name,
    county_code: place.countyCode,
    county_name: place.countyName,
    city_name: place.cityName,
    province_name: place.provinceName,
    is_demo: options.isDemo ?? false,
    settings_json: JSON.stringify(DEFAULT_TOWNSHIP_SETTINGS),
    created_at: now,
    updated_at: now,
    archived_at: null,
  };
  await repo.insertTownship(trx, township);
  const villages: repo.VillageRow[] = place.villages.map((v, i) => ({
    id: newId(), township_id: id, code: v.code, name: v.name, kind: v.kind, sort_order: i + 1,
    created_at: now, updated_at: now, archived_at: null,
  }));
  await repo.insertVillages(trx, villages);
  await repo.insertUnits(trx, villages.map((v) => ({
    id: newId(), township_id: id, name: v.name, type: 'village_committee' as const, has_enforcement_power: false,
    village_id: v.id, contact_person: null, contact_phone: null, created_at: now, updated_at: now, archived_at: null,
  })));
  await writeAudit(trx, actor, {
    townshipId: id, action: 'township.create', entityType: 'township', entityId: id,
    after: { ...township, villages: villages.length },
  });
  return id;
}

/** Checks a township code and reads its place record, without writing anything. */
export async function findPlaceForNewTownship(db: Kysely<DB>, code: string): Promise<TownshipPlace> {
  const trimmed = code.trim();
  if (!isTownshipCode(trimmed)) throw new AppError('TOWNSHIP_CODE_INVALID', { code: trimmed });
  if (await repo.findTownshipByCode(db, trimmed)) throw new AppError('TOWNSHIP_EXISTS', { code: trimmed });
  const place = await lookupTownship(trimmed);
  if (!place) throw new AppError('TOWNSHIP_CODE_UNKNOWN', { code: trimmed });
  return place;
}

/** `renda township add <code>`: validates the code and creates the township from the NBS data. */
export async function addTownshipByCode(db: Kysely<DB>, actor: Actor, code: string): Promise<repo.TownshipRow> {
  return createTownship(db, actor, await findPlaceForNewTownship(db, code));
}

export async function listVisibleTownships(db: Kysely<DB>, actor: Actor): Promise<repo.TownshipRow[]> {
  return repo.listTownshipsByIds(db, await visibleTownshipIds(db, actor));
}

export async function getTownship(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.TownshipRow> {
  await assertTownshipInScope(db, actor, id);
  const t = await repo.findTownship(db, id);
  if (!t) throw notFound('township');
  return t;
}

export async function updateTownship(db: Kysely<DB>, actor: Actor, id: string, input: { name?: string; settings?: Partial<TownshipSettings> }): Promise<repo.TownshipRow> {
  const before = await getTownship(db, actor, id);
  authorize(actor, 'township.update');
  const settings = { ...parseSettings(before.settings_json), ...(input.settings ?? {}) };
  const patch = { name: input.name ?? before.name, settings_json: JSON.stringify(settings), updated_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await repo.updateTownship(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: id, action: 'township.update', entityType: 'township', entityId: id, before, after: patch });
  });
  return (await repo.findTownship(db, id))!;
}

// ---- villages -------------------------------------------------------------------------------

export async function listVillages(db: Kysely<DB>, actor: Actor, townshipId: string, includeArchived = false): Promise<repo.VillageRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  return repo.listVillages(db, townshipId, includeArchived);
}

export interface VillageInput {
  name: string;
  code?: string | null;
  kind: VillageKind;
  sortOrder?: number;
}

async function assertVillageCode(db: Kysely<DB>, townshipCode: string, townshipId: string, code: string | null | undefined, exceptId?: string): Promise<void> {
  if (!code) return;
  if (!code.startsWith(townshipCode)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'code', message: `村（居）委会代码应以本镇代码 ${townshipCode} 开头` }]);
  }
  if (await repo.villageCodeTaken(db, townshipId, code, exceptId)) throw new AppError('CONFLICT', {}, [{ path: 'code', message: '该代码已被使用' }]);
}

/** Adds a village (or residents' committee) and its 村委会 unit. */
export async function createVillage(db: Kysely<DB>, actor: Actor, townshipId: string, input: VillageInput): Promise<repo.VillageRow> {
  const township = await getTownship(db, actor, townshipId);
  authorize(actor, 'village.manage');
  await assertVillageCode(db, township.code, townshipId, input.code);
  const now = nowIso();
  const row: repo.VillageRow = {
    id: newId(), township_id: townshipId, code: input.code ?? null, name: input.name, kind: input.kind,
    sort_order: input.sortOrder ?? 999, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertVillages(trx, [row]);
    await repo.insertUnits(trx, [{
      id: newId(), township_id: townshipId, name: input.name, type: 'village_committee', has_enforcement_power: false,
      village_id: row.id, contact_person: null, contact_phone: null, created_at: now, updated_at: now, archived_at: null,
    }]);
    await writeAudit(trx, actor, { townshipId, action: 'village.create', entityType: 'village', entityId: row.id, after: row });
  });
  return row;
}

async function loadVillage(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.VillageRow> {
  const v = await repo.findVillageInScope(db, id, await visibleTownshipIds(db, actor));
  if (!v) throw notFound('village');
  return v;
}

export async function updateVillage(db: Kysely<DB>, actor: Actor, id: string, input: Partial<VillageInput> & { archived?: boolean }): Promise<repo.VillageRow> {
  const before = await loadVillage(db, actor, id);
  authorize(actor, 'village.manage');
  const township = (await repo.findTownship(db, before.township_id))!;
  if (input.code !== undefined) await assertVillageCode(db, township.code, before.township_id, input.code, id);
  const now = nowIso();
  const patch = {
    name: input.name ?? before.name,
    code: input.code !== undefined ? input.code : before.code,
    kind: input.kind ?? before.kind,
    sort_order: input.sortOrder ?? before.sort_order,
    // Archived, never deleted: later reports and records still point at the village.
    archived_at: input.archived === undefined ? before.archived_at : input.archived ? (before.archived_at ?? now) : null,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateVillage(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: input.archived === true ? 'village.archive' : input.archived === false && before.archived_at ? 'village.restore' : 'village.update', entityType: 'village', entityId: id, before, after: patch });
  });
  return (await repo.findVillageInScope(db, id, [before.township_id]))!;
}

// ---- units ----------------------------------------------------------------------------------

export async function listUnits(db: Kysely<DB>, actor: Actor, townshipId: string, includeArchived = false): Promise<repo.UnitRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  return repo.listUnits(db, townshipId, includeArchived);
}

export interface UnitInput {
  name: string;
  type: UnitType;
  hasEnforcementPower: boolean;
  villageId?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
}

async function assertUnitVillage(db: Kysely<DB>, townshipId: string, type: UnitType, villageId: string | null | undefined): Promise<void> {
  if (type === 'village_committee' && !villageId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'villageId', message: '村（居）委会单位须选择所属村' }]);
  if (villageId && !(await repo.findVillageInScope(db, villageId, [townshipId]))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'villageId', message: '所选村不属于本镇' }]);
  }
}

export async function createUnit(db: Kysely<DB>, actor: Actor, townshipId: string, input: UnitInput): Promise<repo.UnitRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'unit.manage');
  await assertUnitVillage(db, townshipId, input.type, input.villageId);
  const now = nowIso();
  const row: repo.UnitRow = {
    id: newId(), township_id: townshipId, name: input.name, type: input.type,
    has_enforcement_power: input.hasEnforcementPower, village_id: input.villageId ?? null,
    contact_person: input.contactPerson ?? null, contact_phone: input.contactPhone ?? null,
    created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertUnits(trx, [row]);
    await writeAudit(trx, actor, { townshipId, action: 'unit.create', entityType: 'unit', entityId: row.id, after: row });
  });
  return row;
}

export async function updateUnit(db: Kysely<DB>, actor: Actor, id: string, input: Partial<UnitInput> & { archived?: boolean }): Promise<repo.UnitRow> {
  const before = await repo.findUnitInScope(db, id, await visibleTownshipIds(db, actor));
  if (!before) throw notFound('unit');
  authorize(actor, 'unit.manage');
  const type = input.type ?? before.type;
  const villageId = input.villageId !== undefined ? input.villageId : before.village_id;
  await assertUnitVillage(db, before.township_id, type, villageId);
  const now = nowIso();
  const patch = {
    name: input.name ?? before.name,
    type,
    has_enforcement_power: input.hasEnforcementPower ?? before.has_enforcement_power,
    village_id: villageId,
    contact_person: input.contactPerson !== undefined ? input.contactPerson : before.contact_person,
    contact_phone: input.contactPhone !== undefined ? input.contactPhone : before.contact_phone,
    archived_at: input.archived === undefined ? before.archived_at : input.archived ? (before.archived_at ?? now) : null,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateUnit(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: input.archived === true ? 'unit.archive' : input.archived === false && before.archived_at ? 'unit.restore' : 'unit.update', entityType: 'unit', entityId: id, before, after: patch });
  });
  return (await repo.findUnitInScope(db, id, [before.township_id]))!;
}
