import { signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import {
  Pairing,
  PairingBody,
  PairingList,
  PairingUpdateBody,
  RecognitionOverview,
  RecognitionQuery,
} from '../api/assistance-recognition.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  changePairing,
  createPairing,
  listPairings,
  recognitionOverview,
} from '../services/assistance-recognition-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/**
 * Recognition in practice (docs/assistance.md): demonstration sites with suggested partner schools by DART
 * comparability, and the pairings recorded. Leaders read the pairings of their own schools.
 */
export function registerAssistanceRecognitionRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/recognition',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Demonstration sites (schools of recognition) with comparable schools requiring assistance suggested',
      description:
        'From the latest official accountability run; partners of the same school type, nearest first by DART comparability, with the reason. Regional staff: partners of their own region.',
      querystring: RecognitionQuery,
      response: { 200: RecognitionOverview, ...errors },
    },
    handler: async (req) => recognitionOverview(req.ctx, req.query),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/recognition/pairings',
    config: { access: signedIn(...assistanceRoles, 'district_leader', 'school_leader') },
    schema: {
      tags: ['assistance'],
      summary: 'Recorded pairings of demonstration sites and partner schools within your scope',
      response: { 200: PairingList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => listPairings(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/recognition/pairings',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Record a pairing: demonstration school, partner school, date, focus, status, notes',
      description: "State staff, or regional staff of the partner school's region.",
      body: PairingBody,
      response: { 201: Pairing, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createPairing(req.ctx, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/recognition/pairings/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: "Change a pairing's date, focus, status or notes",
      params: IdParams,
      body: PairingUpdateBody,
      response: { 200: Pairing, ...errors },
    },
    handler: async (req) => changePairing(req.ctx, req.params.id, req.body),
  });
}
