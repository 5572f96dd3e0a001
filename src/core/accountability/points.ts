import {
  accountabilityCategories,
  type AccountabilityCategory,
  type CriterionReferencedFramework,
  type GradeSpan,
  type ProgressBand,
  type RatedGroup,
  type WeightTable,
} from './framework-2018.ts';

/**
 * The 2018+ criterion-referenced target percentage computed from points already awarded: group percentages,
 * grade-span and annual figures, the cumulative figure and the progress band, each with the steps that led to it.
 * Figures are percentages (0-100) kept unrounded; only what is printed is rounded (see `roundHalfUp`).
 */

/** Points earned and possible in one category. */
export interface CategoryPoints {
  earned: number;
  possible: number;
}

/** A group's points by category; a category left out is absent for the group. */
export type GroupPoints = Partial<Record<AccountabilityCategory, CategoryPoints>>;

/** One step of an explanation: what was done, with the numbers, and the framework settings it relied on. */
export interface ExplanationStep {
  step: string;
  text: string;
  /** The figure the step produced, when it produced one. */
  value: number | null;
  /** Framework settings (keys of `framework.settings`) the step used that are inferred or unconfirmed. */
  settings?: string[];
}

/** One category of a group's result. */
export interface CategoryResult {
  category: AccountabilityCategory;
  earned: number;
  possible: number;
  weightPct: number;
  weightedEarned: number;
  weightedPossible: number;
}

/** A rated group's result: weighted points and percentage of possible points. */
export interface GroupResult {
  span: GradeSpan;
  group: RatedGroup;
  weightTable: string;
  categories: CategoryResult[];
  weightedEarned: number;
  weightedPossible: number;
  /** Weighted earned / weighted possible, in percent, unrounded. */
  percentage: number;
  explanation: ExplanationStep[];
}

/** A grade span's result: the all-students and LPS percentages combined. */
export interface SpanResult {
  span: GradeSpan;
  all: GroupResult | null;
  lowest: GroupResult | null;
  percentage: number | null;
  explanation: ExplanationStep[];
}

/** The shares of the two grade spans in the annual figure, in percent, as DESE's report shows them. */
export interface SpanWeights {
  nonhsPct: number;
  hsPct: number;
}

/** The annual criterion-referenced target percentage. */
export interface AnnualResult {
  percentage: number | null;
  explanation: ExplanationStep[];
}

/** The cumulative figure and the progress band. */
export interface ProgressResult {
  /** 40% prior + 60% current, unrounded; null without a prior year or before the cumulative rule applies. */
  cumulative: number | null;
  /** The number compared with the band thresholds (see `framework.bandFigure`). */
  bandFigure: number | null;
  reason: string | null;
  explanation: ExplanationStep[];
}

/** What the computation needs for one organization and year. */
export interface OrgPointsInput {
  orgCode: string;
  fy: number;
  points: Partial<Record<GradeSpan, Partial<Record<RatedGroup, GroupPoints>>>>;
  /** The prior year's annual figure as published (a whole number), or null. */
  annualPrior: number | null;
  /** Null when not given: an organization with both spans then gets no annual figure. */
  spanWeights: SpanWeights | null;
}

/** The full result for one organization and year. */
export interface OrgResult {
  orgCode: string;
  fy: number;
  groups: Record<GradeSpan, Record<RatedGroup, GroupResult | null>>;
  spans: Record<GradeSpan, SpanResult>;
  annual: AnnualResult;
  progress: ProgressResult;
  /** Every step, from the groups to the reason. */
  explanation: ExplanationStep[];
}

export const gradeSpans: readonly GradeSpan[] = ['nonhs', 'hs'];
export const ratedGroups: readonly RatedGroup[] = ['all', 'lowest'];

const spanLabels: Record<GradeSpan, string> = { nonhs: 'non-high-school grades', hs: 'high-school grades' };
const groupLabels: Record<RatedGroup, string> = { all: 'all students', lowest: 'lowest performing students' };

/** Rounds half away from zero to `decimals`, ignoring binary noise (46.875 -> 47, 4.25 -> 4.3, 74.5 -> 75). */
export function roundHalfUp(x: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / scale;
}

function fmt(x: number): string {
  return String(Number(x.toFixed(3)));
}

function label(span: GradeSpan, group: RatedGroup): string {
  return `${groupLabels[group]}, ${spanLabels[span]}`;
}

