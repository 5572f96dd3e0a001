import { z } from 'zod';
import { selfAssessmentLimits, selfAssessmentStatuses } from '../../core/frameworks/self-assessment.ts';
import { FrameworkCode, FrameworkItem, RatingLevel } from './frameworks.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

/** Largest attachment accepted, in bytes (stored in the database). */
export const ATTACHMENT_MAX_BYTES = selfAssessmentLimits.attachmentBytes;

/** A school year response period such as `2026-27` (the second year follows the first). */
const SchoolYearPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}$/, 'must be a school year such as 2026-27')
  .refine((s) => (Number(s.slice(0, 4)) + 1) % 100 === Number(s.slice(5)), 'the second year must follow the first');

export const OrgCodeParams = z.object({ code: z.string().trim().min(1).max(20) }).strict();
export const SelfAssessmentParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }).strict();
export const MemberParams = z
  .object({
    id: z.coerce.number().int().min(1).max(2_147_483_647),
    memberId: z.coerce.number().int().min(1).max(2_147_483_647),
  })
  .strict();
export const AttachmentParams = z
  .object({
    id: z.coerce.number().int().min(1).max(2_147_483_647),
    attachmentId: z.coerce.number().int().min(1).max(2_147_483_647),
  })
  .strict();

/** A team member: a user of ssos, or a person named with their role. */
export const MemberInput = z
  .object({
    userId: z.number().int().min(1).optional(),
    name: z.string().trim().min(1).max(selfAssessmentLimits.nameLength).optional(),
    roleText: z
      .string()
      .trim()
      .max(selfAssessmentLimits.roleTextLength)
      .default('')
      .describe('e.g. "Principal", "Grade 4 teacher", "Parent"'),
  })
  .strict()
  .refine((m) => m.userId !== undefined || m.name !== undefined, { message: 'give a userId or a name' });

export const NewSelfAssessmentBody = z
  .object({
    framework: FrameworkCode,
    period: SchoolYearPeriod.optional().describe('A school year such as 2026-27; or give periodStart and periodEnd'),
    periodStart: IsoDate.optional(),
    periodEnd: IsoDate.optional(),
    members: z.array(MemberInput).min(1).max(selfAssessmentLimits.membersPerRequest),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.period === undefined && (b.periodStart === undefined || b.periodEnd === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'give a period (2026-27) or periodStart and periodEnd',
      });
    if (b.periodStart !== undefined && b.periodEnd !== undefined && b.periodEnd < b.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
  });
export type NewSelfAssessmentBody = z.infer<typeof NewSelfAssessmentBody>;

export const NewMembersBody = z
  .object({ members: z.array(MemberInput).min(1).max(selfAssessmentLimits.membersPerRequest) })
  .strict();
export type NewMembersBody = z.infer<typeof NewMembersBody>;

