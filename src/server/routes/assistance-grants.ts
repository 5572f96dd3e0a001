import { signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import {
  Allocation,
  AllocationBody,
  GrantProgram,
  GrantProgramBody,
  GrantProgramList,
} from '../api/assistance-grants.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  allocateProgram,
  createGrantProgram,
  finalizeAllocation,
  grantAllocation,
  grantPrograms,
} from '../services/assistance-grants-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Grant programs and their formula allocations (docs/assistance.md). State staff allocate; regional staff read. */
export function registerAssistanceGrantRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/grants/programs',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Grant programs: fund code, source, eligibility rule, allocation formula',
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
}
