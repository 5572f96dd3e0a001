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
  // Most figures here (points, weights, weighted points) are exact in thousandths: then toFixed(3) is that many
  // thousandths, and their text is made without toFixed's and the double-to-text conversion's slow paths.
  const thousandths = x * 1000;
  if (Number.isInteger(thousandths) && Math.abs(thousandths) < 1e15) return decimalText(thousandths, 1000);
  return String(Number(x.toFixed(3)));
}

/**
 * `String(units / scale)` for a whole number of hundredths or thousandths below 1e15 in size, without converting a
 * double to text: the shortest text that reads back as that double is the decimal itself (digits beyond it would be
 * more than half a unit in the last place away at these sizes), trailing zeros dropped.
 */
export function decimalText(units: number, scale: 100 | 1000): string {
  const rest = units % scale;
  if (rest === 0) return String(units / scale);
  const whole = (Math.abs(units) - Math.abs(rest)) / scale;
  let fraction = Math.abs(rest);
  let digits = scale === 100 ? 2 : 3;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  const text = String(fraction);
  return `${units < 0 ? '-' : ''}${whole}.${text.length < digits ? '0'.repeat(digits - text.length) + text : text}`;
}

let _flatSink = 0;

/**
 * The same text as one flat string. A template literal's result is a tree of V8 cons strings (a heap object per
 * piece) that every young-generation collection copies for as long as the result lives; reading the text as a number
 * makes V8 flatten it in place, so one flat string survives and the tree dies young. Explanations are most of a
 * statewide run's memory: flattening them halves the run's garbage-collection time.
 */
export function flatText(text: string): string {
  _flatSink += +text;
  return text;
}

function label(span: GradeSpan, group: RatedGroup): string {
  return `${groupLabels[group]}, ${spanLabels[span]}`;
}

/** Step names by what follows the group's label: one string per span and group, shared by every organization. */
const stepNames = new Map<string, string[]>();

