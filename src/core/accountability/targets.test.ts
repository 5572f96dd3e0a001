import { describe, expect, it } from 'vitest';
import { ma2018Framework, type AccountabilityFramework2018, type AccountabilityMeasure } from './framework-2018.ts';
import {
  combineTargetLookups,
  createDefaultTargetLookup,
  createStoredTargetLookup,
  indexIndicatorValues,
  meetsMinimumN,
  quantileSorted,
  readMeasure,
  targetForYear,
  topPercentileValue,
  type IndicatorValueRow,
} from './targets.ts';

const fw = ma2018Framework;
const measure = (id: string): AccountabilityMeasure => fw.measures.find((m) => m.id === id)!;
const ELA = 'mcas_ela_g38_avg_scaled_score';
const CHRONIC = 'chronic_absence_pct';

function row(orgCode: string, indicator: string, year: number, value: number, n: number | null = 100, group = 'all') {
  return { orgCode, indicator, year, group, value, n } satisfies IndicatorValueRow;
}

describe('indexing stored indicator values', () => {
  const rows = [
    row('A', ELA, 2019, 501.2, 80),
    row('A', ELA, 2020, 502.4, null),
    row('A', ELA, 2020, 503.0, 85), // a later row for the same key wins
    row('B', ELA, 2021, 490, 30, 'high_needs'),
  ];
  const values = indexIndicatorValues(rows);

  it('reads a value by organization, indicator, year and group, keeping an unknown n as null', () => {
    expect(values('A', ELA, 2019, 'all')).toEqual({ value: 501.2, n: 80 });
    expect(values('A', ELA, 2020, 'all')).toEqual({ value: 503.0, n: 85 });
    expect(values('B', ELA, 2021, 'high_needs')).toEqual({ value: 490, n: 30 });
    expect(indexIndicatorValues([row('C', ELA, 2019, 1, null)])('C', ELA, 2019, 'all')).toEqual({ value: 1, n: null });
  });

  it('answers undefined for anything not stored (org, indicator, group or year)', () => {
    expect(values('Z', ELA, 2019, 'all')).toBeUndefined();
    expect(values('A', CHRONIC, 2019, 'all')).toBeUndefined();
    expect(values('A', ELA, 2019, 'high_needs')).toBeUndefined();
    expect(values('A', ELA, 2018, 'all')).toBeUndefined();
    expect(values('A', ELA, 2022, 'all')).toBeUndefined();
    expect(values('A', ELA, 2021, 'all')).toBeUndefined();
  });

  it('reads consecutive years at once (value, n pairs; NaN for none), as the engine does statewide', () => {
    const out = new Float64Array(8);
    values.readYears!('A', ELA, 'all', 2018, out);
    expect([...out]).toEqual([NaN, NaN, 501.2, 80, 503.0, 85, NaN, NaN]);
  });

  it('works the same with sparse keys (years far apart)', () => {
    const sparse = indexIndicatorValues([row('A', ELA, 1, 10), row('A', ELA, 2_000_000, 20)]);
    expect(sparse('A', ELA, 1, 'all')).toEqual({ value: 10, n: 100 });
    expect(sparse('A', ELA, 2_000_000, 'all')).toEqual({ value: 20, n: 100 });
    expect(sparse('A', ELA, 2, 'all')).toBeUndefined();
  });
});

describe('reading a measure for an accountability year', () => {
  const values = indexIndicatorValues([
    row('A', 'graduation_4yr_pct', 2018, 88.5, 120),
    row('A', 'graduation_5yr_pct', 2017, 90.1, 118),
    row('A', 'dese_grad_5yr_still_in_school_pct', 2017, 2.4, 118),
    row('A', 'dese_grad_5yr_non_grad_completers_pct', 2017, 0.5, 118),
    row('B', 'graduation_5yr_pct', 2017, 80, 60),
    row('B', 'dese_grad_5yr_still_in_school_pct', 2017, 5, 60),
    row('C', 'graduation_5yr_pct', 2017, 80, 60),
  ]);

  it('takes HS completion from the cohort the year offset names (2019 uses the 2018 4-year rate)', () => {
    expect(measure('graduation_4yr_pct').yearOffset).toBe(-1);
    expect(readMeasure(values, measure('graduation_4yr_pct'), 'A', 'all', 2019)).toEqual({ value: 88.5, n: 120 });
    expect(readMeasure(values, measure('graduation_4yr_pct'), 'A', 'all', 2018)).toBeUndefined();
  });

  it('extended engagement = 5-year graduates + still in school (+ non-graduate completers when stored), two cohorts back', () => {
    const engagement = measure('extended_engagement_pct');
    expect(engagement.yearOffset).toBe(-2);
    expect(readMeasure(values, engagement, 'A', 'all', 2019)!.value).toBeCloseTo(93.0, 10);
    expect(readMeasure(values, engagement, 'A', 'all', 2019)!.n).toBe(118);
    expect(readMeasure(values, engagement, 'B', 'all', 2019)).toEqual({ value: 85, n: 60 });
    // Still-in-school is required: without it the rate would be the 5-year graduation rate alone.
    expect(readMeasure(values, engagement, 'C', 'all', 2019)).toBeUndefined();
  });

  it('rates a value with at least the minimum n, and an unknown n', () => {
    expect(meetsMinimumN({ value: 1, n: 19 }, 20)).toBe(false);
    expect(meetsMinimumN({ value: 1, n: 20 }, 20)).toBe(true);
    expect(meetsMinimumN({ value: 1, n: null }, 20)).toBe(true);
  });
});

