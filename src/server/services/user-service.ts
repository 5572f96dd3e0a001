import { AppError } from '../../core/errors.ts';
import { checkRoleScope, roleDefinitions, type Role } from '../../core/access/roles.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { CurrentUser } from '../api/auth.ts';
import type { UserSummary } from '../api/users.ts';
import { findOrgByCode } from '../db/repositories/org-repository.ts';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUser,
  type UserRow,
} from '../db/repositories/user-repository.ts';
import { checkPasswordRules, hashPassword } from '../auth/passwords.ts';
import type { AuthUser } from '../context.ts';
import { writeAudit } from './audit-service.ts';

/** The signed-in user as the web app sees them. */
export function presentCurrentUser(u: AuthUser | UserRow): CurrentUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    roleLabel: roleDefinitions[u.role].label,
    scope: { level: u.scope.level, orgCode: u.scope.orgCode, orgName: u.scope.orgName },
  };
}

/** A user account as lists show it. */
export function presentUser(u: UserRow): UserSummary {
  return {
    ...presentCurrentUser(u),
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  password: string;
}

/**
 * Checks a new account: a valid email, a password that meets the rules, and a scope organization at the level the
 * role needs. Returns the scope organization's id.
 */
async function validateNewUser(db: Db, input: CreateUserInput): Promise<number | null> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError('validation_failed', 'email: is not a valid email address', 'email');
  const passwordProblem = checkPasswordRules(input.password, email);
  if (passwordProblem) throw new AppError('validation_failed', `password: ${passwordProblem}`, 'password');
  let scopeOrgId: number | null = null;
  let scopeLevel: OrgLevel | null = null;
  if (input.scopeCode !== null && input.scopeCode.trim() !== '') {
    const code = normalizeOrgCode(input.scopeCode);
    const org = code ? await findOrgByCode(db.kysely, code) : undefined;
    if (!org)
      throw new AppError('validation_failed', `scope: no organization has the code ${input.scopeCode}`, 'scopeCode');
    scopeOrgId = org.id;
    scopeLevel = org.level;
  }
  const problem = checkRoleScope(input.role, scopeLevel);
  if (problem) throw new AppError('validation_failed', `scope: ${problem}`, 'scopeCode');
  return scopeOrgId;
}

/** Creates an account; an email already in use is a conflict. The creation is audited. */
export async function createUser(ctx: RequestContext, input: CreateUserInput): Promise<UserSummary> {
  const scopeOrgId = await validateNewUser(ctx.db, input);
  const passwordHash = await hashPassword(input.password);
  const id = await insertUser(ctx.db.kysely, {
    email: input.email,
    displayName: input.displayName.trim(),
    passwordHash,
    role: input.role,
    scopeOrgId,
  });
  if (id === undefined)
    throw new AppError(
      'conflict',
      `An account with the email ${input.email.trim().toLowerCase()} already exists`,
      'email',
    );
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'user',
    resourceId: String(id),
    orgId: scopeOrgId,
    detail: { role: input.role },
  });
  return presentUser((await findUserById(ctx.db.kysely, id))!);
}

/** Creates the account, or resets its name, password, role and scope when the email exists (demo accounts). */
export async function createOrResetUser(ctx: RequestContext, input: CreateUserInput): Promise<UserSummary> {
  const existing = await findUserByEmail(ctx.db.kysely, input.email);
  if (!existing) return createUser(ctx, input);
  const scopeOrgId = await validateNewUser(ctx.db, input);
  await updateUser(ctx.db.kysely, existing.id, {
    email: input.email,
    displayName: input.displayName.trim(),
    passwordHash: await hashPassword(input.password),
    role: input.role,
    scopeOrgId,
  });
  await writeAudit(ctx, { action: 'update', resourceType: 'user', resourceId: String(existing.id), orgId: scopeOrgId });
  return presentUser((await findUserById(ctx.db.kysely, existing.id))!);
}

/** Every account (person-level: the read is audited). */
export async function listAllUsers(ctx: RequestContext): Promise<UserSummary[]> {
  const users = await listUsers(ctx.db.kysely);
  await writeAudit(ctx, { action: 'read', resourceType: 'user_list', detail: { returned: users.length } });
  return users.map(presentUser);
}
