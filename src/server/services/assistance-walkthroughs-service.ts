import { AppError } from '../../core/errors.ts';
import { agreementReport } from '../../core/assistance/agreement.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import { subtreeIds } from '../db/repositories/org-repository.ts';
import {
  findInstrument,
  findSession,
  insertInstrument,
  insertSession,
  instrumentInUse,
  listInstruments,
  listObservations,
  listSessions,
  replaceInstrument,
  saveObservation,
  type SessionRow,
} from '../db/repositories/assistance-repository.ts';
import type {
  CalibrationReport,
  CalibrationSessionBody,
  CalibrationSessionList,
  CalibrationSheetBody,
  Instrument,
  InstrumentBody,
  InstrumentList,
  Observation,
  ObservationBody,
  ObservationList,
} from '../api/assistance.ts';
import { assertOrgInScope, assertRegionAccess, resolveOrg, seesAllRegions } from './assistance-service.ts';
import { writeAudit } from './audit-service.ts';

type Scale = { value: number; label: string }[];
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

async function instrumentOr404(ctx: RequestContext, id: number, field?: string) {
  const found = await findInstrument(ctx.db.kysely, id);
  if (!found) {
    if (field) throw new AppError('validation_failed', `There is no observation instrument ${id}`, field);
    throw new AppError('not_found', `There is no observation instrument ${id}`);
  }
  return found;
}

function presentInstrument(i: NonNullable<Awaited<ReturnType<typeof findInstrument>>>): Instrument {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    inUse: i.inUse,
    items: i.items.map((t) => ({
      id: t.id,
      position: t.position,
      prompt: t.prompt,
      frameworkCodes: t.framework_codes,
      scale: parse<Scale>(t.scale),
    })),
  };
}

/** Every observation instrument, by name. */
export async function instruments(ctx: RequestContext): Promise<InstrumentList> {
  const rows = await listInstruments(ctx.db.kysely);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      inUse: Boolean(r.in_use),
      itemCount: Number(r.item_count),
    })),
  };
}

/** One instrument with its items and scales. */
export async function instrument(ctx: RequestContext, id: number): Promise<Instrument> {
  return presentInstrument(await instrumentOr404(ctx, id));
}

const duplicateName = (name: string) =>
  new AppError('conflict', `An observation instrument is named "${name}" already; choose another name`);

/** Builds an observation instrument: items with their rating scales. Audited. */
export async function createInstrument(ctx: RequestContext, body: InstrumentBody): Promise<Instrument> {
  let id: number;
  try {
    id = await ctx.db.kysely.transaction().execute((trx) => insertInstrument(trx, body, ctx.user?.id ?? null));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(body.name);
    throw err;
  }
  await writeAudit(ctx, { action: 'create', resourceType: 'observation_instrument', resourceId: String(id) });
  return instrument(ctx, id);
}

/**
 * Replaces an instrument's name, description and items. Refused (409) once observations or calibration sessions
 * use it: changing the items would change what recorded ratings mean; build a new instrument instead.
 */
export async function changeInstrument(ctx: RequestContext, id: number, body: InstrumentBody): Promise<Instrument> {
  const current = await instrumentOr404(ctx, id);
  if (await instrumentInUse(ctx.db.kysely, id))
    throw new AppError(
      'conflict',
      `"${current.name}" is in use by observations: its items can no longer change; build a new instrument instead`,
    );
  try {
    await ctx.db.kysely.transaction().execute((trx) => replaceInstrument(trx, id, body, ctx.now));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(body.name);
    throw err;
  }
  await writeAudit(ctx, { action: 'update', resourceType: 'observation_instrument', resourceId: String(id) });
  return instrument(ctx, id);
}

/** Checks ratings against the instrument: known items, each once, values on the item's scale. */
function checkRatings(i: Instrument, ratings: readonly { itemId: number; value: number }[]): void {
  const seen = new Set<number>();
  for (const r of ratings) {
    const item = i.items.find((t) => t.id === r.itemId);
    if (!item) throw new AppError('validation_failed', `Item ${r.itemId} is not an item of "${i.name}"`, 'ratings');
    if (seen.has(r.itemId)) throw new AppError('validation_failed', `Item ${r.itemId} is rated twice`, 'ratings');
    seen.add(r.itemId);
    if (!item.scale.some((p) => p.value === r.value))
      throw new AppError(
        'validation_failed',
        `${r.value} is not on the scale of item ${item.position} (${item.scale.map((p) => p.value).join(', ')})`,
        'ratings',
      );
  }
}

