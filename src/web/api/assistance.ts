import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CurrentUser } from '../../server/api/auth.ts';
import type {
  Caseload,
  Engagement,
  EngagementBody as EngagementBodySchema,
  EngagementTimeline,
  MyAssistance,
  PriorityQueue,
  PrioritySettings,
  StaffList,
} from '../../server/api/assistance.ts';
import type {
  Partner,
  PartnerBody as PartnerBodySchema,
  PartnerList,
  PartnerQuery,
  PartnerSuggestions,
} from '../../server/api/assistance-partners.ts';
import type {
  AttendanceBody,
  EvaluationBody as EvaluationBodySchema,
  EvaluationQuestionList,
  EvaluationReceipt,
  MyRegistrations,
  Offering,
  OfferingBody as OfferingBodySchema,
  OfferingList,
  PdSession,
  RegistrationBody,
  RegistrationList,
  RegistrationOutcome,
  SessionBody,
  SessionSummary,
} from '../../server/api/assistance-pd.ts';
import type { EngagementType } from '../../core/assistance/vocabulary.ts';
import { apiFetch, withQuery } from './client.ts';

export type {
  Caseload,
  Engagement,
  EngagementTimeline,
  MyAssistance,
  Offering,
  OfferingList,
  Partner,
  PartnerList,
  PartnerSuggestions,
  PriorityQueue,
  RegistrationBody,
  RegistrationList,
  RegistrationOutcome,
  StaffList,
};
export type { AttendanceBody, EvaluationQuestionList, MyRegistrations, PdSession, SessionBody, SessionSummary };
export type { Registration } from '../../server/api/assistance-pd.ts';
/** What a page sends to create an offering. */
export type OfferingBody = z.input<typeof OfferingBodySchema>;
/** What a participant sends to evaluate a session they attended. */
export type EvaluationBody = z.input<typeof EvaluationBodySchema>;

/** What a page sends to log an engagement (defaults filled in by the server). */
export type EngagementBody = z.input<typeof EngagementBodySchema>;
/** What a page sends to add or change a partner. */
export type PartnerBody = z.input<typeof PartnerBodySchema>;
/** One row of a region's priority queue. */
export type PriorityEntry = PriorityQueue['items'][number];
/** One district or school on a caseload. */
export type CaseloadEntry = Caseload['items'][number];
/** A member of a regional team. */
export type StaffMember = StaffList['items'][number];

/** The assistance area's start page. */
export const assistancePath = '/assistance';
/** The partner catalog. */
export const partnersPath = '/assistance/partners';
/** Professional development: offerings and sessions. */
export const pdPath = '/assistance/pd';

/** A region's priority queue page. */
export function priorityPath(regionCode: string): string {
  return `/assistance/regions/${encodeURIComponent(regionCode)}/priority`;
}

/** An organization's assistance page: engagement timeline, logging, partner suggestions. */
export function orgAssistancePath(code: string): string {
  return `/orgs/${encodeURIComponent(code)}/assistance`;
}

/** A professional development session's page: registrations and the waitlist. */
export function pdSessionPath(id: number): string {
  return `/assistance/pd/sessions/${id}`;
}

/** Whether a user works in assistance operations (state administrators and staff, regional staff). */
export function isAssistanceStaff(user: CurrentUser | null): boolean {
  return (
    user !== null && (user.role === 'state_admin' || user.role === 'state_staff' || user.role === 'regional_staff')
  );
}

/** Whether a user keeps the partner catalog and the professional development offerings (state staff). */
export function isStateStaff(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'state_admin' || user.role === 'state_staff');
}

