import { z } from 'zod';
import type * as repo from './rule-of-law.repository.js';
import { programmeCriteria, type ComplaintList, type EntryDetail } from './rule-of-law.service.js';

const ZKind = z.enum(['complaint', 'reconsideration', 'lawsuit']);

export const ZComplaint = z.object({
  id: z.string(), unitId: z.string(), unitName: z.string(), kind: ZKind, receivedOn: z.string(), cause: z.string(), outcome: z.string().nullable(),
  concludedOn: z.string().nullable(), createdAt: z.string(),
});

export function presentComplaint(r: repo.ComplaintRow & { unitName?: string }): z.infer<typeof ZComplaint> {
  return {
    id: r.id, unitId: r.unit_id, unitName: r.unitName ?? '', kind: r.kind, receivedOn: r.received_on, cause: r.cause, outcome: r.outcome,
    concludedOn: r.concluded_on, createdAt: r.created_at,
  };
}

export const ZComplaintList = z.object({
  year: z.number(),
  items: z.array(ZComplaint),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), complaint: z.number(), reconsideration: z.number(), lawsuit: z.number(), total: z.number() })),
  byKind: z.object({ complaint: z.number(), reconsideration: z.number(), lawsuit: z.number() }),
  canManage: z.boolean(),
});

export function presentComplaintList(l: ComplaintList): z.infer<typeof ZComplaintList> {
  return { year: l.year, items: l.items.map(presentComplaint), byUnit: l.byUnit, byKind: l.byKind, canManage: l.canManage };
}

export const ZProgramme = z.object({ id: z.string(), name: z.string(), criteria: z.array(z.string()), position: z.number(), archived: z.boolean() });

export function presentProgramme(p: repo.ProgrammeRow): z.infer<typeof ZProgramme> {
  return { id: p.id, name: p.name, criteria: programmeCriteria(p), position: p.position, archived: p.archived_at !== null };
}

export const ZEntry = z.object({
  id: z.string(), programmeId: z.string(), programmeName: z.string(), villageId: z.string(), villageName: z.string(), year: z.number(),
  status: z.enum(['applied', 'building', 'accepted']), acceptedOn: z.string().nullable(), note: z.string().nullable(),
  criteria: z.array(z.object({ id: z.string(), name: z.string(), isMet: z.boolean(), evidence: z.string().nullable() })),
  met: z.number(),
});

export function presentEntry(d: EntryDetail): z.infer<typeof ZEntry> {
  const e = d.entry;
  return {
    id: e.id, programmeId: e.programme_id, programmeName: d.programmeName, villageId: e.village_id, villageName: d.villageName, year: e.year,
    status: e.status, acceptedOn: e.accepted_on, note: e.note,
    criteria: d.criteria.map((c) => ({ id: c.id, name: c.name, isMet: c.is_met, evidence: c.evidence })), met: d.criteria.filter((c) => c.is_met).length,
  };
}
