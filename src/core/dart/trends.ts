import type { IndicatorDefinition } from '../indicators/indicator.ts';

/** One year's value of an indicator, with the number of students behind it (null when the source gives none). */
export interface TrendPoint {
  year: number;
  value: number;
  n: number | null;
}

/** Ordinary least-squares slope of value on year (units per year); null with fewer than two distinct years. */
export function trendSlope(points: readonly Pick<TrendPoint, 'year' | 'value'>[]): number | null {
  if (points.length < 2) return null;
  const meanX = points.reduce((s, p) => s + p.year, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - meanX) ** 2;
    sxy += (p.year - meanX) * (p.value - meanY);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * The sampling noise of the slope of a percentage: each year's percentage p of n students has standard error
 * sqrt(p(100-p)/n); through the least-squares weights (x - mean x)/Sxx that gives the slope's standard error. Null
 * when a year has no n (the noise is unknown).
 */
export function percentSlopeNoise(points: readonly TrendPoint[]): number | null {
  if (points.length < 2) return null;
  const meanX = points.reduce((s, p) => s + p.year, 0) / points.length;
  let sxx = 0;
  for (const p of points) sxx += (p.year - meanX) ** 2;
  if (sxx === 0) return null;
  let variance = 0;
  for (const p of points) {
    if (p.n === null || p.n <= 0) return null;
    const share = Math.min(100, Math.max(0, p.value));
    variance += (((p.year - meanX) / sxx) ** 2 * (share * (100 - share))) / p.n;
  }
  return Math.sqrt(variance);
}

/** Why an organization is or is not among the promising peers. */
export type PeerStatus = 'promising' | 'not_improving' | 'within_noise' | 'too_few_years' | 'small_n';

/** One comparable organization's trend on the chosen indicator. */
export interface PeerTrend {
  code: string;
  points: TrendPoint[];
  /** Change per year (indicator units); null with too few years. */
  slope: number | null;
  /** The slope turned so that positive is better (lower-is-better indicators flip sign). */
  improvement: number | null;
  /** Sampling noise of the slope (percentages with n only), null when unknown. */
  noise: number | null;
  /** The smallest n behind any value in the window, null when the source gives none. */
  smallestN: number | null;
  status: PeerStatus;
}

/** Guards against reading noise as improvement. */
export interface PeerGuard {
  /** Fewest years of values in the window for a trend. */
  minYears: number;
  /** Every value in the window must stand on at least this many students (where n is known). */
  minN: number;
  /** A percentage's slope must be at least this many times its sampling noise. */
  noiseFactor: number;
}

/**
 * Ranks comparable organizations by improvement on one indicator over the window of years: a least-squares slope per
 * organization, turned so that positive is better. An organization is promising when it has at least `minYears`
 * values, every value stands on at least `minN` students, the slope points the right way and (for percentages) is
 * at least `noiseFactor` times its sampling noise. Promising peers come first, strongest improvement first; the rest
 * follow with the reason they are not.
 */
export function rankPromisingPeers(
  series: readonly { code: string; points: readonly TrendPoint[] }[],
  indicator: Pick<IndicatorDefinition, 'direction' | 'unit'>,
  years: readonly number[],
  guard: PeerGuard,
): PeerTrend[] {
  const window = new Set(years);
  const sign = indicator.direction === 'lower_is_better' ? -1 : 1;
  const trends = series.map((s): PeerTrend => {
    const points = s.points.filter((p) => window.has(p.year) && Number.isFinite(p.value));
    points.sort((a, b) => a.year - b.year);
    const ns = points.map((p) => p.n).filter((n): n is number => n !== null);
    const smallestN = ns.length > 0 ? Math.min(...ns) : null;
    const slope = points.length >= guard.minYears ? trendSlope(points) : null;
    const improvement = slope === null ? null : slope * sign;
    const noise = indicator.unit === 'percent' ? percentSlopeNoise(points) : null;
    let status: PeerStatus;
    if (slope === null || improvement === null) status = 'too_few_years';
    else if (smallestN !== null && smallestN < guard.minN) status = 'small_n';
    else if (improvement <= 0) status = 'not_improving';
    else if (noise !== null && improvement < guard.noiseFactor * noise) status = 'within_noise';
    else status = 'promising';
    return { code: s.code, points, slope, improvement, noise, smallestN, status };
  });
  const order: Record<PeerStatus, number> = {
    promising: 0,
    within_noise: 1,
    not_improving: 2,
    small_n: 3,
    too_few_years: 4,
  };
  return trends.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      (b.improvement ?? -Infinity) - (a.improvement ?? -Infinity) ||
      (a.code < b.code ? -1 : 1),
  );
}

/** The median of a list of numbers; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
