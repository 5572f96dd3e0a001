import { AppError } from '../../core/errors.ts';
import { isOrgInScope, type Role } from '../../core/access/roles.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import { defaultPrioritySettings, type PrioritySettings } from '../../core/assistance/priority.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import { findPlacedOrg, type PlacedOrg } from '../db/repositories/assistance-repository.ts';
import { listGoals, listPlans, type PlanFilter, type PlanRow } from '../db/repositories/plan-repository.ts';
import { countProgress } from '../../core/plans/progress.ts';
import type { CurrentPlan } from '../api/assistance.ts';
import { writeAudit } from './audit-service.ts';
import { evaluateGoals, progressTolerance } from './goal-progress-service.ts';

/**
 * Shared rules of assistance operations (docs/assistance.md): who works where, and the priority settings.
 * Regional staff see and change their own region only; state staff and administrators see everything.
 */

/** The roles that run assistance: state staff and administrators everywhere, regional staff in their region. */
export const assistanceRoles = ['state_admin', 'state_staff', 'regional_staff'] as const satisfies readonly Role[];

/** Whether the user sees every region. */
export function seesAllRegions(user: AuthUser | null): boolean {
  return user !== null && (user.role === 'state_admin' || user.role === 'state_staff');
}

/** Refuses (403) a user who may not work in this region. */
export function assertRegionAccess(ctx: RequestContext, regionCode: string): void {
  if (seesAllRegions(ctx.user)) return;
  if (ctx.user?.role === 'regional_staff' && ctx.user.scope.orgCode === regionCode) return;
  throw new AppError('out_of_scope', 'This is outside your region');
}

/** Whether an organization lies within the user's scope (a school's district and region count). */
export function orgInScope(user: AuthUser, org: PlacedOrg): boolean {
  return isOrgInScope(
    { level: user.scope.level, orgCode: user.scope.orgCode },
    { code: org.code, ancestorCodes: org.district ? [org.district.code] : [], regionCode: org.region?.code ?? null },
  );
}

/** Refuses (403) an organization outside the user's scope. */
export function assertOrgInScope(ctx: RequestContext, org: PlacedOrg): void {
  if (!ctx.user || !orgInScope(ctx.user, org)) throw new AppError('out_of_scope');
}

/** The organization a request names in `field`, of one of `levels`; 400 naming the field otherwise. */
export async function resolveOrg(db: Db, raw: string, field: string, levels: readonly OrgLevel[]): Promise<PlacedOrg> {
  const code = normalizeOrgCode(raw);
  const org = code ? await findPlacedOrg(db.kysely, code) : undefined;
  if (!org) throw new AppError('validation_failed', `No organization has the code ${raw}`, field);
  if (!levels.includes(org.level))
    throw new AppError('validation_failed', `${org.name} is a ${org.level}, not a ${levels.join(' or ')}`, field);
  return org;
}

/** Runs a write, turning a unique-key violation into a 409 with `message` (what is recorded already). */
export async function refuseDuplicate<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', message);
    throw err;
  }
}

const PRIORITY_SETTINGS_KEY = 'assistance.priority';

/** The priority settings in force: the defaults until a state administrator changes them. */
export async function getPrioritySettings(db: Db): Promise<PrioritySettings> {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', PRIORITY_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return defaultPrioritySettings;
  const stored = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as Partial<PrioritySettings>;
  return {
    ...defaultPrioritySettings,
    ...stored,
    weights: { ...defaultPrioritySettings.weights, ...stored.weights },
  };
}

/** Stores new priority settings (state administrators); audited with the settings before and after. */
export async function setPrioritySettings(ctx: RequestContext, settings: PrioritySettings): Promise<PrioritySettings> {
  const before = await getPrioritySettings(ctx.db);
  const value = JSON.stringify(settings);
  await ctx.db.kysely
    .insertInto('settings')
    .values({ key: PRIORITY_SETTINGS_KEY, value, updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: ctx.now }))
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'assistance_priority_settings',
    detail: { before, after: settings },
  });
  return getPrioritySettings(ctx.db);
}

/** Orders plans latest first: by the end of their period, then their start, then the latest made. */
export function latestPlanFirst(a: PlanRow, b: PlanRow): number {
  return b.end_year - a.end_year || b.start_year - a.start_year || b.id - a.id;
}

/** A plan's Turnaround Practice blocks as stored (JSON keyed by practice). */
export function planBlocks(row: PlanRow): Record<string, { strategies?: string } | undefined> {
  return (typeof row.blocks === 'string' ? JSON.parse(row.blocks) : row.blocks) as Record<
    string,
    { strategies?: string } | undefined
  >;
}

/** An organization's current plan as read for assistance: the row and the summary with goal progress counts. */
export interface OrgPlan {
  row: PlanRow;
  summary: CurrentPlan;
}

/**
 * The current plan of each organization a filter selects (a region's, or one organization's): its latest plan, by
 * the end of its period, then its start, then the latest made; with its goals counted by progress status (computed
 * by the plan's goal progress from the indicator values stored now). Keyed by organization id.
 */
export async function currentPlans(
  db: Db,
  filter: Pick<PlanFilter, 'regionCode' | 'orgId'>,
): Promise<Map<number, OrgPlan>> {
  const latest = new Map<number, PlanRow>();
  for (const p of (await listPlans(db.kysely, filter)).sort(latestPlanFirst))
    if (!latest.has(p.org_id)) latest.set(p.org_id, p);
  const plans = [...latest.values()];
  const goals = await listGoals(
    db.kysely,
    plans.map((p) => p.id),
  );
  const orgOf = new Map(plans.map((p) => [p.id, p.org_id]));
  const progress = await evaluateGoals(db, goals, (planId) => orgOf.get(planId)!, await progressTolerance(db));
  return new Map(
    plans.map((p) => [
      p.org_id,
      {
        row: p,
        summary: {
          id: p.id,
          title: p.title,
          kind: p.kind,
          status: p.status,
          startYear: p.start_year,
          endYear: p.end_year,
          goalCounts: countProgress(
            goals.filter((g) => g.plan_id === p.id).map((g) => progress.get(g.id)?.status ?? null),
          ),
        },
      },
    ]),
  );
}
