import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTownship, buildUser, TEST_PASSWORD } from '../helpers/factories.js';
import { buildDeputies, buildDeputyUser, buildSession } from '../helpers/session-factories.js';
import { createTestContext, login, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

async function setup(options: { open?: boolean; deputies?: number } = {}) {
  const db = ctx.database.db;
  const t = await buildTownship(db);
  const seated = await buildDeputies(db, t.id, options.deputies ?? 12);
  const session = await buildSession(db, t.id);
  const office = await login(ctx.app, (await buildUser(db, t.id, 'office')).username, TEST_PASSWORD);
  const presidium = await login(ctx.app, (await buildUser(db, t.id, 'presidium')).username, TEST_PASSWORD);
  if (options.open !== false) expect((await office.request('POST', `/api/v1/sessions/${session.id}/open`)).statusCode).toBe(200);
  return { t, seated, session, office, presidium };
}

async function tokenOf(sessionId: string): Promise<string> {
  const row = await ctx.database.db.selectFrom('congress_sessions').select('checkin_token').where('id', '=', sessionId).executeTakeFirstOrThrow();
  return row.checkin_token!;
}

describe('QR check-in', () => {
  it('the screen shows an SVG QR code of the phone page; the deputy confirms and is present, once', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office } = await setup();
    const qr = await office.request('GET', `/api/v1/sessions/${session.id}/checkin-qr`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    const url = String(qr.headers['x-checkin-url']);
    const token = await tokenOf(session.id);
    expect(url).toMatch(new RegExp(`^https?://[^/]+/app/checkin/${token}$`));
    const detail = (await office.request('GET', `/api/v1/sessions/${session.id}`)).json();
    expect(detail.checkinPath).toBe(`/app/checkin/${token}`);

    const du = await buildDeputyUser(db, t.id, seated[3]!.id);
    const deputy = await login(ctx.app, du.username, TEST_PASSWORD);
    // A deputy cannot fetch the token or the QR code themselves.
    expect((await deputy.request('GET', `/api/v1/sessions/${session.id}/checkin-qr`)).statusCode).toBe(403);
    expect((await deputy.request('GET', `/api/v1/sessions/${session.id}`)).json().checkinPath).toBeNull();

    const info = await deputy.request('GET', `/api/v1/checkin/${token}`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json().session.fullName).toContain('第十四届人民代表大会第四次会议');
    expect(info.json().seat).toMatchObject({ deputyId: seated[3]!.id, status: 'unmarked' });

    const first = await deputy.request('POST', `/api/v1/checkin/${token}`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ alreadyPresent: false, seat: { status: 'present', checkInMethod: 'qr' } });
    const second = await deputy.request('POST', `/api/v1/checkin/${token}`);
    expect(second.json()).toMatchObject({ alreadyPresent: true, seat: { status: 'present' } });
    const audits = await db.selectFrom('audit_log').select('id').where('township_id', '=', t.id).where('action', '=', 'session.checkin').execute();
    expect(audits).toHaveLength(1);
    const att = (await office.request('GET', `/api/v1/sessions/${session.id}/attendance`)).json();
    expect(att.quorum.present).toBe(1);
  });

  it('refuses a deputy who is not seated, a non-deputy, a wrong token, and check-in before or after the session', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office } = await setup({ open: false });
    const [retired] = await buildDeputies(db, t.id, 1, { mandateEnd: '2025-12-31', constituencies: 0 });
    const notSeated = await login(ctx.app, (await buildDeputyUser(db, t.id, retired!.id)).username, TEST_PASSWORD);
    const seatedUser = await login(ctx.app, (await buildDeputyUser(db, t.id, seated[0]!.id)).username, TEST_PASSWORD);
    // Planned: no token yet, no QR.
    expect((await office.request('GET', `/api/v1/sessions/${session.id}/checkin-qr`)).json().error.code).toBe('SESSION_STATE_INVALID');
    await office.request('POST', `/api/v1/sessions/${session.id}/open`);
    const token = await tokenOf(session.id);

    const refused = await notSeated.request('POST', `/api/v1/checkin/${token}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('DEPUTY_NOT_SEATED');
    expect((await notSeated.request('GET', `/api/v1/checkin/${token}`)).json().seat).toBeNull();
    expect((await office.request('POST', `/api/v1/checkin/${token}`)).statusCode).toBe(403);
    expect((await seatedUser.request('POST', `/api/v1/checkin/${'x'.repeat(32)}`)).statusCode).toBe(404);
    expect((await seatedUser.request('POST', '/api/v1/checkin/short')).statusCode).toBe(400);

    await office.request('POST', `/api/v1/sessions/${session.id}/close`);
    const late = await seatedUser.request('POST', `/api/v1/checkin/${token}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SESSION_STATE_INVALID');
    // Closing recorded everyone unmarked as absent.
    const att = (await office.request('GET', `/api/v1/sessions/${session.id}/attendance`)).json();
    expect(att.quorum).toMatchObject({ present: 0, absent: 12, unmarked: 0 });
  });

  it('a deputy of another township cannot use the token: 404 and nothing changes', async () => {
    const db = ctx.database.db;
    const { session } = await setup();
    const token = await tokenOf(session.id);
    const other = await buildTownship(db);
    const [d] = await buildDeputies(db, other.id, 1);
    const stranger = await login(ctx.app, (await buildDeputyUser(db, other.id, d!.id)).username, TEST_PASSWORD);
    expect((await stranger.request('POST', `/api/v1/checkin/${token}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/checkin/${token}`)).statusCode).toBe(404);
    const present = await db.selectFrom('session_seats').select('deputy_id').where('session_id', '=', session.id).where('status', '=', 'present').execute();
    expect(present).toEqual([]);
  });
});

