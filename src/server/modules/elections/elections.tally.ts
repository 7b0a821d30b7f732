import type { Kysely } from 'kysely';
import { isValidDay, todayInShanghai } from '../../../domain/due-dates.js';
import {
  checkCommitteeComposition, electionTurnoutThreshold, electionWinThreshold, firstRound, isElectionValid, runoff, runoffCandidates,
  runoffMinimumVotes, type CompositionProblem, type CountResult,
} from '../../../domain/village-election.js';
import type { Actor } from '../../auth/actor.js';
import type { DB, TallyRound, VillageOfficeKind } from '../../db/schema.js';
import { retryOnUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './elections.repository.js';
import { competitionProblems, loadElection, seatsOf } from './elections.service.js';

export const OFFICES: VillageOfficeKind[] = ['chair', 'vice_chair', 'member'];

/** One ballot box as a clerk counted it (计票单). */
export interface BoxFigures {
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  /** Votes per candidate id. */
  votes: Record<string, number>;
}

export interface Mismatch {
  /** issued | returned | valid | invalid | votes.<candidateId> */
  field: string;
  candidateName?: string;
  first: number;
  second: number;
}

export interface BoxView {
  boxNo: number;
  entries: (repo.EntryRow & { figures: BoxFigures })[];
  status: 'empty' | 'one_entry' | 'matched' | 'mismatch' | 'resolved';
  mismatches: Mismatch[];
  accepted: BoxFigures | null;
  resolvedBy: string | null;
}

export interface TallyView {
  round: TallyRound;
  boxes: BoxView[];
  /** Candidates on this ballot. */
  candidateIds: string[];
  /** Sum of the accepted boxes. */
  totals: BoxFigures;
  isComplete: boolean;
}

const figuresOf = (r: { issued: number; returned: number; valid: number; invalid: number; votes_json: string }): BoxFigures => ({
  issued: r.issued, returned: r.returned, valid: r.valid, invalid: r.invalid, votes: JSON.parse(r.votes_json) as Record<string, number>,
});

/** Field-by-field differences of two entries of one box. */
export function compareEntries(a: BoxFigures, b: BoxFigures, names: Map<string, string>): Mismatch[] {
  const out: Mismatch[] = [];
  for (const f of ['issued', 'returned', 'valid', 'invalid'] as const) if (a[f] !== b[f]) out.push({ field: f, first: a[f], second: b[f] });
  for (const id of new Set([...Object.keys(a.votes), ...Object.keys(b.votes)])) {
    const x = a.votes[id] ?? 0;
    const y = b.votes[id] ?? 0;
    if (x !== y) out.push({ field: `votes.${id}`, candidateName: names.get(id) ?? id, first: x, second: y });
  }
  return out;
}

function ballotOf(election: repo.ElectionRow, candidates: repo.CandidateRow[], round: TallyRound): { candidates: repo.CandidateRow[]; seats: Map<VillageOfficeKind, number> } {
  const seats = new Map(seatsOf(election).map((s) => [s.office, s.count] as const));
  if (round === 'first') return { candidates, seats };
  const onBallot = candidates.filter((c) => c.is_runoff_candidate);
  const left = new Map<VillageOfficeKind, number>();
  for (const o of OFFICES) {
    const unfilled = (seats.get(o) ?? 0) - candidates.filter((c) => c.office === o && c.elected_in === 'first').length;
    if (unfilled > 0 && onBallot.some((c) => c.office === o)) left.set(o, unfilled);
  }
  return { candidates: onBallot, seats: left };
}

/** The consistency rules of one box: returned ≤ issued, valid + invalid = returned, votes within the valid ballots. */
function assertFigures(f: BoxFigures, ballot: { candidates: repo.CandidateRow[]; seats: Map<VillageOfficeKind, number> }): void {
  const fields: { path: string; message: string }[] = [];
  if (f.returned > f.issued) fields.push({ path: 'returned', message: '收回票数不能多于发出票数' });
  if (f.valid + f.invalid !== f.returned) fields.push({ path: 'valid', message: '有效票与无效票之和应等于收回票数' });
  const ids = new Set(ballot.candidates.map((c) => c.id));
  for (const id of Object.keys(f.votes)) if (!ids.has(id)) fields.push({ path: `votes.${id}`, message: '不是本次选票上的候选人' });
  for (const c of ballot.candidates) {
    const v = f.votes[c.id];
    if (v === undefined) fields.push({ path: `votes.${c.id}`, message: `请填写${c.name}的得票数` });
    else if (v > f.valid) fields.push({ path: `votes.${c.id}`, message: `${c.name}的得票数不能多于有效票数` });
  }
  for (const [office, seats] of ballot.seats) {
    const sum = ballot.candidates.filter((c) => c.office === office).reduce((n, c) => n + (f.votes[c.id] ?? 0), 0);
    if (sum > f.valid * seats) fields.push({ path: `votes.${office}`, message: `同一职务的得票总数不能多于有效票数×应选名额（${f.valid * seats}）` });
  }
  if (fields.length) throw new AppError('TALLY_ENTRY_INVALID', {}, fields);
}

export async function getTally(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound): Promise<TallyView> {
  const election = await loadElection(db, actor, electionId);
  return tallyView(db, election, round);
}

export async function tallyView(db: Kysely<DB>, election: repo.ElectionRow, round: TallyRound): Promise<TallyView> {
  const [entries, counts, candidates] = await Promise.all([
    repo.listEntries(db, election.id, round), repo.listBoxCounts(db, [election.id], round), repo.listCandidates(db, [election.id]),
  ]);
  const ballot = ballotOf(election, candidates, round);
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const totals: BoxFigures = { issued: 0, returned: 0, valid: 0, invalid: 0, votes: Object.fromEntries(ballot.candidates.map((c) => [c.id, 0])) };
  const boxes: BoxView[] = [];
  for (let boxNo = 1; boxNo <= boxesOf(election, round); boxNo++) {
    const own = entries.filter((e) => e.box_no === boxNo).map((e) => ({ ...e, figures: figuresOf(e) }));
    const count = counts.find((c) => c.box_no === boxNo);
    const mismatches = own.length === 2 ? compareEntries(own[0]!.figures, own[1]!.figures, names) : [];
    const accepted = count ? figuresOf(count) : null;
    if (accepted) {
      for (const f of ['issued', 'returned', 'valid', 'invalid'] as const) totals[f] += accepted[f];
      for (const [id, v] of Object.entries(accepted.votes)) totals.votes[id] = (totals.votes[id] ?? 0) + v;
    }
    boxes.push({
      boxNo, entries: own, mismatches, accepted, resolvedBy: count?.resolved_by ?? null,
      status: count ? (count.how === 'resolved' ? 'resolved' : 'matched') : own.length === 0 ? 'empty' : own.length === 1 ? 'one_entry' : 'mismatch',
    });
  }
  return { round, boxes, candidateIds: ballot.candidates.map((c) => c.id), totals, isComplete: boxes.every((b) => b.accepted !== null) };
}

function assertRoundOpen(election: repo.ElectionRow, round: TallyRound): void {
  if (round === 'first' && (election.first_counted_at || election.state !== 'pending')) throw new AppError('TALLY_CLOSED');
  if (round === 'runoff' && election.state !== 'runoff_needed') throw new AppError('TALLY_CLOSED');
}

/**
 * The ballot boxes of a round. A 另行选举 held on the voting day uses the first vote's boxes; one
 * held on a later day (provincial measures allow it to be fixed for another day) may set up fewer,
 * recorded as `runoff_ballot_boxes` before its first entry.
 */
export function boxesOf(election: repo.ElectionRow, round: TallyRound): number {
  return round === 'runoff' ? (election.runoff_ballot_boxes ?? election.ballot_boxes) : election.ballot_boxes;
}

function assertBox(election: repo.ElectionRow, round: TallyRound, boxNo: number): void {
  const boxes = boxesOf(election, round);
  if (!Number.isInteger(boxNo) || boxNo < 1 || boxNo > boxes) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'boxNo', message: `票箱编号应为1至${boxes}` }]);
  }
}

