import { describe, expect, it } from 'vitest';
import {
  formatChineseDate,
  formatSessionName,
  formatSessionShortName,
  parseChineseNumeral,
  parseSessionName,
  toChineseNumeral,
} from './session-numbering.js';

describe('toChineseNumeral / parseChineseNumeral', () => {
  it.each([
    [1, '一'],
    [4, '四'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [14, '十四'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [50, '五十'],
    [99, '九十九'],
  ])('%i <-> %s', (n, s) => {
    expect(toChineseNumeral(n)).toBe(s);
    expect(parseChineseNumeral(s)).toBe(n);
  });
  it('round-trips 1..99', () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseNumeral(toChineseNumeral(n))).toBe(n);
  });
  it('rejects out of range', () => {
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
    expect(() => toChineseNumeral(100)).toThrow(RangeError);
    expect(() => toChineseNumeral(1.5)).toThrow(RangeError);
  });
  it('parses variants and rejects non-numerals', () => {
    expect(parseChineseNumeral('一十一')).toBe(11);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(parseChineseNumeral(' 十二 ')).toBe(12);
    for (const bad of ['', '零', '十十', '一百', '二二', 'abc', '十一一', '4']) expect(parseChineseNumeral(bad)).toBeNull();
  });
});

describe('session names', () => {
  it('full name', () => {
    expect(formatSessionName({ term: 14, sitting: 4 })).toBe('第十四届人民代表大会第四次会议');
    expect(formatSessionName({ term: 1, sitting: 10 })).toBe('第一届人民代表大会第十次会议');
    expect(formatSessionName({ term: 20, sitting: 1, body: '城关镇' })).toBe('城关镇第二十届人民代表大会第一次会议');
  });
  it('short name', () => {
    expect(formatSessionShortName({ term: 14, sitting: 4 })).toBe('十四届人大四次会议');
    expect(formatSessionShortName({ term: 21, sitting: 2, body: '城关镇' })).toBe('城关镇二十一届人大二次会议');
  });
  it('invalid numbers throw', () => {
    expect(() => formatSessionName({ term: 0, sitting: 1 })).toThrow(RangeError);
    expect(() => formatSessionShortName({ term: 14, sitting: 100 })).toThrow(RangeError);
  });
  it('parses full, short and mixed forms', () => {
    expect(parseSessionName('第十四届人民代表大会第四次会议')).toEqual({ term: 14, sitting: 4 });
    expect(parseSessionName('十四届人大四次会议')).toEqual({ term: 14, sitting: 4 });
    expect(parseSessionName('第十四届人大第四次会议')).toEqual({ term: 14, sitting: 4 });
    expect(parseSessionName('城关镇第二十一届人民代表大会第二次会议决议')).toEqual({ term: 21, sitting: 2 });
    expect(parseSessionName('主席团工作报告')).toBeNull();
  });
});

describe('formatChineseDate (GB/T 9704)', () => {
  it('no leading zeros', () => {
    expect(formatChineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(formatChineseDate('2026-10-01')).toBe('2026年10月1日');
  });
  it('rejects malformed days', () => {
    expect(() => formatChineseDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatChineseDate('2026/03/05')).toThrow(RangeError);
  });
});
