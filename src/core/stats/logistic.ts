/**
 * L2-regularized logistic regression, fitted by Newton's method (iteratively reweighted least squares) with a
 * backtracking line search, on a row-major Float64Array design. Our own small implementation (DESIGN.md: no heavy ML
 * runtime): exact to convergence, and fast enough for a state's students (one pass over the rows per iteration).
 *
 * The objective is the penalized log-likelihood
 *   l(b0, b) = sum_i [ y_i (b0 + x_i.b) - log(1 + exp(b0 + x_i.b)) ] - (lambda / 2) |b|^2,
 * the intercept b0 unpenalized: scikit-learn's LogisticRegression(C) is lambda = 1 / C.
 */

/** A design matrix: n rows of p features, row-major. */
export interface Design {
  x: Float64Array;
  n: number;
  p: number;
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (not the intercept). */
  lambda: number;
  /** Newton iterations at most. */
  maxIterations?: number;
  /** Converged when no coefficient moves more than this in an iteration. */
  tolerance?: number;
  /** Case weights (default 1 each). */
  weights?: Float64Array;
  /** The Hessian is computed on at most this many evenly spaced rows (default 50,000); the gradient on all. */
  hessianRows?: number;
  /** A known part of each row's log-odds, added to the linear predictor (e.g. a school's effect). */
  offset?: Float64Array;
  /** Coefficients to start from (intercept first), e.g. the previous fit of an iteration. */
  start?: Float64Array;
}

export interface LogisticFit {
  intercept: number;
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
  /** The penalized log-likelihood at the solution. */
  objective: number;
  /** Largest absolute component of the penalized log-likelihood's gradient at the solution. */
  gradientNorm: number;
}

/** The logistic function, computed without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + exp(z)) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The penalized log-likelihood of coefficients (b0 first, then b). */
export function penalizedLogLikelihood(
  design: Design,
  y: ArrayLike<number>,
  beta: ArrayLike<number>,
  lambda: number,
  weights?: Float64Array,
  offset?: Float64Array,
): number {
  const { x, n, p } = design;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let eta = beta[0]! + (offset ? offset[i]! : 0);
    const row = i * p;
    for (let j = 0; j < p; j++) eta += x[row + j]! * beta[j + 1]!;
    const w = weights ? weights[i]! : 1;
    total += w * (y[i]! * eta - softplus(eta));
  }
  let penalty = 0;
  for (let j = 1; j <= p; j++) penalty += beta[j]! * beta[j]!;
  return total - (lambda / 2) * penalty;
}

/** The gradient of the penalized log-likelihood (b0 first), in one pass. */
export function penalizedGradient(
  design: Design,
  y: ArrayLike<number>,
  beta: ArrayLike<number>,
  lambda: number,
  weights?: Float64Array,
  offset?: Float64Array,
): Float64Array {
  const { x, n, p } = design;
  const g = new Float64Array(p + 1);
  for (let i = 0; i < n; i++) {
    let eta = beta[0]! + (offset ? offset[i]! : 0);
    const row = i * p;
    for (let j = 0; j < p; j++) eta += x[row + j]! * beta[j + 1]!;
    const r = (weights ? weights[i]! : 1) * (y[i]! - sigmoid(eta));
    g[0]! += r;
    for (let j = 0; j < p; j++) g[j + 1]! += r * x[row + j]!;
  }
  for (let j = 1; j <= p; j++) g[j]! -= lambda * beta[j]!;
  return g;
}

/**
 * Solves H d = g for a symmetric positive definite H (dimension m, row-major) by Cholesky; H is overwritten. Returns
 * null when H is not positive definite.
 */
function choleskySolve(h: Float64Array, g: Float64Array, m: number): Float64Array | null {
  for (let j = 0; j < m; j++) {
    let d = h[j * m + j]!;
    for (let k = 0; k < j; k++) d -= h[j * m + k]! * h[j * m + k]!;
    if (!(d > 0)) return null;
    const l = Math.sqrt(d);
    h[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = h[i * m + j]!;
      for (let k = 0; k < j; k++) s -= h[i * m + k]! * h[j * m + k]!;
      h[i * m + j] = s / l;
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= h[i * m + k]! * z[k]!;
    z[i] = s / h[i * m + i]!;
  }
  const d = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < m; k++) s -= h[k * m + i]! * d[k]!;
    d[i] = s / h[i * m + i]!;
  }
  return d;
}

/**
 * Fits the model by Newton's method. Each iteration is one pass over the rows computing the penalized log-likelihood,
 * its gradient and its Hessian at the current coefficients; on a large design the Hessian is taken from an evenly
 * spaced sample of `hessianRows` rows (scaled up), which keeps every step a descent direction (the gradient is exact)
 * at a fraction of the cost. A step that does not increase the objective is halved. Converged when the largest
 * coefficient change is under the tolerance.
 */
