import { describe, expect, it } from 'vitest';
import { allocateGrant, failedCondition, type AllocationCandidate, type EligibilityRule } from './allocation.ts';

const requiring: EligibilityRule = { all: [{ field: 'classification', op: 'eq', value: 'requiring_assistance' }] };
const candidate = (
  orgCode: string,
  enrollment: number,
  classification = 'requiring_assistance',
): AllocationCandidate => ({
  orgCode,
  name: `District ${orgCode}`,
  enrollment,
  attributes: { classification },
});

describe('grant allocation', () => {
  it('matches the hand-worked example: caps fixed, the rest re-spread, largest remainder to the cent', () => {
    // Base $10,000 + $50 per pupil, min $20,000, max $60,000, budget $150,000.
    // Formula: A 100 pupils $15,000; B 400 $30,000; C 1,000 $60,000; D 2,000 $110,000 (sum $215,000).
    // First factor 150/215 = 0.6977: A $10,465 < min -> $20,000; D $76,744 > max -> $60,000.
    // Re-spread $150,000 - $80,000 = $70,000 over B and C ($90,000): factor 7/9. B $23,333.333..., C $46,666.666...
    // Both within the caps: stable. Rounded down: 2,333,333 + 4,666,666 cents; one cent left goes to C (.667 > .333).
    const r = allocateGrant(
      [
        candidate('D', 2000),
        candidate('B', 400),
        candidate('A', 100),
        candidate('C', 1000),
        candidate('E', 900, 'none'),
      ],
      requiring,
      { baseCents: 1_000_000, perPupilCents: 5_000, minCents: 2_000_000, maxCents: 6_000_000 },
      15_000_000,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.scalingFactor).toBeCloseTo(7 / 9, 12);
    expect(r.lines.map((l) => [l.orgCode, l.amountCents, l.cap, l.roundedUp])).toEqual([
      ['A', 2_000_000, 'minimum', false],
      ['B', 2_333_333, null, false],
      ['C', 4_666_667, null, true],
      ['D', 6_000_000, 'maximum', false],
    ]);
    expect(r.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(15_000_000);
    const b = r.lines[1]!;
    expect(b).toMatchObject({ baseCents: 1_000_000, perPupilPartCents: 2_000_000, formulaCents: 3_000_000 });
    expect(b.explanation).toBe(
      'Base $10,000.00 + 400 pupils x $50.00 = $30,000.00; x 0.777778 = $23,333.33, rounded down to the cent: $23,333.33.',
    );
    expect(r.lines[0]!.explanation).toMatch(/raised to the minimum \$20,000\.00: \$20,000\.00\.$/);
    expect(r.ineligible).toEqual([
      {
        orgCode: 'E',
        name: 'District E',
        reason: 'not eligible: classification is "requiring_assistance" (it is "none")',
      },
    ]);
  });

  it('scales up when the budget exceeds the formula amounts', () => {
    // Formula $100 and $300 (base $100, $100 per pupil, 0 and 2 pupils); budget $800: factor 2 -> $200 and $600.
    const r = allocateGrant(
      [candidate('x', 0), candidate('y', 2)],
      { all: [] },
      { baseCents: 10_000, perPupilCents: 10_000, minCents: null, maxCents: null },
      80_000,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.scalingFactor).toBe(2);
    expect(r.lines.map((l) => l.amountCents)).toEqual([20_000, 60_000]);
  });

  it('shows a per-pupil amount with fractions of a cent as it is', () => {
    // 12.5 cents per pupil x 1,000 pupils = $125.00; one recipient takes the whole $125.00.
    const r = allocateGrant(
      [candidate('a', 1000)],
      { all: [] },
      { baseCents: 0, perPupilCents: 12.5, minCents: null, maxCents: null },
      12_500,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.lines[0]!.explanation).toBe(
      'Base $0.00 + 1000 pupils x $0.125 = $125.00; x 1.000000 = $125.00, rounded down to the cent: $125.00.',
    );
  });

  it('breaks equal remainders by organization code', () => {
    // Two equal recipients, 3 cents: 1.5 each; the leftover cent goes to the lower code.
    const r = allocateGrant(
      [candidate('02', 10), candidate('01', 10)],
      { all: [] },
      { baseCents: 100, perPupilCents: 0, minCents: null, maxCents: null },
      3,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.lines.map((l) => [l.orgCode, l.amountCents])).toEqual([
      ['01', 2],
      ['02', 1],
    ]);
  });

  it('sums exactly to the budget and respects the caps over many generated cases', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(next() * 30);
      const list = Array.from({ length: n }, (_, i) =>
        candidate(String(i).padStart(8, '0'), Math.floor(next() * 20_000)),
      );
      const min = next() < 0.5 ? Math.floor(next() * 5_000_000) : null;
      const max = next() < 0.5 ? (min ?? 0) + 1 + Math.floor(next() * 20_000_000) : null;
      const lowest = (min ?? 0) * n;
      const highest = max === null ? lowest + 500_000_000 : max * n;
      const budget = lowest + Math.floor(next() * (highest - lowest));
      const formula = {
        baseCents: Math.floor(next() * 5_000_000),
        perPupilCents: next() * 10_000,
        minCents: min,
        maxCents: max,
      };
      const r = allocateGrant(list, { all: [] }, formula, budget);
      if (!r.ok) throw new Error(`case ${run}: ${r.reason}`);
      expect(
        r.lines.reduce((s, l) => s + l.amountCents, 0),
        `case ${run}`,
      ).toBe(budget);
      for (const l of r.lines) {
        expect(Number.isInteger(l.amountCents)).toBe(true);
        if (min !== null) expect(l.amountCents).toBeGreaterThanOrEqual(min);
        if (max !== null) expect(l.amountCents).toBeLessThanOrEqual(max);
      }
    }
  });

  it('reports a budget that cannot meet the caps, and no eligible recipient, as values', () => {
    const formula = { baseCents: 100, perPupilCents: 0, minCents: 1_000, maxCents: 2_000 };
    const few = allocateGrant([candidate('a', 1), candidate('b', 1)], { all: [] }, formula, 1_500);
    expect(few).toMatchObject({ ok: false, reason: expect.stringMatching(/less than the minimum \$10\.00/) });
    const many = allocateGrant([candidate('a', 1)], { all: [] }, formula, 5_000);
    expect(many).toMatchObject({ ok: false, reason: expect.stringMatching(/more than the maximum \$20\.00/) });
    const none = allocateGrant([candidate('a', 1, 'none')], requiring, formula, 1_500);
    expect(none).toMatchObject({ ok: false, reason: 'No organization meets the eligibility rule.' });
  });
});

describe('eligibility rules as data', () => {
  it('checks eq, in, gte and lte and names the failed condition', () => {
    const rule: EligibilityRule = {
      all: [
        { field: 'classification', op: 'in', values: ['requiring_assistance', 'not_requiring'] },
        { field: 'enrollment', op: 'gte', value: 100 },
        { field: 'percentile', op: 'lte', value: 10 },
      ],
    };
    expect(
      failedCondition(rule, { classification: 'requiring_assistance', enrollment: 100, percentile: 10 }),
    ).toBeNull();
    expect(failedCondition(rule, { classification: 'requiring_assistance', enrollment: 99, percentile: 5 })).toBe(
      'not eligible: enrollment is at least 100 (it is 99)',
    );
    expect(failedCondition(rule, { classification: 'requiring_assistance', enrollment: 500, percentile: null })).toBe(
      'not eligible: percentile is at most 10 (it is null)',
    );
  });
});
