import { z } from 'zod';
import { applicationStatuses } from '../../core/assistance/grants.ts';
import { planKinds, practiceKeys } from '../../core/plans/template.ts';
import { planStatuses } from '../../core/plans/workflow.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
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

export const AllocationList = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        fiscalYear: z.number().int(),
        budgetCents: z.number().int(),
        status: z.enum(['draft', 'final']),
        recipients: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'GrantAllocationList' });
export type AllocationList = z.infer<typeof AllocationList>;

// ---- applications, awards, budget lines, expenditure reports ----

const Id = z.coerce.number().int().min(1).max(2_147_483_647);
const FiscalYear = z.number().int().min(1990).max(2200);

export const ApplicationBody = z
  .object({
    programId: Id,
    fiscalYear: FiscalYear,
    orgCode: z.string().trim().min(1).max(40).describe('The school or district applying (the program says which)'),
    requestedCents: Cents,
    narrative: z.string().trim().max(20000).default('').describe('What the funds are for and why'),
  })
  .strict();
export type ApplicationBody = z.infer<typeof ApplicationBody>;

export const ApplicationUpdateBody = z
  .object({ requestedCents: Cents, narrative: z.string().trim().max(20000) })
  .strict();
export type ApplicationUpdateBody = z.infer<typeof ApplicationUpdateBody>;

export const AwardBody = z
  .object({
    amountCents: Cents.min(1),
    awardedOn: IsoDate,
    note: z.string().trim().max(4000).default(''),
  })
  .strict();
export type AwardBody = z.infer<typeof AwardBody>;

export const DeclineBody = z.object({ note: shortText(4000).describe('Why the application is declined') }).strict();
export type DeclineBody = z.infer<typeof DeclineBody>;

export const ApplicationQuery = z
  .object({
    programId: Id.optional(),
    fiscalYear: z.coerce.number().int().min(1990).max(2200).optional(),
    status: z.enum(applicationStatuses).optional(),
  })
  .strict();
export type ApplicationQuery = z.infer<typeof ApplicationQuery>;

/** The spent-vs-awarded figures (cents); percent spent to one decimal, null when nothing was awarded. */
export const SpendingFigures = z.object({
  awardedCents: z.number().int(),
  budgetedCents: z.number().int(),
  spentCents: z.number().int(),
  remainingCents: z.number().int().describe('Awarded minus spent'),
  percentSpent: z.number().nullable(),
});

export const GrantApplication = z
  .object({
    id: z.number().int(),
    program: z.object({
      id: z.number().int(),
      fundCode: z.string(),
      name: z.string(),
      source: z.enum(['state', 'federal']),
    }),
    fiscalYear: z.number().int(),
    org: OrgRef,
    district: OrgRef.nullable(),
    region: OrgRef.nullable(),
    requestedCents: z.number().int(),
    narrative: z.string(),
    status: z.enum(applicationStatuses),
    decisionNote: z.string(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    allocation: z
      .object({ id: z.number().int(), status: z.enum(['draft', 'final']), amountCents: z.number().int().nullable() })
      .nullable()
      .describe("The program's allocation of that year and the recipient's line (null amount: not a recipient)"),
    award: z.object({ id: z.number().int(), amountCents: z.number().int(), awardedOn: z.string() }).nullable(),
    figures: SpendingFigures.nullable().describe('Spent vs awarded; null until awarded'),
  })
  .meta({ id: 'GrantApplication' });
export type GrantApplication = z.infer<typeof GrantApplication>;

export const GrantApplicationList = z.object({ items: z.array(GrantApplication) }).meta({ id: 'GrantApplicationList' });
export type GrantApplicationList = z.infer<typeof GrantApplicationList>;

export const StrategyBody = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('practice'), planId: Id, practice: z.enum(practiceKeys) })
    .strict()
    .describe("A Turnaround Practice block of the recipient's plan"),
  z
    .object({ kind: z.literal('action_step'), planId: Id, actionStepId: Id })
    .strict()
    .describe("An action step of the recipient's plan"),
]);
export type StrategyBody = z.infer<typeof StrategyBody>;

export const BudgetLineBody = z
  .object({
    objectCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,20}$/, 'letters, digits, dots and dashes, at most 20'),
    description: shortText(500),
    amountCents: Cents,
    strategy: StrategyBody.nullable().default(null).describe('The plan strategy the line funds, if any'),
  })
  .strict();
