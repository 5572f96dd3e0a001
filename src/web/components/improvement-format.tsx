import { Tag } from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isApiError } from '../api/client.ts';
import type { FrameworkVersionSummary } from '../api/frameworks.ts';
import type { SiteVisit } from '../api/improvement.ts';
import { fieldMessage } from './ewis-format.tsx';

export { formatDate } from './ewis-format.tsx';

/** A rating level as the API sends it. */
export interface Level {
  code: string;
  label: string;
  score: number | null;
  description: string;
}

/** An area or indicator of a framework as the API sends it. */
export interface Item {
  code: string;
  kind: 'area' | 'indicator';
  title: string;
  description: string;
  parentCode: string | null;
  unconfirmed: boolean;
}

export const selfAssessmentStatusLabels: Record<string, string> = { draft: 'Draft', completed: 'Completed' };

export const siteVisitStatusLabels: Record<string, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  submitted: 'Submitted for review',
  published: 'Published',
};

export const siteVisitTypeLabels: Record<string, string> = {
  monitoring: 'Monitoring site visit (two days)',
  targeted: 'Targeted site visit (one day)',
};

/** A short label for a visit type, for tables. */
export function visitTypeShort(type: string): string {
  return type === 'monitoring' ? 'Monitoring' : type === 'targeted' ? 'Targeted' : type;
}

/** The label of a level code on a scale, or the code itself. */
export function levelLabel(levels: readonly Level[], code: string | null): string {
  if (code === null) return '—';
  return levels.find((l) => l.code === code)?.label ?? code.replace(/_/g, ' ');
}

/** A status as a tag; the text carries the meaning, never the colour alone. */
export function StatusTag({ status, labels }: { status: string; labels: Record<string, string> }) {
  const done = status === 'completed' || status === 'published';
  return (
    <Tag className={done ? 'bg-green' : status === 'submitted' ? 'bg-gold text-ink' : 'bg-base-dark'}>
      {labels[status] ?? status}
    </Tag>
  );
}

// Background per position on a scale (1 = lowest): light tints under dark text (contrast above 12:1 in each).
const scoreColours: Record<number, string> = { 1: '#f8dfe2', 2: '#fbe0bf', 3: '#d5efe0', 4: '#9fdcbb' };

/** The shading of a heat-map cell by its score (none for a missing or unknown rating); the text names the level. */
export function scoreStyle(score: number | null): React.CSSProperties | undefined {
  if (score === null) return undefined;
  const colour = scoreColours[Math.max(1, Math.min(4, Math.round(score)))];
  return colour === undefined ? undefined : { backgroundColor: colour, color: '#1b1b1b' };
}

/** The key of a heat map's shading: each level of the scale beside its tint. */
export function ScaleKey({ levels }: { levels: readonly Level[] }) {
  return (
    <ul className="usa-list usa-list--unstyled display-flex flex-wrap margin-y-1" aria-label="Key to the shading">
      {levels
        .filter((l) => l.score !== null)
        .map((l) => (
          <li
            key={l.code}
            className="margin-right-2 margin-bottom-1 padding-x-1 border-1px border-base-light"
            style={scoreStyle(l.score)}
          >
            {l.label}
          </li>
        ))}
    </ul>
  );
}

/** The indicators of a framework grouped under their areas, in reading order. */
export function groupByArea(items: readonly Item[]): { area: Item | null; indicators: Item[] }[] {
  const groups: { area: Item | null; indicators: Item[] }[] = [];
  const byArea = new Map<string | null, { area: Item | null; indicators: Item[] }>();
  for (const item of items) {
    if (item.kind === 'area') {
      const group = { area: item, indicators: [] as Item[] };
      byArea.set(item.code, group);
      groups.push(group);
    }
  }
  for (const item of items) {
    if (item.kind !== 'indicator') continue;
    let group = byArea.get(item.parentCode);
    if (group === undefined) {
      group = { area: null, indicators: [] };
      byArea.set(item.parentCode, group);
      groups.push(group);
    }
    group.indicators.push(item);
  }
  return groups.filter((g) => g.indicators.length > 0);
}

/** The mark of wording the agency has not confirmed yet: words, not colour alone. */
export function WordingTag() {
  return <Tag className="bg-gold text-ink text-no-uppercase margin-left-1">Wording to be confirmed</Tag>;
}

/** Who a framework or an item is for, in words: "schools and districts". */
export function orgLevelsText(levels: readonly string[]): string {
  const words = levels.map((l) => (l === 'school' ? 'schools' : l === 'district' ? 'districts' : l));
  return words.length <= 1 ? (words[0] ?? '—') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What each use of a framework is called. */
export const frameworkUseLabels: Record<FrameworkVersionSummary['uses'][number], string> = {
  self_assessment: 'Self-assessments',
  site_visit: 'Site visits',
};

/** The versions of each framework, oldest first, in the order the library lists the frameworks. */
export function groupVersions(items: readonly FrameworkVersionSummary[]): FrameworkVersionSummary[][] {
  const byCode = new Map<string, FrameworkVersionSummary[]>();
  for (const item of items) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  return [...byCode.values()].map((versions) => [...versions].sort((a, b) => a.version - b.version));
}

/** The latest published version of a framework's versions, or the latest version when none is published. */
export function currentVersion(versions: readonly FrameworkVersionSummary[]): FrameworkVersionSummary {
  const published = versions.filter((v) => v.status === 'published');
  return (published.length > 0 ? published : versions).at(-1)!;
}

/** The title of an indicator with its code, and the mark of unconfirmed wording. */
export function IndicatorTitle({ item }: { item: Item }) {
  return (
    <>
      <span className="text-bold">{item.code}</span> {item.title}
      {item.unconfirmed ? <span className="usa-hint"> (wording to be confirmed)</span> : null}
    </>
  );
}

/** Whether the user is on the school side that records self-assessments (not vendors). */
export function canRecordSelfAssessments(user: CurrentUser | null): boolean {
  return user !== null && user.role !== 'vendor';
}

/** Whether the user is state staff (schedules, reviews and publishes site visits). */
export function isStateUser(user: CurrentUser | null): boolean {
  return user?.role === 'state_admin' || user?.role === 'state_staff';
}

/** Whether the user is a vendor assigned to the visit. */
export function isAssignedVendor(user: CurrentUser | null, visit: Pick<SiteVisit, 'assignedVendors'>): boolean {
  return user !== null && user.role === 'vendor' && visit.assignedVendors.some((v) => v.userId === user.id);
}

/** A form field with its label, hint and error. */
export function Field({
  id,
  label,
  hint,
  error = null,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: string;
  error?: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className={`usa-form-group${error !== null ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error !== null ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint !== undefined ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error !== null ? (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The attributes that tie an input to its hint and error. */
export function described(id: string, hint: boolean, error: string | null) {
  const ids = [hint ? `${id}-hint` : null, error !== null ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids === '' ? undefined : ids, 'aria-invalid': error !== null ? true : undefined };
}

/** The server's validation error for a field (its name, and a message in words), or null. */
export function apiFieldError(error: unknown): { field: string; message: string } | null {
  if (!isApiError(error, 'validation_failed') || error.field === undefined) return null;
  return { field: error.field, message: fieldMessage(error.message) };
}

/** A file size in words: "840 bytes", "12.5 KB", "2 MB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/** Today in the browser's time zone, as YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The school year a date falls in, as `2026-27` (July to June). */
export function schoolYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const start = m >= 7 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
