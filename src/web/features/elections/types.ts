/** Shapes of the elections API (src/server/modules/elections/elections.presenter.ts). */

export type Office = 'chair' | 'vice_chair' | 'member';
export const OFFICES: Office[] = ['chair', 'vice_chair', 'member'];
export type GuidanceRole = 'leader' | 'deputy_leader' | 'member';
export type VoterCategory = 'hukou_resident' | 'hukou_away' | 'non_hukou_resident';
export type ElectionState = 'pending' | 'runoff_needed' | 'done' | 'invalid';
export type TallyRound = 'first' | 'runoff';
export type Schedule = 'done' | 'behind' | 'on_schedule';
export type FlagCode = 'out_of_order' | 'period_too_short' | 'period_too_long' | 'overdue';

export interface Abilities { manage: boolean; roll: boolean; tally: boolean; reveal: boolean; documents: boolean }
export interface Seats { chair: number; viceChair: number; member: number }

export interface RoundStats { villages: number; done: number; behind: number; onSchedule: number; electedOnSchedule: number; runoff: number }

export interface Round {
  id: string; townshipId: string; name: string; year: number; termYears: number; profileKey: string; profileName: string; profileNameEn: string;
  plannedVoteDay: string; runoffExtraCandidates: number; createdAt: string;
}
export interface RoundListItem extends Round { stats: RoundStats }

export interface VillageSummary {
  electionId: string; villageId: string; villageName: string; state: ElectionState; voters: number; plannedVoteDay: string;
  votedOn: string | null; completedOn: string | null; schedule: Schedule; isOnSchedule: boolean; flagCount: number; hasRunoff: boolean;
}
export interface GuidanceMember { id: string; deputyId: string | null; name: string; role: GuidanceRole; title: string | null }
export interface Training { id: string; heldOn: string; topic: string; place: string; attendees: { name: string; villageId: string | null; duty: string | null }[] }

export interface RoundDetail extends Round {
  stats: RoundStats; villages: VillageSummary[]; guidance: GuidanceMember[]; trainings: Training[]; can: Abilities;
}

export interface Profile { key: string; name: string; nameEn: string; maxProxiesPerAgent: number; steps: { key: string; label: string; labelEn: string; offset: number }[] }

export interface StepFlag { code: FlagCode; ref?: string; days?: number; actual?: number; basis?: string }
export interface StepDocument { id: string; stepKey: string; fileName: string; mime: string; sizeBytes: number; uploadedByName: string; createdAt: string }
export interface Step {
  key: string; seq: number; label: string; labelEn: string; plannedOn: string | null; doneOn: string | null; note: string | null;
  rules: { kind: 'min_days_before' | 'max_days_after'; ref: string; days: number; basis: string }[];
  flags: StepFlag[];
  documents: StepDocument[];
}

export interface Candidate {
  id: string; office: Office; name: string; gender: 'male' | 'female'; firstVotes: number | null; isRunoffCandidate: boolean;
  runoffVotes: number | null; electedIn: TallyRound | null; isTied: boolean;
}

export interface Figures { issued: number; returned: number; valid: number; invalid: number; votes: Record<string, number> }
export interface Mismatch { field: string; candidateName?: string; first: number; second: number }
export interface Box {
  boxNo: number; status: 'empty' | 'one_entry' | 'matched' | 'mismatch' | 'resolved';
  entries: { entryNo: number; clerkUserId: string; clerkName: string; createdAt: string; figures: Figures }[];
  mismatches: Mismatch[]; accepted: Figures | null; resolvedBy: string | null;
}
export interface Tally { round: TallyRound; candidateIds: string[]; isComplete: boolean; totals: Figures; boxes: Box[] }

export interface CountResult { elected: string[]; tied: string[]; unfilled: number }
export interface Result {
  registered: number; turnoutThreshold: number; firstCast: number | null; isValid: boolean | null; winThreshold: number | null;
  runoffCast: number | null; isRunoffValid: boolean | null; runoffMinimum: number | null;
  offices: { office: Office; seats: number; first: CountResult; runoffCandidates: string[]; runoff: CountResult | null; vacancies: number }[];
  elected: { candidateId: string; office: Office; round: TallyRound }[];
  composition: ('too_few_members' | 'too_many_members' | 'no_woman' | 'no_chair' | 'multiple_chairs')[];
}

export interface ElectionDetail {
  id: string; townshipId: string; roundId: string; roundName: string; roundYear: number; profileName: string; profileNameEn: string; villageId: string; villageName: string;
  state: ElectionState; seats: Seats; ballotBoxes: number; runoffBallotBoxes: number | null; completedOn: string | null; runoffExtraCandidates: number;
  voters: number; votersByCategory: Partial<Record<VoterCategory, number>>; women: number;
  steps: Step[]; candidates: Candidate[]; notCompetitive: Office[];
  tally: { first: Tally; runoff: Tally | null };
  result: Result; can: Abilities;
}

export interface Voter { id: string; seq: number; name: string; gender: 'male' | 'female'; birthDate: string; idNumberMasked: string; category: VoterCategory; villagerGroup: string }
export interface Proxy { id: string; principalVoterId: string; principalName: string; proxyVoterId: string; proxyName: string; relation: string }
export interface Roll { voters: Voter[]; proxies: Proxy[]; maxProxiesPerAgent: number; proxyBasis: string }
