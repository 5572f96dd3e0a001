import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EwisValidation as ModelValidation } from '../../core/ewis/model.ts';
import { isOrgInScope } from '../../core/access/roles.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgSummary } from '../../server/api/orgs.ts';
import type {
  EwisRoster as EwisRosterSchema,
  EwisSettingsResponse,
  EwisStudentProfile as EwisStudentProfileSchema,
  EwisSummary as EwisSummarySchema,
  EwisValidation as EwisValidationSchema,
  Intervention as InterventionSchema,
  InterventionBody as InterventionBodySchema,
} from '../../server/api/ewis.ts';
import { apiFetch, withQuery } from './client.ts';

/** A roster as the API sends it (`GET /api/orgs/:code/ewis/roster`). */
export type EwisRoster = z.infer<typeof EwisRosterSchema>;
/** One student of a roster. */
export type EwisRosterItem = EwisRoster['items'][number];
/** The counts by school, grade and student group of a district, region or the state. */
export type EwisSummary = z.infer<typeof EwisSummarySchema>;
/** One student's early-warning profile. */
export type EwisStudentProfile = z.infer<typeof EwisStudentProfileSchema>;
/** An intervention as the API sends it. */
export type Intervention = z.infer<typeof InterventionSchema>;
/** What recording or changing an intervention sends. */
export type InterventionBody = z.input<typeof InterventionBodySchema>;
/** The training settings in force. */
export type EwisSettings = z.infer<typeof EwisSettingsResponse>;

/** The validation of one grade's model as the run stored it, with the model trained the other way on demographics. */
export type ModelValidationWithAlternative = ModelValidation & {
  alternative: {
    includeDemographics: boolean;
    auc: number | null;
    calibrationError: number;
    levels: ModelValidation['levels'];
    flags: ModelValidation['flags'];
    groups: ModelValidation['groups'];
  } | null;
};

/** One grade's model in the validation report, its validation typed. */
export type EwisGradeModel = Omit<
  z.infer<typeof EwisValidationSchema>['models'][number],
  'validation' | 'thresholds'
> & {
  thresholds: { high: number; low: number };
  validation: ModelValidationWithAlternative;
};

/** The validation report, typed. */
export type EwisValidationReport = Omit<z.infer<typeof EwisValidationSchema>, 'models'> & { models: EwisGradeModel[] };

/** The risk levels a roster can be filtered by (`not_available`: no risk level, N/A). */
export type RosterLevel = 'high' | 'moderate' | 'low' | 'not_available';

/** The roster's sortable columns. */
export type RosterSortColumn = 'risk' | 'grade' | 'student' | 'attendance' | 'interventions';

/**
 * What a roster asks the server for: its filters and order (all applied on the server, before the paging), and the
 * page (1-based) of `pageSize` students.
 */