/**
 * Records one clerk's count of one ballot box (双人录入). The first entry waits for the second;
 * the second must come from another user. When both agree the box is accepted; when they differ
 * the differences are listed field by field and the box waits for {@link resolveBox}.
 */
export function recordEntry(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound, boxNo: number, figures: BoxFigures): Promise<TallyView> {
  // Two entries of one box at the same moment both read "no entry yet" and both write entry 1: the
  // loser of the unique index runs again and takes the sequential path (entry 2, or its named error).
  return retryOnUniqueViolation(() => recordEntryOnce(db, actor, electionId, round, boxNo, figures));
}

async function recordEntryOnce(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound, boxNo: number, figures: BoxFigures): Promise<TallyView> {
  const election = await loadElection(db, actor, electionId, 'election.tally');
  assertRoundOpen(election, round);
  assertBox(election, round, boxNo);
  const candidates = await repo.listCandidates(db, [electionId]);
  assertFigures(figures, ballotOf(election, candidates, round));
  await db.transaction().execute(async (trx) => {
    const own = (await repo.listEntries(trx, electionId, round)).filter((e) => e.box_no === boxNo);
    const done = (await repo.listBoxCounts(trx, [electionId], round)).some((c) => c.box_no === boxNo);
    if (done || own.length >= 2) throw new AppError('TALLY_BOX_COMPLETE', { box: boxNo });
    if (own.some((e) => e.clerk_user_id === actor.id)) throw new AppError('TALLY_SAME_CLERK', { box: boxNo });
    const now = nowIso();
    const row: repo.EntryRow = {
      id: newId(), township_id: election.township_id, election_id: electionId, round, box_no: boxNo, entry_no: own.length + 1,
      clerk_user_id: actor.id, clerk_name: actor.displayName, issued: figures.issued, returned: figures.returned, valid: figures.valid,
      invalid: figures.invalid, votes_json: JSON.stringify(figures.votes), created_at: now,
    };
    await repo.insertEntry(trx, row);
    let matched = false;
    if (own.length === 1 && compareEntries(figuresOf(own[0]!), figures, new Map()).length === 0) {
      matched = true;
      await repo.insertBoxCount(trx, { ...figuresRow(figures), id: newId(), township_id: election.township_id, election_id: electionId, round, box_no: boxNo, how: 'matched', resolved_by: null, created_at: now });
    }
    await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.tally.entry', entityType: 'village_election', entityId: electionId, after: { round, boxNo, entryNo: row.entry_no, figures, matched } });
  });
  return tallyView(db, election, round);
}

