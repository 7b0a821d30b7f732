/**
 * Naming of congress sessions (会议届次) and document dates. A township congress is elected
 * for a 5-year term (届, 地方组织法 第9条) and meets in numbered sittings (次, 第14条):
 * "第十四届人民代表大会第四次会议". Dates in documents follow GB/T 9704-2012 (Arabic numerals,
 * no leading zeros).
 */

import { parseDay } from './due-dates.js';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * Writes 1..99 in Chinese numerals (中文数字) as used in 届次: 1 一, 10 十, 11 十一, 20 二十,
 * 21 二十一, 99 九十九 (地方组织法 第9条 届 numbering). Throws a RangeError outside 1..99.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`toChineseNumeral supports 1..99, got ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] as string;
  return `${tens === 1 ? '' : (DIGITS[tens] as string)}十${DIGITS[ones] as string}`;
}

/**
 * Reads a Chinese numeral 1..99 (中文数字解析): '十' 10, '十一' 11, '一十一' 11, '二十' 20,
 * '九十九' 99; 两 is read as 二. Returns null when the text is not such a numeral
 * (e.g. '', '零', '十十', '一百'). (地方组织法 第9条 届 numbering.)
 */
export function parseChineseNumeral(s: string): number | null {
  const t = s.trim().replaceAll('两', '二');
  const digit = (ch: string): number => DIGITS.indexOf(ch as (typeof DIGITS)[number]);
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(t);
  if (!m || t.length === 0) return null;
  const [, a = '', ten = '', b = ''] = m;
  if (ten === '') {
    // Single digit only.
    if (a === '' || b !== '') return null;
    return digit(a);
  }
  return (a === '' ? 1 : digit(a)) * 10 + (b === '' ? 0 : digit(b));
}

/** A session identified by term (届) and sitting (次). */
export interface SessionNumber {
  /** 届, 1..99. */
  readonly term: number;
  /** 次, 1..99. */
  readonly sitting: number;
  /** Optional prefix naming the township, e.g. '城关镇'. */
  readonly body?: string;
}

/**
 * Full session name (会议全称, 地方组织法 第14条): { term: 14, sitting: 4 } →
 * '第十四届人民代表大会第四次会议'; with body '城关镇' → '城关镇第十四届人民代表大会第四次会议'.
 */
export function formatSessionName(s: SessionNumber): string {
  return `${s.body ?? ''}第${toChineseNumeral(s.term)}届人民代表大会第${toChineseNumeral(s.sitting)}次会议`;
}

/**
 * Short session name (会议简称, 地方组织法 第14条): { term: 14, sitting: 4 } → '十四届人大四次会议';
 * with body '城关镇' → '城关镇十四届人大四次会议'.
 */
export function formatSessionShortName(s: SessionNumber): string {
  return `${s.body ?? ''}${toChineseNumeral(s.term)}届人大${toChineseNumeral(s.sitting)}次会议`;
}

/**
 * Reads term and sitting back from a full or short session name (会议名称解析,
 * 地方组织法 第14条), ignoring any prefix: '城关镇第十四届人民代表大会第四次会议',
 * '十四届人大四次会议' and '第十四届人大第四次会议' all give { term: 14, sitting: 4 }.
 * Returns null when no session name is found.
 */
export function parseSessionName(name: string): { term: number; sitting: number } | null {
  const m = /第?([一二三四五六七八九十两]+)届(?:人民代表大会|人大)第?([一二三四五六七八九十两]+)次会议/.exec(name);
  if (!m) return null;
  const term = parseChineseNumeral(m[1] as string);
  const sitting = parseChineseNumeral(m[2] as string);
  return term === null || sitting === null ? null : { term, sitting };
}

/**
 * Formats a day as written in official documents (成文日期, GB/T 9704-2012 7.3.5):
 * Arabic numerals without leading zeros, '2026-03-05' → '2026年3月5日'.
 * Throws a RangeError on a malformed day.
 */
export function formatChineseDate(day: string): string {
  const p = parseDay(day);
  return `${p.year}年${p.month}月${p.day}日`;
}
