import { sql } from 'kysely';
import {
  DartSettingsSchema,
  defaultDartSettings,
  districtComparisonGroup,
  findComparableOrganizations,
  comparisonDistance,
  schoolComparisonGroup,
  standardizeFeatures,
  type ComparableResult,
  type ComparisonCandidate,
  type ComparisonDistance,
  type DartSettings,
} from '../../core/dart/comparables.ts';
import { dartIndicatorCodes, dartIndicators, dartSections } from '../../core/dart/sections.ts';
import { median, rankPromisingPeers, trendSlope, type TrendPoint } from '../../core/dart/trends.ts';
import { AppError } from '../../core/errors.ts';
import { indicatorCatalog } from '../../core/indicators/catalog.ts';
import type { IndicatorDefinition } from '../../core/indicators/indicator.ts';
import {
  formatGradeSpan,
  normalizeOrgCode,
  orgTypeLabels,
  sortGrades,
  stateOrgCode,
  type GradeCode,
  type OrgLevel,
  type OrgType,
} from '../../core/orgs/organization.ts';
import { studentGroups } from '../../core/student-groups.ts';
import { complementaryWithholds } from '../../core/privacy/complementary-suppression.ts';
import type { Db } from '../db/client.ts';
import type { RequestContext } from '../context.ts';
import type { ComparablesReport, DartIndicator, DartReport, PeersReport } from '../api/dart.ts';
import { DartReport as DartReportSchema } from '../api/dart.ts';
import { writeAudit } from './audit-service.ts';
import { cachedByDataVersion, type VersionedDb } from './report-cache.ts';
import { tableCsv, tableXlsx } from './table-export.ts';

/** Who is reading: the public sees no value of fewer students than the reporting minimum. */
export interface DartAudience {
  signedIn: boolean;
  reportingMinimum: number;
}

interface OrgInfo {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgType;
  /** The grades served: a district's own and its schools'. */
  grades: GradeCode[];
  parentId: number | null;
}

interface ValueRow {
  org_id: number;
  indicator_code: string;
  school_year: number;
  student_group: string;
  value: number | null;
  n: number | null;
  suppressed: boolean;
}

/**
 * What the DART reads often and changes rarely, kept per database and data version (report-cache.ts), with the
 * pools, comparables and reports computed from it for that version.
 */
interface DartState {
  version: string;
  orgsByCode: Map<string, OrgInfo>;
  orgsById: Map<number, OrgInfo>;
  settings: DartSettings;
  settingsAreDefault: boolean;
  entries: Map<string, Promise<unknown>>;
}

const SETTINGS_KEY = 'dart.settings';
const MAX_ENTRIES = 2000;

const groupLabels = new Map(studentGroups.map((g) => [g.code, g.label]));
const catalogByCode = new Map(indicatorCatalog.map((i) => [i.code, i]));

async function loadState(db: Db, version: string): Promise<DartState> {
  const orgRows = await db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level', 'type', 'grades', 'parent_id'])
    .execute();
  const orgsById = new Map<number, OrgInfo>();
  for (const r of orgRows) {
    orgsById.set(r.id, {
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level as OrgLevel,
      type: r.type as OrgType,
      grades: [...(r.grades as GradeCode[])],
      parentId: r.parent_id,
    });
  }
  // A district serves the grades of its schools too (directories often leave a district's own grades empty).
  for (const o of orgsById.values()) {
    if (o.level !== 'school' || o.parentId === null) continue;
    const parent = orgsById.get(o.parentId);
    if (parent) for (const g of o.grades) if (!parent.grades.includes(g)) parent.grades.push(g);
  }
  for (const o of orgsById.values()) o.grades = sortGrades(o.grades);
  const stored = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  const raw = stored ? (typeof stored.value === 'string' ? JSON.parse(stored.value) : stored.value) : null;
  const parsed = raw === null ? null : DartSettingsSchema.safeParse(raw);
  return {
    version,
    orgsByCode: new Map([...orgsById.values()].map((o) => [o.code, o])),
    orgsById,
    settings: parsed?.success ? parsed.data : defaultDartSettings,
    settingsAreDefault: !parsed?.success,
    entries: new Map(),
  };
}

