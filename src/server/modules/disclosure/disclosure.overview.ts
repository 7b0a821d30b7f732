import type { Kysely } from 'kysely';
import type { DisclosurePeriodKind } from '../../../domain/disclosure.js';
import { todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import type { DB, UnitType } from '../../db/schema.js';
import { listUnits, listVillages } from '../townships/townships.repository.js';
import { townshipViewFor } from './disclosure.access.js';
import * as repo from './disclosure.repository.js';
import { disclosureKindOf } from './unit-disclosures.service.js';
import { disclosureSettings, periodStatuses, type PeriodStatus } from './village-disclosures.service.js';

/**
 * The compliance lists of a township (公开情况): every unit holding enforcement power with its
 * current board (and those lacking one), the other units' and schools' disclosures, and every
 * village's periods with the overdue ones flagged, and the published ones whose opening balance
 * no longer follows on from the previous period's closing balance. A unit handler sees their unit, a village
 * clerk their village.
 */
export interface EnforcementUnitStatus {
  unitId: string;
  unitName: string;
  unitType: UnitType;
  current: { id: string; version: number; publishedOn: string | null; lastCheckedOn: string | null; checks: number } | null;
  draftId: string | null;
  versions: number;
}

export interface UnitDisclosureStatus {
  unitId: string;
  unitName: string;
  unitType: UnitType;
  kind: 'government' | 'school';
  published: number;
  drafts: number;
  latestPublishedOn: string | null;
}

export interface VillageStatus {
  villageId: string;
  villageName: string;
  periods: PeriodStatus[];
  overdue: number;
  /** Published periods whose opening balance is not the previous published closing balance. */
  carryOverBroken: number;
}

export interface DisclosureOverview {
  year: number;
  asOf: string;
  periodKind: DisclosurePeriodKind;
  graceDays: number;
  enforcementUnits: EnforcementUnitStatus[];
  /** Units with enforcement power and no current published board. */
  lackingBoard: EnforcementUnitStatus[];
  governmentUnits: UnitDisclosureStatus[];
  schools: UnitDisclosureStatus[];
  villages: VillageStatus[];
}

export async function getOverview(db: Kysely<DB>, actor: Actor, townshipId: string, year: number, asOf?: string): Promise<DisclosureOverview> {
  const view = await townshipViewFor(db, actor, townshipId);
  const today = asOf ?? todayInShanghai();
  const settings = await disclosureSettings(db, townshipId);
  const [units, villages, boards, checks, unitDisclosures, villageDisclosures, earlierDisclosures] = await Promise.all([
    view.showsUnits ? listUnits(db, townshipId, false) : Promise.resolve([]),
    view.showsVillages ? listVillages(db, townshipId, false) : Promise.resolve([]),
    view.showsUnits ? repo.listBoardsOfTownship(db, townshipId) : Promise.resolve([]),
    view.showsUnits ? repo.listChecksOfTownship(db, townshipId) : Promise.resolve([]),
    view.showsUnits ? repo.listUnitDisclosuresOfTownship(db, townshipId) : Promise.resolve([]),
    view.showsVillages ? repo.listVillageDisclosuresOfTownship(db, townshipId, { from: `${year}-01-01`, to: `${year}-12-31` }) : Promise.resolve([]),
    // What each village's first published period of the year carries over: one query for the township.
    view.showsVillages ? repo.listLatestPublishedBefore(db, townshipId, `${year}-01-01`, view.villageId) : Promise.resolve([]),
  ]);
  const visibleUnits = units.filter((u) => !view.unitId || u.id === view.unitId);
  const enforcementUnits: EnforcementUnitStatus[] = visibleUnits.filter((u) => u.has_enforcement_power).map((u) => {
    const own = boards.filter((b) => b.unit_id === u.id);
    const current = own.find((b) => b.status === 'published');
    const currentChecks = current ? checks.filter((c) => c.board_id === current.id) : [];
    return {
      unitId: u.id, unitName: u.name, unitType: u.type, versions: own.filter((b) => b.status !== 'draft').length,
      draftId: own.find((b) => b.status === 'draft')?.id ?? null,
      current: current ? { id: current.id, version: current.version, publishedOn: current.published_on, lastCheckedOn: currentChecks[0]?.checked_on ?? null, checks: currentChecks.length } : null,
    };
  });
  const unitStatus = (kind: 'government' | 'school') => visibleUnits.filter((u) => disclosureKindOf(u) === kind && (kind === 'school' || !u.has_enforcement_power)).map((u) => {
    const own = unitDisclosures.filter((d) => d.unit_id === u.id);
    const published = own.filter((d) => d.status === 'published');
    return {
      unitId: u.id, unitName: u.name, unitType: u.type, kind, published: published.length, drafts: own.length - published.length,
      latestPublishedOn: published.map((d) => d.published_on!).sort().at(-1) ?? null,
    };
  });
  const villageStatus = villages.filter((v) => !view.villageId || v.id === view.villageId).map((v) => {
    const periods = periodStatuses(
      settings.villageDisclosurePeriod, settings.villageDisclosureGraceDays, year, today,
      villageDisclosures.filter((d) => d.village_id === v.id), earlierDisclosures.filter((d) => d.village_id === v.id),
    );
    return { villageId: v.id, villageName: v.name, periods, overdue: periods.filter((p) => p.overdue).length, carryOverBroken: periods.filter((p) => p.carryOver).length };
  });
  return {
    year, asOf: today, periodKind: settings.villageDisclosurePeriod, graceDays: settings.villageDisclosureGraceDays,
    enforcementUnits, lackingBoard: enforcementUnits.filter((u) => !u.current),
    governmentUnits: unitStatus('government'), schools: unitStatus('school'), villages: villageStatus,
  };
}
