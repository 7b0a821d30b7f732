import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function twoTownships() {
  const db = ctx.database.db;
  const mine = await buildTownship(db);
  const other = await buildTownship(db);
  const office = await buildUser(db, mine.id, 'office');
  const s = await login(ctx.app, office.username, TEST_PASSWORD);
  return { mine, other, office, s };
}

describe('township scope', () => {
  it('lists only the actor’s own township', async () => {
    const { mine, s } = await twoTownships();
    const res = await s.request('GET', '/api/v1/townships');
    expect(res.json().items.map((t: { id: string }) => t.id)).toEqual([mine.id]);
  });

  it('should not read another township’s villages, units, users, dashboard or audit: 404', async () => {
    const { other, s } = await twoTownships();
    for (const path of ['', '/villages', '/units', '/users', '/dashboard', '/audit']) {
      const res = await s.request('GET', `/api/v1/townships/${other.id}${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('should not update another township’s village, unit, user or township: 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const { other, s } = await twoTownships();
    const village = (await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', other.id).executeTakeFirstOrThrow());
    const unit = await buildUnit(db, other.id);
    const user = await buildUser(db, other.id, 'deputy');
    const attempts = [
      s.request('PATCH', `/api/v1/villages/${village.id}`, { name: '改名村' }),
      s.request('PATCH', `/api/v1/villages/${village.id}`, { archived: true }),
      s.request('PATCH', `/api/v1/units/${unit.id}`, { name: '改名单位' }),
      s.request('PATCH', `/api/v1/users/${user.id}`, { isActive: false }),
      s.request('POST', `/api/v1/users/${user.id}/reset-password`),
      s.request('PATCH', `/api/v1/townships/${other.id}`, { name: '改名镇' }),
      s.request('POST', `/api/v1/townships/${other.id}/villages`, { name: '新村', kind: 'village' }),
      s.request('POST', `/api/v1/townships/${other.id}/units`, { name: '新单位', type: 'station', hasEnforcementPower: false }),
      s.request('POST', `/api/v1/townships/${other.id}/users`, { username: 'intruder1', displayName: '入侵', role: 'office' }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(404);
    const auditBefore = await db.selectFrom('audit_log').select('id').where('township_id', '=', other.id).execute();
    expect((await db.selectFrom('villages').select(['name', 'archived_at']).where('id', '=', village.id).executeTakeFirstOrThrow())).toEqual({ name: village.name, archived_at: null });
    expect((await db.selectFrom('units').select('name').where('id', '=', unit.id).executeTakeFirstOrThrow()).name).toBe(unit.name);
    const u = await db.selectFrom('users').select(['is_active', 'must_change_password']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(u).toEqual({ is_active: true, must_change_password: false });
    expect((await db.selectFrom('townships').select('name').where('id', '=', other.id).executeTakeFirstOrThrow()).name).toBe(other.name);
    expect(await db.selectFrom('users').select('id').where('username', '=', 'intruder1').execute()).toEqual([]);
    // No audit row was written for the other township by these attempts.
    expect((await db.selectFrom('audit_log').select('id').where('township_id', '=', other.id).execute()).length).toBe(auditBefore.length);
  });

  it('a county admin sees every township of the county and none of another county', async () => {
    const db = ctx.database.db;
    const countyCode = `7${String(Date.now()).slice(-5)}`;
    const a = await buildTownship(db, { countyCode });
    const b = await buildTownship(db, { countyCode });
    const outside = await buildTownship(db);
    const county = await buildUser(db, null, 'county_admin', { countyCode });
    const s = await login(ctx.app, county.username, TEST_PASSWORD);
    const ids = (await s.request('GET', '/api/v1/townships')).json().items.map((t: { id: string }) => t.id).sort();
    expect(ids).toEqual([a.id, b.id].sort());
    expect((await s.request('GET', `/api/v1/townships/${a.id}/villages`)).statusCode).toBe(200);
    expect((await s.request('GET', `/api/v1/townships/${outside.id}/villages`)).statusCode).toBe(404);
    // Seeing is not managing: a county admin cannot rename a township's village.
    const v = await db.selectFrom('villages').select('id').where('township_id', '=', a.id).executeTakeFirstOrThrow();
    expect((await s.request('PATCH', `/api/v1/villages/${v.id}`, { name: 'x村' })).statusCode).toBe(403);
  });
});

describe('roles inside a township', () => {
  it('lets only the office manage villages, units and users: 403 for the others, nothing changed', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const unit = await buildUnit(db, t.id);
    for (const role of ['presidium', 'deputy', 'unit_handler', 'village_clerk'] as const) {
      const u = await buildUser(db, t.id, role);
      const s = await login(ctx.app, u.username, TEST_PASSWORD);
      expect((await s.request('PATCH', `/api/v1/units/${unit.id}`, { name: '改' })).statusCode, role).toBe(403);
      expect((await s.request('POST', `/api/v1/townships/${t.id}/villages`, { name: '新村', kind: 'village' })).statusCode, role).toBe(403);
      expect((await s.request('GET', `/api/v1/townships/${t.id}/users`)).statusCode, role).toBe(403);
      // Reading the township's villages and units is open to every role of the township.
      expect((await s.request('GET', `/api/v1/townships/${t.id}/units`)).statusCode, role).toBe(200);
    }
    expect((await db.selectFrom('units').select('name').where('id', '=', unit.id).executeTakeFirstOrThrow()).name).toBe(unit.name);
  });

  it('binds a unit handler to a unit and a village clerk to a village of the same township', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const other = await buildTownship(db);
    const otherUnit = await buildUnit(db, other.id);
    const office = await buildUser(db, t.id, 'office');
    const s = await login(ctx.app, office.username, TEST_PASSWORD);
    const noUnit = await s.request('POST', `/api/v1/townships/${t.id}/users`, { username: 'handler-x', displayName: '经办人', role: 'unit_handler' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.code).toBe('ROLE_BINDING_INVALID');
    const foreignUnit = await s.request('POST', `/api/v1/townships/${t.id}/users`, { username: 'handler-x', displayName: '经办人', role: 'unit_handler', unitId: otherUnit.id });
    expect(foreignUnit.statusCode).toBe(400);
    const unit = await buildUnit(db, t.id);
    const ok = await s.request('POST', `/api/v1/townships/${t.id}/users`, { username: 'handler-x', displayName: '经办人', role: 'unit_handler', unitId: unit.id });
    expect(ok.statusCode).toBe(201);
    const { user, temporaryPassword } = ok.json();
    expect(user.mustChangePassword).toBe(true);
    expect(temporaryPassword).toMatch(/^.{10}$/);
    const dup = await s.request('POST', `/api/v1/townships/${t.id}/users`, { username: 'handler-x', displayName: '经办人', role: 'deputy' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
  });
});
