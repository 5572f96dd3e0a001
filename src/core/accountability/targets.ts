import type { AccountabilityFramework2018, AccountabilityMeasure } from './framework-2018.ts';

/**
 * Targets of the 2018+ system and the indicator values they are set from. A target for an organization, measure and
 * student group is a baseline plus an annual increment (stored, as in the state's targets file); when none is
 * stored a documented default method sets one from the organization's own baseline value and the gap to a statewide
 * high-performing benchmark (`framework.targets`, unconfirmed). Pure: values come in through a lookup function.
 */

/** One stored indicator value: the figure and the number of students behind it (null when not known). */
export interface IndicatorValue {
  value: number;
  n: number | null;
}

/**
 * Reads the values of consecutive years at once: `out[2k]` = the value of year `fromYear + k`, `out[2k + 1]` its n
 * (NaN = no value, or n unknown), for `out.length / 2` years.
 */
export type IndicatorYearsReader = (
  orgCode: string,
  indicator: string,
  group: string,
  fromYear: number,
  out: Float64Array,
) => void;

/**
 * Reads by number: organization, indicator and group codes resolved once (-1 = none stored), then values read as
 * `IndicatorYearsReader` does without a string lookup per read.
 */
export interface IndicatorValueIds {
  org(code: string): number;
  indicator(code: string): number;
  group(code: string): number;
  /** As `IndicatorYearsReader`, by the numbers above (any of them -1: no values). */
  readYears(org: number, indicator: number, group: number, fromYear: number, out: Float64Array): void;
}

/**
 * Reads a stored value: organization, indicator code, school year, student-group code. A lookup may also offer
 * `readYears` and `ids` (as `indexIndicatorValues` does), which the engine uses to read a statewide run's values
 * faster.
 */
export type IndicatorValueLookup = ((
  orgCode: string,
  indicator: string,
  year: number,
  group: string,
) => IndicatorValue | undefined) & { readonly readYears?: IndicatorYearsReader; readonly ids?: IndicatorValueIds };

/** A stored value as rows carry it. */
export interface IndicatorValueRow {
  orgCode: string;
  indicator: string;
  year: number;
  group: string;
  value: number;
  n: number | null;
}

/**
 * A lookup over rows. Codes are numbered and each value and its n sit side by side in one Float64Array, found
 * through one map keyed by a packed number (org, indicator, group, year) and laid out in the order of that number
 * (an organization's years of a value next to each other), so a statewide index of about two million values is a
 * handful of objects the garbage collector does not have to walk, a read builds no string, and reading one
 * organization's values touches little memory. A later row for the same key wins.
 */
