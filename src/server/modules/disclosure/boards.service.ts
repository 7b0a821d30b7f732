import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { compareDays, isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import type { Upload } from '../../http/uploads.js';
import { systemClock, type Clock } from '../../clock.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { storeUpload } from '../duty/activities.service.js';
import { uploadsRoot } from '../../http/uploads.js';
import type { UnitRow } from '../townships/townships.repository.js';
import { canMaintainUnit, loadUnitFor } from './disclosure.access.js';
import * as repo from './disclosure.repository.js';

/**
 * 执法责任制公示: the law-enforcement responsibility board of a unit holding enforcement power,
 * with the ten parts every board shows (DOMAIN.md, 依法治镇). Versions: a draft is edited, then
 * published; a published version never changes, and publishing the next one supersedes it.
 */
export const BOARD_FIELDS = [
  ['scope', '执法范围'],
  ['basis', '执法依据'],
  ['responsibility', '执法责任'],
  ['division_of_work', '执法分工'],
  ['procedure', '办事程序'],
  ['fee_standards', '收费标准'],
  ['accountability', '违法追究程序'],
  ['service_commitment', '服务承诺'],
  ['party_rights', '当事人权利'],
  ['supervision', '监督措施'],
] as const;
export type BoardField = (typeof BOARD_FIELDS)[number][0];

/** The API's camelCase names of the ten fields. */
export const BOARD_FIELD_KEYS: Record<BoardField, string> = {
  scope: 'scope', basis: 'basis', responsibility: 'responsibility', division_of_work: 'divisionOfWork', procedure: 'procedure',
  fee_standards: 'feeStandards', accountability: 'accountability', service_commitment: 'serviceCommitment', party_rights: 'partyRights', supervision: 'supervision',
};

export interface BoardInput {
  title?: string;
  fields?: Partial<Record<BoardField, string>>;
}

export interface UnitBoards {
  unit: UnitRow;
  boards: repo.BoardRow[];
  checks: repo.CheckRow[];
  canMaintain: boolean;
}

/** A unit's board versions (newest first) and the checks that they were up. */
export async function listBoards(db: Kysely<DB>, actor: Actor, unitId: string): Promise<UnitBoards> {
  const unit = await loadUnitFor(db, actor, unitId, 'read');
  const boards = await repo.listBoardsOfUnit(db, unit.id);
  const checks = await repo.listChecks(db, boards.map((b) => b.id));
  return { unit, boards, checks, canMaintain: canMaintainUnit(actor, unit.id) };
}

async function loadBoard(db: Kysely<DB>, actor: Actor, id: string, mode: 'read' | 'write'): Promise<{ board: repo.BoardRow; unit: UnitRow }> {
  const board = await repo.findBoardInScope(db, id, await visibleTownshipIds(db, actor));
  if (!board) throw notFound('enforcement_board');
  const unit = await loadUnitFor(db, actor, board.unit_id, mode);
  return { board, unit };
}

export async function getBoard(db: Kysely<DB>, actor: Actor, id: string): Promise<{ board: repo.BoardRow; unit: UnitRow; checks: repo.CheckRow[]; canMaintain: boolean }> {
  const { board, unit } = await loadBoard(db, actor, id, 'read');
  return { board, unit, checks: await repo.listChecks(db, [id]), canMaintain: canMaintainUnit(actor, unit.id) };
}

function applyFields(row: Partial<repo.BoardRow>, input: BoardInput): void {
  if (input.title !== undefined) row.title = input.title.trim();
  for (const [field] of BOARD_FIELDS) {
    const value = input.fields?.[field];
    if (value !== undefined) row[field] = value.trim();
  }
}

/**
 * Starts a new version of a unit's board as a draft: from the input, else a copy of the current
 * published version. One draft at a time.
 */
export async function createBoard(db: Kysely<DB>, actor: Actor, unitId: string, input: BoardInput): Promise<repo.BoardRow> {
  const unit = await loadUnitFor(db, actor, unitId, 'write');
  if (!unit.has_enforcement_power) throw new AppError('UNIT_NOT_ENFORCEMENT');
  const existing = await repo.listBoardsOfUnit(db, unit.id);
  if (existing.some((b) => b.status === 'draft')) throw new AppError('CONFLICT');
  const current = existing.find((b) => b.status === 'published');
  const now = nowIso();
  const row: repo.BoardRow = {
    id: newId(), township_id: unit.township_id, unit_id: unit.id, version: await repo.nextBoardVersion(db, unit.id), status: 'draft',
    title: current?.title ?? `${unit.name}执法责任制公示`,
    scope: current?.scope ?? '', basis: current?.basis ?? '', responsibility: current?.responsibility ?? '', division_of_work: current?.division_of_work ?? '',
    procedure: current?.procedure ?? '', fee_standards: current?.fee_standards ?? '', accountability: current?.accountability ?? '',
    service_commitment: current?.service_commitment ?? '', party_rights: current?.party_rights ?? '', supervision: current?.supervision ?? '',
    published_on: null, published_by: null, superseded_on: null, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  applyFields(row, input);
  await db.transaction().execute(async (trx) => {
    await repo.insertBoard(trx, row);
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'enforcement_board.create', entityType: 'enforcement_board', entityId: row.id, after: row });
  });
  return row;
}

