import type { FrameworkItem, RatingScale } from './types.ts';

/** The kinds of site visit: a two-day Monitoring Site Visit or a one-day Targeted (formerly Turnaround) Site Visit. */
export const siteVisitTypes = ['monitoring', 'targeted'] as const;
export type SiteVisitType = (typeof siteVisitTypes)[number];

/** The states of a site visit. */
export const siteVisitStatuses = ['scheduled', 'in_progress', 'submitted', 'published'] as const;
export type SiteVisitStatus = (typeof siteVisitStatuses)[number];

/** Who may take an action: the vendors assigned to the visit, or the state (state staff and administrators). */
export type SiteVisitActor = 'assigned_vendor' | 'state';

/** The workflow of a site visit: each action, the states it leads from and to, and who may take it. */
export const siteVisitActions = {
  start: { from: ['scheduled'], to: 'in_progress', by: ['assigned_vendor', 'state'] },
  submit: { from: ['in_progress'], to: 'submitted', by: ['assigned_vendor'] },
  return: { from: ['submitted'], to: 'in_progress', by: ['state'] },
  publish: { from: ['submitted'], to: 'published', by: ['state'] },
} as const satisfies Record<
  string,
  { from: readonly SiteVisitStatus[]; to: SiteVisitStatus; by: readonly SiteVisitActor[] }
>;
export type SiteVisitAction = keyof typeof siteVisitActions;

/** The outcome of asking for a transition: the new state, or why it is refused (`who` = wrong actor). */
export type TransitionCheck =
  { ok: true; to: SiteVisitStatus } | { ok: false; reason: 'who' | 'state'; message: string };

const statusWords: Record<SiteVisitStatus, string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  submitted: 'submitted for state review',
  published: 'published',
};

const pastTense: Record<SiteVisitAction, string> = {
  start: 'started',
  submit: 'submitted',
  return: 'returned',
  publish: 'published',
};

/** Whether an actor may take an action on a visit in a given state, with a sentence saying why not. */
export function checkSiteVisitTransition(
  status: SiteVisitStatus,
  action: SiteVisitAction,
  actor: SiteVisitActor,
): TransitionCheck {
  const rule = siteVisitActions[action];
  if (!(rule.by as readonly SiteVisitActor[]).includes(actor))
    return {
      ok: false,
      reason: 'who',
      message: `Only ${rule.by.map((b) => (b === 'state' ? 'state staff' : 'an assigned vendor')).join(' or ')} may ${action} a site visit`,
    };
  if (!(rule.from as readonly SiteVisitStatus[]).includes(status))
    return {
      ok: false,
      reason: 'state',
      message: `A site visit that is ${statusWords[status]} cannot be ${pastTense[action]}; it must be ${rule.from.map((s) => statusWords[s]).join(' or ')}`,
    };
  return { ok: true, to: rule.to };
}

/** One published visit's ratings, as the trend reads them. */
export interface VisitRatings {
  visitId: number;
  visitedOn: string;
  type: SiteVisitType;
  /** Indicator code -> level code. */
  ratings: ReadonlyMap<string, string>;
}

/** A practice's result on one visit: the mean score of its rated indicators and the level nearest to it. */
export interface PracticeVisitPoint {
  visitId: number;
  visitedOn: string;
  type: SiteVisitType;
  rated: number;
  indicators: number;
  meanScore: number | null;
  /** The level whose score is nearest the mean (ties go to the lower level); null when nothing was rated. */
  level: string | null;
}

/** Trends across visits: for each practice (area), one point per visit in date order. */
export interface PracticeTrend {
  practiceCode: string;
  points: PracticeVisitPoint[];
  /** The last point's mean score minus the first's, when both exist and there are two or more visits. */
  change: number | null;
}

/**
 * Trends per practice across a school's visits: each practice's mean indicator score on each visit (scored levels
 * only), the level nearest that mean, and the change from the first visit to the last.
 */
export function computePracticeTrends(
  scale: RatingScale,
  items: readonly FrameworkItem[],
  visits: readonly VisitRatings[],
): PracticeTrend[] {
  const score = new Map(scale.levels.map((l) => [l.code, l.score]));
  const ordered = scale.levels.filter((l) => l.score !== null);
  const sorted = [...visits].sort((a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.visitId - b.visitId);
  const practices = items.filter((i) => i.kind === 'area' && i.parentCode === null).sort((a, b) => a.order - b.order);
  return practices.map((practice) => {
    const indicators = items.filter((i) => i.kind === 'indicator' && i.parentCode === practice.code).map((i) => i.code);
    const points = sorted.map((v): PracticeVisitPoint => {
      const scores = indicators
        .map((c) => v.ratings.get(c))
        .map((lvl) => (lvl === undefined ? null : (score.get(lvl) ?? null)))
        .filter((s): s is number => s !== null);
      const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
      let level: string | null = null;
      if (mean !== null) {
        let best = Infinity;
        for (const l of ordered) {
          const d = Math.abs(l.score! - mean);
          if (d < best) {
            best = d;
            level = l.code;
          }
        }
      }
      return {
        visitId: v.visitId,
        visitedOn: v.visitedOn,
        type: v.type,
        rated: scores.length,
        indicators: indicators.length,
        meanScore: mean,
        level,
      };
    });
    const first = points.find((p) => p.meanScore !== null);
    const last = [...points].reverse().find((p) => p.meanScore !== null);
    const change =
      first && last && first !== last ? Math.round((last.meanScore! - first.meanScore!) * 100) / 100 : null;
    return { practiceCode: practice.code, points, change };
  });
}