/** The categories a group of this span may have under the framework (any of its applicable weight tables). */
export function allowedCategories(
  span: GradeSpan,
  group: RatedGroup,
  framework: CriterionReferencedFramework,
): Set<AccountabilityCategory> {
  const allowed = new Set<AccountabilityCategory>();
  for (const table of framework.weightTables) {
    if (table.group !== group || (table.span !== 'any' && table.span !== span)) continue;
    for (const c of accountabilityCategories) if (table.weights[c] !== null) allowed.add(c);
  }
  return allowed;
}

/** The weight table for a group: the first whose group, span and ELP condition fit (ELP present or not). */
export function findWeightTable(
  span: GradeSpan,
  group: RatedGroup,
  points: GroupPoints,
  framework: CriterionReferencedFramework,
): WeightTable | null {
  const hasElp = points.elp !== undefined;
  return (
    framework.weightTables.find(
      (t) =>
        t.group === group &&
        (t.span === 'any' || t.span === span) &&
        (t.elp === 'any' || (t.elp === 'present') === hasElp),
    ) ?? null
  );
}

/**
 * A group's percentage of possible points: each category's points earned and possible times its weight, summed,
 * (rounded as `framework.weightedPointsDecimals` says) and divided. Null when the group has no category.
 * `explain: false` leaves the explanation empty (a statewide run's prior year needs only the figures).
 */
export function scoreGroup(
  span: GradeSpan,
  group: RatedGroup,
  points: GroupPoints,
  framework: CriterionReferencedFramework,
  options: { explain?: boolean } = {},
): GroupResult | null {
  const explain = options.explain ?? true;
  const present = accountabilityCategories.filter((c) => points[c] !== undefined);
  if (present.length === 0) return null;
  const table = findWeightTable(span, group, points, framework);
  if (!table) return null;
  const explanation: ExplanationStep[] = !explain
    ? []
    : [
        {
          step: `${label(span, group)}: weights`,
          text: `${present.includes('elp') || group === 'lowest' ? '' : 'No English language proficiency category, so '}weight table "${table.label}" (${accountabilityCategories
            .filter((c) => table.weights[c] !== null)
            .map((c) => `${framework.categoryLabels[c]} ${table.weights[c]}%`)
            .join(', ')})`,
          value: null,
        },
      ];
  const categories: CategoryResult[] = [];
  // Sums in points x percent: exact for whole points and weights in halves of a percent, so 4.25 stays 4.25.
  let earnedTimesPct = 0;
  let possibleTimesPct = 0;
  for (const category of present) {
    const p = points[category]!;
    const weightPct = table.weights[category];
    if (weightPct === null) {
      if (explain)
        explanation.push({
          step: `${label(span, group)}: ${framework.categoryLabels[category]}`,
          text: `${framework.categoryLabels[category]} has no weight for this group: its ${fmt(p.earned)} of ${fmt(p.possible)} points are not counted`,
          value: null,
        });
      continue;
    }
    earnedTimesPct += p.earned * weightPct;
    possibleTimesPct += p.possible * weightPct;
    const result: CategoryResult = {
      category,
      earned: p.earned,
      possible: p.possible,
      weightPct,
      weightedEarned: (p.earned * weightPct) / 100,
      weightedPossible: (p.possible * weightPct) / 100,
    };
    categories.push(result);
    if (explain)
      explanation.push({
        step: `${label(span, group)}: ${framework.categoryLabels[category]}`,
        text: `${fmt(p.earned)} of ${fmt(p.possible)} points x ${fmt(weightPct)}% = ${fmt(result.weightedEarned)} of ${fmt(result.weightedPossible)} weighted points`,
        value: result.weightedEarned,
      });
  }
  let weightedEarned = earnedTimesPct / 100;
  let weightedPossible = possibleTimesPct / 100;
  const decimals = framework.weightedPointsDecimals;
  if (decimals !== null) {
    const rawEarned = weightedEarned;
    const rawPossible = weightedPossible;
    weightedEarned = roundHalfUp(weightedEarned, decimals);
    weightedPossible = roundHalfUp(weightedPossible, decimals);
    if (explain)
      explanation.push({
        step: `${label(span, group)}: weighted total`,
        text: `weighted points ${fmt(rawEarned)} of ${fmt(rawPossible)}, rounded to ${decimals} decimal${decimals === 1 ? '' : 's'} as DESE shows them: ${fmt(weightedEarned)} of ${fmt(weightedPossible)}`,
        value: weightedEarned,
        settings: ['weightedPointsDecimals'],
      });
  }
  if (!(weightedPossible > 0)) return null;
  const percentage = (100 * weightedEarned) / weightedPossible;
  if (explain)
    explanation.push({
      step: `${label(span, group)}: percentage`,
      text: `${fmt(weightedEarned)} / ${fmt(weightedPossible)} = ${fmt(percentage)}% of possible points`,
      value: percentage,
    });
  return {
    span,
    group,
    weightTable: table.id,
    categories,
    weightedEarned,
    weightedPossible,
    percentage,
    explanation,
  };
}

