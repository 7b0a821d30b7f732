import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { compareDays, isValidDay, shanghaiDay } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { cleanFileName, UPLOAD_MIME, uploadsRoot, type UploadKind } from '../../http/uploads.js';
import { systemClock, type Clock } from '../../clock.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import * as notificationsRepo from '../notifications/notifications.repository.js';
import * as repo from './county.repository.js';
import { extraRollups, type ExtraRollups } from './county.extra-rollups.js';


// ---- the county dashboard -------------------------------------------------------------------------

const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export interface TownshipRollup {
  id: string;
  code: string;
  name: string;
  sessions: { total: number; held: number; presidiumMeetings: number };
  suggestions: {
    total: number;
    assigned: number;
    replies: number;
    onTimeReplies: number;
    overdueOpen: number;
    /** On-time replies over replies plus the assigned ones already past due without a reply. */
    onTimeRate: number | null;
    feedback: number;
    satisfied: number;
    satisfactionRate: number | null;
    trackable: number;
    implemented: number;
    implementationRate: number | null;
  };
  duty: { deputies: number; activeDeputies: number; activities: number; voterContactActivities: number; votersContacted: number; evaluations: number; evaluatedDeputies: number };
}

export interface CountyDashboard {
  countyCode: string;
  countyName: string;
  year: number;
  today: string;
  townships: TownshipRollup[];
  extra: ExtraRollups;
}

/** The county's townships rolled up for a year: one grouped query per module, no per-township loop. */
export async function countyDashboard(db: Kysely<DB>, actor: Actor, year: number, clock: Clock = systemClock): Promise<CountyDashboard> {
  authorize(actor, 'county.read');
  const ids = await visibleTownshipIds(db, actor);
  const today = clock.today();
  const townships = await repo.listTownshipsByIds(db, ids);
  if (!ids.length) return { countyCode: actor.countyCode ?? '', countyName: '', year, today, townships: [], extra: await extraRollups(db, [], year) };
  const [sessions, meetings, suggestions, replies, duty, active, deputies, evaluations, extra] = await Promise.all([
    repo.rollupSessions(db, ids, year), repo.rollupPresidiumMeetings(db, ids, year), repo.rollupSuggestions(db, ids, year, today),
    repo.rollupReplies(db, ids, year), repo.rollupDutyActivities(db, ids, year), repo.rollupActiveDeputies(db, ids, year),
    repo.rollupDeputies(db, ids), repo.rollupEvaluations(db, ids, year), extraRollups(db, ids, year),
  ]);
  const by = <T extends { township_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.township_id, r]));
  const [s, m, sg, rp, d, a, dp, ev] = [by(sessions), by(meetings), by(suggestions), by(replies), by(duty), by(active), by(deputies), by(evaluations)];
  return {
    countyCode: actor.countyCode ?? '',
    countyName: townships[0]?.county_name ?? '',
    year,
    today,
    extra,
    townships: townships.map((t) => {
      const sug = sg.get(t.id);
      const rep = rp.get(t.id);
      const replyCount = rep?.replies ?? 0;
      const onTime = rep?.on_time ?? 0;
      const overdueOpen = sug?.overdue_open ?? 0;
      return {
        id: t.id, code: t.code, name: t.name,
        sessions: { total: s.get(t.id)?.total ?? 0, held: s.get(t.id)?.held ?? 0, presidiumMeetings: m.get(t.id)?.total ?? 0 },
        suggestions: {
          total: sug?.total ?? 0, assigned: sug?.assigned ?? 0, replies: replyCount, onTimeReplies: onTime, overdueOpen,
          onTimeRate: rate(onTime, replyCount + overdueOpen),
          feedback: sug?.feedback ?? 0, satisfied: sug?.satisfied ?? 0, satisfactionRate: rate(sug?.satisfied ?? 0, sug?.feedback ?? 0),
          trackable: sug?.trackable ?? 0, implemented: sug?.implemented ?? 0, implementationRate: rate(sug?.implemented ?? 0, sug?.trackable ?? 0),
        },
        duty: {
          deputies: dp.get(t.id)?.deputies ?? 0, activeDeputies: a.get(t.id)?.active ?? 0, activities: d.get(t.id)?.activities ?? 0,
          voterContactActivities: d.get(t.id)?.voter_contact ?? 0, votersContacted: d.get(t.id)?.voters ?? 0,
          evaluations: ev.get(t.id)?.meetings ?? 0, evaluatedDeputies: ev.get(t.id)?.deputies ?? 0,
        },
      };
    }),
  };
}

