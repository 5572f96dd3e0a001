import { gradeCodes, type GradeCode } from '../orgs/organization.ts';
import { createRandom, type Random } from '../stats/random.ts';
import {
  raceEthnicities,
  type AchievementLevel,
  type AssessmentRecord,
  type AssessmentSubject,
  type Gender,
  type Milestone,
  type StudentRecord,
} from '../students/records.ts';
import { normalCdf } from './gaussian.ts';
import {
  coursePerformance,
  decisiveStep,
  graduationNoiseSd,
  isTestedGrade,
  milestoneForGrade,
  milestoneProbability,
  zhatWithoutTest,
  type RevealedState,
  type StudentPath,
} from './milestones.ts';
import { growthNorms, model, scienceGrades, scoreCuts } from './parameters.ts';
import type { CommonwealthPlan, DistrictData, DistrictPlan, SchoolFamilyPlan } from './types.ts';

const ENG = model.engagement;
const ACH = model.achievement;
const CRS = model.courses;
const GRAD = model.graduation;
const EV = model.events;
const DIS = model.discipline;
const ELP = model.englishProficiency;

/** School days in a year; everyone enrolled all year is in membership this many days. */
export const schoolDays = 180;
/** The day of the spring state tests, and of the winter English-proficiency test. */
const testDay = 150;
const accessDay = 100;

const phiV = ENG.persistence;
const innovV = Math.sqrt(1 - phiV * phiV) * ENG.sd;
const rhoU = ACH.persistence;
const innovU = Math.sqrt(1 - rhoU * rhoU) * ACH.sd;
const rU = ACH.subjectCorrelation;
const rUc = Math.sqrt(1 - rU * rU);
const phiC = CRS.persistence;
const innovC = Math.sqrt(1 - phiC * phiC) * CRS.sd;
const rhoG = ACH.schoolPersistence;
const isScience = new Array<boolean>(14).fill(false);
for (const g of scienceGrades) isScience[g] = true;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const gradeCode = (step: number): GradeCode => gradeCodes[step + 1]!;

/** Families and feeder rules of one district, precomputed once. */
interface DistrictContext {
  plan: CommonwealthPlan;
  district: DistrictPlan;
  families: SchoolFamilyPlan[];
  /** Families serving each grade (index step + 1) that students can move into during a year. */
  movable: number[][];
  movableWeights: number[][];
  /** Families whose lowest grade is g (index g + 1), the destinations of a feeder move into grade g. */
  entrants: number[][];
  /** The technical high school, if any, and the share of grade-8 finishers it takes. */
  technical: number;
  /** Whether the district serves grade 12 (students can graduate here). */
  servesTwelve: boolean;
  /** School codes open in each year per family (index year - firstYear). */
  sitesByYear: string[][][];
  prefix: string;
  nextId: number;
  out: DistrictData;
}

/** Per-student scratch, reused for every student (indexed by grade ordinal + 1, PK = 0). */
const S = 15;
const pathStart = new Int16Array(S);
const pathEnd = new Int16Array(S);
const moveDay = new Int16Array(S);
const latV = new Float64Array(S);
const latUE = new Float64Array(S);
const latUM = new Float64Array(S);
const latC = new Float64Array(S);
const latK = new Float64Array(S);
const latZhat = new Float64Array(S);
const takesTest = new Uint8Array(S);
const growth = new Float64Array(S);
const studentPath: StudentPath = {
  levelEla: new Float64Array(S),
  levelMath: new Float64Array(S),
  courseBase: new Float64Array(S),
  entryShiftV: 0,
  entryShiftU: 0,
  entryStep: 0,
  highSchoolStart: 9,
  participation: 1,
};
const revealed: RevealedState = {
  anchorStep: -2,
  v: 0,
  c: NaN,
  uEla: 0,
  uMath: 0,
  sinceTest: -1,
  uStarted: false,
  zhat: NaN,
  courseSum: 0,
  courseCount: 0,
};

interface Traits {
  lowIncome: boolean;
  englishLearner: boolean;
  disability: boolean;
  female: boolean;
  gender: Gender;
}

