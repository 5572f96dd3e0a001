import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  defaultPrioritySettings,
  engagementAlert,
  priorityScore,
  rankPriorities,
  type PriorityInput,
} from './priority.ts';

const org = (orgCode: string, over: Partial<PriorityInput> = {}): PriorityInput => ({
  orgCode,
  requiringAssistance: false,
  percentile: 50,
  highRiskShare: 0.1,
  lastEngagementOn: null,
  ...over,
});

describe('priority score', () => {
  it('weights classification 50, percentile 30, early warning 20 by default (hand-worked)', () => {
    // Requiring assistance (1 x 50), percentile 11 -> (99 - 11) / 98 = 88/98 (x 30 = 26.938...), 25% at high risk
    // (0.25 x 20 = 5): 50 + 26.9388 + 5 = 81.9388 out of 100.
    const r = priorityScore(org('a', { requiringAssistance: true, percentile: 11, highRiskShare: 0.25 }), {
      ...defaultPrioritySettings,
    });
    expect(r.score).toBeCloseTo(50 + (88 / 98) * 30 + 5, 9);
    expect(r.parts.map((p) => p.part)).toEqual(['classification', 'percentile', 'earlyWarning']);
    expect(r.parts[2]).toEqual({ part: 'earlyWarning', value: 0.25, weight: 20, points: 5 });
  });

  it('scores percentile 1 as 1 and percentile 99 as 0', () => {
    const only = { ...defaultPrioritySettings, weights: { classification: 0, percentile: 1, earlyWarning: 0 } };
    expect(priorityScore(org('a', { percentile: 1 }), only).score).toBe(100);
    expect(priorityScore(org('a', { percentile: 99 }), only).score).toBe(0);
    expect(priorityScore(org('a', { percentile: 50 }), only).score).toBe(50);
  });

  it('redistributes the weight of a missing part by default, or counts it as zero when configured', () => {
    // No early-warning scores: (50 x 1 + 30 x 0.5) / 80 x 100 = 81.25.
    const input = org('a', { requiringAssistance: true, percentile: 50, highRiskShare: null });
    const redistributed = priorityScore(input, defaultPrioritySettings);
    expect(redistributed.score).toBeCloseTo(81.25, 12);
    expect(redistributed.parts[2]).toEqual({ part: 'earlyWarning', value: null, weight: 20, points: 0 });
    // Counted as zero: 50 + 15 + 0 = 65.
    expect(priorityScore(input, { ...defaultPrioritySettings, missing: 'zero' }).score).toBeCloseTo(65, 12);
  });
});

describe('the 60-day alert', () => {
  const now = new Date('2026-11-24T22:00:00Z');
  it('alerts when a school requiring assistance has never had an engagement', () => {
    expect(engagementAlert(true, null, now, 60)).toMatchObject({ kind: 'never', daysSince: null });
  });
  it('counts an engagement exactly 60 days ago, and alerts at 61', () => {
    expect(daysBetween('2026-09-25', '2026-11-24')).toBe(60);
    expect(engagementAlert(true, '2026-09-25', now, 60)).toBeNull();
    expect(engagementAlert(true, '2026-09-24', now, 60)).toMatchObject({ kind: 'overdue', daysSince: 61 });
  });
  it('follows the setting and never alerts for an organization not requiring assistance', () => {
    expect(engagementAlert(true, '2026-10-24', now, 30)).toMatchObject({ kind: 'overdue', daysSince: 31 });
    expect(engagementAlert(false, null, now, 60)).toBeNull();
  });
});

describe('ranking', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('puts requiring assistance first, then score, then percentile, then code', () => {
    const ranked = rankPriorities(
      [
        org('04', { percentile: 2, highRiskShare: 0.9 }),
        org('03', { requiringAssistance: true, percentile: 40, lastEngagementOn: '2026-11-01' }),
        org('02', { requiringAssistance: true, percentile: 20 }),
        org('01', { requiringAssistance: true, percentile: 40, lastEngagementOn: '2026-01-01' }),
      ],
      now,
    );
    expect(ranked.map((r) => r.input.orgCode)).toEqual(['02', '01', '03', '04']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(ranked[0]!.alert?.kind).toBe('never');
    expect(ranked[1]!.alert).toMatchObject({ kind: 'overdue', daysSince: 327 });
    expect(ranked[2]!.alert).toBeNull();
    expect(ranked[2]!.daysSinceEngagement).toBe(23);
  });

  it('lets a high score outrank classification when requiring-assistance-first is switched off', () => {
    const settings = { ...defaultPrioritySettings, requiringAssistanceFirst: false };
    const ranked = rankPriorities(
      [
        org('b', { requiringAssistance: true, percentile: 99, highRiskShare: 0 }),
        org('a', { percentile: 1, highRiskShare: 1 }),
      ],
      now,
      settings,
    );
    // a: 30 + 20 = 50; b: 50 + 0 + 0 = 50: tied on score, a has the lower percentile.
    expect(ranked.map((r) => r.input.orgCode)).toEqual(['a', 'b']);
  });

  it('puts a missing percentile after a known one on equal score, and is stable under reordering', () => {
    const inputs = [
      org('c', { percentile: null, highRiskShare: null }),
      org('b', { percentile: 99, highRiskShare: 0 }),
      org('a', { percentile: 99, highRiskShare: 0 }),
    ];
    const one = rankPriorities(inputs, now).map((r) => r.input.orgCode);
    const two = rankPriorities([...inputs].reverse(), now).map((r) => r.input.orgCode);
    expect(one).toEqual(['a', 'b', 'c']);
    expect(two).toEqual(one);
  });
});
