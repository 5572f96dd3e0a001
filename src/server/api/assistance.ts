import { z } from 'zod';
import { engagementTypes, frameworkCodeList, teamRoles } from '../../core/assistance/vocabulary.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';
import { PlanSummary, StatusCounts } from './plans.ts';

const Id = z.coerce.number().int().min(1).max(2_147_483_647);
const OrgCode = z.string().trim().min(1).max(40);

/** A path parameter `:id`. */
export const IdParams = z.object({ id: Id }).strict();

// ---- teams and caseloads ----

/** A member of a regional assistance team with the districts assigned to them. */
export const StaffMember = z
  .object({
    id: z.number().int(),
    user: z.object({ id: z.number().int(), displayName: z.string(), email: z.string() }),
    region: OrgRef,
    teamRole: z.enum(teamRoles),
    teamRoleLabel: z.string(),
    active: z.boolean(),
    districts: z.array(OrgRef),
  })
  .meta({ id: 'AssistanceStaffMember' });
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = z.object({ items: z.array(StaffMember) }).meta({ id: 'AssistanceStaffList' });
export type StaffList = z.infer<typeof StaffList>;

export const StaffQuery = z
  .object({ region: OrgCode.optional().describe('A region code; regional staff see only their own region') })
  .strict();

export const StaffBody = z
  .object({
    userId: Id.optional().describe(
      'The user who joins the team (regional staff, state staff or a state administrator); or give `email`',
    ),
    email: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .optional()
      .describe("The email address of the user's account, instead of `userId` (one of the two, not both)"),
    regionCode: OrgCode,
    teamRole: z.enum(teamRoles),
    districtCodes: z.array(OrgCode).max(500).default([]).describe('Districts of the region on their caseload'),
  })
  .strict();
export type StaffBody = z.infer<typeof StaffBody>;

export const StaffUpdateBody = z
  .object({
    teamRole: z.enum(teamRoles),
    districtCodes: z.array(OrgCode).max(500),
    active: z.boolean(),
  })
  .strict();
export type StaffUpdateBody = z.infer<typeof StaffUpdateBody>;

/** An account that may join a region's team and is on no team yet. */
export const StaffCandidate = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['regional_staff', 'state_staff', 'state_admin']),
  roleLabel: z.string(),
});

/** What staffing a region's team draws on: the districts of the region and the accounts that may join. */
export const RegionStaffing = z
  .object({
    region: OrgRef,
    districts: z.array(OrgRef).describe('The open districts of the region, by name'),
    candidates: z
      .array(StaffCandidate)
      .describe("Active accounts on no team that may join: the region's regional staff, state staff, administrators"),
  })
  .meta({ id: 'AssistanceRegionStaffing' });
export type RegionStaffing = z.infer<typeof RegionStaffing>;

/** The engagement alert (`core/assistance/priority.ts`): never engaged, or none for more than the alert days. */
export const EngagementAlert = z
  .object({
    kind: z.enum(['never', 'overdue']),
    daysSince: z.number().int().nullable().describe('Days since the last engagement; null when there has been none'),
    message: z.string(),
  })
  .meta({ id: 'AssistanceEngagementAlert' });

/** An organization's current plan (its latest) with its goals counted by progress status. */
export const CurrentPlan = PlanSummary.pick({
  id: true,
  title: true,
  kind: true,
  status: true,
  startYear: true,
  endYear: true,
})
  .extend({ goalCounts: StatusCounts })
  .meta({ id: 'AssistanceCurrentPlan' });
export type CurrentPlan = z.infer<typeof CurrentPlan>;

/** One district or school on a caseload. */
export const CaseloadEntry = z.object({
  org: OrgRef,
  district: OrgRef.nullable().describe("A school's district; null for the district itself"),
  classification: z.string().nullable().describe('From the latest official accountability run'),
  category: z.string().nullable(),
  requiringAssistance: z.boolean(),
  lastEngagementOn: z.string().nullable().describe('YYYY-MM-DD, on or before today; null when none'),
  daysSinceEngagement: z.number().int().nullable().describe('Whole UTC days from the last engagement to today'),
  alert: EngagementAlert.nullable().describe(
    'Requiring assistance and never engaged, or not for more than the alert days of the priority settings; else null',
  ),
  plan: CurrentPlan.nullable().describe('Its current plan (the latest) with goal progress; null when it has none'),
});

export const Caseload = z
  .object({
    staff: StaffMember,
    run: z.object({ id: z.number().int(), year: z.number().int() }).nullable(),
    asOf: z.string().describe('The date the alerts were computed for (YYYY-MM-DD)'),
    alertDays: z.number().int().describe('The alert days of the priority settings in force'),
    items: z.array(CaseloadEntry),
  })
  .meta({ id: 'AssistanceCaseload' });
