import type { Kysely } from 'kysely';
import { systemActor, type Actor } from '../auth/actor.js';
import type { DB } from '../db/schema.js';
import * as repo from '../modules/presidium-meetings/presidium-meetings.repository.js';
import * as service from '../modules/presidium-meetings/presidium-meetings.service.js';

/** The instant of a Shanghai calendar day at `hour`:00 local time. */
function at(day: string, hour: number): string {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

interface DemoMeeting {
  date: string;
  place: string;
  /** Seats (by position in the attendee list) absent, with the reason; the rest present. Null: not yet held. */
  absent: [number, string][] | null;
  topics: [string, string | null][];
  minutes: string | null;
}

const OFFICE = '示例镇人大主席团办公室';
const HALL = '示例镇人民政府三楼会议室';

const MEETINGS: DemoMeeting[] = [
  {
    date: '2025-01-16', place: OFFICE, absent: [[7, '外出参加县农业技术培训']],
    topics: [
      ['研究镇第十四届人大第八次会议筹备工作', '会议定于2025年2月20日至21日召开，会期一天半；同意会议议程（草案）和日程安排，由人大办于2月13日前印发会议材料。'],
      ['审议镇人大主席团2024年工作报告（征求意见稿）', '原则同意报告稿，请人大办吸收与会人员意见修改后提交大会审议。'],
    ],
    minutes: '会议由主席团主席召集并主持。与会人员逐项讨论了会议筹备方案和主席团工作报告征求意见稿，对会议材料印发时间、代表小组讨论安排提出了具体意见。',
  },
  {
    date: '2025-06-12', place: HALL, absent: [],
    topics: [
      ['听取镇人民政府关于农村人居环境整治工作情况的专项报告', '主席团认为，镇人民政府推进农村人居环境整治措施有力、成效明显；要求针对代表反映的垃圾转运不及时、公厕管护不到位等问题，于9月底前提出整改措施并向主席团书面报告。'],
      ['研究组织代表视察农村人居环境整治项目', '7月上旬组织代表分两组视察东山村、西河村等5个整治项目，视察后形成视察报告送镇人民政府研究处理。'],
    ],
    minutes: '副镇长代表镇人民政府作专项工作报告。与会人员围绕垃圾分类、污水处理和长效管护机制进行了询问和讨论。',
  },
  {
    date: '2025-08-28', place: OFFICE, absent: [[4, '因病住院'], [8, '在外地处理家中急事']],
    topics: [
      ['部署2025年联系选民月活动', '9月开展联系选民月活动。每位代表走访选民不少于10人次，各代表小组至少开展一次集中接待选民活动；收集的意见建议于10月15日前报人大办梳理归纳。'],
    ],
    minutes: '会议传达了县人大常委会关于开展联系选民月活动的通知，明确了活动安排和分片联系责任。',
  },
  {
    date: '2025-12-09', place: OFFICE, absent: [[6, '参加市里组织的学习考察']],
    topics: [
      ['研究镇第十四届人大第九次会议筹备工作', '会议定于2025年12月26日召开；同意会议议程（草案），重点审查2025年财政预算调整方案和代表建议办理情况报告。'],
      ['研究代表建议督办工作', '对4件超期未答复的代表建议实行主席团成员挂牌督办，由分片联系的副主席负责跟踪，12月20日前向主席团报告办理进展。'],
    ],
    minutes: '会议听取了人大办关于年度代表建议办理情况的汇报，对未办结建议逐件研究了督办措施。',
  },
  {
    date: '2026-01-22', place: OFFICE, absent: [[3, '外出学习']],
    topics: [
      ['研究镇第十四届人大第十次会议筹备工作', '会议定于2026年2月26日至27日召开；同意会议议程（草案），听取和审议镇人民政府工作报告、镇人大主席团工作报告和2026年财政预算。'],
      ['审议镇人大主席团2025年工作报告（征求意见稿）', '原则同意报告稿，请人大办补充闭会期间视察调研和建议督办情况后提交大会审议。'],
    ],
    minutes: '会议由主席团主席召集并主持，逐项审议了会议筹备方案。',
  },
  {
    date: '2026-05-14', place: HALL, absent: [],
    topics: [
      ['听取镇人民政府关于十次会议代表建议交办情况的汇报', '主席团同意交办方案；要求各承办单位在交办之日起三个月内答复代表，答复前须与代表当面沟通。'],
      ['研究确定2026年重点督办建议', '确定“镇区污水管网改造”“东山村公交站点设置”等3件建议为主席团重点督办建议，由主席、副主席分别牵头督办。'],
    ],
    minutes: '镇人民政府分管负责人汇报了建议交办情况。与会人员对重点督办建议的确定进行了讨论。',
  },
  {
    date: '2026-12-10', place: OFFICE, absent: null,
    topics: [
      ['研究镇第十四届人大第十一次会议筹备工作', null],
      ['听取镇人民政府关于代表建议办理情况的报告', null],
    ],
    minutes: null,
  },
];

/**
 * Demo presidium meetings of 示例镇 between sessions (主席团会议): preparing each session, hearing a
 * special work report of the government, deploying the voter-contact month, supervising
 * suggestions, in 2025 and 2026; the last one is still to be held (attendance unmarked).
 * Needs the demo presidium (loadDemoDeputies) first. Returns false when meetings exist.
 */
export async function loadDemoPresidiumMeetings(db: Kysely<DB>, townshipId: string): Promise<boolean> {
  if ((await repo.listMeetings(db, townshipId)).length > 0) return false;
  const actor: Actor = { ...systemActor('demo'), townshipId };
  for (const spec of MEETINGS) {
    const m = await service.createMeeting(db, actor, townshipId, { meetingDate: spec.date, place: spec.place, topics: spec.topics.map(([title]) => title) });
    if (spec.absent) {
      const absent = new Map(spec.absent);
      await service.recordAttendance(db, actor, m.meeting.id, m.attendees.map((a, i) => (
        absent.has(i) ? { deputyId: a.deputy_id, status: 'absent' as const, absenceReason: absent.get(i)! } : { deputyId: a.deputy_id, status: 'present' as const })));
      for (const [i, [, decision]] of spec.topics.entries()) {
        if (decision) await service.recordDecision(db, actor, m.topics[i]!.id, decision);
      }
      if (spec.minutes) await service.saveMinutes(db, actor, m.meeting.id, spec.minutes);
    }
    // Demo history: recorded on the day of the meeting, not today.
    await repo.updateMeeting(db, m.meeting.id, { created_at: at(spec.date, 9), updated_at: at(spec.date, spec.absent ? 12 : 9) });
    if (spec.absent) {
      await db.updateTable('presidium_meeting_topics').set({ decided_at: at(spec.date, 11), updated_at: at(spec.date, 11) }).where('meeting_id', '=', m.meeting.id).where('decision', 'is not', null).execute();
    }
  }
  return true;
}
