import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateTo, migrateToLatest } from '../../src/server/db/migrate.js';
import { isSealed, openPersonal, personalCodec, personalIndex } from '../../src/server/security/personal-data.js';
import { rekeyPersonalData } from '../../src/server/security/rekey.js';
import { buildDeputy, deputyInput } from '../helpers/deputy-factories.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createTestContext, login, upload, type TestContext } from '../helpers/test-app.js';
import { PG_SCHEMA, TEST_DB } from '../helpers/test-db.js';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function officeOf(townshipId: string) {
  const u = await buildUser(ctx.database.db, townshipId, 'office');
  return login(ctx.app, u.username, TEST_PASSWORD);
}

/** Every stored text of a table row, joined: what someone with a copy of the database would read. */
async function rawRow(table: 'deputies' | 'resident_opinions', id: string): Promise<string> {
  const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(ctx.database.db);
  return JSON.stringify(r.rows[0]);
}

async function allAuditText(townshipId: string): Promise<string> {
  const rows = await ctx.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('township_id', '=', townshipId).execute();
  return JSON.stringify(rows);
}

describe('personal information at rest (个人信息保护法)', () => {
  it('stores a deputy’s 身份证号 and phone sealed, with a keyed index; the API shows them masked; the audit trail holds neither', async () => {
    const t = await buildTownship(ctx.database.db);
    const s = await officeOf(t.id);
    const input = deputyInput({ phone: '13812345678' });
    const created = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, input);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const raw = await rawRow('deputies', id);
    expect(raw).not.toContain(input.idNumber);
    expect(raw).not.toContain(input.idNumber.slice(6, 14)); // not even the birth-date part
    expect(raw).not.toContain('13812345678');
    const row = await ctx.database.db.selectFrom('deputies').select(['id_number', 'id_number_index', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(isSealed(row.id_number) && isSealed(row.phone!)).toBe(true);
    expect(openPersonal(row.id_number)).toBe(input.idNumber);
    expect(row.id_number_index).toBe(personalIndex(input.idNumber));
    // Masked in every read of the API.
    const body = JSON.stringify([created.json(), (await s.request('GET', `/api/v1/deputies/${id}`)).json(), (await s.request('GET', `/api/v1/townships/${t.id}/deputies`)).json()]);
    expect(body).not.toContain(input.idNumber);
    expect(body).not.toContain('13812345678');
    expect(created.json().phoneMasked).toBe('138****5678');
    // An update of the phone keeps it sealed, and the audit rows of create and update say only that it changed.
    expect((await s.request('PATCH', `/api/v1/deputies/${id}`, { phone: '13987654321' })).statusCode).toBe(200);
    expect(await rawRow('deputies', id)).not.toContain('13987654321');
    const audit = await allAuditText(t.id);
    expect(audit).toContain('[personal]');
    for (const plain of [input.idNumber, '13812345678', '13987654321']) expect(audit).not.toContain(plain);
  });

  it('reveals the full numbers only through the audited endpoint: office 200 with an audit row, presidium 403, another township 404', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const d = await buildDeputy(db, t.id, { phone: '13900002222' });
    const office = await officeOf(t.id);
    const res = await office.request('POST', `/api/v1/deputies/${d.id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: d.id_number, phone: '13900002222' });
    const audit = await db.selectFrom('audit_log').select(['actor_id', 'after_json']).where('entity_id', '=', d.id).where('action', '=', 'deputy.reveal_personal').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).not.toContain('13900002222');
    const presidium = await buildUser(db, t.id, 'presidium');
    const p = await login(ctx.app, presidium.username, TEST_PASSWORD);
    expect((await p.request('POST', `/api/v1/deputies/${d.id}/reveal`)).statusCode).toBe(403);
    // The roster export (full numbers) is the office's and audited; presidium 403.
    expect((await p.request('GET', `/api/v1/townships/${t.id}/deputies/export`)).statusCode).toBe(403);
    const exported = await office.request('GET', `/api/v1/townships/${t.id}/deputies/export`);
    expect(exported.statusCode).toBe(200);
    expect(await db.selectFrom('audit_log').select('id').where('township_id', '=', t.id).where('action', '=', 'deputy.export').execute()).toHaveLength(1);
    // The office of another township: 404, and no audit row written.
    const other = await buildTownship(db);
    const stranger = await officeOf(other.id);
    expect((await stranger.request('POST', `/api/v1/deputies/${d.id}/reveal`)).statusCode).toBe(404);
    expect(await db.selectFrom('audit_log').select('id').where('entity_id', '=', d.id).where('action', '=', 'deputy.reveal_personal').execute()).toHaveLength(1);
  });

  it('finds duplicates by the index: the API (409), an import against the roster, and the unique index itself', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const s = await officeOf(t.id);
    const input = deputyInput();
    expect((await s.request('POST', `/api/v1/townships/${t.id}/deputies`, input)).statusCode).toBe(201);
    // The same number typed with a lower-case x or spaces is the same person.
    const dup = await s.request('POST', `/api/v1/townships/${t.id}/deputies`, { ...input, name: '另一人', idNumber: ` ${input.idNumber.toLowerCase()} ` });
    expect(dup.statusCode).toBe(409);
    // An import naming the same 身份证号 is refused at that row.
    const template = (await s.request('GET', `/api/v1/townships/${t.id}/deputies/import-template`)).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('代表名册')!;
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((c, n) => cols.set(String(c.value).replace(/\*$/, ''), n));
    const cells: Record<string, string> = {
      姓名: '重复代表', 性别: input.gender === 'male' ? '男' : '女', 民族: '汉族', 出生日期: input.birthDate, 身份证号: input.idNumber, 政治面貌: '群众',
      文化程度: '高中', 职业类别: input.occupation, 代表层级: '镇人大代表', 届次: String(input.termNumber), 联系电话: '13800001111', 任期开始: input.mandateStart, 在政府任职: '否',
    };
    for (const [k, v] of Object.entries(cells)) ws.getCell(2, cols.get(k)!).value = v;
    const check = await upload(ctx.app, s, `/api/v1/townships/${t.id}/deputies/import/check`, 'a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(check.statusCode).toBe(200);
    expect(check.json().problems).toEqual([expect.objectContaining({ row: 2, column: '身份证号', reason: expect.stringContaining('已有该身份证号') })]);
    // Even a write that skipped the service check is refused by the unique index on the index column.
    const existing = await db.selectFrom('deputies').selectAll().where('township_id', '=', t.id).executeTakeFirstOrThrow();
    await expect(db.insertInto('deputies').values({ ...existing, id: 'dup-' + existing.id }).execute()).rejects.toThrow();
  });

  it('stores a resident’s phone of an opinion sealed', async () => {
    // Covered in depth by duty-activities and portal-opinions; here: the raw row of a direct opinion.
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const s = await officeOf(t.id);
    const d = await buildDeputy(db, t.id);
    const res = await s.request('POST', `/api/v1/townships/${t.id}/resident-opinions`, { content: '村道破损需要修补', residentName: '王大妈', residentPhone: '13612345678', deputyId: d.id, receivedOn: '2026-05-01' });
    expect(res.statusCode).toBe(201);
    const row = await db.selectFrom('resident_opinions').select('id').where('township_id', '=', t.id).executeTakeFirstOrThrow();
    expect(await rawRow('resident_opinions', row.id)).not.toContain('13612345678');
    const reveal = await s.request('POST', `/api/v1/resident-opinions/${row.id}/reveal-contact`);
    expect(reveal.json().phone).toBe('13612345678');
  });
});

/** A database of the test's own (its own PostgreSQL schema): for runs that touch every row. */
async function privateDatabase(name: string): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (TEST_DB === 'postgres') {
    const schema = `${PG_SCHEMA}_${name}`;
    const admin = openDatabase(process.env.DATABASE_URL!);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const database = openDatabase(process.env.DATABASE_URL!, { pgSchema: schema, poolSize: 2 });
    return { database, cleanup: async () => { await database.close(); await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db); await admin.close(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `renda-${name}-`));
  const database = openDatabase(`sqlite:${path.join(dir, 'm.sqlite')}`);
  return { database, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

describe('key rotation (renda rekey)', () => {
  it('re-seals every value under the new key and recomputes the index; a wrong old key changes nothing', async () => {
    const { database, cleanup } = await privateDatabase('rekey');
    try {
      await migrateToLatest(database);
      const db = database.db;
      const t = await buildTownship(db);
      const d = await buildDeputy(db, t.id, { phone: '13512345678' });
      const oldKey = process.env.RENDA_DATA_KEY!;
      const newKey = 'a'.repeat(64);
      const before = await db.selectFrom('deputies').select(['id_number', 'id_number_index', 'phone']).where('id', '=', d.id).executeTakeFirstOrThrow();
      await expect(rekeyPersonalData(db, 'b'.repeat(64), newKey)).rejects.toThrow();
      expect(await db.selectFrom('deputies').select(['id_number', 'id_number_index', 'phone']).where('id', '=', d.id).executeTakeFirstOrThrow()).toEqual(before);
      const results = await rekeyPersonalData(db, oldKey, newKey);
      expect(results).toEqual(expect.arrayContaining([{ table: 'deputies', column: 'id_number', rows: 1 }, { table: 'deputies', column: 'phone', rows: 1 }]));
      const after = await db.selectFrom('deputies').select(['id_number', 'id_number_index', 'phone']).where('id', '=', d.id).executeTakeFirstOrThrow();
      const codec = personalCodec(newKey);
      expect(codec.open(after.id_number)).toBe(d.id_number);
      expect(codec.open(after.phone!)).toBe('13512345678');
      expect(after.id_number_index).toBe(codec.index(d.id_number));
      expect(after.id_number_index).not.toBe(before.id_number_index);
      expect(() => openPersonal(after.id_number)).toThrow();
    } finally {
      await cleanup();
    }
  });
});

describe('migration 0011 seals what was stored in plain text', () => {
  it('seals deputies’ numbers and residents’ phones in place, fills the index and keeps uniqueness', async () => {
    const { database, cleanup } = await privateDatabase('m11');
    try {
      await migrateTo(database, '20261129_0010_portal_articles');
      const db = database.db;
      const now = '2026-01-01T00:00:00.000Z';
      const t = await buildTownship(db);
      const idNumber = generateResidentId('110101', '1975-03-04', 12, 'male');
      const plain = {
        id: 'd-plain', township_id: t.id, level: 'township', term_number: 14, name: '旧数据代表', gender: 'male', ethnicity: '汉族', birth_date: '1975-03-04',
        id_number: idNumber, party: '群众', education: '高中', occupation: '农民', workplace: null, constituency_id: null, group_id: null, phone: '13711112222',
        mandate_start: '2021-12-30', mandate_end: null, end_reason: null, has_government_post: false, user_id: null, created_at: now, updated_at: now,
      };
      await sql`insert into deputies ${sql.raw('(' + Object.keys(plain).join(', ') + ')')} values (${sql.join(Object.values(plain))})`.execute(db);
      await sql`insert into resident_opinions (id, township_id, year, ref_no, source, activity_id, deputy_id, received_on, content, village_id, category, resident_name, resident_phone, consolidation_id, closed_note, closed_at, created_by, created_at, updated_at)
        values ('o-plain', ${t.id}, 2026, 'MQ-OLD-1', 'direct', null, 'd-plain', '2026-01-01', '旧意见', null, null, '张三', '13633334444', null, null, null, null, ${now}, ${now})`.execute(db);
      await migrateToLatest(database);
      const d = await db.selectFrom('deputies').select(['id_number', 'id_number_index', 'phone']).where('id', '=', 'd-plain').executeTakeFirstOrThrow();
      expect(d.id_number).not.toContain(idNumber);
      expect(openPersonal(d.id_number)).toBe(idNumber);
      expect(openPersonal(d.phone!)).toBe('13711112222');
      expect(d.id_number_index).toBe(personalIndex(idNumber));
      const o = await db.selectFrom('resident_opinions').select('resident_phone').where('id', '=', 'o-plain').executeTakeFirstOrThrow();
      expect(openPersonal(o.resident_phone!)).toBe('13633334444');
      const row = await db.selectFrom('deputies').selectAll().where('id', '=', 'd-plain').executeTakeFirstOrThrow();
      await expect(db.insertInto('deputies').values({ ...row, id: 'd-copy' }).execute()).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });
});