export type BudgetLineBody = z.infer<typeof BudgetLineBody>;

export const Strategy = z.object({
  kind: z
    .enum(['practice', 'action_step', 'plan'])
    .describe('plan: tied to the plan only (its action step was deleted)'),
  plan: z.object({ id: z.number().int(), title: z.string() }),
  practice: z.object({ key: z.enum(practiceKeys), number: z.number().int(), title: z.string() }).nullable(),
  actionStep: z.object({ id: z.number().int(), description: z.string() }).nullable(),
  label: z.string(),
});

export const BudgetLine = z
  .object({
    id: z.number().int(),
    objectCode: z.string(),
    description: z.string(),
    amountCents: z.number().int(),
    spentCents: z.number().int(),
    remainingCents: z.number().int(),
    strategy: Strategy.nullable(),
  })
  .meta({ id: 'GrantBudgetLine' });
export type BudgetLine = z.infer<typeof BudgetLine>;

export const ExpenditureReportBody = z
  .object({
    periodStart: IsoDate,
    periodEnd: IsoDate,
    notes: z.string().trim().max(4000).default(''),
    amounts: z
      .array(z.object({ budgetLineId: Id, amountCents: Cents }).strict())
      .min(1)
      .max(200)
      .refine((a) => new Set(a.map((x) => x.budgetLineId)).size === a.length, 'each budget line at most once'),
  })
  .strict()
  .refine((r) => r.periodEnd >= r.periodStart, {
    message: 'the period must end on or after its start',
    path: ['periodEnd'],
  });
export type ExpenditureReportBody = z.infer<typeof ExpenditureReportBody>;

export const ExpenditureReport = z
  .object({
    id: z.number().int(),
    periodStart: z.string(),
    periodEnd: z.string(),
    notes: z.string(),
    totalCents: z.number().int(),
    amounts: z.array(
      z.object({
        budgetLineId: z.number().int(),
        objectCode: z.string(),
        description: z.string(),
        amountCents: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'GrantExpenditureReport' });
export type ExpenditureReport = z.infer<typeof ExpenditureReport>;

/** A plan of the recipient whose strategies a budget line can fund. */
export const PlanStrategyOption = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(planKinds),
  status: z.enum(planStatuses),
  startYear: z.number().int(),
  endYear: z.number().int(),
  practices: z.array(
    z.object({
      key: z.enum(practiceKeys),
      number: z.number().int(),
      title: z.string(),
      strategies: z.string().describe("The block's strategies and rationale as the plan words them"),
    }),
  ),
  actionSteps: z.array(
    z.object({ id: z.number().int(), description: z.string(), practice: z.enum(practiceKeys).nullable() }),
  ),
});

export const GrantApplicationDetail = GrantApplication.extend({
  budgetLines: z.array(BudgetLine),
  expenditureReports: z.array(ExpenditureReport),
  planOptions: z.array(PlanStrategyOption).describe("The recipient's plans, for tying budget lines to strategies"),
}).meta({ id: 'GrantApplicationDetail' });
export type GrantApplicationDetail = z.infer<typeof GrantApplicationDetail>;

export const DashboardQuery = z.object({ fiscalYear: z.coerce.number().int().min(1990).max(2200) }).strict();

const DashboardRow = z.object({
  applicationId: z.number().int(),
  org: OrgRef,
  region: OrgRef.nullable(),
  allocatedCents: z.number().int().nullable().describe("The recipient's line of the year's allocation, if any"),
  figures: SpendingFigures,
});

export const ProgramDashboard = z
  .object({
    program: z.object({ id: z.number().int(), fundCode: z.string(), name: z.string() }),
    fiscalYear: z.number().int(),
    allocation: z.object({ id: z.number().int(), status: z.enum(['draft', 'final']) }).nullable(),
    items: z.array(DashboardRow).describe('One row per awarded recipient (regional staff: their region)'),
    totals: SpendingFigures,
  })
  .meta({ id: 'GrantProgramDashboard' });
export type ProgramDashboard = z.infer<typeof ProgramDashboard>;

export const OrgGrants = z
  .object({
    org: OrgRef,
    items: z.array(GrantApplication).describe('Its applications and those of the organizations under it'),
    totals: SpendingFigures.describe('Of the awarded applications'),
  })
  .meta({ id: 'OrgGrants' });
export type OrgGrants = z.infer<typeof OrgGrants>;
