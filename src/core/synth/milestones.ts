import type { Milestone } from '../students/records.ts';
import { bivariateNormalUpper, normalCdf } from './gaussian.ts';
import { model, scoreCuts, testedGrades } from './parameters.ts';

/**
 * The answer key's exact probabilities. Every quantity a milestone depends on is linear in Gaussian innovations
 * (see docs/synthetic-commonwealth.md), so its law given what the records have revealed is Gaussian: a mean, computed
 * per student by running the dynamics forward with every unknown at its conditional mean, and a variance that
 * depends only on the pattern of what is known (memoized).
 */

const ENG = model.engagement;
const ACH = model.achievement;
const CRS = model.courses;
const GRAD = model.graduation;

const phiV = ENG.persistence;
const sdV = ENG.sd;
const innovV = Math.sqrt(1 - phiV * phiV) * sdV;
const rhoU = ACH.persistence;
const sdU = ACH.sd;
const innovU = Math.sqrt(1 - rhoU * rhoU) * sdU;
const rU = ACH.subjectCorrelation;
const rUc = Math.sqrt(1 - rU * rU);
const kappa = ACH.engagementEffect;
const phiC = CRS.persistence;
const sdC = CRS.sd;
const innovC = Math.sqrt(1 - phiC * phiC) * sdC;

const isTested = new Array<boolean>(14).fill(false);
for (const g of testedGrades) isTested[g] = true;

/** Whether ELA and math are tested in a grade ordinal. */
export function isTestedGrade(step: number): boolean {
  return step >= 0 && step <= 12 && isTested[step]!;
}

/** The step (grade ordinal) whose result decides each milestone. */
export const decisiveStep: Record<Milestone, number> = {
  reading_grade3: 3,
  middle_school_ready: 6,
  high_school_ready: 9,
  graduate_on_time: 12,
};

/** The milestone a student in a grade (ordinal) is predicted for, or null outside grades 1-12. */
export function milestoneForGrade(step: number): Milestone | null {
  if (step >= 1 && step <= 3) return 'reading_grade3';
  if (step >= 4 && step <= 6) return 'middle_school_ready';
  if (step >= 7 && step <= 9) return 'high_school_ready';
  if (step >= 10 && step <= 12) return 'graduate_on_time';
  return null;
}

/** Deterministic, per-student inputs to the dynamics along the student's path (indexed by grade ordinal + 1). */
export interface StudentPath {
  /** Achievement level from traits, district and accumulated school growth: Z = level + u. */
  levelEla: Float64Array;
  levelMath: Float64Array;
  /** Course performance without the achievement, engagement and deviation terms. */
  courseBase: Float64Array;
  /** Mean shifts of the entry law (alternative high schools). */
  entryShiftV: number;
  entryShiftU: number;
  /** First grade ordinal the student is enrolled in here (entry). */
  entryStep: number;
  /** First high-school grade here (max(9, entryStep)). */
  highSchoolStart: number;
  /** Probability of taking the state tests in a year. */
  participation: number;
}

/** What the records have revealed about a student before a school year starts. */
export interface RevealedState {
  /** Last completed first-attempt grade ordinal, or -2 when the student has no completed year here. */
  anchorStep: number;
  /** Engagement deviation of the anchor year. */
  v: number;
  /** Course deviation of the anchor year (NaN below grade 6). */
  c: number;
  /** Conditional means of the achievement deviations at the anchor step. */
  uEla: number;
  uMath: number;
  /** Steps since the last test that revealed u, or -1 when no test has (the deviation's full spread remains). */
  sinceTest: number;
  /** Whether u exists yet (it starts at kindergarten). */
  uStarted: boolean;
  /** Composite Z of the last test taken (NaN when none). */
  zhat: number;
  /** Sum and count of revealed high-school course performances. */
  courseSum: number;
  courseCount: number;
}

/** The "no test yet" stand-in for Zhat at a step: the achievement level without the student's deviation. */
export function zhatWithoutTest(path: StudentPath, step: number): number {
  return 0.5 * (path.levelEla[step + 1]! + path.levelMath[step + 1]!);
}

/** Spread of the graduation index's own noise, so that X has the same total spread for 1-4 observed years. */
export function graduationNoiseSd(highSchoolYears: number): number {
  return graduationNoise[highSchoolYears]!;
}

/** Course performance of a step from its parts (shared by the generator and the probability engine). */
export function coursePerformance(base: number, zhat: number, v: number, c: number): number {
  return base + CRS.achievement * zhat - CRS.engagement * v + c;
}

// ---- Variance engine: linear forms over independent standard normal sources.

const MAX_SOURCES = 80;

