import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { rehandleDueDate, replyDueDate } from '../../../domain/deadlines.js';
import { compareDays, isOverdue, isValidDay, yearOfDay, type Day } from '../../../domain/due-dates.js';
import { topSimilar } from '../../../domain/text-similarity.js';
import { MOTION_MIN_CO_SIGNERS, motionAsSuggestionContent, motionCoSignersOk } from '../../../domain/votes.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type {
  DB, MotionsTable, SuggestionAttachmentPurpose, SuggestionFeedback, SuggestionGrade, SuggestionKind, SuggestionRaisedAt, SuggestionState,
} from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { cleanFileName, UPLOAD_MIME, uploadsRoot, type Upload } from '../../http/uploads.js';
import { systemClock, type Clock } from '../../clock.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { scheduleMailDelivery } from '../notifications/notifications.mail.js';
import { notifySuggestion } from '../notifications/notifications.service.js';
import { findTownship } from '../townships/townships.repository.js';
import { parseSettings } from '../townships/townships.service.js';
import * as repo from './suggestions.repository.js';
import {
  allowedActions, isAllowed, STATE_INFO, STEPS, SUGGESTION_VISIBILITY, TRACKED_GRADES, TRANSITIONS,
  type ActionName, type Party, type StepName, type TransitionName,
} from './suggestions.workflow.js';

type Tx = Transaction<DB>;


/** A suggestion with what the actor is to it. */
export interface Loaded {
  s: repo.SuggestionRow;
  parties: Set<Party>;
  deputyIds: string[];
  units: repo.UnitLinkView[];
}

// ---- scope and parties ------------------------------------------------------------------------

/** The WHERE-clause scope of the actor (their townships, and which suggestions of them). */
export async function scopeOf(db: Kysely<DB>, actor: Actor): Promise<repo.SuggestionScope> {
  const townshipIds = await visibleTownshipIds(db, actor);
  const visibility = SUGGESTION_VISIBILITY[actor.role];
  return {
    townshipIds, visibility, userId: actor.id, unitId: actor.unitId,
    deputyIds: visibility === 'own' ? await repo.deputyIdsOfUser(db, townshipIds, actor.id) : [],
  };
}

function partiesOf(actor: Actor, s: repo.SuggestionRow, deputyIds: string[], signers: repo.SignerRow[], units: repo.UnitLinkView[]): Set<Party> {
  const p = new Set<Party>();
  const isAuthor = actor.role === 'deputy' && deputyIds.includes(s.author_deputy_id);
  if (isAuthor) p.add('author');
  if (isAuthor || (s.created_by === actor.id && can(actor, 'suggestion.submit'))) p.add('owner');
  if (actor.role === 'deputy' && signers.some((x) => !x.is_author && deputyIds.includes(x.deputy_id))) p.add('signer');
  if (can(actor, 'suggestion.manage')) p.add('office');
  if (can(actor, 'suggestion.supervise')) p.add('presidium');
  if (can(actor, 'suggestion.handle') && actor.unitId) {
    const link = units.find((u) => u.unit_id === actor.unitId && !u.removed_at);
    if (link?.role === 'lead') p.add('lead_unit');
    if (link?.role === 'co') p.add('co_unit');
  }
  return p;
}

/** A suggestion the actor may see, or 404 (outsiders cannot tell "missing" from "not yours"). */
export async function loadSuggestion(db: Kysely<DB>, actor: Actor, id: string): Promise<Loaded> {
  const scope = await scopeOf(db, actor);
  const s = await repo.findSuggestionInScope(db, id, scope);
  if (!s) throw notFound('suggestion');
  const deputyIds = actor.role === 'deputy' ? scope.deputyIds : [];
  const [signers, units] = await Promise.all([repo.listSigners(db, [id]), repo.listUnitLinks(db, [id])]);
  return { s, parties: partiesOf(actor, s, deputyIds, signers, units), deputyIds, units };
}

const ACTION_LABELS: Record<ActionName, string> = {
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, v]) => [k, v.label])),
  ...Object.fromEntries(Object.entries(STEPS).map(([k, v]) => [k, v.label])),
} as Record<ActionName, string>;

/**
 * Checks the workflow maps: 403 when the actor is no party that may take the action at all,
 * 409 SUGGESTION_STATE_INVALID when they could but not in this state.
 */
function assertAllowed(l: Loaded, action: ActionName): void {
  if (isAllowed(action, l.s.state, l.parties)) return;
  const rule = action in TRANSITIONS ? TRANSITIONS[action as TransitionName] : STEPS[action as StepName];
  if (!rule.by.some((p) => l.parties.has(p))) throw new AppError('FORBIDDEN');
  throw new AppError('SUGGESTION_STATE_INVALID', { state: STATE_INFO[l.s.state].label, action: ACTION_LABELS[action] });
}

/** The actions the actor may take on a loaded suggestion (sent to the UI). */
export function actionsOf(l: Loaded): ActionName[] {
  return allowedActions(l.s.state, l.parties).filter((a) => {
    if (a === 'progress') return TRACKED_GRADES.includes(l.s.grade ?? '') && (l.s.implementation === 'pending' || l.s.implementation === 'in_progress');
    return true;
  });
}

// ---- events ---------------------------------------------------------------------------------

interface EventInput {
  action: string;
  from?: SuggestionState | null;
  to?: SuggestionState | null;
  note?: string | null;
  detail?: unknown;
}

