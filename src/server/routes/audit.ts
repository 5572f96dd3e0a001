import type { ZodApp } from '../app.ts';
import { personLevel, signedIn } from '../auth/access.ts';
import { AuditList, AuditQuery } from '../api/audit.ts';
import { ErrorResponse } from '../api/common.ts';
import { readAuditLog } from '../services/audit-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerAuditRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/audit',
    config: { access: personLevel(signedIn('state_admin')) },
    schema: {
      tags: ['audit'],
      summary: 'The latest audit-log entries, newest first (state administrators)',
      querystring: AuditQuery,
      response: { 200: AuditList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => ({ items: await readAuditLog(req.ctx, req.query) }),
  });
}
