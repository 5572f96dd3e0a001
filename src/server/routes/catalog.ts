import type { ZodApp } from '../app.ts';
import { publicAccess } from '../auth/access.ts';
import { IndicatorList, RoleList, StudentGroupList } from '../api/catalog.ts';
import { getIndicators, getStudentGroups, listRoles } from '../services/catalog-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerCatalogRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/roles',
    config: { access: publicAccess() },
    schema: {
      tags: ['catalog'],
      summary: 'The roles users can hold and the scope each needs',
      response: { 200: RoleList },
    },
    handler: async () => ({ items: listRoles() }),
  });
  app.route({
    method: 'GET',
    url: '/api/student-groups',
    config: { access: publicAccess() },
    schema: {
      tags: ['catalog'],
      summary: 'The student groups values are reported for',
      response: { 200: StudentGroupList },
    },
    handler: async () => ({ items: await getStudentGroups(deps.db) }),
  });
  app.route({
    method: 'GET',
    url: '/api/indicators',
    config: { access: publicAccess() },
    schema: {
      tags: ['catalog'],
      summary: 'The indicator catalog: what each number means, its unit, direction, source and year convention',
      response: { 200: IndicatorList },
    },
    handler: async () => ({ items: await getIndicators(deps.db) }),
  });
}