class Form {
  readonly c = new Float64Array(MAX_SOURCES);
  set(o: Form): this {
    this.c.set(o.c);
    return this;
  }
  zero(): this {
    this.c.fill(0);
    return this;
  }
  /** this = a * x + b * y */
  lin(a: number, x: Form, b: number, y: Form): this {
    for (let i = 0; i < MAX_SOURCES; i++) this.c[i] = a * x.c[i]! + b * y.c[i]!;
    return this;
  }
  addScaled(a: number, x: Form): this {
    for (let i = 0; i < MAX_SOURCES; i++) this.c[i]! += a * x.c[i]!;
    return this;
  }
  dot(o: Form): number {
    let s = 0;
    for (let i = 0; i < MAX_SOURCES; i++) s += this.c[i]! * o.c[i]!;
    return s;
  }
}

interface Moments {
  /** Variances (and the ELA/math covariance for middle_school_ready) of the index, per scenario. */
  var1: number;
  var2: number;
  cov: number;
}

const memo = new Map<number, Moments>();

function anchorVariance(sinceTest: number): number {
  return sinceTest < 0 ? sdU * sdU : sdU * sdU * (1 - rhoU ** (2 * sinceTest));
}

/**
 * Runs the dynamics symbolically from the anchor to the decisive step and returns the index's variance. `scenario`
 * has bit i set when the student takes the test of the i-th tested step in [first, decisive).
 */
function computeMoments(
  milestone: Milestone,
  entry: boolean,
  anchor: number,
  sinceTest: number,
  uStarted: boolean,
  cKnown: boolean,
  scenario: number,
  highSchoolStart: number,
): Moments {
  let next = 0;
  const src = () => next++;
  const v = new Form();
  const ue = new Form();
  const um = new Form();
  const c = new Form();
  const zhat = new Form();
  const acc1 = new Form();
  const acc2 = new Form();
  const tmp = new Form();
  let cExists = false;
  let uExists = false;
  let first: number;
  const dec = decisiveStep[milestone];
  if (entry) {
    first = anchor;
  } else {
    first = anchor + 1;
    if (uStarted) {
      uExists = true;
      const sd = Math.sqrt(anchorVariance(sinceTest));
      const s1 = src();
      const s2 = src();
      ue.c[s1] = sd;
      um.c[s1] = sd * rU;
      um.c[s2] = sd * rUc;
    }
    cExists = cKnown;
  }
  let bit = 0;
  for (let s = first; s <= dec; s++) {
    const init = entry && s === first;
    // Engagement.
    if (init) {
      v.zero();
      v.c[src()] = sdV;
    } else {
      v.c.forEach((x, i) => (v.c[i] = phiV * x));
      v.c[src()]! += innovV;
    }
    // Achievement deviations (from kindergarten on).
    if (s >= 0) {
      if (!uExists) {
        const s1 = src();
        const s2 = src();
        ue.zero();
        um.zero();
        ue.c[s1] = sdU;
        um.c[s1] = sdU * rU;
        um.c[s2] = sdU * rUc;
        uExists = true;
      } else {
        const s1 = src();
        const s2 = src();
        ue.lin(rhoU, ue, -kappa, v);
        um.lin(rhoU, um, -kappa, v);
        ue.c[s1]! += innovU;
        um.c[s1]! += innovU * rU;
        um.c[s2]! += innovU * rUc;
      }
    }
    // Course deviation (from grade 6 on).
    if (s >= 6) {
      if (!cExists) {
        c.zero();
        c.c[src()] = sdC;
        cExists = true;
      } else {
        c.c.forEach((x, i) => (c.c[i] = phiC * x));
        c.c[src()]! += innovC;
      }
      // K = base + a*zhat - b*v + c
      tmp.zero().addScaled(CRS.achievement, zhat).addScaled(-CRS.engagement, v).addScaled(1, c);
      if (milestone === 'high_school_ready' && s === 9) acc1.set(tmp);
      if (milestone === 'graduate_on_time' && s >= highSchoolStart) acc1.addScaled(1, tmp);
    }
    if (milestone === 'reading_grade3' && s === 3) acc1.set(ue);
    if (milestone === 'middle_school_ready' && s === 6) {
      acc1.set(ue);
      acc2.set(um);
    }
    // A test at the end of this step sets zhat for later steps when the student takes it.
    if (s < dec && isTestedGrade(s)) {
      if ((scenario >> bit) & 1) zhat.lin(0.5, ue, 0.5, um);
      bit++;
    }
  }
  if (next > MAX_SOURCES) throw new Error('too many sources');
  if (milestone === 'middle_school_ready') {
    return { var1: acc1.dot(acc1), var2: acc2.dot(acc2), cov: acc1.dot(acc2) };
  }
  if (milestone === 'graduate_on_time') {
    const n = 12 - highSchoolStart + 1;
    const noise = graduationNoise[n]!;
    return { var1: acc1.dot(acc1) / (n * n) + noise * noise, var2: 0, cov: 0 };
  }
  return { var1: acc1.dot(acc1), var2: 0, cov: 0 };
}

