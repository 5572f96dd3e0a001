import type { GradeCode } from '../orgs/organization.ts';

/**
 * Student-level records: only what early warning and the aggregates need, never more personal data than that (no
 * names, addresses or exact birth dates). One shape for every source: the synthetic Commonwealth, the documented
 * student CSV format, and Ed-Fi interchanges.
 */

/** Race/ethnicity as DESE reports it (one value per student). */
export const raceEthnicities = [
  'african_american',
  'asian',
  'hispanic',
  'multi_race',
  'native_american',
  'pacific_islander',
  'white',
] as const;
export type RaceEthnicity = (typeof raceEthnicities)[number];

export const genders = ['female', 'male', 'nonbinary'] as const;
export type Gender = (typeof genders)[number];

/** A student: the facts that do not change from year to year. */
export interface StudentRecord {
  /** State-assigned student identifier (SASID), opaque text. */
  studentId: string;
  birthYear: number;
  gender: Gender;
  raceEthnicity: RaceEthnicity;
}

/** One student in one school year (named by its ending year), at the school where they ended the year. */
export interface StudentYearRecord {
  studentId: string;
  schoolYear: number;
  /** DESE 8-digit school code. */
  schoolCode: string;
  grade: GradeCode;
  lowIncome: boolean;
  englishLearner: boolean;
  /** Former English learner (exited within the look-back window). */
  formerEnglishLearner: boolean;
  disability: boolean;
  /** Days the student was enrolled (in membership) during the year. */
  daysInMembership: number;
  daysAttended: number;
  /** Enrolled after October 1, or changed school during the year. */
  enteredLate: boolean;
  /** School changes during the year (0 when the student stayed in one school). */
  schoolChanges: number;
  /** Repeating the grade they were in last year. */
  retained: boolean;
  inSchoolSuspensionDays: number;
  outOfSchoolSuspensionDays: number;
  /** Grades 6-12: course marks (null below grade 6). */
  coursesTaken: number | null;
  coursesFailed: number | null;
  /** Grades 6-12: grade point average on a 0-4 scale (null below grade 6). */
  gpa: number | null;
  /** Grades 11-12: completed at least one advanced course this year (null in other grades). */
  advancedCourseCompleted: boolean | null;
}

export const assessmentSubjects = ['ela', 'math', 'science'] as const;
export type AssessmentSubject = (typeof assessmentSubjects)[number];

/** Next-Generation MCAS achievement levels (scaled scores 440-560). */
export const achievementLevels = ['not_meeting', 'partially_meeting', 'meeting', 'exceeding'] as const;
export type AchievementLevel = (typeof achievementLevels)[number];

/** A state test result. A student who did not participate has no score. */
export interface AssessmentRecord {
  studentId: string;
  schoolYear: number;
  schoolCode: string;
  subject: AssessmentSubject;
  /** The grade the test is for. */
  grade: GradeCode;
  participated: boolean;
  scaledScore: number | null;
  achievementLevel: AchievementLevel | null;
  /** Student growth percentile 1-99; null without a prior-year score or outside grades 4-8 and 10. */
  sgp: number | null;
}

/** English-language proficiency progress for an English learner (ACCESS for ELLs). */
export interface EnglishProficiencyRecord {
  studentId: string;
  schoolYear: number;
  schoolCode: string;
  /** Overall proficiency level, 1.0-6.0. */
  overallLevel: number;
  /** Whether the student met this year's progress target. */
  metTarget: boolean;
}

/** How a student's high-school career ended, by cohort (the expected graduation year). */
export interface HighSchoolOutcomeRecord {
  studentId: string;
  /** The year the student was expected to graduate: entered grade 9 in cohortYear - 3. */
  cohortYear: number;
  /** School of record for the cohort (the last high school attended). */
  schoolCode: string;
  graduatedIn4Years: boolean;
  /** Null until the fifth year has been observed. */
  graduatedIn5Years: boolean | null;
  /** School year in which the student dropped out, if they did. */
  droppedOutYear: number | null;
}

/** The early-warning milestones (see domain/ewis.md). */
export const milestones = ['reading_grade3', 'middle_school_ready', 'high_school_ready', 'graduate_on_time'] as const;
export type Milestone = (typeof milestones)[number];

/** Each milestone in words, for pages and documents. */
export const milestoneLabels: Record<Milestone, string> = {
  reading_grade3: 'Reading proficiently by the end of grade 3',
  middle_school_ready: 'Ready for middle school (grade 6 ELA and math)',
  high_school_ready: 'Ready for high school (passing every grade 9 course)',
  graduate_on_time: 'Graduating from high school in four years',
};
