import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountabilityCategories,
  ma2018Framework,
  type AccountabilityCategory,
  type CriterionReferencedFramework,
  type GradeSpan,
  type RatedGroup,
} from './framework-2018.ts';
import {
  bandsFor,
  classifyProgress,
  combineGroups,
  combineSpans,
  computeFromPoints,
  computeOrgFromPoints,
  progressReason,
  roundHalfUp,
  scoreGroup,
  type GroupPoints,
  type OrgPointsInput,
} from './points.ts';
import { formatFromPointsCsv, parseFromPointsCsv, pointsColumns, splitCsv } from './from-points-csv.ts';

const fw = ma2018Framework;
const unroundedPoints: CriterionReferencedFramework = { ...fw, weightedPointsDecimals: null };

// Barnstable district 2019, as published (../shared/data/published-accountability-examples/points_by_group.csv).
const barnstable: Record<'nonhs_all' | 'nonhs_low' | 'hs_all' | 'hs_low', GroupPoints> = {
  nonhs_all: {
    achievement: { earned: 5, possible: 12 },
    growth: { earned: 4, possible: 8 },
    elp: { earned: 3, possible: 4 },
    additional: { earned: 4, possible: 4 },
  },
  nonhs_low: {
    achievement: { earned: 4, possible: 8 },
    growth: { earned: 4, possible: 8 },
    additional: { earned: 3, possible: 4 },
  },
  hs_all: {
    achievement: { earned: 6, possible: 12 },
    growth: { earned: 6, possible: 8 },
    hsCompletion: { earned: 10, possible: 12 },
    elp: { earned: 3, possible: 4 },
    additional: { earned: 4, possible: 8 },
  },
  hs_low: {
    achievement: { earned: 5, possible: 8 },
    growth: { earned: 3, possible: 8 },
    additional: { earned: 2, possible: 4 },
  },
};

const barnstableInput: OrgPointsInput = {
  orgCode: '00200000',
  fy: 2019,
  points: {
    nonhs: { all: barnstable.nonhs_all, lowest: barnstable.nonhs_low },
    hs: { all: barnstable.hs_all, lowest: barnstable.hs_low },
  },
  annualPrior: 50,
  spanWeights: { nonhsPct: 67, hsPct: 33 },
};

/** Every indicator present: achievement 12 (ELA, math, science; LPS 8: no science), growth 8, HS completion 12,
 * ELP 4, additional 4 (non-HS: chronic absenteeism) or 8 (HS: plus advanced coursework). */
function fullPoints(span: GradeSpan, group: RatedGroup, elp: boolean): GroupPoints {
  const p: GroupPoints = {
    achievement: { earned: 0, possible: group === 'lowest' ? 8 : 12 },
    growth: { earned: 0, possible: 8 },
    additional: { earned: 0, possible: span === 'hs' && group === 'all' ? 8 : 4 },
  };
  if (span === 'hs' && group === 'all') p.hsCompletion = { earned: 0, possible: 12 };
  if (elp && group === 'all') p.elp = { earned: 0, possible: 4 };
  return p;
}

