import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { IndicatorDefinition } from '../../../core/indicators/indicator.ts';
import type { StudentGroup } from '../../../core/student-groups.ts';

type Q = Kysely<Database>;

/** Writes the student groups, keyed by code (a re-run changes nothing). */
export async function upsertStudentGroups(db: Q, groups: readonly StudentGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await db
    .insertInto('student_groups')
    .values(
      groups.map((g, i) => ({ code: g.code, label: g.label, kind: g.kind, description: g.description, sort_order: i })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        kind: eb.ref('excluded.kind'),
        description: eb.ref('excluded.description'),
        sort_order: eb.ref('excluded.sort_order'),
      })),
    )
    .execute();
}

/** Writes indicator definitions, keyed by code. */
export async function upsertIndicators(db: Q, indicators: readonly IndicatorDefinition[]): Promise<void> {
  if (indicators.length === 0) return;
  await db
    .insertInto('indicators')
    .values(
      indicators.map((d, i) => ({
        code: d.code,
        label: d.label,
        definition: d.definition,
        unit: d.unit,
        direction: d.direction,
        area: d.area,
        source: d.source,
        year_convention: d.yearConvention,
        decimals: d.decimals,
        sort_order: i,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        definition: eb.ref('excluded.definition'),
        unit: eb.ref('excluded.unit'),
        direction: eb.ref('excluded.direction'),
        area: eb.ref('excluded.area'),
        source: eb.ref('excluded.source'),
        year_convention: eb.ref('excluded.year_convention'),
        decimals: eb.ref('excluded.decimals'),
        sort_order: eb.ref('excluded.sort_order'),
      })),
    )
    .execute();
}

export async function listStudentGroups(db: Q) {
  return db.selectFrom('student_groups').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function listIndicators(db: Q) {
  return db.selectFrom('indicators').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function getSetting(db: Q, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: Q, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}
