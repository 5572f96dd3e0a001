import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { inScope, personLevel, signedIn } from '../auth/access.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import {
  EwisRoster,
  EwisRunBody,
  EwisRunSummary,
  EwisSettings,
  EwisSettingsResponse,
  EwisStudentProfile,
  EwisSummary,
  EwisValidation,
  EwisYearQuery,
  Intervention,
  InterventionBody,
  InterventionParams,
  RosterQuery,
  StudentParams,
} from '../api/ewis.ts';
import {
  addIntervention,
  auditRosterExport,
  ewisRoster,
  ewisRosterPageJson,
  ewisProfilePdf,
  ewisStudentProfile,
  ewisSummary,
  ewisValidation,
  getEwisSettings,
  setEwisSettings,
  rosterCsv,
  rosterXlsx,
  runEwis,
  updateIntervention,
} from '../services/ewis-service.ts';
import type { RouteDeps } from './deps.ts';

// Everyone but site-visit vendors works with students of their own scope.
const studentRoles = ['state_admin', 'state_staff', 'regional_staff', 'district_leader', 'school_leader'] as const;

export function registerEwisRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'POST',
    url: '/api/ewis/runs',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['ewis'],
      summary: 'Train the early-warning models on known outcomes and score the students of a year',
      body: EwisRunBody,
      response: { 200: EwisRunSummary, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => runEwis(req.ctx, { year: req.body.year }),
  });

  app.route({
    method: 'GET',
    url: '/api/ewis/settings',
    config: { access: signedIn() },
    schema: {
      tags: ['ewis'],
      summary: 'How early-warning models are trained: penalty, folds, demographics, risk-level targets',
      response: { 200: EwisSettingsResponse, 401: ErrorResponse },
    },
    handler: async () => getEwisSettings(deps.db),
  });

  app.route({
    method: 'PUT',
    url: '/api/ewis/settings',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['ewis'],
      summary: 'Change how early-warning models are trained (state administrators; audited; applies to the next run)',
      body: EwisSettings,
      response: { 200: EwisSettingsResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => setEwisSettings(req.ctx, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/ewis/validation',
    config: { access: signedIn() },
    schema: {
      tags: ['ewis'],
      summary: "Each grade's model: AUC, calibration, milestone rate per risk level, error rates by student group",
      description: 'Aggregates only: no student appears.',
      querystring: EwisYearQuery,
      response: { 200: EwisValidation, 401: ErrorResponse },
    },
    handler: async (req) => ewisValidation(deps.db, req.query.year),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/ewis/roster',
    config: { access: personLevel(inScope('code', ...studentRoles)) },
    schema: {
      tags: ['ewis'],
      summary: 'The early-warning roster of a school (or a district’s, region’s schools): risk level, reasons, actions',
      description:
        'As JSON, one page of the students matching the filters, in the order asked for (page, 1-based, of pageSize students, default 100, at most 500), with the total matching and the number of pages; pages are slices of one total order (ties go by student identifier). A page past the last answers 200 with no students and the true total and pages. With format=csv or format=xlsx, every student matching the filters as a file (page and pageSize are ignored), with safelisted columns only (no race, address or birth date). Every read and export is audited: a page with the students on it, a file with all of them.',
      params: OrgCodeParams,
      querystring: RosterQuery,
      response: {
        200: EwisRoster.or(z.any()),
        400: ErrorResponse,
        401: ErrorResponse,
        403: ErrorResponse,
        404: ErrorResponse,
      },
    },
    handler: async (req, reply) => {
      if (req.query.format === 'json')
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .send(
            (await ewisRosterPageJson(req.ctx, req.params.code, req.query)) as unknown as z.output<typeof EwisRoster>,
          );
      // A file is the whole roster matching the filters: page and pageSize do not apply.
      const roster = await ewisRoster(req.ctx, req.params.code, req.query);
      await auditRosterExport(req.ctx, roster.org.code, req.query.format, roster.items.length);
      const name = `early-warning-${roster.org.code}-${roster.run?.schoolYear ?? 'none'}`;
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(rosterCsv(roster.items));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await rosterXlsx(roster.items));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/ewis/summary',
    config: { access: inScope('code', ...studentRoles) },
    schema: {
      tags: ['ewis'],
      summary: 'Students at each risk level by school, grade and student group (counts; no student named)',
      params: OrgCodeParams,
      querystring: EwisYearQuery,
      response: { 200: EwisSummary, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => ewisSummary(req.ctx, req.params.code, req.query.year),
  });

  app.route({
    method: 'GET',
    url: '/api/students/:id/ewis',
    config: { access: personLevel(signedIn(...studentRoles)) },
    schema: {
      tags: ['ewis'],
      summary: "A student's early-warning profile: records by year, risk and reasons, interventions",
      description: "Only for a student whose school is within the user's scope; audited.",
      params: StudentParams,
      response: { 200: EwisStudentProfile, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => ewisStudentProfile(req.ctx, req.params.id),
  });

  app.route({
    method: 'GET',
    url: '/api/students/:id/ewis/profile.pdf',
    config: { access: personLevel(signedIn(...studentRoles)) },
    schema: {
      tags: ['ewis'],
      summary: "A student's early-warning profile as a two-page PDF for a support-team meeting",
      description:
        "Page 1: risk, reasons, the latest year, open interventions; page 2: records over time, tests, interventions. Only for a student whose school is within the user's scope; audited as a read and an export.",
      params: StudentParams,
      response: { 200: z.any(), 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req, reply) => {
      const pdf = await ewisProfilePdf(req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="early-warning-profile-${req.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/students/:id/interventions',
    config: { access: personLevel(signedIn(...studentRoles)) },
    schema: {
      tags: ['ewis'],
      summary: 'Record an intervention for a student (type, dates, owner, notes, status)',
      params: StudentParams,
      body: InterventionBody,
      response: { 200: Intervention, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => addIntervention(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'PUT',
    url: '/api/interventions/:id',
    config: { access: personLevel(signedIn(...studentRoles)) },
    schema: {
      tags: ['ewis'],
      summary: 'Change an intervention (status, end date, notes)',
      params: InterventionParams,
      body: InterventionBody,
      response: { 200: Intervention, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => updateIntervention(req.ctx, req.params.id, req.body),
  });
}
