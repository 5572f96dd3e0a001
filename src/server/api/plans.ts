import { z } from 'zod';
import {
  actionStepStatuses,
  benchmarkKinds,
  benchmarkStatuses,
  blockFields,
  planKinds,
  practiceKeys,
} from '../../core/plans/template.ts';
import { planStatuses } from '../../core/plans/workflow.ts';
import { progressStatuses } from '../../core/plans/progress.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

/** A school year named by its ending year (2024-25 is 2025), as indicator values are. */
const SchoolYear = z.number().int().min(1990).max(2200);
const LongText = z.string().trim().max(20_000);
const Figure = z.number().finite().min(-1e12).max(1e12);
const Direction = z.enum(['higher_is_better', 'lower_is_better']);
const Practice = z.enum(practiceKeys);

/** A member of the local stakeholder group. */
export const Stakeholder = z.object({ name: shortText(200), role: shortText(200) }).strict();

/** One practice block of the template, as stored and shown. */
export const PlanBlock = z.object(
  Object.fromEntries(blockFields.map((f) => [f, z.string()])) as Record<(typeof blockFields)[number], z.ZodString>,
);

/** The plan's cover: signature, dates submitted, year of designation and year eligible to exit. */
export const PlanCover = z
  .object({
    superintendent: shortText(200).nullable().describe('Who signed the plan for the district'),
    superintendentSignedOn: IsoDate.nullable(),
    submittedToStakeholdersOn: IsoDate.nullable().describe('Date submitted to the local stakeholder group'),
    submittedToSchoolCommitteeOn: IsoDate.nullable(),
    submittedToStateOn: IsoDate.nullable(),
    designationYear: SchoolYear.nullable().describe('School year of designation, by its ending year'),
    exitEligibleYear: SchoolYear.nullable().describe('School year the school is eligible to exit, by its ending year'),
  })
  .meta({ id: 'PlanCover' });