/** One history row plus its audit row, inside the caller's transaction. */
async function recordEvent(trx: Tx, actor: Actor | null, s: Pick<repo.SuggestionRow, 'id' | 'township_id' | 'round'>, e: EventInput, at: string, round = s.round): Promise<void> {
  await repo.insertEvent(trx, {
    id: newId(), township_id: s.township_id, suggestion_id: s.id, action: e.action, from_state: e.from ?? null, to_state: e.to ?? null,
    round, actor_id: actor?.id ?? null, actor_name: actor?.displayName ?? null, note: e.note ?? null,
    detail_json: e.detail === undefined ? null : JSON.stringify(e.detail), at,
  });
  await writeAudit(trx, actor, {
    townshipId: s.township_id, action: `suggestion.${e.action}`, entityType: 'suggestion', entityId: s.id,
    ...(e.from !== undefined ? { before: { state: e.from } } : {}),
    after: { ...(e.to ? { state: e.to } : {}), ...(e.note ? { note: e.note } : {}), ...(e.detail !== undefined ? { detail: e.detail } : {}) },
  });
}

/** Applies a state change guarded by the current state; a concurrent change gets 409. */
async function transition(trx: Tx, actor: Actor | null, s: repo.SuggestionRow, to: SuggestionState, patch: Partial<repo.SuggestionRow>, e: Omit<EventInput, 'from' | 'to'>, at: string): Promise<void> {
  const ok = await repo.transitionSuggestion(trx, s.id, s.state, { ...patch, state: to, updated_at: at });
  if (!ok) throw new AppError('CONFLICT');
  await recordEvent(trx, actor, { id: s.id, township_id: s.township_id, round: patch.round ?? s.round }, { ...e, from: s.state, to }, at);
}

// ---- validation helpers ---------------------------------------------------------------------

function fieldError(pathName: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path: pathName, message }]);
}

function assertDay(day: string, field: string, today: Day, notBefore?: Day | null): void {
  if (!isValidDay(day)) throw fieldError(field, '日期无效');
  if (compareDays(day, today) > 0) throw fieldError(field, '日期不能晚于今天');
  if (notBefore && compareDays(day, notBefore) < 0) throw fieldError(field, `日期不能早于${notBefore}`);
}

async function settingsOf(db: Kysely<DB> | Tx, townshipId: string) {
  return parseSettings((await findTownship(db as Kysely<DB>, townshipId))!.settings_json);
}

/** Co-signers must be serving deputies of the township. */
async function checkCoSigners(db: Kysely<DB>, townshipId: string, authorId: string, ids: string[], today: Day): Promise<string[]> {
  const unique = [...new Set(ids)].filter((d) => d !== authorId);
  const found = new Map((await repo.findDeputies(db, townshipId, unique)).map((d) => [d.id, d]));
  unique.forEach((d, i) => {
    const dep = found.get(d);
    if (!dep) throw fieldError(`coSignerIds.${i}`, '代表不存在');
    if (dep.mandate_end && dep.mandate_end < today) throw fieldError(`coSignerIds.${i}`, '该代表已不在任');
  });
  return unique;
}

// ---- reading ----------------------------------------------------------------------------------

export interface SuggestionDetail extends Loaded {
  signers: repo.SignerView[];
  authorName: string;
  contacts: repo.ContactRow[];
  replies: repo.ReplyRow[];
  opinions: repo.OpinionRow[];
  progress: repo.ProgressRow[];
  supervisions: repo.SupervisionRow[];
  attachments: repo.AttachmentRow[];
  events: repo.EventRow[];
  actions: ActionName[];
  today: Day;
}

export async function getSuggestionDetail(db: Kysely<DB>, actor: Actor, id: string, clock: Clock = systemClock): Promise<SuggestionDetail> {
  const l = await loadSuggestion(db, actor, id);
  const [signers, contacts, replies, opinions, progress, supervisions, attachments, events] = await Promise.all([
    repo.listSigners(db, [id]), repo.listContacts(db, id), repo.listReplies(db, id), repo.listOpinions(db, id), repo.listProgress(db, id),
    repo.listSupervisions(db, id), repo.listAttachments(db, id), repo.listEvents(db, id),
  ]);
  const authorName = (await repo.findDeputies(db, l.s.township_id, [l.s.author_deputy_id]))[0]?.name ?? '';
  return { ...l, signers, authorName, contacts, replies, opinions, progress, supervisions, attachments, events, actions: actionsOf(l), today: clock.today() };
}

export async function listSuggestions(db: Kysely<DB>, actor: Actor, townshipId: string, filter: repo.SuggestionFilter): Promise<{ rows: repo.SuggestionListRow[]; total: number }> {
  await assertTownshipInScope(db, actor, townshipId);
  return repo.listSuggestions(db, townshipId, await scopeOf(db, actor), filter);
}

/**
 * The earlier suggestions of the township most like this one (title and content), best
 * first with their scores, so the office sees repeats when registering (立案).
 */
