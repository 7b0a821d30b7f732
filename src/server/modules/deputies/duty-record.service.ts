import type { Kysely } from 'kysely';
import { DEFAULT_DUTY_POINT_RULES, dutyPoints, rankDeputies, scoreDuty, type DutyEvent, type DutyPointRules, type DutyRulePoints, type DutyScore } from '../../../domain/duty-points.js';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { findTownship } from '../townships/townships.repository.js';
import { parseSettings } from '../townships/townships.service.js';
import * as repo from './deputies.repository.js';
import { yearEndInstant } from './deputies.facts.js';
import { canReadDeputy, getDeputy } from './deputies.service.js';

/** One line of a deputy's duty record: something they did, with the record it came from. */
export interface DutyItem {
  date: string;
  title: string;
  detail?: string;
  /** What the item is and its id, so the app can link to it. */
  source: { type: string; id: string };
}

export interface DutySection {
  key: string;
  items: DutyItem[];
  /** Events this section contributes to the duty points. */
  events: DutyEvent[];
}

/**
 * A part of the duty record (履职档案, 代表法 第58条) from one module: session attendance,
 * suggestions, activities, evaluations. Each module registers its provider as it lands.
 */
export interface DutyRecordProvider {
  key: string;
  collect(db: Kysely<DB>, townshipId: string, year: number, deputyIds: string[]): Promise<Map<string, DutySection>>;
}

const PROVIDERS: DutyRecordProvider[] = [];

/** The township's point rules over the defaults. */
async function pointRules(db: Kysely<DB>, townshipId: string): Promise<DutyPointRules> {
  return { ...DEFAULT_DUTY_POINT_RULES, ...parseSettings((await findTownship(db, townshipId))!.settings_json).dutyPointRules };
}

export function registerDutyRecordProvider(provider: DutyRecordProvider): void {
  if (!PROVIDERS.some((p) => p.key === provider.key)) PROVIDERS.push(provider);
}

export function dutyRecordProviders(): readonly DutyRecordProvider[] {
  return PROVIDERS;
}

/** Roles the deputy holds, from this module: presidium seat, group leadership, area assignments (in force at the year's end). */
async function rolesOf(db: Kysely<DB>, townshipId: string, deputyId: string, year: number): Promise<string[]> {
  const [presidium, groups, areas, villages] = await Promise.all([
    repo.presidiumHistory(db, townshipId), repo.listGroups(db, townshipId), repo.areaAssignmentsInForce(db, townshipId, yearEndInstant(year), [deputyId]),
    db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', townshipId).execute(),
  ]);
  const label = { chair: '主席', vice_chair: '副主席', member: '成员' } as const;
  const roles: string[] = [];
  for (const p of presidium.filter((x) => x.deputy_id === deputyId)) {
    roles.push(`${p.session_label}选举的主席团${label[p.position]}${p.archived_at ? '（已换届）' : ''}`);
  }
  for (const g of groups.filter((x) => x.leader_deputy_id === deputyId)) roles.push(`${g.name}组长`);
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const mine = areas.filter((a) => a.leader_deputy_id === deputyId);
  const v = mine.filter((a) => a.village_id).map((a) => villageName.get(a.village_id!) ?? '');
  if (mine.length) roles.push(`挂点联系${v.length ? v.join('、') : ''}${v.length ? '，' : ''}联系代表${mine.filter((a) => a.deputy_id).length}名`);
  return roles;
}

async function collectAll(db: Kysely<DB>, townshipId: string, year: number, deputyIds: string[]) {
  const maps = await Promise.all(PROVIDERS.map((p) => p.collect(db, townshipId, year, deputyIds)));
  return (deputyId: string) => PROVIDERS.map((p, i) => maps[i]!.get(deputyId) ?? { key: p.key, items: [], events: [] });
}

export interface DutyRecord {
  deputy: repo.DeputyRow;
  year: number;
  roles: string[];
  sections: DutySection[];
  score: DutyScore;
  /** Every rule of the township with its count and points (dutyPoints), for the points table. */
  pointsByRule: readonly DutyRulePoints[];
  rank: number | null;
  rankedOf: number;
}

function assertCanReadDuty(actor: Actor, deputy: repo.DeputyRow): void {
  const isSelf = actor.role === 'deputy' && deputy.user_id === actor.id;
  // A deputy the actor may not read (canReadDeputy) does not exist for them: 404, not 403.
  if (!canReadDeputy(actor, deputy)) throw notFound('deputy');
  if (!isSelf && !can(actor, 'duty.read')) throw new AppError('FORBIDDEN');
}

/** A deputy's duty record for a calendar year, with duty points and rank in the township. */
export async function getDutyRecord(db: Kysely<DB>, actor: Actor, deputyId: string, year: number): Promise<DutyRecord> {
  const deputy = await getDeputy(db, actor, deputyId);
  assertCanReadDuty(actor, deputy);
  const ranking = await computeRanking(db, deputy.township_id, year);
  const sectionsOf = await collectAll(db, deputy.township_id, year, [deputyId]);
  const sections = sectionsOf(deputyId);
  const rules = await pointRules(db, deputy.township_id);
  const entry = ranking.find((r) => r.deputyId === deputyId);
  return {
    deputy, year, roles: await rolesOf(db, deputy.township_id, deputyId, year), sections,
    score: scoreDuty(sections.flatMap((s) => s.events), rules),
    pointsByRule: dutyPoints(sections.flatMap((s) => s.events), rules).byRule,
    rank: entry?.rank ?? null, rankedOf: ranking.length,
  };
}

export interface RankingEntry {
  deputyId: string;
  name: string;
  level: string;
  total: number;
  rank: number;
}

async function computeRanking(db: Kysely<DB>, townshipId: string, year: number): Promise<RankingEntry[]> {
  const deputies = (await repo.listDeputies(db, townshipId)).filter((d) => d.mandate_start <= `${year}-12-31` && (!d.mandate_end || d.mandate_end >= `${year}-01-01`));
  const sectionsOf = await collectAll(db, townshipId, year, deputies.map((d) => d.id));
  const rules = await pointRules(db, townshipId);
  const scored = deputies.map((d) => ({ deputyId: d.id, name: d.name, level: d.level, total: scoreDuty(sectionsOf(d.id).flatMap((s) => s.events), rules).total }));
  return rankDeputies(scored.sort((a, b) => a.name.localeCompare(b.name, 'zh')));
}

/** The township's duty-point ranking for a year (presidium, office, county). */
export async function getDutyRanking(db: Kysely<DB>, actor: Actor, townshipId: string, year: number): Promise<RankingEntry[]> {
  await assertTownshipInScope(db, actor, townshipId);
  if (!can(actor, 'duty.read')) throw new AppError('FORBIDDEN');
  return computeRanking(db, townshipId, year);
}