describe('the ma-2018 framework data', () => {
  it('is versioned and its weight tables each add up to 100%', () => {
    expect(fw.id).toBe('ma-2018');
    expect(fw.version).toMatch(/\S/);
    for (const table of fw.weightTables) {
      const sum = accountabilityCategories.reduce((s, c) => s + (table.weights[c] ?? 0), 0);
      expect(sum, table.id).toBe(100);
    }
  });

  it('holds the weights of the domain page, including the redistribution without an ELP category', () => {
    const byId = Object.fromEntries(fw.weightTables.map((t) => [t.id, t.weights]));
    const row = (id: string) => accountabilityCategories.map((c) => byId[id]![c]);
    expect(row('all-nonhs')).toEqual([60, 20, null, 10, 10]);
    expect(row('all-hs')).toEqual([40, 20, 20, 10, 10]);
    expect(row('lowest')).toEqual([67.5, 22.5, null, null, 10]);
    expect(row('all-nonhs-no-elp')).toEqual([67.5, 22.5, null, null, 10]);
    expect(row('all-hs-no-elp')).toEqual([47.5, 22.5, 20, null, 10]);
  });

  it('gives the weighted points possible of the domain page when every indicator is present', () => {
    const possible = (span: GradeSpan, group: RatedGroup, elp: boolean) =>
      scoreGroup(span, group, fullPoints(span, group, elp), fw)!;
    expect([possible('nonhs', 'all', true).weightTable, possible('nonhs', 'all', true).weightedPossible]).toEqual([
      'all-nonhs',
      9.6,
    ]);
    expect([possible('hs', 'all', true).weightTable, possible('hs', 'all', true).weightedPossible]).toEqual([
      'all-hs',
      10,
    ]);
    expect([possible('nonhs', 'lowest', true).weightTable, possible('nonhs', 'lowest', true).weightedPossible]).toEqual(
      ['lowest', 7.6],
    );
    expect([possible('hs', 'lowest', true).weightTable, possible('hs', 'lowest', true).weightedPossible]).toEqual([
      'lowest',
      7.6,
    ]);
    expect([possible('nonhs', 'all', false).weightTable, possible('nonhs', 'all', false).weightedPossible]).toEqual([
      'all-nonhs-no-elp',
      10.3,
    ]);
    expect([possible('hs', 'all', false).weightTable, possible('hs', 'all', false).weightedPossible]).toEqual([
      'all-hs-no-elp',
      10.7,
    ]);
  });

  it('marks the values the domain page leaves unconfirmed as settings with a documented default', () => {
    for (const key of ['spanAveraging.whenOneGroup', 'spanWeights', 'bandFigure', 'bands.2018'])
      expect(fw.settings[key]?.status, key).toBe('unconfirmed');
    expect(fw.settings.weightedPointsDecimals?.status).toBe('inferred');
    for (const s of Object.values(fw.settings)) expect(s.note.length).toBeGreaterThan(30);
  });
});