const figuresRow = (f: BoxFigures) => ({ issued: f.issued, returned: f.returned, valid: f.valid, invalid: f.invalid, votes_json: JSON.stringify(f.votes) });

/** Settles a box whose two entries differ, with the figures checked against the ballots (核对后确认). */
export function resolveBox(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound, boxNo: number, figures: BoxFigures): Promise<TallyView> {
  // Two resolutions at once: the second meets the first's box count and answers TALLY_BOX_COMPLETE.
  return retryOnUniqueViolation(() => resolveBoxOnce(db, actor, electionId, round, boxNo, figures));
}

async function resolveBoxOnce(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound, boxNo: number, figures: BoxFigures): Promise<TallyView> {
  const election = await loadElection(db, actor, electionId, 'election.manage');
  assertRoundOpen(election, round);
  assertBox(election, round, boxNo);
  const candidates = await repo.listCandidates(db, [electionId]);
  assertFigures(figures, ballotOf(election, candidates, round));
  await db.transaction().execute(async (trx) => {
    const own = (await repo.listEntries(trx, electionId, round)).filter((e) => e.box_no === boxNo);
    const done = (await repo.listBoxCounts(trx, [electionId], round)).some((c) => c.box_no === boxNo);
    if (done) throw new AppError('TALLY_BOX_COMPLETE', { box: boxNo });
    if (own.length < 2) throw new AppError('TALLY_NOT_MISMATCHED', { box: boxNo });
    await repo.insertBoxCount(trx, { ...figuresRow(figures), id: newId(), township_id: election.township_id, election_id: electionId, round, box_no: boxNo, how: 'resolved', resolved_by: actor.displayName, created_at: nowIso() });
    await writeAudit(trx, actor, {
      townshipId: election.township_id, action: 'election.tally.resolve', entityType: 'village_election', entityId: electionId,
      before: { first: figuresOf(own[0]!), second: figuresOf(own[1]!) }, after: { round, boxNo, figures },
    });
  });
  return tallyView(db, election, round);
}