export async function findSimilar(db: Kysely<DB>, actor: Actor, id: string, k = 5): Promise<{ id: string; refNo: string | null; title: string; state: SuggestionState; year: number | null; category: string | null; grade: string | null; score: number }[]> {
  const l = await loadSuggestion(db, actor, id);
  authorize(actor, 'suggestion.read');
  const corpus = await repo.listCorpus(db, l.s.township_id, id, l.s.submitted_at ?? l.s.created_at);
  const byId = new Map(corpus.map((c) => [c.id, c]));
  return topSimilar(`${l.s.title}\n${l.s.content}`, corpus.map((c) => ({ id: c.id, text: `${c.title}\n${c.content}` })), k).map((m) => {
    const c = byId.get(m.id)!;
    return { id: c.id, refNo: c.ref_no, title: c.title, state: c.state, year: c.year, category: c.category, grade: c.grade, score: Math.round(m.score * 1000) / 1000 };
  });
}

// ---- submission ---------------------------------------------------------------------------------

export interface SuggestionInput {
  kind: SuggestionKind;
  title: string;
  content: string;
  raisedAt: SuggestionRaisedAt;
  sessionId?: string | null;
  /** The office names the author of a paper submission; a deputy is always the author. */
  authorDeputyId?: string;
  coSignerIds?: string[];
  /** The author's consent to publish status and reply on the portal. */
  isPublic?: boolean;
  /** Submit at once instead of keeping a draft. */
  submit?: boolean;
}

/** Gives a public reference number (YYYY-NNN) and moves to 'submitted'. */
async function submitIn(trx: Tx, actor: Actor, s: repo.SuggestionRow, clock: Clock): Promise<void> {
  const now = clock.now();
  const patch: Partial<repo.SuggestionRow> = { submitted_at: now, return_reason: null };
  if (!s.ref_no) {
    const year = yearOfDay(clock.today());
    const seq = await repo.nextSeq(trx, s.township_id, year);
    Object.assign(patch, { year, seq, ref_no: `${year}-${String(seq).padStart(3, '0')}` });
  }
  await transition(trx, actor, s, 'submitted', patch, { action: 'submit', detail: patch.ref_no ? { refNo: patch.ref_no } : undefined }, now);
}

/**
 * Creates a suggestion (代表法 第24、36条): a deputy as its author (alone for 建议/批评/意见;
 * a 议案 needs 5 or more deputies jointly, checked at registration), or the office recording a
 * paper one for a named deputy. Kept as a draft unless `submit` is set.
 */
export async function createSuggestion(db: Kysely<DB>, actor: Actor, townshipId: string, input: SuggestionInput, clock: Clock = systemClock): Promise<string> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'suggestion.submit');
  const today = clock.today();
  let authorId: string;
  const own = actor.role === 'deputy' ? await repo.deputyIdsOfUser(db, [townshipId], actor.id) : [];
  if (actor.role === 'deputy') {
    if (!own.length) throw new AppError('FORBIDDEN');
    if (input.authorDeputyId && !own.includes(input.authorDeputyId)) throw new AppError('FORBIDDEN');
    authorId = input.authorDeputyId ?? own[0]!;
  } else {
    if (!input.authorDeputyId) throw fieldError('authorDeputyId', '请选择领衔代表');
    authorId = input.authorDeputyId;
  }
  const author = (await repo.findDeputies(db, townshipId, [authorId]))[0];
  if (!author) throw fieldError('authorDeputyId', '代表不存在');
  if (author.mandate_end && author.mandate_end < today) throw fieldError('authorDeputyId', '该代表已不在任');
  const coSigners = await checkCoSigners(db, townshipId, authorId, input.coSignerIds ?? [], today);
  if (input.sessionId && !(await repo.findSessionInTownship(db, townshipId, input.sessionId))) throw fieldError('sessionId', '会议不存在');
  const now = clock.now();
  const isSelf = actor.role === 'deputy';
  const row: repo.SuggestionRow = {
    id: newId(), township_id: townshipId, year: null, seq: null, ref_no: null, kind: input.kind, title: input.title, content: input.content,
    category: null, raised_at: input.raisedAt, session_id: input.sessionId ?? null, motion_id: null, author_deputy_id: authorId, state: 'draft',
    is_public: input.isPublic ?? false, is_difficult: false, submitted_at: null, registered_at: null, return_reason: null, assigned_on: null,
    round: 0, reply_due_on: null, lead_unit_id: null, grade: null, replied_on: null, feedback: null, closed_at: null,
    implementation: 'not_applicable', implemented_on: null, overdue_flagged_due: null, overdue_flagged_at: null,
    created_by: actor.id, created_at: now, updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertSuggestion(trx, row);
    await repo.insertSigners(trx, [
      { township_id: townshipId, suggestion_id: row.id, deputy_id: authorId, is_author: true, confirmed_at: now, confirmation: isSelf ? 'self' : 'paper', recorded_by: actor.id, created_at: now },
      ...coSigners.map((d) => ({ township_id: townshipId, suggestion_id: row.id, deputy_id: d, is_author: false, confirmed_at: null, confirmation: null, recorded_by: null, created_at: now })),
    ]);
    await recordEvent(trx, actor, row, { action: 'create', to: 'draft', detail: { kind: row.kind, title: row.title, coSigners } }, now);
    if (input.submit) await submitIn(trx, actor, row, clock);
  });
  return row.id;
}

