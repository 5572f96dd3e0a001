import { describe, expect, it } from 'vitest';
import { gradeOrdinal, isOpenIn } from '../orgs/organization.ts';
import type { AssessmentRecord, Milestone, StudentYearRecord } from '../students/records.ts';
import { generateCommonwealth, generateDistrict, milestoneForGrade, planCommonwealth } from './index.ts';
import type { DistrictData } from './types.ts';

const plan = planCommonwealth({ seed: 'district-test', scale: 0.05 });
const all: DistrictData[] = [...generateCommonwealth(plan)];
const orgs = new Map(plan.organizations.map((o) => [o.code, o]));
const bySize = plan.districts.slice().sort((a, b) => a.enrollment - b.enrollment);

const studentYears = all.flatMap((d) => d.studentYears);
const assessments = all.flatMap((d) => d.assessments);
const answerKey = all.flatMap((d) => d.answerKey);
const outcomes = all.flatMap((d) => d.highSchoolOutcomes);

const groupBy = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};
const yearsByStudent = groupBy(studentYears, (y) => y.studentId);
/** Collects rule violations, so that a test over hundreds of thousands of records stays fast and readable. */
class Problems {
  readonly list: string[] = [];
  check(ok: boolean, what: () => string): void {
    if (!ok && this.list.length < 10) this.list.push(what());
  }
}

const meets = (a: AssessmentRecord) =>
  a.participated && (a.achievementLevel === 'meeting' || a.achievementLevel === 'exceeding');

/** Whether each student reached each milestone, where the records show it (first attempt, as the answer key means). */
function observedOutcomes(): Map<string, number> {
  const out = new Map<string, number>();
  const firstTest = new Map<string, AssessmentRecord>();
  for (const a of assessments) {
    const k = `${a.studentId}|${a.subject}|${a.grade}`;
    const prev = firstTest.get(k);
    if (!prev || a.schoolYear < prev.schoolYear) firstTest.set(k, a);
  }
  const firstGrade9 = new Map<string, StudentYearRecord>();
  for (const y of studentYears) if (y.grade === '09' && !y.retained) firstGrade9.set(y.studentId, y);
  for (const s of all.flatMap((d) => d.students)) {
    const ela3 = firstTest.get(`${s.studentId}|ela|03`);
    if (ela3) out.set(`${s.studentId}|reading_grade3`, meets(ela3) ? 1 : 0);
    const ela6 = firstTest.get(`${s.studentId}|ela|06`);
    const math6 = firstTest.get(`${s.studentId}|math|06`);
    if (ela6 && math6) out.set(`${s.studentId}|middle_school_ready`, meets(ela6) && meets(math6) ? 1 : 0);
    const g9 = firstGrade9.get(s.studentId);
    if (g9) out.set(`${s.studentId}|high_school_ready`, g9.coursesFailed === 0 ? 1 : 0);
  }
  for (const h of outcomes) out.set(`${h.studentId}|graduate_on_time`, h.graduatedIn4Years ? 1 : 0);
  return out;
}

describe('generateDistrict: reproducibility', () => {
  it('gives identical records for the same seed and different records for another seed', () => {
    const code = bySize[2]!.code;
    expect(generateDistrict(plan, code)).toEqual(all.find((d) => d.districtCode === code));
    const other = planCommonwealth({ seed: 'another-seed', scale: 0.05 });
    const first = generateDistrict(other, other.districts[0]!.code);
    const mine = generateDistrict(plan, plan.districts[0]!.code);
    expect(first.studentYears.slice(0, 50)).not.toEqual(mine.studentYears.slice(0, 50));
  });

  it('does not depend on which districts were generated before, or on the scale the plan was made at', () => {
    const [a, b] = [bySize[0]!.code, bySize[1]!.code];
    const bFirst = generateDistrict(plan, b);
    const aAfterB = generateDistrict(plan, a);
    expect(aAfterB).toEqual(all.find((d) => d.districtCode === a));
    expect(bFirst).toEqual(all.find((d) => d.districtCode === b));
    const bigger = planCommonwealth({ seed: 'district-test', scale: 1 });
    expect(generateDistrict(bigger, a)).toEqual(aAfterB);
  });

  it('refuses a district that is not in the plan', () => {
    expect(() => generateDistrict(plan, '99990000')).toThrow();
  });
});

