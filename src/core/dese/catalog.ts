import { indicatorCatalog, mcasIndicatorCode, mcasSubjectGrades } from '../indicators/catalog.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';
import { derivedFamilies } from './families.ts';
import { expandVariants, mcasMeasures, type ColumnSpec, type DeseProfile, type ValueRole } from './profile.ts';
import { derivedCode } from './rows.ts';

/** Every column of a profile, those only older rows have included. */
export function allColumns(profile: DeseProfile): ColumnSpec[] {
  const hidden = (profile.layouts ?? []).flatMap((l) => l.cells.filter((c): c is ColumnSpec => typeof c !== 'string'));
  return [...profile.columns, ...hidden];
}

/** The value columns of a profile, with their roles. */
export function valueColumns(profile: DeseProfile): { spec: ColumnSpec; role: ValueRole }[] {
  return allColumns(profile).flatMap((spec) => (spec.role.kind === 'value' ? [{ spec, role: spec.role }] : []));
}

/**
 * The catalog entry of a file-derived indicator: labelled as DESE labels the column, defined as "as published", the
 * unit inferred from the header unless the profile says, direction as declared (context unless known).
 */
export function derivedIndicator(profile: DeseProfile, spec: ColumnSpec): IndicatorDefinition {
  if (spec.role.kind !== 'value' || spec.role.indicator.kind !== 'derived')
    throw new Error(`${profile.id}.${spec.id} is not a derived value column`);
  const ref = spec.role.indicator;
  const family = derivedFamilies[profile.derivedPrefix];
  if (!family) throw new Error(`${profile.id}: unknown derived family ${profile.derivedPrefix}`);
  return {
    code: derivedCode(profile, spec),
    label: ref.label,
    definition: `As published in the ${family.report} (${family.source}): "${ref.label}". Imported from DESE's file as is; see docs/dese-import.md.`,
    unit: ref.unit,
    direction: ref.direction,
    area: ref.area ?? family.area,
    source: family.source,
    yearConvention: ref.yearConvention ?? family.yearConvention,
    decimals: ref.decimals,
  };
}

const curatedByCode = new Map(indicatorCatalog.map((d) => [d.code, d]));

/** The catalog entries values of this layout can refer to (curated, MCAS and derived), by code. */
export function profileIndicators(profile: DeseProfile): IndicatorDefinition[] {
  const out = new Map<string, IndicatorDefinition>();
  for (const variant of expandVariants(profile)) addProfileIndicators(variant, out);
  return [...out.values()];
}

function addProfileIndicators(profile: DeseProfile, out: Map<string, IndicatorDefinition>): void {
  for (const { spec, role } of valueColumns(profile)) {
    const ref = role.indicator;
    if (ref.kind === 'curated') {
      const def = curatedByCode.get(ref.code);
      if (!def) throw new Error(`${profile.id}.${spec.id}: ${ref.code} is not in the indicator catalog`);
      out.set(def.code, def);
    } else if (ref.kind === 'derived') {
      const def = derivedIndicator(profile, spec);
      out.set(def.code, def);
    } else {
      const measures = ref.measure === 'mean_sgp' ? (['mean_sgp', 'median_sgp'] as const) : [ref.measure];
      for (const { subject, grade } of mcasSubjectGrades())
        for (const m of measures) {
          const def = curatedByCode.get(mcasIndicatorCode(subject, grade, m));
          if (def) out.set(def.code, def);
        }
    }
  }
}

/** Every file-derived indicator of the given layouts (one entry per code). */
export function derivedCatalog(profiles: readonly DeseProfile[]): IndicatorDefinition[] {
  const out = new Map<string, IndicatorDefinition>();
  for (const p of profiles.flatMap(expandVariants))
    for (const { spec, role } of valueColumns(p))
      if (role.indicator.kind === 'derived') {
        const def = derivedIndicator(p, spec);
        if (!out.has(def.code)) out.set(def.code, def);
      }
  return [...out.values()];
}

export { mcasMeasures };
