import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import type { ElectionProfile } from './elections.profiles.js';
import type * as repo from './elections.repository.js';
import { electionAbilities, type RoundDetail, type StepView, type VillageSummary } from './elections.service.js';
import type { ElectionResult, TallyView } from './elections.tally.js';

export const OFFICE_VALUES = ['chair', 'vice_chair', 'member'] as const;
export const GUIDANCE_ROLES = ['leader', 'deputy_leader', 'member'] as const;
export const VOTER_CATEGORIES = ['hukou_resident', 'hukou_away', 'non_hukou_resident'] as const;
export const ELECTION_STATES = ['pending', 'runoff_needed', 'done', 'invalid'] as const;
export const TALLY_ROUNDS = ['first', 'runoff'] as const;

export const ZAbilities = z.object({ manage: z.boolean(), roll: z.boolean(), tally: z.boolean(), reveal: z.boolean(), documents: z.boolean() });
export const ZSeats = z.object({ chair: z.number(), viceChair: z.number(), member: z.number() });

export const ZRound = z.object({
  id: z.string(), townshipId: z.string(), name: z.string(), year: z.number(), termYears: z.number(), profileKey: z.string(), profileName: z.string(), profileNameEn: z.string(),
  plannedVoteDay: z.string(), runoffExtraCandidates: z.number(), createdAt: z.string(),
});

export const ZVillageSummary = z.object({
  electionId: z.string(), villageId: z.string(), villageName: z.string(), state: z.enum(ELECTION_STATES), voters: z.number(),
  plannedVoteDay: z.string(), votedOn: z.string().nullable(), completedOn: z.string().nullable(),
  schedule: z.enum(['done', 'behind', 'on_schedule']), isOnSchedule: z.boolean(), flagCount: z.number(), hasRunoff: z.boolean(),
});

export const ZRoundStats = z.object({ villages: z.number(), done: z.number(), behind: z.number(), onSchedule: z.number(), electedOnSchedule: z.number(), runoff: z.number() });

export const ZRoundListItem = ZRound.extend({ stats: ZRoundStats });

export const ZGuidanceMember = z.object({ id: z.string(), deputyId: z.string().nullable(), name: z.string(), role: z.enum(GUIDANCE_ROLES), title: z.string().nullable() });
export const ZTraining = z.object({
  id: z.string(), heldOn: z.string(), topic: z.string(), place: z.string(),
  attendees: z.array(z.object({ name: z.string(), villageId: z.string().nullable(), duty: z.string().nullable() })),
});

export const ZRoundDetail = ZRound.extend({
  stats: ZRoundStats,
  villages: z.array(ZVillageSummary),
  guidance: z.array(ZGuidanceMember),
  trainings: z.array(ZTraining),
  can: ZAbilities,
});

export const ZProfile = z.object({
  key: z.string(), name: z.string(), nameEn: z.string(), maxProxiesPerAgent: z.number(),
  steps: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), offset: z.number() })),
});

export const ZStepFlag = z.object({
  code: z.enum(['out_of_order', 'period_too_short', 'period_too_long', 'overdue']), ref: z.string().optional(), days: z.number().optional(),
  actual: z.number().optional(), basis: z.string().optional(),
});
export const ZStepDocument = z.object({
  id: z.string(), stepKey: z.string(), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), uploadedByName: z.string(), createdAt: z.string(),
});
export const ZStep = z.object({
  key: z.string(), seq: z.number(), label: z.string(), labelEn: z.string(), plannedOn: z.string().nullable(), doneOn: z.string().nullable(), note: z.string().nullable(),
  rules: z.array(z.object({ kind: z.enum(['min_days_before', 'max_days_after']), ref: z.string(), days: z.number(), basis: z.string() })),
  flags: z.array(ZStepFlag),
  documents: z.array(ZStepDocument),
});

export const ZCandidate = z.object({
  id: z.string(), office: z.enum(OFFICE_VALUES), name: z.string(), gender: z.enum(['male', 'female']), firstVotes: z.number().nullable(),
  isRunoffCandidate: z.boolean(), runoffVotes: z.number().nullable(), electedIn: z.enum(TALLY_ROUNDS).nullable(), isTied: z.boolean(),
});

const ZFigures = z.object({ issued: z.number(), returned: z.number(), valid: z.number(), invalid: z.number(), votes: z.record(z.string(), z.number()) });
export const ZTally = z.object({
  round: z.enum(TALLY_ROUNDS),
  candidateIds: z.array(z.string()),
  isComplete: z.boolean(),
  totals: ZFigures,
  boxes: z.array(z.object({
    boxNo: z.number(),
    status: z.enum(['empty', 'one_entry', 'matched', 'mismatch', 'resolved']),
    entries: z.array(z.object({ entryNo: z.number(), clerkUserId: z.string(), clerkName: z.string(), createdAt: z.string(), figures: ZFigures })),
    mismatches: z.array(z.object({ field: z.string(), candidateName: z.string().optional(), first: z.number(), second: z.number() })),
    accepted: ZFigures.nullable(),
    resolvedBy: z.string().nullable(),
  })),
});

