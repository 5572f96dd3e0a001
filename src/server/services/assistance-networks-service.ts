import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import { networkKindLabels, type NetworkKind } from '../../core/assistance/vocabulary.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findPlacedOrgsById } from '../db/repositories/assistance-repository.ts';
import type {
  MeetingBody,
  MemberBody,
  Network,
  NetworkBody,
  NetworkDetail,
  NetworkList,
} from '../api/assistance-networks.ts';
import { orgInScope, refuseDuplicate, resolveOrg, seesAllRegions } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';

/**
 * Networks (docs/assistance.md): the Urban Superintendents Network, principals' networks, job-alike groups, with
 * members (users or named people, each with an organization and a role) and meetings (agenda, notes, who
 * attended). State staff keep every network; regional staff their region's; leaders read the networks they or
 * their organizations belong to; regional staff read statewide networks too.
 */

type Q = Kysely<Database>;

function networkQuery(db: Q) {
  return db
    .selectFrom('assistance_networks as n')
    .leftJoin('organizations as r', 'r.id', 'n.region_id')
    .select([
      'n.id',
      'n.name',
      'n.kind',
      'n.description',
      'n.region_id',
      'r.code as region_code',
      'r.name as region_name',
      'n.active',
    ]);
}
type NetworkRow = Awaited<ReturnType<ReturnType<typeof networkQuery>['execute']>>[number];

/** Whether the user keeps a network: state staff all; regional staff their region's. */
function mayManage(user: AuthUser | null, n: Pick<NetworkRow, 'region_code'>): boolean {
  if (seesAllRegions(user)) return true;
  return user?.role === 'regional_staff' && n.region_code !== null && n.region_code === user.scope.orgCode;
}

async function membersOf(db: Q, networkIds: readonly number[]) {
  if (networkIds.length === 0) return [];
  const rows = await db
    .selectFrom('network_members as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.id',
      'm.network_id',
      'm.user_id',
      'u.display_name',
      'm.name',
      'm.email',
      'm.org_id',
      'm.role',
      'm.active',
      sql<string>`(select count(*) from network_meeting_attendance a where a.member_id = m.id)`.as('attended'),
    ])
    .where('m.network_id', 'in', networkIds)
    .orderBy(sql`lower(m.name)`)
    .orderBy('m.id')
    .execute();
  const orgs = new Map(
    (await findPlacedOrgsById(db, [...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o] as const),
  );
  return rows.map((r) => ({ ...r, org: orgs.get(r.org_id)! }));
}
type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** Whether the user may read a network: they keep it, it is statewide (regional staff), or they or their organization belong. */
function mayRead(user: AuthUser | null, n: NetworkRow, members: readonly MemberRow[]): boolean {
  if (!user) return false;
  if (mayManage(user, n)) return true;
  if (user.role === 'regional_staff') return n.region_code === null;
  return members.some(
    (m) =>
      m.network_id === n.id &&
      (m.user_id === user.id || (m.email !== null && m.email === user.email.toLowerCase()) || orgInScope(user, m.org)),
  );
}

async function meetingDates(db: Q, networkIds: readonly number[], today: string) {
  if (networkIds.length === 0) return [];
  return db
    .selectFrom('network_meetings')
    .select([
      'network_id',
      sql<string | null>`to_char(max(held_on) filter (where held_on <= ${today}), 'YYYY-MM-DD')`.as('last'),
      sql<string | null>`to_char(min(held_on) filter (where held_on > ${today}), 'YYYY-MM-DD')`.as('next'),
    ])
    .where('network_id', 'in', networkIds)
    .groupBy('network_id')
    .execute();
}

function presentNetwork(
  user: AuthUser | null,
  n: NetworkRow,
  members: readonly MemberRow[],
  dates: { last: string | null; next: string | null } | undefined,
): Network {
  return {
    id: n.id,
    name: n.name,
    kind: n.kind as NetworkKind,
    kindLabel: networkKindLabels[n.kind as NetworkKind],
    description: n.description,
    region: n.region_code ? { code: n.region_code, name: n.region_name!, level: 'region' } : null,
    active: n.active,
    memberCount: members.filter((m) => m.network_id === n.id && m.active).length,
    lastMeetingOn: dates?.last ?? null,
    nextMeetingOn: dates?.next ?? null,
    canManage: mayManage(user, n),
  };
}

