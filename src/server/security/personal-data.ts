import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal information at rest (个人信息保护法 第51条): 身份证号 and phone numbers are stored sealed
 * with AES-256-GCM under a key from the environment, and looked up by a keyed hash (HMAC-SHA256)
 * so that uniqueness checks and searches never need the plain value in the database.
 *
 * The key: `RENDA_DATA_KEY` (32 bytes as 64 hex characters or base64). Without it, a key file
 * `<RENDA_DATA_DIR>/data.key` is made on first use (mode 0600) so a laptop quick start works;
 * production sets the variable and keeps the key away from the database and its backups.
 *
 * Sealed form: `v1:<iv base64url>:<ciphertext+tag base64url>`.
 */

const PREFIX = 'v1:';
let cached: { seal: Buffer; index: Buffer } | null = null;

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('RENDA_DATA_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

function masterKey(): Buffer {
  const env = process.env.RENDA_DATA_KEY;
  if (env) return parseKey(env);
  const file = path.join(path.resolve(process.env.RENDA_DATA_DIR ?? 'data'), 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

function keys(): { seal: Buffer; index: Buffer } {
  if (!cached) {
    const master = masterKey();
    // Two keys from one: sealing and indexing never share key material.
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    cached = { seal: derive('renda personal-data seal v1'), index: derive('renda personal-data index v1') };
  }
  return cached;
}

/** Forgets the cached key (tests that change RENDA_DATA_KEY). */
export function resetPersonalDataKey(): void {
  cached = null;
  opened.clear();
}

/**
 * Values opened recently, by their sealed form (unique per sealing: a random IV), so that lists
 * showing many masked numbers do not decrypt the same values on every request (the load
 * profile: about 7 % of the server's CPU). Bounded; the process holds the key anyway.
 */
const OPENED_CACHE_SIZE = 20_000;
const opened = new Map<string, string>();

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Seals a personal value for storage. */
export function sealPersonal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys().seal, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** Opens a sealed value; throws if it was tampered with or sealed under another key. */
export function openPersonal(sealed: string): string {
  const hit = opened.get(sealed);
  if (hit !== undefined) return hit;
  const plain = openUncached(sealed);
  if (opened.size >= OPENED_CACHE_SIZE) opened.delete(opened.keys().next().value!);
  opened.set(sealed, plain);
  return plain;
}

function openUncached(sealed: string): string {
  if (!isSealed(sealed)) throw new Error('not a sealed personal value');
  const [ivText, bodyText] = sealed.slice(PREFIX.length).split(':');
  const body = Buffer.from(bodyText ?? '', 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys().seal, Buffer.from(ivText ?? '', 'base64url'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
}

export function sealNullable(plain: string | null | undefined): string | null {
  return plain == null || plain === '' ? null : sealPersonal(plain);
}

export function openNullable(sealed: string | null | undefined): string | null {
  return sealed == null ? null : openPersonal(sealed);
}

/**
 * A keyed hash for equality lookups and unique indexes (the same person in two villages' rolls,
 * a duplicate deputy). Normalise before hashing (upper-case X in a 身份证号, digits only in a phone).
 */
export function personalIndex(plain: string): string {
  return crypto.createHmac('sha256', keys().index).update(plain, 'utf8').digest('hex');
}

/** Sealing, opening and indexing under one explicit key: `renda rekey` (security/rekey.ts). */
export interface PersonalCodec {
  seal(plain: string): string;
  open(sealed: string): string;
  index(plain: string): string;
}

/** A codec for a key given as text (64 hex characters or base64 of 32 bytes), as RENDA_DATA_KEY. */
export function personalCodec(keyText: string): PersonalCodec {
  const master = parseKey(keyText);
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const seal = derive('renda personal-data seal v1');
  const index = derive('renda personal-data index v1');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', seal, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    open(sealed) {
      if (!isSealed(sealed)) throw new Error('not a sealed personal value');
      const [ivText, bodyText] = sealed.slice(PREFIX.length).split(':');
      const body = Buffer.from(bodyText ?? '', 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', seal, Buffer.from(ivText ?? '', 'base64url'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return crypto.createHmac('sha256', index).update(plain, 'utf8').digest('hex');
    },
  };
}
