import { z } from 'zod';
import { formatSessionName, formatSessionShortName } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type * as repo from './sessions.repository.js';
import { abilitiesFor, checkinPath, voteFigures, type MotionView, type Quorum, type VoteView } from './sessions.service.js';

export const SESSION_STATES = ['planned', 'open', 'closed'] as const;
export const AGENDA_KINDS = ['government_report', 'presidium_report', 'budget', 'election', 'motion', 'other'] as const;
export const ATTENDANCE_STATUSES = ['unmarked', 'present', 'leave', 'absent'] as const;
export const VOTE_KINDS = ['show_of_hands', 'roll_call'] as const;
export const BALLOT_CHOICES = ['yes', 'no', 'abstain'] as const;
export const RESOLUTION_OUTCOMES = ['pending', 'adopted', 'rejected'] as const;
export const MOTION_STATES = ['submitted', 'on_agenda', 'converted_to_suggestion'] as const;

export const ZSessionAbilities = z.object({ manage: z.boolean(), preside: z.boolean(), checkIn: z.boolean(), submitMotion: z.boolean() });

export const ZSession = z.object({
  id: z.string(),
  townshipId: z.string(),
  termNumber: z.number(),
  sittingNumber: z.number(),
  /** 第十四届人民代表大会第四次会议 */
  name: z.string(),
  /** 十四届人大四次会议 */
  shortName: z.string(),
  /** With the township: 示例镇第十四届人民代表大会第四次会议 */
  fullName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  notes: z.string().nullable(),
  state: z.enum(SESSION_STATES),
  /** Frozen at opening; null while planned (see quorum.seated for the preview). */
  seatedCount: z.number().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZQuorum = z.object({
  seated: z.number(),
  present: z.number(),
  onLeave: z.number(),
  absent: z.number(),
  unmarked: z.number(),
  threshold: z.number(),
  hasQuorum: z.boolean(),
  shortBy: z.number(),
  isFrozen: z.boolean(),
});

export const ZAgendaItem = z.object({
  id: z.string(),
  sessionId: z.string(),
  position: z.number(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  motionId: z.string().nullable(),
  archivedAt: z.string().nullable(),
});

export const ZDocument = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});

export const ZAgendaItemWithDocuments = ZAgendaItem.extend({ documents: z.array(ZDocument) });

export const ZSessionDetail = ZSession.extend({
  agenda: z.array(ZAgendaItemWithDocuments),
  quorum: ZQuorum,
  /** Path of the phone check-in page while the session is open, for those who run it. */
  checkinPath: z.string().nullable(),
  can: ZSessionAbilities,
});

export const ZSeat = z.object({
  deputyId: z.string(),
  seq: z.number(),
  name: z.string(),
  constituency: z.string().nullable(),
  status: z.enum(ATTENDANCE_STATUSES),
  leaveReason: z.string().nullable(),
  checkInMethod: z.enum(['qr', 'staff']).nullable(),
  checkedInAt: z.string().nullable(),
});

export const ZAttendance = z.object({ session: ZSession, quorum: ZQuorum, items: z.array(ZSeat) });

export const ZCheckin = z.object({
  session: z.object({ id: z.string(), fullName: z.string(), startDate: z.string(), endDate: z.string(), place: z.string(), state: z.enum(SESSION_STATES) }),
  /** The signed-in deputy's seat, or null when they are not seated in this session. */
  seat: ZSeat.nullable(),
  alreadyPresent: z.boolean().optional(),
});

export const ZBallot = z.object({ deputyId: z.string(), choice: z.enum(BALLOT_CHOICES).nullable(), recordedAt: z.string().nullable() });

export const ZVote = z.object({
  id: z.string(),
  sessionId: z.string(),
  agendaItemId: z.string().nullable(),
  resolutionId: z.string().nullable(),
  title: z.string(),
  kind: z.enum(VOTE_KINDS),
  state: z.enum(['open', 'closed']),
  /** 全体代表 frozen when the session opened. */
  seatedCount: z.number(),
  /** Present when the vote opened. */
  presentCount: z.number(),
  /** Yes votes needed: more than half of all seated deputies (地方组织法 第25条). */
  threshold: z.number(),
  quorumThreshold: z.number(),
  counts: z.object({ yes: z.number(), no: z.number(), abstain: z.number(), notVoting: z.number() }).nullable(),
  /** yes − threshold once closed: ≥ 0 passed, < 0 short by that many. */
  margin: z.number().nullable(),
  isPassed: z.boolean().nullable(),
  supersedesVoteId: z.string().nullable(),
  supersededByVoteId: z.string().nullable(),
  revoteReason: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Roll call only (on GET /votes/:id and write responses): one per deputy present at opening. */
  ballots: z.array(ZBallot).nullable(),
  /** Roll call while open: ballots recorded so far. */
  ballotsRecorded: z.number().nullable(),
});

export const ZResolution = z.object({
  id: z.string(),
  sessionId: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  outcome: z.enum(RESOLUTION_OUTCOMES),
  decidedVoteId: z.string().nullable(),
  adoptedOn: z.string().nullable(),
  documentUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZSigner = z.object({
  deputyId: z.string(),
  name: z.string(),
  isLead: z.boolean(),
  confirmedAt: z.string().nullable(),
  confirmation: z.enum(['self', 'paper']).nullable(),
});

export const ZMotion = z.object({
  id: z.string(),
  sessionId: z.string(),
  title: z.string(),
  reason: z.string(),
  basis: z.string(),
  proposal: z.string(),
  leadDeputyId: z.string(),
  state: z.enum(MOTION_STATES),
  agendaItemId: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  signers: z.array(ZSigner),
  confirmedSigners: z.number(),
  /** 5 (地方组织法 第22条), lead included. */
  requiredSigners: z.number(),
  createdAt: z.string(),
});

export function presentSession(s: repo.SessionRow, townshipName: string): z.infer<typeof ZSession> {
  const number = { term: s.term_number, sitting: s.sitting_number };
  return {
    id: s.id, townshipId: s.township_id, termNumber: s.term_number, sittingNumber: s.sitting_number,
    name: formatSessionName(number), shortName: formatSessionShortName(number), fullName: formatSessionName({ ...number, body: townshipName }),
    startDate: s.start_date, endDate: s.end_date, place: s.place, notes: s.notes, state: s.state, seatedCount: s.seated_count,
    openedAt: s.opened_at, closedAt: s.closed_at, createdAt: s.created_at,
  };
}

export function presentAgendaItem(a: repo.AgendaItemRow): z.infer<typeof ZAgendaItem> {
  return { id: a.id, sessionId: a.session_id, position: a.position, kind: a.kind, title: a.title, description: a.description, motionId: a.motion_id, archivedAt: a.archived_at };
}

export function presentDocument(d: repo.DocumentRow): z.infer<typeof ZDocument> {
  return {
    id: d.id, agendaItemId: d.agenda_item_id, fileName: d.file_name, mime: d.mime, sizeBytes: d.size_bytes, sha256: d.sha256,
    createdAt: d.created_at, downloadUrl: `/api/v1/session-documents/${d.id}/download`,
  };
}

export function presentSessionDetail(
  actor: Actor,
  d: { session: repo.SessionRow; townshipName: string; agenda: repo.AgendaItemRow[]; documents: repo.DocumentRow[]; quorum: Quorum },
): z.infer<typeof ZSessionDetail> {
  const can = abilitiesFor(actor);
  return {
    ...presentSession(d.session, d.townshipName),
    agenda: d.agenda.map((a) => ({ ...presentAgendaItem(a), documents: d.documents.filter((x) => x.agenda_item_id === a.id).map(presentDocument) })),
    quorum: d.quorum,
    checkinPath: can.manage && d.session.state === 'open' && d.session.checkin_token ? checkinPath(d.session.checkin_token) : null,
    can,
  };
}

export function presentSeat(s: repo.SeatRow): z.infer<typeof ZSeat> {
  return {
    deputyId: s.deputy_id, seq: s.seq, name: s.deputy_name, constituency: s.constituency_name, status: s.status,
    leaveReason: s.leave_reason, checkInMethod: s.check_in_method, checkedInAt: s.checked_in_at,
  };
}

export function presentVote(v: VoteView): z.infer<typeof ZVote> {
  const { vote } = v;
  const f = voteFigures(vote);
  return {
    id: vote.id, sessionId: vote.session_id, agendaItemId: vote.agenda_item_id, resolutionId: vote.resolution_id, title: vote.title,
    kind: vote.kind, state: vote.state, seatedCount: vote.seated_count, presentCount: vote.present_count,
    threshold: f.threshold, quorumThreshold: f.quorumThreshold,
    counts: vote.yes_count === null ? null : { yes: vote.yes_count, no: vote.no_count ?? 0, abstain: vote.abstain_count ?? 0, notVoting: f.notVoting ?? 0 },
    margin: f.margin, isPassed: vote.is_passed, supersedesVoteId: vote.supersedes_vote_id, supersededByVoteId: v.supersededById,
    revoteReason: vote.revote_reason, openedAt: vote.opened_at, closedAt: vote.closed_at,
    ballots: v.ballots ? v.ballots.map((b) => ({ deputyId: b.deputy_id, choice: b.choice, recordedAt: b.recorded_at })) : null,
    ballotsRecorded: v.ballots ? v.ballots.filter((b) => b.choice !== null).length : null,
  };
}

export function presentResolution(r: repo.ResolutionRow): z.infer<typeof ZResolution> {
  return {
    id: r.id, sessionId: r.session_id, agendaItemId: r.agenda_item_id, title: r.title, body: r.body, outcome: r.outcome,
    decidedVoteId: r.decided_vote_id, adoptedOn: r.adopted_on, documentUrl: `/api/v1/resolutions/${r.id}/document.docx`,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function presentMotion(v: MotionView, requiredSigners: number): z.infer<typeof ZMotion> {
  const m = v.motion;
  return {
    id: m.id, sessionId: m.session_id, title: m.title, reason: m.reason, basis: m.basis, proposal: m.proposal,
    leadDeputyId: m.lead_deputy_id, state: m.state, agendaItemId: m.agenda_item_id, decisionNote: m.decision_note, decidedAt: m.decided_at,
    signers: v.signers.map((s) => ({ deputyId: s.deputy_id, name: s.deputy_name, isLead: s.is_lead, confirmedAt: s.confirmed_at, confirmation: s.confirmation })),
    confirmedSigners: v.signers.filter((s) => s.confirmed_at).length,
    requiredSigners,
    createdAt: m.created_at,
  };
}
