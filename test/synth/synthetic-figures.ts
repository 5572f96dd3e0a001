// Per-school figures of a synthetic Commonwealth, computed from its records the way DESE computes its reports.
import { generateCommonwealth, type CommonwealthPlan } from '../../src/core/synth/index.ts';
import type { RealSchoolFigures } from './real-data.ts';

/** Same shape as the real figures; computed for one school year (2024 is 2023-24) and cohort. */
export type SyntheticSchoolFigures = RealSchoolFigures;

const pct = (n: number, d: number): number => (100 * n) / d;

/**
 * Generates the plan district by district and reduces each school to the figures DESE publishes: October enrollment,
 * % low income, % chronically absent (students with 20+ days in membership missing 10%+ of them), 4- and 5-year
 * graduation by school of record (cohorts of 6+), % with an out-of-school suspension, % of grade 9 passing all
 * courses, % of grades 11-12 completing an advanced course, and grades 3-8 ELA % meeting+ and mean SGP (groups of
 * 10+ and 20+). The 2017 columns repeat enrollment and income, which the real 2017 profiles report.
 */
export function computeSyntheticFigures(plan: CommonwealthPlan, year = 2024): SyntheticSchoolFigures {
  const out: SyntheticSchoolFigures = {
    enrollment: [],
    lowIncomePercent: [],
    chronicAbsencePercent: [],
    graduation4Percent: [],
    graduation5Percent: [],
    outOfSchoolSuspensionPercent: [],
    grade9PassingPercent: [],
    advancedCourseworkPercent: [],
    elaMeetingPercent: [],
    elaMeanSgp: [],
    enrollment2017: [],
    economicallyDisadvantaged2017Percent: [],
  };
  for (const data of generateCommonwealth(plan)) {
    const schools = new Map<string, number[]>();
    // [enrolled, lowIncome, chronicDen, chronicNum, oss, g9, g9pass, adv, advDone, ela, elaMeet, sgpN, sgpSum,
    //  cohort4, grad4, cohort5, grad5]
    const get = (code: string) => {
      let s = schools.get(code);
      if (!s) schools.set(code, (s = new Array<number>(17).fill(0)));
      return s;
    };
    for (const y of data.studentYears) {
      if (y.schoolYear !== year) continue;
      const s = get(y.schoolCode);
      if (!y.enteredLate) {
        s[0]! += 1;
        if (y.lowIncome) s[1]! += 1;
      }
      if (y.daysInMembership >= 20) {
        s[2]! += 1;
        if ((y.daysInMembership - y.daysAttended) / y.daysInMembership >= 0.1) s[3]! += 1;
      }
      if (y.outOfSchoolSuspensionDays > 0) s[4]! += 1;
      if (y.grade === '09') {
        s[5]! += 1;
        if (y.coursesFailed === 0) s[6]! += 1;
      }
      if (y.advancedCourseCompleted !== null) {
        s[7]! += 1;
        if (y.advancedCourseCompleted) s[8]! += 1;
      }
    }
    for (const a of data.assessments) {
      if (a.schoolYear !== year - 2 || a.subject !== 'ela' || !['03', '04', '05', '06', '07', '08'].includes(a.grade)) {
        continue;
      }
      const s = get(a.schoolCode);
      s[9]! += 1;
      if (a.achievementLevel === 'meeting' || a.achievementLevel === 'exceeding') s[10]! += 1;
      if (a.sgp !== null) {
        s[11]! += 1;
        s[12]! += a.sgp;
      }
    }
    for (const h of data.highSchoolOutcomes) {
      if (h.cohortYear === year) {
        const s = get(h.schoolCode);
        s[13]! += 1;
        if (h.graduatedIn4Years) s[14]! += 1;
      }
      if (h.cohortYear === year - 1 && h.graduatedIn5Years !== null) {
        const s = get(h.schoolCode);
        s[15]! += 1;
        if (h.graduatedIn5Years) s[16]! += 1;
      }
    }
    for (const s of schools.values()) {
      if (s[0]! > 0) {
        out.enrollment.push(s[0]!);
        out.enrollment2017.push(s[0]!);
        out.lowIncomePercent.push(pct(s[1]!, s[0]!));
        out.economicallyDisadvantaged2017Percent.push(pct(s[1]!, s[0]!));
      }
      if (s[2]! > 0) out.chronicAbsencePercent.push(pct(s[3]!, s[2]!));
      if (s[2]! > 0) out.outOfSchoolSuspensionPercent.push(pct(s[4]!, s[2]!));
      if (s[5]! >= 6) out.grade9PassingPercent.push(pct(s[6]!, s[5]!));
      if (s[7]! >= 20) out.advancedCourseworkPercent.push(pct(s[8]!, s[7]!));
      if (s[9]! >= 10) out.elaMeetingPercent.push(pct(s[10]!, s[9]!));
      if (s[11]! >= 20) out.elaMeanSgp.push(s[12]! / s[11]!);
      if (s[13]! >= 6) out.graduation4Percent.push(pct(s[14]!, s[13]!));
      if (s[15]! >= 6) out.graduation5Percent.push(pct(s[16]!, s[15]!));
    }
  }
  return out;
}

