import { AppError } from '../../core/errors.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import { teamRoleLabels, type TeamRole } from '../../core/assistance/vocabulary.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import {
  insertStaff,
  lastEngagementDates,
  listDistrictSchools,
  listStaff,
  resultsOf,
  updateStaff,
  type StaffRow,
} from '../db/repositories/assistance-repository.ts';
import type { Caseload, MyAssistance, StaffBody, StaffList, StaffMember, StaffUpdateBody } from '../api/assistance.ts';
import { latestOfficialRun } from './accountability-service.ts';
import { assertRegionAccess, currentPlans, resolveOrg, seesAllRegions } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';

/** The classification of the latest official run that puts an organization first in line. */
export const REQUIRING_ASSISTANCE = 'Requiring assistance or intervention';

function present(r: StaffRow): StaffMember {
  return {
    id: r.id,
    user: { id: r.userId, displayName: r.displayName, email: r.email },
    region: { code: r.regionCode, name: r.regionName, level: 'region' },
    teamRole: r.teamRole as TeamRole,
    teamRoleLabel: teamRoleLabels[r.teamRole as TeamRole],
    active: r.active,
    districts: r.districts.map((d) => ({ code: d.code, name: d.name, level: 'district' as const })),
  };
}

/** The team members of a region (regional staff: their own region, the default), or of every region. */
export async function listTeam(ctx: RequestContext, regionCode?: string): Promise<StaffList> {
  const wanted = regionCode ?? (seesAllRegions(ctx.user) ? undefined : (ctx.user?.scope.orgCode ?? undefined));
  if (wanted === undefined) return { items: (await listStaff(ctx.db.kysely, {})).map(present) };
  const region = await resolveOrg(ctx.db, wanted, 'region', ['region']);
  assertRegionAccess(ctx, region.code);
  return { items: (await listStaff(ctx.db.kysely, { regionId: region.id })).map(present) };
}

/** A team member by id, checked against the user's region. */
async function staffInReach(ctx: RequestContext, id: number): Promise<StaffRow> {
  const [row] = await listStaff(ctx.db.kysely, { id });
  if (!row) throw new AppError('not_found', `There is no team member ${id}`);
  assertRegionAccess(ctx, row.regionCode);
  return row;
}

/** The districts named for a caseload: each must be a district of the region. */
async function resolveDistricts(ctx: RequestContext, codes: readonly string[], regionCode: string) {
  const ids: number[] = [];
  for (const code of codes) {
    const d = await resolveOrg(ctx.db, code, 'districtCodes', ['district']);
    if (d.region?.code !== regionCode)
      throw new AppError(
        'validation_failed',
        `${d.name} is not a district of the ${regionCode} region`,
        'districtCodes',
      );
    ids.push(d.id);
  }
  return ids;
}

/** Adds a user to a regional assistance team with a role and districts. Audited. */
export async function addTeamMember(ctx: RequestContext, body: StaffBody): Promise<StaffMember> {
  const region = await resolveOrg(ctx.db, body.regionCode, 'regionCode', ['region']);
  assertRegionAccess(ctx, region.code);
  const user = await ctx.db.kysely
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.active', 'o.code as scope_code'])
    .where('u.id', '=', body.userId)
    .executeTakeFirst();
  if (!user || !user.active)
    throw new AppError('validation_failed', `There is no active user ${body.userId}`, 'userId');
  if (!['regional_staff', 'state_staff', 'state_admin'].includes(user.role))
    throw new AppError(
      'validation_failed',
      `${user.display_name} is not agency staff: only regional staff, state staff and administrators join a team`,
      'userId',
    );
  if (user.role === 'regional_staff' && user.scope_code !== region.code)
    throw new AppError('validation_failed', `${user.display_name} works in another region`, 'userId');
  const districtIds = await resolveDistricts(ctx, body.districtCodes, region.code);
  let id: number;
  try {
    id = await ctx.db.kysely.transaction().execute((trx) =>
      insertStaff(trx, {
        userId: user.id,
        regionId: region.id,
        teamRole: body.teamRole,
        districtIds,
        createdBy: ctx.user?.id ?? null,
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', `${user.display_name} is on a team already; change that assignment instead`);
    throw err;
  }
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'assistance_staff',
    resourceId: String(id),
    orgId: region.id,
    detail: { userId: user.id, teamRole: body.teamRole, districtCodes: body.districtCodes },
  });
  return present((await listStaff(ctx.db.kysely, { id }))[0]!);
}

/** Changes a team member's role, districts or active flag. Audited. */
export async function changeTeamMember(ctx: RequestContext, id: number, body: StaffUpdateBody): Promise<StaffMember> {
  const row = await staffInReach(ctx, id);
  const districtIds = await resolveDistricts(ctx, body.districtCodes, row.regionCode);
  await ctx.db.kysely
    .transaction()
    .execute((trx) =>
      updateStaff(trx, id, { teamRole: body.teamRole, active: body.active, districtIds, now: ctx.now }),
    );
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'assistance_staff',
    resourceId: String(id),
    orgId: row.regionId,
    detail: { before: present(row), after: body },
  });
  return present((await listStaff(ctx.db.kysely, { id }))[0]!);
}

/**
 * A team member's caseload: their districts and those districts' schools, each with its classification in the
 * latest official accountability run, the date of the last engagement (a district's counts its schools') and its
 * current plan with goal progress.
 */
export async function caseloadOf(ctx: RequestContext, id: number): Promise<Caseload> {
  const row = await staffInReach(ctx, id);
  const db = ctx.db.kysely;
  const run = await latestOfficialRun(ctx.db);
  const year = run?.school_year ?? ctx.now.getUTCFullYear();
  const schools = await listDistrictSchools(
    db,
    row.districts.map((d) => d.id),
    year,
  );
  const orgIds = [...row.districts.map((d) => d.id), ...schools.map((s) => s.id)];
  const results = run ? await resultsOf(db, run.id, orgIds) : new Map();
  const last = await lastEngagementDates(db, orgIds, isoDay(ctx.now));
  const plans = await currentPlans(ctx.db, { regionCode: row.regionCode });
  const entry = (
    org: { id: number; code: string; name: string },
    level: 'district' | 'school',
    district: { code: string; name: string } | null,
  ) => {
    const r = results.get(org.id);
    return {
      org: { code: org.code, name: org.name, level },
      district: district ? { code: district.code, name: district.name, level: 'district' as const } : null,
      classification: r?.classification ?? null,
      category: r?.category ?? null,
      requiringAssistance: r?.classification === REQUIRING_ASSISTANCE,
      lastEngagementOn: last.get(org.id) ?? null,
      plan: plans.get(org.id)?.summary ?? null,
    };
  };
  const items = row.districts.flatMap((d) => [
    entry(d, 'district', null),
    ...schools.filter((s) => s.district?.id === d.id).map((s) => entry(s, 'school', d)),
  ]);
  return { staff: present(row), run: run ? { id: run.id, year: run.school_year } : null, items };
}

/** The signed-in user's team membership and caseload; both null when the user is on no team. */
export async function myAssistance(ctx: RequestContext): Promise<MyAssistance> {
  const [row] = ctx.user ? await listStaff(ctx.db.kysely, { userId: ctx.user.id }) : [];
  if (!row) return { staff: null, caseload: null };
  return { staff: present(row), caseload: await caseloadOf(ctx, row.id) };
}
