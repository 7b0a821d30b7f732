import { z } from 'zod';
import { errorResponses, text } from '../../http/common.schema.js';
import type { App, AppDeps } from '../../http/types.js';
import { isSetupNeeded, runFirstSetup } from './setup.service.js';

export function setupRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/setup', { schema: { tags: ['setup'], response: { 200: z.object({ needed: z.boolean() }) } } }, async () => ({ needed: await isSetupNeeded(db) }));

  app.post('/api/v1/setup', {
    schema: {
      tags: ['setup'],
      body: z.strictObject({
        townshipCode: z.string().trim(),
        username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/),
        displayName: text(50),
        password: z.string().min(1).max(200),
      }),
      response: { 201: z.object({ townshipId: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(await runFirstSetup(db, req.body)));
}
