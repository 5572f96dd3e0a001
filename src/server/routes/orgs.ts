import type { ZodApp } from '../app.ts';
import { inScope, personLevel, publicAccess, signedIn } from '../auth/access.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams, OrgDetail, OrgSearchQuery, OrgSearchResponse, SetRegionBody } from '../api/orgs.ts';
import { UserList } from '../api/users.ts';
import {
  getOrganization,
  listOrganizationUsers,
  searchOrganizations,
  setDistrictRegion,
} from '../services/org-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerOrgRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/orgs',
    config: { access: publicAccess() },
    schema: {
      tags: ['organizations'],
      summary: 'Search the statewide directory of districts and schools by name or code',
      querystring: OrgSearchQuery,
      response: { 200: OrgSearchResponse, 400: ErrorResponse },
    },
    handler: async (req) => searchOrganizations(deps.db, req.query, deps.clock()),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code',
    config: { access: publicAccess() },
    schema: {
      tags: ['organizations'],
      summary: 'One organization with its parent, region and the organizations under it',
      params: OrgCodeParams,
      response: { 200: OrgDetail, 404: ErrorResponse },
    },
    handler: async (req) => getOrganization(deps.db, req.params.code),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/users',
    config: {
      access: personLevel(
        inScope('code', 'state_admin', 'state_staff', 'regional_staff', 'district_leader', 'school_leader'),
      ),
    },
    schema: {
      tags: ['users'],
      summary: 'The accounts of an organization and of the organizations under it',
      params: OrgCodeParams,
      response: { 200: UserList, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => ({ items: await listOrganizationUsers(req.ctx, req.params.code) }),
  });

  app.route({
    method: 'PUT',
    url: '/api/orgs/:code/region',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['organizations'],
      summary: 'Assign a district to a regional assistance team, or leave it unassigned (state administrators)',
      params: OrgCodeParams,
      body: SetRegionBody,
      response: { 200: OrgDetail, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => setDistrictRegion(req.ctx, req.params.code, req.body.regionCode),
  });
}
