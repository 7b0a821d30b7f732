import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyDueDate } from '../../src/domain/deadlines.js';
import { addDays, addMonths, todayInShanghai } from '../../src/domain/due-dates.js';
import type { Mailer } from '../../src/server/modules/notifications/notifications.mail.js';
import { clockAt } from '../../src/server/clock.js';
import { giveFeedback } from '../../src/server/modules/suggestions/suggestions.service.js';
import { sweepSuggestionDeadlines } from '../../src/server/modules/suggestions/suggestions.sweep.js';
import { buildUser } from '../helpers/factories.js';
import { buildAssignedSuggestion, buildSuggestionWorld, loginAs, replyAsLead, type SuggestionWorld } from '../helpers/suggestion-factories.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });


async function noticesOf(userId: string) {
  return ctx.database.db.selectFrom('notifications').select(['stage', 'round', 'suggestion_id', 'recipient_unit_id', 'recipient_role', 'title', 'email_to', 'emailed_at', 'email_error'])
    .where('recipient_user_id', '=', userId).orderBy('created_at').orderBy('stage').execute();
}

/** A mailer that records what it would send (nodemailer's jsonTransport). */
function jsonMailer(): { mailer: Mailer; sent: { to: string; subject: string; text: string }[] } {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const sent: { to: string; subject: string; text: string }[] = [];
  return {
    sent,
    mailer: {
      from: 'Renda <renda@example.org>',
      transport: {
        async sendMail(m) {
          const info = await transport.sendMail(m);
          const parsed = JSON.parse(String(info.message)) as { to: { address: string }[]; subject: string; text: string };
          sent.push({ to: parsed.to.map((a) => a.address).join(','), subject: parsed.subject, text: parsed.text });
          return info;
        },
      },
    },
  };
}

describe('suggestions: supervision lists (即将到期, 逾期)', () => {
  it('lists replies due within N days (default 7) and overdue ones, by endpoint and by list filter', async () => {
    const db = ctx.database.db;
    const w = await buildSuggestionWorld(db);
    const today = todayInShanghai();
    // Due in about 3 days, in about 20 days, and overdue.
    const soonOn = addDays(addMonths(today, -3), 3);
    const soon = await buildAssignedSuggestion(db, w, { assignedOn: soonOn, title: '关于修缮村小学校舍的建议' });
    const later = await buildAssignedSuggestion(db, w, { assignedOn: addDays(addMonths(today, -3), 20), title: '关于增设垃圾分类点的建议' });
    const late = await buildAssignedSuggestion(db, w, { assignedOn: addMonths(today, -4), title: '关于整治河道的建议' });
    const office = await loginAs(ctx.app, w.office);
    const base = `/api/v1/townships/${w.township.id}/suggestions`;

    const dueSoon = (await office.request('GET', `${base}/due-soon`)).json();
    expect(dueSoon.items.map((s: { id: string }) => s.id)).toEqual([soon]);
    expect(dueSoon).toMatchObject({ total: 1, from: today, to: addDays(today, 7) });
    expect(dueSoon.items[0].deadline.replyDueOn).toBe(replyDueDate(soonOn));

    const wider = (await office.request('GET', `${base}/due-soon?days=30`)).json();
    expect(wider.items.map((s: { id: string }) => s.id)).toEqual([soon, later]);
    const overdue = (await office.request('GET', `${base}/overdue`)).json();
    expect(overdue.items.map((s: { id: string }) => s.id)).toEqual([late]);

    const filtered = (await office.request('GET', `${base}?year=${today.slice(0, 4)}&dueWithin=7`)).json();
    expect(filtered.items.map((s: { id: string }) => s.id)).toEqual([soon]);
    expect((await office.request('GET', `${base}/due-soon?days=-1`)).statusCode).toBe(400);

    // The unit sees its own; another township's office sees none of them.
    const unit = await loginAs(ctx.app, w.lead.user);
    expect((await unit.request('GET', `${base}/due-soon?days=30`)).json().total).toBe(2);
    const other = await buildSuggestionWorld(db);
    const outsider = await loginAs(ctx.app, other.office);
    expect((await outsider.request('GET', `${base}/overdue`)).statusCode).toBe(404);
  });
});

