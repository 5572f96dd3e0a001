import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { isOrgInScope } from '../../core/access/roles.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import { indicatorsFor, levelsFor, orderedItems } from '../../core/frameworks/framework.ts';
import {
  checkSiteVisitTransition,
  computePracticeTrends,
  type SiteVisitActor,
  type SiteVisitStatus,
} from '../../core/frameworks/site-visit.ts';
import type { FrameworkItem } from '../../core/frameworks/types.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { StoredFramework } from '../db/repositories/framework-repository.ts';
import type {
  NewSiteVisitBody,
  SiteVisit,
  SiteVisitList,
  SiteVisitListQuery,
  SiteVisitRatingsBody,
  SiteVisitSummary,
  SiteVisitTransitionBody,
  SiteVisitTrends,
  VendorList,
  VendorsBody,
} from '../api/site-visits.ts';
import { writeAudit } from './audit-service.ts';
import { frameworkVersionById, requireCurrentVersion } from './framework-service.ts';
import { requireOrgInScope } from './self-assessment-service.ts';
import { renderSiteVisitPdf } from './site-visit-pdf.ts';

/** The framework site visits rate: the Turnaround Practices (latest published version when a visit is scheduled). */
export const SITE_VISIT_FRAMEWORK = 'TP';

const isState = (u: AuthUser | null) => u?.role === 'state_admin' || u?.role === 'state_staff';

