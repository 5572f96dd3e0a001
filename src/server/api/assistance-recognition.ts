import { z } from 'zod';
import { pairingStatuses } from '../../core/assistance/recognition.ts';
import { shortText } from './common.ts';
import { IsoDate } from './designations.ts';
import { OrgRef } from './orgs.ts';

const OrgCode = z.string().trim().min(1).max(40);

export const RecognitionQuery = z
  .object({
    region: OrgCode.optional().describe('Suggest partner schools of this region only (regional staff: their own)'),
    limit: z.coerce.number().int().min(1).max(25).default(5).describe('Suggestions per demonstration site'),
  })
  .strict();
export type RecognitionQuery = z.infer<typeof RecognitionQuery>;

export const Pairing = z
  .object({
    id: z.number().int(),
    demonstration: OrgRef,
    partner: OrgRef,
    partnerDistrict: OrgRef.nullable(),
    partnerRegion: OrgRef.nullable(),
    pairedOn: z.string(),
    focus: z.string(),
    status: z.enum(pairingStatuses),
    statusLabel: z.string(),
    notes: z.string(),
    canChange: z.boolean().describe("State staff, or regional staff of the partner school's region"),
  })
  .meta({ id: 'RecognitionPairing' });
export type Pairing = z.infer<typeof Pairing>;

export const PairingList = z.object({ items: z.array(Pairing) }).meta({ id: 'RecognitionPairingList' });
export type PairingList = z.infer<typeof PairingList>;

export const PairingSuggestion = z.object({
  org: OrgRef,
  district: OrgRef.nullable(),
  region: OrgRef.nullable(),
  distance: z.number().describe('Standardized distance in enrollment characteristics (0 = alike); nearest first'),
  characteristics: z.array(
    z.object({
      label: z.string(),
      demonstrationValue: z.number(),
      partnerValue: z.number(),
      share: z.number().describe("This characteristic's share of the distance (0-1)"),
    }),
  ),
  support: z.string().nullable(),
  percentile: z.number().int().nullable(),
  reason: z.string(),
  pairing: z
    .object({ id: z.number().int(), status: z.enum(pairingStatuses) })
    .nullable()
    .describe('An open pairing of the two schools already recorded'),
});

export const DemonstrationSite = z.object({
  org: OrgRef,
  district: OrgRef.nullable(),
  region: OrgRef.nullable(),
  recognition: z.string().describe('Why it is recognized, as the accountability run says'),
  percentile: z.number().int().nullable(),
  schoolType: z.string().nullable().describe('Its comparison group (school type by grade span)'),
  comparisonYear: z.number().int().nullable().describe('The year of the characteristics compared'),
  suggestions: z.array(PairingSuggestion),
  notCompared: z
    .number()
    .int()
    .describe('Schools requiring assistance of another school type, or without every characteristic'),
  pairings: z.array(Pairing),
});

export const RecognitionOverview = z
  .object({
    run: z.object({ id: z.number().int(), year: z.number().int() }).nullable(),
    region: OrgRef.nullable().describe('The region partner schools were suggested from; null: every region'),
    method: z.string(),
    items: z.array(DemonstrationSite),
  })
  .meta({ id: 'RecognitionOverview' });
export type RecognitionOverview = z.infer<typeof RecognitionOverview>;

export const PairingBody = z
  .object({
    demonstrationCode: OrgCode.describe('A school of recognition in the latest official accountability run'),
    partnerCode: OrgCode.describe('A school requiring assistance in the latest official accountability run'),
    pairedOn: IsoDate,
    focus: shortText(500).describe('What the schools work on together'),
    status: z.enum(pairingStatuses).default('proposed'),
    notes: z.string().trim().max(8000).default(''),
  })
  .strict();
export type PairingBody = z.infer<typeof PairingBody>;

export const PairingUpdateBody = z
  .object({
    pairedOn: IsoDate,
    focus: shortText(500),
    status: z.enum(pairingStatuses),
    notes: z.string().trim().max(8000),
  })
  .strict();
export type PairingUpdateBody = z.infer<typeof PairingUpdateBody>;
