import { describe, expect, it } from 'vitest';
import {
  columnScales,
  fitLogistic,
  penalizedGradient,
  penalizedLogLikelihood,
  predictLogistic,
  sigmoid,
  standardize,
  type Design,
} from './logistic.ts';
import { createRandom } from './random.ts';

function design(rows: number[][]): Design {
  return { x: Float64Array.from(rows.flat()), n: rows.length, p: rows[0]!.length };
}

describe('logistic regression', () => {
  // One binary feature: without a penalty the fit is the two groups' log-odds. x = 0: 3 of 4 reach (log-odds ln 3);
  // x = 1: 1 of 4 (log-odds -ln 3): intercept ln 3, coefficient -2 ln 3.
  const x = design([[0], [0], [0], [0], [1], [1], [1], [1]]);
  const y = [1, 1, 1, 0, 1, 0, 0, 0];

  it('fits a hand-checked problem exactly', () => {
    const fit = fitLogistic(x, y, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 10);
    expect(fit.coefficients[0]).toBeCloseTo(-2 * Math.log(3), 10);
    // 8 * (0.75 ln 0.75 + 0.25 ln 0.25)
    expect(fit.objective).toBeCloseTo(8 * (0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 10);
    const p = predictLogistic(x, fit);
    expect(p[0]).toBeCloseTo(0.75, 10);
    expect(p[7]).toBeCloseTo(0.25, 10);
  });

  it('shrinks the coefficient under an L2 penalty, with the gradient zero at the optimum', () => {
    const fit = fitLogistic(x, y, { lambda: 1 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.coefficients[0]!)).toBeLessThan(2 * Math.log(3));
    expect(fit.gradientNorm).toBeLessThan(1e-9);
    // Independently: the gradient computed afresh is zero, and moving any coefficient lowers the objective.
    const beta = [fit.intercept, ...fit.coefficients];
    for (const g of penalizedGradient(x, y, beta, 1)) expect(Math.abs(g)).toBeLessThan(1e-9);
    for (let j = 0; j < beta.length; j++)
      for (const d of [-1e-3, 1e-3]) {
        const moved = [...beta];
        moved[j]! += d;
        expect(penalizedLogLikelihood(x, y, moved, 1)).toBeLessThan(fit.objective);
      }
  });

  it('recovers the coefficients that generated the data', () => {
    const random = createRandom('logistic-recovery');
    const n = 20000;
    const truth = [-0.5, 1.2, -0.8, 0];
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = [random.normal(), random.normal(), random.normal()];
      const eta = truth[0]! + row.reduce((s, v, j) => s + v * truth[j + 1]!, 0);
      rows.push(row);
      labels.push(random.next() < sigmoid(eta) ? 1 : 0);
    }
    const fit = fitLogistic(design(rows), labels, { lambda: 1e-6 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    expect(fit.intercept).toBeCloseTo(truth[0]!, 1);
    for (let j = 0; j < 3; j++) expect(fit.coefficients[j]).toBeCloseTo(truth[j + 1]!, 1);
    expect(fit.gradientNorm).toBeLessThan(1e-6);
  });

  it('reaches the same optimum with the Hessian from a sample of rows', () => {
    const random = createRandom('logistic-sampled');
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const row = [random.normal(), random.normal() * 2, random.next() < 0.3 ? 1 : 0];
      rows.push(row);
      labels.push(random.next() < sigmoid(0.3 + row[0]! - 0.4 * row[1]! + row[2]!) ? 1 : 0);
    }
    const exact = fitLogistic(design(rows), labels, { lambda: 1 });
    const sampled = fitLogistic(design(rows), labels, { lambda: 1, hessianRows: 300 });
    expect(sampled.converged).toBe(true);
    expect(sampled.gradientNorm).toBeLessThan(1e-5);
    expect(sampled.intercept).toBeCloseTo(exact.intercept, 7);
    for (let j = 0; j < 3; j++) expect(sampled.coefficients[j]).toBeCloseTo(exact.coefficients[j]!, 7);
  });

  it('treats a case weight of 2 as the row twice', () => {
    const once = fitLogistic(design([[0], [0], [1], [1], [1]]), [1, 0, 1, 1, 0], {
      lambda: 0.5,
      weights: Float64Array.from([1, 1, 2, 1, 1]),
    });
    const twice = fitLogistic(design([[0], [0], [1], [1], [1], [1]]), [1, 0, 1, 1, 0, 1], { lambda: 0.5 });
    expect(once.intercept).toBeCloseTo(twice.intercept, 10);
    expect(once.coefficients[0]).toBeCloseTo(twice.coefficients[0]!, 10);
  });

  it('stays finite on separable data when penalized', () => {
    const fit = fitLogistic(design([[-1], [-2], [1], [2]]), [0, 0, 1, 1], { lambda: 0.1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
  });

  it('standardizes columns to mean 0 and sd 1, leaving a constant column at 0', () => {
    const d = design([
      [1, 5],
      [3, 5],
      [5, 5],
    ]);
    const scales = columnScales(d);
    expect([...scales.means]).toEqual([3, 5]);
    expect(scales.sds[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scales.sds[1]).toBe(1);
    const s = standardize(d, scales);
    expect(s.x[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 12);
    expect(s.x[1]).toBe(0);
  });
});