/**
 * A grade span's figure: the all-students and LPS percentages averaged (50/50 in ma-2018). With only one of the
 * two groups the span's figure is that group's percentage (`spanAveraging.whenOneGroup`, unconfirmed).
 */
export function combineGroups(
  span: GradeSpan,
  all: GroupResult | null,
  lowest: GroupResult | null,
  framework: CriterionReferencedFramework,
): SpanResult {
  const { allPct, lowestPct, whenOneGroup } = framework.spanAveraging;
  const name = `${spanLabels[span]}`;
  if (all && lowest) {
    const percentage = (all.percentage * allPct + lowest.percentage * lowestPct) / (allPct + lowestPct);
    return {
      span,
      all,
      lowest,
      percentage,
      explanation: [
        {
          step: `${name}: span`,
          text: `all students ${fmt(all.percentage)}% x ${fmt(allPct)}% + lowest performing ${fmt(lowest.percentage)}% x ${fmt(lowestPct)}% = ${fmt(percentage)}%`,
          value: percentage,
        },
      ],
    };
  }
  const only = all ?? lowest;
  if (!only) return { span, all, lowest, percentage: null, explanation: [] };
  if (whenOneGroup === 'none') {
    return {
      span,
      all,
      lowest,
      percentage: null,
      explanation: [
        {
          step: `${name}: span`,
          text: `only ${groupLabels[only.group]} are rated in ${name}: no span figure (setting spanAveraging.whenOneGroup = none)`,
          value: null,
          settings: ['spanAveraging.whenOneGroup'],
        },
      ],
    };
  }
  return {
    span,
    all,
    lowest,
    percentage: only.percentage,
    explanation: [
      {
        step: `${name}: span`,
        text: `only ${groupLabels[only.group]} are rated in ${name}: the span's figure is their ${fmt(only.percentage)}% (setting spanAveraging.whenOneGroup = present-group, unconfirmed)`,
        value: only.percentage,
        settings: ['spanAveraging.whenOneGroup'],
      },
    ],
  };
}

/**
 * The annual figure: one span's figure when only one span is rated, otherwise the two weighted by the shares on
 * DESE's report (normalised by their sum). Null when both spans are rated and no shares are given.
 */
export function combineSpans(nonhs: SpanResult, hs: SpanResult, weights: SpanWeights | null): AnnualResult {
  const n = nonhs.percentage;
  const h = hs.percentage;
  if (n !== null && h !== null) {
    if (!weights) {
      return {
        percentage: null,
        explanation: [
          {
            step: 'annual',
            text: 'both grade spans are rated but their shares are not given (they cannot be derived from points): no annual figure',
            value: null,
            settings: ['spanWeights'],
          },
        ],
      };
    }
    const percentage = (n * weights.nonhsPct + h * weights.hsPct) / (weights.nonhsPct + weights.hsPct);
    return {
      percentage,
      explanation: [
        {
          step: 'annual',
          text: `non-high-school ${fmt(n)}% x ${fmt(weights.nonhsPct)}% + high-school ${fmt(h)}% x ${fmt(weights.hsPct)}% = ${fmt(percentage)}%`,
          value: percentage,
          settings: ['spanWeights'],
        },
      ],
    };
  }
  const only = n !== null ? nonhs : h !== null ? hs : null;
  if (!only || only.percentage === null)
    return { percentage: null, explanation: [{ step: 'annual', text: 'no grade span is rated', value: null }] };
  return {
    percentage: only.percentage,
    explanation: [
      {
        step: 'annual',
        text: `only ${spanLabels[only.span]} are rated: the annual figure is that span's ${fmt(only.percentage)}%${weights ? ' (the span shares given are not needed)' : ''}`,
        value: only.percentage,
      },
    ],
  };
}

/** The band set in force in a year. */
export function bandsFor(fy: number, framework: CriterionReferencedFramework): readonly ProgressBand[] {
  let chosen: { fromYear: number; bands: readonly ProgressBand[] } | null = null;
  for (const set of framework.bands)
    if (set.fromYear <= fy && (!chosen || set.fromYear > chosen.fromYear)) chosen = set;
  return chosen?.bands ?? [];
}

