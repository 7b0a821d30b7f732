import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '../../src/domain/due-dates.js';
import { clockAt } from '../../src/server/clock.js';
import { addCheck } from '../../src/server/modules/disclosure/boards.service.js';
import { buildTownship, buildUnit, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { countRows, FULL_BOARD_FIELDS } from '../helpers/disclosure-factories.js';
import { actorOf } from '../helpers/suggestion-factories.js';
import { createTestContext, login, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2213b3f0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const YEAR = Number(todayInShanghai().slice(0, 4));

async function world() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const enforcement = await buildUnit(db, t.id, { name: '综合行政执法队', type: 'gov_department', hasEnforcementPower: true });
  const forestry = await buildUnit(db, t.id, { name: '林业站', type: 'station', hasEnforcementPower: true });
  const finance = await buildUnit(db, t.id, { name: '财政所', type: 'station' });
  const school = await buildUnit(db, t.id, { name: '中心小学', type: 'school' });
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const handler = await login(ctx.app, (await buildUser(db, t.id, 'unit_handler', { unitId: enforcement.id })).username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  return { t, enforcement, forestry, finance, school, office, handler, presidium };
}

async function publishedBoard(s: Session, unitId: string) {
  const created = await s.request('POST', `/api/v1/units/${unitId}/enforcement-boards`, { fields: FULL_BOARD_FIELDS });
  expect(created.statusCode, created.body).toBe(201);
  const published = await s.request('POST', `/api/v1/enforcement-boards/${created.json().id}/publish`, {});
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as { id: string; version: number; status: string };
}

describe('law-enforcement responsibility boards (执法责任制公示)', () => {
  it('a draft needs all ten parts before it is published; a published version is immutable and the next one supersedes it', async () => {
    const w = await world();
    const draft = await w.office.request('POST', `/api/v1/units/${w.enforcement.id}/enforcement-boards`, { fields: { scope: '违法建设查处' } });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ version: 1, status: 'draft', title: '综合行政执法队执法责任制公示' });
    const id = draft.json().id as string;

    const incomplete = await w.office.request('POST', `/api/v1/enforcement-boards/${id}/publish`, {});
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.code).toBe('DISCLOSURE_INCOMPLETE');
    expect((incomplete.json().error.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(
      ['accountability', 'basis', 'divisionOfWork', 'feeStandards', 'partyRights', 'procedure', 'responsibility', 'serviceCommitment', 'supervision'],
    );
    // A second draft while one is open is refused.
    expect((await w.office.request('POST', `/api/v1/units/${w.enforcement.id}/enforcement-boards`, {})).statusCode).toBe(409);

    expect((await w.office.request('PATCH', `/api/v1/enforcement-boards/${id}`, { fields: FULL_BOARD_FIELDS })).statusCode).toBe(200);
    const published = await w.office.request('POST', `/api/v1/enforcement-boards/${id}/publish`, {});
    expect(published.json()).toMatchObject({ status: 'published', publishedOn: todayInShanghai() });

    const edit = await w.office.request('PATCH', `/api/v1/enforcement-boards/${id}`, { fields: { scope: '改动' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('DISCLOSURE_PUBLISHED');
    expect((await w.office.request('GET', `/api/v1/enforcement-boards/${id}`)).json().fields.scope).toBe(FULL_BOARD_FIELDS.scope);

    // Version 2 starts as a copy of the current one.
    const v2 = await w.office.request('POST', `/api/v1/units/${w.enforcement.id}/enforcement-boards`, { fields: { feeStandards: '依法免收费用。' } });
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft' });
    expect(v2.json().fields.scope).toBe(FULL_BOARD_FIELDS.scope);
    await w.office.request('POST', `/api/v1/enforcement-boards/${v2.json().id}/publish`, {});
    const page = (await w.office.request('GET', `/api/v1/units/${w.enforcement.id}/disclosure`)).json();
    expect(page.boards.map((b: { version: number; status: string }) => [b.version, b.status])).toEqual([[2, 'published'], [1, 'superseded']]);
  });

  it('lists the units with enforcement power that lack a current board; a unit without that power has no board', async () => {
    const w = await world();
    await publishedBoard(w.office, w.enforcement.id);
    const draftOnly = await w.office.request('POST', `/api/v1/units/${w.forestry.id}/enforcement-boards`, {});
    expect(draftOnly.statusCode).toBe(201);
    const o = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`)).json();
    expect(o.enforcementUnits.map((u: { unitName: string }) => u.unitName).sort()).toEqual(['林业站', '综合行政执法队']);
    expect(o.lackingBoard.map((u: { unitName: string; draftId: string | null }) => [u.unitName, !!u.draftId])).toEqual([['林业站', true]]);
    expect(o.governmentUnits.map((u: { unitName: string }) => u.unitName)).toContain('财政所');
    expect(o.schools.map((u: { unitName: string }) => u.unitName)).toEqual(['中心小学']);

    const refused = await w.office.request('POST', `/api/v1/units/${w.finance.id}/enforcement-boards`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('UNIT_NOT_ENFORCEMENT');
  });

  it('prints the board as an A4 portrait or A3 landscape .docx with the ten parts', async () => {
    const w = await world();
    const b = await publishedBoard(w.office, w.enforcement.id);
    for (const paper of ['A4', 'A3'] as const) {
      const res = await w.office.request('GET', `/api/v1/enforcement-boards/${b.id}/board.docx?paper=${paper}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`（第1版，${paper}）`));
      const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
      for (const label of ['执法范围', '执法依据', '执法责任', '执法分工', '办事程序', '收费标准', '违法追究程序', '服务承诺', '当事人权利', '监督措施']) expect(xml).toContain(label);
      expect(xml).toContain('当事人享有陈述、申辩');
      if (paper === 'A3') {
        expect(xml).toMatch(/w:orient="landscape"/);
        // The two columns are followed by a continuous section break, so Word balances them.
        const sections = [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
        const columns = sections.findIndex((x) => /w:cols\b[^>]*w:num="2"/.test(x));
        expect(columns).toBeGreaterThan(-1);
        expect(sections[columns + 1]).toMatch(/w:type w:val="continuous"/);
      } else expect(xml).not.toMatch(/w:orient="landscape"/);
    }
  });

  it('records that the board is up: a photo (jpg/png only) and a day between publication and today', async () => {
    const w = await world();
    const b = await publishedBoard(w.handler, w.enforcement.id);
    const today = todayInShanghai();
    const pdf = await upload(ctx.app, w.handler, `/api/v1/enforcement-boards/${b.id}/checks?checkedOn=${today}`, 'board.pdf', PDF);
    expect(pdf.statusCode).toBe(415);
    const future = await upload(ctx.app, w.handler, `/api/v1/enforcement-boards/${b.id}/checks?checkedOn=2999-01-01`, 'board.png', PNG);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('checkedOn');
    const ok = await upload(ctx.app, w.handler, `/api/v1/enforcement-boards/${b.id}/checks?checkedOn=${today}&note=${encodeURIComponent('大厅公示栏')}`, 'board-wall.png', PNG);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ checkedOn: today, note: '大厅公示栏', fileName: 'board-wall.png' });
    const photo = await w.office.request('GET', ok.json().photoUrl as string);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const o = (await w.office.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`)).json();
    expect(o.enforcementUnits.find((u: { unitId: string }) => u.unitId === w.enforcement.id).current).toMatchObject({ version: 1, lastCheckedOn: today, checks: 1 });
  });

  it('takes "today" from the clock it is given: the check day may be that day, not the day after; the record is dated by the clock', async () => {
    const w = await world();
    const b = await publishedBoard(w.handler, w.enforcement.id);
    const user = await buildUser(ctx.database.db, w.t.id, 'unit_handler', { unitId: w.enforcement.id });
    const actor = actorOf(user, { unitId: w.enforcement.id });
    const day = addDays(todayInShanghai(), 3);
    const photo = { filename: 'wall.png', kind: 'png' as const, buffer: PNG };
    const checks = async () => (await ctx.database.db.selectFrom('enforcement_board_checks').select('id').where('board_id', '=', b.id).execute()).length;
    const before = await checks();
    await expect(addCheck(ctx.database.db, actor, ctx.dataDir, b.id, { checkedOn: addDays(day, 1) }, photo, clockAt(day)))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'checkedOn' }] });
    expect(await checks()).toBe(before);
    const row = await addCheck(ctx.database.db, actor, ctx.dataDir, b.id, { checkedOn: day }, photo, clockAt(day, '03:20:00'));
    expect(row).toMatchObject({ checked_on: day, created_at: `${day}T03:20:00.000Z` });
  });
});

describe('government and school affairs disclosure (政务公开, 校务公开)', () => {
  it('a station discloses government affairs and a school school affairs; publishing needs procedures and fee standards; a village committee is refused', async () => {
    const w = await world();
    const gov = await w.office.request('POST', `/api/v1/units/${w.finance.id}/disclosures`, { procedures: '到财政所窗口办理，当场办结。' });
    expect(gov.json()).toMatchObject({ kind: 'government', status: 'draft', title: '财政所政务公开' });
    const missing = await w.office.request('POST', `/api/v1/unit-disclosures/${gov.json().id}/publish`, {});
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['feeStandards']);
    await w.office.request('PATCH', `/api/v1/unit-disclosures/${gov.json().id}`, { feeStandards: '不收费。' });
    expect((await w.office.request('POST', `/api/v1/unit-disclosures/${gov.json().id}/publish`, {})).json()).toMatchObject({ status: 'published' });
    expect((await w.office.request('PATCH', `/api/v1/unit-disclosures/${gov.json().id}`, { feeStandards: 'x' })).json().error.code).toBe('DISCLOSURE_PUBLISHED');

    const sch = await w.office.request('POST', `/api/v1/units/${w.school.id}/disclosures`, { title: '2026年秋季学期校务公开', procedures: '新生入学报名流程', feeStandards: '义务教育阶段免收学杂费' });
    expect(sch.json()).toMatchObject({ kind: 'school' });

    const committee = await ctx.database.db.selectFrom('units').select('id').where('township_id', '=', w.t.id).where('type', '=', 'village_committee').executeTakeFirstOrThrow();
    const refused = await w.office.request('POST', `/api/v1/units/${committee.id}/disclosures`, { procedures: 'x', feeStandards: 'y' });
    expect(refused.statusCode).toBe(400);
  });
});

describe('disclosure permissions', () => {
  it('a unit handler keeps only their own unit: another unit is 404 and nothing changes', async () => {
    const w = await world();
    const other = await publishedBoard(w.office, w.forestry.id);
    const before = await countRows(ctx.database.db, 'enforcement_boards', w.t.id);
    for (const [method, url, body] of [
      ['GET', `/api/v1/units/${w.forestry.id}/disclosure`, undefined],
      ['POST', `/api/v1/units/${w.forestry.id}/enforcement-boards`, {}],
      ['GET', `/api/v1/enforcement-boards/${other.id}`, undefined],
      ['PATCH', `/api/v1/enforcement-boards/${other.id}`, { fields: { scope: 'x' } }],
      ['POST', `/api/v1/enforcement-boards/${other.id}/publish`, {}],
      ['GET', `/api/v1/enforcement-boards/${other.id}/board.docx`, undefined],
      ['POST', `/api/v1/units/${w.finance.id}/disclosures`, {}],
    ] as const) {
      const res = await w.handler.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const photo = await upload(ctx.app, w.handler, `/api/v1/enforcement-boards/${other.id}/checks?checkedOn=${todayInShanghai()}`, 'p.png', PNG);
    expect(photo.statusCode).toBe(404);
    expect(await countRows(ctx.database.db, 'enforcement_boards', w.t.id)).toBe(before);
    expect(await countRows(ctx.database.db, 'unit_disclosures', w.t.id)).toBe(0);
    expect((await w.office.request('GET', `/api/v1/enforcement-boards/${other.id}`)).json().checks).toEqual([]);

    // Their own unit works, and the overview shows it alone.
    await publishedBoard(w.handler, w.enforcement.id);
    const o = (await w.handler.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`)).json();
    expect(o.enforcementUnits.map((u: { unitId: string }) => u.unitId)).toEqual([w.enforcement.id]);
    expect(o.villages).toEqual([]);
  });

  it('another township is 404 for everything and nothing changes; the presidium reads but may not change', async () => {
    const w = await world();
    const b = await publishedBoard(w.office, w.enforcement.id);
    const draft = (await w.office.request('POST', `/api/v1/units/${w.finance.id}/disclosures`, { procedures: 'a', feeStandards: 'b' })).json();
    const other = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, other.id, 'office')).username, TEST_PASSWORD);
    for (const [method, url, body] of [
      ['GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`, undefined],
      ['GET', `/api/v1/units/${w.enforcement.id}/disclosure`, undefined],
      ['POST', `/api/v1/units/${w.enforcement.id}/enforcement-boards`, {}],
      ['GET', `/api/v1/enforcement-boards/${b.id}`, undefined],
      ['DELETE', `/api/v1/enforcement-boards/${b.id}`, undefined],
      ['PATCH', `/api/v1/unit-disclosures/${draft.id}`, { procedures: 'x' }],
      ['POST', `/api/v1/unit-disclosures/${draft.id}/publish`, {}],
      ['DELETE', `/api/v1/unit-disclosures/${draft.id}`, undefined],
    ] as const) {
      expect((await outsider.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await countRows(ctx.database.db, 'enforcement_boards', w.t.id)).toBe(1);
    expect((await w.office.request('GET', `/api/v1/units/${w.finance.id}/disclosure`)).json().disclosures[0]).toMatchObject({ status: 'draft', procedures: 'a' });

    expect((await w.presidium.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`)).statusCode).toBe(200);
    expect((await w.presidium.request('GET', `/api/v1/units/${w.enforcement.id}/disclosure`)).json().canMaintain).toBe(false);
    expect((await w.presidium.request('POST', `/api/v1/units/${w.forestry.id}/enforcement-boards`, {})).statusCode).toBe(403);
    expect((await w.presidium.request('POST', `/api/v1/unit-disclosures/${draft.id}/publish`, {})).statusCode).toBe(403);
    const deputy = await login(ctx.app, (await buildUser(ctx.database.db, w.t.id, 'deputy')).username, TEST_PASSWORD);
    expect((await deputy.request('GET', `/api/v1/townships/${w.t.id}/disclosure/overview?year=${YEAR}`)).statusCode).toBe(403);
  });
});
