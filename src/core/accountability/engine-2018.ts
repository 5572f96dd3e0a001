import {
  accountabilityCategories,
  ma2018Framework,
  type AccountabilityCategory,
  type AccountabilityFramework2018,
  type AccountabilityIndicator,
  type AccountabilityMeasure,
  type FocusedRule,
  type GradeSpan,
  type PointRule,
  type RatedGroup,
  type WeightTable,
} from './framework-2018.ts';
import {
  classifyProgress,
  combineGroups,
  combineSpans,
  createSharedPieces,
  decimalText,
  findWeightTable,
  flatText,
  gradeSpans,
  ratedGroups,
  roundHalfUp,
  scoreGroup,
  type AnnualResult,
  type CategoryPoints,
  type ExplanationStep,
  type GroupPoints,
  type GroupResult,
  type ProgressResult,
  type SharedPieces,
  type SpanResult,
  type SpanWeights,
} from './points.ts';
import {
  combineTargetLookups,
  createDefaultTargetLookup,
  quantileSorted,
  readMeasure,
  topPercentileValue,
  type IndicatorValueLookup,
  type Target,
  type TargetLookup,
} from './targets.ts';

/**
 * The 2018+ accountability engine: from stored indicator values to points, the criterion-referenced target
 * percentages (through `points.ts`), the accountability percentile, and each school's and district's classification
 * with its reasons and the steps that led there. Everything it decides comes from the framework object; the values
 * the domain page leaves unconfirmed are named in the explanation steps that used them.
 */

/** A state designation that puts a school (or district) in broad/comprehensive support. */
export type Designation = 'underperforming' | 'chronically-underperforming';

/** An organization to classify. */
export interface AccountabilityOrg {
  code: string;
  level: 'school' | 'district';
  type: string;
  districtCode: string | null;
  /** Grades served (DESE codes such as `03`, `10`); empty = take the spans from the data. */
  grades: readonly string[];
  designation?: Designation | null;
}

/** Figures given instead of computed for the accountability year. */
export interface EngineOverrides2018 {
  /** The prior year's annual figure per org (null = none); an org listed here skips the prior-year run. */
  annualPrior?: ReadonlyMap<string, number | null>;
  /** The shares of the two grade spans, as on DESE's report; otherwise estimated (`framework.spanShares`). */
  spanWeights?: ReadonlyMap<string, SpanWeights>;
}

/** What a run reads. */
export interface EngineInput2018 {
  year: number;
  orgs: readonly AccountabilityOrg[];
  values: IndicatorValueLookup;
  /** Stored targets (organization, measure id, group, year); the framework's default method fills the rest. */
  targets?: TargetLookup;
  overrides?: EngineOverrides2018;
  /** Build the per-indicator explanation texts (default true; a what-if over thousands of orgs may skip them). */
  explain?: boolean;
}

/** How an indicator's points were decided. */
export type PointsBasis =
  | 'exceeds-value'
  | 'top-percentile'
  | 'above-target'
  | 'met-target'
  | 'improved'
  | 'no-change'
  | 'no-prior'
  | 'declined'
  | 'band';

/** Why an indicator earns no points. */
export type UnratedReason = 'not-applicable' | 'missing' | 'below-minimum-n' | 'no-target' | 'no-prior';

/** The inputs of one point decision. */
export interface PointsInput {
  value: number;
  target: number | null;
  /** The prior year's rated value, or null. */
  prior: number | null;
  /** The value at the statewide top percentile (best side), or null. */
  topValue: number | null;
}

/** The decision: points (null = not rated) and the basis. */
export interface AwardedPoints {
  points: number | null;
  basis: PointsBasis | null;
  unrated: UnratedReason | null;
}

/** One indicator in one group column. */
export interface IndicatorResult {
  indicator: string;
  label: string;
  category: AccountabilityCategory;
  measure: string;
  rule: string;
  /** The school year of the data (the accountability year plus the measure's offset). */
  dataYear: number;
  value: number | null;
  n: number | null;
  target: Target | null;
  prior: number | null;
  topValue: number | null;
  points: number | null;
  basis: PointsBasis | null;
  unrated: UnratedReason | null;
  /** One sentence: the value, what it was compared with, the points (empty when explanations are off). */
  text: string;
}

/** One result column: a grade span and a rated group. */
export interface GroupColumn {
  span: GradeSpan;
  group: RatedGroup;
  groupCode: string;
  indicators: IndicatorResult[];
  points: GroupPoints;
  /** The weighted result (weights used, group %); null when the group is not rated. */
  score: GroupResult | null;
  /** Why the group is not rated, or null. */
  unrated: string | null;
}

/** A school's accountability percentile. */
export interface PercentileResult {
  /** 1-99. */
  value: number;
  /** The blended figure ranked (0-100). */
  score: number;
  /** The comparison set: `nonhs`, `hs`, `nonhs+hs` or `all-schools`. */
  comparison: string;
  /** Schools in the comparison set with a figure. */
  comparedWith: number;
  years: { year: number; weight: number; score: number }[];
}

/** A reporting group's percentile. */
export interface GroupPercentile {
  group: string;
  value: number;
  score: number;
  comparedWith: number;
}

/** A participation rate below the threshold in every judged year (or on average). */
export interface ParticipationFinding {
  group: string;
  indicator: string;
  rates: { year: number; value: number; n: number | null }[];
}

/** The classification and its reasons, worded as DESE publishes them. */
export interface Classification2018 {
  overall: string;
  /** `Focused/targeted support` or `Broad/comprehensive support` when assistance is required. */
  support: string | null;
  reasons: string[];
  /** The reasons joined with "; " (the `classification_reason` column), or null. */
  reason: string | null;
  focusedRules: FocusedRule[];
  schoolOfRecognition: boolean;
}

/** Everything about one organization in one year. */
export interface OrgAccountability2018 {
  orgCode: string;
  level: 'school' | 'district';
  type: string;
  districtCode: string | null;
  year: number;
  spans: GradeSpan[];
  columns: GroupColumn[];
  spanResults: Record<GradeSpan, SpanResult>;
  spanWeights: SpanWeights | null;
  spanWeightsSource: 'given' | 'estimated' | null;
  annual: AnnualResult;
  annualPrior: number | null;
  annualPriorSource: 'given' | 'computed' | null;
  progress: ProgressResult;
  percentile: PercentileResult | null;
  groupPercentiles: GroupPercentile[];
  graduationRate: { value: number; n: number | null; dataYear: number } | null;
  lowParticipation: ParticipationFinding[];
  classification: Classification2018;
  explanation: ExplanationStep[];
}

/** The run's outcome in numbers, beside the share DESE expects (about 15%). */
export interface RunSummary2018 {
  schools: number;
  /** Schools with a classification other than "Insufficient data". */
  schoolsClassified: number;
  schoolsRequiringAssistance: number;
  focused: number;
  broad: number;
  schoolsOfRecognition: number;
  /** Schools requiring assistance / schools classified, in percent (null with none classified). */
  sharePct: number | null;
  expectedSharePct: number;
  /** Schools per reason (a school with two reasons counts under both). */
  byReason: Record<string, number>;
  districts: number;
  districtsRequiringAssistance: number;
}

/** A run: the framework version, each organization (ordered by code) and the summary. */
export interface AccountabilityRun2018 {
  frameworkId: string;
  frameworkVersion: string;
  year: number;
  orgs: OrgAccountability2018[];
  summary: RunSummary2018;
}

/** Rounds away binary noise so that 500.7 - 500.2 compares as exactly 0.5. */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** A figure to two decimals at most, as a person reads it (501.25, 47, 0.5). */
function fmt(x: number): string {
  const hundredths = Math.round(x * 100);
  // The text of hundredths / 100 without converting a double to text (a slow path run a few hundred thousand times).
  if (Math.abs(hundredths) < 1e15) return decimalText(hundredths, 100);
  return String(hundredths / 100);
}

/**
 * An indicator's points under its rule. Target rules: 4 at `exceedsAt` or the top percentile, or more than
 * `metBand` better than target; 3 within +/- `metBand` (both ends included); below that, against the prior year,
 * 2 improved by more than `noChangeTolerance`, 1 within it, 0 declined by more. Band rules: the highest band reached.
 */
export function awardPoints(rule: PointRule, direction: 'higher' | 'lower', input: PointsInput): AwardedPoints {
  const { value } = input;
  if (rule.kind === 'bands') {
    let points = 0;
    let best = -Infinity;
    for (const band of rule.bands)
      if (value >= band.min && band.min > best) {
        best = band.min;
        points = band.points;
      }
    return { points, basis: 'band', unrated: null };
  }
  const higher = direction === 'higher';
  if (rule.exceedsAt !== null && (higher ? value >= rule.exceedsAt : value <= rule.exceedsAt))
    return { points: 4, basis: 'exceeds-value', unrated: null };
  if (
    rule.topPercentile !== null &&
    input.topValue !== null &&
    (higher ? value >= input.topValue : value <= input.topValue)
  )
    return { points: 4, basis: 'top-percentile', unrated: null };
  if (input.target === null) return { points: null, basis: null, unrated: 'no-target' };
  const ahead = clean(higher ? value - input.target : input.target - value);
  if (ahead > rule.metBand) return { points: 4, basis: 'above-target', unrated: null };
  if (ahead >= -rule.metBand) return { points: 3, basis: 'met-target', unrated: null };
  if (input.prior === null)
    return rule.whenNoPrior === 'no-change'
      ? { points: 1, basis: 'no-prior', unrated: null }
      : { points: null, basis: null, unrated: 'no-prior' };
  const change = clean(higher ? value - input.prior : input.prior - value);
  if (change > rule.noChangeTolerance) return { points: 2, basis: 'improved', unrated: null };
  if (change >= -rule.noChangeTolerance) return { points: 1, basis: 'no-change', unrated: null };
  return { points: 0, basis: 'declined', unrated: null };
}

