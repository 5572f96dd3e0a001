import { z } from 'zod';
import { gradeOrdinal, gradeSpanCategory, type GradeCode } from '../orgs/organization.ts';

/**
 * How comparable organizations are found. DESE publishes ten comparable districts per district "based on enrollment
 * characteristics" within a grade-span group, but not the measure (domain/dart.md): ssos makes it explicit. Each
 * feature is an enrollment characteristic (the first of its indicators the organization has a value for), optionally
 * on a log scale, with a weight.
 */
export const ComparisonFeatureSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    label: z.string().min(1).max(80),
    indicators: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,79}$/))
      .min(1)
      .max(4),
    transform: z.enum(['none', 'log']),
    weight: z.number().min(0).max(10),
  })
  .strict();
export type ComparisonFeature = z.infer<typeof ComparisonFeatureSchema>;

/** The DART settings a state administrator may change. */
export const DartSettingsSchema = z
  .object({
    features: z
      .array(ComparisonFeatureSchema)
      .min(1)
      .max(12)
      .refine((f) => new Set(f.map((x) => x.id)).size === f.length, 'feature ids must differ')
      .refine((f) => f.some((x) => x.weight > 0), 'at least one feature needs a weight above 0'),
    comparableCount: z.number().int().min(1).max(25),
    trendYears: z.number().int().min(2).max(10),
    peers: z
      .object({
        minYears: z.number().int().min(2).max(10),
        minN: z.number().int().min(1).max(1000),
        noiseFactor: z.number().min(0).max(5),
      })
      .strict(),
  })
  .strict();
export type DartSettings = z.infer<typeof DartSettingsSchema>;

/**
 * The defaults, each an ssos choice [unconfirmed: DESE does not publish its measure]: enrollment on a log scale (a
 * district of 2,000 is more like one of 4,000 than one of 200 is like one of 2,200), the low-income share (the
 * economically disadvantaged share in 2015-2021, when low income was not collected), the English learner share and
 * the share of students with disabilities, equally weighted; ten comparable organizations; five-year trends; promising
 * peers need three years of data, at least 20 students behind every value, and a slope at least twice its sampling
 * noise.
 */
export const defaultDartSettings: DartSettings = {
  features: [
    {
      id: 'enrollment',
      label: 'Enrollment (log scale)',
      indicators: ['enrollment_total'],
      transform: 'log',
      weight: 1,
    },
    {
      id: 'low_income',
      label: 'Low income or economically disadvantaged (%)',
      indicators: ['low_income_pct', 'econ_disadvantaged_pct'],
      transform: 'none',
      weight: 1,
    },
    {
      id: 'english_learner',
      label: 'English learners (%)',
      indicators: ['english_learner_pct'],
      transform: 'none',
      weight: 1,
    },
    {
      id: 'disability',
      label: 'Students with disabilities (%)',
      indicators: ['disability_pct'],
      transform: 'none',
      weight: 1,
    },
  ],
  comparableCount: 10,
  trendYears: 5,
  peers: { minYears: 3, minN: 20, noiseFactor: 2 },
};

/** The groups districts are compared within (DESE's DART): by the grades they serve, vocational districts apart. */
export const districtComparisonGroups = ['K-12', 'elementary', 'secondary', 'vocational'] as const;
export type DistrictComparisonGroup = (typeof districtComparisonGroups)[number];

/**
 * A district's comparison group: vocational-technical and agricultural districts together; otherwise K-12 when it
 * serves both elementary grades (grade 5 or below) and high school grades, secondary when only grades 6 and up,
 * elementary when no high school grade. Null when its grades are unknown.
 */
export function districtComparisonGroup(type: string, grades: readonly GradeCode[]): DistrictComparisonGroup | null {
  if (type === 'vocational') return 'vocational';
  const ords = grades.filter((g) => g !== 'SP').map(gradeOrdinal);
  if (ords.length === 0) return null;
  const elementary = ords.some((o) => o <= 5);
  const high = ords.some((o) => o >= 9);
  if (elementary && high) return 'K-12';
  if (high) return 'secondary';
  return 'elementary';
}

/** A school's comparison group: its school type by grade span (ES, ESMS, MS, MSHS, HS, K-12). */
export function schoolComparisonGroup(grades: readonly GradeCode[]): string | null {
  return gradeSpanCategory(grades);
}

/** An organization's enrollment characteristics: raw indicator values by indicator code. */
export interface ComparisonCandidate {
  code: string;
  values: ReadonlyMap<string, number>;
}

/** The value a feature takes for an organization: the first of its indicators present, transformed. */
export function featureValue(
  feature: ComparisonFeature,
  values: ReadonlyMap<string, number>,
): { raw: number; indicator: string; scaled: number } | null {
  for (const indicator of feature.indicators) {
    const raw = values.get(indicator);
    if (raw === undefined || !Number.isFinite(raw)) continue;
    // log1p keeps a zero enrollment finite; enrollments are never negative.
    const scaled = feature.transform === 'log' ? Math.log1p(Math.max(0, raw)) : raw;
    return { raw, indicator, scaled };
  }
  return null;
}