// ---- notices ----------------------------------------------------------------------------------

export interface NoticeInput {
  title: string;
  body: string;
  reportRequirements: string;
  startsOn: string;
  endsOn: string;
  reportDueOn: string;
}

function countyOf(actor: Actor): string {
  // A county notice belongs to a county: only a county admin (with a county) has one.
  if (actor.role !== 'county_admin' || !actor.countyCode) throw notFound('county_notice');
  return actor.countyCode;
}

function checkDates(input: Pick<NoticeInput, 'startsOn' | 'endsOn' | 'reportDueOn'>): void {
  const fields: { path: string; message: string }[] = [];
  for (const f of ['startsOn', 'endsOn', 'reportDueOn'] as const) if (!isValidDay(input[f])) fields.push({ path: f, message: 'YYYY-MM-DD' });
  if (!fields.length) {
    if (compareDays(input.endsOn, input.startsOn) < 0) fields.push({ path: 'endsOn', message: '结束日期不能早于开始日期' });
    if (compareDays(input.reportDueOn, input.startsOn) < 0) fields.push({ path: 'reportDueOn', message: '报送截止日期不能早于开始日期' });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
}

/** The actor's county's notice, or 404 (another county's, or not a county admin). */
export async function loadNotice(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.NoticeRow> {
  const countyCode = countyOf(actor);
  const notice = await repo.findNotice(db, id, countyCode);
  if (!notice) throw notFound('county_notice');
  authorize(actor, 'county_notice.manage');
  return notice;
}

export async function listNotices(db: Kysely<DB>, actor: Actor, year?: number): Promise<repo.NoticeListRow[]> {
  authorize(actor, 'county_notice.manage');
  return repo.listNotices(db, countyOf(actor), year);
}

export async function createNotice(db: Kysely<DB>, actor: Actor, input: NoticeInput, clock: Clock = systemClock): Promise<repo.NoticeRow> {
  authorize(actor, 'county_notice.manage');
  const countyCode = countyOf(actor);
  checkDates(input);
  const at = clock.now();
  const row: repo.NoticeRow = {
    id: newId(), county_code: countyCode, year: Number(input.startsOn.slice(0, 4)), title: input.title, body: input.body,
    report_requirements: input.reportRequirements, starts_on: input.startsOn, ends_on: input.endsOn, report_due_on: input.reportDueOn,
    state: 'draft', issued_at: null, issued_by: null, created_by: actor.id, created_at: at, updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertNotice(trx, row);
    await writeAudit(trx, actor, { townshipId: null, action: 'county_notice.create', entityType: 'county_notice', entityId: row.id, after: row });
  });
  return row;
}

export async function updateNotice(db: Kysely<DB>, actor: Actor, id: string, patch: Partial<NoticeInput>, clock: Clock = systemClock): Promise<repo.NoticeRow> {
  const before = await loadNotice(db, actor, id);
  if (before.state !== 'draft') throw new AppError('COUNTY_NOTICE_STATE_INVALID');
  const merged = {
    startsOn: patch.startsOn ?? before.starts_on, endsOn: patch.endsOn ?? before.ends_on, reportDueOn: patch.reportDueOn ?? before.report_due_on,
  };
  checkDates(merged);
  const after: repo.NoticeRow = {
    ...before, title: patch.title ?? before.title, body: patch.body ?? before.body, report_requirements: patch.reportRequirements ?? before.report_requirements,
    starts_on: merged.startsOn, ends_on: merged.endsOn, report_due_on: merged.reportDueOn, year: Number(merged.startsOn.slice(0, 4)), updated_at: clock.now(),
  };
  await db.transaction().execute(async (trx) => {
    const { id: _id, county_code: _c, ...set } = after;
    await repo.updateNotice(trx, id, set);
    await writeAudit(trx, actor, { townshipId: null, action: 'county_notice.update', entityType: 'county_notice', entityId: id, before, after });
  });
  return after;
}

/**
 * Issues a draft notice: one task per township of the county (at this moment), and an in-app
 * notice to each township's 人大办 (office) users, all in one transaction.
 */
export async function issueNotice(db: Kysely<DB>, actor: Actor, id: string, clock: Clock = systemClock): Promise<repo.NoticeRow> {
  const before = await loadNotice(db, actor, id);
  if (before.state !== 'draft') throw new AppError('COUNTY_NOTICE_STATE_INVALID');
  const townshipIds = await visibleTownshipIds(db, actor);
  const at = clock.now();
  const after: repo.NoticeRow = { ...before, state: 'issued', issued_at: at, issued_by: actor.id, updated_at: at };
  await db.transaction().execute(async (trx) => {
    // Only a draft is issued, once, even if two requests race.
    const r = await trx.updateTable('county_notices').set({ state: 'issued', issued_at: at, issued_by: actor.id, updated_at: at })
      .where('id', '=', id).where('state', '=', 'draft').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('COUNTY_NOTICE_STATE_INVALID');
    const tasks: repo.TaskRow[] = townshipIds.map((townshipId) => ({
      id: newId(), township_id: townshipId, notice_id: id, status: 'pending', report_text: null, reported_at: null, reported_by: null,
      reported_by_name: null, created_at: at, updated_at: at,
    }));
    await repo.insertTasks(trx, tasks);
    await writeAudit(trx, actor, { townshipId: null, action: 'county_notice.issue', entityType: 'county_notice', entityId: id, before, after });
    for (const task of tasks) {
      await writeAudit(trx, actor, { townshipId: task.township_id, action: 'county_task.assign', entityType: 'county_task', entityId: task.id, after: task });
      const recipients = await notificationsRepo.findUsersByRole(trx, task.township_id, ['office']);
      await notificationsRepo.insertNotifications(trx, recipients.map((u) => ({
        id: newId(), township_id: task.township_id, recipient_user_id: u.id, recipient_unit_id: null, recipient_role: 'office',
        kind: 'county_notice', suggestion_id: null, round: 0, stage: 'county_notice_issued', title: before.title,
        body: `请于${before.report_due_on}前报送：${before.report_requirements}`.slice(0, 500),
        created_at: at, read_at: null, email_to: u.email?.trim() || null, emailed_at: null, email_error: null,
      })));
    }
  });
  return after;
}

export type TaskStatusLabel = 'pending' | 'overdue' | 'reported';

/** 未报送 / 逾期 (pending after the due day) / 已报送. */
export function taskStatus(task: Pick<repo.TaskRow, 'status'>, dueOn: string, today: string): TaskStatusLabel {
  if (task.status === 'reported') return 'reported';
  return compareDays(today, dueOn) > 0 ? 'overdue' : 'pending';
}

/** Whether a report came after the due day (Asia/Shanghai). */
export function reportedLate(task: Pick<repo.TaskRow, 'reported_at'>, dueOn: string): boolean {
  return task.reported_at !== null && compareDays(shanghaiDay(task.reported_at), dueOn) > 0;
}

export interface NoticeDetail {
  notice: repo.NoticeRow;
  tasks: (repo.TaskRow & { township_name: string; township_code: string })[];
  attachments: repo.AttachmentRow[];
  today: string;
}

export async function getNotice(db: Kysely<DB>, actor: Actor, id: string, clock: Clock = systemClock): Promise<NoticeDetail> {
  const notice = await loadNotice(db, actor, id);
  const tasks = await repo.listTasksOfNotice(db, id, await visibleTownshipIds(db, actor));
  const attachments = await repo.listAttachments(db, tasks.map((t) => t.id));
  return { notice, tasks, attachments, today: clock.today() };
}

// ---- tasks (a township's side) ------------------------------------------------------------------

/** A task the actor may see: a township's own (人大办), or any of the county's (county admin); else 404. */
export async function loadTask(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.TaskWithNotice> {
  const task = await repo.findTaskInScope(db, id, await visibleTownshipIds(db, actor));
  if (!task) throw notFound('county_task');
  if (actor.role === 'county_admin') authorize(actor, 'county_notice.manage');
  else authorize(actor, 'county_task.report');
  return task;
}

export interface TaskDetail {
  task: repo.TaskWithNotice;
  attachments: repo.AttachmentRow[];
  today: string;
}

export async function getTask(db: Kysely<DB>, actor: Actor, id: string, clock: Clock = systemClock): Promise<TaskDetail> {
  const task = await loadTask(db, actor, id);
  return { task, attachments: await repo.listAttachments(db, [id]), today: clock.today() };
}

export async function listTownshipTasks(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<repo.TaskWithNotice[]> {
  const ids = await visibleTownshipIds(db, actor);
  if (!ids.includes(townshipId)) throw notFound('township');
  authorize(actor, 'county_task.report');
  return repo.listTasksOfTownship(db, townshipId);
}

async function loadPendingTaskToReport(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.TaskWithNotice> {
  const task = await loadTask(db, actor, id);
  authorize(actor, 'county_task.report');
  if (task.status !== 'pending') throw new AppError('COUNTY_TASK_ALREADY_REPORTED');
  return task;
}

/** Reports back on a task: the text (and any attachments uploaded before); once. */
export async function reportTask(db: Kysely<DB>, actor: Actor, id: string, text: string, clock: Clock = systemClock): Promise<TaskDetail> {
  const before = await loadPendingTaskToReport(db, actor, id);
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const done = await repo.markReported(trx, id, { report_text: text, reported_at: at, reported_by: actor.id, reported_by_name: actor.displayName, updated_at: at });
    if (!done) throw new AppError('COUNTY_TASK_ALREADY_REPORTED');
    const { notice: _n, township_name: _t, ...beforeRow } = before;
    await writeAudit(trx, actor, {
      townshipId: before.township_id, action: 'county_task.report', entityType: 'county_task', entityId: id,
      before: beforeRow, after: { ...beforeRow, status: 'reported', report_text: text, reported_at: at, reported_by: actor.id },
    });
  });
  return getTask(db, actor, id, clock);
}

/** What a report back may carry: documents, spreadsheets and photos. */
export const ATTACHMENT_KINDS: UploadKind[] = ['docx', 'pdf', 'xlsx', 'jpg', 'png'];

export async function assertCanAttach(db: Kysely<DB>, actor: Actor, taskId: string): Promise<void> {
  await loadPendingTaskToReport(db, actor, taskId);
}

export async function uploadAttachment(
  db: Kysely<DB>, actor: Actor, dataDir: string, taskId: string, file: { fileName: string; kind: UploadKind; data: Buffer },
  clock: Clock = systemClock,
): Promise<repo.AttachmentRow> {
  const task = await loadPendingTaskToReport(db, actor, taskId);
  const id = newId();
  const storageKey = `${task.township_id}/county-tasks/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const row: repo.AttachmentRow = {
    id, township_id: task.township_id, task_id: taskId, file_name: cleanFileName(file.fileName), mime: UPLOAD_MIME[file.kind],
    size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey,
    uploaded_by: actor.id, created_at: clock.now(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertAttachment(trx, row);
      await writeAudit(trx, actor, { townshipId: task.township_id, action: 'county_task.attachment_upload', entityType: 'county_task_attachment', entityId: id, after: row });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

export async function getAttachmentFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string): Promise<{ row: repo.AttachmentRow; filePath: string }> {
  const row = await repo.findAttachmentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('attachment');
  await loadTask(db, actor, row.task_id);
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

/** Removes an attachment before the report is sent; the file and row stay for the record. */
export async function archiveAttachment(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await repo.findAttachmentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('attachment');
  await loadPendingTaskToReport(db, actor, row.task_id);
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.archiveAttachment(trx, id, at);
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'county_task.attachment_archive', entityType: 'county_task_attachment', entityId: id, before: row, after: { ...row, archived_at: at } });
  });
}
