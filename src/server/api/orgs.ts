import { z } from 'zod';
import { gradeCodes, gradeSpanCategories, orgLevels, orgTypes } from '../../core/orgs/organization.ts';

/** A reference to another organization: enough to show its name and link to it. */
export const OrgRef = z.object({ code: z.string(), name: z.string(), level: z.enum(orgLevels) }).meta({ id: 'OrgRef' });
export type OrgRef = z.infer<typeof OrgRef>;

/** One organization as lists show it. */
export const OrgSummary = z
  .object({
    code: z.string().describe('DESE 8-digit code for the state, districts and schools; a short word for regions'),
    name: z.string(),
    level: z.enum(orgLevels),
    type: z.enum(orgTypes),
    typeLabel: z.string(),
    gradeSpan: z.string().describe('Grades served, as DESE writes them (PK-05); empty when unknown'),
    gradeSpanCategory: z.enum(gradeSpanCategories).nullable(),
    town: z.string().nullable(),
    parent: OrgRef.nullable(),
    region: OrgRef.nullable().describe('Regional assistance team; null when the district has not been assigned one'),
    openedYear: z.number().int().nullable(),
    closedYear: z.number().int().nullable(),
  })
  .meta({ id: 'OrgSummary' });
export type OrgSummary = z.infer<typeof OrgSummary>;

/** One organization with the organizations directly under it. */
export const OrgDetail = OrgSummary.extend({
  grades: z.array(z.enum(gradeCodes)),
  children: z.array(OrgSummary),
}).meta({ id: 'OrgDetail' });
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgSearchQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe('Name words or a code (leading zeros may be left out)'),
    level: z.enum(orgLevels).optional(),
    type: z.enum(orgTypes).optional(),
    includeClosed: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .describe('Include organizations that have closed'),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .strict();
export type OrgSearchQuery = z.infer<typeof OrgSearchQuery>;

export const OrgSearchResponse = z
  .object({ items: z.array(OrgSummary), total: z.number().int() })
  .meta({ id: 'OrgSearchResponse' });
export type OrgSearchResponse = z.infer<typeof OrgSearchResponse>;

export const OrgCodeParams = z.object({ code: z.string().trim().min(1).max(40) }).strict();

export const SetRegionBody = z
  .object({
    regionCode: z
      .string()
      .trim()
      .max(40)
      .nullable()
      .describe('The region to assign (coastal, west-central); null leaves the district unassigned'),
  })
  .strict()
  .meta({ id: 'SetRegionBody' });
export type SetRegionBody = z.infer<typeof SetRegionBody>;