/** The signed-in user's team membership and caseload (`GET /api/assistance/me`). */
export function useMyAssistance(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-me'],
    queryFn: ({ signal }) => apiFetch<MyAssistance>('/api/assistance/me', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The members of a region's team, or of every region (`GET /api/assistance/staff`). */
export function useTeam(regionCode: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-staff', regionCode ?? null],
    queryFn: ({ signal }) =>
      apiFetch<StaffList>(withQuery('/api/assistance/staff', { region: regionCode }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The priority settings in force: weights, missing parts, alert days (`GET /api/assistance/settings/priority`). */
export function usePrioritySettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-priority-settings'],
    queryFn: ({ signal }) => apiFetch<PrioritySettings>('/api/assistance/settings/priority', { signal }),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

/** A region's priority queue (`GET /api/assistance/regions/:code/priority`). */
export function usePriorityQueue(
  regionCode: string,
  level: 'all' | 'school' | 'district',
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: ['assistance-priority', regionCode, level],
    queryFn: ({ signal }) =>
      apiFetch<PriorityQueue>(
        withQuery(`/api/assistance/regions/${encodeURIComponent(regionCode)}/priority`, { level }),
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The filters and page of an engagement timeline. */
export interface TimelineFilters {
  from?: string;
  to?: string;
  type?: EngagementType;
  limit?: number;
  offset?: number;
}

const timelineBase = (code: string) => `/api/orgs/${encodeURIComponent(code)}/engagements`;

/** An organization's engagement timeline, a page at a time (`GET /api/orgs/:code/engagements`). */
export function useEngagementTimeline(code: string, filters: TimelineFilters, options: { enabled?: boolean } = {}) {
  const { from, to, type, limit, offset } = filters;
  return useQuery({
    queryKey: ['assistance-engagements', code, { from, to, type, limit, offset }],
    queryFn: ({ signal }) =>
      apiFetch<EngagementTimeline>(withQuery(timelineBase(code), { from, to, type, limit, offset }), { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The address of the timeline as a CSV file, with the same filters (every match, not one page). */
export function engagementsCsvUrl(code: string, filters: Pick<TimelineFilters, 'from' | 'to' | 'type'>): string {
  return withQuery(timelineBase(code), { from: filters.from, to: filters.to, type: filters.type, format: 'csv' });
}

/** Logs an engagement (`POST /api/assistance/engagements`); timelines, caseloads and queues are read again. */
export function useLogEngagement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EngagementBody) => apiFetch<Engagement>('/api/assistance/engagements', { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['assistance-engagements'] }),
        client.invalidateQueries({ queryKey: ['assistance-priority'] }),
        client.invalidateQueries({ queryKey: ['assistance-me'] }),
      ]);
    },
  });
}

/** The partner catalog, filtered (`GET /api/assistance/partners`). */
export function usePartners(query: PartnerQuery) {
  const { region, code, status } = query;
  return useQuery({
    queryKey: ['assistance-partners', { region, code, status }],
    queryFn: ({ signal }) =>
      apiFetch<PartnerList>(withQuery('/api/assistance/partners', { region, code, status }), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Adds a partner (`POST`) or changes one (`PUT /api/assistance/partners/:id`); the catalog is read again. */
export function useSavePartner() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: PartnerBody }) =>
      id === null
        ? apiFetch<Partner>('/api/assistance/partners', { method: 'POST', body })
        : apiFetch<Partner>(`/api/assistance/partners/${id}`, { method: 'PUT', body }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['assistance-partners'] }),
        client.invalidateQueries({ queryKey: ['assistance-suggestions'] }),
      ]);
    },
  });
}

/** Partners suggested for a school or district, with the reasons (`GET /api/orgs/:code/partner-suggestions`). */
export function usePartnerSuggestions(code: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-suggestions', code],
    queryFn: ({ signal }) =>
      apiFetch<PartnerSuggestions>(`/api/orgs/${encodeURIComponent(code)}/partner-suggestions`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The professional development offerings with their sessions (`GET /api/assistance/pd/offerings`). */
export function usePdOfferings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-pd'],
    queryFn: ({ signal }) => apiFetch<OfferingList>('/api/assistance/pd/offerings', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A session's registrations in the user's scope (`GET /api/assistance/pd/sessions/:id/registrations`). */
export function useSessionRegistrations(sessionId: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-registrations', sessionId],
    queryFn: ({ signal }) =>
      apiFetch<RegistrationList>(`/api/assistance/pd/sessions/${sessionId}/registrations`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** After a registration changes: the session's list and the offerings' counts are read again. */
async function refreshRegistrations(client: ReturnType<typeof useQueryClient>, sessionId: number) {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['assistance-registrations', sessionId] }),
    client.invalidateQueries({ queryKey: ['assistance-pd'] }),
  ]);
}

/** Registers a person for a session (`POST /api/assistance/pd/sessions/:id/registrations`). */
export function useRegisterParticipant(sessionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationBody) =>
      apiFetch<RegistrationOutcome>(`/api/assistance/pd/sessions/${sessionId}/registrations`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => refreshRegistrations(client, sessionId),
  });
}

