import { indicatorCatalog } from '../../../core/indicators/catalog.ts';
import type { IndicatorDefinition } from '../../../core/indicators/indicator.ts';
import { studentGroups } from '../../../core/student-groups.ts';
import { derivedCatalog, profileIndicators } from '../../../core/dese/catalog.ts';
import { deseExtraStudentGroups } from '../../../core/dese/groups.ts';
import type { DeseProfile } from '../../../core/dese/profile.ts';
import { deseProfiles } from '../../../core/dese/profiles/index.ts';
import type { RawConnection } from '../../db/client.ts';

// Sort orders: curated entries keep their catalog position (as `syncCatalog` writes them); derived ones follow, in
// the order of the profiles, so the same entry always gets the same row whichever file writes it.
const curatedOrder = new Map(indicatorCatalog.map((d, i) => [d.code, i]));
const derivedOrder = new Map(derivedCatalog(deseProfiles).map((d, i) => [d.code, 100_000 + i]));

/**
 * Writes the student groups and the catalog entries a layout's values refer to (values need them: foreign keys).
 * Rows already as they should be are left alone, so a re-import changes nothing.
 */
export async function writeCatalogFor(conn: RawConnection, profile: DeseProfile): Promise<void> {
  const groups = [
    ...studentGroups.map((g, i) => ({ ...g, sort: i })),
    ...deseExtraStudentGroups.map((g, i) => ({ ...g, sort: 1000 + i })),
  ];
  await conn.query(
    `INSERT INTO student_groups (code, label, kind, description, sort_order)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
     ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, kind = EXCLUDED.kind, description = EXCLUDED.description,
       sort_order = EXCLUDED.sort_order
     WHERE (student_groups.label, student_groups.kind, student_groups.description, student_groups.sort_order)
       IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.kind, EXCLUDED.description, EXCLUDED.sort_order)`,
    [
      groups.map((g) => g.code),
      groups.map((g) => g.label),
      groups.map((g) => g.kind),
      groups.map((g) => g.description),
      groups.map((g) => g.sort),
    ],
  );
  const defs = profileIndicators(profile);
  if (defs.length > 0) await upsertIndicatorRows(conn, defs);
}

async function upsertIndicatorRows(conn: RawConnection, defs: readonly IndicatorDefinition[]): Promise<void> {
  const order = (code: string) => curatedOrder.get(code) ?? derivedOrder.get(code) ?? 200_000;
  await conn.query(
    `INSERT INTO indicators (code, label, definition, unit, direction, area, source, year_convention, decimals, sort_order)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::int[], $10::int[])
     ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, definition = EXCLUDED.definition, unit = EXCLUDED.unit,
       direction = EXCLUDED.direction, area = EXCLUDED.area, source = EXCLUDED.source,
       year_convention = EXCLUDED.year_convention, decimals = EXCLUDED.decimals, sort_order = EXCLUDED.sort_order
     WHERE (indicators.label, indicators.definition, indicators.unit, indicators.direction, indicators.area,
            indicators.source, indicators.year_convention, indicators.decimals, indicators.sort_order)
       IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.definition, EXCLUDED.unit, EXCLUDED.direction, EXCLUDED.area,
            EXCLUDED.source, EXCLUDED.year_convention, EXCLUDED.decimals, EXCLUDED.sort_order)`,
    [
      defs.map((d) => d.code),
      defs.map((d) => d.label),
      defs.map((d) => d.definition),
      defs.map((d) => d.unit),
      defs.map((d) => d.direction),
      defs.map((d) => d.area),
      defs.map((d) => d.source),
      defs.map((d) => d.yearConvention),
      defs.map((d) => d.decimals),
      defs.map((d) => order(d.code)),
    ],
  );
}
