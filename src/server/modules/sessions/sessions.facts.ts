import type { Kysely } from 'kysely';
import { formatSessionName } from '../../../domain/session-numbering.js';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';

const REPORT_KINDS = ['government_report', 'presidium_report', 'budget'] as const;

/**
 * Year facts of the congress sessions (人代会): the sittings held in the year (opened or closed,
 * by their first day) with attendance, the reports heard, the resolutions adopted, and the motions
 * (议案) deputies put to them: how many were put on the agenda and how many were handed on as
 * suggestions (a motion still collecting signatures is counted among those submitted only).
 */
export const sessionsFactsProvider: FactsProvider = {
  key: 'sessions',
  title: '人民代表大会会议',
  titleEn: 'Congress sessions',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const sessions = await db.selectFrom('congress_sessions')
      .select(['id', 'term_number', 'sitting_number', 'start_date', 'end_date', 'place'])
      .where('township_id', '=', townshipId).where('state', '!=', 'planned')
      .where('start_date', '>=', `${year}-01-01`).where('start_date', '<=', `${year}-12-31`)
      .orderBy('start_date').execute();
    const ids = sessions.map((s) => s.id);
    const [seats, agenda, resolutions, motions] = ids.length === 0 ? [[], [], [], []] : await Promise.all([
      db.selectFrom('session_seats').select(['session_id', 'status']).where('township_id', '=', townshipId).where('session_id', 'in', ids).execute(),
      db.selectFrom('agenda_items').select(['id', 'session_id', 'title', 'kind', 'position']).where('township_id', '=', townshipId).where('session_id', 'in', ids)
        .where('kind', 'in', REPORT_KINDS).where('archived_at', 'is', null).orderBy('position').execute(),
      db.selectFrom('resolutions').select(['id', 'session_id', 'title', 'adopted_on']).where('township_id', '=', townshipId).where('session_id', 'in', ids)
        .where('outcome', '=', 'adopted').orderBy('adopted_on').orderBy('title').execute(),
      db.selectFrom('motions').innerJoin('deputies', (j) => j.onRef('deputies.id', '=', 'motions.lead_deputy_id').onRef('deputies.township_id', '=', 'motions.township_id'))
        .select(['motions.id', 'motions.session_id', 'motions.title', 'motions.state', 'deputies.name as lead'])
        .where('motions.township_id', '=', townshipId).where('motions.session_id', 'in', ids).orderBy('motions.created_at').orderBy('motions.id').execute(),
    ]);
    const name = new Map(sessions.map((s) => [s.id, formatSessionName({ term: s.term_number, sitting: s.sitting_number })]));
    const order = new Map(ids.map((id, i) => [id, i]));
    const byOrder = <T extends { session_id: string }>(rows: T[]) => [...rows].sort((a, b) => order.get(a.session_id)! - order.get(b.session_id)!);
    const rows = sessions.map((s) => {
      const mine = seats.filter((x) => x.session_id === s.id);
      return {
        term: s.term_number, sitting: s.sitting_number, name: name.get(s.id)!, date: s.start_date, endDate: s.end_date, place: s.place,
        present: mine.filter((x) => x.status === 'present').length, total: mine.length,
      };
    });
    const link = `/app/sessions?year=${year}`;
    const sessionRecords = { kind: 'congress_sessions', ids };
    const heard = byOrder(agenda);
    const adopted = byOrder(resolutions);
    const allMotions = byOrder(motions);
    const onAgenda = allMotions.filter((m) => m.state === 'on_agenda');
    const converted = allMotions.filter((m) => m.state === 'converted_to_suggestion');
    const motionRecords = (rows: typeof allMotions) => ({ kind: 'motions', ids: rows.map((m) => m.id) });
    const OUTCOME = { submitted: '待主席团决定', on_agenda: '列入大会议程', converted_to_suggestion: '作为建议交办' } as const;
    return [
      { key: 'sessions.count', label: '召开人代会次数', labelEn: 'Sessions held', value: sessions.length, unit: '次', records: sessionRecords, link },
      { key: 'sessions.list', label: '召开的人代会（届次、日期、出席）', labelEn: 'Sessions held (term, sitting, date, attendance)', value: rows, records: sessionRecords, link },
      { key: 'sessions.presentTotal', label: '人代会出席代表人次', labelEn: 'Deputies present (person-times)', value: rows.reduce((a, r) => a + r.present, 0), unit: '人次', records: sessionRecords, link },
      { key: 'sessions.reportsHeardCount', label: '听取审议的报告数', labelEn: 'Reports heard', value: heard.length, unit: '项', records: { kind: 'agenda_items', ids: heard.map((a) => a.id) }, link },
      {
        key: 'sessions.reportsHeard', label: '听取审议的报告', labelEn: 'Reports heard (titles)',
        value: heard.map((a) => ({ session: name.get(a.session_id)!, title: a.title })), records: { kind: 'agenda_items', ids: heard.map((a) => a.id) }, link,
      },
      { key: 'sessions.resolutionsCount', label: '通过的决议数', labelEn: 'Resolutions adopted', value: adopted.length, unit: '项', records: { kind: 'resolutions', ids: adopted.map((r) => r.id) }, link },
      {
        key: 'sessions.resolutions', label: '通过的决议', labelEn: 'Resolutions adopted (titles)',
        value: adopted.map((r) => ({ session: name.get(r.session_id)!, title: r.title, adoptedOn: r.adopted_on })), records: { kind: 'resolutions', ids: adopted.map((r) => r.id) }, link,
      },
      { key: 'sessions.motionsCount', label: '代表联名提出的议案数', labelEn: 'Motions put by deputies', value: allMotions.length, unit: '件', records: motionRecords(allMotions), link },
      { key: 'sessions.motionsOnAgenda', label: '列入大会议程的议案数', labelEn: 'Motions put on the agenda', value: onAgenda.length, unit: '件', records: motionRecords(onAgenda), link },
      { key: 'sessions.motionsConverted', label: '作为建议交办的议案数', labelEn: 'Motions handed on as suggestions', value: converted.length, unit: '件', records: motionRecords(converted), link },
      {
        key: 'sessions.motions', label: '代表联名提出的议案（领衔代表、处理结果）', labelEn: 'Motions (lead deputy, outcome)',
        value: allMotions.map((m) => ({ session: name.get(m.session_id)!, title: m.title, lead: m.lead, outcome: OUTCOME[m.state] })), records: motionRecords(allMotions), link,
      },
    ];
  },
};