export function indexIndicatorValues(rows: Iterable<IndicatorValueRow>): IndicatorValueLookup {
  const list = Array.isArray(rows) ? (rows as readonly IndicatorValueRow[]) : [...rows];
  const count = list.length;
  // Codes numbered in order of appearance; rows usually come sorted, so the last code seen is checked first.
  const numbering = () => {
    const ids = new Map<string, number>();
    let lastKey: string | null = null;
    let lastId = -1;
    return {
      ids,
      of(key: string): number {
        if (key === lastKey) return lastId;
        let v = ids.get(key);
        if (v === undefined) ids.set(key, (v = ids.size));
        lastKey = key;
        lastId = v;
        return v;
      },
    };
  };
  const orgs = numbering();
  const indicators = numbering();
  const groups = numbering();
  const orgIds = orgs.ids;
  const indicatorIds = indicators.ids;
  const groupIds = groups.ids;
  const orgOf = new Int32Array(count);
  const indicatorOf = new Int32Array(count);
  const groupOf = new Int32Array(count);
  const yearOf = new Int32Array(count);
  const values = new Float64Array(count);
  const ns = new Float64Array(count);
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (let i = 0; i < count; i++) {
    const r = list[i]!;
    orgOf[i] = orgs.of(r.orgCode);
    indicatorOf[i] = indicators.of(r.indicator);
    groupOf[i] = groups.of(r.group);
    yearOf[i] = r.year;
    values[i] = r.value;
    ns[i] = r.n === null ? Number.NaN : r.n;
    if (r.year < minYear) minYear = r.year;
    if (r.year > maxYear) maxYear = r.year;
  }
  const nI = indicatorIds.size;
  const nG = groupIds.size;
  const nY = count > 0 ? maxYear - minYear + 1 : 0;
  const cells = orgIds.size * nI * nG * nY;
  // Dense positions (one Int32 per possible key; neighbouring years side by side) when that is at most a few times
  // the rows; a map otherwise (sparse data over many codes or years).
  const dense = cells <= Math.max(1_000_000, 8 * count) ? new Int32Array(cells).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const key = ((orgOf[i]! * nI + indicatorOf[i]!) * nG + groupOf[i]!) * nY + (yearOf[i]! - minYear);
    if (dense) dense[key] = i;
    else sparse!.set(key, i);
  }
  const packed = packInKeyOrder(values, ns, dense, sparse);
  const at = dense
    ? (key: number): number | undefined => {
        const p = dense[key]!;
        return p < 0 ? undefined : p;
      }
    : (key: number): number | undefined => sparse!.get(key);
  const readYearsById = (o: number, i: number, g: number, fromYear: number, out: Float64Array): void => {
    out.fill(Number.NaN);
    if (o < 0 || i < 0 || g < 0) return;
    const base = ((o * nI + i) * nG + g) * nY;
    for (let k = 0; 2 * k < out.length; k++) {
      const y = fromYear + k - minYear;
      if (y < 0 || y >= nY) continue;
      const p = at(base + y);
      if (p === undefined) continue;
      out[2 * k] = packed[2 * p]!;
      out[2 * k + 1] = packed[2 * p + 1]!;
    }
  };
  const ids: IndicatorValueIds = {
    org: (code) => orgIds.get(code) ?? -1,
    indicator: (code) => indicatorIds.get(code) ?? -1,
    group: (code) => groupIds.get(code) ?? -1,
    readYears: readYearsById,
  };
  const readYears: IndicatorYearsReader = (orgCode, indicator, group, fromYear, out) =>
    readYearsById(
      orgIds.get(orgCode) ?? -1,
      indicatorIds.get(indicator) ?? -1,
      groupIds.get(group) ?? -1,
      fromYear,
      out,
    );
  const lookup = (orgCode: string, indicator: string, year: number, group: string): IndicatorValue | undefined => {
    if (year < minYear || year > maxYear) return undefined;
    const o = orgIds.get(orgCode);
    if (o === undefined) return undefined;
    const i = indicatorIds.get(indicator);
    if (i === undefined) return undefined;
    const g = groupIds.get(group);
    if (g === undefined) return undefined;
    const p = at(((o * nI + i) * nG + g) * nY + (year - minYear));
    if (p === undefined) return undefined;
    const n = packed[2 * p + 1]!;
    return { value: packed[2 * p]!, n: Number.isNaN(n) ? null : n };
  };
  return Object.assign(lookup, { readYears, ids });
}

/**
 * Values and n in key order, side by side (position p: the value at 2p, its n at 2p + 1); the dense or sparse
 * positions, row indexes until then, become positions into the result.
 */
function packInKeyOrder(
  values: Float64Array,
  ns: Float64Array,
  dense: Int32Array | null,
  sparse: Map<number, number> | null,
): Float64Array {
  const packed = new Float64Array(2 * values.length);
  let next = 0;
  const place = (i: number): number => {
    packed[2 * next] = values[i]!;
    packed[2 * next + 1] = ns[i]!;
    return next++;
  };
  if (dense) {
    for (let key = 0; key < dense.length; key++) if (dense[key]! >= 0) dense[key] = place(dense[key]!);
  } else {
    for (const key of Float64Array.from(sparse!.keys()).sort()) sparse!.set(key, place(sparse!.get(key)!));
  }
  return packed;
}

/**
 * A measure's value for an accountability year: its stored indicator in the year shifted by `yearOffset`, plus its
 * added indicators (a required one missing = no value). The n is the main indicator's.
 */
export function readMeasure(
  values: IndicatorValueLookup,
  measure: AccountabilityMeasure,
  orgCode: string,
  group: string,
  year: number,
): IndicatorValue | undefined {
  const dataYear = year + measure.yearOffset;
  const main = values(orgCode, measure.code, dataYear, group);
  if (!main || !Number.isFinite(main.value)) return undefined;
  if (measure.addCodes.length === 0) return main;
  let value = main.value;
  for (const add of measure.addCodes) {
    const v = values(orgCode, add.code, dataYear, group);
    if (v && Number.isFinite(v.value)) value += v.value;
    else if (add.required) return undefined;
  }
  return { value, n: main.n };
}

