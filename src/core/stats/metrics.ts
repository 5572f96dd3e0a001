import type { Random } from './random.ts';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
 * one half (the Mann-Whitney statistic from average ranks). Null when either class is empty.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    // Ranks i+1 .. j+1 share their average.
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++)
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += rank;
      }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * The calibration table: students sorted by predicted probability into `bins` groups of (nearly) equal size, each
 * with its mean prediction and observed rate; and the calibration error, the n-weighted mean of their absolute
 * differences (expected calibration error).
 */
export function calibration(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): { bins: CalibrationBin[]; error: number } {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]!);
  const out: CalibrationBin[] = [];
  let weighted = 0;
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let sumP = 0;
    let sumY = 0;
    for (let k = start; k < end; k++) {
      sumP += probabilities[order[k]!]!;
      sumY += labels[order[k]!]!;
    }
    const count = end - start;
    const bin = {
      lower: probabilities[order[start]!]!,
      upper: probabilities[order[end - 1]!]!,
      n: count,
      meanPredicted: sumP / count,
      observedRate: sumY / count,
    };
    weighted += count * Math.abs(bin.meanPredicted - bin.observedRate);
    out.push(bin);
  }
  return { bins: out, error: n > 0 ? weighted / n : 0 };
}

/** Mean log loss (cross-entropy) of probabilities, clipped away from 0 and 1. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]!));
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / Math.max(1, probabilities.length);
}

/**
 * Confusion counts and rates for a flag: a student is flagged (predicted to miss the milestone) when flagged[i] is
 * true; the event is missing the milestone (label 0). Precision: flagged students who did miss it. Recall: students
 * who missed it who were flagged. False-positive rate: students who reached it but were flagged. False-negative
 * rate: students who missed it but were not flagged.
 */
export function flagRates(flagged: ArrayLike<boolean>, reached: ArrayLike<number>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < flagged.length; i++) {
    const missed = reached[i] === 0;
    if (flagged[i]) {
      if (missed) tp++;
      else fp++;
    } else if (missed) fn++;
    else tn++;
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    n: flagged.length,
    flagged: tp + fp,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    falsePositiveRate: ratio(fp, fp + tn),
    falseNegativeRate: ratio(fn, fn + tp),
  };
}

/**
 * Stratified k-fold assignment: each class is shuffled (by the seeded generator) and dealt round-robin to the
 * folds, so each fold has nearly the same share of positives. Returns the fold (0..k-1) of each row.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, random: Random): Uint8Array {
  const folds = new Uint8Array(labels.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((labels[i] === 1 ? 1 : 0) === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((row, i) => (folds[row] = i % k));
  }
  return folds;
}
