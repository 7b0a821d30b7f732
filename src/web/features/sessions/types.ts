/** Shapes of the sessions API, as sent by src/server/modules/sessions/sessions.presenter.ts. */

export const SESSION_STATES = ['planned', 'open', 'closed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];
export const AGENDA_KINDS = ['government_report', 'presidium_report', 'budget', 'election', 'motion', 'other'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const ATTENDANCE_STATUSES = ['unmarked', 'present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const VOTE_KINDS = ['show_of_hands', 'roll_call'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];
export const BALLOT_CHOICES = ['yes', 'no', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
export type ResolutionOutcome = 'pending' | 'adopted' | 'rejected';
export type MotionState = 'submitted' | 'on_agenda' | 'converted_to_suggestion';

export interface Session {
  id: string;
  townshipId: string;
  termNumber: number;
  sittingNumber: number;
  /** 第十四届人民代表大会第四次会议 */
  name: string;
  /** 十四届人大四次会议 */
  shortName: string;
  /** 示例镇第十四届人民代表大会第四次会议 */
  fullName: string;
  startDate: string;
  endDate: string;
  place: string;
  notes: string | null;
  state: SessionState;
  /** Frozen at opening; null while planned. */
  seatedCount: number | null;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface SessionList {
  items: Session[];
  warnings: 'no_session_this_year'[];
  today: string;
}

/** The live count against the quorum (地方组织法 第14条). */
export interface Quorum {
  seated: number;
  present: number;
  onLeave: number;
  absent: number;
  unmarked: number;
  threshold: number;
  hasQuorum: boolean;
  shortBy: number;
  /** False while planned: the seated number is a preview. */
  isFrozen: boolean;
}

export interface SessionDocument {
  id: string;
  agendaItemId: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  downloadUrl: string;
}

export interface AgendaItem {
  id: string;
  sessionId: string;
  position: number;
  kind: AgendaKind;
  title: string;
  description: string | null;
  motionId: string | null;
  archivedAt: string | null;
  documents: SessionDocument[];
}

export interface SessionAbilities {
  manage: boolean;
  preside: boolean;
  checkIn: boolean;
  submitMotion: boolean;
}

export interface SessionDetail extends Session {
  agenda: AgendaItem[];
  quorum: Quorum;
  checkinPath: string | null;
  can: SessionAbilities;
}

export interface Seat {
  deputyId: string;
  seq: number;
  name: string;
  constituency: string | null;
  status: AttendanceStatus;
  leaveReason: string | null;
  checkInMethod: 'qr' | 'staff' | null;
  checkedInAt: string | null;
}

export interface Attendance {
  session: Session;
  quorum: Quorum;
  items: Seat[];
}

export interface AttendanceEntry {
  deputyId: string;
  status: Exclude<AttendanceStatus, 'unmarked'>;
  leaveReason?: string | null;
}

export interface Checkin {
  session: Pick<Session, 'id' | 'fullName' | 'startDate' | 'endDate' | 'place' | 'state'>;
  seat: Seat | null;
  alreadyPresent?: boolean;
}

export interface Ballot {
  deputyId: string;
  choice: BallotChoice | null;
  recordedAt: string | null;
}

export interface Vote {
  id: string;
  sessionId: string;
  agendaItemId: string | null;
  resolutionId: string | null;
  title: string;
  kind: VoteKind;
  state: 'open' | 'closed';
  seatedCount: number;
  presentCount: number;
  /** Yes votes needed: more than half of all seated deputies (地方组织法 第25条). */
  threshold: number;
  quorumThreshold: number;
  counts: { yes: number; no: number; abstain: number; notVoting: number } | null;
  /** yes − threshold once closed. */
  margin: number | null;
  isPassed: boolean | null;
  supersedesVoteId: string | null;
  supersededByVoteId: string | null;
  revoteReason: string | null;
  openedAt: string;
  closedAt: string | null;
  ballots: Ballot[] | null;
  ballotsRecorded: number | null;
}

export interface Resolution {
  id: string;
  sessionId: string;
  agendaItemId: string | null;
  title: string;
  body: string;
  outcome: ResolutionOutcome;
  decidedVoteId: string | null;
  adoptedOn: string | null;
  documentUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface Signer {
  deputyId: string;
  name: string;
  isLead: boolean;
  confirmedAt: string | null;
  confirmation: 'self' | 'paper' | null;
}

export interface Motion {
  id: string;
  sessionId: string;
  title: string;
  reason: string;
  basis: string;
  proposal: string;
  leadDeputyId: string;
  state: MotionState;
  agendaItemId: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  signers: Signer[];
  confirmedSigners: number;
  /** 5 (地方组织法 第22条), lead included. */
  requiredSigners: number;
  createdAt: string;
}
