import { roleDefinitions, roles } from '../../core/access/roles.ts';
import { indicatorCatalog } from '../../core/indicators/catalog.ts';
import { studentGroups } from '../../core/student-groups.ts';
import type {
  IndicatorArea,
  IndicatorDirection,
  IndicatorUnit,
  YearConvention,
} from '../../core/indicators/indicator.ts';
import type { StudentGroupKind } from '../../core/student-groups.ts';
import type { Db } from '../db/client.ts';
import {
  listIndicators,
  listStudentGroups,
  upsertIndicators,
  upsertStudentGroups,
} from '../db/repositories/catalog-repository.ts';

/** Writes the built-in student groups and indicator catalog into the database (a re-run changes nothing). */
export async function syncCatalog(db: Db): Promise<{ studentGroups: number; indicators: number }> {
  await db.kysely.transaction().execute(async (trx) => {
    await upsertStudentGroups(trx, studentGroups);
    await upsertIndicators(trx, indicatorCatalog);
  });
  return { studentGroups: studentGroups.length, indicators: indicatorCatalog.length };
}

export function listRoles() {
  return roles.map((r) => roleDefinitions[r]);
}

export async function getStudentGroups(db: Db) {
  const rows = await listStudentGroups(db.kysely);
  return rows.map((r) => ({
    code: r.code,
    label: r.label,
    kind: r.kind as StudentGroupKind,
    description: r.description,
  }));
}

export async function getIndicators(db: Db) {
  const rows = await listIndicators(db.kysely);
  return rows.map((r) => ({
    code: r.code,
    label: r.label,
    definition: r.definition,
    unit: r.unit as IndicatorUnit,
    direction: r.direction as IndicatorDirection,
    area: r.area as IndicatorArea,
    source: r.source,
    yearConvention: r.year_convention as YearConvention,
    decimals: r.decimals,
  }));
}
