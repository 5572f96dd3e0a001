/**
 * A small, fast, seeded pseudo-random generator for pure code (`src/core` may use no other randomness).
 *
 * The stream is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 128 bits of state, passes PractRand and
 * BigCrush), seeded through splitmix32. Every generator carries a 64-bit key derived from the root seed and the
 * labels of the forks that led to it; `fork(label)` hashes that key with the label, so a child stream depends only on
 * (root seed, path of labels), never on how many numbers the parent has drawn. That is what makes the synthetic
 * Commonwealth reproducible district by district and independent of generation order.
 */

/** A seeded source of random numbers. */
export interface Random {
  /** A uniform number in [0, 1), with 32 bits of randomness. */
  next(): number;
  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** A normally distributed number (Box-Muller). */
  normal(mean?: number, sd?: number): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** One element of a non-empty array, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with probability proportional to its (non-negative) weight. */
  weighted(weights: readonly number[]): number;
  /** An independent generator that depends only on this generator's key and the label. */
  fork(label: string | number): Random;
}

const TWO_POW_32 = 4294967296;

/** Mixes a 32-bit value (murmur3's finalizer). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a label into a 32-bit value, starting from `h` (FNV-1a over UTF-16 code units, then mixed). */
function hashLabel(h: number, label: string): number {
  let x = h ^ 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    x ^= label.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return mix32(x ^ label.length);
}

class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;
  private readonly k0: number;
  private readonly k1: number;

  constructor(k0: number, k1: number) {
    this.k0 = k0 >>> 0;
    this.k1 = k1 >>> 0;
    // splitmix32 expands the 64-bit key into the 128-bit state.
    let s = (this.k0 ^ Math.imul(this.k1, 0x9e3779b9)) >>> 0;
    const nextSeed = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = nextSeed();
    this.b = nextSeed();
    this.c = nextSeed() ^ this.k1;
    this.d = 1;
    // Discard the first outputs, as sfc32's author recommends.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spare;
    }
    // Box-Muller; 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + sd * r * Math.cos(theta);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weighted needs a positive total weight');
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    // Rounding can leave x at 0 after the last subtraction: take the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return weights.length - 1;
  }

  fork(label: string | number): Random {
    const text = typeof label === 'number' ? `#${label}` : label;
    return new Sfc32(hashLabel(this.k0, text), hashLabel(this.k1 ^ 0x5bd1e995, text));
  }
}

/** A generator seeded from a number or text; the same seed always gives the same stream. */
export function createRandom(seed: number | string): Random {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  return new Sfc32(hashLabel(0x243f6a88, text), hashLabel(0x85a308d3, text));
}
