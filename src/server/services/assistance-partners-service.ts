import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import {
  defaultSuggestionSettings,
  planStrategies,
  suggestPartners,
  type NeedArea,
  type PartnerProfile,
} from '../../core/assistance/partners.ts';
import { frameworkCodes, type FrameworkCode } from '../../core/assistance/vocabulary.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import type {
  Partner,
  PartnerBody,
  PartnerList,
  PartnerQuery,
  PartnerSuggestions,
} from '../api/assistance-partners.ts';
import { currentPlans, planBlocks, resolveOrg } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';

function partnerQuery(ctx: RequestContext) {
  return ctx.db.kysely
    .selectFrom('assistance_partners')
    .select([
      'id',
      'name',
      'description',
      'services',
      'framework_codes',
      'region_codes',
      'status',
      sql<string | null>`to_char(approved_on, 'YYYY-MM-DD')`.as('approved_on'),
      'website',
    ]);
}
type PartnerRow = Awaited<ReturnType<ReturnType<typeof partnerQuery>['execute']>>[number];

async function present(ctx: RequestContext, rows: readonly PartnerRow[]): Promise<Partner[]> {
  const codes = [...new Set(rows.flatMap((r) => r.region_codes))];
  const regions =
    codes.length === 0
      ? []
      : await ctx.db.kysely.selectFrom('organizations').select(['code', 'name']).where('code', 'in', codes).execute();
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    services: r.services,
    frameworkCodes: r.framework_codes.map((code) => ({ code, title: frameworkCodes[code as FrameworkCode] ?? code })),
    regions: r.region_codes.map((code) => ({ code, name: regionName.get(code) ?? code, level: 'region' as const })),
    status: r.status,
    approvedOn: r.approved_on,
    website: r.website,
  }));
}

/** The partner catalog, filtered by region (statewide partners included), Condition/Practice and status. */
export async function listPartners(ctx: RequestContext, query: PartnerQuery): Promise<PartnerList> {
  let q = partnerQuery(ctx);
  if (query.region)
    q = q.where((eb) =>
      eb.or([eb(sql`cardinality(region_codes)`, '=', 0), eb(sql`${query.region}`, '=', sql`any(region_codes)`)]),
    );
  if (query.code) q = q.where(sql`${query.code}`, '=', sql`any(framework_codes)`);
  if (query.status) q = q.where('status', '=', query.status);
  return { items: await present(ctx, await q.orderBy(sql`lower(name)`).execute()) };
}

async function checkRegions(ctx: RequestContext, codes: readonly string[]): Promise<string[]> {
  for (const code of codes) await resolveOrg(ctx.db, code, 'regionCodes', ['region']);
  return [...new Set(codes)];
}

function values(body: PartnerBody, regionCodes: string[]) {
  return {
    name: body.name,
    description: body.description,
    services: body.services,
    framework_codes: [...new Set(body.frameworkCodes)],
    region_codes: regionCodes,
    status: body.status,
    approved_on: body.approvedOn,
    website: body.website,
  };
}

const duplicate = (name: string) => new AppError('conflict', `A partner is named "${name}" already`);