/** Edits a draft or a returned suggestion; changing the text asks co-signers to confirm again. */
export async function updateSuggestion(db: Kysely<DB>, actor: Actor, id: string, input: Partial<Omit<SuggestionInput, 'authorDeputyId' | 'submit' | 'isPublic'>>, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'edit');
  const s = l.s;
  if (input.sessionId && !(await repo.findSessionInTownship(db, s.township_id, input.sessionId))) throw fieldError('sessionId', '会议不存在');
  const coSigners = input.coSignerIds ? await checkCoSigners(db, s.township_id, s.author_deputy_id, input.coSignerIds, clock.today()) : null;
  const textChanged = (input.title !== undefined && input.title !== s.title) || (input.content !== undefined && input.content !== s.content) || (input.kind !== undefined && input.kind !== s.kind);
  const now = clock.now();
  const patch: Partial<repo.SuggestionRow> = {
    ...(input.kind ? { kind: input.kind } : {}), ...(input.title ? { title: input.title } : {}), ...(input.content ? { content: input.content } : {}),
    ...(input.raisedAt ? { raised_at: input.raisedAt } : {}), ...(input.sessionId !== undefined ? { session_id: input.sessionId } : {}), updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateSuggestion(trx, id, patch);
    if (coSigners || textChanged) {
      const before = (await repo.listSigners(trx, [id])).filter((x) => !x.is_author).map((x) => x.deputy_id);
      await repo.deleteCoSigners(trx, id);
      await repo.insertSigners(trx, (coSigners ?? before).map((d) => ({ township_id: s.township_id, suggestion_id: id, deputy_id: d, is_author: false, confirmed_at: null, confirmation: null, recorded_by: null, created_at: now })));
    }
    await recordEvent(trx, actor, s, { action: 'edit', detail: { fields: Object.keys(input) } }, now);
  });
}

export async function submitSuggestion(db: Kysely<DB>, actor: Actor, id: string, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'submit');
  await db.transaction().execute((trx) => submitIn(trx, actor, l.s, clock));
}

export async function withdrawSuggestion(db: Kysely<DB>, actor: Actor, id: string, note: string | null, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'withdraw');
  await db.transaction().execute((trx) => transition(trx, actor, l.s, 'withdrawn', {}, { action: 'withdraw', note }, clock.now()));
}

/**
 * A co-signer confirms their signature: the deputy through their login ('self'), or the office
 * recording a paper signature ('paper') for a named signer. Idempotent.
 */
export async function confirmSignature(db: Kysely<DB>, actor: Actor, id: string, deputyId: string | undefined, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'sign');
  const signers = await repo.listSigners(db, [id]);
  let target: string;
  let confirmation: 'self' | 'paper';
  if (l.parties.has('signer')) {
    const mine = signers.filter((x) => !x.is_author && l.deputyIds.includes(x.deputy_id));
    target = deputyId ?? mine[0]!.deputy_id;
    if (!mine.some((x) => x.deputy_id === target)) throw new AppError('FORBIDDEN');
    confirmation = 'self';
  } else {
    if (!deputyId) throw fieldError('deputyId', '请选择联名代表');
    target = deputyId;
    confirmation = 'paper';
  }
  const signer = signers.find((x) => x.deputy_id === target);
  if (!signer) throw notFound('signer');
  if (signer.confirmed_at) return;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await repo.confirmSigner(trx, id, target, { confirmed_at: now, confirmation, recorded_by: actor.id });
    await recordEvent(trx, actor, l.s, { action: 'sign', detail: { deputyId: target, confirmation } }, now);
  });
}

/** The author's consent (or its withdrawal) to show status and reply on the portal. */
export async function setConsent(db: Kysely<DB>, actor: Actor, id: string, isPublic: boolean, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'consent');
  if (l.s.is_public === isPublic) return;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await repo.updateSuggestion(trx, id, { is_public: isPublic, updated_at: now });
    await recordEvent(trx, actor, l.s, { action: 'consent', detail: { isPublic } }, now);
  });
}

// ---- registration ---------------------------------------------------------------------------

/**
 * 立案: the office registers a submitted suggestion under one of the township's categories.
 * A 议案 needs 5 or more deputies jointly, each having confirmed (地方组织法 第22条).
 */
export async function registerSuggestion(db: Kysely<DB>, actor: Actor, id: string, input: { category: string; note?: string | null }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'register');
  const { suggestionCategories } = await settingsOf(db, l.s.township_id);
  if (!suggestionCategories.includes(input.category)) throw new AppError('SUGGESTION_CATEGORY_UNKNOWN', { category: input.category });
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    if (l.s.kind === 'motion') {
      const confirmed = await repo.countConfirmedSigners(trx, id);
      if (!motionCoSignersOk(confirmed)) throw new AppError('SUGGESTION_TOO_FEW_SIGNERS', { confirmed, required: MOTION_MIN_CO_SIGNERS });
    }
    await transition(trx, actor, l.s, 'registered', { category: input.category, registered_at: now }, { action: 'register', note: input.note ?? null, detail: { category: input.category } }, now);
  });
}

/** Returns a submitted suggestion to its author with a reason; they may revise and submit again. */
export async function returnSuggestion(db: Kysely<DB>, actor: Actor, id: string, reason: string, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'return');
  const now = clock.now();
  await db.transaction().execute((trx) => transition(trx, actor, l.s, 'returned', { return_reason: reason }, { action: 'return', note: reason }, now));
}

// ---- assignment (交办) ----------------------------------------------------------------------

export interface AssignInput {
  leadUnitId: string;
  coUnitIds?: string[];
  /** 涉及面广、处理难度大: 6 months instead of 3 (代表法 第51条). */
  isDifficult?: boolean;
  /** The day of 交办 (default today); may be earlier when entered after a handover meeting. */
  assignedOn?: string;
  note?: string | null;
}