/** A plan as lists show it. */
export const PlanSummary = z
  .object({
    id: z.number().int(),
    org: OrgRef,
    regionCode: z.string().nullable(),
    kind: z.enum(planKinds),
    title: z.string(),
    startYear: z.number().int().describe('First school year of the period, by its ending year'),
    endYear: z.number().int().describe('Last school year of the period, by its ending year'),
    status: z.enum(planStatuses),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.infer<typeof PlanSummary>;

/** Plans as lists show them. */
export const PlanList = z.object({ items: z.array(PlanSummary) }).meta({ id: 'PlanList' });
export type PlanList = z.infer<typeof PlanList>;

/** A SMART goal as stored and shown: its measure (indicator or local), baseline, target and owner. */
export const PlanGoal = z
  .object({
    id: z.number().int(),
    practice: Practice.nullable(),
    statement: z.string(),
    indicatorCode: z.string().nullable(),
    studentGroup: z.string().nullable(),
    localMeasure: z.object({ name: z.string(), unit: z.string(), direction: Direction }).nullable(),
    measureLabel: z.string().describe('The indicator label (and group), or the local measure name'),
    unit: z.string(),
    direction: Direction,
    baselineValue: z.number(),
    baselineYear: z.number().int(),
    targetValue: z.number(),
    targetYear: z.number().int(),
    targetDate: z.string().nullable(),
    owner: z.string(),
  })
  .meta({ id: 'PlanGoal' });
export type PlanGoal = z.infer<typeof PlanGoal>;

/** An interim benchmark for adults or students, with its due date and status. */
export const PlanBenchmark = z
  .object({
    id: z.number().int(),
    goalId: z.number().int().nullable(),
    kind: z.enum(benchmarkKinds),
    description: z.string(),
    measure: z.string(),
    dueDate: z.string(),
    status: z.enum(benchmarkStatuses),
  })
  .meta({ id: 'PlanBenchmark' });
export type PlanBenchmark = z.infer<typeof PlanBenchmark>;

/** An action step with its owner, due date and status. */
export const PlanActionStep = z
  .object({
    id: z.number().int(),
    goalId: z.number().int().nullable(),
    practice: Practice.nullable(),
    description: z.string(),
    owner: z.string(),
    dueDate: z.string(),
    status: z.enum(actionStepStatuses),
  })
  .meta({ id: 'PlanActionStep' });
export type PlanActionStep = z.infer<typeof PlanActionStep>;

/** A coaching comment: a strength, one thing to improve, guiding questions, expected outcomes, next steps. */
export const PlanComment = z
  .object({
    id: z.number().int(),
    practice: Practice.nullable().describe('The practice block commented on; null for the whole plan'),
    author: z.object({ id: z.number().int(), name: z.string(), role: z.string() }).nullable(),
    strength: z.string(),
    improvement: z.string(),
    guidingQuestions: z.string(),
    expectedOutcomes: z.string(),
    nextSteps: z.string(),
    planStatus: z.enum(planStatuses).describe('The plan status when the comment was made'),
    createdAt: z.string(),
  })
  .meta({ id: 'PlanComment' });
export type PlanComment = z.infer<typeof PlanComment>;

/** The whole plan, following the state template, with what the signed-in user may do with it. */
export const Plan = PlanSummary.extend({
  cover: PlanCover,
  executiveSummary: z.string(),
  financialPlan: z.string(),
  practices: z.array(z.object({ key: Practice, number: z.number().int(), title: z.string() })),
  blocks: z.record(Practice, PlanBlock),
  stakeholders: z.array(Stakeholder),
  goals: z.array(PlanGoal),
  benchmarks: z.array(PlanBenchmark),
  actionSteps: z.array(PlanActionStep),
  comments: z.array(PlanComment),
  permissions: z.object({
    edit: z.boolean().describe('The user may change the content now'),
    submit: z.boolean(),
    review: z.boolean().describe('The user may return or approve it now'),
    comment: z.boolean(),
  }),
}).meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

/** The plan id in the path. */
export const PlanIdParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }).strict();
/** A plan id and the id of one of its goals, benchmarks or action steps. */
export const PlanPartParams = z
  .object({
    id: z.coerce.number().int().min(1).max(2_147_483_647),
    partId: z.coerce.number().int().min(1).max(2_147_483_647),
  })
  .strict();

/** What the plan list can be narrowed by. */
export const PlanListQuery = z
  .object({
    org: z.string().trim().min(1).max(12).optional().describe('Only plans of this school or district'),
    status: z.enum(planStatuses).optional(),
    year: z.coerce.number().int().min(1990).max(2200).optional().describe('Only plans whose period holds this year'),
  })
  .strict();
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/** A new plan: the organization, kind, title and period (sections may follow). */
export const PlanCreateBody = z
  .object({
    orgCode: z.string().trim().min(1).max(12).describe('A school or district code'),
    kind: z.enum(planKinds),
    title: shortText(300),
    startYear: SchoolYear,
    endYear: SchoolYear,
    cover: PlanCover.partial().strict().optional(),
    executiveSummary: LongText.optional(),
    financialPlan: LongText.optional(),
    stakeholders: z.array(Stakeholder).max(100).optional(),
  })
  .strict();
export type PlanCreateBody = z.infer<typeof PlanCreateBody>;

const BlockPatch = z
  .object(
    Object.fromEntries(blockFields.map((f) => [f, LongText.optional()])) as Record<
      (typeof blockFields)[number],
      z.ZodOptional<typeof LongText>
    >,
  )
  .strict();

/** Changes to the period and the sections; each block field given replaces that field only. */
export const PlanUpdateBody = z
  .object({
    title: shortText(300).optional(),
    startYear: SchoolYear.optional().describe('First school year of the period, by its ending year'),
    endYear: SchoolYear.optional().describe('Last school year of the period, by its ending year'),
    cover: PlanCover.partial().strict().optional(),
    executiveSummary: LongText.optional(),
    financialPlan: LongText.optional(),
    stakeholders: z.array(Stakeholder).max(100).optional(),
    blocks: z.partialRecord(Practice, BlockPatch).optional(),
  })
  .strict();
