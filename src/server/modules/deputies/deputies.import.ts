import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { maskResidentId } from '../../../domain/resident-id.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { findTownship } from '../townships/townships.repository.js';
import { parseSettings } from '../townships/townships.service.js';
import * as repo from './deputies.repository.js';
import { checkDeputy, type DeputyInput } from './deputies.rules.js';
import { toDeputyRow } from './deputies.service.js';
import {
  buildErrorReport, buildRosterSheet, buildTemplate, GENDER_LABELS, LEVEL_LABELS, readDeputySheet, SHEET_COLUMNS,
  SheetFormatError, sheetRowToInput, type SheetRow,
} from './deputies.sheet.js';

/** Field of a deputy input → the sheet column that holds it. */
const COLUMN_OF: Partial<Record<keyof DeputyInput, string>> = {
  name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '身份证号', party: '政治面貌',
  education: '文化程度', occupation: '职业类别', workplace: '工作单位及职务', level: '代表层级', termNumber: '届次',
  constituencyId: '选区', groupId: '代表小组', phone: '联系电话', mandateStart: '任期开始', mandateEnd: '任期结束', endReason: '终止原因',
};

export interface ImportProblem {
  row: number;
  column: string;
  reason: string;
}

export interface ImportCheck {
  rowCount: number;
  problems: ImportProblem[];
  /** Constituency and group names that `createMissing` would create. */
  missingConstituencies: string[];
  missingGroups: string[];
}

interface Prepared extends ImportCheck {
  rows: SheetRow[];
  inputs: DeputyInput[];
  constituencyNames: Map<string, string>;
  groupNames: Map<string, string>;
}

async function readOrThrow(buffer: Buffer) {
  try {
    return await readDeputySheet(buffer);
  } catch (err) {
    if (err instanceof SheetFormatError) {
      const [kind, detail] = err.message.split(':');
      throw new AppError('IMPORT_FILE_INVALID', { reason: kind === 'missing_columns' ? `缺少必填列：${detail}` : kind === 'no_sheet' ? '文件中没有工作表' : '不是有效的 .xlsx 文件' });
    }
    throw err;
  }
}

/**
 * Reads and checks every row without writing: required cells, choices, the 身份证号 check
 * digit, agreement of birth date and gender with it, duplicates inside the file and against the
 * township's roster, and unknown constituencies or groups (unless `createMissing`).
 */
async function prepare(db: Kysely<DB>, townshipId: string, buffer: Buffer, createMissing: boolean): Promise<Prepared> {
  const parsed = await readOrThrow(buffer);
  const township = await findTownship(db, townshipId);
  const settings = parseSettings(township!.settings_json);
  const [constituencies, groups, existing] = await Promise.all([
    repo.listConstituencies(db, townshipId), repo.listGroups(db, townshipId), repo.existingIdNumbers(db, townshipId),
  ]);
  const constituencyNames = new Map(constituencies.map((c) => [c.name, c.id]));
  const groupNames = new Map(groups.map((g) => [g.name, g.id]));
  const missingConstituencies = new Set<string>();
  const missingGroups = new Set<string>();
  const lookups = {
    constituencyId: (name: string) => constituencyNames.get(name) ?? (createMissing ? (missingConstituencies.add(name), `new:${name}`) : null),
    groupId: (name: string) => groupNames.get(name) ?? (createMissing ? (missingGroups.add(name), `new:${name}`) : null),
  };
  const ctx = { occupations: settings.occupations, today: todayInShanghai() };
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const inputs: DeputyInput[] = [];
  for (const row of parsed) {
    const rowProblems = [...row.problems];
    const { input, problems: mapProblems } = sheetRowToInput(row.cells, lookups);
    rowProblems.push(...mapProblems);
    if (row.problems.length === 0) {
      for (const p of checkDeputy(input, ctx)) {
        const column = COLUMN_OF[p.field] ?? String(p.field);
        if (!rowProblems.some((x) => x.column === column)) rowProblems.push({ column, reason: p.reason });
      }
    }
    const key = repo.idNumberKey(input.level, input.termNumber, input.idNumber);
    if (input.idNumber) {
      const first = seen.get(key);
      if (first !== undefined) rowProblems.push({ column: '身份证号', reason: `与第${first}行重复` });
      else seen.set(key, row.excelRow);
      if (existing.has(key)) rowProblems.push({ column: '身份证号', reason: `本镇第${input.termNumber}届已有该身份证号（${maskResidentId(input.idNumber.trim().toUpperCase())}）的代表` });
    }
    for (const p of rowProblems) problems.push({ row: row.excelRow, ...p });
    inputs.push(input);
  }
  return {
    rowCount: parsed.length, problems, rows: parsed.map((p) => p.cells), inputs, constituencyNames, groupNames,
    missingConstituencies: [...missingConstituencies], missingGroups: [...missingGroups],
  };
}

async function authorizeImport(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<void> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
}

/** Checks an uploaded sheet and reports every problem by row and column; writes nothing. */
export async function checkDeputyImport(db: Kysely<DB>, actor: Actor, townshipId: string, buffer: Buffer, createMissing = false): Promise<ImportCheck> {
  await authorizeImport(db, actor, townshipId);
  const { rowCount, problems, missingConstituencies, missingGroups } = await prepare(db, townshipId, buffer, createMissing);
  return { rowCount, problems, missingConstituencies, missingGroups };
}

