import type { Kysely } from 'kysely';
import { formatSessionName } from '../../../domain/session-numbering.js';
import type { DB } from '../../db/schema.js';
import type { Block } from '../../documents/official-docx.js';
import { chineseDay, type YearFacts } from './facts.service.js';
import { FactsView, fillNarrative, SUMMARY_SECTIONS, type Narrative, type SummaryDocument } from './summary.template.js';

const p = (text: string): Block => ({ type: 'paragraph', text });
const h2 = (text: string): Block => ({ type: 'heading2', text });

/** The next sitting after the year (the one the report is made to), if it is already planned. */
export async function nextSession(db: Kysely<DB>, townshipId: string, year: number): Promise<{ name: string; date: string } | null> {
  const s = await db.selectFrom('congress_sessions').select(['term_number', 'sitting_number', 'start_date'])
    .where('township_id', '=', townshipId).where('start_date', '>', `${year}-12-31`).orderBy('start_date').executeTakeFirst();
  return s ? { name: formatSessionName({ term: s.term_number, sitting: s.sitting_number }), date: s.start_date } : null;
}

/**
 * 主席团工作报告: the presidium's report on the year to the next sitting, from the same facts as
 * the summary, addressed to the deputies; the shortcomings and the plan are the office's
 * narratives of the summary.
 */
export function buildPresidiumReport(facts: YearFacts, narratives: Map<string, Narrative>, next: { name: string; date: string } | null, date: string): SummaryDocument {
  const f = new FactsView(facts);
  const y = facts.year;
  const t = facts.township.name;
  const narrative = (key: string) => fillNarrative(narratives.get(key)?.body ?? SUMMARY_SECTIONS.find((s) => s.key === key)!.defaultNarrative, facts);
  const blocks: Block[] = [
    { type: 'paragraph', text: '各位代表：', indent: false },
    p(`现在，我代表${t}人民代表大会主席团，向大会报告${y}年的工作，请予审议。`),
    { type: 'heading1', text: `${y}年的主要工作` },
    h2('依法召开人民代表大会会议'),
  ];
  const sessions = f.rows('sessions.list');
  const motions = f.num('sessions.motionsCount');
  const motionClause = motions
    ? `，依法处理代表联名提出的议案${motions}件（列入大会议程${f.num('sessions.motionsOnAgenda')}件，作为建议交办${f.num('sessions.motionsConverted')}件）`
    : '';
  blocks.push(p(sessions.length
    ? `一年来，主席团召集${t}人民代表大会会议${sessions.length}次（${sessions.map((s) => `${chineseDay(String(s.date))}${s.name}`).join('、')}），听取和审议报告${f.num('sessions.reportsHeardCount')}项，通过决议${f.num('sessions.resolutionsCount')}项${motionClause}，会议决定的事项已交镇人民政府组织实施。`
    : `${y}年没有召开人民代表大会会议的记录。`));
  blocks.push(h2('闭会期间主席团的工作'));
  const meetings = f.num('presidiumMeetings.count');
  blocks.push(p(meetings
    ? `闭会期间，主席团召开会议${meetings}次，研究议题${f.num('presidiumMeetings.topics')}项，作出决定${f.num('presidiumMeetings.decisions')}项，对会议筹备、代表活动和建议督办等事项作出安排。`
    : `${y}年闭会期间没有召开主席团会议的记录。`));
  blocks.push(h2('督办代表建议'));
  const received = f.num('suggestions.received');
  blocks.push(p(received
    ? `代表提出的${received}件议案、建议、批评和意见，交办${f.num('suggestions.assigned')}件，已答复${f.num('suggestions.replied')}件，按期答复${f.num('suggestions.repliedOnTime')}件；代表表示满意和基本满意的${f.num('suggestions.satisfied')}件，已落实${f.num('suggestions.implemented')}件。对尚未办结的建议，主席团继续跟踪督办。`
    : `${y}年没有收到代表提出的议案、建议、批评和意见。`));
  blocks.push(h2('支持代表依法履职'));
  const parts: string[] = [];
  const evaluated = f.num('duty.evaluations.deputies');
  parts.push(evaluated ? `组织${evaluated}名代表向选民述职，${f.num('duty.evaluations.attendees')}名选民代表参加评议` : '本年度没有组织代表述职评议');
  const contacts = f.num('duty.voterContact.count');
  parts.push(contacts ? `组织联系选民活动${contacts}次，联系选民${f.num('duty.voterContact.personTimes')}人次，收集意见建议${f.num('duty.opinions.collected')}条` : '没有集中联系选民活动的记录');
  const inspections = f.num('duty.inspections.count');
  parts.push(inspections ? `组织代表视察${inspections}次` : '没有组织代表视察的记录');
  blocks.push(p(`${parts.join('；')}。`));
  if (f.has('elections') && f.num('elections.villagesTotal')) {
    blocks.push(h2('指导村（居）民委员会换届选举'));
    blocks.push(p(`全镇${f.num('elections.villagesTotal')}个村（居）委会中，${f.num('elections.villagesElectedOnSchedule')}个按期选出新一届村（居）民委员会。`));
  }
  blocks.push(h2('加强自身建设'));
  blocks.push(p(f.num('duty.study.count') ? `组织集中学习${f.num('duty.study.count')}次，主席、副主席分片挂点联系代表和选民。` : '主席、副主席分片挂点联系代表和选民；本年度没有集中学习的记录。'));
  blocks.push({ type: 'heading1', text: '存在的不足' }, p(narrative('shortcomings')));
  blocks.push({ type: 'heading1', text: `${y + 1}年的工作安排` }, p(narrative('plan')));
  blocks.push(p(`各位代表，让我们在镇党委的领导下，依法履职，扎实工作，为完成${y + 1}年的各项任务而努力。`));
  return {
    title: `${t}人民代表大会主席团工作报告`,
    blocks,
    signature: `${t}人民代表大会主席团`,
    date: next?.date ?? date,
  };
}

/** The line under the title: where the report is made. */
export function presidiumReportSubtitle(township: string, next: { name: string; date: string } | null): string {
  return next ? `（${chineseDay(next.date)}在${township}${next.name}上）` : '（提请镇人民代表大会审议）';
}
