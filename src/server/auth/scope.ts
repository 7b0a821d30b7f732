import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * The townships an actor may see: their own, or every township of a county_admin's county.
 * This is the tenancy boundary: every query of township data is filtered by it.
 */
export async function visibleTownshipIds(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  if (actor.role === 'county_admin') {
    if (!actor.countyCode) return [];
    const rows = await db
      .selectFrom('townships')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('archived_at', 'is', null)
      .execute();
    return rows.map((r) => r.id);
  }
  return actor.townshipId ? [actor.townshipId] : [];
}

/** Throws 404 unless `townshipId` is within the actor's scope. */
export async function assertTownshipInScope(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<void> {
  const ids = await visibleTownshipIds(db, actor);
  if (!ids.includes(townshipId)) throw notFound('township');
}
