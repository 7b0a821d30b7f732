import { z } from 'zod';
import { errorResponses, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { townshipDashboard } from './dashboard.service.js';

export function dashboardRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/townships/:townshipId/dashboard', {
    schema: { tags: ['dashboard'], params: ZTownshipParams, response: { 200: z.object({ counts: z.record(z.string(), z.number()) }), ...errorResponses } },
  }, async (req) => ({ counts: await townshipDashboard(db, requireActor(req), req.params.townshipId) }));
}
