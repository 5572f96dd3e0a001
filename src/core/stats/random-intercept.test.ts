import { describe, expect, it } from 'vitest';
import { fitLogistic, sigmoid } from './logistic.ts';
import { createRandom } from './random.ts';
import { fitRandomIntercept } from './random-intercept.ts';

function simulate(groups: number, perGroup: number, sd: number, seed: string) {
  const random = createRandom(seed);
  const truth = Array.from({ length: groups }, () => sd * random.normal());
  const n = groups * perGroup;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    group[i] = Math.floor(i / perGroup);
    x[i] = random.normal();
    y[i] = random.next() < sigmoid(-0.3 + 1.0 * x[i]! + truth[group[i]!]!) ? 1 : 0;
  }
  return { design: { x, n, p: 1 }, y, group, truth };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('logistic regression with a random intercept per group', () => {
  const { design, y, group, truth } = simulate(80, 200, 0.6, 'schools');
  const fit = fitRandomIntercept(design, y, group, 80, { lambda: 1e-6, outerTolerance: 1e-8 });

  it('recovers the slope, the spread of the group effects and the effects themselves', () => {
    expect(fit.converged).toBe(true);
    expect(fit.fixed.coefficients[0]).toBeCloseTo(1.0, 1);
    expect(Math.sqrt(fit.variance)).toBeGreaterThan(0.45);
    expect(Math.sqrt(fit.variance)).toBeLessThan(0.75);
    expect(correlation(fit.effects, truth)).toBeGreaterThan(0.9);
    // Shrinkage: the estimated effects spread less than the truth's posterior would without a prior.
    const spread = Math.sqrt(fit.effects.reduce((s, u) => s + u * u, 0) / 80);
    expect(spread).toBeLessThan(Math.sqrt(fit.variance));
  });

  it('stops at the joint mode: every gradient is zero there', () => {
    const eta = (i: number) =>
      fit.fixed.intercept + fit.fixed.coefficients[0]! * design.x[i]! + fit.effects[group[i]!]!;
    // The fixed part, given the effects.
    expect(fit.fixed.gradientNorm).toBeLessThan(1e-6);
    // Each group's effect, given the fixed part: sum(y - mu) = u / tau^2.
    for (let gIndex = 0; gIndex < 80; gIndex += 7) {
      let g = -fit.effects[gIndex]! / fit.variance;
      for (let i = gIndex * 200; i < (gIndex + 1) * 200; i++) g += y[i]! - sigmoid(eta(i));
      expect(Math.abs(g)).toBeLessThan(1e-5);
    }
  });

  it('predicts new students of the same groups better than the model without groups', () => {
    const fresh = simulate(80, 200, 0.6, 'schools');
    // The same schools (the same true effects), new students: re-draw the outcomes with the first truth.
    const random = createRandom('new students');
    const yNew = new Float64Array(fresh.design.n);
    for (let i = 0; i < fresh.design.n; i++)
      yNew[i] = random.next() < sigmoid(-0.3 + fresh.design.x[i]! + truth[fresh.group[i]!]!) ? 1 : 0;
    const plain = fitLogistic(design, y, { lambda: 1e-6 });
    let lossPlain = 0;
    let lossMixed = 0;
    for (let i = 0; i < fresh.design.n; i++) {
      const xi = fresh.design.x[i]!;
      const pPlain = sigmoid(plain.intercept + plain.coefficients[0]! * xi);
      const pMixed = sigmoid(fit.fixed.intercept + fit.fixed.coefficients[0]! * xi + fit.effects[fresh.group[i]!]!);
      lossPlain -= yNew[i] ? Math.log(pPlain) : Math.log(1 - pPlain);
      lossMixed -= yNew[i] ? Math.log(pMixed) : Math.log(1 - pMixed);
    }
    expect(lossMixed).toBeLessThan(lossPlain * 0.98);
  });

  it('finds almost no spread when the groups do not differ, and then fits as the plain model', () => {
    const flat = simulate(40, 200, 0, 'flat');
    const mixed = fitRandomIntercept(flat.design, flat.y, flat.group, 40, { lambda: 1 });
    const plain = fitLogistic(flat.design, flat.y, { lambda: 1 });
    expect(Math.sqrt(mixed.variance)).toBeLessThan(0.15);
    expect(mixed.fixed.coefficients[0]).toBeCloseTo(plain.coefficients[0]!, 1);
  });
});
