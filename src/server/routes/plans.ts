import { inScope, personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import {
  ActionStepBody,
  ActionStepPatch,
  ApproveBody,
  BenchmarkBody,
  BenchmarkPatch,
  CommentBody,
  GoalBody,
  GoalPatch,
  Plan,
  PlanCreateBody,
  PlanDashboard,
  PlanHistory,
  PlanIdParams,
  PlanList,
  PlanListQuery,
  PlanPartParams,
  PlanUpdateBody,
  ProgressSettings,
  RegionParams,
  RegionPlans,
  ReturnBody,
} from '../api/plans.ts';
import {
  addActionStep,
  addBenchmark,
  addComment,
  addGoal,
  approvePlan,
  createPlan,
  deleteActionStep,
  deleteBenchmark,
  deleteGoal,
  getPlan,
  listPlans,
  planHistory,
  returnPlan,
  submitPlan,
  updateActionStep,
  updateBenchmark,
  updateGoal,
  updatePlan,
} from '../services/plan-service.ts';
import {
  getProgressSettings,
  planDashboard,
  regionPlans,
  setProgressSettings,
} from '../services/goal-progress-service.ts';
import type { RouteDeps } from './deps.ts';

/** Everyone but site-visit vendors reads plans (each within their own scope, checked by the service). */
const readers = signedIn('state_admin', 'state_staff', 'regional_staff', 'district_leader', 'school_leader');
/** The plan's team writes and submits; the service checks the plan's organization is in the user's scope. */
const team = personLevel(signedIn('school_leader', 'district_leader'));
/** Reviewers return, approve and comment; regional staff only in their region (checked by the service). */
const reviewers = personLevel(signedIn('regional_staff', 'state_staff', 'state_admin'));

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['plans'];

/** Turnaround and improvement plans: the template, SMART goals, the review workflow, history and progress. */
export function registerPlanRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/plans',
    config: { access: readers },
    schema: {
      tags,
      summary: 'Plans the user may see, by organization, status and year',
      description:
        'A school sees its own plans, a district its own and its schools’, a region its schools and districts’, the state all.',
      querystring: PlanListQuery,
      response: { 200: PlanList, ...errors },
    },
    handler: async (req) => listPlans(req.ctx, req.query),
  });

  app.route({
    method: 'POST',
    url: '/api/plans',
    config: { access: team },
    schema: {
      tags,
      summary: 'Start a turnaround or improvement plan for a school or district and a period',
      description:
        'The plan starts as a draft with an empty block for each Turnaround Practice. Refused (409) when the organization has a plan of that kind for the period already.',
      body: PlanCreateBody,
      response: { 201: Plan, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createPlan(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/plans/settings/progress',
    config: { access: readers },
    schema: {
      tags,
      summary: 'How goal progress is judged: the on-track tolerance',
      response: { 200: ProgressSettings, ...errors },
    },
    handler: async () => getProgressSettings(deps.db),
  });

  app.route({
    method: 'PUT',
    url: '/api/plans/settings/progress',
    config: { access: signedIn('state_admin') },
    schema: {
      tags,
      summary: 'Change the on-track tolerance of goal progress',
      body: ProgressSettings,
      response: { 200: ProgressSettings, ...errors },
    },
    handler: async (req) => setProgressSettings(req.ctx, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/plans/regions/:regionCode',
    config: { access: inScope('regionCode', 'regional_staff', 'state_staff', 'state_admin') },
    schema: {
      tags,
      summary: 'The plans of a region’s schools and districts with their goal status counts (the regional caseload)',
      params: RegionParams,
      response: { 200: RegionPlans, ...errors },
    },
    handler: async (req) => regionPlans(req.ctx, req.params.regionCode),
  });

  app.route({
    method: 'GET',
    url: '/api/plans/:id',
    config: { access: personLevel(readers) },
    schema: {
      tags,
      summary: 'One plan, as the state template lays it out, with its goals, benchmarks, action steps and comments',
      params: PlanIdParams,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => getPlan(req.ctx, req.params.id),
  });

  app.route({
    method: 'PATCH',
    url: '/api/plans/:id',
    config: { access: team },
    schema: {
      tags,
      summary: 'Change the plan’s sections: title, executive summary, practice blocks, financial plan, stakeholders',
      description: 'Only while the plan is a draft or returned (409 otherwise).',
      params: PlanIdParams,
      body: PlanUpdateBody,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => updatePlan(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/plans/:id/history',
    config: { access: personLevel(readers) },
    schema: {
      tags,
      summary: 'Every change to the plan: who, when, and each field before and after',
      params: PlanIdParams,
      response: { 200: PlanHistory, ...errors },
    },
    handler: async (req) => planHistory(req.ctx, req.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/plans/:id/dashboard',
    config: { access: readers },
    schema: {
      tags,
      summary: 'Goal progress from the latest indicator data, action steps due and overdue, benchmark status',
      description:
        'Computed on read from the indicator values stored now, so a new import shows at once. Each linked goal is met, on track, off track or has no data, with the latest value, the value expected on its trajectory and the gap.',
      params: PlanIdParams,
      response: { 200: PlanDashboard, ...errors },
    },
    handler: async (req) => planDashboard(req.ctx, req.params.id),
  });

  const transitions = [
    ['submit', team, 'The team submits the plan for review (from draft, or again once returned)', undefined],
    ['return', reviewers, 'Return the submitted plan to the team with a coaching comment', ReturnBody],
    ['approve', reviewers, 'Approve the submitted plan, optionally with a coaching comment', ApproveBody.nullish()],
  ] as const;
  for (const [action, access, summary, body] of transitions) {
    app.route({
      method: 'POST',
      url: `/api/plans/:id/${action}`,
      config: { access },
      schema: {
        tags,
        summary,
        description: 'Refused (409) with a message saying what state the plan is in and what to do.',
        params: PlanIdParams,
        ...(body ? { body } : {}),
        response: { 200: Plan, ...errors },
      },
      handler: async (req) => {
        const id = (req.params as { id: number }).id;
        if (action === 'submit') return submitPlan(req.ctx, id);
        if (action === 'return') return returnPlan(req.ctx, id, req.body as ReturnBody);
        return approvePlan(req.ctx, id, (req.body ?? {}) as ApproveBody);
      },
    });
  }

  app.route({
    method: 'POST',
    url: '/api/plans/:id/comments',
    config: { access: reviewers },
    schema: {
      tags,
      summary: 'A coaching comment on the plan or one practice block',
      description:
        'A strength, one thing to improve, guiding questions, expected outcomes, next steps the coach will look for.',
      params: PlanIdParams,
      body: CommentBody,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => addComment(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/plans/:id/goals',
    config: { access: team },
    schema: {
      tags,
      summary: 'Add a SMART goal: a catalog indicator (or local measure), baseline, target, date, owner',
      description:
        'Refused (400, naming the field) when the target does not improve on the baseline in the measure’s direction or the years and dates are out of order.',
      params: PlanIdParams,
      body: GoalBody,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => addGoal(req.ctx, req.params.id, req.body),
  });
  app.route({
    method: 'PATCH',
    url: '/api/plans/:id/goals/:partId',
    config: { access: team },
    schema: {
      tags,
      summary: 'Change a goal',
      params: PlanPartParams,
      body: GoalPatch,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => updateGoal(req.ctx, req.params.id, req.params.partId, req.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/plans/:id/goals/:partId',
    config: { access: team },
    schema: { tags, summary: 'Remove a goal', params: PlanPartParams, response: { 200: Plan, ...errors } },
    handler: async (req) => deleteGoal(req.ctx, req.params.id, req.params.partId),
  });

  app.route({
    method: 'POST',
    url: '/api/plans/:id/benchmarks',
    config: { access: team },
    schema: {
      tags,
      summary: 'Add an interim benchmark for adults or students',
      params: PlanIdParams,
      body: BenchmarkBody,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => addBenchmark(req.ctx, req.params.id, req.body),
  });
  app.route({
    method: 'PATCH',
    url: '/api/plans/:id/benchmarks/:partId',
    config: { access: team },
    schema: {
      tags,
      summary: 'Change a benchmark (on an approved plan, only its status)',
      params: PlanPartParams,
      body: BenchmarkPatch,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => updateBenchmark(req.ctx, req.params.id, req.params.partId, req.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/plans/:id/benchmarks/:partId',
    config: { access: team },
    schema: { tags, summary: 'Remove a benchmark', params: PlanPartParams, response: { 200: Plan, ...errors } },
    handler: async (req) => deleteBenchmark(req.ctx, req.params.id, req.params.partId),
  });

  app.route({
    method: 'POST',
    url: '/api/plans/:id/action-steps',
    config: { access: team },
    schema: {
      tags,
      summary: 'Add an action step with its owner, due date and status',
      params: PlanIdParams,
      body: ActionStepBody,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => addActionStep(req.ctx, req.params.id, req.body),
  });
  app.route({
    method: 'PATCH',
    url: '/api/plans/:id/action-steps/:partId',
    config: { access: team },
    schema: {
      tags,
      summary: 'Change an action step (on an approved plan, only its status)',
      params: PlanPartParams,
      body: ActionStepPatch,
      response: { 200: Plan, ...errors },
    },
    handler: async (req) => updateActionStep(req.ctx, req.params.id, req.params.partId, req.body),
  });
  app.route({
    method: 'DELETE',
    url: '/api/plans/:id/action-steps/:partId',
    config: { access: team },
    schema: { tags, summary: 'Remove an action step', params: PlanPartParams, response: { 200: Plan, ...errors } },
    handler: async (req) => deleteActionStep(req.ctx, req.params.id, req.params.partId),
  });
}
