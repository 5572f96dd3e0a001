import type { FrameworkSetting } from './framework-2018.ts';

/**
 * The Massachusetts 2012-2017 accountability system (Levels 1-5, the Progress and Performance Index) as versioned
 * data, in the same shape as `ma2018Framework`: the engine (`levels-2012.ts`) reads only this object, and every
 * value's origin is in `settings` (`published`, `inferred` from DESE's published figures, or `unconfirmed`: a
 * documented default where no public rule text was found). Explanations name the inferred and unconfirmed settings
 * they used.
 *
 * Sources (cited by key in `settings`):
 * - [domain] `../shared/domain/accountability.md` section B.
 * - [help] DESE Profiles help, "Accountability and assistance level" (profiles.doe.mass.edu/help/data.aspx?section=acct):
 *   Level 1 = cumulative PPI >= 75 for all students and high needs; Level 2 otherwise or participation 90-94%;
 *   Level 3 = lowest 20% of schools of the same school type, a subgroup among the lowest 20% of subgroups statewide,
 *   graduation "less than 67% for the most recent 4-year rate and less than 70% for the three most recent 5-year
 *   rates for any subgroup", or participation below 90% for any group; unclassified: small schools, schools ending
 *   in grade 1 or 2, new or substantially reconfigured schools; a district takes the level of its lowest school unless
 *   the Board placed it in Level 4 or 5.
 * - [report] DESE school accountability reports 2013-2017 (profiles.doe.mass.edu/accountability/report/school.aspx):
 *   annual PPI = total points / number of indicators (e.g. (450 + 150) / 5 = 120), cumulative PPI = (Y1 x 1 + Y2 x 2 +
 *   Y3 x 3 + Y4 x 4) / 10, extra credit rows "decreasing % Warning/Failing (10% or more)", "increasing % Advanced
 *   (10% or more)", "dropout re-engagement (2 or more)", and from 2016 "high growth on ACCESS for ELLs"; eligibility
 *   "20 for schools, 30 for subgroups ... in English language arts and mathematics in the most recent year and one of
 *   the two prior years"; 2017 participation = the higher of the year's rate and the two-year average; subgroup
 *   percentiles "relative to ... all subgroups statewide in the same school type".
 * - [state2013] DESE 2013 accountability data, state totals (district.aspx?fycode=2013&orgcode=00000000): ELA CPI
 *   baseline 2011, 2013 target and 6-year goal per group (all students 87.2 -> 89.3 -> 93.6) and ratings
 *   "On Target" 75, "Improved Below Target" 50, "No Change" 25 with their CPI changes.
 * - [aboutdata] DESE "About the data" for 2013 reports: the goal is to halve proficiency gaps by 2017; 2013 uses the
 *   2012 four-year and 2011 five-year graduation rates and the 2012 annual dropout rate; "high needs" = students
 *   with disabilities, EL and former EL, low income, unduplicated.
 * - [sources/003] `../shared/domain/sources/003_*.txt` (DESE SSoS page): districts "are only as strong as their weakest
 *   school"; Level 1 least to Level 5 most intervention; Commendation Schools for high performance, high progress and
 *   closing gaps (no criteria given).
 * - [district2013] DESE 2013 district accountability table (staterc/district_accountability.aspx?fyCode=2013): reasons
 *   "Meeting gap narrowing goals", "Not meeting gap narrowing goals", "One or more schools in the district classified
 *   into Level N", "Insufficient data"; cumulative PPIs shown as whole numbers up to 100.
 */

/** MCAS subjects of the PPI. */
export type Subject2012 = 'ela' | 'math' | 'science';

/** The subjects in report order. */
export const subjects2012: readonly Subject2012[] = ['ela', 'math', 'science'];

/** School types the 20% cut is made within. */
export type SchoolType2012 = 'ES' | 'ESMS' | 'MS' | 'MSHS' | 'HS' | 'K-12';

/** MCAS-Alt results, scored separately from scaled scores. */
export type McasAltResult = 'progressing' | 'emerging' | 'awareness' | 'incomplete' | 'notSubmitted';

/** A CPI band: scaled scores from `min` to `max` (inclusive) earn `points`. */
export interface CpiBand {
  min: number;
  max: number;
  points: number;
  label: string;
}

