import type { Kysely } from 'kysely';
import { compareDays, isValidDay, todayInShanghai, yearOfDay } from '../../../domain/due-dates.js';
import { groupSimilar } from '../../../domain/text-similarity.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, NotificationMethod } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { createSuggestionFromOpinions, loadSuggestion } from '../suggestions/suggestions.service.js';
import { assertCanList, auditableOpinion, checkOpinionInputs, fieldError, opinionRow, scopeOf, type OpinionInput } from './activities.service.js';
import * as repo from './duty.repository.js';

/** Similarity at which two opinions are proposed for one consolidated item (梳理归纳). */
export const DEFAULT_PROPOSAL_THRESHOLD = 0.25;

// ---- opinions ------------------------------------------------------------------------------

export interface OpinionDetail {
  opinion: repo.OpinionView;
  notifications: repo.NotificationRow[];
  canEdit: boolean;
  canRevealContact: boolean;
}

async function ownDeputyIds(db: Kysely<DB>, actor: Actor, townshipIds: string[]): Promise<string[]> {
  return actor.role === 'deputy' ? repo.deputyIdsOfUser(db, townshipIds, actor.id) : [];
}

export async function loadOpinion(db: Kysely<DB>, actor: Actor, id: string): Promise<{ opinion: repo.OpinionView; scope: repo.DutyScope }> {
  const scope = await scopeOf(db, actor);
  const opinion = await repo.findOpinionInScope(db, id, scope);
  if (!opinion) throw notFound('resident_opinion');
  return { opinion, scope };
}

function isOpen(o: repo.OpinionRow): boolean {
  return !o.consolidation_id && !o.closed_at;
}

/** The office edits any; a deputy the opinions addressed to them or entered by them. */
function canEditOpinion(actor: Actor, o: repo.OpinionRow, scope: repo.DutyScope): boolean {
  if (can(actor, 'duty.manage')) return true;
  return can(actor, 'duty.log') && (o.created_by === actor.id || (o.deputy_id !== null && scope.deputyIds.includes(o.deputy_id)));
}

/**
 * Who may see a resident's phone (个人信息保护法): the office, which tells residents the
 * outcome, and the deputy the opinion was addressed to, who may call back. Never the presidium
 * or the county office.
 */
function canRevealContact(actor: Actor, o: repo.OpinionRow, scope: repo.DutyScope): boolean {
  if (can(actor, 'duty.manage') && can(actor, 'personal.reveal')) return true;
  return actor.role === 'deputy' && o.deputy_id !== null && scope.deputyIds.includes(o.deputy_id);
}

export async function getOpinionDetail(db: Kysely<DB>, actor: Actor, id: string): Promise<OpinionDetail> {
  const { opinion, scope } = await loadOpinion(db, actor, id);
  return {
    opinion, notifications: await repo.listNotifications(db, [id]),
    canEdit: canEditOpinion(actor, opinion, scope) && isOpen(opinion), canRevealContact: canRevealContact(actor, opinion, scope),
  };
}

export async function listOpinions(db: Kysely<DB>, actor: Actor, townshipId: string, filter: repo.OpinionFilter): Promise<{ rows: repo.OpinionView[]; total: number }> {
  const scope = await assertCanList(db, actor, townshipId);
  return repo.listOpinions(db, townshipId, scope, filter);
}

/**
 * An opinion received outside an activity (by phone, at the office…): the office records it,
 * addressed to a deputy or not; a deputy records one addressed to themselves.
 */
export async function createOpinion(db: Kysely<DB>, actor: Actor, townshipId: string, input: OpinionInput & { receivedOn?: string | undefined }): Promise<string> {
  await assertTownshipInScope(db, actor, townshipId);
  let deputyId = input.deputyId ?? null;
  if (!can(actor, 'duty.manage')) {
    if (!can(actor, 'duty.log')) throw new AppError('FORBIDDEN');
    const own = await ownDeputyIds(db, actor, [townshipId]);
    if (!own.length) throw new AppError('FORBIDDEN');
    if (deputyId && !own.includes(deputyId)) throw new AppError('FORBIDDEN');
    deputyId = deputyId ?? own[0]!;
  }
  const today = todayInShanghai();
  const receivedOn = input.receivedOn ?? today;
  if (!isValidDay(receivedOn) || compareDays(receivedOn, today) > 0) throw fieldError('receivedOn', '日期无效或晚于今天');
  const [phone] = await checkOpinionInputs(db, townshipId, [{ ...input, deputyId }], 'opinion.');
  const now = nowIso();
  const row = opinionRow(townshipId, input, phone ?? null, { source: 'direct', activityId: null, deputyId, receivedOn, createdBy: actor.id, now });
  await db.transaction().execute(async (trx) => {
    await repo.insertOpinions(trx, [row]);
    await writeAudit(trx, actor, { townshipId, action: 'resident_opinion.create', entityType: 'resident_opinion', entityId: row.id, after: auditableOpinion(row) });
  });
  return row.id;
}

