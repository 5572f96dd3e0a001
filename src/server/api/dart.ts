import { z } from 'zod';
import { DartSettingsSchema } from '../../core/dart/comparables.ts';
import { indicatorDirections, indicatorUnits } from '../../core/indicators/indicator.ts';
import { OrgRef } from './orgs.ts';

const orgCodeList = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) =>
    v
      ? [
          ...new Set(
            v
              .split(',')
              .map((c) => c.trim())
              .filter((c) => c !== ''),
          ),
        ]
      : undefined,
  )
  .refine((v) => v === undefined || v.length <= 10, 'at most 10 organizations')
  .describe('Comma-separated codes of up to 10 organizations to compare with instead of the computed comparables');

export const DartQuery = z.object({ compare: orgCodeList }).strict();
export type DartQuery = z.infer<typeof DartQuery>;

/** One value of an organization (or the state) for a year and group. Withheld values have value and n null. */
export const DartValue = z
  .object({
    value: z.number().nullable(),
    n: z.number().int().nullable().describe('Students behind the value, where the source gives it'),
    suppressed: z
      .boolean()
      .describe('Withheld: by the source (a small group), or in public output because n is under the minimum'),
  })
  .meta({ id: 'DartValue' });

export const DartYearPoint = DartValue.extend({
  year: z.number().int(),
  state: z.number().nullable().describe("The state's value for the year"),
  comparableMedian: z.number().nullable().describe('Median of the comparison organizations with a value'),
  comparableCount: z.number().int().describe('How many comparison organizations the median stands on'),
}).meta({ id: 'DartYearPoint' });

export const DartGroupValue = DartValue.extend({
  group: z.string(),
  label: z.string(),
  state: z.number().nullable(),
}).meta({ id: 'DartGroupValue' });

export const DartIndicator = z
  .object({
    code: z.string(),
    label: z.string(),
    unit: z.enum(indicatorUnits),
    direction: z.enum(indicatorDirections),
    decimals: z.number().int(),
    latest: DartValue.extend({ year: z.number().int() }).nullable(),
    change: z
      .object({ fromYear: z.number().int(), toYear: z.number().int(), value: z.number() })
      .nullable()
      .describe('Latest minus earliest value shown in the trend years'),
    series: z.array(DartYearPoint),
    groups: z.array(DartGroupValue).describe('Student groups in the latest year'),
  })
  .meta({ id: 'DartIndicator' });
export type DartIndicator = z.infer<typeof DartIndicator>;

export const DartSection = z
  .object({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    indicators: z.array(DartIndicator),
    unavailable: z.array(z.object({ code: z.string(), label: z.string() })).describe('Indicators with no value here'),
  })
  .meta({ id: 'DartSection' });

export const DartComparison = z
  .object({
    kind: z.enum(['computed', 'custom']),
    group: z.string().nullable().describe('Grade-span group (districts) or school type the comparables come from'),
    year: z.number().int().nullable().describe('The year of the enrollment characteristics compared'),
    members: z.array(OrgRef),
  })
  .meta({ id: 'DartComparison' });

export const DartReport = z
  .object({
    org: OrgRef.extend({
      typeLabel: z.string(),
      gradeSpan: z.string(),
      district: OrgRef.nullable(),
    }),
    years: z.array(z.number().int()).describe('Trend years, oldest first'),
    snapshot: z.object({
      gradeSpan: z.string(),
      enrollment: z.number().nullable(),
      year: z.number().int().nullable(),
      populations: z.array(z.object({ code: z.string(), label: z.string(), value: z.number().nullable() })),
      accountability: z
        .object({
          year: z.number().int(),
          classification: z.string().nullable(),
          reason: z.string().nullable(),
          percentile: z.number().int().nullable(),
        })
        .nullable(),
    }),
    comparison: DartComparison,
    sections: z.array(DartSection),
    suppressedBelow: z.number().int().describe('Signed out, values of fewer students than this are withheld'),
    dataVersion: z.string().describe('Changes when the data behind the report change'),
  })
  .meta({ id: 'DartReport' });
export type DartReport = z.infer<typeof DartReport>;

export const FeatureContribution = z
  .object({
    id: z.string(),
    label: z.string(),
    weight: z.number(),
    targetValue: z.number(),
    targetIndicator: z.string(),
    value: z.number(),
    indicator: z.string(),
    zDifference: z.number().describe('Difference in standard deviations of the group (other minus this one)'),
    share: z.number().describe("This feature's share of the squared distance, 0-1"),
  })
  .meta({ id: 'FeatureContribution' });

