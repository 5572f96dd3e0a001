import type { OrgLevel } from '../orgs/organization.ts';

/** The roles a user of ssos can hold. */
export const roles = [
  'state_admin',
  'state_staff',
  'regional_staff',
  'district_leader',
  'school_leader',
  'vendor',
] as const;
export type Role = (typeof roles)[number];

/** The kinds of scope: an organization level, or `assigned` for users who see only what is assigned to them. */
export type ScopeLevel = Exclude<OrgLevel, never> | 'assigned';

export interface RoleDefinition {
  role: Role;
  label: string;
  description: string;
  /** The level of organization a user with this role is scoped to. */
  scopeLevel: ScopeLevel;
}

/** What each role is for, and the level its scope must be at. */
export const roleDefinitions: Record<Role, RoleDefinition> = {
  state_admin: {
    role: 'state_admin',
    label: 'State administrator',
    description: 'Runs the platform for the agency: users, configuration, the accountability year, designations.',
    scopeLevel: 'state',
  },
  state_staff: {
    role: 'state_staff',
    label: 'State staff',
    description: 'Central-office staff who see the whole state: accountability, grants, research.',
    scopeLevel: 'state',
  },
  regional_staff: {
    role: 'regional_staff',
    label: 'Regional assistance staff',
    description: "A member of a regional assistance team, working with the districts and schools of the team's region.",
    scopeLevel: 'region',
  },
  district_leader: {
    role: 'district_leader',
    label: 'District leader',
    description: "A superintendent or district data lead, working with the district's own data, schools and plans.",
    scopeLevel: 'district',
  },
  school_leader: {
    role: 'school_leader',
    label: 'School leader',
    description: "A principal or school team member, working with the school's own data, students and plan.",
    scopeLevel: 'school',
  },
  vendor: {
    role: 'vendor',
    label: 'Site-visit vendor',
    description: 'An external site visitor who sees only the visits assigned to them.',
    scopeLevel: 'assigned',
  },
};

/** A user's scope: the organization they act for, at the level their role requires. */
export interface UserScope {
  level: ScopeLevel;
  /** The organization code of the scope; null for `assigned` scopes. */
  orgCode: string | null;
}

/** Where an organization sits: its own code, the codes above it, and its region (a school's is its district's). */
export interface OrgPlacement {
  code: string;
  ancestorCodes: readonly string[];
  regionCode: string | null;
}

/**
 * Whether an organization lies within a user's scope. The state scope holds everything; a region holds the
 * districts assigned to it and their schools; a district holds itself and its schools; a school holds itself.
 * Users scoped to assignments hold no organization (what is assigned to them is checked record by record).
 */
export function isOrgInScope(scope: UserScope, org: OrgPlacement): boolean {
  switch (scope.level) {
    case 'state':
      return true;
    case 'region':
      return scope.orgCode !== null && (org.code === scope.orgCode || org.regionCode === scope.orgCode);
    case 'district':
    case 'school':
      return scope.orgCode !== null && (org.code === scope.orgCode || org.ancestorCodes.includes(scope.orgCode));
    case 'assigned':
      return false;
  }
}

/**
 * Checks that a scope fits a role: the scope organization's level must be the role's scope level. Returns a
 * sentence saying what is wrong, or null when the pair is valid.
 */
export function checkRoleScope(role: Role, scopeOrgLevel: OrgLevel | null): string | null {
  const wanted = roleDefinitions[role].scopeLevel;
  if (wanted === 'assigned') {
    return scopeOrgLevel === null ? null : `a ${roleDefinitions[role].label.toLowerCase()} has no organization scope`;
  }
  if (scopeOrgLevel === null) return `a ${roleDefinitions[role].label.toLowerCase()} needs a ${wanted} as scope`;
  if (scopeOrgLevel !== wanted) {
    return `a ${roleDefinitions[role].label.toLowerCase()} must be scoped to a ${wanted}, not a ${scopeOrgLevel}`;
  }
  return null;
}
