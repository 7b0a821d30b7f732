import type { Kysely } from 'kysely';
import { systemActor, type Actor } from '../auth/actor.js';
import type { AgendaItemKind, DB } from '../db/schema.js';
import * as repo from '../modules/sessions/sessions.repository.js';
import * as service from '../modules/sessions/sessions.service.js';

/** The instant of a Shanghai calendar day at `hour`:00 local time. */
function at(day: string, hour: number): string {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

interface DemoResolution {
  agendaKind: AgendaItemKind;
  agendaTitle: string;
  title: string;
  body: string;
  /** No and abstain votes; the rest of those present vote yes. */
  no: number;
  abstain: number;
}

interface DemoSession {
  sitting: number;
  startDate: string;
  endDate: string;
  place: string;
  resolutions: DemoResolution[];
  leave: [number, string][];
  absent: number[];
}

const PLACE = '示例镇人民政府三楼会议室';

const SESSIONS_2025: DemoSession[] = [
  {
    sitting: 8, startDate: '2025-02-20', endDate: '2025-02-21', place: PLACE,
    leave: [[7, '外出务工，书面请假'], [19, '住院治疗']], absent: [33],
    resolutions: [
      {
        agendaKind: 'government_report', agendaTitle: '听取和审议镇人民政府工作报告', title: '示例镇第十四届人民代表大会第八次会议关于镇人民政府工作报告的决议',
        body: '示例镇第十四届人民代表大会第八次会议听取和审议了镇长所作的镇人民政府工作报告。\n会议充分肯定镇人民政府过去一年的工作，同意报告提出的2025年工作目标和主要任务，决定批准这个报告。\n会议号召全镇人民紧密团结，扎实工作，为完成全年各项目标任务而努力奋斗。',
        no: 0, abstain: 2,
      },
      {
        agendaKind: 'presidium_report', agendaTitle: '听取和审议镇人大主席团工作报告', title: '示例镇第十四届人民代表大会第八次会议关于镇人大主席团工作报告的决议',
        body: '示例镇第十四届人民代表大会第八次会议听取和审议了镇人大主席团工作报告。\n会议同意报告对过去一年工作的总结和对今年工作的安排，决定批准这个报告。',
        no: 0, abstain: 1,
      },
      {
        agendaKind: 'budget', agendaTitle: '审查和批准2024年财政预算执行情况和2025年财政预算', title: '示例镇第十四届人民代表大会第八次会议关于2024年财政预算执行情况和2025年财政预算的决议',
        body: '示例镇第十四届人民代表大会第八次会议审查了镇人民政府提出的2024年财政预算执行情况和2025年财政预算草案。\n会议决定批准2025年镇本级财政预算。',
        no: 2, abstain: 3,
      },
    ],
  },
  {
    sitting: 9, startDate: '2025-12-26', endDate: '2025-12-26', place: PLACE,
    leave: [[12, '参加县级培训'], [40, '家中有事']], absent: [],
    resolutions: [
      {
        agendaKind: 'budget', agendaTitle: '审查和批准2025年财政预算调整方案', title: '示例镇第十四届人民代表大会第九次会议关于2025年财政预算调整方案的决议',
        body: '示例镇第十四届人民代表大会第九次会议审查了镇人民政府提出的2025年财政预算调整方案。\n会议决定批准这个方案。',
        no: 1, abstain: 2,
      },
      {
        agendaKind: 'other', agendaTitle: '审议镇人大代表议案和建议办理情况的报告', title: '示例镇第十四届人民代表大会第九次会议关于代表建议办理情况报告的决议',
        body: '会议听取了镇人民政府关于代表建议办理情况的报告，同意这个报告。\n会议要求对尚未办结的建议继续跟踪督办。',
        no: 0, abstain: 0,
      },
    ],
  },
];

/** The year's first sitting of 2026, held in February: the reports of the year and the budget. */
const SESSIONS_2026: DemoSession[] = [
  {
    sitting: 10, startDate: '2026-02-26', endDate: '2026-02-27', place: PLACE,
    leave: [[5, '外出务工，书面请假'], [28, '陪护住院家属'], [47, '参加县人大培训']], absent: [36],
    resolutions: [
      {
        agendaKind: 'government_report', agendaTitle: '听取和审议镇人民政府工作报告', title: '示例镇第十四届人民代表大会第十次会议关于镇人民政府工作报告的决议',
        body: '示例镇第十四届人民代表大会第十次会议听取和审议了镇长所作的镇人民政府工作报告。\n会议充分肯定镇人民政府2025年的工作，同意报告提出的2026年工作目标和主要任务，决定批准这个报告。',
        no: 1, abstain: 2,
      },
      {
        agendaKind: 'presidium_report', agendaTitle: '听取和审议镇人大主席团工作报告', title: '示例镇第十四届人民代表大会第十次会议关于镇人大主席团工作报告的决议',
        body: '示例镇第十四届人民代表大会第十次会议听取和审议了镇人大主席团工作报告。\n会议同意报告对2025年闭会期间主席团工作的总结和对2026年工作的安排，决定批准这个报告。',
        no: 0, abstain: 1,
      },
      {
        agendaKind: 'budget', agendaTitle: '审查和批准2025年财政预算执行情况和2026年财政预算', title: '示例镇第十四届人民代表大会第十次会议关于2025年财政预算执行情况和2026年财政预算的决议',
        body: '示例镇第十四届人民代表大会第十次会议审查了镇人民政府提出的2025年财政预算执行情况和2026年财政预算草案。\n会议决定批准2026年镇本级财政预算。',
        no: 2, abstain: 2,
      },
    ],
  },
];

async function loadClosedSession(db: Kysely<DB>, actor: Actor, townshipId: string, spec: DemoSession): Promise<void> {
  const session = await service.createSession(db, actor, townshipId, {
    termNumber: 14, sittingNumber: spec.sitting, startDate: spec.startDate, endDate: spec.endDate, place: spec.place,
  });
  const items = [];
  for (const r of spec.resolutions) items.push(await service.createAgendaItem(db, actor, session.id, { kind: r.agendaKind, title: r.agendaTitle }));
  await service.openSession(db, actor, session.id);
  const seats = await repo.listSeats(db, session.id);
  const leave = new Map(spec.leave);
  const absent = new Set(spec.absent);
  await service.recordAttendance(db, actor, session.id, seats.map((s, i) => (
    leave.has(i) ? { deputyId: s.deputy_id, status: 'leave' as const, leaveReason: leave.get(i)! }
      : absent.has(i) ? { deputyId: s.deputy_id, status: 'absent' as const }
        : { deputyId: s.deputy_id, status: 'present' as const })));
  const present = seats.length - spec.leave.length - spec.absent.length;

  if (spec.sitting === 8) {
    // A motion (议案) of five deputies put on the agenda, and one handed on as a 建议.
    const signers = seats.slice(10, 15).map((s) => s.deputy_id);
    const motion = await service.createMotion(db, actor, session.id, {
      title: '关于实施镇区污水管网改造的议案', reason: '镇区老街污水管网老化，雨季污水外溢，群众反映强烈。',
      basis: '《中华人民共和国水污染防治法》；示例镇总体规划（2021—2035年）。', proposal: '一、将镇区污水管网改造列入2025年重点项目；二、分两期实施，年内完成老街段。',
      leadDeputyId: signers[0]!, coSignerIds: signers.slice(1),
    });
    for (const d of signers) await service.confirmSignature(db, actor, motion.motion.id, d);
    await service.decideMotion(db, actor, motion.motion.id, { decision: 'put_on_agenda', note: '主席团第二次会议决定列入大会议程' });
    const other = await service.createMotion(db, actor, session.id, {
      title: '关于增设东山村公交站点的议案', reason: '东山村群众出行不便。', basis: '村民代表会议意见。', proposal: '协调县交通部门增设站点。',
      leadDeputyId: seats[20]!.deputy_id, coSignerIds: [seats[21]!.deputy_id],
    });
    await service.decideMotion(db, actor, other.motion.id, { decision: 'convert_to_suggestion', note: '联名人数不足五人，作为代表建议交办' });
  }

  for (const [i, r] of spec.resolutions.entries()) {
    const resolution = await service.createResolution(db, actor, session.id, { title: r.title, body: r.body, agendaItemId: items[i]!.id });
    const vote = await service.openVote(db, actor, session.id, { kind: 'show_of_hands', title: `表决${r.title.replace(/^.*会议/, '')}`, resolutionId: resolution.id, agendaItemId: items[i]!.id });
    await service.closeVote(db, actor, vote.vote.id, { yes: present - r.no - r.abstain, no: r.no, abstain: r.abstain });
    // Demo history: the vote and adoption happened on the session's last day, not today.
    await repo.updateResolution(db, resolution.id, { adopted_on: spec.endDate });
    await db.updateTable('session_votes').set({ opened_at: at(spec.endDate, 10 + i), closed_at: at(spec.endDate, 10 + i) }).where('id', '=', vote.vote.id).execute();
  }
  await service.closeSession(db, actor, session.id);
  await repo.updateSession(db, session.id, { opened_at: at(spec.startDate, 9), closed_at: at(spec.endDate, 17), created_at: at(spec.startDate, 8), updated_at: at(spec.endDate, 17) });
}

/**
 * Demo sessions of 示例镇, two a year (地方组织法 第14条): the two sittings of 2025 (closed, with
 * attendance, votes, resolutions and motions), the February sitting of 2026 (closed, with the
 * government and presidium work reports and the budget voted on), and the year-end sitting of
 * 2026, planned with its agenda, a draft resolution and a motion still collecting signatures.
 * Needs the demo roster (loadDemoDeputies) first. Returns false when the township already has sessions.
 */
export async function loadDemoSessions(db: Kysely<DB>, townshipId: string): Promise<boolean> {
  if ((await repo.listSessions(db, townshipId)).length > 0) return false;
  const actor: Actor = { ...systemActor('demo'), townshipId };
  for (const spec of [...SESSIONS_2025, ...SESSIONS_2026]) await loadClosedSession(db, actor, townshipId, spec);

  const planned = await service.createSession(db, actor, townshipId, {
    termNumber: 14, sittingNumber: 11, startDate: '2026-12-22', endDate: '2026-12-23', place: PLACE, notes: '会期一天半；12月15日前印发会议材料',
  });
  const agenda: [AgendaItemKind, string][] = [
    ['government_report', '听取和审议镇人民政府工作报告'],
    ['presidium_report', '听取和审议镇人大主席团工作报告'],
    ['budget', '审查和批准2026年财政预算执行情况和2027年财政预算'],
    ['election', '补选镇人大主席团成员'],
  ];
  for (const [kind, title] of agenda) await service.createAgendaItem(db, actor, planned.id, { kind, title });
  await service.createResolution(db, actor, planned.id, {
    title: '示例镇第十四届人民代表大会第十一次会议关于镇人民政府工作报告的决议',
    body: '示例镇第十四届人民代表大会第十一次会议听取和审议了镇长所作的镇人民政府工作报告。\n会议决定批准这个报告。',
  });
  const seats = await service.seatsOf(db, planned);
  const lead = (await db.selectFrom('deputies').select('id').where('township_id', '=', townshipId).where('name', '=', '陈春梅').executeTakeFirst())?.id ?? seats[0]!.deputy_id;
  const coSigners = seats.map((s) => s.deputy_id).filter((d) => d !== lead).slice(3, 7);
  const motion = await service.createMotion(db, actor, planned.id, {
    title: '关于建设镇区农贸市场的议案', reason: '现有集市占道经营，交通和卫生问题突出。', basis: '2026年联系选民月收集的意见共42条。',
    proposal: '一、选址镇区北侧闲置地块；二、采用政府与社会资本合作方式建设。', leadDeputyId: lead, coSignerIds: coSigners,
  });
  for (const d of [lead, ...coSigners.slice(0, 2)]) await service.confirmSignature(db, actor, motion.motion.id, d);
  return true;
}