function normaliseGrade(g: string): string {
  const t = g.trim().toUpperCase();
  return /^\d{1,2}$/.test(t) ? t.padStart(2, '0') : t;
}

/** The grade spans an organization's grades give it (empty when no listed grade is a span's tested grade). */
export function detectSpans(grades: readonly string[], framework: AccountabilityFramework2018): GradeSpan[] {
  const served = new Set(grades.map(normaliseGrade));
  return gradeSpans.filter((span) => framework.spanGrades[span].some((g) => served.has(g)));
}

/**
 * A 1-99 percentile from a rank: ceil(100 x (r - 0.5) / N) with r the mid-rank of ties (`below` lower figures,
 * `equal` equal ones including itself), clamped to 1-99. "At most 10" is then exactly the lowest 10%.
 */
export function percentileFromRank(below: number, equal: number, total: number): number {
  if (total <= 0) return 50;
  const p = Math.ceil((50 * (2 * below + equal)) / total);
  return Math.min(99, Math.max(1, p));
}

/** Lower and upper bound of `x` in ascending `sorted`: how many are below it, and how many equal it. */
function rankIn(sorted: Float64Array, x: number): { below: number; equal: number } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return { below, equal: lo - below };
}

const spanLabels: Record<GradeSpan, string> = { nonhs: 'non-high-school grades', hs: 'high-school grades' };
const groupLabels: Record<RatedGroup, string> = { all: 'all students', lowest: 'lowest performing students' };

interface Slot {
  value: Float64Array;
  /** Students behind each value (NaN = unknown); whole numbers, exact in 32 bits. */
  n: Float32Array;
}

/** An indicator of a span with what the hot loops need precomputed. */
interface SpanIndicator {
  ind: AccountabilityIndicator;
  /** Index of its measure. */
  m: number;
  rule: PointRule;
  /** Index of its category in `accountabilityCategories`. */
  c: number;
  forAll: boolean;
  forLowest: boolean;
  /** The explanation's step name and the not-applicable text per rated group (made once per run). */
  stepName: Record<RatedGroup, string>;
  notApplicable: Record<RatedGroup, string>;
  /** The text of a missing value. */
  noValue: string;
  /** The settings of each kind of decision (see `indicatorSettings`), shared by every org's steps. */
  settings: Map<number, string[] | undefined>;
  /** Results without a value (not applicable, or missing with n unknown), alike for every org: see `sharedResult`. */
  valueless: Map<number, IndicatorResult>;
}

/**
 * One year's values: every slot (measure x group) is a view into two buffers, one allocation per year. Only the
 * rated groups' slots have their n: a reporting group's value is kept only when rated (it serves only the
 * percentile), so its n is not needed (the slot's n is a shared all-NaN array).
 */
interface YearStore {
  value: Float64Array;
  /** The n of the rated groups' slots (measure x 2 + group). */
  n: Float32Array;
  slots: (Slot | undefined)[];
  filled: Uint8Array;
  /** Percentile ranks of the two rated groups' slots; reporting groups' ranks replace their values in place. */
  norm: Float64Array | null;
  normViews: (Float64Array | undefined)[];
  /** Slots whose values were replaced by their ranks (reporting groups, read only for the percentile). */
  ranked: Uint8Array;
}

const spanBit: Record<GradeSpan, number> = { nonhs: 1, hs: 2 };
const notRatedStepNames = Object.fromEntries(
  gradeSpans.map((span) => [
    span,
    {
      all: `${groupLabels.all}, ${spanLabels[span]}: not rated`,
      lowest: `${groupLabels.lowest}, ${spanLabels[span]}: not rated`,
    },
  ]),
) as Record<GradeSpan, Record<RatedGroup, string>>;
const unratedCodes: readonly (UnratedReason | null)[] = [
  null,
  'not-applicable',
  'missing',
  'below-minimum-n',
  'no-target',
  'no-prior',
];
const pointsBasisCodes: readonly (PointsBasis | null)[] = [
  null,
  'exceeds-value',
  'top-percentile',
  'above-target',
  'met-target',
  'improved',
  'no-change',
  'no-prior',
  'declined',
  'band',
];
const elpIndex = accountabilityCategories.indexOf('elp');

/** One year's criterion-referenced results for one organization. */
interface YearResult {
  spans: GradeSpan[];
  columns: GroupColumn[];
  spanResults: Record<GradeSpan, SpanResult>;
  spanWeights: SpanWeights | null;
  spanWeightsSource: 'given' | 'estimated' | null;
  annual: AnnualResult;
  steps: ExplanationStep[];
}

/** The run's state: organizations by index, values read once per year, measure and group slots. */
class Run {
  readonly fw: AccountabilityFramework2018;
  readonly input: EngineInput2018;
  readonly orgs: AccountabilityOrg[];
  readonly measures: readonly AccountabilityMeasure[];
  readonly measureIndex: Map<string, number>;
  readonly groupCodes: string[];
  readonly indicatorsBySpan: Record<GradeSpan, SpanIndicator[]>;
  readonly staticSpans: (GradeSpan[] | null)[];
  readonly measureSpans: Set<GradeSpan>[];
  readonly targets: TargetLookup;
  readonly tables = new Map<string, WeightTable | null>();
  private readonly store = new Map<number, YearStore>();
  /** Per org: the bits of its spans from its grades (3 = unknown, both possible). */
  readonly orgSpanBits: Uint8Array;
  /** Per org: 1 for a school. */
  readonly isSchool: Uint8Array;
  private readonly scratch: Scratch;
  /** Per measure: the bits of the spans it is used in. */
  readonly measureSpanBits: Uint8Array;
  private readonly spanWeightCache = new Map<
    number,
    ({ weights: SpanWeights | null; source: 'given' | 'estimated' | null } | undefined)[]
  >();
  private readonly spansByYear = new Map<number, GradeSpan[][]>();
  private readonly tops = new Map<
    PointRule,
    Map<number, { all: number | null; within: (number | null)[]; cuts: number[] } | null>
  >();

  constructor(input: EngineInput2018, fw: AccountabilityFramework2018) {
    this.fw = fw;
    this.input = input;
    this.orgs = [...input.orgs].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.measures = fw.measures;
    this.measureIndex = new Map(fw.measures.map((m, i) => [m.id, i]));
    this.groupCodes = [fw.groupCodes.all, fw.groupCodes.lowest, ...fw.reportingGroups];
    this.indicatorsBySpan = { nonhs: [], hs: [] };
    this.measureSpans = fw.measures.map(() => new Set<GradeSpan>());
    for (const ind of fw.indicators) {
      const m = this.measureIndex.get(ind.measure);
      const rule = fw.pointRules[ind.rule];
      if (m === undefined)
        throw new Error(`framework ${fw.id}: indicator ${ind.id} names unknown measure ${ind.measure}`);
      if (!rule) throw new Error(`framework ${fw.id}: indicator ${ind.id} names unknown rule ${ind.rule}`);
      const name = (group: RatedGroup) => `${groupLabels[group]}, ${spanLabels[ind.span]}: ${ind.label}`;
      const notApplicable = (group: RatedGroup) => `${ind.label}: not part of the ${groupLabels[group]}' results`;
      this.indicatorsBySpan[ind.span].push({
        ind,
        m,
        rule,
        c: accountabilityCategories.indexOf(ind.category),
        forAll: ind.groups.includes('all'),
        forLowest: ind.groups.includes('lowest'),
        stepName: { all: flatText(name('all')), lowest: flatText(name('lowest')) },
        notApplicable: { all: flatText(notApplicable('all')), lowest: flatText(notApplicable('lowest')) },
        noValue: flatText(`${ind.label}: no value`),
        settings: new Map(),
        valueless: new Map(),
      });
      this.measureSpans[m]!.add(ind.span);
    }
    for (const span of gradeSpans) {
      const m = this.measureIndex.get(fw.spanShares.measures[span]);
      if (m !== undefined) this.measureSpans[m]!.add(span);
    }
    this.staticSpans = this.orgs.map((o) => (o.grades.length > 0 ? detectSpans(o.grades, fw) : null));
    this.scratch = {
      members: new Int32Array(this.orgs.length),
      keys: new Float64Array(this.orgs.length),
    };
    this.isSchool = Uint8Array.from(this.orgs, (o) => (o.level === 'school' ? 1 : 0));
    this.orgSpanBits = Uint8Array.from(this.staticSpans, (st) =>
      st ? st.reduce((bits, span) => bits | spanBit[span], 0) : 3,
    );
    this.measureSpanBits = Uint8Array.from(this.measureSpans, (set) =>
      [...set].reduce((bits, span) => bits | spanBit[span], 0),
    );
    this.targets = combineTargetLookups(
      input.targets,
      createDefaultTargetLookup({ orgs: this.orgs, values: input.values, framework: fw }),
    );
  }

