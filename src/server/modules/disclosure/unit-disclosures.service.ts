import type { Kysely } from 'kysely';
import { compareDays, isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import type { UnitRow } from '../townships/townships.repository.js';
import { canMaintainUnit, loadUnitFor } from './disclosure.access.js';
import * as repo from './disclosure.repository.js';

/**
 * 政务公开 and 校务公开: what a government office, station or school discloses: its procedures
 * (办事程序) and fee standards (收费标准), with anything else it publishes. Each disclosure is a
 * draft until published; a published one is kept as it was, and a newer one is added beside it,
 * so the portal shows the history.
 */
export interface UnitDisclosureInput {
  title?: string;
  procedures?: string;
  feeStandards?: string;
  otherContent?: string | null;
}

/** A school discloses school affairs; every other unit (but a village committee) government affairs. */
export function disclosureKindOf(unit: Pick<UnitRow, 'type'>): 'government' | 'school' | null {
  if (unit.type === 'village_committee') return null;
  return unit.type === 'school' ? 'school' : 'government';
}

export async function listUnitDisclosures(db: Kysely<DB>, actor: Actor, unitId: string): Promise<{ unit: UnitRow; items: repo.UnitDisclosureRow[]; canMaintain: boolean }> {
  const unit = await loadUnitFor(db, actor, unitId, 'read');
  return { unit, items: await repo.listUnitDisclosures(db, unit.id), canMaintain: canMaintainUnit(actor, unit.id) };
}

async function loadDisclosure(db: Kysely<DB>, actor: Actor, id: string, mode: 'read' | 'write'): Promise<repo.UnitDisclosureRow> {
  const row = await repo.findUnitDisclosureInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('unit_disclosure');
  await loadUnitFor(db, actor, row.unit_id, mode);
  return row;
}

export async function createUnitDisclosure(db: Kysely<DB>, actor: Actor, unitId: string, input: UnitDisclosureInput): Promise<repo.UnitDisclosureRow> {
  const unit = await loadUnitFor(db, actor, unitId, 'write');
  const kind = disclosureKindOf(unit);
  if (!kind) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'unitId', message: '村（居）委会的公开请在村务公开中办理' }]);
  const now = nowIso();
  const row: repo.UnitDisclosureRow = {
    id: newId(), township_id: unit.township_id, unit_id: unit.id, kind,
    title: input.title?.trim() || `${unit.name}${kind === 'school' ? '校务公开' : '政务公开'}`,
    procedures: input.procedures?.trim() ?? '', fee_standards: input.feeStandards?.trim() ?? '', other_content: input.otherContent?.trim() || null,
    status: 'draft', published_on: null, published_by: null, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertUnitDisclosure(trx, row);
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'unit_disclosure.create', entityType: 'unit_disclosure', entityId: row.id, after: row });
  });
  return row;
}

export async function updateUnitDisclosure(db: Kysely<DB>, actor: Actor, id: string, input: UnitDisclosureInput): Promise<repo.UnitDisclosureRow> {
  const before = await loadDisclosure(db, actor, id, 'write');
  if (before.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
  const patch: Partial<repo.UnitDisclosureRow> = { updated_at: nowIso() };
  if (input.title !== undefined) patch.title = input.title.trim();
  if (input.procedures !== undefined) patch.procedures = input.procedures.trim();
  if (input.feeStandards !== undefined) patch.fee_standards = input.feeStandards.trim();
  if (input.otherContent !== undefined) patch.other_content = input.otherContent?.trim() || null;
  await db.transaction().execute(async (trx) => {
    await repo.updateUnitDisclosure(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'unit_disclosure.update', entityType: 'unit_disclosure', entityId: id, before, after: patch });
  });
  return { ...before, ...patch };
}

export async function publishUnitDisclosure(db: Kysely<DB>, actor: Actor, id: string, publishedOn?: string): Promise<repo.UnitDisclosureRow> {
  const before = await loadDisclosure(db, actor, id, 'write');
  if (before.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
  const today = todayInShanghai();
  const day = publishedOn ?? today;
  const problems: FieldError[] = [];
  if (!isValidDay(day) || compareDays(day, today) > 0) problems.push({ path: 'publishedOn', message: '公布日期不能晚于今天' });
  if (!before.title.trim()) problems.push({ path: 'title', message: 'required' });
  if (!before.procedures.trim()) problems.push({ path: 'procedures', message: 'required' });
  if (!before.fee_standards.trim()) problems.push({ path: 'feeStandards', message: 'required' });
  if (problems.length) throw new AppError('DISCLOSURE_INCOMPLETE', {}, problems);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateUnitDisclosure(trx, id, { status: 'published', published_on: day, published_by: actor.id, updated_at: now });
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'unit_disclosure.publish', entityType: 'unit_disclosure', entityId: id, after: { publishedOn: day } });
  });
  return { ...before, status: 'published', published_on: day, published_by: actor.id, updated_at: now };
}

/** Discards a draft. */
export async function discardUnitDisclosure(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const before = await loadDisclosure(db, actor, id, 'write');
  if (before.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateUnitDisclosure(trx, id, { archived_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'unit_disclosure.discard', entityType: 'unit_disclosure', entityId: id, before: { title: before.title } });
  });
}
