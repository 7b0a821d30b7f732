import type { Kysely } from 'kysely';
import { deputyGroupSizeOk } from '../../../domain/votes.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, PresidiumPosition } from '../../db/schema.js';
import { retryOnUniqueViolation } from '../../db/unique-violation.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { listVillages } from '../townships/townships.repository.js';
import * as repo from './deputies.repository.js';

// ---- constituencies (选区) ------------------------------------------------------------------

export interface ConstituencyInput {
  name: string;
  registeredVoters: number;
  seats: number;
  villageIds: string[];
}

export interface ConstituencyView extends repo.ConstituencyRow {
  villageIds: string[];
  deputyCount: number;
}

export async function listConstituencies(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<ConstituencyView[]> {
  await assertTownshipInScope(db, actor, townshipId);
  const [rows, links, deputies] = await Promise.all([
    repo.listConstituencies(db, townshipId),
    repo.constituencyVillages(db, townshipId),
    // Seats are the township congress's: county deputies elected here are not counted against them.
    repo.listDeputies(db, townshipId, { currentOnly: true, level: 'township' }),
  ]);
  return rows.map((c) => ({
    ...c,
    villageIds: links.filter((l) => l.constituency_id === c.id).map((l) => l.village_id),
    deputyCount: deputies.filter((d) => d.constituency_id === c.id).length,
  }));
}

async function assertVillagesOfTownship(db: Kysely<DB>, townshipId: string, villageIds: string[]): Promise<void> {
  const known = new Set((await listVillages(db, townshipId, true)).map((v) => v.id));
  const bad = villageIds.filter((v) => !known.has(v));
  if (bad.length) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'villageIds', message: '包含不属于本镇的村' }]);
}

export async function saveConstituency(db: Kysely<DB>, actor: Actor, townshipId: string, id: string | null, input: ConstituencyInput): Promise<repo.ConstituencyRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
  const before = id ? await repo.findConstituencyInScope(db, id, [townshipId]) : undefined;
  if (id && !before) throw notFound('constituency');
  if (await repo.constituencyNameTaken(db, townshipId, input.name, id ?? undefined)) throw new AppError('CONFLICT', {}, [{ path: 'name', message: '选区名称已存在' }]);
  await assertVillagesOfTownship(db, townshipId, input.villageIds);
  const now = nowIso();
  const row: repo.ConstituencyRow = {
    id: id ?? newId(), township_id: townshipId, name: input.name, registered_voters: input.registeredVoters, seats: input.seats,
    created_at: before?.created_at ?? now, updated_at: now, archived_at: before?.archived_at ?? null,
  };
  await db.transaction().execute(async (trx) => {
    if (before) await repo.updateConstituency(trx, row.id, { name: row.name, registered_voters: row.registered_voters, seats: row.seats, updated_at: now });
    else await repo.insertConstituency(trx, row);
    await repo.setConstituencyVillages(trx, townshipId, row.id, input.villageIds);
    await writeAudit(trx, actor, { townshipId, action: before ? 'constituency.update' : 'constituency.create', entityType: 'constituency', entityId: row.id, before, after: { ...row, villageIds: input.villageIds } });
  });
  return row;
}

/** Finds a constituency the actor can see, for routes addressed by id. */
export async function findConstituencyTownship(db: Kysely<DB>, actor: Actor, id: string): Promise<string> {
  const c = await repo.findConstituencyInScope(db, id, await visibleTownshipIds(db, actor));
  if (!c) throw notFound('constituency');
  return c.township_id;
}

// ---- deputy groups (代表小组) ------------------------------------------------------------------

export interface GroupView extends repo.GroupRow {
  memberCount: number;
  /** 'below_minimum': fewer than 3 serving members (地方组织法 第43条). */
  warnings: string[];
}