/**
 * How Next-Generation MCAS scaled scores (440-560, from 2017) are put on the legacy scale (200-280) before their CPI
 * points are looked up: a straight line through two anchor pairs. DESE published no such concordance: it is the
 * platform's own choice (`origin: 'ssos'`), so Level 1-5 can be computed from today's student records.
 */
export interface ScoreConcordance {
  origin: 'ssos';
  label: string;
  /** Next-Generation scores from `fromMin` to `fromMax` map linearly onto `toMin` to `toMax`; others are not scored. */
  fromMin: number;
  fromMax: number;
  toMin: number;
  toMax: number;
}

/** The five PPI ratings of a target indicator (narrowing proficiency gaps, dropout, graduation). */
export type PpiRating = 'aboveTarget' | 'onTarget' | 'improvedBelowTarget' | 'noChange' | 'declined';

/** The ratings in order from best to worst. */
export const ppiRatings: readonly PpiRating[] = [
  'aboveTarget',
  'onTarget',
  'improvedBelowTarget',
  'noChange',
  'declined',
];

/**
 * How a target indicator is rated: the target path closes `gapShare` of the baseline gap to `ideal` over `goalYears`
 * in equal annual steps; the figure is rated against the year's target, then by its change from the prior year.
 */
export interface TargetIndicatorRule {
  label: string;
  /** `higher`: higher is better (CPI, graduation); `lower`: lower is better (dropout). */
  direction: 'higher' | 'lower';
  /** The value the gap is measured to (100 for CPI and graduation, 0 for dropout). */
  ideal: number;
  /** Share of the baseline gap the goal closes (0.5 = halve it). */
  gapShare: number;
  /** Data year of the baseline (the year the figure is stored under). */
  baselineYear: number;
  /** Years from the baseline to the goal. */
  goalYears: number;
  /** The figure rated in accountability year Y is the one stored under year Y - lagYears. */
  lagYears: number;
  /** At or better than target = above target; short of the target by at most this much = on target. */
  onTargetBand: number;
  /** Better than the prior year by more than 0 = improved; worse by at most this much = no change; more = declined. */
  noChangeBand: number;
}

/** A growth cut: a median SGP of at least `min` earns `points`. */
export interface GrowthCut {
  min: number;
  points: number;
  label: string;
}

/** The PPI's core indicators. */
export type PpiIndicator = 'cpiEla' | 'cpiMath' | 'cpiScience' | 'growthEla' | 'growthMath' | 'dropout' | 'graduation';

/** Extra-credit kinds. */
export type ExtraCreditKind = 'warningFailingDecrease' | 'advancedIncrease' | 'dropoutReengagement' | 'elpGrowth';

/** Indicators a school's (or group's) percentile composite may use. */
export type PercentileIndicator =
  'cpiEla' | 'cpiMath' | 'cpiScience' | 'growthEla' | 'growthMath' | 'graduation4' | 'dropout';

/** Levels a school or district can be placed in. */
export type Level2012 = 1 | 2 | 3 | 4 | 5;

