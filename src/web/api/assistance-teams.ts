import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  RegionStaffing,
  StaffBody as StaffBodySchema,
  StaffMember,
  StaffUpdateBody,
} from '../../server/api/assistance.ts';
import { apiFetch } from './client.ts';

export type { RegionStaffing, StaffUpdateBody };
/** What a page sends to add a member to a team (the person by the email of their account, or by id). */
export type StaffBody = z.input<typeof StaffBodySchema>;

/** The page where the regional teams are staffed: members, roles and districts. */
export const teamsPath = '/assistance/teams';

/**
 * What staffing a region's team draws on: its districts and the accounts on no team that may join it
 * (`GET /api/assistance/regions/:code/staffing`; names people, so each read is audited: ask only when a form opens).
 */
export function useRegionStaffing(regionCode: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['assistance-staffing', regionCode],
    queryFn: ({ signal }) =>
      apiFetch<RegionStaffing>(`/api/assistance/regions/${encodeURIComponent(regionCode)}/staffing`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** After a team changes: the teams, the candidates, and the signed-in user's own membership are read again. */
async function refreshTeams(client: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['assistance-staff'] }),
    client.invalidateQueries({ queryKey: ['assistance-staffing'] }),
    client.invalidateQueries({ queryKey: ['assistance-me'] }),
  ]);
}

/** Adds a member to a regional team (`POST /api/assistance/staff`). */
export function useAddTeamMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffBody) => apiFetch<StaffMember>('/api/assistance/staff', { method: 'POST', body }),
    onSuccess: () => refreshTeams(client),
  });
}

/** Changes a member's role, districts or active flag (`PUT /api/assistance/staff/:id`). */
export function useChangeTeamMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: StaffUpdateBody }) =>
      apiFetch<StaffMember>(`/api/assistance/staff/${id}`, { method: 'PUT', body }),
    onSuccess: () => refreshTeams(client),
  });
}

/** Removes a member who led no engagement (`DELETE /api/assistance/staff/:id`; 409 for one who did). */
export function useRemoveTeamMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (member: StaffMember) =>
      apiFetch<undefined>(`/api/assistance/staff/${member.id}`, { method: 'DELETE' }),
    onSuccess: () => refreshTeams(client),
  });
}
