import type { FrameworkDefinition, FrameworkItem, FrameworkOrgLevel, RatingLevel, RatingScale } from './types.ts';

/** The indicators of a framework an organization of this level rates, in reading order (area, then indicator). */
export function indicatorsFor(
  framework: Pick<FrameworkDefinition, 'items'>,
  level: FrameworkOrgLevel,
): FrameworkItem[] {
  return orderedItems(framework.items).filter((i) => i.kind === 'indicator' && i.appliesTo.includes(level));
}

/** Items in reading order: each area followed by its indicators, by `order`. */
export function orderedItems(items: readonly FrameworkItem[]): FrameworkItem[] {
  const byParent = new Map<string | null, FrameworkItem[]>();
  for (const item of items) {
    const list = byParent.get(item.parentCode) ?? [];
    list.push(item);
    byParent.set(item.parentCode, list);
  }
  const out: FrameworkItem[] = [];
  const walk = (parent: string | null) => {
    for (const item of [...(byParent.get(parent) ?? [])].sort(
      (a, b) => a.order - b.order || a.code.localeCompare(b.code),
    )) {
      out.push(item);
      walk(item.code);
    }
  };
  walk(null);
  return out;
}

/** The rating levels an organization of this level may use. */
export function levelsFor(scale: RatingScale, level: FrameworkOrgLevel): RatingLevel[] {
  return scale.levels.filter((l) => !l.forLevels || l.forLevels.includes(level));
}

/** The level of a scale with this code, or undefined. */
export function findLevel(scale: RatingScale, code: string): RatingLevel | undefined {
  return scale.levels.find((l) => l.code === code);
}

/**
 * Checks the structure of a framework version: unique codes, parents that exist and are areas, indicators to rate,
 * and a scale with levels. Returns the problems as sentences (empty when valid).
 */
export function checkFramework(framework: Pick<FrameworkDefinition, 'items' | 'scale'>): string[] {
  const problems: string[] = [];
  const codes = new Map<string, FrameworkItem>();
  for (const item of framework.items) {
    if (codes.has(item.code)) problems.push(`item code ${item.code} is used twice`);
    codes.set(item.code, item);
  }
  for (const item of framework.items) {
    if (item.parentCode === null) continue;
    const parent = codes.get(item.parentCode);
    if (!parent) problems.push(`item ${item.code} names a parent ${item.parentCode} that does not exist`);
    else if (parent.kind !== 'area')
      problems.push(`item ${item.code} is under ${item.parentCode}, which is not an area`);
  }
  if (!framework.items.some((i) => i.kind === 'indicator')) problems.push('the framework has no indicators to rate');
  if (framework.scale.levels.length === 0) problems.push('the rating scale has no levels');
  const levelCodes = new Set(framework.scale.levels.map((l) => l.code));
  if (levelCodes.size !== framework.scale.levels.length) problems.push('the rating scale repeats a level code');
  return problems;
}
