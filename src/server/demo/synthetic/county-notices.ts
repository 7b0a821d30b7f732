import type { ExpressionBuilder, Kysely } from 'kysely';
import { compareDays, formatDay } from '../../../domain/due-dates.js';
import type { DB } from '../../db/schema.js';
import type { Prng } from './prng.js';

/**
 * A synthetic county's notices to its townships (县人大常委会通知), once the townships are loaded:
 * the year's 联系选民月 in June (the synthetic townships hold their June voter contacts under it),
 * reported back by most townships with the figures of their own records, and the year-end call for
 * the suggestion-handling report, issued in November and still open. Only what has happened by
 * `asOf` is there; a county that already has notices is left alone.
 */

interface Figures { activities: number; voters: number; deputies: number; opinions: number }

async function monthFigures(db: Kysely<DB>, townshipIds: string[], year: number): Promise<Map<string, Figures>> {
  // The month's activities of the row's own township (a correlated semi-join: on Citus each
  // township's rows are joined on its shard).
  const inMonth = (table: 'duty_activity_deputies' | 'resident_opinions') => ({ exists, selectFrom }: ExpressionBuilder<DB, typeof table>) =>
    exists(selectFrom('duty_activities as a').select('a.id')
      .whereRef('a.township_id', '=', `${table}.township_id`).whereRef('a.id', '=', `${table}.activity_id`)
      .where('a.year', '=', year).where('a.county_notice', '=', '联系选民月').where('a.archived_at', 'is', null));
  const [activities, deputies, opinions] = await Promise.all([
    db.selectFrom('duty_activities').select((eb) => ['township_id', eb.fn.countAll().as('n'), eb.fn.sum('voters_contacted').as('voters')])
      .where('township_id', 'in', townshipIds).where('year', '=', year).where('county_notice', '=', '联系选民月').where('archived_at', 'is', null)
      .groupBy('township_id').execute(),
    db.selectFrom('duty_activity_deputies').select((eb) => ['township_id', eb.fn.count('deputy_id').distinct().as('n')])
      .where('township_id', 'in', townshipIds).where(inMonth('duty_activity_deputies')).groupBy('township_id').execute(),
    db.selectFrom('resident_opinions').select((eb) => ['township_id', eb.fn.countAll().as('n')])
      .where('township_id', 'in', townshipIds).where(inMonth('resident_opinions')).groupBy('township_id').execute(),
  ]);
  const out = new Map<string, Figures>(townshipIds.map((id) => [id, { activities: 0, voters: 0, deputies: 0, opinions: 0 }]));
  for (const r of activities) Object.assign(out.get(r.township_id)!, { activities: Number(r.n), voters: Number(r.voters ?? 0) });
  for (const r of deputies) out.get(r.township_id)!.deputies = Number(r.n);
  for (const r of opinions) out.get(r.township_id)!.opinions = Number(r.n);
  return out;
}

export async function addCountyNotices(db: Kysely<DB>, rng: Prng, countyCode: string, year: number, asOf: string): Promise<{ notices: number; tasks: number }> {
  if (await db.selectFrom('county_notices').select('id').where('county_code', '=', countyCode).executeTakeFirst()) return { notices: 0, tasks: 0 };
  const county = await db.selectFrom('users').select('id').where('username', '=', `county${countyCode}`).executeTakeFirst();
  const townships = await db.selectFrom('townships').select(['id', 'name']).where('county_code', '=', countyCode).where('archived_at', 'is', null).orderBy('code').execute();
  if (!county || !townships.length) return { notices: 0, tasks: 0 };
  const offices = new Map((await db.selectFrom('users').select(['id', 'township_id', 'display_name']).where('township_id', 'in', townships.map((t) => t.id)).where('role', '=', 'office').execute())
    .map((u) => [u.township_id!, u]));
  const figures = await monthFigures(db, townships.map((t) => t.id), year);
  const stamp = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const id = (instant: string) => rng.uuid(Date.parse(instant));

  const notices = [
    {
      title: `关于开展${year}年“联系选民月”活动的通知`, created: formatDay(year, 5, 15), issued: formatDay(year, 5, 20), starts: formatDay(year, 6, 1), ends: formatDay(year, 6, 30), due: formatDay(year, 7, 10),
      body: `各乡镇人大主席团：\n经县人大常委会研究，决定于${year}年6月在全县开展“联系选民月”活动。请组织辖区内各级人大代表回到选区，通过走访、座谈、接待等方式听取选民意见建议，梳理后转交有关单位办理并向选民反馈。`,
      requirements: '活动次数、参加活动的代表人数、联系选民人次、收集意见建议条数及办理反馈情况。', reports: true,
    },
    {
      title: `关于报送${year}年代表建议办理情况的通知`, created: formatDay(year, 11, 16), issued: formatDay(year, 11, 18), starts: formatDay(year, 11, 20), ends: formatDay(year, 12, 20), due: formatDay(year, 12, 25),
      body: '各乡镇人大主席团：\n请对本年度代表建议的交办、答复、代表满意度和落实情况进行梳理，按要求报送办理情况报告。',
      requirements: '建议总件数、已答复件数、按期答复率、代表满意率、已落实件数，以及未办结建议的原因和下一步措施。', reports: false,
    },
  ];
  let made = 0;
  let tasks = 0;
  for (const n of notices) {
    if (compareDays(n.issued, asOf) > 0) continue;
    const createdAt = stamp(n.created, 2);
    const issuedAt = stamp(n.issued, 2);
    const noticeId = id(createdAt);
    await db.insertInto('county_notices').values({
      id: noticeId, county_code: countyCode, year, title: n.title, body: n.body, report_requirements: n.requirements, starts_on: n.starts, ends_on: n.ends, report_due_on: n.due,
      state: 'issued', issued_at: issuedAt, issued_by: county.id, created_by: county.id, created_at: createdAt, updated_at: issuedAt,
    }).execute();
    made++;
    const rows = townships.map((t) => {
      const f = figures.get(t.id)!;
      const office = offices.get(t.id);
      // Most townships report in the days after the month; a few late, a few not yet.
      const reportDay = n.reports && rng.chance(0.9) ? formatDay(year, 7, rng.chance(0.85) ? rng.int(1, 10) : rng.int(11, 25)) : null;
      const reported = reportDay !== null && office !== undefined && compareDays(reportDay, asOf) <= 0;
      const reportedAt = reported ? stamp(reportDay, rng.int(0, 9)) : null;
      return {
        id: id(issuedAt), township_id: t.id, notice_id: noticeId, status: reported ? 'reported' as const : 'pending' as const,
        report_text: reported ? `${t.name}人大主席团按照通知要求，于6月组织开展“联系选民月”活动：开展走访活动${f.activities}次，参加活动的代表${f.deputies}人，联系选民${f.voters}人次，收集意见建议${f.opinions}条，均已登记并分类转交办理。` : null,
        reported_at: reportedAt, reported_by: reported ? office.id : null, reported_by_name: reported ? office.display_name : null, created_at: issuedAt, updated_at: reportedAt ?? issuedAt,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('county_notice_tasks').values(rows.slice(i, i + 500)).execute();
    tasks += rows.length;
  }
  return { notices: made, tasks };
}
