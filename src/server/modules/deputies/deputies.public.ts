import type { Kysely } from 'kysely';
import { systemActor } from '../../auth/actor.js';
import type { DB, DeputyLevel, Gender } from '../../db/schema.js';
import { getDutyRecord } from './duty-record.service.js';

/**
 * Deputies as the public portal shows them (代表风采): only the columns that may be public.
 * 身份证号, phone numbers, birth dates and addresses are never selected here.
 */
export interface PublicDeputy {
  id: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  party: string;
  occupation: string;
  workplace: string | null;
  level: DeputyLevel;
  term_number: number;
  mandate_start: string;
  constituency_name: string | null;
  public_code: string | null;
}

const PUBLIC_COLUMNS = [
  'd.id', 'd.name', 'd.gender', 'd.ethnicity', 'd.party', 'd.occupation', 'd.workplace', 'd.level', 'd.term_number', 'd.mandate_start',
  'c.name as constituency_name', 'p.public_code',
] as const;

function base(db: Kysely<DB>, townshipId: string) {
  return db.selectFrom('deputies as d')
    .leftJoin('constituencies as c', (j) => j.onRef('c.id', '=', 'd.constituency_id').onRef('c.township_id', '=', 'd.township_id'))
    .leftJoin('deputy_public_codes as p', (j) => j.onRef('p.deputy_id', '=', 'd.id').onRef('p.township_id', '=', 'd.township_id'))
    .select(PUBLIC_COLUMNS)
    .where('d.township_id', '=', townshipId)
    .where('d.mandate_end', 'is', null);
}

/** Serving deputies of the township: township deputies first, by constituency and name. */
export async function listPublicDeputies(db: Kysely<DB>, townshipId: string): Promise<PublicDeputy[]> {
  return base(db, townshipId).orderBy('d.level', 'desc').orderBy('c.name').orderBy('d.name').execute();
}

export async function getPublicDeputyById(db: Kysely<DB>, townshipId: string, id: string): Promise<PublicDeputy | undefined> {
  return base(db, townshipId).where('d.id', '=', id).executeTakeFirst();
}

export interface PublicDutySection {
  key: string;
  label: string;
  /** Everything the section counted, public or not. */
  total: number;
  items: { date: string; title: string; detail?: string }[];
  note?: string;
}

const SECTION_LABELS: Record<string, string> = {
  sessions: '出席人民代表大会会议', suggestions: '提出议案、建议', activities: '参加履职活动', evaluations: '述职评议',
};

/**
 * A deputy's duty record of a year (代表法 第58条 履职登记) as the public may read it: session
 * attendance without leave reasons, suggestions by title only where the deputy consented to
 * publication (others are counted), activities by date and title, published 述职评议 results.
 */
export async function publicDutyRecord(db: Kysely<DB>, townshipId: string, deputyId: string, year: number): Promise<{ sections: PublicDutySection[]; total: number; points: number }> {
  const record = await getDutyRecord(db, { ...systemActor('portal'), townshipId }, deputyId, year);
  const suggestionIds = record.sections.filter((s) => s.key === 'suggestions').flatMap((s) => s.items.map((i) => i.source.id));
  const publicIds = new Set(suggestionIds.length
    ? (await db.selectFrom('suggestions').select('id').where('id', 'in', suggestionIds).where('is_public', '=', true).execute()).map((r) => r.id)
    : []);
  const sections = record.sections.map((s): PublicDutySection => {
    const label = SECTION_LABELS[s.key] ?? s.key;
    if (s.key === 'suggestions') {
      const shown = s.items.filter((i) => publicIds.has(i.source.id));
      return { key: s.key, label, total: s.items.length, items: shown.map((i) => ({ date: i.date, title: i.title })), ...(shown.length < s.items.length ? { note: `另有 ${s.items.length - shown.length} 件未经代表同意公开，不列标题。` } : {}) };
    }
    if (s.key === 'evaluations') {
      const shown = s.items.filter((i) => !(i.detail ?? '').includes('未公布') && !(i.detail ?? '').includes('未录入'));
      return { key: s.key, label, total: shown.length, items: shown.map((i) => ({ date: i.date, title: i.title, ...(i.detail ? { detail: i.detail } : {}) })) };
    }
    return { key: s.key, label, total: s.items.length, items: s.items.map((i) => ({ date: i.date, title: i.title })) };
  });
  return { sections, total: sections.reduce((n, s) => n + s.total, 0), points: record.score.total };
}
