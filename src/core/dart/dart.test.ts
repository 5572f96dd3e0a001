import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparisonDistance,
  DartSettingsSchema,
  defaultDartSettings,
  districtComparisonGroup,
  findComparableOrganizations,
  standardizeFeatures,
  type ComparisonCandidate,
  type ComparisonFeature,
} from './comparables.ts';
import { dartIndicatorCodes, dartIndicators, dartSections } from './sections.ts';
import { median, percentSlopeNoise, rankPromisingPeers, trendSlope, type TrendPoint } from './trends.ts';

const features: ComparisonFeature[] = [
  { id: 'enrollment', label: 'Enrollment', indicators: ['enrollment_total'], transform: 'log', weight: 1 },
  {
    id: 'low_income',
    label: 'Low income',
    indicators: ['low_income_pct', 'econ_disadvantaged_pct'],
    transform: 'none',
    weight: 1,
  },
  { id: 'english_learner', label: 'EL', indicators: ['english_learner_pct'], transform: 'none', weight: 1 },
];

function candidate(code: string, values: Record<string, number>): ComparisonCandidate {
  return { code, values: new Map(Object.entries(values)) };
}

// Three districts, worked by hand. Each feature takes one value twice and another once across the pool, so the
// standardized difference between the odd one and the others is (b - a) / sd with sd = |b - a| * sqrt(2) / 3: dz^2 =
// 9/2 = 4.5 whatever a and b are. A and B differ only in enrollment (999 vs 9,999: log1p gives ln 1,000 and
// ln 10,000); A and C differ in low income (20 vs 40) and English learners (10 vs 30).
const A = candidate('01000000', { enrollment_total: 999, low_income_pct: 20, english_learner_pct: 10 });
const B = candidate('02000000', { enrollment_total: 9999, low_income_pct: 20, english_learner_pct: 10 });
const C = candidate('03000000', { enrollment_total: 999, econ_disadvantaged_pct: 40, english_learner_pct: 30 });

describe('DART sections', () => {
  it('lists at least 45 catalog indicators across the DART areas, each once', () => {
    expect(dartIndicatorCodes.length).toBeGreaterThanOrEqual(45);
    expect(new Set(dartIndicatorCodes).size).toBe(dartIndicatorCodes.length);
    expect(dartIndicators.size).toBe(dartIndicatorCodes.length);
    const ids = dartSections.map((s) => s.id);
    for (const area of [
      'enrollment',
      'achievement',
      'growth',
      'attendance',
      'discipline',
      'completion',
      'staffing',
      'finance',
    ])
      expect(ids).toContain(area);
    expect(dartIndicatorCodes).toContain('retention_pct');
    expect(dartIndicatorCodes).toContain('grade9_passing_all_courses_pct');
    expect(dartIndicatorCodes).toContain('attending_college_pct');
    expect(dartIndicatorCodes).toContain('average_class_size');
    expect(dartIndicatorCodes).toContain('ppe_in_district');
  });
});

describe('feature standardization', () => {
  it('uses the mean and population standard deviation of the pool', () => {
    const pool = [2, 4, 4, 4, 5, 5, 7, 9].map((v, i) => candidate(`0${i}000000`, { english_learner_pct: v }));
    const [scale] = standardizeFeatures([features[2]!], pool);
    expect(scale!.mean).toBe(5);
    expect(scale!.sd).toBe(2);
    expect(scale!.count).toBe(8);
  });
  it('puts enrollment on a log scale and takes the first indicator present', () => {
    const [enrollment, lowIncome] = standardizeFeatures(features, [A, B, C]);
    expect(enrollment!.mean).toBeCloseTo((2 * Math.log(1000) + Math.log(10000)) / 3, 12);
    expect(enrollment!.sd).toBeCloseTo((Math.log(10) * Math.sqrt(2)) / 3, 12);
    // C has no low income value: its economically disadvantaged share stands in.
    expect(lowIncome!.mean).toBeCloseTo(80 / 3, 12);
    expect(lowIncome!.count).toBe(3);
  });
  it('gives a feature all organizations share no weight in any distance', () => {
    const same = [A, B].map((c) => candidate(c.code, { english_learner_pct: 5 }));
    const [scale] = standardizeFeatures([features[2]!], same);
    expect(scale!.sd).toBe(0);
    expect(comparisonDistance(same[0]!, same[1]!, [scale!])!.distance).toBe(0);
  });
});

