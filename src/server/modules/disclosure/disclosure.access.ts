import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { findUnitInScope, findVillageInScope, type UnitRow, type VillageRow } from '../townships/townships.repository.js';

/**
 * Who may see and change disclosures. The township is the tenancy boundary (another township:
 * 404). Inside it, a unit handler is bound to their unit and a village clerk to their village:
 * another unit or village is 404 to them, as if it did not exist. The office (disclosure.manage)
 * maintains everything; the presidium and the county read (disclosure.read).
 */
export type AccessMode = 'read' | 'write';

/** A unit the actor may read or maintain disclosures of, or 404 / 403. */
export async function loadUnitFor(db: Kysely<DB>, actor: Actor, unitId: string, mode: AccessMode): Promise<UnitRow> {
  const unit = await findUnitInScope(db, unitId, await visibleTownshipIds(db, actor));
  if (!unit) throw notFound('unit');
  if (actor.role === 'unit_handler') {
    if (actor.unitId !== unit.id) throw notFound('unit');
    authorize(actor, 'disclosure.unit');
    return unit;
  }
  if (actor.role === 'village_clerk') throw notFound('unit');
  authorize(actor, mode === 'read' ? 'disclosure.read' : 'disclosure.manage');
  return unit;
}

/** A village the actor may read or maintain the disclosures of, or 404 / 403. */
export async function loadVillageFor(db: Kysely<DB>, actor: Actor, villageId: string, mode: AccessMode): Promise<VillageRow> {
  const village = await findVillageInScope(db, villageId, await visibleTownshipIds(db, actor));
  if (!village) throw notFound('village');
  if (actor.role === 'village_clerk') {
    if (actor.villageId !== village.id) throw notFound('village');
    authorize(actor, 'disclosure.village');
    return village;
  }
  if (actor.role === 'unit_handler') throw notFound('village');
  authorize(actor, mode === 'read' ? 'disclosure.read' : 'disclosure.manage');
  return village;
}

/** What part of a township the actor sees in the compliance lists. */
export interface TownshipView {
  /** Only this unit (a unit handler), or every unit. */
  unitId: string | null;
  /** Only this village (a village clerk), or every village. */
  villageId: string | null;
  /** Whether units (and villages) are shown at all. */
  showsUnits: boolean;
  showsVillages: boolean;
}

export async function townshipViewFor(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<TownshipView> {
  await assertTownshipInScope(db, actor, townshipId);
  if (actor.role === 'unit_handler') {
    authorize(actor, 'disclosure.unit');
    return { unitId: actor.unitId, villageId: null, showsUnits: true, showsVillages: false };
  }
  if (actor.role === 'village_clerk') {
    authorize(actor, 'disclosure.village');
    return { unitId: null, villageId: actor.villageId, showsUnits: false, showsVillages: true };
  }
  authorize(actor, 'disclosure.read');
  return { unitId: null, villageId: null, showsUnits: true, showsVillages: true };
}

/** Whether the actor may change a unit's or village's disclosures (for the UI). */
export function canMaintainUnit(actor: Actor, unitId: string): boolean {
  return can(actor, 'disclosure.manage') || (can(actor, 'disclosure.unit') && actor.unitId === unitId);
}

export function canMaintainVillage(actor: Actor, villageId: string): boolean {
  return can(actor, 'disclosure.manage') || (can(actor, 'disclosure.village') && actor.villageId === villageId);
}
