import { describe, expect, it } from 'vitest';
import { cosineSimilarity, groupSimilar, segmentChinese, similarity, termVector, topSimilar } from './text-similarity.js';

const ROAD_1 = '建议对李家村通组道路进行硬化，雨天泥泞，村民出行十分不便。';
const ROAD_2 = '李家村到王庄的道路还是土路，希望尽快实施道路硬化，方便群众出行。';
const SCHOOL = '镇中心小学教室老旧，建议改善学校办学条件，增加教师编制。';
const WATER = '张湾村自来水管网老化，夏季经常停水，请求更换供水管道。';
const WATER_2 = '张湾村饮水管道老化漏水，经常停水，希望更换自来水管网。';

describe('segmentChinese', () => {
  it('keeps word-like segments and adds bigrams', () => {
    const terms = segmentChinese('道路硬化问题');
    expect(terms).toContain('道路');
    expect(terms).toContain('硬化');
    expect(terms).toContain('#路硬');
    expect(terms).toContain('#硬化');
    expect(terms.every((t) => !/[，。]/.test(t))).toBe(true);
  });
  it('drops punctuation and function words, lower-cases Latin, normalises full width', () => {
    const terms = segmentChinese('我们的ＷＩＦＩ信号，了。');
    expect(terms).toContain('wifi');
    expect(terms).not.toContain('的');
    expect(terms).not.toContain('我们');
    expect(terms).not.toContain('，');
  });
  it('empty and punctuation-only text has no terms', () => {
    expect(segmentChinese('')).toEqual([]);
    expect(segmentChinese('，。！')).toEqual([]);
  });
});

describe('similarity', () => {
  it('is 1 for identical text, 0 for empty text, symmetric and in [0,1]', () => {
    expect(similarity(ROAD_1, ROAD_1)).toBeCloseTo(1, 10);
    expect(similarity('', ROAD_1)).toBe(0);
    expect(similarity('', '')).toBe(0);
    expect(similarity(ROAD_1, SCHOOL)).toBeCloseTo(similarity(SCHOOL, ROAD_1), 12);
    for (const [a, b] of [
      [ROAD_1, ROAD_2],
      [ROAD_1, SCHOOL],
      [WATER, SCHOOL],
    ] as const) {
      const s = similarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
  it('two road-hardening suggestions in the same village are closer than one about the school', () => {
    const roads = similarity(ROAD_1, ROAD_2);
    expect(roads).toBeGreaterThan(similarity(ROAD_1, SCHOOL));
    expect(roads).toBeGreaterThan(similarity(ROAD_2, SCHOOL));
    expect(roads).toBeGreaterThan(0.25);
    expect(similarity(ROAD_1, SCHOOL)).toBeLessThan(0.15);
  });
  it('water-supply complaints worded differently are similar', () => {
    expect(similarity(WATER, WATER_2)).toBeGreaterThan(similarity(WATER, ROAD_1));
    expect(similarity(WATER, WATER_2)).toBeGreaterThan(0.3);
  });
  it('texts with nothing in common score 0', () => {
    expect(similarity('道路硬化', '教师编制')).toBe(0);
  });
  it('cosineSimilarity on vectors', () => {
    expect(cosineSimilarity(termVector('修路'), termVector('修路'))).toBeCloseTo(1, 10);
    expect(cosineSimilarity(new Map(), termVector('修路'))).toBe(0);
  });
});

describe('groupSimilar', () => {
  const items = [
    { id: 'r1', text: ROAD_1 },
    { id: 's1', text: SCHOOL },
    { id: 'w1', text: WATER },
    { id: 'r2', text: ROAD_2 },
    { id: 'w2', text: WATER_2 },
  ];
  it('groups opinions by topic, in input order', () => {
    expect(groupSimilar(items, 0.2)).toEqual([['r1', 'r2'], ['s1'], ['w1', 'w2']]);
  });
  it('threshold above 1 keeps everything apart; 0 joins everything', () => {
    expect(groupSimilar(items, 1.01)).toEqual([['r1'], ['s1'], ['w1'], ['r2'], ['w2']]);
    expect(groupSimilar(items, 0)).toEqual([['r1', 's1', 'w1', 'r2', 'w2']]);
  });
  it('is single-link (transitive through a middle item)', () => {
    const chain = [
      { id: 1, text: '道路硬化' },
      { id: 2, text: '道路硬化 路灯安装' },
      { id: 3, text: '路灯安装' },
    ];
    expect(similarity('道路硬化', '路灯安装')).toBe(0);
    expect(groupSimilar(chain, 0.4)).toEqual([[1, 2, 3]]);
  });
  it('empty input gives no groups', () => {
    expect(groupSimilar([], 0.5)).toEqual([]);
  });
});

describe('topSimilar', () => {
  const corpus = [
    { id: 'old-school', text: SCHOOL },
    { id: 'old-road', text: ROAD_2 },
    { id: 'old-water', text: WATER },
  ];
  it('ranks the road suggestion first for a road query', () => {
    const r = topSimilar('李家村道路硬化', corpus, 2, 0);
    expect(r[0]?.id).toBe('old-road');
    expect(r.length).toBeLessThanOrEqual(2);
    expect(r.every((m) => m.score > 0)).toBe(true);
  });
  it('filters by minScore and k', () => {
    expect(topSimilar('李家村道路硬化', corpus, 5, 0.99)).toEqual([]);
    expect(topSimilar('李家村道路硬化', corpus, 0)).toEqual([]);
    expect(topSimilar('', corpus)).toEqual([]);
    expect(() => topSimilar('x', corpus, -1)).toThrow(RangeError);
  });
  it('scores are sorted descending', () => {
    const r = topSimilar('张湾村自来水停水 道路', corpus, 3, 0);
    for (let i = 1; i < r.length; i++) expect((r[i - 1]?.score ?? 0) >= (r[i]?.score ?? 0)).toBe(true);
    expect(r[0]?.id).toBe('old-water');
  });
});
