import { z } from 'zod';
import { frameworkOrgLevels, frameworkUses } from '../../core/frameworks/types.ts';
import { frameworkVersionStatuses } from '../../core/frameworks/versioning.ts';

/** A framework code such as `CSE` or `TP`. */
export const FrameworkCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a framework code such as CSE');

/** A version number. */
export const VersionNumber = z.coerce.number().int().min(1).max(100_000);

export const FrameworkParams = z.object({ code: FrameworkCode }).strict();
export const FrameworkVersionParams = z.object({ code: FrameworkCode, version: VersionNumber }).strict();
export const FrameworkItemParams = z
  .object({ code: FrameworkCode, version: VersionNumber, itemCode: z.string().trim().min(1).max(20) })
  .strict();

/** One level of a rating scale. */
export const RatingLevel = z
  .object({
    code: z.string(),
    label: z.string(),
    score: z.number().int().nullable().describe('Position on the scale, 1 = lowest; null for "unknown"'),
    description: z.string(),
    forLevels: z.array(z.enum(frameworkOrgLevels)).optional().describe('Only these organizations may use it'),
  })
  .meta({ id: 'RatingLevel' });

/** A rating scale. */
export const RatingScale = z
  .object({
    code: z.string(),
    label: z.string(),
    levels: z.array(RatingLevel),
    unconfirmed: z.boolean().describe('Best-known wording, not confirmed by the agency'),
  })
  .meta({ id: 'RatingScale' });

/** An area or an indicator of a framework. */
export const FrameworkItem = z
  .object({
    code: z.string(),
    kind: z.enum(['area', 'indicator']),
    title: z.string(),
    description: z.string(),
    parentCode: z.string().nullable(),
    order: z.number().int(),
    unconfirmed: z.boolean().describe('Best-known wording, to be confirmed by a state administrator'),
    appliesTo: z.array(z.enum(frameworkOrgLevels)),
  })
  .meta({ id: 'FrameworkItem' });

const versionFields = {
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  source: z.string(),
  uses: z.array(z.enum(frameworkUses)),
  orgLevels: z.array(z.enum(frameworkOrgLevels)),
  indicatorsEditable: z.boolean().describe('The state is expected to enter or correct the indicators'),
  status: z.enum(frameworkVersionStatuses),
  shipped: z.boolean().describe('Shipped with ssos (seeded at start-up), not created by the state'),
  copiedFromVersion: z.number().int().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
};

/** A framework version without its items, for lists. */
export const FrameworkVersionSummary = z
  .object({
    ...versionFields,
    indicators: z.number().int(),
    unconfirmedItems: z.number().int(),
  })
  .meta({ id: 'FrameworkVersionSummary' });
export type FrameworkVersionSummary = z.infer<typeof FrameworkVersionSummary>;

/** A framework version with its rating scale and items in reading order. */
export const FrameworkVersion = z
  .object({ ...versionFields, scale: RatingScale, items: z.array(FrameworkItem) })
  .meta({ id: 'FrameworkVersion' });
export type FrameworkVersion = z.infer<typeof FrameworkVersion>;

export const FrameworkVersionList = z
  .object({ items: z.array(FrameworkVersionSummary) })
  .meta({ id: 'FrameworkVersionList' });
export type FrameworkVersionList = z.infer<typeof FrameworkVersionList>;

export const NewVersionBody = z
  .object({ fromVersion: VersionNumber.optional().describe('Default: the latest version') })
  .strict();
export type NewVersionBody = z.infer<typeof NewVersionBody>;

const title = z
  .string()
  .trim()
  .min(1, 'enter the wording: the title cannot be empty')
  .max(300, 'keep the title to 300 characters or fewer');
const description = z.string().trim().max(4000, 'keep the description to 4,000 characters or fewer');

export const ItemEditBody = z
  .object({
    title: title.optional(),
    description: description.optional(),
    confirmed: z.boolean().optional().describe('true marks the wording confirmed; false marks it unconfirmed again'),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.description !== undefined || b.confirmed !== undefined, {
    message: 'send at least one of title, description, confirmed',
  });
export type ItemEditBody = z.infer<typeof ItemEditBody>;

export const NewItemBody = z
  .object({
    kind: z.enum(['area', 'indicator']),
    parentCode: z.string().trim().min(1).max(20).nullable().default(null).describe('The area of an indicator'),
    title,
    description: description.default(''),
    appliesTo: z.array(z.enum(frameworkOrgLevels)).min(1).optional().describe("Default: the framework's levels"),
    confirmed: z.boolean().default(true).describe('Wording entered by the state is confirmed unless said otherwise'),
  })
  .strict();
export type NewItemBody = z.infer<typeof NewItemBody>;
