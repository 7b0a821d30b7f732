import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createRound, electionTownship, rollRows, rollWorkbook } from '../helpers/election-factories.js';
import { createTestContext, login, upload, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface Detail { id: string; state: string; voters: number; steps: { key: string; plannedOn: string | null; doneOn: string | null; flags: { code: string; days?: number; actual?: number }[] }[] }
interface Roll { voters: { id: string; name: string; idNumberMasked: string }[]; proxies: { id: string }[]; maxProxiesPerAgent: number }

const fieldsOf = (body: string) => (JSON.parse(body) as { error: { code: string; fields?: { path: string; message: string }[] } }).error;

describe('election rounds and the guidance group', () => {
  it('opens a round for every village, plans each calendar and draws the guidance group from the presidium', async () => {
    const { t, office } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    expect(round.villages).toHaveLength(3);
    expect(round.guidance.map((g) => g.role)).toEqual(['leader', 'deputy_leader', 'deputy_leader', 'member', 'member']);
    const d = (await office.request('GET', `/api/v1/village-elections/${round.villages[0]!.electionId}`)).json() as Detail;
    expect(d.steps.find((s) => s.key === 'list_published')?.plannedOn).toBe('2026-05-26');
    expect(d.steps.find((s) => s.key === 'vote')?.plannedOn).toBe('2026-06-20');
  });

  it('the leader must be the presidium chair', async () => {
    const { t, office, deputies } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const bad = await office.request('PUT', `/api/v1/election-rounds/${round.id}/guidance`, { members: [{ deputyId: deputies[3]!.id, name: deputies[3]!.name, role: 'leader' }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body).fields?.[0]?.message).toContain('人大主席');
    const ok = await office.request('PUT', `/api/v1/election-rounds/${round.id}/guidance`, {
      members: [{ deputyId: deputies[0]!.id, name: deputies[0]!.name, role: 'leader' }, { deputyId: deputies[1]!.id, name: deputies[1]!.name, role: 'deputy_leader' }, { name: '民政办 李明', role: 'member', title: '民政办主任' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('committee seats are 3 to 7 with one chair (第6条)', async () => {
    const { t, office } = await electionTownship(ctx);
    const res = await office.request('POST', `/api/v1/townships/${t.id}/election-rounds`, { name: 'x', year: 2026, plannedVoteDay: '2026-06-20', seats: { chair: 1, viceChair: 0, member: 1 } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body).code).toBe('ELECTION_SEATS_INVALID');
    const eight = await office.request('POST', `/api/v1/townships/${t.id}/election-rounds`, { name: 'x', year: 2026, plannedVoteDay: '2026-06-20', seats: { chair: 1, viceChair: 2, member: 5 } });
    expect(fieldsOf(eight.body).code).toBe('ELECTION_SEATS_INVALID');
    const seven = await office.request('POST', `/api/v1/townships/${t.id}/election-rounds`, { name: 'x', year: 2026, plannedVoteDay: '2026-06-20', seats: { chair: 1, viceChair: 2, member: 4 } });
    expect(seven.statusCode).toBe(201);
  });

  it('records training sessions with attendees', async () => {
    const { t, office, villages } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const res = await office.request('POST', `/api/v1/election-rounds/${round.id}/trainings`, {
      heldOn: '2026-04-20', topic: '村委会换届选举业务培训', place: '镇政府三楼会议室',
      attendees: [{ name: '张红', villageId: villages[0]!.id, duty: '村民选举委员会主任' }, { name: '李强', villageId: villages[1]!.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const training = (res.json() as { trainings: { id: string; attendees: unknown[] }[] }).trainings[0]!;
    expect(training.attendees).toHaveLength(2);
    const clerk = await login(ctx.app, (await buildUser(ctx.database.db, t.id, 'village_clerk', { villageId: villages[0]!.id })).username, TEST_PASSWORD);
    expect((await clerk.request('DELETE', `/api/v1/election-trainings/${training.id}`)).statusCode).toBe(403);
    expect((await office.request('DELETE', `/api/v1/election-trainings/${training.id}`)).statusCode).toBe(200);
    expect(((await office.request('GET', `/api/v1/election-rounds/${round.id}`)).json() as { trainings: unknown[] }).trainings).toHaveLength(0);
  });
});

describe('the calendar flags steps out of order and periods too short', () => {
  it('the voter list published 19 days before voting is flagged; 20 days is fine', async () => {
    const { t, office } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const id = round.villages[0]!.electionId;
    await office.request('PUT', `/api/v1/village-elections/${id}/steps/committee`, { doneOn: '2026-05-01' });
    await office.request('PUT', `/api/v1/village-elections/${id}/steps/registration`, { doneOn: '2026-05-10' });
    let d = (await office.request('PUT', `/api/v1/village-elections/${id}/steps/list_published`, { doneOn: '2026-06-02' })).json() as Detail;
    expect(d.steps.find((s) => s.key === 'list_published')!.flags).toEqual([expect.objectContaining({ code: 'period_too_short', days: 20, actual: 18 })]);
    d = (await office.request('PUT', `/api/v1/village-elections/${id}/steps/list_published`, { doneOn: '2026-06-01' })).json() as Detail;
    expect(d.steps.find((s) => s.key === 'list_published')!.flags[0]).toMatchObject({ code: 'period_too_short', actual: 19 });
    d = (await office.request('PUT', `/api/v1/village-elections/${id}/steps/list_published`, { doneOn: '2026-05-31' })).json() as Detail;
    expect(d.steps.find((s) => s.key === 'list_published')!.flags).toEqual([]);
    // Deciding objections before receiving them is out of order.
    d = (await office.request('PUT', `/api/v1/village-elections/${id}/steps/objections_decided`, { doneOn: '2026-06-03' })).json() as Detail;
    expect(d.steps.find((s) => s.key === 'objections_decided')!.flags.map((f) => f.code)).toContain('out_of_order');
  });
});

describe('voter rolls (第13条)', () => {
  it('imports a roll with 身份证号 sealed, lists them masked, and audits every reveal', async () => {
    const { t, office, clerk } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const id = round.villages[0]!.electionId;
    const rows = rollRows(40);
    const res = await upload(ctx.app, clerk, `/api/v1/village-elections/${id}/roll/import`, 'roll.xlsx', await rollWorkbook(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 40, total: 40 });
    const stored = await ctx.database.db.selectFrom('election_voters').select(['id_number_sealed', 'id_number_index']).where('election_id', '=', id).execute();
    expect(stored).toHaveLength(40);
    for (const s of stored) {
      expect(s.id_number_sealed.startsWith('v1:')).toBe(true);
      expect(rows.some((r) => s.id_number_sealed.includes(r.idNumber) || s.id_number_index.includes(r.idNumber))).toBe(false);
    }
    const roll = (await clerk.request('GET', `/api/v1/village-elections/${id}/roll`)).json() as Roll;
    expect(roll.voters[0]!.idNumberMasked).toMatch(/^110101\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(roll)).not.toContain(rows[0]!.idNumber);
    // The clerk has no reveal right; the office has, and the reveal is audited.
    expect((await clerk.request('POST', `/api/v1/election-voters/${roll.voters[0]!.id}/reveal`)).statusCode).toBe(403);
    const reveal = await office.request('POST', `/api/v1/election-voters/${roll.voters[0]!.id}/reveal`);
    expect(reveal.json()).toEqual({ idNumber: rows[0]!.idNumber });
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_id', '=', roll.voters[0]!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['election.voter.reveal']);
    expect(audit[0]!.after_json).not.toContain(rows[0]!.idNumber);
  });

  it('refuses the whole file and names every bad row and column', async () => {
    const { t, office, clerk } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const id = round.villages[0]!.electionId;
    const rows = rollRows(6);
    rows[1] = { ...rows[1]!, idNumber: rows[1]!.idNumber.slice(0, 17) + (rows[1]!.idNumber[17] === '0' ? '1' : '0') };
    rows[2] = { ...rows[2]!, gender: rows[2]!.gender === '男' ? '女' : '男' };
    rows[3] = { ...rows[3]!, category: '外来人口' };
    rows[4] = { ...rows[4]!, idNumber: rows[0]!.idNumber, gender: rows[0]!.gender };
    // 18 on the voting day (2026-06-20) may register; 18 the day after may not (第13条).
    rows.push({ name: '王小明', gender: '男', idNumber: generateResidentId('110101', '2008-06-21', 11, 'male'), category: '户籍在本村并居住', group: '第1村民小组' });
    rows.push({ name: '王小亮', gender: '男', idNumber: generateResidentId('110101', '2008-06-20', 13, 'male'), category: '户籍在本村并居住', group: '第1村民小组' });
    const res = await upload(ctx.app, clerk, `/api/v1/village-elections/${id}/roll/import`, 'roll.xlsx', await rollWorkbook(rows));
    expect(res.statusCode).toBe(422);
    const err = fieldsOf(res.body);
    expect(err.code).toBe('IMPORT_INVALID');
    const paths = err.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['3.身份证号', '4.性别', '5.登记类别', '6.身份证号', '8.身份证号']));
    expect(err.fields!.find((f) => f.path === '3.身份证号')!.message).toContain('校验码');
    expect(err.fields!.find((f) => f.path === '6.身份证号')!.message).toContain('第2行');
    expect(err.fields!.find((f) => f.path === '8.身份证号')!.message).toContain('未满十八周岁');
    expect(paths.some((p) => p.startsWith('9.'))).toBe(false);
    expect((await ctx.database.db.selectFrom('election_voters').select('id').where('election_id', '=', id).execute())).toHaveLength(0);
  });

  it('refuses a person already registered in another village of the township, naming both rows and villages', async () => {
    const { t, office, clerk, otherClerk, villages } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const [a, b] = [round.villages[0]!.electionId, round.villages[1]!.electionId];
    const rowsA = rollRows(10);
    expect((await upload(ctx.app, clerk, `/api/v1/village-elections/${a}/roll/import`, 'a.xlsx', await rollWorkbook(rowsA))).statusCode).toBe(200);
    const rowsB = [...rollRows(5, 100), rowsA[3]!];
    const res = await upload(ctx.app, otherClerk, `/api/v1/village-elections/${b}/roll/import`, 'b.xlsx', await rollWorkbook(rowsB));
    expect(res.statusCode).toBe(422);
    const msg = fieldsOf(res.body).fields!.find((f) => f.path === '7.身份证号')!.message;
    expect(msg).toContain('本表第7行');
    expect(msg).toContain(villages[1]!.name);
    expect(msg).toContain(villages[0]!.name);
    expect(msg).toContain('原表第5行');
    expect((await ctx.database.db.selectFrom('election_voters').select('id').where('election_id', '=', b).execute())).toHaveLength(0);
    // The same person may stand on a roll of another round (a later term).
  });

  it('proxies: close relatives, at most the profile limit per proxy, published with the list', async () => {
    const { t, office, clerk } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const id = round.villages[0]!.electionId;
    await upload(ctx.app, clerk, `/api/v1/village-elections/${id}/roll/import`, 'roll.xlsx', await rollWorkbook(rollRows(10)));
    const roll = (await clerk.request('GET', `/api/v1/village-elections/${id}/roll`)).json() as Roll;
    expect(roll.maxProxiesPerAgent).toBe(3);
    const v = roll.voters.map((x) => x.id);
    for (const p of [1, 2, 3]) {
      const r = await clerk.request('POST', `/api/v1/village-elections/${id}/proxies`, { principalVoterId: v[p]!, proxyVoterId: v[0]!, relation: '子女' });
      expect(r.statusCode, r.body).toBe(201);
    }
    const fourth = await clerk.request('POST', `/api/v1/village-elections/${id}/proxies`, { principalVoterId: v[4]!, proxyVoterId: v[0]!, relation: '配偶' });
    expect(fieldsOf(fourth.body).code).toBe('PROXY_LIMIT');
    const twice = await clerk.request('POST', `/api/v1/village-elections/${id}/proxies`, { principalVoterId: v[1]!, proxyVoterId: v[5]!, relation: '配偶' });
    expect(fieldsOf(twice.body).code).toBe('PROXY_INVALID');
    const notRelative = await clerk.request('POST', `/api/v1/village-elections/${id}/proxies`, { principalVoterId: v[6]!, proxyVoterId: v[5]!, relation: '邻居' });
    expect(notRelative.statusCode).toBe(400);
    const list = await clerk.request('GET', `/api/v1/village-elections/${id}/roll/published.docx`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('wordprocessingml');
  });
});

describe('scope: a clerk works on their own village only', () => {
  it("another village's election is 404 for a clerk and nothing changes; another township is 404", async () => {
    const { t, office, clerk } = await electionTownship(ctx);
    const round = await createRound(office, t.id);
    const other = round.villages[1]!.electionId;
    expect((await clerk.request('GET', `/api/v1/village-elections/${other}`)).statusCode).toBe(404);
    const res = await upload(ctx.app, clerk, `/api/v1/village-elections/${other}/roll/import`, 'r.xlsx', await rollWorkbook(rollRows(3)));
    expect(res.statusCode).toBe(404);
    expect((await clerk.request('POST', `/api/v1/village-elections/${other}/tally/entries`, { round: 'first', boxNo: 1, issued: 1, returned: 1, valid: 1, invalid: 0, votes: {} })).statusCode).toBe(404);
    expect(await ctx.database.db.selectFrom('election_voters').select('id').where('election_id', '=', other).execute()).toHaveLength(0);
    expect(await ctx.database.db.selectFrom('election_tally_entries').select('id').where('election_id', '=', other).execute()).toHaveLength(0);
    // The clerk's round view lists their own village only.
    const mine = (await clerk.request('GET', `/api/v1/election-rounds/${round.id}`)).json() as { villages: unknown[] };
    expect(mine.villages).toHaveLength(1);
    // A clerk may not manage the calendar.
    expect((await clerk.request('PUT', `/api/v1/village-elections/${round.villages[0]!.electionId}/steps/vote`, { doneOn: '2026-06-20' })).statusCode).toBe(403);

    const t2 = await buildTownship(ctx.database.db);
    const outsider = await login(ctx.app, (await buildUser(ctx.database.db, t2.id, 'office')).username, TEST_PASSWORD);
    expect((await outsider.request('GET', `/api/v1/election-rounds/${round.id}`)).statusCode).toBe(404);
    expect((await outsider.request('GET', `/api/v1/village-elections/${other}`)).statusCode).toBe(404);
    expect((await outsider.request('PUT', `/api/v1/village-elections/${other}/steps/vote`, { doneOn: '2026-06-20' })).statusCode).toBe(404);
    expect((await outsider.request('POST', `/api/v1/village-elections/${other}/candidates`, { office: 'chair', name: '某某', gender: 'male' })).statusCode).toBe(404);
    expect((await outsider.request('GET', `/api/v1/townships/${t.id}/election-rounds`)).statusCode).toBe(404);
    const step = await ctx.database.db.selectFrom('election_steps').select('done_on').where('election_id', '=', other).where('step_key', '=', 'vote').executeTakeFirstOrThrow();
    expect(step.done_on).toBeNull();
    expect(await ctx.database.db.selectFrom('election_candidates').select('id').where('election_id', '=', other).execute()).toHaveLength(0);
  });
});