function buildContext(plan: CommonwealthPlan, district: DistrictPlan): DistrictContext {
  const fams = district.families;
  const movable: number[][] = [];
  const movableWeights: number[][] = [];
  const entrants: number[][] = [];
  for (let g = -1; g <= 12; g++) {
    const m = fams.filter((f) => f.lowGrade <= g && f.highGrade >= g && !f.alternative && f.kind !== 'technical-high');
    movable.push(m.map((f) => f.index));
    movableWeights.push(m.map((f) => f.gradeSize));
    entrants.push(
      fams.filter((f) => f.lowGrade === g && !f.alternative && f.kind !== 'technical-high').map((f) => f.index),
    );
  }
  const technical = fams.find((f) => f.kind === 'technical-high')?.index ?? -1;
  const sitesByYear = plan.years.map((y) =>
    fams.map((f) =>
      f.sites
        .filter((s) => (s.openedYear === null || y >= s.openedYear) && (s.closedYear === null || y <= s.closedYear))
        .map((s) => s.code),
    ),
  );
  return {
    plan,
    district,
    families: fams,
    movable,
    movableWeights,
    entrants,
    technical,
    servesTwelve: fams.some((f) => f.highGrade === 12),
    sitesByYear,
    prefix: district.code.slice(0, 4),
    nextId: 1,
    out: {
      districtCode: district.code,
      students: [],
      studentYears: [],
      assessments: [],
      englishProficiency: [],
      highSchoolOutcomes: [],
      answerKey: [],
    },
  };
}

/** The family a student moves to after finishing `fam`'s highest grade, or -1 when they leave the district. */
function feederFamily(ctx: DistrictContext, fam: number, nextGrade: number, u: number): number {
  if (nextGrade > 12) return -1;
  if (nextGrade === 9 && ctx.technical >= 0 && u < 0.12) return ctx.technical;
  const dest = ctx.entrants[nextGrade + 1]!;
  if (dest.length === 0) return -1;
  // Sources are the families that end just below nextGrade, spread over the destinations in order.
  const sources = ctx.families.filter((f) => f.highGrade === nextGrade - 1 && !f.alternative);
  const i = sources.findIndex((f) => f.index === fam);
  if (i < 0) return dest[Math.floor(u * dest.length)]!;
  return dest[Math.min(dest.length - 1, Math.floor(((i + (u % 1)) * dest.length) / sources.length))]!;
}

/** The school code of a family in a year (split buildings share students by the student's own number). */
function siteCode(ctx: DistrictContext, fam: number, year: number, u: number): string {
  const codes = ctx.sitesByYear[year - ctx.plan.firstYear]![fam]!;
  return codes.length === 1 ? codes[0]! : codes[Math.floor(u * codes.length)]!;
}

function drawTraits(rng: Random, fam: SchoolFamilyPlan, step: number): Traits {
  const lowIncome = rng.next() < fam.lowIncomeShare;
  const elFactor = step <= 2 ? 1.5 : step <= 5 ? 1.05 : step <= 8 ? 0.8 : 0.75;
  const englishLearner = rng.next() < Math.min(0.9, fam.englishLearnerShare * elFactor);
  const disability = rng.next() < fam.disabilityShare;
  const x = rng.next();
  const gender: Gender = x < 0.488 ? 'female' : x < 0.996 ? 'male' : 'nonbinary';
  return { lowIncome, englishLearner, disability, female: gender === 'female', gender };
}

/** Race drawn from the school's shares, tilted by income (the tilt keeps the school's mix roughly intact). */
function drawRace(rng: Random, fam: SchoolFamilyPlan, lowIncome: boolean): (typeof raceEthnicities)[number] {
  const tilt = lowIncome ? [1.45, 0.75, 1.55, 1.1, 1.3, 1.3, 0.7] : [0.8, 1.15, 0.75, 0.95, 0.9, 0.9, 1.15];
  const w = fam.raceShares.map((s, i) => s * tilt[i]!);
  return raceEthnicities[rng.weighted(w)]!;
}

/**
 * Simulates one student from entry to leaving (or the last year) and appends their records. Returns false when the
 * draw must be rejected: an entrant to high school who, under the model, would already have dropped out.
 */
