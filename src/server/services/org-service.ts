import { AppError } from '../../core/errors.ts';
import { formatGradeSpan, gradeSpanCategory, normalizeOrgCode, orgTypeLabels } from '../../core/orgs/organization.ts';
import { schoolYearOf } from '../../core/school-year.ts';
import type { Db } from '../db/client.ts';
import type { RequestContext } from '../context.ts';
import type { OrgDetail, OrgSearchQuery, OrgSearchResponse, OrgSummary } from '../api/orgs.ts';
import type { UserSummary } from '../api/users.ts';
import {
  findOrgByCode,
  listChildren,
  listRegionDistricts,
  searchOrgs,
  type OrgRow,
} from '../db/repositories/org-repository.ts';
import { listUsersWithin } from '../db/repositories/user-repository.ts';
import { presentUser } from './user-service.ts';
import { writeAudit } from './audit-service.ts';

/** An organization as the API lists it. */
export function presentOrg(o: OrgRow): OrgSummary {
  return {
    code: o.code,
    name: o.name,
    level: o.level,
    type: o.type,
    typeLabel: orgTypeLabels[o.type],
    gradeSpan: formatGradeSpan(o.grades),
    gradeSpanCategory: o.level === 'school' ? gradeSpanCategory(o.grades) : null,
    town: o.town,
    parent: o.parent,
    region: o.region,
    openedYear: o.openedYear,
    closedYear: o.closedYear,
  };
}

/** Searches the statewide directory by name words or code. */
export async function searchOrganizations(db: Db, query: OrgSearchQuery, now: Date): Promise<OrgSearchResponse> {
  const { rows, total } = await searchOrgs(db.kysely, {
    q: query.q,
    level: query.level,
    type: query.type,
    includeClosed: query.includeClosed,
    currentYear: schoolYearOf(now),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: rows.map(presentOrg), total };
}

async function requireOrg(db: Db, rawCode: string): Promise<OrgRow> {
  const code = normalizeOrgCode(rawCode);
  const org = code ? await findOrgByCode(db.kysely, code) : undefined;
  if (!org) throw new AppError('not_found', `No organization has the code ${rawCode}`);
  return org;
}

/** One organization with its parent, region and the organizations under it (a region lists its districts). */
export async function getOrganization(db: Db, rawCode: string): Promise<OrgDetail> {
  const org = await requireOrg(db, rawCode);
  const children =
    org.level === 'region' ? await listRegionDistricts(db.kysely, org.id) : await listChildren(db.kysely, org.id);
  return { ...presentOrg(org), grades: org.grades, children: children.map(presentOrg) };
}

/** The accounts of an organization and the organizations under it. Person-level: the read is audited. */
export async function listOrganizationUsers(ctx: RequestContext, rawCode: string): Promise<UserSummary[]> {
  const org = await requireOrg(ctx.db, rawCode);
  const users = await listUsersWithin(ctx.db.kysely, org.id);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'user_list',
    resourceId: org.code,
    orgId: org.id,
    detail: { userIds: users.map((u) => u.id) },
  });
  return users.map(presentUser);
}

/**
 * Assigns a district to a regional assistance team, or leaves it unassigned (null). Its schools follow. The change
 * is audited with the region before and after.
 */
export async function setDistrictRegion(
  ctx: RequestContext,
  rawCode: string,
  regionCode: string | null,
): Promise<OrgDetail> {
  const org = await requireOrg(ctx.db, rawCode);
  if (org.level !== 'district') {
    throw new AppError(
      'validation_failed',
      `regionCode: only districts are assigned to regions; ${org.name} is a ${org.level}`,
      'regionCode',
    );
  }
  let regionId: number | null = null;
  if (regionCode !== null && regionCode !== '') {
    const region = await findOrgByCode(ctx.db.kysely, regionCode.toLowerCase());
    if (!region || region.level !== 'region') {
      throw new AppError('validation_failed', `regionCode: ${regionCode} is not a region`, 'regionCode');
    }
    regionId = region.id;
  }
  await ctx.db.kysely
    .updateTable('organizations')
    .set({ region_id: regionId, updated_at: ctx.now })
    .where('id', '=', org.id)
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'organization_region',
    resourceId: org.code,
    orgId: org.id,
    detail: { from: org.region?.code ?? null, to: regionId === null ? null : regionCode },
  });
  return getOrganization(ctx.db, org.code);
}
