/**
 * The Massachusetts 2018+ accountability system as versioned data: indicators and the rules awarding their points,
 * category weights per group, how groups, grade spans and years combine, the progress bands with DESE's wording,
 * the accountability percentile, classification rules and default targets. The engine (`points.ts` from points,
 * `engine-2018.ts` from indicator values) reads only this object, so a what-if or a later framework version is a
 * changed copy of it, never a code change.
 *
 * Every value carries where it comes from (`settings` below): `published` (DESE's rules as summarised in
 * `../shared/domain/accountability.md`), `inferred` (read from DESE's published figures, not from a rule text), or
 * `unconfirmed` (the domain page marks it so). Explanations name the inferred and unconfirmed ones they used.
 */

/** The five categories of indicators points are awarded in. */
export type AccountabilityCategory = 'achievement' | 'growth' | 'hsCompletion' | 'elp' | 'additional';

/** The categories in the order DESE's reports list them. */
export const accountabilityCategories: readonly AccountabilityCategory[] = [
  'achievement',
  'growth',
  'hsCompletion',
  'elp',
  'additional',
];

/** Grade span of a result column: grades below high school, or high-school grades. */
export type GradeSpan = 'nonhs' | 'hs';

/** The two student groups rated: all students, and the lowest performing students (LPS). */
export type RatedGroup = 'all' | 'lowest';

/** Category weights in percent of a group's total; `null` = the category is not part of this table. */
export type CategoryWeights = Readonly<Record<AccountabilityCategory, number | null>>;

/** One weight table and the groups it applies to (the first table whose conditions all hold is used). */
export interface WeightTable {
  id: string;
  label: string;
  group: RatedGroup;
  /** Grade span the table applies to; `any` = both. */
  span: GradeSpan | 'any';
  /** Whether the table is for groups with an English language proficiency category; `any` = either. */
  elp: 'present' | 'absent' | 'any';
  weights: CategoryWeights;
}

/** A progress band: figures at or above `min` (and below the next band's) get this reason. */
export interface ProgressBand {
  min: number;
  reason: string;
}

/** Where a framework value comes from. */
export type SettingStatus = 'published' | 'inferred' | 'unconfirmed';

/** What one configurable value is, where it comes from, and why it has its default. */
export interface FrameworkSetting {
  status: SettingStatus;
  note: string;
}

/** A version of the 2018+ criterion-referenced framework, as data. */
export interface CriterionReferencedFramework {
  id: string;
  version: string;
  label: string;
  /** First school year (fy, the spring year) the framework applies to. */
  firstYear: number;
  categoryLabels: Readonly<Record<AccountabilityCategory, string>>;
  /** Weight tables, tried in order; the engine picks the first that fits the group and its categories. */
  weightTables: readonly WeightTable[];
  /**
   * Decimals the group's weighted points earned and possible are rounded to before the percentage is taken (DESE's
   * reports show them to tenths); `null` = divide the unrounded sums.
   */
  weightedPointsDecimals: number | null;
  /** Within a grade span: the share of the all-students and LPS percentages in the span's percentage. */
  spanAveraging: {
    allPct: number;
    lowestPct: number;
    /**
     * When a span has only one of the two groups: `present-group` = the span's figure is that group's percentage;
     * `none` = the span gets no figure.
     */
    whenOneGroup: 'present-group' | 'none';
  };
  /** Cumulative figure = prior-year share x prior annual + current share x current annual, from `firstYear` on. */
  cumulative: { firstYear: number; priorPct: number; currentPct: number };
  /**
   * Which number is compared with the band thresholds: `whole-number` = the figure rounded to a whole number as
   * DESE publishes it (so the reason always agrees with the number printed beside it); `unrounded` = the figure
   * before rounding.
   */
  bandFigure: 'whole-number' | 'unrounded';
  /** Band sets by the first year they apply to; the latest set whose `fromYear` is at most the year is used. */
  bands: readonly { fromYear: number; bands: readonly ProgressBand[] }[];
  /** Where each of the values above comes from, by field name. */
  settings: Readonly<Record<string, FrameworkSetting>>;
}

