import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom, type Random } from './random.ts';

const take = (r: Random, n: number): number[] => Array.from({ length: n }, () => r.next());

describe('createRandom', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(take(createRandom(42), 20)).toEqual(take(createRandom(42), 20));
    expect(take(createRandom('commonwealth'), 20)).toEqual(take(createRandom('commonwealth'), 20));
    expect(take(createRandom(42), 20)).not.toEqual(take(createRandom(43), 20));
    expect(take(createRandom(42), 20)).not.toEqual(take(createRandom('42'), 20));
  });

  it('draws uniform numbers in [0, 1) that fill ten equal bins evenly', () => {
    const r = createRandom(7);
    const n = 200_000;
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside += 1;
      else bins[Math.floor(x * 10)]! += 1;
    }
    expect(outside).toBe(0);
    // Chi-square with 9 degrees of freedom: 27.9 is its 99.9th percentile.
    const expected = n / 10;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('draws normal numbers with the requested mean and standard deviation', () => {
    const r = createRandom(11);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal(500, 24);
      sum += x;
      sumSq += x * x;
      if (Math.abs(x - 500) > 48) beyond2 += 1;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    expect(mean).toBeCloseTo(500, 0);
    expect(sd).toBeGreaterThan(23.8);
    expect(sd).toBeLessThan(24.2);
    // About 4.55% of a normal lies beyond two standard deviations.
    expect(beyond2 / n).toBeGreaterThan(0.043);
    expect(beyond2 / n).toBeLessThan(0.048);
  });

  it('keeps integers, picks and Bernoulli draws within their ranges and rates', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, lo, w) => {
        const r = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.int(lo, lo + w);
          expect(Number.isInteger(x) && x >= lo && x <= lo + w).toBe(true);
        }
      }),
    );
    const r = createRandom(3);
    const items = ['a', 'b', 'c'] as const;
    const counts = { a: 0, b: 0, c: 0 };
    let heads = 0;
    for (let i = 0; i < 30_000; i++) {
      counts[r.pick(items)] += 1;
      if (r.bernoulli(0.2)) heads += 1;
    }
    for (const k of items) expect(counts[k] / 30_000).toBeCloseTo(1 / 3, 1);
    expect(heads / 30_000).toBeCloseTo(0.2, 1);
  });

  it('draws weighted indices in proportion to their weights and never a zero weight', () => {
    const r = createRandom(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.weighted([1, 0, 3, 4])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / 40_000).toBeCloseTo(1 / 8, 1);
    expect(counts[2]! / 40_000).toBeCloseTo(3 / 8, 1);
    expect(counts[3]! / 40_000).toBeCloseTo(4 / 8, 1);
    expect(() => r.weighted([0, 0])).toThrow();
  });
});

describe('fork', () => {
  it('depends only on the parent seed and the label, not on what the parent has drawn', () => {
    const a = createRandom(99);
    const b = createRandom(99);
    take(b, 1000);
    expect(take(a.fork('00350000'), 10)).toEqual(take(b.fork('00350000'), 10));
    expect(take(a.fork(17), 10)).toEqual(take(b.fork(17), 10));
    expect(take(a.fork('x').fork('y'), 10)).toEqual(take(b.fork('x').fork('y'), 10));
  });

  it('gives different labels uncorrelated streams', () => {
    const root = createRandom(1);
    const x = take(root.fork('district-a'), 50_000);
    const y = take(root.fork('district-b'), 50_000);
    expect(x).not.toEqual(y);
    const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
    const mx = mean(x);
    const my = mean(y);
    let cov = 0;
    let vx = 0;
    let vy = 0;
    for (let i = 0; i < x.length; i++) {
      cov += (x[i]! - mx) * (y[i]! - my);
      vx += (x[i]! - mx) ** 2;
      vy += (y[i]! - my) ** 2;
    }
    // Four standard errors of a correlation estimated from 50,000 pairs.
    expect(Math.abs(cov / Math.sqrt(vx * vy))).toBeLessThan(4 / Math.sqrt(50_000));
    // A fork is not the parent's own stream either.
    expect(take(root.fork('district-a'), 5)).not.toEqual(take(createRandom(1), 5));
  });
});
