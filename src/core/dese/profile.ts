import type { CellKind } from './cells.ts';
import type { TypeHint } from './org-names.ts';
import type { IndicatorArea, IndicatorDirection, IndicatorUnit, YearConvention } from '../indicators/indicator.ts';

/**
 * A file layout ssos knows: how to recognise it (its header), where the organization, year and student group of a
 * row are, and what each column holds. Profiles are data; `rows.ts` reads a row with one.
 */
export interface DeseProfile {
  /** Stable id, also the data-source kind (`dese:<id>`). */
  id: string;
  /** What the file is, for people. */
  title: string;
  /** The DESE report (or other publisher's file) the layout comes from; quoted in derived definitions. */
  report: string;
  /** The collection or publisher, for the catalog's `source`. */
  source: string;
  /** When set, only files whose name matches can have this layout (layouts with identical headers). */
  fileName?: RegExp;
  /** When set, the title rows must match (a report whose title says which of several measures it holds). */
  titlePattern?: RegExp;
  /** The file names this layout was written for, for the documentation. */
  files: string;
  /** Import order inside a folder: directories (0) name organizations before reports (5); town data last (9). */
  priority: number;
  /** The organization levels rows may be. */
  levels: readonly ('state' | 'district' | 'school')[];
  columns: readonly ColumnSpec[];
  /** Row layouts for years whose rows do not follow the header (older rows with fewer or other columns). */
  layouts?: readonly RowLayout[];
  year: YearSource;
  group: GroupSource;
  /** MCAS files: the subject and grade of a row (they are part of the indicator code). */
  mcas?: { gradeFromFileName: readonly { pattern: RegExp; grade: string }[] };
  /** The family of its derived indicators (`families.ts`): codes are `dese_<family>_<column id>`. */
  derivedPrefix: string;
  /** Rows without an organization code are skipped for this reason (directories listing bodies DESE gives none). */
  skipRowsWithoutCode?: string;
  /** Rows whose organization is not registered before this file are set aside for this reason (third-party lists
   * whose ids are not all DESE codes). */
  onlyKnownOrgs?: string;
  /**
   * Rows of several measures in one file, told apart by a column (the open-data graduation file's
   * `GRAD_RATE_TYPE`): each variant says which indicators the value columns feed for its rows.
   */
  variants?: ProfileVariants;
  /** A layout ssos recognises but does not import, and why. */
  skip?: string;
  /** Notes for the documentation. */
  notes?: readonly string[];
}

/** The measures a file's rows can be, and the column that says which. */
export interface ProfileVariants {
  /** The id of the column naming the variant. */
  column: string;
  options: readonly ProfileVariant[];
}

export interface ProfileVariant {
  /** Part of a row's key: two rows of one organization, year and group differ by variant. */
  key: string;
  /** Cell texts naming this variant. */
  pattern: RegExp;
  /** Derived indicators of this variant's rows are `dese_<derivedPrefix>_<column id>`. */
  derivedPrefix: string;
  /** The indicator each value column feeds in this variant's rows (by column id; others keep the column's own). */
  indicators: Readonly<Record<string, IndicatorRef>>;
}

/** The profile as it reads the rows of one variant: its value columns feed that variant's indicators. */
export function variantProfile(profile: DeseProfile, variant: ProfileVariant): DeseProfile {
  const swap = (spec: ColumnSpec): ColumnSpec => {
    const ref = variant.indicators[spec.id];
    return spec.role.kind === 'value' && ref ? { ...spec, role: { ...spec.role, indicator: ref } } : spec;
  };
  return {
    ...profile,
    derivedPrefix: variant.derivedPrefix,
    columns: profile.columns.map(swap),
    variants: undefined,
  };
}

/** The profile once per variant (or itself when it has none): what catalog entries its values can need. */
export function expandVariants(profile: DeseProfile): DeseProfile[] {
  return profile.variants ? profile.variants.options.map((v) => variantProfile(profile, v)) : [profile];
}

/** Where a row's school year comes from (DESE names a school year by its ending year). */
export type YearSource =
  { from: 'column' } | { from: 'title' } | { from: 'fileName' } | { from: 'none'; reason: string };

