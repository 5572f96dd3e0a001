import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser, LoginBody, SessionResponse } from '../../server/api/auth.ts';
import { apiFetch } from './client.ts';

/** The query key of the session; signing in or out rewrites it. */
export const sessionKey = ['session'] as const;

/** Who is signed in, or `user: null` (`GET /api/session`). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => apiFetch<SessionResponse>('/api/session', { signal }),
    staleTime: 60_000,
  });
}

/** The signed-in user, or null while signed out or while the session is loading. */
export function useCurrentUser(): CurrentUser | null {
  return useSession().data?.user ?? null;
}

/** Signs in with email and password (`POST /api/auth/login`); on success the session and every query refresh. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => apiFetch<{ user: CurrentUser }>('/api/auth/login', { method: 'POST', body }),
    onSuccess: async ({ user }) => {
      queryClient.setQueryData<SessionResponse>(sessionKey, { user });
      // What a page shows can depend on who is asking: refetch everything else.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}

/** Signs out (`POST /api/auth/logout`); drops every cached answer that may have depended on the user. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/auth/logout', { method: 'POST', body: {} }),
    onSuccess: () => {
      queryClient.setQueryData<SessionResponse>(sessionKey, { user: null });
      queryClient.removeQueries({ queryKey: ['org-users'] });
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