export function fitLogistic(design: Design, y: ArrayLike<number>, options: LogisticOptions): LogisticFit {
  const { x, n, p } = design;
  const m = p + 1;
  const lambda = options.lambda;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-8;
  const weights = options.weights;
  const offset = options.offset;
  const hessianRows = options.hessianRows ?? 50_000;
  const stride = n > hessianRows ? Math.ceil(n / hessianRows) : 1;
  const sampled = Math.ceil(n / stride);
  const hessianScale = n / sampled;

  // Start the intercept at the log-odds of the mean outcome: one Newton step fewer, and no overflow at the start.
  let sumW = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    sumW += w;
    sumY += w * y[i]!;
  }
  const mean = Math.min(1 - 1e-9, Math.max(1e-9, sumY / Math.max(sumW, 1e-300)));
  let beta = new Float64Array(m);
  beta[0] = Math.log(mean / (1 - mean));
  if (options.start) beta.set(options.start.subarray(0, m));

  const g = new Float64Array(m);
  const h = new Float64Array(m * m);
  const xi = new Float64Array(m);
  xi[0] = 1;
  /** One pass: objective, gradient and (sampled) Hessian at `b`; returns the objective. */
  const evaluate = (b: Float64Array): number => {
    g.fill(0);
    h.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let eta = offset ? b[0]! + offset[i]! : b[0]!;
      for (let j = 0; j < p; j++) eta += x[row + j]! * b[j + 1]!;
      const w = weights ? weights[i]! : 1;
      const yi = y[i]!;
      // mu and softplus(eta) from one exponential.
      let mu: number;
      let soft: number;
      if (eta >= 0) {
        const e = Math.exp(-eta);
        mu = 1 / (1 + e);
        soft = eta + Math.log1p(e);
      } else {
        const e = Math.exp(eta);
        mu = e / (1 + e);
        soft = Math.log1p(e);
      }
      total += w * (yi * eta - soft);
      const r = w * (yi - mu);
      g[0]! += r;
      for (let j = 0; j < p; j++) g[j + 1]! += r * x[row + j]!;
      if (i % stride === 0) {
        const curvature = w * mu * (1 - mu) * hessianScale;
        for (let j = 0; j < p; j++) xi[j + 1] = x[row + j]!;
        for (let a = 0; a < m; a++) {
          const cxa = curvature * xi[a]!;
          const base = a * m;
          // Lower triangle only; mirrored below.
          for (let c = 0; c <= a; c++) h[base + c]! += cxa * xi[c]!;
        }
      }
    }
    let penalty = 0;
    for (let j = 1; j < m; j++) {
      penalty += b[j]! * b[j]!;
      g[j]! -= lambda * b[j]!;
    }
    for (let a = 0; a < m; a++) for (let c = 0; c < a; c++) h[c * m + a] = h[a * m + c]!;
    for (let j = 1; j < m; j++) h[j * m + j]! += lambda;
    // A tiny ridge on the intercept keeps a separable or constant problem solvable.
    h[0]! += 1e-12;
    return total - (lambda / 2) * penalty;
  };

  let objective = evaluate(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const step = choleskySolve(h, g, m);
    if (!step) break;
    let scale = 1;
    let next = beta;
    let nextObjective = objective;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      next = new Float64Array(m);
      for (let j = 0; j < m; j++) next[j] = beta[j]! + scale * step[j]!;
      nextObjective = evaluate(next);
      if (nextObjective >= objective - 1e-12 * Math.abs(objective)) {
        accepted = true;
        break;
      }
      scale /= 2;
    }
    let largest = 0;
    for (let j = 0; j < m; j++) largest = Math.max(largest, Math.abs(next[j]! - beta[j]!));
    beta = next;
    objective = nextObjective;
    if (!accepted || largest < tolerance) {
      converged = accepted;
      break;
    }
  }
  const gradient = penalizedGradient(design, y, beta, lambda, weights, offset);
  let gradientNorm = 0;
  for (const v of gradient) gradientNorm = Math.max(gradientNorm, Math.abs(v));
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations, converged, objective, gradientNorm };
}

/** The predicted probability of each row. */
export function predictLogistic(design: Design, fit: Pick<LogisticFit, 'intercept' | 'coefficients'>): Float64Array {
  const { x, n, p } = design;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = fit.intercept;
    const row = i * p;
    for (let j = 0; j < p; j++) eta += x[row + j]! * fit.coefficients[j]!;
    out[i] = sigmoid(eta);
  }
  return out;
}

/** Means and standard deviations of each column (population sd; 1 for a constant column, so it stays 0). */
export interface Standardization {
  means: Float64Array;
  sds: Float64Array;
}

/** The column means and standard deviations of a design. */
export function columnScales(design: Design): Standardization {
  const { x, n, p } = design;
  const means = new Float64Array(p);
  const sds = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) means[j]! += x[i * p + j]!;
  for (let j = 0; j < p; j++) means[j]! /= Math.max(n, 1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const d = x[i * p + j]! - means[j]!;
      sds[j]! += d * d;
    }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(sds[j]! / Math.max(n, 1));
    sds[j] = sd > 0 ? sd : 1;
  }
  return { means, sds };
}

/** A copy of the design with each column standardized by the given scales: (x - mean) / sd. */
export function standardize(design: Design, scales: Standardization): Design {
  const { x, n, p } = design;
  const out = new Float64Array(x.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) out[i * p + j] = (x[i * p + j]! - scales.means[j]!) / scales.sds[j]!;
  return { x: out, n, p };
}
