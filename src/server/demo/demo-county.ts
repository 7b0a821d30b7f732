import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/schema.js';
import { clockAt } from '../clock.js';
import { ATTACHMENT_KINDS, createNotice, issueNotice, reportTask, uploadAttachment } from '../modules/county/county.service.js';
import { demoPhotoPng, demoUpload } from './demo-files.js';


/**
 * The demo county's (示例县) notices to its townships: the 2026 联系选民月 in May, issued in April
 * and reported back by 示例镇 in June with the figures of its own visits that month; and a notice
 * on the year's suggestion handling, issued in November and still open for 示例镇's report.
 * The June report carries a photo of the month's activities when the app's data folder is given
 * (`dataDir`: the file is stored like an upload). Everything goes through the county service.
 * Returns false when the county already has notices.
 */
export async function loadDemoCounty(db: Kysely<DB>, townshipId: string, options: { dataDir?: string } = {}): Promise<boolean> {
  const county = await db.selectFrom('users').select(['id', 'username', 'display_name', 'county_code']).where('username', '=', 'county').executeTakeFirst();
  const office = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'office').where('township_id', '=', townshipId).executeTakeFirst();
  if (!county?.county_code || !office) return false;
  if (await db.selectFrom('county_notices').select('id').where('county_code', '=', county.county_code).executeTakeFirst()) return false;
  const countyActor: Actor = {
    id: county.id, username: county.username, displayName: county.display_name, role: 'county_admin', townshipId: null, countyCode: county.county_code,
    unitId: null, villageId: null, ip: null,
  };
  const officeActor: Actor = {
    id: office.id, username: office.username, displayName: office.display_name, role: 'office', townshipId, countyCode: null, unitId: null, villageId: null, ip: null,
  };

  const month = await createNotice(db, countyActor, {
    title: '关于开展2026年“联系选民月”活动的通知',
    body: '各乡镇人大主席团：\n为进一步密切人大代表同人民群众的联系，经县人大常委会研究，决定于2026年5月在全县开展“联系选民月”活动。请各乡镇人大组织辖区内各级人大代表回到选区，通过走访、座谈、接待等方式听取选民意见建议，对收集的意见建议认真梳理，及时转交有关单位办理并向选民反馈。',
    reportRequirements: '活动开展次数、参加活动的代表人数、联系选民人次、收集意见建议条数及办理反馈情况；附活动照片或总结材料。',
    startsOn: '2026-05-01', endsOn: '2026-05-31', reportDueOn: '2026-06-10',
  }, clockAt('2026-04-20'));
  await issueNotice(db, countyActor, month.id, clockAt('2026-04-22'));

  // 示例镇's report, from its own records of that month.
  const activities = await db.selectFrom('duty_activities').select(['id', 'voters_contacted'])
    .where('township_id', '=', townshipId).where('year', '=', 2026).where('county_notice', '=', '联系选民月').where('archived_at', 'is', null).execute();
  const deputies = activities.length
    ? await db.selectFrom('duty_activity_deputies').select((eb) => eb.fn.count('deputy_id').distinct().as('n')).where('activity_id', 'in', activities.map((a) => a.id)).executeTakeFirstOrThrow()
    : { n: 0 };
  const opinions = activities.length
    ? await db.selectFrom('resident_opinions').select((eb) => eb.fn.countAll().as('n')).where('activity_id', 'in', activities.map((a) => a.id)).executeTakeFirstOrThrow()
    : { n: 0 };
  const voters = activities.reduce((n, a) => n + a.voters_contacted, 0);
  const task = await db.selectFrom('county_notice_tasks').select('id').where('notice_id', '=', month.id).where('township_id', '=', townshipId).executeTakeFirstOrThrow();
  if (options.dataDir) {
    const photo = await demoUpload('联系选民月活动照片.png', demoPhotoPng(), ATTACHMENT_KINDS);
    await uploadAttachment(db, officeActor, options.dataDir, task.id, { fileName: photo.filename, kind: photo.kind, data: photo.buffer }, clockAt('2026-06-05', '07:10:00'));
  }
  await reportTask(db, officeActor, task.id,
    `示例镇人大主席团按照县人大常委会通知要求，于5月组织开展“联系选民月”活动。全镇共开展走访活动${activities.length}次，参加活动的代表${Number(deputies.n)}人，联系选民${voters}人次，收集意见建议${Number(opinions.n)}条。收集的意见已逐条登记，同类意见经梳理归纳后形成代表建议交有关单位办理，并向反映人反馈。`,
    clockAt('2026-06-05', '07:30:00'));

  const handling = await createNotice(db, countyActor, {
    title: '关于报送2026年代表建议办理情况的通知',
    body: '各乡镇人大主席团：\n为做好年度代表建议办理工作总结，请各乡镇人大对本年度代表建议的交办、答复、代表满意度和落实情况进行梳理，按要求报送办理情况报告。',
    reportRequirements: '建议总件数、已答复件数、按期答复率、代表满意率、已落实件数，以及未办结建议的原因和下一步措施；附办理情况报告。',
    startsOn: '2026-11-20', endsOn: '2026-12-20', reportDueOn: '2026-12-25',
  }, clockAt('2026-11-18'));
  await issueNotice(db, countyActor, handling.id, clockAt('2026-11-20'));
  return true;
}
