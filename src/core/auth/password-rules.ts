/**
 * The rules a new password must meet (NIST SP 800-63B style: length over composition, no known-breached or
 * guessable choices). Pure: the caller says whose password it is.
 */

/** The fewest characters a password may have. */
export const PASSWORD_MIN_LENGTH = 12;
/** The most characters: argon2 hashing time grows with length, so an unbounded password is a denial of service. */
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Passwords of 12 or more characters that appear near the top of public breach corpora (and obvious variations
 * on this product's name), compared case-insensitively. Short common passwords are already refused by the length.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789012345',
  '1234567890123456',
  '123123123123',
  '111111111111',
  '000000000000',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'zaq12wsxcde3',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password123!',
  'password1234!',
  'p@ssw0rd1234',
  'p@ssword1234',
  'passw0rd1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'changeme1234',
  'changemenow!',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'football1234',
  'baseball1234',
  'superman1234',
  'starwars1234',
  'sunshine1234',
  'princess1234',
  'trustno11234',
  'monkey123456',
  'dragon123456',
  'abcdefghijkl',
  'abcdefg12345',
  'abc123abc123',
  'aaaaaaaaaaaa',
  'correcthorsebatterystaple',
  'ssos-password',
  'ssospassword1',
  'ssos12345678',
  'education123',
  'education1234',
  'teacher12345',
  'student12345',
  'school123456',
  'massachusetts',
  'massachusetts1',
  'springfield1',
  'bostonboston',
]);

/** A broken rule: which one, and what to tell the person choosing the password. */
export interface PasswordProblem {
  rule: 'min_length' | 'max_length' | 'not_email' | 'not_common';
  message: string;
}

/** Checks a new password against the rules; returns the first rule it breaks, or null. */
export function checkPassword(password: string, context: { email?: string | null } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return { rule: 'min_length', message: `must be at least ${PASSWORD_MIN_LENGTH} characters (it has ${length})` };
  if (length > PASSWORD_MAX_LENGTH)
    return { rule: 'max_length', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  const lower = password.trim().toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split('@')[0] ?? '';
    if (lower === email || (local.length >= 4 && lower === local))
      return { rule: 'not_email', message: 'must not be your email address or its name part' };
  }
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/u.test(lower))
    return { rule: 'not_common', message: 'is one of the most common passwords: choose one that is harder to guess' };
  return null;
}