export type PlanUpdateBody = z.infer<typeof PlanUpdateBody>;

const goalFields = {
  practice: Practice.nullable().optional(),
  statement: shortText(2000),
  indicatorCode: z.string().trim().min(1).max(80).nullable().optional().describe('A catalog indicator'),
  studentGroup: z.string().trim().min(1).max(40).optional().describe('Default: all students'),
  localMeasure: z
    .object({
      name: shortText(200),
      unit: shortText(40),
      direction: z.enum(['higher_is_better', 'lower_is_better', 'context']),
    })
    .strict()
    .nullable()
    .optional()
    .describe('A measure of the school or district, when no catalog indicator fits'),
  baselineValue: Figure.optional().describe(
    'Default for an indicator: the value stored for the organization, group and baseline year',
  ),
  baselineYear: SchoolYear,
  targetValue: Figure,
  targetYear: SchoolYear,
  targetDate: IsoDate.nullable().optional(),
  owner: shortText(200),
};

/** A new SMART goal: exactly one of `indicatorCode` and `localMeasure`. */
export const GoalBody = z.object(goalFields).strict();
export type GoalBody = z.infer<typeof GoalBody>;
/** Changes to a goal; the whole goal is checked again. */
export const GoalPatch = z.object(goalFields).partial().strict();
export type GoalPatch = z.infer<typeof GoalPatch>;

const benchmarkFields = {
  goalId: z.number().int().min(1).nullable().optional(),
  kind: z.enum(benchmarkKinds),
  description: shortText(2000),
  measure: shortText(500),
  dueDate: IsoDate,
  status: z.enum(benchmarkStatuses).optional(),
};
/** A new interim benchmark. */
export const BenchmarkBody = z.object(benchmarkFields).strict();
export type BenchmarkBody = z.infer<typeof BenchmarkBody>;
/** Changes to a benchmark (on an approved plan, only `status`). */
export const BenchmarkPatch = z.object(benchmarkFields).partial().strict();
export type BenchmarkPatch = z.infer<typeof BenchmarkPatch>;

const actionStepFields = {
  goalId: z.number().int().min(1).nullable().optional(),
  practice: Practice.nullable().optional(),
  description: shortText(2000),
  owner: shortText(200),
  dueDate: IsoDate,
  status: z.enum(actionStepStatuses).optional(),
};
/** A new action step. */
export const ActionStepBody = z.object(actionStepFields).strict();
export type ActionStepBody = z.infer<typeof ActionStepBody>;
/** Changes to an action step (on an approved plan, only `status`). */
export const ActionStepPatch = z.object(actionStepFields).partial().strict();
export type ActionStepPatch = z.infer<typeof ActionStepPatch>;

/** A coaching comment; at least one of its parts must be written. */
export const CommentBody = z
  .object({
    practice: Practice.nullable().optional(),
    strength: LongText.optional(),
    improvement: LongText.optional().describe('One thing to improve'),
    guidingQuestions: LongText.optional(),
    expectedOutcomes: LongText.optional(),
    nextSteps: LongText.optional().describe('Next steps the coach will look for'),
  })
  .strict();
export type CommentBody = z.infer<typeof CommentBody>;

/** Returning a plan needs a coaching comment saying what to revise; approving may carry one. */
export const ReturnBody = z.object({ comment: CommentBody }).strict();
export type ReturnBody = z.infer<typeof ReturnBody>;
export const ApproveBody = z.object({ comment: CommentBody.optional() }).strict();
export type ApproveBody = z.infer<typeof ApproveBody>;

