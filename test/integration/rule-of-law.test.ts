import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosureFactsProvider } from '../../src/server/modules/disclosure/disclosure.facts.js';
import { buildTownship, buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { carriedRows, countRows, financeWorkbook, FULL_BOARD_FIELDS } from '../helpers/disclosure-factories.js';
import { createTestContext, login, upload, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function world() {
  const db = ctx.database.db;
  const t = await buildTownship(db, { villages: 2 });
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).orderBy('name').execute();
  const landUnit = await buildUnit(db, t.id, { name: '自然资源所', type: 'station', hasEnforcementPower: true });
  const marketUnit = await buildUnit(db, t.id, { name: '市场监督管理所', type: 'station', hasEnforcementPower: true });
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  const clerk = await login(ctx.app, (await buildUser(db, t.id, 'village_clerk', { villageId: villages[0]!.id })).username, TEST_PASSWORD);
  return { t, villages, landUnit, marketUnit, office, presidium, clerk };
}

describe('complaints and lawsuits about administrative acts (投诉, 行政复议, 行政诉讼)', () => {
  it('registers each with unit, date, cause and outcome, and counts them per unit and kind within the calendar year', async () => {
    const w = await world();
    const add = (body: Record<string, unknown>) => w.office.request('POST', `/api/v1/townships/${w.t.id}/complaints`, { unitId: w.landUnit.id, cause: '对宅基地审批程序有异议', ...body });
    expect((await add({ kind: 'complaint', receivedOn: '2025-12-31', outcome: '经复核程序合法，已向投诉人说明', concludedOn: '2026-01-08' })).statusCode).toBe(201);
    expect((await add({ kind: 'reconsideration', receivedOn: '2026-01-01' })).statusCode).toBe(201);
    expect((await add({ kind: 'lawsuit', receivedOn: '2026-03-02', unitId: w.marketUnit.id, cause: '对行政处罚决定不服' })).statusCode).toBe(201);

    const y2025 = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/complaints?year=2025`)).json();
    expect(y2025.items).toHaveLength(1);
    expect(y2025.items[0]).toMatchObject({ unitName: '自然资源所', kind: 'complaint', outcome: '经复核程序合法，已向投诉人说明' });
    const y2026 = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/complaints?year=2026`)).json();
    expect(y2026.byKind).toEqual({ complaint: 0, reconsideration: 1, lawsuit: 1 });
    expect(y2026.byUnit.map((u: { unitName: string; total: number }) => [u.unitName, u.total]).sort()).toEqual([['市场监督管理所', 1], ['自然资源所', 1]]);

    const bad = await add({ kind: 'complaint', receivedOn: '2026-03-02', concludedOn: '2026-03-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('concludedOn');
  });

  it('the office keeps the register; the presidium reads it; another township is 404 and nothing changes; a unit of another township is refused', async () => {
    const w = await world();
    const c = (await w.office.request('POST', `/api/v1/townships/${w.t.id}/complaints`, { unitId: w.landUnit.id, kind: 'complaint', receivedOn: '2026-02-01', cause: '原因' })).json();
    expect((await w.presidium.request('GET', `/api/v1/townships/${w.t.id}/complaints?year=2026`)).json().canManage).toBe(false);
    expect((await w.presidium.request('POST', `/api/v1/townships/${w.t.id}/complaints`, { unitId: w.landUnit.id, kind: 'complaint', receivedOn: '2026-02-01', cause: 'x' })).statusCode).toBe(403);
    expect((await w.presidium.request('PATCH', `/api/v1/administrative-complaints/${c.id}`, { outcome: 'x' })).statusCode).toBe(403);

    const other = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, other.id, 'office')).username, TEST_PASSWORD);
    expect((await outsider.request('GET', `/api/v1/townships/${w.t.id}/complaints?year=2026`)).statusCode).toBe(404);
    expect((await outsider.request('PATCH', `/api/v1/administrative-complaints/${c.id}`, { outcome: '改' })).statusCode).toBe(404);
    expect((await outsider.request('DELETE', `/api/v1/administrative-complaints/${c.id}`)).statusCode).toBe(404);
    const foreignUnit = await outsider.request('POST', `/api/v1/townships/${other.id}/complaints`, { unitId: w.landUnit.id, kind: 'complaint', receivedOn: '2026-02-01', cause: 'x' });
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().error.fields[0].path).toBe('unitId');
    expect((await w.office.request('GET', `/api/v1/townships/${w.t.id}/complaints?year=2026`)).json().items[0]).toMatchObject({ id: c.id, outcome: null });
    expect(await countRows(ctx.database.db, 'administrative_complaints', other.id)).toBe(0);
  });
});