describe('group percentage: weighted points earned / weighted points possible', () => {
  it('all students, non-HS (Barnstable 2019): 4.5 of 9.6 = 47%', () => {
    const g = scoreGroup('nonhs', 'all', barnstable.nonhs_all, fw)!;
    expect(g.weightTable).toBe('all-nonhs');
    expect(g.categories.map((c) => [c.category, c.weightedEarned, c.weightedPossible])).toEqual([
      ['achievement', 3, 7.2],
      ['growth', 0.8, 1.6],
      ['elp', 0.3, 0.4],
      ['additional', 0.4, 0.4],
    ]);
    expect(g.weightedEarned).toBe(4.5);
    expect(g.weightedPossible).toBe(9.6);
    expect(g.percentage).toBeCloseTo(46.875, 10);
    expect(roundHalfUp(g.percentage)).toBe(47);
  });

  it('all students, HS (Barnstable 2019): 6.3 of 10.0 = 63%', () => {
    const g = scoreGroup('hs', 'all', barnstable.hs_all, fw)!;
    expect(g.weightTable).toBe('all-hs');
    expect(g.weightedEarned).toBeCloseTo(6.3, 10);
    expect(g.weightedPossible).toBe(10);
    expect(g.percentage).toBeCloseTo(63, 10);
  });

  it('lowest performing students, non-HS (Barnstable 2019): 3.9 of 7.6 = 51%', () => {
    const g = scoreGroup('nonhs', 'lowest', barnstable.nonhs_low, fw)!;
    expect(g.weightTable).toBe('lowest');
    expect(g.weightedEarned).toBeCloseTo(3.9, 10);
    expect(g.weightedPossible).toBeCloseTo(7.6, 10);
    expect(g.percentage).toBeCloseTo(51.3158, 4);
  });

  it('lowest performing students, HS (Barnstable 2019): 4.25 shown as 4.3 of 7.6 = 57% as published (56% unrounded)', () => {
    const g = scoreGroup('hs', 'lowest', barnstable.hs_low, fw)!;
    expect(g.weightTable).toBe('lowest');
    expect(g.weightedEarned).toBe(4.3);
    expect(g.percentage).toBeCloseTo(56.5789, 4);
    expect(roundHalfUp(g.percentage)).toBe(57);
    const raw = scoreGroup('hs', 'lowest', barnstable.hs_low, unroundedPoints)!;
    expect(raw.weightedEarned).toBe(4.25);
    expect(roundHalfUp(raw.percentage)).toBe(56);
  });

  it('all students, non-HS without an ELP category uses 67.5/22.5/10: 4.675 -> 4.7 of 10.3 = 46%', () => {
    const { elp: _elp, ...noElp } = barnstable.nonhs_all;
    const g = scoreGroup('nonhs', 'all', noElp, fw)!;
    expect(g.weightTable).toBe('all-nonhs-no-elp');
    // 5 x 67.5% + 4 x 22.5% + 4 x 10% = 4.675; 12 x 67.5% + 8 x 22.5% + 4 x 10% = 10.3
    expect(g.weightedEarned).toBe(4.7);
    expect(g.weightedPossible).toBe(10.3);
    expect(g.percentage).toBeCloseTo(45.6311, 4);
    expect(g.explanation[0]!.text).toContain('No English language proficiency category');
  });

  it('all students, HS without an ELP category uses 47.5/22.5/20/10: 6.6 of 10.7 = 62%', () => {
    const { elp: _elp, ...noElp } = barnstable.hs_all;
    const g = scoreGroup('hs', 'all', noElp, fw)!;
    expect(g.weightTable).toBe('all-hs-no-elp');
    // 6 x 47.5% + 6 x 22.5% + 10 x 20% + 4 x 10% = 6.6; 12 x 47.5% + 8 x 22.5% + 12 x 20% + 8 x 10% = 10.7
    expect(g.weightedEarned).toBeCloseTo(6.6, 10);
    expect(g.weightedPossible).toBeCloseTo(10.7, 10);
    expect(roundHalfUp(g.percentage)).toBe(62);
  });

  it('a category absent for other reasons (no science grades) only lowers the points possible', () => {
    const g = scoreGroup('nonhs', 'all', { ...barnstable.nonhs_all, achievement: { earned: 5, possible: 8 } }, fw)!;
    expect(g.weightTable).toBe('all-nonhs');
    expect(g.weightedPossible).toBe(7.2); // 8 x .6 + 8 x .2 + 4 x .1 + 4 x .1
    expect(g.percentage).toBeCloseTo(62.5, 10);
  });

  it('a group with no category has no percentage', () => {
    expect(scoreGroup('nonhs', 'all', {}, fw)).toBeNull();
  });

  it('explains each category with its numbers', () => {
    const texts = scoreGroup('nonhs', 'all', barnstable.nonhs_all, fw)!.explanation.map((s) => s.text);
    expect(texts).toContain('5 of 12 points x 60% = 3 of 7.2 weighted points');
    expect(texts).toContain('4.5 / 9.6 = 46.875% of possible points');
  });
});

describe('grade span: all students and lowest performing students averaged 50/50', () => {
  const all = scoreGroup('nonhs', 'all', barnstable.nonhs_all, fw)!;
  const lowest = scoreGroup('nonhs', 'lowest', barnstable.nonhs_low, fw)!;

  it('(47 + 51) / 2 = 49 for Barnstable non-HS, on unrounded group figures', () => {
    const span = combineGroups('nonhs', all, lowest, fw);
    expect(span.percentage).toBeCloseTo((46.875 + 51.315789) / 2, 5);
    expect(roundHalfUp(span.percentage!)).toBe(49);
  });

  it('(63 + 56.6) / 2 = 60 for Barnstable HS', () => {
    const span = combineGroups(
      'hs',
      scoreGroup('hs', 'all', barnstable.hs_all, fw),
      scoreGroup('hs', 'lowest', barnstable.hs_low, fw),
      fw,
    );
    expect(span.percentage).toBeCloseTo(59.7895, 4);
    expect(roundHalfUp(span.percentage!)).toBe(60);
  });

  it('with only one group, the span takes that group (configurable: or no span figure)', () => {
    const onlyAll = combineGroups('nonhs', all, null, fw);
    expect(onlyAll.percentage).toBe(all.percentage);
    expect(onlyAll.explanation[0]!.settings).toEqual(['spanAveraging.whenOneGroup']);
    expect(combineGroups('nonhs', null, lowest, fw).percentage).toBe(lowest.percentage);
    const strict = { ...fw, spanAveraging: { ...fw.spanAveraging, whenOneGroup: 'none' as const } };
    expect(combineGroups('nonhs', all, null, strict).percentage).toBeNull();
    expect(combineGroups('nonhs', null, null, fw).percentage).toBeNull();
  });

  it('the 50/50 share is configuration', () => {
    const tilted = { ...fw, spanAveraging: { ...fw.spanAveraging, allPct: 75, lowestPct: 25 } };
    expect(combineGroups('nonhs', all, lowest, tilted).percentage).toBeCloseTo(0.75 * 46.875 + 0.25 * 51.315789, 5);
  });
});

