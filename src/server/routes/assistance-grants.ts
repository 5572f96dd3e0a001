import { inScope, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import {
  Allocation,
  AllocationBody,
  AllocationList,
  ApplicationBody,
  ApplicationQuery,
  ApplicationUpdateBody,
  AwardBody,
  BudgetLineBody,
  DashboardQuery,
  DeclineBody,
  ExpenditureReportBody,
  GrantApplicationDetail,
  GrantApplicationList,
  GrantProgram,
  GrantProgramBody,
  GrantProgramList,
  OrgGrants,
  ProgramDashboard,
} from '../api/assistance-grants.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  allocateProgram,
  createGrantProgram,
  finalizeAllocation,
  grantAllocation,
  grantPrograms,
  programAllocations,
} from '../services/assistance-grants-service.ts';
import {
  applicationDetail,
  awardApplication,
  createApplication,
  declineApplication,
  listApplications,
  orgGrants,
  programDashboard,
  submitApplication,
  updateApplication,
} from '../services/assistance-grants-applications-service.ts';
import {
  addBudgetLine,
  addExpenditureReport,
  changeBudgetLine,
  changeExpenditureReport,
  removeBudgetLine,
  removeExpenditureReport,
} from '../services/assistance-grants-spending-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** Who reads applications and awards: the agency, and leaders for their own organization (checked per record). */
const grantReaders = [...assistanceRoles, 'district_leader', 'school_leader'] as const;
/** Who writes applications, budget lines and expenditure reports: state staff, and the recipient's leaders. */
const grantWriters = ['state_admin', 'state_staff', 'district_leader', 'school_leader'] as const;

/**
 * Grant programs and their formula allocations, applications, awards, budget lines and expenditure reports, and the
 * spent-vs-awarded dashboards (docs/assistance.md). State staff allocate and award; regional staff read their
 * region's; leaders apply for, budget and report on their own organization's grants.
 */
export function registerAssistanceGrantRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/grants/programs',
    config: { access: signedIn(...grantReaders) },
    schema: {
      tags: ['assistance'],
      summary: 'Grant programs: fund code, source, eligibility rule, allocation formula (leaders read them to apply)',
      response: { 200: GrantProgramList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => grantPrograms(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/programs',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Create a grant program with its eligibility rule and base plus per-pupil formula with caps',
      body: GrantProgramBody,
      response: { 201: GrantProgram, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createGrantProgram(req.ctx, req.body)),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/programs/:id/allocations',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: "Compute a program's allocation of a fiscal year's budget (a draft until finalized)",
      description:
        'Eligible recipients get base + per-pupil x enrollment, scaled by one factor to the budget, with caps; the lines sum exactly to the budget in cents. Recomputing replaces the draft; refused (409) once final.',
      params: IdParams,
      body: AllocationBody,
      response: { 201: Allocation, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await allocateProgram(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/grants/allocations/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'An allocation explained per recipient (regional staff: their region only)',
      params: IdParams,
      response: { 200: Allocation, ...errors },
    },
    handler: async (req) => grantAllocation(req.ctx, req.params.id),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/allocations/:id/finalize',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Make an allocation final (it can no longer be recomputed)',
      params: IdParams,
      response: { 200: Allocation, ...errors },
    },
    handler: async (req) => finalizeAllocation(req.ctx, req.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/grants/programs/:id/allocations',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: "A program's allocations by fiscal year (latest first): budget, status, recipients",
      params: IdParams,
      response: { 200: AllocationList, ...errors },
    },
    handler: async (req) => programAllocations(req.ctx, req.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/grants/programs/:id/dashboard',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary:
        "Spent vs awarded for a program's fiscal year: per recipient and in total (regional staff: their region)",
      params: IdParams,
      querystring: DashboardQuery,
      response: { 200: ProgramDashboard, ...errors },
    },
    handler: async (req) => programDashboard(req.ctx, req.params.id, req.query.fiscalYear),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/grants',
    config: { access: inScope('code', ...grantReaders) },
    schema: {
      tags: ['assistance'],
      summary: "An organization's grant applications and awards (with those under it), spent vs awarded in total",
      params: OrgCodeParams,
      response: { 200: OrgGrants, ...errors },
    },
    handler: async (req) => orgGrants(req.ctx, req.params.code),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/grants/applications',
    config: { access: signedIn(...grantReaders) },
    schema: {
      tags: ['assistance'],
      summary: 'Grant applications within your scope, by fiscal year (latest first)',
      querystring: ApplicationQuery,
      response: { 200: GrantApplicationList, ...errors },
    },
    handler: async (req) => listApplications(req.ctx, req.query),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/applications',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: "Start an application (a draft) of an eligible school or district for a program's fiscal year",
      description:
        "Eligible: a recipient of that year's allocation, or (without one) meeting the program's rule today. One application per organization, program and year (409).",
      body: ApplicationBody,
      response: { 201: GrantApplicationDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createApplication(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/grants/applications/:id',
    config: { access: signedIn(...grantReaders) },
    schema: {
      tags: ['assistance'],
      summary: "An application with its award, budget lines, expenditure reports and the recipient's plans",
      params: IdParams,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => applicationDetail(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/grants/applications/:id',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: "Change a draft application's requested amount and narrative (409 once submitted)",
      params: IdParams,
      body: ApplicationUpdateBody,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => updateApplication(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/applications/:id/submit',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: 'Submit a draft application to the state',
      params: IdParams,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => submitApplication(req.ctx, req.params.id),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/applications/:id/award',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Award a submitted application: amount and date',
      description:
        "When the program has an allocation for the year, it must be final and the award may not exceed the recipient's line.",
      params: IdParams,
      body: AwardBody,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => awardApplication(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/applications/:id/decline',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Decline a submitted application, saying why',
      params: IdParams,
      body: DeclineBody,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => declineApplication(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/awards/:id/budget-lines',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: "Add a budget line to an award, optionally tied to a strategy of the recipient's plan",
      description: 'The lines of an award may not total more than the award.',
      params: IdParams,
      body: BudgetLineBody,
      response: { 201: GrantApplicationDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addBudgetLine(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/grants/budget-lines/:id',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: 'Change a budget line (never above the award in total, nor below what was spent on it)',
      params: IdParams,
      body: BudgetLineBody,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => changeBudgetLine(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/grants/budget-lines/:id',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: 'Delete a budget line no spending was reported on',
      params: IdParams,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => removeBudgetLine(req.ctx, req.params.id),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/grants/awards/:id/expenditure-reports',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: 'Report what was spent in a period, per budget line',
      description:
        "Cumulative spending on a line may not exceed it (400 naming the line); periods of an award's reports may not overlap (409).",
      params: IdParams,
      body: ExpenditureReportBody,
      response: { 201: GrantApplicationDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addExpenditureReport(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/grants/expenditure-reports/:id',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: "Correct an expenditure report's period and amounts",
      params: IdParams,
      body: ExpenditureReportBody,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => changeExpenditureReport(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/grants/expenditure-reports/:id',
    config: { access: signedIn(...grantWriters) },
    schema: {
      tags: ['assistance'],
      summary: 'Withdraw an expenditure report',
      params: IdParams,
      response: { 200: GrantApplicationDetail, ...errors },
    },
    handler: async (req) => removeExpenditureReport(req.ctx, req.params.id),
  });
}
