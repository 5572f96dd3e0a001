import { publicAccess, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import {
  Designation,
  DesignationBody,
  DesignationExitBody,
  DesignationIdParams,
  DesignationList,
  EligibleLists,
  EligibleQuery,
} from '../api/designations.ts';
import { designate, eligibleLists, exitDesignation, listDesignations } from '../services/designation-service.ts';
import type { RouteDeps } from './deps.ts';

/** The designation workflow of 603 CMR 2.05/2.06: eligible lists, designation, exit review. */
export function registerDesignationRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/accountability/eligible',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['accountability'],
      summary:
        'Schools eligible for designation as underperforming and districts eligible for chronically underperforming',
      description:
        'From the latest official run of the year: the lowest 20% of schools with common grades by accountability percentile (603 CMR 2.05) and the lowest 10% of districts by annual criterion-referenced target percentage (2.06), each with any current designation.',
      querystring: EligibleQuery,
      response: { 200: EligibleLists, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => eligibleLists(deps.db, req.query.year),
  });

  app.route({
    method: 'GET',
    url: '/api/accountability/designations',
    config: { access: publicAccess() },
    schema: {
      tags: ['accountability'],
      summary:
        'Designations of underperforming and chronically underperforming schools and districts, current and past',
      description: 'Designations are public records: date, rationale, and the exit date and finding when ended.',
      response: { 200: DesignationList },
    },
    handler: async () => listDesignations(deps.db),
  });

  app.route({
    method: 'POST',
    url: '/api/accountability/designations',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['accountability'],
      summary:
        'Designate a school underperforming or chronically underperforming, or a district chronically underperforming',
      description:
        'Refused (409) when the organization is designated already. The next accountability run classifies the organization as requiring broad/comprehensive support while the designation lasts on September 30 of its year.',
      body: DesignationBody,
      response: {
        201: Designation,
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
        409: ErrorResponse,
      },
    },
    handler: async (req, reply) => reply.code(201).send(await designate(req.ctx, req.body)),
  });

  app.route({
    method: 'POST',
    url: '/api/accountability/designations/:id/exit',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['accountability'],
      summary: 'Record the exit review of a designation: the date it ends and the finding',
      params: DesignationIdParams,
      body: DesignationExitBody,
      response: {
        200: Designation,
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
        404: ErrorResponse,
        409: ErrorResponse,
      },
    },
    handler: async (req) => exitDesignation(req.ctx, req.params.id, req.body),
  });
}
