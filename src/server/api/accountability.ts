import { z } from 'zod';
import { gradeSpanCategories } from '../../core/orgs/organization.ts';
import { OrgRef } from './orgs.ts';

/** A stored accountability run, as lists show it. */
export const AccountabilityRunInfo = z
  .object({
    id: z.number().int(),
    framework: z.string(),
    frameworkVersion: z.string(),
    year: z.number().int().describe('The accountability year, named by its spring (2024 = 2023-24)'),
    kind: z.enum(['official', 'what_if']),
    dataVersion: z.string().describe('A digest of every input value the run read'),
    createdAt: z.string(),
    summary: z.record(z.string(), z.unknown()).describe('Counts: schools classified, requiring assistance, by reason'),
  })
  .meta({ id: 'AccountabilityRunInfo' });
export type AccountabilityRunInfo = z.infer<typeof AccountabilityRunInfo>;

/** One organization's headline result in a run. */
export const AccountabilityResultRow = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['school', 'district']),
    gradeSpanCategory: z.enum(gradeSpanCategories).nullable(),
    district: OrgRef.nullable(),
    region: OrgRef.nullable(),
    classification: z.string().nullable().describe('As DESE words it, e.g. "Not requiring assistance or intervention"'),
    category: z.string().nullable().describe('Focused/targeted support or Broad/comprehensive support, when required'),
    reason: z.string().nullable().describe('The reason for the classification, as DESE words it'),
    percentile: z.number().int().nullable().describe('Accountability percentile (schools), 1-99'),
    annualPct: z.number().nullable().describe('Annual criterion-referenced target percentage'),
    cumulativePct: z.number().nullable().describe('Cumulative criterion-referenced target percentage'),
  })
  .meta({ id: 'AccountabilityResultRow' });
export type AccountabilityResultRow = z.infer<typeof AccountabilityResultRow>;

export const accountabilitySorts = ['name', 'percentile', 'cumulative', 'annual', 'classification'] as const;

export const AccountabilityResultsQuery = z
  .object({
    year: z.coerce.number().int().min(1990).max(2200).optional().describe('Default: the latest year with a run'),
    level: z.enum(['school', 'district']).optional(),
    classification: z.string().trim().max(200).optional(),
    reason: z.string().trim().max(200).optional().describe('Results whose reason contains this text'),
    region: z.string().trim().max(40).optional().describe('Region code'),
    district: z.string().trim().max(12).optional().describe('District code: the district and its schools'),
    schoolType: z.enum(gradeSpanCategories).optional().describe('Grade span category of schools (ES, MS, HS, ...)'),
    q: z.string().trim().max(100).optional().describe('Name words or code'),
    sort: z.enum(accountabilitySorts).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    limit: z.coerce.number().int().min(1).max(5000).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type AccountabilityResultsQuery = z.infer<typeof AccountabilityResultsQuery>;

export const AccountabilityResults = z
  .object({
    run: AccountabilityRunInfo.nullable(),
    years: z.array(z.number().int()).describe('Years with an official run, latest first'),
    items: z.array(AccountabilityResultRow),
    total: z.number().int(),
    /** Every school's percentile in the run (unfiltered), for the distribution chart. */
    percentiles: z.array(z.number().int()),
    cutLines: z.array(z.object({ percentile: z.number(), label: z.string() })),
  })
  .meta({ id: 'AccountabilityResults' });
export type AccountabilityResults = z.infer<typeof AccountabilityResults>;

export const OrgAccountabilityQuery = z
  .object({ year: z.coerce.number().int().min(1990).max(2200).optional() })
  .strict();

/** An organization's report: the headline and the whole computation (indicators, targets, points, weights, why). */
export const OrgAccountabilityReport = z
  .object({
    run: AccountabilityRunInfo.nullable(),
    years: z.array(z.number().int()),
    org: OrgRef,
    result: AccountabilityResultRow.nullable(),
    report: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'The engine output for the organization (src/core/accountability/engine-2018.ts, OrgAccountability2018)',
      ),
    suppressedBelow: z.number().int().describe('Values of fewer students are withheld from the public'),
  })
  .meta({ id: 'OrgAccountabilityReport' });
export type OrgAccountabilityReport = z.infer<typeof OrgAccountabilityReport>;

export const FrameworkChangeSchema = z
  .object({
    path: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('The value\'s path in the framework, e.g. "classification.lowestPercentileMax"'),
    value: z.union([z.number(), z.string().max(200), z.boolean()]),
  })
  .strict();

export const WhatIfBody = z
  .object({
    year: z.number().int().min(1990).max(2200),
    changes: z.array(FrameworkChangeSchema).min(1).max(50),
  })
  .strict();
export type WhatIfBody = z.infer<typeof WhatIfBody>;

const Headline = z.object({
  classification: z.string().nullable(),
  reason: z.string().nullable(),
  percentile: z.number().nullable(),
  annualPct: z.number().nullable(),
  cumulativePct: z.number().nullable(),
});

export const WhatIfResult = z
  .object({
    officialRunId: z.number().int(),
    year: z.number().int(),
    changes: z.array(FrameworkChangeSchema),
    changed: z.array(z.object({ org: OrgRef, before: Headline.nullable(), after: Headline.nullable() })),
    summary: z.record(z.string(), z.unknown()),
    officialSummary: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WhatIfResult' });
export type WhatIfResult = z.infer<typeof WhatIfResult>;

export const FrameworkValues = z
  .object({
    id: z.string(),
    version: z.string(),
    values: z.array(z.object({ path: z.string(), value: z.union([z.number(), z.string(), z.boolean()]) })),
    settings: z.record(z.string(), z.object({ status: z.string(), note: z.string() })),
  })
  .meta({ id: 'FrameworkValues' });
export type FrameworkValues = z.infer<typeof FrameworkValues>;