function stepName(span: GradeSpan, group: RatedGroup, what: string): string {
  let names = stepNames.get(what);
  if (!names) stepNames.set(what, (names = []));
  const k = (span === 'nonhs' ? 0 : 2) + (group === 'all' ? 0 : 1);
  return (names[k] ??= flatText(`${label(span, group)}: ${what}`));
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

/** A weight table step's text as last made for a table, with what it was made from. */
interface WeightsText {
  labels: CriterionReferencedFramework['categoryLabels'];
  tableLabel: string;
  weights: (number | null)[];
  texts: [string?, string?];
}
const weightsTexts = new WeakMap<WeightTable, WeightsText>();

/** The weight table step's text: the same for every group under a table, so made once (and remade if it changed). */
function weightsText(table: WeightTable, elpOrLowest: boolean, framework: CriterionReferencedFramework): string {
  let known = weightsTexts.get(table);
  let same = known !== undefined && known.labels === framework.categoryLabels && known.tableLabel === table.label;
  for (let i = 0; same && i < accountabilityCategories.length; i++)
    same = known!.weights[i] === table.weights[accountabilityCategories[i]!];
  if (!same || !known) {
    known = {
      labels: framework.categoryLabels,
      tableLabel: table.label,
      weights: accountabilityCategories.map((c) => table.weights[c]),
      texts: [],
    };
    weightsTexts.set(table, known);
  }
  const k = elpOrLowest ? 0 : 1;
  return (known.texts[k] ??= flatText(
    `${elpOrLowest ? '' : 'No English language proficiency category, so '}weight table "${table.label}" (${accountabilityCategories
      .filter((c) => table.weights[c] !== null)
      .map((c) => `${framework.categoryLabels[c]} ${table.weights[c]}%`)
      .join(', ')})`,
  ));
}

/** Pieces keyed by a name and up to three figures (a four-level map). */
type Pieces<T> = Map<unknown, Map<unknown, Map<unknown, Map<unknown, T>>>>;

/**
 * Pieces of group results that many organizations of a run have alike (a category's weighted points, a step of
 * the explanation), made once per run and shared by every result with the same figures: results are read, never
 * changed. Create one per run with `createSharedPieces`.
 */
export interface SharedPieces {
  categories: Pieces<CategoryResult>;
  categorySteps: Pieces<ExplanationStep>;
  unweightedSteps: Pieces<ExplanationStep>;
  totalSteps: Pieces<ExplanationStep>;
  percentageSteps: Pieces<ExplanationStep>;
  weightsSteps: Pieces<ExplanationStep>;
}

/** An empty set of shared pieces, for one run. */
export function createSharedPieces(): SharedPieces {
  return {
    categories: new Map(),
    categorySteps: new Map(),
    unweightedSteps: new Map(),
    totalSteps: new Map(),
    percentageSteps: new Map(),
    weightsSteps: new Map(),
  };
}

/** The piece under (name, a, b, c), made by `make` the first time (every time without pieces). */
function piece<T>(pieces: Pieces<T> | undefined, name: unknown, a: unknown, b: unknown, c: unknown, make: () => T): T {
  if (!pieces) return make();
  let byA = pieces.get(name);
  if (!byA) pieces.set(name, (byA = new Map()));
  let byB = byA.get(a);
  if (!byB) byA.set(a, (byB = new Map()));
  let byC = byB.get(b);
  if (!byC) byB.set(b, (byC = new Map()));
  let known = byC.get(c);
  if (known === undefined) byC.set(c, (known = make()));
  return known;
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
  options: { explain?: boolean; shared?: SharedPieces } = {},
): GroupResult | null {
  const explain = options.explain ?? true;
  const shared = options.shared;
  const present = accountabilityCategories.filter((c) => points[c] !== undefined);
  if (present.length === 0) return null;
  const table = findWeightTable(span, group, points, framework);
  if (!table) return null;
  const explanation: ExplanationStep[] = [];
  if (explain) {
    const name = stepName(span, group, 'weights');
    const elpOrLowest = present.includes('elp') || group === 'lowest';
    explanation.push(
      piece(shared?.weightsSteps, name, table, elpOrLowest, 0, () => ({
        step: name,
        text: weightsText(table, elpOrLowest, framework),
        value: null,
      })),
    );
  }
  const categories: CategoryResult[] = [];
  // Sums in points x percent: exact for whole points and weights in halves of a percent, so 4.25 stays 4.25.
  let earnedTimesPct = 0;
  let possibleTimesPct = 0;
  for (const category of present) {
    const p = points[category]!;
    const weightPct = table.weights[category];
    if (weightPct === null) {
      if (explain) {
        const name = stepName(span, group, framework.categoryLabels[category]);
        explanation.push(
          piece(shared?.unweightedSteps, name, p.earned, p.possible, 0, () => ({
            step: name,
            text: flatText(
              `${framework.categoryLabels[category]} has no weight for this group: its ${fmt(p.earned)} of ${fmt(p.possible)} points are not counted`,
            ),
            value: null,
          })),
        );
      }
      continue;
    }
    earnedTimesPct += p.earned * weightPct;
    possibleTimesPct += p.possible * weightPct;
    const result = piece(
      explain ? shared?.categories : undefined,
      category,
      p.earned,
      p.possible,
      weightPct,
      (): CategoryResult => ({
        category,
        earned: p.earned,
        possible: p.possible,
        weightPct,
        weightedEarned: (p.earned * weightPct) / 100,
        weightedPossible: (p.possible * weightPct) / 100,
      }),
    );
    categories.push(result);
    if (explain) {
      const name = stepName(span, group, framework.categoryLabels[category]);
      explanation.push(
        piece(shared?.categorySteps, name, p.earned, p.possible, weightPct, () => ({
          step: name,
          text: flatText(
            `${fmt(p.earned)} of ${fmt(p.possible)} points x ${fmt(weightPct)}% = ${fmt(result.weightedEarned)} of ${fmt(result.weightedPossible)} weighted points`,
          ),
          value: result.weightedEarned,
        })),
      );
    }
  }
  let weightedEarned = earnedTimesPct / 100;
  let weightedPossible = possibleTimesPct / 100;
  const decimals = framework.weightedPointsDecimals;
  if (decimals !== null) {
    const rawEarned = weightedEarned;
    const rawPossible = weightedPossible;
    weightedEarned = roundHalfUp(weightedEarned, decimals);
    weightedPossible = roundHalfUp(weightedPossible, decimals);
    if (explain) {
      const name = stepName(span, group, 'weighted total');
      explanation.push(
        piece(shared?.totalSteps, name, rawEarned, rawPossible, decimals, () => ({
          step: name,
          text: flatText(
            `weighted points ${fmt(rawEarned)} of ${fmt(rawPossible)}, rounded to ${decimals} decimal${decimals === 1 ? '' : 's'} as DESE shows them: ${fmt(weightedEarned)} of ${fmt(weightedPossible)}`,
          ),
          value: weightedEarned,
          settings: ['weightedPointsDecimals'],
        })),
      );
    }
  }
  if (!(weightedPossible > 0)) return null;
  const percentage = (100 * weightedEarned) / weightedPossible;
  if (explain) {
    const name = stepName(span, group, 'percentage');
    explanation.push(
      piece(shared?.percentageSteps, name, weightedEarned, weightedPossible, 0, () => ({
        step: name,
        text: flatText(`${fmt(weightedEarned)} / ${fmt(weightedPossible)} = ${fmt(percentage)}% of possible points`),
        value: percentage,
      })),
    );
  }
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

/** `${span label}: span`, one string per span. */
const spanStepNames: Record<GradeSpan, string> = {
  nonhs: `${spanLabels.nonhs}: span`,
  hs: `${spanLabels.hs}: span`,
};

/**
 * A grade span's figure: the all-students and LPS percentages averaged (50/50 in ma-2018). With only one of the
 * two groups the span's figure is that group's percentage (`spanAveraging.whenOneGroup`, unconfirmed).
 * `explain: false` leaves the explanation empty.
 */
export function combineGroups(
  span: GradeSpan,
  all: GroupResult | null,
  lowest: GroupResult | null,
  framework: CriterionReferencedFramework,
  options: { explain?: boolean } = {},
): SpanResult {
  const { allPct, lowestPct, whenOneGroup } = framework.spanAveraging;
  const name = `${spanLabels[span]}`;
  const explain = options.explain ?? true;
  if (all && lowest) {
    const percentage = (all.percentage * allPct + lowest.percentage * lowestPct) / (allPct + lowestPct);
    return {
      span,
      all,
      lowest,
      percentage,
      explanation: !explain
        ? []
        : [
            {
              step: spanStepNames[span],
              text: flatText(
                `all students ${fmt(all.percentage)}% x ${fmt(allPct)}% + lowest performing ${fmt(lowest.percentage)}% x ${fmt(lowestPct)}% = ${fmt(percentage)}%`,
              ),
              value: percentage,
            },
          ],
    };
  }
  const only = all ?? lowest;
  if (!only) return { span, all, lowest, percentage: null, explanation: [] };
  if (!explain)
    return { span, all, lowest, percentage: whenOneGroup === 'none' ? null : only.percentage, explanation: [] };
  if (whenOneGroup === 'none') {
    return {
      span,
      all,
      lowest,
      percentage: null,
      explanation: [
        {
          step: spanStepNames[span],
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
        step: spanStepNames[span],
        text: flatText(
          `only ${groupLabels[only.group]} are rated in ${name}: the span's figure is their ${fmt(only.percentage)}% (setting spanAveraging.whenOneGroup = present-group, unconfirmed)`,
        ),
        value: only.percentage,
        settings: ['spanAveraging.whenOneGroup'],
      },
    ],
  };
}

/**
 * The annual figure: one span's figure when only one span is rated, otherwise the two weighted by the shares on
 * DESE's report (normalised by their sum). Null when both spans are rated and no shares are given.
 * `explain: false` leaves the explanation empty.
 */
export function combineSpans(
  nonhs: SpanResult,
  hs: SpanResult,
  weights: SpanWeights | null,
  options: { explain?: boolean } = {},
): AnnualResult {
  const n = nonhs.percentage;
  const h = hs.percentage;
  if (options.explain === false) {
    if (n !== null && h !== null)
      return {
        percentage: weights ? (n * weights.nonhsPct + h * weights.hsPct) / (weights.nonhsPct + weights.hsPct) : null,
        explanation: [],
      };
    return { percentage: n ?? h, explanation: [] };
  }
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
          text: flatText(
            `non-high-school ${fmt(n)}% x ${fmt(weights.nonhsPct)}% + high-school ${fmt(h)}% x ${fmt(weights.hsPct)}% = ${fmt(percentage)}%`,
          ),
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
        text: flatText(
          `only ${spanLabels[only.span]} are rated: the annual figure is that span's ${fmt(only.percentage)}%${weights ? ' (the span shares given are not needed)' : ''}`,
        ),
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
      text: flatText(
        `${fmt(priorPct)}% x prior ${fmt(annualPrior)} + ${fmt(currentPct)}% x current ${fmt(annual)} = ${fmt(cumulative)}%`,
      ),
      value: cumulative,
    });
  }
  const base = cumulative ?? annual;
  const bandFigure = framework.bandFigure === 'whole-number' ? roundHalfUp(base) : base;
  const bands = bandsFor(fy, framework);
  const reason = progressReason(bandFigure, bands);
  explanation.push({
    step: 'reason',
    text: flatText(
      `${cumulative !== null ? 'cumulative' : 'annual'} figure ${fmt(bandFigure)}${framework.bandFigure === 'whole-number' ? ' (as published, a whole number)' : ''}: "${reason ?? 'no band'}" (${bands
        .map((b) => `${b.min}+ ${b.reason}`)
        .join('; ')})`,
    ),
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
