import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { decideSignInAttempt, describeWait, shouldLockAccount } from '../../core/auth/sign-in-throttle.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { readBatch, type ReadBatch } from '../db/read-batch.ts';
import {
  findSessionUsers,
  findUserByEmail,
  recordSignIn,
  type SessionUserRow,
  type UserRow,
} from '../db/repositories/user-repository.ts';
import {
  clearSignInFailures,
  countAccountFailures,
  deleteSession,
  findLockout,
  insertSession,
  lockAccount,
  recentSignInFailures,
  recordSignInFailure,
  touchSession,
} from '../db/repositories/session-repository.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { loadAuthSettings, type AuthSettings } from '../auth/auth-settings.ts';
import { writeAudit } from './audit-service.ts';

/** The SHA-256 of a session token: the database never holds the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The signed-in user as services see them. */
export function toAuthUser(u: UserRow): AuthUser {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, scope: u.scope };
}

export interface SignInResult {
  user: AuthUser;
  token: string;
  expiresAt: Date;
}

/** A sign-in refused before its password was checked (429): how long to wait, for the Retry-After header. */
export class SignInThrottled extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('too_many_requests', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Options of a sign-in: the session it replaces (rotated on sign-in) and the protection settings. */
export interface SignInOptions {
  /** The session token the browser already held: it is ended, so a planted token never becomes signed in. */
  previousToken?: string | undefined;
  settings?: AuthSettings;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}

function clockTime(d: Date): string {
  return `${d.toISOString().slice(11, 16)} UTC`;
}

/**
 * Checks an email and password and opens a session. A wrong email and a wrong password give the same answer
 * (and take the same time); both are audited. Failures are counted per client address and account: past the limits
 * an attempt is refused with 429 before the password is checked, and the account is locked for a while. The
 * counts are kept per email typed, so the answers are the same whether or not an account has that email.
 */
export async function signIn(
  ctx: RequestContext,
  email: string,
  password: string,
  sessionHours: number,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const db = ctx.db.kysely;
  const settings = options.settings ?? loadAuthSettings();
  const typed = normalizeEmail(email);
  const windowStart = new Date(ctx.now.getTime() - settings.lockoutMinutes * 60_000);
  const limit = Math.max(settings.maxFailuresPerAddressAndAccount, settings.maxFailuresPerAddress);
  const [lockedUntil, recent] = await Promise.all([
    findLockout(db, typed),
    recentSignInFailures(db, typed, ctx.ip, windowStart, limit),
  ]);
  const decision = decideSignInAttempt(ctx.now, lockedUntil, recent, settings);
  if (decision.kind === 'locked') {
    throw new SignInThrottled(
      `This account is locked after too many failed sign-ins. Try again after ${clockTime(decision.until)} (${describeWait(decision.retryAfterSeconds)}), or ask a state administrator for help.`,
      decision.retryAfterSeconds,
    );
  }
  if (decision.kind === 'rate_limited') {
    throw new SignInThrottled(
      `Too many failed sign-ins from your address. Try again ${describeWait(decision.retryAfterSeconds)}.`,
      decision.retryAfterSeconds,
    );
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
  if (!user || !user.active || !ok) {
    await recordSignInFailure(db, typed, ctx.ip, ctx.now);
    const failures = await countAccountFailures(db, typed, windowStart);
    const lock = shouldLockAccount(failures, settings);
    if (lock)
      await lockAccount(db, typed, new Date(ctx.now.getTime() + settings.lockoutMinutes * 60_000), failures, ctx.now);
    await writeAudit(
      { ...ctx, user: null },
      {
        action: 'sign_in_failed',
        resourceType: 'session',
        detail: { email: typed, ...(lock ? { lockedMinutes: settings.lockoutMinutes, failures } : {}) },
      },
    );
    throw new AppError('invalid_credentials');
  }
  await clearSignInFailures(db, typed, new Date(ctx.now.getTime() - 24 * 3_600_000));
  return openSession(ctx, user, sessionHours, options.previousToken);
}

/**
 * Opens a session for a user who has proved who they are (password or single sign-on): ends the session the
 * browser held (rotation), records the sign-in and audits it.
 */
export async function openSession(
  ctx: RequestContext,
  user: UserRow,
  sessionHours: number,
  previousToken?: string,
  detail?: Record<string, unknown>,
): Promise<SignInResult> {
  const db = ctx.db.kysely;
  if (previousToken) await deleteSession(db, hashToken(previousToken));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now.getTime() + sessionHours * 3_600_000);
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    at: ctx.now,
  });
  await recordSignIn(db, user.id, ctx.now);
  const authUser = toAuthUser(user);
  await writeAudit(
    { ...ctx, user: authUser },
    { action: 'sign_in', resourceType: 'session', resourceId: String(user.id), ...(detail ? { detail } : {}) },
  );
  return { user: authUser, token, expiresAt };
}

/** Ends the session the token belongs to. */
export async function signOut(ctx: RequestContext, token: string): Promise<void> {
  await deleteSession(ctx.db.kysely, hashToken(token));
  if (ctx.user) await writeAudit(ctx, { action: 'sign_out', resourceType: 'session', resourceId: String(ctx.user.id) });
}

// Writing last_seen_at on every request would make every read a write; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

const lookups = new WeakMap<Db, ReadBatch<string, SessionUserRow | undefined>>();

/** Session lookups of one database, batched per turn of the event loop (db/read-batch.ts). */
function sessionLookups(db: Db): ReadBatch<string, SessionUserRow | undefined> {
  let batch = lookups.get(db);
  if (batch === undefined) {
    batch = readBatch((hashes) => findSessionUsers(db.kysely, hashes), undefined);
    lookups.set(db, batch);
  }
  return batch;
}

/** A live session's user, and the data version read with it. */
export interface ResolvedSession {
  user: AuthUser;
  dataVersion: string;
}

/**
 * The user a session token belongs to, when the session is live and the user active; null otherwise. A session
 * ends at its absolute expiry, or when unused for `idleMinutes` (default from SSOS_SESSION_IDLE_MINUTES).
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes = loadAuthSettings().idleMinutes,
): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const found = await sessionLookups(db).load(tokenHash);
  if (!found || found.expiresAt.getTime() <= now.getTime()) return null;
  if (now.getTime() - found.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await deleteSession(db.kysely, tokenHash);
    return null;
  }
  if (!found.user.active) return null;
  if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(db.kysely, tokenHash, now);
  return { user: toAuthUser(found.user), dataVersion: found.dataVersion };
}
