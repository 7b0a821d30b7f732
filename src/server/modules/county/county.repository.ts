import { sql, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { CountyNoticesTable, CountyNoticeTasksTable, CountyTaskAttachmentsTable, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type NoticeRow = CountyNoticesTable;
export type TaskRow = CountyNoticeTasksTable;
export type AttachmentRow = CountyTaskAttachmentsTable;

const NOTICE_COLUMNS = [
  'id', 'county_code', 'year', 'title', 'body', 'report_requirements', 'starts_on', 'ends_on', 'report_due_on', 'state',
  'issued_at', 'issued_by', 'created_by', 'created_at', 'updated_at',
] as const;
const TASK_COLUMNS = ['id', 'township_id', 'notice_id', 'status', 'report_text', 'reported_at', 'reported_by', 'reported_by_name', 'created_at', 'updated_at'] as const;
const ATTACHMENT_COLUMNS = ['id', 'township_id', 'task_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at', 'archived_at'] as const;

// ---- townships of a county ---------------------------------------------------------------------

export interface CountyTownship {
  id: string;
  code: string;
  name: string;
  county_name: string;
}

export function listTownshipsByIds(db: Db, ids: string[]): Promise<CountyTownship[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('townships').select(['id', 'code', 'name', 'county_name']).where('id', 'in', ids).orderBy('code').execute();
}

// ---- dashboard rollups: one grouped query per module, over the county's townships ---------------

const num = (v: unknown): number => Number(v ?? 0);

function yearRange(year: number): [string, string] {
  return [`${year}-01-01`, `${year}-12-31`];
}

export interface SessionFigures { township_id: string; total: number; held: number }
export async function rollupSessions(db: Db, ids: string[], year: number): Promise<SessionFigures[]> {
  const [from, to] = yearRange(year);
  const rows = await db.selectFrom('congress_sessions')
    .select((eb) => ['township_id', eb.fn.countAll().as('total'), eb.fn.sum(eb.case().when('state', '=', 'closed').then(1).else(0).end()).as('held')])
    .where('township_id', 'in', ids).where('start_date', '>=', from).where('start_date', '<=', to)
    .groupBy('township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, total: num(r.total), held: num(r.held) }));
}

export async function rollupPresidiumMeetings(db: Db, ids: string[], year: number): Promise<{ township_id: string; total: number }[]> {
  const [from, to] = yearRange(year);
  const rows = await db.selectFrom('presidium_meetings').select((eb) => ['township_id', eb.fn.countAll().as('total')])
    .where('township_id', 'in', ids).where('meeting_date', '>=', from).where('meeting_date', '<=', to).where('archived_at', 'is', null)
    .groupBy('township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, total: num(r.total) }));
}

/** Suggestions that entered handling (立案 and after) in a year. */
const HANDLED_STATES = ['registered', 'assigned', 'replied', 're_handling', 'closed'] as const;

export interface SuggestionFigures {
  township_id: string;
  total: number;
  assigned: number;
  feedback: number;
  satisfied: number;
  trackable: number;
  implemented: number;
  overdue_open: number;
}
export async function rollupSuggestions(db: Db, ids: string[], year: number, today: string): Promise<SuggestionFigures[]> {
  const rows = await db.selectFrom('suggestions')
    .select((eb) => [
      'township_id',
      eb.fn.countAll().as('total'),
      eb.fn.sum(eb.case().when('assigned_on', 'is not', null).then(1).else(0).end()).as('assigned'),
      eb.fn.sum(eb.case().when('feedback', 'is not', null).then(1).else(0).end()).as('feedback'),
      eb.fn.sum(eb.case().when('feedback', 'in', ['satisfied', 'basically_satisfied']).then(1).else(0).end()).as('satisfied'),
      eb.fn.sum(eb.case().when('implementation', '!=', 'not_applicable').then(1).else(0).end()).as('trackable'),
      eb.fn.sum(eb.case().when('implementation', '=', 'implemented').then(1).else(0).end()).as('implemented'),
      eb.fn.sum(eb.case().when(eb.and([eb('state', 'in', ['assigned', 're_handling']), eb('reply_due_on', '<', today)])).then(1).else(0).end()).as('overdue_open'),
    ])
    .where('township_id', 'in', ids).where('year', '=', year).where('state', 'in', HANDLED_STATES)
    .groupBy('township_id').execute();
  return rows.map((r) => ({
    township_id: r.township_id, total: num(r.total), assigned: num(r.assigned), feedback: num(r.feedback), satisfied: num(r.satisfied),
    trackable: num(r.trackable), implemented: num(r.implemented), overdue_open: num(r.overdue_open),
  }));
}

export interface ReplyFigures { township_id: string; replies: number; on_time: number }
/**
 * Replies (every round) to the year's suggestions, and how many came by their due day. A
 * semi-join on the year's suggestions of these townships: the replies are read by township
 * (suggestion_replies_township_idx), never the whole table for one county.
 */
export async function rollupReplies(db: Db, ids: string[], year: number): Promise<ReplyFigures[]> {
  const rows = await db.selectFrom('suggestion_replies as r')
    .select((eb) => ['r.township_id', eb.fn.countAll().as('replies'), eb.fn.sum(eb.case().when('r.is_on_time', '=', true).then(1).else(0).end()).as('on_time')])
    .where('r.township_id', 'in', ids)
    .where(({ exists, selectFrom }) => exists(selectFrom('suggestions as s').select('s.id')
      .whereRef('s.township_id', '=', 'r.township_id').whereRef('s.id', '=', 'r.suggestion_id').where('s.year', '=', year)))
    .groupBy('r.township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, replies: num(r.replies), on_time: num(r.on_time) }));
}

export interface DutyFigures { township_id: string; activities: number; voters: number; voter_contact: number }
export async function rollupDutyActivities(db: Db, ids: string[], year: number): Promise<DutyFigures[]> {
  const rows = await db.selectFrom('duty_activities')
    .select((eb) => [
      'township_id', eb.fn.countAll().as('activities'), eb.fn.sum('voters_contacted').as('voters'),
      eb.fn.sum(eb.case().when('kind', '=', 'voter_contact').then(1).else(0).end()).as('voter_contact'),
    ])
    .where('township_id', 'in', ids).where('year', '=', year).where('archived_at', 'is', null)
    .groupBy('township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, activities: num(r.activities), voters: num(r.voters), voter_contact: num(r.voter_contact) }));
}

/**
 * Deputies who took part in at least one activity of the year, per township: a semi-join from
 * the deputies (EXPLAIN on the province set: count(distinct) over the activity rows sorted
 * 335,000 pairs on disk in 2.6 s; this hash semi-join takes a fraction of that, and a county's
 * rollup probes the indexes).
 */
export async function rollupActiveDeputies(db: Db, ids: string[], year: number): Promise<{ township_id: string; active: number }[]> {
  const rows = await db.selectFrom('deputies as d')
    .select((eb) => ['d.township_id', eb.fn.countAll().as('active')])
    .where('d.township_id', 'in', ids)
    .where(({ exists, selectFrom }) => exists(selectFrom('duty_activity_deputies as ad').innerJoin('duty_activities as a', (j) => j.onRef('a.id', '=', 'ad.activity_id').onRef('a.township_id', '=', 'ad.township_id'))
      .select('ad.deputy_id').whereRef('ad.township_id', '=', 'd.township_id').whereRef('ad.deputy_id', '=', 'd.id')
      .where('a.year', '=', year).where('a.archived_at', 'is', null)))
    .groupBy('d.township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, active: num(r.active) }));
}

/** Township-level deputies serving (mandate not ended). */
export async function rollupDeputies(db: Db, ids: string[]): Promise<{ township_id: string; deputies: number }[]> {
  const rows = await db.selectFrom('deputies').select((eb) => ['township_id', eb.fn.countAll().as('deputies')])
    .where('township_id', 'in', ids).where('level', '=', 'township').where('mandate_end', 'is', null)
    .groupBy('township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, deputies: num(r.deputies) }));
}

export async function rollupEvaluations(db: Db, ids: string[], year: number): Promise<{ township_id: string; meetings: number; deputies: number }[]> {
  const rows = await db.selectFrom('duty_evaluations as e')
    .leftJoin('duty_evaluation_deputies as ed', (j) => j.onRef('ed.evaluation_id', '=', 'e.id').onRef('ed.township_id', '=', 'e.township_id'))
    .select((eb) => ['e.township_id', eb.fn.count('e.id').distinct().as('meetings'), eb.fn.count('ed.deputy_id').distinct().as('deputies')])
    .where('e.township_id', 'in', ids).where('e.year', '=', year).where('e.archived_at', 'is', null)
    .groupBy('e.township_id').execute();
  return rows.map((r) => ({ township_id: r.township_id, meetings: num(r.meetings), deputies: num(r.deputies) }));
}

const tableCache = new WeakMap<object, Promise<Set<string>>>();

/**
 * Whether a table exists in the current schema (elections and disclosure arrive with their own
 * migrations). Read once per database handle: tables only appear by migration, before serving.
 */
export async function tableExists(db: Kysely<DB>, name: string): Promise<boolean> {
  let names = tableCache.get(db);
  if (!names) {
    const q = isPostgres(db)
      ? sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`
      : sql<{ name: string }>`select name from sqlite_master where type = 'table'`;
    names = q.execute(db).then((r) => new Set(r.rows.map((x) => x.name)));
    tableCache.set(db, names);
  }
  return (await names).has(name);
}

// ---- notices ----------------------------------------------------------------------------------

export function insertNotice(db: Db, row: NoticeRow): Promise<unknown> {
  return db.insertInto('county_notices').values(row).execute();
}

export function updateNotice(db: Db, id: string, patch: Partial<Omit<NoticeRow, 'id' | 'county_code'>>): Promise<unknown> {
  return db.updateTable('county_notices').set(patch).where('id', '=', id).execute();
}

export function findNotice(db: Db, id: string, countyCode: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('county_notices').select(NOTICE_COLUMNS).where('id', '=', id).where('county_code', '=', countyCode).executeTakeFirst();
}

export interface NoticeListRow extends NoticeRow {
  tasks: number;
  reported: number;
}

export async function listNotices(db: Db, countyCode: string, year: number | undefined): Promise<NoticeListRow[]> {
  const rows = await db.selectFrom('county_notices as n')
    .leftJoin('county_notice_tasks as t', 't.notice_id', 'n.id')
    .select(NOTICE_COLUMNS.map((c) => `n.${c}` as const))
    .select((eb) => [eb.fn.count('t.id').as('tasks'), eb.fn.sum(eb.case().when('t.status', '=', 'reported').then(1).else(0).end()).as('reported')])
    .where('n.county_code', '=', countyCode)
    .$if(year !== undefined, (q) => q.where('n.year', '=', year!))
    .groupBy(NOTICE_COLUMNS.map((c) => `n.${c}` as const))
    .orderBy('n.created_at', 'desc').execute();
  return rows.map((r) => ({ ...r, tasks: num(r.tasks), reported: num(r.reported) }));
}

// ---- tasks ------------------------------------------------------------------------------------

export async function insertTasks(db: Db, rows: TaskRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('county_notice_tasks').values(rows.slice(i, i + 500)).execute();
}

export function listTasksOfNotice(db: Db, noticeId: string, townshipIds: string[]): Promise<(TaskRow & { township_name: string; township_code: string })[]> {
  if (!townshipIds.length) return Promise.resolve([]);
  return db.selectFrom('county_notice_tasks as t').innerJoin('townships as tw', 'tw.id', 't.township_id')
    .select(TASK_COLUMNS.map((c) => `t.${c}` as const)).select(['tw.name as township_name', 'tw.code as township_code'])
    .where('t.notice_id', '=', noticeId).where('t.township_id', 'in', townshipIds).orderBy('tw.code').execute();
}

export type TaskWithNotice = TaskRow & { notice: NoticeRow; township_name: string };

const NOTICE_ALIASED = NOTICE_COLUMNS.map((c) => `n.${c} as n_${c}` as const);

function splitTask(r: Record<string, unknown>): TaskWithNotice {
  const notice = Object.fromEntries(NOTICE_COLUMNS.map((c) => [c, r[`n_${c}`]])) as unknown as NoticeRow;
  const task = Object.fromEntries(TASK_COLUMNS.map((c) => [c, r[c]])) as unknown as TaskRow;
  return { ...task, notice, township_name: String(r.township_name) };
}

/** A task in one of `townshipIds`, with its notice. */
export async function findTaskInScope(db: Db, id: string, townshipIds: string[]): Promise<TaskWithNotice | undefined> {
  if (!townshipIds.length) return undefined;
  const r = await db.selectFrom('county_notice_tasks as t').innerJoin('county_notices as n', 'n.id', 't.notice_id').innerJoin('townships as tw', 'tw.id', 't.township_id')
    .select(TASK_COLUMNS.map((c) => `t.${c}` as const)).select(NOTICE_ALIASED).select('tw.name as township_name')
    .where('t.id', '=', id).where('t.township_id', 'in', townshipIds).executeTakeFirst();
  return r ? splitTask(r as Record<string, unknown>) : undefined;
}

export async function listTasksOfTownship(db: Db, townshipId: string): Promise<TaskWithNotice[]> {
  const rows = await db.selectFrom('county_notice_tasks as t').innerJoin('county_notices as n', 'n.id', 't.notice_id').innerJoin('townships as tw', 'tw.id', 't.township_id')
    .select(TASK_COLUMNS.map((c) => `t.${c}` as const)).select(NOTICE_ALIASED).select('tw.name as township_name')
    .where('t.township_id', '=', townshipId).orderBy('n.report_due_on', 'desc').orderBy('t.created_at', 'desc').execute();
  return rows.map((r) => splitTask(r as Record<string, unknown>));
}

export function updateTask(db: Db, id: string, patch: Partial<Omit<TaskRow, 'id' | 'township_id' | 'notice_id'>>): Promise<unknown> {
  return db.updateTable('county_notice_tasks').set(patch).where('id', '=', id).execute();
}

/** Marks the task reported only if still pending; returns whether this call did it. */
export async function markReported(db: Db, id: string, patch: Pick<TaskRow, 'report_text' | 'reported_at' | 'reported_by' | 'reported_by_name' | 'updated_at'>): Promise<boolean> {
  const r = await db.updateTable('county_notice_tasks').set({ ...patch, status: 'reported' }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- attachments --------------------------------------------------------------------------------

export function insertAttachment(db: Db, row: AttachmentRow): Promise<unknown> {
  return db.insertInto('county_task_attachments').values(row).execute();
}

export function listAttachments(db: Db, taskIds: string[]): Promise<AttachmentRow[]> {
  if (!taskIds.length) return Promise.resolve([]);
  return db.selectFrom('county_task_attachments').select(ATTACHMENT_COLUMNS).where('task_id', 'in', taskIds).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export function findAttachmentInScope(db: Db, id: string, townshipIds: string[]): Promise<AttachmentRow | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('county_task_attachments').select(ATTACHMENT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export function archiveAttachment(db: Db, id: string, at: string): Promise<unknown> {
  return db.updateTable('county_task_attachments').set({ archived_at: at }).where('id', '=', id).execute();
}

