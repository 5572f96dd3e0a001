import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import {
  orderPairings,
  pairingReason,
  pairingStatusLabels,
  type PairingCandidate,
  type PairingStatus,
} from '../../core/assistance/recognition.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import { findPlacedOrgsById, type PlacedOrg } from '../db/repositories/assistance-repository.ts';
import type {
  Pairing,
  PairingBody,
  PairingList,
  PairingUpdateBody,
  RecognitionOverview,
  RecognitionQuery,
} from '../api/assistance-recognition.ts';
import { latestOfficialRun } from './accountability-service.ts';
import { assertRegionAccess, orgInScope, refuseDuplicate, resolveOrg, seesAllRegions } from './assistance-service.ts';
import { REQUIRING_ASSISTANCE } from './assistance-teams-service.ts';
import { writeAudit } from './audit-service.ts';
import { comparableDistancesTo } from './dart-service.ts';

/**
 * Recognition in practice (docs/assistance.md): the schools of recognition (commended schools) of the latest
 * official accountability run are demonstration sites; for each, the schools requiring assistance of the same
 * school type are suggested as partners, nearest first by the DART's comparability, with the reason; pairings are
 * recorded by state staff or the regional staff of the partner school's region.
 */

const METHOD =
  "Demonstration sites are the schools of recognition (or commended schools) of the latest official accountability run. Suggested partners are the schools it classifies as requiring assistance, of the same school type, ordered by the DART's comparability: the weighted root-mean-square of standardized differences in enrollment characteristics (about how many standard deviations apart two schools are on average).";

const ref = (o: PlacedOrg) => ({ code: o.code, name: o.name, level: o.level });
const districtRef = (o: PlacedOrg) =>
  o.district ? { code: o.district.code, name: o.district.name, level: 'district' as const } : null;
const regionRef = (o: PlacedOrg) =>
  o.region ? { code: o.region.code, name: o.region.name, level: 'region' as const } : null;

/** The schools of recognition of a run with why, and its open schools requiring assistance, placed. */
async function schoolsOfRun(ctx: RequestContext, runId: number) {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom('accountability_results as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select([
      'o.id',
      'r.classification',
      'r.category',
      'r.reason',
      'r.percentile',
      sql<boolean>`coalesce((r.report -> 'classification' ->> 'schoolOfRecognition') = 'true', false) or coalesce(r.category like 'Commendation School%', false)`.as(
        'recognized',
      ),
    ])
    .where('r.run_id', '=', runId)
    .where('o.level', '=', 'school')
    .where('o.closed_year', 'is', null)
    .execute();
  const placed = new Map(
    (
      await findPlacedOrgsById(
        db,
        rows.map((r) => r.id),
      )
    ).map((o) => [o.id, o] as const),
  );
  const byCode = (a: { org: PlacedOrg }, b: { org: PlacedOrg }) => (a.org.code < b.org.code ? -1 : 1);
  return {
    recognized: rows
      .filter((r) => r.recognized)
      .map((r) => ({
        org: placed.get(r.id)!,
        recognition:
          r.category?.startsWith('Commendation School') === true ? r.category : (r.reason ?? 'School of recognition'),
        percentile: r.percentile,
      }))
      .sort(byCode),
    requiring: rows
      .filter((r) => r.classification === REQUIRING_ASSISTANCE)
      .map((r) => ({ org: placed.get(r.id)!, support: r.category, percentile: r.percentile }))
      .sort(byCode),
  };
}

function pairingQuery(ctx: RequestContext) {
  return ctx.db.kysely
    .selectFrom('recognition_pairings')
    .select([
      'id',
      'demonstration_org_id',
      'partner_org_id',
      sql<string>`to_char(paired_on, 'YYYY-MM-DD')`.as('paired_on'),
      'focus',
      'status',
      'notes',
    ]);
}
type PairingRow = Awaited<ReturnType<ReturnType<typeof pairingQuery>['execute']>>[number];

