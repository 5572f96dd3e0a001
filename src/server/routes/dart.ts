import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { publicAccess, signedIn } from '../auth/access.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import {
  ComparablesQuery,
  ComparablesReport,
  ComparisonSet,
  ComparisonSetBody,
  ComparisonSetList,
  ComparisonSetParams,
  ComparisonSetQuery,
  DartExportQuery,
  DartQuery,
  DartReport,
  DartSettingsBody,
  DartSettingsResponse,
  PeersQuery,
  PeersReport,
} from '../api/dart.ts';
import {
  dartCsv,
  dartExportRows,
  dartXlsx,
  getComparables,
  getDartReportJson,
  getDartSettings,
  getPromisingPeers,
  setDartSettings,
} from '../services/dart-service.ts';
import { deleteComparisonSet, listComparisonSets, saveComparisonSet } from '../services/comparison-set-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerDartRoutes(app: ZodApp, deps: RouteDeps): void {
  const audience = (signedInUser: boolean) => ({
    signedIn: signedInUser,
    reportingMinimum: deps.config.reportingMinimum,
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/dart',
    config: { access: publicAccess() },
    schema: {
      tags: ['dart'],
      summary:
        "A district's or school's DART: indicators by section, five-year trends against the state and comparables",
      description:
        'Each indicator: latest value, change over the trend years, the trend with the state and the comparison median, and the student groups of the latest year. Signed out, values of fewer students than the reporting minimum are withheld (value and n null, suppressed true) and left out of medians. With compare=, the listed organizations (up to 10) replace the computed comparables.',
      params: OrgCodeParams,
      querystring: DartQuery,
      response: { 200: DartReport, 400: ErrorResponse, 404: ErrorResponse },
    },
    // The report is kept as JSON per data version: a repeat read sends the stored bytes.
    handler: async (req, reply) => {
      const json = await getDartReportJson(
        req.ctx,
        req.params.code,
        audience(req.ctx.user !== null),
        req.query.compare,
      );
      // Already checked against DartReport when it was built.
      return reply.header('content-type', 'application/json; charset=utf-8').send(json as unknown as DartReport);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/comparables',
    config: { access: publicAccess() },
    schema: {
      tags: ['dart'],
      summary:
        'The comparable districts or schools, and why: each characteristic side by side and its share of the distance',
      params: OrgCodeParams,
      querystring: ComparablesQuery,
      response: { 200: ComparablesReport, 400: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => getComparables(req.ctx, req.params.code, req.query.with),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/dart/peers',
    config: { access: publicAccess() },
    schema: {
      tags: ['dart'],
      summary:
        'Promising peers: comparable organizations ranked by improvement on one indicator, with small-group and noise guards',
      params: OrgCodeParams,
      querystring: PeersQuery,
      response: { 200: PeersReport, 400: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) =>
      getPromisingPeers(
        req.ctx,
        req.params.code,
        req.query.indicator,
        audience(req.ctx.user !== null),
        req.query.compare,
      ),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/dart/export',
    config: { access: publicAccess() },
    schema: {
      tags: ['dart'],
      summary: 'The DART table as CSV or XLSX: one row per organization x year x student group x indicator',
      description:
        "Rows of the organization (every student group), the state and the comparison organizations (all students), over the DART's trend years. Signed out, values of fewer students than the reporting minimum are withheld.",
      params: OrgCodeParams,
      querystring: DartExportQuery,
      response: { 200: z.any(), 400: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req, reply) => {
      const { org, rows } = await dartExportRows(
        req.ctx,
        req.params.code,
        audience(req.ctx.user !== null),
        req.query.compare,
      );
      const name = `dart-${org.code}`;
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(dartCsv(rows));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await dartXlsx(org.name, rows));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/dart/settings',
    config: { access: publicAccess() },
    schema: {
      tags: ['dart'],
      summary: 'How comparable organizations and promising peers are found: features, transforms, weights, guards',
      response: { 200: DartSettingsResponse },
    },
    handler: async (req) => getDartSettings(req.ctx),
  });

  app.route({
    method: 'PUT',
    url: '/api/dart/settings',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['dart'],
      summary: 'Change how comparable organizations and promising peers are found (state administrators; audited)',
      body: DartSettingsBody,
      response: { 200: DartSettingsResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => setDartSettings(req.ctx, req.body),
  });

  app.route({
    method: 'GET',
    url: '/api/comparison-sets',
    config: { access: signedIn() },
    schema: {
      tags: ['dart'],
      summary: 'Your saved comparison sets, for one organization (org=) or all',
      querystring: ComparisonSetQuery,
      response: { 200: ComparisonSetList, 401: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => ({ items: await listComparisonSets(req.ctx, req.query.org) }),
  });

  app.route({
    method: 'POST',
    url: '/api/comparison-sets',
    config: { access: signedIn() },
    schema: {
      tags: ['dart'],
      summary: 'Save a comparison set of up to 10 organizations (a set of the same name is replaced)',
      body: ComparisonSetBody,
      response: { 200: ComparisonSet, 400: ErrorResponse, 401: ErrorResponse },
    },
    handler: async (req) => saveComparisonSet(req.ctx, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/comparison-sets/:id',
    config: { access: signedIn() },
    schema: {
      tags: ['dart'],
      summary: 'Delete one of your comparison sets',
      params: ComparisonSetParams,
      response: { 204: z.null(), 401: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req, reply) => {
      await deleteComparisonSet(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
