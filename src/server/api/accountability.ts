import { z } from 'zod';
import { gradeSpanCategories } from '../../core/orgs/organization.ts';
import { OrgRef } from './orgs.ts';
import type {
  DistrictLevelResult,
  GroupLevelResult,
  GroupYearFigures,
  SchoolLevelResult,
} from '../../core/accountability/levels-2012.ts';

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

/** The frameworks runs are stored for (`accountabilityFrameworks` of the accountability service). */
export const AccountabilityFrameworkParam = z
  .enum(['ma-2018', 'ma-2012'])
  .default('ma-2018')
  .describe('ma-2018: the 2018+ system (default); ma-2012: the 2012-2017 Level 1-5 system');

export const AccountabilityResultsQuery = z
  .object({
    framework: AccountabilityFrameworkParam,
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
  .object({
    year: z.coerce.number().int().min(1990).max(2200).optional(),
    framework: AccountabilityFrameworkParam,
  })
  .strict();

export const FrameworkQuery = z.object({ framework: AccountabilityFrameworkParam }).strict();

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
        'The engine output for the organization: OrgAccountability2018 (src/core/accountability/engine-2018.ts) for ma-2018; SchoolReport2012 or DistrictReport2012 (src/server/services/accountability-2012-service.ts) for ma-2012',
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

// ---- ma-2012 (the Level 1-5 system): what a run's summary and an organization's report hold ----

/** One group's figures of one year, and those of them computed from student records (`cpi.ela`, `n`, ...). */
export interface YearInput2012 {
  figures: GroupYearFigures;
  /** Figures computed from student records; every other figure is a stored indicator value. */
  from: Record<string, 'students'>;
}

/** The report stored for a school in a ma-2012 run. */
export interface SchoolReport2012 {
  framework: string;
  frameworkVersion: string;
  year: number;
  level: 'school';
  /**
   * The engine's result. Its explanation leaves out the steps that repeat an indicator's or extra credit's text word
   * for word: those are in `groups[].annual[].indicators` and `extraCredit`, once.
   */
  result: SchoolLevelResult;
  /** The inferred and unconfirmed settings every step of the full explanation relied on. */
  settingsUsed: string[];
  /** By student group and year: the figures the engine read. */
  inputs: Record<string, Record<number, YearInput2012>>;
}

/** The report stored for a district in a ma-2012 run: its level (from its schools) and its own PPIs. */
export interface DistrictReport2012 {
  framework: string;
  frameworkVersion: string;
  year: number;
  level: 'district';
  result: DistrictLevelResult;
  settingsUsed: string[];
  /** The district's own all-students and high-needs PPIs (not used for its level). */
  groups: GroupLevelResult[];
  inputs: Record<string, Record<number, YearInput2012>>;
}

/** The counts of a ma-2012 run. */
export interface LevelsRunSummary {
  framework: 'ma-2012';
  schools: number;
  schoolsClassified: number;
  /** Schools by level: `1`-`5` and `unclassified`. */
  schoolsByLevel: Record<string, number>;
  /** Reasons (without their details in brackets), each counted once per school. */
  byReason: Record<string, number>;
  commendationSchools: number;
  districts: number;
  districtsByLevel: Record<string, number>;
  warnings: string[];
  /** The Next-Generation to legacy concordance used for CPIs computed from student scores. */
  concordance: string;
  /** Group-year figures computed from student records (a CPI among them). */
  groupYearsFromStudents: number;
}
