import type { Kysely } from 'kysely';
import { checkCalendar, planCalendar, type StepFlag } from '../../../domain/election-calendar.js';
import { isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import { checkCandidatesOutnumberSeats, COMMITTEE_MAX_MEMBERS, COMMITTEE_MIN_MEMBERS, type SeatSpec } from '../../../domain/village-election.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can, type Ability } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, Gender, GuidanceRole, VillageOfficeKind } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { currentPresidium, listDeputies } from '../deputies/deputies.repository.js';
import { DEFAULT_PROFILE_KEY, findProfile, type ElectionProfile } from './elections.profiles.js';
import * as repo from './elections.repository.js';

// ---- scope ------------------------------------------------------------------------------------

/**
 * A village clerk (村委会文书) works on their own village's election only: any other village's
 * election is 404 for them, like another township's.
 */
function clerkMayNotSee(actor: Actor, election: repo.ElectionRow): boolean {
  return actor.role === 'village_clerk' && election.village_id !== actor.villageId;
}

/** A round in the actor's scope, or 404; then 403 without `election.read`. */
export async function loadRound(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.RoundRow> {
  const round = await repo.findRoundInScope(db, id, await visibleTownshipIds(db, actor));
  if (!round) throw notFound('election_round');
  authorize(actor, 'election.read');
  return round;
}

/** A village election in the actor's scope (a clerk: their village's), or 404; then `ability`. */
export async function loadElection(db: Kysely<DB>, actor: Actor, id: string, ability: Ability = 'election.read'): Promise<repo.ElectionRow> {
  const election = await repo.findElectionInScope(db, id, await visibleTownshipIds(db, actor));
  if (!election || clerkMayNotSee(actor, election)) throw notFound('village_election');
  authorize(actor, ability);
  return election;
}

export function profileOf(round: repo.RoundRow): ElectionProfile {
  return findProfile(round.profile_key) ?? findProfile(DEFAULT_PROFILE_KEY)!;
}

function assertDay(day: string, field: string): void {
  if (!isValidDay(day)) throw new AppError('VALIDATION_FAILED', {}, [{ path: field, message: 'YYYY-MM-DD' }]);
}

/** What the actor may do, for the UI. */
export function electionAbilities(actor: Actor): { manage: boolean; roll: boolean; tally: boolean; reveal: boolean; documents: boolean } {
  return {
    manage: can(actor, 'election.manage'), roll: can(actor, 'election.roll'), tally: can(actor, 'election.tally'), reveal: can(actor, 'personal.reveal'),
    documents: can(actor, 'election.document'),
  };
}

// ---- rounds ------------------------------------------------------------------------------------

export interface RoundInput {
  name: string;
  year: number;
  plannedVoteDay: string;
  profileKey?: string;
  termYears?: number;
  runoffExtraCandidates?: number;
  /** Villages taking part; all current villages by default. */
  villageIds?: string[];
  seats?: { chair: number; viceChair: number; member: number };
  ballotBoxes?: number;
}

/** Committee seats (第6条): one 主任, 3 to 7 members in all. */
export function assertSeats(seats: { chair: number; viceChair: number; member: number }): void {
  const total = seats.chair + seats.viceChair + seats.member;
  if (seats.chair !== 1 || seats.viceChair < 0 || seats.member < 0 || total < COMMITTEE_MIN_MEMBERS || total > COMMITTEE_MAX_MEMBERS) {
    throw new AppError('ELECTION_SEATS_INVALID', { total, min: COMMITTEE_MIN_MEMBERS, max: COMMITTEE_MAX_MEMBERS });
  }
}

const DEFAULT_SEATS = { chair: 1, viceChair: 1, member: 3 };

/**
 * Opens a township's election round (换届选举): the round, one election per village with its
 * calendar planned from the voting day by the chosen profile, and the guidance group drawn from
 * the current presidium (主席 as leader, 副主席 as deputy leaders, 成员 as members).
 */
export async function createRound(db: Kysely<DB>, actor: Actor, townshipId: string, input: RoundInput): Promise<repo.RoundRow> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'election.manage');
  assertDay(input.plannedVoteDay, 'plannedVoteDay');
  if (Number(input.plannedVoteDay.slice(0, 4)) !== input.year) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'plannedVoteDay', message: '投票日应在换届年度内' }]);
  }
  const profile = findProfile(input.profileKey ?? DEFAULT_PROFILE_KEY);
  if (!profile) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'profileKey', message: 'unknown profile' }]);
  const seats = input.seats ?? DEFAULT_SEATS;
  assertSeats(seats);
  const villages = (await repo.villagesOf(db, townshipId)).filter((v) => !v.archived_at);
  const chosen = input.villageIds ? villages.filter((v) => input.villageIds!.includes(v.id)) : villages;
  if (input.villageIds && chosen.length !== input.villageIds.length) throw notFound('village');
  const now = nowIso();
  const round: repo.RoundRow = {
    id: newId(), township_id: townshipId, name: input.name, year: input.year, term_years: input.termYears ?? 5, profile_key: profile.key,
    planned_vote_day: input.plannedVoteDay, runoff_extra_candidates: input.runoffExtraCandidates ?? 1, created_by: actor.id,
    created_at: now, updated_at: now, archived_at: null,
  };
  const elections: repo.ElectionRow[] = chosen.map((v) => ({
    id: newId(), township_id: townshipId, round_id: round.id, village_id: v.id, seats_chair: seats.chair, seats_vice_chair: seats.viceChair,
    seats_member: seats.member, ballot_boxes: input.ballotBoxes ?? 3, runoff_ballot_boxes: null, state: 'pending', registered_frozen: null, first_cast: null,
    first_counted_at: null, runoff_cast: null, runoff_counted_at: null, completed_on: null, created_at: now, updated_at: now,
  }));
  const plan = planCalendar(profile.steps, input.plannedVoteDay);
  const steps: repo.StepRow[] = elections.flatMap((e) => plan.map((s, i) => ({
    id: newId(), township_id: townshipId, election_id: e.id, step_key: s.key, seq: i + 1, planned_on: s.plannedOn, done_on: null, note: null, updated_at: now,
  })));
  const guidance = await guidanceFromPresidium(db, townshipId, round.id, now);
  await db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, round);
    await repo.insertElections(trx, elections);
    await repo.insertSteps(trx, steps);
    await repo.replaceGuidance(trx, round.id, guidance);
    await writeAudit(trx, actor, { townshipId, action: 'election.round.create', entityType: 'election_round', entityId: round.id, after: { ...round, villages: chosen.length } });
  });
  return round;
}

