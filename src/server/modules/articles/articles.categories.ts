import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';

/** The default 栏目 of a township site, in menu order. */
export const DEFAULT_CATEGORIES = [
  { key: 'news', name: '工作动态' },
  { key: 'notices', name: '通知公告' },
  { key: 'deputies', name: '代表风采' },
  { key: 'suggestions', name: '建议办理' },
  { key: 'gov_affairs', name: '政务公开' },
  { key: 'village_affairs', name: '村务公开' },
  { key: 'work_summary', name: '工作总结' },
  { key: 'study', name: '学习园地' },
] as const;

export type DefaultCategoryKey = (typeof DEFAULT_CATEGORIES)[number]['key'];

const seeded = new Set<string>();

/**
 * Creates the default categories a township is missing (idempotent: unique township + key).
 * Remembered per process so the portal does not ask on every request.
 */
export async function ensureCategories(db: Kysely<DB>, townshipId: string): Promise<void> {
  if (seeded.has(townshipId)) return;
  const existing = new Set((await db.selectFrom('portal_categories').select('key').where('township_id', '=', townshipId).execute()).map((r) => r.key));
  const missing = DEFAULT_CATEGORIES.map((c, i) => ({ ...c, position: (i + 1) * 10 })).filter((c) => !existing.has(c.key));
  if (missing.length) {
    const now = nowIso();
    await db.insertInto('portal_categories')
      .values(missing.map((c) => ({ id: newId(), township_id: townshipId, key: c.key, name: c.name, description: null, position: c.position, is_visible: true, created_at: now, updated_at: now })))
      .onConflict((oc) => oc.columns(['township_id', 'key']).doNothing())
      .execute();
  }
  // Inside a caller's transaction the rows may still roll back: remember only committed work.
  if (!db.isTransaction) seeded.add(townshipId);
}

/** Forgets what was seeded (tests that recreate databases in one process). */
export function resetCategorySeedCache(): void {
  seeded.clear();
}
