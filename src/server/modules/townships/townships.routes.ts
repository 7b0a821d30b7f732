import { z } from 'zod';
import { errorResponses, text, ZIdParams, ZTownshipParams, ZId } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import { presentTownship, presentUnit, presentVillage, UNIT_TYPES, VILLAGE_KINDS, ZTownship, ZTownshipSettings, ZUnit, ZVillage } from './townships.presenter.js';
import * as service from './townships.service.js';

const ZListQuery = z.strictObject({ includeArchived: z.enum(['true', 'false']).optional() });
const ZVillageBody = z.strictObject({
  name: text(60),
  code: z.string().regex(/^\d{12}$/).nullable().optional(),
  kind: z.enum(VILLAGE_KINDS),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
const ZUnitBody = z.strictObject({
  name: text(60),
  type: z.enum(UNIT_TYPES),
  hasEnforcementPower: z.boolean(),
  villageId: ZId.nullable().optional(),
  contactPerson: z.string().trim().max(30).nullable().optional(),
  contactPhone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullable().optional(),
});

/** Townships in scope, their villages and units. */
export function townshipsRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/v1/townships', {
    schema: { tags: ['townships'], response: { 200: z.object({ items: z.array(ZTownship) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listVisibleTownships(db, requireActor(req))).map(presentTownship) }));

  app.get('/api/v1/townships/:townshipId', {
    schema: { tags: ['townships'], params: ZTownshipParams, response: { 200: ZTownship, ...errorResponses } },
  }, async (req) => presentTownship(await service.getTownship(db, requireActor(req), req.params.townshipId)));

  app.patch('/api/v1/townships/:townshipId', {
    schema: {
      tags: ['townships'], params: ZTownshipParams,
      body: z.strictObject({ name: text(40).optional(), settings: ZTownshipSettings.partial().strict().optional() }),
      response: { 200: ZTownship, ...errorResponses },
    },
  }, async (req) => presentTownship(await service.updateTownship(db, requireActor(req), req.params.townshipId, req.body)));

  app.get('/api/v1/townships/:townshipId/villages', {
    schema: { tags: ['villages'], params: ZTownshipParams, querystring: ZListQuery, response: { 200: z.object({ items: z.array(ZVillage) }), ...errorResponses } },
  }, async (req) => ({
    items: (await service.listVillages(db, requireActor(req), req.params.townshipId, req.query.includeArchived === 'true')).map(presentVillage),
  }));

  app.post('/api/v1/townships/:townshipId/villages', {
    schema: { tags: ['villages'], params: ZTownshipParams, body: ZVillageBody, response: { 201: ZVillage, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentVillage(await service.createVillage(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/villages/:id', {
    schema: { tags: ['villages'], params: ZIdParams, body: ZVillageBody.partial().extend({ archived: z.boolean().optional() }).strict(), response: { 200: ZVillage, ...errorResponses } },
  }, async (req) => presentVillage(await service.updateVillage(db, requireActor(req), req.params.id, req.body)));

  app.get('/api/v1/townships/:townshipId/units', {
    schema: { tags: ['units'], params: ZTownshipParams, querystring: ZListQuery, response: { 200: z.object({ items: z.array(ZUnit) }), ...errorResponses } },
  }, async (req) => ({
    items: (await service.listUnits(db, requireActor(req), req.params.townshipId, req.query.includeArchived === 'true')).map(presentUnit),
  }));

  app.post('/api/v1/townships/:townshipId/units', {
    schema: { tags: ['units'], params: ZTownshipParams, body: ZUnitBody, response: { 201: ZUnit, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentUnit(await service.createUnit(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/units/:id', {
    schema: { tags: ['units'], params: ZIdParams, body: ZUnitBody.partial().extend({ archived: z.boolean().optional() }).strict(), response: { 200: ZUnit, ...errorResponses } },
  }, async (req) => presentUnit(await service.updateUnit(db, requireActor(req), req.params.id, req.body)));
}