function simulateStudent(
  ctx: DistrictContext,
  rng: Random,
  entryYear: number,
  entryStep: number,
  entryFamily: number,
  late: boolean,
): boolean {
  const { plan, district, families } = ctx;
  const lastYear = plan.lastYear;
  const fam0 = families[entryFamily]!;
  const traits = drawTraits(rng, fam0, entryStep);
  const mobility = district.mobilityRate * (1 + EV.mobilityLowIncome * (traits.lowIncome ? 1 : 0));
  const uSite = rng.next();

  // --- When the student will leave the district (moving away), drawn now from traits only: leaving is then
  // independent of every outcome, so students who stay are a fair sample for checking the answer key.
  const exitRate =
    district.exitRate *
    (1 + EV.exitLowIncome * (traits.lowIncome ? 1 : 0) + EV.exitEnglishLearner * (traits.englishLearner ? 1 : 0));
  let exitStep = 99;
  for (let s = entryStep; s <= 12; s++) {
    if (rng.next() < exitRate) {
      exitStep = s;
      break;
    }
  }
  const exitMidYear = rng.next() < EV.midYearExit;

  // --- The path: the family at the end of each step (moves and feeder choices are drawn now, from the student's
  // traits only, so they carry no information about achievement).
  pathEnd.fill(-1);
  pathStart.fill(-1);
  moveDay.fill(0);
  let fam = entryFamily;
  let lastStep = entryStep - 1;
  for (let s = entryStep; s <= 12; s++) {
    pathStart[s + 1] = fam;
    if (s >= 0 && rng.next() < mobility) {
      const options = ctx.movable[s + 1]!;
      if (options.length > 1 && !families[fam]!.alternative) {
        const u = rng.next();
        let total = 0;
        const weights = ctx.movableWeights[s + 1]!;
        for (let i = 0; i < options.length; i++) if (options[i] !== fam) total += weights[i]!;
        let x = u * total;
        for (let i = 0; i < options.length; i++) {
          if (options[i] === fam) continue;
          x -= weights[i]!;
          if (x < 0 || i === options.length - 1) {
            fam = options[i]!;
            break;
          }
        }
        moveDay[s + 1] = 30 + Math.floor(rng.next() * 120);
      }
    }
    pathEnd[s + 1] = fam;
    lastStep = s;
    const f = families[fam]!;
    if (s + 1 > 12) break;
    if (f.highGrade < s + 1) {
      fam = feederFamily(ctx, fam, s + 1, rng.next());
      if (fam < 0) break;
    }
  }

  // --- Deterministic parts of the dynamics along the path.
  const el0 = traits.englishLearner;
  const female = traits.female ? 1 : 0;
  const li = traits.lowIncome ? 1 : 0;
  const swd = traits.disability ? 1 : 0;
  const firstZ = Math.max(0, entryStep);
  const p = studentPath;
  p.entryStep = entryStep;
  p.highSchoolStart = Math.max(9, entryStep);
  p.entryShiftV = fam0.alternative ? 0.7 : 0;
  p.entryShiftU = fam0.alternative ? -0.6 : 0;
  p.participation = traits.disability ? EV.participationDisability : EV.participation;
  let g = 0;
  for (let s = firstZ; s <= lastStep; s++) {
    const f = families[pathEnd[s + 1]!]!;
    const gain = f.effects.growth + ACH.lowIncomeGrowth * li;
    g = s === firstZ ? (gain * (1 - rhoG ** (s + 1))) / (1 - rhoG) : rhoG * g + gain;
    growth[s + 1] = g;
    const el = el0 ? ACH.englishLearner * ACH.englishDecay ** (s - firstZ) : 0;
    const common = ACH.lowIncome * li + ACH.disability * swd + district.achievementEffect + g;
    p.levelEla[s + 1] = common + el + ACH.femaleEla * female;
    p.levelMath[s + 1] = common + 0.7 * el + ACH.femaleMath * female;
    if (s >= 6)
      p.courseBase[s + 1] = CRS.baseByGrade[s - 6]! + f.effects.courses + CRS.lowIncome * li + CRS.disability * swd;
  }

  // --- Latent draws, step by step along the whole path (innovations drawn now or later are the same in law).
  for (let s = entryStep; s <= lastStep; s++) {
    const i = s + 1;
    const init = s === entryStep;
    latV[i] = init ? p.entryShiftV + ENG.sd * rng.normal() : phiV * latV[i - 1]! + innovV * rng.normal();
    if (s >= 0) {
      const n1 = rng.normal();
      const n2 = rng.normal();
      if (s === firstZ) {
        latUE[i] = p.entryShiftU + ACH.sd * n1;
        latUM[i] = p.entryShiftU + ACH.sd * (rU * n1 + rUc * n2);
      } else {
        latUE[i] = rhoU * latUE[i - 1]! - ACH.engagementEffect * latV[i]! + innovU * n1;
        latUM[i] = rhoU * latUM[i - 1]! - ACH.engagementEffect * latV[i]! + innovU * (rU * n1 + rUc * n2);
      }
    }
    if (s >= 6) {
      latC[i] = s === Math.max(6, entryStep) ? CRS.sd * rng.normal() : phiC * latC[i - 1]! + innovC * rng.normal();
      const prevZhat = s === entryStep ? NaN : latZhat[i - 1]!;
      const z = Number.isNaN(prevZhat) ? zhatWithoutTest(p, s) : prevZhat;
      latK[i] = coursePerformance(p.courseBase[i]!, z, latV[i]!, latC[i]!);
    }
    takesTest[i] = isTestedGrade(s) && rng.next() < p.participation ? 1 : 0;
    // zhat after this step: the composite of this step's test when taken, else unchanged.
    const before = s === entryStep ? NaN : latZhat[i - 1]!;
    latZhat[i] = takesTest[i] ? 0.5 * (p.levelEla[i]! + latUE[i]! + p.levelMath[i]! + latUM[i]!) : before;
  }

  // --- Graduation index and high-school outcome (when the path reaches grade 12 here).
  let hsOutcome: 'none' | 'onTime' | 'fifth' | 'lateDropout' | 'dropout' = 'none';
  let dropoutGrade = -1;
  if (lastStep === 12 && pathEnd[13]! >= 0) {
    const n = 12 - p.highSchoolStart + 1;
    let sum = 0;
    for (let s = p.highSchoolStart; s <= 12; s++) sum += latK[s + 1]!;
    const x = sum / n + graduationNoiseSd(n) * rng.normal();
    if (x >= GRAD.onTime) hsOutcome = 'onTime';
    else if (x >= GRAD.fifthYear) hsOutcome = 'fifth';
    else if (x >= GRAD.dropout) hsOutcome = 'lateDropout';
    else {
      hsOutcome = 'dropout';
      dropoutGrade = 9 + rng.weighted(GRAD.dropoutTiming);
      // An entrant who would have dropped out before arriving is not an entrant: reject the draw.
      if (dropoutGrade < entryStep) return false;
    }
  }

  // --- The student record.
  const studentId = `${ctx.prefix}${String(ctx.nextId++).padStart(6, '0')}`;
  const race = drawRace(rng, fam0, traits.lowIncome);
  const birthYear = entryYear - 6 - entryStep - (rng.next() < 0.12 ? 1 : 0);
  const student: StudentRecord = { studentId, birthYear, gender: traits.gender, raceEthnicity: race };
  ctx.out.students.push(student);

  // English-learner progress (independent of achievement in this model).
  let elStatus = traits.englishLearner;
  let elLevel = elStatus
    ? entryStep <= 0
      ? ELP.entryLow + rng.next() * 1.4
      : ELP.entryLow + 0.3 + rng.next() * (ELP.entryHigh - ELP.entryLow)
    : 0;
  const elTarget = Math.max(0.3, (ELP.exitLevel - elLevel) / ELP.targetYears);
  let elExitYear = -1;

  // --- Revealed state for the answer key.
  const r = revealed;
  r.anchorStep = -2;
  r.v = 0;
  r.c = NaN;
  r.uEla = 0;
  r.uMath = 0;
  r.sinceTest = -1;
  r.uStarted = false;
  r.zhat = NaN;
  r.courseSum = 0;
  r.courseCount = 0;

  let step = entryStep;
  let repeat = false;
  let retainedOnce = false;
  let lastHighSchoolCode = '';
  let graduated4 = false;
  let graduated5 = false;
  let droppedOutYear: number | null = null;
  let exited = false;
  let firstHsYear = -1;
  let prevScoreYear = -1;
  const prevZ: [number, number] = [NaN, NaN];

  for (let year = entryYear; year <= lastYear; year++) {
    const i = step + 1;
    const famStart = repeat ? pathEnd[i]! : pathStart[i]!;
    const famEnd = pathEnd[i]!;
    if (famEnd < 0) break;
    const entering = year === entryYear;
    const startDay = entering && late ? 15 + Math.floor(rng.next() * 135) : 0;
    // Leaving the district at the pre-drawn step (first attempts only).
    let exitDay = schoolDays;
    let leavesAfter = false;
    if (!repeat && step === exitStep) {
      if (exitMidYear) exitDay = Math.max(startDay + 10, 20 + Math.floor(rng.next() * 150));
      else leavesAfter = true;
    }
    const fifthYear = step === 12 && repeat;
    // Dropping out: during the dropout grade, or during the fifth year for late dropouts. A student due to move away
    // before grade 12 leaves as a transfer instead, so that leaving never depends on the outcome.
    let dropDay = -1;
    if ((hsOutcome === 'dropout' && !repeat && step === dropoutGrade) || (hsOutcome === 'lateDropout' && fifthYear)) {
      const day = Math.max(startDay + 10, 30 + Math.floor(rng.next() * 140));
      if (exitStep <= 12) {
        if (day < exitDay) exitDay = day;
        leavesAfter = false;
      } else if (day < exitDay) {
        exitDay = day;
        dropDay = day;
      }
    }
    const membership = Math.max(1, exitDay - startDay);
    const schoolFam = families[famEnd]!;
    const schoolCode = siteCode(ctx, famEnd, year, uSite);
    const grade = gradeCode(step);

    // Answer key: the milestone probability before this year, from what earlier years revealed.
    const milestone: Milestone | null = step >= 1 ? milestoneForGrade(step) : null;
    if (
      milestone !== null &&
      r.anchorStep < decisiveStep[milestone] &&
      pathEnd[decisiveStep[milestone] + 1]! >= 0 &&
      decisiveStep[milestone] <= lastStep
    ) {
      const probability = milestoneProbability(milestone, step, p, r, r.anchorStep < entryStep);
      ctx.out.answerKey.push({ studentId, schoolYear: year, grade, milestone, probability });
    }

    // Engagement this year: a repeat year shows the same engagement with fresh noise.
    const v = repeat ? latV[i]! + 0.25 * rng.normal() : latV[i]!;
    const elNow = elStatus ? 1 : 0;
    const famAttendance =
      famStart !== famEnd && moveDay[i]! > 0 && !repeat
        ? (families[famStart]!.effects.attendance * moveDay[i]! +
            schoolFam.effects.attendance * (schoolDays - moveDay[i]!)) /
          schoolDays
        : schoolFam.effects.attendance;
    const logAbsence =
      ENG.base +
      ENG.byGrade[i]! +
      famAttendance +
      ENG.lowIncome * li +
      ENG.disability * swd +
      ENG.englishLearner * elNow +
      v;
    let absent = Math.round(membership * Math.min(ENG.maxRate, Math.exp(logAbsence)));
    // Suspensions.
    const male = traits.gender === 'male' ? 1 : 0;
    const disc =
      DIS.outOfSchoolByGrade[i]! +
      schoolFam.effects.discipline +
      DIS.engagement * v +
      DIS.lowIncome * li +
      DIS.disability * swd +
      DIS.male * male;
    const scaleDays = membership / schoolDays;
    let oss = 0;
    let iss = 0;
    if (rng.next() < logistic(disc) * scaleDays) oss = 1 + poisson(rng, DIS.extraDays * Math.exp(0.5 * v));
    if (rng.next() < logistic(disc + DIS.inSchoolOffset) * scaleDays) iss = 1 + poisson(rng, DIS.extraDays * 0.8);
    if (oss > absent) absent = Math.min(membership, oss);
    const attended = membership - absent;

    // Courses (grades 6-12).
    let coursesTaken: number | null = null;
    let coursesFailed: number | null = null;
    let gpa: number | null = null;
    let advanced: boolean | null = null;
    if (step >= 6) {
      const k = repeat ? latK[i]! + 0.3 * rng.normal() : latK[i]!;
      coursesTaken = schoolFam.coursesPerYear;
      coursesFailed = k >= 0 ? 0 : Math.min(coursesTaken, 1 + Math.floor(-k / CRS.failureStep));
      gpa =
        Math.round(Math.min(4, Math.max(0, CRS.gpaCentre + CRS.gpaSlope * k + CRS.gpaNoise * rng.normal())) * 100) /
        100;
      if (step >= 11) {
        const zh = Number.isNaN(latZhat[i - 1]!) ? zhatWithoutTest(p, step) : latZhat[i - 1]!;
        advanced =
          rng.next() <
          logistic(
            model.advanced.base +
              schoolFam.effects.advanced +
              model.advanced.courses * k +
              model.advanced.achievement * zh,
          );
      }
    }

    const enteredLate = startDay > 0 || (famStart !== famEnd && !repeat && moveDay[i]! > 0);
    const schoolChanges = famStart !== famEnd && !repeat && moveDay[i]! > 0 ? 1 : 0;
    const formerEl = !elStatus && elExitYear > 0 && year - elExitYear <= ELP.formerWindow;
    ctx.out.studentYears.push({
      studentId,
      schoolYear: year,
      schoolCode,
      grade,
      lowIncome: traits.lowIncome,
      englishLearner: elStatus,
      formerEnglishLearner: formerEl,
      disability: traits.disability,
      daysInMembership: membership,
      daysAttended: attended,
      enteredLate,
      schoolChanges,
      retained: repeat,
      inSchoolSuspensionDays: iss,
      outOfSchoolSuspensionDays: oss,
      coursesTaken,
      coursesFailed,
      gpa,
      advancedCourseCompleted: advanced,
    });

    // State tests in the spring, for students enrolled that day.
    const presentAtTest = startDay < testDay && exitDay > testDay;
    if (isTestedGrade(step) && presentAtTest) {
      const takes = repeat ? rng.next() < p.participation : takesTest[i] === 1;
      for (let subject = 0; subject < 2; subject++) {
        const z = subject === 0 ? p.levelEla[i]! + latUE[i]! : p.levelMath[i]! + latUM[i]!;
        const zz = repeat ? z + 0.3 * rng.normal() : z;
        const subj: AssessmentSubject = subject === 0 ? 'ela' : 'math';
        let sgp: number | null = null;
        if (takes && !repeat && prevScoreYear === year - 1 + (step === 10 ? -1 : 0) && !Number.isNaN(prevZ[subject]!)) {
          sgp = growthPercentile(zz, prevZ[subject]!, step);
        }
        pushScore(ctx, studentId, year, schoolCode, subj, grade, takes, zz, scoreCuts[subj][step]!, sgp);
      }
      if (takes && !repeat) {
        prevZ[0] = p.levelEla[i]! + latUE[i]!;
        prevZ[1] = p.levelMath[i]! + latUM[i]!;
        prevScoreYear = year;
      }
    }
    if (isScience[step] && presentAtTest) {
      const takes = rng.next() < p.participation;
      const z = 0.5 * (p.levelEla[i]! + latUE[i]! + p.levelMath[i]! + latUM[i]!) + ACH.scienceNoise * rng.normal();
      pushScore(ctx, studentId, year, schoolCode, 'science', grade, takes, z, scoreCuts.science[step]!, null);
    }
    // English proficiency (ACCESS in winter).
    if (elStatus && startDay < accessDay && exitDay > accessDay) {
      const gain = Math.max(0, ELP.gain + ELP.gainSlope * (elLevel - 2) + ELP.gainSd * rng.normal());
      elLevel = Math.min(6, elLevel + gain);
      ctx.out.englishProficiency.push({
        studentId,
        schoolYear: year,
        schoolCode,
        overallLevel: Math.round(elLevel * 10) / 10,
        metTarget: gain >= elTarget,
      });
    }

    if (step >= 9) {
      lastHighSchoolCode = schoolCode;
      if (firstHsYear < 0) firstHsYear = year;
    }

    // What this year reveals (first attempts only: a repeat year's noisy records add nothing about the future).
    if (!repeat) {
      r.anchorStep = step;
      r.v = latV[i]!;
      if (step >= 6) r.c = latC[i]!;
      if (step >= 0) {
        if (!r.uStarted) {
          r.uStarted = true;
          r.uEla = p.entryShiftU;
          r.uMath = p.entryShiftU;
        } else {
          r.uEla = rhoU * r.uEla - ACH.engagementEffect * latV[i]!;
          r.uMath = rhoU * r.uMath - ACH.engagementEffect * latV[i]!;
        }
        if (isTestedGrade(step) && takesTest[i] === 1 && presentAtTest) {
          r.uEla = latUE[i]!;
          r.uMath = latUM[i]!;
          r.sinceTest = 0;
          r.zhat = latZhat[i]!;
        } else if (r.sinceTest >= 0) r.sinceTest += 1;
      }
      if (step >= p.highSchoolStart) {
        r.courseSum += latK[i]!;
        r.courseCount += 1;
      }
    }

    // End of year: graduation, dropout, leaving, English-learner exit, retention, next grade.
    if (elStatus && elLevel >= ELP.exitLevel) {
      elStatus = false;
      elExitYear = year;
    }
    if (dropDay > 0) {
      droppedOutYear = year;
      break;
    }
    if (exitDay < schoolDays || leavesAfter) {
      exited = true;
      break;
    }
    if (step === 12) {
      if (!repeat && hsOutcome === 'onTime') {
        graduated4 = true;
        break;
      }
      if (repeat && hsOutcome === 'fifth') {
        graduated5 = true;
        break;
      }
      if (!repeat) {
        repeat = true;
        continue;
      }
      break;
    }
    if (!repeat && !retainedOnce && step >= 0 && step <= 8) {
      let x = EV.retentionBase[step]! + EV.retentionEngagement * latV[i]! + EV.retentionDisability * swd;
      if (isTestedGrade(step) && takesTest[i] === 1 && presentAtTest) {
        x += EV.retentionScore * 0.5 * (latUE[i]! + latUM[i]! + p.levelEla[i]! + p.levelMath[i]!);
      }
      if (rng.next() < logistic(x)) {
        retainedOnce = true;
        repeat = true;
        continue;
      }
    }
    repeat = false;
    step += 1;
    if (step > lastStep) break;
  }

  // High-school outcome by cohort (students who left the district are not in its cohort).
  if (hsOutcome !== 'none' && !exited && firstHsYear > 0) {
    const cohortYear = firstHsYear + (12 - Math.max(9, entryStep));
    if (cohortYear <= lastYear) {
      ctx.out.highSchoolOutcomes.push({
        studentId,
        cohortYear,
        schoolCode: lastHighSchoolCode,
        graduatedIn4Years: graduated4,
        graduatedIn5Years: cohortYear + 1 > lastYear ? null : graduated4 || graduated5,
        droppedOutYear,
      });
    }
  }
  return true;
}

