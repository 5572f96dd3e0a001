import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ComparablesReport,
  ComparisonSet,
  ComparisonSetBody,
  DartReport,
  DartSettingsResponse,
  PeersReport,
} from '../../server/api/dart.ts';
import { apiFetch, withQuery } from './client.ts';

/** The DART settings as the API sends them. */
export type DartSettings = z.infer<typeof DartSettingsResponse>;

/** The most organizations a custom comparison may hold (the server checks again). */
export const maxCompare = 10;

/** Reads `compare=` from the address: distinct codes, at most ten, or undefined for the computed comparables. */
export function readCompare(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const codes = [
    ...new Set(
      raw
        .split(',')
        .map((c) => c.trim())
        .filter((c) => /^[A-Za-z0-9-]{1,12}$/.test(c)),
    ),
  ];
  return codes.length === 0 ? undefined : codes.slice(0, maxCompare);
}

/** The `compare=` value of a list of codes, or undefined when there is none (one cache key per question). */
function compareParam(compare: readonly string[] | undefined): string | undefined {
  return compare === undefined || compare.length === 0 ? undefined : compare.join(',');
}

/** The DART area of the platform: find a district's or school's DART. */
export const dartSectionPath = '/dart';

const orgBase = (code: string) => `/orgs/${encodeURIComponent(code)}`;

/** The DART page of a district or school, with a custom comparison when given. */
export function dartPath(code: string, compare?: readonly string[]): string {
  return withQuery(`${orgBase(code)}/dart`, { compare: compareParam(compare) });
}

/** The comparable organizations page; `why` names the comparable whose distance is explained. */
export function comparablesPath(code: string, why?: string): string {
  return withQuery(`${orgBase(code)}/dart/comparables`, { why });
}

/** The promising peers page for an indicator, with a custom comparison when given. */
export function peersPath(code: string, indicator?: string, compare?: readonly string[]): string {
  return withQuery(`${orgBase(code)}/dart/peers`, { indicator, compare: compareParam(compare) });
}

/** The glossary page, or one indicator's entry on it. */
export function glossaryPath(indicator?: string): string {
  return indicator === undefined ? '/dart/glossary' : `/dart/glossary#${glossaryAnchor(indicator)}`;
}

/** The id of an indicator's entry on the glossary page. */
export function glossaryAnchor(indicator: string): string {
  return `indicator-${indicator.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;
}

/**
 * A district's or school's DART (`GET /api/orgs/:code/dart`): every indicator by section with its trend beside the
 * state and the comparison median; `compare` replaces the computed comparables with up to ten organizations.
 */
export function useDart(code: string, compare?: readonly string[]) {
  const param = compareParam(compare);
  return useQuery({
    queryKey: ['dart', code, param ?? null],
    queryFn: ({ signal }) =>
      apiFetch<DartReport>(withQuery(`/api/orgs/${encodeURIComponent(code)}/dart`, { compare: param }), { signal }),
    // The last answer stays while the next loads, for the same organization only.
    placeholderData: (previous, query) => (query?.queryKey[1] === code ? previous : undefined),
  });
}

/**
 * The computed comparable organizations and why each is comparable (`GET /api/orgs/:code/comparables`); `withCode`
 * also explains the distance to that organization, wherever it ranks.
 */
export function useComparables(code: string, withCode?: string) {
  return useQuery({
    queryKey: ['comparables', code, withCode ?? null],
    queryFn: ({ signal }) =>
      apiFetch<ComparablesReport>(withQuery(`/api/orgs/${encodeURIComponent(code)}/comparables`, { with: withCode }), {
        signal,
      }),
    placeholderData: (previous, query) => (query?.queryKey[1] === code ? previous : undefined),
  });
}

/**
 * Promising peers on one indicator (`GET /api/orgs/:code/dart/peers`): the comparison organizations ranked by their
 * trend, with the guards against small groups and sampling noise. Waits until an indicator is chosen.
 */
export function usePromisingPeers(code: string, indicator: string | undefined, compare?: readonly string[]) {
  const param = compareParam(compare);
  return useQuery({
    queryKey: ['dart-peers', code, indicator ?? null, param ?? null],
    queryFn: ({ signal }) =>
      apiFetch<PeersReport>(
        withQuery(`/api/orgs/${encodeURIComponent(code)}/dart/peers`, { indicator, compare: param }),
        { signal },
      ),
    enabled: indicator !== undefined && indicator !== '',
    placeholderData: (previous, query) => (query?.queryKey[1] === code ? previous : undefined),
  });
}

/**
 * The address of the DART as a file (`GET /api/orgs/:code/dart/export`): one row per organization x year x student
 * group x indicator, with the same comparison. A plain link: the server answers with a download.
 */
export function dartExportUrl(code: string, format: 'csv' | 'xlsx', compare?: readonly string[]): string {
  return withQuery(`/api/orgs/${encodeURIComponent(code)}/dart/export`, { format, compare: compareParam(compare) });
}

/** How comparable organizations and promising peers are found (`GET /api/dart/settings`). */
export function useDartSettings() {
  return useQuery({
    queryKey: ['dart-settings'],
    queryFn: ({ signal }) => apiFetch<DartSettings>('/api/dart/settings', { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * Changes the DART settings (`PUT /api/dart/settings`); state administrators only. Every DART, comparables and
 * peers answer may change with them, so they are all refetched.
 */
export function useSaveDartSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: DartSettings['settings']) =>
      apiFetch<DartSettings>('/api/dart/settings', { method: 'PUT', body: settings }),
    onSuccess: (answer) => {
      client.setQueryData(['dart-settings'], answer);
      for (const key of ['dart', 'comparables', 'dart-peers']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** The signed-in user's saved comparison sets for one organization (`GET /api/comparison-sets?org=`). */
export function useComparisonSets(orgCode: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['comparison-sets', orgCode],
    queryFn: ({ signal }) =>
      apiFetch<{ items: ComparisonSet[] }>(withQuery('/api/comparison-sets', { org: orgCode }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Saves a comparison set of up to ten organizations (`POST /api/comparison-sets`); a set of the same name is replaced. */
export function useSaveComparisonSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComparisonSetBody) => apiFetch<ComparisonSet>('/api/comparison-sets', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['comparison-sets'] }),
  });
}

/** Deletes one of the signed-in user's comparison sets (`DELETE /api/comparison-sets/:id`). */
export function useDeleteComparisonSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<void>(`/api/comparison-sets/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['comparison-sets'] }),
  });
}
