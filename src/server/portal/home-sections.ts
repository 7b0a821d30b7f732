import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { TownshipRow } from '../modules/townships/townships.repository.js';
import type { SafeHtml } from './html.js';

/**
 * Extra sections of a township's home page contributed by other modules (HOOK for the
 * disclosure pages: "最新公开" lists its latest published items). A contributor registers once
 * at start-up; its section is rendered after the news and notices, in registration order. A
 * contributor returns null to show nothing (e.g. nothing published yet).
 */
export interface HomeSection {
  key: string;
  render(db: Kysely<DB>, t: TownshipRow): Promise<SafeHtml | null>;
}

const SECTIONS: HomeSection[] = [];

export function registerHomeSection(section: HomeSection): void {
  if (!SECTIONS.some((s) => s.key === section.key)) SECTIONS.push(section);
}

export function homeSections(): readonly HomeSection[] {
  return SECTIONS;
}
