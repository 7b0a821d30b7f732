import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionsFactsProvider } from '../../src/server/modules/elections/elections.facts.js';
import { FACTS_PROVIDERS } from '../../src/server/modules/reports/facts.providers.js';
import { createRound, electionTownship, rollRows, rollWorkbook } from '../helpers/election-factories.js';
import { createTestContext, upload, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface Candidate { id: string; office: string; name: string; firstVotes: number | null; isRunoffCandidate: boolean; runoffVotes: number | null; electedIn: string | null; isTied: boolean }
interface Tally { isComplete: boolean; boxes: { boxNo: number; status: string; mismatches: { field: string; candidateName?: string; first: number; second: number }[] }[] }
interface Detail {
  id: string; state: string; completedOn: string | null; candidates: Candidate[]; notCompetitive: string[];
  tally: { first: Tally; runoff: Tally | null };
  result: { registered: number; isValid: boolean | null; winThreshold: number | null; runoffMinimum: number | null; offices: { office: string; first: { elected: string[]; tied: string[]; unfilled: number }; runoffCandidates: string[]; vacancies: number }[]; composition: string[] };
}
const err = (body: string) => (JSON.parse(body) as { error: { code: string; fields?: { path: string }[] } }).error;

/** An election of chair 1 + member 2 (3 seats) with a roll of `voters` and the given candidates. */
async function setup(voters: number, candidates: { office: 'chair' | 'member'; name: string; gender: 'male' | 'female' }[], roundBody: Record<string, unknown> = {}) {
  const env = await electionTownship(ctx);
  const round = await createRound(env.office, env.t.id, { seats: { chair: 1, viceChair: 0, member: 2 }, ...roundBody });
  const id = round.villages[0]!.electionId;
  const imp = await upload(ctx.app, env.clerk, `/api/v1/village-elections/${id}/roll/import`, 'roll.xlsx', await rollWorkbook(rollRows(voters)));
  expect(imp.statusCode, imp.body).toBe(200);
  const ids: string[] = [];
  for (const c of candidates) {
    const r = await env.office.request('POST', `/api/v1/village-elections/${id}/candidates`, c);
    expect(r.statusCode, r.body).toBe(201);
    ids.push((r.json() as { id: string }).id);
  }
  return { ...env, round, id, ids };
}

function figures(returned: number, votes: Record<string, number>, round: 'first' | 'runoff' = 'first', boxNo = 1) {
  return { round, boxNo, issued: returned + 5, returned, valid: returned - 2, invalid: 2, votes };
}

async function enterTwice(a: Session, b: Session, id: string, f: ReturnType<typeof figures>): Promise<Tally> {
  expect((await a.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f)).statusCode).toBe(201);
  const r = await b.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Tally;
}

const CANDS = [
  { office: 'chair' as const, name: '王建国', gender: 'male' as const },
  { office: 'chair' as const, name: '李国平', gender: 'male' as const },
  { office: 'member' as const, name: '张秀英', gender: 'female' as const },
  { office: 'member' as const, name: '刘德明', gender: 'male' as const },
  { office: 'member' as const, name: '陈春燕', gender: 'female' as const },
  { office: 'member' as const, name: '杨海涛', gender: 'male' as const },
];

