import { columnScales, fitLogistic, predictLogistic, standardize, type Design } from '../stats/logistic.ts';
import { auc, calibration, flagRates, stratifiedFolds, type CalibrationBin } from '../stats/metrics.ts';
import { createRandom } from '../stats/random.ts';
import { fitRandomIntercept } from '../stats/random-intercept.ts';
import type { Milestone } from '../students/records.ts';
import { demographicFeatures, ewisFeatures, featureNames, reasonWords, type EwisExample } from './features.ts';
import {
  chooseRiskThresholds,
  defaultRiskTargets,
  riskLevelOf,
  riskLevels,
  type RiskLevel,
  type RiskTargets,
  type RiskThresholds,
} from './risk-levels.ts';

/** How models are trained: a setting of the installation, recorded with every model. */
export interface EwisTrainingOptions {
  /** L2 penalty (lambda; scikit-learn's C = 1 / lambda). */
  lambda: number;
  /** Folds of the cross-validation the risk levels and metrics are set on. */
  folds: number;
  seed: number | string;
  /** Whether gender and race/ethnicity enter the model (their effect on accuracy and fairness is reported). */
  includeDemographics: boolean;
  targets: RiskTargets;
  /**
   * Grades whose model has a random intercept per school (a multilevel model): a school's effect on its students'
   * log-odds, estimated from its students and shrunk toward 0 by the spread the data show. Meant for early
   * elementary (1-3), where a school's own practice weighs most; off by default (it costs several fits per grade and,
   * on the synthetic state, the school-level indicators already carry the schools' effects).
   */
  schoolEffectGrades: number[];
}

export const defaultEwisTraining: EwisTrainingOptions = {
  lambda: 1,
  folds: 5,
  seed: 'ewis',
  includeDemographics: false,
  targets: defaultRiskTargets,
  schoolEffectGrades: [],
};

/** Accuracy and fairness of a model on its cross-validated (out-of-fold) predictions. */
export interface EwisValidation {
  n: number;
  reached: number;
  auc: number | null;
  calibration: CalibrationBin[];
  calibrationError: number;
  /** Students in each level and the share of them who reached the milestone. */
  levels: Record<RiskLevel, { n: number; reached: number; rate: number | null }>;
  /** Flagging high and moderate risk as "will miss": precision, recall and error rates, overall and by group. */
  flags: ReturnType<typeof flagRates>;
  groups: { group: string; value: string; rates: ReturnType<typeof flagRates>; auc: number | null }[];
}

/** One grade's model: everything needed to score a student and explain the score, and how well it did. */
export interface EwisModel {
  grade: number;
  milestone: Milestone;
  trainingYears: number[];
  features: string[];
  means: number[];
  sds: number[];
  intercept: number;
  coefficients: number[];
  /** With the multilevel option: each school's effect on the log-odds (a school not seen in training has 0). */
  schoolEffects: Record<string, number> | null;
  /** The variance of the school effects (multilevel option), else null. */
  schoolVariance: number | null;
  /** Each feature's mean among training students who reached the milestone: "what is typical". */
  typicalReached: number[];
  thresholds: RiskThresholds;
  options: EwisTrainingOptions;
  validation: EwisValidation;
}

function designOf(examples: readonly EwisExample[], p: number): Design {
  const x = new Float64Array(examples.length * p);
  examples.forEach((e, i) => x.set(e.features, i * p));
  return { x, n: examples.length, p };
}

/** A fit of one grade's examples: the fixed part on standardized features and, multilevel, the schools' effects. */
interface GradeFit {
  intercept: number;
  coefficients: Float64Array;
  schoolEffects: Map<string, number> | null;
  schoolVariance: number | null;
}

