/** The kinds of organization a framework item or a rating level applies to. */
export const frameworkOrgLevels = ['school', 'district'] as const;
export type FrameworkOrgLevel = (typeof frameworkOrgLevels)[number];

/** What a framework is used for in ssos. */
export const frameworkUses = ['self_assessment', 'site_visit'] as const;
export type FrameworkUse = (typeof frameworkUses)[number];

/** One level of a rating scale, e.g. `3 Providing`. */
export interface RatingLevel {
  /** Stable code stored with each rating (e.g. `providing`). */
  code: string;
  /** What people see (e.g. `Providing`). */
  label: string;
  /** Position on the scale (1 = lowest); null for levels outside the order such as "U - unknown". */
  score: number | null;
  description: string;
  /** Only these kinds of organization may use the level (the district form's "unknown"); absent = all. */
  forLevels?: readonly FrameworkOrgLevel[];
}

/** A rating scale: its levels in ascending order of score. */
export interface RatingScale {
  code: string;
  label: string;
  levels: readonly RatingLevel[];
  /** True when the wording is best-known, not confirmed by the agency's documents. */
  unconfirmed: boolean;
}

/** An area (a standard, a practice) groups indicators; indicators are what a team or a visitor rates. */
export type FrameworkItemKind = 'area' | 'indicator';

/** One item of a framework: an area or an indicator, ordered within its parent. */
export interface FrameworkItem {
  code: string;
  kind: FrameworkItemKind;
  title: string;
  description: string;
  /** The code of the area an indicator belongs to; null at the top. */
  parentCode: string | null;
  order: number;
  /** Best-known wording, to be confirmed or corrected by a state administrator. */
  unconfirmed: boolean;
  /** The kinds of organization that rate this indicator (the school tool leaves out Condition 1). */
  appliesTo: readonly FrameworkOrgLevel[];
}

/** A framework as shipped or stored: identified by its code and version. */
export interface FrameworkDefinition {
  code: string;
  version: number;
  title: string;
  description: string;
  /** Where the wording comes from (a regulation, a DESE tool). */
  source: string;
  uses: readonly FrameworkUse[];
  /** The kinds of organization that assess themselves with it. */
  orgLevels: readonly FrameworkOrgLevel[];
  /** When true, the state is expected to enter or correct the indicators (the Turnaround Practices). */
  indicatorsEditable: boolean;
  scale: RatingScale;
  items: readonly FrameworkItem[];
}