/**
 * 交办: hands a registered suggestion to one lead unit (主办) and optional co-units (协办).
 * The reply is due 3 months after the day of 交办, 6 when marked difficult (代表法 第51条).
 * From 'assigned' (no reply yet) it re-assigns (改办): the period runs from the new day.
 */
export async function assignSuggestion(db: Kysely<DB>, actor: Actor, id: string, input: AssignInput, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'assign');
  const s = l.s;
  const today = clock.today();
  const assignedOn = input.assignedOn ?? today;
  assertDay(assignedOn, 'assignedOn', today);
  const coUnitIds = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== input.leadUnitId);
  const units = new Map((await repo.findUnits(db, s.township_id, [input.leadUnitId, ...coUnitIds])).map((u) => [u.id, u]));
  if (!units.get(input.leadUnitId) || units.get(input.leadUnitId)!.archived_at) throw fieldError('leadUnitId', '承办单位不存在');
  coUnitIds.forEach((u, i) => { if (!units.get(u) || units.get(u)!.archived_at) throw fieldError(`coUnitIds.${i}`, '协办单位不存在'); });
  const isDifficult = input.isDifficult ?? false;
  const due = replyDueDate(assignedOn, { difficult: isDifficult });
  const now = clock.now();
  const wanted = new Map<string, 'lead' | 'co'>([[input.leadUnitId, 'lead'], ...coUnitIds.map((u) => [u, 'co'] as [string, 'co'])]);
  await db.transaction().execute(async (trx) => {
    const existing = await repo.listUnitLinks(trx, [id]);
    for (const link of existing) {
      const role = wanted.get(link.unit_id);
      if (role) await repo.updateUnitLink(trx, id, link.unit_id, { role, assigned_on: assignedOn, removed_at: null });
      else if (!link.removed_at) await repo.updateUnitLink(trx, id, link.unit_id, { removed_at: now });
    }
    const known = new Set(existing.map((e) => e.unit_id));
    await repo.insertUnitLinks(trx, [...wanted].filter(([u]) => !known.has(u)).map(([unit_id, role]) => ({
      township_id: s.township_id, suggestion_id: id, unit_id, role, assigned_on: assignedOn, removed_at: null, created_at: now,
    })));
    await transition(trx, actor, s, 'assigned', {
      lead_unit_id: input.leadUnitId, is_difficult: isDifficult, assigned_on: assignedOn, reply_due_on: due, round: s.round === 0 ? 1 : s.round,
    }, {
      action: s.state === 'assigned' ? 'reassign' : 'assign', note: input.note ?? null,
      detail: { leadUnitId: input.leadUnitId, coUnitIds, isDifficult, assignedOn, replyDueOn: due },
    }, now);
    await notifySuggestion(trx, {
      townshipId: s.township_id, suggestionId: id, round: s.round === 0 ? 1 : s.round, stage: 'assigned', title: noticeTitle(s),
      body: `主办单位：${units.get(input.leadUnitId)!.name}；答复期限：${due}（交办之日起${isDifficult ? 6 : 3}个月，代表法第五十一条）。答复前须先与代表联系。`,
    }, { unitIds: [input.leadUnitId, ...coUnitIds] }, now);
  });
  scheduleMailDelivery(db);
}

/** A notice's title: the reference number and the suggestion's title. */
function noticeTitle(s: Pick<repo.SuggestionRow, 'ref_no' | 'title'>): string {
  return s.ref_no ? `${s.ref_no} ${s.title}` : s.title;
}

// ---- handling by the units ------------------------------------------------------------------

/** The unit's contact with the deputy (代表法 第51条: units must contact the deputy). */
export async function recordContact(db: Kysely<DB>, actor: Actor, id: string, input: { contactedOn?: string; method: string; note: string }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'contact');
  const today = clock.today();
  const contactedOn = input.contactedOn ?? today;
  assertDay(contactedOn, 'contactedOn', today, l.s.assigned_on);
  const now = clock.now();
  const row: repo.ContactRow = {
    id: newId(), township_id: l.s.township_id, suggestion_id: id, unit_id: actor.unitId!, round: l.s.round, contacted_on: contactedOn,
    method: input.method, note: input.note, recorded_by: actor.id, created_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertContact(trx, row);
    await recordEvent(trx, actor, l.s, { action: 'contact', note: input.note, detail: { unitId: row.unit_id, contactedOn, method: input.method } }, now);
  });
}

/** 协办意见: a co-unit's opinion, attached to the lead unit's reply of this round. */
export async function addOpinion(db: Kysely<DB>, actor: Actor, id: string, content: string, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'opinion');
  const now = clock.now();
  const row: repo.OpinionRow = { id: newId(), township_id: l.s.township_id, suggestion_id: id, unit_id: actor.unitId!, round: l.s.round, content, recorded_by: actor.id, created_at: now };
  await db.transaction().execute(async (trx) => {
    await repo.insertOpinion(trx, row);
    await recordEvent(trx, actor, l.s, { action: 'opinion', detail: { unitId: row.unit_id } }, now);
  });
}

/**
 * The lead unit's reply with its grade (A 已解决, B 正在解决/列入计划, C 条件具备时解决, D 留作参考).
 * Refused until the unit has recorded a contact with the deputy in this round. A and D need
 * no follow-up; B and C are followed until the promise is kept (落实).
 */