describe('generateDistrict: records a user can trust', () => {
  it('enrolls each student once a year, in a school of the district that is open and serves the grade', () => {
    const problems = new Problems();
    for (const d of all) {
      for (const y of d.studentYears) {
        const school = orgs.get(y.schoolCode);
        problems.check(
          school?.level === 'school' &&
            school.parentCode === d.districtCode &&
            school.grades.includes(y.grade) &&
            isOpenIn(school, y.schoolYear),
          () => `${y.studentId} ${y.schoolYear}: school ${y.schoolCode} grade ${y.grade}`,
        );
      }
    }
    expect(problems.list).toEqual([]);
    const keys = studentYears.map((y) => `${y.studentId}|${y.schoolYear}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = all.flatMap((d) => d.students.map((s) => s.studentId));
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    expect(studentYears.every((y) => known.has(y.studentId))).toBe(true);
  });

  it('moves students up a grade a year, or keeps them in the grade when retained', () => {
    const problems = new Problems();
    let retained = 0;
    for (const years of yearsByStudent.values()) {
      years.sort((a, b) => a.schoolYear - b.schoolYear);
      for (let i = 1; i < years.length; i++) {
        const prev = years[i - 1]!;
        const cur = years[i]!;
        const step = gradeOrdinal(cur.grade) - gradeOrdinal(prev.grade);
        problems.check(
          cur.schoolYear === prev.schoolYear + 1 && (step === 1 || step === 0) && cur.retained === (step === 0),
          () => `${cur.studentId}: ${prev.schoolYear} ${prev.grade} -> ${cur.schoolYear} ${cur.grade}`,
        );
        if (cur.retained) retained++;
      }
    }
    expect(problems.list).toEqual([]);
    expect(retained).toBeGreaterThan(0);
  });

  it('keeps attendance, discipline and course records within their ranges', () => {
    const problems = new Problems();
    for (const y of studentYears) {
      const g = gradeOrdinal(y.grade);
      const absent = y.daysInMembership - y.daysAttended;
      problems.check(
        y.daysInMembership > 0 && y.daysInMembership <= 180 && y.daysAttended >= 0 && absent >= 0,
        () => `${y.studentId} ${y.schoolYear}: ${y.daysAttended}/${y.daysInMembership} days`,
      );
      problems.check(
        y.inSchoolSuspensionDays >= 0 && y.outOfSchoolSuspensionDays >= 0 && y.outOfSchoolSuspensionDays <= absent,
        () => `${y.studentId} ${y.schoolYear}: suspensions ${y.inSchoolSuspensionDays}/${y.outOfSchoolSuspensionDays}`,
      );
      problems.check(
        g < 6
          ? y.coursesTaken === null && y.coursesFailed === null && y.gpa === null
          : y.coursesFailed! >= 0 && y.coursesFailed! <= y.coursesTaken! && y.gpa! >= 0 && y.gpa! <= 4,
        () =>
          `${y.studentId} ${y.schoolYear}: courses ${y.coursesTaken}/${y.coursesFailed}/${y.gpa} in grade ${y.grade}`,
      );
      problems.check((y.advancedCourseCompleted === null) === g < 11, () => `${y.studentId}: advanced in ${y.grade}`);
      problems.check(y.schoolChanges === 0 || y.enteredLate, () => `${y.studentId}: changed school, not late`);
      problems.check(!(y.formerEnglishLearner && y.englishLearner), () => `${y.studentId}: EL and former EL`);
    }
    expect(problems.list).toEqual([]);
  });

  it('reports state test results on the Next-Generation MCAS scale, with growth only where there is a prior score', () => {
    const problems = new Problems();
    const scored = new Set(
      assessments.filter((a) => a.participated).map((a) => `${a.studentId}|${a.subject}|${a.schoolYear}`),
    );
    const levelFor = (score: number) =>
      score < 470 ? 'not_meeting' : score < 500 ? 'partially_meeting' : score < 530 ? 'meeting' : 'exceeding';
    let withSgp = 0;
    for (const a of assessments) {
      const g = gradeOrdinal(a.grade);
      const what = () => `${a.studentId} ${a.schoolYear} ${a.subject} ${a.grade}: ${a.scaledScore} ${a.sgp}`;
      problems.check((a.subject === 'science' ? [5, 8, 10] : [3, 4, 5, 6, 7, 8, 10]).includes(g), what);
      problems.check(a.participated === (a.scaledScore !== null), what);
      if (a.scaledScore === null) {
        problems.check(a.achievementLevel === null && a.sgp === null, what);
        continue;
      }
      problems.check(a.scaledScore >= 440 && a.scaledScore <= 560, what);
      problems.check(a.achievementLevel === levelFor(a.scaledScore), what);
      if (a.sgp !== null) {
        withSgp++;
        const priorYear = a.schoolYear - (g === 10 ? 2 : 1);
        problems.check(
          a.subject !== 'science' &&
            g >= 4 &&
            a.sgp >= 1 &&
            a.sgp <= 99 &&
            scored.has(`${a.studentId}|${a.subject}|${priorYear}`),
          what,
        );
      }
    }
    expect(problems.list).toEqual([]);
    expect(withSgp).toBeGreaterThan(1000);
    const participation = assessments.filter((a) => a.participated).length / assessments.length;
    expect(participation).toBeGreaterThan(0.96);
    expect(participation).toBeLessThan(0.995);
  });

  it('records high-school outcomes that agree with enrollment: graduates did not drop out', () => {
    const problems = new Problems();
    expect(outcomes.length).toBeGreaterThan(500);
    for (const h of outcomes) {
      const years = yearsByStudent.get(h.studentId)!;
      const last = years.reduce((m, y) => (y.schoolYear > m.schoolYear ? y : m));
      const what = () => `${h.studentId}: ${JSON.stringify(h)} last ${last.schoolYear} ${last.grade}`;
      problems.check(h.cohortYear <= plan.lastYear && orgs.get(h.schoolCode)!.grades.includes('12'), what);
      if (h.graduatedIn4Years) {
        problems.check(
          h.droppedOutYear === null &&
            h.graduatedIn5Years !== false &&
            last.schoolYear === h.cohortYear &&
            last.grade === '12',
          what,
        );
      }
      if (h.droppedOutYear !== null) {
        problems.check(
          !h.graduatedIn4Years && h.graduatedIn5Years !== true && last.schoolYear === h.droppedOutYear,
          what,
        );
      }
      problems.check(h.graduatedIn5Years === null || h.cohortYear + 1 <= plan.lastYear, what);
    }
    expect(problems.list).toEqual([]);
  });

  it('tests English learners on English proficiency only while they are learners', () => {
    const el = new Set(studentYears.filter((y) => y.englishLearner).map((y) => `${y.studentId}|${y.schoolYear}`));
    const records = all.flatMap((d) => d.englishProficiency);
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) {
      expect(el.has(`${r.studentId}|${r.schoolYear}`)).toBe(true);
      expect(r.overallLevel >= 1 && r.overallLevel <= 6).toBe(true);
    }
  });
});

describe('generateDistrict: the answer key', () => {
  const observed = observedOutcomes();

  it('gives each enrolled student in grades 1-12 at most one probability a year, strictly between 0 and 1', () => {
    const problems = new Problems();
    const enrolled = new Map(studentYears.map((y) => [`${y.studentId}|${y.schoolYear}`, y]));
    const keys = new Set<string>();
    for (const row of answerKey) {
      const k = `${row.studentId}|${row.schoolYear}`;
      problems.check(
        !keys.has(k) &&
          enrolled.get(k)?.grade === row.grade &&
          row.milestone === milestoneForGrade(gradeOrdinal(row.grade)) &&
          row.probability > 0 &&
          row.probability < 1,
        () => JSON.stringify(row),
      );
      keys.add(k);
    }
    expect(problems.list).toEqual([]);
    expect(answerKey.length).toBeGreaterThan(0.5 * studentYears.length);
  });

  it('is calibrated: among students given about p, about p reach the milestone', () => {
    for (const milestone of [
      'reading_grade3',
      'middle_school_ready',
      'high_school_ready',
      'graduate_on_time',
    ] as Milestone[]) {
      const bins = Array.from({ length: 5 }, () => ({ n: 0, p: 0, y: 0 }));
      for (const row of answerKey) {
        if (row.milestone !== milestone) continue;
        const y = observed.get(`${row.studentId}|${milestone}`);
        if (y === undefined) continue;
        const b = bins[Math.min(4, Math.floor(row.probability * 5))]!;
        b.n++;
        b.p += row.probability;
        b.y += y;
      }
      for (const b of bins) {
        if (b.n < 400) continue;
        // Four binomial standard errors, at least 0.02.
        const p = b.p / b.n;
        const tolerance = Math.max(0.02, 4 * Math.sqrt((p * (1 - p)) / b.n));
        expect(Math.abs(b.y / b.n - p), `${milestone} bin mean ${p.toFixed(2)} (n=${b.n})`).toBeLessThan(tolerance);
      }
    }
  });

  it('gives students who were chronically absent last year lower probabilities, milestone by milestone', () => {
    const prior = new Map(studentYears.map((y) => [`${y.studentId}|${y.schoolYear}`, y]));
    const sums = new Map<string, { chronic: number[]; other: number[] }>();
    for (const row of answerKey) {
      const p = prior.get(`${row.studentId}|${row.schoolYear - 1}`);
      if (!p || p.daysInMembership < 100) continue;
      const s = sums.get(row.milestone) ?? { chronic: [0, 0], other: [0, 0] };
      sums.set(row.milestone, s);
      const group = (p.daysInMembership - p.daysAttended) / p.daysInMembership >= 0.1 ? s.chronic : s.other;
      group[0]! += row.probability;
      group[1]! += 1;
    }
    expect(sums.size).toBe(4);
    for (const [milestone, s] of sums) {
      expect(s.chronic[1], milestone).toBeGreaterThan(200);
      expect(s.chronic[0]! / s.chronic[1]!, milestone).toBeLessThan(s.other[0]! / s.other[1]! - 0.1);
    }
  });

  it('shows the gaps a user expects: low-income students score lower, and growth averages about 50', () => {
    const lowIncome = new Set(studentYears.filter((y) => y.lowIncome).map((y) => `${y.studentId}|${y.schoolYear}`));
    const mean = { li: [0, 0], other: [0, 0] };
    let sgp = 0;
    let sgpN = 0;
    for (const a of assessments) {
      if (a.scaledScore === null || a.subject !== 'ela') continue;
      const g = lowIncome.has(`${a.studentId}|${a.schoolYear}`) ? mean.li : mean.other;
      g[0]! += a.scaledScore;
      g[1]! += 1;
      if (a.sgp !== null) {
        sgp += a.sgp;
        sgpN++;
      }
    }
    expect(mean.li[0]! / mean.li[1]!).toBeLessThan(mean.other[0]! / mean.other[1]! - 8);
    expect(sgp / sgpN).toBeGreaterThan(46);
    expect(sgp / sgpN).toBeLessThan(54);
  });

  it('puts statewide rates where Massachusetts has them', () => {
    const year = studentYears.filter((y) => y.schoolYear === 2024 && y.daysInMembership >= 20);
    const rate = (f: (y: StudentYearRecord) => boolean) => year.filter(f).length / year.length;
    const chronic = rate((y) => (y.daysInMembership - y.daysAttended) / y.daysInMembership >= 0.1);
    expect(chronic).toBeGreaterThan(0.12);
    expect(chronic).toBeLessThan(0.3);
    const oss = rate((y) => y.outOfSchoolSuspensionDays > 0);
    expect(oss).toBeGreaterThan(0.01);
    expect(oss).toBeLessThan(0.06);
    const tested = assessments.filter((a) => a.subject !== 'science' && a.schoolYear === 2024);
    const meeting = tested.filter(meets).length / tested.length;
    expect(meeting).toBeGreaterThan(0.33);
    expect(meeting).toBeLessThan(0.55);
    const cohort = outcomes.filter((h) => h.cohortYear >= 2023);
    const graduation = cohort.filter((h) => h.graduatedIn4Years).length / cohort.length;
    expect(graduation).toBeGreaterThan(0.8);
    expect(graduation).toBeLessThan(0.95);
  });
});