describe('percentiles of values', () => {
  it('interpolates between ranks: the 90th percentile of 1..11 is 10, of [0, 10] is 9', () => {
    const oneToEleven = Float64Array.from({ length: 11 }, (_, i) => i + 1);
    expect(quantileSorted(oneToEleven, 90)).toBe(10);
    expect(quantileSorted([0, 10], 90)).toBeCloseTo(9, 12);
    expect(quantileSorted([7], 90)).toBe(7);
    expect(quantileSorted([], 90)).toBeNaN();
  });

  it('takes the best side: the top 10% of a lower-is-better measure starts at the 10th percentile', () => {
    const sorted = Float64Array.from({ length: 11 }, (_, i) => i + 1);
    expect(topPercentileValue(sorted, 'higher', 90)).toBe(10);
    expect(topPercentileValue(sorted, 'lower', 90)).toBe(2);
  });
});

describe('stored targets: baseline + annual increment', () => {
  it('target = baseline + increment x years since the baseline year (a reduction target has a negative increment)', () => {
    expect(targetForYear({ baselineYear: 2018, baseline: 500, increment: 1.5 }, 2021)).toBe(504.5);
    expect(targetForYear({ baselineYear: 2018, baseline: 12, increment: -0.8 }, 2020)).toBeCloseTo(10.4, 12);
    const lookup = createStoredTargetLookup([
      { orgCode: 'A', measure: ELA, group: 'all', baselineYear: 2018, baseline: 500, increment: 1.5 },
      { orgCode: 'A', measure: ELA, group: 'all', baselineYear: 2018, baseline: 501, increment: 1 }, // later row wins
    ]);
    expect(lookup('A', ELA, 'all', 2021)).toEqual({
      value: 504,
      baselineYear: 2018,
      baseline: 501,
      increment: 1,
      benchmark: null,
      source: 'stored',
    });
    expect(lookup('A', ELA, 'lowest_performing', 2021)).toBeUndefined();
    expect(lookup('B', ELA, 'all', 2021)).toBeUndefined();
  });

  it('stored targets come before the default method', () => {
    const stored = createStoredTargetLookup([
      { orgCode: 'A', measure: ELA, group: 'all', baselineYear: 2018, baseline: 500, increment: 0 },
    ]);
    const fallback = () => ({
      value: 1,
      baselineYear: 2018,
      baseline: 1,
      increment: 0,
      benchmark: 1,
      source: 'default' as const,
    });
    const both = combineTargetLookups(stored, undefined, fallback);
    expect(both('A', ELA, 'all', 2019)!.source).toBe('stored');
    expect(both('B', ELA, 'all', 2019)!.source).toBe('default');
  });
});