describe('suggestions: notifications', () => {
  let w: SuggestionWorld;
  let second: { id: string };

  it('notifies the units on assignment, the deputy on reply and the unit on 不满意, once each', async () => {
    const db = ctx.database.db;
    w = await buildSuggestionWorld(db);
    second = await buildUser(db, w.township.id, 'unit_handler', { unitId: w.lead.unit.id });
    const id = await buildAssignedSuggestion(db, w, { assignedOn: '2026-01-10', withCo: true });
    for (const u of [w.lead.user.id, second.id]) {
      expect(await noticesOf(u)).toMatchObject([{ stage: 'assigned', round: 1, suggestion_id: id, recipient_unit_id: w.lead.unit.id }]);
    }
    expect(await noticesOf(w.co.user.id)).toMatchObject([{ stage: 'assigned', recipient_unit_id: w.co.unit.id }]);
    expect(await noticesOf(w.author.user.id)).toEqual([]);

    await replyAsLead(db, w, id, 'B', clockAt('2026-02-01'));
    expect(await noticesOf(w.author.user.id)).toMatchObject([{ stage: 'replied', round: 1 }]);

    await giveFeedback(db, w.author.actor, id, { rating: 'dissatisfied', comment: '请明确完成时间' }, clockAt('2026-02-03'));
    const lead = await noticesOf(w.lead.user.id);
    expect(lead.map((n) => `${n.stage}:${n.round}`).sort()).toEqual(['assigned:1', 'dissatisfied:2']);
    expect(lead.find((n) => n.stage === 'dissatisfied')!.title).toContain('关于硬化东山村至西河村道路的建议');
    // The co-unit is not told of the feedback; the office was told nothing of these steps.
    expect((await noticesOf(w.co.user.id)).map((n) => n.stage)).toEqual(['assigned']);
    expect(await noticesOf(w.office.id)).toEqual([]);
  });

  it('lists my notifications with the unread count, marks one and all read; another user’s is 404', async () => {
    const unit = await loginAs(ctx.app, w.lead.user);
    const list = (await unit.request('GET', '/api/v1/notifications')).json();
    expect(list).toMatchObject({ unread: 2, total: 2 });
    // Newest first (the feedback was given on a past test day, so it sorts after the assignment).
    expect(list.items.map((n: { stage: string }) => n.stage)).toEqual(['assigned', 'dissatisfied']);
    expect(list.items[0]).toMatchObject({ kind: 'suggestion', readAt: null, viaUnitId: w.lead.unit.id });
    expect((await unit.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });

    const author = await loginAs(ctx.app, w.author.user);
    expect((await author.request('POST', `/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    expect((await unit.request('POST', `/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(200);
    expect((await unit.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    expect((await unit.request('GET', '/api/v1/notifications?unreadOnly=true')).json()).toMatchObject({ total: 1, unread: 1 });
    expect((await unit.request('POST', '/api/v1/notifications/read-all')).json()).toEqual({ ok: true, count: 1 });
    expect((await unit.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('the sweep notifies the unit and the office once per stage: 7 days before, overdue, 30 days overdue', async () => {
    const db = ctx.database.db;
    const w2 = await buildSuggestionWorld(db);
    const id = await buildAssignedSuggestion(db, w2, { assignedOn: '2026-01-31' }); // due 2026-04-30
    const stagesOf = async (u: string) => (await noticesOf(u)).filter((n) => n.suggestion_id === id && n.stage !== 'assigned').map((n) => n.stage);
    const sweep = (today: string) => sweepSuggestionDeadlines(db, { today, townshipId: w2.township.id, mailer: null });

    expect((await sweep('2026-04-22')).notified).toBe(0);
    expect(await sweep('2026-04-23')).toMatchObject({ notified: 2, flagged: 0 });
    expect(await sweep('2026-04-23')).toMatchObject({ notified: 0 });
    expect(await sweep('2026-04-30')).toMatchObject({ notified: 0 });
    expect(await sweep('2026-05-01')).toMatchObject({ notified: 2, flagged: 1 });
    expect(await sweep('2026-05-30')).toMatchObject({ notified: 0 });
    expect(await sweep('2026-05-31')).toMatchObject({ notified: 2 });
    expect(await sweep('2026-06-30')).toMatchObject({ notified: 0, flagged: 0 });
    for (const u of [w2.lead.user.id, w2.office.id]) expect(await stagesOf(u)).toEqual(['due_soon_7d', 'overdue', 'overdue_30d']);
    expect((await noticesOf(w2.office.id))[0]).toMatchObject({ recipient_role: 'office', recipient_unit_id: null });
    // The co-unit and the presidium are not notified by the sweep.
    expect(await stagesOf(w2.co.user.id)).toEqual([]);
    expect(await stagesOf(w2.presidium.id)).toEqual([]);

    // Re-handling starts a new round: its stages are notified again.
    await replyAsLead(db, w2, id, 'C', clockAt('2026-07-01'));
    await giveFeedback(db, w2.author.actor, id, { rating: 'dissatisfied' }, clockAt('2026-07-02')); // due 2026-08-02
    expect(await sweep('2026-07-27')).toMatchObject({ notified: 2 });
    expect((await noticesOf(w2.lead.user.id)).filter((n) => n.stage === 'due_soon_7d').map((n) => n.round)).toEqual([1, 2]);
  });

  it('mails users who have an address (jsonTransport), and a mail error never fails the sweep', async () => {
    const db = ctx.database.db;
    const w3 = await buildSuggestionWorld(db);
    await db.updateTable('users').set({ email: 'unit@example.org' }).where('id', '=', w3.lead.user.id).execute();
    const id = await buildAssignedSuggestion(db, w3, { assignedOn: '2026-01-31', title: '关于修建文化广场的建议' });
    const { mailer, sent } = jsonMailer();
    const r = await sweepSuggestionDeadlines(db, { today: '2026-04-25', townshipId: w3.township.id, mailer });
    // The assignment notice and the due-soon notice of the unit; the office has no address.
    expect(r).toMatchObject({ notified: 2, emailed: 2, emailFailed: 0 });
    expect(sent.map((m) => m.to)).toEqual(['unit@example.org', 'unit@example.org']);
    expect(sent.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining('新交办建议'), expect.stringContaining('建议即将到期')]));
    expect(sent.find((m) => m.subject.includes('即将到期'))!.text).toContain('2026-04-30');
    expect(sent[0]!.text).toContain(`/app/suggestions/${id}`);
    expect((await noticesOf(w3.lead.user.id)).every((n) => n.emailed_at !== null)).toBe(true);
    expect((await noticesOf(w3.office.id)).every((n) => n.email_to === null && n.emailed_at === null)).toBe(true);
    // Sent once: a second run mails nothing.
    expect(await sweepSuggestionDeadlines(db, { today: '2026-04-25', townshipId: w3.township.id, mailer })).toMatchObject({ emailed: 0 });

    const broken: Mailer = { from: 'x@example.org', transport: { sendMail: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25')) } };
    await db.updateTable('users').set({ email: 'office@example.org' }).where('id', '=', w3.office.id).execute();
    const id2 = await buildAssignedSuggestion(db, w3, { assignedOn: '2026-01-31', title: '关于疏通排水沟的建议' });
    const r2 = await sweepSuggestionDeadlines(db, { today: '2026-04-25', townshipId: w3.township.id, mailer: broken });
    expect(r2).toMatchObject({ notified: 2, emailed: 0, emailFailed: 3 });
    const failed = (await noticesOf(w3.office.id)).filter((n) => n.suggestion_id === id2);
    expect(failed).toMatchObject([{ stage: 'due_soon_7d', emailed_at: null, email_error: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('keeps a user’s e-mail address through the users API (optional, cleared with an empty string)', async () => {
    const office = await loginAs(ctx.app, w.office);
    const patched = await office.request('PATCH', `/api/v1/users/${w.lead.user.id}`, { email: 'handler@example.org' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().email).toBe('handler@example.org');
    expect((await office.request('PATCH', `/api/v1/users/${w.lead.user.id}`, { email: 'not-an-address' })).statusCode).toBe(400);
    const created = await office.request('POST', `/api/v1/townships/${w.township.id}/users`, { username: `mail${Date.now()}`, displayName: '张三', role: 'office', email: 'zhang@example.org' });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.email).toBe('zhang@example.org');
    const list = (await office.request('GET', `/api/v1/townships/${w.township.id}/users`)).json();
    expect(list.items.find((u: { id: string }) => u.id === w.lead.user.id).email).toBe('handler@example.org');
    expect((await office.request('PATCH', `/api/v1/users/${w.lead.user.id}`, { email: '' })).json().email).toBeNull();
  });
});