/** Cancels a registration; the first waitlisted is promoted (`POST /api/assistance/pd/registrations/:id/cancel`). */
export function useCancelRegistration(sessionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: number) =>
      apiFetch<RegistrationOutcome>(`/api/assistance/pd/registrations/${registrationId}/cancel`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => refreshRegistrations(client, sessionId),
  });
}

/** After an offering or a session changes: the offerings are read again. */
function refreshOfferings(client: ReturnType<typeof useQueryClient>) {
  return client.invalidateQueries({ queryKey: ['assistance-pd'] });
}

/** Creates an offering (`POST /api/assistance/pd/offerings`; state staff). */
export function useCreateOffering() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OfferingBody) => apiFetch<Offering>('/api/assistance/pd/offerings', { method: 'POST', body }),
    onSuccess: () => refreshOfferings(client),
  });
}

/** Adds a session to an offering (`POST /api/assistance/pd/offerings/:id/sessions`; state staff). */
export function useAddSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ offeringId, body }: { offeringId: number; body: SessionBody }) =>
      apiFetch<PdSession>(`/api/assistance/pd/offerings/${offeringId}/sessions`, { method: 'POST', body }),
    onSuccess: () => refreshOfferings(client),
  });
}

/** Changes a session's capacity; a larger one promotes from the waitlist (`PUT .../sessions/:id/capacity`). */
export function useChangeCapacity(sessionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (capacity: number) =>
      apiFetch<PdSession>(`/api/assistance/pd/sessions/${sessionId}/capacity`, {
        method: 'PUT',
        body: { capacity },
      }),
    onSuccess: () => refreshRegistrations(client, sessionId),
  });
}

/** Records who attended a session that has taken place (`PUT /api/assistance/pd/sessions/:id/attendance`). */
export function useRecordAttendance(sessionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendanceBody) =>
      apiFetch<RegistrationList>(`/api/assistance/pd/sessions/${sessionId}/attendance`, { method: 'PUT', body }),
    onSuccess: async () => {
      await Promise.all([
        refreshRegistrations(client, sessionId),
        client.invalidateQueries({ queryKey: ['assistance-pd-summary', sessionId] }),
      ]);
    },
  });
}

/** A session in numbers: attendance rate, mean rating per question (`GET /api/assistance/pd/sessions/:id/summary`). */
export function useSessionSummary(sessionId: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-pd-summary', sessionId],
    queryFn: ({ signal }) => apiFetch<SessionSummary>(`/api/assistance/pd/sessions/${sessionId}/summary`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The post-session evaluation questions and their scale (`GET /api/assistance/pd/evaluation-questions`). */
export function useEvaluationQuestions(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-pd-questions'],
    queryFn: ({ signal }) => apiFetch<EvaluationQuestionList>('/api/assistance/pd/evaluation-questions', { signal }),
    staleTime: 300_000,
    enabled: options.enabled ?? true,
  });
}

/** The signed-in user's own registrations, by their email (`GET /api/assistance/pd/me/registrations`). */
export function useMyRegistrations(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-pd-mine'],
    queryFn: ({ signal }) => apiFetch<MyRegistrations>('/api/assistance/pd/me/registrations', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Evaluates a session the user attended (`POST /api/assistance/pd/registrations/:id/evaluation`). */
export function useSubmitEvaluation(sessionId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ registrationId, body }: { registrationId: number; body: EvaluationBody }) =>
      apiFetch<EvaluationReceipt>(`/api/assistance/pd/registrations/${registrationId}/evaluation`, {
        method: 'POST',
        body,
      }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['assistance-pd-mine'] }),
        client.invalidateQueries({ queryKey: ['assistance-pd-summary', sessionId] }),
        client.invalidateQueries({ queryKey: ['assistance-registrations', sessionId] }),
      ]);
    },
  });
}
