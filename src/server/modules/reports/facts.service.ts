import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { findTownship, type TownshipRow } from '../townships/townships.repository.js';
import { FACTS_PROVIDERS } from './facts.providers.js';
import type { Fact, FactRow, FactsProvider, FactValue } from './facts.types.js';

/**
 * The sections the year-end summary draws from, in its order. A section whose provider is not
 * installed is still listed (`available: false`) so the text and the page can say so plainly.
 */
export const EXPECTED_SECTIONS: { key: string; title: string; titleEn: string }[] = [
  { key: 'sessions', title: '人民代表大会会议', titleEn: 'Congress sessions' },
  { key: 'disclosure', title: '依法治镇与政务村务校务公开', titleEn: 'Rule of law and disclosure' },
  { key: 'suggestions', title: '代表建议办理', titleEn: 'Deputies\u2019 suggestions' },
  { key: 'duty', title: '代表履职', titleEn: 'Deputies\u2019 duty work' },
  { key: 'elections', title: '村（居）民委员会换届选举', titleEn: 'Village committee elections' },
  { key: 'presidium', title: '代表与主席团', titleEn: 'Deputies and presidium' },
  { key: 'presidiumMeetings', title: '主席团会议', titleEn: 'Presidium meetings' },
];

export interface FactSection {
  key: string;
  title: string;
  titleEn: string;
  /** False when no provider for this section is installed. */
  available: boolean;
  facts: Fact[];
}

export interface YearFacts {
  township: Pick<TownshipRow, 'id' | 'code' | 'name'>;
  year: number;
  sections: FactSection[];
  byKey: Map<string, Fact>;
}

/** The facts every template may use whatever modules are installed: the township and the year. */
function reportFacts(township: Pick<TownshipRow, 'name' | 'code'>, year: number): Fact[] {
  return [
    { key: 'report.township', label: '乡镇名称', labelEn: 'Township', value: township.name },
    { key: 'report.year', label: '年度', labelEn: 'Year', value: year },
    { key: 'report.nextYear', label: '下一年度', labelEn: 'Next year', value: year + 1 },
  ];
}

/**
 * Collects the year facts of one township from every installed provider (no scope check: the
 * caller has done it). Providers run one after another: on SQLite they share one connection.
 */
export async function collectYearFacts(
  db: Kysely<DB>, township: Pick<TownshipRow, 'id' | 'code' | 'name'>, year: number, providers: FactsProvider[] = FACTS_PROVIDERS,
): Promise<YearFacts> {
  const sections: FactSection[] = [{ key: 'report', title: '基本信息', titleEn: 'General', available: true, facts: reportFacts(township, year) }];
  const seen = new Set<string>();
  const byProvider = new Map(providers.map((p) => [p.key, p]));
  const ordered = [...EXPECTED_SECTIONS.map((s) => s.key), ...providers.map((p) => p.key).filter((k) => !EXPECTED_SECTIONS.some((s) => s.key === k))];
  for (const key of ordered) {
    if (seen.has(key)) continue;
    seen.add(key);
    const provider = byProvider.get(key);
    const expected = EXPECTED_SECTIONS.find((s) => s.key === key);
    if (!provider) {
      sections.push({ key, title: expected!.title, titleEn: expected!.titleEn, available: false, facts: [] });
      continue;
    }
    const facts = await provider.collect(db, township.id, year);
    sections.push({ key, title: provider.title, titleEn: provider.titleEn, available: true, facts });
  }
  const byKey = new Map<string, Fact>();
  for (const s of sections) for (const f of s.facts) byKey.set(f.key, f);
  return { township: { id: township.id, code: township.code, name: township.name }, year, sections, byKey };
}

/**
 * The township a report is for: the actor's own, or for a county admin the one named (which
 * must be in the county). Anything else is 404.
 */
export async function resolveReportTownship(db: Kysely<DB>, actor: Actor, townshipId: string | undefined): Promise<TownshipRow> {
  authorize(actor, 'report.read');
  const visible = await visibleTownshipIds(db, actor);
  const id = townshipId ?? (visible.length === 1 ? visible[0] : actor.townshipId ?? undefined);
  if (!id) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'townshipId', message: 'required' }]);
  if (!visible.includes(id)) throw notFound('township');
  const township = await findTownship(db, id);
  if (!township) throw notFound('township');
  return township;
}

export async function getYearFacts(db: Kysely<DB>, actor: Actor, year: number, townshipId?: string): Promise<YearFacts> {
  const township = await resolveReportTownship(db, actor, townshipId);
  return collectYearFacts(db, township, year);
}

// ---- formatting --------------------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** '2025-02-20' → '2025年2月20日'; other strings as they are. */
export function chineseDay(v: string): string {
  if (!DAY.test(v)) return v;
  const [y, m, d] = v.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A row printed in running text: its title or name, else its values joined. */
export function rowText(row: FactRow): string {
  const main = row.title ?? row.name ?? row.label ?? row.deputy ?? row.village ?? row.kind;
  if (main !== undefined && main !== null) return String(main);
  return Object.values(row).filter((v) => v !== null && v !== '').map((v) => (typeof v === 'string' ? chineseDay(v) : String(v))).join(' ');
}

/** A value printed in text, without its unit; null when there is nothing to print. */
export function factText(value: FactValue): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? null : chineseDay(value);
  return value.length ? value.map(rowText).join('、') : null;
}

/** The catalogue's display of a value: numbers with their unit, lists as their size. */
export function factDisplay(f: Fact): string {
  if (Array.isArray(f.value)) return `${f.value.length} 行`;
  const t = factText(f.value);
  if (t === null) return '—';
  return typeof f.value === 'number' && f.unit ? `${t} ${f.unit}` : t;
}
