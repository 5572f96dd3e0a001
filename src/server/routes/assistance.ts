import { z } from 'zod';
import { inScope, personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import {
  CalibrationQuery,
  CalibrationReport,
  CalibrationSessionBody,
  CalibrationSessionList,
  CalibrationSheetBody,
  Caseload,
  Engagement,
  EngagementBody,
  EngagementTimeline,
  EngagementTimelineQuery,
  IdParams,
  MyAssistance,
  Instrument,
  InstrumentBody,
  InstrumentList,
  Observation,
  ObservationBody,
  ObservationList,
  PriorityQuery,
  PriorityQueue,
  PrioritySettings,
  RegionStaffing,
  StaffBody,
  StaffList,
  StaffMember,
  StaffQuery,
  StaffUpdateBody,
} from '../api/assistance.ts';
import { assistanceRoles, getPrioritySettings, setPrioritySettings } from '../services/assistance-service.ts';
import {
  addTeamMember,
  caseloadOf,
  changeTeamMember,
  listTeam,
  myAssistance,
  regionStaffing,
  removeTeamMember,
} from '../services/assistance-teams-service.ts';
import { priorityQueue } from '../services/assistance-priority-service.ts';
import {
  changeEngagement,
  engagementsCsv,
  engagementTimeline,
  getEngagement,
  logEngagement,
  removeEngagement,
} from '../services/assistance-engagements-service.ts';
import {
  calibrationReport,
  calibrationSessions,
  changeInstrument,
  createCalibrationSession,
  createInstrument,
  instrument,
  instruments,
  observationsAt,
  recordCalibrationSheet,
  recordObservation,
} from '../services/assistance-walkthroughs-service.ts';
import type { RouteDeps } from './deps.ts';
import { registerAssistanceGrantRoutes } from './assistance-grants.ts';
import { registerAssistancePartnerRoutes } from './assistance-partners.ts';
import { registerAssistancePdRoutes } from './assistance-pd.ts';
import { registerAssistanceNetworkRoutes } from './assistance-networks.ts';
import { registerAssistanceRecognitionRoutes } from './assistance-recognition.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const writeErrors = { ...errors, 409: ErrorResponse };
/** Engagements are read by the agency and by leaders of the organization (their own district or school). */
const engagementReaders = [...assistanceRoles, 'district_leader', 'school_leader'] as const;

/**
 * Assistance operations (docs/assistance.md): regional assistance teams and caseloads, the priority queue, the
 * engagement log, observation instruments and calibration; grants, professional development and partners from
 * their own route files. Regional staff work in their own region only.
 */
export function registerAssistanceRoutes(app: ZodApp, deps: RouteDeps): void {
  // The areas kept in files of their own register here, so the app registers assistance once.
  registerAssistanceGrantRoutes(app, deps);
  registerAssistancePdRoutes(app, deps);
  registerAssistancePartnerRoutes(app, deps);
  registerAssistanceNetworkRoutes(app, deps);
  registerAssistanceRecognitionRoutes(app, deps);

  // ---- teams and caseloads ----
  app.route({
    method: 'GET',
    url: '/api/assistance/staff',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Members of the regional assistance teams: role on the team, region, assigned districts',
      description: "Regional staff see their own region's team; state staff every region (or one, with `region`).",
      querystring: StaffQuery,
      response: { 200: StaffList, ...errors },
    },
    handler: async (req) => listTeam(req.ctx, req.query.region),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/staff',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Add a user to a regional assistance team with a team role and districts',
      description:
        'The user is named by `userId` or by the `email` of their account. Refused (400, naming that field) when it is not an active account of regional staff of the region, state staff or an administrator; refused (409) when the user is on a team already.',
      body: StaffBody,
      response: { 201: StaffMember, ...writeErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await addTeamMember(req.ctx, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/staff/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: "Change a team member's role, districts, or active flag",
      params: IdParams,
      body: StaffUpdateBody,
      response: { 200: StaffMember, ...errors },
    },
    handler: async (req) => changeTeamMember(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/staff/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Remove a member from a regional assistance team',
      description:
        'Refused (409) when the member led an engagement in the log: mark them inactive instead (PUT), so the log keeps who led it. Audited.',
      params: IdParams,
      response: { 204: z.null(), ...writeErrors },
    },
    handler: async (req, reply) => {
      await removeTeamMember(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/regions/:code/staffing',
    config: { access: personLevel(inScope('code', ...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "What staffing a region's team draws on: its districts and the accounts that may join it",
      description:
        "The region's open districts (for caseloads) and the active accounts on no team that may join it: regional staff of the region, state staff and administrators. Names people: every read is audited.",
      params: OrgCodeParams,
      response: { 200: RegionStaffing, ...errors },
    },
    handler: async (req) => regionStaffing(req.ctx, req.params.code),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/staff/:id/caseload',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: "A team member's caseload: districts and their schools, classification, last engagement",
      params: IdParams,
      response: { 200: Caseload, ...errors },
    },
    handler: async (req) => caseloadOf(req.ctx, req.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/me',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Your place on a regional assistance team and your caseload (null when you are on no team)',
      response: { 200: MyAssistance, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => myAssistance(req.ctx),
  });

  // ---- priority queue ----
  app.route({
    method: 'GET',
    url: '/api/assistance/regions/:code/priority',
    config: { access: inScope('code', ...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'The priority queue of a region: requiring assistance first, then by score, with the engagement alert',
      description:
        'Score from the latest official accountability run (classification, percentile) and the latest early-warning run (share of students at high risk), weighted by the priority settings; an alert when an organization requiring assistance has had no engagement for more than the alert days.',
      params: OrgCodeParams,
      querystring: PriorityQuery,
      response: { 200: PriorityQueue, ...errors },
    },
    handler: async (req) => priorityQueue(req.ctx, req.params.code, req.query),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/settings/priority',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'The priority settings: weights, how a missing part counts, classification first, alert days',
      response: { 200: PrioritySettings, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => getPrioritySettings(req.ctx.db),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/settings/priority',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['assistance'],
      summary: 'Change the priority settings (audited)',
      body: PrioritySettings,
      response: { 200: PrioritySettings, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => setPrioritySettings(req.ctx, req.body),
  });

  // ---- engagement log ----
  app.route({
    method: 'POST',
    url: '/api/assistance/engagements',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Log an engagement with a school or district: type, date, staff, participants, Conditions/Practices',
      body: EngagementBody,
      response: { 201: Engagement, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await logEngagement(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/engagements/:id',
    config: { access: personLevel(signedIn(...engagementReaders)) },
    schema: {
      tags: ['assistance'],
      summary: 'One engagement (names participants: audited)',
      params: IdParams,
      response: { 200: Engagement, ...errors },
    },
    handler: async (req) => getEngagement(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/engagements/:id',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Correct an engagement record',
      params: IdParams,
      body: EngagementBody,
      response: { 200: Engagement, ...errors },
    },
    handler: async (req) => changeEngagement(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/engagements/:id',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Delete an engagement recorded by mistake',
      params: IdParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (req, reply) => {
      await removeEngagement(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/engagements',
    config: { access: personLevel(inScope('code', ...engagementReaders)) },
    schema: {
      tags: ['assistance'],
      summary: 'The engagement timeline of an organization and everything under it, latest first',
      description: 'With format=csv, the timeline as a CSV file. Names participants: every read and export is audited.',
      params: OrgCodeParams,
      querystring: EngagementTimelineQuery,
      response: { 200: EngagementTimeline.or(z.string()), ...errors },
    },
    handler: async (req, reply) => {
      const timeline = await engagementTimeline(req.ctx, req.params.code, req.query);
      if (req.query.format === 'json') return timeline;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="engagements-${timeline.org.code}.csv"`)
        .header('cache-control', 'no-store')
        .send(engagementsCsv(timeline.items));
    },
  });

  // ---- walkthroughs and calibration ----
  app.route({
    method: 'GET',
    url: '/api/assistance/instruments',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Observation instruments for classroom visits and learning walkthroughs',
      response: { 200: InstrumentList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => instruments(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/instruments',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Build an observation instrument: items with rating scales and the Conditions/Practices they address',
      body: InstrumentBody,
      response: { 201: Instrument, ...writeErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await createInstrument(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/instruments/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'One observation instrument with its items and scales',
      params: IdParams,
      response: { 200: Instrument, ...errors },
    },
    handler: async (req) => instrument(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/instruments/:id',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Change an instrument while no observation uses it',
      description: 'Refused (409) once observations or calibration sessions use the instrument.',
      params: IdParams,
      body: InstrumentBody,
      response: { 200: Instrument, ...writeErrors },
    },
    handler: async (req) => changeInstrument(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/observations',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Record a classroom observation (the signed-in user is the observer)',
      body: ObservationBody,
      response: { 201: Observation, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await recordObservation(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/observations',
    config: { access: personLevel(inScope('code', ...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Classroom observations at an organization and the schools under it (names observers: audited)',
      params: OrgCodeParams,
      response: { 200: ObservationList, ...errors },
    },
    handler: async (req) => observationsAt(req.ctx, req.params.code),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/calibration-sessions',
    config: { access: signedIn(...assistanceRoles) },
    schema: {
      tags: ['assistance'],
      summary: 'Calibration sessions (regional staff: their own region)',
      querystring: CalibrationQuery,
      response: { 200: CalibrationSessionList, ...errors },
    },
    handler: async (req) => calibrationSessions(req.ctx, req.query.region),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/calibration-sessions',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Open a calibration session: several observers rate the same lesson(s) with one instrument',
      body: CalibrationSessionBody,
      response: { 201: CalibrationReport, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createCalibrationSession(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/calibration-sessions/:id',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "A calibration session's rating sheets and agreement: percent agreement and kappa per item and overall",
      description:
        "Cohen's kappa for two observers, Fleiss' kappa for more; per item the subjects are the lessons rated, overall the lesson x item pairs. Kappa is null (with a note) when every rating is in one category.",
      params: IdParams,
      response: { 200: CalibrationReport, ...errors },
    },
    handler: async (req) => calibrationReport(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/calibration-sessions/:id/sheets',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "Record or replace one observer's rating sheet for a lesson; returns the updated agreement",
      params: IdParams,
      body: CalibrationSheetBody,
      response: { 200: CalibrationReport, ...errors },
    },
    handler: async (req) => recordCalibrationSheet(req.ctx, req.params.id, req.body),
  });
}