function fitGrade(
  examples: readonly EwisExample[],
  design: Design,
  labels: Float64Array,
  lambda: number,
  multilevel: boolean,
  variance?: number,
): GradeFit {
  if (!multilevel) {
    const fit = fitLogistic(design, labels, { lambda });
    return { intercept: fit.intercept, coefficients: fit.coefficients, schoolEffects: null, schoolVariance: null };
  }
  const index = new Map<string, number>();
  const group = Int32Array.from(examples, (e) => {
    let k = index.get(e.schoolCode);
    if (k === undefined) index.set(e.schoolCode, (k = index.size));
    return k;
  });
  const fit = fitRandomIntercept(design, labels, group, index.size, { lambda, outerTolerance: 1e-4, variance });
  return {
    intercept: fit.fixed.intercept,
    coefficients: fit.fixed.coefficients,
    schoolEffects: new Map([...index].map(([code, k]) => [code, fit.effects[k]!])),
    schoolVariance: fit.variance,
  };
}

/** Predicted probabilities of standardized rows under a grade fit (a school's effect added, 0 for a new school). */
function predictGrade(examples: readonly EwisExample[], design: Design, fit: GradeFit): Float64Array {
  const predicted = predictLogistic(design, fit);
  if (!fit.schoolEffects) return predicted;
  return predicted.map((prob, i) => {
    const u = fit.schoolEffects!.get(examples[i]!.schoolCode) ?? 0;
    return 1 / (1 + ((1 - prob) / prob) * Math.exp(-u));
  });
}

/** Group memberships reported for fairness (race/ethnicity, low income, EL, disability, gender). */
function groupsOf(e: EwisExample): [string, string][] {
  return [
    ['race', e.groups.race],
    ['low_income', e.groups.lowIncome ? 'yes' : 'no'],
    ['english_learner', e.groups.englishLearner ? 'yes' : 'no'],
    ['disability', e.groups.disability ? 'yes' : 'no'],
    ['gender', e.groups.gender],
  ];
}

/**
 * Trains one grade's model on labelled examples: the fit on all of them, and k-fold out-of-fold predictions on which
 * the risk-level cut points are chosen and accuracy, calibration and fairness are measured.
 */
export function trainGradeModel(
  examples: readonly EwisExample[],
  options: EwisTrainingOptions = defaultEwisTraining,
): EwisModel {
  if (examples.length === 0) throw new Error('no labelled students to train on');
  const grade = examples[0]!.grade;
  const milestone = examples[0]!.milestone;
  const names = featureNames(options.includeDemographics);
  const p = names.length;
  if (examples.some((e) => e.features.length !== p || e.reached === null || e.grade !== grade))
    throw new Error('every example must be labelled, of one grade, with the configured features');
  const labels = Float64Array.from(examples, (e) => e.reached!);
  const all = designOf(examples, p);
  const multilevel = (options.schoolEffectGrades ?? []).includes(grade);

  // The fit on every example first: with the multilevel option, the folds reuse its school-effect variance.
  const scales = columnScales(all);
  const fit = fitGrade(examples, standardize(all, scales), labels, options.lambda, multilevel);

  const folds = stratifiedFolds(labels, options.folds, createRandom(options.seed).fork(`grade-${grade}`));
  const outOfFold = new Float64Array(examples.length);
  for (let f = 0; f < options.folds; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const test: number[] = [];
    folds.forEach((fold, i) => fold === f && test.push(i));
    if (train.length === 0 || test.length === 0) continue;
    const design = designOf(train, p);
    const foldScales = columnScales(design);
    const foldFit = fitGrade(
      train,
      standardize(design, foldScales),
      Float64Array.from(train, (e) => e.reached!),
      options.lambda,
      multilevel,
      fit.schoolVariance ?? undefined,
    );
    const tested = test.map((i) => examples[i]!);
    const predicted = predictGrade(tested, standardize(designOf(tested, p), foldScales), foldFit);
    test.forEach((i, k) => (outOfFold[i] = predicted[k]!));
  }

  const risk = chooseRiskThresholds(outOfFold, labels, options.targets);
  const flagged = Array.from(outOfFold, (prob) => riskLevelOf(prob, risk.thresholds) !== 'low');
  const cal = calibration(outOfFold, labels, 10);

  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    for (const [group, value] of groupsOf(e)) {
      const k = `${group}|${value}`;
      const list = groups.get(k);
      if (list) list.push(i);
      else groups.set(k, [i]);
    }
  });
  const typical = new Array<number>(p).fill(0);
  let reachedCount = 0;
  examples.forEach((e) => {
    if (e.reached !== 1) return;
    reachedCount++;
    for (let j = 0; j < p; j++) typical[j]! += e.features[j]!;
  });
  for (let j = 0; j < p; j++) typical[j] = reachedCount > 0 ? typical[j]! / reachedCount : scales.means[j]!;

  return {
    grade,
    milestone,
    trainingYears: [...new Set(examples.map((e) => e.schoolYear))].sort((a, b) => a - b),
    features: names,
    means: [...scales.means],
    sds: [...scales.sds],
    intercept: fit.intercept,
    coefficients: [...fit.coefficients],
    schoolEffects: fit.schoolEffects ? Object.fromEntries(fit.schoolEffects) : null,
    schoolVariance: fit.schoolVariance,
    typicalReached: typical,
    thresholds: risk.thresholds,
    options,
    validation: {
      n: examples.length,
      reached: reachedCount,
      auc: auc(outOfFold, labels),
      calibration: cal.bins,
      calibrationError: cal.error,
      levels: risk.levels,
      flags: flagRates(flagged, labels),
      groups: [...groups.entries()]
        .map(([k, rows]) => {
          const [group, value] = k.split('|') as [string, string];
          return {
            group,
            value,
            rates: flagRates(
              rows.map((i) => flagged[i]!),
              rows.map((i) => labels[i]!),
            ),
            auc: auc(
              rows.map((i) => outOfFold[i]!),
              rows.map((i) => labels[i]!),
            ),
          };
        })
        .sort((a, b) => (a.group === b.group ? (a.value < b.value ? -1 : 1) : a.group < b.group ? -1 : 1)),
    },
  };
}

