import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Q = Kysely<Database>;

/** One line of the audit log: who did what to which resource, when and from where. */
export interface AuditRecord {
  userId: number | null;
  userEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgId: number | null;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export async function insertAudit(db: Q, r: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: r.userId,
      user_email: r.userEmail,
      action: r.action,
      resource_type: r.resourceType,
      resource_id: r.resourceId,
      org_id: r.orgId,
      detail: JSON.stringify(r.detail),
      ip: r.ip,
      user_agent: r.userAgent?.slice(0, 300) ?? null,
      request_id: r.requestId,
    })
    .execute();
}

export interface AuditFilter {
  action?: string | undefined;
  userId?: number | undefined;
  limit: number;
}

export async function listAudit(db: Q, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.at',
      'a.user_id',
      'a.user_email',
      'a.action',
      'a.resource_type',
      'a.resource_id',
      'o.code as org_code',
      'a.detail',
      'a.ip',
    ]);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.userId !== undefined) q = q.where('a.user_id', '=', f.userId);
  return q.orderBy('a.id', 'desc').limit(f.limit).execute();
}
