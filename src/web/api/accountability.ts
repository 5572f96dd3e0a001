import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { IndicatorResult, OrgAccountability2018, RunSummary2018 } from '../../core/accountability/engine-2018.ts';
import type { GradeSpanCategory } from '../../core/orgs/organization.ts';
import type {
  AccountabilityResults,
  AccountabilityRunInfo,
  DistrictReport2012,
  FrameworkValues,
  LevelsRunSummary,
  OrgAccountabilityReport,
  SchoolReport2012,
  WhatIfBody,
  WhatIfResult,
} from '../../server/api/accountability.ts';
import { apiFetch, withQuery } from './client.ts';

/** The frameworks runs are stored for: the 2018+ system, and the 2012-2017 Level 1-5 system. */
export type AccountabilityFrameworkId = 'ma-2018' | 'ma-2012';

/** The frameworks as the framework select names them. */
export const frameworkLabels: Record<AccountabilityFrameworkId, string> = {
  'ma-2018': '2018 and later',
  'ma-2012': 'Levels 1-5 (2012-2017)',
};

/** Reads a framework from the address: ma-2012, or the default ma-2018. */
export function readFramework(raw: string | null): AccountabilityFrameworkId {
  return raw === 'ma-2012' ? 'ma-2012' : 'ma-2018';
}

/** The columns the statewide results can be sorted by. */
export type AccountabilitySort = 'name' | 'percentile' | 'cumulative' | 'annual' | 'classification';

/** What the statewide results ask for; every field is optional (the server's defaults apply). */
export interface AccountabilityResultsParams {
  /** Left out for ma-2018 (the server's default), so its addresses stay as they were. */
  framework?: AccountabilityFrameworkId;
  year?: number;
  level?: 'school' | 'district';
  classification?: string;
  reason?: string;
  region?: string;
  district?: string;
  schoolType?: GradeSpanCategory;
  q?: string;
  sort?: AccountabilitySort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** The query string of the results, leaving out empty filters, in a fixed order (one cache key per question). */
function resultsQuery(params: AccountabilityResultsParams) {
  const { year, level, classification, reason, region, district, schoolType, q, sort, order, limit, offset } = params;
  const framework = params.framework === 'ma-2012' ? params.framework : undefined;
  return {
    framework,
    year,
    level,
    classification,
    reason,
    region,
    district,
    schoolType,
    q,
    sort,
    order,
    limit,
    offset,
  };
}

/**
 * The statewide results of the official run of a year, filtered, sorted and paged (`GET /api/accountability/results`);
 * keeps the last page while the next loads.
 */
export function useAccountabilityResults(params: AccountabilityResultsParams) {
  const query = resultsQuery(params);
  return useQuery({
    queryKey: ['accountability-results', query],
    queryFn: ({ signal }) =>
      apiFetch<AccountabilityResults>(withQuery('/api/accountability/results', query), { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The address of the results as a file (CSV or XLSX): the same filters and order, every matching row (no paging).
 * A plain link: the server answers with a download.
 */
export function accountabilityExportUrl(params: AccountabilityResultsParams, format: 'csv' | 'xlsx'): string {
  return withQuery('/api/accountability/results', {
    ...resultsQuery({ ...params, limit: undefined, offset: undefined }),
    format,
  });
}

/** An indicator as the report API sends it: for the public, values of too few students are withheld. */
export type ReportedIndicator = IndicatorResult & { suppressed?: boolean };

/** The engine's report of one organization, as the API sends it (see `OrgAccountabilityReport.report`). */
export type ReportedOrgAccountability = Omit<OrgAccountability2018, 'columns'> & {
  columns: (Omit<OrgAccountability2018['columns'][number], 'indicators'> & { indicators: ReportedIndicator[] })[];
};

/** A school's or district's report with its engine output typed. */
export type OrgAccountability = Omit<OrgAccountabilityReport, 'report'> & {
  report: ReportedOrgAccountability | null;
};

/**
 * One organization's accountability report for a year, or the latest (`GET /api/orgs/:code/accountability`), of the
 * 2018+ framework unless `framework` says ma-2012 (then `report` is a `SchoolReport2012` or `DistrictReport2012`).
 */
export function useOrgAccountability(
  code: string,
  year: number | undefined,
  framework: AccountabilityFrameworkId = 'ma-2018',
) {
  const query = { year, framework: framework === 'ma-2012' ? framework : undefined };
  return useQuery({
    queryKey: ['org-accountability', code, year ?? null, framework],
    queryFn: ({ signal }) =>
      apiFetch<OrgAccountability>(withQuery(`/api/orgs/${encodeURIComponent(code)}/accountability`, query), {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** A Level 1-5 report as the API sends it (signed out, group-years of few students are withheld). */
export type LevelsReport = SchoolReport2012 | DistrictReport2012;

/**
 * Every value of a framework (ma-2018 unless named) a what-if can change, and the notes on its settings
 * (`GET /api/accountability/framework`).
 */
export function useAccountabilityFramework(framework: AccountabilityFrameworkId = 'ma-2018') {
  return useQuery({
    queryKey: ['accountability-framework', framework],
    queryFn: ({ signal }) =>
      apiFetch<FrameworkValues>(
        withQuery('/api/accountability/framework', { framework: framework === 'ma-2012' ? framework : undefined }),
        { signal },
      ),
    staleTime: Infinity,
  });
}

/**
 * Recomputes a year with changed framework values and lists who changes (`POST /api/accountability/what-if`); state
 * administrators and state staff only. Nothing is stored.
 */
export function useWhatIf() {
  return useMutation({
    mutationFn: (body: WhatIfBody) => apiFetch<WhatIfResult>('/api/accountability/what-if', { method: 'POST', body }),
  });
}

/** A ma-2012 run's summary counts, typed. */
export function levelsRunSummary(run: Pick<AccountabilityRunInfo, 'summary'>): LevelsRunSummary {
  return run.summary as unknown as LevelsRunSummary;
}

/** A run's summary counts, typed (the API sends them as a plain record). */
export function runSummary(run: Pick<AccountabilityRunInfo, 'summary'>): RunSummary2018 {
  return run.summary as unknown as RunSummary2018;
}
