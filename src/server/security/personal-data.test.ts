import { describe, expect, it } from 'vitest';
import { openPersonal, personalIndex, sealPersonal } from './personal-data.js';

describe('personal data sealing', () => {
  it('round-trips, never stores the plain text, and uses a fresh IV each time', () => {
    const id = '11010519491231002X';
    const a = sealPersonal(id);
    const b = sealPersonal(id);
    expect(a).not.toContain(id);
    expect(a).not.toBe(b);
    expect(openPersonal(a)).toBe(id);
  });

  it('refuses a tampered value', () => {
    const sealed = sealPersonal('13800138000');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => openPersonal(flipped)).toThrow();
  });

  it('indexes equal values equally and different values differently', () => {
    expect(personalIndex('110105194912310021')).toBe(personalIndex('110105194912310021'));
    expect(personalIndex('110105194912310021')).not.toBe(personalIndex('110105194912310022'));
  });
});