/** The DART state for the data version the request began at. */
async function dartState(src: VersionedDb): Promise<DartState> {
  return cachedByDataVersion(src, 'dart|state', (version) => loadState(src.db, version));
}

/** A value computed from a DART state, kept with it (concurrent readers wait for the one computation). */
async function remember<T>(state: DartState, key: string, compute: () => Promise<T>): Promise<T> {
  const hit = state.entries.get(key);
  if (hit !== undefined) return hit as Promise<T>;
  const value = compute();
  if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  state.entries.set(key, value);
  // Failures (an unknown comparison code) are not kept.
  value.catch(() => {
    if (state.entries.get(key) === value) state.entries.delete(key);
  });
  return value;
}

function requireDartOrg(state: DartState, rawCode: string): OrgInfo {
  const code = normalizeOrgCode(rawCode);
  const org = code ? state.orgsByCode.get(code) : undefined;
  if (!org) throw new AppError('not_found', `No organization has the code ${rawCode}`);
  if (org.level !== 'school' && org.level !== 'district')
    throw new AppError('not_found', `DARTs are for districts and schools; ${org.name} is a ${org.level}`);
  return org;
}

function ref(o: OrgInfo) {
  return { code: o.code, name: o.name, level: o.level };
}

function comparisonGroupOf(o: OrgInfo): string | null {
  return o.level === 'district' ? districtComparisonGroup(o.type, o.grades) : schoolComparisonGroup(o.grades);
}

function featureIndicators(settings: DartSettings): string[] {
  return [...new Set(settings.features.flatMap((f) => f.indicators))];
}

/** The latest year the organization has a value of any comparison feature. */
async function featureYear(db: Db, org: OrgInfo, settings: DartSettings): Promise<number | null> {
  const row = await db.kysely
    .selectFrom('indicator_values')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('org_id', '=', org.id)
    .where('indicator_code', 'in', featureIndicators(settings))
    .where('student_group', '=', 'all')
    .where('value', 'is not', null)
    .executeTakeFirst();
  return row?.year ?? null;
}

/** Every organization of the level with its comparison features in a year, by organization id. */
async function featurePool(
  db: Db,
  state: DartState,
  level: OrgLevel,
  year: number,
): Promise<Map<number, ComparisonCandidate>> {
  return remember(state, `pool|${level}|${year}`, async () => {
    const { rows } = await sql<{ org_id: number; indicator_code: string; value: number }>`
      SELECT v.org_id, v.indicator_code, v.value
      FROM indicator_values v JOIN organizations o ON o.id = v.org_id
      WHERE v.indicator_code = ANY(${featureIndicators(state.settings)}) AND v.school_year = ${year}
        AND v.student_group = 'all' AND v.value IS NOT NULL AND o.level = ${level}`.execute(db.kysely);
    const pool = new Map<number, ComparisonCandidate>();
    for (const r of rows) {
      const org = state.orgsById.get(r.org_id);
      if (!org) continue;
      let c = pool.get(r.org_id);
      if (!c) {
        c = { code: org.code, values: new Map() };
        pool.set(r.org_id, c);
      }
      (c.values as Map<string, number>).set(r.indicator_code, Number(r.value));
    }
    return pool;
  });
}

interface Comparables {
  group: string | null;
  year: number | null;
  pool: ComparisonCandidate[];
  result: ComparableResult | null;
}

/** The computed comparable organizations of a district or school (kept per data version). */
async function computeComparables(db: Db, state: DartState, org: OrgInfo): Promise<Comparables> {
  return remember(state, `comparables|${org.code}`, async () => {
    const group = comparisonGroupOf(org);
    const year = await featureYear(db, org, state.settings);
    if (group === null || year === null) return { group, year, pool: [], result: null };
    const all = await featurePool(db, state, org.level, year);
    const pool = [...all.entries()]
      .filter(([id]) => {
        const o = state.orgsById.get(id);
        return o !== undefined && comparisonGroupOf(o) === group;
      })
      .map(([, c]) => c);
    const target = all.get(org.id) ?? { code: org.code, values: new Map() };
    if (!pool.some((c) => c.code === org.code)) pool.push(target);
    const result = findComparableOrganizations(target, pool, state.settings.features, state.settings.comparableCount);
    return { group, year, pool, result };
  });
}

