import { clockAt } from '../clock.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { uploadTemplate } from '../modules/reports/reports.service.js';
import { demoActor, demoDocx, demoUpload } from './demo-files.js';

/** The office's own 建议办理情况简报 template: the reports module's {fact.key} placeholders. */
export const DEMO_TEMPLATE_LINES = [
  '{report.township}人大主席团{report.year}年代表建议办理情况简报',
  '{report.year}年，本镇共收到代表议案建议{suggestions.received}件，立案{suggestions.registered}件，交有关单位办理{suggestions.assigned}件。',
  '截至目前，已答复{suggestions.replied}件，其中按期答复{suggestions.repliedOnTime}件；代表满意和基本满意{suggestions.satisfied}件，已落实{suggestions.implemented}件。',
];

/**
 * The demo office's own report template (a .docx with {fact.key} placeholders), uploaded through
 * the reports service, which checks every placeholder against the year's facts and stores the file
 * in the app's uploads folder. Needs that folder (`dataDir`); without it nothing is added.
 * Returns whether a template was added.
 */
export async function loadDemoReports(db: Kysely<DB>, townshipId: string, options: { dataDir?: string } = {}): Promise<boolean> {
  if (!options.dataDir) return false;
  const office = await demoActor(db, 'office', townshipId);
  if (!office) return false;
  if (await db.selectFrom('report_templates').select('id').where('township_id', '=', townshipId).executeTakeFirst()) return false;
  const file = await demoUpload('建议办理情况简报模板.docx', await demoDocx(DEMO_TEMPLATE_LINES), ['docx']);
  await uploadTemplate(db, office, options.dataDir, { fileName: file.filename, data: file.buffer }, 2025, townshipId, clockAt('2026-01-12', '01:40:00'));
  return true;
}
