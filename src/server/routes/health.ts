import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { publicAccess } from '../auth/access.ts';
import { HealthResponse, PlatformConfig } from '../api/catalog.ts';
import { ErrorResponse } from '../api/common.ts';
import { schemaVersion } from '../db/migrate.ts';
import { isDemo } from '../services/demo-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerHealthRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/health',
    config: { access: publicAccess() },
    schema: {
      tags: ['platform'],
      summary: 'Whether the platform and its database are up',
      response: { 200: HealthResponse, 503: ErrorResponse },
    },
    handler: async () => ({
      status: 'ok' as const,
      version: deps.version,
      database: deps.db.kind,
      schemaVersion: await schemaVersion(deps.db),
    }),
  });

  app.route({
    method: 'GET',
    url: '/api/config',
    config: { access: publicAccess() },
    schema: {
      tags: ['platform'],
      summary: 'Public facts about this installation (agency name, reporting minimum)',
      querystring: z.object({}).strict(),
      response: { 200: PlatformConfig },
    },
    handler: async () => ({
      agencyName: deps.config.agencyName,
      agencyShortName: deps.config.agencyShortName,
      reportingMinimum: deps.config.reportingMinimum,
      demo: await isDemo(deps.db),
    }),
  });
}
