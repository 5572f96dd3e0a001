import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { OrgLevel } from '../../../core/orgs/organization.ts';

type Q = Kysely<Database>;

/** An organization with its district (for a school) and its region (a school's is its district's). */
export interface PlacedOrg {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  district: { id: number; code: string; name: string } | null;
  region: { id: number; code: string; name: string } | null;
}

function placedQuery(db: Q) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', (j) => j.onRef('p.id', '=', 'o.parent_id').on('p.level', '=', 'district'))
    .leftJoin('organizations as r', (j) => j.on(sql`r.id`, '=', sql`coalesce(o.region_id, p.region_id)`))
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.level',
      'p.id as districtId',
      'p.code as districtCode',
      'p.name as districtName',
      'r.id as regionId',
      'r.code as regionCode',
      'r.name as regionName',
    ]);
}

type PlacedRow = Awaited<ReturnType<ReturnType<typeof placedQuery>['execute']>>[number];

function toPlaced(r: PlacedRow): PlacedOrg {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level as OrgLevel,
    district: r.districtId !== null ? { id: r.districtId, code: r.districtCode!, name: r.districtName! } : null,
    region: r.regionId !== null ? { id: r.regionId, code: r.regionCode!, name: r.regionName! } : null,
  };
}

/** The organization with this code, placed in its district and region; undefined when none has it. */
export async function findPlacedOrg(db: Q, code: string): Promise<PlacedOrg | undefined> {
  const row = await placedQuery(db).where('o.code', '=', code).executeTakeFirst();
  return row ? toPlaced(row) : undefined;
}

/** The organizations with these ids, placed. */
export async function findPlacedOrgsById(db: Q, ids: readonly number[]): Promise<PlacedOrg[]> {
  if (ids.length === 0) return [];
  return (await placedQuery(db).where('o.id', 'in', ids).execute()).map(toPlaced);
}

/** The districts of a region and their schools (open ones: not closed before `year`), placed. */
export async function listRegionOrgs(db: Q, regionId: number, year: number): Promise<PlacedOrg[]> {
  const rows = await placedQuery(db)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.level', '=', 'district'), eb('o.region_id', '=', regionId)]),
        eb.and([eb('o.level', '=', 'school'), eb('p.region_id', '=', regionId)]),
      ]),
    )
    .where((eb) => eb.or([eb('o.closed_year', 'is', null), eb('o.closed_year', '>=', year)]))
    .orderBy('o.code')
    .execute();
  return rows.map(toPlaced);
}

/** The schools of these districts (open ones), placed. */
export async function listDistrictSchools(db: Q, districtIds: readonly number[], year: number): Promise<PlacedOrg[]> {
  if (districtIds.length === 0) return [];
  const rows = await placedQuery(db)
    .where('o.level', '=', 'school')
    .where('o.parent_id', 'in', districtIds)
    .where((eb) => eb.or([eb('o.closed_year', 'is', null), eb('o.closed_year', '>=', year)]))
    .orderBy('o.code')
    .execute();
  return rows.map(toPlaced);
}

// ---- staff ----

/** A team member as stored, with user and region resolved. */
export interface StaffRow {
  id: number;
  userId: number;
  displayName: string;
  email: string;
  regionId: number;
  regionCode: string;
  regionName: string;
  teamRole: string;
  active: boolean;
  districts: { id: number; code: string; name: string }[];
}

/** Team members, of one region or by id, ordered by region, role and name. */
export async function listStaff(db: Q, filter: { regionId?: number; id?: number; userId?: number }) {
  let q = db
    .selectFrom('assistance_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organizations as r', 'r.id', 's.region_id')
    .select([
      's.id',
      's.user_id',
      'u.display_name',
      'u.email',
      's.region_id',
      'r.code as region_code',
      'r.name as region_name',
      's.team_role',
      's.active',
    ]);
  if (filter.regionId !== undefined) q = q.where('s.region_id', '=', filter.regionId);
  if (filter.id !== undefined) q = q.where('s.id', '=', filter.id);
  if (filter.userId !== undefined) q = q.where('s.user_id', '=', filter.userId);
  const rows = await q.orderBy('r.code').orderBy('s.team_role').orderBy('u.display_name').orderBy('s.id').execute();
  const ids = rows.map((r) => r.id);
  const districts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('assistance_staff_districts as d')
          .innerJoin('organizations as o', 'o.id', 'd.district_id')
          .select(['d.staff_id', 'o.id', 'o.code', 'o.name'])
          .where('d.staff_id', 'in', ids)
          .orderBy('o.name')
          .execute();
  return rows.map((r): StaffRow => ({
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    regionId: r.region_id,
    regionCode: r.region_code,
    regionName: r.region_name,
    teamRole: r.team_role,
    active: r.active,
    districts: districts.filter((d) => d.staff_id === r.id).map((d) => ({ id: d.id, code: d.code, name: d.name })),
  }));
}

