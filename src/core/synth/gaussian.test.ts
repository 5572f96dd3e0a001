import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bivariateNormalUpper, normalCdf, normalQuantile } from './gaussian.ts';

describe('normal distribution functions', () => {
  it('gives the textbook values of the normal distribution', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 28);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });

  it('inverts: the quantile of the CDF is the point itself', () => {
    fc.assert(
      fc.property(fc.double({ min: -7, max: 5, noNaN: true }), (x) => {
        expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 8);
      }),
    );
  });

  it('computes bivariate upper probabilities that agree with numerical integration', () => {
    // P(X > h, Y > k) = integral over x > h of phi(x) * Phi((r x - k) / sqrt(1 - r^2)).
    const integrate = (h: number, k: number, r: number): number => {
      const n = 20000;
      const dx = 12 / n;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const x = h + (i + 0.5) * dx;
        s += (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * normalCdf((r * x - k) / Math.sqrt(1 - r * r)) * dx;
      }
      return s;
    };
    for (const r of [-0.95, -0.5, 0, 0.3, 0.6, 0.8, 0.93, 0.97]) {
      for (const [h, k] of [
        [-1.5, 0.3],
        [0, 0],
        [0.7, -0.4],
        [1.5, 2],
      ] as const) {
        expect(bivariateNormalUpper(h, k, r)).toBeCloseTo(integrate(h, k, r), 6);
      }
    }
  });

  it('reduces to the univariate case at independence and at the limits', () => {
    expect(bivariateNormalUpper(0.4, -0.2, 0)).toBeCloseTo(normalCdf(-0.4) * normalCdf(0.2), 14);
    expect(bivariateNormalUpper(-Infinity, 0.5, 0.6)).toBeCloseTo(normalCdf(-0.5), 14);
    expect(bivariateNormalUpper(Infinity, 0.5, 0.6)).toBe(0);
  });
});
