import { describe, expect, it } from 'vitest';
import { yearFromParam } from './url-filters';

describe('the year in a list page’s address', () => {
  it('reads a year, "all", or nothing', () => {
    expect(yearFromParam('2025')).toBe(2025);
    expect(yearFromParam('all')).toBe('all');
    expect(yearFromParam(null)).toBeNull();
    expect(yearFromParam('')).toBeNull();
  });

  it('ignores what is not a plausible year, so the page falls back to its default instead of asking the API for year NaN', () => {
    for (const raw of ['abc', '20255', '202', '1948', '2101', '2025.5', ' 2025', '-2025']) expect(yearFromParam(raw), raw).toBeNull();
    expect(yearFromParam('1949')).toBe(1949);
    expect(yearFromParam('2100')).toBe(2100);
  });
});