export type Caseload = z.infer<typeof Caseload>;

/** The signed-in user's place on a team and their caseload (null when not on a team). */
export const MyAssistance = z
  .object({ staff: StaffMember.nullable(), caseload: Caseload.nullable() })
  .meta({ id: 'MyAssistance' });
export type MyAssistance = z.infer<typeof MyAssistance>;

// ---- priority queue ----

/** The priority settings: weights, missing-part rule, classification first, alert days. */
export const PrioritySettings = z
  .object({
    weights: z
      .object({
        classification: z.number().min(0).max(1000),
        percentile: z.number().min(0).max(1000),
        earlyWarning: z.number().min(0).max(1000),
      })
      .strict()
      .refine((w) => w.classification + w.percentile + w.earlyWarning > 0, 'at least one weight must be above 0'),
    missing: z.enum(['redistribute', 'zero']),
    requiringAssistanceFirst: z.boolean(),
    alertDays: z.number().int().min(1).max(730),
  })
  .strict()
  .meta({ id: 'AssistancePrioritySettings' });
export type PrioritySettings = z.infer<typeof PrioritySettings>;

export const PriorityQuery = z.object({ level: z.enum(['school', 'district', 'all']).default('all') }).strict();
export type PriorityQuery = z.infer<typeof PriorityQuery>;

export const PriorityEntry = z.object({
  rank: z.number().int(),
  org: OrgRef,
  district: OrgRef.nullable(),
  classification: z.string().nullable(),
  category: z.string().nullable(),
  requiringAssistance: z.boolean(),
  percentile: z.number().int().nullable(),
  highRiskShare: z.number().nullable().describe('Share of scored students at high early-warning risk; null if none'),
  score: z.number(),
  parts: z.array(
    z.object({
      part: z.enum(['classification', 'percentile', 'earlyWarning']),
      value: z.number().nullable(),
      weight: z.number(),
      points: z.number(),
    }),
  ),
  lastEngagementOn: z.string().nullable(),
  daysSinceEngagement: z.number().int().nullable(),
  plan: CurrentPlan.nullable().describe('Its current plan (the latest) with goal progress; null when it has none'),
  alert: EngagementAlert.nullable(),
});

export const PriorityQueue = z
  .object({
    region: OrgRef,
    run: z.object({ id: z.number().int(), year: z.number().int() }).nullable(),
    ewisRun: z.object({ id: z.number().int(), year: z.number().int() }).nullable(),
    asOf: z.string().describe('The date the alerts were computed for (YYYY-MM-DD)'),
    settings: PrioritySettings,
    alerts: z.number().int(),
    items: z.array(PriorityEntry),
  })
  .meta({ id: 'AssistancePriorityQueue' });
export type PriorityQueue = z.infer<typeof PriorityQueue>;

// ---- engagement log ----

export const Participant = z.object({ name: shortText(200), role: shortText(200) }).strict();

export const EngagementBody = z
  .object({
    orgCode: OrgCode.describe('The school or district'),
    type: z.enum(engagementTypes),
    occurredOn: IsoDate,
    staffIds: z.array(Id).min(1).max(20).describe('Team members who led it'),
    participants: z.array(Participant).max(200).default([]),
    frameworkCodes: z
      .array(z.enum(frameworkCodeList))
      .max(15)
      .default([])
      .describe('Conditions for School Effectiveness (cse-1..cse-11) and Turnaround Practices (tp-1..tp-4)'),
    notes: z.string().trim().max(8000).default(''),
    nextSteps: z.string().trim().max(4000).default(''),
  })
  .strict();
export type EngagementBody = z.infer<typeof EngagementBody>;

