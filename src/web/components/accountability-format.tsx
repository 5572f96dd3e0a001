import type { GradeSpan, RatedGroup } from '../../core/accountability/framework-2018.ts';

/** The statewide results page. */
export const accountabilityPath = '/accountability';

/** The what-if page. */
export const whatIfPath = '/accountability/what-if';

/** The link to an organization's accountability report, for a year or the latest, of ma-2018 unless named. */
export function orgAccountabilityPath(code: string, year?: number | null, framework?: 'ma-2018' | 'ma-2012'): string {
  const path = `/orgs/${encodeURIComponent(code)}/accountability`;
  const params = new URLSearchParams();
  if (framework === 'ma-2012') params.set('framework', framework);
  if (year !== undefined && year !== null) params.set('year', String(year));
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** A PPI as DESE published it: a whole number (annual PPIs can exceed 100). */
export function formatPpi(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return String(roundHalfUp(value));
}

/** Whether a Level 1-5 result is Level 3, 4 or 5 (the levels with state assistance or intervention). */
export function isLevel3OrBelow(classification: string | null): boolean {
  return classification !== null && /^Level [345]$/.test(classification);
}

/** The roles that may run a what-if (the server checks again). */
export const whatIfRoles: readonly string[] = ['state_admin', 'state_staff'];

/** Grade spans as DESE's reports name them. */
export const spanLabels: Record<GradeSpan, string> = {
  nonhs: 'Non-high school grades',
  hs: 'High school grades',
};

/** Rated groups as DESE's reports name them. */
export const groupLabels: Record<RatedGroup, string> = {
  all: 'All students',
  lowest: 'Lowest performing students',
};

/** A percentage as DESE publishes it: a whole number (DESE rounds half up). */
export function formatPct(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return `${roundHalfUp(value)}%`;
}

/** Rounds half away from zero, ignoring binary noise (46.5 -> 47, 4.25 -> 4.3 with one decimal). */
export function roundHalfUp(x: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(x) * scale).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / scale;
}

/** A figure to at most `decimals` decimals, as a person reads it (484.3, 47, 0.5). */
export function formatNumber(value: number, decimals = 1): string {
  return roundHalfUp(value, decimals).toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** A count with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A missing figure: a dash people see, a word screen readers say. */
export function NoValue({ label = 'none' }: { label?: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="usa-sr-only">{label}</span>
    </>
  );
}

/** The classification with its support category when assistance is required. */
export function formatClassification(classification: string | null, category?: string | null): string {
  if (classification === null) return 'Not classified';
  return category ? `${classification} (${category})` : classification;
}

/** Whether a classification is the one that requires assistance or intervention. */
export function requiresAssistance(classification: string | null): boolean {
  return classification !== null && classification.toLowerCase().startsWith('requiring');
}

/**
 * Replaces student-group codes in the engine's sentences with their names: any `snake_case` code (`high_needs` ->
 * `High needs`), and a one-word code (`disability`, `all`) where the engine puts a group: at the start of a sentence
 * or in a bracketed list ("(disability, english_learner)", "(all 57 below 75)").
 */
export function humanizeGroupCodes(text: string, groupNames: ReadonlyMap<string, string>): string {
  const name = (code: string) => (code === 'all' ? 'all students' : (groupNames.get(code) ?? code));
  return text
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (code) => (groupNames.has(code) ? name(code) : code))
    .replace(/(?<=^|[(;] ?|, )([a-z]+)\b/g, (code) => (code === 'all' || groupNames.has(code) ? name(code) : code));
}
