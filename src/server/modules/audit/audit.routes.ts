import { z } from 'zod';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import { errorResponses, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { listAuditRows } from './audit.repository.js';

const ZAuditRow = z.object({
  id: z.string(), seq: z.number(), at: z.string(), actorName: z.string().nullable(), ip: z.string().nullable(),
  action: z.string(), entityType: z.string(), entityId: z.string().nullable(),
});

/** The township's audit trail, newest first. `beforeSeq` is bounded by the column (a 32-bit integer on PostgreSQL). */
export function auditRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/townships/:townshipId/audit', {
    schema: {
      tags: ['audit'], params: ZTownshipParams,
      querystring: z.strictObject({ beforeSeq: z.coerce.number().int().positive().max(2_147_483_647).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(ZAuditRow) }), ...errorResponses },
    },
  }, async (req) => {
    const actor = requireActor(req);
    await assertTownshipInScope(db, actor, req.params.townshipId);
    authorize(actor, 'audit.read');
    const rows = await listAuditRows(db, req.params.townshipId, { limit: req.query.limit, ...(req.query.beforeSeq !== undefined ? { beforeSeq: req.query.beforeSeq } : {}) });
    return {
      items: rows.map((r) => ({ id: r.id, seq: r.seq, at: r.at, actorName: r.actor_name, ip: r.ip, action: r.action, entityType: r.entity_type, entityId: r.entity_id })),
    };
  });
}
