import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ma2012Framework, type LevelsFramework, type SchoolType2012 } from './framework-2012.ts';
import {
  annualPpi,
  classifyLevels,
  cpiOfScore,
  cumulativePpi,
  groupAnnualPpi,
  groupCpi,
  groupCpiNextGen,
  groupLevels,
  growthPoints,
  indicatorTarget,
  legacyScaleScore,
  nextGenCpiTable,
  rateTargetIndicator,
  schoolPercentiles,
  type GroupInput2012,
  type GroupYearFigures,
  type LevelsInput,
  type SchoolInput2012,
  type SchoolLevelResult,
} from './levels-2012.ts';
import { roundHalfUp } from './points.ts';

const fw = ma2012Framework;
const with2012 = (patch: (f: LevelsFramework) => LevelsFramework) => patch(structuredClone(fw));

describe('the ma-2012 framework data', () => {
  it('is versioned, covers 2012-2017 and holds the domain page values', () => {
    expect(fw.id).toBe('ma-2012');
    expect(fw.version).toMatch(/\S/);
    expect([fw.firstYear, fw.lastYear]).toEqual([2012, 2017]);
    expect(fw.cumulative.weights).toEqual([1, 2, 3, 4]);
    expect(fw.target).toBe(75);
    expect(fw.minN).toEqual({ school: 20, subgroup: 30 });
    expect(fw.level3.schoolTypes).toEqual(['ES', 'ESMS', 'MS', 'MSHS', 'HS', 'K-12']);
    expect(fw.designation.maxSharePct).toBe(4);
  });

  it('marks what the domain page leaves unconfirmed or silent as settings with a documented default', () => {
    for (const key of [
      'ppi.cpi.onTargetBand',
      'ppi.cpi.noChangeBand',
      'ppi.growth',
      'ppi.dropout',
      'ppi.graduation',
      'percentile.method',
      'percentile.charters',
      'commendation',
      'compareFigures',
      'cumulative.whenYearMissing',
    ])
      expect(fw.settings[key]?.status, key).toBe('unconfirmed');
    for (const key of ['cpi.scaledScoreBands', 'cumulative.weights', 'level3.lowestPct', 'level3.graduation', 'minN'])
      expect(fw.settings[key]?.status, key).toBe('published');
    for (const s of Object.values(fw.settings)) expect(s.note.length).toBeGreaterThan(30);
  });
});

describe('CPI: scaled score -> points', () => {
  it('gives each band its points at both edges (200-280 legacy MCAS)', () => {
    const cases: [number, number][] = [
      [280, 100],
      [240, 100],
      [238, 75],
      [230, 75],
      [228, 50],
      [220, 50],
      [218, 25],
      [210, 25],
      [208, 0],
      [200, 0],
    ];
    for (const [score, points] of cases) expect(cpiOfScore(score), String(score)).toBe(points);
  });

  it('puts an odd score in the band whose minimum it reaches and does not score out-of-range ones', () => {
    expect(cpiOfScore(239)).toBe(75);
    expect(cpiOfScore(229)).toBe(50);
    expect(cpiOfScore(209)).toBe(0);
    expect(cpiOfScore(199)).toBeNull();
    expect(cpiOfScore(282)).toBeNull();
  });

  it('scores MCAS-Alt results: Progressing 100, Emerging 75, Awareness 50, incomplete 25, not submitted 0', () => {
    expect(
      (['progressing', 'emerging', 'awareness', 'incomplete', 'notSubmitted'] as const).map((r) => cpiOfScore(r)),
    ).toEqual([100, 75, 50, 25, 0]);
  });

  it('group CPI is the mean of the students’ points', () => {
    expect(groupCpi([240, 230, 220, 210, 200])).toEqual({ cpi: 50, scored: 5, notScored: 0 });
    // 100 + 75 + 75 + 0 = 250 over 4 scored; 199 cannot be scored and is counted apart.
    expect(groupCpi([240, 238, 'emerging', 'notSubmitted', 199])).toEqual({ cpi: 62.5, scored: 4, notScored: 1 });
    expect(groupCpi([]).cpi).toBeNull();
  });
});

