import { z } from 'zod';
import type * as repo from './county.repository.js';
import { reportedLate, taskStatus, type CountyDashboard, type NoticeDetail, type TaskDetail } from './county.service.js';

const ZRate = z.number().nullable();

export const ZTownshipRollup = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  sessions: z.object({ total: z.number(), held: z.number(), presidiumMeetings: z.number() }),
  suggestions: z.object({
    total: z.number(), assigned: z.number(), replies: z.number(), onTimeReplies: z.number(), overdueOpen: z.number(), onTimeRate: ZRate,
    feedback: z.number(), satisfied: z.number(), satisfactionRate: ZRate, trackable: z.number(), implemented: z.number(), implementationRate: ZRate,
  }),
  duty: z.object({
    deputies: z.number(), activeDeputies: z.number(), activities: z.number(), voterContactActivities: z.number(), votersContacted: z.number(),
    evaluations: z.number(), evaluatedDeputies: z.number(),
  }),
});

export const ZCountyDashboard = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  today: z.string(),
  townships: z.array(ZTownshipRollup),
  elections: z.object({
    available: z.boolean(),
    rows: z.array(z.object({ townshipId: z.string(), villages: z.number(), done: z.number(), runoffNeeded: z.number(), invalid: z.number(), completionRate: ZRate })),
  }),
  disclosure: z.object({
    available: z.boolean(),
    rows: z.array(z.object({ townshipId: z.string(), villages: z.number(), disclosed: z.number(), published: z.number(), complianceRate: ZRate })),
  }),
});

const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function presentDashboard(d: CountyDashboard): z.infer<typeof ZCountyDashboard> {
  return {
    countyCode: d.countyCode, countyName: d.countyName, year: d.year, today: d.today, townships: d.townships,
    elections: {
      available: d.extra.elections.available,
      rows: d.extra.elections.rows.map((r) => ({ townshipId: r.township_id, villages: r.villages, done: r.done, runoffNeeded: r.runoffNeeded, invalid: r.invalid, completionRate: rate(r.done, r.villages) })),
    },
    disclosure: {
      available: d.extra.disclosure.available,
      rows: d.extra.disclosure.rows.map((r) => ({ townshipId: r.township_id, villages: r.villages, disclosed: r.disclosed, published: r.published, complianceRate: rate(r.disclosed, r.villages) })),
    },
  };
}

export const ZNotice = z.object({
  id: z.string(),
  countyCode: z.string(),
  year: z.number(),
  title: z.string(),
  body: z.string(),
  reportRequirements: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reportDueOn: z.string(),
  state: z.enum(['draft', 'issued']),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function presentNotice(n: repo.NoticeRow): z.infer<typeof ZNotice> {
  return {
    id: n.id, countyCode: n.county_code, year: n.year, title: n.title, body: n.body, reportRequirements: n.report_requirements,
    startsOn: n.starts_on, endsOn: n.ends_on, reportDueOn: n.report_due_on, state: n.state, issuedAt: n.issued_at, createdAt: n.created_at, updatedAt: n.updated_at,
  };
}

export const ZNoticeListItem = ZNotice.extend({ tasks: z.number(), reported: z.number() });

export function presentNoticeListItem(n: repo.NoticeListRow): z.infer<typeof ZNoticeListItem> {
  return { ...presentNotice(n), tasks: n.tasks, reported: n.reported };
}

export const ZAttachment = z.object({ id: z.string(), taskId: z.string(), fileName: z.string(), mime: z.string(), sizeBytes: z.number(), createdAt: z.string() });

export function presentAttachment(a: repo.AttachmentRow): z.infer<typeof ZAttachment> {
  return { id: a.id, taskId: a.task_id, fileName: a.file_name, mime: a.mime, sizeBytes: a.size_bytes, createdAt: a.created_at };
}

const ZTaskStatus = z.enum(['pending', 'overdue', 'reported']);

export const ZTask = z.object({
  id: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  noticeId: z.string(),
  /** 未报送 / 逾期 / 已报送. */
  status: ZTaskStatus,
  isLate: z.boolean(),
  reportText: z.string().nullable(),
  reportedAt: z.string().nullable(),
  reportedByName: z.string().nullable(),
  attachments: z.array(ZAttachment),
});

function presentTask(t: repo.TaskRow & { township_name: string }, dueOn: string, today: string, attachments: repo.AttachmentRow[]): z.infer<typeof ZTask> {
  return {
    id: t.id, townshipId: t.township_id, townshipName: t.township_name, noticeId: t.notice_id, status: taskStatus(t, dueOn, today),
    isLate: reportedLate(t, dueOn), reportText: t.report_text, reportedAt: t.reported_at, reportedByName: t.reported_by_name,
    attachments: attachments.filter((a) => a.task_id === t.id).map(presentAttachment),
  };
}

export const ZNoticeDetail = z.object({
  notice: ZNotice,
  tasks: z.array(ZTask),
  summary: z.object({ townships: z.number(), reported: z.number(), pending: z.number(), overdue: z.number() }),
});

export function presentNoticeDetail(d: NoticeDetail): z.infer<typeof ZNoticeDetail> {
  const tasks = d.tasks.map((t) => presentTask(t, d.notice.report_due_on, d.today, d.attachments));
  return {
    notice: presentNotice(d.notice),
    tasks,
    summary: {
      townships: tasks.length, reported: tasks.filter((t) => t.status === 'reported').length,
      pending: tasks.filter((t) => t.status === 'pending').length, overdue: tasks.filter((t) => t.status === 'overdue').length,
    },
  };
}

export const ZTaskDetail = z.object({ notice: ZNotice, task: ZTask });

export function presentTaskDetail(d: TaskDetail): z.infer<typeof ZTaskDetail> {
  return { notice: presentNotice(d.task.notice), task: presentTask(d.task, d.task.notice.report_due_on, d.today, d.attachments) };
}

export const ZTaskListItem = z.object({ notice: ZNotice, task: ZTask.omit({ attachments: true }) });

export function presentTaskListItem(t: repo.TaskWithNotice, today: string): z.infer<typeof ZTaskListItem> {
  const { attachments: _a, ...task } = presentTask(t, t.notice.report_due_on, today, []);
  return { notice: presentNotice(t.notice), task };
}
