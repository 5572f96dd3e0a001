import { z } from 'zod';

/** One audit-log entry as the viewer shows it. */
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

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a calendar date',
    },
  );

/** The audit viewer's filters (all optional), shared by the list and the CSV export. */
export const AuditFilterQuery = z
  .object({
    action: z.string().max(40).optional(),
    userId: z.coerce.number().int().min(1).optional(),
    user: z.string().trim().max(254).optional().describe('The email the entry was written under (exact)'),
    resourceType: z.string().max(60).optional().describe('What the entry is about: student, user, session, ...'),
    org: z.string().trim().max(40).optional().describe('The code of the organization the entry concerns'),
    from: isoDate.optional().describe('Entries on or after this day (UTC), YYYY-MM-DD'),
    to: isoDate.optional().describe('Entries on or before this day (UTC), YYYY-MM-DD'),
  })
  .strict();
export type AuditFilterQuery = z.infer<typeof AuditFilterQuery>;

/** The list's query: the filters, a page size, and where the page starts. */
export const AuditQuery = AuditFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Entries older than this id (nextBefore of the last page)'),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

/** A page of entries, newest first; `nextBefore` asks for the next page (null on the last one). */
export const AuditList = z
  .object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable().optional() })
  .meta({ id: 'AuditList' });
export type AuditList = z.infer<typeof AuditList>;

/** The outcome of checking the audit log's hash chain. */
export const AuditVerification = z
  .object({
    intact: z.boolean(),
    entries: z.number().int(),
    lastId: z.number().int().nullable(),
    headHash: z.string().nullable(),
    brokenAt: z.number().int().nullable().describe('The id of the first entry found broken'),
    problem: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;