describe('bound roles on the register (a unit handler keeps their unit, a village clerk their village)', () => {
  it('answers a unit handler on another unit’s complaint as on a missing one (404) and changes nothing; their own unit’s is 403 (the office keeps the register)', async () => {
    const w = await world();
    const db = ctx.database.db;
    const handler = await login(ctx.app, (await buildUser(db, w.t.id, 'unit_handler', { unitId: w.marketUnit.id })).username, TEST_PASSWORD);
    const add = async (unitId: string) => (await w.office.request('POST', `/api/v1/townships/${w.t.id}/complaints`, { unitId, kind: 'complaint', receivedOn: '2026-02-01', cause: '原因' })).json() as { id: string };
    const theirs = await add(w.landUnit.id);
    const own = await add(w.marketUnit.id);
    const snapshot = () => db.selectFrom('administrative_complaints').selectAll().where('township_id', '=', w.t.id).orderBy('id').execute();
    const auditCount = async () => (await db.selectFrom('audit_log').select('id').where('township_id', '=', w.t.id).execute()).length;
    const before = await snapshot();
    const audits = await auditCount();
    const ghost = '01900000-0000-7000-8000-000000000000';
    for (const [who, s] of [['unit handler', handler], ['village clerk', w.clerk]] as const) {
      for (const id of [theirs.id, ghost]) {
        const patch = await s.request('PATCH', `/api/v1/administrative-complaints/${id}`, { outcome: '改', unitId: w.marketUnit.id });
        const del = await s.request('DELETE', `/api/v1/administrative-complaints/${id}`);
        expect([patch.statusCode, patch.json().error.code], `${who} PATCH ${id}`).toEqual([404, 'NOT_FOUND']);
        expect([del.statusCode, del.json().error.code], `${who} DELETE ${id}`).toEqual([404, 'NOT_FOUND']);
      }
    }
    // Their own unit's complaint exists for them, but the register is the office's.
    expect((await handler.request('PATCH', `/api/v1/administrative-complaints/${own.id}`, { outcome: '改' })).statusCode).toBe(403);
    expect((await handler.request('DELETE', `/api/v1/administrative-complaints/${own.id}`)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('answers a village clerk on another village’s model-village entry or criterion as on a missing one (404), and a unit handler on any; nothing changes', async () => {
    const w = await world();
    const db = ctx.database.db;
    const handler = await login(ctx.app, (await buildUser(db, w.t.id, 'unit_handler', { unitId: w.landUnit.id })).username, TEST_PASSWORD);
    const progs = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/model-programmes`)).json().items;
    const mine = (await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[0].id, villageId: w.villages[0]!.id, year: 2026 })).json();
    const theirs = (await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[1].id, villageId: w.villages[1]!.id, year: 2026 })).json();
    const snapshot = async () => [
      await db.selectFrom('model_village_entries').selectAll().where('township_id', '=', w.t.id).orderBy('id').execute(),
      await db.selectFrom('model_village_criteria').selectAll().where('township_id', '=', w.t.id).orderBy('id').execute(),
    ];
    const before = await snapshot();
    for (const [s, entry] of [[w.clerk, theirs], [handler, theirs], [handler, mine]] as const) {
      expect((await s.request('PATCH', `/api/v1/model-village-entries/${entry.id}`, { status: 'building' })).statusCode).toBe(404);
      expect((await s.request('PUT', `/api/v1/model-village-criteria/${entry.criteria[0].id}`, { isMet: true, evidence: 'x' })).statusCode).toBe(404);
    }
    // The clerk's own village's entry exists for them; the office keeps it.
    expect((await w.clerk.request('PATCH', `/api/v1/model-village-entries/${mine.id}`, { status: 'building' })).statusCode).toBe(403);
    expect((await w.clerk.request('PUT', `/api/v1/model-village-criteria/${mine.criteria[0].id}`, { isMet: true, evidence: 'x' })).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('model-village programmes (民主法治示范村, 生态文明村)', () => {
  it('starts from the two default programmes with their checklists; acceptance needs every criterion met with evidence', async () => {
    const w = await world();
    const progs = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/model-programmes`)).json().items;
    expect(progs.map((p: { name: string }) => p.name)).toEqual(['民主法治示范村', '生态文明村']);
    expect(progs[0].criteria).toContain('村规民约上墙公示');

    const created = await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[0].id, villageId: w.villages[0]!.id, year: 2026 });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({ status: 'applied', programmeName: '民主法治示范村', met: 0 });
    expect(entry.criteria).toHaveLength(progs[0].criteria.length);
    const dup = await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[0].id, villageId: w.villages[0]!.id, year: 2026 });
    expect(dup.json().error.code).toBe('MODEL_VILLAGE_EXISTS');

    expect((await w.office.request('PATCH', `/api/v1/model-village-entries/${entry.id}`, { status: 'building' })).json().status).toBe('building');
    // All but one met: refused, the missing one named.
    for (const c of entry.criteria.slice(1)) {
      await w.office.request('PUT', `/api/v1/model-village-criteria/${c.id}`, { isMet: true, evidence: '见村档案' });
    }
    const refused = await w.office.request('PATCH', `/api/v1/model-village-entries/${entry.id}`, { status: 'accepted' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'MODEL_VILLAGE_CRITERIA_UNMET', params: { count: 1 } });
    expect(refused.json().error.fields[0].message).toBe(entry.criteria[0].name);
    await w.office.request('PUT', `/api/v1/model-village-criteria/${entry.criteria[0].id}`, { isMet: true, evidence: '村民自治章程及会议记录' });
    const accepted = await w.office.request('PATCH', `/api/v1/model-village-entries/${entry.id}`, { status: 'accepted', acceptedOn: '2026-11-20' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedOn: '2026-11-20', met: entry.criteria.length });

    // A programme of the township's own.
    const own = await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-programmes`, { name: '文明村镇', criteria: ['移风易俗', '志愿服务'] });
    expect(own.json()).toMatchObject({ name: '文明村镇', criteria: ['移风易俗', '志愿服务'] });

    // Edited, archived (no new entry), restored; two programmes in use never share a name.
    const ownId = own.json().id as string;
    const renamed = await w.office.request('PATCH', `/api/v1/model-programmes/${ownId}`, { name: '文明村', criteria: ['移风易俗', '志愿服务', '文明家庭评选'] });
    expect(renamed.json()).toMatchObject({ name: '文明村', criteria: ['移风易俗', '志愿服务', '文明家庭评选'], archived: false });
    const clash = await w.office.request('PATCH', `/api/v1/model-programmes/${ownId}`, { name: '生态文明村' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.fields).toEqual([{ path: 'name', message: expect.any(String) }]);
    expect((await w.office.request('PATCH', `/api/v1/model-programmes/${ownId}`, { archived: true })).json()).toMatchObject({ archived: true });
    const onArchived = await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: ownId, villageId: w.villages[1]!.id, year: 2026 });
    expect(onArchived.statusCode).toBeGreaterThanOrEqual(400);
    expect((await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-programmes`, { name: '文明村', criteria: ['新标准'] })).statusCode).toBe(201);
    const restoreClash = await w.office.request('PATCH', `/api/v1/model-programmes/${ownId}`, { archived: false });
    expect(restoreClash.statusCode).toBe(400);
    expect(restoreClash.json().error.fields[0].path).toBe('name');
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', ownId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['model_programme.create', 'model_programme.update', 'model_programme.update']);
  });

  it('a village clerk sees their own village only; another township is 404 and nothing changes', async () => {
    const w = await world();
    const progs = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/model-programmes`)).json().items;
    const mine = (await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[0].id, villageId: w.villages[0]!.id, year: 2026 })).json();
    const theirs = (await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[1].id, villageId: w.villages[1]!.id, year: 2026 })).json();
    const seen = (await w.clerk.request('GET', `/api/v1/townships/${w.t.id}/model-villages?year=2026`)).json();
    expect(seen.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    // Another village's entry does not exist for the clerk (404, as a missing one).
    expect((await w.clerk.request('PATCH', `/api/v1/model-village-entries/${theirs.id}`, { status: 'building' })).statusCode).toBe(404);

    const other = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, other.id, 'office')).username, TEST_PASSWORD);
    expect((await outsider.request('GET', `/api/v1/townships/${w.t.id}/model-villages`)).statusCode).toBe(404);
    expect((await outsider.request('PATCH', `/api/v1/model-village-entries/${theirs.id}`, { status: 'building' })).statusCode).toBe(404);
    expect((await outsider.request('PUT', `/api/v1/model-village-criteria/${theirs.criteria[0].id}`, { isMet: true, evidence: 'x' })).statusCode).toBe(404);
    expect((await outsider.request('PATCH', `/api/v1/model-programmes/${progs[0].id}`, { name: '改名' })).statusCode).toBe(404);
    const after = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/model-villages?year=2026`)).json();
    const t2 = after.items.find((e: { id: string }) => e.id === theirs.id);
    expect(t2).toMatchObject({ status: 'applied', met: 0 });
    expect(after.programmes[0].name).toBe('民主法治示范村');
  });
});

