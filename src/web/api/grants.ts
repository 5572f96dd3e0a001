import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CurrentUser } from '../../server/api/auth.ts';
import type {
  Allocation,
  AllocationBody,
  AllocationList,
  ApplicationBody as ApplicationBodySchema,
  ApplicationQuery,
  ApplicationUpdateBody,
  AwardBody as AwardBodySchema,
  BudgetLineBody as BudgetLineBodySchema,
  DeclineBody,
  ExpenditureReportBody as ExpenditureReportBodySchema,
  GrantApplication,
  GrantApplicationDetail,
  GrantApplicationList,
  GrantProgram,
  GrantProgramBody,
  GrantProgramList,
  OrgGrants,
  ProgramDashboard,
} from '../../server/api/assistance-grants.ts';
import { apiFetch, withQuery } from './client.ts';

export type {
  Allocation,
  AllocationBody,
  AllocationList,
  ApplicationUpdateBody,
  DeclineBody,
  GrantApplication,
  GrantApplicationDetail,
  GrantApplicationList,
  GrantProgram,
  GrantProgramBody,
  GrantProgramList,
  OrgGrants,
  ProgramDashboard,
};

/** What a page sends to start an application (defaults filled in by the server). */
export type ApplicationBody = z.input<typeof ApplicationBodySchema>;
/** What a page sends to award an application. */
export type AwardBody = z.input<typeof AwardBodySchema>;
/** What a page sends to add or change a budget line. */
export type BudgetLineBody = z.input<typeof BudgetLineBodySchema>;
/** What a page sends to file or correct an expenditure report. */
export type ExpenditureReportBody = z.input<typeof ExpenditureReportBodySchema>;
/** One recipient's line of an allocation, explained. */
export type AllocationLine = Allocation['lines'][number];
/** A budget line of an award with its spending. */
export type BudgetLine = GrantApplicationDetail['budgetLines'][number];
/** A plan of the recipient, whose strategies budget lines can fund. */
export type PlanOption = GrantApplicationDetail['planOptions'][number];
/** Spent-vs-awarded figures. */
export type SpendingFigures = ProgramDashboard['totals'];

/** The grants area: programs and applications. */
export const grantsPath = '/assistance/grants';

/** A grant program's page: its rule, formula, allocations and spent-vs-awarded dashboard. */
export function grantProgramPath(id: number): string {
  return `/assistance/grants/programs/${id}`;
}

/** An allocation's page: every recipient's amount explained. */
export function grantAllocationPath(id: number): string {
  return `/assistance/grants/allocations/${id}`;
}

/** An application's page: award, budget lines and expenditure reports. */
export function grantApplicationPath(id: number): string {
  return `/assistance/grants/applications/${id}`;
}

/** Whether a user applies for, budgets and reports on grants of their own organization (leaders). */
export function isGrantRecipient(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'district_leader' || user.role === 'school_leader');
}

/** Every grant program (`GET /api/assistance/grants/programs`). */
export function useGrantPrograms(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['grant-programs'],
    queryFn: ({ signal }) => apiFetch<GrantProgramList>('/api/assistance/grants/programs', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Creates a program (`POST /api/assistance/grants/programs`). */
export function useCreateGrantProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GrantProgramBody) =>
      apiFetch<GrantProgram>('/api/assistance/grants/programs', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['grant-programs'] }),
  });
}

/** A program's allocations by fiscal year (`GET /api/assistance/grants/programs/:id/allocations`). */
export function useProgramAllocations(programId: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['grant-allocations', programId],
    queryFn: ({ signal }) =>
      apiFetch<AllocationList>(`/api/assistance/grants/programs/${programId}/allocations`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Computes (or recomputes) a draft allocation (`POST /api/assistance/grants/programs/:id/allocations`). */
export function useAllocate(programId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AllocationBody) =>
      apiFetch<Allocation>(`/api/assistance/grants/programs/${programId}/allocations`, { method: 'POST', body }),
    onSuccess: (allocation) => {
      client.setQueryData(['grant-allocation', allocation.id], allocation);
      return client.invalidateQueries({ queryKey: ['grant-allocations', programId] });
    },
  });
}

