/**
 * Whether a sign-in attempt may go ahead, from the failures recorded before it: a locked account waits out its
 * lockout; too many recent failures from one client address (for one account, or for any) waits until enough of
 * them are older than the window. Only failures count, so people who sign in correctly again and again are never
 * slowed down.
 */

/** The limits, all within one sliding window. */
export interface ThrottleLimits {
  maxFailuresPerAddressAndAccount: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  /** The window failures count in, and how long a lockout lasts. */
  lockoutMinutes: number;
}

/** Failed attempts within the window, oldest first. */
export interface RecentFailures {
  byAddressAndAccount: readonly Date[];
  byAddress: readonly Date[];
}

/** What to do with an attempt. */
export type ThrottleDecision =
  | { kind: 'allow' }
  | { kind: 'locked'; until: Date; retryAfterSeconds: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/**
 * Seconds until fewer than `limit` of these failures (oldest first) are within the window: the
 * (count - limit + 1)-th oldest must age out. Zero when under the limit already.
 */
export function secondsUntilUnderLimit(failures: readonly Date[], limit: number, now: Date, windowMs: number): number {
  if (failures.length < limit) return 0;
  const mustExpire = failures[failures.length - limit]!;
  return Math.max(1, Math.ceil((mustExpire.getTime() + windowMs - now.getTime()) / 1000));
}

/** Decides whether an attempt may check its password. */
export function decideSignInAttempt(
  now: Date,
  lockedUntil: Date | null,
  recent: RecentFailures,
  limits: ThrottleLimits,
): ThrottleDecision {
  if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
    return {
      kind: 'locked',
      until: lockedUntil,
      retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)),
    };
  }
  const windowMs = limits.lockoutMinutes * 60_000;
  const wait = Math.max(
    secondsUntilUnderLimit(recent.byAddressAndAccount, limits.maxFailuresPerAddressAndAccount, now, windowMs),
    secondsUntilUnderLimit(recent.byAddress, limits.maxFailuresPerAddress, now, windowMs),
  );
  return wait > 0 ? { kind: 'rate_limited', retryAfterSeconds: wait } : { kind: 'allow' };
}

/** Whether an account with this many failures in the window (the latest included) is now locked. */
export function shouldLockAccount(accountFailures: number, limits: ThrottleLimits): boolean {
  return accountFailures >= limits.maxFailuresPerAccount;
}

/** "in 1 minute", "in 14 minutes": a wait in words, rounded up to whole minutes. */
export function describeWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
