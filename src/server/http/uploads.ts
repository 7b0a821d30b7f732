import path from 'node:path';
import { createInflateRaw } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { DOCX_MIME, XLSX_MIME } from './downloads.js';

export type UploadKind = 'xlsx' | 'docx' | 'pdf' | 'jpg' | 'png';

/** The content type to serve each kind with. */
export const UPLOAD_MIME: Record<UploadKind, string> = {
  xlsx: XLSX_MIME,
  docx: DOCX_MIME,
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export interface Upload {
  filename: string;
  kind: UploadKind;
  buffer: Buffer;
}

/** A zip (xlsx, docx) may unpack to at most this much: a zip bomb is refused before parsing. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5000;

/**
 * The total uncompressed size a zip declares in its central directory, or null when the file
 * is not a readable zip. Read from the directory, so nothing is inflated to find out.
 */
export function zipDeclaredSize(buf: Buffer): { bytes: number; entries: number } | null {
  const minEocd = 22;
  if (buf.length < minEocd) return null;
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= Math.max(0, buf.length - minEocd - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  let bytes = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return null;
    bytes += buf.readUInt32LE(offset + 24);
    offset += 46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return { bytes, entries };
}

/** How many bytes `data` inflates to, or Infinity once past `budget` (or when it is not deflate data). */
function inflatedBytes(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let n = 0;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) {
        inflate.destroy();
        resolve(Infinity);
      }
    });
    inflate.on('end', () => resolve(n));
    inflate.on('error', () => resolve(Infinity));
    inflate.end(data);
  });
}

/**
 * Whether every entry of the zip really unpacks to no more than its directory says and all of
 * them together to no more than `limit`: a bomb that lies in its headers is caught by inflating
 * (streamed and discarded, stopping at the limit) before any parser sees it.
 */
export async function zipInflatesWithin(buf: Buffer, limit: number): Promise<boolean> {
  const declared = zipDeclaredSize(buf);
  if (!declared) return false;
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let offset = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < declared.entries; n++) {
    const method = buf.readUInt16LE(offset + 10);
    const packedSize = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const local = buf.readUInt32LE(offset + 42);
    offset += 46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return false;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packedSize > buf.length) return false;
    let real: number;
    if (method === 0) real = packedSize;
    else if (method === 8) real = await inflatedBytes(buf.subarray(start, start + packedSize), Math.min(size, limit - total));
    else return false;
    if (real > size) return false;
    total += real;
    if (total > limit) return false;
  }
  return true;
}

/** The file-name extensions each kind may carry. */
const EXTENSIONS: Record<UploadKind, readonly string[]> = { xlsx: ['.xlsx'], docx: ['.docx'], pdf: ['.pdf'], jpg: ['.jpg', '.jpeg'], png: ['.png'] };

/**
 * What a file really is, by its first bytes: the browser's type is not trusted, and the name must
 * agree with the bytes (a PDF named .docx, or a zip named .pdf, is refused rather than guessed at).
 */
export function sniffKind(buf: Buffer, filename: string): UploadKind | null {
  const kind = sniffBytes(buf);
  return kind && EXTENSIONS[kind].includes(path.extname(filename).toLowerCase()) ? kind : null;
}

function sniffBytes(buf: Buffer): UploadKind | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // Photos taken on a phone: JPEG (FF D8 FF) and PNG (the 8-byte PNG signature).
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    // A zip's part names are stored uncompressed: the main part tells a workbook from a document.
    const inside = buf.toString('latin1');
    if (inside.includes('word/document.xml')) return 'docx';
    if (inside.includes('xl/workbook.xml')) return 'xlsx';
    if (inside.includes('word/')) return 'docx';
    if (inside.includes('xl/')) return 'xlsx';
  }
  return null;
}

/** A file name safe to store and echo: no folders, no control characters, at most 120 characters. */
export function cleanFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return clean.length > 120 ? clean.slice(clean.length - 120) : clean || fallback;
}

/** Where uploaded files live: uploads/<township>/<uuid> under the data folder (ids only, never names). */
export function uploadsRoot(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/**
 * Reads the one file of a multipart request, checking its size, its real type against
 * `allowed`, and (for zips) the declared unpacked size.
 */
export async function readSingleUpload(request: FastifyRequest, allowed: UploadKind[], maxBytes = 10 * 1024 * 1024): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('UPLOAD_INVALID', { reason: 'multipart/form-data' });
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError('UPLOAD_INVALID', { reason: 'no file' });
  const buffer = await file.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { maxMb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
    throw err;
  });
  const kind = sniffKind(buffer, file.filename);
  if (!kind || !allowed.includes(kind)) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: allowed.map((k) => `.${k}`).join('、') });
  if (kind === 'xlsx' || kind === 'docx') {
    const size = zipDeclaredSize(buffer);
    if (!size) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: allowed.map((k) => `.${k}`).join('、') });
    if (size.bytes > MAX_UNZIPPED_BYTES || size.entries > MAX_ZIP_ENTRIES) throw new AppError('UPLOAD_TOO_COMPLEX');
    if (!(await zipInflatesWithin(buffer, MAX_UNZIPPED_BYTES))) throw new AppError('UPLOAD_TOO_COMPLEX');
  }
  return { filename: file.filename, kind, buffer };
}
