/**
 * The Massachusetts 2018+ accountability system as versioned data: category weights per group, how groups, grade
 * spans and years combine, and the progress bands with DESE's wording. The engine (`points.ts`) reads only this
 * object, so a what-if or a later framework version is a changed copy of it, never a code change.
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

const W = (
  achievement: number | null,
  growth: number | null,
  hsCompletion: number | null,
  elp: number | null,
  additional: number | null,
): CategoryWeights => ({ achievement, growth, hsCompletion, elp, additional });

/** The Massachusetts 2018+ framework (criterion-referenced target percentage and progress bands). */
export const ma2018Framework: CriterionReferencedFramework = {
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
    'bands.2018': {
      status: 'unconfirmed',
      note: '2018 used "meeting" and "partially meeting" targets; the 75 threshold and the exact wording for 2018 are not confirmed.',
    },
  },
};