function baseQuery(db: Db) {
  return db.kysely
    .selectFrom('site_visits as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .leftJoin('organizations as d', 'd.id', 'o.parent_id')
    .leftJoin('organizations as g', 'g.id', 'd.parent_id')
    .leftJoin('organizations as r', (j) => j.on(sql`r.id`, '=', sql`coalesce(o.region_id, d.region_id)`))
    .innerJoin('framework_versions as v', 'v.id', 's.framework_version_id')
    .select([
      's.id',
      's.framework_version_id',
      's.visit_type',
      sql<string>`to_char(s.visit_on, 'YYYY-MM-DD')`.as('visitOn'),
      's.status',
      's.published_at',
      'o.id as orgId',
      'o.code as orgCode',
      'o.name as orgName',
      'o.level as orgLevel',
      'd.code as parentCode',
      'g.code as grandparentCode',
      'r.code as regionCode',
      'v.framework_code',
      'v.version',
      'v.title',
      sql<number>`(select count(*)::int from site_visit_vendors x where x.site_visit_id = s.id)`.as('vendorCount'),
      sql<number>`(select count(*)::int from site_visit_ratings x where x.site_visit_id = s.id)`.as('ratedCount'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function assignedVendorIds(db: Db, visitId: number): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom('site_visit_vendors')
    .select('user_id')
    .where('site_visit_id', '=', visitId)
    .execute();
  return rows.map((r) => r.user_id);
}

function inScope(user: AuthUser, r: Row): boolean {
  return isOrgInScope(user.scope, {
    code: r.orgCode,
    ancestorCodes: [r.parentCode, r.grandparentCode].filter((c): c is string => c !== null),
    regionCode: r.regionCode,
  });
}

/** Who sees ratings: the state and the assigned vendors at once; the school side once the report is published. */
function ratingsVisible(user: AuthUser, r: Row, assigned: boolean): boolean {
  return isState(user) || (user.role === 'vendor' && assigned) || r.status === 'published';
}

function presentSummary(r: Row, f: StoredFramework, visible: boolean): SiteVisitSummary {
  return {
    id: r.id,
    org: { code: r.orgCode, name: r.orgName, level: r.orgLevel as OrgLevel },
    type: r.visit_type,
    visitOn: r.visitOn,
    status: r.status,
    framework: { code: r.framework_code, version: r.version, title: r.title },
    vendors: Number(r.vendorCount),
    indicators: indicatorsFor(f, 'school').length,
    rated: visible ? Number(r.ratedCount) : null,
    publishedAt: r.published_at?.toISOString() ?? null,
  };
}

/**
 * The site visits a user may see: vendors only those assigned to them; everyone else those of schools within
 * their scope. Latest visit first.
 */
export async function listSiteVisits(ctx: RequestContext, query: SiteVisitListQuery): Promise<SiteVisitList> {
  const user = ctx.user!;
  let q = baseQuery(ctx.db);
  if (user.role === 'vendor')
    q = q.where(
      's.id',
      'in',
      ctx.db.kysely.selectFrom('site_visit_vendors').select('site_visit_id').where('user_id', '=', user.id),
    );
  if (query.school) q = q.where('o.code', '=', normalizeOrgCode(query.school) ?? query.school);
  if (query.status) q = q.where('s.status', '=', query.status);
  const rows = await q.orderBy('s.visit_on', 'desc').orderBy('s.id', 'desc').execute();
  const items: SiteVisitSummary[] = [];
  for (const r of rows) {
    if (user.role !== 'vendor' && !inScope(user, r)) continue;
    items.push(
      presentSummary(
        r,
        await frameworkVersionById(ctx.db, r.framework_version_id),
        ratingsVisible(user, r, user.role === 'vendor'),
      ),
    );
  }
  return { items };
}

/** The visit, checked to be visible to the user: assigned (vendors) or in scope (others); 404 when unknown. */
async function requireVisit(ctx: RequestContext, id: number) {
  const user = ctx.user!;
  const row = await baseQuery(ctx.db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no site visit ${id}`);
  const vendors = await assignedVendorIds(ctx.db, id);
  const assigned = user.role === 'vendor' && vendors.includes(user.id);
  if (user.role === 'vendor' && !assigned) throw new AppError('forbidden', 'This site visit is not assigned to you');
  if (user.role !== 'vendor' && !inScope(user, row)) throw new AppError('out_of_scope');
  return { row, assigned, f: await frameworkVersionById(ctx.db, row.framework_version_id) };
}

async function loadVisit(ctx: RequestContext, id: number): Promise<SiteVisit> {
  const { row, assigned, f } = await requireVisit(ctx, id);
  const visible = ratingsVisible(ctx.user!, row, assigned);
  const [vendors, ratings, history] = await Promise.all([
    ctx.db.kysely
      .selectFrom('site_visit_vendors as x')
      .innerJoin('users as u', 'u.id', 'x.user_id')
      .select(['u.id', 'u.display_name', 'u.email'])
      .where('x.site_visit_id', '=', id)
      .orderBy('u.display_name')
      .execute(),
    visible
      ? ctx.db.kysely
          .selectFrom('site_visit_ratings')
          .select(['item_code', 'level_code', 'evidence', 'updated_at'])
          .where('site_visit_id', '=', id)
          .execute()
      : Promise.resolve([]),
    ctx.db.kysely
      .selectFrom('site_visit_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .select(['h.at', 'u.display_name', 'h.from_status', 'h.to_status', 'h.comment'])
      .where('h.site_visit_id', '=', id)
      .orderBy('h.id')
      .execute(),
  ]);
  const order = new Map(indicatorsFor(f, 'school').map((i, n) => [i.code, n]));
  return {
    ...presentSummary(row, f, visible),
    assignedVendors: vendors.map((v) => ({ userId: v.id, name: v.display_name, email: v.email })),
    levels: levelsFor(f.scale, 'school').map((l) => ({ ...l, forLevels: l.forLevels && [...l.forLevels] })),
    items: orderedItems(f.items).map((i) => ({ ...i, appliesTo: [...i.appliesTo] })),
    ratingsVisible: visible,
    ratings: ratings
      .map((r) => ({
        indicatorCode: r.item_code,
        level: r.level_code,
        evidence: r.evidence,
        updatedAt: r.updated_at.toISOString(),
      }))
      .sort((a, b) => (order.get(a.indicatorCode) ?? 0) - (order.get(b.indicatorCode) ?? 0)),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      by: h.display_name,
      from: h.from_status as SiteVisitStatus | null,
      to: h.to_status as SiteVisitStatus,
      comment: h.comment,
    })),
  };
}

/** A site visit with its vendors, rubric, ratings (when visible) and history: names people, so the read is audited. */
export async function getSiteVisit(ctx: RequestContext, id: number): Promise<SiteVisit> {
  const visit = await loadVisit(ctx, id);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'site_visit',
    resourceId: String(id),
    orgId: await orgIdOf(ctx, id),
  });
  return visit;
}

async function orgIdOf(ctx: RequestContext, id: number): Promise<number | null> {
  return (
    (await ctx.db.kysely.selectFrom('site_visits').select('org_id').where('id', '=', id).executeTakeFirst())?.org_id ??
    null
  );
}

/** Checks that every id is an active vendor user (400 naming the entry otherwise). */
/** The active site-visit vendors, by name: whom state staff may assign to a visit. */
export async function listVendorUsers(ctx: RequestContext): Promise<VendorList> {
  const rows = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'display_name', 'email'])
    .where('role', '=', 'vendor')
    .where('active', '=', true)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  await writeAudit(ctx, { action: 'read', resourceType: 'user_list', detail: { vendors: rows.map((r) => r.id) } });
  return { items: rows.map((r) => ({ userId: r.id, name: r.display_name, email: r.email })) };
}

async function checkVendors(ctx: RequestContext, ids: readonly number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const users = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'role', 'active'])
    .where('id', 'in', [...ids])
    .execute();
  ids.forEach((id, i) => {
    const u = users.find((x) => x.id === id);
    if (!u) throw new AppError('validation_failed', `There is no user ${id}`, `${field}.${i}`);
    if (u.role !== 'vendor' || !u.active)
      throw new AppError('validation_failed', `User ${id} is not an active site-visit vendor`, `${field}.${i}`);
  });
}

async function addHistory(
  ctx: RequestContext,
  visitId: number,
  from: SiteVisitStatus | null,
  to: SiteVisitStatus,
  comment: string,
): Promise<void> {
  await ctx.db.kysely
    .insertInto('site_visit_history')
    .values({
      site_visit_id: visitId,
      at: ctx.now,
      user_id: ctx.user?.id ?? null,
      from_status: from,
      to_status: to,
      comment,
    })
    .execute();
}

/** Schedules a monitoring or targeted site visit for a school on the current Turnaround Practices. Audited. */
export async function scheduleSiteVisit(ctx: RequestContext, body: NewSiteVisitBody): Promise<SiteVisit> {
  const code = normalizeOrgCode(body.schoolCode);
  const org = code
    ? await ctx.db.kysely
        .selectFrom('organizations')
        .select(['id', 'name', 'level'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!org) throw new AppError('validation_failed', `No organization has the code ${body.schoolCode}`, 'schoolCode');
  if (org.level !== 'school') throw new AppError('validation_failed', `${org.name} is not a school`, 'schoolCode');
  await checkVendors(ctx, body.vendorUserIds, 'vendorUserIds');
  const f = await requireCurrentVersion(ctx.db, SITE_VISIT_FRAMEWORK, 'site_visit');
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('site_visits')
      .values({
        org_id: org.id,
        framework_version_id: f.id,
        visit_type: body.type,
        visit_on: body.visitOn,
        created_by: ctx.user?.id ?? null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.vendorUserIds.length)
      await trx
        .insertInto('site_visit_vendors')
        .values(body.vendorUserIds.map((user_id) => ({ site_visit_id: row.id, user_id })))
        .execute();
    await trx
      .insertInto('site_visit_history')
      .values({
        site_visit_id: row.id,
        at: ctx.now,
        user_id: ctx.user?.id ?? null,
        from_status: null,
        to_status: 'scheduled',
        comment: '',
      })
      .execute();
    return row.id;
  });
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'site_visit',
    resourceId: String(id),
    orgId: org.id,
    detail: { type: body.type, visitOn: body.visitOn, vendorUserIds: body.vendorUserIds },
  });
  return loadVisit(ctx, id);
}

/** Replaces the vendors assigned to a visit (until it is submitted). Audited. */
export async function assignVendors(ctx: RequestContext, id: number, body: VendorsBody): Promise<SiteVisit> {
  const { row } = await requireVisit(ctx, id);
  if (row.status === 'submitted' || row.status === 'published')
    throw new AppError('conflict', `The vendors of a visit that is ${row.status} do not change`);
  await checkVendors(ctx, body.userIds, 'userIds');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('site_visit_vendors').where('site_visit_id', '=', id).execute();
    if (body.userIds.length)
      await trx
        .insertInto('site_visit_vendors')
        .values(body.userIds.map((user_id) => ({ site_visit_id: id, user_id })))
        .execute();
  });
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'site_visit_vendors',
    resourceId: String(id),
    orgId: row.orgId,
    detail: { userIds: body.userIds },
  });
  return loadVisit(ctx, id);
}

/** An assigned vendor records ratings per Turnaround Practice indicator with evidence, while the visit is in progress. Audited. */
export async function recordSiteVisitRatings(
  ctx: RequestContext,
  id: number,
  body: SiteVisitRatingsBody,
): Promise<SiteVisit> {
  const { row, f } = await requireVisit(ctx, id);
  if (row.status !== 'in_progress')
    throw new AppError(
      'conflict',
      row.status === 'scheduled'
        ? 'Ratings are recorded while the visit is in progress: start the visit first'
        : `Ratings are recorded while the visit is in progress; this one is ${row.status}`,
    );
  const codes = new Set(indicatorsFor(f, 'school').map((i) => i.code));
  const levels = new Set(levelsFor(f.scale, 'school').map((l) => l.code));
  const seen = new Set<string>();
  body.ratings.forEach((r, i) => {
    if (!codes.has(r.indicatorCode))
      throw new AppError(
        'validation_failed',
        `${r.indicatorCode} is not an indicator of ${f.title} version ${f.version}`,
        `ratings.${i}.indicatorCode`,
      );
    if (seen.has(r.indicatorCode))
      throw new AppError('validation_failed', `${r.indicatorCode} is rated twice`, `ratings.${i}.indicatorCode`);
    seen.add(r.indicatorCode);
    if (!levels.has(r.level))
      throw new AppError(
        'validation_failed',
        `${r.level} is not on the continuum; use one of ${[...levels].join(', ')}`,
        `ratings.${i}.level`,
      );
  });
  await ctx.db.kysely
    .insertInto('site_visit_ratings')
    .values(
      body.ratings.map((r) => ({
        site_visit_id: id,
        item_code: r.indicatorCode,
        level_code: r.level,
        evidence: r.evidence,
        rated_by: ctx.user?.id ?? null,
        updated_at: ctx.now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['site_visit_id', 'item_code']).doUpdateSet((eb) => ({
        level_code: eb.ref('excluded.level_code'),
        evidence: eb.ref('excluded.evidence'),
        rated_by: eb.ref('excluded.rated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await ctx.db.kysely.updateTable('site_visits').set({ updated_at: ctx.now }).where('id', '=', id).execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'site_visit_ratings',
    resourceId: String(id),
    orgId: row.orgId,
    detail: { ratings: body.ratings.map((r) => `${r.indicatorCode}=${r.level}`) },
  });
  return loadVisit(ctx, id);
}

/**
 * Moves a visit through its workflow: start, submit (every indicator rated), return to the vendor with a comment,
 * or publish. The wrong actor is refused (403), the wrong state too (409), each with a sentence. Every transition
 * is kept in the visit's history and audited.
 */
export async function transitionSiteVisit(
  ctx: RequestContext,
  id: number,
  body: SiteVisitTransitionBody,
): Promise<SiteVisit> {
  const { row, assigned, f } = await requireVisit(ctx, id);
  const actor: SiteVisitActor | null = isState(ctx.user) ? 'state' : assigned ? 'assigned_vendor' : null;
  if (!actor) throw new AppError('forbidden', 'Only state staff or an assigned vendor may move a site visit');
  const check = checkSiteVisitTransition(row.status, body.action, actor);
  if (!check.ok) throw new AppError(check.reason === 'who' ? 'forbidden' : 'conflict', check.message);
  if (body.action === 'return' && body.comment === '')
    throw new AppError('validation_failed', 'Say what the vendor should change when returning a visit', 'comment');
  if (body.action === 'submit') {
    const rated = new Set(
      (
        await ctx.db.kysely
          .selectFrom('site_visit_ratings')
          .select('item_code')
          .where('site_visit_id', '=', id)
          .execute()
      ).map((r) => r.item_code),
    );
    const missing: FrameworkItem[] = indicatorsFor(f, 'school').filter((i) => !rated.has(i.code));
    if (missing.length)
      throw new AppError(
        'conflict',
        `Rate every indicator before submitting; ${missing.length} not rated: ${missing.map((i) => `${i.code} ${i.title}`).join('; ')}`,
      );
  }
  const from = row.status;
  const to = check.to;
  const updated = await ctx.db.kysely
    .updateTable('site_visits')
    .set({ status: to, updated_at: ctx.now, ...(to === 'published' ? { published_at: ctx.now } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('conflict', 'The site visit changed meanwhile; reload and try again');
  await addHistory(ctx, id, from, to, body.comment);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'site_visit',
    resourceId: String(id),
    orgId: row.orgId,
    detail: { action: body.action, from, to, comment: body.comment },
  });
  return loadVisit(ctx, id);
}

/**
 * The formative feedback report of a published visit as a PDF, for the school, its district, its region and the
 * state. Refused (409) until the state has published it. Audited as an export.
 */
export async function siteVisitReportPdf(ctx: RequestContext, id: number): Promise<{ pdf: Buffer; fileName: string }> {
  const visit = await loadVisit(ctx, id);
  if (visit.status !== 'published')
    throw new AppError(
      'conflict',
      `The feedback report is available once the state has reviewed and published the visit; this visit is ${visit.status.replace('_', ' ')}`,
    );
  const pdf = await renderSiteVisitPdf(visit, {
    generatedAt: ctx.now,
    generatedBy: ctx.user ? `${ctx.user.displayName} (${ctx.user.email})` : 'ssos',
  });
  await writeAudit(ctx, {
    action: 'export',
    resourceType: 'site_visit',
    resourceId: String(id),
    orgId: await orgIdOf(ctx, id),
    detail: { format: 'pdf' },
  });
  return { pdf, fileName: `site-visit-feedback-${visit.org.code}-${visit.visitOn}.pdf` };
}

/** Trends per Turnaround Practice across a school's published visits (mean indicator score per practice per visit). */
export async function siteVisitTrends(ctx: RequestContext, code: string): Promise<SiteVisitTrends> {
  const org = await requireOrgInScope(ctx, code);
  if (org.level !== 'school') throw new AppError('validation_failed', `${org.name} is not a school`, 'code');
  const visits = await ctx.db.kysely
    .selectFrom('site_visits')
    .select(['id', 'visit_type', sql<string>`to_char(visit_on, 'YYYY-MM-DD')`.as('visitOn'), 'framework_version_id'])
    .where('org_id', '=', org.id)
    .where('status', '=', 'published')
    .orderBy('visit_on')
    .execute();
  const ratings = visits.length
    ? await ctx.db.kysely
        .selectFrom('site_visit_ratings')
        .select(['site_visit_id', 'item_code', 'level_code'])
        .where(
          'site_visit_id',
          'in',
          visits.map((v) => v.id),
        )
        .execute()
    : [];
  // Items of every version used, the latest wording winning: indicator codes keep their practice across versions.
  const versions = await Promise.all(visits.map((v) => frameworkVersionById(ctx.db, v.framework_version_id)));
  const latest = versions.at(-1) ?? (await requireCurrentVersion(ctx.db, SITE_VISIT_FRAMEWORK, 'site_visit'));
  const items = new Map<string, FrameworkItem>();
  for (const v of [...versions, latest]) for (const i of v.items) items.set(i.code, i);
  const trends = computePracticeTrends(
    latest.scale,
    [...items.values()],
    visits.map((v) => ({
      visitId: v.id,
      visitedOn: v.visitOn,
      type: v.visit_type,
      ratings: new Map(ratings.filter((r) => r.site_visit_id === v.id).map((r) => [r.item_code, r.level_code])),
    })),
  );
  return {
    org: { code: org.code, name: org.name, level: org.level },
    framework: SITE_VISIT_FRAMEWORK,
    levels: levelsFor(latest.scale, 'school').map((l) => ({ ...l, forLevels: l.forLevels && [...l.forLevels] })),
    visits: visits.length,
    practices: trends.map((t) => ({ ...t, title: items.get(t.practiceCode)?.title ?? t.practiceCode })),
  };
}
