import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { GradeCode, Organization, OrgLevel, OrgType } from '../../../core/orgs/organization.ts';
import type { OrgPlacement } from '../../../core/access/roles.ts';

type Q = Kysely<Database>;

/** An organization row with its parent and region resolved (a school's region is its district's). */
export interface OrgRow {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgType;
  grades: GradeCode[];
  town: string | null;
  openedYear: number | null;
  closedYear: number | null;
  parent: { code: string; name: string; level: OrgLevel } | null;
  region: { code: string; name: string; level: OrgLevel } | null;
}

export interface OrgSearch {
  q?: string | undefined;
  level?: OrgLevel | undefined;
  type?: OrgType | undefined;
  includeClosed?: boolean | undefined;
  /** A school year: organizations closed before it are left out unless `includeClosed`. */
  currentYear: number;
  limit: number;
  offset: number;
}

function baseQuery(db: Q) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .leftJoin('organizations as r', (join) => join.on(sql`r.id`, '=', sql`coalesce(o.region_id, p.region_id)`))
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.level',
      'o.type',
      'o.grades',
      'o.town',
      'o.opened_year',
      'o.closed_year',
      'p.code as parent_code',
      'p.name as parent_name',
      'p.level as parent_level',
      'r.code as region_code',
      'r.name as region_name',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toOrgRow(r: BaseRow): OrgRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level as OrgLevel,
    type: r.type as OrgType,
    grades: r.grades as GradeCode[],
    town: r.town,
    openedYear: r.opened_year,
    closedYear: r.closed_year,
    parent: r.parent_code ? { code: r.parent_code, name: r.parent_name!, level: r.parent_level as OrgLevel } : null,
    region: r.region_code ? { code: r.region_code, name: r.region_name!, level: 'region' } : null,
  };
}

/** Escapes LIKE wildcards so user text matches literally. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The organization with this code, or undefined. */
export async function findOrgByCode(db: Q, code: string): Promise<OrgRow | undefined> {
  const row = await baseQuery(db).where('o.code', '=', code).executeTakeFirst();
  return row ? toOrgRow(row) : undefined;
}

/** The organizations directly under one: a district's schools, the state's districts and regions. */
export async function listChildren(db: Q, orgId: number): Promise<OrgRow[]> {
  const rows = await baseQuery(db)
    .where('o.parent_id', '=', orgId)
    .orderBy('o.level')
    .orderBy(sql`lower(o.name)`)
    .orderBy('o.code')
    .execute();
  return rows.map(toOrgRow);
}

/** The districts assigned to a region. */
export async function listRegionDistricts(db: Q, regionId: number): Promise<OrgRow[]> {
  const rows = await baseQuery(db)
    .where('o.region_id', '=', regionId)
    .where('o.level', '=', 'district')
    .orderBy(sql`lower(o.name)`)
    .execute();
  return rows.map(toOrgRow);
}

/**
 * Finds organizations by name words or code. A query of digits matches codes (leading zeros may be left out);
 * words must each appear in the name, the town or the district's name. Exact matches come first.
 */
export async function searchOrgs(db: Q, search: OrgSearch): Promise<{ rows: OrgRow[]; total: number }> {
  const q = (search.q ?? '').trim().toLowerCase();
  let query = baseQuery(db).select(sql<number>`count(*) over ()`.as('total'));
  if (search.level) query = query.where('o.level', '=', search.level);
  if (search.type) query = query.where('o.type', '=', search.type);
  if (!search.includeClosed) {
    query = query.where((eb) =>
      eb.or([eb('o.closed_year', 'is', null), eb('o.closed_year', '>=', search.currentYear)]),
    );
  }
  let rank: ReturnType<typeof sql<number>> | null = null;
  if (/^\d{1,8}$/.test(q)) {
    const padded = q.padStart(8, '0');
    const trimmed = q.replace(/^0+/, '');
    query = query.where((eb) =>
      eb.or([
        eb('o.code', '=', padded),
        eb('o.code', 'like', `${q}%`),
        ...(trimmed ? [eb(sql`ltrim(o.code, '0')`, 'like', `${trimmed}%`)] : []),
      ]),
    );
    rank = sql<number>`case when o.code = ${padded} then 0 when o.code like ${`${q}%`} then 1 else 2 end`;
  } else if (q) {
    const tokens = q
      .split(/[\s,]+/)
      .filter(Boolean)
      .slice(0, 8);
    const haystack = sql`lower(o.name || ' ' || coalesce(o.town, '') || ' ' || coalesce(p.name, '') || ' ' || o.code)`;
    for (const token of tokens) {
      query = query.where(haystack, 'like', `%${likeEscape(token)}%`);
    }
    const escaped = likeEscape(q);
    rank = sql<number>`case
      when lower(o.name) = ${q} then 0
      when lower(o.name) like ${`${escaped}%`} then 1
      when lower(o.name) like ${`%${escaped}%`} then 2
      else 3 end`;
  }
  if (rank) query = query.orderBy(rank);
  const rows = await query
    .orderBy(sql`case o.level when 'state' then 0 when 'region' then 1 when 'district' then 2 else 3 end`)
    .orderBy(sql`lower(o.name)`)
    .orderBy('o.code')
    .limit(search.limit)
    .offset(search.offset)
    .execute();
  const total = rows.length > 0 ? Number(rows[0]!.total) : search.offset > 0 ? await countOnly(db, search) : 0;
  return { rows: rows.map(toOrgRow), total };
}

