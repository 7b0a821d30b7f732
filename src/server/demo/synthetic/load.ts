import { sql, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import { todayInShanghai } from '../../../domain/due-dates.js';
import { systemActor } from '../../auth/actor.js';
import { hashPassword } from '../../auth/passwords.js';
import type { DB } from '../../db/schema.js';
import { insertDeputies } from '../../modules/deputies/deputies.repository.js';
import { writeAudit } from '../../modules/audit/audit.service.js';
import { personalIndex, sealPersonal } from '../../security/personal-data.js';
import { addCountyNotices } from './county-notices.js';
import { DISCLOSURE_TABLES } from './generate-disclosure.js';
import { FOLLOW_UP_TABLES } from './generate-followups.js';
import { emptyRows, generateTownship, mergeRows, type TownshipRows } from './generate.js';
import { pickPlaces, type Scale } from './places.js';
import { Prng } from './prng.js';

export type { Scale };

export interface SyntheticOptions {
  scale: Scale;
  seed: number;
  /** The day the data is as of (default: today in Asia/Shanghai). Same seed and day → same rows. */
  asOf?: string;
  /** The password of every generated login. */
  password: string;
  /** Townships per transaction. */
  batchTownships?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticResult {
  townships: number;
  skipped: number;
  counties: number;
  rows: Record<string, number>;
  ms: number;
  logins: { office: string; county: string[] };
}

/** Tables in the order their foreign keys need. */
const ORDER = [
  'townships', 'villages', 'units', 'users', 'constituencies', 'constituency_villages', 'deputy_groups', 'deputies', 'presidium_members',
  'congress_sessions', 'session_seats', 'agenda_items', 'motions', 'motion_signers', 'resolutions', 'session_votes', 'suggestions', 'suggestion_signers', 'suggestion_units',
  'suggestion_contacts', 'suggestion_replies', 'suggestion_events', 'duty_activities', 'duty_activity_deputies', 'duty_activity_sites',
  'duty_evaluations', 'duty_evaluation_attendees', 'duty_evaluation_deputies', 'presidium_meetings', 'presidium_meeting_attendees', 'presidium_meeting_topics',
  'opinion_consolidations', 'resident_opinions', 'election_rounds', 'village_elections', 'election_steps', 'election_voters', 'election_candidates',
  'election_tally_entries', 'election_box_counts', ...DISCLOSURE_TABLES, ...FOLLOW_UP_TABLES,
] as const satisfies readonly (keyof TownshipRows)[];

/** Multi-row inserts below the bound-parameter limits (SQLite 32,766; PostgreSQL 65,535). */
async function insertMany(trx: Transaction<DB>, table: keyof DB, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!).length;
  const per = Math.max(1, Math.min(1000, Math.floor(30_000 / columns)));
  for (let i = 0; i < rows.length; i += per) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by TownshipRows per table
    await trx.insertInto(table).values(rows.slice(i, i + per) as any).execute();
  }
}

async function insertRows(trx: Transaction<DB>, rows: TownshipRows): Promise<void> {
  for (const table of ORDER) {
    // Deputies go through their repository: 身份证号 and phone are stored the way it stores them (sealed).
    if (table === 'deputies') await insertDeputies(trx, rows.deputies);
    // So do residents' phones and voters' 身份证号 (generated in clear text, see generate-more.ts).
    else if (table === 'resident_opinions') await insertMany(trx, table, rows.resident_opinions.map((o) => ({ ...o, resident_phone: o.resident_phone === null ? null : sealPersonal(o.resident_phone) })));
    else if (table === 'election_voters') await insertMany(trx, table, rows.election_voters.map((v) => ({ ...v, id_number_sealed: sealPersonal(v.id_number_sealed), id_number_index: personalIndex(v.id_number_index) })));
    else await insertMany(trx, table, rows[table] as unknown as Record<string, unknown>[]);
  }
  for (const g of rows.groupLeaders) await trx.updateTable('deputy_groups').set({ leader_deputy_id: g.deputyId }).where('id', '=', g.groupId).execute();
}

/**
 * Generates synthetic townships of a scale (1, a county of 25, a province of 1,300) with a year of
 * records each, deterministic for a seed and day, and inserts them in batches of townships, one
 * transaction per batch. Townships already in the database are skipped.
 */
export async function loadSynthetic(db: Kysely<DB>, opts: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const rng = new Prng(opts.seed);
  const asOf = opts.asOf ?? todayInShanghai();
  const places = await pickPlaces(rng.fork('places'), opts.scale);
  const existing = new Set((await db.selectFrom('townships').select('code').where('code', 'in', places.map((p) => p.code)).execute()).map((r) => r.code));
  const missing = places.filter((p) => !existing.has(p.code));
  const passwordHash = await hashPassword(opts.password);
  const counts: Record<string, number> = {};
  const batchSize = opts.batchTownships ?? 25;
  const actor = systemActor('synthetic');
  for (let i = 0; i < missing.length; i += batchSize) {
    const batch = emptyRows();
    for (const place of missing.slice(i, i + batchSize)) mergeRows(batch, generateTownship(rng.fork(place.code), place, { asOf, passwordHash }));
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, batch);
      for (const t of batch.townships) {
        await writeAudit(trx, actor, { townshipId: t.id, action: 'synthetic.load', entityType: 'township', entityId: t.id, after: { code: t.code, name: t.name, seed: opts.seed, asOf } });
      }
    });
    for (const table of ORDER) counts[table] = (counts[table] ?? 0) + (batch[table] as unknown[]).length;
    opts.onProgress?.(Math.min(missing.length, i + batchSize), missing.length);
  }
  // One county admin login per county (县人大常委会), unless the county already has one of these.
  const counties = [...new Set(places.map((p) => p.countyCode))].sort();
  const countyLogins: string[] = [];
  for (const code of counties) {
    const username = `county${code}`;
    countyLogins.push(username);
    if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) continue;
    const at = `${asOf}T00:00:00.000Z`;
    await db.insertInto('users').values({
      id: rng.fork(`county-${code}`).uuid(Date.parse(at)), township_id: null, county_code: code, username, display_name: '县人大常委会办公室', role: 'county_admin',
      unit_id: null, village_id: null, password_hash: passwordHash, must_change_password: false, failed_login_count: 0, locked_until: null, is_active: true,
      last_login_at: null, created_at: at, updated_at: at, email: null,
    }).execute();
  }
  counts.users = (counts.users ?? 0) + counties.length;
  // The county's notices to its townships, with the townships' report-backs.
  for (const code of counties) {
    const made = await addCountyNotices(db, rng.fork(`notices-${code}`), code, Number(asOf.slice(0, 4)), asOf);
    counts.county_notices = (counts.county_notices ?? 0) + made.notices;
    counts.county_notice_tasks = (counts.county_notice_tasks ?? 0) + made.tasks;
  }
  // Fresh planner statistics after a bulk load: without them PostgreSQL plans the county queries
  // for empty tables until autovacuum gets round to it (seconds instead of milliseconds).
  if (missing.length && isPostgres(db)) await sql`analyze ${sql.join(ORDER.map((t) => sql.table(t)))}`.execute(db);
  return {
    townships: missing.length, skipped: existing.size, counties: counties.length, rows: counts, ms: Math.round(performance.now() - started),
    logins: { office: missing[0] ? `office${missing[0].code}` : '', county: countyLogins },
  };
}
