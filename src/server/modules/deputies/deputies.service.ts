import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { normalizePhone } from '../../../domain/phone.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { findTownship } from '../townships/townships.repository.js';
import { parseSettings } from '../townships/townships.service.js';
import { createUser } from '../users/users.service.js';
import * as repo from './deputies.repository.js';
import { checkDeputy, type DeputyInput, type DeputyProblem } from './deputies.rules.js';

/** Fields a deputy may change on their own record; the rest is the office's. */
export const SELF_EDITABLE_FIELDS = ['phone', 'education', 'workplace'] as const;

/** Throws VALIDATION_FAILED listing every problem, each under its field. */
function assertNoProblems(problems: DeputyProblem[]): void {
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems.map((p) => ({ path: p.field, message: p.reason })));
}

async function checkContext(db: Kysely<DB>, townshipId: string) {
  const township = await findTownship(db, townshipId);
  return { occupations: parseSettings(township!.settings_json).occupations, today: todayInShanghai() };
}

/** Checks that a constituency and group named by id belong to the township. */
async function checkReferences(db: Kysely<DB>, townshipId: string, input: Partial<DeputyInput>): Promise<DeputyProblem[]> {
  const problems: DeputyProblem[] = [];
  if (input.constituencyId && !(await repo.findConstituencyInScope(db, input.constituencyId, [townshipId]))) problems.push({ field: 'constituencyId', reason: '选区不存在' });
  if (input.groupId && !(await repo.findGroupInScope(db, input.groupId, [townshipId]))) problems.push({ field: 'groupId', reason: '代表小组不存在' });
  return problems;
}

/** Maps a checked input to a row. */
export function toDeputyRow(id: string, townshipId: string, input: DeputyInput, now: string): repo.DeputyRow {
  return {
    id,
    township_id: townshipId,
    level: input.level,
    term_number: input.termNumber,
    name: input.name.trim(),
    gender: input.gender,
    ethnicity: input.ethnicity.trim(),
    birth_date: input.birthDate,
    id_number: input.idNumber.trim().toUpperCase(),
    party: input.party.trim(),
    education: input.education.trim(),
    occupation: input.occupation,
    workplace: input.workplace?.trim() || null,
    constituency_id: input.constituencyId ?? null,
    group_id: input.groupId ?? null,
    phone: input.phone ? normalizePhone(input.phone) : null,
    mandate_start: input.mandateStart,
    mandate_end: input.mandateEnd ?? null,
    end_reason: input.mandateEnd ? (input.endReason?.trim() ?? null) : null,
    has_government_post: input.holdsGovernmentPost ?? false,
    user_id: null,
    created_at: now,
    updated_at: now,
  };
}

export async function listDeputies(db: Kysely<DB>, actor: Actor, townshipId: string, filter: repo.DeputyFilter): Promise<repo.DeputyRow[]> {
  await assertTownshipInScope(db, actor, townshipId);
  return repo.listDeputies(db, townshipId, filter);
}