  /** Pieces of group results alike across orgs, shared (see `SharedPieces`). */
  private readonly pieces: SharedPieces = createSharedPieces();
  /** Category points by points earned and indicators rated, shared. */
  readonly categoryPoints = new Map<number, CategoryPoints>();

  /** The n of every reporting group's slot: unknown (their values are kept only when rated). Never written. */
  private unknownN: Float32Array | null = null;

  /** The buffers of a year (allocated on first use). */
  yearStore(year: number): YearStore {
    let ys = this.store.get(year);
    if (!ys) {
      const size = this.measures.length * this.groupCodes.length;
      ys = {
        value: new Float64Array(size * this.orgs.length).fill(Number.NaN),
        n: new Float32Array(2 * this.measures.length * this.orgs.length).fill(Number.NaN),
        slots: new Array<Slot | undefined>(size).fill(undefined),
        filled: new Uint8Array(size),
        norm: null,
        normViews: new Array<Float64Array | undefined>(size).fill(undefined),
        ranked: new Uint8Array(size),
      };
      this.store.set(year, ys);
    }
    return ys;
  }

  /** The views of one slot of a year. */
  private view(ys: YearStore, k: number): Slot {
    let slot = ys.slots[k];
    if (!slot) {
      const count = this.orgs.length;
      const G = this.groupCodes.length;
      const g = k % G;
      const r = ((k - g) / G) * 2 + g;
      slot = {
        value: ys.value.subarray(k * count, (k + 1) * count),
        n:
          g < 2
            ? ys.n.subarray(r * count, (r + 1) * count)
            : (this.unknownN ??= new Float32Array(count).fill(Number.NaN)),
      };
      ys.slots[k] = slot;
    }
    return slot;
  }

  /** A measure's values for one group and accountability year, for every org (NaN = none). */
  slot(year: number, m: number, g: number): Slot {
    const ys = this.store.get(year) ?? this.yearStore(year);
    const k = m * this.groupCodes.length + g;
    if (ys.ranked[k]) throw new Error(`internal: the values of slot ${k} in ${year} were replaced by their ranks`);
    const known = ys.slots[k];
    if (known !== undefined && ys.filled[k]) return known;
    const slot = this.view(ys, k);
    if (ys.filled[k]) return slot;
    ys.filled[k] = 1;
    const measure = this.measures[m]!;
    const bits = this.measureSpanBits[m]!;
    const group = this.groupCodes[g]!;
    const schoolsOnly = g >= 2;
    for (let o = 0; o < this.orgs.length; o++) {
      const org = this.orgs[o]!;
      if ((schoolsOnly && org.level !== 'school') || (this.orgSpanBits[o]! & bits) === 0) continue;
      const v = readMeasure(this.input.values, measure, org.code, group, year);
      if (!v) continue;
      if (schoolsOnly) {
        if (!(v.n !== null && v.n < this.fw.minimumN)) slot.value[o] = v.value;
        continue;
      }
      slot.value[o] = v.value;
      slot.n[o] = v.n === null ? Number.NaN : v.n;
    }
    return slot;
  }

  /**
   * Reads every value the run needs in `years` organization by organization, then measure, group and year: the
   * order a lookup indexed org -> indicator -> group -> year is laid out in, several times faster on a statewide
   * run than reading slot by slot (each read of another org's maps misses the cache).
   */
  prefetch(years: readonly number[]): void {
    const count = this.orgs.length;
    const G = this.groupCodes.length;
    const plan = this.measures.map((_, m) => {
      const groups = [0];
      const inds = this.fw.indicators.filter((i) => i.measure === this.measures[m]!.id);
      if (inds.some((i) => i.groups.includes('lowest'))) groups.push(1);
      if (inds.some((i) => i.groups.includes('all'))) for (let g = 2; g < G; g++) groups.push(g);
      return groups;
    });
    const fresh: (Slot | undefined)[][] = years.map((year) => {
      const ys = this.yearStore(year);
      const out: (Slot | undefined)[] = [];
      for (let m = 0; m < plan.length; m++)
        for (const g of plan[m]!) {
          const k = m * G + g;
          if (ys.filled[k]) continue;
          ys.filled[k] = 1;
          out[k] = this.view(ys, k);
        }
      return out;
    });
    const values = this.input.values;
    const readYears = values.readYears;
    // Codes resolved to the lookup's numbers once, when it reads by number.
    const ids = values.ids;
    const orgIds = ids ? Int32Array.from(this.orgs, (org) => ids.org(org.code)) : null;
    const measureIds = ids ? Int32Array.from(this.measures, (measure) => ids.indicator(measure.code)) : null;
    const groupIds = ids ? Int32Array.from(this.groupCodes, (code) => ids.group(code)) : null;
    // A measure's added indicators (the extended engagement rate's parts), read by number too.
    const partIds = ids ? this.measures.map((measure) => measure.addCodes.map((a) => ids.indicator(a.code))) : null;
    const consecutive = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
    // A reporting group's value is kept only when rated (see `YearStore`).
    const minimumN = this.fw.minimumN;
    const buf = new Float64Array(2 * years.length);
    const partBufs = Array.from(
      { length: Math.max(0, ...this.measures.map((measure) => measure.addCodes.length)) },
      () => new Float64Array(2 * years.length),
    );
    for (let o = 0; o < count; o++) {
      const org = this.orgs[o]!;
      const bits = this.orgSpanBits[o]!;
      const school = org.level === 'school';
      for (let m = 0; m < plan.length; m++) {
        if ((bits & this.measureSpanBits[m]!) === 0) continue;
        const measure = this.measures[m]!;
        const bulk = (ids || readYears) && consecutive && measure.addCodes.length === 0;
        for (const g of plan[m]!) {
          if (g >= 2 && !school) continue;
          const group = this.groupCodes[g]!;
          if (bulk) {
            const from = years[0]! + measure.yearOffset;
            if (ids) ids.readYears(orgIds![o]!, measureIds![m]!, groupIds![g]!, from, buf);
            else readYears!(org.code, measure.code, group, from, buf);
            for (let y = 0; y < years.length; y++) {
              const slot = fresh[y]![m * G + g];
              if (!slot) continue;
              if (g < 2) {
                slot.value[o] = buf[2 * y]!;
                slot.n[o] = buf[2 * y + 1]!;
              } else if (!(buf[2 * y + 1]! < minimumN)) slot.value[o] = buf[2 * y]!;
            }
            continue;
          }
          if (ids && consecutive) {
            // As `readMeasure` year by year: a finite main value plus the finite parts; a required part missing (or
            // not finite) leaves the year without a value. The n is the main indicator's.
            const from = years[0]! + measure.yearOffset;
            ids.readYears(orgIds![o]!, measureIds![m]!, groupIds![g]!, from, buf);
            const parts = measure.addCodes;
            for (let a = 0; a < parts.length; a++)
              ids.readYears(orgIds![o]!, partIds![m]![a]!, groupIds![g]!, from, partBufs[a]!);
            next: for (let y = 0; y < years.length; y++) {
              const slot = fresh[y]![m * G + g];
              if (!slot) continue;
              let value = buf[2 * y]!;
              if (!Number.isFinite(value)) continue;
              for (let a = 0; a < parts.length; a++) {
                const x = partBufs[a]![2 * y]!;
                if (Number.isFinite(x)) value += x;
                else if (parts[a]!.required) continue next;
              }
              if (g < 2) {
                slot.value[o] = value;
                slot.n[o] = buf[2 * y + 1]!;
              } else if (!(buf[2 * y + 1]! < minimumN)) slot.value[o] = value;
            }
            continue;
          }
          for (let y = 0; y < years.length; y++) {
            const slot = fresh[y]![m * G + g];
            if (!slot) continue;
            const v = readMeasure(values, measure, org.code, group, years[y]!);
            if (!v) continue;
            if (g < 2) {
              slot.value[o] = v.value;
              slot.n[o] = v.n === null ? Number.NaN : v.n;
            } else if (!(v.n !== null && v.n < minimumN)) slot.value[o] = v.value;
          }
        }
      }
    }
  }

  private orgIds: Int32Array | null = null;
  private readonly codeIds = new Map<string, number>();
  private readonly groupIds = new Map<string, number>();
  private readonly participationBuffers: Float64Array[] = [];

  /** A work buffer for `readIndicatorYears` of `years` years (one per length, reused). */
  participationBuffer(years: number): Float64Array {
    return (this.participationBuffers[years] ??= new Float64Array(2 * years));
  }

  /**
   * A stored indicator's values (not a measure's: no offset, no added codes) for an org in consecutive years, into
   * `out` as `IndicatorYearsReader` gives them (NaN = no value, or n unknown).
   */
  readIndicatorYears(o: number, code: string, group: string, from: number, out: Float64Array): void {
    const values = this.input.values;
    const ids = values.ids;
    if (ids) {
      const orgIds = (this.orgIds ??= Int32Array.from(this.orgs, (org) => ids.org(org.code)));
      let c = this.codeIds.get(code);
      if (c === undefined) this.codeIds.set(code, (c = ids.indicator(code)));
      let g = this.groupIds.get(group);
      if (g === undefined) this.groupIds.set(group, (g = ids.group(group)));
      ids.readYears(orgIds[o]!, c, g, from, out);
      return;
    }
    const orgCode = this.orgs[o]!.code;
    if (values.readYears) {
      values.readYears(orgCode, code, group, from, out);
      return;
    }
    for (let k = 0; 2 * k < out.length; k++) {
      const v = values(orgCode, code, from + k, group);
      out[2 * k] = v ? v.value : Number.NaN;
      out[2 * k + 1] = v && v.n !== null ? v.n : Number.NaN;
    }
  }