describe('year facts (disclosure)', () => {
  it('counts boards, disclosures, villages, schools, complaints and model villages of the year under the agreed keys', async () => {
    const w = await world();
    const db = ctx.database.db;
    const school = await buildUnit(db, w.t.id, { name: '中心小学', type: 'school' });
    await buildUnit(db, w.t.id, { name: '初级中学', type: 'school' });
    const finance = await buildUnit(db, w.t.id, { name: '财政所', type: 'station' });
    const b = (await w.office.request('POST', `/api/v1/units/${w.landUnit.id}/enforcement-boards`, { fields: FULL_BOARD_FIELDS })).json();
    await w.office.request('POST', `/api/v1/enforcement-boards/${b.id}/publish`, { publishedOn: '2025-03-01' });
    const g = (await w.office.request('POST', `/api/v1/units/${finance.id}/disclosures`, { procedures: 'a', feeStandards: 'b' })).json();
    await w.office.request('POST', `/api/v1/unit-disclosures/${g.id}/publish`, { publishedOn: '2025-04-01' });
    const s = (await w.office.request('POST', `/api/v1/units/${school.id}/disclosures`, { procedures: 'a', feeStandards: 'b' })).json();
    await w.office.request('POST', `/api/v1/unit-disclosures/${s.id}/publish`, { publishedOn: '2025-09-01' });
    // Village 1 publishes all four quarters of 2025; village 2 only three.
    for (const [vi, starts] of [[0, ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']], [1, ['2025-01-01', '2025-04-01', '2025-07-01']]] as const) {
      for (const [q, start] of starts.entries()) {
        const d = (await w.office.request('POST', `/api/v1/villages/${w.villages[vi]!.id}/disclosures`, { periodStart: start })).json();
        // Each quarter opens with the closing balance of the one before (balance carry-over).
        await upload(ctx.app, w.office, `/api/v1/village-disclosures/${d.id}/import`, 'f.xlsx', await financeWorkbook(carriedRows(q)));
        expect((await w.office.request('POST', `/api/v1/village-disclosures/${d.id}/publish`, {})).statusCode).toBe(200);
      }
    }
    await w.office.request('POST', `/api/v1/townships/${w.t.id}/complaints`, { unitId: w.landUnit.id, kind: 'lawsuit', receivedOn: '2025-05-05', cause: 'x' });
    const progs = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/model-programmes`)).json().items;
    await w.office.request('POST', `/api/v1/townships/${w.t.id}/model-villages`, { programmeId: progs[1].id, villageId: w.villages[1]!.id, year: 2025 });

    const facts = Object.fromEntries((await disclosureFactsProvider.collect(db, w.t.id, 2025)).map((f) => [f.key, f]));
    expect(Object.keys(facts).sort()).toEqual([
      'disclosure.complaints', 'disclosure.complaintsByKind', 'disclosure.enforcementUnits', 'disclosure.enforcementUnitsWithBoard', 'disclosure.govAffairsUnits',
      'disclosure.modelVillages', 'disclosure.schoolsDisclosing', 'disclosure.schoolsTotal', 'disclosure.villagesBothDisclosures', 'disclosure.villagesTotal',
    ]);
    expect(facts['disclosure.enforcementUnits']!.value).toBe(2);
    expect(facts['disclosure.enforcementUnitsWithBoard']!.value).toBe(1);
    expect(facts['disclosure.enforcementUnitsWithBoard']!.records!.ids).toEqual([b.id]);
    expect(facts['disclosure.govAffairsUnits']!.value).toBe(1);
    expect(facts['disclosure.villagesTotal']!.value).toBe(2);
    expect(facts['disclosure.villagesBothDisclosures']!.value).toBe(1);
    expect(facts['disclosure.schoolsTotal']!.value).toBe(2);
    expect(facts['disclosure.schoolsDisclosing']!.value).toBe(1);
    expect(facts['disclosure.complaints']!.value).toBe(1);
    expect(facts['disclosure.complaintsByKind']!.value).toEqual([{ kind: '投诉', count: 0 }, { kind: '行政复议', count: 0 }, { kind: '行政诉讼', count: 1 }]);
    expect(facts['disclosure.modelVillages']!.value).toEqual([{ programme: '生态文明村', village: w.villages[1]!.name, year: 2025, status: '申报' }]);
    for (const f of Object.values(facts)) expect(f.link).toMatch(/^\/app\//);

    const empty = await disclosureFactsProvider.collect(db, w.t.id, 2024);
    expect(empty.find((f) => f.key === 'disclosure.complaints')!.value).toBe(0);
    expect(empty.find((f) => f.key === 'disclosure.enforcementUnitsWithBoard')!.value).toBe(0);
  });
});
