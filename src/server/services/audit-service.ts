import type { RequestContext } from '../context.ts';
import { insertAudit, listAudit, type AuditFilter } from '../db/repositories/audit-repository.ts';
import type { AuditEntry } from '../api/audit.ts';

/** What was done, to what. */
export interface AuditEvent {
  action: 'read' | 'export' | 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out';
  resourceType: string;
  resourceId?: string | null;
  orgId?: number | null;
  detail?: Record<string, unknown>;
}

/** Writes one audit entry for the request's user; every read of person-level data goes through here. */
export async function writeAudit(ctx: RequestContext, event: AuditEvent): Promise<void> {
  await insertAudit(ctx.db.kysely, {
    userId: ctx.user?.id ?? null,
    userEmail: ctx.user?.email ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId ?? null,
    orgId: event.orgId ?? null,
    detail: event.detail ?? {},
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  });
  ctx.markAudited?.();
}

/** The latest audit entries, newest first (reading the log is itself audited). */
export async function readAuditLog(ctx: RequestContext, filter: AuditFilter): Promise<AuditEntry[]> {
  const rows = await listAudit(ctx.db.kysely, filter);
  await writeAudit(ctx, { action: 'read', resourceType: 'audit_log', detail: { filter, returned: rows.length } });
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    userId: r.user_id,
    userEmail: r.user_email,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    orgCode: r.org_code,
    detail: r.detail,
    ip: r.ip,
  }));
}
