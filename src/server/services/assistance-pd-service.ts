import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import {
  cancel as cancelRegistration,
  changeCapacity,
  register,
  waitlistPosition,
  type Registration as CoreRegistration,
} from '../../core/assistance/waitlist.ts';
import { pdContentAreaLabels, type PdContentArea, type PdKind } from '../../core/assistance/vocabulary.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findPlacedOrgsById } from '../db/repositories/assistance-repository.ts';
import type {
  Offering,
  OfferingBody,
  OfferingList,
  PdSession,
  Registration,
  RegistrationBody,
  RegistrationList,
  RegistrationOutcome,
  SessionBody,
} from '../api/assistance-pd.ts';
import { assertOrgInScope, orgInScope, resolveOrg } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';

type Q = Kysely<Database>;

/** Sessions with their confirmed and waitlisted counts. */
export function sessionQuery(db: Q) {
  return db
    .selectFrom('pd_sessions as s')
    .select([
      's.id',
      's.offering_id',
      sql<string>`to_char(s.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      's.location',
      's.capacity',
      sql<string>`(select count(*) from pd_registrations r where r.session_id = s.id and r.status = 'confirmed')`.as(
        'confirmed',
      ),
      sql<string>`(select count(*) from pd_registrations r where r.session_id = s.id and r.status = 'waitlisted')`.as(
        'waitlisted',
      ),
    ]);
}

/** A session row as the API shows it. */
export function presentSession(s: Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number]): PdSession {
  return {
    id: s.id,
    offeringId: s.offering_id,
    startsOn: s.starts_on,
    location: s.location,
    capacity: s.capacity,
    confirmed: Number(s.confirmed),
    waitlisted: Number(s.waitlisted),
  };
}

/** A session with its places taken; 404 when there is none. */
export async function sessionOr404(db: Q, id: number): Promise<PdSession> {
  const s = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('not_found', `There is no professional development session ${id}`);
  return presentSession(s);
}

/** The offerings with their sessions (by date), by title. */
export async function pdOfferings(ctx: RequestContext): Promise<OfferingList> {
  const db = ctx.db.kysely;
  const offerings = await db
    .selectFrom('pd_offerings')
    .selectAll()
    .orderBy(sql`lower(title)`)
    .execute();
  const sessions = (await sessionQuery(db).orderBy('s.starts_on').orderBy('s.id').execute()).map(presentSession);
  return {
    items: offerings.map((o): Offering => ({
      id: o.id,
      title: o.title,
      kind: o.kind as PdKind,
      contentArea: o.content_area as PdContentArea,
      contentAreaLabel: pdContentAreaLabels[o.content_area as PdContentArea],
      description: o.description,
      sessions: sessions.filter((s) => s.offeringId === o.id),
    })),
  };
}

/** Creates an offering. Audited. */
export async function createOffering(ctx: RequestContext, body: OfferingBody): Promise<Offering> {
  const { id } = await ctx.db.kysely
    .insertInto('pd_offerings')
    .values({
      title: body.title,
      kind: body.kind,
      content_area: body.contentArea,
      description: body.description,
      created_by: ctx.user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, { action: 'create', resourceType: 'pd_offering', resourceId: String(id) });
  return (await pdOfferings(ctx)).items.find((o) => o.id === id)!;
}

/** Adds a session with a capacity to an offering. Audited. */
export async function createSession(ctx: RequestContext, offeringId: number, body: SessionBody): Promise<PdSession> {
  const offering = await ctx.db.kysely
    .selectFrom('pd_offerings')
    .select('id')
    .where('id', '=', offeringId)
    .executeTakeFirst();
  if (!offering) throw new AppError('not_found', `There is no professional development offering ${offeringId}`);
  const { id } = await ctx.db.kysely
    .insertInto('pd_sessions')
    .values({ offering_id: offeringId, starts_on: body.startsOn, location: body.location, capacity: body.capacity })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, { action: 'create', resourceType: 'pd_session', resourceId: String(id) });
  return sessionOr404(ctx.db.kysely, id);
}

/** Every registration of a session, in waitlist order. */
export async function registrationRows(db: Q, sessionId: number) {
  return db
    .selectFrom('pd_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('sequence')
    .execute();
}
/** A registration as stored. */
export type RegistrationRow = Awaited<ReturnType<typeof registrationRows>>[number];

const toCore = (rows: readonly RegistrationRow[]): CoreRegistration[] =>
  rows.map((r) => ({ person: `${r.id}`, status: r.status, sequence: r.sequence }));

/** Registrations as the API shows them, with waitlist positions (among `all`), attendance and evaluation. */
export async function presentRegistrations(
  db: Q,
  rows: readonly RegistrationRow[],
  all: readonly RegistrationRow[],
): Promise<Registration[]> {
  const orgs = new Map((await findPlacedOrgsById(db, [...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o]));
  const ids = rows.map((r) => r.id);
  const attendance = new Map(
    (ids.length === 0
      ? []
      : await db
          .selectFrom('pd_attendance')
          .select(['registration_id', 'status'])
          .where('registration_id', 'in', ids)
          .execute()
    ).map((a) => [a.registration_id, a.status] as const),
  );
  const evaluated = new Set(
    (ids.length === 0
      ? []
      : await db.selectFrom('pd_evaluations').select('registration_id').where('registration_id', 'in', ids).execute()
    ).map((e) => e.registration_id),
  );
  const core = toCore(all);
  return rows.map((r) => {
    const org = orgs.get(r.org_id)!;
    return {
      id: r.id,
      sessionId: r.session_id,
      name: r.participant_name,
      email: r.participant_email,
      role: r.participant_role,
      org: { code: org.code, name: org.name, level: org.level },
      status: r.status,
      position: r.status === 'waitlisted' ? waitlistPosition(core, `${r.id}`) : null,
      attendance: attendance.get(r.id) ?? null,
      evaluated: evaluated.has(r.id),
    };
  });
}

/** Locks a session row for the transaction so registrations for it happen one at a time. */
export async function lockSession(trx: Q, id: number) {
  const s = await trx
    .selectFrom('pd_sessions')
    .select(['id', 'capacity'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!s) throw new AppError('not_found', `There is no professional development session ${id}`);
  return s;
}

/** Writes the statuses the core computed back to the rows that changed; returns the ids promoted. */
async function saveStatuses(trx: Q, before: readonly RegistrationRow[], after: readonly CoreRegistration[], now: Date) {
  for (const a of after) {
    const b = before.find((r) => `${r.id}` === a.person);
    if (b && b.status !== a.status)
      await trx
        .updateTable('pd_registrations')
        .set({ status: a.status, updated_at: now })
        .where('id', '=', b.id)
        .execute();
  }
}

/**
 * Registers a participant for a session (core/assistance/waitlist.ts): confirmed while places are free, else
 * waitlisted with a position. Registering the same email again while registered returns the same registration.
 * The participant's organization must lie in the caller's scope. Audited (names a person).
 */
export async function registerParticipant(
  ctx: RequestContext,
  sessionId: number,
  body: RegistrationBody,
): Promise<RegistrationOutcome> {
  const org = await resolveOrg(ctx.db, body.orgCode, 'orgCode', ['school', 'district']);
  assertOrgInScope(ctx, org);
  const db = ctx.db.kysely;
  const { id, alreadyRegistered } = await db.transaction().execute(async (trx) => {
    const session = await lockSession(trx, sessionId);
    const rows = await registrationRows(trx, sessionId);
    const existing = rows.find((r) => r.participant_email === body.email && r.status !== 'cancelled');
    if (existing) return { id: existing.id, alreadyRegistered: true };
    const sequence = rows.reduce((m, r) => Math.max(m, r.sequence), 0) + 1;
    // The core decides the status; the new row's key is a placeholder until it has an id.
    const outcome = register(toCore(rows), session.capacity, 'new', sequence);
    const { id } = await trx
      .insertInto('pd_registrations')
      .values({
        session_id: sessionId,
        participant_name: body.name,
        participant_email: body.email,
        participant_role: body.role,
        org_id: org.id,
        status: outcome.status,
        sequence,
        registered_by: ctx.user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, alreadyRegistered: false };
  });
  const all = await registrationRows(db, sessionId);
  const [registration] = await presentRegistrations(
    db,
    all.filter((r) => r.id === id),
    all,
  );
  await writeAudit(ctx, {
    action: alreadyRegistered ? 'read' : 'create',
    resourceType: 'pd_registration',
    resourceId: String(id),
    orgId: org.id,
    detail: { sessionId, status: registration!.status },
  });
  return { registration: registration!, alreadyRegistered, promoted: [] };
}

/** A registration the caller may act on: its participant's organization lies in their scope. */
async function registrationInScope(ctx: RequestContext, id: number): Promise<RegistrationRow> {
  const row = await ctx.db.kysely.selectFrom('pd_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no registration ${id}`);
  const [org] = await findPlacedOrgsById(ctx.db.kysely, [row.org_id]);
  assertOrgInScope(ctx, org!);
  return row;
}

/**
 * Cancels a registration; when it held a place, the first on the waitlist is promoted automatically. Refused
 * (409) when cancelled already. Audited.
 */
export async function cancelParticipant(ctx: RequestContext, id: number): Promise<RegistrationOutcome> {
  const row = await registrationInScope(ctx, id);
  if (row.status === 'cancelled')
    throw new AppError('conflict', `The registration of ${row.participant_name} is cancelled already`);
  const db = ctx.db.kysely;
  const promotedIds = await db.transaction().execute(async (trx) => {
    const session = await lockSession(trx, row.session_id);
    const rows = await registrationRows(trx, row.session_id);
    const outcome = cancelRegistration(toCore(rows), session.capacity, `${id}`);
    await saveStatuses(trx, rows, outcome.registrations, ctx.now);
    return outcome.promoted.map(Number);
  });
  const all = await registrationRows(db, row.session_id);
  const [registration] = await presentRegistrations(
    db,
    all.filter((r) => r.id === id),
    all,
  );
  const promoted = await presentRegistrations(
    db,
    all.filter((r) => promotedIds.includes(r.id)),
    all,
  );
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'pd_registration',
    resourceId: String(id),
    orgId: row.org_id,
    detail: { status: 'cancelled', promoted: promotedIds },
  });
  return { registration: registration!, alreadyRegistered: false, promoted };
}