export async function replyToSuggestion(db: Kysely<DB>, actor: Actor, id: string, input: { grade: SuggestionGrade; content: string }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'reply');
  const s = l.s;
  if (!(await repo.hasContact(db, id, actor.unitId!, s.round))) throw new AppError('SUGGESTION_CONTACT_REQUIRED');
  const today = clock.today();
  const now = clock.now();
  const isOnTime = !isOverdue(s.reply_due_on!, today);
  const tracked = TRACKED_GRADES.includes(input.grade);
  const implementation = input.grade === 'A' ? 'implemented' as const
    : tracked ? (s.implementation === 'in_progress' ? 'in_progress' as const : 'pending' as const) : 'not_applicable' as const;
  await db.transaction().execute(async (trx) => {
    await repo.insertReply(trx, {
      id: newId(), township_id: s.township_id, suggestion_id: id, unit_id: actor.unitId!, round: s.round, grade: input.grade, content: input.content,
      replied_on: today, due_on: s.reply_due_on!, is_on_time: isOnTime, replied_by: actor.id,
      feedback: null, feedback_comment: null, feedback_at: null, feedback_by: null, created_at: now,
    });
    await transition(trx, actor, s, 'replied', {
      grade: input.grade, replied_on: today, implementation, implemented_on: input.grade === 'A' ? today : null,
    }, { action: 'reply', detail: { grade: input.grade, isOnTime, dueOn: s.reply_due_on } }, now);
    const author = (await repo.findDeputies(trx, s.township_id, [s.author_deputy_id]))[0];
    if (author?.user_id) {
      await notifySuggestion(trx, {
        townshipId: s.township_id, suggestionId: id, round: s.round, stage: 'replied', title: noticeTitle(s),
        body: `承办单位已答复（${input.grade}类）。请对答复发表意见：满意、基本满意或不满意。`,
      }, { userIds: [author.user_id] }, now);
    }
  });
  scheduleMailDelivery(db);
}

/**
 * The deputy's answer to a reply: 满意 or 基本满意 close it (办结); 不满意 sends it back to the
 * unit with a new due date (the township's reHandlingMonths after today) and a new round, whose
 * reply asks for feedback again. The office may record an answer given on paper.
 */
export async function giveFeedback(db: Kysely<DB>, actor: Actor, id: string, input: { rating: SuggestionFeedback; comment?: string | null }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'feedback');
  const s = l.s;
  const today = clock.today();
  const now = clock.now();
  const reply = await repo.findReply(db, id, s.round);
  if (!reply) throw new AppError('SUGGESTION_STATE_INVALID', { state: STATE_INFO[s.state].label, action: ACTION_LABELS.feedback });
  const onPaper = !l.parties.has('author');
  await db.transaction().execute(async (trx) => {
    await repo.updateReply(trx, reply.id, { feedback: input.rating, feedback_comment: input.comment ?? null, feedback_at: now, feedback_by: actor.id });
    const detail = { rating: input.rating, onPaper };
    if (input.rating === 'dissatisfied') {
      const { reHandlingMonths } = await settingsOf(trx, s.township_id);
      const due = rehandleDueDate(today, reHandlingMonths);
      await transition(trx, actor, s, 're_handling', { feedback: input.rating, round: s.round + 1, reply_due_on: due }, {
        action: 'feedback', note: input.comment ?? null, detail: { ...detail, replyDueOn: due, reHandlingMonths },
      }, now);
      if (s.lead_unit_id) {
        await notifySuggestion(trx, {
          townshipId: s.township_id, suggestionId: id, round: s.round + 1, stage: 'dissatisfied', title: noticeTitle(s),
          body: `代表对答复不满意${input.comment ? `：${input.comment}` : ''}。请重新办理，新的答复期限：${due}。`,
        }, { unitIds: [s.lead_unit_id] }, now);
      }
    } else {
      await transition(trx, actor, s, 'closed', { feedback: input.rating, closed_at: now }, { action: 'feedback', note: input.comment ?? null, detail }, now);
    }
  });  scheduleMailDelivery(db);
}

/** 办结 by the office without the deputy's feedback, with the reason. */
export async function closeSuggestion(db: Kysely<DB>, actor: Actor, id: string, note: string, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'close');
  const now = clock.now();
  await db.transaction().execute((trx) => transition(trx, actor, l.s, 'closed', { closed_at: now }, { action: 'close', note }, now));
}

/**
 * 落实: progress toward keeping a B or C promise, with evidence files; 'implemented' ends it.
 * Separate from 办结: a closed suggestion keeps being followed until implemented.
 */
export async function recordProgress(db: Kysely<DB>, actor: Actor, id: string, input: { status: 'in_progress' | 'implemented'; content: string; entryOn?: string; attachmentIds?: string[] }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'progress');
  const s = l.s;
  if (!TRACKED_GRADES.includes(s.grade ?? '') || (s.implementation !== 'pending' && s.implementation !== 'in_progress')) throw new AppError('SUGGESTION_NOT_TRACKED');
  const today = clock.today();
  const entryOn = input.entryOn ?? today;
  assertDay(entryOn, 'entryOn', today, s.replied_on);
  const now = clock.now();
  const row: repo.ProgressRow = { id: newId(), township_id: s.township_id, suggestion_id: id, entry_on: entryOn, status: input.status, content: input.content, recorded_by: actor.id, created_at: now };
  await db.transaction().execute(async (trx) => {
    await repo.insertProgress(trx, row);
    const linked = await repo.linkEvidence(trx, id, row.id, [...new Set(input.attachmentIds ?? [])]);
    if (linked !== new Set(input.attachmentIds ?? []).size) throw fieldError('attachmentIds', '佐证材料不存在或已关联');
    await repo.updateSuggestion(trx, id, { implementation: input.status, implemented_on: input.status === 'implemented' ? entryOn : null, updated_at: now });
    await recordEvent(trx, actor, s, { action: 'progress', note: input.content, detail: { status: input.status, entryOn, attachments: linked } }, now);
  });
}

