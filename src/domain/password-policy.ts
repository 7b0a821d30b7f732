/**
 * Password policy for Renda accounts (密码策略). Grounded in 网络安全法 第21条 (network
 * operators must take technical measures for security) and the common 等级保护 (GB/T 22239)
 * requirement of complex passwords.
 */

/** Stable problem codes of {@link checkPassword}. */
export type PasswordProblem = 'too_short' | 'too_few_kinds' | 'contains_username';

/** Options of {@link checkPassword}. */
export interface PasswordOptions {
  /** Account name; a password containing it (case-insensitive) is rejected. */
  readonly username?: string;
  /** Minimum length in characters; default 8. */
  readonly minLength?: number;
  /** Minimum character kinds (lowercase, uppercase, digit, symbol); default 3. */
  readonly minKinds?: number;
}

/** Default minimum password length (密码最小长度). */
export const PASSWORD_MIN_LENGTH = 8;
/** Default minimum number of character kinds (字符种类). */
export const PASSWORD_MIN_KINDS = 3;

/**
 * Number of character kinds in `pw` (字符种类数): lowercase a-z, uppercase A-Z, digit 0-9,
 * symbol (anything else, including spaces and Chinese characters). 网络安全法 第21条.
 */
export function passwordCharacterKinds(pw: string): number {
  let kinds = 0;
  if (/[a-z]/.test(pw)) kinds++;
  if (/[A-Z]/.test(pw)) kinds++;
  if (/[0-9]/.test(pw)) kinds++;
  if (/[^a-zA-Z0-9]/.test(pw)) kinds++;
  return kinds;
}

/**
 * Checks a password (密码强度校验, 网络安全法 第21条): at least 8 characters (counted as
 * Unicode code points), at least 3 of the 4 character kinds, and not containing the
 * username (case-insensitive; only checked for usernames of 3+ characters). Returns
 * problem codes; empty = acceptable.
 */
export function checkPassword(pw: string, options: PasswordOptions = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const minLength = options.minLength ?? PASSWORD_MIN_LENGTH;
  const minKinds = options.minKinds ?? PASSWORD_MIN_KINDS;
  if ([...pw].length < minLength) problems.push('too_short');
  if (passwordCharacterKinds(pw) < minKinds) problems.push('too_few_kinds');
  const username = options.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && pw.toLowerCase().includes(username)) problems.push('contains_username');
  return problems;
}
