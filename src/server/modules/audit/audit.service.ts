import { createHash } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  townshipId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

interface HashedFields {
  chain: string;
  seq: number;
  township_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** The hash of one row: sha256 over the previous hash and the row's fields in a fixed order. */
export function auditRowHash(prevHash: string, f: HashedFields): string {
  const canonical = JSON.stringify([
    f.chain, f.seq, f.township_id, f.actor_id, f.actor_name, f.at, f.ip,
    f.action, f.entity_type, f.entity_id, f.before_json, f.after_json,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Fields never copied into the audit trail. */
const SECRET_KEYS = new Set(['password_hash', 'passwordHash', 'password', 'csrf_token']);

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '[redacted]' : v));
}

/**
 * Writes an audit row inside the caller's transaction, linked to the previous row of the same
 * chain (one chain per township). The head row is locked on PostgreSQL so concurrent
 * transactions append one after the other; SQLite serialises writers anyway.
 */
export async function writeAudit(trx: Transaction<DB>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  const chain = entry.townshipId ?? 'system';
  await trx
    .insertInto('audit_heads')
    .values({ chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const head = await trx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  const fields: HashedFields = {
    chain,
    seq: head.seq + 1,
    township_id: entry.townshipId,
    actor_id: actor?.id ?? null,
    actor_name: actor?.displayName ?? null,
    at: nowIso(),
    ip: actor?.ip ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
  };
  const hash = auditRowHash(head.hash, fields);
  await trx.insertInto('audit_log').values({ id: newId(), ...fields, prev_hash: head.hash, hash }).execute();
  await trx.updateTable('audit_heads').set({ seq: fields.seq, hash }).where('chain', '=', chain).execute();
}

function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export interface ChainBreak {
  chain: string;
  seq: number;
  auditId: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';
}

/** Walks every chain from its start and returns the first broken link of each, if any. */
export async function verifyAuditChains(db: Kysely<DB>): Promise<{ rows: number; chains: number; breaks: ChainBreak[] }> {
  const heads = await db.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
  const breaks: ChainBreak[] = [];
  let rows = 0;
  for (const head of heads) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let broken = false;
    const pageSize = 5000;
    for (let from = 0; !broken; from += pageSize) {
      const page = await db
        .selectFrom('audit_log')
        .select(['id', 'chain', 'seq', 'township_id', 'actor_id', 'actor_name', 'at', 'ip', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'prev_hash', 'hash'])
        .where('chain', '=', head.chain)
        .where('seq', '>', from)
        .where('seq', '<=', from + pageSize)
        .orderBy('seq')
        .execute();
      for (const row of page) {
        rows++;
        const reason: ChainBreak['reason'] | null =
          row.seq !== expectedSeq ? 'seq_gap'
          : row.prev_hash !== prev ? 'prev_hash_mismatch'
          : auditRowHash(prev, row) !== row.hash ? 'hash_mismatch'
          : null;
        if (reason) {
          breaks.push({ chain: head.chain, seq: row.seq, auditId: row.id, reason });
          broken = true;
          break;
        }
        prev = row.hash;
        expectedSeq++;
      }
      if (page.length < pageSize) break;
    }
    if (!broken && (expectedSeq - 1 !== head.seq || prev !== head.hash)) {
      breaks.push({ chain: head.chain, seq: expectedSeq, auditId: '', reason: 'head_mismatch' });
    }
  }
  return { rows, chains: heads.length, breaks };
}

