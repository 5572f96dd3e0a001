import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MeetingBody as MeetingBodySchema,
  MemberBody as MemberBodySchema,
  NetworkBody as NetworkBodySchema,
  NetworkDetail,
  NetworkList,
} from '../../server/api/assistance-networks.ts';
import { apiFetch } from './client.ts';

export type { NetworkDetail, NetworkList };
/** A network as lists show it. */
export type Network = NetworkList['items'][number];
/** What a page sends to create or change a network. */
export type NetworkBody = z.input<typeof NetworkBodySchema>;
/** What a page sends to add or change a member. */
export type MemberBody = z.input<typeof MemberBodySchema>;
/** What a page sends to record or change a meeting. */
export type MeetingBody = z.input<typeof MeetingBodySchema>;
/** A member of a network. */
export type Member = NetworkDetail['members'][number];

/** The networks area. */
export const networksPath = '/assistance/networks';

/** A network's page: members and meetings. */
export function networkPath(id: number): string {
  return `/assistance/networks/${id}`;
}

/** The networks the user may read (`GET /api/assistance/networks`). */
export function useNetworks(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['networks'],
    queryFn: ({ signal }) => apiFetch<NetworkList>('/api/assistance/networks', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A network with its members and meetings (`GET /api/assistance/networks/:id`; audited). */
export function useNetwork(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['network', id],
    queryFn: ({ signal }) => apiFetch<NetworkDetail>(`/api/assistance/networks/${id}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A mutation whose answer is the network as it now stands: it replaces the cached one, and the list is read again. */
function useNetworkChange<V>(request: (vars: V) => Promise<NetworkDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (detail) => {
      client.setQueryData(['network', detail.id], detail);
      return client.invalidateQueries({ queryKey: ['networks'] });
    },
  });
}

/** Creates a network (`POST`) or changes one (`PUT /api/assistance/networks/:id`). */
export function useSaveNetwork(id: number | null) {
  return useNetworkChange((body: NetworkBody) =>
    apiFetch<NetworkDetail>(id === null ? '/api/assistance/networks' : `/api/assistance/networks/${id}`, {
      method: id === null ? 'POST' : 'PUT',
      body,
    }),
  );
}

/** Adds, changes or removes a member of a network. */
export function useMember(networkId: number) {
  const base = `/api/assistance/networks/${networkId}/members`;
  return useNetworkChange(
    (change: { memberId: number | null; body: MemberBody } | { memberId: number; remove: true }) =>
      'remove' in change
        ? apiFetch<NetworkDetail>(`${base}/${change.memberId}`, { method: 'DELETE' })
        : apiFetch<NetworkDetail>(change.memberId === null ? base : `${base}/${change.memberId}`, {
            method: change.memberId === null ? 'POST' : 'PUT',
            body: change.body,
          }),
  );
}

/** Records, changes or deletes a meeting of a network. */
export function useMeeting(networkId: number) {
  const base = `/api/assistance/networks/${networkId}/meetings`;
  return useNetworkChange(
    (change: { meetingId: number | null; body: MeetingBody } | { meetingId: number; remove: true }) =>
      'remove' in change
        ? apiFetch<NetworkDetail>(`${base}/${change.meetingId}`, { method: 'DELETE' })
        : apiFetch<NetworkDetail>(change.meetingId === null ? base : `${base}/${change.meetingId}`, {
            method: change.meetingId === null ? 'POST' : 'PUT',
            body: change.body,
          }),
  );
}