/** A measure the engine reads: one stored indicator value, or several summed (the extended engagement rate). */
export interface AccountabilityMeasure {
  /** The measure's code: the stored indicator code, or a derived name (`extended_engagement_pct`); targets key on it. */
  id: string;
  label: string;
  /** The stored indicator whose value (and n) the measure starts from. */
  code: string;
  /** Further stored indicators added to the value; a required one missing makes the measure missing. */
  addCodes: readonly { code: string; required: boolean }[];
  direction: 'higher' | 'lower';
  /**
   * The school year of the data used in an accountability year, relative to it (0 = the same year; -1 = the year
   * before). Graduation rates are filed under the cohort year, which is final only after the accountability year.
   */
  yearOffset: number;
  /** Unit a person reads in explanations. */
  unit: string;
}

/** One indicator of a grade span: a measure, the category it counts in, the rule awarding its points. */
export interface AccountabilityIndicator {
  id: string;
  label: string;
  span: GradeSpan;
  category: AccountabilityCategory;
  /** Id of a measure in `measures`. */
  measure: string;
  /** Key of a rule in `pointRules`. */
  rule: string;
  /** Rated groups the indicator applies to (the lowest performing students have no science, HS completion or ELP). */
  groups: readonly RatedGroup[];
}

/**
 * Points against a target: 4 beyond `metBand` on the better side of the target (or at the statewide top percentile,
 * or at `exceedsAt`), 3 within +/- `metBand`, below that 2 / 1 / 0 as the value improved, did not change (within
 * +/- `noChangeTolerance`) or declined against the prior year. Direction comes from the measure.
 */
export interface TargetPointRule {
  kind: 'target';
  metBand: number;
  noChangeTolerance: number;
  /** 4 points at or beyond this statewide percentile of the measure (90 = the best 10%); null = not used. */
  topPercentile: number | null;
  /**
   * Take the top percentile within quantile groups of another stored indicator (ELP: quartiles of target
   * difficulty); null, or an org without that value, = statewide.
   */
  topPercentileWithin: { code: string; groups: number } | null;
  /** 4 points at or beyond this value whatever the target (science CPI 97.5); null = not used. */
  exceedsAt: number | null;
  /** Below target with no prior-year value to compare: `no-change` = 1 point; `not-rated` = no points. */
  whenNoPrior: 'no-change' | 'not-rated';
}

/** Points from fixed thresholds (growth: mean SGP): the highest band whose `min` the value reaches; 0 below all. */
export interface BandPointRule {
  kind: 'bands';
  bands: readonly { min: number; points: number }[];
}

/** How one kind of indicator earns 0-4 points. */
export type PointRule = TargetPointRule | BandPointRule;

/** The rules that put a school or district in "requiring assistance or intervention". */
export type FocusedRule = 'lowestPerforming' | 'lowGroup' | 'lowGraduation' | 'lowParticipation';