function assertDraft(board: { status: string }): void {
  if (board.status !== 'draft') throw new AppError('DISCLOSURE_PUBLISHED');
}

export async function updateBoard(db: Kysely<DB>, actor: Actor, id: string, input: BoardInput): Promise<repo.BoardRow> {
  const { board } = await loadBoard(db, actor, id, 'write');
  assertDraft(board);
  const patch: Partial<repo.BoardRow> = { updated_at: nowIso() };
  applyFields(patch, input);
  await db.transaction().execute(async (trx) => {
    await repo.updateBoard(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: board.township_id, action: 'enforcement_board.update', entityType: 'enforcement_board', entityId: id, before: board, after: patch });
  });
  return { ...board, ...patch };
}

/** Discards a draft version. */
export async function discardBoard(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const { board } = await loadBoard(db, actor, id, 'write');
  assertDraft(board);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateBoard(trx, id, { archived_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: board.township_id, action: 'enforcement_board.discard', entityType: 'enforcement_board', entityId: id, before: { version: board.version } });
  });
}

/** Publishes a draft: every one of the ten parts must be filled in; the previous version is superseded. */
export async function publishBoard(db: Kysely<DB>, actor: Actor, id: string, publishedOn?: string): Promise<repo.BoardRow> {
  const { board } = await loadBoard(db, actor, id, 'write');
  assertDraft(board);
  const today = todayInShanghai();
  const day = publishedOn ?? today;
  const problems: FieldError[] = [];
  if (!isValidDay(day) || compareDays(day, today) > 0) problems.push({ path: 'publishedOn', message: '公布日期不能晚于今天' });
  if (!board.title.trim()) problems.push({ path: 'title', message: 'required' });
  for (const [field] of BOARD_FIELDS) if (!board[field].trim()) problems.push({ path: BOARD_FIELD_KEYS[field], message: 'required' });
  if (problems.length) throw new AppError('DISCLOSURE_INCOMPLETE', {}, problems);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.supersedeBoards(trx, board.unit_id, id, day, now);
    await repo.updateBoard(trx, id, { status: 'published', published_on: day, published_by: actor.id, updated_at: now });
    await writeAudit(trx, actor, { townshipId: board.township_id, action: 'enforcement_board.publish', entityType: 'enforcement_board', entityId: id, after: { version: board.version, publishedOn: day } });
  });
  return { ...board, status: 'published', published_on: day, published_by: actor.id, updated_at: now };
}

/** Records that the published board is up on the unit's 公示栏: a photo (jpg/png) and the day checked. */
export async function addCheck(
  db: Kysely<DB>, actor: Actor, dataDir: string, id: string, input: { checkedOn: string; note?: string | null }, upload: Upload, clock: Clock = systemClock,
): Promise<repo.CheckRow> {
  const { board } = await loadBoard(db, actor, id, 'write');
  if (board.status !== 'published') throw new AppError('VALIDATION_FAILED', {}, [{ path: 'boardId', message: '只能为现行（已公布）的公示栏上传照片' }]);
  if (!isValidDay(input.checkedOn) || compareDays(input.checkedOn, clock.today()) > 0 || (board.published_on && compareDays(input.checkedOn, board.published_on) < 0)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'checkedOn', message: '检查日期应在公布日期和今天之间' }]);
  }
  const f = await storeUpload(dataDir, board.township_id, upload);
  const row: repo.CheckRow = {
    id: f.id, township_id: board.township_id, board_id: id, checked_on: input.checkedOn, note: input.note?.trim() || null, file_name: f.fileName,
    mime: f.mime, size_bytes: f.size, sha256: f.sha256, storage_key: f.storageKey, uploaded_by: actor.id, created_at: clock.now(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertCheck(trx, row);
      await writeAudit(trx, actor, { townshipId: board.township_id, action: 'enforcement_board.check', entityType: 'enforcement_board', entityId: id, after: { checkId: row.id, checkedOn: row.checked_on, fileName: row.file_name } });
    });
  } catch (err) {
    await fs.rm(f.target, { force: true });
    throw err;
  }
  return row;
}

export async function getCheckPhoto(db: Kysely<DB>, actor: Actor, dataDir: string, checkId: string): Promise<{ row: repo.CheckRow; filePath: string }> {
  const row = await repo.findCheckInScope(db, checkId, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('enforcement_board_check');
  await loadBoard(db, actor, row.board_id, 'read');
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}
