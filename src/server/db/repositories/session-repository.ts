import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Q = Kysely<Database>;

export interface NewSession {
  tokenHash: string;
  userId: number;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** When it opens (the request's clock); the database's clock when absent. */
  at?: Date;
}

/** Opens a session (the token's hash, never the token). */
export async function insertSession(db: Q, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      ...(s.at ? { created_at: s.at, last_seen_at: s.at } : {}),
    })
    .execute();
}

/** Records that a session was used (idle expiry counts from here). */
export async function touchSession(db: Q, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** Ends one session. */
export async function deleteSession(db: Q, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Deletes sessions past their absolute expiry; returns how many. */
export async function deleteExpiredSessions(db: Q, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of a user. */
export async function deleteUserSessions(db: Q, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Records a failed sign-in for the email typed (whether or not an account has it) from a client address. */
export async function recordSignInFailure(db: Q, email: string, ip: string | null, at: Date): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email, ip, at }).execute();
}

/**
 * Failed sign-ins since `since`, oldest first: for this email from this address, and from this address for any
 * email (at most `limit` each: enough to decide).
 */
export async function recentSignInFailures(
  db: Q,
  email: string,
  ip: string | null,
  since: Date,
  limit: number,
): Promise<{ byAddressAndAccount: Date[]; byAddress: Date[] }> {
  const base = () => db.selectFrom('sign_in_failures').select('at').where('at', '>', since);
  const sameIp = (q: ReturnType<typeof base>) => (ip === null ? q.where('ip', 'is', null) : q.where('ip', '=', ip));
  const [pair, address] = await Promise.all([
    sameIp(base().where('email', '=', email))
      .orderBy('at', 'desc')
      .limit(limit)
      .execute(),
    sameIp(base()).orderBy('at', 'desc').limit(limit).execute(),
  ]);
  return {
    byAddressAndAccount: pair.map((r) => r.at).reverse(),
    byAddress: address.map((r) => r.at).reverse(),
  };
}

/** How many failed sign-ins this email had since `since`, from any address. */
export async function countAccountFailures(db: Q, email: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('email', '=', email)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets an email's failed sign-ins (after a successful one), and those older than `before` (housekeeping). */
export async function clearSignInFailures(db: Q, email: string, before: Date): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where((eb) => eb.or([eb('email', '=', email), eb('at', '<', before)]))
    .execute();
  await db.deleteFrom('account_lockouts').where('email', '=', email).execute();
}

/** When the email's lockout ends, or null when it has none. */
export async function findLockout(db: Q, email: string): Promise<Date | null> {
  const row = await db
    .selectFrom('account_lockouts')
    .select('locked_until')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Locks the email's account until `until` (extending a lockout already recorded). */
export async function lockAccount(db: Q, email: string, until: Date, failures: number, at: Date): Promise<void> {
  await db
    .insertInto('account_lockouts')
    .values({ email, locked_until: until, failures, created_at: at })
    .onConflict((oc) => oc.column('email').doUpdateSet({ locked_until: until, failures, created_at: at }))
    .execute();
}
