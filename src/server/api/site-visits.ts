import { z } from 'zod';
import { siteVisitActions, siteVisitStatuses, siteVisitTypes } from '../../core/frameworks/site-visit.ts';
import { FrameworkItem, RatingLevel } from './frameworks.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

const Id = z.coerce.number().int().min(1).max(2_147_483_647);
export const SiteVisitParams = z.object({ id: Id }).strict();

const vendorIds = z
  .array(z.number().int().min(1))
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, 'names a user twice');

export const NewSiteVisitBody = z
  .object({
    schoolCode: z.string().trim().min(1).max(12).describe('The school visited'),
    type: z
      .enum(siteVisitTypes)
      .describe('monitoring: two-day Monitoring Site Visit; targeted: one-day Targeted Site Visit'),
    visitOn: IsoDate.describe('The (first) day of the visit'),
    vendorUserIds: vendorIds.default([]).describe('Vendor users assigned to the visit'),
  })
  .strict();
export type NewSiteVisitBody = z.infer<typeof NewSiteVisitBody>;

export const VendorsBody = z.object({ userIds: vendorIds }).strict();
export type VendorsBody = z.infer<typeof VendorsBody>;

export const SiteVisitRatingsBody = z
  .object({
    ratings: z
      .array(
        z
          .object({
            indicatorCode: z.string().trim().min(1).max(20),
            level: z.string().trim().min(1).max(40).describe('no_evidence, developing, providing or sustaining'),
            evidence: z.string().trim().max(8000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type SiteVisitRatingsBody = z.infer<typeof SiteVisitRatingsBody>;

export const SiteVisitTransitionBody = z
  .object({
    action: z.enum(
      Object.keys(siteVisitActions) as [keyof typeof siteVisitActions, ...(keyof typeof siteVisitActions)[]],
    ),
    comment: z.string().trim().max(4000).default('').describe('Required when returning a visit to the vendor'),
  })
  .strict();
export type SiteVisitTransitionBody = z.infer<typeof SiteVisitTransitionBody>;

export const SiteVisitListQuery = z
  .object({
    school: z.string().trim().min(1).max(12).optional(),
    status: z.enum(siteVisitStatuses).optional(),
  })
  .strict();
export type SiteVisitListQuery = z.infer<typeof SiteVisitListQuery>;

/** A site visit in lists: no names. */
export const SiteVisitSummary = z
  .object({
    id: z.number().int(),
    org: OrgRef,
    type: z.enum(siteVisitTypes),
    visitOn: z.string(),
    status: z.enum(siteVisitStatuses),
    framework: z.object({ code: z.string(), version: z.number().int(), title: z.string() }),
    vendors: z.number().int(),
    indicators: z.number().int(),
    rated: z.number().int().nullable().describe('Indicators rated; null when the ratings are not visible to you yet'),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'SiteVisitSummary' });
export type SiteVisitSummary = z.infer<typeof SiteVisitSummary>;

export const SiteVisitList = z.object({ items: z.array(SiteVisitSummary) }).meta({ id: 'SiteVisitList' });
export type SiteVisitList = z.infer<typeof SiteVisitList>;

/** A site visit with its vendors, the rubric, the ratings (when visible) and every transition. */
export const SiteVisit = SiteVisitSummary.extend({
  assignedVendors: z.array(z.object({ userId: z.number().int(), name: z.string(), email: z.string() })),
  levels: z.array(RatingLevel),
  items: z.array(FrameworkItem),
  ratingsVisible: z
    .boolean()
    .describe('State staff and the assigned vendors see ratings at once; the school side once the report is published'),
  ratings: z.array(
    z.object({ indicatorCode: z.string(), level: z.string(), evidence: z.string(), updatedAt: z.string() }),
  ),
  history: z.array(
    z.object({
      at: z.string(),
      by: z.string().nullable(),
      from: z.enum(siteVisitStatuses).nullable(),
      to: z.enum(siteVisitStatuses),
      comment: z.string(),
    }),
  ),
}).meta({ id: 'SiteVisit' });
export type SiteVisit = z.infer<typeof SiteVisit>;

/** The active site-visit vendors state staff may assign to a visit. */
export const VendorList = z
  .object({ items: z.array(z.object({ userId: z.number().int(), name: z.string(), email: z.string() })) })
  .meta({ id: 'SiteVisitVendorList' });
export type VendorList = z.infer<typeof VendorList>;

export const TrendParams = z.object({ code: z.string().trim().min(1).max(20) }).strict();

export const SiteVisitTrends = z
  .object({
    org: OrgRef,
    framework: z.string(),
    levels: z.array(RatingLevel),
    visits: z.number().int().describe('Published visits counted'),
    practices: z.array(
      z.object({
        practiceCode: z.string(),
        title: z.string(),
        change: z.number().nullable().describe('Mean score on the latest visit minus the first'),
        points: z.array(
          z.object({
            visitId: z.number().int(),
            visitedOn: z.string(),
            type: z.enum(siteVisitTypes),
            rated: z.number().int(),
            indicators: z.number().int(),
            meanScore: z.number().nullable(),
            level: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'SiteVisitTrends' });
export type SiteVisitTrends = z.infer<typeof SiteVisitTrends>;