/** One change in a plan's history: who, when, what (field-level before/after). */
export const PlanHistoryEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    user: z.object({ id: z.number().int().nullable(), email: z.string().nullable() }),
    event: z.string(),
    entity: z.enum(['plan', 'goal', 'benchmark', 'action_step', 'comment']),
    entityId: z.number().int().nullable(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  })
  .meta({ id: 'PlanHistoryEntry' });
export type PlanHistoryEntry = z.infer<typeof PlanHistoryEntry>;
/** A plan history, oldest first. */
export const PlanHistory = z.object({ items: z.array(PlanHistoryEntry) }).meta({ id: 'PlanHistory' });
export type PlanHistory = z.infer<typeof PlanHistory>;

/** The status of a goal against its trajectory, with the numbers that led to it. */
export const GoalProgress = z
  .object({
    status: z.enum(progressStatuses),
    latest: z.object({ value: z.number(), year: z.number().int() }).nullable(),
    expected: z.number().nullable().describe('The value on the trajectory for the latest value’s year'),
    gap: z.number().nullable().describe('Ahead of (+) or behind (-) the trajectory, in the measure’s unit'),
    remaining: z.number().nullable().describe('Still to go to the target (0 or less: reached)'),
    toleranceValue: z.number().describe('How far behind the trajectory still counts as on track'),
  })
  .meta({ id: 'GoalProgress' });

/** Goals by progress status (goals on a local measure: not linked). */
export const StatusCounts = z.object({
  met: z.number().int(),
  on_track: z.number().int(),
  off_track: z.number().int(),
  no_data: z.number().int(),
  not_linked: z.number().int(),
});

/** A plan's dashboard: each goal's progress, action steps due and overdue, benchmark status. */
export const PlanDashboard = z
  .object({
    plan: PlanSummary,
    asOf: z.string().describe('The date due and overdue counts are reckoned from'),
    tolerance: z.number().describe('Share of the planned change a goal may lag its trajectory and be on track'),
    goals: z.array(
      z.object({
        id: z.number().int(),
        statement: z.string(),
        measureLabel: z.string(),
        indicatorCode: z.string().nullable(),
        studentGroup: z.string().nullable(),
        unit: z.string(),
        direction: Direction,
        baseline: z.object({ value: z.number(), year: z.number().int() }),
        target: z.object({ value: z.number(), year: z.number().int(), date: z.string().nullable() }),
        progress: GoalProgress.nullable().describe('Null for a local measure: not linked to indicator data'),
      }),
    ),
    goalCounts: StatusCounts,
    actionSteps: z.object({
      total: z.number().int(),
      byStatus: z.record(z.enum(actionStepStatuses), z.number().int()),
      dueSoon: z.number().int().describe('Not done and due within the next 30 days'),
      overdue: z.number().int().describe('Not done and past due'),
    }),
    benchmarks: z.object({
      total: z.number().int(),
      byStatus: z.record(z.enum(benchmarkStatuses), z.number().int()),
      overdue: z.number().int().describe('Neither met nor not met, and past due'),
    }),
  })
  .meta({ id: 'PlanDashboard' });
export type PlanDashboard = z.infer<typeof PlanDashboard>;

/** The plans of a region's schools and districts with their goal status counts (the regional caseload). */
export const RegionPlans = z
  .object({
    region: OrgRef,
    tolerance: z.number(),
    items: z.array(PlanSummary.extend({ goalCounts: StatusCounts })),
  })
  .meta({ id: 'RegionPlans' });
export type RegionPlans = z.infer<typeof RegionPlans>;
/** The region code in the path. */
export const RegionParams = z.object({ regionCode: z.string().trim().min(1).max(40) }).strict();

/** The configuration of progress evaluation. */
export const ProgressSettings = z
  .object({
    tolerance: z
      .number()
      .min(0)
      .max(1)
      .describe(
        'Share of the planned change |target - baseline| a goal may lag behind its trajectory and still be on track',
      ),
  })
  .strict()
  .meta({ id: 'ProgressSettings' });
export type ProgressSettings = z.infer<typeof ProgressSettings>;
