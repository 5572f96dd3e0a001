/**
 * Risk levels defined by outcomes (domain/ewis.md): of students in the high-risk level about 25% reach the milestone,
 * moderate about 60%, low about 90%. The cut points on the predicted probability of reaching the milestone are chosen
 * on validation data so that the observed rates of the three levels come as near their targets as they can.
 */

export const riskLevels = ['high', 'moderate', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/** Target share reaching the milestone in each level; configurable. */
export interface RiskTargets {
  high: number;
  moderate: number;
  low: number;
  /** Each level holds at least this share of the validation students (a level of a handful says nothing). */
  minShare: number;
}

export const defaultRiskTargets: RiskTargets = { high: 0.25, moderate: 0.6, low: 0.9, minShare: 0.02 };

/** Cut points: high below `high`, low at or above `low`, moderate between. */
export interface RiskThresholds {
  high: number;
  low: number;
}

/** The level of a predicted probability of reaching the milestone. */
export function riskLevelOf(probability: number, thresholds: RiskThresholds): RiskLevel {
  if (probability < thresholds.high) return 'high';
  if (probability >= thresholds.low) return 'low';
  return 'moderate';
}

/** What the chosen cut points give on the validation data. */
export interface RiskCalibration {
  thresholds: RiskThresholds;
  levels: Record<RiskLevel, { n: number; reached: number; rate: number | null }>;
}

/**
 * Chooses the two cut points minimizing the squared distance of the three levels' observed rates from their
 * targets, each level holding at least `minShare` of the students. Candidates are the predicted probabilities at
 * every 0.1% of the sorted students (prefix sums make each candidate pair cost O(1)).
 */
export function chooseRiskThresholds(
  probabilities: ArrayLike<number>,
  reached: ArrayLike<number>,
  targets: RiskTargets = defaultRiskTargets,
): RiskCalibration {
  const n = probabilities.length;
  if (n === 0) throw new Error('no validation students to set risk levels on');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]!);
  const sorted = order.map((i) => probabilities[i]!);
  const prefix = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k]! + reached[order[k]!]!;
  // Cut positions: a level boundary sits between sorted students; ties stay together (a cut is only where the
  // probability changes).
  const steps = Math.min(n, 1000);
  const cuts = new Set<number>();
  for (let s = 1; s < steps; s++) {
    let k = Math.round((s * n) / steps);
    while (k < n && k > 0 && sorted[k] === sorted[k - 1]) k++;
    if (k > 0 && k < n) cuts.add(k);
  }
  const positions = [...cuts].sort((a, b) => a - b);
  const minCount = Math.max(1, Math.ceil(targets.minShare * n));
  const rate = (from: number, to: number) => (prefix[to]! - prefix[from]!) / (to - from);
  let best: { a: number; b: number; loss: number } | null = null;
  for (let i = 0; i < positions.length; i++) {
    const a = positions[i]!;
    if (a < minCount) continue;
    const highLoss = (rate(0, a) - targets.high) ** 2;
    for (let j = i + 1; j < positions.length; j++) {
      const b = positions[j]!;
      if (b - a < minCount) continue;
      if (n - b < minCount) break;
      const loss = highLoss + (rate(a, b) - targets.moderate) ** 2 + (rate(b, n) - targets.low) ** 2;
      if (best === null || loss < best.loss) best = { a, b, loss };
    }
  }
  // Too few students for three levels of the minimum size: everyone is moderate.
  const a = best?.a ?? 0;
  const b = best?.b ?? n;
  const thresholds = {
    high: a === 0 ? -Infinity : sorted[a]!,
    low: b === n ? Infinity : sorted[b]!,
  };
  const level = (from: number, to: number) => ({
    n: to - from,
    reached: prefix[to]! - prefix[from]!,
    rate: to > from ? rate(from, to) : null,
  });
  return { thresholds, levels: { high: level(0, a), moderate: level(a, b), low: level(b, n) } };
}