  private readonly classificationTexts = new Map<string, Map<string | null, Map<string | null, string>>>();

  /** The classification step's text (a handful of distinct ones, each kept once). */
  classificationText(c: Classification2018): string {
    let bySupport = this.classificationTexts.get(c.overall);
    if (!bySupport) this.classificationTexts.set(c.overall, (bySupport = new Map()));
    let byReason = bySupport.get(c.support);
    if (!byReason) bySupport.set(c.support, (byReason = new Map()));
    let text = byReason.get(c.reason);
    if (text === undefined) {
      text = flatText(`${c.overall}${c.support ? ` (${c.support})` : ''}${c.reason ? `: ${c.reason}` : ''}`);
      byReason.set(c.reason, text);
    }
    return text;
  }

  /** Whether the value at `o` is present and rated (n unknown counts as rated). */
  rated(slot: Slot, o: number): boolean {
    const v = slot.value[o]!;
    if (Number.isNaN(v)) return false;
    const n = slot.n[o]!;
    return Number.isNaN(n) || n >= this.fw.minimumN;
  }

  /** An org's spans in a year: from its grades, or where it has all-students achievement data. */
  spansOf(o: number, year: number): GradeSpan[] {
    const st = this.staticSpans[o];
    if (st) return st;
    let byOrg = this.spansByYear.get(year);
    if (!byOrg) this.spansByYear.set(year, (byOrg = new Array<GradeSpan[]>(this.orgs.length)));
    const known = byOrg[o];
    if (known) return known;
    const found = gradeSpans.filter((span) =>
      this.indicatorsBySpan[span].some(
        ({ ind, m }) => ind.category === 'achievement' && !Number.isNaN(this.slot(year, m, 0).value[o]!),
      ),
    );
    byOrg[o] = found;
    return found;
  }

  /** The weight table for a span, rated group and ELP presence (cached). */
  table(span: GradeSpan, group: RatedGroup, elp: boolean): WeightTable | null {
    const key = `${span}|${group}|${elp}`;
    let t = this.tables.get(key);
    if (t === undefined) {
      const probe: GroupPoints = elp ? { elp: { earned: 0, possible: 4 } } : {};
      t = findWeightTable(span, group, probe, this.fw);
      this.tables.set(key, t);
    }
    return t;
  }

  /** The value at the statewide top percentile of a measure for an org's level (and quantile group), or null. */
  topValue(year: number, m: number, g: number, rule: PointRule, o: number): number | null {
    if (rule.kind !== 'target' || rule.topPercentile === null) return null;
    const level = this.orgs[o]!.level;
    // Numeric keys per rule: this is asked once per rated indicator, a few hundred thousand times statewide.
    let byKey = this.tops.get(rule);
    if (!byKey) this.tops.set(rule, (byKey = new Map()));
    const key = (year * this.measures.length + m) * this.groupCodes.length * 2 + g * 2 + (level === 'school' ? 0 : 1);
    let top = byKey.get(key);
    const measure = this.measures[m]!;
    const within = rule.topPercentileWithin;
    if (top === undefined) {
      const slot = this.slot(year, m, g);
      const all: number[] = [];
      const members: { o: number; v: number }[] = [];
      for (let i = 0; i < this.orgs.length; i++) {
        if (this.orgs[i]!.level !== level || !this.rated(slot, i)) continue;
        all.push(slot.value[i]!);
        if (within) members.push({ o: i, v: slot.value[i]! });
      }
      // A typed array sorts numerically without calling a comparator (ties, -0 and 0 included, are equal values).
      const sorted = Float64Array.from(all).sort();
      top = null;
      if (sorted.length > 0) {
        top = { all: topPercentileValue(sorted, measure.direction, rule.topPercentile), within: [], cuts: [] };
        if (within) {
          const w = this.withinValues(year + measure.yearOffset, within.code);
          const ws = members.map(({ o: i }) => w[i]!).filter((x) => !Number.isNaN(x));
          ws.sort((a, b) => a - b);
          if (ws.length > 0) {
            for (let q = 1; q < within.groups; q++) top.cuts.push(quantileSorted(ws, (100 * q) / within.groups));
            const lists: number[][] = Array.from({ length: within.groups }, () => []);
            for (const { o: i, v } of members) {
              const x = w[i]!;
              if (!Number.isNaN(x)) lists[quantileGroup(top.cuts, x)]!.push(v);
            }
            top.within = lists.map((l) =>
              l.length > 0
                ? topPercentileValue(
                    l.sort((a, b) => a - b),
                    measure.direction,
                    rule.topPercentile!,
                  )
                : null,
            );
          }
        }
      }
      byKey.set(key, top);
    }
    if (!top) return null;
    if (within && top.within.length > 0) {
      const x = this.withinValues(year + measure.yearOffset, within.code)[o]!;
      if (!Number.isNaN(x)) return top.within[quantileGroup(top.cuts, x)] ?? top.all;
    }
    return top.all;
  }

  private readonly withinCache = new Map<string, Float64Array>();
  /** All-students values of a stored indicator (the ELP difficulty) per org, in a data year. */
  withinValues(dataYear: number, code: string): Float64Array {
    const key = `${dataYear}|${code}`;
    let arr = this.withinCache.get(key);
    if (!arr) {
      arr = new Float64Array(this.orgs.length).fill(Number.NaN);
      for (let o = 0; o < this.orgs.length; o++) {
        const v = this.input.values(this.orgs[o]!.code, code, dataYear, this.fw.groupCodes.all);
        if (v && Number.isFinite(v.value)) arr[o] = v.value;
      }
      this.withinCache.set(key, arr);
    }
    return arr;
  }

  /** One group column: each indicator's points, the category points and the weighted result. */
  column(
    o: number,
    span: GradeSpan,
    group: RatedGroup,
    year: number,
    explain: boolean,
    keepIndicators = true,
  ): GroupColumn {
    const g = group === 'all' ? 0 : 1;
    const org = this.orgs[o]!;
    const groupCode = this.groupCodes[g]!;
    const indicators: IndicatorResult[] = [];
    const earned = [0, 0, 0, 0, 0];
    const count = [0, 0, 0, 0, 0];
    const list = this.indicatorsBySpan[span];
    for (let i = 0; i < list.length; i++) {
      const { ind, m, rule, c, forAll, forLowest } = list[i]!;
      const measure = this.measures[m]!;
      if (!(g === 0 ? forAll : forLowest)) {
        if (keepIndicators) indicators.push(this.valuelessResult(list[i]!, group, year, explain, 'not-applicable'));
        continue;
      }
      const slot = this.slot(year, m, g);
      const rawValue = slot.value[o]!;
      const rawN = slot.n[o]!;
      const value = Number.isNaN(rawValue) ? null : rawValue;
      const n = Number.isNaN(rawN) ? null : rawN;
      let target: Target | null = null;
      let prior: number | null = null;
      let topValue: number | null = null;
      let award: AwardedPoints;
      if (value === null) award = { points: null, basis: null, unrated: 'missing' };
      else if (!this.rated(slot, o)) award = { points: null, basis: null, unrated: 'below-minimum-n' };
      else {
        if (rule.kind === 'target') {
          target = this.targets(org.code, measure.id, groupCode, year) ?? null;
          const priorSlot = this.slot(year - 1, m, g);
          prior = this.rated(priorSlot, o) ? priorSlot.value[o]! : null;
          topValue = this.topValue(year, m, g, rule, o);
        }
        award = awardPoints(rule, measure.direction, { value, target: target?.value ?? null, prior, topValue });
      }
      if (award.points !== null) {
        earned[c]! += award.points;
        count[c]! += 1;
      }
      if (keepIndicators && award.unrated === 'missing' && n === null)
        indicators.push(this.valuelessResult(list[i]!, group, year, explain, 'missing'));
      else if (keepIndicators)
        indicators.push({
          indicator: ind.id,
          label: ind.label,
          category: ind.category,
          measure: measure.id,
          rule: ind.rule,
          dataYear: year + measure.yearOffset,
          value,
          n,
          target,
          prior,
          topValue,
          points: award.points,
          basis: award.basis,
          unrated: award.unrated,
          text: !explain
            ? ''
            : award.unrated === 'missing'
              ? list[i]!.noValue
              : flatText(this.indicatorText(ind, measure, rule, value, n, target, prior, topValue, award)),
        });
    }
    const points = groupPoints(earned, count, this.categoryPoints);
    const missing = this.fw.ratedGroupRequires.filter((c) => points[c] === undefined);
    let score: GroupResult | null = null;
    let unrated: string | null = null;
    if (missing.length > 0)
      unrated = flatText(
        `no rated ${missing.map((c) => this.fw.categoryLabels[c].toLowerCase()).join(' or ')} indicator (setting ratedGroupRequires)`,
      );
    else {
      score = scoreGroup(span, group, points, this.fw, { explain, shared: this.pieces });
      if (!score) unrated = 'no weighted points possible';
    }
    return { span, group, groupCode, indicators, points, score, unrated };
  }

