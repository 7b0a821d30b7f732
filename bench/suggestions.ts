import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { replyDueDate } from '../src/domain/deadlines.js';
import { searchDocument } from '../src/domain/search-text.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { newId } from '../src/server/ids.js';
import { listSuggestions, type SuggestionFilter, type SuggestionScope } from '../src/server/modules/suggestions/suggestions.repository.js';

/**
 * Synthetic suggestions at scale: `n` rows over 10 years and 50 townships (a large county's
 * decade, or a province's year), inserted straight through the driver (prepared statements in
 * big transactions, not the service), then timed through the repository function the API uses.
 */

const VILLAGES = ['东山村', '西河村', '南岭村', '北坡村', '青石村', '柳树湾村', '石桥村', '杏花村', '新民社区', '红旗社区',
  '李家庄', '王家坝', '张家湾', '桃园村', '梅林村', '黄土岭村', '白沙村', '长乐村', '永安村', '和平社区'];
/** Issue templates: title phrase, the problem, what is asked, the category. */
const ISSUES: [string, string, string, string][] = [
  ['增设主干道路灯', '主干道夜间没有照明，群众出行存在安全隐患', '增设太阳能路灯并定期维护', '城乡建设'],
  ['硬化通村道路', '通村道路为泥土路，雨天泥泞难行', '将道路硬化并拓宽会车点', '交通'],
  ['解决饮水安全问题', '自来水水压不足，夏季经常停水', '改造供水管网，新建蓄水池', '城乡建设'],
  ['修缮小学校舍', '小学教学楼屋顶漏雨，墙体开裂', '安排资金维修校舍并加固围墙', '教育'],
  ['整治河道环境', '河道淤积，垃圾漂浮，汛期排水不畅', '清淤疏浚，设置垃圾拦截设施', '生态环境'],
  ['增设垃圾分类收集点', '生活垃圾随意堆放，气味难闻', '增设分类收集点并落实清运', '生态环境'],
  ['规范集市交通秩序', '集市日车辆乱停乱放，道路拥堵', '划定停车区域并安排人员疏导', '交通'],
  ['提高农村养老服务水平', '留守老人多，日间照料中心服务少', '扩大日间照料中心服务范围', '民生保障'],
  ['加强卫生室建设', '村卫生室药品不全，医生不足', '配齐常用药品，定期派驻医生', '卫生健康'],
  ['完善农田灌溉设施', '灌溉渠道老化渗漏，农田缺水', '修复渠道，新建提灌站', '农业农村'],
  ['改善农村客运班线', '客运班车班次少，群众出行不便', '增加班次并延长运营时间', '交通'],
  ['加快宽带网络覆盖', '山区网络信号弱，宽带未通', '建设通信基站，推进光纤入户', '城乡建设'],
  ['治理农村污水直排', '生活污水直排河沟，水体发黑', '建设污水处理设施和收集管网', '生态环境'],
  ['扶持特色产业发展', '茶叶加工能力弱，销路不畅', '扶持建设加工厂，拓展电商销售', '经济发展'],
  ['加强校园周边安全', '学校门口车流量大，学生上下学危险', '设置减速带和护学岗', '教育'],
  ['修建村民文化广场', '缺少文体活动场所，群众活动不便', '修建文化广场并配置健身器材', '文化体育'],
  ['整修危旧桥梁', '村口桥梁年久失修，桥面破损', '尽快检测加固或重建桥梁', '交通'],
  ['加强食品安全监管', '流动摊贩食品卫生状况差', '加强检查，规范摊点经营', '市场监管'],
  ['推进农村电网改造', '用电高峰电压不稳，经常跳闸', '更换变压器，改造低压线路', '城乡建设'],
  ['完善防汛排涝设施', '低洼地带雨季积水，房屋进水', '疏通排水沟，建设排涝泵站', '应急管理'],
];
const IMPACTS = ['群众反映强烈', '影响群众生产生活', '存在安全隐患', '多次向代表反映', '亟需解决'];
const STATES_PAST = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'replied', 'returned', 'withdrawn'] as const;
const STATES_NOW = ['submitted', 'registered', 'assigned', 'assigned', 'assigned', 'replied', 're_handling', 'closed', 'closed', 'returned'] as const;
const GRADES = ['A', 'B', 'C', 'D'] as const;
const FEEDBACK = ['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const;

export const SUGGESTION_COLUMNS = [
  'id', 'township_id', 'year', 'seq', 'ref_no', 'kind', 'title', 'content', 'category', 'raised_at', 'session_id', 'motion_id', 'author_deputy_id',
  'state', 'is_public', 'is_difficult', 'submitted_at', 'registered_at', 'return_reason', 'assigned_on', 'round', 'reply_due_on', 'lead_unit_id',
  'grade', 'replied_on', 'feedback', 'closed_at', 'implementation', 'implemented_on', 'overdue_flagged_due', 'overdue_flagged_at', 'created_by',
  'created_at', 'updated_at', 'search_text',
] as const;

/** A small deterministic PRNG, so every run generates the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface World {
  townships: { id: string; units: string[]; deputies: string[] }[];
  firstYear: number;
  lastYear: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The township, unit and deputy rows (as column → value maps) and the world they make. */
function worldRows(townships: number, lastYear: number): { world: World; tables: Record<string, Record<string, unknown>[]> } {
  const now = new Date().toISOString();
  const tables: Record<string, Record<string, unknown>[]> = { townships: [], units: [], deputies: [] };
  const world: World = { townships: [], firstYear: lastYear - 9, lastYear };
  for (let t = 0; t < townships; t++) {
    const id = newId();
    tables.townships!.push({ id, code: `9${String(80000000 + t)}`, name: `基准${t + 1}镇`, county_code: '990000', county_name: '基准县', city_name: '基准市', province_name: '基准省', is_demo: 0, settings_json: '{}', created_at: now, updated_at: now });
    const units: string[] = [];
    const deputies: string[] = [];
    for (let u = 0; u < 20; u++) {
      const uid = newId();
      units.push(uid);
      tables.units!.push({ id: uid, township_id: id, name: `承办单位${u + 1}`, type: 'gov_department', has_enforcement_power: 0, created_at: now, updated_at: now });
    }
    for (let d = 0; d < 60; d++) {
      const did = newId();
      deputies.push(did);
      tables.deputies!.push({
        id: did, township_id: id, level: 'township', term_number: 14, name: `代表${t}-${d}`, gender: d % 2 ? 'male' : 'female', ethnicity: '汉族', birth_date: '1975-01-01',
        id_number: `99${String(t).padStart(3, '0')}${String(d).padStart(13, '0')}`, party: '群众', education: '高中', occupation: '农民', mandate_start: `${lastYear - 9}-01-01`,
        has_government_post: 0, created_at: now, updated_at: now,
      });
    }
    world.townships.push({ id, units, deputies });
  }
  return { world, tables };
}

/** The suggestion rows, one at a time (values in SUGGESTION_COLUMNS order). */
function* suggestionRows(world: World, n: number): Generator<unknown[]> {
  const rand = rng(20261128);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const years = world.lastYear - world.firstYear + 1;
  const perCell = Math.ceil(n / (world.townships.length * years));
  const searchCache = new Map<string, string>();
  let made = 0;
  for (const t of world.townships) {
    for (let y = world.firstYear; y <= world.lastYear && made < n; y++) {
      for (let seq = 1; seq <= perCell && made < n; seq++, made++) {
        const village = pick(VILLAGES);
        const [what, problem, ask, category] = pick(ISSUES);
        const impact = pick(IMPACTS);
        const title = `关于${village}${what}的建议`;
        const content = `${village}${problem}，${impact}。建议${ask}，切实解决群众急难愁盼问题。`;
        const key = `${title}|${content}`;
        let searchText = searchCache.get(key);
        if (searchText === undefined) searchCache.set(key, (searchText = searchDocument(title, content)));
        const state = pick(y === world.lastYear ? STATES_NOW : STATES_PAST);
        const month = 1 + Math.floor(rand() * 9);
        const day = 1 + Math.floor(rand() * 28);
        const submittedOn = `${y}-${pad(month)}-${pad(day)}`;
        const registered = !['submitted', 'returned', 'withdrawn'].includes(state);
        const assigned = registered && state !== 'registered';
        const assignedOn = assigned ? `${y}-${pad(Math.min(12, month + 1))}-${pad(day)}` : null;
        const due = assignedOn ? replyDueDate(assignedOn) : null;
        const replied = ['replied', 're_handling', 'closed'].includes(state);
        const grade = replied ? pick(GRADES) : null;
        const feedback = state === 'closed' ? pick(FEEDBACK.slice(0, 3)) : state === 're_handling' ? 'dissatisfied' : null;
        const at = `${submittedOn}T02:00:00.000Z`;
        yield [
          newId(), t.id, y, seq, `${y}-${String(seq).padStart(3, '0')}`, seq % 25 === 0 ? 'opinion' : seq % 13 === 0 ? 'criticism' : 'suggestion', title, content,
          registered ? category : null, month <= 3 ? 'session' : 'between_sessions', null, null, pick(t.deputies), state, rand() < 0.6 ? 1 : 0, 0, at,
          registered ? at : null, state === 'returned' ? '不属于本级职权范围' : null, assignedOn, state === 're_handling' ? 2 : assigned ? 1 : 0, due,
          assigned ? pick(t.units) : null, grade, replied ? due : null, feedback, state === 'closed' ? at : null,
          grade === 'A' ? 'implemented' : grade === 'B' || grade === 'C' ? 'pending' : 'not_applicable', grade === 'A' ? due : null, null, null, 'bench',
          at, at, searchText,
        ];
      }
    }
  }
}

export interface Timing { p50: number; p95: number; runs: number }

function percentiles(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95), runs: s.length };
}

