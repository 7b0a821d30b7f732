import type { TFunction } from 'i18next';
import { currentLanguage } from '../../app/i18n';
import type { Deputy } from './api';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1-99 in Chinese numerals as used for terms and sittings: 14 → 十四, 20 → 二十, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** English ordinal: 1st, 2nd, 3rd, 14th. */
function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** 第十四届 / 14th term. */
export function termLabel(t: TFunction, termNumber: number): string {
  return t('deputies.termLabel', { term: currentLanguage() === 'zh-CN' ? chineseNumber(termNumber) : ordinal(termNumber) });
}

/** 镇人大代表 第十四届 */
export function levelTermLabel(t: TFunction, d: Pick<Deputy, 'level' | 'termNumber'>): string {
  return `${t(`deputies.levels.${d.level}`)} ${termLabel(t, d.termNumber)}`;
}

/** 2021-12-30 至今 / 2021-12-30 至 2024-05-01 */
export function mandateLabel(t: TFunction, d: Pick<Deputy, 'mandateStart' | 'mandateEnd'>): string {
  return d.mandateEnd ? t('deputies.mandateRange', { start: d.mandateStart, end: d.mandateEnd }) : t('deputies.mandateOpen', { start: d.mandateStart });
}

/** A translated title for a key when one exists, else the key itself (keys come from other modules). */
export function titleFor(t: TFunction, exists: (key: string) => boolean, prefix: string, key: string): string {
  const full = `${prefix}.${key}`;
  return exists(full) ? t(full) : key;
}

/** Value of a Chinese numeral run of 1-99 (一, 十二, 二十三), or null. */
function chineseValue(run: string): number | null {
  for (let n = 1; n <= 99; n++) if (chineseNumber(n) === run) return n;
  return null;
}

/** Compares names the way people count: 第二选区 before 第十选区, 第三 before 第七. */
export function compareNames(a: string, b: string): number {
  const key = (s: string) => s.replace(/[一二三四五六七八九十]+/g, (run) => {
    const n = chineseValue(run);
    return n === null ? run : String(n).padStart(3, '0');
  });
  return key(a).localeCompare(key(b), 'zh-CN', { numeric: true });
}