/** Where a row's student group comes from. */
export type GroupSource = { from: 'fixed'; group: string } | { from: 'column' } | { from: 'title' };

/** One column of a layout. */
export interface ColumnSpec {
  /** Stable id within the profile (the slug of derived indicator codes). */
  id: string;
  /** Header texts that name this column (compared without case and spaces); `{g}` stands for a group word
   * (`%_ELA_asian`), `{p}` for any prefix ("Black High School Graduates (#)"). */
  headers: readonly string[];
  role: ColumnRole;
  /** Not every file of the layout has it. */
  optional?: boolean;
  /** An earlier column with the same header is an always-empty copy left in DESE's export; its cells must be empty. */
  emptyTwinBefore?: boolean;
  /** A trailing third-party column that some rows leave out. */
  mayBeAbsent?: boolean;
}

/** What a column holds. */
export type ColumnRole =
  | { kind: 'org_code'; form: 'dese' | 'lea' }
  | { kind: 'name'; of: 'row' | 'district'; style: 'own' | 'combined' | 'town' }
  | { kind: 'district_code' }
  | { kind: 'year' }
  | { kind: 'group' }
  | { kind: 'variant' }
  | { kind: 'subject' }
  | { kind: 'grade' }
  | { kind: 'org_type'; values: Readonly<Record<string, TypeHint>> }
  | { kind: 'grade_list' }
  | { kind: 'grade_start' }
  | { kind: 'grade_end' }
  | { kind: 'town' }
  | ValueRole
  | { kind: 'ignore'; reason: string };

/** A column of values: each cell becomes one indicator value. */
export interface ValueRole {
  kind: 'value';
  indicator: IndicatorRef;
  cell: CellKind;
  /** The id of the column holding the n behind this value (the students counted). */
  n?: string;
  /** `district`: the value belongs to the row's district (district figures repeated on every school row). */
  org: 'row' | 'district';
  /** Columns of one block: a row whose block cells are all empty has no such data (nothing is stored). */
  block?: string;
  /** Only read from this school year on (older rows leave the cell empty or hold something else). */
  fromYear?: number;
}

/** Which indicator a value column feeds. */
export type IndicatorRef =
  | { kind: 'curated'; code: string }
  | {
      kind: 'derived';
      label: string;
      unit: IndicatorUnit;
      decimals: number;
      direction: IndicatorDirection;
      note?: string;
      /** The code's last part when it is not the column id (two columns feeding one indicator). */
      slug?: string;
      /** Overrides of the family's area and year convention. */
      area?: IndicatorArea;
      yearConvention?: YearConvention;
    }
  | { kind: 'mcas'; measure: McasMeasure };

/** A row layout used for some years. */
export interface RowLayout {
  from?: number;
  to?: number;
  /** The cells in order: ids of the profile's columns, or columns the header does not name. */
  cells: readonly (string | ColumnSpec)[];
  /** Why, for the documentation. */
  note: string;
}

/** The MCAS measures (one indicator per subject, grade and measure). */
export const mcasMeasures = [
  'me_count',
  'me_pct',
  'e_count',
  'e_pct',
  'm_count',
  'm_pct',
  'pm_count',
  'pm_pct',
  'nm_count',
  'nm_pct',
  'students_included',
  'participation_pct',
  'avg_scaled_score',
  'mean_sgp',
  'median_sgp',
  'sgp_included',
  'ach_pctl',
] as const;
export type McasMeasure = (typeof mcasMeasures)[number];

// ---- builders: profiles are written with these, so that shared layouts are written once ----

/** A curated indicator (an entry of `core/indicators/catalog.ts`). */
export function curated(code: string): IndicatorRef {
  return { kind: 'curated', code };
}