/** Changes a session's capacity; a larger one promotes from the waitlist. Audited. */
export async function changeSessionCapacity(
  ctx: RequestContext,
  sessionId: number,
  capacity: number,
): Promise<PdSession> {
  const db = ctx.db.kysely;
  const promoted = await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    await trx.updateTable('pd_sessions').set({ capacity }).where('id', '=', sessionId).execute();
    const rows = await registrationRows(trx, sessionId);
    const outcome = changeCapacity(toCore(rows), capacity);
    await saveStatuses(trx, rows, outcome.registrations, ctx.now);
    return outcome.promoted;
  });
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'pd_session',
    resourceId: String(sessionId),
    detail: { capacity, promoted: promoted.map(Number) },
  });
  return sessionOr404(db, sessionId);
}

/**
 * The registrations of a session that the caller's scope holds (state staff: all; regional staff: their region's
 * organizations; leaders: their own), in waitlist order. Audited (names people).
 */
export async function sessionRegistrations(ctx: RequestContext, sessionId: number): Promise<RegistrationList> {
  const db = ctx.db.kysely;
  const session = await sessionOr404(db, sessionId);
  const all = await registrationRows(db, sessionId);
  const orgs = new Map((await findPlacedOrgsById(db, [...new Set(all.map((r) => r.org_id))])).map((o) => [o.id, o]));
  const visible = all.filter((r) => ctx.user && orgInScope(ctx.user, orgs.get(r.org_id)!));
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'pd_registrations',
    resourceId: String(sessionId),
    detail: { returned: visible.length },
  });
  return { session, items: await presentRegistrations(db, visible, all) };
}