  indicatorText(
    ind: AccountabilityIndicator,
    measure: AccountabilityMeasure,
    rule: PointRule,
    value: number | null,
    n: number | null,
    target: Target | null,
    prior: number | null,
    topValue: number | null,
    award: AwardedPoints,
  ): string {
    const nText = n === null ? 'n unknown' : `n ${n}`;
    if (award.unrated === 'missing') return `${ind.label}: no value`;
    if (award.unrated === 'below-minimum-n')
      return `${ind.label}: ${fmt(value!)} from ${n} students, fewer than the minimum ${this.fw.minimumN}: not rated`;
    const v = `${ind.label}: ${fmt(value!)} (${nText})`;
    if (rule.kind === 'bands')
      return `${v}: ${award.points} point${award.points === 1 ? '' : 's'} (${rule.bands.map((b) => `${b.min}+ = ${b.points}`).join(', ')}, below = 0)`;
    const unit = measure.unit;
    const better = measure.direction === 'higher' ? 'above' : 'below';
    const tgt = target
      ? `target ${fmt(target.value)} (${target.source === 'stored' ? 'stored' : 'default method'}: baseline ${fmt(target.baseline)} in ${target.baselineYear}, ${fmt(target.increment)} a year)`
      : 'no target';
    switch (award.basis) {
      case 'exceeds-value':
        return `${v}: reaches ${fmt(rule.exceedsAt!)}: 4 points`;
      case 'top-percentile':
        return `${v}: at or beyond the statewide ${rule.topPercentile}th percentile (${fmt(topValue!)}): 4 points`;
      case 'above-target':
        return `${v}, ${tgt}: more than ${rule.metBand} ${unit} ${better} target: 4 points`;
      case 'met-target':
        return `${v}, ${tgt}: within +/-${rule.metBand} ${unit} of target: 3 points`;
      case 'improved':
      case 'no-change':
      case 'declined':
        return `${v}, ${tgt}: short of target by more than ${rule.metBand}; prior year ${fmt(prior!)}, ${award.basis === 'improved' ? 'improved' : award.basis === 'declined' ? 'declined' : 'no change'} (tolerance +/-${rule.noChangeTolerance}): ${award.points} point${award.points === 1 ? '' : 's'}`;
      case 'no-prior':
        return `${v}, ${tgt}: short of target, no rated prior-year value: 1 point (setting pointRules.whenNoPrior)`;
      default:
        return `${v}, ${tgt}: not rated (${award.unrated})`;
    }
  }

  /**
   * The result of an indicator without a value (not applicable to the group, or missing with n unknown): the same
   * for every org, so made once per indicator, group, year and wording, and shared (results are read, never changed).
   */
  valuelessResult(
    si: SpanIndicator,
    group: RatedGroup,
    year: number,
    explain: boolean,
    unrated: 'not-applicable' | 'missing',
  ): IndicatorResult {
    const key = ((year * 2 + (group === 'all' ? 0 : 1)) * 2 + (explain ? 1 : 0)) * 2 + (unrated === 'missing' ? 1 : 0);
    let r = si.valueless.get(key);
    if (!r) {
      const measure = this.measures[si.m]!;
      r = {
        indicator: si.ind.id,
        label: si.ind.label,
        category: si.ind.category,
        measure: measure.id,
        rule: si.ind.rule,
        dataYear: year + measure.yearOffset,
        value: null,
        n: null,
        target: null,
        prior: null,
        topValue: null,
        points: null,
        basis: null,
        unrated,
        text: !explain ? '' : unrated === 'missing' ? si.noValue : si.notApplicable[group],
      };
      si.valueless.set(key, r);
    }
    return r;
  }

  private readonly valuelessSteps = new Map<IndicatorResult, ExplanationStep>();

  /** An indicator's explanation step (one shared step for a shared valueless result). */
  indicatorStep(si: SpanIndicator, group: RatedGroup, r: IndicatorResult): ExplanationStep {
    const shared = r.value === null && r.n === null && (r.unrated === 'not-applicable' || r.unrated === 'missing');
    if (shared) {
      const known = this.valuelessSteps.get(r);
      if (known) return known;
    }
    const step: ExplanationStep = {
      step: si.stepName[group],
      text: r.text,
      value: r.points,
      settings: this.sharedSettings(si, r),
    };
    if (shared) this.valuelessSteps.set(r, step);
    return step;
  }

  /**
   * `indicatorSettings` of an indicator's result, one array per kind of decision shared by every organization's
   * steps (the settings depend only on the indicator and how its points were decided).
   */
  sharedSettings(si: SpanIndicator, r: IndicatorResult): string[] | undefined {
    const key =
      ((unratedCodes.indexOf(r.unrated) * 16 + pointsBasisCodes.indexOf(r.basis)) * 2 +
        (r.basis === 'band' && r.points !== null && r.points < 2 ? 1 : 0)) *
        2 +
      (r.target?.source === 'default' ? 1 : 0);
    if (si.settings.has(key)) return si.settings.get(key);
    const settings = this.indicatorSettings(r);
    si.settings.set(key, settings);
    return settings;
  }

  /** The inferred or unconfirmed settings an indicator's points relied on. */
  indicatorSettings(r: IndicatorResult): string[] | undefined {
    if (r.unrated === 'not-applicable' || r.unrated === 'missing') return undefined;
    const keys: string[] = [];
    if (r.unrated === 'below-minimum-n') keys.push('minimumN');
    else {
      keys.push(`pointRules.${r.rule}`);
      if (r.basis === 'band' && r.points !== null && r.points < 2) keys.push('pointRules.growth.below40');
      if (r.basis === 'top-percentile') keys.push('pointRules.topPercentile');
      if (r.basis === 'improved' || r.basis === 'no-change' || r.basis === 'declined')
        keys.push('pointRules.noChangeTolerance');
      if (r.basis === 'no-prior' || r.unrated === 'no-prior') keys.push('pointRules.whenNoPrior');
      const usedTarget = r.basis !== 'band' && r.basis !== 'top-percentile' && r.basis !== 'exceeds-value';
      if (usedTarget && r.target?.source === 'default') keys.push('targets.method');
    }
    const m = this.measureIndex.get(r.measure);
    if (m !== undefined && this.measures[m]!.yearOffset !== 0) keys.push('measures.yearOffset');
    const out = keys.filter((k) => this.fw.settings[k]?.status !== 'published');
    return out.length > 0 ? out : undefined;
  }

  /** Span shares for an org in a year: given (accountability year only) or estimated from students tested. */
  spanWeights(o: number, year: number): { weights: SpanWeights | null; source: 'given' | 'estimated' | null } {
    let byOrg = this.spanWeightCache.get(year);
    if (!byOrg) this.spanWeightCache.set(year, (byOrg = new Array(this.orgs.length).fill(undefined)));
    const known = byOrg[o];
    if (known) return known;
    const found = this.computeSpanWeights(o, year);
    byOrg[o] = found;
    return found;
  }

  private computeSpanWeights(
    o: number,
    year: number,
  ): { weights: SpanWeights | null; source: 'given' | 'estimated' | null } {
    const org = this.orgs[o]!;
    if (year === this.input.year) {
      const given = this.input.overrides?.spanWeights?.get(org.code);
      if (given) return { weights: given, source: 'given' };
    }
    const { measures, factor } = this.fw.spanShares;
    const size = (span: GradeSpan): number => {
      const m = this.measureIndex.get(measures[span]);
      if (m === undefined) return 0;
      const n = this.slot(year, m, 0).n[o]!;
      return Number.isNaN(n) ? 0 : n * factor[span];
    };
    const a = size('nonhs');
    const b = size('hs');
    if (!(a + b > 0)) return { weights: null, source: null };
    const nonhsPct = roundHalfUp((100 * a) / (a + b));
    return { weights: { nonhsPct, hsPct: 100 - nonhsPct }, source: 'estimated' };
  }

  /** The criterion-referenced results of one org in one year, to the annual figure. */
  year(o: number, year: number, explain: boolean, keepIndicators = true): YearResult {
    const spans = this.spansOf(o, year);
    const columns: GroupColumn[] = [];
    const steps: ExplanationStep[] = [];
    const spanResults = {} as Record<GradeSpan, SpanResult>;
    for (const span of gradeSpans) {
      const byGroup: Record<RatedGroup, GroupResult | null> = { all: null, lowest: null };
      if (spans.includes(span))
        for (const group of ratedGroups) {
          const col = this.column(o, span, group, year, explain, keepIndicators);
          columns.push(col);
          byGroup[group] = col.score;
          if (explain) {
            // The column lists the span's indicators in order.
            const list = this.indicatorsBySpan[span];
            const indicators = col.indicators;
            for (let i = 0; i < indicators.length; i++) steps.push(this.indicatorStep(list[i]!, group, indicators[i]!));
            if (col.unrated)
              steps.push({
                step: notRatedStepNames[span][group],
                text: col.unrated,
                value: null,
                settings: ['ratedGroupRequires'],
              });
            else if (col.score) steps.push(...col.score.explanation);
          }
        }
      // The prior year's figures (indicators not kept) need no explanation.
      spanResults[span] = combineGroups(span, byGroup.all, byGroup.lowest, this.fw, { explain: keepIndicators });
      if (explain) steps.push(...spanResults[span].explanation);
    }
    const both = spanResults.nonhs.percentage !== null && spanResults.hs.percentage !== null;
    const sw = both ? this.spanWeights(o, year) : { weights: null, source: null };
    const annual = combineSpans(spanResults.nonhs, spanResults.hs, sw.weights, { explain: keepIndicators });
    if (explain) {
      if (sw.source === 'estimated')
        steps.push({
          step: 'span shares',
          text: flatText(
            `span shares estimated from students tested: non-HS ${sw.weights!.nonhsPct}%, HS ${sw.weights!.hsPct}%`,
          ),
          value: null,
          settings: ['spanShares'],
        });
      steps.push(...annual.explanation);
    }
    return {
      spans,
      columns,
      spanResults,
      spanWeights: sw.weights,
      spanWeightsSource: sw.source,
      annual,
      steps,
    };
  }

