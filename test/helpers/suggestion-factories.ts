import type { Clock } from '../../src/server/clock.js';
import type { Kysely } from 'kysely';
import { systemActor, type Actor } from '../../src/server/auth/actor.js';
import type { DB, Role, SuggestionGrade, SuggestionKind } from '../../src/server/db/schema.js';
import type { DeputyRow } from '../../src/server/modules/deputies/deputies.repository.js';
import * as service from '../../src/server/modules/suggestions/suggestions.service.js';
import type { TownshipRow, UnitRow } from '../../src/server/modules/townships/townships.repository.js';
import type { App } from '../../src/server/http/types.js';
import { buildDeputy } from './deputy-factories.js';
import { buildTownship, buildUnit, buildUser, TEST_PASSWORD, type BuiltUser } from './factories.js';
import { login, type Session } from './test-app.js';

/** An Actor as the services see it, for a built user. */
export function actorOf(u: BuiltUser, extra: { unitId?: string | null; displayName?: string } = {}): Actor {
  return {
    id: u.id, username: u.username, displayName: extra.displayName ?? u.username, role: u.role, townshipId: u.townshipId, countyCode: null,
    unitId: extra.unitId ?? null, villageId: null, ip: null,
  };
}

/** The township's office acting as the system (for set-up through the services). */
export function officeActor(townshipId: string): Actor {
  return { ...systemActor('test'), townshipId };
}

export interface DeputyWithLogin {
  deputy: DeputyRow;
  user: BuiltUser;
  actor: Actor;
}

/** A deputy with a login (role deputy) linked to the deputy record. */
export async function buildDeputyWithLogin(db: Kysely<DB>, townshipId: string): Promise<DeputyWithLogin> {
  const deputy = await buildDeputy(db, townshipId);
  const user = await buildUser(db, townshipId, 'deputy');
  await db.updateTable('deputies').set({ user_id: user.id }).where('id', '=', deputy.id).execute();
  return { deputy: { ...deputy, user_id: user.id }, user, actor: actorOf(user) };
}

export interface UnitWithHandler {
  unit: UnitRow;
  user: BuiltUser;
  actor: Actor;
}

export async function buildUnitWithHandler(db: Kysely<DB>, townshipId: string, name?: string): Promise<UnitWithHandler> {
  const unit = await buildUnit(db, townshipId, name ? { name } : {});
  const user = await buildUser(db, townshipId, 'unit_handler', { unitId: unit.id });
  return { unit, user, actor: actorOf(user, { unitId: unit.id }) };
}

/** A township with the people a suggestion meets: office, presidium, an author deputy, a lead and a co unit. */
export interface SuggestionWorld {
  township: TownshipRow;
  office: BuiltUser;
  officeActor: Actor;
  presidium: BuiltUser;
  author: DeputyWithLogin;
  lead: UnitWithHandler;
  co: UnitWithHandler;
}

export async function buildSuggestionWorld(db: Kysely<DB>): Promise<SuggestionWorld> {
  const township = await buildTownship(db);
  const office = await buildUser(db, township.id, 'office');
  const presidium = await buildUser(db, township.id, 'presidium');
  return {
    township, office, officeActor: actorOf(office), presidium,
    author: await buildDeputyWithLogin(db, township.id),
    lead: await buildUnitWithHandler(db, township.id, '村镇建设办公室'),
    co: await buildUnitWithHandler(db, township.id, '财政所'),
  };
}

/** Signs a built user in through the API. */
export function loginAs(app: App, u: BuiltUser): Promise<Session> {
  return login(app, u.username, TEST_PASSWORD);
}

export interface SuggestionOverrides {
  kind?: SuggestionKind;
  title?: string;
  content?: string;
  coSignerIds?: string[];
  isPublic?: boolean;
  submit?: boolean;
}

/** A suggestion by the world's author deputy, submitted unless `submit: false`. */
export async function buildSuggestion(db: Kysely<DB>, w: SuggestionWorld, o: SuggestionOverrides = {}): Promise<string> {
  return service.createSuggestion(db, w.author.actor, w.township.id, {
    kind: o.kind ?? 'suggestion', title: o.title ?? '关于硬化东山村至西河村道路的建议', content: o.content ?? '东山村至西河村道路为泥土路，雨天泥泞，群众出行困难，建议硬化。',
    raisedAt: 'between_sessions', coSignerIds: o.coSignerIds ?? [], isPublic: o.isPublic ?? false, submit: o.submit ?? true,
  });
}

/** Registers and assigns a submitted suggestion to the world's lead unit (and co unit). */
export async function assignToLead(db: Kysely<DB>, w: SuggestionWorld, id: string, o: { assignedOn?: string; isDifficult?: boolean; withCo?: boolean } = {}): Promise<void> {
  await service.registerSuggestion(db, w.officeActor, id, { category: '交通' });
  await service.assignSuggestion(db, w.officeActor, id, {
    leadUnitId: w.lead.unit.id, coUnitIds: o.withCo ? [w.co.unit.id] : [], ...(o.assignedOn ? { assignedOn: o.assignedOn } : {}), isDifficult: o.isDifficult ?? false,
  });
}

/** The lead unit contacts the deputy and replies with `grade`. */
export async function replyAsLead(db: Kysely<DB>, w: SuggestionWorld, id: string, grade: SuggestionGrade = 'A', clock?: Clock): Promise<void> {
  await service.recordContact(db, w.lead.actor, id, { method: 'visit', note: '上门走访代表，了解具体诉求' }, clock);
  await service.replyToSuggestion(db, w.lead.actor, id, { grade, content: '已列入年度道路硬化计划。' }, clock);
}

/** A suggestion carried to the 'assigned' state in one call. */
export async function buildAssignedSuggestion(db: Kysely<DB>, w: SuggestionWorld, o: SuggestionOverrides & { assignedOn?: string; isDifficult?: boolean; withCo?: boolean } = {}): Promise<string> {
  const id = await buildSuggestion(db, w, o);
  await assignToLead(db, w, id, o);
  return id;
}

export type { Role };
