import type { GradeSpan, RatedGroup } from '../../core/accountability/framework-2018.ts';

/** The statewide results page. */
export const accountabilityPath = '/accountability';

/** The what-if page. */
export const whatIfPath = '/accountability/what-if';

/** The link to an organization's accountability report, for a year or the latest. */
export function orgAccountabilityPath(code: string, year?: number | null): string {
  const path = `/orgs/${encodeURIComponent(code)}/accountability`;
  return year === undefined || year === null ? path : `${path}?year=${year}`;
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
