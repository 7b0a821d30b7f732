/** The API's shapes, as sent by the server's presenters (src/server/modules/*\/*.presenter.ts). */

export const ROLES = ['county_admin', 'office', 'presidium', 'deputy', 'unit_handler', 'village_clerk'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an office may give: the county office is set up by the operator. */
export const ASSIGNABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'county_admin'> => r !== 'county_admin');

export const ABILITIES = [
  'township.update', 'village.manage', 'unit.manage', 'user.manage', 'audit.read',
  'deputy.manage', 'personal.reveal', 'duty.read', 'duty.manage', 'duty.log', 'duty.evaluate',
  'session.read', 'session.manage', 'session.preside', 'session.checkin', 'motion.submit',
  'suggestion.read', 'suggestion.submit', 'suggestion.manage', 'suggestion.supervise', 'suggestion.handle',
  'presidium_meeting.read', 'presidium_meeting.manage', 'presidium_meeting.record',
  'county.read', 'county_notice.manage', 'county_task.report',
  'article.read', 'article.write', 'article.publish',
  'report.read', 'report.manage',
  'disclosure.read', 'disclosure.manage', 'disclosure.unit', 'disclosure.village', 'rule_of_law.manage',
  'election.read', 'election.manage', 'election.roll', 'election.tally', 'election.document',
] as const;
export type Ability = (typeof ABILITIES)[number];

export const UNIT_TYPES = ['gov_department', 'station', 'school', 'village_committee', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

export const DISCLOSURE_PERIODS = ['quarterly', 'monthly'] as const;

export interface User {
  id: string;
  townshipId: string | null;
  countyCode: string | null;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  villageId: string | null;
  /** Notices are also mailed here when the server has SMTP; null: in-app only. */
  email: string | null;
  mustChangePassword: boolean;
  isActive: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface TownshipSettings {
  villageDisclosurePeriod: (typeof DISCLOSURE_PERIODS)[number];
  /** Days after a period ends before an unpublished village disclosure is overdue. */
  villageDisclosureGraceDays: number;
  reHandlingMonths: number;
  /** 职业类别 offered for deputies. */
  occupations: string[];
  /** 建议 categories offered at 立案. */
  suggestionCategories: string[];
  /** 履职积分: points per kind of act. */
  dutyPointRules: Record<string, number>;
}

export interface Township {
  id: string;
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  cityName: string;
  provinceName: string;
  isDemo: boolean;
  settings: TownshipSettings;
  createdAt: string;
}

export interface Village {
  id: string;
  townshipId: string;
  code: string | null;
  name: string;
  kind: VillageKind;
  sortOrder: number;
  archivedAt: string | null;
}

export interface Unit {
  id: string;
  townshipId: string;
  name: string;
  type: UnitType;
  hasEnforcementPower: boolean;
  villageId: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  archivedAt: string | null;
}

export interface Me {
  user: User;
  csrfToken: string;
  townships: Township[];
  abilities: Partial<Record<Ability, boolean>>;
}

export interface ItemList<T> {
  items: T[];
}