describe('double-entry tally', () => {
  it('two different clerks; a mismatch is listed field by field and blocks the result until resolved', async () => {
    const s = await setup(100, CANDS);
    const [c0, c1, c2, c3, c4, c5] = s.ids as [string, string, string, string, string, string];
    const votes = { [c0]: 40, [c1]: 25, [c2]: 50, [c3]: 40, [c4]: 30, [c5]: 10 };
    const f = figures(72, votes);
    expect((await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, f)).statusCode).toBe(201);
    const same = await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, f);
    expect(err(same.body).code).toBe('TALLY_SAME_CLERK');
    const second = await s.office.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, { ...f, invalid: 3, valid: 69, votes: { ...votes, [c3]: 41 } });
    expect(second.statusCode, second.body).toBe(201);
    const box = (second.json() as Tally).boxes[0]!;
    expect(box.status).toBe('mismatch');
    expect(box.mismatches).toEqual([
      { field: 'valid', first: 70, second: 69 }, { field: 'invalid', first: 2, second: 3 },
      { field: `votes.${c3}`, candidateName: '刘德明', first: 40, second: 41 },
    ]);
    const third = await s.presidium.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, f);
    expect(err(third.body).code).toBe('TALLY_BOX_COMPLETE');
    const early = await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' });
    expect(err(early.body).code).toBe('TALLY_INCOMPLETE');
    // The clerk may enter, not resolve.
    expect((await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/resolve`, f)).statusCode).toBe(403);
    const resolved = await s.office.request('POST', `/api/v1/village-elections/${s.id}/tally/resolve`, f);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((resolved.json() as Tally).boxes[0]!.status).toBe('resolved');
  });

  it('rejects figures that do not add up, naming the field', async () => {
    const s = await setup(50, CANDS);
    const votes = Object.fromEntries(s.ids.map((id) => [id, 1]));
    const bad = await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, { round: 'first', boxNo: 1, issued: 30, returned: 31, valid: 30, invalid: 0, votes });
    expect(err(bad.body).fields!.map((x) => x.path)).toEqual(['returned', 'valid']);
    const over = await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, { round: 'first', boxNo: 1, issued: 30, returned: 30, valid: 30, invalid: 0, votes: { ...votes, [s.ids[0]!]: 31 } });
    expect(err(over.body).fields!.map((x) => x.path)).toContain(`votes.${s.ids[0]}`);
    const box = await s.clerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, { round: 'first', boxNo: 2, issued: 30, returned: 30, valid: 30, invalid: 0, votes });
    expect(err(box.body).fields!.map((x) => x.path)).toEqual(['boxNo']);
  });
});

describe('the result under 第15条', () => {
  it('exactly half of the registered voters voting is not valid', async () => {
    const s = await setup(100, CANDS);
    const votes = Object.fromEntries(s.ids.map((id) => [id, 10]));
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 60, returned: 50, valid: 50, invalid: 0, votes });
    const res = await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.state).toBe('invalid');
    expect(d.result.isValid).toBe(false);
    expect(d.candidates.every((c) => c.electedIn === null)).toBe(true);
  });

  it('more than half voting is valid; exactly half of the ballots is not elected; the run-off needs one third, exactly one third is enough', async () => {
    const s = await setup(100, CANDS);
    const [c0, c1, c2, c3, c4, c5] = s.ids as [string, string, string, string, string, string];
    // 51 cast: win threshold 26. Chair: 26 elected. Members: 30 elected; 25 (not more than half of 51? 25*2=50 ≤ 51) not elected.
    const votes = { [c0]: 26, [c1]: 25, [c2]: 30, [c3]: 25, [c4]: 25, [c5]: 10 };
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 60, returned: 51, valid: 51, invalid: 0, votes });
    const first = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' })).json() as Detail;
    expect(first.state).toBe('runoff_needed');
    expect(first.result.isValid).toBe(true);
    expect(first.result.winThreshold).toBe(26);
    const member = first.result.offices.find((o) => o.office === 'member')!;
    expect(member.first).toEqual({ elected: [c2], tied: [], unfilled: 1 });
    // Run-off candidates: unfilled (1) + 1 = 2; c3 and c4 tie at 25, so both stand.
    expect(member.runoffCandidates.sort()).toEqual([c3, c4].sort());
    expect(first.candidates.find((c) => c.id === c0)!.electedIn).toBe('first');

    // Run-off: 60 cast, one third = 20. 20 votes wins.
    const runoff = { round: 'runoff' as const, boxNo: 1, issued: 70, returned: 60, valid: 60, invalid: 0, votes: { [c3]: 20, [c4]: 19 } };
    await enterTwice(s.office, s.clerk, s.id, runoff);
    const done = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'runoff', day: '2026-06-20' })).json() as Detail;
    expect(done.state).toBe('done');
    expect(done.completedOn).toBe('2026-06-20');
    expect(done.candidates.find((c) => c.id === c3)!.electedIn).toBe('runoff');
    expect(done.result.runoffMinimum).toBe(20);
    expect(done.result.composition).toEqual([]);

    const doc = await s.office.request('GET', `/api/v1/village-elections/${s.id}/announcement.docx`);
    expect(doc.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('选举结果公告');
    expect(xml).toContain('另行选举');
    expect(xml).toContain('王建国');

    // Year facts: the round, one village elected on schedule, one run-off village.
    const facts = await electionsFactsProvider.collect(ctx.database.db, s.t.id, 2026);
    const value = (k: string) => facts.find((f) => f.key === k)!.value;
    expect(facts.map((f) => f.key)).toEqual([
      'elections.roundName', 'elections.villagesTotal', 'elections.villagesElected', 'elections.villagesElectedOnSchedule', 'elections.guidanceLeader',
      'elections.guidanceDeputyLeaders', 'elections.trainingSessions', 'elections.trainingAttendees', 'elections.runoffVillages',
    ]);
    expect(value('elections.villagesTotal')).toBe(3);
    expect(value('elections.villagesElected')).toBe(1);
    expect(value('elections.villagesElectedOnSchedule')).toBe(1);
    expect(value('elections.runoffVillages')).toBe(1);
    expect(value('elections.guidanceLeader')).toBe(s.deputies[0]!.name);
    expect(value('elections.guidanceDeputyLeaders')).toBe(`${s.deputies[1]!.name}、${s.deputies[2]!.name}`);
    expect(facts.every((f) => f.link?.startsWith('/app/elections'))).toBe(true);
    expect(FACTS_PROVIDERS).toContain(electionsFactsProvider);
    expect(await electionsFactsProvider.collect(ctx.database.db, s.t.id, 2025)).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'elections.roundName', value: null })]));
  });

  it('one vote short of one third in the run-off leaves the seat vacant; no woman elected is reported', async () => {
    const s = await setup(100, [
      { office: 'chair', name: '王建国', gender: 'male' }, { office: 'chair', name: '李国平', gender: 'male' },
      { office: 'member', name: '刘德明', gender: 'male' }, { office: 'member', name: '杨海涛', gender: 'male' }, { office: 'member', name: '周立军', gender: 'male' },
    ]);
    const [c0, c1, c2, c3, c4] = s.ids as [string, string, string, string, string];
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 70, returned: 60, valid: 60, invalid: 0, votes: { [c0]: 40, [c1]: 20, [c2]: 40, [c3]: 30, [c4]: 20 } });
    const first = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' })).json() as Detail;
    // 30 of 60 is exactly half: not elected.
    expect(first.result.offices.find((o) => o.office === 'member')!.first).toEqual({ elected: [c2], tied: [], unfilled: 1 });
    await enterTwice(s.clerk, s.office, s.id, { round: 'runoff', boxNo: 1, issued: 70, returned: 60, valid: 60, invalid: 0, votes: { [c3]: 19, [c4]: 18 } });
    const done = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'runoff', day: '2026-06-20' })).json() as Detail;
    expect(done.state).toBe('done');
    expect(done.result.offices.find((o) => o.office === 'member')!.vacancies).toBe(1);
    expect(done.result.composition).toEqual(expect.arrayContaining(['too_few_members', 'no_woman']));
  });

  it('a tie at the last seat is reported, not decided, and both tied stand in the run-off', async () => {
    const s = await setup(100, CANDS);
    const [c0, c1, c2, c3, c4, c5] = s.ids as [string, string, string, string, string, string];
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 70, returned: 60, valid: 60, invalid: 0, votes: { [c0]: 31, [c1]: 29, [c2]: 50, [c3]: 35, [c4]: 35, [c5]: 0 } });
    const d = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' })).json() as Detail;
    const member = d.result.offices.find((o) => o.office === 'member')!;
    expect(member.first).toEqual({ elected: [c2], tied: [c3, c4].sort(), unfilled: 1 });
    expect(d.candidates.filter((c) => c.isTied).map((c) => c.id).sort()).toEqual([c3, c4].sort());
    expect(member.runoffCandidates.sort()).toEqual([c3, c4].sort());
    expect(d.state).toBe('runoff_needed');
  });

  it('candidates must outnumber seats before counting (差额, 第15条)', async () => {
    const s = await setup(20, CANDS.slice(0, 4));
    const d = (await s.office.request('GET', `/api/v1/village-elections/${s.id}`)).json() as Detail;
    expect(d.notCompetitive).toEqual(['member']);
    const votes = Object.fromEntries(s.ids.map((id) => [id, 5]));
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 15, returned: 15, valid: 15, invalid: 0, votes });
    const res = await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' });
    expect(err(res.body).code).toBe('CANDIDATES_NOT_COMPETITIVE');
  });

  it('the run-off candidate count follows the round setting (seats + 2)', async () => {
    const s = await setup(100, CANDS, { runoffExtraCandidates: 2 });
    const [c0, c1, c2, c3, c4, c5] = s.ids as [string, string, string, string, string, string];
    await enterTwice(s.clerk, s.office, s.id, { round: 'first', boxNo: 1, issued: 70, returned: 60, valid: 60, invalid: 0, votes: { [c0]: 31, [c1]: 29, [c2]: 50, [c3]: 29, [c4]: 20, [c5]: 10 } });
    const d = (await s.office.request('POST', `/api/v1/village-elections/${s.id}/count`, { round: 'first', day: '2026-06-20' })).json() as Detail;
    expect(d.result.offices.find((o) => o.office === 'member')!.runoffCandidates).toEqual([c3, c4, c5]);
  });

  it("a clerk of another village cannot touch this village's tally, and nothing changes", async () => {
    const s = await setup(30, CANDS);
    const votes = Object.fromEntries(s.ids.map((id) => [id, 5]));
    const res = await s.otherClerk.request('POST', `/api/v1/village-elections/${s.id}/tally/entries`, { round: 'first', boxNo: 1, issued: 20, returned: 20, valid: 20, invalid: 0, votes });
    expect(res.statusCode).toBe(404);
    expect((await s.otherClerk.request('GET', `/api/v1/village-elections/${s.id}/tally`)).statusCode).toBe(404);
    expect((await s.otherClerk.request('GET', `/api/v1/village-elections/${s.id}/announcement.docx`)).statusCode).toBe(404);
    expect(await ctx.database.db.selectFrom('election_tally_entries').select('id').where('election_id', '=', s.id).execute()).toHaveLength(0);
  });
});