// ---- the result (第15条) ----------------------------------------------------------------------------

export interface OfficeResult {
  office: VillageOfficeKind;
  seats: number;
  first: CountResult;
  runoffCandidates: string[];
  runoff: CountResult | null;
  /** Seats still empty after everything counted (空缺). */
  vacancies: number;
}

export interface ElectionResult {
  registered: number;
  turnoutThreshold: number;
  firstCast: number | null;
  isValid: boolean | null;
  winThreshold: number | null;
  runoffCast: number | null;
  isRunoffValid: boolean | null;
  runoffMinimum: number | null;
  offices: OfficeResult[];
  elected: { candidateId: string; office: VillageOfficeKind; round: TallyRound }[];
  composition: CompositionProblem[];
}

/** Recomputes the result from the frozen figures and the candidates' votes: what the page and the announcement show. */
export function resultOf(election: repo.ElectionRow, candidates: repo.CandidateRow[], registeredNow: number): ElectionResult {
  const registered = election.registered_frozen ?? registeredNow;
  const firstCast = election.first_cast;
  const isValid = firstCast === null ? null : firstCast <= registered && isElectionValid({ registered, cast: firstCast });
  const runoffCast = election.runoff_cast;
  const isRunoffValid = runoffCast === null ? null : runoffCast <= registered && isElectionValid({ registered, cast: runoffCast });
  const offices: OfficeResult[] = [];
  if (isValid) {
    for (const spec of seatsOf(election)) {
      if (spec.count < 1) continue;
      const own = candidates.filter((c) => c.office === spec.office);
      const first = firstRound({ cast: firstCast!, seats: spec.count, candidates: own.map((c) => ({ id: c.id, votes: c.first_votes ?? 0 })) });
      const onRunoff = own.filter((c) => c.is_runoff_candidate).map((c) => c.id);
      let second: CountResult | null = null;
      if (first.unfilled > 0 && runoffCast !== null && onRunoff.length) {
        second = isRunoffValid
          ? runoff({ cast: runoffCast, seats: first.unfilled, candidates: own.filter((c) => c.is_runoff_candidate).map((c) => ({ id: c.id, votes: c.runoff_votes ?? 0 })) })
          : { elected: [], tied: [], unfilled: first.unfilled };
      }
      offices.push({ office: spec.office, seats: spec.count, first, runoffCandidates: onRunoff, runoff: second, vacancies: second ? second.unfilled : first.unfilled });
    }
  }
  const elected = offices.flatMap((o) => [
    ...o.first.elected.map((id) => ({ candidateId: id, office: o.office, round: 'first' as const })),
    ...(o.runoff?.elected ?? []).map((id) => ({ candidateId: id, office: o.office, round: 'runoff' as const })),
  ]);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const done = election.state === 'done';
  return {
    registered, turnoutThreshold: electionTurnoutThreshold(registered), firstCast, isValid,
    winThreshold: firstCast === null ? null : electionWinThreshold(firstCast), runoffCast, isRunoffValid,
    runoffMinimum: runoffCast === null ? null : runoffMinimumVotes(runoffCast), offices, elected,
    composition: done ? checkCommitteeComposition({ members: elected.map((e) => ({ gender: byId.get(e.candidateId)!.gender, office: e.office })) }) : [],
  };
}

/**
 * Counts the election (计票结果, 村民委员会组织法 第15条) once every ballot box is accepted: the
 * first round checks turnout (more than half of the registered voters), elects per office with
 * more than half of the ballots cast, and picks the 另行选举 candidates (unfilled seats plus the
 * round's setting, tied candidates always included); the further round elects the most votes
 * with at least one third of its ballots. The figures are frozen on the election.
 */