// ---- supervision (督办) ---------------------------------------------------------------------

/** 督办: a supervision action of the presidium (recorded by it or the office). */
export async function recordSupervision(db: Kysely<DB>, actor: Actor, id: string, input: { method: string; note: string; actedOn?: string }, clock: Clock = systemClock): Promise<void> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'supervise');
  const today = clock.today();
  const actedOn = input.actedOn ?? today;
  assertDay(actedOn, 'actedOn', today);
  const now = clock.now();
  const row: repo.SupervisionRow = { id: newId(), township_id: l.s.township_id, suggestion_id: id, method: input.method, acted_on: actedOn, note: input.note, recorded_by: actor.id, created_at: now };
  await db.transaction().execute(async (trx) => {
    await repo.insertSupervision(trx, row);
    await recordEvent(trx, actor, l.s, { action: 'supervise', note: input.note, detail: { method: input.method, actedOn } }, now);
  });
}

/**
 * The author's name and phone for the units that must contact them (代表法 第51条): personal
 * information, so each look is audited with who looked.
 */
export async function revealAuthorContact(db: Kysely<DB>, actor: Actor, id: string): Promise<{ name: string; phone: string | null }> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'revealContact');
  const d = (await repo.findDeputies(db, l.s.township_id, [l.s.author_deputy_id]))[0]!;
  await db.transaction().execute((trx) => writeAudit(trx, actor, {
    townshipId: l.s.township_id, action: 'suggestion.reveal_author_contact', entityType: 'deputy', entityId: d.id, after: { suggestionId: id, fields: ['phone'] },
  }));
  return { name: d.name, phone: d.phone };
}

// ---- attachments ----------------------------------------------------------------------------

/**
 * Stores a file under uploads/<township>/<uuid> (never under its own name) and records it.
 * Who may attach what: the author or entering staff the submission's files; the units their
 * reply's; the lead unit and office the evidence of implementation.
 */