export const MemberRatingsBody = z
  .object({
    ratings: z
      .array(
        z
          .object({
            indicatorCode: z.string().trim().min(1).max(20),
            level: z.string().trim().min(1).max(40).describe('A level code of the framework scale'),
            evidence: z.string().trim().max(4000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type MemberRatingsBody = z.infer<typeof MemberRatingsBody>;

export const ConsensusBody = z
  .object({
    ratings: z
      .array(
        z
          .object({
            indicatorCode: z.string().trim().min(1).max(20),
            level: z.string().trim().min(1).max(40),
            notes: z.string().trim().max(4000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type ConsensusBody = z.infer<typeof ConsensusBody>;

export const SelfAssessmentTransitionBody = z.object({ action: z.enum(['complete', 'reopen']) }).strict();
export type SelfAssessmentTransitionBody = z.infer<typeof SelfAssessmentTransitionBody>;

export const AttachmentBody = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(selfAssessmentLimits.fileNameLength)
      // No folders and no control characters: the name goes back out in a content-disposition header.
      .refine(
        (s) => ![...s].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32),
        'must be a plain file name',
      ),
    contentType: z
      .string()
      .trim()
      .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, 'must be a media type such as application/pdf'),
    contentBase64: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
      .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4, `the file must be at most ${ATTACHMENT_MAX_BYTES} bytes`),
    indicatorCode: z.string().trim().min(1).max(20).optional(),
    memberId: z.number().int().min(1).optional(),
  })
  .strict();
export type AttachmentBody = z.infer<typeof AttachmentBody>;

export const AttachmentInfo = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    indicatorCode: z.string().nullable(),
    memberId: z.number().int().nullable(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'SelfAssessmentAttachment' });

/** A self-assessment in lists: no names. */
export const SelfAssessmentSummary = z
  .object({
    id: z.number().int(),
    org: OrgRef,
    framework: z.object({ code: z.string(), version: z.number().int(), title: z.string() }),
    period: z.string(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    status: z.enum(selfAssessmentStatuses),
    members: z.number().int(),
    indicators: z.number().int(),
    consensusRated: z.number().int(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'SelfAssessmentSummary' });
export type SelfAssessmentSummary = z.infer<typeof SelfAssessmentSummary>;

export const SelfAssessmentList = z
  .object({ items: z.array(SelfAssessmentSummary) })
  .meta({ id: 'SelfAssessmentList' });
export type SelfAssessmentList = z.infer<typeof SelfAssessmentList>;

/** A self-assessment with its team, every rating, the consensus and the team's spread per indicator. */
export const SelfAssessment = SelfAssessmentSummary.extend({
  levels: z.array(RatingLevel).describe('The levels this organization may use'),
  items: z.array(FrameworkItem).describe('Areas and the indicators this organization rates, in reading order'),
  team: z.array(
    z.object({ id: z.number().int(), userId: z.number().int().nullable(), name: z.string(), roleText: z.string() }),
  ),
  memberRatings: z.array(
    z.object({ memberId: z.number().int(), indicatorCode: z.string(), level: z.string(), evidence: z.string() }),
  ),
  consensus: z.array(z.object({ indicatorCode: z.string(), level: z.string(), notes: z.string() })),
  summary: z.array(
    z.object({
      indicatorCode: z.string(),
      rated: z.number().int(),
      members: z.number().int(),
      distribution: z.array(z.object({ level: z.string(), count: z.number().int() })),
      meanScore: z.number().nullable(),
      lowest: z.string().nullable(),
      highest: z.string().nullable(),
      unanimous: z.boolean(),
      consensus: z.string().nullable(),
    }),
  ),
  attachments: z.array(AttachmentInfo),
}).meta({ id: 'SelfAssessment' });
export type SelfAssessment = z.infer<typeof SelfAssessment>;

export const HistoryQuery = z.object({ framework: FrameworkCode }).strict();
export const ComparisonQuery = z
  .object({
    framework: FrameworkCode,
    from: z.string().trim().min(1).max(40).optional().describe('Default: the second latest completed period'),
    to: z.string().trim().min(1).max(40).optional().describe('Default: the latest completed period'),
  })
  .strict();
export type ComparisonQuery = z.infer<typeof ComparisonQuery>;

const IndicatorRef = { indicatorCode: z.string(), title: z.string(), unconfirmed: z.boolean() };

export const HeatMap = z
  .object({
    org: OrgRef,
    framework: z.string(),
    levels: z.array(RatingLevel),
    periods: z.array(z.string()),
    rows: z.array(
      z.object({
        ...IndicatorRef,
        cells: z.array(z.object({ period: z.string(), level: z.string().nullable(), score: z.number().nullable() })),
      }),
    ),
  })
  .meta({ id: 'SelfAssessmentHeatMap' });
export type HeatMap = z.infer<typeof HeatMap>;

const Side = z.object({ level: z.string().nullable(), score: z.number().nullable() });
export const Comparison = z
  .object({
    org: OrgRef,
    framework: z.string(),
    from: z.string(),
    to: z.string(),
    indicators: z.array(
      z.object({
        ...IndicatorRef,
        from: Side,
        to: Side,
        change: z.enum(['improved', 'declined', 'unchanged', 'not_comparable']),
        difference: z.number().nullable(),
      }),
    ),
    counts: z.object({
      improved: z.number().int(),
      declined: z.number().int(),
      unchanged: z.number().int(),
      not_comparable: z.number().int(),
    }),
  })
  .meta({ id: 'SelfAssessmentComparison' });
export type Comparison = z.infer<typeof Comparison>;
