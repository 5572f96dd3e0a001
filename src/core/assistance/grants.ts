import { formatCents } from './allocation.ts';

/**
 * Grants after allocation (docs/assistance.md): the life of an application, the checks on budget lines and
 * expenditure reports, and the spent-vs-awarded figures. Money is in whole cents.
 */

/** Where an application stands: a draft, submitted, then awarded or declined. */
export const applicationStatuses = ['draft', 'submitted', 'awarded', 'declined'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** What can be done to an application. */
export type ApplicationAction = 'submit' | 'award' | 'decline';

const moves: Record<ApplicationAction, { from: ApplicationStatus; to: ApplicationStatus; verb: string }> = {
  submit: { from: 'draft', to: 'submitted', verb: 'submitted' },
  award: { from: 'submitted', to: 'awarded', verb: 'awarded' },
  decline: { from: 'submitted', to: 'declined', verb: 'declined' },
};

/** The status an action leads to, or why it cannot be taken from `status` (a sentence for the person asking). */
export function applicationTransition(
  status: ApplicationStatus,
  action: ApplicationAction,
): { ok: true; to: ApplicationStatus } | { ok: false; message: string } {
  const move = moves[action];
  if (status === move.from) return { ok: true, to: move.to };
  if (status === move.to) return { ok: false, message: `The application is ${move.verb} already` };
  if (status === 'draft')
    return { ok: false, message: `The application is a draft: it must be submitted before it can be ${move.verb}` };
  return { ok: false, message: `The application was ${status}: it can no longer be ${move.verb}` };
}

/** Why an application cannot be changed in `status`, or null when it can (only drafts change). */
export function applicationEditBlock(status: ApplicationStatus): string | null {
  return status === 'draft' ? null : `The application is ${status}: only a draft can be changed`;
}

/** A budget line as the checks read it. */
export interface LineBudget {
  id: number;
  /** How people name the line: object code and description. */
  label: string;
  amountCents: number;
  /** Spent on the line in every report but the one being written. */
  spentElsewhereCents: number;
}

/**
 * Why budget lines summing to `totalCents` do not fit an award of `awardCents`, or null when they do.
 */
export function budgetOverAward(totalCents: number, awardCents: number): string | null {
  if (totalCents <= awardCents) return null;
  return `The budget lines would total ${formatCents(totalCents)}, more than the award of ${formatCents(awardCents)} (by ${formatCents(totalCents - awardCents)})`;
}

/**
 * Why a line's amount cannot be lowered to `amountCents` because more has been spent on it, or null.
 */
export function lineBelowSpent(label: string, amountCents: number, spentCents: number): string | null {
  if (amountCents >= spentCents) return null;
  return `${label} has ${formatCents(spentCents)} spent already: its amount cannot be lowered to ${formatCents(amountCents)}`;
}

/**
 * Checks an expenditure report's amounts against the lines: cumulative spending on a line (every other report plus
 * this one) may not exceed the line. Returns the first amount at fault (its index in `amounts`) with a sentence
 * naming the line, or null when all fit.
 */
export function spendingOverLine(
  lines: readonly LineBudget[],
  amounts: readonly { budgetLineId: number; amountCents: number }[],
): { index: number; message: string } | null {
  const byId = new Map(lines.map((l) => [l.id, l]));
  for (const [index, a] of amounts.entries()) {
    const line = byId.get(a.budgetLineId);
    if (!line) continue;
    const cumulative = line.spentElsewhereCents + a.amountCents;
    if (cumulative > line.amountCents)
      return {
        index,
        message: `${line.label}: spending would reach ${formatCents(cumulative)}, above the line's budget of ${formatCents(line.amountCents)} (${formatCents(line.spentElsewhereCents)} reported before)`,
      };
  }
  return null;
}

/** The spent-vs-awarded figures of one award, or of several added up. */
export interface SpendingFigures {
  awardedCents: number;
  budgetedCents: number;
  spentCents: number;
  /** Awarded minus spent. */
  remainingCents: number;
  /** Spent as a percent of awarded, to one decimal; null when nothing was awarded. */
  percentSpent: number | null;
}

/** A part as a percent of a whole, to one decimal (half away from zero); null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** The figures of one award from its lines: budgeted is the sum of the lines, spent the sum of what they spent. */
export function spendingFigures(
  awardedCents: number,
  lines: readonly { amountCents: number; spentCents: number }[],
): SpendingFigures {
  const budgetedCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const spentCents = lines.reduce((s, l) => s + l.spentCents, 0);
  return {
    awardedCents,
    budgetedCents,
    spentCents,
    remainingCents: awardedCents - spentCents,
    percentSpent: percentOf(spentCents, awardedCents),
  };
}

/** Adds figures up; the percent is of the totals (not a mean of percents). */
export function totalFigures(list: readonly SpendingFigures[]): SpendingFigures {
  const sum = (pick: (f: SpendingFigures) => number) => list.reduce((s, f) => s + pick(f), 0);
  const awardedCents = sum((f) => f.awardedCents);
  const spentCents = sum((f) => f.spentCents);
  return {
    awardedCents,
    budgetedCents: sum((f) => f.budgetedCents),
    spentCents,
    remainingCents: awardedCents - spentCents,
    percentSpent: percentOf(spentCents, awardedCents),
  };
}

/** Whether two date periods (YYYY-MM-DD, inclusive) share a day. */
export function periodsOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
