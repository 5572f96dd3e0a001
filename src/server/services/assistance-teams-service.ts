import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { roleDefinitions } from '../../core/access/roles.ts';
import { daysBetween, engagementAlert, isoDay } from '../../core/assistance/priority.ts';
import { teamRoleLabels, type TeamRole } from '../../core/assistance/vocabulary.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import {
  insertStaff,
  lastEngagementDates,
  listDistrictSchools,
  listRegionOrgs,
  listStaff,
  resultsOf,
  updateStaff,
  type StaffRow,
} from '../db/repositories/assistance-repository.ts';
import type {
  Caseload,
  MyAssistance,
  RegionStaffing,
  StaffBody,
  StaffList,
  StaffMember,
  StaffUpdateBody,
} from '../api/assistance.ts';
import { latestOfficialRun } from './accountability-service.ts';
import {
  assertRegionAccess,
  currentPlans,
  getPrioritySettings,
  resolveOrg,
  seesAllRegions,
} from './assistance-service.ts';
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

/** The roles whose accounts may join a team (regional staff only that of their own region). */
const teamAccountRoles = ['regional_staff', 'state_staff', 'state_admin'] as const;

/**
 * What staffing a region's team draws on: the region's open districts (for caseloads) and the active accounts on no
 * team that may join it (its own regional staff, state staff and administrators). Names people: audited.
 */
export async function regionStaffing(ctx: RequestContext, regionCode: string): Promise<RegionStaffing> {
  const region = await resolveOrg(ctx.db, regionCode, 'code', ['region']);
  assertRegionAccess(ctx, region.code);
  const db = ctx.db.kysely;
  const run = await latestOfficialRun(ctx.db);
  const districts = (await listRegionOrgs(db, region.id, run?.school_year ?? ctx.now.getUTCFullYear()))
    .filter((o) => o.level === 'district')
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code));
  const users = await db
    .selectFrom('users as u')
    .leftJoin('assistance_staff as s', 's.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.role'])
    .where('u.active', '=', true)
    .where('s.id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.role', 'in', ['state_staff', 'state_admin']),
        eb.and([eb('u.role', '=', 'regional_staff'), eb('u.scope_org_id', '=', region.id)]),
      ]),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'assistance_staff_candidates',
    resourceId: region.code,
    orgId: region.id,
    detail: { userIds: users.map((u) => u.id) },
  });
  return {
    region: { code: region.code, name: region.name, level: 'region' },
    districts: districts.map((d) => ({ code: d.code, name: d.name, level: 'district' as const })),
    candidates: users.map((u) => {
      const role = u.role as (typeof teamAccountRoles)[number];
      return {
        userId: u.id,
        displayName: u.display_name,
        email: u.email,
        role,
        roleLabel: roleDefinitions[role].label,
      };
    }),
  };
}

/** The account a request names (by id or by email), checked as one that may join the region's team. */
async function accountToJoin(ctx: RequestContext, body: StaffBody, regionCode: string) {
  if ((body.userId === undefined) === (body.email === undefined))
    throw new AppError(
      'validation_failed',
      'Name the person who joins the team: their account or the email address of it (one, not both)',
      body.userId === undefined ? 'email' : 'userId',
    );
  const field = body.email !== undefined ? 'email' : 'userId';
  const query = ctx.db.kysely
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.scope_org_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.active', 'o.code as scope_code']);
  const user = await (
    body.email !== undefined
      ? query.where('u.email', '=', body.email.toLowerCase())
      : query.where('u.id', '=', body.userId!)
  ).executeTakeFirst();
  if (!user || !user.active)
    throw new AppError(
      'validation_failed',
      body.email !== undefined
        ? `No active account has the email address ${body.email}`
        : `There is no active user ${body.userId}`,
      field,
    );
  if (!(teamAccountRoles as readonly string[]).includes(user.role))
    throw new AppError(
      'validation_failed',
      `${user.display_name} is not agency staff: only regional staff, state staff and administrators join a team`,
      field,
    );
  if (user.role === 'regional_staff' && user.scope_code !== regionCode)
    throw new AppError('validation_failed', `${user.display_name} works in another region`, field);
  return user;
}

