import { gradeOrdinal } from '../orgs/organization.ts';
import type {
  AssessmentRecord,
  HighSchoolOutcomeRecord,
  Milestone,
  StudentRecord,
  StudentYearRecord,
} from '../students/records.ts';
import { raceEthnicities } from '../students/records.ts';

/**
 * Early-warning examples: one per student enrolled in grades 1-12 in a school year, with the milestone the grade
 * predicts (domain/ewis.md), the indicators known before the year starts (the prior year's attendance, suspensions,
 * mobility, course marks; the latest test scores; retention and age for grade; program status this fall; the school's
 * levels last year), and, once the records show it, whether the student reached the milestone.
 */

/** The milestone predicted in a grade (ordinal 1-12). */
export function milestoneOfGrade(grade: number): Milestone | null {
  if (grade >= 1 && grade <= 3) return 'reading_grade3';
  if (grade >= 4 && grade <= 6) return 'middle_school_ready';
  if (grade >= 7 && grade <= 9) return 'high_school_ready';
  if (grade >= 10 && grade <= 12) return 'graduate_on_time';
  return null;
}

/**
 * The features, in design-matrix order. Features that describe one thing about the student share a `reason`: an
 * explanation adds up their pushes on the risk and shows the reason's own words (`reasonWords`). Program status,
 * demographics and the school's levels carry no reason: they are never given as why a student is at risk.
 */
export const ewisFeatures = [
  { id: 'no_prior_year', label: 'new to the district (no record last year)', reason: 'new_to_district' },
  { id: 'attendance_rate', label: 'attendance rate last year (%)', reason: 'attendance' },
  { id: 'chronically_absent', label: 'chronically absent last year', reason: 'attendance' },
  { id: 'attendance_vs_school', label: "attendance last year against the school's (points)", reason: 'attendance' },
  { id: 'log_absence', label: 'absence rate last year (log scale)', reason: 'attendance' },
  {
    id: 'log_absence_vs_school',
    label: "absence rate last year against the school's (log scale)",
    reason: 'attendance',
  },
  { id: 'suspension_days', label: 'days suspended last year', reason: 'suspensions' },
  { id: 'out_of_school_suspension', label: 'suspended out of school last year', reason: 'suspensions' },
  { id: 'school_changes', label: 'school changes last year', reason: 'mobility' },
  { id: 'entered_late', label: 'enrolled late or moved last year', reason: 'mobility' },
  { id: 'ever_retained', label: 'held back in an earlier grade', reason: 'retention' },
  { id: 'over_age', label: 'older than the grade (years)', reason: 'retention' },
  { id: 'low_income', label: 'low income', reason: null },
  { id: 'english_learner', label: 'English learner', reason: null },
  { id: 'former_english_learner', label: 'former English learner', reason: null },
  { id: 'disability', label: 'student with a disability', reason: null },
  { id: 'english_learner_years', label: 'years identified as an English learner before this one', reason: null },
  { id: 'ela_score', label: 'latest ELA scaled score', reason: 'ela' },
  { id: 'math_score', label: 'latest math scaled score', reason: 'math' },
  { id: 'no_scores', label: 'no state test score yet', reason: 'no_scores' },
  { id: 'years_since_test', label: 'years since the latest test', reason: null },
  { id: 'previous_ela_score', label: 'ELA scaled score of the test year before the latest', reason: 'ela' },
  { id: 'previous_math_score', label: 'math scaled score of the test year before the latest', reason: 'math' },
  { id: 'no_previous_scores', label: 'no test year before the latest', reason: null },
  { id: 'gpa', label: 'grade point average last year', reason: 'courses' },
  { id: 'course_failure_share', label: 'share of courses failed last year', reason: 'courses' },
  { id: 'no_course_marks', label: 'no course marks last year', reason: 'courses' },
  { id: 'high_school_gpa', label: 'mean high school GPA so far', reason: 'high_school_record' },
  { id: 'high_school_years', label: 'high school years completed here', reason: null },
  {
    id: 'high_school_gpa_sum',
    label: 'high school GPAs so far, summed (graduation weighs every year)',
    reason: 'high_school_record',
  },
  { id: 'school_attendance', label: "school's attendance rate last year (%)", reason: null },
  { id: 'school_ela_score', label: "school's mean ELA score last year", reason: null },
  { id: 'school_math_score', label: "school's mean math score last year", reason: null },
  { id: 'school_gpa', label: "school's mean GPA last year", reason: null },
  { id: 'school_now_gpa', label: "this year's school: its mean GPA last year", reason: null },
  { id: 'school_now_no_gpa', label: "this year's school: no GPA last year", reason: null },
  { id: 'school_now_log_absence', label: "this year's school: its absence rate last year (log scale)", reason: null },
  { id: 'district_grade9_gpa', label: "district's mean grade 9 GPA last year", reason: null },
  { id: 'district_no_grade9_gpa', label: 'district: no grade 9 GPA last year', reason: null },
  {
    id: 'milestone_rate_here',
    label: 'share reaching this milestone at the school (or district) last year (%)',
    reason: null,
  },
] as const;

