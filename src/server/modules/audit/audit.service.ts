import { createHash } from 'node:crypto';
import { type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../ids.js';
import { isPostgres } from '../../db/dialect.js';

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
/**
 * Personal information (个人信息保护法) is sealed in its tables; the audit trail, which cannot be
 * rewritten without breaking its hash chain, never holds it: it records that the field changed.
 */
const PERSONAL_KEYS = new Set(['id_number', 'idNumber', 'id_number_index', 'phone', 'resident_phone', 'residentPhone']);

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '[redacted]' : PERSONAL_KEYS.has(key) && typeof v === 'string' ? '[personal]' : v));
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

export interface ChainBreak {
  chain: string;
  seq: number;
  auditId: string;
  /** anchor_mismatch: the pruning anchor does not match the latest audit.prune row of its chain. */
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch' | 'anchor_mismatch';
}

/**
 * Walks every chain from its start (or from its pruning anchor, see audit.retention.ts) and
 * returns the first broken link of each, if any.
 */
export async function verifyAuditChains(db: Kysely<DB>): Promise<{ rows: number; chains: number; breaks: ChainBreak[] }> {
  const heads = await db.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
  const anchors = new Map((await db.selectFrom('audit_anchors').select(['chain', 'seq', 'hash']).execute()).map((a) => [a.chain, a]));
  const breaks: ChainBreak[] = [];
  let rows = 0;
  for (const head of heads) {
    const anchor = anchors.get(head.chain);
    let prev = anchor?.hash ?? GENESIS_HASH;
    let expectedSeq = (anchor?.seq ?? 0) + 1;
    let broken = false;
    const pageSize = 5000;
    if (anchor) {
      // The anchor is only trusted if the chain itself recorded it (the audit.prune row written
      // with the pruning): a moved anchor would otherwise hide deleted rows.
      const record = await db.selectFrom('audit_log').select(['id', 'seq', 'after_json']).where('chain', '=', head.chain)
        .where('action', '=', 'audit.prune').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const said = record?.after_json ? (JSON.parse(record.after_json) as { anchorSeq?: number; anchorHash?: string }) : null;
      if (!said || said.anchorSeq !== anchor.seq || said.anchorHash !== anchor.hash) {
        breaks.push({ chain: head.chain, seq: anchor.seq, auditId: record?.id ?? '', reason: 'anchor_mismatch' });
        continue;
      }
    }
    // Rows up to the head as read above: a row written since (its head moved with it, in its own
    // transaction) is not part of what is verified now, and counting it would report a false break.
    for (let from = anchor?.seq ?? 0; !broken && from < head.seq; from += pageSize) {
      const page = await db
        .selectFrom('audit_log')
        .select(['id', 'chain', 'seq', 'township_id', 'actor_id', 'actor_name', 'at', 'ip', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'prev_hash', 'hash'])
        .where('chain', '=', head.chain)
        .where('seq', '>', from)
        .where('seq', '<=', Math.min(from + pageSize, head.seq))
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
    }
    if (!broken && (expectedSeq - 1 !== head.seq || prev !== head.hash)) {
      breaks.push({ chain: head.chain, seq: expectedSeq, auditId: '', reason: 'head_mismatch' });
      continue;
    }
    // A row past the head is either written since (and its head, committed with it, has moved
    // past it too) or slipped in without moving the head.
    if (!broken) {
      const past = await db.selectFrom('audit_log').select(['id', 'seq']).where('chain', '=', head.chain).where('seq', '>', head.seq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (past) {
        const now = await db.selectFrom('audit_heads').select('seq').where('chain', '=', head.chain).executeTakeFirst();
        if (!now || now.seq < past.seq) breaks.push({ chain: head.chain, seq: past.seq, auditId: past.id, reason: 'head_mismatch' });
      }
    }
  }
  return { rows, chains: heads.length, breaks };
}