/** The 2018+ framework with everything the engine needs to go from indicator values to classifications. */
export interface AccountabilityFramework2018 extends CriterionReferencedFramework {
  /** The student-group codes of stored values for the two rated groups. */
  groupCodes: Readonly<Record<RatedGroup, string>>;
  /** Reporting groups given a student-group percentile (and judged on participation). */
  reportingGroups: readonly string[];
  measures: readonly AccountabilityMeasure[];
  /** Indicators per grade span, in report order. */
  indicators: readonly AccountabilityIndicator[];
  pointRules: Readonly<Record<string, PointRule>>;
  /** Students needed for an indicator to be rated (n below it: no points). */
  minimumN: number;
  /** A group is rated only with at least one rated indicator in each of these categories. */
  ratedGroupRequires: readonly AccountabilityCategory[];
  /** Grades (DESE codes) that give a school each span; an org without grades gets the spans it has data for. */
  spanGrades: Readonly<Record<GradeSpan, readonly string[]>>;
  /**
   * Estimated span shares when none are given: the all-students n of `measures[span]` times `factor[span]` (tested
   * grades scaled to the grades the span enrols), as whole percentages.
   */
  spanShares: { measures: Readonly<Record<GradeSpan, string>>; factor: Readonly<Record<GradeSpan, number>> };
  /**
   * The accountability percentile (schools only, 1-99): each indicator value becomes its percentile rank (0-1) among
   * schools with it in that group and year, combined with the criterion-referenced weights, group averaging and span
   * shares, blended over years, ranked within the comparison set.
   */
  percentile: {
    /** Weights of the years blended, oldest first, ending with the accountability year. */
    yearWeights: readonly number[];
    /** `span-mix`: ranked among schools with the same grade spans; `all-schools`: among every school. */
    comparison: 'span-mix' | 'all-schools';
    /**
     * `same-group`: a student group's figure is ranked among the same group's figures in other schools of the
     * comparison set; `all-students`: among those schools' all-students figures.
     */
    groupComparison: 'same-group' | 'all-students';
  };
  classification: {
    /** Accountability percentile at or below which a school is among the lowest performing. */
    lowestPercentileMax: number;
    /** A reporting group's percentile at or below which it is low performing. */
    groupPercentileMax: number;
    /** 4-year graduation rate (all students) below which the rate is low. */
    graduation: { measure: string; below: number };
    participation: {
      /** Participation indicator codes per span. */
      codes: Readonly<Record<GradeSpan, readonly string[]>>;
      below: number;
      /** Consecutive years judged, ending with the accountability year. */
      years: number;
      /** `each-year`: the same group and subject below in every year; `average`: the n-weighted mean below. */
      method: 'each-year' | 'average';
    };
    schoolRules: readonly FocusedRule[];
    districtRules: readonly FocusedRule[];
  };
  /** Schools of recognition: all must hold (and the school requires no assistance). */
  recognition: {
    minPercentile: number;
    /** The figure compared with the progress bands (cumulative or annual) must reach this. */
    minBandFigure: number;
    /** Every rated growth indicator of all students must earn at least this many points (null = not used). */
    minGrowthPoints: number | null;
  };
  /** The default target method when no stored target exists (see targets.ts). */
  targets: {
    method: 'gap-to-benchmark' | 'none';
    /** First accountability year a baseline value is taken from (the org's earliest rated year from here on). */
    baselineYear: number;
    /** The benchmark: this statewide percentile of the measure in the baseline year (best side). */
    benchmarkPercentile: number;
    /** Share of the gap to the benchmark to close over `overYears` years: increment = gap x share / years. */
    gapShare: number;
    overYears: number;
  };
  /** Share of schools DESE aims to have requiring assistance (about 15%): reported beside the outcome, not a rule. */
  expectedShareRequiringAssistancePct: number;
  labels: {
    notRequiring: string;
    requiring: string;
    insufficientData: string;
    focused: string;
    broad: string;
    schoolOfRecognition: string;
    focusedReasons: Readonly<Record<FocusedRule, string>>;
    designations: Readonly<Record<'underperforming' | 'chronically-underperforming', string>>;
  };
}

const W = (
  achievement: number | null,
  growth: number | null,
  hsCompletion: number | null,
  elp: number | null,
  additional: number | null,
): CategoryWeights => ({ achievement, growth, hsCompletion, elp, additional });

const measure = (
  id: string,
  label: string,
  direction: 'higher' | 'lower',
  unit: string,
  extra: Partial<Pick<AccountabilityMeasure, 'code' | 'addCodes' | 'yearOffset'>> = {},
): AccountabilityMeasure => ({
  id,
  label,
  code: extra.code ?? id,
  addCodes: extra.addCodes ?? [],
  direction,
  yearOffset: extra.yearOffset ?? 0,
  unit,
});

const SS = 'scaled-score points';
const PP = 'percentage points';

const indicator = (
  span: GradeSpan,
  id: string,
  label: string,
  category: AccountabilityCategory,
  measureId: string,
  rule: string,
  groups: readonly RatedGroup[],
): AccountabilityIndicator => ({ id: `${span}_${id}`, label, span, category, measure: measureId, rule, groups });

const BOTH: readonly RatedGroup[] = ['all', 'lowest'];
const ALL: readonly RatedGroup[] = ['all'];

