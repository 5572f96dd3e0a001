import { z } from 'zod';
import { partnerStatuses } from '../../core/assistance/partners.ts';
import { frameworkCodeList } from '../../core/assistance/vocabulary.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { CurrentPlan } from './assistance.ts';
import { OrgRef } from './orgs.ts';

export const PartnerBody = z
  .object({
    name: shortText(200),
    description: z.string().trim().max(4000).default(''),
    services: z.array(shortText(200)).max(30).default([]),
    frameworkCodes: z.array(z.enum(frameworkCodeList)).min(1).max(15),
    regionCodes: z.array(z.string().trim().min(1).max(40)).max(10).default([]).describe('Empty: statewide'),
    status: z.enum(partnerStatuses),
    approvedOn: IsoDate.nullable().default(null).describe('Required when vetted'),
    website: z
      .string()
      .trim()
      .url()
      .max(300)
      .regex(/^https?:\/\//, 'must start with http:// or https://')
      .nullable()
      .default(null),
  })
  .strict()
  .refine((p) => p.status !== 'vetted' || p.approvedOn !== null, {
    message: 'a vetted partner needs its approval date',
    path: ['approvedOn'],
  });
export type PartnerBody = z.infer<typeof PartnerBody>;

export const Partner = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    services: z.array(z.string()),
    frameworkCodes: z.array(z.object({ code: z.string(), title: z.string() })),
    regions: z.array(OrgRef).describe('Empty: statewide'),
    status: z.enum(partnerStatuses),
    approvedOn: z.string().nullable(),
    website: z.string().nullable(),
  })
  .meta({ id: 'AssistancePartner' });
export type Partner = z.infer<typeof Partner>;

export const PartnerQuery = z
  .object({
    region: z.string().trim().min(1).max(40).optional(),
    code: z.enum(frameworkCodeList).optional().describe('Partners addressing this Condition or Practice'),
    status: z.enum(partnerStatuses).optional(),
  })
  .strict();
export type PartnerQuery = z.infer<typeof PartnerQuery>;

export const PartnerList = z.object({ items: z.array(Partner) }).meta({ id: 'AssistancePartnerList' });
export type PartnerList = z.infer<typeof PartnerList>;

export const PartnerSuggestions = z
  .object({
    org: OrgRef,
    selfAssessment: z
      .object({ id: z.number().int(), period: z.string(), completedAt: z.string().nullable() })
      .nullable()
      .describe('The latest completed self-assessment on the Conditions; null when there is none'),
    plan: CurrentPlan.omit({ goalCounts: true })
      .nullable()
      .describe('The latest plan, whose Turnaround Practice strategies partners may support; null when none'),
    strategies: z
      .array(z.object({ code: z.string(), title: z.string() }))
      .describe('The Turnaround Practices the plan writes strategies for'),
    maxScore: z.number().int().describe('Ratings at or below this score count as needs'),
    needs: z.array(z.object({ code: z.string(), title: z.string(), score: z.number(), label: z.string() })),
    items: z.array(
      z.object({
        partner: Partner,
        matches: z.array(z.string()).describe('The need codes it addresses, lowest-rated first'),
        strategies: z.array(z.string()).describe('The plan strategies (Practice codes) it supports'),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'AssistancePartnerSuggestions' });
export type PartnerSuggestions = z.infer<typeof PartnerSuggestions>;
