import { z } from 'zod';

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    userEmail: z.string().nullable(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    orgCode: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    action: z.string().max(40).optional(),
    userId: z.coerce.number().int().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const AuditList = z.object({ items: z.array(AuditEntry) }).meta({ id: 'AuditList' });
