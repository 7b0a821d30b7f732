import { z } from 'zod';
import { isValidDay } from '../../../domain/due-dates.js';
import { errorResponses, text, ZId, ZIdParams, ZOk, ZTownshipParams } from '../../http/common.schema.js';
import { requireActor, type App, type AppDeps } from '../../http/types.js';
import {
  presentComplaint, presentComplaintList, presentEntry, presentProgramme, ZComplaint, ZComplaintList, ZEntry, ZProgramme,
} from './rule-of-law.presenter.js';
import * as service from './rule-of-law.service.js';

const ZDay = z.string().refine(isValidDay, { message: 'YYYY-MM-DD' });
const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZComplaintBody = z.strictObject({
  unitId: ZId,
  kind: z.enum(['complaint', 'reconsideration', 'lawsuit']),
  receivedOn: ZDay,
  cause: text(1000),
  outcome: z.string().trim().max(2000).nullable().optional(),
  concludedOn: ZDay.nullable().optional(),
});
const ZProgrammeBody = z.strictObject({ name: text(40), criteria: z.array(text(100)).min(1).max(30) });

/** The complaints and lawsuits register and the model-village programmes (依法治镇). */
export function ruleOfLawRoutes(app: App, { db }: AppDeps): void {
  const tags = ['rule-of-law'];

  app.get('/api/v1/townships/:townshipId/complaints', {
    schema: { tags, params: ZTownshipParams, querystring: z.strictObject({ year: ZYear }), response: { 200: ZComplaintList, ...errorResponses } },
  }, async (req) => presentComplaintList(await service.listComplaints(db, requireActor(req), req.params.townshipId, req.query.year)));

  app.post('/api/v1/townships/:townshipId/complaints', {
    schema: { tags, params: ZTownshipParams, body: ZComplaintBody, response: { 201: ZComplaint, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentComplaint(await service.createComplaint(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/administrative-complaints/:id', {
    schema: { tags, params: ZIdParams, body: ZComplaintBody.partial().strict(), response: { 200: ZComplaint, ...errorResponses } },
  }, async (req) => presentComplaint(await service.updateComplaint(db, requireActor(req), req.params.id, req.body)));

  app.delete('/api/v1/administrative-complaints/:id', {
    schema: { tags, params: ZIdParams, response: { 200: ZOk, ...errorResponses } },
  }, async (req) => {
    await service.archiveComplaint(db, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/api/v1/townships/:townshipId/model-programmes', {
    schema: { tags, params: ZTownshipParams, response: { 200: z.object({ items: z.array(ZProgramme) }), ...errorResponses } },
  }, async (req) => ({ items: (await service.listProgrammes(db, requireActor(req), req.params.townshipId)).map(presentProgramme) }));

  app.post('/api/v1/townships/:townshipId/model-programmes', {
    schema: { tags, params: ZTownshipParams, body: ZProgrammeBody, response: { 201: ZProgramme, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentProgramme(await service.createProgramme(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/model-programmes/:id', {
    schema: { tags, params: ZIdParams, body: ZProgrammeBody.partial().extend({ archived: z.boolean().optional() }).strict(), response: { 200: ZProgramme, ...errorResponses } },
  }, async (req) => presentProgramme(await service.updateProgramme(db, requireActor(req), req.params.id, req.body)));

  app.get('/api/v1/townships/:townshipId/model-villages', {
    schema: {
      tags, params: ZTownshipParams, querystring: z.strictObject({ year: ZYear.optional() }),
      response: { 200: z.object({ items: z.array(ZEntry), programmes: z.array(ZProgramme), canManage: z.boolean() }), ...errorResponses },
    },
  }, async (req) => {
    const l = await service.listEntries(db, requireActor(req), req.params.townshipId, req.query.year);
    return { items: l.items.map(presentEntry), programmes: l.programmes.map(presentProgramme), canManage: l.canManage };
  });

  app.post('/api/v1/townships/:townshipId/model-villages', {
    schema: {
      tags, params: ZTownshipParams,
      body: z.strictObject({ programmeId: ZId, villageId: ZId, year: z.number().int().min(2000).max(2100), note: z.string().trim().max(500).nullable().optional() }),
      response: { 201: ZEntry, ...errorResponses },
    },
  }, async (req, reply) => reply.status(201).send(presentEntry(await service.createEntry(db, requireActor(req), req.params.townshipId, req.body))));

  app.patch('/api/v1/model-village-entries/:id', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ status: z.enum(['applied', 'building', 'accepted']).optional(), acceptedOn: ZDay.nullable().optional(), note: z.string().trim().max(500).nullable().optional() }),
      response: { 200: ZEntry, ...errorResponses },
    },
  }, async (req) => presentEntry(await service.updateEntry(db, requireActor(req), req.params.id, req.body)));

  app.put('/api/v1/model-village-criteria/:id', {
    schema: {
      tags, params: ZIdParams,
      body: z.strictObject({ isMet: z.boolean(), evidence: z.string().trim().max(1000).nullable().optional() }),
      response: { 200: ZEntry, ...errorResponses },
    },
  }, async (req) => presentEntry(await service.updateCriterion(db, requireActor(req), req.params.id, req.body)));
}