export async function addAttachment(db: Kysely<DB>, actor: Actor, dataDir: string, id: string, purpose: SuggestionAttachmentPurpose, upload: Upload, clock: Clock = systemClock): Promise<repo.AttachmentRow> {
  const l = await loadSuggestion(db, actor, id);
  assertAllowed(l, 'attach');
  const allowedParties: Record<SuggestionAttachmentPurpose, Party[]> = { submission: ['owner', 'office'], reply: ['lead_unit', 'co_unit', 'office'], evidence: ['lead_unit', 'office'] };
  if (!allowedParties[purpose].some((p) => l.parties.has(p))) throw new AppError('FORBIDDEN');
  const fileId = newId();
  const storageKey = `${l.s.township_id}/${fileId}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, upload.buffer, { flag: 'wx' });
  const now = clock.now();
  const row: repo.AttachmentRow = {
    id: fileId, township_id: l.s.township_id, suggestion_id: id, purpose, progress_id: null, file_name: cleanFileName(upload.filename, 'attachment'),
    mime: UPLOAD_MIME[upload.kind], size_bytes: upload.buffer.length, sha256: createHash('sha256').update(upload.buffer).digest('hex'),
    storage_key: storageKey, uploaded_by: actor.id, created_at: now, archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertAttachment(trx, row);
      await recordEvent(trx, actor, l.s, { action: 'attach', detail: { attachmentId: fileId, purpose, fileName: row.file_name } }, now);
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

/** A file by id, if the actor may see its suggestion. */
export async function getAttachmentFile(db: Kysely<DB>, actor: Actor, dataDir: string, attachmentId: string): Promise<{ row: repo.AttachmentRow; filePath: string }> {
  const row = await repo.findAttachment(db, attachmentId, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('attachment');
  await loadSuggestion(db, actor, row.suggestion_id);
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

/** Removes a file from the suggestion (kept on disk and in the record): its uploader or the office. */
export async function archiveAttachment(db: Kysely<DB>, actor: Actor, attachmentId: string, clock: Clock = systemClock): Promise<void> {
  const row = await repo.findAttachment(db, attachmentId, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('attachment');
  const l = await loadSuggestion(db, actor, row.suggestion_id);
  if (row.uploaded_by !== actor.id && !l.parties.has('office')) throw new AppError('FORBIDDEN');
  if (row.progress_id) throw new AppError('CONFLICT');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await repo.archiveAttachment(trx, attachmentId, now);
    await recordEvent(trx, actor, l.s, { action: 'detach', detail: { attachmentId, fileName: row.file_name } }, now);
  });
}

// ---- motions handed on as suggestions -----------------------------------------------------

/**
 * A 议案 the presidium did not put on the agenda is handled as a 建议 (地方组织法 第22条). The
 * sessions module calls this inside its transaction when a motion becomes
 * 'converted_to_suggestion': the suggestion is created submitted (awaiting 立案), raised at
 * the session, with the motion's lead as author and its signers with their confirmations.
 * Idempotent per motion.
 */
export async function createSuggestionFromMotion(trx: Kysely<DB> | Tx, actor: Actor, motion: Pick<MotionsTable, 'id' | 'township_id' | 'session_id' | 'title' | 'reason' | 'basis' | 'proposal' | 'lead_deputy_id'>, clock: Clock = systemClock): Promise<string> {
  const existing = await repo.findByMotion(trx, motion.id);
  if (existing) return existing.id;
  const run = async (tx: Tx): Promise<string> => {
    const now = clock.now();
    const year = yearOfDay(clock.today());
    const seq = await repo.nextSeq(tx, motion.township_id, year);
    const row: repo.SuggestionRow = {
      id: newId(), township_id: motion.township_id, year, seq, ref_no: `${year}-${String(seq).padStart(3, '0')}`, kind: 'suggestion',
      title: motion.title, content: motionAsSuggestionContent(motion), category: null, raised_at: 'session',
      session_id: motion.session_id, motion_id: motion.id, author_deputy_id: motion.lead_deputy_id, state: 'submitted', is_public: false,
      is_difficult: false, submitted_at: now, registered_at: null, return_reason: null, assigned_on: null, round: 0, reply_due_on: null,
      lead_unit_id: null, grade: null, replied_on: null, feedback: null, closed_at: null, implementation: 'not_applicable', implemented_on: null,
      overdue_flagged_due: null, overdue_flagged_at: null, created_by: actor.id, created_at: now, updated_at: now,
    };
    await repo.insertSuggestion(tx, row);
    const signers = await tx.selectFrom('motion_signers').select(['deputy_id', 'is_lead', 'confirmed_at', 'confirmation', 'recorded_by']).where('motion_id', '=', motion.id).execute();
    const hasLead = signers.some((x) => x.deputy_id === motion.lead_deputy_id);
    await repo.insertSigners(tx, [
      ...(hasLead ? [] : [{ deputy_id: motion.lead_deputy_id, is_lead: true, confirmed_at: now, confirmation: 'paper' as const, recorded_by: actor.id }]),
      ...signers,
    ].map((x) => ({
      township_id: motion.township_id, suggestion_id: row.id, deputy_id: x.deputy_id, is_author: x.deputy_id === motion.lead_deputy_id,
      confirmed_at: x.confirmed_at, confirmation: x.confirmation, recorded_by: x.recorded_by, created_at: now,
    })));
    await recordEvent(tx, actor, row, { action: 'from_motion', to: 'submitted', detail: { motionId: motion.id, refNo: row.ref_no } }, now);
    return row.id;
  };
  return trx.isTransaction ? run(trx as Tx) : trx.transaction().execute(run);
}

/**
 * A consolidated item of residents' opinions (民情意见梳理归纳) raised as a 建议 between
 * sessions (代表法 第36条): created submitted (awaiting 立案) with a reference number, the named
 * deputy as its author, confirmed by themselves when they act or on paper when the office
 * enters it on their behalf. The duty module calls this inside its transaction and keeps the
 * link from the consolidated item and its opinions.
 */
export async function createSuggestionFromOpinions(
  trx: Tx, actor: Actor,
  input: { townshipId: string; consolidationId: string; authorDeputyId: string; title: string; content: string; category?: string | null; isPublic?: boolean; opinionCount: number },
  clock: Clock = systemClock,
): Promise<{ id: string; refNo: string }> {
  const now = clock.now();
  const year = yearOfDay(clock.today());
  const seq = await repo.nextSeq(trx, input.townshipId, year);
  const row: repo.SuggestionRow = {
    id: newId(), township_id: input.townshipId, year, seq, ref_no: `${year}-${String(seq).padStart(3, '0')}`, kind: 'suggestion',
    title: input.title, content: input.content, category: null, raised_at: 'between_sessions', session_id: null, motion_id: null,
    author_deputy_id: input.authorDeputyId, state: 'submitted', is_public: input.isPublic ?? false, is_difficult: false, submitted_at: now,
    registered_at: null, return_reason: null, assigned_on: null, round: 0, reply_due_on: null, lead_unit_id: null, grade: null, replied_on: null,
    feedback: null, closed_at: null, implementation: 'not_applicable', implemented_on: null, overdue_flagged_due: null, overdue_flagged_at: null,
    created_by: actor.id, created_at: now, updated_at: now,
  };
  await repo.insertSuggestion(trx, row);
  const isSelf = actor.role === 'deputy';
  await repo.insertSigners(trx, [{
    township_id: input.townshipId, suggestion_id: row.id, deputy_id: input.authorDeputyId, is_author: true, confirmed_at: now,
    confirmation: isSelf ? 'self' : 'paper', recorded_by: actor.id, created_at: now,
  }]);
  await recordEvent(trx, actor, row, {
    action: 'from_opinions', to: 'submitted',
    detail: { consolidationId: input.consolidationId, opinionCount: input.opinionCount, refNo: row.ref_no, ...(input.category ? { opinionCategory: input.category } : {}) },
  }, now);
  return { id: row.id, refNo: row.ref_no! };
}

/** Whether the suggestion is past its reply date today (a handling state only). */
export function isSuggestionOverdue(s: Pick<repo.SuggestionRow, 'state' | 'reply_due_on'>, today: Day): boolean {
  return Boolean(s.reply_due_on) && (s.state === 'assigned' || s.state === 're_handling') && isOverdue(s.reply_due_on!, today);
}