describe('annual figure: grade spans weighted by the shares on the report', () => {
  const org = computeOrgFromPoints(barnstableInput, fw);

  it('Barnstable 2019: 49.1 x 67% + 59.8 x 33% = 53', () => {
    expect(org.annual.percentage).toBeCloseTo(0.67 * 49.095395 + 0.33 * 59.789474, 4);
    expect(roundHalfUp(org.annual.percentage!)).toBe(53);
  });

  it('a single span is the annual figure, whatever shares are given', () => {
    const nonhsOnly = combineSpans(org.spans.nonhs, combineGroups('hs', null, null, fw), null);
    expect(nonhsOnly.percentage).toBe(org.spans.nonhs.percentage);
    const hsOnly = combineSpans(combineGroups('nonhs', null, null, fw), org.spans.hs, { nonhsPct: 67, hsPct: 33 });
    expect(hsOnly.percentage).toBe(org.spans.hs.percentage);
  });

  it('both spans without shares: no annual figure, no cumulative, no reason', () => {
    const r = computeOrgFromPoints({ ...barnstableInput, spanWeights: null }, fw);
    expect(r.spans.nonhs.percentage).not.toBeNull();
    expect(r.annual.percentage).toBeNull();
    expect(r.progress).toMatchObject({ cumulative: null, reason: null });
  });

  it('Taunton 2019 group and span figures; a 70/30 share (the one seen on reports; not in the fixture) gives its published 39', () => {
    const taunton: OrgPointsInput = {
      orgCode: '02930000',
      fy: 2019,
      points: {
        nonhs: {
          all: {
            achievement: { earned: 4, possible: 12 },
            growth: { earned: 3, possible: 8 },
            elp: { earned: 1, possible: 4 },
            additional: { earned: 0, possible: 4 },
          },
          lowest: {
            achievement: { earned: 3, possible: 8 },
            growth: { earned: 3, possible: 8 },
            additional: { earned: 0, possible: 4 },
          },
        },
        hs: {
          all: {
            achievement: { earned: 7, possible: 12 },
            growth: { earned: 4, possible: 8 },
            hsCompletion: { earned: 4, possible: 12 },
            elp: { earned: 4, possible: 4 },
            additional: { earned: 4, possible: 8 },
          },
          lowest: {
            achievement: { earned: 5, possible: 8 },
            growth: { earned: 1, possible: 8 },
            additional: { earned: 2, possible: 4 },
          },
        },
      },
      annualPrior: 44,
      spanWeights: { nonhsPct: 70, hsPct: 30 },
    };
    const r = computeOrgFromPoints(taunton, fw);
    // Weighted earned 3.1, 2.7, 5.2, 3.8 as published.
    expect(
      [r.groups.nonhs.all, r.groups.nonhs.lowest, r.groups.hs.all, r.groups.hs.lowest].map((g) => g!.weightedEarned),
    ).toEqual([3.1, 2.7, 5.2, 3.8]);
    expect(roundHalfUp(r.annual.percentage!)).toBe(39);
    expect(roundHalfUp(r.progress.cumulative!)).toBe(41);
    expect(r.progress.reason).toBe('Moderate progress toward targets');
  });
});

