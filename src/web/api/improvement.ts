import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AttachmentBody as AttachmentBodySchema,
  Comparison,
  ConsensusBody as ConsensusBodySchema,
  HeatMap,
  MemberRatingsBody as MemberRatingsBodySchema,
  NewSelfAssessmentBody as NewSelfAssessmentBodySchema,
  SelfAssessment,
  SelfAssessmentList,
} from '../../server/api/self-assessments.ts';
import type {
  NewSiteVisitBody as NewSiteVisitBodySchema,
  SiteVisit,
  SiteVisitList,
  SiteVisitTransitionBody as SiteVisitTransitionBodySchema,
  SiteVisitRatingsBody as SiteVisitRatingsBodySchema,
  SiteVisitTrends,
  VendorList,
} from '../../server/api/site-visits.ts';
import { apiFetch, withQuery } from './client.ts';

export type {
  Comparison,
  HeatMap,
  SelfAssessment,
  SelfAssessmentList,
  SiteVisit,
  SiteVisitList,
  SiteVisitTrends,
  VendorList,
};
/** What starting a self-assessment sends. */
export type NewSelfAssessmentBody = z.input<typeof NewSelfAssessmentBodySchema>;
/** One member's ratings as sent. */
export type MemberRatingsBody = z.input<typeof MemberRatingsBodySchema>;
/** The team's consensus as sent. */
export type ConsensusBody = z.input<typeof ConsensusBodySchema>;
/** An evidence file as sent. */
export type AttachmentBody = z.input<typeof AttachmentBodySchema>;
/** What scheduling a site visit sends. */
export type NewSiteVisitBody = z.input<typeof NewSiteVisitBodySchema>;
/** A vendor's ratings as sent. */
export type SiteVisitRatingsBody = z.input<typeof SiteVisitRatingsBodySchema>;
/** A site-visit transition as sent. */
export type SiteVisitTransitionBody = z.input<typeof SiteVisitTransitionBodySchema>;

const enc = encodeURIComponent;

/** The self-assessment and site-visit area of the platform. */
export const improvementSectionPath = '/improvement';

/** An organization's self-assessments and site visits. */
export function orgImprovementPath(code: string): string {
  return `/orgs/${enc(code)}/improvement`;
}

/** One self-assessment's page. */
export function selfAssessmentPath(id: number): string {
  return `/self-assessments/${id}`;
}

/** One site visit's page. */
export function siteVisitPath(id: number): string {
  return `/site-visits/${id}`;
}

/** The PDF summary of a self-assessment (a plain link: the server answers with a file). */
export function selfAssessmentPdfUrl(id: number): string {
  return `/api/self-assessments/${id}/summary.pdf`;
}

/** The formative feedback report of a published site visit (a plain link). */
export function siteVisitReportUrl(id: number): string {
  return `/api/site-visits/${id}/report.pdf`;
}

/** An organization's self-assessments (`GET /api/orgs/:code/self-assessments`). */
export function useSelfAssessments(code: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['self-assessments', code],
    queryFn: ({ signal }) => apiFetch<SelfAssessmentList>(`/api/orgs/${enc(code)}/self-assessments`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Starts a self-assessment (`POST /api/orgs/:code/self-assessments`). */
export function useStartSelfAssessment(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSelfAssessmentBody) =>
      apiFetch<SelfAssessment>(`/api/orgs/${enc(code)}/self-assessments`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['self-assessments', code] }),
  });
}

/** Consensus levels of completed self-assessments, indicator by period (`GET .../self-assessments/heat-map`). */
export function useHeatMap(code: string, framework: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['self-assessment-heat-map', code, framework],
    queryFn: ({ signal }) =>
      apiFetch<HeatMap>(withQuery(`/api/orgs/${enc(code)}/self-assessments/heat-map`, { framework }), { signal }),
    enabled: (options.enabled ?? true) && framework !== '',
  });
}

/** Period-to-period comparison (`GET .../self-assessments/comparison`); the two latest periods by default. */
export function useComparison(
  code: string,
  params: { framework: string; from?: string; to?: string },
  options: { enabled?: boolean } = {},
) {
  const { framework, from, to } = params;
  return useQuery({
    queryKey: ['self-assessment-comparison', code, { framework, from, to }],
    queryFn: ({ signal }) =>
      apiFetch<Comparison>(withQuery(`/api/orgs/${enc(code)}/self-assessments/comparison`, { framework, from, to }), {
        signal,
      }),
    enabled: (options.enabled ?? true) && framework !== '',
    retry: false,
  });
}

/** One self-assessment with its team, ratings and consensus (`GET /api/self-assessments/:id`). */
export function useSelfAssessment(id: number) {
  return useQuery({
    queryKey: ['self-assessment', id],
    queryFn: ({ signal }) => apiFetch<SelfAssessment>(`/api/self-assessments/${id}`, { signal }),
  });
}

function useSelfAssessmentMutation<B>(id: number, request: (body: B) => Promise<SelfAssessment>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      client.setQueryData(['self-assessment', id], saved);
      void client.invalidateQueries({ queryKey: ['self-assessments'] });
      void client.invalidateQueries({ queryKey: ['self-assessment-heat-map'] });
      void client.invalidateQueries({ queryKey: ['self-assessment-comparison'] });
    },
  });
}

/** Adds team members (`POST /api/self-assessments/:id/members`). */
export function useAddMembers(id: number) {
  return useSelfAssessmentMutation(id, (body: { members: NewSelfAssessmentBody['members'] }) =>
    apiFetch<SelfAssessment>(`/api/self-assessments/${id}/members`, { method: 'POST', body }),
  );
}