/** The uploaded sheet with a 错误原因 column naming each problem of each row. */
export async function deputyImportErrorReport(db: Kysely<DB>, actor: Actor, townshipId: string, buffer: Buffer, createMissing = false): Promise<Buffer> {
  await authorizeImport(db, actor, townshipId);
  const prepared = await prepare(db, townshipId, buffer, createMissing);
  const township = await findTownship(db, townshipId);
  const firstRow = 2;
  const rowIndexOf = new Map<number, number>();
  const parsedRows = await readDeputySheet(buffer);
  parsedRows.forEach((r, i) => rowIndexOf.set(r.excelRow, i));
  const errors = new Map<number, string>();
  for (const p of prepared.problems) {
    const i = rowIndexOf.get(p.row) ?? p.row - firstRow;
    errors.set(i, [errors.get(i), `${p.column}：${p.reason}`].filter(Boolean).join('；'));
  }
  return buildErrorReport(prepared.rows, errors, parseSettings(township!.settings_json).occupations);
}

/**
 * Imports the sheet: all rows or none. One bad row means nothing is written and the answer
 * names every bad row, column and reason.
 */
export async function importDeputies(db: Kysely<DB>, actor: Actor, townshipId: string, buffer: Buffer, createMissing = false): Promise<{ imported: number; createdConstituencies: number; createdGroups: number }> {
  await authorizeImport(db, actor, townshipId);
  const prepared = await prepare(db, townshipId, buffer, createMissing);
  if (prepared.rowCount === 0) throw new AppError('IMPORT_FILE_INVALID', { reason: '表中没有数据行' });
  if (prepared.problems.length) {
    throw new AppError('IMPORT_INVALID', { rows: new Set(prepared.problems.map((p) => p.row)).size },
      prepared.problems.slice(0, 500).map((p) => ({ path: `${p.row}.${p.column}`, message: p.reason })));
  }
  const now = nowIso();
  const newIds = new Map<string, string>();
  const resolve = (ref: string | null | undefined) => (ref?.startsWith('new:') ? newIds.get(ref)! : (ref ?? null));
  await db.transaction().execute(async (trx) => {
    for (const name of prepared.missingConstituencies) {
      const id = newId();
      newIds.set(`new:${name}`, id);
      await repo.insertConstituency(trx, { id, township_id: townshipId, name, registered_voters: 0, seats: 1, created_at: now, updated_at: now, archived_at: null });
    }
    for (const name of prepared.missingGroups) {
      const id = newId();
      newIds.set(`new:${name}`, id);
      await repo.insertGroup(trx, { id, township_id: townshipId, name, leader_deputy_id: null, created_at: now, updated_at: now, archived_at: null });
    }
    const rows = prepared.inputs.map((input) => toDeputyRow(newId(), townshipId, { ...input, constituencyId: resolve(input.constituencyId), groupId: resolve(input.groupId) }, now));
    await repo.insertDeputies(trx, rows);
    await writeAudit(trx, actor, {
      townshipId, action: 'deputy.import', entityType: 'deputy', entityId: null,
      after: { count: rows.length, ids: rows.map((r) => r.id), createdConstituencies: prepared.missingConstituencies, createdGroups: prepared.missingGroups },
    });
  });
  return { imported: prepared.inputs.length, createdConstituencies: prepared.missingConstituencies.length, createdGroups: prepared.missingGroups.length };
}

export async function deputyImportTemplate(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<Buffer> {
  await authorizeImport(db, actor, townshipId);
  const township = await findTownship(db, townshipId);
  return buildTemplate(parseSettings(township!.settings_json).occupations);
}

/**
 * The roster as .xlsx with the import columns, full 身份证号 and phone included: personal data
 * (个人信息保护法), so only the office may export and each export is audited.
 */
export async function exportDeputies(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<Buffer> {
  await authorizeImport(db, actor, townshipId);
  authorize(actor, 'personal.reveal');
  const [deputies, constituencies, groups, township] = await Promise.all([
    repo.listDeputies(db, townshipId), repo.listConstituencies(db, townshipId), repo.listGroups(db, townshipId), findTownship(db, townshipId),
  ]);
  const cName = new Map(constituencies.map((c) => [c.id, c.name]));
  const gName = new Map(groups.map((g) => [g.id, g.name]));
  const rows: SheetRow[] = deputies.map((d) => ({
    name: d.name, gender: GENDER_LABELS[d.gender], ethnicity: d.ethnicity, birthDate: d.birth_date, idNumber: d.id_number,
    party: d.party, education: d.education, occupation: d.occupation, workplace: d.workplace ?? '', level: LEVEL_LABELS[d.level],
    termNumber: String(d.term_number), constituency: d.constituency_id ? (cName.get(d.constituency_id) ?? '') : '',
    group: d.group_id ? (gName.get(d.group_id) ?? '') : '', phone: d.phone ?? '', mandateStart: d.mandate_start,
    mandateEnd: d.mandate_end ?? '', endReason: d.end_reason ?? '', holdsGovernmentPost: d.has_government_post ? '是' : '否',
  }));
  await db.transaction().execute(async (trx) => {
    await writeAudit(trx, actor, { townshipId, action: 'deputy.export', entityType: 'deputy', entityId: null, after: { count: rows.length, columns: SHEET_COLUMNS.map((c) => c.key) } });
  });
  return buildRosterSheet(rows, parseSettings(township!.settings_json).occupations);
}
