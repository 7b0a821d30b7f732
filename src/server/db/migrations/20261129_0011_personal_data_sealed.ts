import type { Kysely } from 'kysely';
import { isSealed, personalIndex, sealPersonal } from '../../security/personal-data.js';
import { columnTypes } from '../migration-helpers.js';

/**
 * Personal information at rest (个人信息保护法 第51条) and the audit trail's retention:
 * - `deputies.id_number` and `deputies.phone`, `resident_opinions.resident_phone`: plain values
 *   already stored are sealed in place (AES-256-GCM, security/personal-data.ts);
 * - `deputies.id_number_index`: the keyed hash of the 身份证号; the unique index that kept one
 *   deputy per 身份证号, level and term moves from the (now randomised) sealed column to it;
 * - `audit_anchors`: where a chain's pruned prefix ended (seq and hash of its last pruned row),
 *   so the retained rows still verify after rows older than the retention period are pruned;
 * - `audit_breaks`: each broken link found by the daily verification, reported once.
 *
 * A unit's `contact_phone` is an office number, not a person's, and stays plain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const k = db as unknown as Kysely<{
    deputies: { id: string; id_number: string; id_number_index: string | null; phone: string | null };
    resident_opinions: { id: string; resident_phone: string | null };
  }>;

  await db.schema.alterTable('deputies').addColumn('id_number_index', 'text').execute();
  const deputies = await k.selectFrom('deputies').select(['id', 'id_number', 'phone']).execute();
  for (const d of deputies) {
    // A 身份证号 is normalised on write (trimmed, upper-case X); the index hashes that form.
    const plainId = isSealed(d.id_number) ? null : d.id_number.trim().toUpperCase();
    await k.updateTable('deputies').set({
      ...(plainId !== null ? { id_number: sealPersonal(plainId), id_number_index: personalIndex(plainId) } : {}),
      ...(d.phone && !isSealed(d.phone) ? { phone: sealPersonal(d.phone) } : {}),
    }).where('id', '=', d.id).execute();
  }
  await db.schema.dropIndex('deputies_id_number_uq').execute();
  await db.schema.createIndex('deputies_id_number_index_uq').on('deputies').columns(['township_id', 'level', 'term_number', 'id_number_index']).unique().execute();

  const opinions = await k.selectFrom('resident_opinions').select(['id', 'resident_phone']).where('resident_phone', 'is not', null).execute();
  for (const o of opinions) {
    if (o.resident_phone && !isSealed(o.resident_phone)) {
      await k.updateTable('resident_opinions').set({ resident_phone: sealPersonal(o.resident_phone) }).where('id', '=', o.id).execute();
    }
  }

  await db.schema
    .createTable('audit_anchors')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    // The last pruned row: its seq and hash are where the retained chain continues.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('last_at', t.instant, (c) => c.notNull())
    .addColumn('pruned_rows', 'integer', (c) => c.notNull())
    .addColumn('pruned_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_breaks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detected_at', t.instant, (c) => c.notNull())
    .addColumn('notified_users', 'integer', (c) => c.notNull())
    .execute();
  // One report per break: the same broken link found again the next day is not reported again.
  await db.schema.createIndex('audit_breaks_once_uq').on('audit_breaks').columns(['chain', 'seq', 'reason']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
