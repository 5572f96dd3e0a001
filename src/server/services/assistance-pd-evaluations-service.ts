import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import { ratingScale, summarizeAttendance, summarizeEvaluations } from '../../core/assistance/evaluation.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findPlacedOrgsById } from '../db/repositories/assistance-repository.ts';
import type {
  AttendanceBody,
  EvaluationBody,
  EvaluationQuestionList,
  EvaluationReceipt,
  MyRegistrations,
  RegistrationList,
  SessionSummary,
} from '../api/assistance-pd.ts';
import { orgInScope } from './assistance-service.ts';
import {
  lockSession,
  presentRegistrations,
  presentSession,
  registrationRows,
  sessionOr404,
  sessionQuery,
  sessionRegistrations,
} from './assistance-pd-service.ts';
import { writeAudit } from './audit-service.ts';

/**
 * After a professional development session (docs/assistance.md): the agency records who attended; those who
 * attended evaluate it (ratings 1-5 on the questions kept in `pd_evaluation_questions`, and comments); the session
 * summary gives the attendance rate and each question's mean, withheld below the reporting minimum.
 */

type Q = Kysely<Database>;

/** The words of the rating scale. */
const scaleLabels: Record<string, string> = {
  '1': 'Strongly disagree',
  '2': 'Disagree',
  '3': 'Neither agree nor disagree',
  '4': 'Agree',
  '5': 'Strongly agree',
};

async function activeQuestions(db: Q) {
  return db
    .selectFrom('pd_evaluation_questions')
    .select(['code', 'position', 'prompt'])
    .where('active', '=', true)
    .orderBy('position')
    .execute();
}

/** The evaluation questions in order, with the rating scale. */
export async function evaluationQuestions(ctx: RequestContext): Promise<EvaluationQuestionList> {
  return {
    scale: { min: ratingScale.min, max: ratingScale.max, labels: scaleLabels },
    items: await activeQuestions(ctx.db.kysely),
  };
}

/**
 * Records attendance at a session that has begun (409 before its date): each record names a confirmed
 * registration of the session (400 otherwise) whose organization lies in the caller's scope (regional staff: their
 * region's; 403 otherwise). Someone who has evaluated the session stays attended (409). Audited; returns the
 * session's registrations in the caller's scope.
 */
export async function recordAttendance(
  ctx: RequestContext,
  sessionId: number,
  body: AttendanceBody,
): Promise<RegistrationList> {
  const db = ctx.db.kysely;
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const session = await sessionOr404(trx, sessionId);
    if (session.startsOn > isoDay(ctx.now))
      throw new AppError(
        'conflict',
        `The session starts on ${session.startsOn}: attendance is recorded once it has taken place`,
      );
    const rows = await registrationRows(trx, sessionId);
    const orgs = new Map(
      (await findPlacedOrgsById(trx, [...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o] as const),
    );
    const evaluated = new Set(
      (
        await trx
          .selectFrom('pd_evaluations')
          .select('registration_id')
          .where(
            'registration_id',
            'in',
            body.records.map((r) => r.registrationId),
          )
          .execute()
      ).map((e) => e.registration_id),
    );
    for (const [i, rec] of body.records.entries()) {
      const row = rows.find((r) => r.id === rec.registrationId);
      const field = `records.${i}.registrationId`;
      if (!row)
        throw new AppError('validation_failed', `Registration ${rec.registrationId} is not for this session`, field);
      if (row.status !== 'confirmed')
        throw new AppError(
          'validation_failed',
          `${row.participant_name} is ${row.status}, not confirmed: only confirmed registrations attend`,
          field,
        );
      if (!ctx.user || !orgInScope(ctx.user, orgs.get(row.org_id)!))
        throw new AppError('out_of_scope', `${row.participant_name} works outside your region`);
      if (rec.status === 'absent' && evaluated.has(row.id))
        throw new AppError(
          'conflict',
          `${row.participant_name} has evaluated the session: their attendance stays recorded as attended`,
        );
    }
    await trx
      .insertInto('pd_attendance')
      .values(
        body.records.map((r) => ({
          registration_id: r.registrationId,
          status: r.status,
          recorded_by: ctx.user?.id ?? null,
          recorded_at: ctx.now,
        })),
      )
      .onConflict((oc) =>
        oc.column('registration_id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          recorded_by: eb.ref('excluded.recorded_by'),
          recorded_at: eb.ref('excluded.recorded_at'),
        })),
      )
      .execute();
  });
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'pd_attendance',
    resourceId: String(sessionId),
    detail: {
      attended: body.records.filter((r) => r.status === 'attended').map((r) => r.registrationId),
      absent: body.records.filter((r) => r.status === 'absent').map((r) => r.registrationId),
    },
  });
  return sessionRegistrations(ctx, sessionId);
}

/**
 * The participant's evaluation of a session they attended: only the person registered (the signed-in user's email
 * is the registration's; 403 otherwise), once their attendance is recorded as attended (409), once (409), rating
 * every question 1-5 (400 naming what is missing or unknown). Audited.
 */