export async function listGroups(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<GroupView[]> {
  await assertTownshipInScope(db, actor, townshipId);
  const [rows, counts] = await Promise.all([repo.listGroups(db, townshipId), repo.groupMemberCounts(db, townshipId)]);
  return rows.map((g) => {
    const memberCount = counts.get(g.id) ?? 0;
    return { ...g, memberCount, warnings: deputyGroupSizeOk(memberCount) ? [] : ['below_minimum'] };
  });
}

export async function saveGroup(db: Kysely<DB>, actor: Actor, townshipId: string, id: string | null, input: { name: string; leaderDeputyId: string | null }): Promise<repo.GroupRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
  const before = id ? await repo.findGroupInScope(db, id, [townshipId]) : undefined;
  if (id && !before) throw notFound('group');
  if (await repo.groupNameTaken(db, townshipId, input.name, id ?? undefined)) throw new AppError('CONFLICT', {}, [{ path: 'name', message: '代表小组名称已存在' }]);
  if (input.leaderDeputyId) {
    const leader = await repo.findDeputyInScope(db, input.leaderDeputyId, [townshipId]);
    if (!leader) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'leaderDeputyId', message: '组长应为本镇代表' }]);
  }
  const now = nowIso();
  const row: repo.GroupRow = {
    id: id ?? newId(), township_id: townshipId, name: input.name, leader_deputy_id: input.leaderDeputyId,
    created_at: before?.created_at ?? now, updated_at: now, archived_at: before?.archived_at ?? null,
  };
  await db.transaction().execute(async (trx) => {
    if (before) await repo.updateGroup(trx, row.id, { name: row.name, leader_deputy_id: row.leader_deputy_id, updated_at: now });
    else await repo.insertGroup(trx, row);
    // The leader is a member of the group they lead.
    if (input.leaderDeputyId) await repo.updateDeputy(trx, input.leaderDeputyId, { group_id: row.id, updated_at: now });
    await writeAudit(trx, actor, { townshipId, action: before ? 'group.update' : 'group.create', entityType: 'deputy_group', entityId: row.id, before, after: row });
  });
  return row;
}

export async function findGroupTownship(db: Kysely<DB>, actor: Actor, id: string): Promise<string> {
  const g = await repo.findGroupInScope(db, id, await visibleTownshipIds(db, actor));
  if (!g) throw notFound('group');
  return g.township_id;
}

// ---- presidium (主席团) and area assignments (分片挂点) -----------------------------------------

export interface PresidiumInput {
  termNumber: number;
  sessionLabel: string;
  electedOn: string;
  members: { deputyId: string; position: PresidiumPosition }[];
}

export interface PresidiumView {
  members: (repo.PresidiumRow & { deputyName: string; holdsGovernmentPost: boolean })[];
  /** e.g. 'government_post:<deputyId>': a chair or vice-chair holding a government post (第18条). */
  warnings: string[];
}

function presidiumWarnings(members: { deputy_id: string; position: PresidiumPosition; holdsGovernmentPost: boolean }[]): string[] {
  return members.filter((m) => m.position !== 'member' && m.holdsGovernmentPost).map((m) => `government_post:${m.deputy_id}`);
}