function momentsFor(
  milestone: Milestone,
  entry: boolean,
  anchor: number,
  sinceTest: number,
  uStarted: boolean,
  cKnown: boolean,
  scenario: number,
  highSchoolStart: number,
): Moments {
  const m = milestoneIndex(milestone);
  const key =
    ((((((m * 2 + (entry ? 1 : 0)) * 16 + (anchor + 2)) * 16 + (sinceTest + 1)) * 2 + (uStarted ? 1 : 0)) * 2 +
      (cKnown ? 1 : 0)) *
      16 +
      scenario) *
      16 +
    highSchoolStart;
  let hit = memo.get(key);
  if (!hit) {
    hit = computeMoments(milestone, entry, anchor, sinceTest, uStarted, cKnown, scenario, highSchoolStart);
    memo.set(key, hit);
  }
  return hit;
}

function milestoneIndex(m: Milestone): number {
  return m === 'reading_grade3' ? 0 : m === 'middle_school_ready' ? 1 : m === 'high_school_ready' ? 2 : 3;
}

/**
 * Within-student variance of the mean of n high-school course performances, from a student's entry into high school
 * with nothing revealed; graduationNoise[n] tops X up to the same total spread for every n.
 */
const graduationNoise: number[] = (() => {
  const out = [0, 0, 0, 0, 0];
  for (let n = 1; n <= 4; n++) {
    const start = 12 - n + 1;
    // Average over participation scenarios is not needed: use the all-tests scenario, the common case.
    let next = 0;
    const src = () => next++;
    const v = new Form();
    const ue = new Form();
    const um = new Form();
    const c = new Form();
    const zhat = new Form();
    const acc = new Form();
    const tmp = new Form();
    for (let s = start; s <= 12; s++) {
      if (s === start) {
        v.c[src()] = sdV;
        const s1 = src();
        const s2 = src();
        ue.c[s1] = sdU;
        um.c[s1] = sdU * rU;
        um.c[s2] = sdU * rUc;
        c.c[src()] = sdC;
      } else {
        v.c.forEach((x, i) => (v.c[i] = phiV * x));
        v.c[src()]! += innovV;
        const s1 = src();
        const s2 = src();
        ue.lin(rhoU, ue, -kappa, v);
        um.lin(rhoU, um, -kappa, v);
        ue.c[s1]! += innovU;
        um.c[s1]! += innovU * rU;
        um.c[s2]! += innovU * rUc;
        c.c.forEach((x, i) => (c.c[i] = phiC * x));
        c.c[src()]! += innovC;
      }
      tmp.zero().addScaled(CRS.achievement, zhat).addScaled(-CRS.engagement, v).addScaled(1, c);
      acc.addScaled(1 / n, tmp);
      if (isTestedGrade(s)) zhat.lin(0.5, ue, 0.5, um);
    }
    out[n] = acc.dot(acc);
  }
  const target = GRAD.totalSd * GRAD.totalSd;
  return out.map((w, n) => (n === 0 ? 0 : Math.sqrt(Math.max(0.01, target - w))));
})();

// ---- Means: the same dynamics with every unknown at its conditional mean.

/** Scratch for one mean run. */
interface MeanRun {
  index1: number;
  index2: number;
}
const run: MeanRun = { index1: 0, index2: 0 };

