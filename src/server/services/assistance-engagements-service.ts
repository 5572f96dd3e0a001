import { AppError } from '../../core/errors.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import {
  engagementTypeLabels,
  frameworkCodes,
  type EngagementType,
  type FrameworkCode,
} from '../../core/assistance/vocabulary.ts';
import type { RequestContext } from '../context.ts';
import { subtreeIds } from '../db/repositories/org-repository.ts';
import {
  deleteEngagement,
  findEngagement,
  findPlacedOrg,
  findPlacedOrgsById,
  insertEngagement,
  listEngagements,
  listStaff,
  updateEngagement,
  type EngagementRow,
  type EngagementValues,
  type PlacedOrg,
} from '../db/repositories/assistance-repository.ts';
import type { Engagement, EngagementBody, EngagementTimeline, EngagementTimelineQuery } from '../api/assistance.ts';
import { assertOrgInScope, resolveOrg } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';
import { tableCsv } from './table-export.ts';

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

function present(r: EngagementRow, org: PlacedOrg): Engagement {
  const participants = (typeof r.participants === 'string' ? JSON.parse(r.participants) : r.participants) as {
    name: string;
    role: string;
  }[];
  return {
    id: r.id,
    org: { code: org.code, name: org.name, level: org.level },
    district: org.district ? { code: org.district.code, name: org.district.name, level: 'district' } : null,
    type: r.engagement_type as EngagementType,
    typeLabel: engagementTypeLabels[r.engagement_type as EngagementType],
    occurredOn: r.occurred_on,
    staff: r.staff.map((s) => ({ ...s, teamRole: s.teamRole as Engagement['staff'][number]['teamRole'] })),
    participants,
    frameworkCodes: (r.framework_codes as FrameworkCode[]).map((code) => ({ code, title: frameworkCodes[code] })),
    notes: r.notes,
    nextSteps: r.next_steps,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/**
 * Checks and resolves what a user writes: the organization (a school or district within their scope), a date not
 * after today (the log records what was done), and team members of the organization's region.
 */
async function resolveValues(
  ctx: RequestContext,
  body: EngagementBody,
): Promise<{ org: PlacedOrg; values: EngagementValues }> {
  const org = await resolveOrg(ctx.db, body.orgCode, 'orgCode', ['school', 'district']);
  assertOrgInScope(ctx, org);
  if (body.occurredOn > isoDay(ctx.now))
    throw new AppError(
      'validation_failed',
      `The engagement date ${body.occurredOn} is after today: the log records engagements that took place`,
      'occurredOn',
    );
  for (const staffId of new Set(body.staffIds)) {
    const [staff] = await listStaff(ctx.db.kysely, { id: staffId });
    if (!staff) throw new AppError('validation_failed', `There is no team member ${staffId}`, 'staffIds');
    if (!staff.active)
      throw new AppError('validation_failed', `${staff.displayName} is no longer an active team member`, 'staffIds');
    if (org.region && staff.regionId !== org.region.id)
      throw new AppError(
        'validation_failed',
        `${staff.displayName} is on the ${staff.regionName}, not the team of ${org.name}'s region`,
        'staffIds',
      );
  }
  return {
    org,
    values: {
      orgId: org.id,
      type: body.type,
      occurredOn: body.occurredOn,
      staffIds: body.staffIds,
      participants: body.participants,
      frameworkCodes: [...new Set(body.frameworkCodes)],
      notes: body.notes,
      nextSteps: body.nextSteps,
    },
  };
}

/** An engagement the user may see: 404 when there is none, 403 when its organization is outside their scope. */
async function engagementInScope(ctx: RequestContext, id: number): Promise<{ row: EngagementRow; org: PlacedOrg }> {
  const row = await findEngagement(ctx.db.kysely, id);
  if (!row) throw new AppError('not_found', `There is no engagement ${id}`);
  const [org] = await findPlacedOrgsById(ctx.db.kysely, [row.org_id]);
  assertOrgInScope(ctx, org!);
  return { row, org: org! };
}

/** Records an engagement (person-level: it names participants). Audited. */
export async function logEngagement(ctx: RequestContext, body: EngagementBody): Promise<Engagement> {
  const { org, values } = await resolveValues(ctx, body);
  const id = await ctx.db.kysely.transaction().execute((trx) => insertEngagement(trx, values, ctx.user?.id ?? null));
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'assistance_engagement',
    resourceId: String(id),
    orgId: org.id,
    detail: { type: body.type, occurredOn: body.occurredOn, participants: body.participants.length },
  });
  return present((await findEngagement(ctx.db.kysely, id))!, org);
}

