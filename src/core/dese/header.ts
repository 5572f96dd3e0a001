import type { ColumnSpec, DeseProfile } from './profile.ts';

/** Header texts are compared without case and without spaces ("Total # of Teachers(FTE)" = "Total # of Teachers (FTE)"). */
export function normalizeHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\s+/g, '');
}

const compiled = new Map<string, (h: string) => boolean>();

/** Whether a normalized header cell is named by a spec's header text (with its `{g}` / `{p}` placeholders). */
export function headerMatches(pattern: string, normalizedCell: string): boolean {
  let test = compiled.get(pattern);
  if (!test) {
    const norm = normalizeHeader(pattern);
    if (!/\{[gp]\}/.test(norm)) test = (h) => h === norm;
    else {
      const source = norm
        .split(/(\{[gp]\})/)
        .map((part) =>
          part === '{g}' ? '[a-z]+' : part === '{p}' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      const re = new RegExp(`^${source}$`);
      test = (h) => re.test(h);
    }
    compiled.set(pattern, test);
  }
  return test(normalizedCell);
}

/** How a header row maps onto a profile's columns. */
export interface HeaderBinding {
  /** For each header cell: the column it is, or null. */
  byIndex: (ColumnSpec | null)[];
  /** Header cells that are empty copies of a later column (their cells must stay empty). */
  emptyTwins: Set<number>;
  /** Header cells without text (their cells must stay empty). */
  unnamed: Set<number>;
  /** Header cells the profile does not declare. */
  unknown: number[];
  /** Required columns the header lacks. */
  missing: ColumnSpec[];
  /** How many declared columns were found. */
  found: number;
  /** How many required columns the profile has. */
  required: number;
}

/** Maps a header row onto a profile: each declared column takes the first header cell naming it, in order. */
export function bindHeader(profile: DeseProfile, cells: readonly string[]): HeaderBinding {
  const norm = cells.map(normalizeHeader);
  const byIndex: (ColumnSpec | null)[] = norm.map(() => null);
  const emptyTwins = new Set<number>();
  const missing: ColumnSpec[] = [];
  let found = 0;
  let required = 0;
  for (const spec of profile.columns) {
    if (!spec.optional) required++;
    const candidates: number[] = [];
    for (let i = 0; i < norm.length; i++) {
      if (byIndex[i] === null && !emptyTwins.has(i) && spec.headers.some((h) => headerMatches(h, norm[i]!)))
        candidates.push(i);
    }
    if (candidates.length === 0) {
      if (!spec.optional) missing.push(spec);
      continue;
    }
    found++;
    if (spec.emptyTwinBefore) {
      const at = candidates[candidates.length - 1]!;
      byIndex[at] = spec;
      for (const i of candidates.slice(0, -1)) if (norm[i] === norm[at]) emptyTwins.add(i);
    } else byIndex[candidates[0]!] = spec;
  }
  const unnamed = new Set<number>();
  const unknown: number[] = [];
  norm.forEach((h, i) => {
    if (byIndex[i] !== null || emptyTwins.has(i)) return;
    if (h === '') unnamed.add(i);
    else unknown.push(i);
  });
  return { byIndex, emptyTwins, unnamed, unknown, missing, found, required };
}

/** The outcome of looking for a known layout in a header row. */
export type HeaderFit =
  | { kind: 'fit'; profile: DeseProfile; binding: HeaderBinding }
  | { kind: 'ambiguous'; profiles: DeseProfile[] }
  | { kind: 'wrong_name'; profiles: DeseProfile[] }
  | { kind: 'near'; profile: DeseProfile; binding: HeaderBinding; share: number }
  | { kind: 'none'; closest: { profile: DeseProfile; share: number } | null };

/**
 * Finds the layout a header row belongs to. A layout fits when the row names every required column; among fitting
 * layouts the one naming the most columns wins (then the one with fewest unknown columns). `near` means the row
 * names most, but not all, required columns of one layout (a damaged header); `none` names the closest layout.
 */
export function fitHeader(profiles: readonly DeseProfile[], cells: readonly string[], fileName: string): HeaderFit {
  if (cells.every((c) => c.trim() === '')) return { kind: 'none', closest: null };
  const fits: { profile: DeseProfile; binding: HeaderBinding }[] = [];
  let closest: { profile: DeseProfile; binding: HeaderBinding; share: number } | null = null;
  for (const profile of profiles) {
    const binding = bindHeader(profile, cells);
    if (binding.missing.length === 0 && binding.found > 0) fits.push({ profile, binding });
    else {
      const share = binding.required === 0 ? 0 : (binding.required - binding.missing.length) / binding.required;
      if (!closest || share > closest.share) closest = { profile, binding, share };
    }
  }
  if (fits.length > 0) {
    const named = fits.filter((f) => !f.profile.fileName || f.profile.fileName.test(fileName));
    if (named.length === 0) return { kind: 'wrong_name', profiles: fits.map((f) => f.profile) };
    named.sort((a, b) => b.binding.found - a.binding.found || a.binding.unknown.length - b.binding.unknown.length);
    const best = named[0]!;
    const tied = named.filter(
      (f) => f.binding.found === best.binding.found && f.binding.unknown.length === best.binding.unknown.length,
    );
    if (tied.length > 1) return { kind: 'ambiguous', profiles: tied.map((f) => f.profile) };
    return { kind: 'fit', ...best };
  }
  if (closest && closest.share >= 0.6 && hasOrgCode(closest.profile, closest.binding))
    return { kind: 'near', ...closest };
  return { kind: 'none', closest: closest && closest.share > 0 ? closest : null };
}

function hasOrgCode(profile: DeseProfile, binding: HeaderBinding): boolean {
  const code = profile.columns.find((c) => c.role.kind === 'org_code');
  return code === undefined || binding.byIndex.includes(code);
}
