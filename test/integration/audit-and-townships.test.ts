import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/auth/actor.js';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.service.js';
import { addTownshipByCode } from '../../src/server/modules/townships/townships.service.js';
import { AppError } from '../../src/server/errors.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('audit trail', () => {
  it('writes a row with actor, IP, before and after for each state change', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office = await buildUser(db, t.id, 'office');
    const s = await login(ctx.app, office.username, TEST_PASSWORD);
    const created = await s.request('POST', `/api/v1/townships/${t.id}/units`, { name: '财政所', type: 'station', hasEnforcementPower: false });
    const unitId = created.json().id;
    await s.request('PATCH', `/api/v1/units/${unitId}`, { hasEnforcementPower: true });
    const rows = await db.selectFrom('audit_log').select(['action', 'actor_id', 'ip', 'before_json', 'after_json']).where('entity_id', '=', unitId).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['unit.create', 'unit.update']);
    expect(rows[1]!.actor_id).toBe(office.id);
    expect(rows[1]!.ip).toBeTruthy();
    expect(JSON.parse(rows[1]!.before_json!).has_enforcement_power).toBe(false);
    expect(JSON.parse(rows[1]!.after_json!).has_enforcement_power).toBe(true);
    // Secrets never reach the audit trail.
    const userRows = await db.selectFrom('audit_log').select('after_json').where('entity_id', '=', office.id).execute();
    expect(userRows.every((r) => !r.after_json?.includes('$argon2'))).toBe(true);
  });

  it('verifies the hash chain and reports the first broken link', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office = await buildUser(db, t.id, 'office');
    const s = await login(ctx.app, office.username, TEST_PASSWORD);
    for (const name of ['一所', '二所', '三所']) await s.request('POST', `/api/v1/townships/${t.id}/units`, { name, type: 'station', hasEnforcementPower: false });
    const before = await verifyAuditChains(db);
    expect(before.breaks.filter((b) => b.chain === t.id)).toEqual([]);
    const victim = await db.selectFrom('audit_log').select(['id', 'seq']).where('chain', '=', t.id).where('action', '=', 'unit.create').orderBy('seq').executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ after_json: '{"name":"篡改"}' }).where('id', '=', victim.id).execute();
    const after = await verifyAuditChains(db);
    expect(after.breaks.filter((b) => b.chain === t.id)).toEqual([{ chain: t.id, seq: victim.seq, auditId: victim.id, reason: 'hash_mismatch' }]);
  });

  it('keeps concurrent writers of one township on one unbroken chain', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office = await buildUser(db, t.id, 'office');
    const s = await login(ctx.app, office.username, TEST_PASSWORD);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => s.request('POST', `/api/v1/townships/${t.id}/units`, { name: `并发${i}`, type: 'station', hasEnforcementPower: false })));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const { breaks } = await verifyAuditChains(db);
    expect(breaks.filter((b) => b.chain === t.id)).toEqual([]);
  });
});

describe('townships from the NBS division codes', () => {
  it('creates a real township with every village and residents’ committee', async () => {
    const db = ctx.database.db;
    const existing = await db.selectFrom('townships').select('id').where('code', '=', '421281100').executeTakeFirst();
    const t = existing ? null : await addTownshipByCode(db, systemActor('test'), '421281100');
    const row = await db.selectFrom('townships').select(['id', 'name', 'county_name', 'city_name', 'province_name']).where('code', '=', '421281100').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '新店镇', county_name: '赤壁市', province_name: '湖北省' });
    const villages = await db.selectFrom('villages').select(['code', 'name', 'kind']).where('township_id', '=', row.id).orderBy('code').execute();
    expect(villages.length).toBe(11);
    expect(villages[0]).toEqual({ code: '421281100001', name: '夜珠桥社区居委会', kind: 'community' });
    expect(villages.every((v) => v.code!.startsWith('421281100') && v.code!.length === 12)).toBe(true);
    // Each village has its 村委会 unit.
    const committees = await db.selectFrom('units').select('id').where('township_id', '=', row.id).where('type', '=', 'village_committee').execute();
    expect(committees.length).toBe(11);
    if (t) expect(t.id).toBe(row.id);
  });

  it('refuses a malformed, unknown or duplicate code with a clear error', async () => {
    const db = ctx.database.db;
    const codeOf = async (code: string) => {
      try { await addTownshipByCode(db, systemActor('test'), code); return 'created'; } catch (e) { return (e as AppError).code; }
    };
    expect(await codeOf('12345')).toBe('TOWNSHIP_CODE_INVALID');
    expect(await codeOf('42128110A')).toBe('TOWNSHIP_CODE_INVALID');
    expect(await codeOf('999999999')).toBe('TOWNSHIP_CODE_UNKNOWN');
    const t = await buildTownship(db);
    expect(await codeOf(t.code)).toBe('TOWNSHIP_EXISTS');
  });

  it('returns the same JS shapes on both databases: ISO strings and booleans', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const row = await db.selectFrom('townships').select(['created_at', 'is_demo', 'archived_at']).where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.is_demo).toBe(false);
    expect(row.archived_at).toBeNull();
    const n = await db.selectFrom('villages').select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', t.id).executeTakeFirstOrThrow();
    expect(n.n).toBe(3);
  });
});

describe('first-run setup', () => {
  it('is refused once a township exists', async () => {
    await buildTownship(ctx.database.db);
    const state = await ctx.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(state.json()).toEqual({ needed: false });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { townshipCode: '421281100', username: 'admin', displayName: '管理员', password: 'Setup#2026x' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SETUP_ALREADY_DONE');
  });
});
