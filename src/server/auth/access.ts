import type { Role } from '../../core/access/roles.ts';

/**
 * Who may call a route. Every route declares one; a route without it cannot be registered (deny by default).
 * - `public`: anyone, signed in or not.
 * - `signedIn`: a signed-in user with one of `roles` (`'any'` = every role). With `scopeParam`, the route parameter
 *   of that name is an organization code that must lie within the user's scope. With `personLevel`, the route
 *   returns data about people, and must write an audit entry for every successful response.
 */
export type Access =
  | { kind: 'public' }
  | {
      kind: 'signedIn';
      roles: readonly Role[] | 'any';
      scopeParam?: string;
      personLevel?: boolean;
    };

/** Anyone may call the route, signed in or not. */
export function publicAccess(): Access {
  return { kind: 'public' };
}

/** Any signed-in user with one of these roles (all roles when none are named). */
export function signedIn(...roles: Role[]): Access {
  return { kind: 'signedIn', roles: roles.length > 0 ? roles : 'any' };
}

/** Signed-in users with one of these roles, for an organization (route parameter) within their scope. */
export function inScope(scopeParam: string, ...roles: Role[]): Access {
  return { kind: 'signedIn', roles: roles.length > 0 ? roles : 'any', scopeParam };
}

/** Marks a route as returning person-level data: each successful response must be audited. */
export function personLevel(access: Access): Access {
  if (access.kind === 'public') throw new Error('person-level data is never public');
  return { ...access, personLevel: true };
}

/** A sentence describing the declaration, for the OpenAPI document. */
export function describeAccess(access: Access): string {
  if (access.kind === 'public') return 'Public: no sign-in needed.';
  const who = access.roles === 'any' ? 'any signed-in user' : `signed-in ${access.roles.join(', ')}`;
  const scope = access.scopeParam
    ? `, for an organization within the user's scope (parameter \`${access.scopeParam}\`)`
    : '';
  const audit = access.personLevel ? ' Person-level data: every read is written to the audit log.' : '';
  return `Access: ${who}${scope}.${audit}`;
}