function presentObservation(r: Awaited<ReturnType<typeof listObservations>>[number]): Observation {
  return {
    id: r.id,
    instrument: { id: r.instrument_id, name: r.instrument_name },
    org: { code: r.org_code, name: r.org_name, level: r.org_level as Observation['org']['level'] },
    calibrationSessionId: r.calibration_session_id,
    lesson: r.lesson,
    observer: r.observer_name,
    observedOn: r.observed_on,
    notes: r.notes,
    ratings: r.ratings,
  };
}

/** Records a classroom observation by the signed-in user at a school within their scope. Audited. */
export async function recordObservation(ctx: RequestContext, body: ObservationBody): Promise<Observation> {
  const school = await resolveOrg(ctx.db, body.orgCode, 'orgCode', ['school']);
  assertOrgInScope(ctx, school);
  if (body.observedOn > isoDay(ctx.now))
    throw new AppError('validation_failed', `The observation date ${body.observedOn} is after today`, 'observedOn');
  const inst = presentInstrument(await instrumentOr404(ctx, body.instrumentId, 'instrumentId'));
  checkRatings(inst, body.ratings);
  const id = await ctx.db.kysely.transaction().execute((trx) =>
    saveObservation(trx, {
      instrumentId: inst.id,
      orgId: school.id,
      sessionId: null,
      lesson: body.lesson,
      observer: ctx.user?.displayName ?? 'system',
      observedOn: body.observedOn,
      notes: body.notes,
      ratings: body.ratings,
      createdBy: ctx.user?.id ?? null,
    }),
  );
  await writeAudit(ctx, { action: 'create', resourceType: 'observation', resourceId: String(id), orgId: school.id });
  const rows = await listObservations(ctx.db.kysely, { orgIds: [school.id] });
  return presentObservation(rows.find((r) => r.id === id)!);
}

/** The observations (outside calibration) at an organization and the schools under it. Audited. */
export async function observationsAt(ctx: RequestContext, code: string): Promise<ObservationList> {
  const root = await resolveOrg(ctx.db, code, 'code', ['state', 'region', 'district', 'school']);
  const ids = (await subtreeIds(ctx.db.kysely, root.id).execute()).map((r) => r.id);
  const rows = await listObservations(ctx.db.kysely, { orgIds: ids });
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'observations',
    resourceId: root.code,
    orgId: root.id,
    detail: { returned: rows.length },
  });
  return { items: rows.map(presentObservation) };
}

function presentSession(s: SessionRow) {
  return {
    id: s.id,
    title: s.title,
    heldOn: s.held_on,
    region: { code: s.region_code, name: s.region_name, level: 'region' as const },
    school: s.school_code ? { code: s.school_code, name: s.school_name!, level: 'school' as const } : null,
    instrument: { id: s.instrument_id, name: s.instrument_name },
  };
}

async function sessionInReach(ctx: RequestContext, id: number): Promise<SessionRow> {
  const s = await findSession(ctx.db.kysely, id);
  if (!s) throw new AppError('not_found', `There is no calibration session ${id}`);
  assertRegionAccess(ctx, s.region_code);
  return s;
}

/** Calibration sessions of a region (regional staff: their own), or of every region. */
export async function calibrationSessions(ctx: RequestContext, regionCode?: string): Promise<CalibrationSessionList> {
  const wanted = regionCode ?? (seesAllRegions(ctx.user) ? undefined : (ctx.user?.scope.orgCode ?? undefined));
  if (wanted === undefined) return { items: (await listSessions(ctx.db.kysely)).map(presentSession) };
  const region = await resolveOrg(ctx.db, wanted, 'region', ['region']);
  assertRegionAccess(ctx, region.code);
  return { items: (await listSessions(ctx.db.kysely, region.id)).map(presentSession) };
}

