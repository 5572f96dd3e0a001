import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { findUserByEmail, findUserById, recordSignIn, type UserRow } from '../db/repositories/user-repository.ts';
import { deleteSession, findLiveSession, insertSession, touchSession } from '../db/repositories/session-repository.ts';
import { verifyPassword } from '../auth/passwords.ts';
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

/**
 * Checks an email and password and opens a session. A wrong email and a wrong password give the same answer
 * (and take the same time); both are audited.
 */
export async function signIn(
  ctx: RequestContext,
  email: string,
  password: string,
  sessionHours: number,
): Promise<SignInResult> {
  const db = ctx.db.kysely;
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, password);
  if (!user || !user.active || !ok) {
    await writeAudit(
      { ...ctx, user: null },
      {
        action: 'sign_in_failed',
        resourceType: 'session',
        detail: { email: email.trim().toLowerCase().slice(0, 254) },
      },
    );
    throw new AppError('invalid_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now.getTime() + sessionHours * 3_600_000);
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  await recordSignIn(db, user.id, ctx.now);
  const authUser = toAuthUser(user);
  await writeAudit(
    { ...ctx, user: authUser },
    { action: 'sign_in', resourceType: 'session', resourceId: String(user.id) },
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

/** The user a session token belongs to, when the session is live and the user active; null otherwise. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<AuthUser | null> {
  const tokenHash = hashToken(token);
  const session = await findLiveSession(db.kysely, tokenHash, now);
  if (!session) return null;
  const user = await findUserById(db.kysely, session.userId);
  if (!user || !user.active) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(db.kysely, tokenHash, now);
  return toAuthUser(user);
}