describe('cumulative figure: 40% prior + 60% current, from 2019', () => {
  it('Barnstable 2019: 0.4 x 50 + 0.6 x 52.6 (unrounded) = 51.6 -> 52, substantial progress', () => {
    const r = computeOrgFromPoints(barnstableInput, fw);
    expect(r.progress.cumulative).toBeCloseTo(0.4 * 50 + 0.6 * r.annual.percentage!, 10);
    expect(r.progress.cumulative).toBeCloseTo(51.5743, 3);
    expect(r.progress.bandFigure).toBe(52);
    expect(r.progress.reason).toBe('Substantial progress toward targets');
  });

  it('Taunton 2019 from its published annual figures: 0.4 x 44 + 0.6 x 39 = 41 -> moderate progress', () => {
    const r = classifyProgress(2019, 39, 44, fw);
    expect(r.cumulative).toBeCloseTo(41, 10);
    expect(r.reason).toBe('Moderate progress toward targets');
  });

  it('without a prior year there is no cumulative figure and the reason follows the annual one', () => {
    const r = classifyProgress(2019, 76, null, fw);
    expect(r.cumulative).toBeNull();
    expect(r.reason).toBe('Meeting or exceeding targets');
  });

  it('2018 has no cumulative figure and uses its own wording', () => {
    const r = classifyProgress(2018, 60, 50, fw);
    expect(r.cumulative).toBeNull();
    expect(r.reason).toBe('Partially meeting targets');
    expect(classifyProgress(2018, 80, null, fw).reason).toBe('Meeting targets');
  });

  it('the shares and the first year are configuration', () => {
    const halves = { ...fw, cumulative: { firstYear: 2018, priorPct: 50, currentPct: 50 } };
    expect(classifyProgress(2018, 60, 40, halves).cumulative).toBe(50);
  });

  it('explains the computation with its numbers', () => {
    const texts = classifyProgress(2019, 39, 44, fw).explanation.map((s) => s.text);
    expect(texts[0]).toBe('40% x prior 44 + 60% x current 39 = 41%');
    expect(texts[1]).toContain('"Moderate progress toward targets"');
  });
});

describe('progress bands (2019+), worded as DESE publishes them', () => {
  const bands = bandsFor(2019, fw);
  it.each([
    [100, 'Meeting or exceeding targets'],
    [75, 'Meeting or exceeding targets'],
    [74.99, 'Substantial progress toward targets'],
    [50, 'Substantial progress toward targets'],
    [49.99, 'Moderate progress toward targets'],
    [25, 'Moderate progress toward targets'],
    [24.99, 'Limited or no progress toward targets'],
    [0, 'Limited or no progress toward targets'],
  ])('%s -> %s', (figure, reason) => {
    expect(progressReason(figure, bands)).toBe(reason);
  });

  it('compares the published whole number by default (74.5 prints as 75: meeting), or the unrounded figure if set', () => {
    expect(classifyProgress(2019, 74.5, null, fw).reason).toBe('Meeting or exceeding targets');
    expect(classifyProgress(2019, 74.49, null, fw).reason).toBe('Substantial progress toward targets');
    const unrounded = { ...fw, bandFigure: 'unrounded' as const };
    expect(classifyProgress(2019, 74.5, null, unrounded).reason).toBe('Substantial progress toward targets');
    expect(classifyProgress(2019, 49.5, null, unrounded).reason).toBe('Moderate progress toward targets');
    expect(classifyProgress(2019, 49.5, null, fw).reason).toBe('Substantial progress toward targets');
  });
});

describe('rounding as DESE publishes', () => {
  it('rounds half up to whole numbers, ignoring binary noise', () => {
    expect(roundHalfUp(46.875)).toBe(47);
    expect(roundHalfUp(52.5)).toBe(53);
    expect(roundHalfUp(52.49)).toBe(52);
    expect(roundHalfUp(4.25, 1)).toBe(4.3);
    expect(roundHalfUp(0.1 + 0.2 + 0.15, 1)).toBe(0.5); // 0.44999999999999996
  });
});

