import type { RatingLevel, RatingScale } from './types.ts';

/** The states of a self-assessment. */
export const selfAssessmentStatuses = ['draft', 'completed'] as const;
export type SelfAssessmentStatus = (typeof selfAssessmentStatuses)[number];

/** What a team can do to a self-assessment, and the state each action leads from and to. */
export const selfAssessmentActions = {
  complete: { from: 'draft', to: 'completed' },
  reopen: { from: 'completed', to: 'draft' },
} as const satisfies Record<string, { from: SelfAssessmentStatus; to: SelfAssessmentStatus }>;
export type SelfAssessmentAction = keyof typeof selfAssessmentActions;

/**
 * What a self-assessment accepts, shared by the API's schemas and the page that explains them: evidence files up to
 * 2 MiB (kept in the database), file names and people's names and roles up to 200 characters, 30 members at a time.
 */
export const selfAssessmentLimits = {
  attachmentBytes: 2 * 1024 * 1024,
  fileNameLength: 200,
  nameLength: 200,
  roleTextLength: 200,
  membersPerRequest: 30,
} as const;

/** One member's rating of one indicator (level code). */
export interface MemberRating {
  memberId: number;
  indicatorCode: string;
  level: string;
}

/** How the team's individual ratings of one indicator compare, next to the consensus it recorded. */
export interface IndicatorConsensusSummary {
  indicatorCode: string;
  /** How many members rated it, and how many members the team has. */
  rated: number;
  members: number;
  /** Count of member ratings per level code, in scale order (levels nobody chose are 0). */
  distribution: { level: string; count: number }[];
  /** Mean score of the members' ratings on ordered levels (null when none); rounded to 2 decimals. */
  meanScore: number | null;
  /** Lowest and highest member level on the ordered scale; null when none. */
  lowest: string | null;
  highest: string | null;
  /** Every member who rated chose the same level. */
  unanimous: boolean;
  consensus: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Summarizes the team's ratings per indicator: who rated, the spread of levels, the mean score of ordered levels
 * (levels without a score, such as "unknown", are counted but not averaged), and the recorded consensus.
 */
export function summarizeConsensus(
  scale: RatingScale,
  indicatorCodes: readonly string[],
  memberCount: number,
  ratings: readonly MemberRating[],
  consensus: ReadonlyMap<string, string>,
): IndicatorConsensusSummary[] {
  const scoreOf = new Map<string, RatingLevel>(scale.levels.map((l) => [l.code, l]));
  return indicatorCodes.map((code) => {
    const mine = ratings.filter((r) => r.indicatorCode === code);
    const scored = mine
      .map((r) => scoreOf.get(r.level))
      .filter((l): l is RatingLevel & { score: number } => l !== undefined && l.score !== null)
      .sort((a, b) => a.score - b.score);
    return {
      indicatorCode: code,
      rated: mine.length,
      members: memberCount,
      distribution: scale.levels.map((l) => ({ level: l.code, count: mine.filter((r) => r.level === l.code).length })),
      meanScore: scored.length ? round2(scored.reduce((s, l) => s + l.score, 0) / scored.length) : null,
      lowest: scored[0]?.code ?? null,
      highest: scored.at(-1)?.code ?? null,
      unanimous: mine.length > 0 && mine.every((r) => r.level === mine[0]!.level),
      consensus: consensus.get(code) ?? null,
    };
  });
}

/** One completed or draft self-assessment's consensus ratings, as history reads them. */
export interface PeriodConsensus {
  period: string;
  /** Indicator code -> consensus level code. */
  ratings: ReadonlyMap<string, string>;
}

/** A heat map: rows are indicators, columns are periods, cells the consensus level and its score. */
export interface HeatMap {
  periods: string[];
  rows: { indicatorCode: string; cells: { period: string; level: string | null; score: number | null }[] }[];
}

/**
 * The heat map of consensus ratings across response periods: one row per indicator (in the order given), one
 * column per period (sorted ascending, so "2025-26" comes before "2026-27").
 */
export function buildHeatMap(
  scale: RatingScale,
  indicatorCodes: readonly string[],
  periods: readonly PeriodConsensus[],
): HeatMap {
  const sorted = [...periods].sort((a, b) => a.period.localeCompare(b.period));
  const score = (level: string | undefined) =>
    level ? (scale.levels.find((l) => l.code === level)?.score ?? null) : null;
  return {
    periods: sorted.map((p) => p.period),
    rows: indicatorCodes.map((code) => ({
      indicatorCode: code,
      cells: sorted.map((p) => ({
        period: p.period,
        level: p.ratings.get(code) ?? null,
        score: score(p.ratings.get(code)),
      })),
    })),
  };
}

/** How an indicator's consensus moved from one period to the next. */
export type Change = 'improved' | 'declined' | 'unchanged' | 'not_comparable';

/** One indicator in a period-to-period comparison. */
export interface IndicatorComparison {
  indicatorCode: string;
  from: { level: string | null; score: number | null };
  to: { level: string | null; score: number | null };
  change: Change;
  /** to.score - from.score when both are scored. */
  difference: number | null;
}

/** A period-to-period comparison: each indicator's change and the counts of each kind. */
export interface PeriodComparison {
  from: string;
  to: string;
  indicators: IndicatorComparison[];
  counts: Record<Change, number>;
}

/**
 * Compares the consensus of two periods indicator by indicator: improved when the score rose, declined when it
 * fell, unchanged when equal; not comparable when either side is missing or has no score ("unknown").
 */
export function comparePeriods(
  scale: RatingScale,
  indicatorCodes: readonly string[],
  from: PeriodConsensus,
  to: PeriodConsensus,
): PeriodComparison {
  const side = (p: PeriodConsensus, code: string) => {
    const level = p.ratings.get(code) ?? null;
    return { level, score: level ? (scale.levels.find((l) => l.code === level)?.score ?? null) : null };
  };
  const counts: Record<Change, number> = { improved: 0, declined: 0, unchanged: 0, not_comparable: 0 };
  const indicators = indicatorCodes.map((code): IndicatorComparison => {
    const a = side(from, code);
    const b = side(to, code);
    const difference = a.score !== null && b.score !== null ? b.score - a.score : null;
    const change: Change =
      difference === null ? 'not_comparable' : difference > 0 ? 'improved' : difference < 0 ? 'declined' : 'unchanged';
    counts[change]++;
    return { indicatorCode: code, from: a, to: b, change, difference };
  });
  return { from: from.period, to: to.period, indicators, counts };
}