/** Whether a value has enough students to be rated (an unknown n is rated). */
export function meetsMinimumN(v: IndicatorValue, minimumN: number): boolean {
  return v.n === null || v.n >= minimumN;
}

/**
 * The value at percentile `p` (0-100) of ascending `sorted` values, interpolating linearly between ranks (the
 * usual "type 7" definition: the 90th percentile of 1..11 is 10).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}

/**
 * The value a measure must reach to be among the best `(100 - percentile)`%: the `percentile`th percentile when
 * higher is better, the `(100 - percentile)`th when lower is better (the best 10% of chronic absence = the lowest).
 */
export function topPercentileValue(
  sortedAscending: ArrayLike<number>,
  direction: 'higher' | 'lower',
  percentile: number,
): number {
  return quantileSorted(sortedAscending, direction === 'higher' ? percentile : 100 - percentile);
}

/** A target as stored: the baseline in its year and the change per year (signed, in the measure's unit). */
export interface StoredTarget {
  orgCode: string;
  /** Measure id (framework `measures[].id`): the indicator code, or `extended_engagement_pct`. */
  measure: string;
  group: string;
  baselineYear: number;
  baseline: number;
  /** Change per year in the measure's unit: positive for a rate to raise, negative for a reduction target. */
  increment: number;
}

/** A year's target and where it comes from. */
export interface Target {
  value: number;
  baselineYear: number;
  baseline: number;
  increment: number;
  /** The statewide benchmark a default target closes the gap to; null for stored targets. */
  benchmark: number | null;
  source: 'stored' | 'default';
}

/** Reads the target of an organization, measure id, student group and accountability year. */
export type TargetLookup = (orgCode: string, measure: string, group: string, year: number) => Target | undefined;

/** Baseline + increment x years since the baseline year. */
export function targetForYear(t: Pick<StoredTarget, 'baselineYear' | 'baseline' | 'increment'>, year: number): number {
  return t.baseline + t.increment * (year - t.baselineYear);
}

/** A lookup over stored targets (importable from the state's targets file); a later row for the same key wins. */
export function createStoredTargetLookup(rows: readonly StoredTarget[]): TargetLookup {
  const byOrg = new Map<string, Map<string, Map<string, StoredTarget>>>();
  for (const r of rows) {
    let byMeasure = byOrg.get(r.orgCode);
    if (!byMeasure) byOrg.set(r.orgCode, (byMeasure = new Map()));
    let byGroup = byMeasure.get(r.measure);
    if (!byGroup) byMeasure.set(r.measure, (byGroup = new Map()));
    byGroup.set(r.group, r);
  }
  return (orgCode, measure, group, year) => {
    const t = byOrg.get(orgCode)?.get(measure)?.get(group);
    if (!t) return undefined;
    return {
      value: targetForYear(t, year),
      baselineYear: t.baselineYear,
      baseline: t.baseline,
      increment: t.increment,
      benchmark: null,
      source: 'stored',
    };
  };
}

/** The first lookup that has a target wins (stored targets first, then the default method). */
export function combineTargetLookups(...lookups: readonly (TargetLookup | undefined)[]): TargetLookup {
  const present = lookups.filter((l): l is TargetLookup => l !== undefined);
  return (orgCode, measure, group, year) => {
    for (const lookup of present) {
      const t = lookup(orgCode, measure, group, year);
      if (t) return t;
    }
    return undefined;
  };
}

/** The map under `key` in `parent`, created when missing. */
function child<K, K2, V>(parent: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let c = parent.get(key);
  if (!c) parent.set(key, (c = new Map()));
  return c;
}

/** Years read at once (with `readYears`) for baselines and benchmarks. */
const YEAR_WINDOW = 8;

/** The organizations default targets are set for: the level decides which organizations the benchmark spans. */
export interface TargetOrg {
  code: string;
  level: string;
}

/** What the default target method reads. */
export interface DefaultTargetInput {
  orgs: readonly TargetOrg[];
  values: IndicatorValueLookup;
  framework: AccountabilityFramework2018;
}

