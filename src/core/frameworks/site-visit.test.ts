import { describe, expect, it } from 'vitest';
import { turnaroundPractices } from './library.ts';
import { siteVisitContinuum } from './scales.ts';
import { checkSiteVisitTransition, computePracticeTrends } from './site-visit.ts';

describe('checkSiteVisitTransition', () => {
  it('allows the workflow scheduled -> in progress -> submitted -> (returned to in progress, or) published', () => {
    expect(checkSiteVisitTransition('scheduled', 'start', 'assigned_vendor')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkSiteVisitTransition('scheduled', 'start', 'state')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkSiteVisitTransition('in_progress', 'submit', 'assigned_vendor')).toEqual({ ok: true, to: 'submitted' });
    expect(checkSiteVisitTransition('submitted', 'return', 'state')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkSiteVisitTransition('submitted', 'publish', 'state')).toEqual({ ok: true, to: 'published' });
  });

  it('refuses the wrong actor and the wrong state with a sentence', () => {
    expect(checkSiteVisitTransition('submitted', 'publish', 'assigned_vendor')).toEqual({
      ok: false,
      reason: 'who',
      message: 'Only state staff may publish a site visit',
    });
    expect(checkSiteVisitTransition('in_progress', 'submit', 'state')).toMatchObject({ ok: false, reason: 'who' });
    expect(checkSiteVisitTransition('scheduled', 'submit', 'assigned_vendor')).toEqual({
      ok: false,
      reason: 'state',
      message: 'A site visit that is scheduled cannot be submitted; it must be in progress',
    });
    expect(checkSiteVisitTransition('published', 'return', 'state')).toEqual({
      ok: false,
      reason: 'state',
      message: 'A site visit that is published cannot be returned; it must be submitted for state review',
    });
    expect(checkSiteVisitTransition('in_progress', 'publish', 'state')).toMatchObject({ ok: false, reason: 'state' });
    expect(checkSiteVisitTransition('in_progress', 'start', 'state')).toMatchObject({ ok: false, reason: 'state' });
  });
});

describe('computePracticeTrends', () => {
  it('averages each practice per visit in date order and reports the change from first to last', () => {
    const visits = [
      {
        visitId: 2,
        visitedOn: '2026-03-10',
        type: 'targeted' as const,
        ratings: new Map([
          ['TP1.1', 'providing'], // 3
          ['TP1.2', 'sustaining'], // 4
          ['TP1.3', 'providing'], // 3 -> mean 3.33, nearest providing
          ['TP2.1', 'developing'],
        ]),
      },
      {
        visitId: 1,
        visitedOn: '2025-10-01',
        type: 'monitoring' as const,
        ratings: new Map([
          ['TP1.1', 'developing'], // 2
          ['TP1.2', 'providing'], // 3 -> mean 2.5, tie between developing and providing: the lower
          ['TP2.1', 'no_evidence'], // 1
        ]),
      },
    ];
    const trends = computePracticeTrends(siteVisitContinuum, turnaroundPractices.items, visits);
    expect(trends.map((t) => t.practiceCode)).toEqual(['TP1', 'TP2', 'TP3', 'TP4']);
    const [tp1, tp2, tp3] = trends;
    expect(tp1!.points).toEqual([
      {
        visitId: 1,
        visitedOn: '2025-10-01',
        type: 'monitoring',
        rated: 2,
        indicators: 3,
        meanScore: 2.5,
        level: 'developing',
      },
      {
        visitId: 2,
        visitedOn: '2026-03-10',
        type: 'targeted',
        rated: 3,
        indicators: 3,
        meanScore: 3.33,
        level: 'providing',
      },
    ]);
    expect(tp1!.change).toBe(0.83); // 3.33 - 2.5
    expect(tp2!.points.map((p) => [p.meanScore, p.level])).toEqual([
      [1, 'no_evidence'],
      [2, 'developing'],
    ]);
    expect(tp2!.change).toBe(1);
    expect(tp3!.points.map((p) => p.meanScore)).toEqual([null, null]);
    expect(tp3!.change).toBeNull();
  });

  it('has no change with a single visit', () => {
    const [tp1] = computePracticeTrends(siteVisitContinuum, turnaroundPractices.items, [
      { visitId: 1, visitedOn: '2025-10-01', type: 'monitoring', ratings: new Map([['TP1.1', 'providing']]) },
    ]);
    expect(tp1!.change).toBeNull();
    expect(tp1!.points[0]!.meanScore).toBe(3);
  });
});