/** Whether the user records and changes pairings for this partner school: state staff, or its region's staff. */
function mayChange(user: AuthUser | null, partner: PlacedOrg): boolean {
  if (seesAllRegions(user)) return true;
  return user?.role === 'regional_staff' && partner.region?.code === user.scope.orgCode;
}

/** The pairings the caller's scope holds (either school in it), presented, latest first. */
async function presentPairings(ctx: RequestContext, rows: readonly PairingRow[]): Promise<Pairing[]> {
  const orgs = new Map(
    (
      await findPlacedOrgsById(ctx.db.kysely, [
        ...new Set(rows.flatMap((r) => [r.demonstration_org_id, r.partner_org_id])),
      ])
    ).map((o) => [o.id, o] as const),
  );
  const user = ctx.user;
  return rows
    .map((r) => ({ r, demo: orgs.get(r.demonstration_org_id)!, partner: orgs.get(r.partner_org_id)! }))
    .filter(({ demo, partner }) => user !== null && (orgInScope(user, demo) || orgInScope(user, partner)))
    .sort((a, b) => (a.r.paired_on < b.r.paired_on ? 1 : a.r.paired_on > b.r.paired_on ? -1 : b.r.id - a.r.id))
    .map(({ r, demo, partner }) => ({
      id: r.id,
      demonstration: ref(demo),
      partner: ref(partner),
      partnerDistrict: districtRef(partner),
      partnerRegion: regionRef(partner),
      pairedOn: r.paired_on,
      focus: r.focus,
      status: r.status,
      statusLabel: pairingStatusLabels[r.status],
      notes: r.notes,
      canChange: mayChange(user, partner),
    }));
}

/**
 * The demonstration sites of the latest official run, each with the schools requiring assistance suggested as
 * partners (of a region: regional staff always their own), nearest first with the reason, and its pairings.
 */
export async function recognitionOverview(ctx: RequestContext, query: RecognitionQuery): Promise<RecognitionOverview> {
  const wanted = query.region ?? (seesAllRegions(ctx.user) ? undefined : (ctx.user?.scope.orgCode ?? undefined));
  const region = wanted === undefined ? null : await resolveOrg(ctx.db, wanted, 'region', ['region']);
  if (region) assertRegionAccess(ctx, region.code);
  const run = await latestOfficialRun(ctx.db);
  if (!run) return { run: null, region: region ? ref(region) : null, method: METHOD, items: [] };
  const { recognized, requiring } = await schoolsOfRun(ctx, run.id);
  const partners = requiring.filter((p) => region === null || p.org.region?.code === region.code);
  const pairings = await presentPairings(ctx, await pairingQuery(ctx).execute());
  const items: RecognitionOverview['items'] = [];
  for (const site of recognized) {
    const compared = await comparableDistancesTo(
      ctx,
      site.org.code,
      partners.map((p) => p.org.code),
    );
    const candidates = compared.items.map((d) => {
      const p = partners.find((x) => x.org.code === d.code)!;
      const candidate: PairingCandidate = {
        orgCode: d.code,
        distance: d.distance,
        characteristics: d.contributions.map((c) => ({
          label: c.label,
          demonstrationValue: c.targetValue,
          partnerValue: c.value,
          share: c.share,
        })),
        support: p.support,
        percentile: p.percentile,
      };
      return { candidate, partner: p };
    });
    const ordered = orderPairings(
      candidates.map((c) => ({ ...c, orgCode: c.candidate.orgCode, distance: c.candidate.distance })),
    );
    const sitePairings = pairings.filter((x) => x.demonstration.code === site.org.code);
    items.push({
      org: ref(site.org),
      district: districtRef(site.org),
      region: regionRef(site.org),
      recognition: site.recognition,
      percentile: site.percentile,
      schoolType: compared.group,
      comparisonYear: compared.year,
      suggestions: ordered.slice(0, query.limit).map(({ candidate, partner }) => {
        const open = sitePairings.find(
          (x) => x.partner.code === partner.org.code && (x.status === 'proposed' || x.status === 'active'),
        );
        return {
          org: ref(partner.org),
          district: districtRef(partner.org),
          region: regionRef(partner.org),
          distance: candidate.distance,
          characteristics: [...candidate.characteristics],
          support: candidate.support,
          percentile: candidate.percentile,
          reason: pairingReason(candidate, compared.group),
          pairing: open ? { id: open.id, status: open.status } : null,
        };
      }),
      notCompared: compared.notCompared.length,
      pairings: sitePairings,
    });
  }
  return { run: { id: run.id, year: run.school_year }, region: region ? ref(region) : null, method: METHOD, items };
}