/** Mean and (population) standard deviation of a feature across the comparison pool. */
export interface FeatureScale {
  feature: ComparisonFeature;
  mean: number;
  sd: number;
  count: number;
}

/**
 * Standardizes each feature over the pool: z = (scaled value - mean) / sd. A feature every organization shares the
 * same value of (sd 0) cannot separate them and gets sd 0 (it then adds nothing to any distance).
 */
export function standardizeFeatures(
  features: readonly ComparisonFeature[],
  pool: readonly ComparisonCandidate[],
): FeatureScale[] {
  return features.map((feature) => {
    let count = 0;
    let sum = 0;
    for (const c of pool) {
      const v = featureValue(feature, c.values);
      if (v) {
        count++;
        sum += v.scaled;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (const c of pool) {
      const v = featureValue(feature, c.values);
      if (v) squares += (v.scaled - mean) ** 2;
    }
    const sd = count > 0 ? Math.sqrt(squares / count) : 0;
    return { feature, mean, sd, count };
  });
}

/** One feature's part in a distance: both organizations' values, their standardized difference and its share. */
export interface FeatureContribution {
  id: string;
  label: string;
  weight: number;
  /** The target organization's value (raw, as reported) and the indicator it came from. */
  targetValue: number;
  targetIndicator: string;
  value: number;
  indicator: string;
  /** Difference in standard deviations of the pool (other minus target). */
  zDifference: number;
  /** This feature's share of the squared distance (0-1; the shares of a pair add to 1 unless the distance is 0). */
  share: number;
}

/** How far one organization is from the target, and why. */
export interface ComparisonDistance {
  code: string;
  /** Weighted root-mean-square of the standardized differences: "on average, this many standard deviations apart". */
  distance: number;
  contributions: FeatureContribution[];
}

/**
 * The distance between two organizations over the features both have: sqrt(sum w (dz)^2 / sum w), dz the difference
 * of standardized values. Null when they share no weighted feature.
 */
export function comparisonDistance(
  target: ComparisonCandidate,
  other: ComparisonCandidate,
  scales: readonly FeatureScale[],
): ComparisonDistance | null {
  let weighted = 0;
  let weights = 0;
  const parts: {
    scale: FeatureScale;
    t: NonNullable<ReturnType<typeof featureValue>>;
    o: NonNullable<ReturnType<typeof featureValue>>;
    dz: number;
  }[] = [];
  for (const scale of scales) {
    const w = scale.feature.weight;
    if (w <= 0) continue;
    const t = featureValue(scale.feature, target.values);
    const o = featureValue(scale.feature, other.values);
    if (!t || !o) return null;
    const dz = scale.sd > 0 ? (o.scaled - t.scaled) / scale.sd : 0;
    weighted += w * dz * dz;
    weights += w;
    parts.push({ scale, t, o, dz });
  }
  if (weights === 0) return null;
  return {
    code: other.code,
    distance: Math.sqrt(weighted / weights),
    contributions: parts.map(({ scale, t, o, dz }) => ({
      id: scale.feature.id,
      label: scale.feature.label,
      weight: scale.feature.weight,
      targetValue: t.raw,
      targetIndicator: t.indicator,
      value: o.raw,
      indicator: o.indicator,
      zDifference: dz,
      share: weighted > 0 ? (scale.feature.weight * dz * dz) / weighted : 0,
    })),
  };
}

/** The comparable organizations of a target, nearest first, with what was left out and why. */
export interface ComparableResult {
  /** Features used (weighted, and present for the target). */
  features: FeatureScale[];
  /** Features the target has no value for: left out of every distance. */
  droppedFeatures: { id: string; label: string }[];
  items: ComparisonDistance[];
  /** Organizations of the pool that could not be compared (a feature missing). */
  notCompared: { code: string; missing: string[] }[];
}

/**
 * Finds the `count` organizations of the pool nearest the target (the target itself excluded), standardizing over
 * the whole pool. Ties are broken by code, so the result does not depend on the pool's order.
 */
export function findComparableOrganizations(
  target: ComparisonCandidate,
  pool: readonly ComparisonCandidate[],
  features: readonly ComparisonFeature[],
  count: number,
): ComparableResult {
  const weighted = features.filter((f) => f.weight > 0);
  const usable = weighted.filter((f) => featureValue(f, target.values) !== null);
  const droppedFeatures = weighted.filter((f) => !usable.includes(f)).map((f) => ({ id: f.id, label: f.label }));
  const scales = standardizeFeatures(usable, pool);
  const items: ComparisonDistance[] = [];
  const notCompared: { code: string; missing: string[] }[] = [];
  for (const other of pool) {
    if (other.code === target.code) continue;
    const missing = usable.filter((f) => featureValue(f, other.values) === null).map((f) => f.id);
    if (missing.length > 0) {
      notCompared.push({ code: other.code, missing });
      continue;
    }
    const d = comparisonDistance(target, other, scales);
    if (d) items.push(d);
  }
  items.sort((a, b) => a.distance - b.distance || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  notCompared.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { features: scales, droppedFeatures, items: items.slice(0, count), notCompared };
}
