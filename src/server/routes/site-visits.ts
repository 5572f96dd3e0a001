import { z } from 'zod';
import type { Role } from '../../core/access/roles.ts';
import { inScope, personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import {
  NewSiteVisitBody,
  SiteVisit,
  SiteVisitList,
  SiteVisitListQuery,
  SiteVisitParams,
  SiteVisitRatingsBody,
  SiteVisitTransitionBody,
  SiteVisitTrends,
  TrendParams,
  VendorList,
  VendorsBody,
} from '../api/site-visits.ts';
import {
  assignVendors,
  getSiteVisit,
  listSiteVisits,
  listVendorUsers,
  recordSiteVisitRatings,
  scheduleSiteVisit,
  siteVisitReportPdf,
  siteVisitTrends,
  transitionSiteVisit,
} from '../services/site-visit-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** The school side and the state read published feedback; vendors never read reports or trends. */
const readerRoles: Role[] = ['state_admin', 'state_staff', 'regional_staff', 'district_leader', 'school_leader'];

/** Monitoring and targeted site visits: scheduled by the state, rated by assigned vendors, published to the school. */
export function registerSiteVisitRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/site-visits',
    config: { access: signedIn() },
    schema: {
      tags: ['site-visits'],
      summary: 'The site visits you may see: vendors only those assigned to them; others those of schools in scope',
      querystring: SiteVisitListQuery,
      response: { 200: SiteVisitList, 400: ErrorResponse, 401: ErrorResponse },
    },
    handler: async (req) => listSiteVisits(req.ctx, req.query),
  });

  app.route({
    method: 'POST',
    url: '/api/site-visits',
    config: { access: personLevel(signedIn('state_admin', 'state_staff')) },
    schema: {
      tags: ['site-visits'],
      summary: 'Schedule a monitoring or targeted site visit for a school and assign vendors',
      body: NewSiteVisitBody,
      response: { 201: SiteVisit, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await scheduleSiteVisit(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/site-visits/vendors',
    config: { access: personLevel(signedIn('state_admin', 'state_staff')) },
    schema: {
      tags: ['site-visits'],
      summary: 'The active site-visit vendors, whom state staff may assign to a visit',
      response: { 200: VendorList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => listVendorUsers(req.ctx),
  });

  app.route({
    method: 'GET',
    url: '/api/site-visits/:id',
    config: { access: personLevel(signedIn()) },
    schema: {
      tags: ['site-visits'],
      summary: 'A site visit with its vendors, rubric, ratings (when visible to you) and history',
      description:
        'Vendors see only visits assigned to them (403 otherwise); others only visits of schools in their scope. The school side sees ratings once the visit is published.',
      params: SiteVisitParams,
      response: { 200: SiteVisit, ...errors },
    },
    handler: async (req) => getSiteVisit(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/site-visits/:id/vendors',
    config: { access: personLevel(signedIn('state_admin', 'state_staff')) },
    schema: {
      tags: ['site-visits'],
      summary: 'Replace the vendors assigned to a visit (until it is submitted)',
      params: SiteVisitParams,
      body: VendorsBody,
      response: { 200: SiteVisit, ...errors },
    },
    handler: async (req) => assignVendors(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'PUT',
    url: '/api/site-visits/:id/ratings',
    config: { access: personLevel(signedIn('vendor')) },
    schema: {
      tags: ['site-visits'],
      summary:
        'Record ratings per Turnaround Practice indicator on the continuum, with evidence (assigned vendors, in progress)',
      params: SiteVisitParams,
      body: SiteVisitRatingsBody,
      response: { 200: SiteVisit, ...errors },
    },
    handler: async (req) => recordSiteVisitRatings(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/site-visits/:id/transitions',
    config: { access: personLevel(signedIn('vendor', 'state_admin', 'state_staff')) },
    schema: {
      tags: ['site-visits'],
      summary: 'Move a visit: start, submit (vendor), return with a comment or publish (state)',
      description:
        'scheduled -> in_progress (start: assigned vendor or state) -> submitted (submit: assigned vendor, every indicator rated) -> published (publish: state), or back to in_progress (return: state, with a comment). The wrong actor gets 403, the wrong state 409.',
      params: SiteVisitParams,
      body: SiteVisitTransitionBody,
      response: { 200: SiteVisit, ...errors },
    },
    handler: async (req) => transitionSiteVisit(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/site-visits/:id/report.pdf',
    config: { access: personLevel(signedIn(...readerRoles)) },
    schema: {
      tags: ['site-visits'],
      summary: 'The formative feedback report of a published visit, as a PDF (409 until published)',
      params: SiteVisitParams,
      response: { 200: z.any(), ...errors },
    },
    handler: async (req, reply) => {
      const { pdf, fileName } = await siteVisitReportPdf(req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/site-visits/trends',
    config: { access: inScope('code', ...readerRoles) },
    schema: {
      tags: ['site-visits'],
      summary: "Trends across a school's published visits: each Turnaround Practice's mean rating per visit",
      params: TrendParams,
      response: { 200: SiteVisitTrends, ...errors },
    },
    handler: async (req) => siteVisitTrends(req.ctx, req.params.code),
  });
}
