/**
 * The priority queue of a regional assistance team: schools and districts requiring assistance or intervention
 * first (the state gives them first priority), then by a documented, configurable score. Pure: the caller passes
 * the organizations, their latest official accountability result, their early-warning figures and `now`.
 */

/** The weights of the priority score and the rules around it; every figure is configuration, not a constant. */
export interface PrioritySettings {
  weights: {
    /** Weight of the classification: 1 when requiring assistance or intervention, else 0. */
    classification: number;
    /** Weight of the accountability percentile: (99 - percentile) / 98, so percentile 1 scores 1 and 99 scores 0. */
    percentile: number;
    /** Weight of the share of students at high early-warning risk (0..1). */
    earlyWarning: number;
  };
  /**
   * What a missing part (no percentile, no early-warning scores) does: `redistribute` leaves it out and divides by
   * the weights of the parts present (the score rests on what is known); `zero` counts it as 0 (no priority from
   * what is not known).
   */
  missing: 'redistribute' | 'zero';
  /** Whether organizations requiring assistance come before all others whatever their score. */
  requiringAssistanceFirst: boolean;
  /** Days without an engagement after which a requiring-assistance organization raises an alert. */
  alertDays: number;
}

/** The default settings: classification 50, percentile 30, early warning 20; missing parts redistributed; 60 days. */
export const defaultPrioritySettings: PrioritySettings = {
  weights: { classification: 50, percentile: 30, earlyWarning: 20 },
  missing: 'redistribute',
  requiringAssistanceFirst: true,
  alertDays: 60,
};

/** What the score reads about one school or district. */
export interface PriorityInput {
  orgCode: string;
  /** Whether the latest official run classifies it as requiring assistance or intervention. */
  requiringAssistance: boolean;
  /** Accountability percentile 1..99, or null when the run gave none. */
  percentile: number | null;
  /** Share (0..1) of scored students at high early-warning risk, or null when there are no scores. */
  highRiskShare: number | null;
  /** Date (YYYY-MM-DD) of the latest engagement on or before today, or null when there has been none. */
  lastEngagementOn: string | null;
}

/** One part of the score: its value 0..1 (null when missing), its weight, and the points it gives. */
export interface ScorePart {
  part: 'classification' | 'percentile' | 'earlyWarning';
  value: number | null;
  weight: number;
  points: number;
}

/** The 60-day alert (the number of days is a setting). */
export interface EngagementAlert {
  kind: 'never' | 'overdue';
  /** Days since the last engagement; null when there has been none. */
  daysSince: number | null;
  message: string;
}

/** One organization's place in the queue with its score explained. */
export interface PriorityEntry<T extends PriorityInput = PriorityInput> {
  input: T;
  rank: number;
  /** 0..100: the weighted parts over the weights counted. */
  score: number;
  parts: ScorePart[];
  daysSinceEngagement: number | null;
  alert: EngagementAlert | null;
}

const DAY_MS = 86_400_000;

/** Today's date (UTC) as YYYY-MM-DD. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from date `from` to date `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The alert for an organization requiring assistance that has had no engagement in the last `alertDays` days (an
 * engagement exactly `alertDays` days ago still counts), or never. Null when no alert is due.
 */
export function engagementAlert(
  requiringAssistance: boolean,
  lastEngagementOn: string | null,
  now: Date,
  alertDays: number,
): EngagementAlert | null {
  if (!requiringAssistance) return null;
  if (lastEngagementOn === null)
    return { kind: 'never', daysSince: null, message: 'Requires assistance and has had no engagement yet.' };
  const daysSince = daysBetween(lastEngagementOn, isoDay(now));
  if (daysSince <= alertDays) return null;
  return {
    kind: 'overdue',
    daysSince,
    message: `Requires assistance and has had no engagement for ${daysSince} days (more than ${alertDays}).`,
  };
}

/** The score of one organization, 0..100, with its parts. */
export function priorityScore(input: PriorityInput, settings: PrioritySettings): { score: number; parts: ScorePart[] } {
  const { weights } = settings;
  const values: [ScorePart['part'], number | null, number][] = [
    ['classification', input.requiringAssistance ? 1 : 0, weights.classification],
    ['percentile', input.percentile === null ? null : (99 - input.percentile) / 98, weights.percentile],
    ['earlyWarning', input.highRiskShare, weights.earlyWarning],
  ];
  let counted = 0;
  let sum = 0;
  for (const [, value, weight] of values) {
    if (value === null && settings.missing === 'redistribute') continue;
    counted += weight;
    sum += (value ?? 0) * weight;
  }
  const scale = counted > 0 ? 100 / counted : 0;
  const parts = values.map(([part, value, weight]) => ({
    part,
    value,
    weight,
    points: value === null ? 0 : value * weight * scale,
  }));
  return { score: sum * scale, parts };
}

/**
 * Orders organizations into the priority queue: requiring assistance first (when the setting says so), then by
 * score (highest first), then by percentile (lowest first, missing last), then by organization code, so equal
 * entries always come out in the same order. Each entry has its days since the last engagement and any alert.
 */
export function rankPriorities<T extends PriorityInput>(
  inputs: readonly T[],
  now: Date,
  settings: PrioritySettings = defaultPrioritySettings,
): PriorityEntry<T>[] {
  const today = isoDay(now);
  const scored = inputs.map((input) => ({ input, ...priorityScore(input, settings) }));
  scored.sort((a, b) => {
    if (settings.requiringAssistanceFirst && a.input.requiringAssistance !== b.input.requiringAssistance)
      return a.input.requiringAssistance ? -1 : 1;
    // Scores are compared rounded to 1e-9 so floating noise cannot break a tie differently from run to run.
    const byScore = Math.round((b.score - a.score) * 1e9);
    if (byScore !== 0) return byScore;
    const pa = a.input.percentile ?? Number.POSITIVE_INFINITY;
    const pb = b.input.percentile ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.input.orgCode < b.input.orgCode ? -1 : a.input.orgCode > b.input.orgCode ? 1 : 0;
  });
  return scored.map((s, i) => ({
    input: s.input,
    rank: i + 1,
    score: s.score,
    parts: s.parts,
    daysSinceEngagement: s.input.lastEngagementOn === null ? null : daysBetween(s.input.lastEngagementOn, today),
    alert: engagementAlert(s.input.requiringAssistance, s.input.lastEngagementOn, now, settings.alertDays),
  }));
}
