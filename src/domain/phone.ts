/**
 * Mainland China phone numbers (电话号码): mobile (手机号) and landline (固定电话).
 * Phone numbers are personal information (个人信息保护法 第4条): validate and show masked.
 */

const MOBILE_RE = /^1[3-9]\d{9}$/;
/**
 * Area code (010 and 02x are 3 digits, all others 0 + 3 digits), optional hyphen,
 * 7-8 digit local number not starting with 0, optional extension.
 */
const LANDLINE_RE = /^(010|02\d|0[3-9]\d{2})-?([1-9]\d{6,7})(?:-(\d{1,6}))?$/;

/**
 * Strips spaces and a leading +86 / 0086 / 86 country code from a mobile-looking
 * number (号码规范化); hyphens inside a mobile number such as 138-1234-5678 are removed.
 * Landline hyphens are kept. Returns the input trimmed when nothing applies.
 */
export function normalizePhone(s: string): string {
  let t = s.trim().replace(/\s+/g, '');
  t = t.replace(/^(?:\+86|0086)-?/, '');
  const digitsOnly = t.replace(/-/g, '');
  if (/^861[3-9]\d{9}$/.test(digitsOnly)) return digitsOnly.slice(2);
  if (MOBILE_RE.test(digitsOnly) && !t.startsWith('0')) return digitsOnly;
  return t;
}

/**
 * True for an 11-digit mainland mobile number starting 13-19 (手机号码, 个人信息保护法 第4条).
 * Strict: no spaces, hyphens or country code (use {@link normalizePhone} first).
 */
export function isMobilePhone(s: string): boolean {
  return MOBILE_RE.test(s);
}

/**
 * True for a landline (固定电话) such as 0371-12345678, 01012345678 or 010-1234567-123
 * (area code, local number, optional extension).
 */
export function isLandline(s: string): boolean {
  return LANDLINE_RE.test(s);
}

/** True for a mobile or landline number (电话号码校验, 个人信息保护法 第4条). */
export function isPhoneNumber(s: string): boolean {
  return isMobilePhone(s) || isLandline(s);
}

/**
 * Masks a phone number for display (脱敏显示, 个人信息保护法 第51条):
 * mobile '13812345678' → '138****5678'; landline '0371-12345678' → '0371-****5678'.
 * Anything else keeps its last 4 characters with the rest starred (≤ 4 chars: all starred).
 */
export function maskPhone(s: string): string {
  const t = s.trim();
  if (isMobilePhone(t)) return `${t.slice(0, 3)}****${t.slice(7)}`;
  const m = LANDLINE_RE.exec(t);
  if (m) {
    const area = m[1] as string;
    const local = m[2] as string;
    const sep = t.charAt(area.length) === '-' ? '-' : '';
    return `${area}${sep}${'*'.repeat(local.length - 4)}${local.slice(-4)}${m[3] !== undefined ? `-${m[3]}` : ''}`;
  }
  if (t.length <= 4) return '*'.repeat(t.length);
  return '*'.repeat(t.length - 4) + t.slice(-4);
}