export async function updateRound(db: Kysely<DB>, actor: Actor, id: string, input: { name?: string; runoffExtraCandidates?: number }): Promise<repo.RoundRow> {
  const before = await loadRound(db, actor, id);
  authorize(actor, 'election.manage');
  const patch = { name: input.name ?? before.name, runoff_extra_candidates: input.runoffExtraCandidates ?? before.runoff_extra_candidates, updated_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await repo.updateRound(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'election.round.update', entityType: 'election_round', entityId: id, before, after: patch });
  });
  return { ...before, ...patch };
}

export interface VillageSummary {
  election: repo.ElectionRow;
  villageName: string;
  voters: number;
  plannedVoteDay: string;
  votedOn: string | null;
  /** done, behind (a step overdue or a rule broken), on_schedule. */
  schedule: 'done' | 'behind' | 'on_schedule';
  isOnSchedule: boolean;
  flagCount: number;
  hasRunoff: boolean;
}

export interface RoundDetail {
  round: repo.RoundRow;
  profile: ElectionProfile;
  villages: VillageSummary[];
  guidance: repo.GuidanceRow[];
  trainings: { training: repo.TrainingRow; attendees: repo.AttendeeRow[] }[];
}

/** Per village: on schedule, done or behind; and whether it was elected on schedule. */
export async function summariseVillages(db: Kysely<DB>, round: repo.RoundRow, elections: repo.ElectionRow[], today = todayInShanghai()): Promise<VillageSummary[]> {
  const profile = profileOf(round);
  const ids = elections.map((e) => e.id);
  const [villages, steps, voters] = await Promise.all([repo.villagesOf(db, round.township_id), repo.listSteps(db, ids), repo.countVoters(db, ids)]);
  const villageById = new Map(villages.map((v) => [v.id, v]));
  const order = new Map(villages.map((v, i) => [v.id, i]));
  return elections
    .sort((a, b) => (order.get(a.village_id) ?? 0) - (order.get(b.village_id) ?? 0))
    .map((e) => {
      const own = steps.filter((s) => s.election_id === e.id);
      const flags = checkCalendar(profile.steps, own.map((s) => ({ key: s.step_key, plannedOn: s.planned_on, doneOn: s.done_on })), today);
      const vote = own.find((s) => s.step_key === 'vote');
      const plannedVoteDay = vote?.planned_on ?? round.planned_vote_day;
      const votedOn = vote?.done_on ?? null;
      const done = e.state === 'done';
      const flagCount = [...flags.values()].reduce((n, f) => n + f.length, 0);
      return {
        election: e, villageName: villageById.get(e.village_id)?.name ?? '', voters: voters.get(e.id) ?? 0, plannedVoteDay, votedOn,
        schedule: done ? 'done' : flagCount > 0 ? 'behind' : 'on_schedule',
        isOnSchedule: done && !!votedOn && votedOn <= plannedVoteDay,
        flagCount, hasRunoff: e.runoff_counted_at !== null || e.state === 'runoff_needed',
      } satisfies VillageSummary;
    });
}