/** Times the two queries through the repository function the API calls (office scope). */
async function measure(database: Database, world: World, runs: number): Promise<{ list: Timing; search: Timing; listRows: number; searchRows: number }> {
  const rand = rng(7);
  const scopeOf = (townshipId: string): SuggestionScope => ({ townshipIds: [townshipId], visibility: 'all', userId: 'bench-office', deputyIds: [], unitId: null });
  const words = ['路灯', '自来水', '校舍', '垃圾分类', '污水', '宽带', '桥梁', '灌溉', '客运班车', '养老'];
  const time = async (make: () => [string, SuggestionFilter]) => {
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs + 20; i++) {
      const [tid, filter] = make();
      const started = performance.now();
      const r = await listSuggestions(database.db, tid, scopeOf(tid), filter);
      if (i >= 20) ms.push(performance.now() - started);
      rows += r.rows.length;
    }
    return { timing: percentiles(ms), rows };
  };
  const townshipOf = () => world.townships[Math.floor(rand() * world.townships.length)]!.id;
  const list = await time(() => [townshipOf(), {
    year: world.firstYear + Math.floor(rand() * (world.lastYear - world.firstYear + 1)), states: ['closed'], limit: 20, offset: 20,
  }]);
  const search = await time(() => [townshipOf(), { search: words[Math.floor(rand() * words.length)]!, limit: 20, offset: 0 }]);
  return { list: list.timing, search: search.timing, listRows: list.rows / (runs + 20), searchRows: search.rows / (runs + 20) };
}