const ZCount = z.object({ elected: z.array(z.string()), tied: z.array(z.string()), unfilled: z.number() });
export const ZResult = z.object({
  registered: z.number(), turnoutThreshold: z.number(), firstCast: z.number().nullable(), isValid: z.boolean().nullable(), winThreshold: z.number().nullable(),
  runoffCast: z.number().nullable(), isRunoffValid: z.boolean().nullable(), runoffMinimum: z.number().nullable(),
  offices: z.array(z.object({ office: z.enum(OFFICE_VALUES), seats: z.number(), first: ZCount, runoffCandidates: z.array(z.string()), runoff: ZCount.nullable(), vacancies: z.number() })),
  elected: z.array(z.object({ candidateId: z.string(), office: z.enum(OFFICE_VALUES), round: z.enum(TALLY_ROUNDS) })),
  composition: z.array(z.enum(['too_few_members', 'too_many_members', 'no_woman', 'no_chair', 'multiple_chairs'])),
});

export const ZElectionDetail = z.object({
  id: z.string(), townshipId: z.string(), roundId: z.string(), roundName: z.string(), roundYear: z.number(), profileName: z.string(), profileNameEn: z.string(),
  villageId: z.string(), villageName: z.string(), state: z.enum(ELECTION_STATES), seats: ZSeats, ballotBoxes: z.number(), runoffBallotBoxes: z.number().nullable(),
  completedOn: z.string().nullable(), runoffExtraCandidates: z.number(),
  voters: z.number(), votersByCategory: z.record(z.string(), z.number()), women: z.number(),
  steps: z.array(ZStep),
  candidates: z.array(ZCandidate),
  notCompetitive: z.array(z.enum(OFFICE_VALUES)),
  tally: z.object({ first: ZTally, runoff: ZTally.nullable() }),
  result: ZResult,
  can: ZAbilities,
});

export const ZVoter = z.object({
  id: z.string(), seq: z.number(), name: z.string(), gender: z.enum(['male', 'female']), birthDate: z.string(), idNumberMasked: z.string(),
  category: z.enum(VOTER_CATEGORIES), villagerGroup: z.string(),
});
export const ZProxy = z.object({ id: z.string(), principalVoterId: z.string(), principalName: z.string(), proxyVoterId: z.string(), proxyName: z.string(), relation: z.string() });
export const ZRoll = z.object({ voters: z.array(ZVoter), proxies: z.array(ZProxy), maxProxiesPerAgent: z.number(), proxyBasis: z.string() });

export function presentRound(r: repo.RoundRow, profile: ElectionProfile): z.infer<typeof ZRound> {
  return {
    id: r.id, townshipId: r.township_id, name: r.name, year: r.year, termYears: r.term_years, profileKey: r.profile_key, profileName: profile.name, profileNameEn: profile.nameEn,
    plannedVoteDay: r.planned_vote_day, runoffExtraCandidates: r.runoff_extra_candidates, createdAt: r.created_at,
  };
}

export function roundStats(villages: VillageSummary[]): z.infer<typeof ZRoundStats> {
  return {
    villages: villages.length, done: villages.filter((v) => v.schedule === 'done').length, behind: villages.filter((v) => v.schedule === 'behind').length,
    onSchedule: villages.filter((v) => v.schedule === 'on_schedule').length, electedOnSchedule: villages.filter((v) => v.isOnSchedule).length,
    runoff: villages.filter((v) => v.hasRunoff).length,
  };
}

export function presentVillageSummary(v: VillageSummary): z.infer<typeof ZVillageSummary> {
  return {
    electionId: v.election.id, villageId: v.election.village_id, villageName: v.villageName, state: v.election.state, voters: v.voters,
    plannedVoteDay: v.plannedVoteDay, votedOn: v.votedOn, completedOn: v.election.completed_on, schedule: v.schedule, isOnSchedule: v.isOnSchedule,
    flagCount: v.flagCount, hasRunoff: v.hasRunoff,
  };
}