/** A version of the 2012-2017 Level 1-5 framework, as data. */
export interface LevelsFramework {
  id: string;
  version: string;
  label: string;
  /** First and last accountability year (fy, the spring year) the framework applies to. */
  firstYear: number;
  lastYear: number;
  /** Student group codes the rules name (codes of `core/student-groups.ts`). */
  groups: { all: string; highNeeds: string };
  cpi: {
    /** Scaled-score bands of the legacy MCAS (200-280). */
    scaledScoreBands: readonly CpiBand[];
    /** Points for MCAS-Alt results. */
    alt: Readonly<Record<McasAltResult, number>>;
    /** Legacy MCAS performance levels used for the extra credit when figures come from student scores. */
    legacyLevels: { advancedMin: number; warningFailingBelow: number };
    /** Next-Generation scores onto the legacy scale (an ssos choice, see `ScoreConcordance`). */
    nextGenConcordance: ScoreConcordance;
  };
  ppi: {
    ratingPoints: Readonly<Record<PpiRating, number>>;
    ratingLabels: Readonly<Record<PpiRating, string>>;
    /** Narrowing proficiency gaps: one rule for the three subjects' CPI. */
    cpi: TargetIndicatorRule;
    /** Median SGP cuts, from the highest `min` down. */
    growth: readonly GrowthCut[];
    dropout: TargetIndicatorRule;
    graduation4: TargetIndicatorRule;
    graduation5: TargetIndicatorRule;
    /** `best`: the graduation indicator earns the better of the 4-year and 5-year ratings; `four-year`: 4-year only. */
    graduationCombine: 'best' | 'four-year';
    /**
     * The prior year an indicator's change is measured from: the year before, or, when that year has no figure, the
     * year before that (`prior-or-one-before`), or only the year before (`prior-only`).
     */
    priorYear: 'prior-or-one-before' | 'prior-only';
    extraCredit: {
      points: number;
      /** % Warning/Failing down by at least this many percent of the prior figure (relative) or points. */
      warningFailingDecrease: number;
      /** % Advanced up by at least this many percent of the prior figure (relative) or points. */
      advancedIncrease: number;
      /** Whether the two changes above are relative to the prior figure or in percentage points. */
      change: 'relative' | 'points';
      /** Re-engaged dropouts (reported the year before) needed for extra credit. */
      reengagedMin: number;
      reengagedLagYears: number;
      /** Median ACCESS growth (SGP) needed for the English language acquisition extra credit, from `elpFromYear`. */
      elpSgpMin: number;
      elpFromYear: number;
    };
  };
  cumulative: {
    /** Weights of the annual PPIs, oldest first (Y-3 .. Y). */
    weights: readonly number[];
    /** Cumulative PPIs above this are shown as this (DESE: "between 0 and 100"); null = no cap. */
    cap: number | null;
    /** Fewest annual PPIs (the current one among them) for a cumulative PPI. */
    minYears: number;
    /** A missing year's weight is dropped and the others renormalised (`renormalise`), or no figure (`none`). */
    whenYearMissing: 'renormalise' | 'none';
  };
  /** Cumulative PPI a group must reach (Level 1 and the "met target" label). */
  target: number;
  /** Minimum students assessed (ELA and math) for an annual PPI. */
  minN: { school: number; subgroup: number };
  /** Figures compared with thresholds (cumulative PPI, participation): as published (whole numbers) or unrounded. */
  compareFigures: 'whole-number' | 'unrounded';
  level1: {
    /** Groups whose cumulative PPI must reach the target. */
    groups: readonly string[];
    /** A listed group too small to rate: `skip` it (the others decide) or treat the school as not meeting (`fail`). */
    whenGroupNotRated: 'skip' | 'fail';
  };
  participation: {
    subjects: readonly Subject2012[];
    /** Below this (and at or above `level3Below`) for any group and subject: Level 2. */
    level2Below: number;
    /** Below this for any group and subject: Level 3. */
    level3Below: number;
    /** From this year a rate below `level2Below` is replaced by the two-year average when that is higher; null = never. */
    twoYearAverageFromYear: number | null;
  };
  level3: {
    /** Schools below this percent of same-type schools (and subgroups below this percent of subgroups): Level 3. */
    lowestPct: number;
    schoolTypes: readonly SchoolType2012[];
    graduation: { fourYearBelow: number; fourYearYears: number; fiveYearBelow: number; fiveYearYears: number };
  };
  percentile: {
    /** How a school's (or subgroup's) score is made when no percentile is given (see settings). */
    method: 'indicator-rank-average';
    indicators: readonly PercentileIndicator[];
    /** Weights of the years averaged for each indicator, oldest first (Y-3 .. Y). */
    yearWeights: readonly number[];
    /**
     * Charter schools are left out of every ranking pool; `placed`: a charter still gets the percentile its score
     * would have among the pool (and the 20% rule applies to it); `none`: charters get no percentile.
     */
    charters: 'placed' | 'none';
  };
  designation: {
    levels: readonly Level2012[];
    /** Designated (Level 4 and 5) schools above this percent of classified schools raise a warning. */
    maxSharePct: number;
  };
  unclassified: {
    /** Schools whose highest grade is at most this are not classified. */
    highestGradeAtMost: number;
  };
  commendation: {
    /** Only Level 1 schools can be commended. */
    onlyLevel1: boolean;
    /** School percentile at or above this: high performance; null = not awarded. */
    highPerformancePercentileMin: number | null;
    /** All-students cumulative PPI at or above this: high progress; null = not awarded. */
    highProgressCumulativePpiMin: number | null;
    /** High-needs cumulative PPI at or above this: narrowing gaps; null = not awarded. */
    narrowingGapsHighNeedsPpiMin: number | null;
  };
  /** The wording of each reason. */
  reasons: {
    level1: string;
    notMeetingGoals: string;
    lowParticipation: string;
    lowestSchools: string;
    lowestSubgroups: string;
    lowGraduation: string;
    veryLowParticipation: string;
    designated: string;
    district: string;
    insufficientData: string;
  };
  /** Where each of the values above comes from, by field name. */
  settings: Readonly<Record<string, FrameworkSetting>>;
}

