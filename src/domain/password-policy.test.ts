import { describe, expect, it } from 'vitest';
import { checkPassword, passwordCharacterKinds } from './password-policy.js';

describe('checkPassword', () => {
  it.each(['Renda2026', 'abc123!@#', 'ABC123!@#', 'Abcdef!!', 'Zhen-Renda-01'])('accepts %s', (pw) => {
    expect(checkPassword(pw)).toEqual([]);
  });
  it('too_short below 8 characters; exactly 8 is fine', () => {
    expect(checkPassword('Abc12!x')).toEqual(['too_short']);
    expect(checkPassword('Abc12!xy')).toEqual([]);
    expect(checkPassword('')).toEqual(['too_short', 'too_few_kinds']);
  });
  it('too_few_kinds with only two kinds', () => {
    expect(checkPassword('abcdefgh12')).toEqual(['too_few_kinds']);
    expect(checkPassword('ABCDEFGH!!')).toEqual(['too_few_kinds']);
    expect(checkPassword('12345678')).toEqual(['too_few_kinds']);
  });
  it('contains_username, case-insensitively', () => {
    expect(checkPassword('Wangfang#2026', { username: 'wangfang' })).toEqual(['contains_username']);
    expect(checkPassword('xxWANGFANGxx1', { username: 'WangFang' })).toEqual(['contains_username']);
    expect(checkPassword('Renda#2026', { username: 'wangfang' })).toEqual([]);
  });
  it('ignores very short usernames', () => {
    expect(checkPassword('Renda#2026', { username: 'Re' })).toEqual([]);
    expect(checkPassword('Renda#2026', { username: '' })).toEqual([]);
  });
  it('reports every problem at once', () => {
    expect(checkPassword('admin', { username: 'admin' })).toEqual(['too_short', 'too_few_kinds', 'contains_username']);
  });
  it('counts length in code points and treats Chinese as symbols', () => {
    expect(checkPassword('人大Ab12', {})).toEqual(['too_short']);
    expect(checkPassword('人大代表ab12', {})).toEqual([]);
    expect(checkPassword('𠀀𠀀𠀀Ab1')).toEqual(['too_short']);
  });
  it('options override the defaults', () => {
    expect(checkPassword('Abcdef12', { minLength: 12 })).toEqual(['too_short']);
    expect(checkPassword('Abcdef12', { minKinds: 4 })).toEqual(['too_few_kinds']);
  });
  it('passwordCharacterKinds', () => {
    expect(passwordCharacterKinds('')).toBe(0);
    expect(passwordCharacterKinds('a')).toBe(1);
    expect(passwordCharacterKinds('aA')).toBe(2);
    expect(passwordCharacterKinds('aA1')).toBe(3);
    expect(passwordCharacterKinds('aA1 ')).toBe(4);
  });
});
