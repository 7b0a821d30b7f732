import type { Kysely } from 'kysely';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';

/** Year facts of the presidium meetings between sessions: how many, when, their topics and decisions. */
export const presidiumMeetingsFactsProvider: FactsProvider = {
  key: 'presidiumMeetings',
  title: '主席团会议',
  titleEn: 'Presidium meetings',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const meetings = await db.selectFrom('presidium_meetings').select(['id', 'meeting_date', 'place'])
      .where('township_id', '=', townshipId).where('archived_at', 'is', null)
      .where('meeting_date', '>=', `${year}-01-01`).where('meeting_date', '<=', `${year}-12-31`).orderBy('meeting_date').orderBy('created_at').execute();
    const ids = meetings.map((m) => m.id);
    const topics = ids.length === 0 ? [] : await db.selectFrom('presidium_meeting_topics').select(['id', 'meeting_id', 'title', 'decision', 'position'])
      .where('township_id', '=', townshipId).where('meeting_id', 'in', ids).where('archived_at', 'is', null).orderBy('position').execute();
    const decided = topics.filter((t) => t.decision !== null && t.decision.trim() !== '');
    const link = `/app/presidium-meetings?year=${year}`;
    const rec = { kind: 'presidium_meetings', ids };
    return [
      { key: 'presidiumMeetings.count', label: '召开主席团会议次数', labelEn: 'Presidium meetings held', value: meetings.length, unit: '次', records: rec, link },
      {
        key: 'presidiumMeetings.list', label: '主席团会议（日期、议题）', labelEn: 'Presidium meetings (date, topics)',
        value: meetings.map((m, i) => ({ name: `${year}年第${toChineseNumeral(i + 1)}次主席团会议`, date: m.meeting_date, topics: topics.filter((t) => t.meeting_id === m.id).map((t) => t.title).join('；') })),
        records: rec, link,
      },
      { key: 'presidiumMeetings.topics', label: '研究的议题', labelEn: 'Topics considered', value: topics.length, unit: '项', records: { kind: 'presidium_meeting_topics', ids: topics.map((t) => t.id) }, link },
      { key: 'presidiumMeetings.decisions', label: '作出的决定', labelEn: 'Decisions taken', value: decided.length, unit: '项', records: { kind: 'presidium_meeting_topics', ids: decided.map((t) => t.id) }, link },
    ];
  },
};
