import { describe, expect, it } from 'vitest';
import {
  decideSignInAttempt,
  describeWait,
  secondsUntilUnderLimit,
  shouldLockAccount,
  type ThrottleLimits,
} from './sign-in-throttle.ts';

const limits: ThrottleLimits = {
  maxFailuresPerAddressAndAccount: 3,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 4,
  lockoutMinutes: 15,
};
const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('secondsUntilUnderLimit', () => {
  it('is zero under the limit', () => {
    expect(secondsUntilUnderLimit([minutesAgo(1), minutesAgo(0)], 3, now, 15 * 60_000)).toBe(0);
  });

  it('waits for the oldest of exactly `limit` failures to leave the window', () => {
    // Failures 10, 5 and 1 minutes ago, limit 3: the one 10 minutes ago leaves in 5 minutes = 300 s.
    expect(secondsUntilUnderLimit([minutesAgo(10), minutesAgo(5), minutesAgo(1)], 3, now, 15 * 60_000)).toBe(300);
  });

  it('with more failures than the limit, waits for enough of them to leave', () => {
    // 4 failures (14, 10, 5, 1 minutes ago), limit 3: two must leave; the second oldest (10 min) leaves in 300 s.
    const f = [minutesAgo(14), minutesAgo(10), minutesAgo(5), minutesAgo(1)];
    expect(secondsUntilUnderLimit(f, 3, now, 15 * 60_000)).toBe(300);
  });
});

describe('decideSignInAttempt', () => {
  it('allows an attempt with few failures', () => {
    expect(decideSignInAttempt(now, null, { byAddressAndAccount: [minutesAgo(2)], byAddress: [] }, limits)).toEqual({
      kind: 'allow',
    });
  });

  it('refuses a locked account until the lockout ends', () => {
    const until = new Date(now.getTime() + 90_000);
    expect(decideSignInAttempt(now, until, { byAddressAndAccount: [], byAddress: [] }, limits)).toEqual({
      kind: 'locked',
      until,
      retryAfterSeconds: 90,
    });
  });

  it('ignores a lockout that has ended', () => {
    expect(decideSignInAttempt(now, minutesAgo(1), { byAddressAndAccount: [], byAddress: [] }, limits).kind).toBe(
      'allow',
    );
  });

  it('rate-limits an address after too many failures on one account', () => {
    const f = [minutesAgo(12), minutesAgo(3), minutesAgo(2)];
    expect(decideSignInAttempt(now, null, { byAddressAndAccount: f, byAddress: f }, limits)).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 180,
    });
  });

  it('rate-limits an address trying many accounts, taking the longer wait', () => {
    const address = [minutesAgo(14), minutesAgo(8), minutesAgo(4), minutesAgo(1)];
    expect(decideSignInAttempt(now, null, { byAddressAndAccount: [], byAddress: address }, limits)).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 60,
    });
  });
});

describe('shouldLockAccount and describeWait', () => {
  it('locks at the limit, not before', () => {
    expect(shouldLockAccount(4, limits)).toBe(false);
    expect(shouldLockAccount(5, limits)).toBe(true);
  });

  it('rounds a wait up to whole minutes', () => {
    expect(describeWait(1)).toBe('in 1 minute');
    expect(describeWait(61)).toBe('in 2 minutes');
    expect(describeWait(900)).toBe('in 15 minutes');
  });
});
