import { describe, expect, it } from 'vitest';
import {
  applicationEditBlock,
  applicationTransition,
  budgetOverAward,
  lineBelowSpent,
  percentOf,
  periodsOverlap,
  spendingFigures,
  spendingOverLine,
  totalFigures,
} from './grants.ts';

describe('grant applications', () => {
  it('moves draft -> submitted -> awarded or declined, and refuses every other move with a reason', () => {
    expect(applicationTransition('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(applicationTransition('submitted', 'award')).toEqual({ ok: true, to: 'awarded' });
    expect(applicationTransition('submitted', 'decline')).toEqual({ ok: true, to: 'declined' });
    expect(applicationTransition('draft', 'award')).toEqual({
      ok: false,
      message: 'The application is a draft: it must be submitted before it can be awarded',
    });
    expect(applicationTransition('submitted', 'submit')).toEqual({
      ok: false,
      message: 'The application is submitted already',
    });
    expect(applicationTransition('awarded', 'decline')).toEqual({
      ok: false,
      message: 'The application was awarded: it can no longer be declined',
    });
    expect(applicationTransition('declined', 'submit')).toEqual({
      ok: false,
      message: 'The application was declined: it can no longer be submitted',
    });
    expect(applicationTransition('declined', 'decline')).toMatchObject({ ok: false });
  });

  it('lets only drafts change', () => {
    expect(applicationEditBlock('draft')).toBeNull();
    expect(applicationEditBlock('awarded')).toBe('The application is awarded: only a draft can be changed');
  });
});

describe('budget lines and spending', () => {
  it('keeps the lines within the award, to the cent', () => {
    expect(budgetOverAward(7_500_000, 7_500_000)).toBeNull();
    expect(budgetOverAward(7_500_001, 7_500_000)).toBe(
      'The budget lines would total $75,000.01, more than the award of $75,000.00 (by $0.01)',
    );
    expect(lineBelowSpent('Line 5100 Coaching', 1_000, 1_000)).toBeNull();
    expect(lineBelowSpent('Line 5100 Coaching', 999, 1_000)).toBe(
      'Line 5100 Coaching has $10.00 spent already: its amount cannot be lowered to $9.99',
    );
  });

  it('refuses the first amount that takes a line past its budget, naming the line', () => {
    const lines = [
      { id: 1, label: 'Line 5100 Coaching', amountCents: 400_000, spentElsewhereCents: 150_000 },
      { id: 2, label: 'Line 5200 Materials', amountCents: 100_000, spentElsewhereCents: 0 },
    ];
    // 150,000 + 250,000 = 400,000: exactly the line.
    expect(
      spendingOverLine(lines, [
        { budgetLineId: 2, amountCents: 100_000 },
        { budgetLineId: 1, amountCents: 250_000 },
      ]),
    ).toBeNull();
    expect(
      spendingOverLine(lines, [
        { budgetLineId: 2, amountCents: 100_000 },
        { budgetLineId: 1, amountCents: 250_001 },
      ]),
    ).toEqual({
      index: 1,
      message:
        "Line 5100 Coaching: spending would reach $4,000.01, above the line's budget of $4,000.00 ($1,500.00 reported before)",
    });
  });

  it('computes spent vs awarded per award and in total (percent of the totals, one decimal)', () => {
    // Awarded $75,000; lines $40,000 + $10,000; spent $35,000 + $5,000 = $40,000: 53.33...% -> 53.3%.
    const a = spendingFigures(7_500_000, [
      { amountCents: 4_000_000, spentCents: 3_500_000 },
      { amountCents: 1_000_000, spentCents: 500_000 },
    ]);
    expect(a).toEqual({
      awardedCents: 7_500_000,
      budgetedCents: 5_000_000,
      spentCents: 4_000_000,
      remainingCents: 3_500_000,
      percentSpent: 53.3,
    });
    // Another award of $25,000 fully spent (100%). The mean of the percents would be 76.7; of the totals
    // $65,000 / $100,000 = 65%.
    const b = spendingFigures(2_500_000, [{ amountCents: 2_500_000, spentCents: 2_500_000 }]);
    expect(b.percentSpent).toBe(100);
    expect(totalFigures([a, b])).toEqual({
      awardedCents: 10_000_000,
      budgetedCents: 7_500_000,
      spentCents: 6_500_000,
      remainingCents: 3_500_000,
      percentSpent: 65,
    });
    expect(totalFigures([])).toEqual({
      awardedCents: 0,
      budgetedCents: 0,
      spentCents: 0,
      remainingCents: 0,
      percentSpent: null,
    });
  });

  it('rounds percents to one decimal, half away from zero, and has none of nothing', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3); // 6.25 -> 6.3
    expect(percentOf(5, 0)).toBeNull();
  });

  it('finds overlapping report periods (inclusive)', () => {
    const q1 = { start: '2026-07-01', end: '2026-09-30' };
    expect(periodsOverlap(q1, { start: '2026-09-30', end: '2026-10-31' })).toBe(true);
    expect(periodsOverlap(q1, { start: '2026-10-01', end: '2026-12-31' })).toBe(false);
    expect(periodsOverlap(q1, { start: '2026-01-01', end: '2026-12-31' })).toBe(true);
  });
});
