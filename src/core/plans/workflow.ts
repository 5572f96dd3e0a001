/**
 * The review workflow of a plan: draft -> submitted -> returned (with comments) -> submitted -> approved. The
 * school or district team writes and submits; regional or state staff return or approve.
 */

/** Where a plan is in its review. */
export const planStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** What can be done to a plan's status. */
export const planActions = ['submit', 'return', 'approve'] as const;
export type PlanAction = (typeof planActions)[number];

/** Who takes an action: the plan's own team, or its reviewers (regional and state staff). */
export type PlanActor = 'team' | 'reviewer';

/** Which side takes each action. */
export const actionActor: Record<PlanAction, PlanActor> = { submit: 'team', return: 'reviewer', approve: 'reviewer' };

const allowed: Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
};

/** What a status means for the people looking at the plan, for messages. */
const statusHelp: Record<PlanStatus, string> = {
  draft: 'it is a draft: the team can edit it and submit it for review',
  submitted: 'it is submitted and under review: wait for the reviewer to return it with comments or approve it',
  returned: 'it was returned with comments: the team revises it and submits it again',
  approved: 'it is approved: it is no longer edited; record progress on its action steps and benchmarks',
};

/** The outcome of asking for a transition: the new status, or why it is refused. */
export type TransitionResult = { ok: true; to: PlanStatus } | { ok: false; message: string };

/** Whether an action may be taken on a plan in a status, and the status it leads to. */
export function transition(from: PlanStatus, action: PlanAction): TransitionResult {
  const rule = allowed[action];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  const verb = { submit: 'submitted', return: 'returned', approve: 'approved' }[action];
  return {
    ok: false,
    message: `The plan cannot be ${verb} because ${statusHelp[from]}. A plan can be ${verb} only when it is ${rule.from.join(' or ')}.`,
  };
}

/** Whether the team may change the plan's content (sections, goals, benchmarks, action steps) in this status. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * Why the content cannot be changed in this status, or null when it can. An approved plan still takes progress
 * updates (the status of action steps and benchmarks): that is how the team monitors it.
 */
export function editRefusal(status: PlanStatus, what = 'The plan'): string | null {
  if (isEditable(status)) return null;
  return `${what} cannot be changed because ${statusHelp[status]}.`;
}

/** Whether the status of action steps and benchmarks may be updated (monitoring goes on after approval). */
export function acceptsProgressUpdates(status: PlanStatus): boolean {
  return status !== 'submitted';
}