  /** Percentile ranks (0-1, ties share the midpoint) of a measure among schools, for one group and year. */
  norm(year: number, m: number, g: number): Float64Array {
    const ys = this.store.get(year) ?? this.yearStore(year);
    const known = ys.normViews[m * this.groupCodes.length + g];
    return known ?? this.computeNorm(ys, year, m, g);
  }

  private computeNorm(ys: YearStore, year: number, m: number, g: number): Float64Array {
    const count = this.orgs.length;
    const k = m * this.groupCodes.length + g;
    const slot = this.slot(year, m, g);
    // Reporting groups' values serve only the percentile: their ranks overwrite them (half the memory touched, and
    // fresh memory is slow to touch on these machines). The rated groups' values stay for their points.
    let out: Float64Array;
    if (g >= 2) {
      out = slot.value;
      ys.ranked[k] = 1;
    } else {
      if (!ys.norm) ys.norm = new Float64Array(2 * this.measures.length * count).fill(Number.NaN);
      out = ys.norm.subarray((2 * m + g) * count, (2 * m + g + 1) * count);
    }
    ys.normViews[k] = out;
    rankSchools(
      slot,
      out,
      this.measures[m]!.direction === 'higher' ? 1 : -1,
      this.fw.minimumN,
      this.isSchool,
      this.scratch,
    );
    return out;
  }

  private readonly normPlans = new Map<string, { m: number; c: number }[]>();
  private readonly tableWeights = new Map<string, Float64Array | null>();
  private readonly normScoreCache = new Map<number, Float64Array>();
  private categorySums: Float64Array | null = null;
  private categoryCounts: Uint8Array | null = null;

  /** The weights (per category index, NaN = none) of the table for a span, group and ELP presence. */
  private weightsFor(span: GradeSpan, group: RatedGroup, elp: boolean): Float64Array | null {
    const key = `${span}|${group}|${elp}`;
    let weights = this.tableWeights.get(key);
    if (weights === undefined) {
      const table = this.table(span, group, elp);
      weights = table ? Float64Array.from(accountabilityCategories, (c) => table.weights[c] ?? Number.NaN) : null;
      this.tableWeights.set(key, weights);
    }
    return weights;
  }

  /**
   * Every school's normalised figure for a group in a span (NaN = none): percentile ranks x 4 as points per
   * category, under the weights of `tableGroup`'s table, as the criterion-referenced figure weighs points.
   */
  private groupFigures(
    span: GradeSpan,
    tableGroup: RatedGroup,
    indicatorGroup: RatedGroup,
    g: number,
    year: number,
    out: Float64Array,
  ): Float64Array {
    const count = this.orgs.length;
    const C = accountabilityCategories.length;
    const planKey = `${span}|${indicatorGroup}`;
    let plan = this.normPlans.get(planKey);
    if (!plan) {
      plan = this.indicatorsBySpan[span]
        .filter((si) => (indicatorGroup === 'all' ? si.forAll : si.forLowest))
        .map(({ m, c }) => ({ m, c }));
      this.normPlans.set(planKey, plan);
    }
    const sums = (this.categorySums ??= new Float64Array(C * count));
    const counts = (this.categoryCounts ??= new Uint8Array(C * count));
    sums.fill(0);
    counts.fill(0);
    for (const { m, c } of plan) {
      const r = this.norm(year, m, g);
      const base = c * count;
      for (let o = 0; o < count; o++) {
        const x = r[o]!;
        if (Number.isNaN(x)) continue;
        sums[base + o]! += 4 * x;
        counts[base + o]! += 1;
      }
    }
    const required = this.fw.ratedGroupRequires.map((c) => accountabilityCategories.indexOf(c) * count);
    const withElp = this.weightsFor(span, tableGroup, true);
    const withoutElp = this.weightsFor(span, tableGroup, false);
    out.fill(Number.NaN);
    next: for (let o = 0; o < count; o++) {
      if (this.isSchool[o] === 0) continue;
      for (let r = 0; r < required.length; r++) if (counts[required[r]! + o] === 0) continue next;
      const weights = counts[elpIndex * count + o]! > 0 ? withElp : withoutElp;
      if (!weights) continue;
      let e = 0;
      let p = 0;
      for (let c = 0; c < C; c++) {
        const w = weights[c]!;
        const k = counts[c * count + o]!;
        if (Number.isNaN(w) || k === 0) continue;
        e += w * sums[c * count + o]!;
        p += w * 4 * k;
      }
      if (p > 0) out[o] = (100 * e) / p;
    }
    return out;
  }

  /**
   * Every school's normalised figure in a year (NaN = none): for all students (g = 0) the all-students and LPS
   * figures averaged per span as in the criterion-referenced figure; for a reporting group its own figure; spans by
   * their shares.
   */
  normScores(g: number, year: number): Float64Array {
    const key = year * 1000 + g;
    const known = this.normScoreCache.get(key);
    if (known) return known;
    const count = this.orgs.length;
    const { allPct, lowestPct, whenOneGroup } = this.fw.spanAveraging;
    const bySpan: Record<GradeSpan, Float64Array> = {
      nonhs: new Float64Array(count),
      hs: new Float64Array(count),
    };
    const lps = g === 0 ? new Float64Array(count) : null;
    for (const span of gradeSpans) {
      const a = this.groupFigures(span, 'all', 'all', g, year, bySpan[span]);
      if (!lps) continue;
      const l = this.groupFigures(span, 'lowest', 'lowest', 1, year, lps);
      for (let o = 0; o < count; o++) {
        const x = a[o]!;
        const y = l[o]!;
        if (!Number.isNaN(x) && !Number.isNaN(y)) a[o] = (x * allPct + y * lowestPct) / (allPct + lowestPct);
        else if (whenOneGroup === 'present-group') a[o] = Number.isNaN(x) ? y : x;
        else a[o] = Number.NaN;
      }
    }
    const out = new Float64Array(count).fill(Number.NaN);
    for (let o = 0; o < count; o++) {
      if (this.isSchool[o] === 0) continue;
      const spans = this.spansOf(o, year);
      const n = spans.includes('nonhs') ? bySpan.nonhs[o]! : Number.NaN;
      const h = spans.includes('hs') ? bySpan.hs[o]! : Number.NaN;
      if (!Number.isNaN(n) && !Number.isNaN(h)) {
        const w = this.spanWeights(o, year).weights ?? { nonhsPct: 50, hsPct: 50 };
        out[o] = (n * w.nonhsPct + h * w.hsPct) / (w.nonhsPct + w.hsPct);
      } else out[o] = Number.isNaN(n) ? h : n;
    }
    this.normScoreCache.set(key, out);
    return out;
  }
}

/** Work arrays reused by every ranking. */
interface Scratch {
  members: Int32Array;
  keys: Float64Array;
}

/**
 * Each rated school's percentile rank (0-1, ties at their midpoint) among the rated schools of a slot, into `out`
 * (NaN elsewhere); `out` may be the slot's own values, which are read before they are overwritten.
 */
function rankSchools(
  slot: Slot,
  out: Float64Array,
  sign: number,
  minimumN: number,
  isSchool: Uint8Array,
  scratch: Scratch,
): void {
  const count = isSchool.length;
  const { members, keys } = scratch;
  let total = 0;
  for (let o = 0; o < count; o++) {
    const v = slot.value[o]!;
    if (isSchool[o] === 0 || Number.isNaN(v)) continue;
    if (slot.n[o]! < minimumN) continue; // NaN (unknown n) compares false: rated
    members[total] = o;
    keys[total++] = sign * v;
  }
  // The members in the order of their figures, then each run of equal figures gets its mid-rank: no search per
  // member (ties are equal under <, so a run holds all of them, -0 and 0 alike).
  sortWithMembers(keys, members, 0, total);
  out.fill(Number.NaN);
  for (let i = 0; i < total;) {
    const x = keys[i]!;
    let j = i + 1;
    while (j < total && keys[j] === x) j++;
    const rank = (i + (j - i) / 2) / total;
    for (let k = i; k < j; k++) out[members[k]!] = rank;
    i = j;
  }
}

/**
 * Sorts `keys[lo, hi)` ascending (no NaN among them), moving `members` along: a quicksort (median-of-three pivot,
 * the smaller side first) with insertion sort for short ranges.
 */
function sortWithMembers(keys: Float64Array, members: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const a = keys[lo]!;
    const b = keys[(lo + hi) >>> 1]!;
    const c = keys[hi - 1]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const k = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = k;
        const m = members[i]!;
        members[i] = members[j]!;
        members[j] = m;
        i++;
        j--;
      }
    }
    if (j + 1 - lo < hi - i) {
      sortWithMembers(keys, members, lo, j + 1);
      lo = i;
    } else {
      sortWithMembers(keys, members, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const k = keys[i]!;
    const m = members[i]!;
    let j = i - 1;
    while (j >= lo && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      members[j + 1] = members[j]!;
      j--;
    }
    keys[j + 1] = k;
    members[j + 1] = m;
  }
}