/** Adds a team member with their districts; returns the new id. */
export async function insertStaff(
  db: Q,
  row: { userId: number; regionId: number; teamRole: string; districtIds: number[]; createdBy: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('assistance_staff')
    .values({ user_id: row.userId, region_id: row.regionId, team_role: row.teamRole, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceStaffDistricts(db, id, row.districtIds);
  return id;
}

/** Changes a team member's role, active flag and districts. */
export async function updateStaff(
  db: Q,
  id: number,
  row: { teamRole: string; active: boolean; districtIds: number[]; now: Date },
): Promise<void> {
  await db
    .updateTable('assistance_staff')
    .set({ team_role: row.teamRole, active: row.active, updated_at: row.now })
    .where('id', '=', id)
    .execute();
  await replaceStaffDistricts(db, id, row.districtIds);
}

async function replaceStaffDistricts(db: Q, staffId: number, districtIds: number[]): Promise<void> {
  await db.deleteFrom('assistance_staff_districts').where('staff_id', '=', staffId).execute();
  if (districtIds.length > 0)
    await db
      .insertInto('assistance_staff_districts')
      .values([...new Set(districtIds)].map((d) => ({ staff_id: staffId, district_id: d })))
      .execute();
}

// ---- accountability and early-warning figures ----

/** Each organization's headline in an accountability run. */
export async function resultsOf(db: Q, runId: number, orgIds: readonly number[]) {
  if (orgIds.length === 0)
    return new Map<number, { classification: string | null; category: string | null; percentile: number | null }>();
  const rows = await db
    .selectFrom('accountability_results')
    .select(['org_id', 'classification', 'category', 'percentile'])
    .where('run_id', '=', runId)
    .where('org_id', 'in', orgIds)
    .execute();
  return new Map(rows.map((r) => [r.org_id, r]));
}

/** The latest early-warning run (any year), or undefined. */
export async function latestEwisRun(db: Q) {
  return db
    .selectFrom('ewis_runs')
    .select(['id', 'school_year'])
    .orderBy('school_year', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Per school in a run: students with a risk level, and those at high risk. */
export async function highRiskCounts(db: Q, runId: number, schoolIds: readonly number[]) {
  if (schoolIds.length === 0) return new Map<number, { scored: number; high: number }>();
  const rows = await db
    .selectFrom('ewis_scores')
    .select([
      'school_id',
      sql<string>`count(*) filter (where risk_level is not null)`.as('scored'),
      sql<string>`count(*) filter (where risk_level = 'high')`.as('high'),
    ])
    .where('run_id', '=', runId)
    .where('school_id', 'in', schoolIds)
    .groupBy('school_id')
    .execute();
  return new Map(rows.map((r) => [r.school_id, { scored: Number(r.scored), high: Number(r.high) }]));
}

/**
 * The date of the latest engagement on or before `today` with each organization; for a district, engagements with
 * its schools count too (a district is only as strong as its weakest school, and its team works through them).
 */
export async function lastEngagementDates(db: Q, orgIds: readonly number[], today: string) {
  const last = new Map<number, string>();
  if (orgIds.length === 0) return last;
  const rows = await db
    .selectFrom('assistance_engagements as e')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .select(['o.id', 'o.parent_id', sql<string>`to_char(max(e.occurred_on), 'YYYY-MM-DD')`.as('last')])
    .where((eb) => eb.or([eb('o.id', 'in', orgIds), eb('o.parent_id', 'in', orgIds)]))
    .where('e.occurred_on', '<=', today)
    .groupBy(['o.id', 'o.parent_id'])
    .execute();
  const wanted = new Set(orgIds);
  const keep = (id: number | null, date: string) => {
    if (id === null || !wanted.has(id)) return;
    const seen = last.get(id);
    if (seen === undefined || date > seen) last.set(id, date);
  };
  for (const r of rows) {
    keep(r.id, r.last);
    keep(r.parent_id, r.last);
  }
  return last;
}

// ---- engagements ----

function engagementQuery(db: Q) {
  return db
    .selectFrom('assistance_engagements as e')
    .select([
      'e.id',
      'e.org_id',
      'e.engagement_type',
      sql<string>`to_char(e.occurred_on, 'YYYY-MM-DD')`.as('occurred_on'),
      'e.participants',
      'e.framework_codes',
      'e.notes',
      'e.next_steps',
      'e.created_at',
      'e.updated_at',
    ]);
}

/** An engagement as stored, with its staff. */
export type EngagementRow = Awaited<ReturnType<ReturnType<typeof engagementQuery>['execute']>>[number] & {
  staff: { id: number; displayName: string; teamRole: string }[];
};

async function withStaff(
  db: Q,
  rows: Awaited<ReturnType<ReturnType<typeof engagementQuery>['execute']>>,
): Promise<EngagementRow[]> {
  const ids = rows.map((r) => r.id);
  const staff =
    ids.length === 0
      ? []
      : await db
          .selectFrom('assistance_engagement_staff as es')
          .innerJoin('assistance_staff as s', 's.id', 'es.staff_id')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .select(['es.engagement_id', 's.id', 'u.display_name', 's.team_role'])
          .where('es.engagement_id', 'in', ids)
          .orderBy('u.display_name')
          .execute();
  return rows.map((r) => ({
    ...r,
    staff: staff
      .filter((s) => s.engagement_id === r.id)
      .map((s) => ({ id: s.id, displayName: s.display_name, teamRole: s.team_role })),
  }));
}

/** One engagement by id, or undefined. */
export async function findEngagement(db: Q, id: number): Promise<EngagementRow | undefined> {
  const rows = await engagementQuery(db).where('e.id', '=', id).execute();
  return (await withStaff(db, rows))[0];
}

/** The engagements with an organization and everything under it, latest first, filtered, one page; and how many match. */
export async function listEngagements(
  db: Q,
  filter: {
    orgIds: readonly number[];
    from?: string | undefined;
    to?: string | undefined;
    type?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: EngagementRow[]; total: number }> {
  if (filter.orgIds.length === 0) return { rows: [], total: 0 };
  let q = engagementQuery(db).where('e.org_id', 'in', filter.orgIds);
  if (filter.from) q = q.where('e.occurred_on', '>=', filter.from);
  if (filter.to) q = q.where('e.occurred_on', '<=', filter.to);
  if (filter.type) q = q.where('e.engagement_type', '=', filter.type);
  const rows = await q
    .select(sql<string>`count(*) over ()`.as('total'))
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return { rows: await withStaff(db, rows), total };
}

/** The fields of an engagement a user writes. */
export interface EngagementValues {
  orgId: number;
  type: string;
  occurredOn: string;
  staffIds: number[];
  participants: { name: string; role: string }[];
  frameworkCodes: string[];
  notes: string;
  nextSteps: string;
}

/** Records an engagement; returns its id. */
export async function insertEngagement(db: Q, v: EngagementValues, createdBy: number | null): Promise<number> {
  const { id } = await db
    .insertInto('assistance_engagements')
    .values({
      org_id: v.orgId,
      engagement_type: v.type,
      occurred_on: v.occurredOn,
      participants: JSON.stringify(v.participants),
      framework_codes: v.frameworkCodes,
      notes: v.notes,
      next_steps: v.nextSteps,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('assistance_engagement_staff')
    .values([...new Set(v.staffIds)].map((s) => ({ engagement_id: id, staff_id: s })))
    .execute();
  return id;
}

/** Replaces an engagement's fields and staff. */
export async function updateEngagement(db: Q, id: number, v: EngagementValues, now: Date): Promise<void> {
  await db
    .updateTable('assistance_engagements')
    .set({
      org_id: v.orgId,
      engagement_type: v.type,
      occurred_on: v.occurredOn,
      participants: JSON.stringify(v.participants),
      framework_codes: v.frameworkCodes,
      notes: v.notes,
      next_steps: v.nextSteps,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('assistance_engagement_staff').where('engagement_id', '=', id).execute();
  await db
    .insertInto('assistance_engagement_staff')
    .values([...new Set(v.staffIds)].map((s) => ({ engagement_id: id, staff_id: s })))
    .execute();
}

/** Deletes an engagement (its staff links go with it). */
export async function deleteEngagement(db: Q, id: number): Promise<void> {
  await db.deleteFrom('assistance_engagements').where('id', '=', id).execute();
}

// ---- instruments, observations, calibration ----

/** An instrument with its items in order, or undefined. */
export async function findInstrument(db: Q, id: number) {
  const row = await db
    .selectFrom('observation_instruments')
    .select(['id', 'name', 'description'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const items = await db
    .selectFrom('observation_items')
    .select(['id', 'position', 'prompt', 'framework_codes', 'scale'])
    .where('instrument_id', '=', id)
    .orderBy('position')
    .execute();
  return { ...row, items, inUse: await instrumentInUse(db, id) };
}

/** Whether any observation (or calibration session) uses the instrument. */
export async function instrumentInUse(db: Q, id: number): Promise<boolean> {
  const used = await db
    .selectFrom('observations')
    .select('id')
    .where('instrument_id', '=', id)
    .union(db.selectFrom('calibration_sessions').select('id').where('instrument_id', '=', id))
    .limit(1)
    .executeTakeFirst();
  return used !== undefined;
}

/** Every instrument with its item count, by name. */
export async function listInstruments(db: Q) {
  return db
    .selectFrom('observation_instruments as i')
    .select([
      'i.id',
      'i.name',
      'i.description',
      sql<string>`(select count(*) from observation_items t where t.instrument_id = i.id)`.as('item_count'),
      sql<boolean>`exists (select 1 from observations o where o.instrument_id = i.id) or exists (select 1 from calibration_sessions c where c.instrument_id = i.id)`.as(
        'in_use',
      ),
    ])
    .orderBy(sql`lower(i.name)`)
    .execute();
}

/** An instrument item as the builder writes it. */
export interface ItemValues {
  prompt: string;
  frameworkCodes: string[];
  scale: { value: number; label: string }[];
}

/** Creates an instrument with its items; returns its id. */
export async function insertInstrument(
  db: Q,
  v: { name: string; description: string; items: ItemValues[] },
  createdBy: number | null,
): Promise<number> {
  const { id } = await db
    .insertInto('observation_instruments')
    .values({ name: v.name, description: v.description, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertItems(db, id, v.items);
  return id;
}

/** Replaces an unused instrument's name, description and items. */
export async function replaceInstrument(
  db: Q,
  id: number,
  v: { name: string; description: string; items: ItemValues[] },
  now: Date,
): Promise<void> {
  await db
    .updateTable('observation_instruments')
    .set({ name: v.name, description: v.description, updated_at: now })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('observation_items').where('instrument_id', '=', id).execute();
  await insertItems(db, id, v.items);
}

async function insertItems(db: Q, instrumentId: number, items: ItemValues[]): Promise<void> {
  await db
    .insertInto('observation_items')
    .values(
      items.map((it, i) => ({
        instrument_id: instrumentId,
        position: i + 1,
        prompt: it.prompt,
        framework_codes: it.frameworkCodes,
        scale: JSON.stringify(it.scale),
      })),
    )
    .execute();
}

function observationQuery(db: Q) {
  return db
    .selectFrom('observations as b')
    .innerJoin('observation_instruments as i', 'i.id', 'b.instrument_id')
    .innerJoin('organizations as o', 'o.id', 'b.org_id')
    .select([
      'b.id',
      'b.instrument_id',
      'i.name as instrument_name',
      'o.code as org_code',
      'o.name as org_name',
      'o.level as org_level',
      'b.calibration_session_id',
      'b.lesson',
      'b.observer_name',
      sql<string>`to_char(b.observed_on, 'YYYY-MM-DD')`.as('observed_on'),
      'b.notes',
    ]);
}

/** Observations with their ratings: of an organization's subtree, or of a calibration session. */
export async function listObservations(db: Q, filter: { orgIds?: readonly number[]; sessionId?: number }) {
  let q = observationQuery(db);
  if (filter.orgIds) {
    if (filter.orgIds.length === 0) return [];
    q = q.where('b.org_id', 'in', filter.orgIds).where('b.calibration_session_id', 'is', null);
  }
  if (filter.sessionId !== undefined) q = q.where('b.calibration_session_id', '=', filter.sessionId);
  const rows = await q
    .orderBy('b.observed_on', 'desc')
    .orderBy('b.lesson')
    .orderBy('b.observer_name')
    .orderBy('b.id')
    .limit(5000)
    .execute();
  const ids = rows.map((r) => r.id);
  const ratings =
    ids.length === 0
      ? []
      : await db
          .selectFrom('observation_ratings as x')
          .innerJoin('observation_items as t', 't.id', 'x.item_id')
          .select(['x.observation_id', 'x.item_id', 'x.value'])
          .where('x.observation_id', 'in', ids)
          .orderBy('t.position')
          .execute();
  return rows.map((r) => ({
    ...r,
    ratings: ratings.filter((x) => x.observation_id === r.id).map((x) => ({ itemId: x.item_id, value: x.value })),
  }));
}

/** Records an observation with its ratings, or replaces the observer's sheet for a lesson of a calibration session. */
export async function saveObservation(
  db: Q,
  v: {
    instrumentId: number;
    orgId: number;
    sessionId: number | null;
    lesson: string;
    observer: string;
    observedOn: string;
    notes: string;
    ratings: { itemId: number; value: number }[];
    createdBy: number | null;
  },
): Promise<number> {
  if (v.sessionId !== null)
    await db
      .deleteFrom('observations')
      .where('calibration_session_id', '=', v.sessionId)
      .where(sql`lower(observer_name)`, '=', v.observer.toLowerCase())
      .where('lesson', '=', v.lesson)
      .execute();
  const { id } = await db
    .insertInto('observations')
    .values({
      instrument_id: v.instrumentId,
      org_id: v.orgId,
      calibration_session_id: v.sessionId,
      lesson: v.lesson,
      observer_name: v.observer,
      observed_on: v.observedOn,
      notes: v.notes,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('observation_ratings')
    .values(v.ratings.map((r) => ({ observation_id: id, item_id: r.itemId, value: r.value })))
    .execute();
  return id;
}

function sessionQuery(db: Q) {
  return db
    .selectFrom('calibration_sessions as c')
    .innerJoin('observation_instruments as i', 'i.id', 'c.instrument_id')
    .innerJoin('organizations as r', 'r.id', 'c.region_id')
    .leftJoin('organizations as s', 's.id', 'c.org_id')
    .select([
      'c.id',
      'c.title',
      sql<string>`to_char(c.held_on, 'YYYY-MM-DD')`.as('held_on'),
      'c.region_id',
      'r.code as region_code',
      'r.name as region_name',
      'c.org_id',
      's.code as school_code',
      's.name as school_name',
      'c.instrument_id',
      'i.name as instrument_name',
    ]);
}

/** A calibration session as stored. */
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

/** One calibration session, or undefined. */
export async function findSession(db: Q, id: number): Promise<SessionRow | undefined> {
  return sessionQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** Calibration sessions, of one region or all, latest first. */
export async function listSessions(db: Q, regionId?: number): Promise<SessionRow[]> {
  let q = sessionQuery(db);
  if (regionId !== undefined) q = q.where('c.region_id', '=', regionId);
  return q.orderBy('c.held_on', 'desc').orderBy('c.id', 'desc').execute();
}

/** Creates a calibration session; returns its id. */
export async function insertSession(
  db: Q,
  v: { instrumentId: number; regionId: number; orgId: number | null; heldOn: string; title: string },
  createdBy: number | null,
): Promise<number> {
  const { id } = await db
    .insertInto('calibration_sessions')
    .values({
      instrument_id: v.instrumentId,
      region_id: v.regionId,
      org_id: v.orgId,
      held_on: v.heldOn,
      title: v.title,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