export async function submitEvaluation(
  ctx: RequestContext,
  registrationId: number,
  body: EvaluationBody,
): Promise<EvaluationReceipt> {
  const db = ctx.db.kysely;
  const row = await db
    .selectFrom('pd_registrations as r')
    .leftJoin('pd_attendance as a', 'a.registration_id', 'r.id')
    .select(['r.id', 'r.session_id', 'r.participant_email', 'r.org_id', 'a.status as attendance'])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no registration ${registrationId}`);
  if (!ctx.user || ctx.user.email.toLowerCase() !== row.participant_email)
    throw new AppError('forbidden', 'Only the participant registered evaluates a session they attended');
  if (row.attendance !== 'attended')
    throw new AppError(
      'conflict',
      'Your attendance at this session is not recorded as attended: only those who attended evaluate it',
    );
  const questions = await activeQuestions(db);
  for (const [i, r] of body.ratings.entries())
    if (!questions.some((q) => q.code === r.question))
      throw new AppError(
        'validation_failed',
        `There is no evaluation question "${r.question}"`,
        `ratings.${i}.question`,
      );
  const missing = questions.filter((q) => !body.ratings.some((r) => r.question === q.code));
  if (missing.length > 0)
    throw new AppError(
      'validation_failed',
      `Rate every question: ${missing.map((q) => `"${q.prompt}"`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not rated`,
      'ratings',
    );
  const id = await db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('pd_evaluations')
      .select('id')
      .where('registration_id', '=', registrationId)
      .forUpdate()
      .executeTakeFirst();
    if (done) throw new AppError('conflict', 'You have evaluated this session already');
    const { id } = await trx
      .insertInto('pd_evaluations')
      .values({
        registration_id: registrationId,
        comments: body.comments,
        submitted_by: ctx.user?.id ?? null,
        submitted_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pd_evaluation_ratings')
      .values(body.ratings.map((r) => ({ evaluation_id: id, question_code: r.question, rating: r.rating })))
      .execute();
    return id;
  });
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'pd_evaluation',
    resourceId: String(id),
    orgId: row.org_id,
    detail: { registrationId, sessionId: row.session_id },
  });
  return { registrationId, sessionId: row.session_id, submittedAt: ctx.now.toISOString() };
}

/**
 * A session's summary: attendance of its confirmed registrations (the rate over those recorded), and per question
 * the number of ratings and their mean, withheld (with the comments) when fewer than `minimum` evaluated it.
 */
export async function sessionSummary(ctx: RequestContext, sessionId: number, minimum: number): Promise<SessionSummary> {
  const db = ctx.db.kysely;
  const session = await sessionOr404(db, sessionId);
  const offering = await db
    .selectFrom('pd_offerings')
    .select(['id', 'title'])
    .where('id', '=', session.offeringId)
    .executeTakeFirstOrThrow();
  const confirmed = await db
    .selectFrom('pd_registrations as r')
    .leftJoin('pd_attendance as a', 'a.registration_id', 'r.id')
    .select(['a.status'])
    .where('r.session_id', '=', sessionId)
    .where('r.status', '=', 'confirmed')
    .execute();
  const evaluations = await db
    .selectFrom('pd_evaluations as e')
    .innerJoin('pd_registrations as r', 'r.id', 'e.registration_id')
    .select(['e.id', 'e.comments'])
    .where('r.session_id', '=', sessionId)
    .orderBy('e.submitted_at')
    .orderBy('e.id')
    .execute();
  const ratings =
    evaluations.length === 0
      ? []
      : await db
          .selectFrom('pd_evaluation_ratings')
          .select(['evaluation_id', 'question_code', 'rating'])
          .where(
            'evaluation_id',
            'in',
            evaluations.map((e) => e.id),
          )
          .execute();
  const summary = summarizeEvaluations(
    await activeQuestions(db),
    evaluations.map((e) => ({
      ratings: Object.fromEntries(
        ratings.filter((r) => r.evaluation_id === e.id).map((r) => [r.question_code, r.rating]),
      ),
    })),
    minimum,
  );
  const shown = evaluations.length >= minimum;
  return {
    session,
    offering,
    attendance: summarizeAttendance(confirmed.map((c) => c.status ?? null)),
    evaluations: summary.evaluations,
    minimum,
    questions: summary.questions,
    comments: shown ? evaluations.map((e) => e.comments).filter((c) => c !== '') : null,
  };
}

/**
 * The signed-in user's own registrations (by their email), latest session first, with whether each can be
 * evaluated now. Audited (it names the user's registrations).
 */
export async function myRegistrations(ctx: RequestContext): Promise<MyRegistrations> {
  const db = ctx.db.kysely;
  const email = ctx.user?.email.toLowerCase() ?? '';
  const rows = await db
    .selectFrom('pd_registrations')
    .selectAll()
    .where('participant_email', '=', email)
    .orderBy('id', 'desc')
    .execute();
  const sessionIds = [...new Set(rows.map((r) => r.session_id))];
  const sessions =
    sessionIds.length === 0
      ? []
      : (await sessionQuery(db).where('s.id', 'in', sessionIds).execute()).map(presentSession);
  const offerings =
    sessions.length === 0
      ? []
      : await db
          .selectFrom('pd_offerings')
          .select(['id', 'title', 'kind'])
          .where(
            'id',
            'in',
            sessions.map((s) => s.offeringId),
          )
          .execute();
  const items: MyRegistrations['items'] = [];
  for (const sessionId of sessionIds) {
    const all = await registrationRows(db, sessionId);
    const mine = await presentRegistrations(
      db,
      all.filter((r) => r.participant_email === email),
      all,
    );
    const session = sessions.find((s) => s.id === sessionId)!;
    const offering = offerings.find((o) => o.id === session.offeringId)!;
    for (const registration of mine)
      items.push({
        registration,
        session,
        offering: {
          id: offering.id,
          title: offering.title,
          kind: offering.kind as MyRegistrations['items'][number]['offering']['kind'],
        },
        canEvaluate: registration.attendance === 'attended' && !registration.evaluated,
      });
  }
  items.sort((a, b) =>
    a.session.startsOn < b.session.startsOn
      ? 1
      : a.session.startsOn > b.session.startsOn
        ? -1
        : b.registration.id - a.registration.id,
  );
  await writeAudit(ctx, { action: 'read', resourceType: 'pd_registrations_own', detail: { returned: items.length } });
  return { items };
}