/** Whether `accountabilityCategories` is in the order `groupPoints` writes its categories in. */
const categoriesInOrder =
  accountabilityCategories.join() === ['achievement', 'growth', 'hsCompletion', 'elp', 'additional'].join();

/**
 * The categories' points from the points earned and the indicators rated per category index, in category order;
 * named stores (one object shape per set of categories), not a store per computed key, when the order is known.
 */
function groupPoints(
  earned: readonly number[],
  count: readonly number[],
  shared: Map<number, CategoryPoints>,
): GroupPoints {
  const points: GroupPoints = {};
  // The same points are one shared object (indicators rated per category are few: the key is exact).
  const of = (c: number): CategoryPoints => {
    const e = earned[c]!;
    const k = count[c]!;
    if (!(Number.isInteger(e) && e >= 0 && e < 1e6 && k < 1e6)) return { earned: e, possible: 4 * k };
    const key = e * 1e6 + k;
    let p = shared.get(key);
    if (!p) shared.set(key, (p = { earned: e, possible: 4 * k }));
    return p;
  };
  if (!categoriesInOrder) {
    for (let c = 0; c < accountabilityCategories.length; c++)
      if (count[c]! > 0) points[accountabilityCategories[c]!] = of(c);
    return points;
  }
  if (count[0]! > 0) points.achievement = of(0);
  if (count[1]! > 0) points.growth = of(1);
  if (count[2]! > 0) points.hsCompletion = of(2);
  if (count[3]! > 0) points.elp = of(3);
  if (count[4]! > 0) points.additional = of(4);
  return points;
}

/** Which of the quantile groups cut by ascending `cuts` a value falls in (0 = lowest). */
function quantileGroup(cuts: readonly number[], x: number): number {
  let q = 0;
  while (q < cuts.length && x > cuts[q]!) q++;
  return q;
}

/** Runs the 2018+ system for a year: every org's points, percentages, percentile, classification and reasons. */
export function runAccountability2018(
  input: EngineInput2018,
  framework: AccountabilityFramework2018 = ma2018Framework,
): AccountabilityRun2018 {
  const run = new Run(input, framework);
  const fw = framework;
  const Y = input.year;
  // Years read: the prior year's points compare with the year before it; the percentile blends its years.
  const firstRead = Math.min(Y - 2, Y - (fw.percentile.yearWeights.length - 1));
  run.prefetch(Array.from({ length: Y - firstRead + 1 }, (_, i) => firstRead + i));
  const explain = input.explain ?? true;
  const orgs = run.orgs;
  const count = orgs.length;

  // 1. Criterion-referenced results for the year, and the prior year's annual figure (computed unless given).
  const current = orgs.map((_, o) => run.year(o, Y, explain));
  const priorGiven = input.overrides?.annualPrior;
  const annualPrior: (number | null)[] = [];
  const annualPriorSource: ('given' | 'computed' | null)[] = [];
  for (let o = 0; o < count; o++) {
    const code = orgs[o]!.code;
    if (priorGiven?.has(code)) {
      annualPrior.push(priorGiven.get(code) ?? null);
      annualPriorSource.push('given');
    } else if (current[o]!.annual.percentage !== null && Y > fw.firstYear) {
      const p = run.year(o, Y - 1, false, false).annual.percentage;
      annualPrior.push(p);
      annualPriorSource.push(p === null ? null : 'computed');
    } else {
      annualPrior.push(null);
      annualPriorSource.push(null);
    }
  }
  const progress = current.map((r, o) => classifyProgress(Y, r.annual.percentage, annualPrior[o]!, fw));

  // 2. Accountability percentile (schools): normalised figures blended over years, ranked in comparison sets.
  const weights = fw.percentile.yearWeights;
  const years = weights.map((_, i) => Y - (weights.length - 1 - i));
  const G = run.groupCodes.length;
  const figures = (g: number) => years.map((y) => run.normScores(g, y));
  const blended = (
    o: number,
    perYear: Float64Array[],
  ): { score: number; years: { year: number; weight: number; score: number }[] } | null => {
    if (Number.isNaN(perYear[perYear.length - 1]![o]!)) return null;
    let sum = 0;
    let wsum = 0;
    const used: { year: number; weight: number; score: number }[] = [];
    for (let i = 0; i < years.length; i++) {
      const s = perYear[i]![o]!;
      if (Number.isNaN(s) || !(weights[i]! > 0)) continue;
      sum += weights[i]! * s;
      wsum += weights[i]!;
      used.push({ year: years[i]!, weight: weights[i]!, score: s });
    }
    return wsum > 0 ? { score: sum / wsum, years: used } : null;
  };
  /** `blended`'s score alone (the reporting groups' years are not reported): false when there is none. */
  const blendedScore = (o: number, perYear: Float64Array[], out: Float64Array): boolean => {
    if (Number.isNaN(perYear[perYear.length - 1]![o]!)) return false;
    let sum = 0;
    let wsum = 0;
    for (let i = 0; i < years.length; i++) {
      const s = perYear[i]![o]!;
      if (Number.isNaN(s) || !(weights[i]! > 0)) continue;
      sum += weights[i]! * s;
      wsum += weights[i]!;
    }
    if (!(wsum > 0)) return false;
    out[o] = sum / wsum;
    return true;
  };
  const comparisonOf = orgs.map((_, o) =>
    fw.percentile.comparison === 'all-schools' ? 'all-schools' : run.spansOf(o, Y).join('+'),
  );
  type Blend = { score: number; years: { year: number; weight: number; score: number }[] };
  // Per group (g = 1, the LPS, has none of its own): each school's blended score, and whether it has one.
  const own: (Blend | null)[] = [];
  const groupScores = Array.from({ length: G }, () => new Float64Array(count));
  const hasScore = Array.from({ length: G }, () => new Uint8Array(count));
  const figuresByGroup = Array.from({ length: G }, (_, g) => (g === 1 ? null : figures(g)));
  for (let o = 0; o < count; o++) {
    const school = orgs[o]!.level === 'school';
    const b = school ? blended(o, figuresByGroup[0]!) : null;
    own.push(b);
    if (b) {
      groupScores[0]![o] = b.score;
      hasScore[0]![o] = 1;
    }
    if (school)
      for (let g = 2; g < G; g++) if (blendedScore(o, figuresByGroup[g]!, groupScores[g]!)) hasScore[g]![o] = 1;
  }
  // Each group's figures per comparison set, sorted: a school's percentile is its rank among them.
  const sortedBy: Map<string, Float64Array>[] = [];
  for (let g = 0; g < G; g++) {
    const lists = new Map<string, number[]>();
    if (g !== 1)
      for (let o = 0; o < count; o++) {
        if (!hasScore[g]![o]) continue;
        const score = groupScores[g]![o]!;
        const list = lists.get(comparisonOf[o]!);
        if (list) list.push(score);
        else lists.set(comparisonOf[o]!, [score]);
      }
    sortedBy.push(new Map([...lists].map(([k, list]) => [k, Float64Array.from(list).sort()])));
  }
  const percentiles: (PercentileResult | null)[] = [];
  const groupPercentiles: GroupPercentile[][] = [];
  for (let o = 0; o < count; o++) {
    const ownBlend = own[o]!;
    const comparison = comparisonOf[o]!;
    if (!ownBlend) {
      percentiles.push(null);
      groupPercentiles.push([]);
      continue;
    }
    const allSorted = sortedBy[0]!.get(comparison)!;
    const { below, equal } = rankIn(allSorted, ownBlend.score);
    percentiles.push({
      value: percentileFromRank(below, equal, allSorted.length),
      score: ownBlend.score,
      comparison,
      comparedWith: allSorted.length,
      years: ownBlend.years,
    });
    const groups: GroupPercentile[] = [];
    const againstAll = fw.percentile.groupComparison === 'all-students';
    for (let g = 2; g < G; g++) {
      if (!hasScore[g]![o]) continue;
      const score = groupScores[g]![o]!;
      const sorted = againstAll ? allSorted : sortedBy[g]!.get(comparison)!;
      const rank = rankIn(sorted, score);
      // Against all-students figures the group's own figure is not among them: count it in, as one more school.
      const extra = againstAll ? 1 : 0;
      groups.push({
        group: run.groupCodes[g]!,
        value: percentileFromRank(rank.below, rank.equal + extra, sorted.length + extra),
        score,
        comparedWith: sorted.length,
      });
    }
    groupPercentiles.push(groups);
  }

  // 3. Classification.
  const labels = fw.labels;
  const cls = fw.classification;
  const gradMeasure = fw.measures.find((m) => m.id === cls.graduation.measure);
  const results: OrgAccountability2018[] = [];
  for (let o = 0; o < count; o++) {
    const org = orgs[o]!;
    const cur = current[o]!;
    const prog = progress[o]!;
    // The year's steps are this org's alone: the classification's steps go on after them.
    const steps = cur.steps;
    for (const step of prog.explanation) steps.push(step);
    const isSchool = org.level === 'school';
    const rules = isSchool ? cls.schoolRules : cls.districtRules;
    const pct = percentiles[o]!;
    const focused: FocusedRule[] = [];

    if (pct && explain)
      steps.push({
        step: 'accountability percentile',
        text: flatText(
          `normalised figure ${fmt(pct.score)} (${pct.years.map((y) => `${y.year}: ${fmt(y.score)} x ${y.weight}`).join(', ')}) ranks at percentile ${pct.value} among ${pct.comparedWith} schools (${pct.comparison})`,
        ),
        value: pct.value,
        settings: ['percentile.method', 'percentile.yearWeights', 'percentile.comparison'],
      });
    if (rules.includes('lowestPerforming') && pct && pct.value <= cls.lowestPercentileMax) {
      focused.push('lowestPerforming');
      steps.push({
        step: 'classification: lowest performing',
        text: flatText(`percentile ${pct.value} is at or below ${cls.lowestPercentileMax}`),
        value: pct.value,
        settings: ['percentile.method'],
      });
    }
    const lowGroups = groupPercentiles[o]!.filter((gp) => gp.value <= cls.groupPercentileMax);
    if (rules.includes('lowGroup') && lowGroups.length > 0) {
      focused.push('lowGroup');
      steps.push({
        step: 'classification: low performing student group',
        text: flatText(
          `${lowGroups.map((gp) => `${gp.group} at percentile ${gp.value}`).join(', ')}: at or below ${cls.groupPercentileMax}`,
        ),
        value: null,
        settings: ['percentile.groupComparison'],
      });
    }
    let graduationRate: OrgAccountability2018['graduationRate'] = null;
    if (gradMeasure) {
      const v = readMeasure(input.values, gradMeasure, org.code, fw.groupCodes.all, Y);
      if (v && (v.n === null || v.n >= fw.minimumN)) {
        graduationRate = { value: v.value, n: v.n, dataYear: Y + gradMeasure.yearOffset };
        if (rules.includes('lowGraduation') && v.value < cls.graduation.below) {
          focused.push('lowGraduation');
          steps.push({
            step: 'classification: low graduation rate',
            text: flatText(
              `4-year graduation rate ${fmt(v.value)}% (${Y + gradMeasure.yearOffset}) is below ${cls.graduation.below}%`,
            ),
            value: v.value,
            settings: ['measures.yearOffset'],
          });
        }
      }
    }
    const lowParticipation = rules.includes('lowParticipation') ? participationFindings(run, o, Y) : [];
    if (lowParticipation.length > 0) {
      focused.push('lowParticipation');
      steps.push({
        step: 'classification: low participation',
        text: flatText(
          lowParticipation
            .map((f) => `${f.group} ${f.indicator}: ${f.rates.map((r) => `${fmt(r.value)}% (${r.year})`).join(', ')}`)
            .join('; ')
            .concat(
              ` below ${cls.participation.below}% (${cls.participation.method === 'each-year' ? `each of ${cls.participation.years} years` : `${cls.participation.years}-year rate`})`,
            ),
        ),
        value: null,
        settings: ['classification.participation'],
      });
    }

    let classification: Classification2018;
    const designation = org.designation ?? null;
    if (designation) {
      classification = {
        overall: labels.requiring,
        support: labels.broad,
        reasons: [labels.designations[designation]],
        reason: labels.designations[designation],
        focusedRules: focused,
        schoolOfRecognition: false,
      };
    } else if (focused.length > 0) {
      // DESE's wording names the 10% cut; a what-if that moves the cut says the cut it used.
      const reasons = focused.map((r) =>
        r === 'lowestPerforming'
          ? labels.focusedReasons[r].replace(/\b10%/, `${framework.classification.lowestPercentileMax}%`)
          : labels.focusedReasons[r],
      );
      classification = {
        overall: labels.requiring,
        support: labels.focused,
        reasons,
        reason: reasons.join('; '),
        focusedRules: focused,
        schoolOfRecognition: false,
      };
    } else if (cur.annual.percentage === null) {
      classification = {
        overall: labels.insufficientData,
        support: null,
        reasons: [],
        reason: null,
        focusedRules: [],
        schoolOfRecognition: false,
      };
    } else {
      const rec = fw.recognition;
      const growthOk =
        rec.minGrowthPoints === null ||
        (() => {
          const growth = cur.columns
            .filter((c) => c.group === 'all')
            .flatMap((c) => c.indicators.filter((i) => i.category === 'growth' && i.points !== null));
          return growth.length > 0 && growth.every((i) => i.points! >= rec.minGrowthPoints!);
        })();
      const recognised =
        isSchool &&
        pct !== null &&
        pct.value >= rec.minPercentile &&
        prog.bandFigure !== null &&
        prog.bandFigure >= rec.minBandFigure &&
        growthOk;
      const reason = recognised ? labels.schoolOfRecognition : prog.reason;
      classification = {
        overall: labels.notRequiring,
        support: null,
        reasons: reason ? [reason] : [],
        reason,
        focusedRules: [],
        schoolOfRecognition: recognised,
      };
      if (recognised)
        steps.push({
          step: 'classification: school of recognition',
          text: flatText(
            `percentile ${pct!.value} >= ${rec.minPercentile}, figure ${fmt(prog.bandFigure!)} >= ${rec.minBandFigure}${rec.minGrowthPoints === null ? '' : `, every growth indicator ${rec.minGrowthPoints}+ points`}`,
          ),
          value: null,
          settings: ['recognition'],
        });
    }
    steps.push({
      step: 'classification',
      text: run.classificationText(classification),
      value: null,
      settings: designation ? ['designationLabels'] : undefined,
    });
    results.push({
      orgCode: org.code,
      level: org.level,
      type: org.type,
      districtCode: org.districtCode,
      year: Y,
      spans: cur.spans,
      columns: cur.columns,
      spanResults: cur.spanResults,
      spanWeights: cur.spanWeights,
      spanWeightsSource: cur.spanWeightsSource,
      annual: cur.annual,
      annualPrior: annualPrior[o]!,
      annualPriorSource: annualPriorSource[o]!,
      progress: prog,
      percentile: pct,
      groupPercentiles: groupPercentiles[o]!,
      graduationRate,
      lowParticipation,
      classification,
      explanation: steps,
    });
  }
  return {
    frameworkId: fw.id,
    frameworkVersion: fw.version,
    year: Y,
    orgs: results,
    summary: summarise(results, fw),
  };
}