/** The indicators of one grade span (`g38` = grades 3-8 together, `g10` = grade 10). */
function spanIndicators(span: GradeSpan, grade: 'g38' | 'g10'): AccountabilityIndicator[] {
  const list: AccountabilityIndicator[] = [
    indicator(
      span,
      'ela_achievement',
      'ELA achievement',
      'achievement',
      `mcas_ela_${grade}_avg_scaled_score`,
      'achievement',
      BOTH,
    ),
    indicator(
      span,
      'math_achievement',
      'Mathematics achievement',
      'achievement',
      `mcas_math_${grade}_avg_scaled_score`,
      'achievement',
      BOTH,
    ),
    indicator(
      span,
      'sci_achievement',
      'Science achievement',
      'achievement',
      `mcas_sci_${grade}_avg_scaled_score`,
      'science',
      ALL,
    ),
    indicator(span, 'ela_growth', 'ELA growth', 'growth', `mcas_ela_${grade}_mean_sgp`, 'growth', BOTH),
    indicator(span, 'math_growth', 'Mathematics growth', 'growth', `mcas_math_${grade}_mean_sgp`, 'growth', BOTH),
  ];
  if (span === 'hs')
    list.push(
      indicator(
        span,
        'graduation_4yr',
        '4-year cohort graduation rate',
        'hsCompletion',
        'graduation_4yr_pct',
        'graduation',
        ALL,
      ),
      indicator(
        span,
        'extended_engagement',
        'Extended engagement rate',
        'hsCompletion',
        'extended_engagement_pct',
        'engagement',
        ALL,
      ),
      indicator(span, 'dropout', 'Annual dropout rate', 'hsCompletion', 'annual_dropout_pct', 'dropout', ALL),
    );
  list.push(
    indicator(span, 'elp', 'Progress toward English language proficiency', 'elp', 'elp_progress_pct', 'elp', ALL),
    indicator(
      span,
      'chronic_absence',
      'Chronic absenteeism',
      'additional',
      'chronic_absence_pct',
      'chronicAbsence',
      BOTH,
    ),
  );
  if (span === 'hs')
    list.push(
      indicator(
        span,
        'advanced_coursework',
        'Advanced coursework completion',
        'additional',
        'advanced_coursework_pct',
        'advancedCoursework',
        ALL,
      ),
    );
  return list;
}

const targetRule = (metBand: number, topPercentile: number | null = 90): TargetPointRule => ({
  kind: 'target',
  metBand,
  noChangeTolerance: metBand,
  topPercentile,
  topPercentileWithin: null,
  exceedsAt: null,
  whenNoPrior: 'no-change',
});

