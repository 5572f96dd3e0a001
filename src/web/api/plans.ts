import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '../../server/api/auth.ts';
import type {
  ActionStepBody,
  ActionStepPatch,
  BenchmarkBody,
  BenchmarkPatch,
  CommentBody,
  GoalBody,
  GoalPatch,
  Plan,
  PlanCreateBody,
  PlanDashboard,
  PlanHistory,
  PlanList,
  PlanListQuery,
  PlanUpdateBody,
  RegionPlans,
} from '../../server/api/plans.ts';
import { ApiError, apiFetch, withQuery } from './client.ts';

export type {
  ActionStepBody,
  BenchmarkBody,
  CommentBody,
  GoalBody,
  Plan,
  PlanCreateBody,
  PlanDashboard,
  PlanHistory,
  PlanList,
  PlanUpdateBody,
  RegionPlans,
};
export type { PlanActionStep, PlanBenchmark, PlanComment, PlanGoal, PlanSummary } from '../../server/api/plans.ts';

/** One goal of a plan's dashboard, with its progress. */
export type DashboardGoal = PlanDashboard['goals'][number];
/** The goal status counts of a plan (met, on track, off track, no data, not linked). */
export type GoalCounts = PlanDashboard['goalCounts'];

/** The plans page of a school or district. */
export function orgPlansPath(code: string): string {
  return `/orgs/${encodeURIComponent(code)}/plans`;
}

/** A plan's page. */
export function planPath(id: number): string {
  return `/plans/${id}`;
}

/** The reviewers' page: plans of the region or state awaiting review. */
export const plansReviewPath = '/improvement/plans';

/** Whether a user writes plans (school and district leaders: the team of the plans in their scope). */
export function isPlanTeam(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'school_leader' || user.role === 'district_leader');
}

/** Whether a user reviews plans (regional staff, state staff and state administrators). */
export function isPlanReviewer(user: CurrentUser | null): boolean {
  return (
    user !== null && (user.role === 'regional_staff' || user.role === 'state_staff' || user.role === 'state_admin')
  );
}

const planBase = (id: number) => `/api/plans/${id}`;

/** Plans in the user's scope, narrowed by organization, status or year (`GET /api/plans`). */
export function usePlans(query: PlanListQuery, options: { enabled?: boolean } = {}) {
  const { org, status, year } = query;
  return useQuery({
    queryKey: ['plans', { org, status, year }],
    queryFn: ({ signal }) => apiFetch<PlanList>(withQuery('/api/plans', { org, status, year }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A region's plans with their goal status counts, the regional caseload (`GET /api/plans/regions/:regionCode`). */
export function useRegionPlans(regionCode: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['plans-region', regionCode],
    queryFn: ({ signal }) => apiFetch<RegionPlans>(`/api/plans/regions/${encodeURIComponent(regionCode)}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The whole plan with what the user may do with it (`GET /api/plans/:id`). */
export function usePlan(id: number) {
  return useQuery({
    queryKey: ['plan', id],
    queryFn: ({ signal }) => apiFetch<Plan>(planBase(id), { signal }),
  });
}

/** Every change to a plan, oldest first (`GET /api/plans/:id/history`). */
export function usePlanHistory(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['plan-history', id],
    queryFn: ({ signal }) => apiFetch<PlanHistory>(`${planBase(id)}/history`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Each goal's progress, action steps and benchmarks due (`GET /api/plans/:id/dashboard`). */
export function usePlanDashboard(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['plan-dashboard', id],
    queryFn: ({ signal }) => apiFetch<PlanDashboard>(`${planBase(id)}/dashboard`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** After a change: the plan is the answer; its dashboard, history and the lists are read again. */
async function refreshAfterChange(client: QueryClient, plan: Plan) {
  client.setQueryData(['plan', plan.id], plan);
  void client.invalidateQueries({ queryKey: ['plans'] });
  void client.invalidateQueries({ queryKey: ['plans-region'] });
  await Promise.all([
    client.invalidateQueries({ queryKey: ['plan-dashboard', plan.id] }),
    client.invalidateQueries({ queryKey: ['plan-history', plan.id] }),
  ]);
}

/**
 * After a refusal because the plan moved on (409: someone submitted, returned or approved it meanwhile), the plan is
 * read again so the page offers only what is now allowed; the refusal's message stays on the page.
 */
function refreshAfterConflict(client: QueryClient, id: number, error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 409) return;
  void client.invalidateQueries({ queryKey: ['plan', id] });
  void client.invalidateQueries({ queryKey: ['plan-history', id] });
}

/** Starts a plan from the state template (`POST /api/plans`). */
export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanCreateBody) => apiFetch<Plan>('/api/plans', { method: 'POST', body }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
  });
}

/** Changes the template sections (`PATCH /api/plans/:id`). */
export function useUpdatePlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanUpdateBody) => apiFetch<Plan>(planBase(id), { method: 'PATCH', body }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Submits the plan for review (`POST /api/plans/:id/submit`). */
export function useSubmitPlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Plan>(`${planBase(id)}/submit`, { method: 'POST', body: {} }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Returns the plan to the team with a coaching comment (`POST /api/plans/:id/return`). */
export function useReturnPlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (comment: CommentBody) =>
      apiFetch<Plan>(`${planBase(id)}/return`, { method: 'POST', body: { comment } }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Approves the plan, with an optional comment (`POST /api/plans/:id/approve`). */
export function useApprovePlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (comment: CommentBody | undefined) =>
      apiFetch<Plan>(`${planBase(id)}/approve`, { method: 'POST', body: comment === undefined ? {} : { comment } }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Adds a coaching comment without changing the status (`POST /api/plans/:id/comments`). */
export function useAddPlanComment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (comment: CommentBody) => apiFetch<Plan>(`${planBase(id)}/comments`, { method: 'POST', body: comment }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** The parts of a plan kept in lists of their own, by their address under the plan. */
interface PartBodies {
  goals: { create: GoalBody; patch: GoalPatch };
  benchmarks: { create: BenchmarkBody; patch: BenchmarkPatch };
  'action-steps': { create: ActionStepBody; patch: ActionStepPatch };
}
export type PlanPart = keyof PartBodies;

/** Adds a goal, benchmark or action step (`POST /api/plans/:id/<part>`). */
export function useAddPlanPart<P extends PlanPart>(id: number, part: P) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PartBodies[P]['create']) => apiFetch<Plan>(`${planBase(id)}/${part}`, { method: 'POST', body }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Changes a goal, benchmark or action step (`PATCH /api/plans/:id/<part>/:partId`). */
export function useUpdatePlanPart<P extends PlanPart>(id: number, part: P) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ partId, body }: { partId: number; body: PartBodies[P]['patch'] }) =>
      apiFetch<Plan>(`${planBase(id)}/${part}/${partId}`, { method: 'PATCH', body }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}

/** Removes a goal, benchmark or action step (`DELETE /api/plans/:id/<part>/:partId`). */
export function useDeletePlanPart(id: number, part: PlanPart) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (partId: number) => apiFetch<Plan>(`${planBase(id)}/${part}/${partId}`, { method: 'DELETE' }),
    onSuccess: (plan) => refreshAfterChange(client, plan),
    onError: (error) => refreshAfterConflict(client, id, error),
  });
}