describe('motions (议案): 5 or more deputies jointly (地方组织法 第22条)', () => {
  it('exactly 4 confirmed signers is refused, 5 is put on the agenda', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office, presidium } = await setup();
    const users = await Promise.all(seated.slice(0, 5).map((d) => buildDeputyUser(db, t.id, d.id)));
    const [lead, s1, s2, s3, s4] = await Promise.all(users.map((u) => login(ctx.app, u.username, TEST_PASSWORD)));

    const created = await lead!.request('POST', `/api/v1/sessions/${session.id}/motions`, {
      title: '关于加快镇区污水管网建设的议案',
      reason: '镇区生活污水直排河道，群众反映强烈。',
      basis: '《水污染防治法》；镇总体规划。',
      proposal: '一、将管网建设列入年度重点项目；二、分两期实施。',
      coSignerIds: seated.slice(1, 5).map((d) => d.id),
    });
    expect(created.statusCode, created.body).toBe(201);
    const motion = created.json();
    expect(motion).toMatchObject({ state: 'submitted', leadDeputyId: seated[0]!.id, confirmedSigners: 1, requiredSigners: 5 });
    expect(motion.signers).toHaveLength(5);
    expect(motion.signers[0]).toMatchObject({ isLead: true, confirmation: 'self' });

    // A deputy may confirm only their own signature.
    expect((await s1!.request('POST', `/api/v1/motions/${motion.id}/signers/${seated[2]!.id}/confirm`)).statusCode).toBe(403);
    for (const [i, s] of [s1, s2, s3].entries()) {
      const r = await s!.request('POST', `/api/v1/motions/${motion.id}/signers/${seated[i + 1]!.id}/confirm`);
      expect(r.statusCode, r.body).toBe(200);
    }
    const four = await presidium.request('POST', `/api/v1/motions/${motion.id}/decision`, { decision: 'put_on_agenda' });
    expect(four.statusCode).toBe(409);
    expect(four.json().error.code).toBe('MOTION_TOO_FEW_SIGNERS');
    expect(four.json().error.message).toContain('4');
    expect((await db.selectFrom('motions').select('state').where('id', '=', motion.id).executeTakeFirstOrThrow()).state).toBe('submitted');

    // The fifth signs on paper; the office records it.
    const paper = await office.request('POST', `/api/v1/motions/${motion.id}/signers/${seated[4]!.id}/confirm`);
    expect(paper.json().signers.find((x: { deputyId: string }) => x.deputyId === seated[4]!.id)).toMatchObject({ confirmation: 'paper' });
    expect(paper.json().confirmedSigners).toBe(5);
    expect(s4).toBeDefined();
    // A deputy cannot decide.
    expect((await lead!.request('POST', `/api/v1/motions/${motion.id}/decision`, { decision: 'put_on_agenda' })).statusCode).toBe(403);
    const five = await presidium.request('POST', `/api/v1/motions/${motion.id}/decision`, { decision: 'put_on_agenda', note: '主席团第二次会议决定列入议程' });
    expect(five.statusCode, five.body).toBe(200);
    expect(five.json()).toMatchObject({ state: 'on_agenda', decisionNote: '主席团第二次会议决定列入议程' });
    const detail = (await office.request('GET', `/api/v1/sessions/${session.id}`)).json();
    expect(detail.agenda.find((a: { id: string }) => a.id === five.json().agendaItemId)).toMatchObject({ kind: 'motion', motionId: motion.id, title: motion.title });
    // Decided once.
    expect((await presidium.request('POST', `/api/v1/motions/${motion.id}/decision`, { decision: 'convert_to_suggestion' })).json().error.code).toBe('MOTION_STATE_INVALID');
  });

  it('the presidium may hand a motion on as a 建议; the office records a paper motion for a lead', async () => {
    const { t, seated, session, office, presidium } = await setup({ open: false });
    const created = await office.request('POST', `/api/v1/sessions/${session.id}/motions`, {
      title: '关于修缮村小学校舍的议案', reason: '校舍老旧。', basis: '安全检查报告。', proposal: '列入明年预算。',
      leadDeputyId: seated[5]!.id, coSignerIds: [seated[6]!.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().confirmedSigners).toBe(0);
    const noLead = await office.request('POST', `/api/v1/sessions/${session.id}/motions`, { title: 'x', reason: 'x', basis: 'x', proposal: 'x', coSignerIds: [] });
    expect(noLead.statusCode).toBe(400);
    const res = await presidium.request('POST', `/api/v1/motions/${created.json().id}/decision`, { decision: 'convert_to_suggestion', note: '不属于镇人大职权范围，作为建议处理' });
    expect(res.json().state).toBe('converted_to_suggestion');
    const list = (await office.request('GET', `/api/v1/sessions/${session.id}/motions`)).json();
    expect(list.items).toHaveLength(1);
    // The suggestions module now holds it as a 建议 raised at the session, awaiting 立案.
    const suggestions = (await office.request('GET', `/api/v1/townships/${t.id}/suggestions`)).json();
    const converted = suggestions.items.find((x: { title: string }) => x.title === '关于修缮村小学校舍的议案');
    expect(converted).toMatchObject({ kind: 'suggestion', state: 'submitted' });
  });

  it('co-signers must be seated deputies of the session', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office } = await setup();
    const [old] = await buildDeputies(db, t.id, 1, { term: 13, constituencies: 0 });
    const res = await office.request('POST', `/api/v1/sessions/${session.id}/motions`, {
      title: 'x', reason: 'x', basis: 'x', proposal: 'x', leadDeputyId: seated[0]!.id, coSignerIds: [old!.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('coSignerIds.0');
  });
});

describe('scope and roles', () => {
  it('should not read or change another township’s session: 404 and nothing changed', async () => {
    const db = ctx.database.db;
    const { t, seated, session, office: otherOffice } = await setup();
    await otherOffice.request('POST', `/api/v1/sessions/${session.id}/attendance`, { entries: seated.slice(0, 9).map((d) => ({ deputyId: d.id, status: 'present' })) });
    const item = (await otherOffice.request('POST', `/api/v1/sessions/${session.id}/agenda-items`, { kind: 'other', title: '其他事项' })).json();
    const resolution = (await otherOffice.request('POST', `/api/v1/sessions/${session.id}/resolutions`, { title: '决议', body: '正文' })).json();
    const vote = (await otherOffice.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: '表决', agendaItemId: item.id })).json();
    const motion = (await otherOffice.request('POST', `/api/v1/sessions/${session.id}/motions`, { title: 'x', reason: 'x', basis: 'x', proposal: 'x', leadDeputyId: seated[0]!.id, coSignerIds: [] })).json();

    const mine = await buildTownship(db);
    const s = await login(ctx.app, (await buildUser(db, mine.id, 'office')).username, TEST_PASSWORD);
    const auditBefore = (await db.selectFrom('audit_log').select('id').where('township_id', '=', t.id).execute()).length;
    const before = await db.selectFrom('congress_sessions').select(['state', 'place', 'seated_count']).where('id', '=', session.id).executeTakeFirstOrThrow();
    const attempts = [
      s.request('GET', `/api/v1/townships/${t.id}/sessions`),
      s.request('POST', `/api/v1/townships/${t.id}/sessions`, { termNumber: 14, sittingNumber: 9, startDate: '2026-06-01', endDate: '2026-06-01', place: 'x' }),
      s.request('GET', `/api/v1/sessions/${session.id}`),
      s.request('PATCH', `/api/v1/sessions/${session.id}`, { place: '别处' }),
      s.request('POST', `/api/v1/sessions/${session.id}/close`),
      s.request('GET', `/api/v1/sessions/${session.id}/attendance`),
      s.request('POST', `/api/v1/sessions/${session.id}/attendance`, { entries: [{ deputyId: seated[10]!.id, status: 'present' }] }),
      s.request('GET', `/api/v1/sessions/${session.id}/checkin-qr`),
      s.request('GET', `/api/v1/sessions/${session.id}/sign-in-sheet.docx`),
      s.request('POST', `/api/v1/sessions/${session.id}/agenda-items`, { kind: 'other', title: 'x' }),
      s.request('PATCH', `/api/v1/agenda-items/${item.id}`, { title: '改' }),
      s.request('GET', `/api/v1/sessions/${session.id}/votes`),
      s.request('POST', `/api/v1/sessions/${session.id}/votes`, { kind: 'show_of_hands', title: 'x', agendaItemId: item.id }),
      s.request('GET', `/api/v1/votes/${vote.id}`),
      s.request('POST', `/api/v1/votes/${vote.id}/close`, { yes: 9, no: 0, abstain: 0 }),
      s.request('POST', `/api/v1/votes/${vote.id}/revote`, { reason: 'x' }),
      s.request('GET', `/api/v1/resolutions/${resolution.id}`),
      s.request('PATCH', `/api/v1/resolutions/${resolution.id}`, { title: '改' }),
      s.request('GET', `/api/v1/resolutions/${resolution.id}/document.docx`),
      s.request('GET', `/api/v1/motions/${motion.id}`),
      s.request('POST', `/api/v1/motions/${motion.id}/decision`, { decision: 'convert_to_suggestion' }),
      s.request('POST', `/api/v1/motions/${motion.id}/signers/${seated[0]!.id}/confirm`),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode, res.body).toBe(404);
    expect(await db.selectFrom('congress_sessions').select(['state', 'place', 'seated_count']).where('id', '=', session.id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await db.selectFrom('session_votes').select('state').where('id', '=', vote.id).executeTakeFirstOrThrow()).state).toBe('open');
    expect((await db.selectFrom('resolutions').select('title').where('id', '=', resolution.id).executeTakeFirstOrThrow()).title).toBe('决议');
    expect((await db.selectFrom('motions').select('state').where('id', '=', motion.id).executeTakeFirstOrThrow()).state).toBe('submitted');
    expect((await db.selectFrom('session_seats').select('status').where('session_id', '=', session.id).where('deputy_id', '=', seated[10]!.id).executeTakeFirstOrThrow()).status).toBe('unmarked');
    expect((await db.selectFrom('audit_log').select('id').where('township_id', '=', t.id).execute()).length).toBe(auditBefore);
  });

  it('a unit handler or village clerk of the township gets 403; a county admin reads but cannot manage', async () => {
    const db = ctx.database.db;
    const countyCode = `6${String(Date.now()).slice(-5)}`;
    const t = await buildTownship(db, { countyCode });
    await buildDeputies(db, t.id, 5);
    const session = await buildSession(db, t.id);
    for (const role of ['unit_handler', 'village_clerk'] as const) {
      const s = await login(ctx.app, (await buildUser(db, t.id, role)).username, TEST_PASSWORD);
      for (const res of await Promise.all([
        s.request('GET', `/api/v1/townships/${t.id}/sessions`),
        s.request('POST', `/api/v1/townships/${t.id}/sessions`, { termNumber: 14, sittingNumber: 5, startDate: '2026-06-01', endDate: '2026-06-01', place: 'x' }),
        s.request('GET', `/api/v1/sessions/${session.id}`),
        s.request('POST', `/api/v1/sessions/${session.id}/open`),
      ])) expect(res.statusCode, `${role} ${res.body}`).toBe(403);
    }
    const county = await login(ctx.app, (await buildUser(db, null, 'county_admin', { countyCode })).username, TEST_PASSWORD);
    expect((await county.request('GET', `/api/v1/sessions/${session.id}`)).statusCode).toBe(200);
    expect((await county.request('POST', `/api/v1/sessions/${session.id}/open`)).statusCode).toBe(403);
    const deputy = await login(ctx.app, (await buildUser(db, t.id, 'deputy')).username, TEST_PASSWORD);
    expect((await deputy.request('POST', `/api/v1/townships/${t.id}/sessions`, { termNumber: 14, sittingNumber: 6, startDate: '2026-06-01', endDate: '2026-06-01', place: 'x' })).statusCode).toBe(403);
    expect((await db.selectFrom('congress_sessions').select('state').where('id', '=', session.id).executeTakeFirstOrThrow()).state).toBe('planned');
    expect((await db.selectFrom('congress_sessions').select('id').where('township_id', '=', t.id).execute())).toHaveLength(1);
  });
});