function runMeans(milestone: Milestone, path: StudentPath, r: RevealedState, entry: boolean, scenario: number): void {
  const dec = decisiveStep[milestone];
  let first: number;
  let v: number;
  let ue = 0;
  let um = 0;
  let c = 0;
  let uExists: boolean;
  let cExists: boolean;
  let zhat = r.zhat;
  let courseSum = 0;
  if (entry) {
    first = path.entryStep;
    v = 0;
    uExists = false;
    cExists = false;
    zhat = NaN;
  } else {
    first = r.anchorStep + 1;
    v = r.v;
    ue = r.uEla;
    um = r.uMath;
    c = r.c;
    uExists = r.uStarted;
    cExists = r.anchorStep >= 6;
    courseSum = r.courseSum;
  }
  let bit = 0;
  run.index1 = 0;
  run.index2 = 0;
  for (let s = first; s <= dec; s++) {
    const init = entry && s === first;
    v = init ? path.entryShiftV : phiV * v;
    if (s >= 0) {
      if (!uExists) {
        ue = path.entryShiftU;
        um = path.entryShiftU;
        uExists = true;
      } else {
        ue = rhoU * ue - kappa * v;
        um = rhoU * um - kappa * v;
      }
    }
    if (s >= 6) {
      c = cExists ? phiC * c : 0;
      cExists = true;
      const z = Number.isNaN(zhat) ? zhatWithoutTest(path, s) : zhat;
      const k = coursePerformance(path.courseBase[s + 1]!, z, v, c);
      if (milestone === 'high_school_ready' && s === 9) run.index1 = k;
      if (milestone === 'graduate_on_time' && s >= path.highSchoolStart) courseSum += k;
    }
    if (milestone === 'reading_grade3' && s === 3) run.index1 = path.levelEla[s + 1]! + ue;
    if (milestone === 'middle_school_ready' && s === 6) {
      run.index1 = path.levelEla[s + 1]! + ue;
      run.index2 = path.levelMath[s + 1]! + um;
    }
    if (s < dec && isTestedGrade(s)) {
      if ((scenario >> bit) & 1) zhat = 0.5 * (path.levelEla[s + 1]! + ue + path.levelMath[s + 1]! + um);
      bit++;
    }
  }
  if (milestone === 'graduate_on_time') run.index1 = courseSum / (12 - path.highSchoolStart + 1);
}

/** Cumulative dropout-timing weight of grades >= g (9..12). */
function dropoutTimingFrom(g: number): number {
  let s = 0;
  for (let j = Math.max(9, g); j <= 12; j++) s += GRAD.dropoutTiming[j - 9]!;
  return s;
}

/**
 * The exact probability that a student reaches `milestone`, given what the records revealed before a school year
 * whose grade is `step` (a first attempt, or a repeat year after retention), the student's deterministic path, and
 * that the student is enrolled. `entry` is true in the student's first year here (nothing revealed yet).
 */
export function milestoneProbability(
  milestone: Milestone,
  step: number,
  path: StudentPath,
  r: RevealedState,
  entry: boolean,
): number {
  const dec = decisiveStep[milestone];
  const first = entry ? path.entryStep : r.anchorStep + 1;
  // Tested steps in [first, dec) whose participation matters (they set zhat for course performance).
  let bits = 0;
  if (milestone === 'high_school_ready' || milestone === 'graduate_on_time') {
    for (let s = first; s < dec; s++) if (isTestedGrade(s)) bits++;
  }
  const scenarios = 1 << bits;
  const anchor = entry ? path.entryStep : r.anchorStep;
  const cKnown = !entry && r.anchorStep >= 6;
  const sinceTest = entry ? -1 : r.sinceTest;
  const uStarted = !entry && r.uStarted;
  const pi = path.participation;
  let num = 0;
  let den = 0;
  for (let sc = 0; sc < scenarios; sc++) {
    let w = 1;
    for (let b = 0; b < bits; b++) w *= (sc >> b) & 1 ? pi : 1 - pi;
    const m = momentsFor(milestone, entry, anchor, sinceTest, uStarted, cKnown, sc, path.highSchoolStart);
    runMeans(milestone, path, r, entry, sc);
    switch (milestone) {
      case 'reading_grade3': {
        const cut = scoreCuts.ela[3]! - 0.5 / model.scorePointsPerSd;
        num += w * pi * normalCdf((run.index1 - cut) / Math.sqrt(m.var1));
        den += w;
        break;
      }
      case 'middle_school_ready': {
        const cutE = scoreCuts.ela[6]! - 0.5 / model.scorePointsPerSd;
        const cutM = scoreCuts.math[6]! - 0.5 / model.scorePointsPerSd;
        const s1 = Math.sqrt(m.var1);
        const s2 = Math.sqrt(m.var2);
        num += w * pi * bivariateNormalUpper((cutE - run.index1) / s1, (cutM - run.index2) / s2, m.cov / (s1 * s2));
        den += w;
        break;
      }
      case 'high_school_ready':
        num += w * normalCdf(run.index1 / Math.sqrt(m.var1));
        den += w;
        break;
      case 'graduate_on_time': {
        const sd = Math.sqrt(m.var1);
        const pOnTime = normalCdf((run.index1 - GRAD.onTime) / sd);
        const pBelowDropout = normalCdf((GRAD.dropout - run.index1) / sd);
        num += w * pOnTime;
        den += w * (1 - pBelowDropout + pBelowDropout * dropoutTimingFrom(step));
        break;
      }
    }
  }
  return num / den;
}