/** An allocation explained per recipient (`GET /api/assistance/grants/allocations/:id`). */
export function useAllocation(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['grant-allocation', id],
    queryFn: ({ signal }) => apiFetch<Allocation>(`/api/assistance/grants/allocations/${id}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Makes an allocation final (`POST /api/assistance/grants/allocations/:id/finalize`). */
export function useFinalizeAllocation(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Allocation>(`/api/assistance/grants/allocations/${id}/finalize`, { method: 'POST' }),
    onSuccess: (allocation) => {
      client.setQueryData(['grant-allocation', id], allocation);
      return client.invalidateQueries({ queryKey: ['grant-allocations', allocation.program.id] });
    },
  });
}

/** Spent vs awarded for a program's fiscal year (`GET /api/assistance/grants/programs/:id/dashboard`). */
export function useProgramDashboard(programId: number, fiscalYear: number | null) {
  return useQuery({
    queryKey: ['grant-dashboard', programId, fiscalYear],
    queryFn: ({ signal }) =>
      apiFetch<ProgramDashboard>(withQuery(`/api/assistance/grants/programs/${programId}/dashboard`, { fiscalYear }), {
        signal,
      }),
    enabled: fiscalYear !== null,
  });
}

/** Applications within the user's scope (`GET /api/assistance/grants/applications`). */
export function useApplications(query: Partial<ApplicationQuery> = {}, options: { enabled?: boolean } = {}) {
  const { programId, fiscalYear, status } = query;
  return useQuery({
    queryKey: ['grant-applications', { programId, fiscalYear, status }],
    queryFn: ({ signal }) =>
      apiFetch<GrantApplicationList>(
        withQuery('/api/assistance/grants/applications', { programId, fiscalYear, status }),
        { signal },
      ),
    enabled: options.enabled ?? true,
  });
}

/** An organization's applications and awards, with those under it (`GET /api/orgs/:code/grants`). */
export function useOrgGrants(code: string | null) {
  return useQuery({
    queryKey: ['org-grants', code],
    queryFn: ({ signal }) => apiFetch<OrgGrants>(`/api/orgs/${encodeURIComponent(code ?? '')}/grants`, { signal }),
    enabled: code !== null,
  });
}

/** One application with its award, budget lines and reports (`GET /api/assistance/grants/applications/:id`). */
export function useApplication(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['grant-application', id],
    queryFn: ({ signal }) => apiFetch<GrantApplicationDetail>(`/api/assistance/grants/applications/${id}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** After a change the application is the answer; the lists and dashboards are read again. */
function refreshApplication(client: QueryClient, detail: GrantApplicationDetail) {
  client.setQueryData(['grant-application', detail.id], detail);
  void client.invalidateQueries({ queryKey: ['grant-applications'] });
  void client.invalidateQueries({ queryKey: ['org-grants'] });
  void client.invalidateQueries({ queryKey: ['grant-dashboard', detail.program.id] });
}

/** A mutation whose answer is the application as it now stands. */
function useApplicationChange<V>(request: (vars: V) => Promise<GrantApplicationDetail>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (detail) => refreshApplication(client, detail) });
}

/** Starts an application (`POST /api/assistance/grants/applications`). */
export function useCreateApplication() {
  return useApplicationChange((body: ApplicationBody) =>
    apiFetch<GrantApplicationDetail>('/api/assistance/grants/applications', { method: 'POST', body }),
  );
}

/** Changes a draft's request and narrative (`PUT /api/assistance/grants/applications/:id`). */
export function useUpdateApplication(id: number) {
  return useApplicationChange((body: ApplicationUpdateBody) =>
    apiFetch<GrantApplicationDetail>(`/api/assistance/grants/applications/${id}`, { method: 'PUT', body }),
  );
}

/** Submits, awards or declines an application (`POST /api/assistance/grants/applications/:id/:action`). */
export function useMoveApplication(id: number) {
  return useApplicationChange(
    (move: { action: 'submit' } | { action: 'award'; body: AwardBody } | { action: 'decline'; body: DeclineBody }) =>
      apiFetch<GrantApplicationDetail>(`/api/assistance/grants/applications/${id}/${move.action}`, {
        method: 'POST',
        body: 'body' in move ? move.body : {},
      }),
  );
}

/** Adds, changes or deletes a budget line of an award. */
export function useBudgetLine(awardId: number) {
  return useApplicationChange(
    (change: { lineId: number | null; body: BudgetLineBody } | { lineId: number; remove: true }) =>
      'remove' in change
        ? apiFetch<GrantApplicationDetail>(`/api/assistance/grants/budget-lines/${change.lineId}`, { method: 'DELETE' })
        : change.lineId === null
          ? apiFetch<GrantApplicationDetail>(`/api/assistance/grants/awards/${awardId}/budget-lines`, {
              method: 'POST',
              body: change.body,
            })
          : apiFetch<GrantApplicationDetail>(`/api/assistance/grants/budget-lines/${change.lineId}`, {
              method: 'PUT',
              body: change.body,
            }),
  );
}

/** Files, corrects or withdraws an expenditure report of an award. */
export function useExpenditureReport(awardId: number) {
  return useApplicationChange(
    (change: { reportId: number | null; body: ExpenditureReportBody } | { reportId: number; remove: true }) =>
      'remove' in change
        ? apiFetch<GrantApplicationDetail>(`/api/assistance/grants/expenditure-reports/${change.reportId}`, {
            method: 'DELETE',
          })
        : change.reportId === null
          ? apiFetch<GrantApplicationDetail>(`/api/assistance/grants/awards/${awardId}/expenditure-reports`, {
              method: 'POST',
              body: change.body,
            })
          : apiFetch<GrantApplicationDetail>(`/api/assistance/grants/expenditure-reports/${change.reportId}`, {
              method: 'PUT',
              body: change.body,
            }),
  );
}