export async function listRounds(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<{ round: repo.RoundRow; villages: VillageSummary[] }[]> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'election.read');
  const rounds = await repo.listRounds(db, townshipId);
  return Promise.all(rounds.map(async (round) => ({
    round, villages: await summariseVillages(db, round, await repo.listElections(db, round.id, actor.role === 'village_clerk' ? actor.villageId : null)),
  })));
}

export async function getRound(db: Kysely<DB>, actor: Actor, id: string): Promise<RoundDetail> {
  const round = await loadRound(db, actor, id);
  const elections = await repo.listElections(db, id, actor.role === 'village_clerk' ? (actor.villageId ?? '-') : null);
  const [villages, guidance, trainings] = await Promise.all([summariseVillages(db, round, elections), repo.listGuidance(db, id), repo.listTrainings(db, id)]);
  const attendees = await repo.listAttendees(db, trainings.map((t) => t.id));
  return {
    round, profile: profileOf(round), villages, guidance,
    trainings: trainings.map((training) => ({ training, attendees: attendees.filter((a) => a.training_id === training.id) })),
  };
}

// ---- guidance group (选举工作指导组) ----------------------------------------------------------------

const ROLE_OF_POSITION = { chair: 'leader', vice_chair: 'deputy_leader', member: 'member' } as const satisfies Record<string, GuidanceRole>;
const TITLE_OF_POSITION = { chair: '镇人大主席', vice_chair: '镇人大副主席', member: '主席团成员' } as const;

async function guidanceFromPresidium(db: Kysely<DB>, townshipId: string, roundId: string, now: string): Promise<repo.GuidanceRow[]> {
  const [presidium, deputies] = await Promise.all([currentPresidium(db, townshipId), listDeputies(db, townshipId)]);
  const byId = new Map(deputies.map((d) => [d.id, d]));
  const order = { chair: 0, vice_chair: 1, member: 2 } as const;
  return presidium
    .filter((p) => byId.has(p.deputy_id))
    .sort((a, b) => order[a.position] - order[b.position])
    .map((p, i) => ({
      id: newId(), township_id: townshipId, round_id: roundId, deputy_id: p.deputy_id, name: byId.get(p.deputy_id)!.name,
      role: ROLE_OF_POSITION[p.position], title: TITLE_OF_POSITION[p.position], seq: i + 1, created_at: now,
    }));
}

export interface GuidanceInput {
  deputyId?: string | null;
  name: string;
  role: GuidanceRole;
  title?: string | null;
}

/**
 * Sets the guidance group. The presidium leads election guidance: the leader must be the
 * presidium chair and deputy leaders its vice-chairs, when the township has a presidium; other
 * members (民政, 组织 staff) are free.
 */
