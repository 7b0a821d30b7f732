import type { Kysely } from 'kysely';
import type { DB, DutyActivityKind } from '../../db/schema.js';
import type { Fact, FactRow, FactsProvider } from '../reports/facts.types.js';
import { ACTIVITY_KIND_LABELS } from './activities.service.js';
import { ATTENDEE_CATEGORIES } from './duty.schema.js';
import { ATTENDEE_LABELS } from './evaluations.service.js';

/**
 * Year facts of the deputies' duty work: 述职评议 (deputies, date, chair, constituencies,
 * attendees by category, ratings), voter contact (person-times, deputies, sites, opinions and
 * their 梳理归纳), inspections and study sessions, and every activity by kind.
 */
export const dutyFactsProvider: FactsProvider = {
  key: 'duty',
  title: '代表履职',
  titleEn: 'Deputies\u2019 duty work',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const [activities, evaluations, opinions, consolidations] = await Promise.all([
      db.selectFrom('duty_activities').select(['id', 'kind', 'title', 'held_on', 'place', 'voters_contacted'])
        .where('township_id', '=', townshipId).where('year', '=', year).where('archived_at', 'is', null).orderBy('held_on').orderBy('id').execute(),
      db.selectFrom('duty_evaluations').leftJoin('constituencies', (j) => j.onRef('constituencies.id', '=', 'duty_evaluations.constituency_id').onRef('constituencies.township_id', '=', 'duty_evaluations.township_id'))
        .select(['duty_evaluations.id', 'duty_evaluations.held_on', 'duty_evaluations.place', 'duty_evaluations.chair_name', 'constituencies.name as constituency_name'])
        .where('duty_evaluations.township_id', '=', townshipId).where('duty_evaluations.year', '=', year).where('duty_evaluations.archived_at', 'is', null)
        .orderBy('duty_evaluations.held_on').execute(),
      db.selectFrom('resident_opinions').select(['id', 'activity_id']).where('township_id', '=', townshipId).where('year', '=', year).execute(),
      db.selectFrom('opinion_consolidations').select(['id', 'title']).where('township_id', '=', townshipId).where('year', '=', year).where('archived_at', 'is', null).orderBy('created_at').execute(),
    ]);
    const activityIds = activities.map((a) => a.id);
    const evaluationIds = evaluations.map((e) => e.id);
    const [participants, sites, attendees, rated] = await Promise.all([
      activityIds.length ? db.selectFrom('duty_activity_deputies').select(['activity_id', 'deputy_id']).where('township_id', '=', townshipId).where('activity_id', 'in', activityIds).execute() : [],
      activityIds.length ? db.selectFrom('duty_activity_sites').select(['id', 'activity_id', 'name', 'position']).where('township_id', '=', townshipId).where('activity_id', 'in', activityIds).orderBy('position').execute() : [],
      evaluationIds.length ? db.selectFrom('duty_evaluation_attendees').select(['evaluation_id', 'category', 'count']).where('township_id', '=', townshipId).where('evaluation_id', 'in', evaluationIds).execute() : [],
      evaluationIds.length
        ? db.selectFrom('duty_evaluation_deputies').innerJoin('deputies', (j) => j.onRef('deputies.id', '=', 'duty_evaluation_deputies.deputy_id').onRef('deputies.township_id', '=', 'duty_evaluation_deputies.township_id'))
          .select(['duty_evaluation_deputies.evaluation_id', 'duty_evaluation_deputies.deputy_id', 'duty_evaluation_deputies.position', 'deputies.name', 'duty_evaluation_deputies.satisfied_count', 'duty_evaluation_deputies.basic_count', 'duty_evaluation_deputies.dissatisfied_count'])
          .where('duty_evaluation_deputies.township_id', '=', townshipId).where('duty_evaluation_deputies.evaluation_id', 'in', evaluationIds)
          .orderBy('duty_evaluation_deputies.position').execute()
        : [],
    ]);

    const ofKind = (k: DutyActivityKind) => activities.filter((a) => a.kind === k);
    const actLink = (k?: DutyActivityKind) => `/app/duty/activities?year=${year}${k ? `&kind=${k}` : ''}`;
    const actRec = (list: { id: string }[]) => ({ kind: 'duty_activities', ids: list.map((a) => a.id) });
    const sitesOf = (list: { id: string }[]) => { const s = new Set(list.map((a) => a.id)); return sites.filter((x) => s.has(x.activity_id)); };

    // 述职评议
    const evalLink = `/app/duty/evaluations?year=${year}`;
    const evalRec = { kind: 'duty_evaluations', ids: evaluationIds };
    const evaluationRows: FactRow[] = evaluations.map((e) => {
      const mine = attendees.filter((a) => a.evaluation_id === e.id);
      return {
        date: e.held_on, place: e.place, chair: e.chair_name, constituency: e.constituency_name ?? '',
        deputies: rated.filter((r) => r.evaluation_id === e.id).map((r) => r.name).join('、'),
        attendees: mine.reduce((s, a) => s + a.count, 0),
      };
    });
    const byCategory = ATTENDEE_CATEGORIES.map((c) => ({ category: c, label: ATTENDEE_LABELS[c], count: attendees.filter((a) => a.category === c).reduce((s, a) => s + a.count, 0) }))
      .filter((c) => c.count > 0);
    const ratings: FactRow[] = rated.map((r) => {
      const total = (r.satisfied_count ?? 0) + (r.basic_count ?? 0) + (r.dissatisfied_count ?? 0);
      return {
        deputy: r.name, satisfied: r.satisfied_count ?? 0, basic: r.basic_count ?? 0, dissatisfied: r.dissatisfied_count ?? 0,
        rate: total > 0 && r.satisfied_count !== null ? `${(Math.round(((r.satisfied_count + (r.basic_count ?? 0)) / total) * 1000) / 10).toFixed(1)}%` : null,
      };
    });
    const constituencies = [...new Set(evaluations.map((e) => e.constituency_name).filter((n): n is string => !!n))];

    // 联系选民
    const contacts = ofKind('voter_contact');
    const contactIds = new Set(contacts.map((a) => a.id));
    const contactDeputies = [...new Set(participants.filter((p) => contactIds.has(p.activity_id)).map((p) => p.deputy_id))];
    const contactSites = sitesOf(contacts);
    const inspections = ofKind('inspection');
    const inspectionSites = sitesOf(inspections);
    const studies = ofKind('study');
    const allDeputies = [...new Set(participants.map((p) => p.deputy_id))];

    return [
      { key: 'duty.evaluations.count', label: '述职评议会次数', labelEn: 'Duty evaluation meetings', value: evaluations.length, unit: '次', records: evalRec, link: evalLink },
      { key: 'duty.evaluations.list', label: '述职评议会（日期、地点、主持人、选区、被评议代表、参加人数）', labelEn: 'Duty evaluation meetings (date, place, chair, constituency, deputies, attendees)', value: evaluationRows, records: evalRec, link: evalLink },
      { key: 'duty.evaluations.deputies', label: '接受述职评议的代表人数', labelEn: 'Deputies evaluated', value: rated.length, unit: '名', records: { kind: 'deputies', ids: rated.map((r) => r.deputy_id) }, link: evalLink },
      { key: 'duty.evaluations.deputyNames', label: '接受述职评议的代表', labelEn: 'Deputies evaluated (names)', value: rated.map((r) => r.name).join('、') || null, records: { kind: 'deputies', ids: rated.map((r) => r.deputy_id) }, link: evalLink },
      { key: 'duty.evaluations.firstDate', label: '述职评议日期', labelEn: 'Date of the (first) evaluation', value: evaluations[0]?.held_on ?? null, records: evalRec, link: evalLink },
      { key: 'duty.evaluations.chair', label: '述职评议会主持人', labelEn: 'Chair', value: [...new Set(evaluations.map((e) => e.chair_name))].join('、') || null, records: evalRec, link: evalLink },
      { key: 'duty.evaluations.constituencies', label: '参加评议的选区', labelEn: 'Constituencies', value: constituencies.join('、') || null, records: evalRec, link: evalLink },
      { key: 'duty.evaluations.attendees', label: '参加述职评议的选民代表', labelEn: 'Attendees', value: byCategory.reduce((s, c) => s + c.count, 0), unit: '人', records: evalRec, link: evalLink },
      { key: 'duty.evaluations.attendeesByCategory', label: '参加人员构成', labelEn: 'Attendees by category', value: byCategory, records: evalRec, link: evalLink },
      { key: 'duty.evaluations.ratings', label: '评议结果（满意、基本满意、不满意）', labelEn: 'Ratings', value: ratings, records: evalRec, link: evalLink },

      { key: 'duty.voterContact.count', label: '联系选民活动次数', labelEn: 'Voter contact activities', value: contacts.length, unit: '次', records: actRec(contacts), link: actLink('voter_contact') },
      { key: 'duty.voterContact.personTimes', label: '联系走访选民人次', labelEn: 'Voters contacted (person-times)', value: contacts.reduce((s, a) => s + a.voters_contacted, 0), unit: '人次', records: actRec(contacts), link: actLink('voter_contact') },
      { key: 'duty.voterContact.deputies', label: '参加联系选民的代表', labelEn: 'Deputies taking part', value: contactDeputies.length, unit: '名', records: { kind: 'deputies', ids: contactDeputies }, link: actLink('voter_contact') },
      { key: 'duty.voterContact.sites', label: '联系选民活动视察点', labelEn: 'Sites visited during voter contact', value: contactSites.length, unit: '个', records: { kind: 'duty_activity_sites', ids: contactSites.map((s) => s.id) }, link: actLink('voter_contact') },
      { key: 'duty.opinions.collected', label: '收集选民意见建议', labelEn: 'Opinions collected', value: opinions.length, unit: '条', records: { kind: 'resident_opinions', ids: opinions.map((o) => o.id) }, link: `/app/duty/opinions?year=${year}` },
      { key: 'duty.opinions.consolidated', label: '梳理归纳后的意见建议', labelEn: 'Opinions after consolidation', value: consolidations.length, unit: '条', records: { kind: 'opinion_consolidations', ids: consolidations.map((c) => c.id) }, link: `/app/duty/consolidation?year=${year}` },
      { key: 'duty.opinions.consolidatedTitles', label: '梳理归纳的主要意见', labelEn: 'Consolidated opinions (titles)', value: consolidations.map((c) => ({ title: c.title })), records: { kind: 'opinion_consolidations', ids: consolidations.map((c) => c.id) }, link: `/app/duty/consolidation?year=${year}` },

      { key: 'duty.inspections.count', label: '组织代表视察次数', labelEn: 'Inspections', value: inspections.length, unit: '次', records: actRec(inspections), link: actLink('inspection') },
      { key: 'duty.inspections.list', label: '视察活动（日期、内容、视察点）', labelEn: 'Inspections (date, topic, sites)', value: inspections.map((a) => ({ date: a.held_on, title: a.title, place: a.place, sites: sitesOf([a]).map((s) => s.name).join('、') })), records: actRec(inspections), link: actLink('inspection') },
      { key: 'duty.inspections.sites', label: '视察点', labelEn: 'Sites inspected', value: inspectionSites.length, unit: '个', records: { kind: 'duty_activity_sites', ids: inspectionSites.map((s) => s.id) }, link: actLink('inspection') },

      { key: 'duty.study.count', label: '集中学习次数', labelEn: 'Study sessions', value: studies.length, unit: '次', records: actRec(studies), link: actLink('study') },
      { key: 'duty.study.list', label: '学习内容', labelEn: 'Study sessions (date, topic)', value: studies.map((a) => ({ date: a.held_on, title: a.title })), records: actRec(studies), link: actLink('study') },

      { key: 'duty.activities.count', label: '代表履职活动总数', labelEn: 'All duty activities', value: activities.length, unit: '次', records: actRec(activities), link: actLink() },
      { key: 'duty.activities.deputies', label: '参加履职活动的代表', labelEn: 'Deputies in activities', value: allDeputies.length, unit: '名', records: { kind: 'deputies', ids: allDeputies }, link: actLink() },
      {
        key: 'duty.activities.byKind', label: '履职活动按类型', labelEn: 'Activities by kind',
        value: (Object.keys(ACTIVITY_KIND_LABELS) as DutyActivityKind[]).map((k) => ({ kind: k, label: ACTIVITY_KIND_LABELS[k], count: ofKind(k).length })), records: actRec(activities), link: actLink(),
      },
    ];
  },
};
