import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Year facts (年度数据): every figure the year-end summary and the other reports print, computed
 * from the records of one township and one calendar year, each with the records it counted.
 *
 * Each module contributes one provider (listed in `facts.providers.ts`); the reports module
 * collects them. A provider never writes and never throws for an empty year: a module with no
 * records for the year returns its facts with value 0 / null / [] so the text can say so.
 */

/** A row of a list-valued fact (the sessions held, the inspections and their topics, …). */
export type FactRow = Record<string, string | number | boolean | null>;

export type FactValue = number | string | null | FactRow[];

export interface Fact {
  /** Stable dotted key, also the placeholder name in user templates: `sessions.count`, `suggestions.repliedOnTime`. */
  key: string;
  /** zh-CN label shown in the field catalogue: 「召开人代会次数」. */
  label: string;
  /** en-US label for the English UI. */
  labelEn: string;
  value: FactValue;
  /** Chinese measure word or unit printed after a number: 次, 件, 人, 人次, 个, %. */
  unit?: string;
  /** The records this figure counted: the table (or record kind) and the ids. */
  records?: { kind: string; ids: string[] };
  /** Back-office path that lists those records, e.g. `/app/suggestions?year=2026`. */
  link?: string;
}

export interface FactsProvider {
  /** Section key, e.g. `sessions`, `suggestions`, `duty`, `elections`, `disclosure`. */
  key: string;
  /** zh-CN section title for the catalogue. */
  title: string;
  titleEn: string;
  collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]>;
}