/** How each reason is worded, with the feature whose value it shows and whether it is a yes/no condition. */
export const reasonWords: Record<string, { show: string; words: string; condition?: boolean }> = {
  new_to_district: { show: 'no_prior_year', words: 'new to the district: no record from last year', condition: true },
  attendance: {
    show: 'attendance_rate',
    words: 'attended {value}% of days last year; students who reach the milestone typically attend {typical}%',
  },
  suspensions: { show: 'suspension_days', words: 'suspended {value} days last year; typically {typical}' },
  mobility: {
    show: 'school_changes',
    words: 'changed school {value} times or enrolled late last year; typically {typical}',
  },
  retention: { show: 'ever_retained', words: 'held back in an earlier grade', condition: true },
  ela: {
    show: 'ela_score',
    words: 'latest ELA score {score}; students who reach the milestone typically score {typicalScore}',
  },
  math: {
    show: 'math_score',
    words: 'latest math score {score}; students who reach the milestone typically score {typicalScore}',
  },
  no_scores: { show: 'no_scores', words: 'no state test score yet', condition: true },
  courses: { show: 'gpa', words: 'GPA {value} last year; students who reach the milestone typically have {typical}' },
  high_school_record: { show: 'high_school_gpa', words: 'high school GPA so far {value}; typically {typical}' },
};

/** Demographic features, used only when the setting allows (their effect on accuracy and fairness is reported). */
export const demographicFeatures = [
  { id: 'female', label: 'female', reason: null },
  ...raceEthnicities
    .filter((r) => r !== 'white')
    .map((r) => ({ id: `race_${r}`, label: r.replace('_', ' '), reason: null })),
] as const;

export interface EwisExample {
  studentId: string;
  schoolYear: number;
  schoolCode: string;
  /** Grade ordinal 1-12. */
  grade: number;
  milestone: Milestone;
  /** 1 reached, 0 missed, null not yet known (or the student left before it was decided). */
  reached: 0 | 1 | null;
  features: Float64Array;
  /** Group memberships for fairness reports. */
  groups: { lowIncome: boolean; englishLearner: boolean; disability: boolean; race: string; gender: string };
}

export interface EwisRecords {
  students: readonly StudentRecord[];
  studentYears: readonly StudentYearRecord[];
  assessments: readonly AssessmentRecord[];
  highSchoolOutcomes: readonly HighSchoolOutcomeRecord[];
}

/** The feature names of a design, with or without demographics. */
export function featureNames(includeDemographics: boolean): string[] {
  return [...ewisFeatures.map((f) => f.id), ...(includeDemographics ? demographicFeatures.map((f) => f.id) : [])];
}

interface Outcomes {
  reading?: 0 | 1;
  middle?: 0 | 1;
  high?: 0 | 1;
  graduate?: 0 | 1;
  /** School years in which each milestone was decided. */
  readingYear?: number;
  middleYear?: number;
  highYear?: number;
  graduateYear?: number;
  /** Where each milestone was decided, by milestone. */
  schools: Partial<Record<Milestone, string>>;
}

