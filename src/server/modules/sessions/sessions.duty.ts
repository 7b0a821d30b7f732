import type { Kysely } from 'kysely';
import { formatSessionShortName } from '../../../domain/session-numbering.js';
import type { DB } from '../../db/schema.js';
import type { DutyRecordProvider, DutySection } from '../deputies/duty-record.service.js';
import { listSeatsOfClosedSessionsInYear } from './sessions.repository.js';

/**
 * Session attendance in each deputy's duty record (履职档案): every closed session of the year
 * they were seated at, counted as attended, on leave, or absent without leave.
 */
export const sessionAttendanceProvider: DutyRecordProvider = {
  key: 'sessions',
  async collect(db: Kysely<DB>, townshipId: string, year: number, deputyIds: string[]): Promise<Map<string, DutySection>> {
    const result = new Map<string, DutySection>();
    if (deputyIds.length === 0) return result;
    const rows = await listSeatsOfClosedSessionsInYear(db, townshipId, year);
    const wanted = new Set(deputyIds);
    const label = { present: '出席', leave: '请假', absent: '缺席' } as const;
    for (const r of rows) {
      if (!wanted.has(r.deputy_id)) continue;
      const section = result.get(r.deputy_id) ?? { key: 'sessions', items: [], events: [] };
      const status = r.status as keyof typeof label;
      section.items.push({
        date: r.start_date,
        title: `${formatSessionShortName({ term: r.term_number, sitting: r.sitting_number })}：${label[status] ?? r.status}`,
        ...(r.leave_reason ? { detail: r.leave_reason } : {}),
        source: { type: 'session', id: r.session_id },
      });
      const kind = status === 'present' ? 'sessionAttendance' : status === 'absent' ? 'unexcusedAbsence' : null;
      if (kind) {
        const e = section.events.find((x) => x.kind === kind);
        if (e) section.events[section.events.indexOf(e)] = { kind, count: e.count + 1 };
        else section.events.push({ kind, count: 1 });
      }
      result.set(r.deputy_id, section);
    }
    return result;
  },
};
