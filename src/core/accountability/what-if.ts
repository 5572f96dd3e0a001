/**
 * What-if runs: a framework with some of its values changed (a weight, a threshold, a band), and the organizations
 * whose result changes. Changes are addressed by the value's path in the framework object
 * (`classification.lowestPercentile`, `pointRules.growth.bands.0.min`); only numbers, strings and booleans that the
 * framework already has can be changed, to a value of the same kind, so a typo is an error, never a silent no-op.
 */

export type FrameworkValue = number | string | boolean;

/** One change: the value's path and its new value. */
export interface FrameworkChange {
  path: string;
  value: FrameworkValue;
}

/** A problem with a change, naming it. */
export class FrameworkChangeError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

/** The value at a path, or undefined. */
export function valueAt(framework: unknown, path: string): unknown {
  let node: unknown = framework;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The framework with the changes applied (a deep copy; the original is untouched). Each path must name an existing
 * number, string or boolean, and the new value must be of the same kind (and finite, for numbers).
 */
export function applyFrameworkChanges<F extends object>(framework: F, changes: readonly FrameworkChange[]): F {
  const copy = structuredClone(framework) as F;
  for (const change of changes) {
    const parts = change.path.split('.');
    if (parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype'))
      throw new FrameworkChangeError(change.path, 'is not a path of the framework');
    let node: unknown = copy;
    for (const part of parts.slice(0, -1)) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part))
        throw new FrameworkChangeError(change.path, 'is not a path of the framework');
      node = (node as Record<string, unknown>)[part];
    }
    const last = parts.at(-1)!;
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, last))
      throw new FrameworkChangeError(change.path, 'is not a path of the framework');
    const current = (node as Record<string, unknown>)[last];
    if (typeof current !== 'number' && typeof current !== 'string' && typeof current !== 'boolean')
      throw new FrameworkChangeError(
        change.path,
        'is not a single value (a number, text or yes/no) that can be changed',
      );
    if (typeof change.value !== typeof current)
      throw new FrameworkChangeError(
        change.path,
        `must be a ${typeof current}, like its current value ${JSON.stringify(current)}`,
      );
    if (typeof change.value === 'number' && !Number.isFinite(change.value))
      throw new FrameworkChangeError(change.path, 'must be a finite number');
    (node as Record<string, unknown>)[last] = change.value;
  }
  return copy;
}

/** Every changeable value of a framework with its path (numbers, strings and booleans), for forms and docs. */
export function changeableValues(
  framework: object,
  skip: readonly string[] = ['settings', 'id', 'version'],
): FrameworkChange[] {
  const out: FrameworkChange[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'number' || typeof node === 'string' || typeof node === 'boolean') {
      out.push({ path, value: node });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const p = path ? `${path}.${k}` : k;
      if (!path && skip.includes(k)) continue;
      walk(v, p);
    }
  };
  walk(framework, '');
  return out;
}

/** One organization's headline result, as compared between two runs. */
export interface ResultHeadline {
  orgCode: string;
  classification: string | null;
  reason: string | null;
  percentile: number | null;
  annualPct: number | null;
  cumulativePct: number | null;
}

/** An organization whose classification or reason differs between the official run and the what-if. */
export interface ChangedResult {
  orgCode: string;
  before: ResultHeadline | null;
  after: ResultHeadline | null;
}

/** The organizations whose classification or reason changed (ordered by code). */
export function changedResults(before: readonly ResultHeadline[], after: readonly ResultHeadline[]): ChangedResult[] {
  const a = new Map(before.map((r) => [r.orgCode, r]));
  const b = new Map(after.map((r) => [r.orgCode, r]));
  const codes = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ChangedResult[] = [];
  for (const code of codes) {
    const x = a.get(code) ?? null;
    const y = b.get(code) ?? null;
    if (x?.classification !== y?.classification || x?.reason !== y?.reason)
      out.push({ orgCode: code, before: x, after: y });
  }
  return out;
}
