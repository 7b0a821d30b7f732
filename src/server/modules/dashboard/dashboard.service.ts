import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { countRows } from '../townships/townships.repository.js';

/** One figure on the home dashboard; each module adds its own as it lands. */
export interface DashboardCounter {
  key: string;
  count(db: Kysely<DB>, townshipId: string): Promise<number>;
}

const COUNTERS: DashboardCounter[] = [
  { key: 'villages', count: (db, t) => countRows(db, 'villages', t) },
  { key: 'units', count: (db, t) => countRows(db, 'units', t) },
  { key: 'enforcementUnits', count: (db, t) => countRows(db, 'units', t, { enforcement: true }) },
  { key: 'users', count: (db, t) => countRows(db, 'users', t) },
];

/** Adds a module's figure to the dashboard. */
export function registerDashboardCounter(counter: DashboardCounter): void {
  if (!COUNTERS.some((c) => c.key === counter.key)) COUNTERS.push(counter);
}

/** The dashboard figures of a township, computed from its records. */
export async function townshipDashboard(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<Record<string, number>> {
  await assertTownshipInScope(db, actor, townshipId);
  const values = await Promise.all(COUNTERS.map((c) => c.count(db, townshipId)));
  return Object.fromEntries(COUNTERS.map((c, i) => [c.key, values[i] ?? 0]));
}