/** A reason a student's risk is raised: in words, with the student's value, what is typical, and its weight. */
export interface RiskReason {
  reason: string;
  text: string;
  feature: string;
  value: number;
  typical: number;
  /** The reason's push on the log-odds of reaching the milestone (negative raises the risk). */
  contribution: number;
}

const reasonOf = new Map<string, string | null>([...ewisFeatures, ...demographicFeatures].map((f) => [f.id, f.reason]));

function formatNumber(v: number, digits: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A reason's words with the student's and the typical values filled in. */
function wordReason(reason: string, value: number, typical: number): string {
  const w = reasonWords[reason]!;
  return w.words
    .replace('{value}', formatNumber(value, 1))
    .replace('{typical}', formatNumber(typical, 1))
    .replace('{score}', formatNumber(value + 500, 0))
    .replace('{typicalScore}', formatNumber(typical + 500, 0));
}

/** A model prepared for scoring many students: per-feature arrays, reasons by index. */
export interface CompiledModel {
  model: EwisModel;
  /** coefficient / sd per feature. */
  slope: Float64Array;
  /** intercept minus sum(coefficient * mean / sd). */
  offset: number;
  /** Reason index of each feature, -1 for none. */
  reasonOf: Int32Array;
  reasons: string[];
  /** Per reason: the feature it shows, and whether it is a yes/no condition. */
  showIndex: Int32Array;
  condition: Uint8Array;
  /** Per reason: the sum over its features of slope * typical value (so a push is slope.x - this). */
  typicalPart: Float64Array;
  /** Each school's effect on the log-odds (multilevel models; empty otherwise). */
  schoolEffects: Map<string, number>;
}

/** Prepares a model for scoring. */
export function compileModel(model: EwisModel): CompiledModel {
  const p = model.features.length;
  const slope = new Float64Array(p);
  let offset = model.intercept;
  const reasons: string[] = [];
  const reasonOfFeature = new Int32Array(p).fill(-1);
  for (let j = 0; j < p; j++) {
    slope[j] = model.coefficients[j]! / model.sds[j]!;
    offset -= slope[j]! * model.means[j]!;
    const reason = reasonOf.get(model.features[j]!);
    if (!reason) continue;
    let k = reasons.indexOf(reason);
    if (k < 0) k = reasons.push(reason) - 1;
    reasonOfFeature[j] = k;
  }
  const showIndex = new Int32Array(reasons.length);
  const condition = new Uint8Array(reasons.length);
  const typicalPart = new Float64Array(reasons.length);
  reasons.forEach((reason, k) => {
    showIndex[k] = model.features.indexOf(reasonWords[reason]!.show);
    condition[k] = reasonWords[reason]!.condition ? 1 : 0;
  });
  for (let j = 0; j < p; j++)
    if (reasonOfFeature[j]! >= 0) typicalPart[reasonOfFeature[j]!]! += slope[j]! * model.typicalReached[j]!;
  const schoolEffects = new Map(Object.entries(model.schoolEffects ?? {}));
  return { model, slope, offset, reasonOf: reasonOfFeature, reasons, showIndex, condition, typicalPart, schoolEffects };
}

// Scratch space for the pushes of one student (scoring is synchronous).
let pushes = new Float64Array(16);

/**
 * Scores one student with a compiled model: the probability of reaching the milestone, the risk level, and the
 * indexes of up to three reasons that push the risk up most (`describeReasons` words them). Each feature's push is
 * measured from the typical student who reached the milestone, summed over the features of a reason; a yes/no reason
 * counts only when it holds, and a push under a tenth of a log-odds unit is not a reason.
 */
export function scoreCompiled(
  c: CompiledModel,
  features: ArrayLike<number>,
  schoolCode?: string,
): { probability: number; level: RiskLevel; reasons: number[]; pushes: number[] } {
  const p = c.slope.length;
  if (pushes.length < c.reasons.length) pushes = new Float64Array(c.reasons.length);
  for (let k = 0; k < c.reasons.length; k++) pushes[k] = -c.typicalPart[k]!;
  // A school's effect (multilevel models) moves the risk but is never a student's reason.
  let eta =
    c.offset + (schoolCode !== undefined && c.schoolEffects.size > 0 ? (c.schoolEffects.get(schoolCode) ?? 0) : 0);
  for (let j = 0; j < p; j++) {
    const v = c.slope[j]! * features[j]!;
    eta += v;
    const k = c.reasonOf[j]!;
    if (k >= 0) pushes[k]! += v;
  }
  const top: number[] = [];
  const topPush: number[] = [];
  for (let k = 0; k < c.reasons.length; k++) {
    const push = pushes[k]!;
    if (push > -0.1) continue;
    if (c.condition[k] === 1 && features[c.showIndex[k]!] !== 1) continue;
    let at = top.length;
    while (at > 0 && topPush[at - 1]! > push) at--;
    if (at >= 3) continue;
    top.splice(at, 0, k);
    topPush.splice(at, 0, push);
    if (top.length > 3) {
      top.pop();
      topPush.pop();
    }
  }
  const probability = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  return { probability, level: riskLevelOf(probability, c.model.thresholds), reasons: top, pushes: topPush };
}

/** The reasons of a score, in words with the student's and the typical values. */
export function describeReasons(
  c: CompiledModel,
  features: ArrayLike<number>,
  scored: { reasons: number[]; pushes: number[] },
): RiskReason[] {
  return scored.reasons.map((k, i) => {
    const j = c.showIndex[k]!;
    const reason = c.reasons[k]!;
    return {
      reason,
      text: wordReason(reason, features[j]!, c.model.typicalReached[j]!),
      feature: c.model.features[j]!,
      value: features[j]!,
      typical: c.model.typicalReached[j]!,
      contribution: scored.pushes[i]!,
    };
  });
}

/** Scores one student and words the reasons (for one student; compile the model to score many). */
export function scoreStudent(
  model: EwisModel,
  features: ArrayLike<number>,
  schoolCode?: string,
): { probability: number; level: RiskLevel; reasons: RiskReason[] } {
  const c = compileModel(model);
  const scored = scoreCompiled(c, features, schoolCode);
  return { probability: scored.probability, level: scored.level, reasons: describeReasons(c, features, scored) };
}

/** The risk levels in display order. */
export { riskLevels };
