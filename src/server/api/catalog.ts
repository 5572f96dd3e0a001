import { z } from 'zod';
import { roles } from '../../core/access/roles.ts';
import {
  indicatorAreas,
  indicatorDirections,
  indicatorUnits,
  yearConventions,
} from '../../core/indicators/indicator.ts';
import { studentGroupKinds } from '../../core/student-groups.ts';

export const RoleInfo = z
  .object({ role: z.enum(roles), label: z.string(), description: z.string(), scopeLevel: z.string() })
  .meta({ id: 'RoleInfo' });
export const RoleList = z.object({ items: z.array(RoleInfo) });

export const StudentGroupInfo = z
  .object({ code: z.string(), label: z.string(), kind: z.enum(studentGroupKinds), description: z.string() })
  .meta({ id: 'StudentGroup' });
export const StudentGroupList = z.object({ items: z.array(StudentGroupInfo) });

export const IndicatorInfo = z
  .object({
    code: z.string(),
    label: z.string(),
    definition: z.string(),
    unit: z.enum(indicatorUnits),
    direction: z.enum(indicatorDirections),
    area: z.enum(indicatorAreas),
    source: z.string(),
    yearConvention: z.enum(yearConventions),
    decimals: z.number().int(),
  })
  .meta({ id: 'Indicator' });
export const IndicatorList = z.object({ items: z.array(IndicatorInfo) });
export type IndicatorInfo = z.infer<typeof IndicatorInfo>;

/** Public facts about this installation the web app shows. */
export const PlatformConfig = z
  .object({
    agencyName: z.string(),
    agencyShortName: z.string(),
    reportingMinimum: z.number().int().describe('Groups with fewer students are not shown publicly'),
    demo: z.boolean().describe('Whether this installation holds demo data'),
  })
  .meta({ id: 'PlatformConfig' });
export type PlatformConfig = z.infer<typeof PlatformConfig>;

export const HealthResponse = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    database: z.enum(['pglite', 'postgres']),
    schemaVersion: z.number().int(),
  })
  .meta({ id: 'Health' });

export type RoleList = z.infer<typeof RoleList>;
export type StudentGroupList = z.infer<typeof StudentGroupList>;
export type IndicatorList = z.infer<typeof IndicatorList>;
export type HealthResponse = z.infer<typeof HealthResponse>;
