import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/server/db/unique-violation.js';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { createRound, electionTownship, rollRows, rollWorkbook } from '../helpers/election-factories.js';
import { createTestContext, login, upload, type Session, type TestContext } from '../helpers/test-app.js';
import { PDF_TINY, PNG_1PX, smallDocx, smallXlsx } from '../security/files.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

interface StepDocument { id: string; stepKey: string; fileName: string; mime: string; sizeBytes: number; uploadedByName: string; createdAt: string }
interface Detail {
  id: string; state: string; ballotBoxes: number; runoffBallotBoxes: number | null; can: { documents: boolean };
  steps: { key: string; documents: StepDocument[] }[];
  tally: { first: { boxes: unknown[] }; runoff: { boxes: { boxNo: number; status: string }[] } | null };
}
const err = (body: string) => (JSON.parse(body) as { error: { code: string; fields?: { path: string; message: string }[] } }).error;

async function detail(s: Session, id: string): Promise<Detail> {
  const r = await s.request('GET', `/api/v1/village-elections/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Detail;
}

async function documentRows(electionId: string) {
  return ctx.database.db.selectFrom('election_documents').selectAll().where('election_id', '=', electionId).orderBy('created_at').execute();
}

async function auditCount(action: string): Promise<number> {
  const r = await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('documents of the calendar steps', () => {
  it('a clerk uploads a photo of the published list to their own village’s step; it is listed, downloads byte for byte, and removal is audited', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id);
    const own = round.villages.find((v) => v.villageId === env.villages[0]!.id)!.electionId;
    const up = await upload(ctx.app, env.clerk, `/api/v1/village-elections/${own}/steps/list_published/documents`, 'list-published-photo.png', PNG_1PX);
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json() as StepDocument;
    expect(doc).toMatchObject({ stepKey: 'list_published', fileName: 'list-published-photo.png', mime: 'image/png', sizeBytes: PNG_1PX.length });

    const d = await detail(env.office, own);
    expect(d.steps.find((s) => s.key === 'list_published')!.documents.map((x) => x.id)).toEqual([doc.id]);
    expect(d.steps.find((s) => s.key === 'committee')!.documents).toEqual([]);
    expect(d.can.documents).toBe(true);

    const dl = await env.office.request('GET', `/api/v1/election-documents/${doc.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG_1PX)).toBe(true);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('list-published-photo.png'));

    // .pdf and .docx are taken too, by the office and the presidium.
    expect((await upload(ctx.app, env.office, `/api/v1/village-elections/${own}/steps/committee/documents`, '选举委员会推选会议记录.pdf', PDF_TINY)).statusCode).toBe(201);
    expect((await upload(ctx.app, env.presidium, `/api/v1/village-elections/${own}/steps/candidates_published/documents`, '候选人名单公告.docx', await smallDocx())).statusCode).toBe(201);

    const before = await auditCount('election.document.remove');
    const del = await env.clerk.request('DELETE', `/api/v1/election-documents/${doc.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(await auditCount('election.document.remove')).toBe(before + 1);
    expect((await detail(env.office, own)).steps.find((s) => s.key === 'list_published')!.documents).toEqual([]);
    // The row stays for the record, marked removed; the file can no longer be fetched.
    expect((await documentRows(own)).find((r) => r.id === doc.id)!.archived_at).not.toBeNull();
    expect((await env.office.request('GET', `/api/v1/election-documents/${doc.id}/download`)).statusCode).toBe(404);
    expect(await auditCount('election.document.upload')).toBeGreaterThanOrEqual(3);
  });

  it('refuses an .xlsx or a renamed program with a named error, an unknown step with 404, and stores nothing', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id);
    const own = round.villages[0]!.electionId;
    const xlsx = await upload(ctx.app, env.clerk, `/api/v1/village-elections/${own}/steps/committee/documents`, '名单.xlsx', await smallXlsx());
    expect(xlsx.statusCode).toBe(415);
    expect(err(xlsx.body).code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const fake = await upload(ctx.app, env.clerk, `/api/v1/village-elections/${own}/steps/committee/documents`, 'photo.png', Buffer.from('MZ this is not a picture'));
    expect(fake.statusCode).toBe(415);
    const noStep = await upload(ctx.app, env.clerk, `/api/v1/village-elections/${own}/steps/no_such_step/documents`, 'a.pdf', PDF_TINY);
    expect(noStep.statusCode).toBe(404);
    expect(await documentRows(own)).toEqual([]);
  });

  it('another village’s clerk and every role of another township get 404 on upload, download and delete, and nothing changes', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id);
    const own = round.villages.find((v) => v.villageId === env.villages[0]!.id)!.electionId;
    const doc = (await upload(ctx.app, env.clerk, `/api/v1/village-elections/${own}/steps/committee/documents`, '会议记录.pdf', PDF_TINY)).json() as StepDocument;
    const rowsBefore = await documentRows(own);

    const other = await buildTownship(ctx.database.db);
    const outsiders: Session[] = [env.otherClerk];
    for (const role of ['office', 'presidium', 'village_clerk'] as const) {
      const u = await buildUser(ctx.database.db, other.id, role);
      outsiders.push(await login(ctx.app, u.username, TEST_PASSWORD));
    }
    for (const s of outsiders) {
      const up = await upload(ctx.app, s, `/api/v1/village-elections/${own}/steps/committee/documents`, 'x.pdf', PDF_TINY);
      expect(up.statusCode, up.body).toBe(404);
      expect((await s.request('GET', `/api/v1/election-documents/${doc.id}/download`)).statusCode).toBe(404);
      expect((await s.request('DELETE', `/api/v1/election-documents/${doc.id}`)).statusCode).toBe(404);
      expect((await s.request('GET', `/api/v1/village-elections/${own}`)).statusCode).toBe(404);
    }
    expect(await documentRows(own)).toEqual(rowsBefore);

    // A deputy of the same township may not see elections at all: 403, nothing stored.
    const deputy = await login(ctx.app, (await buildUser(ctx.database.db, env.t.id, 'deputy')).username, TEST_PASSWORD);
    expect((await upload(ctx.app, deputy, `/api/v1/village-elections/${own}/steps/committee/documents`, 'x.pdf', PDF_TINY)).statusCode).toBe(403);
    expect(await documentRows(own)).toEqual(rowsBefore);
  });
});

describe('concurrent writes meet the unique indexes with the sequential path’s error, never a 500', () => {
  it('recognises a unique violation on both dialects', () => {
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('two villages import the same person at the same moment: one succeeds, the other is refused naming both rows', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id);
    const a = round.villages.find((v) => v.villageId === env.villages[0]!.id)!.electionId;
    const b = round.villages.find((v) => v.villageId === env.villages[1]!.id)!.electionId;
    const shared = rollRows(40, 5000);
    const [ra, rb] = await Promise.all([
      upload(ctx.app, env.clerk, `/api/v1/village-elections/${a}/roll/import`, 'a.xlsx', await rollWorkbook(shared)),
      upload(ctx.app, env.otherClerk, `/api/v1/village-elections/${b}/roll/import`, 'b.xlsx', await rollWorkbook([...rollRows(3, 9000), ...shared.slice(0, 2)])),
    ]);
    const answers = [ra, rb].map((r) => r.statusCode).sort();
    expect(answers, `${ra.body}\n${rb.body}`).toEqual([200, 422]);
    const refused = ra.statusCode === 422 ? ra : rb;
    const e = err(refused.body);
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.fields!.length).toBeGreaterThanOrEqual(2);
    expect(e.fields!.every((f) => f.path.endsWith('.身份证号') && f.message.includes('同一选民不得在两处登记'))).toBe(true);
    // All or nothing: the refused village has no voter at all.
    const counts = await ctx.database.db.selectFrom('election_voters').select(['election_id']).where('round_id', '=', round.id).execute();
    const loser = refused === ra ? a : b;
    expect(counts.filter((c) => c.election_id === loser)).toEqual([]);
  });

  it('the same clerk sends box 1 twice at the same moment: one entry, the other TALLY_SAME_CLERK', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id, { seats: { chair: 1, viceChair: 0, member: 2 } });
    const id = round.villages[0]!.electionId;
    expect((await upload(ctx.app, env.clerk, `/api/v1/village-elections/${id}/roll/import`, 'r.xlsx', await rollWorkbook(rollRows(60, 20000)))).statusCode).toBe(200);
    const ids: string[] = [];
    for (const c of [{ office: 'chair', name: '王建国', gender: 'male' }, { office: 'chair', name: '李国平', gender: 'male' }, { office: 'member', name: '张秀英', gender: 'female' }, { office: 'member', name: '刘德明', gender: 'male' }, { office: 'member', name: '陈春燕', gender: 'female' }]) {
      ids.push(((await env.office.request('POST', `/api/v1/village-elections/${id}/candidates`, c)).json() as { id: string }).id);
    }
    const f = { round: 'first', boxNo: 1, issued: 50, returned: 45, valid: 45, invalid: 0, votes: Object.fromEntries(ids.map((x) => [x, 10])) };
    const [r1, r2] = await Promise.all([
      env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f),
      env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f),
    ]);
    expect([r1.statusCode, r2.statusCode].sort(), `${r1.body}\n${r2.body}`).toEqual([201, 409]);
    expect(err((r1.statusCode === 409 ? r1 : r2).body).code).toBe('TALLY_SAME_CLERK');

    const entries = await ctx.database.db.selectFrom('election_tally_entries').select(['box_no', 'entry_no']).where('election_id', '=', id).execute();
    expect(entries).toEqual([{ box_no: 1, entry_no: 1 }]);
    const [s1, s2] = await Promise.all([
      env.office.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f),
      env.presidium.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f),
    ]);
    // Box 1 already has one entry: one of the two completes it, the other finds it complete.
    expect([s1.statusCode, s2.statusCode].sort(), `${s1.body}\n${s2.body}`).toEqual([201, 409]);
    expect(err((s1.statusCode === 409 ? s1 : s2).body).code).toBe('TALLY_BOX_COMPLETE');
    const box = (await detail(env.office, id)).tally.first.boxes[0] as { status: string };
    expect(box.status).toBe('matched');
  });

  it('two different clerks send the first entries of a fresh box at the same moment: both stand as entries 1 and 2', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id, { seats: { chair: 1, viceChair: 0, member: 2 } });
    const id = round.villages[0]!.electionId;
    expect((await upload(ctx.app, env.clerk, `/api/v1/village-elections/${id}/roll/import`, 'r.xlsx', await rollWorkbook(rollRows(60, 30000)))).statusCode).toBe(200);
    const ids: string[] = [];
    for (const c of [{ office: 'chair', name: '王建国', gender: 'male' }, { office: 'chair', name: '李国平', gender: 'male' }, { office: 'member', name: '张秀英', gender: 'female' }, { office: 'member', name: '刘德明', gender: 'male' }, { office: 'member', name: '陈春燕', gender: 'female' }]) {
      ids.push(((await env.office.request('POST', `/api/v1/village-elections/${id}/candidates`, c)).json() as { id: string }).id);
    }
    const f = { round: 'first', boxNo: 1, issued: 50, returned: 45, valid: 45, invalid: 0, votes: Object.fromEntries(ids.map((x) => [x, 10])) };
    const [r1, r2] = await Promise.all([
      env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f),
      env.office.request('POST', `/api/v1/village-elections/${id}/tally/entries`, { ...f, invalid: 1, valid: 44 }),
    ]);
    expect([r1.statusCode, r2.statusCode], `${r1.body}\n${r2.body}`).toEqual([201, 201]);
    const entries = await ctx.database.db.selectFrom('election_tally_entries').select(['entry_no']).where('election_id', '=', id).orderBy('entry_no').execute();
    expect(entries.map((e) => e.entry_no)).toEqual([1, 2]);
    expect(((await detail(env.office, id)).tally.first.boxes[0] as { status: string }).status).toBe('mismatch');
  });
});

describe('the run-off’s own ballot boxes', () => {
  it('may be fewer than the first vote’s when set before its first entry; refused before a run-off is needed and after its first entry', async () => {
    const env = await electionTownship(ctx);
    const round = await createRound(env.office, env.t.id, { seats: { chair: 1, viceChair: 0, member: 2 }, ballotBoxes: 3 });
    const id = round.villages[0]!.electionId;
    expect((await upload(ctx.app, env.clerk, `/api/v1/village-elections/${id}/roll/import`, 'r.xlsx', await rollWorkbook(rollRows(100, 40000)))).statusCode).toBe(200);
    const ids: string[] = [];
    for (const c of [{ office: 'chair', name: '王建国', gender: 'male' }, { office: 'chair', name: '李国平', gender: 'male' }, { office: 'member', name: '张秀英', gender: 'female' }, { office: 'member', name: '刘德明', gender: 'male' }, { office: 'member', name: '陈春燕', gender: 'female' }]) {
      ids.push(((await env.office.request('POST', `/api/v1/village-elections/${id}/candidates`, c)).json() as { id: string }).id);
    }
    const [c0, c1, c2, c3, c4] = ids as [string, string, string, string, string];
    const early = await env.office.request('PATCH', `/api/v1/village-elections/${id}`, { runoffBallotBoxes: 1 });
    expect(early.statusCode).toBe(409);
    expect(err(early.body).code).toBe('TALLY_CLOSED');
    // 3 boxes of 20 cast each (60 in all, win threshold 31): chair elected, one member elected, one seat left.
    for (const boxNo of [1, 2, 3]) {
      const f = { round: 'first', boxNo, issued: 25, returned: 20, valid: 20, invalid: 0, votes: { [c0]: 12, [c1]: 8, [c2]: 11, [c3]: 8, [c4]: 7 } };
      expect((await env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f)).statusCode).toBe(201);
      expect((await env.office.request('POST', `/api/v1/village-elections/${id}/tally/entries`, f)).statusCode).toBe(201);
    }
    const counted = await env.office.request('POST', `/api/v1/village-elections/${id}/count`, { round: 'first', day: '2026-06-20' });
    expect((counted.json() as Detail).state, counted.body).toBe('runoff_needed');

    const set = await env.office.request('PATCH', `/api/v1/village-elections/${id}`, { runoffBallotBoxes: 1 });
    expect(set.statusCode, set.body).toBe(200);
    const d = set.json() as Detail;
    expect(d.ballotBoxes).toBe(3);
    expect(d.runoffBallotBoxes).toBe(1);
    expect(d.tally.runoff!.boxes.map((b) => b.boxNo)).toEqual([1]);
    // Box 2 no longer exists for the run-off.
    const r = { round: 'runoff', boxNo: 2, issued: 50, returned: 45, valid: 45, invalid: 0, votes: { [c3]: 25, [c4]: 20 } };
    const bad = await env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, r);
    expect(bad.statusCode).toBe(400);
    expect(err(bad.body).fields![0]!.path).toBe('boxNo');
    expect((await env.clerk.request('POST', `/api/v1/village-elections/${id}/tally/entries`, { ...r, boxNo: 1 })).statusCode).toBe(201);
    const late = await env.office.request('PATCH', `/api/v1/village-elections/${id}`, { runoffBallotBoxes: 2 });
    expect(late.statusCode).toBe(409);
    expect(err(late.body).code).toBe('ELECTION_LOCKED');
    expect((await env.office.request('POST', `/api/v1/village-elections/${id}/tally/entries`, { ...r, boxNo: 1 })).statusCode).toBe(201);
    const done = await env.office.request('POST', `/api/v1/village-elections/${id}/count`, { round: 'runoff', day: '2026-06-27' });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as Detail).state).toBe('done');
  });
});