export interface RosterParams {
  level?: RosterLevel;
  grade?: number;
  milestone?: string;
  interventions?: 'with' | 'without';
  q?: string;
  sort?: RosterSortColumn;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** Students per roster page: the default, and the sizes a reader may choose. */
export const rosterPageSizes = { default: 100, choices: [50, 100, 200] } as const;

/** The query a roster (or its file) sends: what is not the server's default is left out. */
function rosterQuery(params: RosterParams) {
  return {
    level: params.level,
    grade: params.grade,
    milestone: params.milestone,
    interventions: params.interventions,
    q: params.q,
    sort: params.sort === 'risk' ? undefined : params.sort,
    order: params.order === 'asc' ? undefined : params.order,
  };
}

/** Whether a user works with the students of their scope (every role but site-visit vendors). */
export function hasStudentAccess(user: CurrentUser | null): boolean {
  return user !== null && user.role !== 'vendor' && user.scope.orgCode !== null;
}

/**
 * Whether a user may open the students of a school or district: a role with student access whose scope holds it (the
 * server checks again; this only decides whether to offer the link).
 */
export function canSeeStudentsOf(
  user: CurrentUser | null,
  org: Pick<OrgSummary, 'code' | 'parent' | 'region'>,
): boolean {
  if (user === null || !hasStudentAccess(user)) return false;
  return isOrgInScope(
    { level: user.scope.level, orgCode: user.scope.orgCode },
    {
      code: org.code,
      ancestorCodes: org.parent !== null ? [org.parent.code] : [],
      regionCode: org.region?.code ?? null,
    },
  );
}

/** The early-warning area of the platform. */
export const ewisSectionPath = '/early-warning';

/** The early-warning page of an organization: a school's roster, or a district's or region's summary. */
export function ewisOrgPath(code: string): string {
  return `/orgs/${encodeURIComponent(code)}/early-warning`;
}

/** A student's early-warning profile page. */
export function ewisStudentPath(studentId: string): string {
  return `/students/${encodeURIComponent(studentId)}/early-warning`;
}

/** The validation page, at one grade's model when given. */
export function ewisValidationPath(grade?: number): string {
  return withQuery('/early-warning/validation', { grade });
}

/** The two-page PDF profile of a student, for support-team meetings. A plain link: the server answers with a file. */
export function ewisProfilePdfUrl(studentId: string): string {
  return `/api/students/${encodeURIComponent(studentId)}/ewis/profile.pdf`;
}

/**
 * One page of the roster of a school (or of a district's or region's schools) (`GET /api/orgs/:code/ewis/roster`),
 * filtered, sorted and paged on the server, with the total matching; keeps the last answer while the next loads, for
 * the same organization.
 */
export function useEwisRoster(code: string, params: RosterParams, options: { enabled?: boolean } = {}) {
  const query = {
    ...rosterQuery(params),
    page: params.page === 1 ? undefined : params.page,
    pageSize: params.pageSize === rosterPageSizes.default ? undefined : params.pageSize,
  };
  return useQuery({
    queryKey: ['ewis-roster', code, query],
    queryFn: ({ signal }) =>
      apiFetch<EwisRoster>(withQuery(`/api/orgs/${encodeURIComponent(code)}/ewis/roster`, query), { signal }),
    placeholderData: (previous, q) => (q?.queryKey[1] === code ? previous : undefined),
    enabled: options.enabled ?? true,
  });
}

/**
 * The address of the roster as a file (CSV or XLSX) with the same filters and order: every student matching them,
 * not only a page's; safelisted columns only.
 */
export function ewisRosterExportUrl(code: string, params: RosterParams, format: 'csv' | 'xlsx'): string {
  return withQuery(`/api/orgs/${encodeURIComponent(code)}/ewis/roster`, { ...rosterQuery(params), format });
}

/** Students at each risk level by school, grade and student group (`GET /api/orgs/:code/ewis/summary`). */
export function useEwisSummary(code: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['ewis-summary', code],
    queryFn: ({ signal }) => apiFetch<EwisSummary>(`/api/orgs/${encodeURIComponent(code)}/ewis/summary`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A student's records by year, risk and reasons, and interventions (`GET /api/students/:id/ewis`). */
export function useEwisProfile(studentId: string) {
  return useQuery({
    queryKey: ['ewis-profile', studentId],
    queryFn: ({ signal }) =>
      apiFetch<EwisStudentProfile>(`/api/students/${encodeURIComponent(studentId)}/ewis`, { signal }),
  });
}

/** Records an intervention for a student (`POST /api/students/:id/interventions`); the profile and rosters refresh. */
export function useAddIntervention(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InterventionBody) =>
      apiFetch<Intervention>(`/api/students/${encodeURIComponent(studentId)}/interventions`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => refreshAfterIntervention(client, studentId),
  });
}

/** Changes an intervention (`PUT /api/interventions/:id`); the profile and rosters refresh. */
export function useUpdateIntervention(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: InterventionBody }) =>
      apiFetch<Intervention>(`/api/interventions/${id}`, { method: 'PUT', body }),
    onSuccess: () => refreshAfterIntervention(client, studentId),
  });
}

async function refreshAfterIntervention(client: ReturnType<typeof useQueryClient>, studentId: string) {
  // The rosters count open interventions; they are refetched when next shown.
  void client.invalidateQueries({ queryKey: ['ewis-roster'] });
  await client.invalidateQueries({ queryKey: ['ewis-profile', studentId] });
}

/** Each grade's model: accuracy, calibration, risk levels and error rates by group (`GET /api/ewis/validation`). */
export function useEwisValidation() {
  return useQuery({
    queryKey: ['ewis-validation'],
    queryFn: ({ signal }) => apiFetch<EwisValidationReport>('/api/ewis/validation', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** How the models are trained: the risk-level targets among them (`GET /api/ewis/settings`). */
export function useEwisSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['ewis-settings'],
    queryFn: ({ signal }) => apiFetch<EwisSettings>('/api/ewis/settings', { signal }),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}
