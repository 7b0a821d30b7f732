import { z } from 'zod';
import type { TownshipRow, UnitRow, VillageRow } from './townships.repository.js';
import { parseSettings } from './townships.service.js';

export const UNIT_TYPES = ['gov_department', 'station', 'school', 'village_committee', 'other'] as const;
export const VILLAGE_KINDS = ['village', 'community'] as const;

export const ZTownshipSettings = z.object({
  villageDisclosurePeriod: z.enum(['quarterly', 'monthly']),
  villageDisclosureGraceDays: z.number().int().min(0).max(60),
  reHandlingMonths: z.number().int().min(1).max(6),
  occupations: z.array(z.string().trim().min(1).max(20)).min(1).max(30),
  dutyPointRules: z.record(z.string().regex(/^[A-Za-z]{1,40}$/), z.number().int().min(-100).max(100)),
  suggestionCategories: z.array(z.string().trim().min(1).max(20)).min(1).max(40),
});

export const ZTownship = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityName: z.string(),
  provinceName: z.string(),
  isDemo: z.boolean(),
  settings: ZTownshipSettings,
  createdAt: z.string(),
});

export const ZVillage = z.object({
  id: z.string(),
  townshipId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  kind: z.enum(VILLAGE_KINDS),
  sortOrder: z.number(),
  archivedAt: z.string().nullable(),
});

export const ZUnit = z.object({
  id: z.string(),
  townshipId: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  hasEnforcementPower: z.boolean(),
  villageId: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  archivedAt: z.string().nullable(),
});

export function presentTownship(t: TownshipRow): z.infer<typeof ZTownship> {
  return {
    id: t.id, code: t.code, name: t.name, countyCode: t.county_code, countyName: t.county_name,
    cityName: t.city_name, provinceName: t.province_name, isDemo: t.is_demo,
    settings: parseSettings(t.settings_json), createdAt: t.created_at,
  };
}

export function presentVillage(v: VillageRow): z.infer<typeof ZVillage> {
  return { id: v.id, townshipId: v.township_id, code: v.code, name: v.name, kind: v.kind, sortOrder: v.sort_order, archivedAt: v.archived_at };
}

export function presentUnit(u: UnitRow): z.infer<typeof ZUnit> {
  return {
    id: u.id, townshipId: u.township_id, name: u.name, type: u.type, hasEnforcementPower: u.has_enforcement_power,
    villageId: u.village_id, contactPerson: u.contact_person, contactPhone: u.contact_phone, archivedAt: u.archived_at,
  };
}
