import type { Kysely } from 'kysely';
import { dataVersionSql } from '../data-version.ts';
import type { Database } from '../schema.ts';
import type { Role, ScopeLevel } from '../../../core/access/roles.ts';
import { subtreeIds } from './org-repository.ts';

type Q = Kysely<Database>;

/** A user with their scope organization resolved. */
export interface UserRow {
  id: number;
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  scope: { level: ScopeLevel; orgId: number | null; orgCode: string | null; orgName: string | null };
}

function baseQuery(db: Q) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as ro', 'ro.code', 'u.role')
    .leftJoin('organizations as s', 's.id', 'u.scope_org_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.password_hash',
      'u.role',
      'u.active',
      'u.created_at',
      'u.last_sign_in_at',
      'u.scope_org_id',
      'ro.scope_level',
      's.code as scope_code',
      's.name as scope_name',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toUserRow(r: BaseRow): UserRow {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role as Role,
    active: r.active,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    scope: {
      level: r.scope_level as ScopeLevel,
      orgId: r.scope_org_id,
      orgCode: r.scope_code,
      orgName: r.scope_name,
    },
  };
}

/** A session's user, the session's times, and the data version read in the same query. */
export interface SessionUserRow {
  user: UserRow;
  lastSeenAt: Date;
  expiresAt: Date;
  dataVersion: string;
}

/**
 * The users of sessions, by token hash, with each session's last use and expiry (the caller judges them), and the
 * data version read in the same query: one round trip for every signed-in request of a batch (see data-version.ts,
 * read-batch.ts). Tokens with no session are left out.
 */
export async function findSessionUsers(db: Q, tokenHashes: readonly string[]): Promise<Map<string, SessionUserRow>> {
  if (tokenHashes.length === 0) return new Map();
  const rows = await baseQuery(db)
    .innerJoin('sessions as se', 'se.user_id', 'u.id')
    .select(['se.token_hash', 'se.last_seen_at', 'se.expires_at', dataVersionSql.as('data_version')])
    .where('se.token_hash', 'in', tokenHashes)
    .execute();
  return new Map(
    rows.map((r) => [
      r.token_hash,
      { user: toUserRow(r), lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, dataVersion: r.data_version },
    ]),
  );
}

export async function findUserByEmail(db: Q, email: string): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('u.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toUserRow(row) : undefined;
}

export async function findUserById(db: Q, id: number): Promise<UserRow | undefined> {
  const row = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toUserRow(row) : undefined;
}

/** Every user, ordered by name. */
export async function listUsers(db: Q): Promise<UserRow[]> {
  const rows = await baseQuery(db).orderBy('u.display_name').orderBy('u.id').execute();
  return rows.map(toUserRow);
}

/** Users whose scope is this organization or one under it (a district's leaders and its schools' leaders). */
export async function listUsersWithin(db: Q, orgId: number): Promise<UserRow[]> {
  const rows = await baseQuery(db)
    .where('u.scope_org_id', 'in', subtreeIds(db, orgId))
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  return rows.map(toUserRow);
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  scopeOrgId: number | null;
}

/** Creates a user; returns undefined when the email is already taken. */
export async function insertUser(db: Q, user: NewUser): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email.trim().toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      scope_org_id: user.scopeOrgId,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Replaces a user's name, password, role and scope (used when the demo or an admin re-creates an account). */
export async function updateUser(db: Q, id: number, user: NewUser): Promise<void> {
  await db
    .updateTable('users')
    .set({
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      scope_org_id: user.scopeOrgId,
      active: true,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordSignIn(db: Q, id: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', id).execute();
}