export async function setGuidance(db: Kysely<DB>, actor: Actor, roundId: string, members: GuidanceInput[]): Promise<repo.GuidanceRow[]> {
  const round = await loadRound(db, actor, roundId);
  authorize(actor, 'election.manage');
  const presidium = await currentPresidium(db, round.township_id);
  const fields: { path: string; message: string }[] = [];
  const leaders = members.filter((m) => m.role === 'leader');
  if (leaders.length !== 1) fields.push({ path: 'members', message: '指导组应有且只有一名组长' });
  if (presidium.length) {
    members.forEach((m, i) => {
      const p = presidium.find((x) => x.deputy_id === m.deputyId);
      if (m.role === 'leader' && p?.position !== 'chair') fields.push({ path: `members.${i}.role`, message: '组长应由人大主席担任' });
      if (m.role === 'deputy_leader' && p?.position !== 'vice_chair') fields.push({ path: `members.${i}.role`, message: '副组长应由人大副主席担任' });
    });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
  const now = nowIso();
  const rows: repo.GuidanceRow[] = members.map((m, i) => ({
    id: newId(), township_id: round.township_id, round_id: roundId, deputy_id: m.deputyId ?? null, name: m.name, role: m.role, title: m.title ?? null, seq: i + 1, created_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    const before = await repo.listGuidance(trx, roundId);
    await repo.replaceGuidance(trx, roundId, rows);
    await writeAudit(trx, actor, { townshipId: round.township_id, action: 'election.guidance.set', entityType: 'election_round', entityId: roundId, before, after: rows });
  });
  return rows;
}

// ---- training (选举工作人员培训) -----------------------------------------------------------------------

export interface TrainingInput {
  heldOn: string;
  topic: string;
  place: string;
  attendees: { name: string; villageId?: string | null; duty?: string | null }[];
}

export async function addTraining(db: Kysely<DB>, actor: Actor, roundId: string, input: TrainingInput): Promise<repo.TrainingRow> {
  const round = await loadRound(db, actor, roundId);
  authorize(actor, 'election.manage');
  assertDay(input.heldOn, 'heldOn');
  const villages = new Set((await repo.villagesOf(db, round.township_id)).map((v) => v.id));
  const bad = input.attendees.findIndex((a) => a.villageId && !villages.has(a.villageId));
  if (bad >= 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: `attendees.${bad}.villageId`, message: 'unknown village' }]);
  const row: repo.TrainingRow = { id: newId(), township_id: round.township_id, round_id: roundId, held_on: input.heldOn, topic: input.topic, place: input.place, created_at: nowIso(), archived_at: null };
  const attendees = input.attendees.map((a) => ({ id: newId(), township_id: round.township_id, training_id: row.id, name: a.name, village_id: a.villageId ?? null, duty: a.duty ?? null }));
  await db.transaction().execute(async (trx) => {
    await repo.insertTraining(trx, row, attendees);
    await writeAudit(trx, actor, { townshipId: round.township_id, action: 'election.training.create', entityType: 'election_training', entityId: row.id, after: { ...row, attendees: attendees.length } });
  });
  return row;
}

export async function archiveTraining(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const training = await repo.findTrainingInScope(db, id, await visibleTownshipIds(db, actor));
  if (!training) throw notFound('election_training');
  authorize(actor, 'election.manage');
  await db.transaction().execute(async (trx) => {
    await repo.archiveTraining(trx, id, nowIso());
    await writeAudit(trx, actor, { townshipId: training.township_id, action: 'election.training.archive', entityType: 'election_training', entityId: id, before: training });
  });
}

// ---- a village's election -------------------------------------------------------------------------

export function seatsOf(e: repo.ElectionRow): SeatSpec[] {
  return [{ office: 'chair', count: e.seats_chair }, { office: 'vice_chair', count: e.seats_vice_chair }, { office: 'member', count: e.seats_member }];
}

export function assertNotCounted(e: repo.ElectionRow): void {
  if (e.first_counted_at) throw new AppError('ELECTION_LOCKED');
}

export interface ElectionSettingsInput {
  seats?: { chair: number; viceChair: number; member: number };
  ballotBoxes?: number;
  /** The 另行选举's own boxes (null: the first vote's), set once a run-off is needed and before its first entry. */
  runoffBallotBoxes?: number | null;
}

export async function updateElection(db: Kysely<DB>, actor: Actor, id: string, input: ElectionSettingsInput): Promise<void> {
  const before = await loadElection(db, actor, id, 'election.manage');
  if (input.seats || input.ballotBoxes !== undefined) assertNotCounted(before);
  const patch: Partial<repo.ElectionRow> = { updated_at: nowIso() };
  if (input.runoffBallotBoxes !== undefined) {
    // The run-off may be held on the voting day with the same boxes or on a later day with fewer
    // (provincial measures fix its day); its boxes are settled before its first entry.
    if (before.state !== 'runoff_needed') throw new AppError('TALLY_CLOSED');
    if ((await repo.listEntries(db, id, 'runoff')).length > 0) throw new AppError('ELECTION_LOCKED');
    patch.runoff_ballot_boxes = input.runoffBallotBoxes;
  }
  if (input.seats) {
    assertSeats(input.seats);
    Object.assign(patch, { seats_chair: input.seats.chair, seats_vice_chair: input.seats.viceChair, seats_member: input.seats.member });
  }
  if (input.ballotBoxes !== undefined) patch.ballot_boxes = input.ballotBoxes;
  await db.transaction().execute(async (trx) => {
    await repo.updateElection(trx, id, patch);
    await writeAudit(trx, actor, { townshipId: before.township_id, action: 'election.update', entityType: 'village_election', entityId: id, before, after: patch });
  });
}

