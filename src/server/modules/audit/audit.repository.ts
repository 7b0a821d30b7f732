import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A township's audit rows, newest first, `limit` at a time before `beforeSeq`. */
export function listAuditRows(db: Kysely<DB>, townshipId: string, options: { beforeSeq?: number; limit: number }) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'seq', 'at', 'actor_name', 'ip', 'action', 'entity_type', 'entity_id'])
    .where('chain', '=', townshipId)
    .$if(options.beforeSeq !== undefined, (q) => q.where('seq', '<', options.beforeSeq!))
    .orderBy('seq', 'desc')
    .limit(options.limit)
    .execute();
}
