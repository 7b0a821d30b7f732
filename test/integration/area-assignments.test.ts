import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/due-dates.js';
import { systemActor } from '../../src/server/auth/actor.js';
import { deputiesFactsProvider, yearEndInstant } from '../../src/server/modules/deputies/deputies.facts.js';
import { electPresidium } from '../../src/server/modules/deputies/structure.service.js';
import type { Fact } from '../../src/server/modules/reports/facts.types.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { buildDeputies } from '../helpers/session-factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

/**
 * 分片挂点 with history: replacing a leader's assignments ends what changed and keeps what did
 * not; the page reads the current set; a year's facts read the set in force at the end of that
 * year. Boundary: the end of year Y is the first instant of Y+1 in Asia/Shanghai; a row is in
 * force at instant t when created_at <= t < ended_at, so a row ended exactly at the year's end
 * does not count for that year and one created exactly then does.
 */
let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const thisYear = Number(todayInShanghai().slice(0, 4));
const lastYear = thisYear - 1;
const termStart = `${lastYear - 3}-01-10T01:00:00.000Z`;

interface Area { leaderDeputyId: string; villageIds: string[]; deputyIds: string[] }
interface AssignmentRow { leader: string; position: string; villages: string; deputies: number }

async function setup() {
  const db = ctx.database.db;
  const t = await buildTownship(db, { villages: 3 });
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).orderBy('code').execute();
  const ds = await buildDeputies(db, t.id, 12);
  await electPresidium(db, { ...systemActor('test'), townshipId: t.id }, t.id, {
    termNumber: 14, sessionLabel: '第十四届人民代表大会第一次会议', electedOn: `${lastYear - 3}-01-05`,
    members: ds.slice(0, 5).map((d, i) => ({ deputyId: d.id, position: i === 0 ? 'chair' as const : i < 3 ? 'vice_chair' as const : 'member' as const })),
  });
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  return { t, villages, ds, office, chair: ds[0]!, vice: ds[1]! };
}

function put(s: Session, townshipId: string, leaderId: string, body: { villageIds: string[]; deputyIds: string[] }) {
  return s.request('PUT', `/api/v1/townships/${townshipId}/area-assignments/${leaderId}`, body);
}

async function facts(townshipId: string, year: number): Promise<Map<string, Fact>> {
  return new Map((await deputiesFactsProvider.collect(ctx.database.db, townshipId, year)).map((f) => [f.key, f]));
}

function rowsOf(f: Map<string, Fact>): AssignmentRow[] {
  return f.get('presidium.assignments')!.value as unknown as AssignmentRow[];
}

async function rowsOfTownship(townshipId: string) {
  return ctx.database.db.selectFrom('area_assignments').selectAll().where('township_id', '=', townshipId).orderBy('created_at').orderBy('id').execute();
}