/** Infers a derived indicator's unit from DESE's column header: % -> percent, # -> count, $ -> dollars. */
export function inferUnit(header: string): { unit: IndicatorUnit; decimals: number } {
  const h = header.toLowerCase();
  if (/%|percent|\bpct\b|rate\b/.test(h)) return { unit: 'percent', decimals: 1 };
  if (/\$|expenditure|salary|salaries|income|budget|\bnss\b|spending|\beqv\b/.test(h))
    return { unit: 'dollars', decimals: 0 };
  if (/\bfte/.test(h)) return { unit: 'fte', decimals: 1 };
  if (/ratio/.test(h)) return { unit: 'ratio', decimals: 1 };
  if (/average|avg|score|sgp|cpi|ppi|index/.test(h)) return { unit: 'score', decimals: 1 };
  return { unit: 'count', decimals: 0 };
}

/** A file-derived indicator: labelled with the DESE column header, unit inferred unless given, direction context. */
export function derived(
  label: string,
  opts: {
    unit?: IndicatorUnit;
    decimals?: number;
    direction?: IndicatorDirection;
    note?: string;
    slug?: string;
    area?: IndicatorArea;
    yearConvention?: YearConvention;
  } = {},
): IndicatorRef {
  const inferred = inferUnit(label);
  const unit = opts.unit ?? inferred.unit;
  return {
    kind: 'derived',
    label,
    unit,
    decimals: opts.decimals ?? (opts.unit ? defaultDecimals(unit) : inferred.decimals),
    direction: opts.direction ?? 'context',
    ...(opts.note ? { note: opts.note } : {}),
    ...(opts.slug ? { slug: opts.slug } : {}),
    ...(opts.area ? { area: opts.area } : {}),
    ...(opts.yearConvention ? { yearConvention: opts.yearConvention } : {}),
  };
}

function defaultDecimals(unit: IndicatorUnit): number {
  return unit === 'count' || unit === 'dollars' || unit === 'students' ? 0 : 1;
}

type ValueOpts = Partial<Omit<ValueRole, 'kind' | 'indicator'>> & {
  optional?: boolean;
  emptyTwinBefore?: boolean;
};

/** A value column. `indicator` defaults to a derived indicator labelled with the first header. */
export function value(
  id: string,
  headers: string | readonly string[],
  indicator?: IndicatorRef,
  opts: ValueOpts = {},
): ColumnSpec {
  const list = typeof headers === 'string' ? [headers] : headers;
  const { optional, emptyTwinBefore, ...role } = opts;
  return {
    id,
    headers: list,
    role: {
      kind: 'value',
      indicator: indicator ?? derived(list[0]!.replace(/\{[gp]\}/g, '').replace(/^[_ ]+|[_ ]+$/g, '')),
      cell: role.cell ?? 'number',
      org: role.org ?? 'row',
      ...(role.n ? { n: role.n } : {}),
      ...(role.block ? { block: role.block } : {}),
      ...(role.fromYear ? { fromYear: role.fromYear } : {}),
    },
    ...(optional ? { optional } : {}),
    ...(emptyTwinBefore ? { emptyTwinBefore } : {}),
  };
}

/** A column that is read for something other than values. */
export function column(
  id: string,
  headers: string | readonly string[],
  role: Exclude<ColumnRole, ValueRole>,
  opts: { optional?: boolean; mayBeAbsent?: boolean } = {},
): ColumnSpec {
  return { id, headers: typeof headers === 'string' ? [headers] : headers, role, ...opts };
}

/** A column declared and not imported, with the reason (so that it is not reported as unknown). */
export function ignored(
  id: string,
  headers: string | readonly string[],
  reason: string,
  opts: { optional?: boolean; mayBeAbsent?: boolean; emptyTwinBefore?: boolean } = {},
): ColumnSpec {
  return { id, headers: typeof headers === 'string' ? [headers] : headers, role: { kind: 'ignore', reason }, ...opts };
}

/** Reasons used by many layouts. */
export const reasons = {
  thirdParty:
    'added by a third party (the sqm-dashboards scoring), not DESE data: its "Raw likert calculation", "Likert Score" and "Admin Data Item" columns',
  contact: 'contact details (people, addresses, phone numbers) are not indicators',
  computed: 'computed by a third party from other columns (not a DESE figure)',
  text: 'text; ssos stores numbers per indicator and has no place for text values yet',
  gis: 'map geometry (MassGIS), not an indicator',
} as const;
