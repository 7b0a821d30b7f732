import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { buildDeputies, buildSession, type BuiltDeputy } from '../helpers/session-factories.js';
import { createTestContext, login, type Session, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

/** A township with 60 seated deputies (plus some who are not seated), an open session, office and presidium logins. */
async function openSessionWith60() {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const seated = await buildDeputies(db, t.id, 60);
  // Not seated: a county-level deputy, a deputy of the previous term, one whose mandate ended before the session.
  await buildDeputies(db, t.id, 1, { level: 'county', constituencies: 0 });
  await buildDeputies(db, t.id, 1, { term: 13, mandateStart: '2016-10-01', mandateEnd: '2021-09-30', constituencies: 0 });
  await buildDeputies(db, t.id, 1, { mandateEnd: '2026-01-31', constituencies: 0 });
  const session = await buildSession(db, t.id);
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  const opened = await office.request('POST', `/api/v1/sessions/${session.id}/open`);
  expect(opened.statusCode, opened.body).toBe(200);
  return { t, seated, session, office, presidium, opened: opened.json() };
}

async function markPresent(s: Session, sessionId: string, deputies: BuiltDeputy[]) {
  const res = await s.request('POST', `/api/v1/sessions/${sessionId}/attendance`, { entries: deputies.map((d) => ({ deputyId: d.id, status: 'present' })) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function agendaItem(s: Session, sessionId: string, kind = 'government_report', title = '关于政府工作报告') {
  const res = await s.request('POST', `/api/v1/sessions/${sessionId}/agenda-items`, { kind, title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('quorum: more than 2/3 of all seated deputies (地方组织法 第14条)', () => {
  it('freezes 60 seated at opening; 40 present (exactly 2/3) is not a quorum, 41 is', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office, opened } = await openSessionWith60();
    expect(opened.state).toBe('open');
    expect(opened.seatedCount).toBe(60);
    expect(opened.quorum).toMatchObject({ seated: 60, present: 0, threshold: 41, hasQuorum: false, shortBy: 41, isFrozen: true });
    expect(opened.name).toBe('第十四届人民代表大会第四次会议');

    const at40 = await markPresent(office, session.id, seated.slice(0, 40));
    expect(at40.quorum).toMatchObject({ seated: 60, present: 40, threshold: 41, hasQuorum: false, shortBy: 1 });
    const at41 = await markPresent(office, session.id, seated.slice(40, 41));
    expect(at41.quorum).toMatchObject({ present: 41, hasQuorum: true, shortBy: 0, unmarked: 19 });

    // A deputy added after opening does not change the frozen number.
    await buildDeputies(db, t.id, 1, { constituencies: 0 });
    const att = (await office.request('GET', `/api/v1/sessions/${session.id}/attendance`)).json();
    expect(att.quorum.seated).toBe(60);
    expect(att.items).toHaveLength(60);
    expect(att.items.map((i: { seq: number }) => i.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('leave needs a reason; leave and absent are counted separately; a non-seated deputy is refused', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office } = await openSessionWith60();
    const noReason = await office.request('POST', `/api/v1/sessions/${session.id}/attendance`, { entries: [{ deputyId: seated[0]!.id, status: 'leave' }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('entries.0.leaveReason');
    const ok = await office.request('POST', `/api/v1/sessions/${session.id}/attendance`, {
      entries: [{ deputyId: seated[0]!.id, status: 'leave', leaveReason: '住院治疗' }, { deputyId: seated[1]!.id, status: 'absent' }],
    });
    expect(ok.json().quorum).toMatchObject({ onLeave: 1, absent: 1, present: 0 });
    expect(ok.json().items.find((i: { deputyId: string }) => i.deputyId === seated[0]!.id)).toMatchObject({ status: 'leave', leaveReason: '住院治疗' });
    const [outsider] = await buildDeputies(db, t.id, 1, { term: 13, constituencies: 0 });
    const bad = await office.request('POST', `/api/v1/sessions/${session.id}/attendance`, { entries: [{ deputyId: outsider!.id, status: 'present' }] });
    expect(bad.statusCode).toBe(400);
  });

  it('a session without seated deputies cannot open', async () => {
    const db = ctx.database.db;
    const t = await buildTownship(db);
    const session = await buildSession(db, t.id);
    const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
    const res = await office.request('POST', `/api/v1/sessions/${session.id}/open`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SESSION_NO_SEATED_DEPUTIES');
  });
});

describe('votes: more than half of ALL seated deputies (地方组织法 第25条)', () => {
  it('a vote cannot open without a quorum', async () => {
    const db = ctx.database.db;
    const { seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 40));
    const item = await agendaItem(office, session.id);
    const res = await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决政府工作报告', agendaItemId: item.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('QUORUM_NOT_MET');
    expect(res.json().error.message).toContain('41');
    expect(await db.selectFrom('session_votes').select('id').where('session_id', '=', session.id).execute()).toEqual([]);
  });

  it('30 yes of 60 seated (exactly half) fails; 31 yes passes with only 41 present; threshold and margin shown', async () => {
    const { seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 41));
    const item = await agendaItem(office, session.id);

    const v1 = await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决政府工作报告', agendaItemId: item.id });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ state: 'open', seatedCount: 60, presentCount: 41, threshold: 31, quorumThreshold: 41, counts: null, margin: null, isPassed: null });
    // One vote at a time.
    const parallel = await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '另一表决', agendaItemId: item.id });
    expect(parallel.json().error.code).toBe('VOTE_ALREADY_OPEN');
    // A session with an open vote cannot close.
    expect((await office.request('POST', `/api/v1/sessions/${session.id}/close`)).json().error.code).toBe('VOTE_STILL_OPEN');

    const closed1 = await presidium.request('POST', `/api/v1/votes/${v1.json().id}/close`, { yes: 30, no: 6, abstain: 5 });
    expect(closed1.statusCode, closed1.body).toBe(200);
    expect(closed1.json()).toMatchObject({ state: 'closed', isPassed: false, threshold: 31, margin: -1, counts: { yes: 30, no: 6, abstain: 5, notVoting: 0 } });

    const v2 = await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决政府工作报告（第二项）', agendaItemId: item.id });
    const closed2 = await presidium.request('POST', `/api/v1/votes/${v2.json().id}/close`, { yes: 31, no: 5, abstain: 3 });
    expect(closed2.json()).toMatchObject({ isPassed: true, threshold: 31, margin: 0, presentCount: 41, counts: { yes: 31, no: 5, abstain: 3, notVoting: 2 } });

    const list = (await office.request('GET', `/api/v1/sessions/${session.id}/votes`)).json();
    expect(list.items.map((v: { isPassed: boolean }) => v.isPassed)).toEqual([false, true]);
  });

  it('counts that exceed those present are refused and the vote stays open', async () => {
    const { seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 45));
    const item = await agendaItem(office, session.id, 'budget', '关于2026年财政预算');
    const v = (await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决预算', agendaItemId: item.id })).json();
    const res = await presidium.request('POST', `/api/v1/votes/${v.id}/close`, { yes: 40, no: 5, abstain: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VOTE_COUNTS_INVALID');
    expect((await office.request('GET', `/api/v1/votes/${v.id}`)).json().state).toBe('open');
    expect((await presidium.request('POST', `/api/v1/votes/${v.id}/close`)).statusCode).toBe(400);
  });

  it('a closed vote’s counts cannot change; a correction is an audited re-vote, a new row', async () => {
    const db = ctx.database.db;
    const { t, seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 50));
    const item = await agendaItem(office, session.id, 'election', '任命副镇长');
    const v = (await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决任命张三为副镇长', agendaItemId: item.id })).json();
    await presidium.request('POST', `/api/v1/votes/${v.id}/close`, { yes: 29, no: 15, abstain: 6 });
    const frozen = await db.selectFrom('session_votes').select(['yes_count', 'no_count', 'abstain_count', 'is_passed', 'seated_count', 'present_count', 'state']).where('id', '=', v.id).executeTakeFirstOrThrow();

    const again = await presidium.request('POST', `/api/v1/votes/${v.id}/close`, { yes: 40, no: 5, abstain: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('VOTE_NOT_OPEN');
    expect((await presidium.request('PATCH', `/api/v1/votes/${v.id}`, { yes: 40 })).statusCode).toBe(404);
    expect(await db.selectFrom('session_votes').select(['yes_count', 'no_count', 'abstain_count', 'is_passed', 'seated_count', 'present_count', 'state']).where('id', '=', v.id).executeTakeFirstOrThrow()).toEqual(frozen);

    expect((await presidium.request('POST', `/api/v1/votes/${v.id}/revote`, {})).statusCode).toBe(400);
    const re = await presidium.request('POST', `/api/v1/votes/${v.id}/revote`, { reason: '计票人员漏计一排，主席团决定重新表决' });
    expect(re.statusCode, re.body).toBe(201);
    expect(re.json()).toMatchObject({ state: 'open', supersedesVoteId: v.id, revoteReason: '计票人员漏计一排，主席团决定重新表决', title: v.title, agendaItemId: item.id, presentCount: 50 });
    const closedRe = await presidium.request('POST', `/api/v1/votes/${re.json().id}/close`, { yes: 33, no: 12, abstain: 5 });
    expect(closedRe.json()).toMatchObject({ isPassed: true, margin: 2 });

    const old = (await office.request('GET', `/api/v1/votes/${v.id}`)).json();
    expect(old).toMatchObject({ state: 'closed', isPassed: false, supersededByVoteId: re.json().id, counts: { yes: 29 } });
    expect(await db.selectFrom('session_votes').select(['yes_count', 'no_count', 'abstain_count', 'is_passed', 'seated_count', 'present_count', 'state']).where('id', '=', v.id).executeTakeFirstOrThrow()).toEqual(frozen);
    // The same vote cannot be superseded twice.
    expect((await presidium.request('POST', `/api/v1/votes/${v.id}/revote`, { reason: '再次' })).json().error.code).toBe('VOTE_ALREADY_SUPERSEDED');

    const audit = await db.selectFrom('audit_log').select(['action', 'entity_id', 'before_json', 'after_json']).where('township_id', '=', t.id).where('action', '=', 'vote.revote').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(re.json().id);
    expect(JSON.parse(audit[0]!.before_json!).id).toBe(v.id);
    expect(JSON.parse(audit[0]!.after_json!).revote_reason).toContain('漏计');
  });

  it('roll call: one ballot per deputy present, counted at closing; late arrivals and closed votes refuse ballots', async () => {
    const { seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 41));
    const item = await agendaItem(office, session.id, 'election', '补选主席团成员');
    const v = await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'roll_call', title: '唱名表决', agendaItemId: item.id });
    expect(v.statusCode, v.body).toBe(201);
    const voteId = v.json().id;
    expect(v.json().ballots).toHaveLength(41);
    // Arrives after the vote opened: no ballot.
    await markPresent(office, session.id, seated.slice(41, 42));
    const late = await presidium.request('POST', `/api/v1/votes/${voteId}/ballots`, { ballots: [{ deputyId: seated[41]!.id, choice: 'yes' }] });
    expect(late.statusCode).toBe(400);

    const ballots = seated.slice(0, 41).map((d, i) => ({ deputyId: d.id, choice: i < 31 ? 'yes' : i < 38 ? 'no' : i < 40 ? 'abstain' : null }));
    const rec = await presidium.request('POST', `/api/v1/votes/${voteId}/ballots`, { ballots });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json().ballotsRecorded).toBe(40);
    expect((await presidium.request('POST', `/api/v1/votes/${voteId}/close`, { yes: 41, no: 0, abstain: 0 })).statusCode).toBe(400);
    const closed = await presidium.request('POST', `/api/v1/votes/${voteId}/close`);
    expect(closed.json(), closed.body).toMatchObject({ isPassed: true, margin: 0, counts: { yes: 31, no: 7, abstain: 2, notVoting: 1 } });
    const after = await presidium.request('POST', `/api/v1/votes/${voteId}/ballots`, { ballots: [{ deputyId: seated[0]!.id, choice: 'no' }] });
    expect(after.json().error.code).toBe('VOTE_NOT_OPEN');
  });

  it('a deputy cannot open or close votes: 403', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 41));
    const item = await agendaItem(office, session.id);
    const deputy = await login(ctx.app, (await buildUser(db, t.id, 'deputy')).username, TEST_PASSWORD);
    const res = await deputy.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: 'x', agendaItemId: item.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('resolutions (决议)', () => {
  it('takes its outcome from the vote, locks its text, and exports an official .docx', async () => {
    const { seated, session, presidium, office } = await openSessionWith60();
    await markPresent(office, session.id, seated.slice(0, 52));
    const item = await agendaItem(office, session.id);
    const created = await office.request('POST', `/api/v1/sessions/${session.id}/resolutions`, {
      title: '关于政府工作报告的决议', body: '会议听取和审议了镇人民政府工作报告。\n会议决定批准这个报告。', agendaItemId: item.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.outcome).toBe('pending');
    expect((await office.request('PATCH', `/api/v1/resolutions/${r.id}`, { body: '会议听取和审议了镇人民政府工作报告。\n会议决定批准这个报告，同意报告提出的2026年工作安排。' })).statusCode).toBe(200);

    const v = (await presidium.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决关于政府工作报告的决议', resolutionId: r.id })).json();
    // The text voted on may not change once the vote opened.
    expect((await office.request('PATCH', `/api/v1/resolutions/${r.id}`, { title: '改' })).json().error.code).toBe('RESOLUTION_LOCKED');
    await presidium.request('POST', `/api/v1/votes/${v.id}/close`, { yes: 50, no: 1, abstain: 1 });
    const got = (await office.request('GET', `/api/v1/resolutions/${r.id}`)).json();
    expect(got).toMatchObject({ outcome: 'adopted', decidedVoteId: v.id, vote: { isPassed: true, threshold: 31, margin: 19 } });
    expect(got.adoptedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const doc = await office.request('GET', `/api/v1/resolutions/${r.id}/document.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('关于政府工作报告的决议.docx')}`);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(doc.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('关于政府工作报告的决议');
    expect(xml).toContain('第十四届人民代表大会第四次会议通过');
    expect(xml).toContain('同意报告提出的2026年工作安排');
    // GB/T 9704: A4, margins 37/35/28/26 mm, exact 28.95 pt lines, 仿宋 body, odd/even page numbers.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    // 22 lines on a line grid; 28 characters a line: 16 pt characters tightened by 0.2 pt.
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:spacing w:val="-4"\/>.*<w:sz w:val="32"\/>/);
    expect(xml).toContain('w:type="even"');
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('w:evenAndOddHeaders');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/footer\d+\.xml/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.some((f) => f.includes('w:val="right"') && f.includes('PAGE'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"') && f.includes('PAGE'))).toBe(true);
  });
});