/** The networks the caller may read: active first, then by name. */
export async function listNetworks(ctx: RequestContext): Promise<NetworkList> {
  const db = ctx.db.kysely;
  const rows = await networkQuery(db)
    .orderBy('n.active', 'desc')
    .orderBy(sql`lower(n.name)`)
    .execute();
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  const readable = rows.filter((n) => mayRead(ctx.user, n, members));
  const dates = await meetingDates(
    db,
    readable.map((n) => n.id),
    isoDay(ctx.now),
  );
  return {
    items: readable.map((n) =>
      presentNetwork(
        ctx.user,
        n,
        members,
        dates.find((d) => d.network_id === n.id),
      ),
    ),
  };
}

async function networkOr404(db: Q, id: number): Promise<NetworkRow> {
  const row = await networkQuery(db).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no network ${id}`);
  return row;
}

/** A network the caller keeps (403 otherwise). */
async function managedNetwork(ctx: RequestContext, id: number): Promise<NetworkRow> {
  const n = await networkOr404(ctx.db.kysely, id);
  if (!mayManage(ctx.user, n))
    throw new AppError(
      n.region_code === null ? 'forbidden' : 'out_of_scope',
      n.region_code === null
        ? 'Statewide networks are kept by state staff'
        : "Regional staff keep their own region's networks",
    );
  return n;
}

/** A network with its members and meetings (latest first), for those who may read it. Audited (names people). */
export async function networkDetail(ctx: RequestContext, id: number, audit = true): Promise<NetworkDetail> {
  const db = ctx.db.kysely;
  const n = await networkOr404(db, id);
  const members = await membersOf(db, [id]);
  if (!mayRead(ctx.user, n, members)) throw new AppError('out_of_scope', 'You are not in this network');
  const [dates] = await meetingDates(db, [id], isoDay(ctx.now));
  const meetings = await db
    .selectFrom('network_meetings')
    .select(['id', sql<string>`to_char(held_on, 'YYYY-MM-DD')`.as('held_on'), 'topic', 'agenda', 'notes'])
    .where('network_id', '=', id)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const attendance =
    meetings.length === 0
      ? []
      : await db
          .selectFrom('network_meeting_attendance')
          .select(['meeting_id', 'member_id'])
          .where(
            'meeting_id',
            'in',
            meetings.map((m) => m.id),
          )
          .orderBy('member_id')
          .execute();
  if (audit)
    await writeAudit(ctx, {
      action: 'read',
      resourceType: 'assistance_network',
      resourceId: String(id),
      detail: { members: members.length },
    });
  return {
    ...presentNetwork(ctx.user, n, members, dates),
    members: members.map((m) => ({
      id: m.id,
      user: m.user_id !== null ? { id: m.user_id, displayName: m.display_name ?? m.name } : null,
      name: m.name,
      email: m.email,
      org: { code: m.org.code, name: m.org.name, level: m.org.level },
      role: m.role,
      active: m.active,
      meetingsAttended: Number(m.attended),
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      heldOn: m.held_on,
      topic: m.topic,
      agenda: m.agenda,
      notes: m.notes,
      attendedMemberIds: attendance.filter((a) => a.meeting_id === m.id).map((a) => a.member_id),
    })),
  };
}

/** The region a network body names (null: statewide), which the caller must keep. */
async function regionFor(
  ctx: RequestContext,
  regionCode: string | null,
): Promise<{ id: number; code: string; name: string } | null> {
  if (regionCode === null) {
    if (!seesAllRegions(ctx.user)) throw new AppError('forbidden', 'Statewide networks are kept by state staff');
    return null;
  }
  const region = await resolveOrg(ctx.db, regionCode, 'regionCode', ['region']);
  if (!mayManage(ctx.user, { region_code: region.code }))
    throw new AppError('out_of_scope', "Regional staff keep their own region's networks");
  return { id: region.id, code: region.code, name: region.name };
}

const duplicateName = (name: string) => `A network is named "${name}" already`;

/** Creates a network (state staff: any; regional staff: their region's). Audited. */
export async function createNetwork(ctx: RequestContext, body: NetworkBody): Promise<NetworkDetail> {
  const region = await regionFor(ctx, body.regionCode);
  const { id } = await refuseDuplicate(
    () =>
      ctx.db.kysely
        .insertInto('assistance_networks')
        .values({
          name: body.name,
          kind: body.kind,
          description: body.description,
          region_id: region?.id ?? null,
          active: body.active,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    duplicateName(body.name),
  );
  await writeAudit(ctx, { action: 'create', resourceType: 'assistance_network', resourceId: String(id), detail: body });
  return networkDetail(ctx, id, false);
}

/** Changes a network (the caller must keep it, and the region it moves to). Audited. */
export async function changeNetwork(ctx: RequestContext, id: number, body: NetworkBody): Promise<NetworkDetail> {
  const before = await managedNetwork(ctx, id);
  const region = await regionFor(ctx, body.regionCode);
  if (region && region.id !== before.region_id) {
    const outside = (await membersOf(ctx.db.kysely, [id])).find((m) => m.org.region?.code !== region.code);
    if (outside)
      throw new AppError(
        'validation_failed',
        `${outside.name} (${outside.org.name}) is a member from outside ${region.name}`,
        'regionCode',
      );
  }
  await refuseDuplicate(
    () =>
      ctx.db.kysely
        .updateTable('assistance_networks')
        .set({
          name: body.name,
          kind: body.kind,
          description: body.description,
          region_id: region?.id ?? null,
          active: body.active,
          updated_at: ctx.now,
        })
        .where('id', '=', id)
        .execute(),
    duplicateName(body.name),
  );
  await writeAudit(ctx, { action: 'update', resourceType: 'assistance_network', resourceId: String(id), detail: body });
  return networkDetail(ctx, id, false);
}

/** A member's columns from the body: a user's name and email from the account; the organization of the region. */
async function memberValues(ctx: RequestContext, n: NetworkRow, body: MemberBody) {
  const org = await resolveOrg(ctx.db, body.orgCode, 'orgCode', ['state', 'region', 'district', 'school']);
  if (n.region_code !== null && org.code !== n.region_code && org.region?.code !== n.region_code)
    throw new AppError('validation_failed', `${org.name} is not in the network's region (${n.region_name})`, 'orgCode');
  let name = body.name;
  let email = body.email ?? null;
  if (body.userId !== undefined) {
    const user = await ctx.db.kysely
      .selectFrom('users')
      .select(['id', 'display_name', 'email', 'active'])
      .where('id', '=', body.userId)
      .executeTakeFirst();
    if (!user || !user.active)
      throw new AppError('validation_failed', `There is no active user ${body.userId}`, 'userId');
    name = user.display_name;
    email = user.email.toLowerCase();
  }
  return { user_id: body.userId ?? null, name: name!, email, org_id: org.id, role: body.role, active: body.active };
}

