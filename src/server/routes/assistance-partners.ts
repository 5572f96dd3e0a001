import { inScope, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import { IdParams } from '../api/assistance.ts';
import { Partner, PartnerBody, PartnerList, PartnerQuery, PartnerSuggestions } from '../api/assistance-partners.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  changePartner,
  createPartner,
  listPartners,
  partnerSuggestions,
} from '../services/assistance-partners-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** The catalog helps districts and schools choose partners too. */
const readers = [...assistanceRoles, 'district_leader', 'school_leader'] as const;

/** The catalog of vetted external partners and the partners suggested for a school (docs/assistance.md). */
export function registerAssistancePartnerRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/partners',
    config: { access: signedIn(...readers) },
    schema: {
      tags: ['assistance'],
      summary: 'Vetted external partners: services, Conditions/Practices addressed, regions, status, approval date',
      querystring: PartnerQuery,
      response: { 200: PartnerList, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => listPartners(req.ctx, req.query),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/partners',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Add a partner to the catalog',
      body: PartnerBody,
      response: { 201: Partner, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createPartner(req.ctx, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/partners/:id',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Change a partner (status, approval date, services, what it addresses, regions)',
      params: IdParams,
      body: PartnerBody,
      response: { 200: Partner, ...errors },
    },
    handler: async (req) => changePartner(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/partner-suggestions',
    config: { access: inScope('code', ...readers) },
    schema: {
      tags: ['assistance'],
      summary: 'Partners suggested for a school: vetted, serving its region, addressing its lowest-rated Conditions',
      description:
        'Needs come from the latest completed self-assessment on the Conditions for School Effectiveness (consensus ratings of 2 or lower); each suggestion says why.',
      params: OrgCodeParams,
      response: { 200: PartnerSuggestions, ...errors },
    },
    handler: async (req) => partnerSuggestions(req.ctx, req.params.code),
  });
}
