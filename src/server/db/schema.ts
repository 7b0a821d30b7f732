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
  /** 身份证号: personal information, shown masked. */
  id_number: string;
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
  holds_government_post: boolean;
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
}

export interface DB {
  townships: TownshipsTable;
  villages: VillagesTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  constituencies: ConstituenciesTable;
  constituency_villages: ConstituencyVillagesTable;
  deputy_groups: DeputyGroupsTable;
  deputies: DeputiesTable;
  presidium_members: PresidiumMembersTable;
  area_assignments: AreaAssignmentsTable;
}

/** Tables without `township_id`: shared reference data, or rows about the deployment itself. */
export const REFERENCE_TABLES = ['townships', 'audit_heads', 'kysely_migration', 'kysely_migration_lock'] as const;

export type { ColumnType, Generated };