const sharedTargetPath = { gapShare: 0.5, goalYears: 6 } as const;

/** The Massachusetts 2012-2017 framework: CPI, PPI and Levels 1-5. */
export const ma2012Framework: LevelsFramework = {
  id: 'ma-2012',
  version: '2012.2',
  label: 'Massachusetts accountability system (2012-2017): Progress and Performance Index and Levels 1-5',
  firstYear: 2012,
  lastYear: 2017,
  groups: { all: 'all', highNeeds: 'high_needs' },
  cpi: {
    scaledScoreBands: [
      { min: 240, max: 280, points: 100, label: 'Proficient or Advanced (240-280)' },
      { min: 230, max: 238, points: 75, label: 'Needs Improvement, upper (230-238)' },
      { min: 220, max: 228, points: 50, label: 'Needs Improvement, lower (220-228)' },
      { min: 210, max: 218, points: 25, label: 'Warning/Failing, upper (210-218)' },
      { min: 200, max: 208, points: 0, label: 'Warning/Failing, lower (200-208)' },
    ],
    alt: { progressing: 100, emerging: 75, awareness: 50, incomplete: 25, notSubmitted: 0 },
    legacyLevels: { advancedMin: 260, warningFailingBelow: 220 },
    nextGenConcordance: {
      origin: 'ssos',
      label: 'linear, 440 -> 200 and 560 -> 280 (an ssos choice, not a DESE rule)',
      fromMin: 440,
      fromMax: 560,
      toMin: 200,
      toMax: 280,
    },
  },
  ppi: {
    ratingPoints: { aboveTarget: 100, onTarget: 75, improvedBelowTarget: 50, noChange: 25, declined: 0 },
    ratingLabels: {
      aboveTarget: 'Above Target',
      onTarget: 'On Target',
      improvedBelowTarget: 'Improved Below Target',
      noChange: 'No Change',
      declined: 'Declined',
    },
    cpi: {
      label: 'Narrowing proficiency gaps (CPI)',
      direction: 'higher',
      ideal: 100,
      ...sharedTargetPath,
      baselineYear: 2011,
      lagYears: 0,
      onTargetBand: 2,
      noChangeBand: 1,
    },
    growth: [
      { min: 51, points: 100, label: 'Above Target' },
      { min: 40, points: 75, label: 'On Target' },
      { min: 30, points: 50, label: 'Below Target' },
      { min: 20, points: 25, label: 'Well Below Target' },
      { min: 0, points: 0, label: 'Very Low Growth' },
    ],
    dropout: {
      label: 'Annual dropout rate',
      direction: 'lower',
      ideal: 0,
      ...sharedTargetPath,
      baselineYear: 2010,
      lagYears: 1,
      onTargetBand: 0.5,
      noChangeBand: 0.5,
    },
    graduation4: {
      label: 'Four-year cohort graduation rate',
      direction: 'higher',
      ideal: 100,
      ...sharedTargetPath,
      baselineYear: 2010,
      lagYears: 1,
      onTargetBand: 2,
      noChangeBand: 1,
    },
    graduation5: {
      label: 'Five-year cohort graduation rate',
      direction: 'higher',
      ideal: 100,
      ...sharedTargetPath,
      baselineYear: 2009,
      lagYears: 2,
      onTargetBand: 2,
      noChangeBand: 1,
    },
    graduationCombine: 'best',
    priorYear: 'prior-or-one-before',
    extraCredit: {
      points: 25,
      warningFailingDecrease: 10,
      advancedIncrease: 10,
      change: 'relative',
      reengagedMin: 2,
      reengagedLagYears: 1,
      elpSgpMin: 60,
      elpFromYear: 2016,
    },
  },
  cumulative: { weights: [1, 2, 3, 4], cap: 100, minYears: 2, whenYearMissing: 'renormalise' },
  target: 75,
  minN: { school: 20, subgroup: 30 },
  compareFigures: 'whole-number',
  level1: { groups: ['all', 'high_needs'], whenGroupNotRated: 'skip' },
  participation: {
    subjects: ['ela', 'math', 'science'],
    level2Below: 95,
    level3Below: 90,
    twoYearAverageFromYear: 2017,
  },
  level3: {
    lowestPct: 20,
    schoolTypes: ['ES', 'ESMS', 'MS', 'MSHS', 'HS', 'K-12'],
    graduation: { fourYearBelow: 67, fourYearYears: 1, fiveYearBelow: 70, fiveYearYears: 3 },
  },
  percentile: {
    method: 'indicator-rank-average',
    indicators: ['cpiEla', 'cpiMath', 'cpiScience', 'growthEla', 'growthMath', 'graduation4', 'dropout'],
    yearWeights: [1, 2, 3, 4],
    charters: 'placed',
  },
  designation: { levels: [4, 5], maxSharePct: 4 },
  unclassified: { highestGradeAtMost: 2 },
  commendation: {
    onlyLevel1: true,
    highPerformancePercentileMin: 90,
    highProgressCumulativePpiMin: 90,
    narrowingGapsHighNeedsPpiMin: 90,
  },
  reasons: {
    level1: 'Meeting gap narrowing goals',
    notMeetingGoals: 'Not meeting gap narrowing goals',
    lowParticipation: 'Low assessment participation',
    lowestSchools: 'Among lowest performing 20% of schools',
    lowestSubgroups: 'Among lowest performing 20% of subgroups',
    lowGraduation: 'Persistently low graduation rates',
    veryLowParticipation: 'Very low assessment participation',
    designated: 'Designated by the Board of Elementary and Secondary Education',
    district: 'One or more schools in the district classified into Level',
    insufficientData: 'Insufficient data',
  },
  settings: {
    'cpi.scaledScoreBands': {
      status: 'published',
      note: '[domain], [glossary CPI]: 240-280 = 100, 230-238 = 75, 220-228 = 50, 210-218 = 25, 200-208 = 0. MCAS reports even scaled scores only; an odd score falls in the band whose minimum it reaches (239 -> 75). Scores outside 200-280 are not scored.',
    },
    'cpi.alt': {
      status: 'published',
      note: '[domain]: MCAS-Alt Progressing 100, Emerging 75, Awareness 50, incomplete 25, not submitted 0. Group CPI = mean of the students’ points.',
    },
    'cpi.legacyLevels': {
      status: 'inferred',
      note: 'Legacy MCAS performance levels: Warning/Failing 200-218 (the CPI bands worth 0 and 25 points, [domain]) and Advanced 260-280 (the legacy MCAS level as reported on MCAS results; not on the domain page). Used only when % Warning/Failing and % Advanced are computed from student scores for the extra credit.',
    },
    'cpi.nextGenConcordance': {
      status: 'unconfirmed',
      note: 'An ssos choice, not a DESE rule: DESE published no concordance between the Next-Generation MCAS (440-560, from 2017) and the legacy scale (200-280). When a CPI is computed from student records, each Next-Generation scaled score is first put on the legacy scale along a straight line, 440 -> 200 and 560 -> 280 (legacy = 200 + (score - 440) x 80 / 120). It maps the Next-Generation cuts 470, 500 and 530 exactly onto the legacy 220, 240 and 260, so Not Meeting = Warning/Failing, Partially Meeting = Needs Improvement, Meeting = Proficient and Exceeding = Advanced; CPI points by Next-Generation score: 440-454 = 0, 455-469 = 25, 470-484 = 50, 485-499 = 75, 500-560 = 100. Figures compared with CPIs of 2011-2017 are not like for like. Change fromMin, fromMax, toMin, toMax for another line.',
    },
    'ppi.ratingPoints': {
      status: 'published',
      note: '[domain], [state2013]: each core indicator earns 100 (Above Target), 75 (On Target), 50 (Improved Below Target), 25 (No Change) or 0 (Declined), worded as on DESE’s reports.',
    },
    'ppi.cpi.targets': {
      status: 'published',
      note: '[aboutdata], [state2013]: the goal halves the 2011 proficiency gap by 2017 (goal = baseline + (100 - baseline) / 2), in six equal annual steps: 2013 target = baseline + 2 x (goal - baseline) / 6 (all students ELA: 87.2 -> 89.3, goal 93.6). A target given in the input (the state’s targets file) replaces the computed one.',
    },
    'ppi.baselineFallback': {
      status: 'unconfirmed',
      note: 'A group (or indicator) without a figure in the baseline year takes its first earlier year with a figure as its baseline, and its target path starts there. DESE’s rule for groups that appeared after 2011 was not found.',
    },
    'ppi.cpi.onTargetBand': {
      status: 'unconfirmed',
      note: 'At or above the year’s target = Above Target (100); up to 2.0 CPI points short = On Target (75). DESE’s exact band was not found. [state2013] brackets it: Asian students 1.1 short = On Target, all students 2.5 short = Improved Below Target, so the band lies between 1.1 and 2.5.',
    },
    'ppi.cpi.noChangeBand': {
      status: 'unconfirmed',
      note: 'Below the on-target band, a CPI above the prior year’s = Improved Below Target (50); from the prior year’s down to 1.0 point below = No Change (25); lower = Declined (0). [state2013]: +0.1 was "Improved Below Target", -0.1 and -0.5 were "No Change"; the decline threshold (here 1.0) was not found.',
    },
    'ppi.growth': {
      status: 'unconfirmed',
      note: 'Growth (median SGP, ELA and math) is rated on the year’s figure, not a change: 51 or more = 100, 40-50.9 = 75, 30-39.9 = 50, 20-29.9 = 25, below 20 = 0. The cuts and labels are not confirmed (DESE’s "moderate growth" band is 40-60; the 2018+ system uses 60/50/40/30).',
    },
    'ppi.dropout': {
      status: 'unconfirmed',
      note: 'Annual dropout rate, lower is better: halve the baseline rate over six years, as for CPI; on target up to 0.5 percentage points above target; no change up to 0.5 points above the prior year. The target method and bands are not confirmed. Data lag (published, [aboutdata]): 2013 uses the 2012 rate.',
    },
    'ppi.graduation': {
      status: 'unconfirmed',
      note: 'Cohort graduation: halve the gap to 100% over six years, bands as for CPI; the indicator earns the better of the four-year and five-year ratings (graduationCombine = best; four-year = the 4-year rate only). Targets and bands are not confirmed. Data lag (published, [aboutdata]): 2013 uses the 2012 four-year and 2011 five-year rates (stored under their cohort years).',
    },
    'ppi.priorYear': {
      status: 'inferred',
      note: '[report]: a group is rated with data "in the most recent year and one of the two prior years", so a change is measured from the year before or, when that year has no figure, the year before that.',
    },
    'ppi.extraCredit': {
      status: 'published',
      note: '[report], [domain]: 25 points each for decreasing % Warning/Failing by 10% or more, increasing % Advanced by 10% or more (each per subject), re-engaging 2 or more dropouts (the prior year’s count), and from 2016 high growth on ACCESS for ELLs (median SGP 60 or more, [report] 2017: SGP 66.0 against a target of 60.0 earned 25).',
    },
    'ppi.extraCredit.change': {
      status: 'unconfirmed',
      note: '"10% or more" is read as relative to the prior figure (W/F 20% -> 18% qualifies); set points for percentage points. A prior % Advanced of 0 qualifies when the current one is above 0; a prior % W/F of 0 cannot decrease.',
    },
    annualPpi: {
      status: 'published',
      note: '[report], [domain]: annual PPI = (core points + extra credit) / number of core indicators rated, so it can exceed 100 ((450 + 150) / 5 = 120). A published annual PPI given in the input is used as is.',
    },
    'cumulative.weights': {
      status: 'published',
      note: '[report], [domain]: cumulative PPI = (Y1 x 1 + Y2 x 2 + Y3 x 3 + Y4 x 4) / 10 (2016 White group: 90, 70, 90, 75 -> 80).',
    },
    'cumulative.cap': {
      status: 'inferred',
      note: 'DESE describes the cumulative PPI as "between 0 and 100" while annual PPIs exceed 100; [district2013] shows 100 as the highest value. Cumulative figures above 100 are taken as 100.',
    },
    'cumulative.whenYearMissing': {
      status: 'unconfirmed',
      note: 'With fewer than four annual PPIs, the weights of the years present are renormalised (two years Y3, Y4: (3 x Y3 + 4 x Y4) / 7); at least 2 years, the current one among them. DESE’s rule for missing years was not found.',
    },
    target: {
      status: 'published',
      note: '[help], [domain]: a cumulative PPI of 75 or more meets the target.',
    },
    minN: {
      status: 'published',
      note: '[report], [domain]: an annual PPI needs 20 students assessed (30 for a subgroup) in ELA and mathematics in the year and in one of the two prior years. The same minimum is used for the participation and graduation rules and for subgroup percentiles (unconfirmed).',
    },
    compareFigures: {
      status: 'unconfirmed',
      note: 'Cumulative PPIs and participation rates are compared as DESE publishes them, in whole numbers (a cumulative 74.5 shows as 75 and meets the target; a 94.6% participation is 95%), so the level always agrees with the figures printed beside it. Set unrounded to compare the figures before rounding.',
    },
    'level1.whenGroupNotRated': {
      status: 'unconfirmed',
      note: 'Level 1 needs a cumulative PPI of 75 for all students and high needs ([help]); when the high-needs group is too small to rate, all students alone decide (skip). Set fail to keep such schools in Level 2.',
    },
    participation: {
      status: 'published',
      note: '[help]: participation between 90 and 94% for any group = Level 2; below 90% = Level 3 (any group with at least the minimum N, any subject: ELA, math, science). [report] 2017: a rate below 95% is replaced by the two-year average when that is higher.',
    },
    'level3.lowestPct': {
      status: 'published',
      note: '[help], [domain]: Level 3 = among the lowest 20% of schools of the same type (ES, ESMS, MS, MSHS, HS, K-12; charter schools are not in the pool), or a subgroup among the lowest 20% of subgroups statewide in the same school type. "Lowest 20%" is read as: fewer than 20% of the pool’s scores below the school’s (ties share a percentile).',
    },
    'level3.graduation': {
      status: 'published',
      note: '[help]: persistently low graduation = the most recent 4-year rate below 67% and the three most recent 5-year rates below 70%, for any group ([domain] words it as "three years running"). fourYearYears and fiveYearYears set how many recent years must be below.',
    },
    'percentile.method': {
      status: 'unconfirmed',
      note: 'School (and subgroup) percentile, when none is given in the input: each indicator (CPI ELA, math, science; median SGP ELA, math; 4-year graduation; dropout, lower better) is averaged over up to four years with weights 1-2-3-4; each is ranked within the pool (same school type, charter schools left out) as the percent of the pool scoring lower; the score is the mean of those ranks; the percentile is the percent of the pool whose score is lower (1-99 as shown, the cut uses the unrounded figure). A secondary source (a 2012 DESE presentation) describes averaging per-indicator percentile ranks of achievement and improvement indicators; the year weights and indicator list are not confirmed. A percentile given in the input (DESE’s published one) is used as is.',
    },
    'percentile.charters': {
      status: 'unconfirmed',
      note: 'Charter schools are left out of every ranking pool ([domain]); placed = a charter still gets the percentile its score would have among non-charter schools of its type, and the 20% rule applies to it; none = charters get no percentile.',
    },
    designation: {
      status: 'published',
      note: '[domain], [help]: Level 4 and 5 are chosen by the state from Level 3 schools (lowest achieving, least improving): they are inputs, never computed. At most 4% of schools are designated; more raises a warning.',
    },
    unclassified: {
      status: 'published',
      note: '[help]: small schools (all students below the minimum N), schools ending in grade 1 or 2, new schools and substantially reconfigured schools are not classified; the reason is recorded.',
    },
    district: {
      status: 'published',
      note: '[help], [sources/003]: a district takes the level of its lowest-performing (highest-numbered) school unless the Board placed the district itself in Level 4 or 5; a district with no classified school has "Insufficient data".',
    },
    commendation: {
      status: 'unconfirmed',
      note: '[sources/003], [domain]: Commendation Schools for high performance, high progress and narrowing gaps; the criteria were not found. Defaults: Level 1 schools only; high performance = school percentile 90 or more; high progress = all-students cumulative PPI 90 or more; narrowing gaps = high-needs cumulative PPI 90 or more. Set a threshold to null to award none.',
    },
    reasons: {
      status: 'unconfirmed',
      note: '"Meeting gap narrowing goals", "Not meeting gap narrowing goals", "One or more schools in the district classified into Level N" and "Insufficient data" are DESE’s wording ([district2013]); the Level 3 and participation reasons follow DESE’s report wording as remembered, not confirmed.',
    },
  },
};