describe('area assignments with history (分片挂点)', () => {
  it('ends only what changed; the page lists the current set; last year\u2019s facts and duty record keep the old set, this year\u2019s show the new', async () => {
    const db = ctx.database.db;
    const { t, villages, ds, office, chair, vice } = await setup();
    const [v0, v1, v2] = villages as [typeof villages[0], typeof villages[0], typeof villages[0]];
    expect((await put(office, t.id, chair.id, { villageIds: [v0.id, v1.id], deputyIds: [ds[5]!.id] })).statusCode).toBe(200);
    expect((await put(office, t.id, vice.id, { villageIds: [v2.id], deputyIds: [] })).statusCode).toBe(200);
    // As if made at the start of the term.
    await db.updateTable('area_assignments').set({ created_at: termStart }).where('township_id', '=', t.id).execute();
    const before = await rowsOfTownship(t.id);
    expect(before).toHaveLength(4);
    expect(before.every((r) => r.ended_at === null)).toBe(true);

    // This year v1 moves from the chair to the vice-chair, and the chair takes one more deputy.
    const res = await put(office, t.id, chair.id, { villageIds: [v0.id], deputyIds: [ds[5]!.id, ds[6]!.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ leaderDeputyId: chair.id, villageIds: [v0.id], deputyIds: [ds[5]!.id, ds[6]!.id] });
    expect((await put(office, t.id, vice.id, { villageIds: [v2.id, v1.id], deputyIds: [] })).statusCode).toBe(200);
    // Putting the same set again changes nothing.
    expect((await put(office, t.id, vice.id, { villageIds: [v2.id, v1.id, v1.id], deputyIds: [] })).statusCode).toBe(200);

    const after = await rowsOfTownship(t.id);
    expect(after).toHaveLength(6);
    const byId = new Map(after.map((r) => [r.id, r]));
    const oldChairV0 = before.find((r) => r.leader_deputy_id === chair.id && r.village_id === v0.id)!;
    const oldChairV1 = before.find((r) => r.leader_deputy_id === chair.id && r.village_id === v1.id)!;
    const oldChairD5 = before.find((r) => r.leader_deputy_id === chair.id && r.deputy_id === ds[5]!.id)!;
    const oldViceV2 = before.find((r) => r.leader_deputy_id === vice.id && r.village_id === v2.id)!;
    // Unchanged rows keep their id, their start and stay current.
    for (const kept of [oldChairV0, oldChairD5, oldViceV2]) expect(byId.get(kept.id)).toMatchObject({ created_at: termStart, ended_at: null });
    // The village that moved is ended on the chair and starts anew on the vice-chair.
    const ended = byId.get(oldChairV1.id)!;
    expect(ended.ended_at).not.toBeNull();
    expect(ended.ended_at!.slice(0, 4)).toBe(String(thisYear));
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => [r.leader_deputy_id, r.village_id ?? r.deputy_id]).sort()).toEqual([[chair.id, ds[6]!.id], [vice.id, v1.id]].sort());
    expect(added.every((r) => r.ended_at === null && r.created_at > termStart)).toBe(true);

    // The page: current rows only.
    const list = await office.request('GET', `/api/v1/townships/${t.id}/area-assignments`);
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: Area[] }).items;
    expect(items.find((a) => a.leaderDeputyId === chair.id)).toEqual({ leaderDeputyId: chair.id, villageIds: [v0.id], deputyIds: [ds[5]!.id, ds[6]!.id] });
    expect(items.find((a) => a.leaderDeputyId === vice.id)).toEqual({ leaderDeputyId: vice.id, villageIds: [v2.id, v1.id], deputyIds: [] });

    // Last year's facts: the set in force at its end, with the rows used.
    const old = await facts(t.id, lastYear);
    expect(rowsOf(old)).toEqual([
      { leader: chair.name, position: '主席', villages: `${v0.name}、${v1.name}`, deputies: 1 },
      { leader: vice.name, position: '副主席', villages: v2.name, deputies: 0 },
    ]);
    expect(old.get('presidium.assignmentCount')!.value).toBe(3);
    expect([...old.get('presidium.assignments')!.records!.ids].sort()).toEqual(before.map((r) => r.id).sort());
    expect([...old.get('presidium.assignmentCount')!.records!.ids].sort()).toEqual(before.map((r) => r.id).sort());
    // This year's: the current set.
    const now = await facts(t.id, thisYear);
    expect(rowsOf(now)).toEqual([
      { leader: chair.name, position: '主席', villages: v0.name, deputies: 2 },
      { leader: vice.name, position: '副主席', villages: `${v2.name}、${v1.name}`, deputies: 0 },
    ]);
    expect(now.get('presidium.assignmentCount')!.value).toBe(3);
    expect([...now.get('presidium.assignments')!.records!.ids].sort()).toEqual(after.filter((r) => r.ended_at === null).map((r) => r.id).sort());

    // The chair's duty record names the villages of its year.
    const roles = async (year: number) => {
      const r = await office.request('GET', `/api/v1/deputies/${chair.id}/duty-record?year=${year}`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { roles: string[] }).roles.join('；');
    };
    expect(await roles(lastYear)).toContain(`挂点联系${v0.name}、${v1.name}，联系代表1名`);
    expect(await roles(thisYear)).toContain(`挂点联系${v0.name}，联系代表2名`);
  });

  it('the year\u2019s end is the first instant of the next year in Asia/Shanghai: a row ended then is out, one created then is in', async () => {
    const db = ctx.database.db;
    const { t, villages, office, chair } = await setup();
    const [v0, v1, v2] = villages as [typeof villages[0], typeof villages[0], typeof villages[0]];
    expect(yearEndInstant(2025)).toBe('2025-12-31T16:00:00.000Z');
    expect((await put(office, t.id, chair.id, { villageIds: [v0.id, v1.id, v2.id], deputyIds: [] })).statusCode).toBe(200);
    const rows = await rowsOfTownship(t.id);
    const row = (id: string) => rows.find((r) => r.village_id === id)!;
    const end = yearEndInstant(lastYear);
    const ms = (delta: number) => new Date(new Date(end).getTime() + delta).toISOString();
    await db.updateTable('area_assignments').set({ created_at: termStart, ended_at: end }).where('id', '=', row(v0.id).id).execute();
    await db.updateTable('area_assignments').set({ created_at: termStart, ended_at: ms(1) }).where('id', '=', row(v1.id).id).execute();
    await db.updateTable('area_assignments').set({ created_at: end, ended_at: null }).where('id', '=', row(v2.id).id).execute();
    const f = await facts(t.id, lastYear);
    expect(rowsOf(f)).toEqual([{ leader: chair.name, position: '主席', villages: `${v1.name}、${v2.name}`, deputies: 0 }]);
    expect([...f.get('presidium.assignments')!.records!.ids].sort()).toEqual([row(v1.id).id, row(v2.id).id].sort());
    // A row created one millisecond after the year's end belongs to the next year only.
    await db.updateTable('area_assignments').set({ created_at: ms(1) }).where('id', '=', row(v2.id).id).execute();
    expect(rowsOf(await facts(t.id, lastYear))).toEqual([{ leader: chair.name, position: '主席', villages: v1.name, deputies: 0 }]);
    expect(rowsOf(await facts(t.id, thisYear))).toEqual([{ leader: chair.name, position: '主席', villages: v2.name, deputies: 0 }]);
    // The page shows the rows not ended, whatever their dates.
    const list = await office.request('GET', `/api/v1/townships/${t.id}/area-assignments`);
    expect((list.json() as { items: Area[] }).items).toEqual([{ leaderDeputyId: chair.id, villageIds: [v2.id], deputyIds: [] }]);
  });

  it('another township\u2019s office gets 404 and changes nothing; a deputy is refused; a leader of another township is refused', async () => {
    const db = ctx.database.db;
    const { t, villages, office, chair } = await setup();
    expect((await put(office, t.id, chair.id, { villageIds: [villages[0]!.id], deputyIds: [] })).statusCode).toBe(200);
    const before = await rowsOfTownship(t.id);
    const other = await setup();
    // The other township's office, on this township's path: 404, nothing read or changed.
    expect((await put(other.office, t.id, chair.id, { villageIds: [], deputyIds: [] })).statusCode).toBe(404);
    expect((await put(other.office, t.id, chair.id, { villageIds: [other.villages[0]!.id], deputyIds: [] })).statusCode).toBe(404);
    expect((await other.office.request('GET', `/api/v1/townships/${t.id}/area-assignments`)).statusCode).toBe(404);
    // On its own path with this township's leader or village: refused, nothing written.
    expect((await put(other.office, other.t.id, chair.id, { villageIds: [], deputyIds: [] })).statusCode).toBe(400);
    expect((await put(other.office, other.t.id, other.chair.id, { villageIds: [villages[1]!.id], deputyIds: [] })).statusCode).toBe(400);
    // A deputy of this township may not set them.
    const deputy = await login(ctx.app, (await buildUser(db, t.id, 'deputy')).username, TEST_PASSWORD);
    expect((await put(deputy, t.id, chair.id, { villageIds: [], deputyIds: [] })).statusCode).toBe(403);
    expect(await rowsOfTownship(t.id)).toEqual(before);
    expect(await rowsOfTownship(other.t.id)).toEqual([]);
  });

  it('two offices saving the same leader at once: both succeed, each village and deputy is held once', async () => {
    const { t, villages, ds, office, chair } = await setup();
    const other = await login(ctx.app, (await buildUser(ctx.database.db, t.id, 'office')).username, TEST_PASSWORD);
    const body = { villageIds: villages.slice(0, 2).map((v) => v.id), deputyIds: [ds[6]!.id, ds[7]!.id] };
    const [a, b] = await Promise.all([put(office, t.id, chair.id, body), put(other, t.id, chair.id, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const current = (await rowsOfTownship(t.id)).filter((r) => r.ended_at === null);
    expect(current.filter((r) => r.village_id).map((r) => r.village_id).sort()).toEqual([...body.villageIds].sort());
    expect(current.filter((r) => r.deputy_id).map((r) => r.deputy_id).sort()).toEqual([...body.deputyIds].sort());
    // The index itself refuses a second current row for the same leader and village.
    const dup = current.find((r) => r.village_id)!;
    await expect(ctx.database.db.insertInto('area_assignments').values({ ...dup, id: `${dup.id}-dup` }).execute()).rejects.toThrow();
  });
});