async function countOnly(db: Q, search: OrgSearch): Promise<number> {
  const { total } = await searchOrgs(db, { ...search, offset: 0, limit: 1 });
  return total;
}

/** Where an organization sits, for scope checks: its ancestors and its region. */
export async function findOrgPlacement(
  db: Q,
  code: string,
): Promise<(OrgPlacement & { id: number; level: OrgLevel }) | undefined> {
  const row = await db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .leftJoin('organizations as gp', 'gp.id', 'p.parent_id')
    .leftJoin('organizations as r', (join) => join.on(sql`r.id`, '=', sql`coalesce(o.region_id, p.region_id)`))
    .select([
      'o.id',
      'o.code',
      'o.level',
      'p.code as parent_code',
      'gp.code as grandparent_code',
      'r.code as region_code',
    ])
    .where('o.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    code: row.code,
    level: row.level as OrgLevel,
    ancestorCodes: [row.parent_code, row.grandparent_code].filter((c): c is string => c !== null),
    regionCode: row.region_code,
  };
}

/** The ids of an organization and every organization under it (for a region: its districts and their schools). */
export function subtreeIds(db: Q, orgId: number) {
  return db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('organizations')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', orgId), eb('region_id', '=', orgId)]))
        .unionAll((u) =>
          u.selectFrom('organizations as c').innerJoin('subtree', 'subtree.id', 'c.parent_id').select('c.id'),
        ),
    )
    .selectFrom('subtree')
    .select('subtree.id');
}

/**
 * Inserts or updates organizations by code, then links parents and regions by code. Runs inside the caller's
 * transaction; an unknown parent or region code is an error naming the organization.
 */
export async function upsertOrganizations(
  db: Q,
  orgs: readonly Organization[],
): Promise<{ inserted: number; updated: number }> {
  if (orgs.length === 0) return { inserted: 0, updated: 0 };
  const newCodes = new Set<string>();
  const changedCodes = new Set<string>();
  const relinked = new Set<string>();
  const chunk = 500;
  for (let i = 0; i < orgs.length; i += chunk) {
    const part = orgs.slice(i, i + chunk);
    const rows = await db
      .insertInto('organizations')
      .values(
        part.map((o) => ({
          code: o.code,
          name: o.name,
          level: o.level,
          type: o.type,
          grades: o.grades,
          town: o.town,
          opened_year: o.openedYear,
          closed_year: o.closedYear,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            level: eb.ref('excluded.level'),
            type: eb.ref('excluded.type'),
            grades: eb.ref('excluded.grades'),
            town: eb.ref('excluded.town'),
            opened_year: eb.ref('excluded.opened_year'),
            closed_year: eb.ref('excluded.closed_year'),
            updated_at: sql`now()`,
          }))
          // Only rows that change are written: a repeated import leaves the registry as it was.
          .where(
            sql<boolean>`(organizations.name, organizations.level, organizations.type, organizations.grades, organizations.town, organizations.opened_year, organizations.closed_year)
              IS DISTINCT FROM (excluded.name, excluded.level, excluded.type, excluded.grades, excluded.town, excluded.opened_year, excluded.closed_year)`,
          ),
      )
      .returning(['code', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    for (const r of rows) (r.inserted ? newCodes : changedCodes).add(r.code);
  }
  const ids = new Map(
    (await db.selectFrom('organizations').select(['id', 'code']).execute()).map((r) => [r.code, r.id] as const),
  );
  for (const o of orgs) {
    const parentId = o.parentCode === null ? null : ids.get(o.parentCode);
    const regionId = o.regionCode === null ? null : ids.get(o.regionCode);
    if (parentId === undefined)
      throw new Error(`organization ${o.code} names parent ${o.parentCode}, which is not known`);
    if (regionId === undefined)
      throw new Error(`organization ${o.code} names region ${o.regionCode}, which is not known`);
    const linked = await db
      .updateTable('organizations')
      .set({ parent_id: parentId, region_id: regionId, updated_at: sql`now()` })
      .where('code', '=', o.code)
      .where(sql<boolean>`(parent_id, region_id) IS DISTINCT FROM (${parentId}::integer, ${regionId}::integer)`)
      .executeTakeFirst();
    if (Number(linked.numUpdatedRows) > 0 && !newCodes.has(o.code)) relinked.add(o.code);
  }
  return { inserted: newCodes.size, updated: new Set([...changedCodes, ...relinked]).size };
}

/** How many organizations there are, by level. */
export async function countOrgsByLevel(db: Q): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('organizations')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}