function poisson(rng: Random, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let prod = rng.next();
  while (prod > l && k < 60) {
    k++;
    prod *= rng.next();
  }
  return k;
}

/** Student growth percentile against statewide academic peers with the same prior score. */
function growthPercentile(z: number, priorZ: number, step: number): number {
  const ten = step === 10;
  const expected = ten
    ? growthNorms.interceptGrade10 + growthNorms.slopeGrade10 * priorZ
    : growthNorms.intercept + growthNorms.slope * priorZ;
  const sd = ten ? growthNorms.residualSdGrade10 : growthNorms.residualSd;
  const residual = z - expected;
  return Math.min(99, Math.max(1, Math.round(100 * normalCdf(residual / sd))));
}

function levelOf(score: number): AchievementLevel {
  return score < 470 ? 'not_meeting' : score < 500 ? 'partially_meeting' : score < 530 ? 'meeting' : 'exceeding';
}

function pushScore(
  ctx: DistrictContext,
  studentId: string,
  year: number,
  schoolCode: string,
  subject: AssessmentSubject,
  grade: GradeCode,
  participated: boolean,
  z: number,
  cut: number,
  sgp: number | null,
): void {
  let scaledScore: number | null = null;
  let level: AchievementLevel | null = null;
  if (participated) {
    scaledScore = Math.min(560, Math.max(440, Math.round(500 + model.scorePointsPerSd * (z - cut))));
    level = levelOf(scaledScore);
  }
  const record: AssessmentRecord = {
    studentId,
    schoolYear: year,
    schoolCode,
    subject,
    grade,
    participated,
    scaledScore,
    achievementLevel: level,
    sgp: participated ? sgp : null,
  };
  ctx.out.assessments.push(record);
}