export async function getPresidium(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<PresidiumView> {
  await assertTownshipInScope(db, actor, townshipId);
  const [rows, deputies] = await Promise.all([repo.currentPresidium(db, townshipId), repo.listDeputies(db, townshipId)]);
  const byId = new Map(deputies.map((d) => [d.id, d]));
  const order: Record<PresidiumPosition, number> = { chair: 0, vice_chair: 1, member: 2 };
  const members = rows
    .map((r) => ({ ...r, deputyName: byId.get(r.deputy_id)?.name ?? '', holdsGovernmentPost: byId.get(r.deputy_id)?.has_government_post ?? false }))
    .sort((a, b) => order[a.position] - order[b.position] || a.deputyName.localeCompare(b.deputyName, 'zh'));
  return { members, warnings: presidiumWarnings(members) };
}

/**
 * Records the presidium elected at a session (地方组织法 第18条): one chair, one or two
 * vice-chairs, members; all serving township deputies of the term. The previous presidium is
 * archived, not deleted. Returns warnings for a chair or vice-chair with a government post.
 */
export async function electPresidium(db: Kysely<DB>, actor: Actor, townshipId: string, input: PresidiumInput): Promise<PresidiumView> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
  const chairs = input.members.filter((m) => m.position === 'chair').length;
  const vices = input.members.filter((m) => m.position === 'vice_chair').length;
  const problems: { path: string; message: string }[] = [];
  if (chairs !== 1) problems.push({ path: 'members', message: '主席团应有且只有一名主席' });
  if (vices < 1 || vices > 2) problems.push({ path: 'members', message: '主席团应有一至二名副主席' });
  const ids = input.members.map((m) => m.deputyId);
  if (new Set(ids).size !== ids.length) problems.push({ path: 'members', message: '同一代表不能重复列入主席团' });
  const deputies = new Map((await repo.listDeputies(db, townshipId, { level: 'township', termNumber: input.termNumber })).map((d) => [d.id, d]));
  input.members.forEach((m, i) => {
    const d = deputies.get(m.deputyId);
    if (!d) problems.push({ path: `members.${i}.deputyId`, message: `不是本镇第${input.termNumber}届代表` });
    else if (d.mandate_end && d.mandate_end < input.electedOn) problems.push({ path: `members.${i}.deputyId`, message: `${d.name}的代表资格已终止` });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const now = nowIso();
  const rows: repo.PresidiumRow[] = input.members.map((m) => ({
    id: newId(), township_id: townshipId, term_number: input.termNumber, session_label: input.sessionLabel, elected_on: input.electedOn,
    deputy_id: m.deputyId, position: m.position, created_at: now, archived_at: null,
  }));
  await db.transaction().execute(async (trx) => {
    const before = await repo.currentPresidium(trx, townshipId);
    await repo.archivePresidium(trx, townshipId, now);
    await repo.insertPresidium(trx, rows);
    await writeAudit(trx, actor, { townshipId, action: 'presidium.elect', entityType: 'presidium', entityId: townshipId, before, after: rows });
  });
  return getPresidium(db, actor, townshipId);
}

export interface AreaAssignmentView {
  leaderDeputyId: string;
  villageIds: string[];
  deputyIds: string[];
}

export async function listAreaAssignments(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<AreaAssignmentView[]> {
  await assertTownshipInScope(db, actor, townshipId);
  const rows = await repo.listAreaAssignments(db, townshipId);
  const leaders = [...new Set(rows.map((r) => r.leader_deputy_id))];
  return leaders.map((leaderDeputyId) => ({
    leaderDeputyId,
    villageIds: rows.filter((r) => r.leader_deputy_id === leaderDeputyId && r.village_id).map((r) => r.village_id!),
    deputyIds: rows.filter((r) => r.leader_deputy_id === leaderDeputyId && r.deputy_id).map((r) => r.deputy_id!),
  }));
}

/**
 * Sets the villages and deputies a chair or vice-chair keeps in touch with (分片分工挂点).
 * The leader must be the current chair or a vice-chair. What changed is ended, not deleted, so
 * the year facts can tell which assignments were in force at the end of a past year.
 */
export async function assignArea(db: Kysely<DB>, actor: Actor, townshipId: string, leaderDeputyId: string, input: { villageIds: string[]; deputyIds: string[] }): Promise<AreaAssignmentView> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'deputy.manage');
  const presidium = await repo.currentPresidium(db, townshipId);
  if (!presidium.some((p) => p.deputy_id === leaderDeputyId && p.position !== 'member')) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'leaderDeputyId', message: '挂点负责人应为现任主席或副主席' }]);
  }
  await assertVillagesOfTownship(db, townshipId, input.villageIds);
  const known = new Set((await repo.listDeputies(db, townshipId)).map((d) => d.id));
  if (input.deputyIds.some((d) => !known.has(d))) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'deputyIds', message: '包含不属于本镇的代表' }]);
  // Two offices saving the same leader at once: the loser's insert meets the current-row unique
  // indexes, and its retry sees the winner's rows (and changes only what still differs).
  await retryOnUniqueViolation(() => db.transaction().execute(async (trx) => {
    await repo.replaceAreaAssignments(trx, townshipId, leaderDeputyId, input, nowIso(), newId);
    await writeAudit(trx, actor, { townshipId, action: 'area_assignment.set', entityType: 'deputy', entityId: leaderDeputyId, after: input });
  }));
  return { leaderDeputyId, villageIds: [...new Set(input.villageIds)], deputyIds: [...new Set(input.deputyIds)] };
}
