import { beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict, planCommonwealth } from '../synth/index.ts';
import { buildEwisExamples, featureNames, type EwisExample, type EwisRecords } from './features.ts';
import { defaultEwisTraining, scoreStudent, trainGradeModel, type EwisModel } from './model.ts';

describe('early-warning models per grade', () => {
  let examples: EwisExample[];
  const models = new Map<number, EwisModel>();
  beforeAll(() => {
    const plan = planCommonwealth({ seed: 'ewis-model', scale: 0.03 });
    const all = { students: [], studentYears: [], assessments: [], highSchoolOutcomes: [] } as {
      [K in keyof EwisRecords]: EwisRecords[K][number][];
    };
    for (const d of plan.districts) {
      const g = generateDistrict(plan, d.code);
      all.students.push(...g.students);
      all.studentYears.push(...g.studentYears);
      all.assessments.push(...g.assessments);
      all.highSchoolOutcomes.push(...g.highSchoolOutcomes);
    }
    // The first year has no prior year for anyone: it trains nothing.
    examples = buildEwisExamples(all, false).filter((e) => e.reached !== null && e.schoolYear > plan.firstYear);
    for (const grade of [3, 8, 11])
      models.set(
        grade,
        trainGradeModel(
          examples.filter((e) => e.grade === grade),
          { ...defaultEwisTraining, schoolEffectGrades: [1, 2, 3] },
        ),
      );
  }, 120_000);

  it('records what it was trained on and validates out of fold: AUC, calibration, levels near their targets', () => {
    for (const [grade, m] of models) {
      expect(m.grade).toBe(grade);
      expect(m.features).toEqual(featureNames(false));
      expect(m.options).toEqual({ ...defaultEwisTraining, schoolEffectGrades: [1, 2, 3] });
      expect(m.trainingYears.length).toBeGreaterThanOrEqual(2);
      expect(m.validation.auc).toBeGreaterThan(0.75);
      expect(m.validation.calibrationError).toBeLessThan(0.03);
      expect(m.validation.calibration).toHaveLength(10);
      const { high, moderate, low } = m.validation.levels;
      expect(high.n + moderate.n + low.n).toBe(m.validation.n);
      expect(high.rate!).toBeLessThan(moderate.rate!);
      expect(moderate.rate!).toBeLessThan(low.rate!);
    }
    // Where the milestone is common, the levels land near 25/60/90.
    const levels = models.get(8)!.validation.levels;
    expect(Math.abs(levels.high.rate! - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(levels.moderate.rate! - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(levels.low.rate! - 0.9)).toBeLessThan(0.05);
  });

  it('reports flag error rates by student group', () => {
    const groups = models.get(11)!.validation.groups;
    const race = groups.filter((g) => g.group === 'race');
    expect(race.length).toBeGreaterThanOrEqual(3);
    for (const g of groups) {
      const r = g.rates;
      expect(r.truePositives + r.falsePositives + r.falseNegatives + r.trueNegatives).toBe(r.n);
    }
    expect(groups.find((g) => g.group === 'low_income' && g.value === 'yes')).toBeDefined();
  });

  it('explains a score with the reasons that push the risk up, in words with the typical value', () => {
    const m = models.get(8)!;
    const rows = examples.filter((e) => e.grade === 8);
    const names = m.features;
    // The student with the lowest attendance last year.
    const worst = rows.reduce((a, b) =>
      b.features[names.indexOf('attendance_rate')]! < a.features[names.indexOf('attendance_rate')]! ? b : a,
    );
    const scored = scoreStudent(m, worst.features);
    expect(scored.level).toBe('high');
    const attendance = scored.reasons.find((r) => r.reason === 'attendance');
    expect(attendance).toBeDefined();
    expect(attendance!.text).toMatch(
      /^attended \d+(\.\d)?% of days last year; students who reach the milestone typically attend \d+(\.\d)?%$/,
    );
    for (let i = 1; i < scored.reasons.length; i++)
      expect(scored.reasons[i]!.contribution).toBeGreaterThanOrEqual(scored.reasons[i - 1]!.contribution);
    // The typical on-track student has no reason at all.
    const typical = Float64Array.from(m.typicalReached);
    expect(scoreStudent(m, typical).reasons).toEqual([]);
  });

  it('with the multilevel option, gives early-elementary models a random intercept per school, used in scoring but never as a reason', () => {
    const m = models.get(3)!;
    expect(m.options.schoolEffectGrades).toContain(3);
    expect(m.schoolVariance).toBeGreaterThan(0);
    const effects = Object.entries(m.schoolEffects!);
    const schools = new Set(examples.filter((e) => e.grade === 3).map((e) => e.schoolCode));
    expect(effects.map(([code]) => code).sort()).toEqual([...schools].sort());
    // Shrunk: the effects spread no more than their estimated variance allows.
    const spread = Math.sqrt(effects.reduce((s, [, u]) => s + u * u, 0) / effects.length);
    expect(spread).toBeLessThanOrEqual(Math.sqrt(m.schoolVariance!) + 1e-9);
    // A school's effect moves a student's log-odds by exactly that effect; an unknown school has none.
    const [code, u] = effects.reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a));
    const student = examples.find((e) => e.grade === 3)!.features;
    const logit = (q: number) => Math.log(q / (1 - q));
    const base = scoreStudent(m, student);
    expect(scoreStudent(m, student, 'no-such-school').probability).toBe(base.probability);
    const there = scoreStudent(m, student, code);
    expect(logit(there.probability) - logit(base.probability)).toBeCloseTo(u, 9);
    expect(there.reasons.map((r) => r.reason)).toEqual(base.reasons.map((r) => r.reason));
    // Grade 8 is not early elementary: no school effects.
    expect(models.get(8)!.schoolEffects).toBeNull();
  });
});