describe('the default target method (unconfirmed, configurable)', () => {
  // Eleven schools: ELA 490..500 and chronic absence 5..15 in 2017; a district with its own figures.
  const schools = Array.from({ length: 11 }, (_, i) => `S${String(i).padStart(2, '0')}`);
  const rows: IndicatorValueRow[] = [];
  schools.forEach((code, i) => {
    rows.push(row(code, ELA, 2017, 490 + i), row(code, CHRONIC, 2017, 15 - i));
  });
  rows.push(row('LATE', ELA, 2017, 470, 19), row('LATE', ELA, 2018, 480, 25), row('LATE', ELA, 2019, 482, 25));
  rows.push(row('NEW', ELA, 2020, 495, 40));
  rows.push(row('D1', ELA, 2017, 400), row('D2', ELA, 2017, 410));
  const orgs = [
    ...schools.map((code) => ({ code, level: 'school' })),
    { code: 'LATE', level: 'school' },
    { code: 'NEW', level: 'school' },
    { code: 'D1', level: 'district' },
    { code: 'D2', level: 'district' },
  ];
  const values = indexIndicatorValues(rows);
  const targets = createDefaultTargetLookup({ orgs, values, framework: fw });

  it('closes half the gap to the statewide 90th percentile over six years: 490 -> +0.75 a year toward 499', () => {
    // Schools' 2017 ELA 490..500 (and LATE's rated 2018 value is not in 2017): 90th percentile of the 11 rated = 499.
    const t = targets('S00', ELA, 'all', 2019)!;
    expect(t.benchmark).toBe(499);
    expect(t.baselineYear).toBe(2017);
    expect(t.baseline).toBe(490);
    expect(t.increment).toBeCloseTo(0.75, 12); // (499 - 490) x 0.5 / 6
    expect(t.value).toBeCloseTo(491.5, 12);
    expect(t.source).toBe('default');
  });

  it('keeps a school at or past the benchmark at its own baseline (increment 0)', () => {
    expect(targets('S10', ELA, 'all', 2022)).toMatchObject({ baseline: 500, increment: 0, value: 500 });
    expect(targets('S09', ELA, 'all', 2022)).toMatchObject({ baseline: 499, increment: 0, value: 499 });
  });

  it('sets reduction targets for lower-is-better measures (chronic absence 15% -> benchmark 6%, -0.75 a year)', () => {
    const t = targets('S00', CHRONIC, 'all', 2019)!;
    expect(t.benchmark).toBe(6);
    expect(t.increment).toBeCloseTo(-0.75, 12);
    expect(t.value).toBeCloseTo(13.5, 12);
  });

  it("takes the baseline from the earliest year with a rated value (19 students in 2017 is not; 2018's 25 is)", () => {
    const t = targets('LATE', ELA, 'all', 2019)!;
    expect(t.baselineYear).toBe(2018);
    expect(t.baseline).toBe(480);
    // No school has a rated 2018 value besides LATE: the benchmark is LATE's own value, so no increment.
    expect(t.benchmark).toBe(480);
    expect(t.value).toBe(480);
    // An earlier target year than the baseline has no target; asking in either order gives the same answers.
    expect(targets('LATE', ELA, 'all', 2017)).toBeUndefined();
    expect(targets('LATE', ELA, 'all', 2021)!.baselineYear).toBe(2018);
  });

  it("an organization's first rated year is its own target; none before it", () => {
    expect(targets('NEW', ELA, 'all', 2019)).toBeUndefined();
    expect(targets('NEW', ELA, 'all', 2020)).toMatchObject({ baselineYear: 2020, baseline: 495, value: 495 });
    expect(targets('NEW', ELA, 'all', 2019)).toBeUndefined();
    expect(targets('NEW', ELA, 'all', 2023)!.baselineYear).toBe(2020);
  });

  it('takes the benchmark among organizations of the same level (districts apart from schools)', () => {
    const t = targets('D1', ELA, 'all', 2018)!;
    expect(t.benchmark).toBeCloseTo(409, 12); // 90th percentile of 400 and 410
    expect(t.increment).toBeCloseTo((9 * 0.5) / 6, 12);
  });

  it('follows the configuration (gap share, years, benchmark percentile) and can be switched off', () => {
    const faster: AccountabilityFramework2018 = {
      ...fw,
      targets: { ...fw.targets, gapShare: 1, overYears: 3, benchmarkPercentile: 100 },
    };
    const t = createDefaultTargetLookup({ orgs, values, framework: faster })('S00', ELA, 'all', 2018)!;
    expect(t.benchmark).toBe(500);
    expect(t.increment).toBeCloseTo(10 / 3, 12);
    const none: AccountabilityFramework2018 = { ...fw, targets: { ...fw.targets, method: 'none' } };
    expect(createDefaultTargetLookup({ orgs, values, framework: none })('S00', ELA, 'all', 2019)).toBeUndefined();
  });

  it('has no target for an unknown organization or measure', () => {
    expect(targets('NOPE', ELA, 'all', 2019)).toBeUndefined();
    expect(targets('S00', 'no_such_measure', 'all', 2019)).toBeUndefined();
  });
});
