/** The county API's shapes (src/server/modules/county/county.presenter.ts). */

export interface TownshipRollup {
  id: string;
  code: string;
  name: string;
  sessions: { total: number; held: number; presidiumMeetings: number };
  suggestions: {
    total: number; assigned: number; replies: number; onTimeReplies: number; overdueOpen: number; onTimeRate: number | null;
    feedback: number; satisfied: number; satisfactionRate: number | null; trackable: number; implemented: number; implementationRate: number | null;
  };
  duty: { deputies: number; activeDeputies: number; activities: number; voterContactActivities: number; votersContacted: number; evaluations: number; evaluatedDeputies: number };
}

export interface CountyDashboard {
  countyCode: string;
  countyName: string;
  year: number;
  today: string;
  townships: TownshipRollup[];
  elections: { available: boolean; rows: { townshipId: string; villages: number; done: number; runoffNeeded: number; invalid: number; completionRate: number | null }[] };
  disclosure: { available: boolean; rows: { townshipId: string; villages: number; disclosed: number; published: number; complianceRate: number | null }[] };
}

export interface CountyNotice {
  id: string;
  countyCode: string;
  year: number;
  title: string;
  body: string;
  reportRequirements: string;
  startsOn: string;
  endsOn: string;
  reportDueOn: string;
  state: 'draft' | 'issued';
  issuedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CountyNoticeListItem extends CountyNotice {
  tasks: number;
  reported: number;
}

export type NoticeInput = Pick<CountyNotice, 'title' | 'body' | 'reportRequirements' | 'startsOn' | 'endsOn' | 'reportDueOn'>;

export interface TaskAttachment {
  id: string;
  taskId: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  createdAt: string;
}

export type TaskStatus = 'pending' | 'overdue' | 'reported';

export interface CountyTask {
  id: string;
  townshipId: string;
  townshipName: string;
  noticeId: string;
  status: TaskStatus;
  isLate: boolean;
  reportText: string | null;
  reportedAt: string | null;
  reportedByName: string | null;
  attachments: TaskAttachment[];
}

export interface NoticeDetail {
  notice: CountyNotice;
  tasks: CountyTask[];
  summary: { townships: number; reported: number; pending: number; overdue: number };
}

export interface TaskDetail {
  notice: CountyNotice;
  task: CountyTask;
}

export interface TaskListItem {
  notice: CountyNotice;
  task: Omit<CountyTask, 'attachments'>;
}
