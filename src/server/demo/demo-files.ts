import { deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { sniffKind, zipDeclaredSize, zipInflatesWithin, type Upload, type UploadKind } from '../http/uploads.js';
import { loadDocx } from '../lazy-libs.js';

/**
 * Files for the demo township's records that carry one (a photo of a board on its wall, a photo
 * attached to a report back, a user's report template). They are made in code, checked as an
 * upload is (real type by its bytes against the kinds the route takes, a zip's unpacked size), and
 * then handed to the module's own service, which stores them in the app's uploads folder.
 */

const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5000;

/** The checks readSingleUpload makes on a multipart file, for a file made here. */
export async function demoUpload(filename: string, buffer: Buffer, allowed: UploadKind[]): Promise<Upload> {
  const kind = sniffKind(buffer, filename);
  if (!kind || !allowed.includes(kind)) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: allowed.map((k) => `.${k}`).join('、') });
  if (kind === 'xlsx' || kind === 'docx') {
    const size = zipDeclaredSize(buffer);
    if (!size || size.bytes > MAX_UNZIPPED_BYTES || size.entries > MAX_ZIP_ENTRIES || !(await zipInflatesWithin(buffer, MAX_UNZIPPED_BYTES))) throw new AppError('UPLOAD_TOO_COMPLEX');
  }
  return { filename, kind, buffer };
}

/** The demo user `username` of the township as the services see them. */
export async function demoActor(db: Kysely<DB>, username: string, townshipId: string): Promise<Actor | null> {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'township_id', 'county_code', 'unit_id', 'village_id'])
    .where('username', '=', username).where('township_id', '=', townshipId).executeTakeFirst();
  if (!u) return null;
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role, townshipId: u.township_id, countyCode: u.county_code,
    unitId: u.unit_id, villageId: u.village_id, ip: null,
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A small valid PNG (RGB, 8 bits): a red board with a white frame on a grey wall, a stand-in for
 * a phone photo. Deterministic, a few hundred bytes.
 */
export function demoPhotoPng(width = 48, height = 32): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const inBoard = x >= 6 && x < width - 6 && y >= 5 && y < height - 5;
      const frame = inBoard && (x === 6 || x === width - 7 || y === 5 || y === height - 6);
      const [r, g, b] = frame ? [255, 255, 255] : inBoard ? [190, 30, 35] : [200, 200, 196];
      row[1 + x * 3] = r; row[2 + x * 3] = g; row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A .docx of one paragraph per line (the reports module's template format: `{fact.key}` placeholders). */
export async function demoDocx(lines: string[]): Promise<Buffer> {
  const { Document, Packer, Paragraph } = await loadDocx();
  return Packer.toBuffer(new Document({ creator: '示例镇人大', sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));
}
