import type { GradeCode, Organization } from '../orgs/organization.ts';
import type {
  AssessmentRecord,
  EnglishProficiencyRecord,
  HighSchoolOutcomeRecord,
  Milestone,
  StudentRecord,
  StudentYearRecord,
} from '../students/records.ts';

/** What shapes a synthetic Commonwealth: the same options always give the same state, record for record. */
export interface CommonwealthOptions {
  seed: number | string;
  /** 1 is a Massachusetts-sized state (about 400 districts, 1,800 schools, 920,000 students); 0 < scale <= 10. */
  scale: number;
  /** The last school year generated, named by its ending year (2026 is 2025-26). */
  lastYear?: number;
  /** How many school years, ending with lastYear. */
  years?: number;
}

/** How a school differs from the average school, beyond the students it serves (all centred on 0). */
export interface SchoolEffects {
  /** Added to the log of each student's absence rate (positive: more absence). */
  attendance: number;
  /** Yearly achievement growth, in student standard deviations. */
  growth: number;
  /** Course marks and credit completion (feeds course failures, GPA and graduation). */
  courses: number;
  /** Log-odds of suspending a student. */
  discipline: number;
  /** Log-odds that a junior or senior completes an advanced course. */
  advanced: number;
}

/** One school building (a DESE school code) of a school family, with the years it is open. */
export interface SchoolSitePlan {
  code: string;
  name: string;
  town: string;
  openedYear: number | null;
  closedYear: number | null;
}

/**
 * A school family: one school, or the buildings that succeed or split it, sharing its grades, students and effects
 * (a school rebuilt under a new code, or split into two, keeps its family, so a student's path never depends on
 * the year a building opened).
 */
export interface SchoolFamilyPlan {
  index: number;
  kind: SchoolKind;
  /** Grade ordinals served, PK = -1, K = 0, ..., 12. */
  lowGrade: number;
  highGrade: number;
  sites: SchoolSitePlan[];
  /** Students per grade in the first year (before mobility and growth). */
  gradeSize: number;
  /** Share of pre-kindergarten places relative to a grade (0 when the school has no PK). */
  prekShare: number;
  /** Neighbourhood socio-economic index (higher is more affluent), the source of the shares below. */
  ses: number;
  lowIncomeShare: number;
  englishLearnerShare: number;
  disabilityShare: number;
  /** Race/ethnicity shares in the order of `raceEthnicities`. */
  raceShares: number[];
  effects: SchoolEffects;
  /** Alternative high schools enrol students who arrive already struggling: entry shifts (see parameters). */
  alternative: boolean;
  /** Courses a student takes in a year (grades 6-12). */
  coursesPerYear: number;
}

/** Kinds of school family, which decide their grades, names and code numbers. */
export type SchoolKind =
  | 'early-childhood'
  | 'elementary'
  | 'lower-elementary'
  | 'upper-elementary'
  | 'k8'
  | 'middle'
  | 'middle-high'
  | 'high'
  | 'alternative-high'
  | 'technical-high'
  | 'k12'
  | 'charter'
  | 'regional-vocational';

/** Kinds of district in the plan (finer than the organization type). */
export type DistrictKind =
  'city' | 'town' | 'elementary-town' | 'regional' | 'secondary-regional' | 'vocational' | 'charter';

/** A district of the plan: its organization, demographics, latent parameters and school families. */
export interface DistrictPlan {
  code: string;
  name: string;
  kind: DistrictKind;
  type: 'local' | 'regional' | 'vocational' | 'charter';
  regionCode: 'coastal' | 'west-central';
  town: string;
  /** Enrollment in the first year, approximately. */
  enrollment: number;
  /** District socio-economic index (higher is more affluent). */
  ses: number;
  /** District effect on achievement levels, in student standard deviations. */
  achievementEffect: number;
  /** Yearly probability that a student changes school within the district during the year. */
  mobilityRate: number;
  /** Yearly probability that a student leaves the district (moves away). */
  exitRate: number;
  /** Yearly change in kindergarten (or entry-grade) cohort size, as a fraction. */
  cohortTrend: number;
  families: SchoolFamilyPlan[];
}

/** The whole plan: organizations to load and the parameters each district is generated from. */
export interface CommonwealthPlan {
  seed: number | string;
  scale: number;
  firstYear: number;
  lastYear: number;
  years: number[];
  /** State, the two regions, districts and schools, in that order. */
  organizations: Organization[];
  districts: DistrictPlan[];
}

/** One row of the answer key: the exact probability a student reaches a milestone, known before the year starts. */
export interface AnswerKeyRow {
  studentId: string;
  schoolYear: number;
  grade: GradeCode;
  milestone: Milestone;
  probability: number;
}

/** Every student-level record of one district for all years, and its answer-key rows. */
export interface DistrictData {
  districtCode: string;
  students: StudentRecord[];
  studentYears: StudentYearRecord[];
  assessments: AssessmentRecord[];
  englishProficiency: EnglishProficiencyRecord[];
  highSchoolOutcomes: HighSchoolOutcomeRecord[];
  /** Never loaded into the platform: kept apart to check early-warning models against the truth. */
  answerKey: AnswerKeyRow[];
}
