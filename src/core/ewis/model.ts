import { columnScales, fitLogistic, predictLogistic, standardize, type Design } from '../stats/logistic.ts';
import { auc, calibration, flagRates, stratifiedFolds, type CalibrationBin } from '../stats/metrics.ts';
import { createRandom } from '../stats/random.ts';
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
}

export const defaultEwisTraining: EwisTrainingOptions = {
  lambda: 1,
  folds: 5,
  seed: 'ewis',
  includeDemographics: false,
  targets: defaultRiskTargets,
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

  const folds = stratifiedFolds(labels, options.folds, createRandom(options.seed).fork(`grade-${grade}`));
  const outOfFold = new Float64Array(examples.length);
  for (let f = 0; f < options.folds; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const test: number[] = [];
    folds.forEach((fold, i) => fold === f && test.push(i));
    if (train.length === 0 || test.length === 0) continue;
    const design = designOf(train, p);
    const scales = columnScales(design);
    const fit = fitLogistic(
      standardize(design, scales),
      Float64Array.from(train, (e) => e.reached!),
      {
        lambda: options.lambda,
      },
    );
    const predicted = predictLogistic(
      standardize(
        designOf(
          test.map((i) => examples[i]!),
          p,
        ),
        scales,
      ),
      fit,
    );
    test.forEach((i, k) => (outOfFold[i] = predicted[k]!));
  }

  const scales = columnScales(all);
  const fit = fitLogistic(standardize(all, scales), labels, { lambda: options.lambda });
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

/**
 * Scores one student: the probability of reaching the milestone, the risk level, and the reasons that push the risk
 * up most. Each feature's push is measured from the typical student who reached the milestone (coefficient times the
 * standardized difference), summed over the features of a reason; a yes/no reason counts only when it holds.
 */
export function scoreStudent(
  model: EwisModel,
  features: ArrayLike<number>,
  maxReasons = 3,
): { probability: number; level: RiskLevel; reasons: RiskReason[] } {
  let eta = model.intercept;
  const pushes = new Map<string, number>();
  for (let j = 0; j < model.features.length; j++) {
    const z = (features[j]! - model.means[j]!) / model.sds[j]!;
    eta += model.coefficients[j]! * z;
    const reason = reasonOf.get(model.features[j]!);
    if (!reason) continue;
    const push = (model.coefficients[j]! * (features[j]! - model.typicalReached[j]!)) / model.sds[j]!;
    pushes.set(reason, (pushes.get(reason) ?? 0) + push);
  }
  const reasons: RiskReason[] = [];
  for (const [reason, push] of pushes) {
    // A push under a tenth of a log-odds unit (a few percentage points at most) is not a reason worth stating.
    if (push > -0.1) continue;
    const words = reasonWords[reason]!;
    const j = model.features.indexOf(words.show);
    if (j < 0) continue;
    if (words.condition && features[j] !== 1) continue;
    reasons.push({
      reason,
      text: wordReason(reason, features[j]!, model.typicalReached[j]!),
      feature: words.show,
      value: features[j]!,
      typical: model.typicalReached[j]!,
      contribution: push,
    });
  }
  reasons.sort((a, b) => a.contribution - b.contribution);
  const probability = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  return { probability, level: riskLevelOf(probability, model.thresholds), reasons: reasons.slice(0, maxReasons) };
}

/** The risk levels in display order. */
export { riskLevels };
