import { describe, expect, it } from 'vitest';
import {
  generateResidentId,
  isValidResidentId,
  maskResidentId,
  parseResidentId,
  residentIdCheckDigit,
} from './resident-id.js';

const TODAY = '2026-06-01';

/** Independent MOD 11-2 implementation (ISO 7064): check = (12 - (Σ d_i·2^(17-i) mod 11)) mod 11. */
function iso7064(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

describe('residentIdCheckDigit', () => {
  it('matches the GB 11643 standard example 11010519491231002X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });
  it.each([
    ['44030419900101001', '1'],
    ['41010220000229123', '7'],
    ['32010619850615321', '0'],
    ['11010119900307447', '7'],
  ])('%s -> %s', (first17, check) => {
    expect(residentIdCheckDigit(first17)).toBe(check);
    expect(iso7064(first17)).toBe(check);
  });
  it('agrees with an independent ISO 7064 implementation on many inputs', () => {
    for (let n = 0; n < 500; n++) {
      const first17 = `4101${String(10 + (n % 80)).padStart(2, '0')}19${String(50 + (n % 49)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}${String(n).padStart(3, '0')}`;
      expect(first17).toHaveLength(17);
      expect(residentIdCheckDigit(first17)).toBe(iso7064(first17));
    }
  });
  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('parses a valid id with an X check digit (female)', () => {
    expect(parseResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });
  it('accepts lowercase x and normalises it', () => {
    const r = parseResidentId('11010519491231002x', TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.id).toBe('11010519491231002X');
  });
  it('ignores surrounding whitespace', () => {
    expect(parseResidentId(' 440304199001010011 ', TODAY).ok).toBe(true);
  });
  it('reads gender from the 17th digit (odd = male)', () => {
    const male = parseResidentId('440304199001010011', TODAY);
    expect(male).toMatchObject({ ok: true, gender: 'male', birthDate: '1990-01-01', regionCode: '440304' });
    const female = parseResidentId(generateResidentId('440304', '1990-01-01', 2), TODAY);
    expect(female).toMatchObject({ ok: true, gender: 'female' });
  });
  it('rejects a wrong check digit', () => {
    expect(parseResidentId('440304199001010012', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseResidentId('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'check_digit' });
  });
  it('accepts Feb 29 in a leap year (2000, 2024)', () => {
    expect(parseResidentId('410102200002291237', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseResidentId('110101202402290016', TODAY)).toMatchObject({ ok: true, birthDate: '2024-02-29' });
  });
  it('rejects Feb 29 in a non-leap year (1900, 2023) as birth_date', () => {
    const first = '41010220230229123';
    expect(parseResidentId(first + iso7064(first), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    const y1900 = '41010219000229123';
    expect(parseResidentId(y1900 + iso7064(y1900), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
  });
  it('rejects month 13, month 00, day 00, day 32', () => {
    for (const date of ['19901301', '19900001', '19900100', '19900132', '19900431']) {
      const first = `110101${date}123`;
      expect(parseResidentId(first + iso7064(first), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    }
  });
  it('rejects births before 1900 and after today', () => {
    const early = '11010118991231123';
    expect(parseResidentId(early + iso7064(early), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    const first1900 = '11010119000101123';
    expect(parseResidentId(first1900 + iso7064(first1900), TODAY).ok).toBe(true);
    const tomorrow = '11010120260602123';
    expect(parseResidentId(tomorrow + iso7064(tomorrow), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    const today = '11010120260601123';
    expect(parseResidentId(today + iso7064(today), TODAY).ok).toBe(true);
  });
  it('defaults today to the current Shanghai day (a future year is rejected)', () => {
    const future = '11010130000101123';
    expect(parseResidentId(future + iso7064(future))).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseResidentId('11010519491231002X').ok).toBe(true);
  });
  it.each([
    ['15 digits (old format)', '110105491231002'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['empty', ''],
  ])('rejects %s as length', (_label, id) => {
    expect(parseResidentId(id, TODAY)).toEqual({ ok: false, reason: 'length' });
  });
  it.each([
    ['a letter in the middle', '1101051949A231002X'],
    ['X not at the end', '1101051949123100X2'],
    ['a space inside', '110105 9491231002X'],
    ['a hyphen', '110105-19491231002'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
  ])('rejects %s as characters', (_label, id) => {
    expect(parseResidentId(id, TODAY)).toEqual({ ok: false, reason: 'characters' });
  });
  it('isValidResidentId mirrors parseResidentId', () => {
    expect(isValidResidentId('11010519491231002X', TODAY)).toBe(true);
    expect(isValidResidentId('110105194912310021', TODAY)).toBe(false);
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 with 8 stars', () => {
    expect(maskResidentId('11010519491231123X')).toBe('110105********123X');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
    expect(maskResidentId('11010519491231002X')).toHaveLength(18);
  });
  it('masks other lengths without revealing most of the number', () => {
    expect(maskResidentId('110105491231002')).toBe('11010*******002');
    expect(maskResidentId('1234')).toBe('****');
    expect(maskResidentId('')).toBe('');
  });
});

describe('generateResidentId', () => {
  it('produces ids that parse back to the same data', () => {
    const id = generateResidentId('410102', '1985-06-15', 123);
    expect(id).toHaveLength(18);
    expect(parseResidentId(id, TODAY)).toMatchObject({
      ok: true,
      birthDate: '1985-06-15',
      gender: 'male',
      regionCode: '410102',
    });
  });
  it('accepts a 3-digit string sequence and pads numbers', () => {
    expect(generateResidentId('110105', '1949-12-31', '002')).toBe('11010519491231002X');
    expect(generateResidentId('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });
  it('forces the gender parity when asked', () => {
    const f = generateResidentId('110105', '1970-01-01', 5, 'female');
    expect(f.slice(14, 17)).toBe('006');
    expect(parseResidentId(f, TODAY)).toMatchObject({ ok: true, gender: 'female' });
    const m = generateResidentId('110105', '1970-01-01', 998, 'male');
    expect(m.slice(14, 17)).toBe('999');
    expect(generateResidentId('110105', '1970-01-01', 999, 'female').slice(14, 17)).toBe('998');
    expect(generateResidentId('110105', '1970-01-01', 7, 'male').slice(14, 17)).toBe('007');
  });
  it('validates its inputs', () => {
    expect(() => generateResidentId('11010', '1970-01-01', 1)).toThrow(RangeError);
    expect(() => generateResidentId('110105', '1970-02-30', 1)).toThrow(RangeError);
    expect(() => generateResidentId('110105', '1970-01-01', 1000)).toThrow(RangeError);
    expect(() => generateResidentId('110105', '1970-01-01', -1)).toThrow(RangeError);
    expect(() => generateResidentId('110105', '1970-01-01', '12')).toThrow(RangeError);
    expect(() => generateResidentId('110105', '1970-01-01', 1.5)).toThrow(RangeError);
  });
});