/** Adds a partner to the catalog. Audited. */
export async function createPartner(ctx: RequestContext, body: PartnerBody): Promise<Partner> {
  const regionCodes = await checkRegions(ctx, body.regionCodes);
  let id: number;
  try {
    id = (
      await ctx.db.kysely
        .insertInto('assistance_partners')
        .values({ ...values(body, regionCodes), created_by: ctx.user?.id ?? null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(body.name);
    throw err;
  }
  await writeAudit(ctx, { action: 'create', resourceType: 'assistance_partner', resourceId: String(id), detail: body });
  return (await present(ctx, [(await partnerQuery(ctx).where('id', '=', id).executeTakeFirst())!]))[0]!;
}

/** Changes a partner (status, approval, what it addresses...). Audited. */
export async function changePartner(ctx: RequestContext, id: number, body: PartnerBody): Promise<Partner> {
  const before = await partnerQuery(ctx).where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', `There is no partner ${id}`);
  const regionCodes = await checkRegions(ctx, body.regionCodes);
  try {
    await ctx.db.kysely
      .updateTable('assistance_partners')
      .set({ ...values(body, regionCodes), updated_at: ctx.now })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(body.name);
    throw err;
  }
  await writeAudit(ctx, { action: 'update', resourceType: 'assistance_partner', resourceId: String(id), detail: body });
  return (await present(ctx, [(await partnerQuery(ctx).where('id', '=', id).executeTakeFirst())!]))[0]!;
}

/**
 * Partners suggested for a school (or district): its latest completed self-assessment on the Conditions for School
 * Effectiveness gives the needs (consensus ratings at or below the threshold; "unknown" is no rating), its latest
 * plan the Turnaround Practices it writes strategies for, and the vetted partners serving its region that address
 * them are ranked by core/assistance/partners.ts. Condition item `C4` of the framework library is `cse-4` here. The
 * route has checked the scope.
 */
export async function partnerSuggestions(ctx: RequestContext, code: string): Promise<PartnerSuggestions> {
  const org = await resolveOrg(ctx.db, code, 'code', ['school', 'district']);
  const k = ctx.db.kysely;
  const assessment = await k
    .selectFrom('self_assessments as a')
    .innerJoin('framework_versions as v', 'v.id', 'a.framework_version_id')
    .select(['a.id', 'a.period', 'a.completed_at', 'v.scale', 'v.id as version_id'])
    .where('a.org_id', '=', org.id)
    .where('a.framework_code', '=', 'CSE')
    .where('a.status', '=', 'completed')
    .orderBy('a.completed_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const settings = defaultSuggestionSettings;
  const needs: NeedArea[] = [];
  if (assessment) {
    const scale = (typeof assessment.scale === 'string' ? JSON.parse(assessment.scale) : assessment.scale) as {
      levels?: { code: string; label: string; score: number | null }[];
    };
    const levels = new Map((scale.levels ?? []).map((l) => [l.code, l]));
    const ratings = await k
      .selectFrom('self_assessment_consensus')
      .select(['item_code', 'level_code'])
      .where('self_assessment_id', '=', assessment.id)
      .execute();
    for (const r of ratings) {
      const m = /^C(\d{1,2})$/.exec(r.item_code);
      const level = levels.get(r.level_code);
      const needCode = m ? `cse-${Number(m[1])}` : null;
      if (!needCode || !(needCode in frameworkCodes) || !level || typeof level.score !== 'number') continue;
      needs.push({
        code: needCode,
        title: `Condition ${Number(m![1])} (${frameworkCodes[needCode as FrameworkCode]})`,
        score: level.score,
        label: level.label,
        source: `self-assessment ${assessment.period}`,
      });
    }
  }
  const plan = (await currentPlans(ctx.db, { orgId: org.id })).get(org.id) ?? null;
  const strategies = plan
    ? planStrategies({
        title: plan.row.title,
        startYear: plan.row.start_year,
        endYear: plan.row.end_year,
        blocks: planBlocks(plan.row),
      })
    : [];
  const rows = await partnerQuery(ctx).where('status', '=', 'vetted').execute();
  const profiles: (PartnerProfile & { row: PartnerRow })[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    frameworkCodes: row.framework_codes,
    regionCodes: row.region_codes,
    row,
  }));
  const suggestions = suggestPartners(profiles, needs, org.region?.code ?? null, settings, strategies);
  const presented = await present(
    ctx,
    suggestions.map((s) => s.partner.row),
  );
  return {
    org: { code: org.code, name: org.name, level: org.level },
    selfAssessment: assessment
      ? {
          id: assessment.id,
          period: assessment.period,
          completedAt: assessment.completed_at ? new Date(assessment.completed_at).toISOString() : null,
        }
      : null,
    plan: plan
      ? {
          id: plan.summary.id,
          title: plan.summary.title,
          kind: plan.summary.kind,
          status: plan.summary.status,
          startYear: plan.summary.startYear,
          endYear: plan.summary.endYear,
        }
      : null,
    strategies: strategies.map(({ code, title }) => ({ code, title })),
    maxScore: settings.maxScore,
    needs: needs
      .filter((n) => n.score <= settings.maxScore)
      .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code, 'en', { numeric: true }))
      .map(({ code, title, score, label }) => ({ code, title, score, label })),
    items: suggestions.map((s, i) => ({
      partner: presented[i]!,
      matches: s.matches.map((m) => m.code),
      strategies: s.strategies.map((st) => st.code),
      reason: s.reason,
    })),
  };
}