/** Participation below the threshold for a group (all students or a reporting group) in a subject of the org's spans. */
function participationFindings(run: Run, o: number, year: number): ParticipationFinding[] {
  const fw = run.fw;
  const cfg = fw.classification.participation;
  const groups = [fw.groupCodes.all, ...fw.reportingGroups];
  const first = year - (cfg.years - 1);
  const read = run.participationBuffer(cfg.years);
  const found: ParticipationFinding[] = [];
  for (const span of run.spansOf(o, year))
    for (const code of cfg.codes[span])
      for (const group of groups) {
        // The judged years in one read; most rates are fine: look at the accountability year first.
        run.readIndicatorYears(o, code, group, first, read);
        if (cfg.method === 'each-year' && !(read[2 * (cfg.years - 1)]! < cfg.below)) continue;
        const rates: ParticipationFinding['rates'] = [];
        for (let k = 0; k < cfg.years; k++) {
          const value = read[2 * k]!;
          const n = read[2 * k + 1]!;
          if (Number.isFinite(value) && (Number.isNaN(n) || n >= fw.minimumN))
            rates.push({ year: first + k, value, n: Number.isNaN(n) ? null : n });
        }
        if (cfg.method === 'each-year') {
          if (rates.length === cfg.years && rates.every((r) => r.value < cfg.below))
            found.push({ group, indicator: code, rates });
        } else if (rates.length === cfg.years) {
          const known = rates.every((r) => r.n !== null);
          const w = (r: (typeof rates)[number]) => (known ? r.n! : 1);
          const total = rates.reduce((s, r) => s + w(r), 0);
          const mean = rates.reduce((s, r) => s + w(r) * r.value, 0) / total;
          if (mean < cfg.below) found.push({ group, indicator: code, rates });
        }
      }
  return found;
}

/** The run's counts and the share of schools requiring assistance. */
function summarise(results: readonly OrgAccountability2018[], fw: AccountabilityFramework2018): RunSummary2018 {
  const schools = results.filter((r) => r.level === 'school');
  const districts = results.filter((r) => r.level === 'district');
  const classified = schools.filter((r) => r.classification.overall !== fw.labels.insufficientData);
  const requiring = schools.filter((r) => r.classification.overall === fw.labels.requiring);
  const byReason: Record<string, number> = {};
  for (const r of schools)
    for (const reason of r.classification.reasons) byReason[reason] = (byReason[reason] ?? 0) + 1;
  return {
    schools: schools.length,
    schoolsClassified: classified.length,
    schoolsRequiringAssistance: requiring.length,
    focused: requiring.filter((r) => r.classification.support === fw.labels.focused).length,
    broad: requiring.filter((r) => r.classification.support === fw.labels.broad).length,
    schoolsOfRecognition: schools.filter((r) => r.classification.schoolOfRecognition).length,
    sharePct: classified.length > 0 ? (100 * requiring.length) / classified.length : null,
    expectedSharePct: fw.expectedShareRequiringAssistancePct,
    byReason,
    districts: districts.length,
    districtsRequiringAssistance: districts.filter((r) => r.classification.overall === fw.labels.requiring).length,
  };
}
