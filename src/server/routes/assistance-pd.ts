import { personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import {
  AttendanceBody,
  CapacityBody,
  EvaluationBody,
  EvaluationQuestionList,
  EvaluationReceipt,
  MyRegistrations,
  Offering,
  OfferingBody,
  OfferingList,
  PdSession,
  RegistrationBody,
  RegistrationList,
  RegistrationOutcome,
  SessionBody,
  SessionSummary,
} from '../api/assistance-pd.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  cancelParticipant,
  changeSessionCapacity,
  createOffering,
  createSession,
  pdOfferings,
  registerParticipant,
  sessionRegistrations,
} from '../services/assistance-pd-service.ts';
import {
  evaluationQuestions,
  myRegistrations,
  recordAttendance,
  sessionSummary,
  submitEvaluation,
} from '../services/assistance-pd-evaluations-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** Leaders register their own people; the agency registers anyone in its scope. */
const registrars = [...assistanceRoles, 'district_leader', 'school_leader'] as const;

/**
 * Professional development: offerings, sessions with capacity, registration with a waitlist, attendance,
 * post-session evaluations and the session summary (docs/assistance.md).
 */
export function registerAssistancePdRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/pd/offerings',
    config: { access: signedIn(...registrars) },
    schema: {
      tags: ['assistance'],
      summary: 'Professional development offerings in the five content areas, with their sessions and places taken',
      response: { 200: OfferingList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => pdOfferings(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/pd/offerings',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Create an offering (course, academy, institute, webinar, conference)',
      body: OfferingBody,
      response: { 201: Offering, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createOffering(req.ctx, req.body)),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/pd/offerings/:id/sessions',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: 'Add a session with a capacity to an offering',
      params: IdParams,
      body: SessionBody,
      response: { 201: PdSession, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createSession(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/pd/sessions/:id/capacity',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['assistance'],
      summary: "Change a session's capacity (a larger one promotes from the waitlist)",
      params: IdParams,
      body: CapacityBody,
      response: { 200: PdSession, ...errors },
    },
    handler: async (req) => changeSessionCapacity(req.ctx, req.params.id, req.body.capacity),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/pd/sessions/:id/registrations',
    config: { access: personLevel(signedIn(...registrars)) },
    schema: {
      tags: ['assistance'],
      summary: "A session's registrations within your scope, in waitlist order (audited)",
      params: IdParams,
      response: { 200: RegistrationList, ...errors },
    },
    handler: async (req) => sessionRegistrations(req.ctx, req.params.id),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/pd/sessions/:id/registrations',
    config: { access: personLevel(signedIn(...registrars)) },
    schema: {
      tags: ['assistance'],
      summary: 'Register a participant: confirmed while places are free, else waitlisted with a position',
      description: 'Registering the same email again while registered returns the same registration (200).',
      params: IdParams,
      body: RegistrationBody,
      response: { 200: RegistrationOutcome, 201: RegistrationOutcome, ...errors },
    },
    handler: async (req, reply) => {
      const outcome = await registerParticipant(req.ctx, req.params.id, req.body);
      return reply.code(outcome.alreadyRegistered ? 200 : 201).send(outcome);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/pd/registrations/:id/cancel',
    config: { access: personLevel(signedIn(...registrars)) },
    schema: {
      tags: ['assistance'],
      summary: 'Cancel a registration; the first on the waitlist is promoted automatically',
      params: IdParams,
      response: { 200: RegistrationOutcome, ...errors },
    },
    handler: async (req) => cancelParticipant(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/pd/sessions/:id/attendance',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "Record who attended a session (confirmed registrations; regional staff: their region's)",
      description:
        'Once the session has taken place (409 before). Sending a registration again replaces its record. Returns the registrations within your scope (audited).',
      params: IdParams,
      body: AttendanceBody,
      response: { 200: RegistrationList, ...errors },
    },
    handler: async (req) => recordAttendance(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/pd/sessions/:id/summary',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'A session in numbers: attendance rate, mean rating per evaluation question with n, comments',
      description:
        'Means and comments are withheld when fewer people evaluated the session than the reporting minimum.',
      params: IdParams,
      response: { 200: SessionSummary, ...errors },
    },
    handler: async (req) => sessionSummary(req.ctx, req.params.id, deps.config.reportingMinimum),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/pd/evaluation-questions',
    config: { access: signedIn() },
    schema: {
      tags: ['assistance'],
      summary: 'The post-session evaluation questions and the rating scale (1-5)',
      response: { 200: EvaluationQuestionList, 401: ErrorResponse },
    },
    handler: async (req) => evaluationQuestions(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/pd/registrations/:id/evaluation',
    config: { access: signedIn() },
    schema: {
      tags: ['assistance'],
      summary: 'Evaluate a session you attended: every question rated 1-5, and comments',
      description: 'Only the participant registered (your email), once attendance is recorded as attended, and once.',
      params: IdParams,
      body: EvaluationBody,
      response: { 201: EvaluationReceipt, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await submitEvaluation(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/pd/me/registrations',
    config: { access: personLevel(signedIn()) },
    schema: {
      tags: ['assistance'],
      summary: 'Your own registrations (by your email), with attendance and whether you can evaluate',
      response: { 200: MyRegistrations, 401: ErrorResponse },
    },
    handler: async (req) => myRegistrations(req.ctx),
  });
}