export const Engagement = z
  .object({
    id: z.number().int(),
    org: OrgRef,
    district: OrgRef.nullable(),
    type: z.enum(engagementTypes),
    typeLabel: z.string(),
    occurredOn: z.string(),
    staff: z.array(z.object({ id: z.number().int(), displayName: z.string(), teamRole: z.enum(teamRoles) })),
    participants: z.array(z.object({ name: z.string(), role: z.string() })),
    frameworkCodes: z.array(z.object({ code: z.enum(frameworkCodeList), title: z.string() })),
    notes: z.string(),
    nextSteps: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AssistanceEngagement' });
export type Engagement = z.infer<typeof Engagement>;

export const EngagementTimelineQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    type: z.enum(engagementTypes).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(1000).default(200).describe('JSON only; the CSV holds every match'),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type EngagementTimelineQuery = z.infer<typeof EngagementTimelineQuery>;

export const EngagementTimeline = z
  .object({
    org: OrgRef,
    total: z.number().int().describe('Engagements matching, of which `items` is one page'),
    items: z.array(Engagement),
  })
  .meta({ id: 'AssistanceEngagementTimeline' });
export type EngagementTimeline = z.infer<typeof EngagementTimeline>;

// ---- walkthroughs and calibration ----

export const ScalePoint = z.object({ value: z.number().int().min(0).max(100), label: shortText(100) }).strict();

export const InstrumentItemBody = z
  .object({
    prompt: shortText(1000),
    frameworkCodes: z.array(z.enum(frameworkCodeList)).max(15).default([]),
    scale: z
      .array(ScalePoint)
      .min(2)
      .max(10)
      .refine((s) => new Set(s.map((p) => p.value)).size === s.length, 'scale values must differ'),
  })
  .strict();

export const InstrumentBody = z
  .object({
    name: shortText(200),
    description: z.string().trim().max(4000).default(''),
    items: z.array(InstrumentItemBody).min(1).max(100),
  })
  .strict();
export type InstrumentBody = z.infer<typeof InstrumentBody>;

export const Instrument = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    inUse: z.boolean().describe('Observations use it: its items can no longer change'),
    items: z.array(
      z.object({
        id: z.number().int(),
        position: z.number().int(),
        prompt: z.string(),
        frameworkCodes: z.array(z.string()),
        scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
      }),
    ),
  })
  .meta({ id: 'ObservationInstrument' });
export type Instrument = z.infer<typeof Instrument>;

export const InstrumentList = z
  .object({ items: z.array(Instrument.omit({ items: true }).extend({ itemCount: z.number().int() })) })
  .meta({ id: 'ObservationInstrumentList' });
export type InstrumentList = z.infer<typeof InstrumentList>;

export const RatingBody = z.object({ itemId: Id, value: z.number().int().min(0).max(100) }).strict();

export const ObservationBody = z
  .object({
    instrumentId: Id,
    orgCode: OrgCode.describe('The school observed'),
    observedOn: IsoDate,
    lesson: shortText(200).default('lesson').describe('Which lesson or classroom (no teacher names needed)'),
    notes: z.string().trim().max(4000).default(''),
    ratings: z.array(RatingBody).min(1).max(100),
  })
  .strict();
export type ObservationBody = z.infer<typeof ObservationBody>;

export const Observation = z
  .object({
    id: z.number().int(),
    instrument: z.object({ id: z.number().int(), name: z.string() }),
    org: OrgRef,
    calibrationSessionId: z.number().int().nullable(),
    lesson: z.string(),
    observer: z.string(),
    observedOn: z.string(),
    notes: z.string(),
    ratings: z.array(z.object({ itemId: z.number().int(), value: z.number().int() })),
  })
  .meta({ id: 'Observation' });
export type Observation = z.infer<typeof Observation>;

export const ObservationList = z.object({ items: z.array(Observation) }).meta({ id: 'ObservationList' });
export type ObservationList = z.infer<typeof ObservationList>;

export const CalibrationSessionBody = z
  .object({
    instrumentId: Id,
    regionCode: OrgCode,
    schoolCode: OrgCode.optional().describe('Where the lesson was observed; leave out for a recorded lesson'),
    heldOn: IsoDate,
    title: shortText(200),
  })
  .strict();
export type CalibrationSessionBody = z.infer<typeof CalibrationSessionBody>;

export const CalibrationSheetBody = z
  .object({
    observer: shortText(200).describe('The observer whose rating sheet this is'),
    lesson: shortText(200).default('lesson'),
    ratings: z.array(RatingBody).min(1).max(100),
  })
  .strict();
export type CalibrationSheetBody = z.infer<typeof CalibrationSheetBody>;

const Figures = z.object({
  subjects: z.number().int(),
  incomplete: z.number().int(),
  percentAgreement: z.number().nullable(),
  kappa: z.number().nullable(),
  method: z.enum(['cohen', 'fleiss']).nullable(),
  note: z.string().nullable(),
});

export const CalibrationSessionSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  region: OrgRef,
  school: OrgRef.nullable(),
  instrument: z.object({ id: z.number().int(), name: z.string() }),
});

export const CalibrationSessionList = z
  .object({ items: z.array(CalibrationSessionSummary) })
  .meta({ id: 'CalibrationSessionList' });
export type CalibrationSessionList = z.infer<typeof CalibrationSessionList>;

export const CalibrationReport = CalibrationSessionSummary.extend({
  sheets: z.array(Observation),
  agreement: z.object({
    raters: z.array(z.string()),
    items: z.array(Figures.extend({ itemId: z.number().int(), prompt: z.string() })),
    overall: Figures,
  }),
}).meta({ id: 'CalibrationReport' });
export type CalibrationReport = z.infer<typeof CalibrationReport>;

export const CalibrationQuery = z.object({ region: OrgCode.optional() }).strict();
