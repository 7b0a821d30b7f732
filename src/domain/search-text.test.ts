import { describe, expect, it } from 'vitest';
import { searchDocument, searchQueryTerms } from './search-text.js';

const has = (doc: string, query: string) => {
  const tokens = new Set(doc.split(' '));
  const q = searchQueryTerms(query);
  return q.length > 0 && q.every((t) => tokens.has(t));
};

describe('Chinese search terms', () => {
  const doc = searchDocument('关于增设东山村主干道路灯的建议', '东山村主干道夜间没有照明，群众夜间出行存在安全隐患，建议增设太阳能路灯。');

  it('stores space-separated unique terms', () => {
    const tokens = doc.split(' ');
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toContain('路灯');
    expect(doc).not.toContain('#');
  });

  it('finds a word from the middle of a sentence, however the sentence was segmented', () => {
    expect(has(doc, '路灯')).toBe(true);
    expect(has(doc, '太阳能')).toBe(true);
    expect(has(doc, '安全隐患')).toBe(true);
    expect(has(doc, '夜间出行')).toBe(true);
  });

  it('does not find unrelated words', () => {
    expect(has(doc, '自来水')).toBe(false);
    expect(has(doc, '学校')).toBe(false);
    expect(has(doc, '路面硬化')).toBe(false);
  });

  it('turns a query into bigrams and non-Chinese words', () => {
    expect(searchQueryTerms('道路硬化')).toEqual(['道路', '路硬', '硬化']);
    expect(searchQueryTerms('5G 基站')).toEqual(expect.arrayContaining(['5g', '基站']));
    expect(searchQueryTerms('，。')).toEqual([]);
  });
});
