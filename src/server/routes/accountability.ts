import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { publicAccess, signedIn } from '../auth/access.ts';
import { ErrorResponse } from '../api/common.ts';
import { OrgCodeParams } from '../api/orgs.ts';
import {
  AccountabilityResults,
  AccountabilityResultsQuery,
  FrameworkQuery,
  FrameworkValues,
  OrgAccountabilityQuery,
  OrgAccountabilityReport,
  WhatIfBody,
  WhatIfResult,
} from '../api/accountability.ts';
import {
  frameworkValues,
  getOrgReport,
  listResults,
  resultsCsv,
  resultsXlsx,
  whatIfReport,
} from '../services/accountability-service.ts';
import { levelsFrameworkValues, levelsResultsCsv, levelsResultsXlsx } from '../services/accountability-2012-service.ts';
import { cachedJson } from '../services/report-cache.ts';
import type { RouteDeps } from './deps.ts';

export function registerAccountabilityRoutes(app: ZodApp, deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/accountability/results',
    config: { access: publicAccess() },
    schema: {
      tags: ['accountability'],
      summary: 'Statewide accountability results of the official run of a year: filter, sort, export as CSV or XLSX',
      description:
        'With format=csv or format=xlsx the filtered rows are returned as a file, with the state open-data column names (ma-2012: the level, reason, percentile and PPI columns).',
      querystring: AccountabilityResultsQuery,
      response: { 200: AccountabilityResults.or(z.any()), 400: ErrorResponse },
    },
    handler: async (req, reply) => {
      const results = await listResults(deps.db, req.query);
      if (req.query.format === 'json') return results;
      const year = results.run?.year ?? req.query.year ?? 0;
      const levels = req.query.framework === 'ma-2012';
      const name = levels ? `accountability-levels-${year}` : `accountability-${year}`;
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(levels ? levelsResultsCsv(year, results.items) : resultsCsv(year, results.items));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(levels ? await levelsResultsXlsx(year, results.items) : await resultsXlsx(year, results.items));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/accountability',
    config: { access: publicAccess() },
    schema: {
      tags: ['accountability'],
      summary: "A school's or district's accountability report: indicators, targets, points, weights, and why",
      description:
        'Signed out, values of fewer students than the reporting minimum are withheld (value and n null, suppressed true).',
      params: OrgCodeParams,
      querystring: OrgAccountabilityQuery,
      response: { 200: OrgAccountabilityReport, 400: ErrorResponse, 404: ErrorResponse },
    },
    // Kept per data version as the JSON sent (report-cache.ts): a repeat read sends the stored text.
    handler: async (req, reply) => {
      const signedIn = req.ctx.user !== null;
      const { code } = req.params;
      const { year, framework } = req.query;
      const min = deps.config.reportingMinimum;
      const json = await cachedJson(
        req.ctx,
        `accountability|${code}|${year ?? ''}|${framework ?? ''}|${signedIn ? 's' : 'p'}${min}`,
        OrgAccountabilityReport,
        () => getOrgReport(deps.db, code, year, signedIn, min, framework),
      );
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(json as unknown as OrgAccountabilityReport);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/accountability/framework',
    config: { access: publicAccess() },
    schema: {
      tags: ['accountability'],
      summary:
        'A framework (2018+ by default): every value a what-if can change, with its path, and the notes on each setting',
      querystring: FrameworkQuery,
      response: { 200: FrameworkValues, 400: ErrorResponse },
    },
    handler: async (req) => (req.query.framework === 'ma-2012' ? levelsFrameworkValues() : frameworkValues()),
  });

  app.route({
    method: 'POST',
    url: '/api/accountability/what-if',
    config: { access: signedIn('state_admin', 'state_staff') },
    schema: {
      tags: ['accountability'],
      summary: 'Recompute a year with changed framework values and list the schools and districts whose result changes',
      description: 'The official run is not touched; nothing is stored.',
      body: WhatIfBody,
      response: { 200: WhatIfResult, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req) => whatIfReport(req.ctx, req.body.year, req.body.changes),
  });
}