/** Rounds x to an integer at random, keeping its expectation (2.3 is 2 seven times in ten, 3 otherwise). */
function stochasticRound(rng: Random, x: number): number {
  const f = Math.floor(x);
  return f + (rng.next() < x - f ? 1 : 0);
}

/** Adds students until one is accepted (high-school entrants who would already have dropped out are redrawn). */
function addStudent(ctx: DistrictContext, rng: Random, year: number, step: number, fam: number, late: boolean): void {
  for (let tries = 0; tries < 50; tries++) {
    if (simulateStudent(ctx, rng, year, step, fam, late)) return;
  }
}

/**
 * Generates every student-level record of one district for all the plan's years, and its answer-key rows. Pure and
 * reproducible: the result depends only on the plan's seed, the district's plan and the years, never on which other
 * districts were generated or in what order.
 */
export function generateDistrict(plan: CommonwealthPlan, districtCode: string): DistrictData {
  const district = plan.districts.find((d) => d.code === districtCode);
  if (!district) throw new Error(`no district ${districtCode} in the plan`);
  const ctx = buildContext(plan, district);
  const rng = createRandom(plan.seed).fork(`district-${districtCode}`);
  const fams = ctx.families;
  const entryGrade = Math.min(...fams.map((f) => f.lowGrade));
  // Kindergarten arrivals expected from each family's own pre-kindergarten and from early-childhood centres.
  const earlyTotal = fams
    .filter((f) => f.kind === 'early-childhood')
    .reduce((s, f) => s + f.gradeSize * f.prekShare, 0);
  const kFamilies = ctx.entrants[1]!;
  const kWeight = kFamilies.reduce((s, i) => s + fams[i]!.gradeSize, 0);

  for (const year of plan.years) {
    const initial = year === plan.firstYear;
    const trend = (1 + district.cohortTrend) ** (year - plan.firstYear);
    for (const f of fams) {
      for (let g = f.lowGrade; g <= f.highGrade; g++) {
        const perGrade = g === -1 ? f.gradeSize * f.prekShare : f.gradeSize;
        let count = 0;
        let late = false;
        if (initial) count = perGrade;
        else if (f.alternative) count = g === 9 ? 0.2 * perGrade : 0.45 * perGrade;
        else if (g === f.lowGrade && (g === entryGrade || g <= 0)) {
          count = perGrade * trend;
          if (g === 0) {
            const own = f.lowGrade === -1 ? f.gradeSize * f.prekShare * 0.9 : 0;
            const fromCentres = kWeight > 0 ? (earlyTotal * 0.9 * f.gradeSize) / kWeight : 0;
            count = Math.max(0, count - own - fromCentres);
          }
        } else if (g > 0 && g > entryGrade) {
          // Arrivals from outside the district balance those who leave.
          count = perGrade * district.exitRate * 1.6;
          late = true;
        }
        if (f.kind === 'technical-high' && !initial && g === 9) count = 0;
        const n = stochasticRound(rng, count);
        for (let k = 0; k < n; k++) {
          const isLate = late && rng.next() < EV.lateEntry;
          addStudent(ctx, rng, year, g, f.index, isLate);
        }
      }
    }
  }
  return ctx.out;
}