/** Records a calendar step's planned and actual days; the answer carries the flags the rules raise. */
export async function updateStep(db: Kysely<DB>, actor: Actor, id: string, key: string, input: { plannedOn?: string | null; doneOn?: string | null; note?: string | null }): Promise<void> {
  const election = await loadElection(db, actor, id, 'election.manage');
  const step = (await repo.listSteps(db, [id])).find((s) => s.step_key === key);
  if (!step) throw notFound('election_step');
  if (input.plannedOn) assertDay(input.plannedOn, 'plannedOn');
  if (input.doneOn) {
    assertDay(input.doneOn, 'doneOn');
    if (input.doneOn > todayInShanghai()) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'doneOn', message: '完成日期不能晚于今天' }]);
  }
  const patch = {
    planned_on: input.plannedOn === undefined ? step.planned_on : input.plannedOn,
    done_on: input.doneOn === undefined ? step.done_on : input.doneOn,
    note: input.note === undefined ? step.note : input.note,
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateStep(trx, id, key, patch);
    await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.step.update', entityType: 'village_election', entityId: id, before: step, after: { step_key: key, ...patch } });
  });
}

export interface CandidateInput {
  office: VillageOfficeKind;
  name: string;
  gender: Gender;
}

export async function addCandidate(db: Kysely<DB>, actor: Actor, electionId: string, input: CandidateInput): Promise<repo.CandidateRow> {
  const election = await loadElection(db, actor, electionId, 'election.manage');
  assertNotCounted(election);
  const existing = await repo.listCandidates(db, [electionId]);
  const row: repo.CandidateRow = {
    id: newId(), township_id: election.township_id, election_id: electionId, office: input.office, name: input.name, gender: input.gender,
    seq: existing.length + 1, first_votes: null, is_runoff_candidate: false, runoff_votes: null, elected_in: null, is_tied: false, created_at: nowIso(), archived_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertCandidates(trx, [row]);
    await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.candidate.add', entityType: 'election_candidate', entityId: row.id, after: row });
  });
  return row;
}

export async function removeCandidate(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const c = await repo.findCandidateInScope(db, id, await visibleTownshipIds(db, actor));
  if (!c) throw notFound('election_candidate');
  const election = await loadElection(db, actor, c.election_id, 'election.manage');
  assertNotCounted(election);
  await db.transaction().execute(async (trx) => {
    await repo.updateCandidate(trx, id, { archived_at: nowIso() });
    await writeAudit(trx, actor, { townshipId: c.township_id, action: 'election.candidate.remove', entityType: 'election_candidate', entityId: id, before: c });
  });
}

export interface StepView {
  step: repo.StepRow;
  label: string;
  labelEn: string;
  rules: ElectionProfile['steps'][number]['rules'];
  flags: StepFlag[];
  /** The step's current documents. */
  documents: repo.DocumentRow[];
}

/** The calendar with the profile's labels and rules and the flags of each step. */
export async function calendarOf(db: Kysely<DB>, round: repo.RoundRow, electionId: string): Promise<StepView[]> {
  const profile = profileOf(round);
  const [steps, documents] = await Promise.all([repo.listSteps(db, [electionId]), repo.listDocuments(db, electionId)]);
  const flags = checkCalendar(profile.steps, steps.map((s) => ({ key: s.step_key, plannedOn: s.planned_on, doneOn: s.done_on })), todayInShanghai());
  return steps.map((step) => {
    const p = profile.steps.find((x) => x.key === step.step_key);
    return { step, label: p?.label ?? step.step_key, labelEn: p?.labelEn ?? step.step_key, rules: p?.rules ?? [], flags: flags.get(step.step_key) ?? [],
      documents: documents.filter((d) => d.step_key === step.step_key),
    };
  });
}

/** 差额 check per office (第15条): the offices whose candidates do not outnumber the seats. */
export function competitionProblems(e: repo.ElectionRow, candidates: repo.CandidateRow[]): VillageOfficeKind[] {
  return checkCandidatesOutnumberSeats(candidates, seatsOf(e)).map((p) => p.split(':')[1] as VillageOfficeKind);
}

