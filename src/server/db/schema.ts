import type { ColumnType, Generated } from 'kysely';

/**
 * The typed shape of every table. Days are 'YYYY-MM-DD' strings and instants ISO-8601 UTC
 * strings on both dialects (see database.ts); booleans are true/false on both.
 * Every tenant table carries `township_id`; reference tables are listed in REFERENCE_TABLES.
 */

export type Role = 'county_admin' | 'office' | 'presidium' | 'deputy' | 'unit_handler' | 'village_clerk';
export type UnitType = 'gov_department' | 'station' | 'school' | 'village_committee' | 'other';
export type VillageKind = 'village' | 'community';

type Instant = string;
type Day = string;
type Json = string;

export interface TownshipsTable {
  id: string;
  code: string;
  name: string;
  county_code: string;
  county_name: string;
  city_name: string;
  province_name: string;
  is_demo: boolean;
  settings_json: Json;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface VillagesTable {
  id: string;
  township_id: string;
  code: string | null;
  name: string;
  kind: VillageKind;
  sort_order: number;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface UnitsTable {
  id: string;
  township_id: string;
  name: string;
  type: UnitType;
  has_enforcement_power: boolean;
  village_id: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface UsersTable {
  id: string;
  /** Null only for county_admin, whose scope is `county_code`. */
  township_id: string | null;
  county_code: string | null;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  village_id: string | null;
  password_hash: string;
  must_change_password: boolean;
  failed_login_count: number;
  locked_until: Instant | null;
  is_active: boolean;
  last_login_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  /** Where notices are also mailed when SMTP is configured; none: in-app only. */
  email: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  township_id: string | null;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Instant;
  last_seen_at: Instant;
}

export interface AuditLogTable {
  id: string;
  /** The chain this row belongs to: a township id, or 'system'. */
  chain: string;
  seq: number;
  township_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: Instant;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: Json | null;
  after_json: Json | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

/** Where a chain's pruned prefix ended: the retained rows verify from here (retention, issue 12). */
export interface AuditAnchorsTable {
  chain: string;
  /** seq and hash of the last pruned row. */
  seq: number;
  hash: string;
  /** When that row was written. */
  last_at: Instant;
  pruned_rows: number;
  pruned_at: Instant;
}

/** A broken link found by the daily verification; reported to the office once. */
export interface AuditBreaksTable {
  id: string;
  chain: string;
  seq: number;
  audit_id: string;
  reason: string;
  detected_at: Instant;
  notified_users: number;
}

export type DeputyLevel = 'township' | 'county';
export type Gender = 'male' | 'female';
export type PresidiumPosition = 'chair' | 'vice_chair' | 'member';

export interface ConstituenciesTable {
  id: string;
  township_id: string;
  name: string;
  registered_voters: number;
  seats: number;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface ConstituencyVillagesTable {
  township_id: string;
  constituency_id: string;
  village_id: string;
}

export interface DeputyGroupsTable {
  id: string;
  township_id: string;
  name: string;
  leader_deputy_id: string | null;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface DeputiesTable {
  id: string;
  township_id: string;
  /** 镇级 deputies of the township congress, or 县级 deputies elected in the township. */
  level: DeputyLevel;
  /** 届: e.g. 14 for 第十四届. */
  term_number: number;
  name: string;
  gender: Gender;
  ethnicity: string;
  birth_date: Day;
  /** 身份证号: personal information, stored sealed (security/personal-data.ts), shown masked. */
  id_number: string;
  /** Keyed hash (personalIndex) of the normalised 身份证号: duplicate checks and the unique index. */
  id_number_index: string;
  party: string;
  education: string;
  occupation: string;
  workplace: string | null;
  constituency_id: string | null;
  group_id: string | null;
  phone: string | null;
  mandate_start: Day;
  mandate_end: Day | null;
  end_reason: string | null;
  /** Holds a post in the township government (a chair or vice-chair of the presidium may not). */
  has_government_post: boolean;
  user_id: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface PresidiumMembersTable {
  id: string;
  township_id: string;
  term_number: number;
  /** The session that elected this presidium, e.g. 第十四届人民代表大会第一次会议. */
  session_label: string;
  elected_on: Day;
  deputy_id: string;
  position: PresidiumPosition;
  created_at: Instant;
  archived_at: Instant | null;
}

export interface AreaAssignmentsTable {
  id: string;
  township_id: string;
  leader_deputy_id: string;
  village_id: string | null;
  deputy_id: string | null;
  created_at: Instant;
  /** When the assignment was replaced; null while it is current (in force from created_at up to, not including, ended_at). */
  ended_at: Instant | null;
}

// ---- congress sessions (人代会) ------------------------------------------------------------

export type CongressSessionState = 'planned' | 'open' | 'closed';
export type AttendanceStatus = 'unmarked' | 'present' | 'leave' | 'absent';
export type CheckInMethod = 'qr' | 'staff';
export type AgendaItemKind = 'government_report' | 'presidium_report' | 'budget' | 'election' | 'motion' | 'other';
export type VoteKind = 'show_of_hands' | 'roll_call';
export type VoteState = 'open' | 'closed';
export type BallotChoice = 'yes' | 'no' | 'abstain';
export type ResolutionOutcome = 'pending' | 'adopted' | 'rejected';
export type MotionState = 'submitted' | 'on_agenda' | 'converted_to_suggestion';
export type SignerConfirmation = 'self' | 'paper';

/** 人代会: one sitting of a term (第十四届人民代表大会第四次会议). */
export interface CongressSessionsTable {
  id: string;
  township_id: string;
  term_number: number;
  sitting_number: number;
  start_date: Day;
  end_date: Day;
  place: string;
  notes: string | null;
  state: CongressSessionState;
  /** Frozen when the session opens: the 全体代表 every quorum and vote counts against. */
  seated_count: number | null;
  checkin_token: string | null;
  opened_at: Instant | null;
  closed_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The seated deputies of a session, frozen at opening, with their attendance (出席/请假/缺席). */
export interface SessionSeatsTable {
  township_id: string;
  session_id: string;
  deputy_id: string;
  seq: number;
  deputy_name: string;
  constituency_name: string | null;
  status: AttendanceStatus;
  leave_reason: string | null;
  check_in_method: CheckInMethod | null;
  checked_in_at: Instant | null;
  recorded_by: string | null;
  updated_at: Instant;
}

export interface AgendaItemsTable {
  id: string;
  township_id: string;
  session_id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  description: string | null;
  motion_id: string | null;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface SessionDocumentsTable {
  id: string;
  township_id: string;
  session_id: string;
  agenda_item_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

/** 决议. */
export interface ResolutionsTable {
  id: string;
  township_id: string;
  session_id: string;
  agenda_item_id: string | null;
  title: string;
  body: string;
  outcome: ResolutionOutcome;
  decided_vote_id: string | null;
  adopted_on: Day | null;
  created_at: Instant;
  updated_at: Instant;
}

/** 表决: counts are written once, at closing; a correction is a new row that supersedes it. */
export interface SessionVotesTable {
  id: string;
  township_id: string;
  session_id: string;
  agenda_item_id: string | null;
  resolution_id: string | null;
  title: string;
  kind: VoteKind;
  state: VoteState;
  seated_count: number;
  present_count: number;
  yes_count: number | null;
  no_count: number | null;
  abstain_count: number | null;
  is_passed: boolean | null;
  supersedes_vote_id: string | null;
  revote_reason: string | null;
  opened_by: string;
  opened_at: Instant;
  closed_by: string | null;
  closed_at: Instant | null;
}

export interface VoteBallotsTable {
  township_id: string;
  vote_id: string;
  deputy_id: string;
  choice: BallotChoice | null;
  recorded_by: string | null;
  recorded_at: Instant | null;
}

/** 议案 (地方组织法 第22条). */
export interface MotionsTable {
  id: string;
  township_id: string;
  session_id: string;
  title: string;
  /** 案由 */
  reason: string;
  /** 案据 */
  basis: string;
  /** 方案 */
  proposal: string;
  lead_deputy_id: string;
  state: MotionState;
  agenda_item_id: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Instant | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface MotionSignersTable {
  township_id: string;
  motion_id: string;
  deputy_id: string;
  is_lead: boolean;
  confirmed_at: Instant | null;
  confirmation: SignerConfirmation | null;
  recorded_by: string | null;
  created_at: Instant;
}

// ---- suggestions (议案、建议、批评和意见) -------------------------------------------------------

export type SuggestionKind = 'motion' | 'suggestion' | 'criticism' | 'opinion';
export type SuggestionState = 'draft' | 'submitted' | 'returned' | 'withdrawn' | 'registered' | 'assigned' | 'replied' | 're_handling' | 'closed';
export type SuggestionRaisedAt = 'session' | 'between_sessions';
export type SuggestionGrade = 'A' | 'B' | 'C' | 'D';
export type SuggestionFeedback = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type SuggestionImplementation = 'not_applicable' | 'pending' | 'in_progress' | 'implemented';
export type SuggestionUnitRole = 'lead' | 'co';
export type SuggestionAttachmentPurpose = 'submission' | 'reply' | 'evidence';

/** A deputy's 议案/建议/批评/意见 and where its handling stands. */
export interface SuggestionsTable {
  id: string;
  township_id: string;
  year: number | null;
  seq: number | null;
  /** Public reference number, e.g. 2026-007. */
  ref_no: string | null;
  kind: SuggestionKind;
  title: string;
  content: string;
  category: string | null;
  raised_at: SuggestionRaisedAt;
  session_id: string | null;
  motion_id: string | null;
  author_deputy_id: string;
  state: SuggestionState;
  /** The author's consent to show status and reply on the portal. */
  is_public: boolean;
  /** 涉及面广、处理难度大: 6 months to reply instead of 3 (代表法 第51条). */
  is_difficult: boolean;
  submitted_at: Instant | null;
  registered_at: Instant | null;
  return_reason: string | null;
  assigned_on: Day | null;
  /** Handling round: 1 after 交办, +1 for each 不满意. */
  round: number;
  reply_due_on: Day | null;
  lead_unit_id: string | null;
  grade: SuggestionGrade | null;
  replied_on: Day | null;
  feedback: SuggestionFeedback | null;
  closed_at: Instant | null;
  implementation: SuggestionImplementation;
  implemented_on: Day | null;
  overdue_flagged_due: Day | null;
  overdue_flagged_at: Instant | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  /** Title and content segmented for full-text search (domain/search-text.ts), set by the repository. */
  search_text: string;
}

export interface SuggestionSignersTable {
  township_id: string;
  suggestion_id: string;
  deputy_id: string;
  is_author: boolean;
  confirmed_at: Instant | null;
  confirmation: SignerConfirmation | null;
  recorded_by: string | null;
  created_at: Instant;
}

/** 主办/协办 units of a suggestion; a replaced unit keeps its row with removed_at. */
export interface SuggestionUnitsTable {
  township_id: string;
  suggestion_id: string;
  unit_id: string;
  role: SuggestionUnitRole;
  assigned_on: Day;
  removed_at: Instant | null;
  created_at: Instant;
}

export interface SuggestionContactsTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  unit_id: string;
  round: number;
  contacted_on: Day;
  method: string;
  note: string;
  recorded_by: string;
  created_at: Instant;
}

export interface SuggestionRepliesTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  unit_id: string;
  round: number;
  grade: SuggestionGrade;
  content: string;
  replied_on: Day;
  due_on: Day;
  is_on_time: boolean;
  replied_by: string;
  feedback: SuggestionFeedback | null;
  feedback_comment: string | null;
  feedback_at: Instant | null;
  feedback_by: string | null;
  created_at: Instant;
}

/** 协办意见: a co-unit's opinion, attached to the lead unit's reply of the same round. */
export interface SuggestionOpinionsTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  unit_id: string;
  round: number;
  content: string;
  recorded_by: string;
  created_at: Instant;
}

export interface SuggestionProgressTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  entry_on: Day;
  status: 'in_progress' | 'implemented';
  content: string;
  recorded_by: string;
  created_at: Instant;
}

/** 督办: a supervision action of the presidium. */
export interface SuggestionSupervisionsTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  method: string;
  acted_on: Day;
  note: string;
  recorded_by: string;
  created_at: Instant;
}

export interface SuggestionAttachmentsTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  purpose: SuggestionAttachmentPurpose;
  progress_id: string | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

/** The history of a suggestion: one row per transition or recorded step. */
export interface SuggestionEventsTable {
  id: string;
  township_id: string;
  suggestion_id: string;
  action: string;
  from_state: SuggestionState | null;
  to_state: SuggestionState | null;
  round: number;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  detail_json: Json | null;
  at: Instant;
}

// ---- deputies' duty work (代表工作) --------------------------------------------------------------

export type DutyActivityKind = 'voter_contact' | 'inspection' | 'research' | 'reception' | 'group_activity' | 'study';
export type DutyOrganiser = 'township' | 'county';
export type OpinionSource = 'activity' | 'portal' | 'direct';
export type NotificationMethod = 'sms' | 'phone' | 'other';
export type AttendeeCategory = 'village_cadre' | 'group_leader' | 'party_member' | 'women' | 'youth' | 'public_rep' | 'other';

/** 履职活动: 联系选民, 视察, 调研, 联络站接待, 代表小组活动, 学习. */
export interface DutyActivitiesTable {
  id: string;
  township_id: string;
  year: number;
  kind: DutyActivityKind;
  title: string;
  held_on: Day;
  place: string;
  organiser: DutyOrganiser;
  /** The county notice it answers, e.g. 联系选民月. */
  county_notice: string | null;
  group_id: string | null;
  /** Reception days: the day it was announced (at least 3 days ahead). */
  announced_on: Day | null;
  /** 人次 of voters contacted. */
  voters_contacted: number;
  materials: string | null;
  notes: string | null;
  /** Inspections: the deputy who drafted the report (视察报告). */
  report_author_deputy_id: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface DutyActivityDeputiesTable {
  township_id: string;
  activity_id: string;
  deputy_id: string;
  created_at: Instant;
}

export interface DutyActivitySitesTable {
  id: string;
  township_id: string;
  activity_id: string;
  position: number;
  name: string;
  village_id: string | null;
  note: string | null;
}

export interface DutyActivityPhotosTable {
  id: string;
  township_id: string;
  activity_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

/** 代表码: the deputy's stable random public code. */
export interface DeputyPublicCodesTable {
  deputy_id: string;
  township_id: string;
  public_code: string;
  created_at: Instant;
}

/** 梳理归纳: similar residents' opinions consolidated into one item, which may become a suggestion. */
export interface OpinionConsolidationsTable {
  id: string;
  township_id: string;
  year: number;
  title: string;
  summary: string;
  category: string | null;
  suggestion_id: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** 民情意见: a resident's opinion, collected in an activity or sent to a deputy. */
export interface ResidentOpinionsTable {
  id: string;
  township_id: string;
  year: number;
  ref_no: string;
  source: OpinionSource;
  activity_id: string | null;
  deputy_id: string | null;
  received_on: Day;
  content: string;
  village_id: string | null;
  category: string | null;
  /** Personal information: shown masked. */
  resident_name: string | null;
  /** Stored sealed (security/personal-data.ts). */
  resident_phone: string | null;
  consolidation_id: string | null;
  closed_note: string | null;
  closed_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface OpinionNotificationsTable {
  id: string;
  township_id: string;
  opinion_id: string;
  method: NotificationMethod;
  notified_on: Day;
  note: string;
  recorded_by: string;
  recorded_by_name: string | null;
  created_at: Instant;
}

/** 述职评议: a meeting where voters' representatives rate one or more deputies. */
export interface DutyEvaluationsTable {
  id: string;
  township_id: string;
  year: number;
  held_on: Day;
  place: string;
  chair_deputy_id: string | null;
  chair_name: string;
  constituency_id: string | null;
  /** The voters' opinions gathered beforehand. */
  voter_opinions: string | null;
  is_published: boolean;
  published_at: Instant | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface DutyEvaluationAttendeesTable {
  township_id: string;
  evaluation_id: string;
  category: AttendeeCategory;
  count: number;
}

export interface DutyEvaluationDeputiesTable {
  township_id: string;
  evaluation_id: string;
  deputy_id: string;
  position: number;
  satisfied_count: number | null;
  basic_count: number | null;
  dissatisfied_count: number | null;
  evaluation_text: string | null;
  report_file_name: string | null;
  report_mime: string | null;
  report_size_bytes: number | null;
  report_sha256: string | null;
  report_storage_key: string | null;
  report_uploaded_at: Instant | null;
  rated_at: Instant | null;
}

// ---- presidium meetings between sessions (主席团会议) ------------------------------------------

export type PresidiumAttendanceStatus = 'unmarked' | 'present' | 'absent';

/** 主席团会议: a meeting of the presidium between sessions (地方组织法 第19条). */
export interface PresidiumMeetingsTable {
  id: string;
  township_id: string;
  meeting_date: Day;
  place: string;
  /** Who convened it: the chair (主席), or a vice-chair on the chair's behalf. */
  convened_by_deputy_id: string;
  convened_by_name: string;
  /** Presidium members serving when the meeting was recorded: the base of its quorum. */
  member_count: number;
  minutes: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** The presidium members of a meeting, frozen at recording, with their attendance. */
export interface PresidiumMeetingAttendeesTable {
  township_id: string;
  meeting_id: string;
  deputy_id: string;
  seq: number;
  deputy_name: string;
  position: PresidiumPosition;
  status: PresidiumAttendanceStatus;
  absence_reason: string | null;
  recorded_by: string | null;
  updated_at: Instant;
}

/** One topic (议题) of a presidium meeting and the decision taken on it. */
export interface PresidiumMeetingTopicsTable {
  id: string;
  township_id: string;
  meeting_id: string;
  position: number;
  title: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface PresidiumMeetingDocumentsTable {
  id: string;
  township_id: string;
  meeting_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

// ---- notifications (站内通知) --------------------------------------------------------------------

export type NotificationKind = 'suggestion' | 'county_notice' | 'audit_alert';
/** 交办, 答复, 不满意 (to the unit), 即将到期 (7 days), 逾期, 逾期30天. */
export type NotificationStage = 'assigned' | 'replied' | 'dissatisfied' | 'due_soon_7d' | 'overdue' | 'overdue_30d' | 'county_notice_issued' | 'audit_chain_broken';

/** One user's notice, written once per suggestion, round and stage. */
export interface NotificationsTable {
  id: string;
  township_id: string;
  recipient_user_id: string;
  /** Set when the notice reached the user as a handler of this unit. */
  recipient_unit_id: string | null;
  /** Set when it reached them by role (e.g. 'office'). */
  recipient_role: Role | null;
  kind: NotificationKind;
  suggestion_id: string | null;
  round: number;
  stage: NotificationStage;
  title: string;
  body: string | null;
  created_at: Instant;
  read_at: Instant | null;
  email_to: string | null;
  emailed_at: Instant | null;
  email_error: string | null;
}

// ---- portal articles (issue 10) ------------------------------------------------------------

export type ArticleStatus = 'draft' | 'submitted' | 'published' | 'unpublished';

export interface PortalCategoriesTable {
  id: string;
  township_id: string;
  /** Stable key (news, notices, …); pages and modules refer to a category by it. */
  key: string;
  name: string;
  description: string | null;
  position: number;
  is_visible: boolean;
  created_at: Instant;
  updated_at: Instant;
}

export interface ArticlesTable {
  id: string;
  township_id: string;
  category_id: string;
  title: string;
  summary: string | null;
  /** Sanitised HTML (sanitize-html allow-list), never raw input. */
  body_html: string;
  search_text: string;
  status: ArticleStatus;
  /** Set when a module published the article (publishFromModule): its item's kind and id. */
  source_kind: string | null;
  source_id: string | null;
  view_count: ColumnType<number, number | undefined, number>;
  review_note: string | null;
  published_at: Instant | null;
  submitted_at: Instant | null;
  published_by: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface ArticleTagsTable {
  township_id: string;
  article_id: string;
  tag: string;
}

export interface ArticleImagesTable {
  id: string;
  township_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
}

export interface ArticleViewsTable {
  township_id: string;
  article_id: string;
  day: Day;
  visitor_hash: string;
}

// ---- county level (县人大常委会) ------------------------------------------------------------------

export type CountyNoticeState = 'draft' | 'issued';
export type CountyTaskStatus = 'pending' | 'reported';

/** A county's notice to its townships (e.g. 联系选民月); a county's row, so a reference table. */
export interface CountyNoticesTable {
  id: string;
  county_code: string;
  year: number;
  title: string;
  body: string;
  /** What each township reports back. */
  report_requirements: string;
  starts_on: Day;
  ends_on: Day;
  report_due_on: Day;
  state: CountyNoticeState;
  issued_at: Instant | null;
  issued_by: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

/** One township's task under an issued notice, with its report back. */
export interface CountyNoticeTasksTable {
  id: string;
  township_id: string;
  notice_id: string;
  status: CountyTaskStatus;
  report_text: string | null;
  reported_at: Instant | null;
  reported_by: string | null;
  reported_by_name: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface CountyTaskAttachmentsTable {
  id: string;
  township_id: string;
  task_id: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

// ---- rule of law and disclosure (issue 8) ---------------------------------------------------

export type DisclosureStatus = 'draft' | 'published' | 'superseded';

/** 执法责任制公示: one version of a unit's law-enforcement responsibility board (ten fields). */
export interface EnforcementBoardsTable {
  id: string;
  township_id: string;
  unit_id: string;
  version: number;
  status: DisclosureStatus;
  title: string;
  scope: string;
  basis: string;
  responsibility: string;
  division_of_work: string;
  procedure: string;
  fee_standards: string;
  accountability: string;
  service_commitment: string;
  party_rights: string;
  supervision: string;
  published_on: Day | null;
  published_by: string | null;
  superseded_on: Day | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** Evidence that a board is up on the unit's 公示栏: a photo and the day it was checked. */
export interface EnforcementBoardChecksTable {
  id: string;
  township_id: string;
  board_id: string;
  checked_on: Day;
  note: string | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

/** 政务公开 (government units) or 校务公开 (schools). */
export interface UnitDisclosuresTable {
  id: string;
  township_id: string;
  unit_id: string;
  kind: 'government' | 'school';
  title: string;
  procedures: string;
  fee_standards: string;
  other_content: string | null;
  status: 'draft' | 'published';
  published_on: Day | null;
  published_by: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** 村务公开 and 财务公开 of one village for one period; amounts in fen. */
export interface VillageDisclosuresTable {
  id: string;
  township_id: string;
  village_id: string;
  period_kind: 'quarterly' | 'monthly';
  period_start: Day;
  period_end: Day;
  version: number;
  status: DisclosureStatus;
  opening_balance: number | null;
  closing_balance: number | null;
  total_income: number;
  total_expense: number;
  source_file_name: string | null;
  published_on: Day | null;
  published_by: string | null;
  superseded_on: Day | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface VillageDisclosureItemsTable {
  id: string;
  township_id: string;
  disclosure_id: string;
  position: number;
  title: string;
  content: string;
}

export interface VillageFinanceLinesTable {
  id: string;
  township_id: string;
  disclosure_id: string;
  position: number;
  direction: 'income' | 'expense';
  category: string;
  description: string | null;
  amount: number;
}

/** 投诉, 行政复议, 行政诉讼 about an administrative act of a unit. */
export interface AdministrativeComplaintsTable {
  id: string;
  township_id: string;
  unit_id: string;
  kind: 'complaint' | 'reconsideration' | 'lawsuit';
  received_on: Day;
  cause: string;
  outcome: string | null;
  concluded_on: Day | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** A model-village programme (民主法治示范村, 生态文明村, …) and its default criteria. */
export interface ModelProgrammesTable {
  id: string;
  township_id: string;
  name: string;
  criteria_json: Json;
  position: number;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

export interface ModelVillageEntriesTable {
  id: string;
  township_id: string;
  programme_id: string;
  village_id: string;
  year: number;
  status: 'applied' | 'building' | 'accepted';
  accepted_on: Day | null;
  note: string | null;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface ModelVillageCriteriaTable {
  id: string;
  township_id: string;
  entry_id: string;
  position: number;
  name: string;
  is_met: boolean;
  evidence: string | null;
  updated_by: string | null;
  updated_at: Instant;
}

// ---- village committee elections (村委会换届选举) ------------------------------------------------

export type VillageOfficeKind = 'chair' | 'vice_chair' | 'member';
export type GuidanceRole = 'leader' | 'deputy_leader' | 'member';
/** 第13条: local 户籍 living here; 户籍 here but living elsewhere and choosing to vote; non-户籍 resident of 1+ year admitted by the 村民会议. */
export type VoterCategory = 'hukou_resident' | 'hukou_away' | 'non_hukou_resident';
export type VillageElectionState = 'pending' | 'runoff_needed' | 'done' | 'invalid';
export type TallyRound = 'first' | 'runoff';

/** 换届选举: one township-wide round (a year, a 5-year term), under a procedure profile. */
export interface ElectionRoundsTable {
  id: string;
  township_id: string;
  name: string;
  year: number;
  term_years: number;
  profile_key: string;
  planned_vote_day: Day;
  runoff_extra_candidates: number;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
  archived_at: Instant | null;
}

/** 选举工作指导组 member: leader (the presidium chair), deputy leaders (vice-chairs), members. */
export interface ElectionGuidanceMembersTable {
  id: string;
  township_id: string;
  round_id: string;
  deputy_id: string | null;
  name: string;
  role: GuidanceRole;
  title: string | null;
  seq: number;
  created_at: Instant;
}

export interface ElectionTrainingsTable {
  id: string;
  township_id: string;
  round_id: string;
  held_on: Day;
  topic: string;
  place: string;
  created_at: Instant;
  archived_at: Instant | null;
}

export interface ElectionTrainingAttendeesTable {
  id: string;
  township_id: string;
  training_id: string;
  name: string;
  village_id: string | null;
  duty: string | null;
}

/** One village's (or community's) election in a round. */
export interface VillageElectionsTable {
  id: string;
  township_id: string;
  round_id: string;
  village_id: string;
  seats_chair: number;
  seats_vice_chair: number;
  seats_member: number;
  ballot_boxes: number;
  /** The 另行选举's own boxes when it is held on a later day (null: the first vote's). */
  runoff_ballot_boxes: number | null;
  state: VillageElectionState;
  registered_frozen: number | null;
  first_cast: number | null;
  first_counted_at: Instant | null;
  runoff_cast: number | null;
  runoff_counted_at: Instant | null;
  completed_on: Day | null;
  created_at: Instant;
  updated_at: Instant;
}

/** A document of one calendar step (a photo of the published list, minutes, an announcement). */
export interface ElectionDocumentsTable {
  id: string;
  township_id: string;
  election_id: string;
  village_id: string;
  step_key: string;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_by_name: string;
  created_at: Instant;
  archived_at: Instant | null;
}

export interface ElectionStepsTable {
  id: string;
  township_id: string;
  election_id: string;
  step_key: string;
  seq: number;
  planned_on: Day | null;
  done_on: Day | null;
  note: string | null;
  updated_at: Instant;
}

/** A registered voter (选民); the 身份证号 is sealed, its keyed index unique per round. */
export interface ElectionVotersTable {
  id: string;
  township_id: string;
  round_id: string;
  election_id: string;
  seq: number;
  name: string;
  gender: Gender;
  birth_date: Day;
  id_number_sealed: string;
  id_number_index: string;
  id_number_masked: string;
  category: VoterCategory;
  villager_group: string;
  source_row: number;
  created_at: Instant;
}

/** 委托投票: a written proxy from a voter to a close relative who is also a voter. */
export interface ElectionProxiesTable {
  id: string;
  township_id: string;
  election_id: string;
  principal_voter_id: string;
  proxy_voter_id: string;
  relation: string;
  created_by: string;
  created_at: Instant;
}

export interface ElectionCandidatesTable {
  id: string;
  township_id: string;
  election_id: string;
  office: VillageOfficeKind;
  name: string;
  gender: Gender;
  seq: number;
  first_votes: number | null;
  is_runoff_candidate: boolean;
  runoff_votes: number | null;
  elected_in: TallyRound | null;
  is_tied: boolean;
  created_at: Instant;
  archived_at: Instant | null;
}

/** One clerk's entry of one ballot box (entry 1 or 2 of the double entry). */
export interface ElectionTallyEntriesTable {
  id: string;
  township_id: string;
  election_id: string;
  round: TallyRound;
  box_no: number;
  entry_no: number;
  clerk_user_id: string;
  clerk_name: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  votes_json: string;
  created_at: Instant;
}

/** The accepted count of a ballot box: both entries matched, or a mismatch was resolved. */
export interface ElectionBoxCountsTable {
  id: string;
  township_id: string;
  election_id: string;
  round: TallyRound;
  box_no: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  votes_json: string;
  how: 'matched' | 'resolved';
  resolved_by: string | null;
  created_at: Instant;
}

// ---- reports (年度工作总结等) ---------------------------------------------------------------------

/** The office's text of one section of the year-end summary; may hold {{fact.key}} fields. */
export interface ReportNarrativesTable {
  id: string;
  township_id: string;
  year: number;
  section_key: string;
  heading: string | null;
  body: string;
  updated_by: string;
  created_at: Instant;
  updated_at: Instant;
}

/** A user's own .docx template with {fact.key} placeholders (docxtemplater). */
export interface ReportTemplatesTable {
  id: string;
  township_id: string;
  name: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  /** JSON array of the placeholders found in the template. */
  fields_json: string;
  uploaded_by: string;
  created_at: Instant;
  archived_at: Instant | null;
}

export type GeneratedReportKind = 'summary' | 'presidium_report' | 'annex' | 'template';

/** Every report generated, and the portal article the summary became. */
export interface GeneratedReportsTable {
  id: string;
  township_id: string;
  year: number;
  kind: GeneratedReportKind;
  template_id: string | null;
  file_name: string;
  size_bytes: number;
  sha256: string;
  article_id: string | null;
  article_url: string | null;
  generated_by: string;
  generated_at: Instant;
}

export interface DB {
  report_narratives: ReportNarrativesTable;
  report_templates: ReportTemplatesTable;
  generated_reports: GeneratedReportsTable;
  enforcement_boards: EnforcementBoardsTable;
  enforcement_board_checks: EnforcementBoardChecksTable;
  unit_disclosures: UnitDisclosuresTable;
  village_disclosures: VillageDisclosuresTable;
  village_disclosure_items: VillageDisclosureItemsTable;
  village_finance_lines: VillageFinanceLinesTable;
  administrative_complaints: AdministrativeComplaintsTable;
  model_programmes: ModelProgrammesTable;
  model_village_entries: ModelVillageEntriesTable;
  model_village_criteria: ModelVillageCriteriaTable;
  townships: TownshipsTable;
  villages: VillagesTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  audit_anchors: AuditAnchorsTable;
  audit_breaks: AuditBreaksTable;
  constituencies: ConstituenciesTable;
  constituency_villages: ConstituencyVillagesTable;
  deputy_groups: DeputyGroupsTable;
  deputies: DeputiesTable;
  presidium_members: PresidiumMembersTable;
  area_assignments: AreaAssignmentsTable;
  congress_sessions: CongressSessionsTable;
  session_seats: SessionSeatsTable;
  agenda_items: AgendaItemsTable;
  session_documents: SessionDocumentsTable;
  resolutions: ResolutionsTable;
  session_votes: SessionVotesTable;
  vote_ballots: VoteBallotsTable;
  motions: MotionsTable;
  motion_signers: MotionSignersTable;
  suggestions: SuggestionsTable;
  suggestion_signers: SuggestionSignersTable;
  suggestion_units: SuggestionUnitsTable;
  suggestion_contacts: SuggestionContactsTable;
  suggestion_replies: SuggestionRepliesTable;
  suggestion_opinions: SuggestionOpinionsTable;
  suggestion_progress: SuggestionProgressTable;
  suggestion_supervisions: SuggestionSupervisionsTable;
  suggestion_attachments: SuggestionAttachmentsTable;
  suggestion_events: SuggestionEventsTable;
  notifications: NotificationsTable;
  duty_activities: DutyActivitiesTable;
  duty_activity_deputies: DutyActivityDeputiesTable;
  duty_activity_sites: DutyActivitySitesTable;
  duty_activity_photos: DutyActivityPhotosTable;
  deputy_public_codes: DeputyPublicCodesTable;
  opinion_consolidations: OpinionConsolidationsTable;
  resident_opinions: ResidentOpinionsTable;
  opinion_notifications: OpinionNotificationsTable;
  duty_evaluations: DutyEvaluationsTable;
  duty_evaluation_attendees: DutyEvaluationAttendeesTable;
  duty_evaluation_deputies: DutyEvaluationDeputiesTable;
  presidium_meetings: PresidiumMeetingsTable;
  presidium_meeting_attendees: PresidiumMeetingAttendeesTable;
  presidium_meeting_topics: PresidiumMeetingTopicsTable;
  presidium_meeting_documents: PresidiumMeetingDocumentsTable;
  election_rounds: ElectionRoundsTable;
  election_guidance_members: ElectionGuidanceMembersTable;
  election_trainings: ElectionTrainingsTable;
  election_training_attendees: ElectionTrainingAttendeesTable;
  village_elections: VillageElectionsTable;
  election_steps: ElectionStepsTable;
  election_documents: ElectionDocumentsTable;
  election_voters: ElectionVotersTable;
  election_proxies: ElectionProxiesTable;
  election_candidates: ElectionCandidatesTable;
  election_tally_entries: ElectionTallyEntriesTable;
  election_box_counts: ElectionBoxCountsTable;
  county_notices: CountyNoticesTable;
  county_notice_tasks: CountyNoticeTasksTable;
  county_task_attachments: CountyTaskAttachmentsTable;
  portal_categories: PortalCategoriesTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_images: ArticleImagesTable;
  article_views: ArticleViewsTable;
}

/** Tables without `township_id`: shared reference data, or rows about the deployment itself. */
export const REFERENCE_TABLES = ['townships', 'audit_heads', 'audit_anchors', 'audit_breaks', 'kysely_migration', 'kysely_migration_lock', 'county_notices'] as const;

/**
 * Search indexes derived from a tenant table, on SQLite only (FTS5 and its shadow tables): they
 * hold terms of the suggestions' rows, which carry township_id, and follow them.
 */
export const DERIVED_TABLES = ['suggestions_fts', 'suggestions_fts_data', 'suggestions_fts_idx', 'suggestions_fts_docsize', 'suggestions_fts_config'] as const;

export type { ColumnType, Generated };
