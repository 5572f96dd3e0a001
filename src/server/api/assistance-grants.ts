import { z } from 'zod';
import { shortText } from './common.ts';
import { OrgRef } from './orgs.ts';

const Cents = z.number().int().min(0).max(100_000_000_000);
const Attribute = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/** The attributes an eligibility rule can test, with what they hold. */
export const eligibilityFields = {
  requiringAssistance: 'true when the latest official accountability run classifies it as requiring assistance',
  classification: 'the classification text of the latest official run',
  category: 'the support category of the latest official run',
  percentile: 'the accountability percentile (schools), or null',
  enrollment: 'students enrolled (indicator enrollment_total, all students)',
  orgType: 'the organization type (local, regional, charter, vocational, ...)',
} as const;
const fieldNames = Object.keys(eligibilityFields) as [
  keyof typeof eligibilityFields,
  ...(keyof typeof eligibilityFields)[],
];

export const EligibilityCondition = z.discriminatedUnion('op', [
  z.object({ field: z.enum(fieldNames), op: z.literal('eq'), value: Attribute }).strict(),
  z.object({ field: z.enum(fieldNames), op: z.literal('in'), values: z.array(Attribute).min(1).max(50) }).strict(),
  z.object({ field: z.enum(fieldNames), op: z.enum(['gte', 'lte']), value: z.number() }).strict(),
]);

export const EligibilityRule = z
  .object({ all: z.array(EligibilityCondition).max(20) })
  .strict()
  .describe('Every condition must hold; an empty list admits everyone');

export const AllocationFormula = z
  .object({
    baseCents: Cents,
    perPupilCents: z.number().min(0).max(10_000_000).describe('May hold fractions of a cent'),
    minCents: Cents.nullable(),
    maxCents: Cents.nullable(),
  })
  .strict()
  .refine((f) => f.minCents === null || f.maxCents === null || f.minCents <= f.maxCents, {
    message: 'the minimum must not exceed the maximum',
    path: ['minCents'],
  });

export const GrantProgramBody = z
  .object({
    fundCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and dashes, at most 20'),
    name: shortText(200),
    source: z.enum(['state', 'federal']),
    recipientLevel: z.enum(['district', 'school']),
    eligibility: EligibilityRule,
    formula: AllocationFormula,
  })
  .strict();
export type GrantProgramBody = z.infer<typeof GrantProgramBody>;

export const GrantProgram = z
  .object({
    id: z.number().int(),
    fundCode: z.string(),
    name: z.string(),
    source: z.enum(['state', 'federal']),
    recipientLevel: z.enum(['district', 'school']),
    eligibility: EligibilityRule,
    formula: z.object({
      baseCents: z.number(),
      perPupilCents: z.number(),
      minCents: z.number().nullable(),
      maxCents: z.number().nullable(),
    }),
  })
  .meta({ id: 'GrantProgram' });
export type GrantProgram = z.infer<typeof GrantProgram>;

export const GrantProgramList = z
  .object({ items: z.array(GrantProgram), eligibilityFields: z.record(z.string(), z.string()) })
  .meta({ id: 'GrantProgramList' });
export type GrantProgramList = z.infer<typeof GrantProgramList>;

export const AllocationBody = z
  .object({
    fiscalYear: z.number().int().min(1990).max(2200),
    budgetCents: Cents,
    enrollmentYear: z
      .number()
      .int()
      .min(1990)
      .max(2200)
      .optional()
      .describe('School year of the enrollment counts; default the latest year with any'),
  })
  .strict();
export type AllocationBody = z.infer<typeof AllocationBody>;

export const AllocationLine = z.object({
  org: OrgRef,
  region: OrgRef.nullable(),
  enrollment: z.number().int(),
  baseCents: z.number(),
  perPupilPartCents: z.number(),
  formulaCents: z.number(),
  scalingFactor: z.number(),
  scaledCents: z.number(),
  cap: z.enum(['minimum', 'maximum']).nullable(),
  roundedUp: z.boolean(),
  amountCents: z.number().int(),
  explanation: z.string(),
});

export const Allocation = z
  .object({
    id: z.number().int(),
    program: z.object({ id: z.number().int(), fundCode: z.string(), name: z.string() }),
    fiscalYear: z.number().int(),
    budgetCents: z.number().int(),
    scalingFactor: z.number(),
    status: z.enum(['draft', 'final']),
    accountabilityRunId: z.number().int().nullable(),
    enrollmentYear: z.number().int().nullable(),
    rounding: z.string(),
    totalCents: z.number().int().describe('Sum of the lines shown (regional staff: their region only)'),
    lines: z.array(AllocationLine),
    ineligible: z.array(z.object({ orgCode: z.string(), name: z.string(), reason: z.string() })),
  })
  .meta({ id: 'GrantAllocation' });
export type Allocation = z.infer<typeof Allocation>;