/** Adds a user (named by id or by email) to a regional assistance team with a role and districts. Audited. */
export async function addTeamMember(ctx: RequestContext, body: StaffBody): Promise<StaffMember> {
  const region = await resolveOrg(ctx.db, body.regionCode, 'regionCode', ['region']);
  assertRegionAccess(ctx, region.code);
  const user = await accountToJoin(ctx, body, region.code);
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
 * Removes a team member who has led no engagement; one who has is refused (409): mark them inactive instead, so the
 * log keeps who led each engagement. The member's row is locked first, so an engagement logged meanwhile either
 * lands before the count (and refuses the removal) or waits for it. Audited with the member as they were.
 */
export async function removeTeamMember(ctx: RequestContext, id: number): Promise<void> {
  const row = await staffInReach(ctx, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('assistance_staff')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) throw new AppError('not_found', `There is no team member ${id}`);
    const { led } = await trx
      .selectFrom('assistance_engagement_staff')
      .select(sql<number>`count(*)::int`.as('led'))
      .where('staff_id', '=', id)
      .executeTakeFirstOrThrow();
    if (led > 0)
      throw new AppError(
        'conflict',
        `${row.displayName} led ${led} ${led === 1 ? 'engagement' : 'engagements'} in the log, so they stay on the team: mark them inactive instead`,
      );
    await trx.deleteFrom('assistance_staff').where('id', '=', id).execute();
  });
  await writeAudit(ctx, {
    action: 'delete',
    resourceType: 'assistance_staff',
    resourceId: String(id),
    orgId: row.regionId,
    detail: { before: present(row) },
  });
}

/**
 * A team member's caseload: their districts and those districts' schools, each with its classification in the
 * latest official accountability run, the date of the last engagement (a district's counts its schools'), the
 * engagement alert (the priority queue's rule and alert days) and its current plan with goal progress.
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
  const today = isoDay(ctx.now);
  const last = await lastEngagementDates(db, orgIds, today);
  const plans = await currentPlans(ctx.db, { regionCode: row.regionCode });
  const { alertDays } = await getPrioritySettings(ctx.db);
  const entry = (
    org: { id: number; code: string; name: string },
    level: 'district' | 'school',
    district: { code: string; name: string } | null,
  ) => {
    const r = results.get(org.id);
    const requiringAssistance = r?.classification === REQUIRING_ASSISTANCE;
    const lastEngagementOn = last.get(org.id) ?? null;
    return {
      org: { code: org.code, name: org.name, level },
      district: district ? { code: district.code, name: district.name, level: 'district' as const } : null,
      classification: r?.classification ?? null,
      category: r?.category ?? null,
      requiringAssistance,
      lastEngagementOn,
      daysSinceEngagement: lastEngagementOn === null ? null : daysBetween(lastEngagementOn, today),
      // The same rule and settings as the priority queue, so a caseload and the queue never disagree.
      alert: engagementAlert(requiringAssistance, lastEngagementOn, ctx.now, alertDays),
      plan: plans.get(org.id)?.summary ?? null,
    };
  };
  const items = row.districts.flatMap((d) => [
    entry(d, 'district', null),
    ...schools.filter((s) => s.district?.id === d.id).map((s) => entry(s, 'school', d)),
  ]);
  return {
    staff: present(row),
    run: run ? { id: run.id, year: run.school_year } : null,
    asOf: today,
    alertDays,
    items,
  };
}

/** The signed-in user's team membership and caseload; both null when the user is on no team. */
export async function myAssistance(ctx: RequestContext): Promise<MyAssistance> {
  const [row] = ctx.user ? await listStaff(ctx.db.kysely, { userId: ctx.user.id }) : [];
  if (!row) return { staff: null, caseload: null };
  return { staff: present(row), caseload: await caseloadOf(ctx, row.id) };
}