export async function updateOpinion(db: Kysely<DB>, actor: Actor, id: string, input: { content?: string | undefined; villageId?: string | null | undefined; category?: string | null | undefined }): Promise<void> {
  const { opinion, scope } = await loadOpinion(db, actor, id);
  if (!canEditOpinion(actor, opinion, scope)) throw new AppError('FORBIDDEN');
  if (!isOpen(opinion)) throw new AppError('OPINION_STATE_INVALID', { action: '修改' });
  if (input.villageId) await checkOpinionInputs(db, opinion.township_id, [{ content: 'x', villageId: input.villageId }], '');
  const patch = {
    ...(input.content ? { content: input.content } : {}), ...(input.villageId !== undefined ? { village_id: input.villageId } : {}),
    ...(input.category !== undefined ? { category: input.category || null } : {}), updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateOpinion(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: opinion.township_id, action: 'resident_opinion.update', entityType: 'resident_opinion', entityId: id, before: { content: opinion.content, villageId: opinion.village_id, category: opinion.category }, after: patch });
  });
}

/** The resident's name and full phone, each look audited with who looked. */
export async function revealOpinionContact(db: Kysely<DB>, actor: Actor, id: string): Promise<{ name: string | null; phone: string | null }> {
  const { opinion, scope } = await loadOpinion(db, actor, id);
  if (!canRevealContact(actor, opinion, scope)) throw new AppError('FORBIDDEN');
  await db.transaction().execute((trx) => writeAudit(trx, actor, {
    townshipId: opinion.township_id, action: 'resident_opinion.reveal_contact', entityType: 'resident_opinion', entityId: id, after: { fields: ['resident_name', 'resident_phone'] },
  }));
  return { name: opinion.resident_name, phone: opinion.resident_phone };
}

/** Settles an opinion without a suggestion (answered on the spot, handed to a unit…), with the note. */
export async function closeOpinion(db: Kysely<DB>, actor: Actor, id: string, note: string): Promise<void> {
  const { opinion } = await loadOpinion(db, actor, id);
  authorize(actor, 'duty.manage');
  if (!isOpen(opinion)) throw new AppError('OPINION_STATE_INVALID', { action: '办结' });
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateOpinion(trx, id, { closed_note: note, closed_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: opinion.township_id, action: 'resident_opinion.close', entityType: 'resident_opinion', entityId: id, after: { note } });
  });
}

/**
 * Records that the resident was told the outcome (no message is sent from here). Only once
 * there is an outcome: a suggestion made of it, or a settling note. By phone or SMS only when
 * the resident left a number.
 */
export async function notifyResident(db: Kysely<DB>, actor: Actor, id: string, input: { method: NotificationMethod; note: string; notifiedOn?: string | undefined }): Promise<void> {
  const { opinion } = await loadOpinion(db, actor, id);
  authorize(actor, 'duty.manage');
  if (!opinion.suggestion_id && !opinion.closed_at) throw new AppError('OPINION_STATE_INVALID', { action: '告知办理结果' });
  if (input.method !== 'other' && !opinion.resident_phone) throw new AppError('OPINION_NO_CONTACT');
  const today = todayInShanghai();
  const notifiedOn = input.notifiedOn ?? today;
  if (!isValidDay(notifiedOn) || compareDays(notifiedOn, today) > 0) throw fieldError('notifiedOn', '日期无效或晚于今天');
  const row: repo.NotificationRow = {
    id: newId(), township_id: opinion.township_id, opinion_id: id, method: input.method, notified_on: notifiedOn, note: input.note,
    recorded_by: actor.id, recorded_by_name: actor.displayName, created_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertNotification(trx, row);
    await writeAudit(trx, actor, { townshipId: opinion.township_id, action: 'resident_opinion.notify', entityType: 'resident_opinion', entityId: id, after: { method: input.method, notifiedOn } });
  });
}

// ---- consolidation (梳理归纳) ------------------------------------------------------------------

export interface Proposal {
  opinions: repo.OpinionView[];
  suggestedTitle: string;
}

/**
 * Proposed groups of similar open opinions of a year (单链聚类 over Chinese text similarity),
 * largest first; opinions like no other are left out. Staff decide what to merge.
 */