/** The organizations a DART compares with: the computed comparables, or the user's own list (same level). */
async function comparisonMembers(
  db: Db,
  state: DartState,
  org: OrgInfo,
  compare: readonly string[] | undefined,
): Promise<{ kind: 'computed' | 'custom'; group: string | null; year: number | null; members: OrgInfo[] }> {
  if (compare && compare.length > 0) {
    const members = compare.map((raw) => {
      const code = normalizeOrgCode(raw);
      const o = code ? state.orgsByCode.get(code) : undefined;
      if (!o) throw new AppError('validation_failed', `compare: no organization has the code ${raw}`, 'compare');
      if (o.level !== org.level)
        throw new AppError('validation_failed', `compare: ${o.name} is a ${o.level}, not a ${org.level}`, 'compare');
      if (o.id === org.id)
        throw new AppError('validation_failed', `compare: ${o.name} is the organization itself`, 'compare');
      return o;
    });
    return { kind: 'custom', group: comparisonGroupOf(org), year: null, members };
  }
  const c = await computeComparables(db, state, org);
  const members = (c.result?.items ?? []).map((i) => state.orgsByCode.get(i.code)!).filter(Boolean);
  return { kind: 'computed', group: c.group, year: c.year, members };
}

function withheld(audience: DartAudience, v: Pick<ValueRow, 'value' | 'n' | 'suppressed'>): boolean {
  return v.suppressed || v.value === null || (!audience.signedIn && v.n !== null && v.n < audience.reportingMinimum);
}

function present(
  audience: DartAudience,
  v: Pick<ValueRow, 'value' | 'n' | 'suppressed'> | undefined,
  complementary = false,
) {
  if (!v) return { value: null, n: null, suppressed: false };
  if (complementary || withheld(audience, v))
    return { value: null, n: null, suppressed: v.suppressed || v.value !== null };
  return { value: Number(v.value), n: v.n, suppressed: false };
}

async function readValues(
  db: Db,
  where: { orgIds: number[]; years?: number[]; allGroupsOnly?: boolean; indicators?: readonly string[] },
): Promise<ValueRow[]> {
  if (where.orgIds.length === 0) return [];
  const { rows } = await sql<ValueRow>`
    SELECT org_id, indicator_code, school_year, student_group, value, n, suppressed
    FROM indicator_values
    WHERE org_id = ANY(${where.orgIds}) AND indicator_code = ANY(${[...(where.indicators ?? dartIndicatorCodes)]})
      ${where.years ? sql`AND school_year = ANY(${where.years})` : sql``}
      ${where.allGroupsOnly ? sql`AND student_group = 'all'` : sql``}`.execute(db.kysely);
  return rows;
}

function key(indicator: string, year: number, group: string): string {
  return `${indicator}|${year}|${group}`;
}

