import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgLevel, OrgType } from '../../core/orgs/organization.ts';
import type { OrgDetail, OrgSearchResponse } from '../../server/api/orgs.ts';
import type { UserList } from '../../server/api/users.ts';
import { apiFetch, withQuery } from './client.ts';

/** What the organization search asks for; every field is optional. */
export interface OrgSearchParams {
  q?: string;
  level?: OrgLevel;
  type?: OrgType;
  includeClosed?: boolean;
  limit?: number;
  offset?: number;
}

/** Searches organizations by name words or code (`GET /api/orgs`); keeps the last page while the next loads. */
export function useOrgSearch(params: OrgSearchParams, options: { enabled?: boolean } = {}) {
  const { q, level, type, includeClosed, limit, offset } = params;
  return useQuery({
    queryKey: ['orgs', { q, level, type, includeClosed, limit, offset }],
    queryFn: ({ signal }) =>
      apiFetch<OrgSearchResponse>(
        withQuery('/api/orgs', { q, level, type, includeClosed: includeClosed ? 'true' : undefined, limit, offset }),
        { signal },
      ),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One organization with the organizations directly under it (`GET /api/orgs/:code`). */
export function useOrg(code: string) {
  return useQuery({
    queryKey: ['org', code],
    queryFn: ({ signal }) => apiFetch<OrgDetail>(`/api/orgs/${encodeURIComponent(code)}`, { signal }),
  });
}

/** The accounts with access to an organization (`GET /api/orgs/:code/users`); signed-in users only. */
export function useOrgUsers(code: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['org-users', code],
    queryFn: ({ signal }) => apiFetch<UserList>(`/api/orgs/${encodeURIComponent(code)}/users`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Assigns a district to a region, or none (`PUT /api/orgs/:code/region`); state administrators only. */
export function useSetRegion(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (regionCode: string | null) =>
      apiFetch<OrgDetail>(`/api/orgs/${encodeURIComponent(code)}/region`, { method: 'PUT', body: { regionCode } }),
    onSuccess: (org) => {
      client.setQueryData(['org', code], org);
      void client.invalidateQueries({ queryKey: ['orgs'] });
    },
  });
}