/** Log of the share of days absent, floored at half a percent (a perfect attendance record is not infinitely good). */
const logAbsence = (y: StudentYearRecord) =>
  Math.log(Math.max(0.005, y.daysInMembership > 0 ? 1 - y.daysAttended / y.daysInMembership : 0));
const ratio = (y: StudentYearRecord) => (y.daysInMembership > 0 ? (100 * y.daysAttended) / y.daysInMembership : 0);

/** Builds the examples of a set of records (one district or a whole state). */
export function buildEwisExamples(records: EwisRecords, includeDemographics: boolean): EwisExample[] {
  const studentsById = new Map(records.students.map((s) => [s.studentId, s]));
  const yearsByStudent = new Map<string, StudentYearRecord[]>();
  for (const y of records.studentYears) {
    const list = yearsByStudent.get(y.studentId);
    if (list) list.push(y);
    else yearsByStudent.set(y.studentId, [y]);
  }
  const testsByStudent = new Map<string, AssessmentRecord[]>();
  for (const a of records.assessments) {
    if (a.subject === 'science') continue;
    const list = testsByStudent.get(a.studentId);
    if (list) list.push(a);
    else testsByStudent.set(a.studentId, [a]);
  }
  const graduation = new Map<string, HighSchoolOutcomeRecord>();
  for (const o of records.highSchoolOutcomes) graduation.set(o.studentId, o);

  // School levels by year: mean attendance rate and mean ELA/math scores.
  const schoolStats = new Map<
    string,
    {
      att: number;
      attN: number;
      logAbs: number;
      ela: number;
      elaN: number;
      math: number;
      mathN: number;
      gpa: number;
      gpaN: number;
    }
  >();
  const statOf = (code: string, year: number) => {
    const k = `${code}|${year}`;
    let s = schoolStats.get(k);
    if (!s) {
      s = { att: 0, attN: 0, logAbs: 0, ela: 0, elaN: 0, math: 0, mathN: 0, gpa: 0, gpaN: 0 };
      schoolStats.set(k, s);
    }
    return s;
  };
  for (const y of records.studentYears)
    if (y.daysInMembership > 0) {
      const s = statOf(y.schoolCode, y.schoolYear);
      s.att += ratio(y);
      s.logAbs += logAbsence(y);
      s.attN++;
      if (y.gpa !== null) {
        s.gpa += y.gpa;
        s.gpaN++;
      }
    }
  for (const a of records.assessments)
    if (a.scaledScore !== null && a.subject !== 'science') {
      const s = statOf(a.schoolCode, a.schoolYear);
      if (a.subject === 'ela') {
        s.ela += a.scaledScore;
        s.elaN++;
      } else {
        s.math += a.scaledScore;
        s.mathN++;
      }
    }
  let stateAtt = 0;
  let stateAttN = 0;
  for (const s of schoolStats.values()) {
    stateAtt += s.att;
    stateAttN += s.attN;
  }
  const meanAttendance = stateAttN > 0 ? stateAtt / stateAttN : 95;
  let stateLogAbs = 0;
  for (const s of schoolStats.values()) stateLogAbs += s.logAbs;
  const meanLogAbsence = stateAttN > 0 ? stateLogAbs / stateAttN : Math.log(1 - meanAttendance / 100);

  // Each district's mean grade 9 GPA by year: before high school, the course level of the high school ahead (grade
  // 9 is the year high-school readiness is decided) is best known from the district's ninth graders.
  const grade9 = new Map<string, { sum: number; n: number }>();
  let grade9Sum = 0;
  let grade9N = 0;
  for (const y of records.studentYears)
    if (y.gpa !== null && gradeOrdinal(y.grade) === 9) {
      const k = `${y.schoolCode.slice(0, 4)}|${y.schoolYear}`;
      const g = grade9.get(k);
      if (g) {
        g.sum += y.gpa;
        g.n++;
      } else grade9.set(k, { sum: y.gpa, n: 1 });
      grade9Sum += y.gpa;
      grade9N++;
    }
  const meanGrade9Gpa = grade9N > 0 ? grade9Sum / grade9N : 2.5;

  // Each student's outcomes, and the milestone rates of each school and district by the year they were decided:
  // last year's rate is known before this year starts.
  const outcomesById = new Map<string, Outcomes>();
  const rates = new Map<string, { reached: number; n: number }>();
  const addRate = (k: string, v: number) => {
    const r = rates.get(k);
    if (r) {
      r.reached += v;
      r.n++;
    } else rates.set(k, { reached: v, n: 1 });
  };
  for (const [studentId, years] of yearsByStudent) {
    years.sort((a, b) => a.schoolYear - b.schoolYear);
    const tests = (testsByStudent.get(studentId) ?? []).sort((a, b) => a.schoolYear - b.schoolYear);
    const o = decideOutcomes(years, tests, graduation.get(studentId));
    outcomesById.set(studentId, o);
    const decided: [Milestone, 0 | 1 | undefined, number | undefined][] = [
      ['reading_grade3', o.reading, o.readingYear],
      ['middle_school_ready', o.middle, o.middleYear],
      ['high_school_ready', o.high, o.highYear],
      ['graduate_on_time', o.graduate, o.graduateYear],
    ];
    for (const [m, v, y] of decided) {
      const school = o.schools[m];
      if (v === undefined || y === undefined || !school) continue;
      addRate(`${m}|${school}|${y}`, v);
      addRate(`${m}|${school.slice(0, 4)}|${y}`, v);
      addRate(`${m}|state|${y}`, v);
    }
  }
  const rateHere = (m: Milestone, school: string, year: number) => {
    for (const k of [
      `${m}|${school}|${year - 1}`,
      `${m}|${school.slice(0, 4)}|${year - 1}`,
      `${m}|state|${year - 1}`,
    ]) {
      const r = rates.get(k);
      if (r && r.n >= 10) return (100 * r.reached) / r.n;
    }
    return null;
  };
  const stateRates = new Map<Milestone, number>();
  for (const [k, r] of rates) {
    const [m, where] = k.split('|') as [Milestone, string];
    if (where === 'state' && !stateRates.has(m)) stateRates.set(m, (100 * r.reached) / r.n);
  }

  const names = featureNames(includeDemographics);
  const width = names.length;
  const at = new Map(names.map((n, i) => [n, i]));
  const examples: EwisExample[] = [];
  for (const [studentId, years] of yearsByStudent) {
    const student = studentsById.get(studentId);
    const tests = testsByStudent.get(studentId) ?? [];
    const outcomes = outcomesById.get(studentId)!;
    for (let k = 0; k < years.length; k++) {
      const year = years[k]!;
      const grade = gradeOrdinal(year.grade);
      const milestone = milestoneOfGrade(grade);
      if (!milestone) continue;
      const decidedIn =
        milestone === 'reading_grade3'
          ? outcomes.readingYear
          : milestone === 'middle_school_ready'
            ? outcomes.middleYear
            : milestone === 'high_school_ready'
              ? outcomes.highYear
              : undefined;
      // No example once the milestone was decided in an earlier year (a retained student's repeat year, a fifth
      // year of high school).
      if (decidedIn !== undefined && decidedIn < year.schoolYear) continue;
      if (
        milestone === 'graduate_on_time' &&
        outcomes.graduateYear !== undefined &&
        year.schoolYear > outcomes.graduateYear
      )
        continue;
      const reached =
        milestone === 'reading_grade3'
          ? outcomes.reading
          : milestone === 'middle_school_ready'
            ? outcomes.middle
            : milestone === 'high_school_ready'
              ? outcomes.high
              : outcomes.graduate;
      const f = new Float64Array(width);
      const set = (id: string, v: number) => (f[at.get(id)!] = v);
      set(
        'milestone_rate_here',
        rateHere(milestone, year.schoolCode, year.schoolYear) ?? stateRates.get(milestone) ?? 50,
      );
      const prior = k > 0 && years[k - 1]!.schoolYear === year.schoolYear - 1 ? years[k - 1]! : null;
      // This year's school as it was last year (the prior-year features describe the school the student came from).
      const here = schoolStats.get(`${year.schoolCode}|${year.schoolYear - 1}`);
      if (here && here.gpaN > 0) set('school_now_gpa', here.gpa / here.gpaN);
      else set('school_now_no_gpa', 1);
      set('school_now_log_absence', here && here.attN > 0 ? here.logAbs / here.attN : meanLogAbsence);
      const district9 = grade9.get(`${year.schoolCode.slice(0, 4)}|${year.schoolYear - 1}`);
      if (district9) set('district_grade9_gpa', district9.sum / district9.n);
      else {
        set('district_grade9_gpa', meanGrade9Gpa);
        set('district_no_grade9_gpa', 1);
      }
      let englishLearnerYears = 0;
      for (let j = 0; j < k; j++) if (years[j]!.englishLearner) englishLearnerYears++;
      set('english_learner_years', englishLearnerYears);
      if (!prior) {
        set('no_prior_year', 1);
        set('attendance_rate', meanAttendance);
        set('school_attendance', meanAttendance);
        set('log_absence', Math.log(Math.max(0.005, 1 - meanAttendance / 100)));
      } else {
        const rate = ratio(prior);
        set('attendance_rate', rate);
        set('chronically_absent', rate < 90 ? 1 : 0);
        const school = schoolStats.get(`${prior.schoolCode}|${prior.schoolYear}`);
        const schoolRate = school && school.attN > 0 ? school.att / school.attN : meanAttendance;
        set('attendance_vs_school', rate - schoolRate);
        set('log_absence', logAbsence(prior));
        if (school && school.attN > 0) set('log_absence_vs_school', logAbsence(prior) - school.logAbs / school.attN);
        set('school_attendance', schoolRate);
        if (school && school.elaN > 0) set('school_ela_score', school.ela / school.elaN - 500);
        if (school && school.mathN > 0) set('school_math_score', school.math / school.mathN - 500);
        if (school && school.gpaN > 0) set('school_gpa', school.gpa / school.gpaN);
        set('suspension_days', prior.inSchoolSuspensionDays + prior.outOfSchoolSuspensionDays);
        set('out_of_school_suspension', prior.outOfSchoolSuspensionDays > 0 ? 1 : 0);
        set('school_changes', prior.schoolChanges);
        set('entered_late', prior.enteredLate ? 1 : 0);
        if (prior.gpa !== null && prior.coursesTaken !== null && prior.coursesTaken > 0) {
          set('gpa', prior.gpa);
          set('course_failure_share', (prior.coursesFailed ?? 0) / prior.coursesTaken);
        } else set('no_course_marks', 1);
      }
      if (prior === null) set('no_course_marks', 1);
      let retained = false;
      for (let j = 0; j <= k; j++) if (years[j]!.retained && j < k) retained = true;
      if (year.retained) retained = true;
      set('ever_retained', retained ? 1 : 0);
      if (student) set('over_age', Math.max(0, year.schoolYear - student.birthYear - (grade + 6)));
      set('low_income', year.lowIncome ? 1 : 0);
      set('english_learner', year.englishLearner ? 1 : 0);
      set('former_english_learner', year.formerEnglishLearner ? 1 : 0);
      set('disability', year.disability ? 1 : 0);
      let ela: AssessmentRecord | null = null;
      let math: AssessmentRecord | null = null;
      // The tests of the latest test year and of the one before it: a course mark of last year reflects the scores
      // the student had then, so the earlier scores help read last year's marks.
      let testYear = -1;
      let yearTests: (AssessmentRecord | null)[] = [null, null];
      let previousTests: (AssessmentRecord | null)[] = [null, null];
      for (const t of tests) {
        if (t.schoolYear >= year.schoolYear) break;
        if (t.scaledScore === null) continue;
        if (t.schoolYear !== testYear) {
          if (testYear >= 0) previousTests = yearTests;
          yearTests = [null, null];
          testYear = t.schoolYear;
        }
        yearTests[t.subject === 'ela' ? 0 : 1] = t;
        if (t.subject === 'ela') ela = t;
        else math = t;
      }
      if (!ela && !math) set('no_scores', 1);
      else {
        const latest = Math.max(ela?.schoolYear ?? 0, math?.schoolYear ?? 0);
        set('years_since_test', year.schoolYear - latest);
        set('ela_score', (ela?.scaledScore ?? math!.scaledScore!) - 500);
        set('math_score', (math?.scaledScore ?? ela!.scaledScore!) - 500);
      }
      const [previousEla, previousMath] = previousTests;
      if (!previousEla && !previousMath) set('no_previous_scores', 1);
      else {
        set('previous_ela_score', (previousEla ?? previousMath)!.scaledScore! - 500);
        set('previous_math_score', (previousMath ?? previousEla)!.scaledScore! - 500);
      }
      let hsGpa = 0;
      let hsYears = 0;
      for (let j = 0; j < k; j++) {
        const y = years[j]!;
        if (gradeOrdinal(y.grade) >= 9 && y.gpa !== null) {
          hsGpa += y.gpa;
          hsYears++;
        }
      }
      if (hsYears > 0) set('high_school_gpa', hsGpa / hsYears);
      set('high_school_gpa_sum', hsGpa);
      set('high_school_years', hsYears);
      if (includeDemographics && student) {
        set('female', student.gender === 'female' ? 1 : 0);
        if (student.raceEthnicity !== 'white') set(`race_${student.raceEthnicity}`, 1);
      }
      examples.push({
        studentId,
        schoolYear: year.schoolYear,
        schoolCode: year.schoolCode,
        grade,
        milestone,
        reached: reached ?? null,
        features: f,
        groups: {
          lowIncome: year.lowIncome,
          englishLearner: year.englishLearner,
          disability: year.disability,
          race: student?.raceEthnicity ?? 'unknown',
          gender: student?.gender ?? 'unknown',
        },
      });
    }
  }
  return examples;
}