/** Opens a calibration session of a region with an instrument (and the school observed, if any). Audited. */
export async function createCalibrationSession(
  ctx: RequestContext,
  body: CalibrationSessionBody,
): Promise<CalibrationReport> {
  const region = await resolveOrg(ctx.db, body.regionCode, 'regionCode', ['region']);
  assertRegionAccess(ctx, region.code);
  await instrumentOr404(ctx, body.instrumentId, 'instrumentId');
  let schoolId: number | null = null;
  if (body.schoolCode) {
    const school = await resolveOrg(ctx.db, body.schoolCode, 'schoolCode', ['school']);
    if (school.region?.id !== region.id)
      throw new AppError('validation_failed', `${school.name} is not in the ${region.name}`, 'schoolCode');
    schoolId = school.id;
  }
  const id = await insertSession(
    ctx.db.kysely,
    { instrumentId: body.instrumentId, regionId: region.id, orgId: schoolId, heldOn: body.heldOn, title: body.title },
    ctx.user?.id ?? null,
  );
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'calibration_session',
    resourceId: String(id),
    orgId: region.id,
  });
  // The creation is audited already: the report that answers it is not a second read.
  return calibrationReport(ctx, id, false);
}

/**
 * Records (or replaces) one observer's rating sheet for a lesson of a calibration session: sending the same sheet
 * again changes nothing. Audited.
 */
export async function recordCalibrationSheet(
  ctx: RequestContext,
  id: number,
  body: CalibrationSheetBody,
): Promise<CalibrationReport> {
  const s = await sessionInReach(ctx, id);
  const inst = presentInstrument(await instrumentOr404(ctx, s.instrument_id));
  checkRatings(inst, body.ratings);
  await ctx.db.kysely.transaction().execute((trx) =>
    saveObservation(trx, {
      instrumentId: inst.id,
      orgId: s.org_id ?? s.region_id,
      sessionId: s.id,
      lesson: body.lesson,
      observer: body.observer,
      observedOn: s.held_on,
      notes: '',
      ratings: body.ratings,
      createdBy: ctx.user?.id ?? null,
    }),
  );
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'calibration_session',
    resourceId: String(id),
    orgId: s.region_id,
    detail: { observer: body.observer, lesson: body.lesson, ratings: body.ratings.length },
  });
  return calibrationReport(ctx, id, false);
}

/**
 * A calibration session with every rating sheet and the agreement between observers (core/assistance/agreement):
 * percent agreement and Cohen's kappa (two observers) or Fleiss' kappa (more) per item and overall. Audited.
 */
export async function calibrationReport(ctx: RequestContext, id: number, audit = true): Promise<CalibrationReport> {
  const s = await sessionInReach(ctx, id);
  const inst = presentInstrument(await instrumentOr404(ctx, s.instrument_id));
  const sheets = (await listObservations(ctx.db.kysely, { sessionId: id })).map(presentObservation);
  const report = agreementReport(
    sheets.flatMap((o) =>
      o.ratings.map((r) => ({
        subject: o.lesson,
        item: String(r.itemId),
        rater: o.observer.toLowerCase(),
        value: r.value,
      })),
    ),
  );
  // Raters are compared case-blind (the same person typed twice); shown as first written.
  const names = new Map(sheets.map((o) => [o.observer.toLowerCase(), o.observer]));
  const byItem = new Map(report.items.map((f) => [f.item, f]));
  if (audit)
    await writeAudit(ctx, {
      action: 'read',
      resourceType: 'calibration_session',
      resourceId: String(id),
      orgId: s.region_id,
    });
  const empty = {
    subjects: 0,
    incomplete: 0,
    percentAgreement: null,
    kappa: null,
    method: null,
    note: 'No ratings yet.',
  };
  return {
    ...presentSession(s),
    sheets,
    agreement: {
      raters: report.raters.map((r) => names.get(r) ?? r),
      items: inst.items.map((t) => {
        const f = byItem.get(String(t.id));
        const { item: _item, ...figures } = f ?? { item: '', ...empty };
        return { itemId: t.id, prompt: t.prompt, ...figures };
      }),
      overall: sheets.length === 0 ? empty : report.overall,
    },
  };
}