describe('Next-Generation scores on the legacy scale (the ssos concordance)', () => {
  it('maps 440 -> 200 and 560 -> 280 in a straight line, the Next-Generation cuts exactly onto the legacy ones', () => {
    expect([440, 470, 500, 530, 560].map((s) => legacyScaleScore(s))).toEqual([200, 220, 240, 260, 280]);
    expect(legacyScaleScore(455)).toBe(210);
    expect(legacyScaleScore(469)).toBeCloseTo(219.333, 3);
    expect(legacyScaleScore(439)).toBeNull();
    expect(legacyScaleScore(561)).toBeNull();
    expect(fw.cpi.nextGenConcordance.origin).toBe('ssos');
    expect(fw.settings['cpi.nextGenConcordance']!.note).toMatch(/^An ssos choice, not a DESE rule/);
  });

  it('gives Next-Generation scores CPI points: 440-454 = 0, 455-469 = 25, 470-484 = 50, 485-499 = 75, 500+ = 100', () => {
    const table = nextGenCpiTable();
    expect(table.length).toBe(121);
    const points = (s: number) => table.find((t) => t.score === s)!.points;
    expect([440, 454, 455, 469, 470, 484, 485, 499, 500, 560].map(points)).toEqual([
      0, 0, 25, 25, 50, 50, 75, 75, 100, 100,
    ]);
    expect(table.filter((t) => t.warningFailing).map((t) => t.score)).toEqual(range(440, 469));
    expect(table.filter((t) => t.advanced).map((t) => t.score)).toEqual(range(530, 560));
    // 500 (100) + 490 (75) + 475 (50) + 460 (25) + 450 (0) = 250 / 5 = 50; 600 is not a Next-Generation score.
    expect(groupCpiNextGen([500, 490, 475, 460, 450, 600])).toEqual({ cpi: 50, scored: 5, notScored: 1 });
  });

  it('is configuration: another line gives other points', () => {
    const shifted = with2012((f) => {
      f.cpi.nextGenConcordance = { ...f.cpi.nextGenConcordance, toMin: 210, toMax: 280 };
      return f;
    });
    // 470 -> 210 + 30 x 70 / 120 = 227.5: Needs Improvement, lower (50), as before; 440 -> 210: 25 instead of 0.
    expect(legacyScaleScore(470, shifted)).toBe(227.5);
    expect(groupCpiNextGen([440], shifted).cpi).toBe(25);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('PPI targets and indicator points', () => {
  const cpi = fw.ppi.cpi;

  it('halves the 2011 gap by 2017 in six steps (DESE 2013 state ELA: 87.2 -> target 89.3, goal 93.6)', () => {
    const all = indicatorTarget(cpi, 87.2, 2011, 2013);
    expect(roundHalfUp(all.goal, 1)).toBe(93.6);
    expect(roundHalfUp(all.target, 1)).toBe(89.3);
    const highNeeds = indicatorTarget(cpi, 77.0, 2011, 2013);
    expect([roundHalfUp(highNeeds.target, 1), roundHalfUp(highNeeds.goal, 1)]).toEqual([80.8, 88.5]);
    const swd = indicatorTarget(cpi, 68.3, 2011, 2013);
    expect([roundHalfUp(swd.target, 1), roundHalfUp(swd.goal, 1)]).toEqual([73.6, 84.2]);
    // After the goal year the target stays at the goal.
    expect(indicatorTarget(cpi, 80, 2011, 2019).target).toBe(90);
  });

  it('reproduces DESE’s 2013 state ratings: On Target, Improved Below Target, No Change', () => {
    const t = (b: number) => indicatorTarget(cpi, b, 2011, 2013).target;
    expect(rateTargetIndicator(cpi, 90.7, 90.2, t(90.2))).toBe('onTarget'); // Asian, 1.1 short
    expect(rateTargetIndicator(cpi, 86.8, 86.7, t(87.2))).toBe('improvedBelowTarget'); // all students, +0.1
    expect(rateTargetIndicator(cpi, 66.8, 67.3, t(68.3))).toBe('noChange'); // students with disabilities, -0.5
    expect(rateTargetIndicator(cpi, 81.9, 82.0, t(82.6))).toBe('noChange'); // American Indian, -0.1
  });

  it('rates each edge: at target = above; 2.0 short = on target; better = improved; down 1.0 = no change; more = declined', () => {
    expect(rateTargetIndicator(cpi, 80, 70, 80)).toBe('aboveTarget');
    expect(rateTargetIndicator(cpi, 78, 70, 80)).toBe('onTarget');
    expect(rateTargetIndicator(cpi, 77.9, 70, 80)).toBe('improvedBelowTarget');
    expect(rateTargetIndicator(cpi, 70, 70, 80)).toBe('noChange');
    expect(rateTargetIndicator(cpi, 69, 70, 80)).toBe('noChange');
    expect(rateTargetIndicator(cpi, 68.9, 70, 80)).toBe('declined');
    expect(Object.values(fw.ppi.ratingPoints)).toEqual([100, 75, 50, 25, 0]);
  });

  it('rates the dropout rate with lower as better', () => {
    const d = fw.ppi.dropout;
    expect(rateTargetIndicator(d, 1.9, 2.5, 2)).toBe('aboveTarget');
    expect(rateTargetIndicator(d, 2.4, 2.5, 2)).toBe('onTarget');
    expect(rateTargetIndicator(d, 3.0, 3.2, 2)).toBe('improvedBelowTarget');
    expect(rateTargetIndicator(d, 3.0, 2.8, 2)).toBe('noChange');
    expect(rateTargetIndicator(d, 3.0, 2.4, 2)).toBe('declined');
    // Halve the rate: baseline 4.0 in 2010 -> goal 2.0; 2013 uses the 2012 rate, two steps of 1/3 in.
    expect(indicatorTarget(d, 4, 2010, 2013).target).toBeCloseTo(4 - 2 / 3, 9);
  });

  it('rates growth on the median SGP: 51+ 100, 40-50.9 75, 30-39.9 50, 20-29.9 25, below 20 0', () => {
    const cases: [number, number][] = [
      [51, 100],
      [50.5, 75],
      [40, 75],
      [39.5, 50],
      [30, 50],
      [29.9, 25],
      [20, 25],
      [19.5, 0],
    ];
    for (const [sgp, points] of cases) expect(growthPoints(sgp).points, String(sgp)).toBe(points);
  });

  it('annual PPI = points / indicators and exceeds 100 with extra credit', () => {
    // DESE 2016 report, a school's White group: core 25 + 50 + 50 + 100 + 100, extra credit 25 + 25, 5 indicators.
    expect(annualPpi([25, 50, 50, 100, 100], [25, 25])).toBe(75);
    // DESE 2013 report: 450 core + 150 extra credit over 5 indicators = 120.
    expect(annualPpi([100, 100, 100, 75, 75], [25, 25, 25, 25, 25, 25])).toBe(120);
    expect(annualPpi([], [25])).toBeNull();
  });
});

describe('a group’s annual PPI from its figures', () => {
  const years: Record<number, GroupYearFigures> = {
    2011: { n: 50, cpi: { ela: 80, math: 70, science: 60 } },
    2012: {
      n: 50,
      cpi: { ela: 81, math: 69, science: 60 },
      warningFailingPct: { ela: 10, math: 20, science: 30 },
      advancedPct: { ela: 20, math: 10, science: 0 },
    },
    2013: {
      n: 50,
      cpi: { ela: 84, math: 68.5, science: 58.5 },
      medianSgp: { ela: 55, math: 45 },
      warningFailingPct: { ela: 9, math: 19, science: 30 },
      advancedPct: { ela: 22, math: 10.5, science: 1 },
    },
  };

  it('rates every indicator and adds extra credit: (300 + 75) / 5 = 75', () => {
    const r = groupAnnualPpi('all', years, 2013);
    // ELA: target 80 + 2 x 10/6 = 83.3, 84 above (100). Math: target 75, 68.5 is 0.5 below 2012 (no change, 25).
    // Science: target 66.7, 58.5 is 1.5 below 2012 (declined, 0). Growth: 55 -> 100, 45 -> 75.
    expect(r.indicators.map((i) => [i.indicator, i.points])).toEqual([
      ['cpiEla', 100],
      ['cpiMath', 25],
      ['cpiScience', 0],
      ['growthEla', 100],
      ['growthMath', 75],
    ]);
    // W/F ELA 10 -> 9 (-10%), Advanced ELA 20 -> 22 (+10%), Advanced science 0 -> 1; math W/F -5% and Advanced +5%
    // do not count.
    expect(r.extraCredit.map((e) => [e.kind, e.subject])).toEqual([
      ['warningFailingDecrease', 'ela'],
      ['advancedIncrease', 'ela'],
      ['advancedIncrease', 'science'],
    ]);
    expect(r.annualPpi).toBe(75);
    expect(r.source).toBe('computed');
    // The explanation names the unconfirmed settings it used.
    expect(r.explanation.some((s) => s.settings?.includes('ppi.cpi.onTargetBand'))).toBe(true);
  });

  it('uses a target from the state’s targets file instead of the computed one', () => {
    const given = structuredClone(years);
    given[2013]!.targets = { cpi: { ela: 85 } };
    expect(groupAnnualPpi('all', given, 2013).indicators[0]).toMatchObject({ points: 75, target: 85 });
  });

  it('measures change from the year before the prior when the prior year has no figure (or not, if so set)', () => {
    const gap: Record<number, GroupYearFigures> = {
      2011: { n: 40, cpi: { ela: 70 } },
      2012: { n: 40 },
      2013: { n: 40, cpi: { ela: 71 } },
    };
    expect(groupAnnualPpi('all', gap, 2013).indicators[0]).toMatchObject({ prior: 70, points: 50 });
    const strict = with2012((f) => ({ ...f, ppi: { ...f.ppi, priorYear: 'prior-only' } }));
    expect(groupAnnualPpi('all', gap, 2013, strict).indicators).toEqual([]);
  });

  it('high school indicators: dropout, the better of 4- and 5-year graduation, re-engagement extra credit', () => {
    const hs: Record<number, GroupYearFigures> = {
      2009: { graduation5Pct: 75 },
      2010: { dropoutPct: 4.0, graduation4Pct: 70, graduation5Pct: 76 },
      2011: { n: 30, dropoutPct: 3.8, graduation4Pct: 71, graduation5Pct: 80 },
      2012: { n: 30, dropoutPct: 3.0, graduation4Pct: 71.5, reengagedDropouts: 2 },
      2013: { n: 30 },
    };
    const r = groupAnnualPpi('all', hs, 2013);
    // Dropout (2012 rate 3.0, target 4.0 - 2 x 2/6 = 3.33): above, 100. Graduation: 4-year (2012, 71.5 vs 75, up
    // from 71) = 50; 5-year (2011, 80 vs 75 + 2 x 12.5/6 = 79.2) = 100; the better counts.
    expect(r.indicators.map((i) => [i.indicator, i.points])).toEqual([
      ['dropout', 100],
      ['graduation', 100],
    ]);
    expect(r.extraCredit.map((e) => e.kind)).toEqual(['dropoutReengagement']);
    expect(r.annualPpi).toBe(112.5);
    const fourYear = with2012((f) => ({ ...f, ppi: { ...f.ppi, graduationCombine: 'four-year' } }));
    expect(groupAnnualPpi('all', hs, 2013, fourYear).annualPpi).toBe((100 + 50 + 25) / 2);
    const one = structuredClone(hs);
    one[2012]!.reengagedDropouts = 1;
    expect(groupAnnualPpi('all', one, 2013).extraCredit).toEqual([]);
  });

  it('gives the ACCESS growth extra credit from 2016 only', () => {
    const elp = (fy: number): Record<number, GroupYearFigures> => ({
      [fy - 1]: { n: 40 },
      [fy]: { n: 40, medianSgp: { ela: 50 }, elpMedianSgp: 66 },
    });
    expect(groupAnnualPpi('english_learner', elp(2016), 2016).annualPpi).toBe(75 + 25);
    expect(groupAnnualPpi('english_learner', elp(2015), 2015).annualPpi).toBe(75);
  });

  it('needs 20 students (30 for a subgroup) in the year and one of the two prior years', () => {
    const figures = (n: number): Record<number, GroupYearFigures> => ({
      2012: { n },
      2013: { n, medianSgp: { ela: 60 } },
    });
    expect(groupAnnualPpi('all', figures(20), 2013).annualPpi).toBe(100);
    expect(groupAnnualPpi('all', figures(19), 2013).annualPpi).toBeNull();
    expect(groupAnnualPpi('low_income', figures(30), 2013).annualPpi).toBe(100);
    expect(groupAnnualPpi('low_income', figures(29), 2013).annualPpi).toBeNull();
  });
});

describe('cumulative PPI = (Y1 + 2 Y2 + 3 Y3 + 4 Y4) / 10', () => {
  it('weights four years 1-2-3-4', () => {
    expect(cumulativePpi([60, 70, 80, 90])).toBe(80); // (60 + 140 + 240 + 360) / 10
    expect(cumulativePpi([90, 70, 90, 75])).toBe(80); // DESE 2016, a White group: "Met Target", 80
    expect(cumulativePpi([75, 65, 90, 55])).toBe(69.5); // DESE 2016, a high-needs group: shown 70, not met
  });

  it('caps at 100 and renormalises missing years (the current one required)', () => {
    expect(cumulativePpi([120, 120, 120, 120])).toBe(100);
    expect(cumulativePpi([null, null, 70, 80])).toBeCloseTo((210 + 320) / 7, 9);
    expect(cumulativePpi([null, null, null, 80])).toBeNull();
    expect(cumulativePpi([60, 70, 80, null])).toBeNull();
    const none = with2012((f) => ({ ...f, cumulative: { ...f.cumulative, whenYearMissing: 'none' } }));
    expect(cumulativePpi([null, 60, 70, 80], none)).toBeNull();
  });
});

describe('a group on its own (a district’s groups)', () => {
  it('gives the four annual PPIs, the cumulative PPI and the target check, as for a school’s group', () => {
    const years: Record<number, GroupYearFigures> = {
      2013: { n: 200, annualPpi: 60 },
      2014: { n: 200, annualPpi: 70 },
      2015: { n: 200, annualPpi: 80 },
      2016: { n: 200, annualPpi: 90 },
    };
    const r = groupLevels('all', { years }, 2016);
    expect(r.annual.map((a) => a.annualPpi)).toEqual([60, 70, 80, 90]);
    expect(r.cumulative).toBe(80);
    expect(r.meetsTarget).toBe(true);
    expect(r.percentile).toBeNull();
  });
});

// ---- Levels ----------------------------------------------------------------------------------------------------

const FY = 2016;

interface SchoolSpec {
  code: string;
  district?: string;
  type?: SchoolType2012;
  charter?: boolean;
  /** Annual PPIs 2013-2016 for all students and high needs (high needs left out when null). */
  all?: number[];
  highNeeds?: number[] | null;
  percentile?: number | null;
  /** ELA CPI every year (feeds the computed percentile). */
  cpiEla?: number;
  n?: number;
  participation?: number;
  designated?: 4 | 5;
  extraGroups?: Record<string, GroupInput2012>;
  patch?: (s: SchoolInput2012) => void;
}

function group(ppis: number[], n: number, extra: (y: number) => GroupYearFigures = () => ({})): GroupInput2012 {
  const years: Record<number, GroupYearFigures> = {};
  ppis.forEach((p, i) => {
    const y = FY - 3 + i;
    years[y] = { n, annualPpi: p, ...extra(y) };
  });
  return { years };
}

function school(spec: SchoolSpec): SchoolInput2012 {
  const n = spec.n ?? 100;
  const extra = () => ({
    ...(spec.cpiEla !== undefined ? { cpi: { ela: spec.cpiEla } } : {}),
    ...(spec.participation !== undefined ? { participationPct: { ela: spec.participation } } : {}),
  });
  const groups: Record<string, GroupInput2012> = {
    all: {
      ...group(spec.all ?? [80, 80, 80, 80], n, extra),
      percentile: spec.percentile === undefined ? 50 : spec.percentile,
    },
  };
  if (spec.highNeeds !== null) groups.high_needs = group(spec.highNeeds ?? [80, 80, 80, 80], n);
  Object.assign(groups, spec.extraGroups ?? {});
  const s: SchoolInput2012 = {
    code: spec.code,
    districtCode: spec.district ?? 'D1',
    schoolType: spec.type ?? 'ES',
    charter: spec.charter ?? false,
    designatedLevel: spec.designated ?? null,
    groups,
  };
  spec.patch?.(s);
  return s;
}

function levels(specs: SchoolSpec[], framework: LevelsFramework = fw, fy = FY) {
  return classifyLevels({ fy, schools: specs.map(school) }, framework);
}

function levelOf(specs: SchoolSpec[], code = specs[0]!.code, framework: LevelsFramework = fw): SchoolLevelResult {
  return levels(specs, framework).schools.find((s) => s.code === code)!;
}

describe('Level 1 and Level 2: cumulative PPI of all students and high needs', () => {
  it('Level 1 when both reach 75', () => {
    const r = levelOf([{ code: 'A' }]);
    expect(r.level).toBe(1);
    expect(r.reasons).toEqual(['Meeting gap narrowing goals']);
  });

  it('Level 2 when high needs is below 75 although all students meet it', () => {
    const r = levelOf([{ code: 'A', all: [90, 90, 90, 90], highNeeds: [75, 65, 90, 55] }]);
    expect(r.level).toBe(2);
    expect(r.reasons[0]).toContain('Not meeting gap narrowing goals (high_needs 70 below 75)');
    expect(r.groups.find((g) => g.group === 'high_needs')).toMatchObject({ cumulative: 69.5, cumulativeFigure: 70 });
  });

  it('compares the published whole number: 74.5 shows as 75 and meets the target (unless set unrounded)', () => {
    const spec = { code: 'A', all: [74.5, 74.5, 74.5, 74.5] };
    expect(levelOf([spec]).level).toBe(1);
    const unrounded = with2012((f) => ({ ...f, compareFigures: 'unrounded' }));
    expect(levelOf([spec], 'A', unrounded).level).toBe(2);
  });

  it('a school without a rated high-needs group is judged on all students (or kept in Level 2 if so set)', () => {
    expect(levelOf([{ code: 'A', highNeeds: null }]).level).toBe(1);
    const fail = with2012((f) => ({ ...f, level1: { ...f.level1, whenGroupNotRated: 'fail' } }));
    expect(levelOf([{ code: 'A', highNeeds: null }], 'A', fail).level).toBe(2);
  });
});

describe('participation', () => {
  it('90-94% for any group and subject -> Level 2; below 90% -> Level 3', () => {
    expect(levelOf([{ code: 'A', participation: 95 }]).level).toBe(1);
    expect(levelOf([{ code: 'A', participation: 94.6 }]).level).toBe(1); // shown as 95
    const l2 = levelOf([{ code: 'A', participation: 94 }]);
    expect(l2.level).toBe(2);
    expect(l2.reasons[0]).toContain('Low assessment participation');
    expect(levelOf([{ code: 'A', participation: 90 }]).level).toBe(2);
    const l3 = levelOf([{ code: 'A', participation: 89.4 }]);
    expect(l3.level).toBe(3);
    expect(l3.reasons[0]).toContain('Very low assessment participation');
  });

  it('ignores groups below the minimum N and, from 2017, uses the two-year average when higher', () => {
    const small: SchoolSpec = {
      code: 'A',
      extraGroups: { disability: group([80, 80, 80, 80], 25, () => ({ participationPct: { math: 80 } })) },
    };
    // A published annual PPI makes the group rated whatever its n: drop it to test the n rule.
    small.patch = (s) => {
      for (const y of Object.values(s.groups.disability!.years)) delete y.annualPpi;
    };
    expect(levelOf([small]).level).toBe(1);
    const spec2017: SchoolSpec = {
      code: 'A',
      patch: (s) => {
        s.groups.all!.years[2016]!.participationPct = { ela: 97 };
        (s.groups.all!.years as Record<number, GroupYearFigures>)[2017] = {
          n: 100,
          annualPpi: 80,
          participationPct: { ela: 93 },
        };
      },
    };
    const r2017 = classifyLevels({ fy: 2017, schools: [school(spec2017)] }).schools[0]!;
    expect(r2017.level).toBe(1); // (93 + 97) / 2 = 95
    const r2016 = classifyLevels({ fy: 2016, schools: [school({ code: 'A', participation: 93 })] }).schools[0]!;
    expect(r2016.level).toBe(2);
  });
});

describe('Level 3: lowest 20% of schools of the same type', () => {
  // Ten elementary schools ranked on ELA CPI (percentile not given): 0%, 10%, ... of the pool below.
  const ten = (values: number[], more: SchoolSpec[] = []) =>
    levels([
      ...values.map((v, i) => ({ code: `S${String(i).padStart(2, '0')}`, cpiEla: v, percentile: null })),
      ...more,
    ]);

  it('the two lowest of ten are Level 3, the third is not', () => {
    const r = ten([50, 55, 60, 65, 70, 75, 80, 85, 90, 95]);
    expect(r.schools.map((s) => s.level)).toEqual([3, 3, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(r.schools[0]!.reasons).toEqual(['Among lowest performing 20% of schools']);
    expect(r.schools.map((s) => s.percentile!.percentile)).toEqual([1, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('tied schools share a percentile: a tie straddling the cut puts all of them in Level 3', () => {
    const r = ten([50, 60, 60, 70, 75, 80, 85, 90, 95, 99]);
    expect(r.schools.map((s) => s.level)).toEqual([3, 3, 3, 1, 1, 1, 1, 1, 1, 1]);
    expect(r.schools[1]!.percentile!.percentBelow).toBe(r.schools[2]!.percentile!.percentBelow);
  });

  it('charter schools are left out of the ranking but placed against it', () => {
    const base = ten([50, 55, 60, 65, 70, 75, 80, 85, 90, 95]);
    const withCharter = ten(
      [50, 55, 60, 65, 70, 75, 80, 85, 90, 95],
      [{ code: 'C1', charter: true, cpiEla: 10, percentile: null, district: 'C' }],
    );
    const strip = (r: ReturnType<typeof levels>) =>
      r.schools.filter((s) => !s.charter).map((s) => [s.code, s.level, s.percentile!.percentBelow]);
    expect(strip(withCharter)).toEqual(strip(base));
    const charter = withCharter.schools.find((s) => s.code === 'C1')!;
    expect([charter.level, charter.percentile!.percentBelow, charter.percentile!.poolSize]).toEqual([3, 0, 10]);
    const none = with2012((f) => ({ ...f, percentile: { ...f.percentile, charters: 'none' } }));
    const unranked = classifyLevels(
      { fy: FY, schools: [school({ code: 'C1', charter: true, cpiEla: 10, percentile: null })] },
      none,
    );
    expect([unranked.schools[0]!.percentile, unranked.schools[0]!.level]).toEqual([null, 1]);
  });

  it('ranks within school type: a low middle school is not compared with elementary schools', () => {
    const r = ten(
      [50, 55, 60, 65, 70, 75, 80, 85, 90, 95],
      [
        { code: 'M1', type: 'MS', cpiEla: 99, percentile: null },
        { code: 'M2', type: 'MS', cpiEla: 40, percentile: null },
      ],
    );
    const ms = r.schools.filter((s) => s.schoolType === 'MS').map((s) => [s.code, s.level]);
    expect(ms).toEqual([
      ['M1', 1],
      ['M2', 3],
    ]);
    expect(r.schools.filter((s) => s.schoolType === 'ES').map((s) => s.level)).toEqual([3, 3, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('schoolPercentiles: percent of the same-type pool lower, shown 1-99', () => {
    const p = schoolPercentiles([
      { key: 'a', schoolType: 'HS', charter: false, score: 1 },
      { key: 'b', schoolType: 'HS', charter: false, score: 2 },
      { key: 'c', schoolType: 'HS', charter: false, score: 2 },
      { key: 'd', schoolType: 'HS', charter: false, score: 3 },
      { key: 'e', schoolType: 'HS', charter: true, score: 2.5 },
      { key: 'f', schoolType: 'HS', charter: false, score: null },
    ]);
    expect([...p.entries()].map(([k, v]) => [k, v?.percentBelow ?? null, v?.percentile ?? null])).toEqual([
      ['a', 0, 1],
      ['b', 25, 25],
      ['c', 25, 25],
      ['d', 75, 75],
      ['e', 75, 75],
      ['f', null, null],
    ]);
  });
});

describe('Level 3: subgroups, graduation', () => {
  it('a subgroup among the lowest 20% of subgroups -> Level 3; a subgroup under 30 students is not judged', () => {
    const low = (n: number) => ({ disability: { ...group([70, 70, 70, 70], n), percentile: 15 } });
    const r = levelOf([{ code: 'A', extraGroups: low(40) }]);
    expect(r.level).toBe(3);
    expect(r.reasons).toEqual(['Among lowest performing 20% of subgroups (disability)']);
    const small: SchoolSpec = { code: 'A', extraGroups: low(25) };
    small.patch = (s) => {
      for (const y of Object.values(s.groups.disability!.years)) delete y.annualPpi;
    };
    expect(levelOf([small]).level).toBe(1);
  });

  it('ranks subgroups among all subgroups of schools of the same type', () => {
    const sub = (code: string, cpi: number): SchoolSpec => ({
      code,
      extraGroups: { low_income: group([80, 80, 80, 80], 50, () => ({ cpi: { ela: cpi } })) },
    });
    const r = levels([sub('A', 40), sub('B', 60), sub('C', 70), sub('D', 80), sub('E', 90)]);
    expect(r.schools.map((s) => s.level)).toEqual([3, 1, 1, 1, 1]);
  });

  const grad = (g4: number, g5: [number, number, number]): SchoolSpec => ({
    code: 'H',
    type: 'HS',
    patch: (s) => {
      const y = s.groups.all!.years as Record<number, GroupYearFigures>;
      // 2016 uses the 2015 four-year rate and the 2014, 2013, 2012 five-year rates.
      y[2015] = { ...y[2015], graduation4Pct: g4 };
      y[2014] = { ...y[2014], graduation5Pct: g5[0] };
      y[2013] = { ...y[2013], graduation5Pct: g5[1] };
      y[2012] = { graduation5Pct: g5[2] };
    },
  });

  it('4-year rate below 67% and 5-year rate below 70% three years running -> Level 3', () => {
    const r = levelOf([grad(60, [65, 66, 68])]);
    expect(r.level).toBe(3);
    expect(r.reasons).toEqual(['Persistently low graduation rates (all)']);
  });

  it('5-year rate below 70% only two of the three years, or 4-year rate at 67% -> not Level 3', () => {
    expect(levelOf([grad(60, [65, 66, 72])]).level).toBe(1);
    expect(levelOf([grad(67, [65, 66, 68])]).level).toBe(1);
  });
});

describe('unclassified, designated, districts', () => {
  it('fewer than 20 students, new, reconfigured or ending in grade 2 -> unclassified, with the reason', () => {
    const small = levelOf([
      {
        code: 'A',
        patch: (s) => {
          for (const y of Object.values(s.groups.all!.years)) {
            y.n = 19;
            delete y.annualPpi;
          }
        },
      },
    ]);
    expect(small.level).toBe('unclassified');
    expect(small.reasons).toContain('fewer than 20 students assessed (small school)');
    expect(levelOf([{ code: 'A', patch: (s) => (s.isNew = true) }]).reasons).toContain('new school');
    expect(levelOf([{ code: 'A', patch: (s) => (s.reconfigured = true) }]).reasons).toContain(
      'substantially reconfigured',
    );
    expect(levelOf([{ code: 'A', patch: (s) => (s.highestGrade = 2) }]).reasons).toContain('ends in grade 2');
    expect(levelOf([{ code: 'A', patch: (s) => (s.highestGrade = 3) }]).level).toBe(1);
  });

  it('a designated Level 4 school keeps its level; designations above 4% of schools raise a warning', () => {
    const r = levels([
      { code: 'A', designated: 4, percentile: 3 },
      ...Array.from({ length: 9 }, (_, i) => ({ code: `B${i}` })),
    ]);
    expect(r.schools[0]).toMatchObject({
      level: 4,
      reasons: ['Designated by the Board of Elementary and Secondary Education'],
    });
    expect(r.warnings.some((w) => w.includes('more than 4%'))).toBe(true);
    const notL3 = levels([{ code: 'A', designated: 5 }]);
    expect(notL3.schools[0]!.level).toBe(5);
    expect(notL3.warnings.some((w) => w.includes('although not Level 3'))).toBe(true);
  });

  it('a district takes the level of its lowest school; a designated district keeps its own level', () => {
    const r = classifyLevels({
      fy: FY,
      schools: [
        school({ code: 'A', district: 'D1' }),
        school({ code: 'B', district: 'D1', highNeeds: [60, 60, 60, 60] }),
        school({ code: 'C', district: 'D1', percentile: 5 }),
        school({ code: 'D', district: 'D2' }),
        school({ code: 'E', district: 'D2', highNeeds: [60, 60, 60, 60] }),
        school({ code: 'F', district: 'D3', highNeeds: [60, 60, 60, 60] }),
        school({ code: 'G', district: 'D4', patch: (s) => (s.isNew = true) }),
      ],
      districts: [{ code: 'D3', designatedLevel: 4 }],
    });
    const d = Object.fromEntries(r.districts.map((x) => [x.code, x]));
    expect([d.D1!.level, d.D1!.lowestSchools, d.D1!.reasons]).toEqual([
      3,
      ['C'],
      ['One or more schools in the district classified into Level 3'],
    ]);
    expect(d.D2!.level).toBe(2);
    expect(d.D3!.level).toBe(4);
    expect(d.D4!.level).toBe('unclassified');
  });

  it('commends Level 1 schools by the (unconfirmed) default thresholds', () => {
    const r = levelOf([{ code: 'A', all: [95, 95, 95, 95], highNeeds: [92, 92, 92, 92], percentile: 95 }]);
    expect(r.commendations).toEqual(['high-performance', 'high-progress', 'narrowing-gaps']);
    expect(levelOf([{ code: 'A', all: [95, 95, 95, 95], highNeeds: [80, 80, 80, 80] }]).commendations).toEqual([
      'high-progress',
    ]);
  });
});

// ---- Properties ------------------------------------------------------------------------------------------------

const schoolArb = (code: string) =>
  fc.record({
    code: fc.constant(code),
    district: fc.constantFrom('D1', 'D2', 'D3'),
    type: fc.constantFrom<SchoolType2012>('ES', 'MS', 'HS'),
    charter: fc.boolean(),
    all: fc.array(fc.integer({ min: 20, max: 120 }), { minLength: 4, maxLength: 4 }),
    highNeeds: fc.option(fc.array(fc.integer({ min: 20, max: 120 }), { minLength: 4, maxLength: 4 }), {
      nil: null,
    }),
    percentile: fc.constant(null),
    cpiEla: fc.integer({ min: 40, max: 100 }),
    participation: fc.integer({ min: 85, max: 100 }),
    n: fc.constantFrom(15, 40, 100),
  });

const schoolsArb = fc
  .integer({ min: 1, max: 12 })
  .chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => schoolArb(`S${String(i).padStart(2, '0')}`))));

const byCode = (r: ReturnType<typeof classifyLevels>) => ({
  schools: Object.fromEntries(r.schools.map((s) => [s.code, [s.level, s.reasons, s.percentile?.percentBelow ?? null]])),
  districts: Object.fromEntries(r.districts.map((d) => [d.code, d.level])),
});

describe('properties', () => {
  it('permuting the input order of schools changes no level, reason or percentile', () => {
    fc.assert(
      fc.property(
        schoolsArb.chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length })),
        ),
        ([specs, shuffled]) => {
          const a: LevelsInput = { fy: FY, schools: specs.map(school) };
          const b: LevelsInput = { fy: FY, schools: shuffled.map(school) };
          expect(byCode(classifyLevels(b))).toEqual(byCode(classifyLevels(a)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('raising one school’s annual PPIs (so its cumulative PPI) never makes its level worse', () => {
    fc.assert(
      fc.property(schoolsArb, fc.nat(), fc.integer({ min: 1, max: 60 }), (specs, pick, raise) => {
        const i = pick % specs.length;
        const target = specs[i]!;
        const raised = specs.map((s, j) =>
          j === i
            ? { ...s, all: s.all.map((p) => p + raise), highNeeds: s.highNeeds?.map((p) => p + raise) ?? null }
            : s,
        );
        const before = classifyLevels({ fy: FY, schools: specs.map(school) }).schools.find(
          (s) => s.code === target.code,
        )!;
        const after = classifyLevels({ fy: FY, schools: raised.map(school) }).schools.find(
          (s) => s.code === target.code,
        )!;
        if (before.level === 'unclassified') expect(after.level).toBe('unclassified');
        else expect(after.level).not.toBe('unclassified');
        if (before.level !== 'unclassified' && after.level !== 'unclassified')
          expect(after.level).toBeLessThanOrEqual(before.level);
      }),
      { numRuns: 150 },
    );
  });
});