// Arbitraries for property tests: groups with any subset of the categories their weight tables allow.
const categoryArb = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 }))
  .map(([indicators, earnedSeed]) => {
    const possible = 4 * indicators;
    return { earned: earnedSeed % (possible + 1), possible };
  });

function groupArb(span: GradeSpan, group: RatedGroup): fc.Arbitrary<GroupPoints> {
  const allowed: AccountabilityCategory[] =
    group === 'lowest'
      ? ['achievement', 'growth', 'additional']
      : span === 'hs'
        ? ['achievement', 'growth', 'hsCompletion', 'elp', 'additional']
        : ['achievement', 'growth', 'elp', 'additional'];
  return fc.record(Object.fromEntries(allowed.map((c) => [c, categoryArb])), { requiredKeys: ['achievement'] });
}

const orgArb = (orgCode: string): fc.Arbitrary<OrgPointsInput> =>
  fc.record({
    orgCode: fc.constant(orgCode),
    fy: fc.integer({ min: 2018, max: 2025 }),
    points: fc.record(
      {
        nonhs: fc.record({ all: groupArb('nonhs', 'all'), lowest: groupArb('nonhs', 'lowest') }, { requiredKeys: [] }),
        hs: fc.record({ all: groupArb('hs', 'all'), lowest: groupArb('hs', 'lowest') }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    annualPrior: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    spanWeights: fc.option(
      fc.integer({ min: 0, max: 100 }).map((n) => ({ nonhsPct: n, hsPct: 100 - n })),
      { nil: null },
    ),
  });

describe('properties', () => {
  it('more points earned never lowers a group, span, annual or cumulative figure', () => {
    fc.assert(
      fc.property(
        orgArb('00000001'),
        fc.constantFrom<GradeSpan>('nonhs', 'hs'),
        fc.constantFrom<RatedGroup>('all', 'lowest'),
        fc.constantFrom(...accountabilityCategories),
        fc.integer({ min: 1, max: 20 }),
        (input, span, group, category, extra) => {
          const current = input.points[span]?.[group]?.[category];
          fc.pre(current !== undefined && current.earned < current.possible);
          const more: OrgPointsInput = structuredClone(input);
          more.points[span]![group]![category] = {
            earned: Math.min(current!.possible, current!.earned + extra),
            possible: current!.possible,
          };
          const before = computeOrgFromPoints(input, fw);
          const after = computeOrgFromPoints(more, fw);
          const eps = 1e-9;
          expect(after.groups[span][group]!.percentage).toBeGreaterThanOrEqual(
            before.groups[span][group]!.percentage - eps,
          );
          expect(after.spans[span].percentage!).toBeGreaterThanOrEqual(before.spans[span].percentage! - eps);
          if (before.annual.percentage !== null)
            expect(after.annual.percentage!).toBeGreaterThanOrEqual(before.annual.percentage - eps);
          if (before.progress.bandFigure !== null)
            expect(after.progress.bandFigure!).toBeGreaterThanOrEqual(before.progress.bandFigure - eps);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the order of the organizations changes nothing', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 6 })
          .chain((codes) =>
            fc.tuple(
              fc.tuple(...[...new Set(codes)].map((c) => orgArb(String(c).padStart(8, '0')))),
              fc.func(fc.integer()),
            ),
          ),
        ([orgs, key]) => {
          const shuffled = [...orgs].sort((a, b) => key(a.orgCode) - key(b.orgCode));
          expect(formatFromPointsCsv(computeFromPoints(shuffled, fw))).toBe(
            formatFromPointsCsv(computeFromPoints(orgs, fw)),
          );
          expect(computeFromPoints(shuffled, fw)).toEqual(computeFromPoints(orgs, fw));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('from-points CSV files', () => {
  const header = pointsColumns.join(',');
  const P = (...rows: string[]) => ({ file: 'P.csv', text: [header, ...rows].join('\n') });
  const O = (...rows: string[]) => ({
    file: 'O.csv',
    text: ['org_code,fy,annual_crt_pct_prior,nonhs_weight_pct,hs_weight_pct', ...rows].join('\n'),
  });

  it('splits RFC 4180 text: quotes, doubled quotes, CRLF, BOM, line numbers, empty lines', () => {
    const { rows, problem } = splitCsv('\ufeffa,b\r\n"x,1","say ""hi"""\r\n\r\n"two\nlines",3\n');
    expect(problem).toBeNull();
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', '3'] },
    ]);
    expect(splitCsv('a\n"open,1\n').problem).toEqual({ line: 2, problem: 'a quoted cell is not closed' });
  });

  it('reads blank categories as absent and prints whole-number percentages', () => {
    const { inputs, problems } = parseFromPointsCsv(
      P('00200000,2019,nonhs_all,5,12,4,8,,,,,4,4'),
      O('00200000,2019,,,'),
      fw,
    );
    expect(problems).toEqual([]);
    expect(inputs[0]!.points.nonhs!.all).toEqual({
      achievement: { earned: 5, possible: 12 },
      growth: { earned: 4, possible: 8 },
      additional: { earned: 4, possible: 4 },
    });
    // No ELP: 4.675 -> 4.7 of 10.3 = 45.6 -> 46; no prior: no cumulative, the reason from the annual 46.
    expect(formatFromPointsCsv(computeFromPoints(inputs, fw)).split('\n')[1]).toBe(
      '00200000,2019,46,,,,46,,46,,Moderate progress toward targets',
    );
  });

  it('locates every problem: file, line, column and value', () => {
    const { inputs, problems } = parseFromPointsCsv(
      P(
        '00200000,2019,nonhs_all,5,twelve,4,8,,,,,4,4',
        '00200000,2019,nonhs_low,4,8,4,8,,,3,4,3,4',
        '00200000,2019,middle,4,8,,,,,,,,',
        '00200000,2019,hs_all,13,12,4,8,,,,,,',
      ),
      O('00200000,19,50,67,'),
      fw,
    );
    expect(inputs).toEqual([]);
    expect(
      problems.map((p) => `${p.file}:${p.line}: ${p.column}: ${p.problem}${p.value ? ` (${p.value})` : ''}`),
    ).toEqual([
      'P.csv:2: achievement_possible: not a number (points possible, above 0) (twelve)',
      'P.csv:3: elp_points: the lowest performing group in non-high-school grades has no English language proficiency category in ma-2018: leave it blank (3)',
      'P.csv:4: group: must be one of nonhs_all, nonhs_low, hs_all, hs_low (middle)',
      'P.csv:5: achievement_points: more than the 12 points possible (13)',
      'O.csv:2: fy: not a school year (four digits, the spring year, such as 2019) (19)',
      'O.csv:2: hs_weight_pct: blank while the other grade-span share is given: give both, or neither',
    ]);
  });

  it('names missing columns, duplicate rows and organizations missing from the other file', () => {
    const missing = parseFromPointsCsv(
      { file: 'P.csv', text: 'org_code,fy,group\n00200000,2019,nonhs_all\n' },
      O('00200000,2019,50,,'),
      fw,
    );
    expect(missing.problems[0]).toMatchObject({ file: 'P.csv', line: 1, column: 'achievement_points' });
    expect(missing.problems[0]!.problem).toContain('missing column');
    const joined = parseFromPointsCsv(
      P('00200000,2019,nonhs_all,5,12,4,8,,,,,4,4', '00200000,2019,nonhs_all,5,12,4,8,,,,,4,4'),
      O('00200001,2019,50,,'),
      fw,
    );
    expect(joined.problems.map((p) => [p.file, p.line, p.column])).toEqual([['P.csv', 3, 'group']]);
    const unmatched = parseFromPointsCsv(P('00200000,2019,nonhs_all,5,12,4,8,,,,,4,4'), O('00200001,2019,50,,'), fw);
    expect(unmatched.problems.map((p) => `${p.file}:${p.line}: ${p.column}: ${p.problem}`)).toEqual([
      'P.csv:2: org_code: no row for 00200000 2019 in O.csv',
      'O.csv:2: org_code: no rows for 00200001 2019 in P.csv',
    ]);
  });
});
