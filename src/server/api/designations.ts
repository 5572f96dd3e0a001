import { z } from 'zod';
import { gradeSpanCategories } from '../../core/orgs/organization.ts';
import { shortText } from './common.ts';
import { OrgRef } from './orgs.ts';

/** The state's designations under 603 CMR 2.05 (schools) and 2.06 (districts). */
export const designationKinds = ['underperforming', 'chronically_underperforming'] as const;
export type DesignationKind = (typeof designationKinds)[number];

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a date that exists')
  .refine((s) => s >= '1990-01-01' && s <= '2200-12-31', 'must be between 1990 and 2200');

/** A designation while it lasts, as the eligible lists show it. */
export const CurrentDesignation = z
  .object({ id: z.number().int(), designation: z.enum(designationKinds), designatedOn: z.string() })
  .meta({ id: 'CurrentDesignation' });

/** One designation, current or past: a public record. */
export const Designation = z
  .object({
    id: z.number().int(),
    org: OrgRef,
    designation: z.enum(designationKinds),
    designatedOn: z.string().describe('YYYY-MM-DD'),
    rationale: z.string(),
    exitedOn: z.string().nullable().describe('YYYY-MM-DD; null while the designation lasts'),
    exitRationale: z.string().nullable().describe('The finding of the exit review'),
    current: z.boolean(),
  })
  .meta({ id: 'Designation' });
export type Designation = z.infer<typeof Designation>;

export const DesignationList = z.object({ items: z.array(Designation) }).meta({ id: 'DesignationList' });
export type DesignationList = z.infer<typeof DesignationList>;

export const DesignationBody = z
  .object({
    orgCode: z.string().trim().min(1).max(12).describe('A school or district code'),
    designation: z.enum(designationKinds),
    designatedOn: IsoDate,
    rationale: shortText(4000),
  })
  .strict();
export type DesignationBody = z.infer<typeof DesignationBody>;

export const DesignationExitBody = z
  .object({
    exitedOn: IsoDate,
    rationale: shortText(4000).describe('The finding of the exit review'),
  })
  .strict();
export type DesignationExitBody = z.infer<typeof DesignationExitBody>;

export const DesignationIdParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }).strict();

export const EligibleQuery = z
  .object({
    year: z.coerce.number().int().min(1990).max(2200).optional().describe('Default: the latest year with a run'),
  })
  .strict();
export type EligibleQuery = z.infer<typeof EligibleQuery>;

export const EligibleSchool = z.object({
  code: z.string(),
  name: z.string(),
  district: OrgRef.nullable(),
  gradeSpanCategory: z.enum(gradeSpanCategories),
  percentile: z.number().int().describe('Accountability percentile in the official run'),
  rank: z.number().int().describe('Rank among schools with common grades, 1 = lowest'),
  groupSize: z.number().int().describe('Schools with common grades that have a percentile'),
  designation: CurrentDesignation.nullable(),
});

export const EligibleDistrict = z.object({
  code: z.string(),
  name: z.string(),
  annualPct: z.number().describe('Annual criterion-referenced target percentage in the official run'),
  rank: z.number().int().describe('Rank among districts, 1 = lowest'),
  designation: CurrentDesignation.nullable(),
});

export const EligibleLists = z
  .object({
    run: z.object({ id: z.number().int(), year: z.number().int() }).nullable(),
    rules: z.object({
      schoolShare: z.number().describe('Share of schools with common grades eligible (603 CMR 2.05)'),
      districtShare: z.number().describe('Share of districts eligible (603 CMR 2.06)'),
      notes: z.array(z.string()),
    }),
    schools: z.array(EligibleSchool),
    districts: z.array(EligibleDistrict),
  })
  .meta({ id: 'EligibleLists' });
export type EligibleLists = z.infer<typeof EligibleLists>;