export function presentRoundDetail(actor: Actor, d: RoundDetail): z.infer<typeof ZRoundDetail> {
  return {
    ...presentRound(d.round, d.profile), stats: roundStats(d.villages), villages: d.villages.map(presentVillageSummary),
    guidance: d.guidance.map((g) => ({ id: g.id, deputyId: g.deputy_id, name: g.name, role: g.role, title: g.title })),
    trainings: d.trainings.map(({ training, attendees }) => ({
      id: training.id, heldOn: training.held_on, topic: training.topic, place: training.place,
      attendees: attendees.map((a) => ({ name: a.name, villageId: a.village_id, duty: a.duty })),
    })),
    can: electionAbilities(actor),
  };
}

export function presentStepDocument(d: repo.DocumentRow): z.infer<typeof ZStepDocument> {
  return { id: d.id, stepKey: d.step_key, fileName: d.file_name, mime: d.mime, sizeBytes: d.size_bytes, uploadedByName: d.uploaded_by_name, createdAt: d.created_at };
}

export function presentStep(s: StepView): z.infer<typeof ZStep> {
  return {
    key: s.step.step_key, seq: s.step.seq, label: s.label, labelEn: s.labelEn, plannedOn: s.step.planned_on, doneOn: s.step.done_on, note: s.step.note,
    rules: s.rules, flags: s.flags, documents: s.documents.map(presentStepDocument),
  };
}

export function presentCandidate(c: repo.CandidateRow): z.infer<typeof ZCandidate> {
  return {
    id: c.id, office: c.office, name: c.name, gender: c.gender, firstVotes: c.first_votes, isRunoffCandidate: c.is_runoff_candidate,
    runoffVotes: c.runoff_votes, electedIn: c.elected_in, isTied: c.is_tied,
  };
}

export function presentTally(t: TallyView): z.infer<typeof ZTally> {
  return {
    round: t.round, candidateIds: t.candidateIds, isComplete: t.isComplete, totals: t.totals,
    boxes: t.boxes.map((b) => ({
      boxNo: b.boxNo, status: b.status, mismatches: b.mismatches, accepted: b.accepted, resolvedBy: b.resolvedBy,
      entries: b.entries.map((e) => ({ entryNo: e.entry_no, clerkUserId: e.clerk_user_id, clerkName: e.clerk_name, createdAt: e.created_at, figures: e.figures })),
    })),
  };
}

export interface ElectionDetail {
  election: repo.ElectionRow;
  round: repo.RoundRow;
  profile: ElectionProfile;
  villageName: string;
  voters: repo.VoterListRow[];
  steps: StepView[];
  candidates: repo.CandidateRow[];
  notCompetitive: ('chair' | 'vice_chair' | 'member')[];
  first: TallyView;
  runoff: TallyView | null;
  result: ElectionResult;
}

export function presentElectionDetail(actor: Actor, d: ElectionDetail): z.infer<typeof ZElectionDetail> {
  const e = d.election;
  const byCategory: Record<string, number> = {};
  for (const v of d.voters) byCategory[v.category] = (byCategory[v.category] ?? 0) + 1;
  return {
    id: e.id, townshipId: e.township_id, roundId: e.round_id, roundName: d.round.name, roundYear: d.round.year, profileName: d.profile.name, profileNameEn: d.profile.nameEn,
    villageId: e.village_id, villageName: d.villageName, state: e.state, seats: { chair: e.seats_chair, viceChair: e.seats_vice_chair, member: e.seats_member },
    ballotBoxes: e.ballot_boxes, runoffBallotBoxes: e.runoff_ballot_boxes, completedOn: e.completed_on, runoffExtraCandidates: d.round.runoff_extra_candidates,
    voters: d.voters.length, votersByCategory: byCategory, women: d.voters.filter((v) => v.gender === 'female').length,
    steps: d.steps.map(presentStep), candidates: d.candidates.map(presentCandidate), notCompetitive: d.notCompetitive,
    tally: { first: presentTally(d.first), runoff: d.runoff ? presentTally(d.runoff) : null },
    result: d.result, can: electionAbilities(actor),
  };
}

export function presentRoll(r: { voters: repo.VoterListRow[]; proxies: repo.ProxyRow[]; maxProxiesPerAgent: number; proxyBasis: string }): z.infer<typeof ZRoll> {
  const names = new Map(r.voters.map((v) => [v.id, v.name]));
  return {
    voters: r.voters.map((v) => ({ id: v.id, seq: v.seq, name: v.name, gender: v.gender, birthDate: v.birth_date, idNumberMasked: v.id_number_masked, category: v.category, villagerGroup: v.villager_group })),
    proxies: r.proxies.map((p) => ({ id: p.id, principalVoterId: p.principal_voter_id, principalName: names.get(p.principal_voter_id) ?? '', proxyVoterId: p.proxy_voter_id, proxyName: names.get(p.proxy_voter_id) ?? '', relation: p.relation })),
    maxProxiesPerAgent: r.maxProxiesPerAgent, proxyBasis: r.proxyBasis,
  };
}