/** The 10th, 25th, 50th, 75th and 90th percentiles (linear interpolation between order statistics). */
export function quantiles(values: readonly number[]): [number, number, number, number, number] {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const x = p * (s.length - 1);
    const lo = Math.floor(x);
    const hi = Math.min(s.length - 1, lo + 1);
    return s[lo]! + (s[hi]! - s[lo]!) * (x - lo);
  };
  return [at(0.1), at(0.25), at(0.5), at(0.75), at(0.9)];
}

/** The rows of the comparison: which figure, its label, and whether tests hold it to the spread tolerances. */
export const comparedFigures: Array<{ key: keyof RealSchoolFigures; label: string; checked: boolean }> = [
  { key: 'enrollment', label: 'School enrollment (students)', checked: true },
  { key: 'lowIncomePercent', label: '% low income', checked: true },
  { key: 'chronicAbsencePercent', label: '% chronically absent', checked: true },
  { key: 'graduation4Percent', label: '4-year graduation %', checked: true },
  { key: 'graduation5Percent', label: '5-year graduation % (cohort a year earlier)', checked: false },
  { key: 'outOfSchoolSuspensionPercent', label: '% with out-of-school suspension', checked: false },
  { key: 'grade9PassingPercent', label: 'Grade 9 passing all courses %', checked: false },
  { key: 'advancedCourseworkPercent', label: 'Advanced coursework completion % (11-12)', checked: false },
  { key: 'elaMeetingPercent', label: 'ELA gr. 3-8 % meeting or exceeding', checked: false },
  { key: 'elaMeanSgp', label: 'ELA gr. 3-8 mean SGP', checked: false },
  { key: 'enrollment2017', label: 'School enrollment, vs 2016-17 profiles', checked: false },
  {
    key: 'economicallyDisadvantaged2017Percent',
    label: '% low income, vs 2016-17 % econ. disadvantaged',
    checked: false,
  },
];

/** A markdown table: per figure, the synthetic and real percentiles and number of schools. */
export function comparisonTable(synthetic: SyntheticSchoolFigures, real: RealSchoolFigures): string {
  const fmt = (q: number[]) => q.map((x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1))).join(' / ');
  const lines = [
    '| per school | synthetic p10 / p25 / p50 / p75 / p90 (schools) | real p10 / p25 / p50 / p75 / p90 (schools) |',
    '|---|---|---|',
  ];
  for (const f of comparedFigures) {
    const s = synthetic[f.key];
    const r = real[f.key];
    lines.push(`| ${f.label} | ${fmt(quantiles(s))} (${s.length}) | ${fmt(quantiles(r))} (${r.length}) |`);
  }
  return lines.join('\n');
}
