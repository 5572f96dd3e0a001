import { describe, expect, it } from 'vitest';
import { conditionsScale } from './scales.ts';
import { buildHeatMap, comparePeriods, summarizeConsensus, type MemberRating } from './self-assessment.ts';

const r = (memberId: number, indicatorCode: string, level: string): MemberRating => ({
  memberId,
  indicatorCode,
  level,
});

describe('summarizeConsensus', () => {
  it('counts, averages ordered levels, finds the spread and whether the team agreed', () => {
    const ratings = [
      r(1, 'C2', 'developing'), // 2
      r(2, 'C2', 'providing'), // 3
      r(3, 'C2', 'sustaining'), // 4  -> mean 3, lowest developing, highest sustaining
      r(1, 'C3', 'providing'),
      r(2, 'C3', 'providing'), // unanimous, mean 3
      r(1, 'C4', 'unknown'), // no score: counted, not averaged
      r(2, 'C4', 'little_evidence'), // 1
    ];
    const [c2, c3, c4, c5] = summarizeConsensus(
      conditionsScale,
      ['C2', 'C3', 'C4', 'C5'],
      3,
      ratings,
      new Map([
        ['C2', 'providing'],
        ['C4', 'developing'],
      ]),
    );
    expect(c2).toEqual({
      indicatorCode: 'C2',
      rated: 3,
      members: 3,
      distribution: [
        { level: 'little_evidence', count: 0 },
        { level: 'developing', count: 1 },
        { level: 'providing', count: 1 },
        { level: 'sustaining', count: 1 },
        { level: 'unknown', count: 0 },
      ],
      meanScore: 3,
      lowest: 'developing',
      highest: 'sustaining',
      unanimous: false,
      consensus: 'providing',
    });
    expect(c3).toMatchObject({ rated: 2, meanScore: 3, unanimous: true, consensus: null });
    expect(c4).toMatchObject({ rated: 2, meanScore: 1, lowest: 'little_evidence', highest: 'little_evidence' });
    expect(c4!.distribution.find((d) => d.level === 'unknown')!.count).toBe(1);
    expect(c5).toMatchObject({ rated: 0, meanScore: null, lowest: null, unanimous: false });
  });

  it('rounds the mean to two decimals: (2 + 2 + 3) / 3 = 2.33', () => {
    const [s] = summarizeConsensus(
      conditionsScale,
      ['C2'],
      3,
      [r(1, 'C2', 'developing'), r(2, 'C2', 'developing'), r(3, 'C2', 'providing')],
      new Map(),
    );
    expect(s!.meanScore).toBe(2.33);
  });
});

const p2526 = {
  period: '2025-26',
  ratings: new Map([
    ['C2', 'developing'],
    ['C3', 'providing'],
    ['C4', 'sustaining'],
    ['C5', 'unknown'],
  ]),
};
const p2627 = {
  period: '2026-27',
  ratings: new Map([
    ['C2', 'providing'],
    ['C3', 'providing'],
    ['C4', 'developing'],
    ['C5', 'providing'],
  ]),
};

describe('buildHeatMap', () => {
  it('puts periods in ascending order and each indicator on a row with its level and score', () => {
    const map = buildHeatMap(conditionsScale, ['C2', 'C6'], [p2627, p2526]);
    expect(map.periods).toEqual(['2025-26', '2026-27']);
    expect(map.rows).toEqual([
      {
        indicatorCode: 'C2',
        cells: [
          { period: '2025-26', level: 'developing', score: 2 },
          { period: '2026-27', level: 'providing', score: 3 },
        ],
      },
      {
        indicatorCode: 'C6',
        cells: [
          { period: '2025-26', level: null, score: null },
          { period: '2026-27', level: null, score: null },
        ],
      },
    ]);
  });
});

describe('comparePeriods', () => {
  it('marks each indicator improved, declined, unchanged or not comparable, with the difference', () => {
    const c = comparePeriods(conditionsScale, ['C2', 'C3', 'C4', 'C5', 'C6'], p2526, p2627);
    expect(c.indicators.map((i) => [i.indicatorCode, i.change, i.difference])).toEqual([
      ['C2', 'improved', 1], // developing 2 -> providing 3
      ['C3', 'unchanged', 0],
      ['C4', 'declined', -2], // sustaining 4 -> developing 2
      ['C5', 'not_comparable', null], // unknown has no score
      ['C6', 'not_comparable', null], // not rated
    ]);
    expect(c.indicators[2]).toEqual({
      indicatorCode: 'C4',
      from: { level: 'sustaining', score: 4 },
      to: { level: 'developing', score: 2 },
      change: 'declined',
      difference: -2,
    });
    expect(c.counts).toEqual({ improved: 1, declined: 1, unchanged: 1, not_comparable: 2 });
    expect([c.from, c.to]).toEqual(['2025-26', '2026-27']);
  });
});