/** Whether (and when) the records show each milestone reached, from the student's first attempts. */
function decideOutcomes(
  years: readonly StudentYearRecord[],
  tests: readonly AssessmentRecord[],
  outcome: HighSchoolOutcomeRecord | undefined,
): Outcomes {
  const out: Outcomes = { schools: {} };
  const firstTest = (subject: 'ela' | 'math', grade: string) =>
    tests.find((t) => t.subject === subject && t.grade === grade) ?? null;
  const passed = (t: AssessmentRecord | null) => (t && t.scaledScore !== null && t.scaledScore >= 500 ? 1 : 0);
  const ela3 = firstTest('ela', '03');
  if (ela3) {
    out.reading = passed(ela3);
    out.readingYear = ela3.schoolYear;
    out.schools.reading_grade3 = ela3.schoolCode;
  }
  const ela6 = firstTest('ela', '06');
  const math6 = firstTest('math', '06');
  if (ela6 && math6) {
    out.middle = passed(ela6) && passed(math6) ? 1 : 0;
    out.middleYear = Math.max(ela6.schoolYear, math6.schoolYear);
    out.schools.middle_school_ready = ela6.schoolCode;
  }
  const grade9 = years.find((y) => y.grade === '09' && !y.retained && y.coursesFailed !== null);
  if (grade9) {
    out.high = grade9.coursesFailed === 0 ? 1 : 0;
    out.highYear = grade9.schoolYear;
    out.schools.high_school_ready = grade9.schoolCode;
  }
  if (outcome) {
    out.graduate = outcome.graduatedIn4Years ? 1 : 0;
    out.graduateYear = outcome.cohortYear;
    out.schools.graduate_on_time = outcome.schoolCode;
  }
  return out;
}
