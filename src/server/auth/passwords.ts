import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '../../core/auth/password-rules.ts';

// argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no stored hash (unknown user), still spends the time of one
 * verification, so response time does not tell which emails have accounts.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * Rules a new password must meet (src/core/auth/password-rules.ts); returns what is wrong, or null. Pass the
 * account's email so the password cannot be the email.
 */
export function checkPasswordRules(password: string, email?: string | null): string | null {
  return checkPassword(password, { email })?.message ?? null;
}
