import { shanghaiDay, todayInShanghai, yearOfDay } from '../../../domain/due-dates.js';
import { registerDashboardCounter } from '../dashboard/dashboard.service.js';
import { registerDutyRecordProvider, type DutySection } from '../deputies/duty-record.service.js';
import * as repo from './suggestions.repository.js';
import { KIND_LABELS, STATE_INFO } from './suggestions.workflow.js';

/**
 * Adds suggestions to each deputy's duty record (履职档案, 代表法 第58条): every suggestion they
 * authored in the year (submitted and not returned or withdrawn), each a 'suggestion' duty
 * event linking to it; and the dashboard figures.
 */
export function registerSuggestionFigures(): void {
  registerDutyRecordProvider({
    key: 'suggestions',
    async collect(db, townshipId, year, deputyIds) {
      const rows = await repo.listAuthored(db, townshipId, year, deputyIds);
      const sections = new Map<string, DutySection>();
      for (const r of rows) {
        let section = sections.get(r.author_deputy_id);
        if (!section) sections.set(r.author_deputy_id, (section = { key: 'suggestions', items: [], events: [] }));
        section.items.push({
          date: r.submitted_at ? shanghaiDay(r.submitted_at) : `${year}-01-01`,
          title: `${KIND_LABELS[r.kind]}：${r.title}`,
          detail: `${r.ref_no ?? ''} ${STATE_INFO[r.state].label}`.trim(),
          source: { type: 'suggestion', id: r.id },
        });
      }
      for (const section of sections.values()) section.events = [{ kind: 'suggestion', count: section.items.length }];
      return sections;
    },
  });
  registerDashboardCounter({
    key: 'suggestionsThisYear',
    count: (db, townshipId) => repo.countWhere(db, townshipId, { year: yearOfDay(todayInShanghai()), states: ['submitted', 'registered', 'assigned', 'replied', 're_handling', 'closed'] }),
  });
  registerDashboardCounter({
    key: 'suggestionsInHandling',
    count: (db, townshipId) => repo.countWhere(db, townshipId, { states: ['assigned', 're_handling'] }),
  });
  registerDashboardCounter({
    key: 'suggestionsOverdue',
    count: (db, townshipId) => repo.countWhere(db, townshipId, { states: ['assigned', 're_handling'], overdueOn: todayInShanghai() }),
  });
}
