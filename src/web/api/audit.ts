import { useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditFilterQuery, AuditList, AuditVerification } from '../../server/api/audit.ts';
import { apiFetch, withQuery } from './client.ts';

export type { AuditEntry, AuditList, AuditVerification };

/** The audit log's page (state administrators). */
export const auditLogPath = '/admin/audit';

/** The viewer's filters as the page keeps them in its address (empty text: not filtered). */
export type AuditFilters = Required<{ [K in Exclude<keyof AuditFilterQuery, 'userId'>]: string }>;

/** The filters of the viewer, in the order the form shows them. */
export const auditFilterKeys = [
  'user',
  'action',
  'resourceType',
  'org',
  'from',
  'to',
] as const satisfies readonly (keyof AuditFilters)[];

/** Entries on one page of the viewer. */
export const auditPageSize = 50;

/**
 * One page of audit-log entries matching the filters, newest first, starting before the entry `before` when given
 * (`GET /api/audit`). Every read of the log is itself recorded.
 */
export function useAuditLog(filters: AuditFilters, before: number | undefined) {
  return useQuery({
    queryKey: ['audit-log', filters, before ?? null],
    queryFn: ({ signal }) =>
      apiFetch<AuditList>(withQuery('/api/audit', { ...filters, before, limit: auditPageSize }), { signal }),
    retry: false,
  });
}

/** The address of every entry matching the filters as CSV (`GET /api/audit/export`): a plain link, a file. */
export function auditExportUrl(filters: AuditFilters): string {
  return withQuery('/api/audit/export', filters);
}

/** Checks the whole hash chain of the log now (`GET /api/audit/verify`). */
export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => apiFetch<AuditVerification>('/api/audit/verify'),
  });
}