async function latestAccountability(db: Db, orgId: number) {
  const row = await db.kysely
    .selectFrom('accountability_results as res')
    .innerJoin('accountability_runs as run', 'run.id', 'res.run_id')
    .select(['run.school_year', 'res.classification', 'res.reason', 'res.percentile'])
    .where('res.org_id', '=', orgId)
    .where('run.kind', '=', 'official')
    .where('run.framework', '=', 'ma-2018')
    .orderBy('run.school_year', 'desc')
    .orderBy('run.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { year: row.school_year, classification: row.classification, reason: row.reason, percentile: row.percentile }
    : null;
}

/**
 * The student groups of one organization, indicator and year to withhold from the public besides the small ones, so
 * that no small group's value can be worked out from the total and its siblings (complementary suppression).
 */
function complementaryGroups(audience: DartAudience, rows: readonly ValueRow[]): Set<string> {
  if (audience.signedIn) return new Set();
  const cell = (r: ValueRow) => ({ group: r.student_group, n: r.n, withheld: withheld(audience, r) });
  const total = rows.find((r) => r.student_group === 'all');
  return complementaryWithholds(
    total ? cell(total) : undefined,
    rows.filter((r) => r.student_group !== 'all').map(cell),
    audience.reportingMinimum,
  );
}

/**
 * A district's or school's DART: every DART indicator with a value, its latest value, the change over the trend
 * years, the trend against the state and the comparison organizations' median, and the student groups of the latest
 * year. The public sees no value of fewer students than the reporting minimum (nor is one used in a median).
 */
export async function getDartReport(
  src: VersionedDb,
  rawCode: string,
  audience: DartAudience,
  compare?: readonly string[],
): Promise<DartReport> {
  const state = await dartState(src);
  const { db } = src;
  const org = requireDartOrg(state, rawCode);
  const cacheKey = `report|${org.code}|${audience.signedIn ? 's' : 'p'}${audience.reportingMinimum}|${(compare ?? []).join(',')}`;
  return remember(state, cacheKey, async () => {
    const report = await buildDartReport(db, state, org, audience, compare);
    // Checked once against the published schema, then served as stored.
    return DartReportSchema.parse(report);
  });
}

/** The report as JSON bytes, kept with the report (a repeat read costs no serialization). */
export async function getDartReportJson(
  src: VersionedDb,
  rawCode: string,
  audience: DartAudience,
  compare?: readonly string[],
): Promise<Buffer> {
  const state = await dartState(src);
  const org = requireDartOrg(state, rawCode);
  const cacheKey = `json|${org.code}|${audience.signedIn ? 's' : 'p'}${audience.reportingMinimum}|${(compare ?? []).join(',')}`;
  return remember(state, cacheKey, async () =>
    Buffer.from(JSON.stringify(await getDartReport(src, rawCode, audience, compare))),
  );
}

async function buildDartReport(
  db: Db,
  state: DartState,
  org: OrgInfo,
  audience: DartAudience,
  compare: readonly string[] | undefined,
): Promise<DartReport> {
  const own = await readValues(db, { orgIds: [org.id] });
  const allYears = [...new Set(own.map((r) => r.school_year))].sort((a, b) => b - a);
  const years = allYears.slice(0, state.settings.trendYears).sort((a, b) => a - b);
  const ownByIndicator = new Map<string, ValueRow[]>();
  for (const r of own) {
    const list = ownByIndicator.get(r.indicator_code);
    if (list) list.push(r);
    else ownByIndicator.set(r.indicator_code, [r]);
  }
  // Each indicator's trend is its own latest years: a report published a year later than another does not leave
  // an empty year at the end of the other's chart.
  const windowOf = new Map<string, number[]>();
  for (const [code, rows] of ownByIndicator)
    windowOf.set(
      code,
      [...new Set(rows.map((r) => r.school_year))]
        .sort((a, b) => b - a)
        .slice(0, state.settings.trendYears)
        .sort((a, b) => a - b),
    );
  const neededYears = [...new Set([...windowOf.values()].flat())];
  const comparison = await comparisonMembers(db, state, org, compare);
  const stateOrg = state.orgsByCode.get(stateOrgCode);
  const stateRows = stateOrg ? await readValues(db, { orgIds: [stateOrg.id], years: neededYears }) : [];
  const memberRows = await readValues(db, {
    orgIds: comparison.members.map((m) => m.id),
    years: neededYears,
    allGroupsOnly: true,
  });

  const ownBy = new Map(own.map((r) => [key(r.indicator_code, r.school_year, r.student_group), r]));
  const stateBy = new Map(stateRows.map((r) => [key(r.indicator_code, r.school_year, r.student_group), r]));
  const membersBy = new Map<string, number[]>();
  for (const r of memberRows) {
    if (withheld(audience, r)) continue;
    const k = key(r.indicator_code, r.school_year, 'all');
    const list = membersBy.get(k);
    if (list) list.push(Number(r.value));
    else membersBy.set(k, [Number(r.value)]);
  }
  const stateValue = (indicator: string, year: number, group: string) => {
    const v = present(audience, stateBy.get(key(indicator, year, group)));
    return v.value;
  };

  const indicatorOf = (code: string): DartIndicator | null => {
    const def = dartIndicators.get(code)!;
    const window = windowOf.get(code);
    if (!window) return null;
    const series = window.map((year) => {
      const members = membersBy.get(key(code, year, 'all')) ?? [];
      return {
        year,
        ...present(audience, ownBy.get(key(code, year, 'all'))),
        state: stateValue(code, year, 'all'),
        comparableMedian: median(members),
        comparableCount: members.length,
      };
    });
    const rowsHere = (ownByIndicator.get(code) ?? []).filter((r) => window.includes(r.school_year));
    const shown = series.filter((p) => p.value !== null || p.suppressed);
    const latestPoint = shown.length > 0 ? shown[shown.length - 1]! : null;
    const withValues = series.filter((p) => p.value !== null);
    const first = withValues[0];
    const last = withValues[withValues.length - 1];
    const latestYear = latestPoint?.year ?? null;
    const latestRows = latestYear === null ? [] : rowsHere.filter((r) => r.school_year === latestYear);
    const hiddenWithSiblings = complementaryGroups(audience, latestRows);
    const groups =
      latestYear === null
        ? []
        : latestRows
            .filter((r) => r.student_group !== 'all')
            .map((r) => ({
              group: r.student_group,
              label: groupLabels.get(r.student_group) ?? r.student_group,
              ...present(audience, r, hiddenWithSiblings.has(r.student_group)),
              state: stateValue(code, latestYear, r.student_group),
            }))
            .sort(
              (a, b) =>
                studentGroups.findIndex((g) => g.code === a.group) - studentGroups.findIndex((g) => g.code === b.group),
            );
    return {
      code,
      label: def.label,
      unit: def.unit,
      direction: def.direction,
      decimals: def.decimals,
      latest: latestPoint
        ? { year: latestPoint.year, value: latestPoint.value, n: latestPoint.n, suppressed: latestPoint.suppressed }
        : null,
      change:
        first && last && first.year !== last.year
          ? // Rounded past the display's decimals: a difference of two stored decimals carries float noise.
            { fromYear: first.year, toYear: last.year, value: Math.round((last.value! - first.value!) * 1e6) / 1e6 }
          : null,
      series,
      groups,
    };
  };

  const sections = dartSections.map((s) => {
    const indicators: DartIndicator[] = [];
    const unavailable: { code: string; label: string }[] = [];
    for (const code of s.indicators) {
      const ind = indicatorOf(code);
      if (ind) indicators.push(ind);
      else unavailable.push({ code, label: dartIndicators.get(code)!.label });
    }
    return { id: s.id, label: s.label, description: s.description, indicators, unavailable };
  });

  const latestAll = (code: string) => {
    const ys = own
      .filter((r) => r.indicator_code === code && r.student_group === 'all' && r.value !== null)
      .sort((a, b) => b.school_year - a.school_year);
    return ys[0] ?? null;
  };
  const enrollment = latestAll('enrollment_total');
  const snapshotYear = enrollment?.school_year ?? null;
  const populationValue = (code: string) => {
    const r = own.find((x) => x.indicator_code === code && x.student_group === 'all' && x.school_year === snapshotYear);
    return r && !withheld(audience, r) ? Number(r.value) : null;
  };
  const income = populationValue('low_income_pct') !== null ? 'low_income_pct' : 'econ_disadvantaged_pct';
  const parent = org.parentId !== null ? state.orgsById.get(org.parentId) : undefined;
  return {
    org: {
      ...ref(org),
      typeLabel: orgTypeLabels[org.type],
      gradeSpan: formatGradeSpan(org.grades),
      district: parent && parent.level === 'district' ? ref(parent) : null,
    },
    years,
    snapshot: {
      gradeSpan: formatGradeSpan(org.grades),
      enrollment: enrollment && !withheld(audience, enrollment) ? Number(enrollment.value) : null,
      year: snapshotYear,
      populations: ['high_needs_pct', income, 'english_learner_pct', 'disability_pct'].map((code) => ({
        code,
        label: catalogByCode.get(code)!.label,
        value: populationValue(code),
      })),
      accountability: await latestAccountability(db, org.id),
    },
    comparison: {
      kind: comparison.kind,
      group: comparison.group,
      year: comparison.year,
      members: comparison.members.map(ref),
    },
    sections,
    suppressedBelow: audience.reportingMinimum,
    dataVersion: state.version,
  };
}

function presentDistance(state: DartState, d: ComparisonDistance) {
  return { org: ref(state.orgsByCode.get(d.code)!), distance: d.distance, contributions: d.contributions };
}

/**
 * The computed comparable organizations of a district or school, each with every feature side by side and its share
 * of the distance ("why comparable"); with `withCode`, also the distance to that organization wherever it ranks.
 */
export async function getComparables(src: VersionedDb, rawCode: string, withCode?: string): Promise<ComparablesReport> {
  const state = await dartState(src);
  const { db } = src;
  const org = requireDartOrg(state, rawCode);
  const c = await computeComparables(db, state, org);
  let explained: ComparablesReport['explained'] = null;
  if (withCode && c.result) {
    const other = requireDartOrg(state, withCode);
    const candidate = c.pool.find((p) => p.code === other.code);
    if (!candidate)
      throw new AppError(
        'validation_failed',
        `with: ${other.name} is not in ${org.name}'s comparison group (${c.group ?? 'unknown'}) with characteristics for ${c.year}`,
        'with',
      );
    const target = c.pool.find((p) => p.code === org.code)!;
    const d = comparisonDistance(target, candidate, c.result.features);
    explained = d ? presentDistance(state, d) : null;
  }
  const scales = c.result?.features ?? standardizeFeatures([], []);
  return {
    org: ref(org),
    group: c.group,
    year: c.year,
    poolSize: c.pool.length,
    features: scales.map((s) => ({
      id: s.feature.id,
      label: s.feature.label,
      indicators: s.feature.indicators,
      transform: s.feature.transform,
      weight: s.feature.weight,
      mean: s.mean,
      sd: s.sd,
    })),
    droppedFeatures: c.result?.droppedFeatures ?? [],
    items: (c.result?.items ?? []).map((d) => presentDistance(state, d)),
    notCompared: (c.result?.notCompared ?? []).map((n) => ({
      org: ref(state.orgsByCode.get(n.code)!),
      missing: n.missing,
    })),
    explained,
    method:
      `Organizations of the same ${org.level === 'district' ? 'grade-span group' : 'school type'} with the characteristics of ${c.year ?? 'the latest year'}. ` +
      'Each characteristic is put on a common scale (log of enrollment; percentages as they are), then standardized over the group ' +
      '(minus the mean, divided by the standard deviation). The distance is the weighted root-mean-square of the differences: ' +
      'about how many standard deviations apart two organizations are on average. The nearest come first.',
    dataVersion: state.version,
  };
}

/**
 * The distances from a district or school to some organizations of its comparison group, on the same pool and
 * standardization as its comparables, in the order given. Organizations outside the group or without
 * every characteristic are listed in `notCompared`. Used to pair demonstration sites with comparable schools.
 */
export async function comparableDistancesTo(
  src: VersionedDb,
  rawCode: string,
  codes: readonly string[],
): Promise<{ group: string | null; year: number | null; items: ComparisonDistance[]; notCompared: string[] }> {
  const state = await dartState(src);
  const { db } = src;
  const org = requireDartOrg(state, rawCode);
  const c = await computeComparables(db, state, org);
  const target = c.pool.find((p) => p.code === org.code);
  const byCode = new Map(c.pool.map((p) => [p.code, p]));
  const items: ComparisonDistance[] = [];
  const notCompared: string[] = [];
  for (const code of codes) {
    const other = byCode.get(code);
    const d =
      target && c.result && other && code !== org.code ? comparisonDistance(target, other, c.result.features) : null;
    if (d) items.push(d);
    else notCompared.push(code);
  }
  return { group: c.group, year: c.year, items, notCompared };
}

/**
 * Promising peers on one indicator: the comparison organizations ranked by their trend over the DART's years, with
 * the guards against small groups and sampling noise. The public sees no value of fewer students than the minimum.
 */
export async function getPromisingPeers(
  src: VersionedDb,
  rawCode: string,
  indicatorCode: string,
  audience: DartAudience,
  compare?: readonly string[],
): Promise<PeersReport> {
  const state = await dartState(src);
  const { db } = src;
  const org = requireDartOrg(state, rawCode);
  const def: IndicatorDefinition | undefined = catalogByCode.get(indicatorCode);
  if (!def)
    throw new AppError('validation_failed', `indicator: ${indicatorCode} is not in the indicator catalog`, 'indicator');
  if (def.direction === 'context')
    throw new AppError(
      'validation_failed',
      `indicator: ${def.label} is context (neither higher nor lower is better); choose an indicator with a direction`,
      'indicator',
    );
  const comparison = await comparisonMembers(db, state, org, compare);
  const rows = await readValues(db, {
    orgIds: [org.id, ...comparison.members.map((m) => m.id)],
    allGroupsOnly: true,
    indicators: [indicatorCode],
  });
  const years = [...new Set(rows.filter((r) => r.org_id === org.id).map((r) => r.school_year))]
    .sort((a, b) => b - a)
    .slice(0, state.settings.trendYears)
    .sort((a, b) => a - b);
  const pointsOf = (orgId: number): TrendPoint[] =>
    rows
      .filter((r) => r.org_id === orgId && !withheld(audience, r) && years.includes(r.school_year))
      .map((r) => ({ year: r.school_year, value: Number(r.value), n: r.n }));
  // In public output a value of fewer students than the minimum is not shown: that organization is ranked as small.
  const smallHidden = (orgId: number) =>
    !audience.signedIn &&
    rows.some(
      (r) =>
        r.org_id === orgId &&
        !r.suppressed &&
        r.value !== null &&
        r.n !== null &&
        r.n < audience.reportingMinimum &&
        years.includes(r.school_year),
    );
  const ranked = rankPromisingPeers(
    comparison.members.map((m) => ({ code: m.code, points: pointsOf(m.id) })),
    def,
    years,
    state.settings.peers,
  );
  const ownSlope = trendSlope(pointsOf(org.id));
  return {
    org: ref(org),
    indicator: { code: def.code, label: def.label, unit: def.unit, direction: def.direction, decimals: def.decimals },
    years,
    guard: state.settings.peers,
    items: ranked.map((t) => {
      const o = state.orgsByCode.get(t.code)!;
      return {
        org: ref(o),
        points: t.points,
        slope: t.slope,
        improvement: t.improvement,
        noise: t.noise,
        smallestN: t.smallestN,
        status: smallHidden(o.id) && t.status === 'promising' ? 'small_n' : t.status,
      };
    }),
    self: {
      slope: ownSlope,
      improvement: ownSlope === null ? null : def.direction === 'lower_is_better' ? -ownSlope : ownSlope,
    },
  };
}

/** One row of the DART table export: organization x year x student group x indicator. */
export interface DartExportRow {
  role: 'organization' | 'state' | 'comparison';
  orgCode: string;
  orgName: string;
  schoolYear: number;
  group: string;
  indicator: string;
  indicatorLabel: string;
  value: number | null;
  n: number | null;
  suppressed: boolean;
}

/** The DART as a long table: the organization's values for every group, then the state's and comparison's. */
export async function dartExportRows(
  src: VersionedDb,
  rawCode: string,
  audience: DartAudience,
  compare?: readonly string[],
): Promise<{ org: OrgInfo; rows: DartExportRow[] }> {
  const state = await dartState(src);
  const { db } = src;
  const org = requireDartOrg(state, rawCode);
  const report = await getDartReport(src, rawCode, audience, compare);
  const stateOrg = state.orgsByCode.get(stateOrgCode);
  const memberIds = report.comparison.members.map((m) => state.orgsByCode.get(m.code)!.id);
  // The years of each indicator's trend, as the report shows them.
  const shown = new Set(
    report.sections.flatMap((s) => s.indicators.flatMap((i) => i.series.map((p) => `${i.code}|${p.year}`))),
  );
  const years = [...new Set(report.sections.flatMap((s) => s.indicators.flatMap((i) => i.series.map((p) => p.year))))];
  const inWindow = (r: ValueRow) => shown.has(`${r.indicator_code}|${r.school_year}`);
  const others = (
    await readValues(db, { orgIds: [...(stateOrg ? [stateOrg.id] : []), ...memberIds], years, allGroupsOnly: true })
  ).filter(inWindow);
  const own = (await readValues(db, { orgIds: [org.id], years })).filter(inWindow);
  const order = new Map(dartIndicatorCodes.map((c, i) => [c, i]));
  const groupOrder = new Map(studentGroups.map((g, i) => [g.code, i]));
  // Complementary suppression per indicator and year of the organization's own groups (others are all-students only).
  const ownRowsOf = new Map<string, ValueRow[]>();
  for (const r of own) {
    const k = key(r.indicator_code, r.school_year, '');
    const list = ownRowsOf.get(k);
    if (list) list.push(r);
    else ownRowsOf.set(k, [r]);
  }
  const hidden = new Set<string>();
  for (const [k, rows] of ownRowsOf) for (const g of complementaryGroups(audience, rows)) hidden.add(`${k}|${g}`);
  const toRow = (r: ValueRow): DartExportRow => {
    const o = state.orgsById.get(r.org_id)!;
    const v = present(
      audience,
      r,
      o.id === org.id && hidden.has(`${key(r.indicator_code, r.school_year, '')}|${r.student_group}`),
    );
    return {
      role: o.id === org.id ? 'organization' : o.code === stateOrgCode ? 'state' : 'comparison',
      orgCode: o.code,
      orgName: o.name,
      schoolYear: r.school_year,
      group: r.student_group,
      indicator: r.indicator_code,
      indicatorLabel: dartIndicators.get(r.indicator_code)!.label,
      value: v.value,
      n: v.n,
      suppressed: v.suppressed,
    };
  };
  const roleOrder = { organization: 0, state: 1, comparison: 2 };
  const rows = [...own, ...others].map(toRow);
  rows.sort(
    (a, b) =>
      roleOrder[a.role] - roleOrder[b.role] ||
      (a.orgCode < b.orgCode ? -1 : a.orgCode > b.orgCode ? 1 : 0) ||
      order.get(a.indicator)! - order.get(b.indicator)! ||
      a.schoolYear - b.schoolYear ||
      (groupOrder.get(a.group) ?? 999) - (groupOrder.get(b.group) ?? 999),
  );
  return { org, rows };
}

const exportHeaders = [
  'role',
  'org_code',
  'org_name',
  'school_year',
  'student_group',
  'indicator_code',
  'indicator',
  'value',
  'n',
  'suppressed',
];

function exportCells(r: DartExportRow): (string | number | null)[] {
  return [
    r.role,
    r.orgCode,
    r.orgName,
    r.schoolYear,
    r.group,
    r.indicator,
    r.indicatorLabel,
    r.value,
    r.n,
    r.suppressed ? 'yes' : '',
  ];
}

/** The DART table as CSV (one row per organization x year x group x indicator, like the state's open data). */
export function dartCsv(rows: readonly DartExportRow[]): string {
  return tableCsv(exportHeaders, rows.map(exportCells));
}

/** The DART table as an XLSX workbook, one sheet. */
export async function dartXlsx(orgName: string, rows: readonly DartExportRow[]): Promise<Buffer> {
  return tableXlsx('DART', exportHeaders, rows.map(exportCells), `DART: ${orgName}`);
}

/** The DART settings in force, and whether they are the defaults. */
export async function getDartSettings(src: VersionedDb) {
  const state = await dartState(src);
  return {
    settings: state.settings,
    isDefault: state.settingsAreDefault,
    notes:
      'DESE does not publish how it finds comparable organizations; these features, transforms and weights are ssos choices a state administrator may change. Promising peers need minYears of values, at least minN students behind each value, and (for percentages) a slope at least noiseFactor times its sampling noise.',
  };
}

/** Stores new DART settings (state administrators); audited with the settings before and after. */
export async function setDartSettings(ctx: RequestContext, settings: DartSettings) {
  const known = new Set(indicatorCatalog.map((i) => i.code));
  settings.features.forEach((f, i) => {
    for (const code of f.indicators)
      if (!known.has(code))
        throw new AppError(
          'validation_failed',
          `features.${i}.indicators: ${code} is not in the indicator catalog`,
          'features',
        );
  });
  const before = await getDartSettings(ctx);
  await ctx.db.kysely
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: JSON.stringify(settings), updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(settings), updated_at: ctx.now }))
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'dart_settings',
    detail: { before: before.settings, after: settings },
  });
  // Read at the version after the change (the request's own version is from before it).
  return getDartSettings({ db: ctx.db });
}
