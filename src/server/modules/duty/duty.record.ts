import type { DutyEvent } from '../../../domain/duty-points.js';
import { todayInShanghai, yearOfDay } from '../../../domain/due-dates.js';
import { registerDashboardCounter } from '../dashboard/dashboard.service.js';
import { registerDutyRecordProvider, type DutySection } from '../deputies/duty-record.service.js';
import { ACTIVITY_KIND_LABELS } from './activities.service.js';
import * as repo from './duty.repository.js';
import { satisfactionRate } from './evaluations.service.js';

function section(map: Map<string, DutySection>, key: string, deputyId: string): DutySection {
  let s = map.get(deputyId);
  if (!s) map.set(deputyId, (s = { key, items: [], events: [] }));
  return s;
}

function addEvent(s: DutySection, kind: string): void {
  const i = s.events.findIndex((e) => e.kind === kind);
  if (i >= 0) s.events[i] = { kind, count: s.events[i]!.count + 1 } satisfies DutyEvent;
  else s.events.push({ kind, count: 1 });
}

/** Duty points earned by taking part in an activity of each kind (the rules are the township's). */
const EVENT_OF_KIND = { voter_contact: 'voterContact', reception: 'receptionDay', study: 'studySession' } as const;

/**
 * Adds duty work to each deputy's duty record (履职档案, 代表法 第58条): every activity they took
 * part in (联系选民 → voterContact, 接待日 → receptionDay, 学习 → studySession), each inspection
 * whose report they drafted (inspectionReport), and their 述职评议 results (items only); plus
 * the dashboard figures.
 */
export function registerDutyFigures(): void {
  registerDutyRecordProvider({
    key: 'activities',
    async collect(db, townshipId, year, deputyIds) {
      const sections = new Map<string, DutySection>();
      for (const r of await repo.listYearParticipation(db, townshipId, year, deputyIds)) {
        const s = section(sections, 'activities', r.deputy_id);
        s.items.push({
          date: r.held_on, title: r.title.startsWith(ACTIVITY_KIND_LABELS[r.kind]) ? r.title : `${ACTIVITY_KIND_LABELS[r.kind]}：${r.title}`,
          detail: [r.place, r.county_notice, r.voters_contacted ? `联系选民${r.voters_contacted}人次` : null].filter(Boolean).join('，'),
          source: { type: 'duty_activity', id: r.id },
        });
        const kind = EVENT_OF_KIND[r.kind as keyof typeof EVENT_OF_KIND];
        if (kind) addEvent(s, kind);
      }
      for (const r of await repo.listYearReportsAuthored(db, townshipId, year, deputyIds)) {
        const s = section(sections, 'activities', r.report_author_deputy_id!);
        s.items.push({ date: r.held_on, title: `起草视察报告：${r.title}`, source: { type: 'duty_activity', id: r.id } });
        addEvent(s, 'inspectionReport');
      }
      for (const s of sections.values()) s.items.sort((a, b) => a.date.localeCompare(b.date));
      return sections;
    },
  });
  registerDutyRecordProvider({
    key: 'evaluations',
    async collect(db, townshipId, year, deputyIds) {
      const sections = new Map<string, DutySection>();
      for (const r of await repo.listYearEvaluated(db, townshipId, year, deputyIds)) {
        const rate = satisfactionRate(r);
        section(sections, 'evaluations', r.deputy_id).items.push({
          date: r.held_on, title: '述职评议',
          detail: r.satisfied_count === null ? '测评结果未录入'
            : `满意${r.satisfied_count}票、基本满意${r.basic_count ?? 0}票、不满意${r.dissatisfied_count ?? 0}票${rate !== null ? `，满意率${rate}%` : ''}${r.is_published ? '' : '（未公布）'}`,
          source: { type: 'duty_evaluation', id: r.id },
        });
      }
      return sections;
    },
  });
  const thisYear = () => yearOfDay(todayInShanghai());
  registerDashboardCounter({ key: 'dutyActivitiesThisYear', count: (db, townshipId) => repo.countActivities(db, townshipId, thisYear()) });
  registerDashboardCounter({ key: 'residentOpinionsThisYear', count: (db, townshipId) => repo.countOpinions(db, townshipId, { year: thisYear() }) });
  registerDashboardCounter({ key: 'residentOpinionsUnconsolidated', count: (db, townshipId) => repo.countOpinions(db, townshipId, { openOnly: true }) });
}
