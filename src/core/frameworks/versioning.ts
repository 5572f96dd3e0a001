import type { FrameworkDefinition, FrameworkItem } from './types.ts';

/** The states of a stored framework version: a draft the state edits, or published and fixed. */
export const frameworkVersionStatuses = ['draft', 'published'] as const;
export type FrameworkVersionStatus = (typeof frameworkVersionStatuses)[number];

/**
 * A new version of a framework: a copy of `from` with the next version number, for a state administrator to edit.
 * Records made with `from` keep pointing at it.
 */
export function copyAsNewVersion(from: FrameworkDefinition, existingVersions: readonly number[]): FrameworkDefinition {
  const version = Math.max(from.version, ...existingVersions) + 1;
  return {
    ...from,
    version,
    items: from.items.map((i) => ({ ...i, appliesTo: [...i.appliesTo] })),
    scale: { ...from.scale, levels: from.scale.levels.map((l) => ({ ...l })) },
  };
}

/** A change to an item's wording; confirming clears the unconfirmed flag. */
export interface ItemWordingEdit {
  title?: string | undefined;
  description?: string | undefined;
  confirmed?: boolean | undefined;
}

/** The item after an edit of its wording (a pure copy). */
export function applyWordingEdit(item: FrameworkItem, edit: ItemWordingEdit): FrameworkItem {
  return {
    ...item,
    title: edit.title ?? item.title,
    description: edit.description ?? item.description,
    unconfirmed: edit.confirmed === undefined ? item.unconfirmed : !edit.confirmed,
  };
}

/** The next free indicator code under an area (`TP1.4` after `TP1.3`), or at the top (`C12` after `C11`). */
export function nextItemCode(items: readonly FrameworkItem[], parentCode: string | null, prefix: string): string {
  const base = parentCode === null ? prefix : `${parentCode}.`;
  let n = 0;
  for (const item of items) {
    if (item.parentCode !== parentCode || !item.code.startsWith(base)) continue;
    const rest = item.code.slice(base.length);
    if (/^\d+$/.test(rest)) n = Math.max(n, Number(rest));
  }
  return `${base}${n + 1}`;
}
