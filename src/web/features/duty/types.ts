/** The API's shapes for duty work, as sent by src/server/modules/duty/duty.presenter.ts. */

/** 联系选民, 视察, 调研, 代表联络站接待, 代表小组活动, 学习. */
export const ACTIVITY_KINDS = ['voter_contact', 'inspection', 'research', 'reception', 'group_activity', 'study'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** 未归纳, 已归纳, 已转建议, 已办结. */
export const OPINION_STATUSES = ['open', 'consolidated', 'suggested', 'closed'] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

/** The seven categories of attendees of a 述职评议 (村干部 … 其他). */
export const ATTENDEE_CATEGORIES = ['village_cadre', 'group_leader', 'party_member', 'women', 'youth', 'public_rep', 'other'] as const;
export type AttendeeCategory = (typeof ATTENDEE_CATEGORIES)[number];
export type AttendeeCounts = Record<AttendeeCategory, number>;

export const NOTIFICATION_METHODS = ['sms', 'phone', 'other'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

export interface SuggestionLink {
  id: string;
  refNo: string | null;
  state: string;
  stateLabel: string;
}

export interface Opinion {
  id: string;
  townshipId: string;
  refNo: string;
  year: number;
  source: 'activity' | 'portal' | 'direct';
  activityId: string | null;
  activityTitle: string | null;
  deputyId: string | null;
  deputyName: string | null;
  receivedOn: string;
  content: string;
  villageId: string | null;
  villageName: string | null;
  category: string | null;
  /** Masked; the full values through the audited reveal. */
  resident: { nameMasked: string | null; phoneMasked: string | null; hasPhone: boolean };
  status: OpinionStatus;
  statusLabel: string;
  outcome: {
    consolidationId: string | null;
    consolidationTitle: string | null;
    suggestion: SuggestionLink | null;
    closedNote: string | null;
    closedAt: string | null;
  };
  createdAt: string;
}

export interface OpinionNotification {
  id: string;
  method: NotificationMethod;
  notifiedOn: string;
  note: string;
  recordedByName: string | null;
  createdAt: string;
}

export interface OpinionDetail extends Opinion {
  notifications: OpinionNotification[];
  canEdit: boolean;
  canRevealContact: boolean;
}

export interface OpinionInput {
  content: string;
  villageId?: string | null;
  category?: string | null;
  residentName?: string | null;
  residentPhone?: string | null;
  deputyId?: string | null;
}

export interface OpinionFilters {
  year?: number;
  status?: OpinionStatus;
  deputyId?: string;
  villageId?: string;
  activityId?: string;
  search?: string;
}

export interface Participant {
  deputyId: string;
  name: string;
}

export interface ActivitySummary {
  id: string;
  townshipId: string;
  year: number;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  heldOn: string;
  place: string;
  organiser: 'township' | 'county';
  countyNotice: string | null;
  groupId: string | null;
  announcedOn: string | null;
  votersContacted: number;
  reportAuthorDeputyId: string | null;
  participants: Participant[];
  siteNames: string[];
  opinionCount: number;
  createdAt: string;
}

export interface Photo {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  createdAt: string;
  url: string;
}

export interface Site {
  id?: string;
  name: string;
  villageId?: string | null;
  note?: string | null;
}

export interface ActivityDetail extends ActivitySummary {
  materials: string | null;
  notes: string | null;
  sites: (Site & { id: string; villageId: string | null; note: string | null })[];
  photos: Photo[];
  opinions: Opinion[];
  canEdit: boolean;
  canRevealContacts: boolean;
}

export interface ActivityInput {
  kind: ActivityKind;
  title?: string;
  heldOn: string;
  place: string;
  organiser?: 'township' | 'county';
  countyNotice?: string | null;
  groupId?: string | null;
  announcedOn?: string | null;
  deputyIds?: string[];
  votersContacted?: number;
  sites?: { name: string; villageId?: string | null; note?: string | null }[];
  materials?: string | null;
  notes?: string | null;
  reportAuthorDeputyId?: string | null;
  opinions?: OpinionInput[];
}

export interface ActivityFilters {
  year?: number;
  kind?: ActivityKind;
  deputyId?: string;
  countyNotice?: string;
}

export interface Consolidation {
  id: string;
  townshipId: string;
  year: number;
  title: string;
  summary: string;
  category: string | null;
  /** True once it became a suggestion: no more merging or splitting. */
  isLocked: boolean;
  suggestion: SuggestionLink | null;
  opinionCount: number;
  opinions: Opinion[];
  createdAt: string;
  updatedAt: string;
}

export interface Proposal {
  suggestedTitle: string;
  opinionIds: string[];
  opinions: Opinion[];
}

export interface Ratings {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

export interface EvaluatedDeputy {
  deputyId: string;
  name: string;
  position: number;
  isRated: boolean;
  ratings: Ratings | null;
  /** (满意 + 基本满意) / votes, in percent. */
  satisfactionRate: number | null;
  evaluation: string | null;
  report: { fileName: string; sizeBytes: number; uploadedAt: string; url: string } | null;
  documentUrl: string;
}

export interface Evaluation {
  id: string;
  townshipId: string;
  year: number;
  heldOn: string;
  place: string;
  chairDeputyId: string | null;
  chairName: string;
  constituencyId: string | null;
  constituencyName: string | null;
  voterOpinions: string | null;
  isPublished: boolean;
  publishedAt: string | null;
  attendees: AttendeeCounts;
  attendeeLabels: Record<string, string>;
  attendeesTotal: number;
  deputies: EvaluatedDeputy[];
  canManage: boolean;
}

export interface EvaluationInput {
  heldOn: string;
  place: string;
  chairDeputyId?: string | null;
  chairName?: string;
  constituencyId?: string | null;
  deputyIds: string[];
  attendees: Partial<AttendeeCounts>;
  voterOpinions?: string | null;
}

export interface PublicCode {
  deputyId: string;
  publicCode: string;
  path: string;
  url: string;
  qrUrl: string;
}