export const ComparableItem = z
  .object({ org: OrgRef, distance: z.number(), contributions: z.array(FeatureContribution) })
  .meta({ id: 'ComparableItem' });

export const ComparablesQuery = z
  .object({
    with: z.string().trim().max(12).optional().describe('Also explain the distance to this organization'),
  })
  .strict();

export const ComparablesReport = z
  .object({
    org: OrgRef,
    group: z.string().nullable(),
    year: z.number().int().nullable(),
    poolSize: z.number().int().describe('Organizations in the group with the characteristics that year'),
    features: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        indicators: z.array(z.string()),
        transform: z.enum(['none', 'log']),
        weight: z.number(),
        mean: z.number().describe('Mean over the group, on the transformed scale'),
        sd: z.number().describe('Standard deviation over the group, on the transformed scale'),
      }),
    ),
    droppedFeatures: z.array(z.object({ id: z.string(), label: z.string() })),
    items: z.array(ComparableItem),
    notCompared: z.array(z.object({ org: OrgRef, missing: z.array(z.string()) })),
    explained: ComparableItem.nullable().describe('The organization named by `with`, wherever it ranks'),
    method: z.string().describe('The distance, in words'),
    dataVersion: z.string(),
  })
  .meta({ id: 'ComparablesReport' });
export type ComparablesReport = z.infer<typeof ComparablesReport>;

export const PeersQuery = z
  .object({
    indicator: z.string().trim().min(1).max(80),
    compare: orgCodeList,
  })
  .strict();

export const PeersReport = z
  .object({
    org: OrgRef,
    indicator: z.object({
      code: z.string(),
      label: z.string(),
      unit: z.enum(indicatorUnits),
      direction: z.enum(indicatorDirections),
      decimals: z.number().int(),
    }),
    years: z.array(z.number().int()),
    guard: z.object({ minYears: z.number().int(), minN: z.number().int(), noiseFactor: z.number() }),
    items: z.array(
      z.object({
        org: OrgRef,
        points: z.array(z.object({ year: z.number().int(), value: z.number(), n: z.number().int().nullable() })),
        slope: z.number().nullable().describe('Change per year'),
        improvement: z.number().nullable().describe('Slope turned so that positive is better'),
        noise: z.number().nullable().describe('Sampling noise (standard error) of the slope, for percentages'),
        smallestN: z.number().int().nullable(),
        status: z.enum(['promising', 'not_improving', 'within_noise', 'too_few_years', 'small_n']),
      }),
    ),
    self: z
      .object({ slope: z.number().nullable(), improvement: z.number().nullable() })
      .describe("This organization's own trend over the same years"),
  })
  .meta({ id: 'PeersReport' });
export type PeersReport = z.infer<typeof PeersReport>;

export const DartExportQuery = z
  .object({ format: z.enum(['csv', 'xlsx']).default('csv'), compare: orgCodeList })
  .strict();

export const DartSettingsBody = DartSettingsSchema.meta({ id: 'DartSettings' });
export const DartSettingsResponse = z
  .object({ settings: DartSettingsSchema, isDefault: z.boolean(), notes: z.string() })
  .meta({ id: 'DartSettingsResponse' });

export const ComparisonSetBody = z
  .object({
    orgCode: z.string().trim().min(1).max(12),
    name: z.string().trim().min(1).max(100),
    members: z.array(z.string().trim().min(1).max(12)).min(1).max(10),
  })
  .strict()
  .meta({ id: 'ComparisonSetBody' });
export type ComparisonSetBody = z.infer<typeof ComparisonSetBody>;

export const ComparisonSet = z
  .object({ id: z.number().int(), org: OrgRef, name: z.string(), members: z.array(OrgRef), updatedAt: z.string() })
  .meta({ id: 'ComparisonSet' });
export type ComparisonSet = z.infer<typeof ComparisonSet>;

export const ComparisonSetList = z.object({ items: z.array(ComparisonSet) }).meta({ id: 'ComparisonSetList' });
export const ComparisonSetQuery = z.object({ org: z.string().trim().max(12).optional() }).strict();
export const ComparisonSetParams = z.object({ id: z.coerce.number().int().min(1) }).strict();
