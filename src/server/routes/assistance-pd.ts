import { personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import {
  CapacityBody,
  Offering,
  OfferingBody,
  OfferingList,
  PdSession,
  RegistrationBody,
  RegistrationList,
  RegistrationOutcome,
  SessionBody,
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
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** Leaders register their own people; the agency registers anyone in its scope. */
const registrars = [...assistanceRoles, 'district_leader', 'school_leader'] as const;

/** Professional development: offerings, sessions with capacity, registration with a waitlist (docs/assistance.md). */
export function registerAssistancePdRoutes(app: ZodApp, _deps: RouteDeps): void {
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
}
