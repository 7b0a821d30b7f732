/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999).
 *
 * 18 characters: 6-digit region code (行政区划代码), 8-digit birth date, 3-digit
 * sequence (顺序码, odd 17th digit = male), ISO 7064 MOD 11-2 check digit (校验码, 0-9 or X).
 * These are personal information (个人信息保护法 第4条), commonly handled as sensitive:
 * validate, then show masked (第51条: 去标识化 and other security measures).
 */

import { compareDays, formatDay, isValidDay, todayInShanghai } from './due-dates.js';

/** Why an id number was rejected (stable codes, used in API errors and UI messages). */
export type ResidentIdError = 'length' | 'characters' | 'birth_date' | 'check_digit';

/** Gender as encoded in the sequence code (性别). */
export type Gender = 'male' | 'female';

/** A successfully parsed id number. */
export interface ResidentIdInfo {
  readonly ok: true;
  /** The id normalised: trimmed, with an upper-case X. */
  readonly id: string;
  /** Birth date (出生日期), 'YYYY-MM-DD'. */
  readonly birthDate: string;
  /** From the 17th digit: odd = male, even = female. */
  readonly gender: Gender;
  /** First 6 digits: the region where the number was issued (行政区划代码). */
  readonly regionCode: string;
}

/** A rejected id number. */
export interface ResidentIdFailure {
  readonly ok: false;
  readonly reason: ResidentIdError;
}

/** Result of {@link parseResidentId}. */
export type ResidentIdResult = ResidentIdInfo | ResidentIdFailure;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1900-01-01';

/**
 * The GB 11643 check digit (校验码, ISO 7064 MOD 11-2) for the first 17 digits:
 * '0'-'9' or 'X'. Throws a RangeError unless given exactly 17 digits.
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/**
 * Validates and decodes an 18-character resident id number (身份证号码校验, GB 11643;
 * 个人信息保护法 第4条). Surrounding whitespace is ignored; a lower-case x is accepted.
 * Checks in order: length, characters, birth date (real date, from 1900-01-01, not after
 * `today` which defaults to today in Beijing time), check digit.
 */
export function parseResidentId(id: string, today?: string): ResidentIdResult {
  const s = id.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'characters' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const limit = today ?? todayInShanghai();
  if (!isValidDay(birthDate) || birthDate < EARLIEST_BIRTH || compareDays(birthDate, limit) > 0) {
    return { ok: false, reason: 'birth_date' };
  }
  if (residentIdCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'check_digit' };
  const gender: Gender = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id: s, birthDate, gender, regionCode: s.slice(0, 6) };
}

/** True when `id` is a valid resident id number (see {@link parseResidentId}; GB 11643). */
export function isValidResidentId(id: string, today?: string): boolean {
  return parseResidentId(id, today).ok;
}

/**
 * Masks an id number for display (脱敏显示, 个人信息保护法 第51条): first 6, eight '*',
 * last 4 → '110101********123X'. Other lengths keep at most the first third and last
 * quarter visible; strings of 4 characters or fewer are fully starred.
 */
export function maskResidentId(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  const head = Math.min(6, Math.floor(s.length / 3));
  const tail = Math.min(4, Math.floor(s.length / 4));
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + s.slice(s.length - tail);
}

/**
 * Builds a valid id number (生成身份证号, for tests and demo data; GB 11643) from a
 * 6-digit region code, a birth date 'YYYY-MM-DD' and a 3-digit sequence code
 * (0-999 or a 3-digit string; odd = male). Pass `gender` to force the parity of the
 * sequence: it is bumped by one (wrapping 999 → 998) if needed.
 */
export function generateResidentId(
  regionCode: string,
  birthDate: string,
  seq: number | string,
  gender?: Gender,
): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  if (!isValidDay(birthDate)) throw new RangeError(`Invalid birth date: ${birthDate}`);
  let n = typeof seq === 'number' ? seq : /^\d{3}$/.test(seq) ? Number(seq) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`seq must be 0-999: ${String(seq)}`);
  if (gender !== undefined && (n % 2 === 1) !== (gender === 'male')) n = n === 999 ? 998 : n + 1;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const first17 = `${regionCode}${formatDay(y, m, d).replaceAll('-', '')}${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}
