import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { buildDeputy, deputyInput } from '../helpers/deputy-factories.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';
import { openNullable } from '../../src/server/security/personal-data.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function officeOf(townshipId: string) {
  const u = await buildUser(ctx.database.db, townshipId, 'office');
  return login(ctx.app, u.username, TEST_PASSWORD);
}

describe('deputies', () => {
  it('creates a deputy and shows the id number and phone masked', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const input = deputyInput({ phone: '13812345678' });
    const res = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, input);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.idNumberMasked).toBe(`${input.idNumber.slice(0, 6)}********${input.idNumber.slice(14)}`);
    expect(d.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(d)).not.toContain(input.idNumber);
    const list = await s.request('GET', `/api/v1/townships/${t.id}/deputies`);
    expect(JSON.stringify(list.json())).not.toContain(input.idNumber);
  });

  it('refuses a wrong check digit, and a birth date or gender that disagree with the id number', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const good = deputyInput({ gender: 'male', birthDate: '1980-05-06' });
    const last = good.idNumber.slice(-1);
    const wrongDigit = good.idNumber.slice(0, 17) + (last === '0' ? '1' : '0');
    const r1 = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, { ...good, idNumber: wrongDigit });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields).toEqual([{ path: 'idNumber', message: '身份证号校验码不正确（GB 11643）' }]);
    const r2 = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, { ...good, birthDate: '1980-05-07', gender: 'female' });
    expect(r2.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['birthDate', 'gender']);
    // A lowercase x is accepted and stored upper-case.
    const withX = deputyInput({ gender: 'female', birthDate: '1975-01-01' });
    let id = withX.idNumber;
    for (let n = 1; !id.endsWith('X') && n < 999; n += 2) id = generateResidentId('888888', '1975-01-01', n + 1, 'female');
    if (id.endsWith('X')) {
      const r3 = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, { ...withX, idNumber: id.toLowerCase() });
      expect(r3.statusCode).toBe(201);
    }
    expect(await ctx.database.db.selectFrom('deputies').select('id').where('township_id', '=', t.id).where('name', '=', good.name).execute()).toEqual([]);
  });

  it('refuses the same id number twice in one term', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const input = deputyInput();
    expect((await s.request('POST', `/api/v1/townships/${t.id}/deputies`, input)).statusCode).toBe(201);
    const dup = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, { ...input, name: '另一人' });
    expect(dup.statusCode).toBe(409);
  });

  it('reveals the full numbers to the office and audits who looked; other roles get 403', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const d = await buildDeputy(db, t.id, { phone: '13900001111' });
    const s = await officeOf(t.id);
    const res = await s.request('POST', `/api/v1/deputies/${d.id}/reveal`);
    expect(res.json()).toEqual({ idNumber: d.id_number, phone: '13900001111' });
    const audit = await db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', d.id).where('action', '=', 'deputy.reveal_personal').execute();
    expect(audit.length).toBe(1);
    const presidium = await buildUser(db, t.id, 'presidium');
    const p = await login(ctx.app, presidium.username, TEST_PASSWORD);
    expect((await p.request('POST', `/api/v1/deputies/${d.id}/reveal`)).statusCode).toBe(403);
  });

  it('lets a deputy edit only their own phone, education and workplace', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const office = await officeOf(t.id);
    const d = await buildDeputy(db, t.id);
    const other = await buildDeputy(db, t.id);
    const acc = await office.request('POST', `/api/v1/deputies/${d.id}/account`, { username: `dep${Date.now()}` });
    expect(acc.statusCode).toBe(201);
    const { username, temporaryPassword } = acc.json();
    const s0 = await login(ctx.app, username, temporaryPassword);
    await s0.request('POST', '/api/v1/auth/change-password', { currentPassword: temporaryPassword, newPassword: 'Deputy#2026a' });
    const s = await login(ctx.app, username, 'Deputy#2026a');
    expect((await s.request('GET', '/api/v1/deputies/me')).json().id).toBe(d.id);
    expect((await s.request('PATCH', `/api/v1/deputies/${d.id}`, { phone: '13700002222', education: '大学本科' })).statusCode).toBe(200);
    expect((await s.request('PATCH', `/api/v1/deputies/${d.id}`, { name: '改名' })).statusCode).toBe(403);
    // Another deputy's record does not exist for a deputy: 404, as for another township's.
    expect((await s.request('PATCH', `/api/v1/deputies/${other.id}`, { phone: '13700003333' })).statusCode).toBe(404);
    const row = await db.selectFrom('deputies').select(['name', 'phone', 'education']).where('id', '=', d.id).executeTakeFirstOrThrow();
    // The phone is stored sealed (security/personal-data.ts).
    expect({ ...row, phone: openNullable(row.phone) }).toEqual({ name: d.name, phone: '13700002222', education: '大学本科' });
    expect(openNullable((await db.selectFrom('deputies').select('phone').where('id', '=', other.id).executeTakeFirstOrThrow()).phone)).toBe(other.phone);
    // The deputy reads their own full numbers.
    expect((await s.request('POST', `/api/v1/deputies/${d.id}/reveal`)).statusCode).toBe(200);
    expect((await s.request('POST', `/api/v1/deputies/${other.id}/reveal`)).statusCode).toBe(404);
  });

  it('reads a roster record only where it is needed (个人信息保护法, minimum necessary): office, presidium, county and the deputy their own; anyone else 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const d = await buildDeputy(db, t.id, { phone: '13900002222' });
    const other = await buildDeputy(db, t.id, { phone: '13900003333', workplace: '某某合作社' });
    const as = async (role: 'office' | 'presidium' | 'deputy' | 'unit_handler' | 'village_clerk' | 'county_admin') => {
      const u = await buildUser(db, role === 'county_admin' ? null : t.id, role, role === 'county_admin' ? { countyCode: t.county_code } : {});
      if (role === 'deputy') await db.updateTable('deputies').set({ user_id: u.id }).where('id', '=', d.id).execute();
      return login(ctx.app, u.username, TEST_PASSWORD);
    };
    const office = await as('office');
    const presidium = await as('presidium');
    const county = await as('county_admin');
    const deputy = await as('deputy');
    const unit = await as('unit_handler');
    const village = await as('village_clerk');
    for (const s of [office, presidium, county]) {
      const res = await s.request('GET', `/api/v1/deputies/${other.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: other.id, workplace: '某某合作社', phoneMasked: '139****3333' });
    }
    expect((await deputy.request('GET', `/api/v1/deputies/${d.id}`)).json()).toMatchObject({ id: d.id, can: { updateOwn: true, reveal: true } });

    const snapshot = async () => ({
      deputies: await db.selectFrom('deputies').selectAll().where('township_id', '=', t.id).orderBy('id').execute(),
      audit: (await db.selectFrom('audit_log').select('id').where('township_id', '=', t.id).execute()).length,
    });
    const before = await snapshot();
    const ghost = '01900000-0000-7000-8000-000000000000';
    for (const [who, s] of [['deputy', deputy], ['unit_handler', unit], ['village_clerk', village]] as const) {
      for (const id of [other.id, ghost]) {
        for (const [method, url, body] of [
          ['GET', `/api/v1/deputies/${id}`, undefined], ['PATCH', `/api/v1/deputies/${id}`, { phone: '13700009999' }],
          ['POST', `/api/v1/deputies/${id}/reveal`, undefined], ['GET', `/api/v1/deputies/${id}/duty-record`, undefined],
          ['POST', `/api/v1/deputies/${id}/account`, { username: `x${Date.now()}` }],
        ] as const) {
          const res = await s.request(method, url, body);
          expect([res.statusCode, res.json().error?.code], `${who} ${method} ${url}`).toEqual([404, 'NOT_FOUND']);
        }
      }
    }
    // Where the record is readable but the act is not the role's: 403.
    expect((await presidium.request('PATCH', `/api/v1/deputies/${other.id}`, { phone: '13700009999' })).statusCode).toBe(403);
    expect((await presidium.request('POST', `/api/v1/deputies/${other.id}/reveal`)).statusCode).toBe(403);
    expect((await deputy.request('POST', `/api/v1/deputies/${d.id}/account`, { username: `x${Date.now()}` })).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('lists the township’s deputies in brief to whom may not read roster records (minimum necessary); the office gets the roster', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const own = await buildDeputy(db, t.id, { phone: '13900004444' });
    const other = await buildDeputy(db, t.id, { phone: '13900005555', workplace: '某某合作社' });
    const ended = await buildDeputy(db, t.id, { mandateEnd: '2025-01-01', endReason: '辞职' });
    const as = async (role: 'office' | 'presidium' | 'deputy' | 'unit_handler' | 'village_clerk') => {
      const u = await buildUser(db, t.id, role);
      if (role === 'deputy') await db.updateTable('deputies').set({ user_id: u.id }).where('id', '=', own.id).execute();
      return login(ctx.app, u.username, TEST_PASSWORD);
    };
    const roster = ['ethnicity', 'birthDate', 'idNumberMasked', 'party', 'education', 'occupation', 'phoneMasked', 'endReason', 'holdsGovernmentPost', 'hasAccount'];
    const brief = ['id', 'townshipId', 'level', 'termNumber', 'name', 'gender', 'workplace', 'constituencyId', 'groupId', 'mandateStart', 'mandateEnd', 'isServing', 'can'];
    type Item = Record<string, unknown> & { id: string };
    const list = async (s: Awaited<ReturnType<typeof as>>): Promise<Item[]> => {
      const res = await s.request('GET', `/api/v1/townships/${t.id}/deputies`);
      expect(res.statusCode).toBe(200);
      return res.json().items;
    };
    for (const role of ['deputy', 'unit_handler', 'village_clerk'] as const) {
      const items = await list(await as(role));
      expect(items.map((d) => d.id).sort(), role).toEqual([own.id, other.id, ended.id].sort());
      for (const d of items) {
        if (role === 'deputy' && d.id === own.id) {
          // Their own record: full, as GET /deputies/me.
          expect(d).toMatchObject({ phoneMasked: '139****4444', can: { updateOwn: true, reveal: true } });
          continue;
        }
        expect(Object.keys(d).sort(), `${role} ${d.name}`).toEqual([...brief].sort());
        expect(d.can).toEqual({ update: false, updateOwn: false, reveal: false, createAccount: false });
      }
      const body = JSON.stringify(items.filter((d) => role !== 'deputy' || d.id !== own.id));
      for (const value of ['13900005555', '139****5555', '辞职', other.birth_date, other.id_number.slice(0, 6)]) expect(body, `${role} ${value}`).not.toContain(value);
      expect(items.find((d) => d.id === other.id)).toMatchObject({ name: other.name, workplace: '某某合作社', isServing: true });
      expect(items.find((d) => d.id === ended.id)).toMatchObject({ isServing: false, mandateEnd: '2025-01-01' });
    }
    for (const role of ['office', 'presidium'] as const) {
      for (const d of await list(await as(role))) {
        for (const key of roster) expect(d, `${role} ${key}`).toHaveProperty(key);
      }
    }
    const office = await list(await as('office'));
    expect(office.find((d) => d.id === other.id)).toMatchObject({ phoneMasked: '139****5555', birthDate: other.birth_date, party: other.party });
    expect(office.find((d) => d.id === ended.id)).toMatchObject({ endReason: '辞职', isServing: false });
  });

  it('should not read or change another township’s deputy: 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const mine = await buildTownship(db);
    const other = await buildTownship(db);
    const d = await buildDeputy(db, other.id);
    const s = await officeOf(mine.id);
    for (const [method, url, body] of [
      ['GET', `/api/v1/deputies/${d.id}`, undefined], ['PATCH', `/api/v1/deputies/${d.id}`, { name: '改' }],
      ['POST', `/api/v1/deputies/${d.id}/reveal`, undefined], ['GET', `/api/v1/deputies/${d.id}/duty-record`, undefined],
      ['POST', `/api/v1/deputies/${d.id}/account`, { username: 'stealer' }], ['GET', `/api/v1/townships/${other.id}/deputies`, undefined],
      ['GET', `/api/v1/townships/${other.id}/deputies/export`, undefined],
    ] as const) {
      expect((await s.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await db.selectFrom('deputies').select(['name', 'user_id']).where('id', '=', d.id).executeTakeFirstOrThrow())).toEqual({ name: d.name, user_id: null });
    expect(await db.selectFrom('audit_log').select('id').where('entity_id', '=', d.id).where('action', '=', 'deputy.reveal_personal').execute()).toEqual([]);
  });
});

describe('constituencies, groups and the presidium', () => {
  it('warns about a deputy group below 3 serving members (第43条): 2 warns, 3 does not', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const s = await officeOf(t.id);
    const g = (await s.request('POST', `/api/v1/townships/${t.id}/deputy-groups`, { name: '东片代表小组', leaderDeputyId: null })).json();
    await buildDeputy(db, t.id, { groupId: g.id });
    await buildDeputy(db, t.id, { groupId: g.id });
    const groupOf = async () => (await s.request('GET', `/api/v1/townships/${t.id}/deputy-groups`)).json().items.find((x: { id: string }) => x.id === g.id);
    expect(await groupOf()).toMatchObject({ memberCount: 2, warnings: ['below_minimum'] });
    await buildDeputy(db, t.id, { groupId: g.id });
    expect(await groupOf()).toMatchObject({ memberCount: 3, warnings: [] });
    // A member whose mandate ended no longer counts.
    await buildDeputy(db, t.id, { groupId: g.id, mandateEnd: '2024-01-01', endReason: '辞职' });
    expect((await groupOf()).memberCount).toBe(3);
  });

  it('elects a presidium with one chair and 1-2 vice-chairs, warning on a government post', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const s = await officeOf(t.id);
    const ds = await Promise.all(Array.from({ length: 5 }, (_, i) => buildDeputy(db, t.id, { holdsGovernmentPost: i === 1 })));
    const body = (members: [number, string][]) => ({ termNumber: 14, sessionLabel: '第十四届人民代表大会第一次会议', electedOn: '2022-01-05', members: members.map(([i, position]) => ({ deputyId: ds[i]!.id, position })) });
    expect((await s.request('POST', `/api/v1/townships/${t.id}/presidium`, body([[0, 'member'], [1, 'vice_chair']]))).statusCode).toBe(400);
    expect((await s.request('POST', `/api/v1/townships/${t.id}/presidium`, body([[0, 'chair'], [1, 'vice_chair'], [2, 'vice_chair'], [3, 'vice_chair']]))).statusCode).toBe(400);
    expect((await s.request('POST', `/api/v1/townships/${t.id}/presidium`, body([[0, 'chair']]))).statusCode).toBe(400);
    const ok = await s.request('POST', `/api/v1/townships/${t.id}/presidium`, body([[0, 'chair'], [1, 'vice_chair'], [2, 'vice_chair'], [3, 'member']]));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().warnings).toEqual([`government_post:${ds[1]!.id}`]);
    // Area assignments only for a chair or vice-chair.
    const villages = await db.selectFrom('villages').select('id').where('township_id', '=', t.id).execute();
    expect((await s.request('PUT', `/api/v1/townships/${t.id}/area-assignments/${ds[3]!.id}`, { villageIds: [villages[0]!.id], deputyIds: [] })).statusCode).toBe(400);
    const a = await s.request('PUT', `/api/v1/townships/${t.id}/area-assignments/${ds[0]!.id}`, { villageIds: [villages[0]!.id], deputyIds: [ds[4]!.id] });
    expect(a.statusCode).toBe(200);
    const rec = await s.request('GET', `/api/v1/deputies/${ds[0]!.id}/duty-record?year=2026`);
    expect(rec.statusCode).toBe(200);
    expect(rec.json().roles.join()).toContain('主席团主席');
  });

  it('ranks deputies by duty points with ties sharing a rank', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    await buildDeputy(db, t.id);
    await buildDeputy(db, t.id);
    const presidium = await buildUser(db, t.id, 'presidium');
    const s = await login(ctx.app, presidium.username, TEST_PASSWORD);
    const res = await s.request('GET', `/api/v1/townships/${t.id}/duty-ranking?year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { rank: number }) => e.rank)).toEqual([1, 1]);
    const deputy = await buildUser(db, t.id, 'deputy');
    const ds = await login(ctx.app, deputy.username, TEST_PASSWORD);
    expect((await ds.request('GET', `/api/v1/townships/${t.id}/duty-ranking`)).statusCode).toBe(403);
  });
});
