import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ma2018Framework,
  type AccountabilityFramework2018,
  type PointRule,
  type TargetPointRule,
} from './framework-2018.ts';
import {
  awardPoints,
  detectSpans,
  percentileFromRank,
  runAccountability2018,
  type AccountabilityOrg,
  type EngineInput2018,
  type GroupColumn,
  type OrgAccountability2018,
} from './engine-2018.ts';
import {
  createStoredTargetLookup,
  indexIndicatorValues,
  type IndicatorValueRow,
  type StoredTarget,
} from './targets.ts';

const fw = ma2018Framework;
const rule = (id: string): PointRule => fw.pointRules[id]!;
const targetRule = (id: string): TargetPointRule => fw.pointRules[id] as TargetPointRule;

/** The framework without the statewide top-percentile rule, so hand-worked points depend on targets only. */
const noTop: AccountabilityFramework2018 = {
  ...fw,
  pointRules: Object.fromEntries(
    Object.entries(fw.pointRules).map(([k, r]) => [k, r.kind === 'target' ? { ...r, topPercentile: null } : r]),
  ),
};

const points = (
  id: string,
  direction: 'higher' | 'lower',
  value: number,
  target: number | null,
  prior: number | null = null,
  topValue: number | null = null,
) => awardPoints(rule(id), direction, { value, target, prior, topValue });

describe('point rules, hand-worked at every boundary', () => {
  it('achievement: more than 0.5 above target = 4; within +/-0.5 = 3 (exactly 0.5 included)', () => {
    expect(points('achievement', 'higher', 500.51, 500)).toMatchObject({ points: 4, basis: 'above-target' });
    expect(points('achievement', 'higher', 500.5, 500)).toMatchObject({ points: 3, basis: 'met-target' });
    expect(points('achievement', 'higher', 500, 500)).toMatchObject({ points: 3 });
    expect(points('achievement', 'higher', 499.5, 500)).toMatchObject({ points: 3 });
    // Binary noise does not move a boundary: 500.7 - 500.2 is exactly half a point.
    expect(points('achievement', 'higher', 500.7, 500.2)).toMatchObject({ points: 3 });
  });

  it('achievement below target: improved (> 0.5 over the prior year) = 2, no change (+/-0.5) = 1, declined = 0', () => {
    expect(points('achievement', 'higher', 499.49, 500, 498.9)).toMatchObject({ points: 2, basis: 'improved' });
    expect(points('achievement', 'higher', 499.49, 500, 498.99)).toMatchObject({ points: 1, basis: 'no-change' });
    expect(points('achievement', 'higher', 499.49, 500, 499.0)).toMatchObject({ points: 1, basis: 'no-change' });
    expect(points('achievement', 'higher', 499.49, 500, 499.99)).toMatchObject({ points: 1, basis: 'no-change' });
    expect(points('achievement', 'higher', 499.49, 500, 500.0)).toMatchObject({ points: 0, basis: 'declined' });
  });

  it('achievement: at or above the statewide 90th percentile = 4 whatever the target', () => {
    expect(points('achievement', 'higher', 510, 530, 520, 510)).toMatchObject({ points: 4, basis: 'top-percentile' });
    expect(points('achievement', 'higher', 509.99, 530, 520, 510)).toMatchObject({ points: 0, basis: 'declined' });
  });

  it('science uses a 1.25 band: 501.26 = 4, 501.25 = 3, 498.75 = 3; CPI 97.5 when configured', () => {
    expect(points('science', 'higher', 501.26, 500)).toMatchObject({ points: 4 });
    expect(points('science', 'higher', 501.25, 500)).toMatchObject({ points: 3 });
    expect(points('science', 'higher', 498.75, 500)).toMatchObject({ points: 3 });
    expect(points('science', 'higher', 498.74, 500, 497.4)).toMatchObject({ points: 2 });
    expect(points('science', 'higher', 498.74, 500, 497.49)).toMatchObject({ points: 1 });
    const cpi: TargetPointRule = { ...targetRule('science'), exceedsAt: 97.5 };
    expect(awardPoints(cpi, 'higher', { value: 97.5, target: 99, prior: null, topValue: null })).toMatchObject({
      points: 4,
      basis: 'exceeds-value',
    });
  });

  it('growth: mean SGP 60+ = 4, 50-59.9 = 3, 40-49.9 = 2, 30-39.9 = 1, below 30 = 0', () => {
    const sgp = (v: number) => points('growth', 'higher', v, null).points;
    expect([sgp(60), sgp(59.9), sgp(50), sgp(49.99), sgp(40), sgp(39.9), sgp(30), sgp(29.9), sgp(1)]).toEqual([
      4, 3, 3, 2, 2, 1, 1, 0, 0,
    ]);
    expect(points('growth', 'higher', 75, null).basis).toBe('band');
  });

  it('chronic absenteeism is a reduction target: more than 0.5 pp below = 4, within 0.5 = 3, then the change', () => {
    expect(points('chronicAbsence', 'lower', 9.49, 10)).toMatchObject({ points: 4 });
    expect(points('chronicAbsence', 'lower', 9.5, 10)).toMatchObject({ points: 3 });
    expect(points('chronicAbsence', 'lower', 10.5, 10)).toMatchObject({ points: 3 });
    expect(points('chronicAbsence', 'lower', 10.51, 10, 11.2)).toMatchObject({ points: 2, basis: 'improved' });
    expect(points('chronicAbsence', 'lower', 10.51, 10, 10.9)).toMatchObject({ points: 1, basis: 'no-change' });
    expect(points('chronicAbsence', 'lower', 10.51, 10, 10.0)).toMatchObject({ points: 0, basis: 'declined' });
    // The best 10% of chronic absence are the lowest rates.
    expect(points('chronicAbsence', 'lower', 4, 3, 3, 4.2)).toMatchObject({ points: 4, basis: 'top-percentile' });
    expect(points('chronicAbsence', 'lower', 4.3, 3, 4.3, 4.2)).toMatchObject({ points: 1 });
  });

  it('ELP progress: +/-3.0 pp of target = 3, more than 3.0 above = 4', () => {
    expect(points('elp', 'higher', 53.01, 50)).toMatchObject({ points: 4 });
    expect(points('elp', 'higher', 53, 50)).toMatchObject({ points: 3 });
    expect(points('elp', 'higher', 47, 50)).toMatchObject({ points: 3 });
    expect(points('elp', 'higher', 46.9, 50, 43.8)).toMatchObject({ points: 2 });
    expect(points('elp', 'higher', 46.9, 50, 45)).toMatchObject({ points: 1 });
  });

  it('graduation, engagement (+/-1.0), dropout (reduction, +/-0.5) and advanced coursework (+/-2.0) defaults', () => {
    expect(points('graduation', 'higher', 91.01, 90)).toMatchObject({ points: 4 });
    expect(points('graduation', 'higher', 89, 90)).toMatchObject({ points: 3 });
    expect(points('engagement', 'higher', 88.9, 90, 87.8)).toMatchObject({ points: 2 });
    expect(points('dropout', 'lower', 1.49, 2)).toMatchObject({ points: 4 });
    expect(points('dropout', 'lower', 2.5, 2)).toMatchObject({ points: 3 });
    expect(points('dropout', 'lower', 3.1, 2, 3.0)).toMatchObject({ points: 1 });
    expect(points('advancedCoursework', 'higher', 62.01, 60)).toMatchObject({ points: 4 });
    expect(points('advancedCoursework', 'higher', 58, 60)).toMatchObject({ points: 3 });
  });

  it('below target with no prior year: 1 point by default, or not rated; no target: not rated', () => {
    expect(points('achievement', 'higher', 490, 500, null)).toMatchObject({ points: 1, basis: 'no-prior' });
    const strict: TargetPointRule = { ...targetRule('achievement'), whenNoPrior: 'not-rated' };
    expect(awardPoints(strict, 'higher', { value: 490, target: 500, prior: null, topValue: null })).toMatchObject({
      points: null,
      unrated: 'no-prior',
    });
    expect(points('achievement', 'higher', 490, null)).toMatchObject({ points: null, unrated: 'no-target' });
  });
});