export async function countRound(db: Kysely<DB>, actor: Actor, electionId: string, round: TallyRound, day?: string): Promise<void> {
  const election = await loadElection(db, actor, electionId, 'election.manage');
  assertRoundOpen(election, round);
  const countedOn = day ?? todayInShanghai();
  if (!isValidDay(countedOn) || countedOn > todayInShanghai()) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'day', message: '计票日期无效或晚于今天' }]);
  const candidates = await repo.listCandidates(db, [electionId]);
  const view = await tallyView(db, election, round);
  if (!view.isComplete) throw new AppError('TALLY_INCOMPLETE', { pending: view.boxes.filter((b) => !b.accepted).map((b) => b.boxNo).join('、') });
  const registered = election.registered_frozen ?? (await repo.countVoters(db, [electionId])).get(electionId) ?? 0;
  if (registered === 0) throw new AppError('ROLL_EMPTY');
  const cast = view.totals.returned;
  if (cast > registered) throw new AppError('TALLY_EXCEEDS_ROLL', { cast, registered });
  const now = nowIso();
  const roundRow = (await repo.findRoundInScope(db, election.round_id, [election.township_id]))!;

  await db.transaction().execute(async (trx) => {
    const steps = await repo.listSteps(trx, [electionId]);
    const markDone = async (key: string) => {
      const s = steps.find((x) => x.step_key === key);
      if (s && !s.done_on) await repo.updateStep(trx, electionId, key, { planned_on: s.planned_on, done_on: countedOn, note: s.note, updated_at: now });
    };
    if (round === 'first') {
      const notCompetitive = competitionProblems(election, candidates);
      if (notCompetitive.length) {
        const zh = { chair: '主任', vice_chair: '副主任', member: '委员' } as const;
        const en = { chair: 'chair', vice_chair: 'vice-chair', member: 'member' } as const;
        throw new AppError('CANDIDATES_NOT_COMPETITIVE', { offices: notCompetitive.map((o) => zh[o]).join('、'), officesEn: notCompetitive.map((o) => en[o]).join(', ') });
      }
      const valid = isElectionValid({ registered, cast });
      let unfilled = 0;
      if (valid) {
        for (const spec of seatsOf(election)) {
          if (spec.count < 1) continue;
          const own = candidates.filter((c) => c.office === spec.office).map((c) => ({ id: c.id, votes: view.totals.votes[c.id] ?? 0 }));
          const r = firstRound({ cast, seats: spec.count, candidates: own });
          unfilled += r.unfilled;
          const onRunoff = new Set(runoffCandidates(own, r, roundRow.runoff_extra_candidates));
          for (const c of own) {
            await repo.updateCandidate(trx, c.id, {
              first_votes: c.votes, elected_in: r.elected.includes(c.id) ? 'first' : null, is_tied: r.tied.includes(c.id), is_runoff_candidate: onRunoff.has(c.id),
            });
          }
        }
      } else {
        for (const c of candidates) await repo.updateCandidate(trx, c.id, { first_votes: view.totals.votes[c.id] ?? 0 });
      }
      const state = !valid ? 'invalid' : unfilled > 0 ? 'runoff_needed' : 'done';
      await repo.updateElection(trx, electionId, {
        state, registered_frozen: registered, first_cast: cast, first_counted_at: now, completed_on: state === 'done' ? countedOn : null, updated_at: now,
      });
      await markDone('vote');
      await markDone('count');
      await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.count.first', entityType: 'village_election', entityId: electionId, after: { registered, cast, valid, unfilled, state, totals: view.totals } });
    } else {
      const valid = isElectionValid({ registered, cast });
      for (const spec of seatsOf(election)) {
        const own = candidates.filter((c) => c.office === spec.office);
        const left = spec.count - own.filter((c) => c.elected_in === 'first').length;
        const onBallot = own.filter((c) => c.is_runoff_candidate).map((c) => ({ id: c.id, votes: view.totals.votes[c.id] ?? 0 }));
        if (left < 1 || onBallot.length === 0) continue;
        const r = valid ? runoff({ cast, seats: left, candidates: onBallot }) : { elected: [], tied: [], unfilled: left };
        for (const c of onBallot) {
          await repo.updateCandidate(trx, c.id, { runoff_votes: c.votes, elected_in: r.elected.includes(c.id) ? 'runoff' : null, is_tied: r.tied.includes(c.id) });
        }
      }
      await repo.updateElection(trx, electionId, { state: 'done', runoff_cast: cast, runoff_counted_at: now, completed_on: countedOn, updated_at: now });
      await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.count.runoff', entityType: 'village_election', entityId: electionId, after: { registered, cast, valid, totals: view.totals } });
    }
  });
}