/** The reason for a figure: the band with the highest threshold at or below it (74.99 -> 50-74, 75 -> 75+). */
export function progressReason(figure: number, bands: readonly ProgressBand[]): string | null {
  let chosen: ProgressBand | null = null;
  for (const band of bands) if (figure >= band.min && (!chosen || band.min > chosen.min)) chosen = band;
  if (chosen) return chosen.reason;
  // Below every threshold (only if a band set does not start at 0): the lowest band.
  const lowest = [...bands].sort((a, b) => a.min - b.min)[0];
  return lowest?.reason ?? null;
}

/**
 * The cumulative figure (from `cumulative.firstYear`: prior share x prior annual + current share x current annual,
 * the current one unrounded, the prior as given) and the reason band, taken from the cumulative figure, or from the
 * annual one when there is no prior year (or the year is before the cumulative rule).
 */
export function classifyProgress(
  fy: number,
  annual: number | null,
  annualPrior: number | null,
  framework: CriterionReferencedFramework,
): ProgressResult {
  if (annual === null) return { cumulative: null, bandFigure: null, reason: null, explanation: [] };
  const explanation: ExplanationStep[] = [];
  const { firstYear, priorPct, currentPct } = framework.cumulative;
  let cumulative: number | null = null;
  if (fy < firstYear) {
    explanation.push({
      step: 'cumulative',
      text: `${fy} is before the cumulative rule (from ${firstYear}): the reason follows the annual figure`,
      value: null,
    });
  } else if (annualPrior === null) {
    explanation.push({
      step: 'cumulative',
      text: 'no prior-year annual figure: no cumulative figure, the reason follows the annual figure',
      value: null,
    });
  } else {
    cumulative = (annualPrior * priorPct + annual * currentPct) / (priorPct + currentPct);
    explanation.push({
      step: 'cumulative',
      text: `${fmt(priorPct)}% x prior ${fmt(annualPrior)} + ${fmt(currentPct)}% x current ${fmt(annual)} = ${fmt(cumulative)}%`,
      value: cumulative,
    });
  }
  const base = cumulative ?? annual;
  const bandFigure = framework.bandFigure === 'whole-number' ? roundHalfUp(base) : base;
  const bands = bandsFor(fy, framework);
  const reason = progressReason(bandFigure, bands);
  explanation.push({
    step: 'reason',
    text: `${cumulative !== null ? 'cumulative' : 'annual'} figure ${fmt(bandFigure)}${framework.bandFigure === 'whole-number' ? ' (as published, a whole number)' : ''}: "${reason ?? 'no band'}" (${bands
      .map((b) => `${b.min}+ ${b.reason}`)
      .join('; ')})`,
    value: bandFigure,
    settings: ['bandFigure'],
  });
  return { cumulative, bandFigure, reason, explanation };
}

/** Everything for one organization and year, from its points to the reason. */
export function computeOrgFromPoints(input: OrgPointsInput, framework: CriterionReferencedFramework): OrgResult {
  const groups = {} as Record<GradeSpan, Record<RatedGroup, GroupResult | null>>;
  const spans = {} as Record<GradeSpan, SpanResult>;
  const explanation: ExplanationStep[] = [];
  for (const span of gradeSpans) {
    const byGroup = input.points[span] ?? {};
    const all = byGroup.all ? scoreGroup(span, 'all', byGroup.all, framework) : null;
    const lowest = byGroup.lowest ? scoreGroup(span, 'lowest', byGroup.lowest, framework) : null;
    groups[span] = { all, lowest };
    spans[span] = combineGroups(span, all, lowest, framework);
    explanation.push(...(all?.explanation ?? []), ...(lowest?.explanation ?? []), ...spans[span].explanation);
  }
  const annual = combineSpans(spans.nonhs, spans.hs, input.spanWeights);
  const progress = classifyProgress(input.fy, annual.percentage, input.annualPrior, framework);
  explanation.push(...annual.explanation, ...progress.explanation);
  return { orgCode: input.orgCode, fy: input.fy, groups, spans, annual, progress, explanation };
}

/** Results for many organizations and years, ordered by organization code and year whatever the input order. */
export function computeFromPoints(
  inputs: readonly OrgPointsInput[],
  framework: CriterionReferencedFramework,
): OrgResult[] {
  return [...inputs]
    .sort((a, b) => (a.orgCode < b.orgCode ? -1 : a.orgCode > b.orgCode ? 1 : a.fy - b.fy))
    .map((input) => computeOrgFromPoints(input, framework));
}