describe('grade spans and percentile ranks', () => {
  it('a school has the non-HS span with any of grades 3-8 and the HS span with grade 10', () => {
    expect(detectSpans(['PK', 'K', '01', '02'], fw)).toEqual([]);
    expect(detectSpans(['K', '01', '02', '03'], fw)).toEqual(['nonhs']);
    expect(detectSpans(['06', '07', '08'], fw)).toEqual(['nonhs']);
    expect(detectSpans(['09', '10', '11', '12'], fw)).toEqual(['hs']);
    expect(detectSpans(['09'], fw)).toEqual([]);
    expect(detectSpans(['K', '05', '08', '10', '12'], fw)).toEqual(['nonhs', 'hs']);
    expect(detectSpans(['3', '4'], fw)).toEqual(['nonhs']);
  });

  it('percentile = ceil(100 x (rank - 0.5) / N), ties at their mid-rank, 1-99: "10 or less" is the lowest 10%', () => {
    const of100 = Array.from({ length: 100 }, (_, i) => percentileFromRank(i, 1, 100));
    expect(of100.slice(0, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(of100.at(-1)).toBe(99);
    expect(of100.filter((p) => p <= 10)).toHaveLength(10);
    const of1800 = Array.from({ length: 1800 }, (_, i) => percentileFromRank(i, 1, 1800));
    expect(of1800.filter((p) => p <= 10)).toHaveLength(180);
    expect(of1800.filter((p) => p <= 5)).toHaveLength(90);
    expect(percentileFromRank(0, 1, 20)).toBe(3);
    expect(percentileFromRank(1, 1, 20)).toBe(8);
    expect(percentileFromRank(2, 1, 20)).toBe(13);
    expect(percentileFromRank(4, 2, 20)).toBe(25); // two tied at ranks 5-6
    expect(percentileFromRank(0, 1, 1)).toBe(50);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A small state built by hand.

const G38 = (subject: string) => `mcas_${subject}_g38_avg_scaled_score`;
const G10 = (subject: string) => `mcas_${subject}_g10_avg_scaled_score`;
const SGP38 = (subject: string) => `mcas_${subject}_g38_mean_sgp`;
const SGP10 = (subject: string) => `mcas_${subject}_g10_mean_sgp`;
const ALL = 'all';
const LPS = 'lowest_performing';

class State {
  rows: IndicatorValueRow[] = [];
  targets: StoredTarget[] = [];
  orgs: AccountabilityOrg[] = [];

  school(code: string, grades: string[], extra: Partial<AccountabilityOrg> = {}): this {
    this.orgs.push({
      code,
      level: 'school',
      type: 'public',
      districtCode: `${code.slice(0, 4)}0000`,
      grades,
      ...extra,
    });
    return this;
  }

  district(code: string, extra: Partial<AccountabilityOrg> = {}): this {
    this.orgs.push({ code, level: 'district', type: 'local', districtCode: null, grades: [], ...extra });
    return this;
  }

  put(org: string, indicator: string, year: number, value: number, n: number | null = 100, group = ALL): this {
    this.rows.push({ orgCode: org, indicator, year, group, value, n });
    return this;
  }

  target(org: string, measure: string, value: number, group = ALL): this {
    this.targets.push({ orgCode: org, measure, group, baselineYear: 2017, baseline: value, increment: 0 });
    return this;
  }

  input(year: number, extra: Partial<EngineInput2018> = {}): EngineInput2018 {
    return {
      year,
      orgs: this.orgs,
      values: indexIndicatorValues(this.rows),
      targets: createStoredTargetLookup(this.targets),
      ...extra,
    };
  }
}

const orgOf = (run: { orgs: OrgAccountability2018[] }, code: string) => run.orgs.find((o) => o.orgCode === code)!;
const column = (org: OrgAccountability2018, span: 'nonhs' | 'hs', group: 'all' | 'lowest'): GroupColumn =>
  org.columns.find((c) => c.span === span && c.group === group)!;
const pointsOf = (col: GroupColumn) => Object.fromEntries(col.indicators.map((i) => [i.indicator, i.points]));

/** An elementary school (grades K-5) worked by hand: see the comments for each indicator's points. */
function elementary(elpN = 25): State {
  return (
    new State()
      .school('00010005', ['K', '01', '02', '03', '04', '05'])
      // all students
      .put('00010005', G38('ela'), 2019, 502) // target 500: 2 above -> 4
      .target('00010005', G38('ela'), 500)
      .put('00010005', G38('math'), 2019, 499.8) // target 500: within 0.5 -> 3
      .target('00010005', G38('math'), 500)
      .put('00010005', G38('sci'), 2019, 495) // target 500, prior 493: improved by 2 > 1.25 -> 2
      .put('00010005', G38('sci'), 2018, 493)
      .target('00010005', G38('sci'), 500)
      .put('00010005', SGP38('ela'), 2019, 55) // 3
      .put('00010005', SGP38('math'), 2019, 45) // 2
      .put('00010005', 'elp_progress_pct', 2019, 40, elpN) // target 45, prior 41: no change (-1, within 3) -> 1
      .put('00010005', 'elp_progress_pct', 2018, 41, elpN)
      .target('00010005', 'elp_progress_pct', 45)
      .put('00010005', 'chronic_absence_pct', 2019, 8) // target 10: 2 pp better -> 4
      .target('00010005', 'chronic_absence_pct', 10)
      // lowest performing students
      .put('00010005', G38('ela'), 2019, 480, 30, LPS) // target 485, prior 478: improved -> 2
      .put('00010005', G38('ela'), 2018, 478, 30, LPS)
      .target('00010005', G38('ela'), 485, LPS)
      .put('00010005', G38('math'), 2019, 482, 30, LPS) // target 485, prior 482.3: no change -> 1
      .put('00010005', G38('math'), 2018, 482.3, 30, LPS)
      .target('00010005', G38('math'), 485, LPS)
      .put('00010005', SGP38('ela'), 2019, 41, 30, LPS) // 2
      .put('00010005', SGP38('math'), 2019, 38, 30, LPS) // 1
      .put('00010005', 'chronic_absence_pct', 2019, 15, 30, LPS) // target 14, prior 16: improved -> 2
      .put('00010005', 'chronic_absence_pct', 2018, 16, 30, LPS)
      .target('00010005', 'chronic_absence_pct', 14, LPS)
  );
}

describe('the engine on a hand-worked elementary school', () => {
  const run = runAccountability2018(
    elementary().input(2019, { overrides: { annualPrior: new Map([['00010005', 50]]) } }),
    noTop,
  );
  const school = orgOf(run, '00010005');

  it("has the non-HS span only, and each indicator's points as worked by hand", () => {
    expect(school.spans).toEqual(['nonhs']);
    expect(school.columns.map((c) => `${c.span}/${c.group}`)).toEqual(['nonhs/all', 'nonhs/lowest']);
    expect(pointsOf(column(school, 'nonhs', 'all'))).toEqual({
      nonhs_ela_achievement: 4,
      nonhs_math_achievement: 3,
      nonhs_sci_achievement: 2,
      nonhs_ela_growth: 3,
      nonhs_math_growth: 2,
      nonhs_elp: 1,
      nonhs_chronic_absence: 4,
    });
    expect(pointsOf(column(school, 'nonhs', 'lowest'))).toEqual({
      nonhs_ela_achievement: 2,
      nonhs_math_achievement: 1,
      nonhs_sci_achievement: null,
      nonhs_ela_growth: 2,
      nonhs_math_growth: 1,
      nonhs_elp: null,
      nonhs_chronic_absence: 2,
    });
    const lpsScience = column(school, 'nonhs', 'lowest').indicators.find(
      (i) => i.indicator === 'nonhs_sci_achievement',
    )!;
    expect(lpsScience.unrated).toBe('not-applicable');
  });

  it('all students: 9/12, 5/8, 1/4, 4/4 at 60/20/10/10 = 6.9 of 9.6 = 71.875%', () => {
    const score = column(school, 'nonhs', 'all').score!;
    expect(score.weightTable).toBe('all-nonhs');
    expect(score.categories.map((c) => [c.category, c.earned, c.possible, c.weightPct])).toEqual([
      ['achievement', 9, 12, 60],
      ['growth', 5, 8, 20],
      ['elp', 1, 4, 10],
      ['additional', 4, 4, 10],
    ]);
    expect(score.weightedEarned).toBeCloseTo(6.9, 10);
    expect(score.weightedPossible).toBeCloseTo(9.6, 10);
    expect(score.percentage).toBeCloseTo(71.875, 10);
  });

  it('lowest performing: 3/8, 3/8, 2/4 at 67.5/22.5/10 = 2.9 of 7.6; span = the two averaged; cumulative 40/60', () => {
    const lps = column(school, 'nonhs', 'lowest').score!;
    expect(lps.weightTable).toBe('lowest');
    expect(lps.weightedEarned).toBeCloseTo(2.9, 10);
    expect(lps.percentage).toBeCloseTo((100 * 2.9) / 7.6, 10);
    const span = (71.875 + (100 * 2.9) / 7.6) / 2;
    expect(school.spanResults.nonhs.percentage).toBeCloseTo(span, 10);
    expect(school.annual.percentage).toBeCloseTo(span, 10);
    expect(school.annualPrior).toBe(50);
    expect(school.annualPriorSource).toBe('given');
    expect(school.progress.cumulative).toBeCloseTo(0.4 * 50 + 0.6 * span, 10);
    expect(school.progress.reason).toBe('Substantial progress toward targets');
  });

  it('explains each indicator and names the unconfirmed settings it used, all of them in the framework', () => {
    const texts = school.explanation.map((s) => s.text);
    expect(texts.some((t) => t.includes('Science achievement: 495') && t.includes('improved'))).toBe(true);
    expect(texts.some((t) => t.includes('ELA achievement: 502') && t.includes('4 points'))).toBe(true);
    const used = new Set(school.explanation.flatMap((s) => s.settings ?? []));
    expect(used.has('pointRules.noChangeTolerance')).toBe(true);
    for (const key of used) expect(fw.settings[key], key).toBeDefined();
    expect(school.explanation.at(-1)!.text).toBe(
      'Not requiring assistance or intervention: Substantial progress toward targets',
    );
  });

  it('an ELP group of 19 students is below the minimum: no ELP category, weights 67.5/22.5/10 (7.6 of 10.3)', () => {
    const small = orgOf(runAccountability2018(elementary(19).input(2019), noTop), '00010005');
    const all = column(small, 'nonhs', 'all');
    const elp = all.indicators.find((i) => i.indicator === 'nonhs_elp')!;
    expect(elp).toMatchObject({ value: 40, n: 19, points: null, unrated: 'below-minimum-n' });
    expect(all.score!.weightTable).toBe('all-nonhs-no-elp');
    expect(all.score!.weightedEarned).toBeCloseTo(7.6, 10); // 9 x .675 + 5 x .225 + 4 x .1
    expect(all.score!.weightedPossible).toBeCloseTo(10.3, 10);
    const twenty = orgOf(runAccountability2018(elementary(20).input(2019), noTop), '00010005');
    expect(column(twenty, 'nonhs', 'all').score!.weightTable).toBe('all-nonhs');
  });

  it('a minimum group size of 19 vs 20 students decides whether an indicator is rated (configurable)', () => {
    const s = elementary().put('00010005', G38('ela'), 2019, 400, 19, 'high_needs');
    s.rows = s.rows.map((r) =>
      r.indicator === G38('ela') && r.group === ALL && r.year === 2019 ? { ...r, n: 19 } : r,
    );
    const ela = (framework: AccountabilityFramework2018) =>
      column(orgOf(runAccountability2018(s.input(2019), framework), '00010005'), 'nonhs', 'all').indicators.find(
        (i) => i.indicator === 'nonhs_ela_achievement',
      )!;
    expect(ela(noTop)).toMatchObject({ points: null, unrated: 'below-minimum-n' });
    expect(ela({ ...noTop, minimumN: 19 })).toMatchObject({ points: 4 });
  });

  it('a group with no rated achievement indicator is not rated; a school with no rated group has insufficient data', () => {
    const s = new State().school('00020005', ['03', '04']).put('00020005', 'chronic_absence_pct', 2019, 5);
    const org = orgOf(runAccountability2018(s.input(2019), noTop), '00020005');
    expect(column(org, 'nonhs', 'all').score).toBeNull();
    expect(column(org, 'nonhs', 'all').unrated).toContain('achievement');
    expect(org.annual.percentage).toBeNull();
    expect(org.classification).toMatchObject({ overall: 'Insufficient data', reason: null });
  });
});

describe('high school indicators, spans and the prior year', () => {
  function highSchool(): State {
    const s = new State().school('00030505', ['09', '10', '11', '12']);
    for (const [year, shift] of [
      [2018, -2],
      [2019, 0],
    ] as const) {
      for (const subject of ['ela', 'math', 'sci']) s.put('00030505', G10(subject), year, 500 + shift);
      for (const subject of ['ela', 'math']) s.put('00030505', SGP10(subject), year, 50);
      s.put('00030505', 'chronic_absence_pct', year, 10 - shift);
      s.put('00030505', 'advanced_coursework_pct', year, 60 + shift);
      s.put('00030505', G10('ela'), year, 480 + shift, 40, LPS).put(
        '00030505',
        G10('math'),
        year,
        480 + shift,
        40,
        LPS,
      );
      s.put('00030505', SGP10('ela'), year, 45, 40, LPS).put('00030505', SGP10('math'), year, 45, 40, LPS);
      s.put('00030505', 'chronic_absence_pct', year, 20, 40, LPS);
    }
    // HS completion is read from earlier cohorts: 4-year rate of 2018, 5-year (extended engagement) of 2017.
    s.put('00030505', 'graduation_4yr_pct', 2018, 92).put('00030505', 'graduation_4yr_pct', 2019, 10);
    s.put('00030505', 'graduation_5yr_pct', 2017, 93).put('00030505', 'dese_grad_5yr_still_in_school_pct', 2017, 3);
    s.put('00030505', 'annual_dropout_pct', 2018, 1.2);
    for (const m of [G10('ela'), G10('math'), G10('sci'), 'advanced_coursework_pct']) s.target('00030505', m, 500);
    s.target('00030505', 'advanced_coursework_pct', 60).target('00030505', 'chronic_absence_pct', 10);
    s.target('00030505', 'graduation_4yr_pct', 90).target('00030505', 'extended_engagement_pct', 96.5);
    s.target('00030505', 'annual_dropout_pct', 1.5);
    for (const m of [G10('ela'), G10('math')]) s.target('00030505', m, 480, LPS);
    s.target('00030505', 'chronic_absence_pct', 20, LPS);
    return s;
  }
  const run = runAccountability2018(highSchool().input(2019), noTop);
  const hs = orgOf(run, '00030505');

  it('rates HS completion from the right cohorts: graduation 92 (2018) = 4, engagement 96 (2017) = 3, dropout 1.2 = 3', () => {
    const all = column(hs, 'hs', 'all');
    const byId = Object.fromEntries(all.indicators.map((i) => [i.indicator, i]));
    expect(byId.hs_graduation_4yr).toMatchObject({ value: 92, dataYear: 2018, points: 4 });
    expect(byId.hs_extended_engagement).toMatchObject({ value: 96, dataYear: 2017, points: 3 });
    expect(byId.hs_dropout).toMatchObject({ value: 1.2, dataYear: 2018, points: 3 });
    expect(all.score!.weightTable).toBe('all-hs-no-elp');
    expect(all.points.hsCompletion).toEqual({ earned: 10, possible: 12 });
    expect(all.points.additional).toEqual({ earned: 6, possible: 8 }); // chronic absence 3 + advanced coursework 3
    expect(hs.graduationRate).toEqual({ value: 92, n: 100, dataYear: 2018 });
  });

  it('computes the prior year when no prior figure is given, and the cumulative 40/60 from it', () => {
    expect(hs.annualPriorSource).toBe('computed');
    const prior = runAccountability2018(highSchool().input(2018), noTop);
    expect(hs.annualPrior).toBeCloseTo(orgOf(prior, '00030505').annual.percentage!, 10);
    expect(hs.progress.cumulative).toBeCloseTo(0.4 * hs.annualPrior! + 0.6 * hs.annual.percentage!, 10);
  });

  it('a K-12 school has both spans, combined by estimated enrollment shares or by the shares given', () => {
    const s = elementary();
    s.orgs[0] = { ...s.orgs[0]!, grades: ['K', '03', '08', '09', '10', '12'] };
    const hsRows = highSchool().rows.map((r) => ({ ...r, orgCode: '00010005' }));
    s.rows.push(...hsRows);
    s.targets.push(...highSchool().targets.map((t) => ({ ...t, orgCode: '00010005' })));
    const k12 = orgOf(runAccountability2018(s.input(2019), noTop), '00010005');
    expect(k12.spans).toEqual(['nonhs', 'hs']);
    // ELA students: grades 3-8 100 x 1.5 = 150, grade 10 100 x 4 = 400: 27/73.
    expect(k12.spanWeights).toEqual({ nonhsPct: 27, hsPct: 73 });
    expect(k12.spanWeightsSource).toBe('estimated');
    const n = k12.spanResults.nonhs.percentage!;
    const h = k12.spanResults.hs.percentage!;
    expect(k12.annual.percentage).toBeCloseTo((n * 27 + h * 73) / 100, 10);
    const given = orgOf(
      runAccountability2018(
        s.input(2019, { overrides: { spanWeights: new Map([['00010005', { nonhsPct: 67, hsPct: 33 }]]) } }),
        noTop,
      ),
      '00010005',
    );
    expect(given.spanWeightsSource).toBe('given');
    expect(given.annual.percentage).toBeCloseTo((n * 67 + h * 33) / 100, 10);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A state of twenty elementary schools ranked by hand: school i has figures rising with i.

const schoolCode = (i: number) => `0100${String(i + 1).padStart(4, '0')}`;

function rankedState(count = 20, values: (i: number) => number = (i) => i): State {
  const s = new State().district('01000000');
  for (let i = 0; i < count; i++) {
    const code = schoolCode(i);
    const v = values(i);
    s.school(code, ['03', '04', '05']);
    for (const year of [2017, 2018, 2019]) {
      for (const subject of ['ela', 'math', 'sci']) s.put(code, G38(subject), year, 480 + v);
      for (const subject of ['ela', 'math']) s.put(code, SGP38(subject), year, 30 + v);
      s.put(code, 'chronic_absence_pct', year, 30 - v);
      for (const subject of ['ela', 'math']) s.put(code, G38(subject), year, 460 + v, 30, LPS);
      for (const subject of ['ela', 'math']) s.put(code, SGP38(subject), year, 20 + v, 30, LPS);
      s.put(code, 'chronic_absence_pct', year, 40 - v, 30, LPS);
      for (const subject of ['ela', 'math', 'sci']) s.put(code, `mcas_${subject}_g38_participation_pct`, year, 99);
    }
  }
  return s;
}

describe('the accountability percentile and classification rules', () => {
  it('ranks schools 1-99 among schools with the same spans; the lowest 10% need focused/targeted support', () => {
    const run = runAccountability2018(rankedState().input(2019), fw);
    const pct = Array.from({ length: 20 }, (_, i) => orgOf(run, schoolCode(i)).percentile!.value);
    expect(pct).toEqual([3, 8, 13, 18, 23, 28, 33, 38, 43, 48, 53, 58, 63, 68, 73, 78, 83, 88, 93, 98]);
    expect(orgOf(run, schoolCode(0)).percentile!.comparison).toBe('nonhs');
    expect(orgOf(run, schoolCode(0)).percentile!.comparedWith).toBe(20);
    expect(orgOf(run, schoolCode(0)).percentile!.years.map((y) => [y.year, y.weight])).toEqual([
      [2017, 15],
      [2018, 25],
      [2019, 60],
    ]);
    for (const i of [0, 1])
      expect(orgOf(run, schoolCode(i)).classification).toMatchObject({
        overall: 'Requiring assistance or intervention',
        support: 'Focused/targeted support',
        reasons: ['Among lowest performing 10% of schools'],
      });
    expect(orgOf(run, schoolCode(2)).classification.overall).toBe('Not requiring assistance or intervention');
    // Districts get no percentile.
    expect(orgOf(run, '01000000').percentile).toBeNull();
  });

  it('4 points at or above the statewide 90th percentile of the same level, group and year (497.1 of 480..499)', () => {
    const run = runAccountability2018(rankedState().input(2019), fw);
    const ela = (i: number) =>
      column(orgOf(run, schoolCode(i)), 'nonhs', 'all').indicators.find(
        (r) => r.indicator === 'nonhs_ela_achievement',
      )!;
    expect(ela(19)).toMatchObject({ value: 499, points: 4, basis: 'top-percentile' });
    expect(ela(18).topValue).toBeCloseTo(497.1, 10);
    expect(ela(18)).toMatchObject({ points: 4, basis: 'top-percentile' });
    expect(ela(17).basis).not.toBe('top-percentile');
  });

  it('ELP: the 90th percentile within quantile groups of a difficulty indicator, when one is configured', () => {
    const s = rankedState(4);
    [60, 70, 30, 40].forEach((v, i) => s.put(schoolCode(i), 'elp_progress_pct', 2019, v, 30));
    [1, 1, 9, 9].forEach((v, i) => s.put(schoolCode(i), 'elp_target_difficulty', 2019, v));
    const elpPoints = (framework: AccountabilityFramework2018) =>
      column(orgOf(runAccountability2018(s.input(2019), framework), schoolCode(3)), 'nonhs', 'all').indicators.find(
        (r) => r.indicator === 'nonhs_elp',
      )!;
    // Statewide, 40 is far from the 90th percentile (67): its points come from its target.
    expect(elpPoints(fw).topValue).toBeCloseTo(67, 10);
    expect(elpPoints(fw).basis).not.toBe('top-percentile');
    // Among the harder half (30 and 40) the 90th percentile is 39.
    const withinHalves: AccountabilityFramework2018 = {
      ...fw,
      pointRules: {
        ...fw.pointRules,
        elp: { ...targetRule('elp'), topPercentileWithin: { code: 'elp_target_difficulty', groups: 2 } },
      },
    };
    expect(elpPoints(withinHalves)).toMatchObject({ points: 4, basis: 'top-percentile' });
    expect(elpPoints(withinHalves).topValue).toBeCloseTo(39, 10);
  });

  it('reports the share of schools requiring assistance beside the expected 15%', () => {
    const run = runAccountability2018(rankedState().input(2019), fw);
    expect(run.summary).toMatchObject({
      schools: 20,
      schoolsClassified: 20,
      schoolsRequiringAssistance: 2,
      focused: 2,
      broad: 0,
      sharePct: 10,
      expectedSharePct: 15,
      districts: 1,
      districtsRequiringAssistance: 0,
    });
    expect(run.summary.byReason['Among lowest performing 10% of schools']).toBe(2);
  });

  it('a student group at percentile 5 or below makes a school require assistance', () => {
    const s = rankedState();
    // High needs in each school, ranked the other way round: school 19's group is the lowest.
    for (let i = 0; i < 20; i++)
      for (const subject of ['ela', 'math'])
        s.put(schoolCode(i), G38(subject), 2019, 500 - i, 40, 'high_needs').put(
          schoolCode(i),
          SGP38(subject),
          2019,
          60 - i,
          40,
          'high_needs',
        );
    const run = runAccountability2018(s.input(2019), fw);
    const top = orgOf(run, schoolCode(19));
    expect(top.percentile!.value).toBe(98);
    expect(top.groupPercentiles).toEqual([
      expect.objectContaining({ group: 'high_needs', value: 3, comparedWith: 20 }),
    ]);
    expect(top.classification).toMatchObject({
      overall: 'Requiring assistance or intervention',
      support: 'Focused/targeted support',
      reasons: ['Low performing student group(s)'],
    });
    expect(orgOf(run, schoolCode(18)).groupPercentiles[0]!.value).toBe(8);
    expect(orgOf(run, schoolCode(18)).classification.focusedRules).not.toContain('lowGroup');
  });

  it('a 4-year graduation rate below 66.7% (66.6, not 66.7) requires assistance, for schools and districts', () => {
    const s = rankedState()
      .put(schoolCode(10), 'graduation_4yr_pct', 2018, 66.6)
      .put(schoolCode(11), 'graduation_4yr_pct', 2018, 66.7)
      .put('01000000', 'graduation_4yr_pct', 2018, 60)
      .put(schoolCode(12), 'graduation_4yr_pct', 2018, 50, 19);
    const run = runAccountability2018(s.input(2019), fw);
    expect(orgOf(run, schoolCode(10)).classification).toMatchObject({
      support: 'Focused/targeted support',
      reasons: ['Low graduation rate'],
    });
    expect(orgOf(run, schoolCode(11)).classification.focusedRules).toEqual([]);
    expect(orgOf(run, schoolCode(12)).classification.focusedRules).toEqual([]); // 19 students: not rated
    expect(orgOf(run, '01000000').classification).toMatchObject({
      overall: 'Requiring assistance or intervention',
      reasons: ['Low graduation rate'],
    });
  });

  it('participation below 95% for a group in a subject two years running requires assistance; one year does not', () => {
    const s = rankedState()
      .put(schoolCode(10), 'mcas_math_g38_participation_pct', 2018, 94.9, 60, 'disability')
      .put(schoolCode(10), 'mcas_math_g38_participation_pct', 2019, 93, 60, 'disability')
      .put(schoolCode(11), 'mcas_ela_g38_participation_pct', 2019, 90);
    const run = runAccountability2018(s.input(2019), fw);
    const ten = orgOf(run, schoolCode(10));
    expect(ten.classification).toMatchObject({ support: 'Focused/targeted support', reasons: ['Low participation'] });
    expect(ten.lowParticipation).toEqual([
      {
        group: 'disability',
        indicator: 'mcas_math_g38_participation_pct',
        rates: [
          { year: 2018, value: 94.9, n: 60 },
          { year: 2019, value: 93, n: 60 },
        ],
      },
    ]);
    expect(orgOf(run, schoolCode(11)).classification.focusedRules).toEqual([]);
    // Judged on the two-year rate instead: (99 x 100 + 90 x 100) / 200 = 94.5 < 95.
    const average: AccountabilityFramework2018 = {
      ...fw,
      classification: {
        ...fw.classification,
        participation: { ...fw.classification.participation, method: 'average' },
      },
    };
    expect(orgOf(runAccountability2018(s.input(2019), average), schoolCode(11)).classification.reasons).toEqual([
      'Low participation',
    ]);
  });

  it('districts: only the graduation and participation rules apply', () => {
    const s = rankedState();
    for (const subject of ['ela', 'math', 'sci']) s.put('01000000', G38(subject), 2019, 400); // far below everyone
    s.put('01000000', 'mcas_ela_g38_participation_pct', 2018, 90).put(
      '01000000',
      'mcas_ela_g38_participation_pct',
      2019,
      91,
    );
    const run = runAccountability2018(s.input(2019), fw);
    const district = orgOf(run, '01000000');
    expect(district.spans).toEqual(['nonhs']);
    expect(district.percentile).toBeNull();
    expect(district.classification).toMatchObject({
      overall: 'Requiring assistance or intervention',
      support: 'Focused/targeted support',
      reasons: ['Low participation'],
    });
    expect(fw.classification.districtRules).toEqual(['lowGraduation', 'lowParticipation']);
  });

  it('a designated underperforming school is in broad/comprehensive support whatever its figures', () => {
    const s = rankedState();
    s.orgs = s.orgs.map((o) => (o.code === schoolCode(15) ? { ...o, designation: 'underperforming' } : o));
    s.orgs = s.orgs.map((o) => (o.code === schoolCode(0) ? { ...o, designation: 'chronically-underperforming' } : o));
    const run = runAccountability2018(s.input(2019), fw);
    expect(orgOf(run, schoolCode(15)).classification).toMatchObject({
      overall: 'Requiring assistance or intervention',
      support: 'Broad/comprehensive support',
      reasons: ['Underperforming school'],
    });
    expect(orgOf(run, schoolCode(0)).classification).toMatchObject({
      support: 'Broad/comprehensive support',
      reasons: ['Chronically underperforming school'],
      focusedRules: ['lowestPerforming'],
    });
    expect(run.summary).toMatchObject({ schoolsRequiringAssistance: 3, broad: 2, focused: 1 });
  });

  it('a school of recognition: percentile 90+, meeting targets (75+) and every growth indicator 3+ points', () => {
    const s = rankedState();
    for (let i = 0; i < 20; i++)
      for (const m of [G38('ela'), G38('math'), G38('sci'), 'chronic_absence_pct']) s.target(schoolCode(i), m, 0, ALL);
    const run = runAccountability2018(s.input(2019), fw);
    // School 19: percentile 98, growth 49 = 2 points (not high growth); school 18 the same. Lower the bar to 2:
    expect(orgOf(run, schoolCode(19)).classification.schoolOfRecognition).toBe(false);
    const easier = { ...fw, recognition: { ...fw.recognition, minGrowthPoints: 2 } };
    const rerun = runAccountability2018(s.input(2019), easier);
    const recognised = rerun.orgs.filter((o) => o.classification.schoolOfRecognition).map((o) => o.orgCode);
    expect(recognised).toEqual([schoolCode(18), schoolCode(19)]);
    expect(orgOf(rerun, schoolCode(19)).classification).toMatchObject({
      overall: 'Not requiring assistance or intervention',
      reasons: ['School of recognition'],
    });
    expect(rerun.summary.schoolsOfRecognition).toBe(2);
  });
});

describe('properties', () => {
  /** A random state: each school's values are drawn, so ranks and points vary. */
  function randomState(draws: number[][]): State {
    const s = new State();
    draws.forEach((d, i) => {
      const code = schoolCode(i);
      s.school(code, ['03', '04', '05']);
      for (const year of [2018, 2019]) {
        const shift = year === 2019 ? 0 : 1;
        s.put(code, G38('ela'), year, 480 + d[0]! + shift).put(code, G38('math'), year, 480 + d[1]! - shift);
        s.put(code, SGP38('ela'), year, 20 + d[2]!).put(code, 'chronic_absence_pct', year, 5 + d[3]!);
        s.put(code, G38('ela'), year, 470 + d[1]!, 30, LPS).put(code, SGP38('ela'), year, 20 + d[0]!, 30, LPS);
        s.put(code, G38('ela'), year, 470 + d[3]!, 30, 'high_needs');
      }
      s.target(code, G38('ela'), 490).target(code, G38('math'), 490).target(code, 'chronic_absence_pct', 12);
      s.target(code, G38('ela'), 480, LPS);
    });
    return s;
  }
  const draws = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }), {
    minLength: 3,
    maxLength: 25,
  });
  const summary = (o: OrgAccountability2018) => ({
    code: o.orgCode,
    annual: o.annual.percentage,
    percentile: o.percentile?.value ?? null,
    groups: o.groupPercentiles,
    classification: o.classification,
  });

  it('the percentile is a rank: permuting the organizations changes nothing', () => {
    fc.assert(
      fc.property(draws, fc.integer({ min: 0, max: 1000 }), (d, seed) => {
        const s = randomState(d);
        const base = runAccountability2018(s.input(2019), fw).orgs.map(summary);
        const shuffled = [...s.orgs];
        let x = seed + 1;
        for (let i = shuffled.length - 1; i > 0; i--) {
          x = (x * 16807) % 2147483647;
          const j = x % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const permuted = runAccountability2018({ ...s.input(2019), orgs: shuffled }, fw).orgs.map(summary);
        expect(permuted).toEqual(base);
      }),
      { numRuns: 40 },
    );
  });

  it('a better value never lowers the school’s percentage or percentile', () => {
    fc.assert(
      fc.property(
        draws,
        fc.nat(),
        fc.constantFrom(G38('ela'), G38('math'), SGP38('ela'), 'chronic_absence_pct'),
        fc.integer({ min: 1, max: 30 }),
        (d, pick, indicator, gain) => {
          const s = randomState(d);
          const who = schoolCode(pick % d.length);
          const before = orgOf(runAccountability2018(s.input(2019), fw), who);
          const better = indicator === 'chronic_absence_pct' ? -gain / 4 : gain;
          s.rows = s.rows.map((r) =>
            r.orgCode === who && r.indicator === indicator && r.year === 2019 && r.group === ALL
              ? { ...r, value: r.value + better }
              : r,
          );
          const after = orgOf(runAccountability2018(s.input(2019), fw), who);
          expect(after.annual.percentage!).toBeGreaterThanOrEqual(before.annual.percentage! - 1e-9);
          expect(after.percentile!.value).toBeGreaterThanOrEqual(before.percentile!.value);
        },
      ),
      { numRuns: 60 },
    );
  });
});