/** The recorded pairings in the caller's scope (either school), latest first. */
export async function listPairings(ctx: RequestContext): Promise<PairingList> {
  return { items: await presentPairings(ctx, await pairingQuery(ctx).execute()) };
}

/** Refuses (403) a caller who may not record pairings for this partner school. */
function assertMayChange(ctx: RequestContext, partner: PlacedOrg): void {
  if (!mayChange(ctx.user, partner))
    throw new AppError(
      'out_of_scope',
      "Pairings are recorded by state staff or the regional staff of the partner school's region",
    );
}

/**
 * Records a pairing of a demonstration site (a school of recognition of the latest official run; 400 otherwise)
 * with a school requiring assistance (400 otherwise). The same two schools are paired once at a time (409).
 * Audited.
 */
export async function createPairing(ctx: RequestContext, body: PairingBody): Promise<Pairing> {
  const demo = await resolveOrg(ctx.db, body.demonstrationCode, 'demonstrationCode', ['school']);
  const partner = await resolveOrg(ctx.db, body.partnerCode, 'partnerCode', ['school']);
  assertMayChange(ctx, partner);
  const run = await latestOfficialRun(ctx.db);
  if (!run) throw new AppError('conflict', 'There is no official accountability run yet: no school is recognized');
  const { recognized, requiring } = await schoolsOfRun(ctx, run.id);
  if (!recognized.some((r) => r.org.id === demo.id))
    throw new AppError(
      'validation_failed',
      `${demo.name} is not a school of recognition in the latest official run (${run.school_year})`,
      'demonstrationCode',
    );
  if (!requiring.some((r) => r.org.id === partner.id))
    throw new AppError(
      'validation_failed',
      `${partner.name} does not require assistance in the latest official run (${run.school_year})`,
      'partnerCode',
    );
  const { id } = await refuseDuplicate(
    () =>
      ctx.db.kysely
        .insertInto('recognition_pairings')
        .values({
          demonstration_org_id: demo.id,
          partner_org_id: partner.id,
          paired_on: body.pairedOn,
          focus: body.focus,
          status: body.status,
          notes: body.notes,
          accountability_run_id: run.id,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    `${demo.name} and ${partner.name} are paired already: change that pairing instead`,
  );
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'recognition_pairing',
    resourceId: String(id),
    orgId: partner.id,
    detail: body,
  });
  return (await presentPairings(ctx, await pairingQuery(ctx).where('id', '=', id).execute()))[0]!;
}

/** Changes a pairing's date, focus, status or notes. Audited. */
export async function changePairing(ctx: RequestContext, id: number, body: PairingUpdateBody): Promise<Pairing> {
  const row = await pairingQuery(ctx).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no pairing ${id}`);
  const [partner] = await findPlacedOrgsById(ctx.db.kysely, [row.partner_org_id]);
  assertMayChange(ctx, partner!);
  await refuseDuplicate(
    () =>
      ctx.db.kysely
        .updateTable('recognition_pairings')
        .set({
          paired_on: body.pairedOn,
          focus: body.focus,
          status: body.status as PairingStatus,
          notes: body.notes,
          updated_at: ctx.now,
        })
        .where('id', '=', id)
        .execute(),
    'The same two schools have another open pairing: close that one first',
  );
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'recognition_pairing',
    resourceId: String(id),
    orgId: row.partner_org_id,
    detail: { before: { status: row.status, focus: row.focus }, after: body },
  });
  return (await presentPairings(ctx, await pairingQuery(ctx).where('id', '=', id).execute()))[0]!;
}