/** Records one member's ratings and evidence (`PUT /api/self-assessments/:id/members/:memberId/ratings`). */
export function useMemberRatings(id: number) {
  return useSelfAssessmentMutation(id, ({ memberId, body }: { memberId: number; body: MemberRatingsBody }) =>
    apiFetch<SelfAssessment>(`/api/self-assessments/${id}/members/${memberId}/ratings`, { method: 'PUT', body }),
  );
}

/** Records the team's consensus (`PUT /api/self-assessments/:id/consensus`). */
export function useConsensus(id: number) {
  return useSelfAssessmentMutation(id, (body: ConsensusBody) =>
    apiFetch<SelfAssessment>(`/api/self-assessments/${id}/consensus`, { method: 'PUT', body }),
  );
}

/** Completes or reopens a self-assessment (`POST /api/self-assessments/:id/transitions`). */
export function useSelfAssessmentTransition(id: number) {
  return useSelfAssessmentMutation(id, (action: 'complete' | 'reopen') =>
    apiFetch<SelfAssessment>(`/api/self-assessments/${id}/transitions`, { method: 'POST', body: { action } }),
  );
}

/** An evidence file of a self-assessment, for download (a plain link: the server answers with the file). */
export function attachmentUrl(id: number, attachmentId: number): string {
  return `/api/self-assessments/${id}/attachments/${attachmentId}`;
}

/** A file's bytes as base64, as the API takes evidence files. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** What attaching an evidence file takes: the file, and the indicator and team member it belongs to. */
export interface NewAttachment {
  file: File;
  indicatorCode?: string | undefined;
  memberId?: number | undefined;
}

/** Attaches an evidence file (`POST /api/self-assessments/:id/attachments`, the bytes in base64). */
export function useAddAttachment(id: number) {
  return useSelfAssessmentMutation(id, async ({ file, indicatorCode, memberId }: NewAttachment) => {
    const body: AttachmentBody = {
      fileName: file.name,
      // Browsers leave the type empty for files they do not know.
      contentType: file.type === '' ? 'application/octet-stream' : file.type,
      contentBase64: await readAsBase64(file),
      ...(indicatorCode !== undefined ? { indicatorCode } : {}),
      ...(memberId !== undefined ? { memberId } : {}),
    };
    return apiFetch<SelfAssessment>(`/api/self-assessments/${id}/attachments`, { method: 'POST', body });
  });
}

/** Removes an evidence file (`DELETE /api/self-assessments/:id/attachments/:attachmentId`). */
export function useRemoveAttachment(id: number) {
  return useSelfAssessmentMutation(id, (attachmentId: number) =>
    apiFetch<SelfAssessment>(attachmentUrl(id, attachmentId), { method: 'DELETE' }),
  );
}

/** The site visits the user may see (`GET /api/site-visits`), of one school when given. */
export function useSiteVisits(params: { school?: string } = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['site-visits', params.school ?? null],
    queryFn: ({ signal }) =>
      apiFetch<SiteVisitList>(withQuery('/api/site-visits', { school: params.school }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The active vendors state staff may assign (`GET /api/site-visits/vendors`). */
export function useVendors(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['site-visit-vendors'],
    queryFn: ({ signal }) => apiFetch<VendorList>('/api/site-visits/vendors', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Schedules a site visit (`POST /api/site-visits`). */
export function useScheduleSiteVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSiteVisitBody) => apiFetch<SiteVisit>('/api/site-visits', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['site-visits'] }),
  });
}

/** One site visit (`GET /api/site-visits/:id`). */
export function useSiteVisit(id: number) {
  return useQuery({
    queryKey: ['site-visit', id],
    queryFn: ({ signal }) => apiFetch<SiteVisit>(`/api/site-visits/${id}`, { signal }),
  });
}

function useSiteVisitMutation<B>(id: number, request: (body: B) => Promise<SiteVisit>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      client.setQueryData(['site-visit', id], saved);
      void client.invalidateQueries({ queryKey: ['site-visits'] });
      void client.invalidateQueries({ queryKey: ['site-visit-trends'] });
    },
  });
}

/** Replaces the assigned vendors (`PUT /api/site-visits/:id/vendors`). */
export function useAssignVendors(id: number) {
  return useSiteVisitMutation(id, (userIds: number[]) =>
    apiFetch<SiteVisit>(`/api/site-visits/${id}/vendors`, { method: 'PUT', body: { userIds } }),
  );
}

/** Records the vendor's ratings with evidence (`PUT /api/site-visits/:id/ratings`). */
export function useSiteVisitRatings(id: number) {
  return useSiteVisitMutation(id, (body: SiteVisitRatingsBody) =>
    apiFetch<SiteVisit>(`/api/site-visits/${id}/ratings`, { method: 'PUT', body }),
  );
}

/** Moves a visit: start, submit, return with a comment, publish (`POST /api/site-visits/:id/transitions`). */
export function useSiteVisitTransition(id: number) {
  return useSiteVisitMutation(id, (body: SiteVisitTransitionBody) =>
    apiFetch<SiteVisit>(`/api/site-visits/${id}/transitions`, { method: 'POST', body }),
  );
}

/** Each practice's mean score across published visits (`GET /api/orgs/:code/site-visits/trends`). */
export function useSiteVisitTrends(code: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['site-visit-trends', code],
    queryFn: ({ signal }) => apiFetch<SiteVisitTrends>(`/api/orgs/${enc(code)}/site-visits/trends`, { signal }),
    enabled: options.enabled ?? true,
  });
}
