import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  HealthResponse,
  IndicatorList,
  PlatformConfig,
  RoleList,
  StudentGroupList,
} from '../../server/api/catalog.ts';
import { apiFetch } from './client.ts';

/** Facts about this installation (`GET /api/config`); they do not change while the app runs. */
export function useConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => apiFetch<PlatformConfig>('/api/config', { signal }),
    staleTime: Infinity,
  });
}

/** The server's health and version (`GET /api/health`). */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof HealthResponse>>('/api/health', { signal }),
  });
}

/** The roles a user can hold (`GET /api/roles`). */
export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof RoleList>>('/api/roles', { signal }),
    staleTime: Infinity,
  });
}

/** The student groups results are reported for (`GET /api/student-groups`). */
export function useStudentGroups() {
  return useQuery({
    queryKey: ['student-groups'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof StudentGroupList>>('/api/student-groups', { signal }),
    staleTime: Infinity,
  });
}

/** The indicator catalog (`GET /api/indicators`). */
export function useIndicators() {
  return useQuery({
    queryKey: ['indicators'],
    queryFn: ({ signal }) => apiFetch<z.infer<typeof IndicatorList>>('/api/indicators', { signal }),
    staleTime: Infinity,
  });
}

/** The agency name to show when the configuration has not loaded (or cannot be loaded). */
export const fallbackAgencyName = 'Department of Elementary and Secondary Education';