const duplicateMember = (name: string) => `${name} is a member of this network already (for that organization)`;

/**
 * Runs one change of a network the caller keeps (403 otherwise), audits it and returns the network as it now
 * stands (its members and meetings).
 */
async function changeKept(
  ctx: RequestContext,
  id: number,
  audit: { action: 'create' | 'update' | 'delete'; resourceType: string },
  work: (n: NetworkRow) => Promise<{ id: number; orgId?: number; detail?: Record<string, unknown> }>,
): Promise<NetworkDetail> {
  const n = await managedNetwork(ctx, id);
  const done = await work(n);
  await writeAudit(ctx, {
    ...audit,
    resourceId: String(done.id),
    orgId: done.orgId ?? null,
    detail: { networkId: id, ...done.detail },
  });
  return networkDetail(ctx, id, false);
}

/** Adds a member to a network the caller keeps. Audited. */
export async function addMember(ctx: RequestContext, id: number, body: MemberBody): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'create', resourceType: 'network_member' }, async (n) => {
    const values = await memberValues(ctx, n, body);
    const { id: memberId } = await refuseDuplicate(
      () =>
        ctx.db.kysely
          .insertInto('network_members')
          .values({ network_id: id, ...values, created_by: ctx.user?.id ?? null })
          .returning('id')
          .executeTakeFirstOrThrow(),
      duplicateMember(values.name),
    );
    return { id: memberId, orgId: values.org_id, detail: { userId: values.user_id, role: values.role } };
  });
}

async function memberOr404(db: Q, networkId: number, memberId: number) {
  const m = await db
    .selectFrom('network_members')
    .select(['id', 'name'])
    .where('network_id', '=', networkId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!m) throw new AppError('not_found', `Network ${networkId} has no member ${memberId}`);
  return m;
}

/** Changes a member (organization, role, active...). Audited. */
export async function changeMember(
  ctx: RequestContext,
  id: number,
  memberId: number,
  body: MemberBody,
): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'update', resourceType: 'network_member' }, async (n) => {
    await memberOr404(ctx.db.kysely, id, memberId);
    const values = await memberValues(ctx, n, body);
    await refuseDuplicate(
      () =>
        ctx.db.kysely
          .updateTable('network_members')
          .set({ ...values, updated_at: ctx.now })
          .where('id', '=', memberId)
          .execute(),
      duplicateMember(values.name),
    );
    return { id: memberId, orgId: values.org_id, detail: { role: values.role, active: values.active } };
  });
}