/** One engagement, for users whose scope holds its organization. Audited (it names participants). */
export async function getEngagement(ctx: RequestContext, id: number): Promise<Engagement> {
  const { row, org } = await engagementInScope(ctx, id);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'assistance_engagement',
    resourceId: String(id),
    orgId: org.id,
  });
  return present(row, org);
}

/** Replaces an engagement's record; the old and the new organization must both lie in the user's scope. Audited. */
export async function changeEngagement(ctx: RequestContext, id: number, body: EngagementBody): Promise<Engagement> {
  await engagementInScope(ctx, id);
  const { org, values } = await resolveValues(ctx, body);
  await ctx.db.kysely.transaction().execute((trx) => updateEngagement(trx, id, values, ctx.now));
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'assistance_engagement',
    resourceId: String(id),
    orgId: org.id,
    detail: { type: body.type, occurredOn: body.occurredOn, participants: body.participants.length },
  });
  return present((await findEngagement(ctx.db.kysely, id))!, org);
}

/** Deletes an engagement recorded by mistake. Audited. */
export async function removeEngagement(ctx: RequestContext, id: number): Promise<void> {
  const { row, org } = await engagementInScope(ctx, id);
  await deleteEngagement(ctx.db.kysely, id);
  await writeAudit(ctx, {
    action: 'delete',
    resourceType: 'assistance_engagement',
    resourceId: String(id),
    orgId: org.id,
    detail: { type: row.engagement_type, occurredOn: row.occurred_on },
  });
}

/**
 * The engagement timeline of an organization: its own engagements and those of every organization under it (a
 * district's schools; a region's districts and schools), latest first. The route has checked the scope. Audited
 * as a read, or as an export for CSV.
 */
export async function engagementTimeline(
  ctx: RequestContext,
  code: string,
  query: EngagementTimelineQuery,
): Promise<EngagementTimeline> {
  if (query.from && query.to && query.from > query.to)
    throw new AppError('validation_failed', 'The start date must not be after the end date', 'from');
  const root = await findPlacedOrg(ctx.db.kysely, code);
  if (!root) throw new AppError('not_found', `No organization has the code ${code}`);
  const ids = (await subtreeIds(ctx.db.kysely, root.id).execute()).map((r) => r.id);
  // The CSV export holds every match (up to a bound no timeline reaches); JSON comes a page at a time.
  const page = query.format === 'csv' ? { limit: 100_000, offset: 0 } : { limit: query.limit, offset: query.offset };
  const { rows, total } = await listEngagements(ctx.db.kysely, {
    orgIds: ids,
    from: query.from,
    to: query.to,
    type: query.type,
    ...page,
  });
  const orgs = new Map(
    (await findPlacedOrgsById(ctx.db.kysely, [...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o]),
  );
  await writeAudit(ctx, {
    action: query.format === 'csv' ? 'export' : 'read',
    resourceType: 'assistance_engagement_timeline',
    resourceId: root.code,
    orgId: root.id,
    detail: { from: query.from ?? null, to: query.to ?? null, type: query.type ?? null, returned: rows.length },
  });
  return {
    org: { code: root.code, name: root.name, level: root.level },
    total,
    items: rows.map((r) => present(r, orgs.get(r.org_id)!)),
  };
}

/** The columns of the engagement export, in order. */
export const engagementColumns = [
  'Date',
  'Organization code',
  'Organization',
  'District',
  'Type',
  'Staff',
  'Participants',
  'Conditions / Practices',
  'Notes',
  'Next steps',
] as const;

/** The timeline as CSV: one line per engagement; lists joined with semicolons. */
export function engagementsCsv(items: readonly Engagement[]): string {
  return tableCsv(
    engagementColumns,
    items.map((e) => [
      e.occurredOn,
      e.org.code,
      e.org.name,
      e.district?.name ?? '',
      e.typeLabel,
      e.staff.map((s) => s.displayName).join('; '),
      e.participants.map((p) => `${p.name} (${p.role})`).join('; '),
      e.frameworkCodes.map((f) => f.code).join('; '),
      e.notes,
      e.nextSteps,
    ]),
  );
}