export async function proposeGroups(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, threshold = DEFAULT_PROPOSAL_THRESHOLD): Promise<Proposal[]> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'duty.manage');
  const open = await repo.listOpenOpinions(db, townshipId, year);
  const byId = new Map(open.map((o) => [o.id, o]));
  return groupSimilar(open.map((o) => ({ id: o.id, text: o.content })), threshold)
    .filter((g) => g.length > 1)
    .map((g) => {
      const opinions = g.map((id) => byId.get(id)!);
      const first = opinions[0]!.content.replace(/\s+/g, '');
      return { opinions, suggestedTitle: first.length > 30 ? `${first.slice(0, 30)}…` : first };
    })
    .sort((a, b) => b.opinions.length - a.opinions.length);
}

export interface ConsolidationDetail {
  consolidation: repo.ConsolidationView;
  opinions: repo.OpinionView[];
  isLocked: boolean;
}

async function loadConsolidation(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.ConsolidationView> {
  if (!can(actor, 'duty.read') && !can(actor, 'duty.manage')) throw notFound('opinion_consolidation');
  const c = await repo.findConsolidation(db, id, await visibleTownshipIds(db, actor));
  if (!c) throw notFound('opinion_consolidation');
  return c;
}

async function loadForChange(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.ConsolidationView> {
  const c = await loadConsolidation(db, actor, id);
  authorize(actor, 'duty.manage');
  if (c.suggestion_id) throw new AppError('CONSOLIDATION_LOCKED');
  return c;
}

export async function getConsolidation(db: Kysely<DB>, actor: Actor, id: string): Promise<ConsolidationDetail> {
  const consolidation = await loadConsolidation(db, actor, id);
  return { consolidation, opinions: await repo.listOpinionsOfConsolidations(db, [id]), isLocked: Boolean(consolidation.suggestion_id) };
}

export async function listConsolidations(db: Kysely<DB>, actor: Actor, townshipId: string, year?: number): Promise<ConsolidationDetail[]> {
  await assertTownshipInScope(db, actor, townshipId);
  if (!can(actor, 'duty.read') && !can(actor, 'duty.manage')) throw new AppError('FORBIDDEN');
  const rows = await repo.listConsolidations(db, townshipId, year);
  const opinions = await repo.listOpinionsOfConsolidations(db, rows.map((r) => r.id));
  return rows.map((c) => ({ consolidation: c, opinions: opinions.filter((o) => o.consolidation_id === c.id), isLocked: Boolean(c.suggestion_id) }));
}

/** Checks that the opinions are of the township and still open. */
async function openOpinions(db: Kysely<DB>, townshipId: string, ids: string[]): Promise<repo.OpinionView[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await repo.findOpinionsByIds(db, townshipId, unique)).map((o) => [o.id, o]));
  const problems: FieldError[] = [];
  unique.forEach((id, i) => { if (!found.has(id)) problems.push({ path: `opinionIds.${i}`, message: '意见不存在' }); });
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const taken = unique.map((id) => found.get(id)!).find((o) => !isOpen(o));
  if (taken) throw new AppError('OPINION_STATE_INVALID', { action: '归纳' });
  return unique.map((id) => found.get(id)!);
}

/** 梳理归纳: merges chosen open opinions into one consolidated item with a title and summary. */
export async function createConsolidation(db: Kysely<DB>, actor: Actor, townshipId: string, input: { title: string; summary: string; category?: string | null | undefined; opinionIds: string[] }): Promise<string> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'duty.manage');
  const opinions = await openOpinions(db, townshipId, input.opinionIds);
  const now = nowIso();
  const row: repo.ConsolidationRow = {
    id: newId(), township_id: townshipId, year: Math.max(...opinions.map((o) => o.year)), title: input.title, summary: input.summary,
    category: input.category || null, suggestion_id: null, created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertConsolidation(trx, row);
    if ((await repo.linkOpinions(trx, opinions.map((o) => o.id), row.id, now)) !== opinions.length) throw new AppError('CONFLICT');
    await writeAudit(trx, actor, { townshipId, action: 'opinion_consolidation.create', entityType: 'opinion_consolidation', entityId: row.id, after: { title: row.title, opinionIds: opinions.map((o) => o.id) } });
  });
  return row.id;
}

export async function updateConsolidation(db: Kysely<DB>, actor: Actor, id: string, input: { title?: string | undefined; summary?: string | undefined; category?: string | null | undefined }): Promise<void> {
  const c = await loadForChange(db, actor, id);
  const patch = {
    ...(input.title ? { title: input.title } : {}), ...(input.summary ? { summary: input.summary } : {}),
    ...(input.category !== undefined ? { category: input.category || null } : {}), updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateConsolidation(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'opinion_consolidation.update', entityType: 'opinion_consolidation', entityId: id, before: { title: c.title, summary: c.summary }, after: patch });
  });
}

