import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listUnits, listVillages, type TownshipRow, type UnitRow, type VillageRow } from '../townships/townships.repository.js';
import * as repo from './disclosure.repository.js';

/**
 * What the public portal shows of disclosure: published versions only (and the superseded ones
 * as history), never drafts, never the people behind them (no contact names or phones, no
 * photos of the board checks).
 */
export interface PublicIndex {
  units: { unit: UnitRow; currentBoard: repo.BoardRow | null; disclosures: number; latestOn: string | null }[];
  villages: { village: VillageRow; latest: repo.VillageDisclosureRow | null; published: number }[];
}

export async function publicIndex(db: Kysely<DB>, t: TownshipRow): Promise<PublicIndex> {
  const [units, villages, boards, unitDisclosures, villageDisclosures] = await Promise.all([
    listUnits(db, t.id, false), listVillages(db, t.id, false), repo.listBoardsOfTownship(db, t.id), repo.listUnitDisclosuresOfTownship(db, t.id),
    repo.listVillageDisclosuresOfTownship(db, t.id, { from: '1900-01-01', to: '9999-12-31' }),
  ]);
  return {
    units: units.filter((u) => u.type !== 'village_committee').map((u) => {
      const published = unitDisclosures.filter((d) => d.unit_id === u.id && d.status === 'published');
      const currentBoard = boards.find((b) => b.unit_id === u.id && b.status === 'published') ?? null;
      const days = [...published.map((d) => d.published_on!), ...(currentBoard?.published_on ? [currentBoard.published_on] : [])].sort();
      return { unit: u, currentBoard, disclosures: published.length, latestOn: days.at(-1) ?? null };
    }).filter((x) => x.currentBoard || x.disclosures > 0 || x.unit.has_enforcement_power),
    villages: villages.map((v) => {
      const own = villageDisclosures.filter((d) => d.village_id === v.id && d.status === 'published').sort((a, b) => b.period_start.localeCompare(a.period_start));
      return { village: v, latest: own[0] ?? null, published: own.length };
    }),
  };
}

export interface PublicUnit {
  unit: UnitRow;
  /** Published and superseded versions, newest first. */
  boards: repo.BoardRow[];
  disclosures: repo.UnitDisclosureRow[];
}

export async function publicUnit(db: Kysely<DB>, t: TownshipRow, unitId: string): Promise<PublicUnit | null> {
  const unit = (await listUnits(db, t.id, false)).find((u) => u.id === unitId && u.type !== 'village_committee');
  if (!unit) return null;
  const [boards, disclosures] = await Promise.all([repo.listBoardsOfUnit(db, unit.id), repo.listUnitDisclosures(db, unit.id)]);
  return {
    unit,
    boards: boards.filter((b) => b.status !== 'draft'),
    disclosures: disclosures.filter((d) => d.status === 'published').sort((a, b) => b.published_on!.localeCompare(a.published_on!)),
  };
}

export interface PublicVillage {
  village: VillageRow;
  disclosures: { disclosure: repo.VillageDisclosureRow; items: repo.ItemRow[]; lines: repo.LineRow[] }[];
}

export async function publicVillage(db: Kysely<DB>, t: TownshipRow, villageId: string): Promise<PublicVillage | null> {
  const village = (await listVillages(db, t.id, false)).find((v) => v.id === villageId);
  if (!village) return null;
  const rows = (await repo.listVillageDisclosures(db, village.id)).filter((d) => d.status !== 'draft');
  const ids = rows.map((r) => r.id);
  const [items, lines] = await Promise.all([repo.listItems(db, ids), repo.listLines(db, ids)]);
  return {
    village,
    disclosures: rows.map((d) => ({ disclosure: d, items: items.filter((i) => i.disclosure_id === d.id), lines: lines.filter((l) => l.disclosure_id === d.id) })),
  };
}
