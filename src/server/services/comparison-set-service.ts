import { AppError } from '../../core/errors.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import type { RequestContext } from '../context.ts';
import type { ComparisonSet, ComparisonSetBody } from '../api/dart.ts';
import { writeAudit } from './audit-service.ts';

interface OrgLite {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
}

async function orgsByCode(ctx: RequestContext, codes: string[]): Promise<Map<string, OrgLite>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, { ...r, level: r.level as OrgLevel }]));
}

function requireUser(ctx: RequestContext) {
  if (!ctx.user) throw new AppError('not_signed_in', 'Sign in to keep comparison sets');
  return ctx.user;
}

async function presentSets(
  ctx: RequestContext,
  rows: { id: number; org_id: number; name: string; member_ids: number[]; updated_at: Date | string }[],
): Promise<ComparisonSet[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.org_id, ...r.member_ids]))];
  const orgs =
    ids.length === 0
      ? []
      : await ctx.db.kysely
          .selectFrom('organizations')
          .select(['id', 'code', 'name', 'level'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(orgs.map((o) => [o.id, { code: o.code, name: o.name, level: o.level as OrgLevel }]));
  return rows.map((r) => ({
    id: r.id,
    org: byId.get(r.org_id)!,
    name: r.name,
    members: r.member_ids.map((id) => byId.get(id)!).filter(Boolean),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** The signed-in user's own comparison sets, for one organization or all. */
export async function listComparisonSets(ctx: RequestContext, rawOrg?: string): Promise<ComparisonSet[]> {
  const user = requireUser(ctx);
  let q = ctx.db.kysely
    .selectFrom('comparison_sets')
    .select(['id', 'org_id', 'name', 'member_ids', 'updated_at'])
    .where('user_id', '=', user.id);
  if (rawOrg) {
    const code = normalizeOrgCode(rawOrg);
    const org = code ? (await orgsByCode(ctx, [code])).get(code) : undefined;
    if (!org) throw new AppError('not_found', `No organization has the code ${rawOrg}`);
    q = q.where('org_id', '=', org.id);
  }
  return presentSets(ctx, await q.orderBy('name').orderBy('id').execute());
}

/**
 * Saves a comparison set: up to 10 organizations of the same level as the one compared, not itself. A set of the
 * same name for the same organization is replaced.
 */
export async function saveComparisonSet(ctx: RequestContext, body: ComparisonSetBody): Promise<ComparisonSet> {
  const user = requireUser(ctx);
  const orgCode = normalizeOrgCode(body.orgCode);
  const memberCodes = body.members.map((raw, i) => {
    const code = normalizeOrgCode(raw);
    if (!code)
      throw new AppError('validation_failed', `members.${i}: ${raw} is not an organization code`, `members.${i}`);
    return code;
  });
  const found = await orgsByCode(ctx, [...(orgCode ? [orgCode] : []), ...memberCodes]);
  const org = orgCode ? found.get(orgCode) : undefined;
  if (!org) throw new AppError('validation_failed', `orgCode: no organization has the code ${body.orgCode}`, 'orgCode');
  if (org.level !== 'district' && org.level !== 'school')
    throw new AppError('validation_failed', `orgCode: ${org.name} is not a district or school`, 'orgCode');
  const seen = new Set<number>();
  const memberIds = memberCodes.map((code, i) => {
    const m = found.get(code);
    if (!m)
      throw new AppError(
        'validation_failed',
        `members.${i}: no organization has the code ${body.members[i]}`,
        `members.${i}`,
      );
    if (m.level !== org.level)
      throw new AppError(
        'validation_failed',
        `members.${i}: ${m.name} is a ${m.level}, not a ${org.level}`,
        `members.${i}`,
      );
    if (m.id === org.id)
      throw new AppError('validation_failed', `members.${i}: ${m.name} is the organization compared`, `members.${i}`);
    if (seen.has(m.id))
      throw new AppError('validation_failed', `members.${i}: ${m.name} is listed twice`, `members.${i}`);
    seen.add(m.id);
    return m.id;
  });
  const row = await ctx.db.kysely
    .insertInto('comparison_sets')
    .values({
      user_id: user.id,
      org_id: org.id,
      name: body.name,
      member_ids: memberIds,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.constraint('comparison_sets_name_unique').doUpdateSet({ member_ids: memberIds, updated_at: ctx.now }),
    )
    .returning(['id', 'org_id', 'name', 'member_ids', 'updated_at'])
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'comparison_set',
    resourceId: String(row.id),
    orgId: org.id,
    detail: { name: body.name, members: memberCodes },
  });
  return (await presentSets(ctx, [row]))[0]!;
}

/** Deletes one of the user's own comparison sets (another user's set is not found). */
export async function deleteComparisonSet(ctx: RequestContext, id: number): Promise<void> {
  const user = requireUser(ctx);
  const deleted = await ctx.db.kysely
    .deleteFrom('comparison_sets')
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .returning(['id', 'org_id'])
    .executeTakeFirst();
  if (!deleted) throw new AppError('not_found', `You have no comparison set ${id}`);
  await writeAudit(ctx, {
    action: 'delete',
    resourceType: 'comparison_set',
    resourceId: String(id),
    orgId: deleted.org_id,
  });
}