/** Removes a member who attended no meeting (409 otherwise: mark them inactive instead). Audited. */
export async function removeMember(ctx: RequestContext, id: number, memberId: number): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'delete', resourceType: 'network_member' }, async () => {
    const m = await memberOr404(ctx.db.kysely, id, memberId);
    const attended = await ctx.db.kysely
      .selectFrom('network_meeting_attendance')
      .select('meeting_id')
      .where('member_id', '=', memberId)
      .limit(1)
      .executeTakeFirst();
    if (attended)
      throw new AppError(
        'conflict',
        `${m.name} attended meetings of this network: mark them inactive instead, so the attendance stays true`,
      );
    await ctx.db.kysely.deleteFrom('network_members').where('id', '=', memberId).execute();
    return { id: memberId };
  });
}

/** Checks a meeting's attendance: members of the network, and only once the meeting has taken place. */
async function checkAttendance(ctx: RequestContext, id: number, body: MeetingBody): Promise<void> {
  if (body.attendedMemberIds.length === 0) return;
  if (body.heldOn > isoDay(ctx.now))
    throw new AppError(
      'validation_failed',
      `The meeting is on ${body.heldOn}: attendance is recorded once it has taken place`,
      'attendedMemberIds',
    );
  const members = await ctx.db.kysely.selectFrom('network_members').select('id').where('network_id', '=', id).execute();
  for (const [i, memberId] of body.attendedMemberIds.entries())
    if (!members.some((m) => m.id === memberId))
      throw new AppError(
        'validation_failed',
        `Member ${memberId} is not a member of this network`,
        `attendedMemberIds.${i}`,
      );
}

async function saveAttendance(db: Q, meetingId: number, memberIds: readonly number[]): Promise<void> {
  await db.deleteFrom('network_meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (memberIds.length > 0)
    await db
      .insertInto('network_meeting_attendance')
      .values(memberIds.map((m) => ({ meeting_id: meetingId, member_id: m })))
      .execute();
}

const meetingDetail = (body: MeetingBody) => ({ heldOn: body.heldOn, attended: body.attendedMemberIds });

/** Records a meeting (date, topic, agenda, notes, who attended). Audited. */
export async function addMeeting(ctx: RequestContext, id: number, body: MeetingBody): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'create', resourceType: 'network_meeting' }, async () => {
    await checkAttendance(ctx, id, body);
    const meetingId = await ctx.db.kysely.transaction().execute(async (trx) => {
      const { id: meetingId } = await trx
        .insertInto('network_meetings')
        .values({
          network_id: id,
          held_on: body.heldOn,
          topic: body.topic,
          agenda: body.agenda,
          notes: body.notes,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await saveAttendance(trx, meetingId, body.attendedMemberIds);
      return meetingId;
    });
    return { id: meetingId, detail: meetingDetail(body) };
  });
}

async function meetingOr404(db: Q, networkId: number, meetingId: number): Promise<void> {
  const m = await db
    .selectFrom('network_meetings')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw new AppError('not_found', `Network ${networkId} has no meeting ${meetingId}`);
}

/** Changes a meeting and its attendance. Audited. */
export async function changeMeeting(
  ctx: RequestContext,
  id: number,
  meetingId: number,
  body: MeetingBody,
): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'update', resourceType: 'network_meeting' }, async () => {
    await meetingOr404(ctx.db.kysely, id, meetingId);
    await checkAttendance(ctx, id, body);
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('network_meetings')
        .set({ held_on: body.heldOn, topic: body.topic, agenda: body.agenda, notes: body.notes, updated_at: ctx.now })
        .where('id', '=', meetingId)
        .execute();
      await saveAttendance(trx, meetingId, body.attendedMemberIds);
    });
    return { id: meetingId, detail: meetingDetail(body) };
  });
}

/** Deletes a meeting with its attendance. Audited. */
export async function removeMeeting(ctx: RequestContext, id: number, meetingId: number): Promise<NetworkDetail> {
  return changeKept(ctx, id, { action: 'delete', resourceType: 'network_meeting' }, async () => {
    await meetingOr404(ctx.db.kysely, id, meetingId);
    await ctx.db.kysely.deleteFrom('network_meetings').where('id', '=', meetingId).execute();
    return { id: meetingId };
  });
}