/** A deputy in the actor's township scope, or 404 (callers check what the actor may do with it). */
export async function getDeputy(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.DeputyRow> {
  const d = await repo.findDeputyInScope(db, id, await visibleTownshipIds(db, actor));
  if (!d) throw notFound('deputy');
  return d;
}

/**
 * Who may read a deputy's roster record (birth date, party, workplace, masked numbers), under the
 * minimum-necessary principle of 个人信息保护法: the office and the presidium, which keep and use
 * the roster (deputy.manage, duty.read), the county, and the deputy their own. Another deputy, a
 * unit handler and a village clerk need no one's roster record: a unit handler reaches the author
 * of a suggestion through the suggestion (its audited contact reveal), and the co-signer and
 * participant pickers use names from the list.
 */
export function canReadDeputy(actor: Actor, d: repo.DeputyRow): boolean {
  return (actor.role === 'deputy' && d.user_id === actor.id) || can(actor, 'deputy.manage') || can(actor, 'duty.read');
}

/** A deputy record the actor may read; any other is 404, as if it did not exist. */
export async function readDeputy(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.DeputyRow> {
  const d = await getDeputy(db, actor, id);
  if (!canReadDeputy(actor, d)) throw notFound('deputy');
  return d;
}

export async function createDeputy(db: Kysely<DB>, actor: Actor, townshipId: string, input: DeputyInput): Promise<repo.DeputyRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
  assertNoProblems([...checkDeputy(input, await checkContext(db, townshipId)), ...(await checkReferences(db, townshipId, input))]);
  const existing = await repo.existingIdNumbers(db, townshipId);
  if (existing.has(repo.idNumberKey(input.level, input.termNumber, input.idNumber))) {
    throw new AppError('CONFLICT', {}, [{ path: 'idNumber', message: '本届已有该身份证号的代表' }]);
  }
  const row = toDeputyRow(newId(), townshipId, input, nowIso());
  await db.transaction().execute(async (trx) => {
    await repo.insertDeputies(trx, [row]);
    await writeAudit(trx, actor, { townshipId, action: 'deputy.create', entityType: 'deputy', entityId: row.id, after: row });
  });
  return row;
}

/**
 * Updates a deputy. The office changes any field; a deputy changes only their own phone,
 * education and workplace (SELF_EDITABLE_FIELDS); a reader who may not change it gets 403, anyone
 * else 404 (readDeputy).
 */
export async function updateDeputy(db: Kysely<DB>, actor: Actor, id: string, input: Partial<DeputyInput>): Promise<repo.DeputyRow> {
  // A record the actor may not read (another deputy's, any for a unit handler or a village
  // clerk) is 404; one they may read but not change is 403.
  const before = await readDeputy(db, actor, id);
  const isSelf = actor.role === 'deputy' && before.user_id === actor.id;
  if (!can(actor, 'deputy.manage')) {
    const fields = Object.keys(input);
    if (!isSelf || fields.some((f) => !(SELF_EDITABLE_FIELDS as readonly string[]).includes(f))) throw new AppError('FORBIDDEN');
  }
  const merged: DeputyInput = {
    level: input.level ?? before.level,
    termNumber: input.termNumber ?? before.term_number,
    name: input.name ?? before.name,
    gender: input.gender ?? before.gender,
    ethnicity: input.ethnicity ?? before.ethnicity,
    birthDate: input.birthDate ?? before.birth_date,
    idNumber: input.idNumber ?? before.id_number,
    party: input.party ?? before.party,
    education: input.education ?? before.education,
    occupation: input.occupation ?? before.occupation,
    workplace: input.workplace !== undefined ? input.workplace : before.workplace,
    constituencyId: input.constituencyId !== undefined ? input.constituencyId : before.constituency_id,
    groupId: input.groupId !== undefined ? input.groupId : before.group_id,
    phone: input.phone !== undefined ? input.phone : before.phone,
    mandateStart: input.mandateStart ?? before.mandate_start,
    mandateEnd: input.mandateEnd !== undefined ? input.mandateEnd : before.mandate_end,
    endReason: input.endReason !== undefined ? input.endReason : before.end_reason,
    holdsGovernmentPost: input.holdsGovernmentPost ?? before.has_government_post,
  };
  const ctx = await checkContext(db, before.township_id);
  // A category removed from the list later does not block edits of an older record.
  if (!ctx.occupations.includes(before.occupation)) ctx.occupations = [...ctx.occupations, before.occupation];
  assertNoProblems([...checkDeputy(merged, ctx), ...(await checkReferences(db, before.township_id, input))]);
  const key = repo.idNumberKey(merged.level, merged.termNumber, merged.idNumber);
  if (key !== repo.idNumberKey(before.level, before.term_number, before.id_number) && (await repo.existingIdNumbers(db, before.township_id)).has(key)) {
    throw new AppError('CONFLICT', {}, [{ path: 'idNumber', message: '本届已有该身份证号的代表' }]);
  }
  const row = toDeputyRow(id, before.township_id, merged, nowIso());
  const { id: _id, township_id: _t, created_at: _c, user_id: _u, ...patch } = row;
  await db.transaction().execute(async (trx) => {
    await repo.updateDeputy(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'deputy.update', entityType: 'deputy', entityId: id, before, after: patch });
  });
  return (await repo.findDeputyInScope(db, id, [before.township_id]))!;
}

/**
 * Shows a deputy's full 身份证号 and phone (个人信息保护法): to the office, or to the deputy
 * themselves. Every reveal is audited with who looked.
 */
export async function revealPersonalData(db: Kysely<DB>, actor: Actor, id: string): Promise<{ idNumber: string; phone: string | null }> {
  // A record the actor may not read does not exist for them (404); the presidium reads but may not reveal (403).
  const d = await readDeputy(db, actor, id);
  const isSelf = actor.role === 'deputy' && d.user_id === actor.id;
  if (!isSelf && !can(actor, 'personal.reveal')) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    await writeAudit(trx, actor, { townshipId: d.township_id, action: 'deputy.reveal_personal', entityType: 'deputy', entityId: id, after: { fields: ['id_number', 'phone'] } });
  });
  return { idNumber: d.id_number, phone: d.phone };
}

/** Creates a login (role deputy) for a deputy and links it; returns the temporary password. */
export async function createDeputyAccount(db: Kysely<DB>, actor: Actor, id: string, username: string): Promise<{ username: string; temporaryPassword: string }> {
  const d = await readDeputy(db, actor, id);
  authorize(actor, 'deputy.manage');
  authorize(actor, 'user.manage');
  if (d.user_id) throw new AppError('CONFLICT', {}, [{ path: 'username', message: '该代表已有登录账号' }]);
  const { user, temporaryPassword } = await createUser(db, actor, { townshipId: d.township_id, username, displayName: d.name, role: 'deputy' });
  await db.transaction().execute(async (trx) => {
    await repo.updateDeputy(trx, id, { user_id: user.id, updated_at: nowIso() });
    await writeAudit(trx, actor, { townshipId: d.township_id, action: 'deputy.link_account', entityType: 'deputy', entityId: id, after: { user_id: user.id } });
  });
  return { username, temporaryPassword: temporaryPassword! };
}

/** The deputy record of the signed-in deputy, if any. */
export async function findOwnDeputy(db: Kysely<DB>, actor: Actor): Promise<repo.DeputyRow | undefined> {
  return repo.findDeputyByUser(db, actor.id);
}
