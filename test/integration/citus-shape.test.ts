import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { applyCitusPlan, placeTable, planCitus, planStatements } from '../../src/server/db/citus.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.js';
import { verifyAuditChains } from '../../src/server/modules/audit/audit.service.js';
import type { App } from '../../src/server/http/types.js';
import { PG_SCHEMA, TEST_DB } from '../helpers/test-db.js';
import { login } from '../helpers/test-app.js';

/**
 * `renda citus-prepare` on plain PostgreSQL: the schema it leaves obeys the rules Citus enforces
 * on distributed tables, checked from the catalogs, and the app still works on it. Citus itself
 * is not installed here, so the create_*_table calls are not run. The file uses a schema of its
 * own (the rewrite changes every key, and the demo township has a fixed code).
 */
const schema = `${PG_SCHEMA}_citus`;
const url = process.env.DATABASE_URL ?? '';
let database: Database;
let app: App;
let firstRun: string[] = [];

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

describe.runIf(TEST_DB === 'postgres')('schema rewritten for Citus (PostgreSQL)', () => {
  beforeAll(async () => {
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    database = openDatabase(url, { pgSchema: schema, poolSize: 4 });
    await migrateToLatest(database);
    firstRun = (await applyCitusPlan(database.db)).statements;
    app = await buildApp(database, { ...loadConfig(process.env), secureCookies: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (url) await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('leaves every key in the shape Citus requires', async () => {
    expect(firstRun.length).toBeGreaterThan(100);
    const db = database.db;
    const tables = (await sql<{ name: string; has_township_id: boolean }>`
      select c.relname as name, exists (select 1 from information_schema.columns k where k.table_schema = current_schema() and k.table_name = c.relname and k.column_name = 'township_id') as has_township_id
        from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(db)).rows;
    const placed = new Map(tables.map((t) => [t.name, placeTable(t.name, t.has_township_id)]));
    const distributed = [...placed.values()].filter((t) => t.placement === 'distributed');
    expect(distributed.length).toBeGreaterThan(60);
    expect(placed.get('suggestions')).toMatchObject({ placement: 'distributed', distributionColumn: 'township_id' });
    expect(placed.get('audit_log')).toMatchObject({ placement: 'distributed', distributionColumn: 'chain' });
    expect(['townships', 'county_notices', 'users', 'villages', 'units'].map((n) => placed.get(n)?.placement)).toEqual(Array(5).fill('reference'));
    expect(placed.get('sessions')?.placement).toBe('local');

    // The distribution column is NOT NULL.
    const nullable = (await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns where table_schema = current_schema()`.execute(db)).rows;
    for (const t of distributed) {
      expect(nullable.find((c) => c.table_name === t.name && c.column_name === t.distributionColumn)?.is_nullable, `${t.name}.${t.distributionColumn}`).toBe('NO');
    }

    // Every primary key and unique index (constraint or not) of a distributed table includes it.
    const uniques = (await sql<{ table_name: string; index_name: string; columns: string[] }>`
      select t.relname as table_name, c.relname as index_name,
             array(select a.attname::text from unnest(x.indkey::int2[]) u(n) join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n) as columns
        from pg_index x join pg_class c on c.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       where t.relnamespace = current_schema()::regnamespace and x.indisunique`.execute(db)).rows;
    const badUniques = uniques.filter((u) => {
      const t = placed.get(u.table_name)!;
      return t.placement === 'distributed' && !u.columns.includes(t.distributionColumn!);
    }).map((u) => `${u.table_name}.${u.index_name}`);
    expect(badUniques).toEqual([]);
    for (const t of distributed) expect(uniques.some((u) => u.table_name === t.name), `${t.name} has a primary key`).toBe(true);

    // Foreign keys: between distributed tables, the distribution column on both sides, paired;
    // none from a reference or local table to a distributed one, none from distributed to local.
    const fks = (await sql<{ name: string; table_name: string; ref_table: string; columns: string[]; ref_columns: string[] }>`
      select k.conname as name, t.relname as table_name, r.relname as ref_table,
             array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns,
             array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as ref_columns
        from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_class r on r.oid = k.confrelid
       where k.connamespace = current_schema()::regnamespace and k.contype = 'f'`.execute(db)).rows;
    expect(fks.length).toBeGreaterThan(150);
    const offenders: string[] = [];
    let betweenDistributed = 0;
    for (const fk of fks) {
      const from = placed.get(fk.table_name)!;
      const to = placed.get(fk.ref_table)!;
      if (to.placement === 'distributed') {
        if (from.placement !== 'distributed') { offenders.push(`${fk.name}: ${from.placement} → distributed`); continue; }
        betweenDistributed++;
        const at = fk.columns.indexOf(from.distributionColumn!);
        if (at < 0 || fk.ref_columns[at] !== to.distributionColumn) offenders.push(`${fk.name}: (${fk.columns.join(', ')}) → (${fk.ref_columns.join(', ')})`);
      }
      if (to.placement === 'local' && from.placement === 'distributed') offenders.push(`${fk.name}: distributed → local`);
    }
    expect(offenders).toEqual([]);
    expect(betweenDistributed).toBeGreaterThan(80);
  });

  it('plans nothing the second time, and a second run changes nothing', async () => {
    const plan = await planCitus(database.db);
    expect(plan.citus).toBe(false);
    expect(planStatements(plan)).toEqual([]);
    expect((await applyCitusPlan(database.db)).statements).toEqual([]);
  });

  it('runs the app on the rewritten schema: demo, suggestions, deputies, notices, facts, portal, audit', async () => {
    const db = database.db;
    expect(await loadDemo(db)).toBe(true);
    const t = await db.selectFrom('townships').select(['id', 'code']).where('code', '=', '999999101').executeTakeFirstOrThrow();
    const office = await login(app, 'office', DEMO_PASSWORD);
    const deputy = await login(app, 'deputy', DEMO_PASSWORD);
    const unit = await login(app, 'unit', DEMO_PASSWORD);

    // Deputies: the roster joins deputies, constituencies and groups.
    const deputies = await office.request('GET', `/api/v1/townships/${t.id}/deputies`);
    expect(deputies.statusCode).toBe(200);
    expect(deputies.json().items.length).toBeGreaterThan(5);

    // A suggestion through its workflow: signers, units, notices (insert … on conflict), replies.
    const created = await deputy.request('POST', `/api/v1/townships/${t.id}/suggestions`, {
      kind: 'suggestion', title: '关于分片部署后路灯维修的建议', content: '东山村主干道路灯损坏多盏，夜间出行不便，建议尽快修复。', raisedAt: 'between_sessions', isPublic: true,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await deputy.request('POST', `/api/v1/suggestions/${id}/submit`, {})).statusCode).toBe(200);
    expect((await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '城乡建设' })).statusCode).toBe(200);
    const unitId = (await db.selectFrom('units').select('id').where('township_id', '=', t.id).where('name', '=', '村镇建设办公室').executeTakeFirstOrThrow()).id;
    const assigned = await office.request('POST', `/api/v1/suggestions/${id}/assign`, { leadUnitId: unitId, coUnitIds: [], assignedOn: '2026-03-10' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ state: 'assigned', leadUnitName: '村镇建设办公室' });
    expect(await db.selectFrom('notifications').select('id').where('suggestion_id', '=', id).execute()).not.toHaveLength(0);
    expect((await unit.request('POST', `/api/v1/suggestions/${id}/contacts`, { method: 'phone', note: '电话联系代表' })).statusCode).toBe(200);
    const replied = await unit.request('POST', `/api/v1/suggestions/${id}/reply`, { grade: 'A', content: '已更换损坏路灯12盏。' });
    expect(replied.statusCode).toBe(200);
    expect((await office.request('GET', `/api/v1/townships/${t.id}/suggestions?search=${encodeURIComponent('路灯')}`)).json().total).toBeGreaterThan(0);

    // The year facts: one grouped query per module over the tenant tables.
    const facts = await office.request('GET', `/api/v1/reports/facts?year=2025`);
    expect(facts.statusCode).toBe(200);

    // The portal counts an article's view once per visitor and day (insert … on conflict).
    const article = await db.selectFrom('articles').select('id').where('township_id', '=', t.id).where('status', '=', 'published').executeTakeFirstOrThrow();
    const view = () => app.inject({ method: 'GET', url: `/t/${t.code}/a/${article.id}`, headers: { 'user-agent': 'Mozilla/5.0 citus-test' } });
    expect((await view()).statusCode).toBe(200);
    expect((await view()).statusCode).toBe(200);
    expect(await db.selectFrom('article_views').select('article_id').where('article_id', '=', article.id).execute()).toHaveLength(1);

    // The county admin (no township: users and sessions are not distributed) sees the county.
    const county = await login(app, 'county', DEMO_PASSWORD);
    expect((await county.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);

    // The audit trail, distributed by chain: a township chain and the system chain, intact.
    const audit = await office.request('GET', `/api/v1/townships/${t.id}/audit`);
    expect(audit.statusCode).toBe(200);
    const verified = await verifyAuditChains(db);
    expect(verified.breaks).toEqual([]);
    expect(verified.chains).toBeGreaterThan(1);

    // A composite key keeps a row from pointing at another township's row.
    const now = new Date().toISOString();
    await db.insertInto('townships').values({
      id: 'citus-other', code: '999999802', name: '分片镇', county_code: '999999', county_name: '示例县', city_name: '示例市', province_name: '示例省',
      is_demo: false, settings_json: '{}', created_at: now, updated_at: now, archived_at: null,
    }).execute();
    await db.insertInto('deputy_groups').values({ id: 'citus-group', township_id: 'citus-other', name: '第一组', leader_deputy_id: null, created_at: now, updated_at: now, archived_at: null }).execute();
    const someDeputy = await db.selectFrom('deputies').select('id').where('township_id', '=', t.id).executeTakeFirstOrThrow();
    await expect(db.updateTable('deputies').set({ group_id: 'citus-group' }).where('id', '=', someDeputy.id).execute()).rejects.toThrow(/foreign key/);
  });
});
