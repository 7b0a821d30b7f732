import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehandleDueDate, replyDueDate } from '../../src/domain/deadlines.js';
import { todayInShanghai } from '../../src/domain/due-dates.js';
import { createSuggestionFromMotion } from '../../src/server/modules/suggestions/suggestions.service.js';
import { buildDeputy } from '../helpers/deputy-factories.js';
import { buildTownship } from '../helpers/factories.js';
import { buildDeputies, buildSession } from '../helpers/session-factories.js';
import {
  buildAssignedSuggestion, buildDeputyWithLogin, buildSuggestion, buildSuggestionWorld, loginAs, officeActor, replyAsLead,
} from '../helpers/suggestion-factories.js';
import { createTestContext, upload, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext({ RENDA_DATA_DIR: `/tmp/renda-suggestions-${process.pid}` }); });
afterAll(async () => { await ctx.close(); });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

describe('suggestions: the full workflow through the API', () => {
  it('goes draft → submitted → registered → assigned → contact → replied → satisfied → closed, with events and audit', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const deputy = await loginAs(ctx.app, w.author.user);
    const office = await loginAs(ctx.app, w.office);
    const lead = await loginAs(ctx.app, w.lead.user);
    const co = await loginAs(ctx.app, w.co.user);

    const created = await deputy.request('POST', `/api/v1/townships/${w.township.id}/suggestions`, {
      kind: 'suggestion', title: '关于修复南湾村路灯的建议', content: '南湾村主干道路灯损坏多盏，夜间出行不便，建议尽快修复。', raisedAt: 'between_sessions', isPublic: true,
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.state).toBe('draft');
    expect(draft.refNo).toBeNull();
    expect(draft.actions).toEqual(expect.arrayContaining(['submit', 'edit', 'withdraw']));
    // The office does not see a deputy's draft.
    expect((await office.request('GET', `/api/v1/suggestions/${draft.id}`)).statusCode).toBe(404);

    const submitted = (await deputy.request('POST', `/api/v1/suggestions/${draft.id}/submit`, {})).json();
    expect(submitted.state).toBe('submitted');
    expect(submitted.refNo).toMatch(new RegExp(`^${todayInShanghai().slice(0, 4)}-001$`));

    const registered = await office.request('POST', `/api/v1/suggestions/${draft.id}/register`, { category: '城乡建设' });
    expect(registered.statusCode).toBe(200);
    expect(registered.json()).toMatchObject({ state: 'registered', category: '城乡建设' });

    const assigned = await office.request('POST', `/api/v1/suggestions/${draft.id}/assign`, { leadUnitId: w.lead.unit.id, coUnitIds: [w.co.unit.id], assignedOn: '2026-03-10' });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ state: 'assigned', assignedOn: '2026-03-10', deadline: { replyDueOn: '2026-06-10' }, round: 1, leadUnitName: '村镇建设办公室' });

    // The lead unit sees the author's phone only through the audited reveal.
    const contactInfo = await lead.request('POST', `/api/v1/suggestions/${draft.id}/author-contact`);
    expect(contactInfo.statusCode).toBe(200);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'suggestion.reveal_author_contact').where('township_id', '=', w.township.id).execute()).toHaveLength(1);

    expect((await co.request('POST', `/api/v1/suggestions/${draft.id}/opinions`, { content: '财政所同意安排维修资金。' })).statusCode).toBe(200);
    // A co-unit may not reply; only the lead unit does.
    expect((await co.request('POST', `/api/v1/suggestions/${draft.id}/reply`, { grade: 'A', content: 'x' })).statusCode).toBe(403);
    expect((await lead.request('POST', `/api/v1/suggestions/${draft.id}/contacts`, { method: 'phone', note: '电话联系代表，约定现场查看' })).statusCode).toBe(200);
    const replied = await lead.request('POST', `/api/v1/suggestions/${draft.id}/reply`, { grade: 'A', content: '已更换损坏路灯12盏。' });
    expect(replied.statusCode).toBe(200);
    const r = replied.json();
    expect(r).toMatchObject({ state: 'replied', grade: 'A', implementation: 'implemented' });
    expect(r.replies[0].coUnitOpinions).toEqual([expect.objectContaining({ unitId: w.co.unit.id, content: '财政所同意安排维修资金。' })]);

    const closed = await deputy.request('POST', `/api/v1/suggestions/${draft.id}/feedback`, { rating: 'satisfied', comment: '路灯已修好' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', feedback: 'satisfied' });
    expect(closed.json().actions).not.toContain('feedback');

    const events = closed.json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['create', 'submit', 'register', 'assign', 'opinion', 'contact', 'reply', 'feedback']);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', draft.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['suggestion.create', 'suggestion.register', 'suggestion.assign', 'suggestion.reply', 'suggestion.feedback']));

    // Public: consented and in a public state; no names, no content.
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/townships/${w.township.code}/suggestions/${r.refNo}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ refNo: r.refNo, status: 'closed', reply: '已更换损坏路灯12盏。', leadUnitName: '村镇建设办公室' });
    expect(pub.body).not.toContain(w.author.deputy.name);
    expect(pub.body).not.toContain('夜间出行不便');
  });

  it('the 不满意 loop: back to the unit with the township period, a second contact and reply, feedback again', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const office = await loginAs(ctx.app, w.office);
    // The township's rule: 2 months to reply again.
    expect((await office.request('PATCH', `/api/v1/townships/${w.township.id}`, { settings: { reHandlingMonths: 2 } })).statusCode).toBe(200);
    const id = await buildAssignedSuggestion(db, w);
    await replyAsLead(db, w, id, 'B');
    const deputy = await loginAs(ctx.app, w.author.user);
    const lead = await loginAs(ctx.app, w.lead.user);

    const back = await deputy.request('POST', `/api/v1/suggestions/${id}/feedback`, { rating: 'dissatisfied', comment: '至今未动工' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ state: 're_handling', round: 2, feedback: 'dissatisfied', deadline: { replyDueOn: rehandleDueDate(todayInShanghai(), 2) } });

    // The contact of round 1 does not count for round 2.
    const early = await lead.request('POST', `/api/v1/suggestions/${id}/reply`, { grade: 'B', content: '再次答复' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('SUGGESTION_CONTACT_REQUIRED');
    await lead.request('POST', `/api/v1/suggestions/${id}/contacts`, { method: 'meeting', note: '召开座谈会，当面沟通' });
    const again = await lead.request('POST', `/api/v1/suggestions/${id}/reply`, { grade: 'B', content: '已落实资金，下月开工。' });
    expect(again.json()).toMatchObject({ state: 'replied', round: 2, implementation: 'pending' });
    expect(again.json().actions).not.toContain('reply');
    expect(again.json().replies.map((x: { round: number; feedback: string | null }) => [x.round, x.feedback])).toEqual([[1, 'dissatisfied'], [2, null]]);

    const done = await deputy.request('POST', `/api/v1/suggestions/${id}/feedback`, { rating: 'basically_satisfied' });
    expect(done.json()).toMatchObject({ state: 'closed', feedback: 'basically_satisfied', implementation: 'pending' });

    // 办结 is not 落实: progress with evidence until the promise is kept.
    const file = await upload(ctx.app, lead, `/api/v1/suggestions/${id}/attachments?purpose=evidence`, '施工照片.png', PNG);
    expect(file.statusCode).toBe(201);
    const p1 = await lead.request('POST', `/api/v1/suggestions/${id}/progress`, { status: 'in_progress', content: '已开工，完成路基', attachmentIds: [file.json().id] });
    expect(p1.json()).toMatchObject({ implementation: 'in_progress' });
    expect(p1.json().progress[0].attachmentIds).toEqual([file.json().id]);
    const p2 = await lead.request('POST', `/api/v1/suggestions/${id}/progress`, { status: 'implemented', content: '道路硬化完工并通过验收' });
    expect(p2.json()).toMatchObject({ implementation: 'implemented', implementedOn: todayInShanghai() });
    const p3 = await lead.request('POST', `/api/v1/suggestions/${id}/progress`, { status: 'implemented', content: '重复登记' });
    expect(p3.statusCode).toBe(409);
    const dl = await deputy.request('GET', `/api/v1/suggestion-attachments/${file.json().id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
  });

  it('refuses a reply before the unit has recorded a contact with the deputy', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w);
    const lead = await loginAs(ctx.app, w.lead.user);
    const res = await lead.request('POST', `/api/v1/suggestions/${id}/reply`, { grade: 'A', content: '已解决' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SUGGESTION_CONTACT_REQUIRED');
    expect((await db.selectFrom('suggestions').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('assigned');
    expect(await db.selectFrom('suggestion_replies').select('id').where('suggestion_id', '=', id).execute()).toEqual([]);
  });

  it('a 议案 with 4 confirmed deputies cannot be registered; with 5 it can', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const signers = [];
    for (let i = 0; i < 4; i++) signers.push(await buildDeputyWithLogin(db, w.township.id));
    const id = await buildSuggestion(db, w, { kind: 'motion', coSignerIds: signers.map((s) => s.deputy.id), title: '关于加强河道治理的议案' });
    const office = await loginAs(ctx.app, w.office);
    // Author + 3 confirmed = 4.
    for (const s of signers.slice(0, 3)) {
      const sess = await loginAs(ctx.app, s.user);
      expect((await sess.request('POST', `/api/v1/suggestions/${id}/sign`, {})).statusCode).toBe(200);
    }
    const four = await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '生态环境' });
    expect(four.statusCode).toBe(409);
    expect(four.json().error.code).toBe('SUGGESTION_TOO_FEW_SIGNERS');
    expect((await db.selectFrom('suggestions').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('submitted');
    // The fifth confirms on paper, recorded by the office.
    const paper = await office.request('POST', `/api/v1/suggestions/${id}/sign`, { deputyId: signers[3]!.deputy.id });
    expect(paper.json().confirmedSigners).toBe(5);
    const five = await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '生态环境' });
    expect(five.statusCode).toBe(200);
    expect(five.json().state).toBe('registered');
  });

  it('a 建议 by one deputy alone is registrable; an unknown category is refused; categories are a setting', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildSuggestion(db, w);
    const office = await loginAs(ctx.app, w.office);
    const bad = await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '乡村振兴' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SUGGESTION_CATEGORY_UNKNOWN');
    const t = (await office.request('GET', `/api/v1/townships/${w.township.id}`)).json();
    expect(t.settings.suggestionCategories).toContain('城乡建设');
    await office.request('PATCH', `/api/v1/townships/${w.township.id}`, { settings: { suggestionCategories: [...t.settings.suggestionCategories, '乡村振兴'] } });
    expect((await office.request('POST', `/api/v1/suggestions/${id}/register`, { category: '乡村振兴' })).statusCode).toBe(200);
  });

  it('returns with a reason; the author revises and submits again under the same number', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildSuggestion(db, w);
    const office = await loginAs(ctx.app, w.office);
    const deputy = await loginAs(ctx.app, w.author.user);
    const ret = await office.request('POST', `/api/v1/suggestions/${id}/return`, { reason: '内容不具体，请补充具体路段' });
    expect(ret.json()).toMatchObject({ state: 'returned', returnReason: '内容不具体，请补充具体路段' });
    const refNo = ret.json().refNo;
    expect((await deputy.request('PATCH', `/api/v1/suggestions/${id}`, { content: '东山村三组至西河村五组约2.3公里泥土路，建议硬化。' })).statusCode).toBe(200);
    const again = await deputy.request('POST', `/api/v1/suggestions/${id}/submit`, {});
    expect(again.json()).toMatchObject({ state: 'submitted', refNo, returnReason: null });
    // A state that does not allow it: 409 with the code.
    const wrong = await deputy.request('POST', `/api/v1/suggestions/${id}/submit`, {});
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('SUGGESTION_STATE_INVALID');
  });

  it('shows similar earlier suggestions with scores when registering', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    await buildSuggestion(db, w, { title: '关于东山村道路硬化的建议', content: '东山村通组道路未硬化，雨天泥泞难行，建议实施道路硬化。' });
    await buildSuggestion(db, w, { title: '关于中心小学增设校车的建议', content: '学生上学路途远，建议增设校车。' });
    const id = await buildSuggestion(db, w, { title: '关于西河村道路硬化的建议', content: '西河村道路未硬化，群众出行困难，建议硬化道路。' });
    const office = await loginAs(ctx.app, w.office);
    const res = await office.request('GET', `/api/v1/suggestions/${id}/similar`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items[0].title).toBe('关于东山村道路硬化的建议');
    expect(items[0].score).toBeGreaterThan(0.3);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.every((i: { id: string }) => i.id !== id)).toBe(true);
  });

  it('attaches files by sniffed type, stores them by id and refuses other types', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const id = await buildSuggestion(db, w, { submit: false });
    const deputy = await loginAs(ctx.app, w.author.user);
    const ok = await upload(ctx.app, deputy, `/api/v1/suggestions/${id}/attachments?purpose=submission`, 'site-report.pdf', PDF);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: 'site-report.pdf', mime: 'application/pdf', purpose: 'submission' });
    const row = await db.selectFrom('suggestion_attachments').select(['storage_key']).where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(`${w.township.id}/${ok.json().id}`);
    const exe = await upload(ctx.app, deputy, `/api/v1/suggestions/${id}/attachments?purpose=submission`, 'a.pdf', Buffer.from('MZ\x90\x00not a pdf'));
    expect(exe.statusCode).toBe(415);
    // A deputy may not attach a unit's reply files.
    expect((await upload(ctx.app, deputy, `/api/v1/suggestions/${id}/attachments?purpose=reply`, 'a.pdf', PDF)).statusCode).toBe(403);
  });

  it('counts in the author\'s duty record, the per-unit statistics and the export', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const a = await buildAssignedSuggestion(db, w, { withCo: true });
    await replyAsLead(db, w, a, 'A');
    const b = await buildAssignedSuggestion(db, w, { title: '关于建设村卫生室的建议', assignedOn: '2025-01-02' });
    void b;
    await buildSuggestion(db, w, { submit: false, title: '草稿不计' });
    const office = await loginAs(ctx.app, w.office);
    const year = Number(todayInShanghai().slice(0, 4));

    const duty = (await office.request('GET', `/api/v1/deputies/${w.author.deputy.id}/duty-record?year=${year}`)).json();
    const section = duty.sections.find((s: { key: string }) => s.key === 'suggestions');
    expect(section.events).toEqual([{ kind: 'suggestion', count: 2 }]);
    expect(section.items[0].source).toEqual({ type: 'suggestion', id: a });

    const stats = (await office.request('GET', `/api/v1/townships/${w.township.id}/suggestion-stats?year=${year}`)).json();
    const lead = stats.units.find((u: { unitId: string }) => u.unitId === w.lead.unit.id);
    expect(lead).toMatchObject({ assigned: 2, replied: 1, repliedOnTime: 1, overdueNow: 1, onTimeRate: 0.5, implemented: 1, grades: { A: 1, B: 0, C: 0, D: 0 } });
    expect(stats.units.find((u: { unitId: string }) => u.unitId === w.co.unit.id)).toMatchObject({ assigned: 0, coAssigned: 1 });

    const dash = (await office.request('GET', `/api/v1/townships/${w.township.id}/dashboard`)).json();
    expect(JSON.stringify(dash)).toContain('suggestionsOverdue');

    const xlsx = await office.request('GET', `/api/v1/townships/${w.township.id}/suggestions/export?year=${year}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
  });

  it('turns a motion handed on by the presidium into a submitted 建议, once', async () => {
    const db = ctx.database.db;
    const township = await buildTownship(db);
    const deputies = await buildDeputies(db, township.id, 6);
    const session = await buildSession(db, township.id);
    const motion = {
      id: crypto.randomUUID(), township_id: session.township_id, session_id: session.id, title: '关于新建农贸市场的议案', reason: '集镇无固定农贸市场',
      basis: '群众反映强烈', proposal: '在集镇东侧新建农贸市场', lead_deputy_id: deputies[0]!.id,
    };
    const now = new Date().toISOString();
    await db.insertInto('motions').values({ ...motion, state: 'converted_to_suggestion', agenda_item_id: null, decision_note: null, decided_by: null, decided_at: now, created_by: 'test', created_at: now, updated_at: now }).execute();
    await db.insertInto('motion_signers').values(deputies.slice(0, 3).map((d, i) => ({
      township_id: session.township_id, motion_id: motion.id, deputy_id: d.id, is_lead: i === 0, confirmed_at: now, confirmation: 'self' as const, recorded_by: null, created_at: now,
    }))).execute();
    const id1 = await createSuggestionFromMotion(db, officeActor(session.township_id), motion);
    const id2 = await createSuggestionFromMotion(db, officeActor(session.township_id), motion);
    expect(id2).toBe(id1);
    const s = await db.selectFrom('suggestions').select(['state', 'kind', 'raised_at', 'session_id', 'author_deputy_id', 'ref_no']).where('id', '=', id1).executeTakeFirstOrThrow();
    expect(s).toMatchObject({ state: 'submitted', kind: 'suggestion', raised_at: 'session', session_id: session.id, author_deputy_id: deputies[0]!.id });
    expect(s.ref_no).toMatch(/^\d{4}-\d{3}$/);
    expect(await db.selectFrom('suggestion_signers').select('deputy_id').where('suggestion_id', '=', id1).execute()).toHaveLength(3);
  });

  it('lets the office enter a paper suggestion for a named deputy, and reports bad input by field', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const other = await buildDeputy(db, w.township.id);
    const office = await loginAs(ctx.app, w.office);
    const res = await office.request('POST', `/api/v1/townships/${w.township.id}/suggestions`, {
      kind: 'opinion', title: '关于集镇垃圾清运的意见', content: '集镇垃圾清运不及时。', raisedAt: 'session', authorDeputyId: other.id, submit: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: 'submitted', authorName: other.name, kind: 'opinion' });
    expect(res.json().signers[0]).toMatchObject({ isAuthor: true, confirmation: 'paper' });
    const missing = await office.request('POST', `/api/v1/townships/${w.township.id}/suggestions`, { kind: 'opinion', title: 't', content: 'c', raisedAt: 'session' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('authorDeputyId');
  });

  it('statutory dates on assignment: 3 months, 6 when difficult (代表法 第51条)', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const office = await loginAs(ctx.app, w.office);
    const a = await buildSuggestion(db, w);
    await office.request('POST', `/api/v1/suggestions/${a}/register`, { category: '交通' });
    const normal = await office.request('POST', `/api/v1/suggestions/${a}/assign`, { leadUnitId: w.lead.unit.id, assignedOn: '2026-01-31' });
    expect(normal.json().deadline.replyDueOn).toBe('2026-04-30');
    const b = await buildSuggestion(db, w);
    await office.request('POST', `/api/v1/suggestions/${b}/register`, { category: '交通' });
    const hard = await office.request('POST', `/api/v1/suggestions/${b}/assign`, { leadUnitId: w.lead.unit.id, assignedOn: '2026-01-31', isDifficult: true });
    expect(hard.json()).toMatchObject({ isDifficult: true, deadline: { replyDueOn: '2026-07-31' } });
    expect(hard.json().deadline.replyDueOn).toBe(replyDueDate('2026-01-31', { difficult: true }));
    // 交办 cannot be dated in the future.
    const c = await buildSuggestion(db, w);
    await office.request('POST', `/api/v1/suggestions/${c}/register`, { category: '交通' });
    const future = await office.request('POST', `/api/v1/suggestions/${c}/assign`, { leadUnitId: w.lead.unit.id, assignedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
  });
});