/**
 * The default target method (`framework.targets`, unconfirmed): baseline = the organization's own rated value in its
 * earliest year from `baselineYear` up to the target year; benchmark = the statewide `benchmarkPercentile` (best
 * side) of the measure among organizations of the same level and group in that baseline year; increment per year =
 * (benchmark - baseline) x `gapShare` / `overYears` while the baseline is short of the benchmark, else 0. So an
 * organization's first rated year has its own value as target. `method: 'none'` gives no targets.
 */
export function createDefaultTargetLookup(input: DefaultTargetInput): TargetLookup {
  const { framework, values } = input;
  const cfg = framework.targets;
  if (cfg.method === 'none') return () => undefined;
  const measures = new Map(framework.measures.map((m) => [m.id, m]));
  const levelOf = new Map(input.orgs.map((o) => [o.code, o.level]));
  const orgsByLevel = new Map<string, string[]>();
  for (const o of input.orgs) {
    const list = orgsByLevel.get(o.level);
    if (list) list.push(o.code);
    else orgsByLevel.set(o.level, [o.code]);
  }
  const minimumN = framework.minimumN;
  // From `baselineYear` on, the baseline is the earliest rated year, whatever the target year (if not after it):
  // memoised per org, measure and group, as the year found or, when none was found, the last year searched.
  // Nested maps rather than joined keys: a statewide run asks for a hundred thousand targets.
  type Baseline = { year: number; value: number } | { searchedTo: number };
  const baselines = new Map<string, Map<string, Map<string, Baseline>>>();
  // Per measure, group and level: each year's benchmark, or (read but not yet needed) the year's values unsorted.
  const benchmarks = new Map<AccountabilityMeasure, Map<string, Map<string, Map<number, number | null | number[]>>>>();
  // A lookup that reads consecutive years at once serves a window of years per read (same values, fewer lookups),
  // by number when it can.
  const readYears = values.readYears;
  const ids = values.ids;
  // One buffer per number of years read (a reader fills as many years as its buffer holds).
  const buffers: Float64Array[] = [];
  let yearsRead: Float64Array = new Float64Array(0);
  const readsYears = (measure: AccountabilityMeasure): boolean =>
    (ids !== undefined || readYears !== undefined) && measure.addCodes.length === 0;
  const indicatorIds = new Map<AccountabilityMeasure, number>();
  const groupIds = new Map<string, number>();
  /** Reads `years` years from `from` on into `yearsRead` (see `ratedAt`); `org` is the lookup's number for it. */
  const readWindow = (
    measure: AccountabilityMeasure,
    orgCode: string,
    org: number,
    group: string,
    from: number,
    years: number,
  ) => {
    yearsRead = buffers[years] ??= new Float64Array(2 * years);
    if (!ids) {
      readYears!(orgCode, measure.code, group, from + measure.yearOffset, yearsRead);
      return;
    }
    let i = indicatorIds.get(measure);
    if (i === undefined) indicatorIds.set(measure, (i = ids.indicator(measure.code)));
    let g = groupIds.get(group);
    if (g === undefined) groupIds.set(group, (g = ids.group(group)));
    ids.readYears(org, i, g, from + measure.yearOffset, yearsRead);
  };
  /** Whether year from + k of the last read has a rated value. */
  const ratedAt = (k: number): boolean => {
    // As `readMeasure` + `meetsMinimumN`: a finite value, its n unknown (NaN) or at least the minimum.
    if (!Number.isFinite(yearsRead[2 * k]!)) return false;
    const n = yearsRead[2 * k + 1]!;
    return Number.isNaN(n) || n >= minimumN;
  };
  /** The lookup's numbers of the organizations of each level (in `orgsByLevel` order). */
  const idsByLevel = new Map<string, Int32Array>();
  const levelIds = (level: string, codes: readonly string[]): Int32Array => {
    let list = idsByLevel.get(level);
    if (!list) idsByLevel.set(level, (list = Int32Array.from(codes, (code) => (ids ? ids.org(code) : -1))));
    return list;
  };

  const search = (measure: AccountabilityMeasure, orgCode: string, group: string, from: number, to: number) => {
    if (readsYears(measure)) {
      const years = to - from + 1;
      readWindow(measure, orgCode, ids ? ids.org(orgCode) : -1, group, from, years);
      for (let k = 0; k < years; k++) if (ratedAt(k)) return { year: from + k, value: yearsRead[2 * k]! };
      return null;
    }
    for (let y = from; y <= to; y++) {
      const v = readMeasure(values, measure, orgCode, group, y);
      if (v && meetsMinimumN(v, minimumN)) return { year: y, value: v.value };
    }
    return null;
  };

  const baselineFor = (measure: AccountabilityMeasure, orgCode: string, group: string, year: number) => {
    // Before the baseline year the year's own value is its baseline (nothing earlier is looked at).
    if (year < cfg.baselineYear) return search(measure, orgCode, group, year, year);
    const byGroup = child(child(baselines, orgCode), measure.id);
    const known = byGroup.get(group);
    if (known && 'value' in known) return known.year <= year ? known : null;
    const from = known ? known.searchedTo + 1 : cfg.baselineYear;
    if (from > year) return null;
    const found = search(measure, orgCode, group, from, year);
    byGroup.set(group, found ?? { searchedTo: year });
    return found;
  };

  /** The benchmark of sorted-to-be values (null with none). */
  const benchmarkOf = (measure: AccountabilityMeasure, values: readonly number[]): number | null => {
    if (values.length === 0) return null;
    // A typed array sorts numerically without calling a comparator (ties, -0 and 0 included, are equal values).
    return topPercentileValue(Float64Array.from(values).sort(), measure.direction, cfg.benchmarkPercentile);
  };

  const benchmarkFor = (measure: AccountabilityMeasure, group: string, level: string, year: number): number | null => {
    const byYear = child(child(child(benchmarks, measure), group), level);
    let known = byYear.get(year);
    if (known === undefined) {
      const codes = orgsByLevel.get(level) ?? [];
      if (readsYears(measure)) {
        // The values of this year and the next ones, each year's in the organizations' order.
        const years = YEAR_WINDOW;
        const lists: number[][] = Array.from({ length: years }, () => []);
        const orgIds = levelIds(level, codes);
        for (let o = 0; o < codes.length; o++) {
          readWindow(measure, codes[o]!, orgIds[o]!, group, year, years);
          for (let k = 0; k < years; k++) if (ratedAt(k)) lists[k]!.push(yearsRead[2 * k]!);
        }
        for (let k = 0; k < years; k++) if (!byYear.has(year + k)) byYear.set(year + k, lists[k]!);
      } else {
        const list: number[] = [];
        for (const code of codes) {
          const v = readMeasure(values, measure, code, group, year);
          if (v && meetsMinimumN(v, minimumN)) list.push(v.value);
        }
        byYear.set(year, list);
      }
      known = byYear.get(year)!;
    }
    if (!Array.isArray(known)) return known;
    const b = benchmarkOf(measure, known);
    byYear.set(year, b);
    return b;
  };

  // The measures targets are asked for (those of indicators under a target rule) that read years at once, from the
  // baseline year on: read together once per group, organization by organization (one organization's values lie
  // side by side), for every organization's baseline and every benchmark, with nothing kept per organization but
  // the baseline. (The same figures `baselineFor` and `benchmarkFor` give; they serve the other requests.)
  const targetMeasures = framework.measures.filter(
    (m) =>
      readsYears(m) &&
      framework.indicators.some((i) => i.measure === m.id && framework.pointRules[i.rule]?.kind === 'target'),
  );
  const M = targetMeasures.length;
  const targetMeasureIndex = new Map(targetMeasures.map((m, i) => [m.id, i]));
  const levelList = [...orgsByLevel.keys()];
  const levelIndex = new Map(levelList.map((level, l) => [level, l]));
  const orgIndex = new Map(input.orgs.map((o, i) => [o.code, i]));
  const orgLevel = Int32Array.from(input.orgs, (o) => levelIndex.get(o.level)!);
  const allIds = Int32Array.from(input.orgs, (o) => (ids ? ids.org(o.code) : -1));
  /**
   * A group's values read together for `years` years from `from`: per org and target measure (org x M + measure)
   * the earliest rated year (NaN = none) and its value; per measure, level and year the rated values (in the
   * organizations' order), replaced by their benchmark once asked for.
   */
  type GroupRead = {
    from: number;
    years: number;
    firstYear: Float64Array;
    firstValue: Float64Array;
    benchmarks: (number[] | number | null)[];
  };
  const groupReads = new Map<string, GroupRead>();

  /** A group's values read together, covering `year` (from the baseline year on). */
  const readGroup = (group: string, year: number): GroupRead => {
    const done = groupReads.get(group);
    if (done && year < done.from + done.years) return done;
    const from = cfg.baselineYear;
    const years = Math.max(YEAR_WINDOW, year - from + 1);
    const L = levelList.length;
    const read: GroupRead = {
      from,
      years,
      firstYear: new Float64Array(input.orgs.length * M).fill(Number.NaN),
      firstValue: new Float64Array(input.orgs.length * M).fill(Number.NaN),
      benchmarks: Array.from({ length: M * L * years }, (): number[] => []),
    };
    for (let o = 0; o < input.orgs.length; o++) {
      const l = orgLevel[o]!;
      for (let m = 0; m < M; m++) {
        readWindow(targetMeasures[m]!, input.orgs[o]!.code, allIds[o]!, group, from, years);
        for (let k = 0; k < years; k++)
          if (ratedAt(k)) {
            (read.benchmarks[(m * L + l) * years + k] as number[]).push(yearsRead[2 * k]!);
            if (Number.isNaN(read.firstYear[o * M + m]!)) {
              read.firstYear[o * M + m] = from + k;
              read.firstValue[o * M + m] = yearsRead[2 * k]!;
            }
          }
      }
    }
    groupReads.set(group, read);
    return read;
  };

  /** A default target of a target measure from the baseline year on, from the group's values read together. */
  const targetFromGroupRead = (o: number, m: number, group: string, year: number): Target | undefined => {
    const read = readGroup(group, year);
    const baselineYear = read.firstYear[o * M + m]!;
    // The earliest rated year from the baseline year on, if not after this year.
    if (!(baselineYear <= year)) return undefined;
    const baseline = read.firstValue[o * M + m]!;
    const measure = targetMeasures[m]!;
    const at = (m * levelList.length + orgLevel[o]!) * read.years + (baselineYear - read.from);
    const known = read.benchmarks[at] as number[] | number | null;
    const benchmark = Array.isArray(known) ? benchmarkOf(measure, known) : known;
    read.benchmarks[at] = benchmark;
    let increment = 0;
    if (benchmark !== null) {
      const gap = benchmark - baseline;
      const short = measure.direction === 'higher' ? gap > 0 : gap < 0;
      if (short) increment = (gap * cfg.gapShare) / cfg.overYears;
    }
    return {
      value: targetForYear({ baselineYear, baseline, increment }, year),
      baselineYear,
      baseline,
      increment,
      benchmark,
      source: 'default',
    };
  };

  // What a target needs besides the year, memoised per org, measure and group once the baseline is known.
  type Plan = { baselineYear: number; baseline: number; increment: number; benchmark: number | null };
  const plans = new Map<string, Map<string, Map<string, Plan>>>();

  return (orgCode, measureId, group, year) => {
    if (year >= cfg.baselineYear) {
      const m = targetMeasureIndex.get(measureId);
      const o = orgIndex.get(orgCode);
      if (m !== undefined && o !== undefined) return targetFromGroupRead(o, m, group, year);
    }
    const byGroup = plans.get(orgCode)?.get(measureId);
    let plan = byGroup?.get(group);
    if (!plan || plan.baselineYear > year) {
      const measure = measures.get(measureId);
      const level = levelOf.get(orgCode);
      if (!measure || level === undefined) return undefined;
      const base = baselineFor(measure, orgCode, group, year);
      if (!base) return undefined;
      const benchmark = benchmarkFor(measure, group, level, base.year);
      let increment = 0;
      if (benchmark !== null) {
        const gap = benchmark - base.value;
        const short = measure.direction === 'higher' ? gap > 0 : gap < 0;
        if (short) increment = (gap * cfg.gapShare) / cfg.overYears;
      }
      plan = { baselineYear: base.year, baseline: base.value, increment, benchmark };
      // Only a baseline found from the configured baseline year on serves every later year.
      if (year >= cfg.baselineYear) child(child(plans, orgCode), measureId).set(group, plan);
    }
    return {
      value: targetForYear(plan, year),
      baselineYear: plan.baselineYear,
      baseline: plan.baseline,
      increment: plan.increment,
      benchmark: plan.benchmark,
      source: 'default',
    };
  };
}
