import { describe, expect, it } from 'vitest';
import { isLandline, isMobilePhone, isPhoneNumber, maskPhone, normalizePhone } from './phone.js';

describe('isMobilePhone', () => {
  it.each(['13812345678', '15000000000', '19912345678', '16612345678', '17012345678'])('accepts %s', (s) => {
    expect(isMobilePhone(s)).toBe(true);
  });
  it.each([
    ['starts 12', '12812345678'],
    ['starts 10', '10012345678'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['with hyphens', '138-1234-5678'],
    ['with +86', '+8613812345678'],
    ['letters', '1381234567a'],
    ['landline', '0371-62345678'],
    ['empty', ''],
  ])('rejects %s', (_label, s) => {
    expect(isMobilePhone(s)).toBe(false);
  });
});

describe('isLandline / isPhoneNumber', () => {
  it.each(['0371-62345678', '010-62345678', '01062345678', '0371-6234567', '010-62345678-123', '021-52345678', '0371-12345678'])('landline %s', (s) => {
    expect(isLandline(s)).toBe(true);
    expect(isPhoneNumber(s)).toBe(true);
  });
  it.each(['371-62345678', '0371-623456', '0371-623456789', '0371--62345678', '(0371)62345678', '62345678', '0371-02345678', '011-62345678'])(
    'not a phone number: %s',
    (s) => {
      expect(isPhoneNumber(s)).toBe(false);
    },
  );
  it('accepts mobiles', () => {
    expect(isPhoneNumber('13812345678')).toBe(true);
    expect(isLandline('13812345678')).toBe(false);
  });
});

describe('normalizePhone', () => {
  it('strips country codes, spaces and hyphens from mobiles', () => {
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('+86-13812345678')).toBe('13812345678');
    expect(normalizePhone('0086 13812345678')).toBe('13812345678');
    expect(normalizePhone('8613812345678')).toBe('13812345678');
    expect(normalizePhone('138-1234-5678')).toBe('13812345678');
  });
  it('keeps landlines as written', () => {
    expect(normalizePhone(' 0371-62345678 ')).toBe('0371-62345678');
    expect(normalizePhone('0371 62345678')).toBe('037162345678');
  });
});

describe('maskPhone', () => {
  it('masks a mobile as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks a landline keeping the area code and last 4', () => {
    expect(maskPhone('0371-62345678')).toBe('0371-****5678');
    expect(maskPhone('010-6234567')).toBe('010-***4567');
    expect(maskPhone('01062345678')).toBe('010****5678');
    expect(maskPhone('037162345678')).toBe('0371****5678');
    expect(maskPhone('010-62345678-123')).toBe('010-****5678-123');
  });
  it('masks anything else except the last 4', () => {
    expect(maskPhone('abcdefgh')).toBe('****efgh');
    expect(maskPhone('123')).toBe('***');
  });
});
