import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { personLevel, signedIn } from '../auth/access.ts';
import { AuditFilterQuery, AuditList, AuditQuery, AuditVerification } from '../api/audit.ts';
import { ErrorResponse } from '../api/common.ts';
import { checkAuditChain, exportAuditCsv, readAuditPage } from '../services/audit-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerAuditRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/audit',
    config: { access: personLevel(signedIn('state_admin')) },
    schema: {
      tags: ['audit'],
      summary: 'Audit-log entries, newest first, filtered and paged (state administrators)',
      querystring: AuditQuery,
      response: { 200: AuditList, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => readAuditPage(req.ctx, req.query),
  });

  app.route({
    method: 'GET',
    url: '/api/audit/export',
    config: { access: personLevel(signedIn('state_admin')) },
    schema: {
      tags: ['audit'],
      summary: 'Every audit-log entry matching the filters, as CSV (state administrators)',
      querystring: AuditFilterQuery,
      response: {
        200: z.string().describe('CSV, one entry per line, newest first'),
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
      },
    },
    handler: async (req, reply) => {
      const csv = await exportAuditCsv(req.ctx, req.query);
      const day = deps.clock().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ssos-audit-${day}.csv"`)
        .send(csv);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/audit/verify',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['audit'],
      summary: "Checks the audit log's hash chain: whether any entry was changed or deleted (state administrators)",
      querystring: z.object({}).strict(),
      response: { 200: AuditVerification, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => checkAuditChain(req.ctx),
  });
}