/** The Massachusetts 2018+ framework: indicators, point rules, weights, combination, percentile, classification. */
export const ma2018Framework: AccountabilityFramework2018 = {
  id: 'ma-2018',
  version: '2019.1',
  label: 'Massachusetts accountability system (2018 and later): criterion-referenced target percentage',
  firstYear: 2018,
  categoryLabels: {
    achievement: 'Achievement',
    growth: 'Growth',
    hsCompletion: 'High school completion',
    elp: 'English language proficiency',
    additional: 'Additional indicators',
  },
  weightTables: [
    {
      id: 'all-nonhs',
      label: 'All students, non-high-school grades',
      group: 'all',
      span: 'nonhs',
      elp: 'present',
      weights: W(60, 20, null, 10, 10),
    },
    {
      id: 'all-nonhs-no-elp',
      label: 'All students, non-high-school grades, no English language proficiency category',
      group: 'all',
      span: 'nonhs',
      elp: 'absent',
      weights: W(67.5, 22.5, null, null, 10),
    },
    {
      id: 'all-hs',
      label: 'All students, high-school grades',
      group: 'all',
      span: 'hs',
      elp: 'present',
      weights: W(40, 20, 20, 10, 10),
    },
    {
      id: 'all-hs-no-elp',
      label: 'All students, high-school grades, no English language proficiency category',
      group: 'all',
      span: 'hs',
      elp: 'absent',
      weights: W(47.5, 22.5, 20, null, 10),
    },
    {
      id: 'lowest',
      label: 'Lowest performing students (either grade span)',
      group: 'lowest',
      span: 'any',
      elp: 'any',
      weights: W(67.5, 22.5, null, null, 10),
    },
  ],
  weightedPointsDecimals: 1,
  spanAveraging: { allPct: 50, lowestPct: 50, whenOneGroup: 'present-group' },
  cumulative: { firstYear: 2019, priorPct: 40, currentPct: 60 },
  bandFigure: 'whole-number',
  bands: [
    {
      fromYear: 2018,
      bands: [
        { min: 75, reason: 'Meeting targets' },
        { min: 0, reason: 'Partially meeting targets' },
      ],
    },
    {
      fromYear: 2019,
      bands: [
        { min: 75, reason: 'Meeting or exceeding targets' },
        { min: 50, reason: 'Substantial progress toward targets' },
        { min: 25, reason: 'Moderate progress toward targets' },
        { min: 0, reason: 'Limited or no progress toward targets' },
      ],
    },
  ],
  groupCodes: { all: 'all', lowest: 'lowest_performing' },
  reportingGroups: [
    'high_needs',
    'low_income',
    'econ_disadvantaged',
    'english_learner',
    'disability',
    'african_american',
    'asian',
    'hispanic',
    'multi_race',
    'native_american',
    'pacific_islander',
    'white',
  ],
  measures: [
    ...(['ela', 'math', 'sci'] as const).flatMap((subject) =>
      (['g38', 'g10'] as const).map((grade) =>
        measure(
          `mcas_${subject}_${grade}_avg_scaled_score`,
          `MCAS ${subject} average scaled score (${grade})`,
          'higher',
          SS,
        ),
      ),
    ),
    ...(['ela', 'math'] as const).flatMap((subject) =>
      (['g38', 'g10'] as const).map((grade) =>
        measure(
          `mcas_${subject}_${grade}_mean_sgp`,
          `MCAS ${subject} mean student growth percentile (${grade})`,
          'higher',
          'SGP points',
        ),
      ),
    ),
    measure('graduation_4yr_pct', '4-year cohort graduation rate', 'higher', PP, { yearOffset: -1 }),
    measure(
      'extended_engagement_pct',
      'Extended engagement rate (5-year graduates + still in school + non-graduate completers)',
      'higher',
      PP,
      {
        code: 'graduation_5yr_pct',
        addCodes: [
          { code: 'dese_grad_5yr_still_in_school_pct', required: true },
          { code: 'dese_grad_5yr_non_grad_completers_pct', required: false },
        ],
        yearOffset: -2,
      },
    ),
    measure('annual_dropout_pct', 'Annual dropout rate, grades 9-12', 'lower', PP, { yearOffset: -1 }),
    measure('elp_progress_pct', 'Progress toward English language proficiency', 'higher', PP),
    measure('chronic_absence_pct', 'Chronic absenteeism (missing 10% or more of days)', 'lower', PP),
    measure('advanced_coursework_pct', 'Advanced coursework completion, grades 11-12', 'higher', PP),
  ],
  indicators: [...spanIndicators('nonhs', 'g38'), ...spanIndicators('hs', 'g10')],
  pointRules: {
    achievement: targetRule(0.5),
    science: targetRule(1.25),
    growth: {
      kind: 'bands',
      bands: [
        { min: 60, points: 4 },
        { min: 50, points: 3 },
        { min: 40, points: 2 },
        { min: 30, points: 1 },
      ],
    },
    graduation: targetRule(1.0),
    engagement: targetRule(1.0),
    dropout: targetRule(0.5),
    elp: targetRule(3.0),
    chronicAbsence: targetRule(0.5),
    advancedCoursework: targetRule(2.0),
  },
  minimumN: 20,
  ratedGroupRequires: ['achievement'],
  spanGrades: { nonhs: ['03', '04', '05', '06', '07', '08'], hs: ['10'] },
  spanShares: {
    measures: { nonhs: 'mcas_ela_g38_avg_scaled_score', hs: 'mcas_ela_g10_avg_scaled_score' },
    factor: { nonhs: 1.5, hs: 4 },
  },
  percentile: {
    yearWeights: [15, 25, 60],
    comparison: 'span-mix',
    groupComparison: 'same-group',
  },
  classification: {
    lowestPercentileMax: 10,
    groupPercentileMax: 5,
    graduation: { measure: 'graduation_4yr_pct', below: 66.7 },
    participation: {
      codes: {
        nonhs: ['mcas_ela_g38_participation_pct', 'mcas_math_g38_participation_pct', 'mcas_sci_g38_participation_pct'],
        hs: ['mcas_ela_g10_participation_pct', 'mcas_math_g10_participation_pct', 'mcas_sci_g10_participation_pct'],
      },
      below: 95,
      years: 2,
      method: 'each-year',
    },
    schoolRules: ['lowestPerforming', 'lowGroup', 'lowGraduation', 'lowParticipation'],
    districtRules: ['lowGraduation', 'lowParticipation'],
  },
  recognition: { minPercentile: 90, minBandFigure: 75, minGrowthPoints: 3 },
  targets: { method: 'gap-to-benchmark', baselineYear: 2017, benchmarkPercentile: 90, gapShare: 0.5, overYears: 6 },
  expectedShareRequiringAssistancePct: 15,
  labels: {
    notRequiring: 'Not requiring assistance or intervention',
    requiring: 'Requiring assistance or intervention',
    insufficientData: 'Insufficient data',
    focused: 'Focused/targeted support',
    broad: 'Broad/comprehensive support',
    schoolOfRecognition: 'School of recognition',
    focusedReasons: {
      lowestPerforming: 'Among lowest performing 10% of schools',
      lowGroup: 'Low performing student group(s)',
      lowGraduation: 'Low graduation rate',
      lowParticipation: 'Low participation',
    },
    designations: {
      underperforming: 'Underperforming school',
      'chronically-underperforming': 'Chronically underperforming school',
    },
  },
  settings: {
    weightTables: {
      status: 'published',
      note: 'Category weights per group from DESE (all non-HS 60/20/-/10/10, all HS 40/20/20/10/10, LPS 67.5/22.5/-/-/10; without an ELP category the all-students weights become 67.5/22.5/-/-/10 and 47.5/22.5/20/-/10). A category absent for other reasons (no science grades, no graduates yet) simply adds nothing to earned or possible.',
    },
    weightedPointsDecimals: {
      status: 'inferred',
      note: "DESE's reports show weighted points to tenths, and its percentages follow from those: Barnstable 2019 HS LPS earns 4.25 weighted points, shown as 4.3, and 4.3 of 7.6 = 57% as published (the unrounded 4.25 would give 56%, and an HS span of 59 instead of the published 60). Set null to divide unrounded sums.",
    },
    spanAveraging: {
      status: 'published',
      note: 'Within a grade span the all-students and LPS percentages are averaged 50/50.',
    },
    'spanAveraging.whenOneGroup': {
      status: 'unconfirmed',
      note: 'When a span has only one of the two groups (the LPS group too small to rate), its figure is the group present: leaving the span out would also drop the all-students result, and halving it would penalise a school for a group it does not have.',
    },
    spanWeights: {
      status: 'unconfirmed',
      note: 'Two grade spans combine by the shares on DESE’s report (70/30, 72/28, 76/24, 67/33 seen; basis likely enrollment). They are inputs, not derived: without them an organization with both spans gets no annual figure.',
    },
    cumulative: {
      status: 'published',
      note: 'From 2019 the cumulative criterion-referenced target percentage is 40% of the prior year’s annual figure plus 60% of the current one, on unrounded figures where they are known (the prior year is usually known only as published, a whole number).',
    },
    bandFigure: {
      status: 'unconfirmed',
      note: 'DESE states the bands in whole numbers (50-74, 25-49): the figure compared is taken to be the published whole number, so a figure printed as 75 is never called "substantial progress". Set unrounded to compare the figure before rounding.',
    },
    bands: {
      status: 'published',
      note: 'From 2019: 75 or more "Meeting or exceeding targets"; 50-74 "Substantial progress toward targets"; 25-49 "Moderate progress toward targets"; below 25 "Limited or no progress toward targets", worded as in DESE’s files.',
    },
    indicators: {
      status: 'published',
      note: 'Indicators per span (603 CMR 2.02): ELA, math and science achievement (average scaled score), ELA and math growth (mean SGP), the three HS completion rates, ELP progress, chronic absenteeism, advanced coursework (HS). The lowest performing students have no science, HS completion, ELP or advanced coursework.',
    },
    'measures.yearOffset': {
      status: 'unconfirmed',
      note: 'HS completion data lag the accountability year: the 4-year graduation rate of the prior cohort (-1), the extended engagement rate of the cohort before it (-2, its 5-year rate is the latest final one), the prior year’s dropout rate (-1); ssos files rates under the cohort year and DESE publishes them the winter after. Everything else is the accountability year.',
    },
    'measures.extended_engagement_pct': {
      status: 'published',
      note: 'Extended engagement rate = 5-year graduation rate + % still in school after five years (+ non-graduate completers when stored).',
    },
    'pointRules.achievement': {
      status: 'published',
      note: 'ELA/math average scaled score: 4 at or above the statewide 90th percentile or more than 0.5 above target; 3 within +/-0.5; below that 2 improved, 1 no change, 0 declined.',
    },
    'pointRules.science': {
      status: 'published',
      note: 'Science: 4 at the 90th percentile or more than 1.25 above target, 3 within +/-1.25. The CPI >= 97.5 rule (exceedsAt) is off because the stored science measure is an average scaled score, not a CPI; set exceedsAt to 97.5 when a CPI is stored.',
    },
    'pointRules.growth': {
      status: 'published',
      note: 'Mean SGP: 60+ = 4, 50-59.9 = 3, 40-49.9 = 2 (published); 30-39.9 = 1 and below 30 = 0 are unconfirmed.',
    },
    'pointRules.growth.below40': {
      status: 'unconfirmed',
      note: 'Mean SGP 30-39.9 = 1 point and below 30 = 0: the domain page marks the two lowest bands unconfirmed; 10-point steps continue the published pattern.',
    },
    'pointRules.chronicAbsence': {
      status: 'published',
      note: 'Chronic absenteeism (a reduction target): 4 more than 0.5 pp better than target or at the statewide 90th percentile (the best 10%, lowest rates), 3 within +/-0.5 pp.',
    },
    'pointRules.elp': {
      status: 'published',
      note: 'ELP progress: 4 more than 3.0 pp above target or at the 90th percentile, 3 within +/-3.0 pp.',
    },
    'pointRules.elp.quartile': {
      status: 'unconfirmed',
      note: 'DESE takes the ELP 90th percentile within the school’s target-difficulty quartile. The difficulty needs student-level ACCESS data not among the stored values, so by default (topPercentileWithin = null) the 90th percentile is statewide; set topPercentileWithin to an indicator code holding each school’s difficulty to use quartiles of it.',
    },
    'pointRules.graduation': {
      status: 'unconfirmed',
      note: 'No public rule text: by analogy, 4-year graduation earns 4 more than 1.0 pp above target or at the 90th percentile, 3 within +/-1.0 pp, then improved / no change / declined.',
    },
    'pointRules.engagement': {
      status: 'unconfirmed',
      note: 'No public rule text: extended engagement as the graduation rate, +/-1.0 pp and the 90th percentile.',
    },
    'pointRules.dropout': {
      status: 'unconfirmed',
      note: 'No public rule text: dropout is a reduction target like chronic absenteeism, +/-0.5 pp (rates are small) and the best 10% (lowest rates).',
    },
    'pointRules.advancedCoursework': {
      status: 'unconfirmed',
      note: 'No public rule text: advanced coursework earns 4 more than 2.0 pp above target or at the 90th percentile, 3 within +/-2.0 pp.',
    },
    'pointRules.noChangeTolerance': {
      status: 'unconfirmed',
      note: 'Below target, "improved" / "no change" / "declined" compare the value with the prior year’s. DESE gives no tolerance; a change no larger than the band that counts as meeting the target (0.5 scaled-score points, 3.0 pp for ELP...) is taken as no change, exactly the band included.',
    },
    'pointRules.whenNoPrior': {
      status: 'unconfirmed',
      note: 'Below target with no rated prior-year value the change cannot be judged: the indicator earns 1 point ("no change") rather than being dropped, so the group keeps the points possible. Set not-rated to drop it.',
    },
    'pointRules.topPercentile': {
      status: 'unconfirmed',
      note: 'The statewide percentile is taken among organizations of the same level (schools, districts), the same student group and year, with at least the minimum n, by linear interpolation between ranks; lower-is-better measures use the mirror percentile (the 10th).',
    },
    minimumN: {
      status: 'unconfirmed',
      note: 'An indicator is rated with 20 or more students (n = students included, with an SGP, in the cohort, EL students...). An unknown n is rated.',
    },
    ratedGroupRequires: {
      status: 'unconfirmed',
      note: 'A group (and so a column) is rated only when at least one achievement indicator is rated: a percentage from chronic absenteeism alone would say nothing about the school’s results.',
    },
    spanGrades: {
      status: 'published',
      note: 'Non-high-school results cover tested grades 3-8, high-school results grade 10: a school serving any of grades 3-8 has the non-HS span, one serving grade 10 the HS span. An organization with no grades listed (a district) has the spans it has all-students achievement data for.',
    },
    spanShares: {
      status: 'unconfirmed',
      note: 'When DESE’s shares are not given (overrides), two spans combine by an enrollment estimate: students in the all-students ELA results, grades 3-8 x 1.5 (for K-8) and grade 10 x 4 (for 9-12), as whole percentages. Barnstable-like districts give about 69/31 against the published 67/33.',
    },
    'percentile.method': {
      status: 'unconfirmed',
      note: 'DESE publishes no method. Default: each indicator value becomes its percentile rank (0-1, ties share the midpoint) among schools with that indicator, group and year; these are combined with the criterion-referenced category weights, the 50/50 group averaging and the span shares; the figure is ranked and scaled 1-99 (ceil(100 x (rank - 0.5) / N), so "10 or below" is exactly the lowest 10%).',
    },
    'percentile.yearWeights': {
      status: 'unconfirmed',
      note: 'Three years blended 15/25/60 (oldest to newest), per a secondary source; a missing year’s weight is shared among the others. A school needs the current year.',
    },
    'percentile.comparison': {
      status: 'unconfirmed',
      note: 'Schools serving similar grades = schools with the same grade spans (non-HS only, HS only, both).',
    },
    'percentile.groupComparison': {
      status: 'unconfirmed',
      note: 'A reporting group’s percentile ranks the group’s figure (all-students weights, its own indicators) among the same group in schools of the same comparison set.',
    },
    classification: {
      status: 'published',
      note: 'Focused/targeted support: lowest 10% by accountability percentile, a student group at percentile 5 or below, 4-year graduation below 66.7%, or participation below 95%. Broad/comprehensive: designated underperforming or chronically underperforming. Districts: graduation and participation only.',
    },
    'classification.participation': {
      status: 'unconfirmed',
      note: '"Judged over two years": flagged when the same group (all students or a reporting group with the minimum n) is below 95% in the same subject in both years; method average uses the n-weighted two-year rate instead.',
    },
    recognition: {
      status: 'unconfirmed',
      note: 'Schools of recognition (high achievement, high growth, exceeding targets): accountability percentile 90+, meeting or exceeding targets (75+), every rated all-students growth indicator earning 3+ points, and no assistance required.',
    },
    'targets.method': {
      status: 'unconfirmed',
      note: 'Without a stored target: baseline = the org’s own value in its earliest rated year from 2017; benchmark = the statewide 90th percentile (best side) among the same level and group in that year; annual increment = half the gap to the benchmark over six years (0 when at or past it). Target = baseline + increment x years since the baseline.',
    },
    expectedShareRequiringAssistance: {
      status: 'published',
      note: 'About 15% of schools require assistance: an outcome reported beside each run, not a rule the engine enforces.',
    },
    designationLabels: {
      status: 'unconfirmed',
      note: 'Broad/comprehensive support reasons worded "Underperforming school" / "Chronically underperforming school".',
    },
    'bands.2018': {
      status: 'unconfirmed',
      note: '2018 used "meeting" and "partially meeting" targets; the 75 threshold and the exact wording for 2018 are not confirmed.',
    },
  },
};
