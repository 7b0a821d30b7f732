import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyDueDate } from '../../src/domain/deadlines.js';
import { isOverdue } from '../../src/domain/due-dates.js';
import { parseResidentId } from '../../src/domain/resident-id.js';
import { checkCommitteeComposition, electionWinThreshold, isElectionValid } from '../../src/domain/village-election.js';
import { motionCoSignersOk, MOTION_MIN_CO_SIGNERS, passThreshold, quorumThreshold } from '../../src/domain/votes.js';
import { generateTownship, termOf } from '../../src/server/demo/synthetic/generate.js';
import { loadSynthetic } from '../../src/server/demo/synthetic/load.js';
import { pickPlaces } from '../../src/server/demo/synthetic/places.js';
import { Prng } from '../../src/server/demo/synthetic/prng.js';
import { shortVillageName } from '../../src/domain/village-names.js';
import { listDeputies } from '../../src/server/modules/deputies/deputies.repository.js';
import { financeTotals } from '../../src/domain/disclosure.js';
import { collectYearFacts } from '../../src/server/modules/reports/facts.service.js';
import { countConfirmedSigners } from '../../src/server/modules/sessions/sessions.repository.js';
import { login, createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const AS_OF = '2026-11-28';

describe('synthetic data', () => {
  it('is deterministic: the same seed gives identical rows, another seed other rows', async () => {
    const gen = async (seed: number) => {
      const rng = new Prng(seed);
      const [place] = await pickPlaces(rng.fork('places'), 'township');
      return generateTownship(rng.fork(place!.code), place!, { asOf: AS_OF, passwordHash: 'x' });
    };
    const a = await gen(42);
    const b = await gen(42);
    expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
    expect(a.deputies.length).toBeGreaterThanOrEqual(40);
    expect(a.motions.length).toBeGreaterThan(0);
    expect(a.motion_signers.length).toBeGreaterThanOrEqual(a.motions.length);
    const c = await gen(43);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it('picks real places: a county of 25 乡镇 with their real village codes', async () => {
    const places = await pickPlaces(new Prng(5).fork('places'), 'county');
    expect(places).toHaveLength(25);
    expect(new Set(places.map((p) => p.countyCode)).size).toBe(1);
    for (const p of places) {
      expect(p.name).toMatch(/[乡镇]$/);
      expect(p.code.startsWith(p.countyCode)).toBe(true);
      for (const v of p.villages) expect(v.code!.startsWith(p.code)).toBe(true);
    }
    expect(places.reduce((n, p) => n + p.villages.length, 0)).toBeGreaterThan(100);
  });

  it('loads a township whose records keep the law, and the county sees it', async () => {
    const db = ctx.database.db;
    const r = await loadSynthetic(db, { scale: 'township', seed: 11, asOf: AS_OF, password: 'Renda@2026' });
    expect(r.townships).toBe(1);
    // Loading again adds nothing.
    expect((await loadSynthetic(db, { scale: 'township', seed: 11, asOf: AS_OF, password: 'Renda@2026' })).skipped).toBe(1);
    const t = await db.selectFrom('townships').selectAll().where('code', '=', r.logins.office.replace('office', '')).executeTakeFirstOrThrow();
    expect(t.is_demo).toBe(true);

    // Deputies: valid 身份证号 (stored the way the repository stores them) matching birth date and gender.
    const deputies = await listDeputies(db, t.id);
    for (const d of deputies) {
      const info = parseResidentId(d.id_number);
      expect(info.ok, d.id_number).toBe(true);
      if (info.ok) {
        expect(info.birthDate).toBe(d.birth_date);
        expect(info.gender).toBe(d.gender);
      }
    }
    // Constituencies of 1 to 3 seats; the township's deputies fill them.
    const cons = await db.selectFrom('constituencies').select(['id', 'seats']).where('township_id', '=', t.id).execute();
    for (const c of cons) {
      expect(c.seats).toBeGreaterThanOrEqual(1);
      expect(c.seats).toBeLessThanOrEqual(3);
    }
    const { term } = termOf(2026);
    expect(deputies.filter((d) => d.level === 'township' && d.term_number === term).length).toBe(cons.reduce((n, c) => n + c.seats, 0));

    // The session had its quorum; every passed vote had more than half of all seated deputies.
    const session = await db.selectFrom('congress_sessions').selectAll().where('township_id', '=', t.id).executeTakeFirstOrThrow();
    const seats = await db.selectFrom('session_seats').select('status').where('session_id', '=', session.id).execute();
    expect(seats.length).toBe(session.seated_count);
    expect(seats.filter((s) => s.status === 'present').length).toBeGreaterThanOrEqual(quorumThreshold(session.seated_count!));
    const votes = await db.selectFrom('session_votes').selectAll().where('session_id', '=', session.id).execute();
    expect(votes.length).toBeGreaterThan(0);
    for (const v of votes) {
      expect(v.yes_count! + v.no_count! + v.abstain_count!).toBeLessThanOrEqual(v.present_count);
      expect(v.is_passed).toBe(v.yes_count! >= passThreshold(v.seated_count));
    }

    // Suggestions: due dates by the statute, replies on time or late against them.
    const sugg = await db.selectFrom('suggestions').selectAll().where('township_id', '=', t.id).execute();
    expect(sugg.length).toBeGreaterThan(5);
    for (const s of sugg.filter((x) => x.round === 1)) expect(s.reply_due_on).toBe(replyDueDate(s.assigned_on!, { difficult: s.is_difficult }));
    const replies = await db.selectFrom('suggestion_replies').selectAll().where('township_id', '=', t.id).execute();
    for (const rep of replies) expect(rep.is_on_time).toBe(!isOverdue(rep.due_on, rep.replied_on));
    expect(new Set(sugg.map((s) => s.ref_no)).size).toBe(sugg.length);

    // 述职评议 ratings never exceed the attendees.
    const evals = await db.selectFrom('duty_evaluations').select('id').where('township_id', '=', t.id).execute();
    for (const e of evals) {
      const att = await db.selectFrom('duty_evaluation_attendees').select('count').where('evaluation_id', '=', e.id).execute();
      const total = att.reduce((n, a) => n + a.count, 0);
      for (const d of await db.selectFrom('duty_evaluation_deputies').selectAll().where('evaluation_id', '=', e.id).execute()) {
        expect(d.satisfied_count! + d.basic_count! + d.dissatisfied_count!).toBeLessThanOrEqual(total);
      }
    }

    // 协办: co-units assigned with the lead unit; their contacts fall between assignment and the reply.
    const coUnits = await db.selectFrom('suggestion_units').selectAll().where('township_id', '=', t.id).where('role', '=', 'co').execute();
    expect(coUnits.length).toBeGreaterThan(0);
    const coContacts = await db.selectFrom('suggestion_contacts').selectAll().where('township_id', '=', t.id).execute();
    let coContactCount = 0;
    for (const u of coUnits) {
      const s = sugg.find((x) => x.id === u.suggestion_id)!;
      expect(u.unit_id).not.toBe(s.lead_unit_id);
      expect(u.assigned_on).toBe(s.assigned_on);
      for (const k of coContacts.filter((x) => x.suggestion_id === s.id && x.unit_id === u.unit_id)) {
        coContactCount++;
        expect(k.contacted_on >= s.assigned_on!).toBe(true);
        if (s.replied_on) expect(k.contacted_on <= s.replied_on).toBe(true);
      }
    }
    expect(coContactCount).toBeGreaterThan(0);

    // 民情意见 and 梳理归纳: phones sealed at rest; a consolidation's suggestion came after its opinions.
    const opinions = await db.selectFrom('resident_opinions').selectAll().where('township_id', '=', t.id).execute();
    expect(opinions.length).toBeGreaterThan(5);
    for (const o of opinions) if (o.resident_phone) expect(o.resident_phone).not.toMatch(/^1\d{10}$/);
    expect(new Set(opinions.map((o) => o.ref_no)).size).toBe(opinions.length);
    const consolidations = await db.selectFrom('opinion_consolidations').selectAll().where('township_id', '=', t.id).execute();
    expect(consolidations.length).toBeGreaterThan(0);
    for (const c of consolidations) {
      const members = opinions.filter((o) => o.consolidation_id === c.id);
      expect(members.length).toBeGreaterThanOrEqual(2);
      for (const o of members) {
        expect(o.category).toBe(c.category);
        expect(o.closed_at).toBeNull();
      }
      if (c.suggestion_id) {
        const s = sugg.find((x) => x.id === c.suggestion_id)!;
        expect(s.category).toBe(c.category);
        for (const o of members) expect(s.submitted_at!.slice(0, 10) >= o.received_on).toBe(true);
      }
    }
    const dutyOpinions = await ctx.database.db.selectFrom('resident_opinions').select('id').where('township_id', '=', t.id).where('source', '=', 'activity').execute();
    expect(dutyOpinions.length).toBeGreaterThan(0);

    // 村委会换届选举: every village voted with a valid turnout; winners had more than half the ballots
    // cast (村民委员会组织法 第15条); the tally adds up; each committee has 3+ members and a woman.
    const round = await db.selectFrom('election_rounds').selectAll().where('township_id', '=', t.id).executeTakeFirstOrThrow();
    expect(round.year).toBe(2026);
    const elections = await db.selectFrom('village_elections').selectAll().where('round_id', '=', round.id).execute();
    const villageCount = (await db.selectFrom('villages').select('id').where('township_id', '=', t.id).execute()).length;
    expect(elections.length).toBe(villageCount);
    for (const e of elections) {
      const voters = await db.selectFrom('election_voters').select(['id_number_sealed', 'id_number_masked']).where('election_id', '=', e.id).execute();
      expect(voters.length).toBe(e.registered_frozen);
      for (const v of voters) expect(v.id_number_sealed).not.toMatch(/^\d{17}[\dX]$/);
      expect(isElectionValid({ registered: e.registered_frozen!, cast: e.first_cast! })).toBe(true);
      expect(e.state).toBe('done');
      const cands = await db.selectFrom('election_candidates').selectAll().where('election_id', '=', e.id).execute();
      const box = await db.selectFrom('election_box_counts').selectAll().where('election_id', '=', e.id).executeTakeFirstOrThrow();
      expect(box.returned).toBe(e.first_cast);
      expect(box.valid + box.invalid).toBe(box.returned);
      expect(box.issued).toBeGreaterThanOrEqual(box.returned);
      const boxVotes = JSON.parse(box.votes_json) as Record<string, number>;
      for (const cand of cands) {
        expect(boxVotes[cand.id]).toBe(cand.first_votes);
        expect(cand.elected_in === 'first').toBe(cand.first_votes! >= electionWinThreshold(e.first_cast!));
      }
      for (const [office, seats] of [['chair', e.seats_chair], ['vice_chair', e.seats_vice_chair], ['member', e.seats_member]] as const) {
        const own = cands.filter((x) => x.office === office);
        expect(own.length).toBeGreaterThan(seats);
        expect(own.filter((x) => x.elected_in === 'first')).toHaveLength(seats);
        expect(own.reduce((n, x) => n + x.first_votes!, 0)).toBeLessThanOrEqual(seats * box.valid);
      }
      expect(checkCommitteeComposition({ members: cands.filter((x) => x.elected_in).map((x) => ({ gender: x.gender, office: x.office })) })).toEqual([]);
      const entries = await db.selectFrom('election_tally_entries').selectAll().where('election_id', '=', e.id).execute();
      expect(entries).toHaveLength(2);
      expect(entries[0]!.votes_json).toBe(entries[1]!.votes_json);
    }

    // The county office logs in and sees the township on its dashboard.
    const county = await login(ctx.app, r.logins.county[0]!, 'Renda@2026');
    const dash = (await county.request('GET', '/api/v1/county/dashboard?year=2026')).json() as { townships: { id: string; suggestions: { total: number }; sessions: { held: number } }[] };
    const row = dash.townships.find((x) => x.id === t.id)!;
    expect(row.suggestions.total).toBe(sugg.length);
    expect(row.sessions.held).toBe(1);
    // The county's election progress: every village of the 2026 round done.
    const full = (await county.request('GET', '/api/v1/county/dashboard?year=2026')).json() as { elections: { available: boolean; rows: { townshipId: string; villages: number; done: number; completionRate: number | null }[] } };
    expect(full.elections.available).toBe(true);
    expect(full.elections.rows.find((x) => x.townshipId === t.id)).toMatchObject({ villages: villageCount, done: villageCount, completionRate: 100 });
    // And the township's office logs in with the generated login.
    expect((await (await login(ctx.app, r.logins.office, 'Renda@2026')).request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('gives the township its disclosure, rule-of-law and portal records, consistent with the modules’ checks', async () => {
    const db = ctx.database.db;
    await loadSynthetic(db, { scale: 'township', seed: 11, asOf: AS_OF, password: 'Renda@2026' });
    const [place] = await pickPlaces(new Prng(11).fork('places'), 'township');
    const t = await db.selectFrom('townships').selectAll().where('code', '=', place!.code).executeTakeFirstOrThrow();

    // 村务公开 and 财务公开: totals add up, and each version in force opens with the closing balance
    // of the village's previous one in force (the carry-over check of the import).
    const villages = await db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', t.id).execute();
    const disclosures = await db.selectFrom('village_disclosures').selectAll().where('township_id', '=', t.id).orderBy('period_start').orderBy('version').execute();
    expect(disclosures.length).toBeGreaterThan(villages.length);
    const lines = await db.selectFrom('village_finance_lines').selectAll().where('township_id', '=', t.id).execute();
    const items = await db.selectFrom('village_disclosure_items').select('disclosure_id').where('township_id', '=', t.id).execute();
    for (const v of villages) {
      let previousClosing: number | null = null;
      for (const d of disclosures.filter((x) => x.village_id === v.id)) {
        expect(d.period_end < AS_OF).toBe(true);
        expect(d.published_on! > d.period_end && d.published_on! <= AS_OF).toBe(true);
        const own = lines.filter((l) => l.disclosure_id === d.id).map((l) => ({ ...l, amount: Number(l.amount) }));
        const totals = financeTotals(own, Number(d.opening_balance));
        expect([Number(d.total_income), Number(d.total_expense), Number(d.closing_balance)]).toEqual([totals.income, totals.expense, totals.expectedClosing]);
        expect(items.filter((i) => i.disclosure_id === d.id).length).toBeGreaterThan(0);
        if (d.status === 'superseded') {
          const next = disclosures.find((x) => x.village_id === v.id && x.period_start === d.period_start && x.version === d.version + 1)!;
          expect(next.published_on).toBe(d.superseded_on);
          expect(Number(next.opening_balance)).toBe(Number(d.opening_balance));
          continue;
        }
        expect(d.status).toBe('published');
        if (previousClosing !== null) expect(Number(d.opening_balance)).toBe(previousClosing);
        previousClosing = Number(d.closing_balance);
      }
    }

    // The office's overview agrees: every village listed, and a period never published past its
    // grace period shows as overdue.
    const office = await login(ctx.app, `office${t.code}`, 'Renda@2026');
    const overview = (await office.request('GET', `/api/v1/townships/${t.id}/disclosure/overview?year=2026`)).json() as {
      villages: { villageId: string; overdue: number }[]; enforcementUnits: { current: { version: number } | null }[]; schools: { published: number }[];
    };
    expect(overview.villages).toHaveLength(villages.length);
    for (const v of overview.villages) {
      const published = new Set(disclosures.filter((d) => d.village_id === v.villageId).map((d) => d.period_start));
      expect(v.overdue).toBe(['2026-01-01', '2026-04-01', '2026-07-01'].filter((p) => !published.has(p)).length);
    }
    // Boards: one version in force per unit that has one, the earlier ones superseded.
    const boards = await db.selectFrom('enforcement_boards').selectAll().where('township_id', '=', t.id).execute();
    expect(boards.length).toBeGreaterThan(0);
    for (const b of boards.filter((x) => x.status === 'superseded')) expect(boards.some((n) => n.unit_id === b.unit_id && n.version === b.version + 1 && n.published_on === b.superseded_on)).toBe(true);
    expect(overview.enforcementUnits.filter((u) => u.current).length).toBe(new Set(boards.map((b) => b.unit_id)).size);
    expect(overview.schools.every((s) => s.published > 0)).toBe(true);

    // Complaints: concluded ones have their outcome, after they were received; model villages accepted
    // only with every criterion met.
    for (const c of await db.selectFrom('administrative_complaints').selectAll().where('township_id', '=', t.id).execute()) {
      expect(c.outcome === null).toBe(c.concluded_on === null);
      if (c.concluded_on) expect(c.concluded_on >= c.received_on && c.concluded_on <= AS_OF).toBe(true);
    }
    const entries = await db.selectFrom('model_village_entries').selectAll().where('township_id', '=', t.id).execute();
    const criteria = await db.selectFrom('model_village_criteria').selectAll().where('township_id', '=', t.id).execute();
    for (const e of entries.filter((x) => x.status === 'accepted')) expect(criteria.filter((k) => k.entry_id === e.id).every((k) => k.is_met)).toBe(true);

    // The year facts count them: the summary's 依法治镇 part has figures from these rows.
    const facts = await collectYearFacts(db, t, 2026);
    const section = facts.sections.find((x) => x.key === 'disclosure')!;
    const fact = (key: string) => section.facts.find((f) => f.key === key)!.value;
    expect(fact('disclosure.villagesTotal')).toBe(villages.length);
    expect(fact('disclosure.schoolsDisclosing')).toBe(overview.schools.length);
    expect(fact('disclosure.complaints')).toBe((await db.selectFrom('administrative_complaints').select('id').where('township_id', '=', t.id).execute()).length);

    // The portal: its 栏目, the published articles on the home page and found by search; drafts never.
    const articles = await db.selectFrom('articles').selectAll().where('township_id', '=', t.id).execute();
    const published = articles.filter((a) => a.status === 'published');
    expect(published.length).toBeGreaterThan(3);
    expect(articles.some((a) => a.status === 'draft')).toBe(true);
    const home = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/` });
    expect(home.statusCode).toBe(200);
    const newest = [...published].sort((a, b) => b.published_at!.localeCompare(a.published_at!))[0]!;
    expect(home.body).toContain(newest.title);
    for (const a of articles.filter((x) => x.status !== 'published')) expect(home.body).not.toContain(a.title);
    const page = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/a/${newest.id}` });
    expect(page.statusCode).toBe(200);
    const search = await ctx.app.inject({ method: 'GET', url: `/t/${t.code}/search?q=${encodeURIComponent(newest.title.replace(/[^\u4e00-\u9fa5]/g, '').slice(-6))}` });
    expect(search.body).toContain(newest.title);
  });

  it('gives the township its follow-ups: 分片挂点, 代表码, 督办 and 落实, study, election guidance and proxies; and the county its notices', async () => {
    const db = ctx.database.db;
    await loadSynthetic(db, { scale: 'township', seed: 11, asOf: AS_OF, password: 'Renda@2026' });
    const [place] = await pickPlaces(new Prng(11).fork('places'), 'township');
    const t = await db.selectFrom('townships').selectAll().where('code', '=', place!.code).executeTakeFirstOrThrow();
    const facts = await collectYearFacts(db, t, 2026);
    const fact = (key: string) => facts.sections.flatMap((x) => x.facts).find((f) => f.key === key)!.value;
    const villages = await db.selectFrom('villages').select('id').where('township_id', '=', t.id).execute();

    // 分片挂点: every village looked after by the chair or the vice-chair.
    expect(fact('presidium.assignmentCount')).toBe(villages.length);
    // 集中学习 at least twice a year; the guidance group has its leader; staff were trained.
    expect(fact('duty.study.count')).toBeGreaterThanOrEqual(2);
    expect(fact('elections.guidanceLeader')).toEqual(expect.any(String));
    expect(fact('elections.trainingSessions')).toBeGreaterThanOrEqual(1);

    // 述职评议: deputies report to the voters of their own constituency.
    for (const e of await db.selectFrom('duty_evaluations').select(['id', 'constituency_id']).where('township_id', '=', t.id).execute()) {
      const rated = await db.selectFrom('duty_evaluation_deputies as r').innerJoin('deputies as d', 'd.id', 'r.deputy_id').select('d.constituency_id').where('r.evaluation_id', '=', e.id).execute();
      expect(rated.length).toBeGreaterThan(0);
      for (const r of rated) expect(r.constituency_id).toBe(e.constituency_id);
    }

    // 督办 only after the due day had passed; 落实 entries match the suggestion's implementation.
    const sugg = await db.selectFrom('suggestions').selectAll().where('township_id', '=', t.id).execute();
    for (const v of await db.selectFrom('suggestion_supervisions').selectAll().where('township_id', '=', t.id).execute()) {
      const s = sugg.find((x) => x.id === v.suggestion_id)!;
      expect(v.acted_on > s.reply_due_on!).toBe(true);
    }
    const progress = await db.selectFrom('suggestion_progress').selectAll().where('township_id', '=', t.id).execute();
    for (const s of sugg.filter((x) => x.implementation === 'implemented')) expect(progress.some((p) => p.suggestion_id === s.id && p.status === 'implemented' && p.entry_on === s.implemented_on)).toBe(true);

    // 委托投票: nobody delegates twice or both delegates and holds; at most three per holder.
    const proxies = await db.selectFrom('election_proxies').selectAll().where('township_id', '=', t.id).execute();
    const principals = new Set(proxies.map((p) => p.principal_voter_id));
    expect(principals.size).toBe(proxies.length);
    for (const p of proxies) {
      expect(principals.has(p.proxy_voter_id)).toBe(false);
      expect(proxies.filter((x) => x.proxy_voter_id === p.proxy_voter_id).length).toBeLessThanOrEqual(3);
    }

    // 代表码: a seated deputy's public opinion form opens on the portal.
    const code = await db.selectFrom('deputy_public_codes').select('public_code').where('township_id', '=', t.id).executeTakeFirstOrThrow();
    const form = await ctx.app.inject({ method: 'GET', url: `/d/${code.public_code}` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('代表');

    // The county's 联系选民月 notice: each township's report-back quotes its own June figures.
    const county = await login(ctx.app, `county${t.county_code}`, 'Renda@2026');
    const notices = (await county.request('GET', '/api/v1/county/notices?year=2026')).json() as { items: { id: string; title: string; tasks: number; reported: number }[] };
    const month = notices.items.find((n) => n.title.includes('联系选民月'))!;
    expect(month.tasks).toBeGreaterThanOrEqual(1);
    const detail = (await county.request('GET', `/api/v1/county/notices/${month.id}`)).json() as { tasks: { townshipId: string; status: string; reportText: string | null }[] };
    const task = detail.tasks.find((x) => x.townshipId === t.id)!;
    expect(task.status).toBe('reported');
    const june = await db.selectFrom('duty_activities').select('voters_contacted').where('township_id', '=', t.id).where('county_notice', '=', '联系选民月').execute();
    expect(task.reportText).toContain(`联系选民${june.reduce((n, a) => n + a.voters_contacted, 0)}人次`);
    expect(notices.items.some((n) => n.title.includes('代表建议办理情况'))).toBe(true);
  });

  it('gives the session its 议案: jointly signed by seated deputies, put on the agenda with 5 or more confirmed signers or handed on as 建议', async () => {
    const db = ctx.database.db;
    // Seed 11's township (the other tests') and seed 42's: between them, motions of every outcome.
    const townships = [];
    for (const seed of [11, 42]) {
      await loadSynthetic(db, { scale: 'township', seed, asOf: AS_OF, password: 'Renda@2026' });
      const [place] = await pickPlaces(new Prng(seed).fork('places'), 'township');
      townships.push(await db.selectFrom('townships').selectAll().where('code', '=', place!.code).executeTakeFirstOrThrow());
    }
    const ids = townships.map((t) => t.id);
    const motions = await db.selectFrom('motions').selectAll().where('township_id', 'in', ids).execute();
    const signers = await db.selectFrom('motion_signers').selectAll().where('township_id', 'in', ids).execute();
    expect(motions.filter((m) => m.state === 'on_agenda').length).toBeGreaterThan(0);
    expect(motions.filter((m) => m.state === 'converted_to_suggestion').length).toBeGreaterThan(0);
    for (const m of motions) {
      const session = await db.selectFrom('congress_sessions').selectAll().where('id', '=', m.session_id).executeTakeFirstOrThrow();
      expect(session.township_id).toBe(m.township_id);
      expect(session.state).toBe('closed');
      // Every signer is seated in that session (its frozen seat list); the lead signs once, as the lead.
      const seats = new Set((await db.selectFrom('session_seats').select('deputy_id').where('session_id', '=', m.session_id).execute()).map((x) => x.deputy_id));
      const own = signers.filter((x) => x.motion_id === m.id);
      expect(own.length).toBeGreaterThanOrEqual(2);
      for (const x of own) expect(seats.has(x.deputy_id), `${m.title}: ${x.deputy_id}`).toBe(true);
      expect(own.filter((x) => x.is_lead).map((x) => x.deputy_id)).toEqual([m.lead_deputy_id]);
      for (const x of own) expect(x.confirmation === null).toBe(x.confirmed_at === null);
      expect(m.decided_at! > m.created_at).toBe(true);
      expect(m.decided_at!.slice(0, 10) >= session.start_date && m.decided_at!.slice(0, 10) <= session.end_date).toBe(true);
      const items = await db.selectFrom('agenda_items').selectAll().where('motion_id', '=', m.id).execute();
      const handedOn = await db.selectFrom('suggestions').selectAll().where('motion_id', '=', m.id).execute();
      if (m.state === 'on_agenda') {
        // 5 or more confirmed signers, the lead included, counted as the service counts them.
        const confirmed = await countConfirmedSigners(db, m.id);
        expect(confirmed).toBeGreaterThanOrEqual(MOTION_MIN_CO_SIGNERS);
        expect(motionCoSignersOk(confirmed)).toBe(true);
        // Its agenda item, pointing back at it, and the congress's vote on it.
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ id: m.agenda_item_id, session_id: m.session_id, kind: 'motion', title: m.title });
        const resolution = await db.selectFrom('resolutions').selectAll().where('agenda_item_id', '=', items[0]!.id).executeTakeFirstOrThrow();
        const vote = await db.selectFrom('session_votes').selectAll().where('id', '=', resolution.decided_vote_id!).executeTakeFirstOrThrow();
        expect(vote.agenda_item_id).toBe(items[0]!.id);
        expect(vote.seated_count).toBe(session.seated_count);
        expect(vote.is_passed).toBe(vote.yes_count! >= passThreshold(vote.seated_count));
        expect(resolution.outcome).toBe(vote.is_passed ? 'adopted' : 'rejected');
        expect(handedOn).toHaveLength(0);
      } else {
        expect(m.state).toBe('converted_to_suggestion');
        expect(m.agenda_item_id).toBeNull();
        expect(items).toHaveLength(0);
        // The 建议 the service makes of it (createSuggestionFromMotion), then handled as any other.
        expect(handedOn).toHaveLength(1);
        const s = handedOn[0]!;
        expect(s).toMatchObject({
          township_id: m.township_id, kind: 'suggestion', title: m.title, content: `案由：${m.reason}\n案据：${m.basis}\n方案：${m.proposal}`,
          raised_at: 'session', session_id: m.session_id, author_deputy_id: m.lead_deputy_id, year: 2026,
        });
        expect(s.submitted_at).toBe(m.decided_at);
        expect(s.registered_at).not.toBeNull();
        if (s.round === 1) expect(s.reply_due_on).toBe(replyDueDate(s.assigned_on!, { difficult: s.is_difficult }));
        const copied = await db.selectFrom('suggestion_signers').selectAll().where('suggestion_id', '=', s.id).execute();
        expect(copied.map((x) => [x.deputy_id, x.is_author, x.confirmed_at, x.confirmation]).sort())
          .toEqual(own.map((x) => [x.deputy_id, x.deputy_id === m.lead_deputy_id, x.confirmed_at, x.confirmation]).sort());
        const events = await db.selectFrom('suggestion_events').selectAll().where('suggestion_id', '=', s.id).orderBy('at').execute();
        expect(events[0]).toMatchObject({ action: 'from_motion', to_state: 'submitted', at: s.submitted_at });
        expect(JSON.parse(events[0]!.detail_json!)).toEqual({ motionId: m.id, refNo: s.ref_no });
        expect(events.map((e) => e.action)).toContain('assign');
      }
    }

    // The office sees them through the sessions API, with the signers it counts.
    const t = townships[1]!;
    const office = await login(ctx.app, `office${t.code}`, 'Renda@2026');
    const session = await db.selectFrom('congress_sessions').select('id').where('township_id', '=', t.id).executeTakeFirstOrThrow();
    const listed = (await office.request('GET', `/api/v1/sessions/${session.id}/motions`)).json() as { items: { id: string; state: string; confirmedSigners: number; requiredSigners: number }[] };
    expect(listed.items.map((x) => x.id).sort()).toEqual(motions.filter((m) => m.township_id === t.id).map((m) => m.id).sort());
    for (const x of listed.items.filter((i) => i.state === 'on_agenda')) expect(x.confirmedSigners).toBeGreaterThanOrEqual(x.requiredSigners);

    // The year facts count them: resolutions adopted on motions, and the 建议 handed on among those received.
    for (const tw of townships) {
      const facts = await collectYearFacts(db, tw, 2026);
      const fact = (key: string) => facts.sections.flatMap((x) => x.facts).find((f) => f.key === key)!.value;
      const own = motions.filter((m) => m.township_id === tw.id);
      const adopted = await db.selectFrom('resolutions').select('agenda_item_id').where('township_id', '=', tw.id).where('outcome', '=', 'adopted').execute();
      expect(fact('sessions.resolutionsCount')).toBe(adopted.length);
      const onMotions = adopted.filter((r) => own.some((m) => m.agenda_item_id === r.agenda_item_id)).length;
      expect(onMotions).toBe(own.filter((m) => m.state === 'on_agenda').length);
      const received = await db.selectFrom('suggestions').select(['id', 'motion_id']).where('township_id', '=', tw.id).where('year', '=', 2026).execute();
      expect(fact('suggestions.received')).toBe(received.length);
      expect(received.filter((x) => x.motion_id).length).toBe(own.filter((m) => m.state === 'converted_to_suggestion').length);
      // and the 议案 themselves, by what became of them.
      expect(fact('sessions.motionsCount')).toBe(own.length);
      expect(fact('sessions.motionsOnAgenda')).toBe(own.filter((m) => m.state === 'on_agenda').length);
      expect(fact('sessions.motionsConverted')).toBe(own.filter((m) => m.state === 'converted_to_suggestion').length);
    }
  });

  it('gives a county\'s sessions motions of every outcome, and a session still to come motions collecting signatures', async () => {
    const places = await pickPlaces(new Prng(5).fork('places'), 'county');
    const generate = (asOf: string) => {
      const rng = new Prng(5);
      return places.map((p) => generateTownship(rng.fork(p.code), p, { asOf, passwordHash: 'x' }));
    };
    const year = generate(AS_OF);
    const all = year.flatMap((r) => r.motions);
    // A small number per session (0 to 3), most put on the agenda or handed on.
    for (const r of year) expect(r.motions.length).toBeLessThanOrEqual(3);
    expect(all.length).toBeGreaterThan(places.length / 2);
    expect(all.filter((m) => m.state === 'on_agenda').length).toBeGreaterThan(0);
    expect(all.filter((m) => m.state === 'converted_to_suggestion').length).toBeGreaterThan(0);
    for (const r of year) {
      for (const m of r.motions) {
        const signed = r.motion_signers.filter((x) => x.motion_id === m.id);
        if (m.state === 'on_agenda') expect(signed.filter((x) => x.confirmed_at).length).toBeGreaterThanOrEqual(MOTION_MIN_CO_SIGNERS);
        if (m.state === 'converted_to_suggestion') expect(r.suggestions.filter((s) => s.motion_id === m.id)).toHaveLength(1);
        if (signed.length < MOTION_MIN_CO_SIGNERS) expect(m.state).toBe('converted_to_suggestion');
      }
    }
    // Every vote falls while its session sits: after it opened, before it closed.
    for (const r of year) {
      for (const v of r.session_votes) {
        const s = r.congress_sessions.find((x) => x.id === v.session_id)!;
        expect(v.closed_at! > s.opened_at! && v.closed_at! < s.closed_at!, `${v.title} ${v.closed_at} in ${s.opened_at}–${s.closed_at}`).toBe(true);
      }
    }
    // Before the sessions: motions filed in the days before a session, undecided, signed by deputies in office.
    const early = generate('2026-02-14');
    const pending = early.flatMap((r) => r.motions.filter((m) => r.congress_sessions[0]!.state === 'planned' && m.session_id === r.congress_sessions[0]!.id).map((m) => ({ r, m })));
    expect(pending.length).toBeGreaterThan(0);
    for (const { r, m } of pending) {
      expect(m).toMatchObject({ state: 'submitted', agenda_item_id: null, decided_at: null });
      expect(m.created_at.slice(0, 10) <= '2026-02-14').toBe(true);
      for (const x of r.motion_signers.filter((y) => y.motion_id === m.id)) {
        const d = r.deputies.find((y) => y.id === x.deputy_id)!;
        expect(d).toMatchObject({ level: 'township', mandate_end: null });
        if (x.confirmed_at) expect(x.confirmed_at.slice(0, 10) <= '2026-02-14' && x.confirmed_at > m.created_at).toBe(true);
      }
    }
  });

  it('names villages the way running text does', () => {
    expect(shortVillageName('勤阳村村民委员会')).toBe('勤阳村');
    expect(shortVillageName('红心社区居民委员会')).toBe('红心社区');
    expect(shortVillageName('东山村委会')).toBe('东山村');
    expect(shortVillageName('城关居委会')).toBe('城关社区');
  });
});