export interface SuggestionBenchResult {
  dialect: 'sqlite' | 'postgres';
  rows: number;
  townships: number;
  years: number;
  generateMs: number;
  list: Timing;
  search: Timing;
  dbBytes?: number;
}

/** 1,000,000 suggestions in one SQLite file, inserted through better-sqlite3, then timed. */
export async function benchSuggestionsSqlite(n = 1_000_000, runs = 200): Promise<SuggestionBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renda-bench-sugg-'));
  const file = path.join(dir, 'bench.sqlite');
  try {
    const migrated = openDatabase(`sqlite:${file}`);
    await migrateToLatest(migrated);
    await migrated.close();
    const lastYear = new Date().getFullYear();
    const { world, tables } = worldRows(50, lastYear);
    const started = performance.now();
    const raw = new SQLite(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    raw.pragma('foreign_keys = OFF');
    raw.pragma('cache_size = -262144');
    for (const [table, rows] of Object.entries(tables)) {
      const cols = Object.keys(rows[0]!);
      const stmt = raw.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
      raw.transaction(() => { for (const r of rows) stmt.run(cols.map((c) => r[c] ?? null)); })();
    }
    const stmt = raw.prepare(`insert into suggestions (${SUGGESTION_COLUMNS.join(', ')}) values (${SUGGESTION_COLUMNS.map(() => '?').join(', ')})`);
    let batch: unknown[][] = [];
    const flush = raw.transaction((rows: unknown[][]) => { for (const r of rows) stmt.run(r); });
    for (const row of suggestionRows(world, n)) {
      batch.push(row);
      if (batch.length === 50_000) { flush(batch); batch = []; }
    }
    flush(batch);
    raw.pragma('optimize');
    raw.exec('analyze');
    raw.close();
    const generateMs = performance.now() - started;
    const database = openDatabase(`sqlite:${file}`);
    try {
      const m = await measure(database, world, runs);
      return { dialect: 'sqlite', rows: n, townships: 50, years: 10, generateMs, list: m.list, search: m.search, dbBytes: fs.statSync(file).size };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on PostgreSQL (DATABASE_URL's server), in a database of its own dropped afterwards. */
export async function benchSuggestionsPostgres(url: string, n: number, runs = 200): Promise<SuggestionBenchResult> {
  const name = `renda_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  url = benchUrl.toString();
  try {
    const migrated = openDatabase(url, { poolSize: 2 });
    await migrateToLatest(migrated);
    await migrated.close();
    const { world, tables } = worldRows(50, new Date().getFullYear());
    const started = performance.now();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const bool = new Set(['is_demo', 'has_enforcement_power', 'has_government_post', 'is_public', 'is_difficult']);
      const insert = async (table: string, cols: readonly string[], rows: unknown[][]) => {
        const params: unknown[] = [];
        const values = rows.map((r) => `(${r.map((v, i) => { params.push(bool.has(cols[i]!) ? v === 1 : v); return `$${params.length}`; }).join(',')})`);
        await client.query(`insert into ${table} (${cols.join(',')}) values ${values.join(',')}`, params);
      };
      await client.query('begin');
      for (const [table, rows] of Object.entries(tables)) {
        const cols = Object.keys(rows[0]!);
        for (let i = 0; i < rows.length; i += 500) await insert(table, cols, rows.slice(i, i + 500).map((r) => cols.map((c) => r[c] ?? null)));
      }
      let batch: unknown[][] = [];
      for (const row of suggestionRows(world, n)) {
        batch.push(row);
        if (batch.length === 1000) { await insert('suggestions', SUGGESTION_COLUMNS, batch); batch = []; }
      }
      if (batch.length) await insert('suggestions', SUGGESTION_COLUMNS, batch);
      await client.query('commit');
      await client.query('analyze');
    } finally {
      await client.end();
    }
    const generateMs = performance.now() - started;
    const database = openDatabase(url, { poolSize: 2 });
    try {
      const m = await measure(database, world, runs);
      return { dialect: 'postgres', rows: n, townships: 50, years: 10, generateMs, list: m.list, search: m.search };
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

// `npx tsx bench/suggestions.ts [n]`: this benchmark alone.
if (process.argv[1]?.endsWith('suggestions.ts')) {
  const n = Number(process.argv[2] ?? 1_000_000);
  console.log(JSON.stringify(await benchSuggestionsSqlite(n), null, 1));
  if (process.env.DATABASE_URL) console.log(JSON.stringify(await benchSuggestionsPostgres(process.env.DATABASE_URL, Number(process.argv[3] ?? 100_000)), null, 1));
}
