import { fitLogistic, type Design, type LogisticFit, type LogisticOptions } from './logistic.ts';

/**
 * A multilevel logistic regression with a random intercept per group (a school): logit P(y = 1) = b0 + x.b + u_g,
 * u_g ~ N(0, tau^2). Fitted by Laplace-approximate EM: given tau^2, the fixed coefficients and the group effects are
 * the joint posterior mode (alternating a penalized Newton fit with the effects as an offset, and a one-dimensional
 * Newton solve per group), and tau^2 is updated to the mean of u_g^2 plus each effect's posterior variance 1 / H_g.
 * A group seen in few rows keeps an effect shrunk toward 0; a new group's effect is 0.
 */
export interface RandomInterceptFit {
  fixed: LogisticFit;
  /** Each group's effect on the log-odds (the posterior mode). */
  effects: Float64Array;
  /** The variance of the group effects. */
  variance: number;
  iterations: number;
  converged: boolean;
}

export interface RandomInterceptOptions extends LogisticOptions {
  /** Outer (EM) iterations at most (default 300). */
  maxOuterIterations?: number;
  /** Converged when no group effect and not the variance move more than this (default 1e-5). */
  outerTolerance?: number;
  /**
   * A variance this small means the groups do not differ beyond the features (sd 0.03 on the log-odds at the default
   * 1e-3): the fit stops there, converged, instead of following EM's slow approach to 0.
   */
  minVariance?: number;
  /** Keep the variance fixed at this value (e.g. estimated once on all the data) and find only the mode. */
  variance?: number;
}

/** Mode of one group's effect given the fixed part of each of its rows' log-odds, and the curvature there. */
function groupMode(
  fixedEta: Float64Array,
  y: ArrayLike<number>,
  rows: Int32Array,
  start: number,
  variance: number,
): { u: number; curvature: number } {
  let u = start;
  let curvature = 1 / variance;
  for (let k = 0; k < 50; k++) {
    let g = -u / variance;
    let h = 1 / variance;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      const eta = fixedEta[i]! + u;
      const mu = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
      g += y[i]! - mu;
      h += mu * (1 - mu);
    }
    const step = g / h;
    u += step;
    curvature = h;
    if (Math.abs(step) < 1e-10) break;
  }
  return { u, curvature };
}

/**
 * Fits the random-intercept model. `group[i]` is row i's group index in 0..groups-1. The L2 penalty of `options`
 * applies to the fixed coefficients as in fitLogistic.
 */
export function fitRandomIntercept(
  design: Design,
  y: ArrayLike<number>,
  group: Int32Array,
  groups: number,
  options: RandomInterceptOptions,
): RandomInterceptFit {
  const { x, n, p } = design;
  const maxOuter = options.maxOuterIterations ?? 300;
  const tolerance = options.outerTolerance ?? 1e-5;
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < n; i++) members[group[i]!]!.push(i);
  const rowsOf = members.map((m) => Int32Array.from(m));

  const effects = new Float64Array(groups);
  const offset = new Float64Array(n);
  const fixedEta = new Float64Array(n);
  const minVariance = options.minVariance ?? 1e-3;
  const fixedVariance = options.variance;
  let variance = fixedVariance ?? 0.25;
  let fixed = fitLogistic(design, y, options);
  let iterations = 0;
  let converged = false;
  while (iterations < maxOuter) {
    iterations++;
    for (let i = 0; i < n; i++) {
      let eta = fixed.intercept;
      const row = i * p;
      for (let j = 0; j < p; j++) eta += x[row + j]! * fixed.coefficients[j]!;
      fixedEta[i] = eta;
    }
    let largest = 0;
    let sum = 0;
    let used = 0;
    for (let gIndex = 0; gIndex < groups; gIndex++) {
      const rows = rowsOf[gIndex]!;
      if (rows.length === 0) continue;
      const { u, curvature } = groupMode(fixedEta, y, rows, effects[gIndex]!, variance);
      largest = Math.max(largest, Math.abs(u - effects[gIndex]!));
      effects[gIndex] = u;
      sum += u * u + 1 / curvature;
      used++;
    }
    const nextVariance = fixedVariance ?? Math.max(1e-6, used > 0 ? sum / used : variance);
    largest = Math.max(largest, Math.abs(nextVariance - variance));
    variance = nextVariance;
    const negligible = fixedVariance === undefined && variance < minVariance;
    for (let i = 0; i < n; i++) offset[i] = effects[group[i]!]!;
    const start = new Float64Array(p + 1);
    start[0] = fixed.intercept;
    start.set(fixed.coefficients, 1);
    const next = fitLogistic(design, y, { ...options, offset, start });
    largest = Math.max(largest, Math.abs(next.intercept - fixed.intercept));
    fixed = next;
    if (largest < tolerance || negligible) {
      converged = true;
      break;
    }
  }
  return { fixed, effects, variance, iterations, converged };
}