describe('comparable organizations', () => {
  it('finds the nearest by the weighted standardized distance (hand-worked three districts)', () => {
    const result = findComparableOrganizations(A, [A, B, C], features, 10);
    expect(result.items.map((i) => i.code)).toEqual(['02000000', '03000000']);
    const [b, c] = result.items;
    // B: only enrollment differs: sqrt(4.5 / 3).
    expect(b!.distance).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(b!.contributions.map((x) => x.share)).toEqual([1, 0, 0]);
    expect(b!.contributions[0]!.zDifference).toBeCloseTo(Math.sqrt(4.5), 12);
    // C: low income and English learners differ: sqrt((4.5 + 4.5) / 3), half the distance each.
    expect(c!.distance).toBeCloseTo(Math.sqrt(3), 12);
    expect(c!.contributions[1]!.share).toBeCloseTo(0.5, 12);
    expect(c!.contributions[2]!.share).toBeCloseTo(0.5, 12);
    expect(c!.contributions[1]).toMatchObject({ targetValue: 20, value: 40, indicator: 'econ_disadvantaged_pct' });
  });
  it('follows the configured weights', () => {
    const weighted = features.map((f) => ({
      ...f,
      weight: f.id === 'enrollment' ? 1 : f.id === 'low_income' ? 0.2 : 0,
    }));
    const result = findComparableOrganizations(A, [A, B, C], weighted, 10);
    // B: sqrt(1 * 4.5 / 1.2) = 1.936; C: sqrt(0.2 * 4.5 / 1.2) = 0.866: now C is nearer.
    expect(result.items.map((i) => i.code)).toEqual(['03000000', '02000000']);
    expect(result.items[0]!.distance).toBeCloseTo(Math.sqrt(0.75), 12);
    expect(result.items[1]!.distance).toBeCloseTo(Math.sqrt(3.75), 12);
    expect(result.items[0]!.contributions.map((x) => x.id)).toEqual(['enrollment', 'low_income']);
  });
  it('keeps the count, leaves out organizations missing a feature, and drops features the target lacks', () => {
    const D = candidate('04000000', { enrollment_total: 500, low_income_pct: 30 });
    expect(findComparableOrganizations(A, [A, B, C, D], features, 1).items.map((i) => i.code)).toEqual(['02000000']);
    const withD = findComparableOrganizations(A, [A, B, C, D], features, 10);
    expect(withD.notCompared).toEqual([{ code: '04000000', missing: ['english_learner'] }]);
    const fromD = findComparableOrganizations(D, [A, B, C, D], features, 10);
    expect(fromD.droppedFeatures).toEqual([{ id: 'english_learner', label: 'EL' }]);
    expect(fromD.items).toHaveLength(3);
  });
  it('does not depend on the order of the pool (property)', () => {
    const org = fc.record({
      enrollment_total: fc.integer({ min: 50, max: 50000 }),
      low_income_pct: fc.integer({ min: 0, max: 1000 }).map((v) => v / 10),
      english_learner_pct: fc.integer({ min: 0, max: 500 }).map((v) => v / 10),
    });
    fc.assert(
      fc.property(fc.array(org, { minLength: 2, maxLength: 25 }), fc.integer(), (rows, seed) => {
        const pool = rows.map((r, i) => candidate(String(i + 1).padStart(4, '0') + '0000', r));
        const shuffled = [...pool].sort(
          (a, b) => ((a.code.charCodeAt(3) * 31 + seed) % 7) - ((b.code.charCodeAt(3) * 31 + seed) % 7),
        );
        const one = findComparableOrganizations(pool[0]!, pool, features, 10);
        const two = findComparableOrganizations(pool[0]!, shuffled, features, 10);
        expect(two.items.map((i) => i.code)).toEqual(one.items.map((i) => i.code));
        for (const item of one.items) {
          const shares = item.contributions.reduce((s, c) => s + c.share, 0);
          if (item.distance > 0) expect(shares).toBeCloseTo(1, 9);
        }
      }),
    );
  });
  it('groups districts as DESE does: K-12, elementary, secondary, vocational', () => {
    expect(districtComparisonGroup('local', ['PK', 'K', '01', '05', '09', '12'])).toBe('K-12');
    expect(districtComparisonGroup('local', ['PK', 'K', '01', '08'])).toBe('elementary');
    expect(districtComparisonGroup('regional', ['07', '08', '09', '12'])).toBe('secondary');
    expect(districtComparisonGroup('vocational', ['09', '10', '11', '12'])).toBe('vocational');
    expect(districtComparisonGroup('local', [])).toBeNull();
  });
  it('validates settings: the defaults pass, duplicate or weightless features do not', () => {
    expect(DartSettingsSchema.parse(defaultDartSettings)).toEqual(defaultDartSettings);
    const dup = { ...defaultDartSettings, features: [features[0]!, features[0]!] };
    expect(DartSettingsSchema.safeParse(dup).success).toBe(false);
    const none = { ...defaultDartSettings, features: features.map((f) => ({ ...f, weight: 0 })) };
    expect(DartSettingsSchema.safeParse(none).success).toBe(false);
  });
});