/** Merges more open opinions into a consolidated item. */
export async function addToConsolidation(db: Kysely<DB>, actor: Actor, id: string, opinionIds: string[]): Promise<void> {
  const c = await loadForChange(db, actor, id);
  const opinions = await openOpinions(db, c.township_id, opinionIds);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    if ((await repo.linkOpinions(trx, opinions.map((o) => o.id), id, now)) !== opinions.length) throw new AppError('CONFLICT');
    await repo.updateConsolidation(trx, id, { updated_at: now });
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'opinion_consolidation.merge', entityType: 'opinion_consolidation', entityId: id, after: { opinionIds: opinions.map((o) => o.id) } });
  });
}

/** Splits an opinion off a consolidated item: it is open again. An item left empty is removed. */
export async function removeFromConsolidation(db: Kysely<DB>, actor: Actor, id: string, opinionId: string): Promise<{ isDissolved: boolean }> {
  const c = await loadForChange(db, actor, id);
  const now = nowIso();
  let isDissolved = false;
  await db.transaction().execute(async (trx) => {
    if ((await repo.unlinkOpinion(trx, opinionId, id, now)) !== 1) throw notFound('resident_opinion');
    isDissolved = (await repo.listOpinionsOfConsolidations(trx, [id])).length === 0;
    await repo.updateConsolidation(trx, id, { updated_at: now, ...(isDissolved ? { archived_at: now } : {}) });
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'opinion_consolidation.split', entityType: 'opinion_consolidation', entityId: id, after: { opinionId, isDissolved } });
  });
  return { isDissolved };
}

/** Dissolves a consolidated item that has not become a suggestion: its opinions are open again. */
export async function dissolveConsolidation(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const c = await loadForChange(db, actor, id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const o of await repo.listOpinionsOfConsolidations(trx, [id])) await repo.unlinkOpinion(trx, o.id, id, now);
    await repo.updateConsolidation(trx, id, { archived_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'opinion_consolidation.dissolve', entityType: 'opinion_consolidation', entityId: id, before: { title: c.title } });
  });
}

/**
 * Raises a consolidated item as a 建议 (代表法 第36条) authored by the chosen deputy, entered by
 * the office on their behalf, submitted for 立案. The item keeps the link to the suggestion,
 * and through it each opinion shows its outcome; after this the item is locked.
 */
export async function consolidationToSuggestion(db: Kysely<DB>, actor: Actor, id: string, input: { authorDeputyId: string; title?: string | undefined; content?: string | undefined; isPublic?: boolean | undefined }): Promise<{ suggestionId: string; refNo: string }> {
  const c = await loadForChange(db, actor, id);
  const today = todayInShanghai();
  const author = (await repo.findDeputies(db, c.township_id, [input.authorDeputyId]))[0];
  if (!author) throw fieldError('authorDeputyId', '代表不存在');
  if (author.mandate_end && author.mandate_end < today) throw fieldError('authorDeputyId', '该代表已不在任');
  const opinions = await repo.listOpinionsOfConsolidations(db, [id]);
  const villages = [...new Set(opinions.map((o) => o.village_name).filter((v): v is string => Boolean(v)))];
  const content = input.content ?? `${c.summary}\n\n（根据群众意见${opinions.length}条梳理归纳${villages.length ? `，涉及${villages.join('、')}` : ''}。）`;
  const now = nowIso();
  return db.transaction().execute(async (trx) => {
    const s = await createSuggestionFromOpinions(trx, actor, {
      townshipId: c.township_id, consolidationId: id, authorDeputyId: author.id, title: input.title ?? c.title, content,
      category: c.category, isPublic: input.isPublic ?? false, opinionCount: opinions.length,
    });
    if (!(await repo.setConsolidationSuggestion(trx, id, s.id, now))) throw new AppError('CONSOLIDATION_LOCKED');
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'opinion_consolidation.to_suggestion', entityType: 'opinion_consolidation', entityId: id, after: { suggestionId: s.id, refNo: s.refNo, authorDeputyId: author.id } });
    return { suggestionId: s.id, refNo: s.refNo };
  });
}

/** The residents' opinions a suggestion was made from, for whoever may see the suggestion. */
export async function sourceOpinionsOfSuggestion(db: Kysely<DB>, actor: Actor, suggestionId: string): Promise<ConsolidationDetail | null> {
  await loadSuggestion(db, actor, suggestionId);
  const c = await repo.findConsolidationBySuggestion(db, suggestionId);
  if (!c) return null;
  return { consolidation: c, opinions: await repo.listOpinionsOfConsolidations(db, [c.id]), isLocked: true };
}

export const yearNow = (): number => yearOfDay(todayInShanghai());
