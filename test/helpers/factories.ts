import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { systemActor } from '../../src/server/auth/actor.js';
import type { DB, Role, UnitType } from '../../src/server/db/schema.js';
import { createTownship, createUnit, createVillage } from '../../src/server/modules/townships/townships.service.js';
import type { TownshipRow, UnitRow, VillageRow } from '../../src/server/modules/townships/townships.repository.js';
import { createUser } from '../../src/server/modules/users/users.service.js';

export const TEST_PASSWORD = 'Test#Pass2026';

let counter = 0;
function unique(): string {
  counter++;
  return `${process.pid % 1000}${counter}${randomInt(1e6)}`;
}

/** A township of its own (fictional codes starting with 8), with `villages` villages. */
export async function buildTownship(db: Kysely<DB>, overrides: { countyCode?: string; villages?: number; name?: string } = {}): Promise<TownshipRow> {
  const countyCode = overrides.countyCode ?? `8${String(randomInt(1e5)).padStart(5, '0')}`;
  const code = `${countyCode}${String(randomInt(1e3)).padStart(3, '0')}`;
  const villages = Array.from({ length: overrides.villages ?? 3 }, (_, i) => ({
    code: `${code}${String(200 + i).padStart(3, '0')}`, name: `测试${i + 1}村委会`, kind: 'village' as const,
  }));
  return createTownship(db, systemActor('test'), {
    code, name: overrides.name ?? `测试镇${unique().slice(-4)}`, countyCode, countyName: '测试县', cityName: '测试市', provinceName: '测试省', villages,
  });
}

export async function buildVillage(db: Kysely<DB>, townshipId: string, overrides: { name?: string } = {}): Promise<VillageRow> {
  return createVillage(db, { ...systemActor('test'), townshipId }, townshipId, { name: overrides.name ?? `新${unique().slice(-4)}村委会`, kind: 'village' });
}

export async function buildUnit(db: Kysely<DB>, townshipId: string, overrides: { name?: string; type?: UnitType; hasEnforcementPower?: boolean } = {}): Promise<UnitRow> {
  return createUnit(db, { ...systemActor('test'), townshipId }, townshipId, {
    name: overrides.name ?? `单位${unique().slice(-4)}`, type: overrides.type ?? 'station', hasEnforcementPower: overrides.hasEnforcementPower ?? false,
  });
}

export interface BuiltUser {
  id: string;
  username: string;
  password: string;
  role: Role;
  townshipId: string | null;
}

/** A user of `role`; creates a unit or village to bind to when the role needs one. */
export async function buildUser(
  db: Kysely<DB>,
  townshipId: string | null,
  role: Role,
  overrides: { countyCode?: string; unitId?: string; villageId?: string; mustChangePassword?: boolean; username?: string } = {},
): Promise<BuiltUser> {
  const username = overrides.username ?? `u${unique()}`;
  let unitId = overrides.unitId ?? null;
  let villageId = overrides.villageId ?? null;
  if (role === 'unit_handler' && !unitId) unitId = (await buildUnit(db, townshipId!)).id;
  if (role === 'village_clerk' && !villageId) villageId = (await buildVillage(db, townshipId!)).id;
  const { user } = await createUser(db, systemActor('test'), {
    townshipId: role === 'county_admin' ? null : townshipId,
    countyCode: overrides.countyCode ?? null,
    username, displayName: `测试${role}`, role, unitId, villageId,
    password: TEST_PASSWORD, mustChangePassword: overrides.mustChangePassword ?? false,
  }, { trusted: true });
  return { id: user.id, username, password: TEST_PASSWORD, role, townshipId: user.township_id };
}