describe('trends and promising peers', () => {
  const pts = (values: number[], n: number | null, from = 2020): TrendPoint[] =>
    values.map((value, i) => ({ year: from + i, value, n }));
  const guard = { minYears: 3, minN: 20, noiseFactor: 2 };
  const pct = { direction: 'higher_is_better' as const, unit: 'percent' as const };

  it('computes the least-squares slope per year', () => {
    // mean year 2021, mean value 13; Sxy = (-1)(-3) + (1)(4) = 7, Sxx = 2.
    expect(trendSlope(pts([10, 12, 17], null))).toBe(3.5);
    expect(trendSlope(pts([5], null))).toBeNull();
    expect(
      trendSlope([
        { year: 2020, value: 1 },
        { year: 2020, value: 3 },
      ]),
    ).toBeNull();
  });
  it('propagates the sampling noise of percentages through the slope', () => {
    // weights (x - 2021)/2 = -0.5, 0, 0.5: variance 0.25 * 10*90/100 + 0.25 * 17*83/100 = 5.7775.
    expect(percentSlopeNoise(pts([10, 12, 17], 100))).toBeCloseTo(Math.sqrt(5.7775), 12);
    expect(percentSlopeNoise(pts([10, 12, 17], 400))).toBeCloseTo(Math.sqrt(5.7775 / 4), 12);
    expect(percentSlopeNoise(pts([10, 12, 17], null))).toBeNull();
  });
  it('ranks by improvement and guards against small groups and noise', () => {
    const ranked = rankPromisingPeers(
      [
        { code: 'noise', points: pts([10, 12, 17], 100) }, // 3.5/yr but noise 2.40: 3.5 < 4.81
        { code: 'strong', points: pts([10, 12, 17], 400) }, // 3.5/yr, noise 1.20: promising
        { code: 'steady', points: pts([10, 13, 16], 1000) }, // 3/yr
        { code: 'small', points: pts([10, 20, 30], 15) }, // 10/yr on 15 students
        { code: 'falling', points: pts([30, 20, 10], 500) },
        { code: 'short', points: pts([10, 50], 500) },
      ],
      pct,
      [2020, 2021, 2022, 2023, 2024],
      guard,
    );
    expect(ranked.map((r) => [r.code, r.status])).toEqual([
      ['strong', 'promising'],
      ['steady', 'promising'],
      ['noise', 'within_noise'],
      ['falling', 'not_improving'],
      ['small', 'small_n'],
      ['short', 'too_few_years'],
    ]);
    expect(ranked.find((r) => r.code === 'small')!.smallestN).toBe(15);
  });
  it('turns the slope of a lower-is-better indicator and keeps only the window of years', () => {
    const [r] = rankPromisingPeers(
      [{ code: 'x', points: pts([40, 30, 28, 26, 24], 1000, 2018) }],
      { direction: 'lower_is_better', unit: 'percent' },
      [2020, 2021, 2022],
      guard,
    );
    expect(r!.points.map((p) => p.year)).toEqual([2020, 2021, 2022]);
    expect(r!.slope).toBe(-2);
    expect(r!.improvement).toBe(2);
    expect(r!.status).toBe('promising');
  });
  it('takes the median of an odd or even list', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
