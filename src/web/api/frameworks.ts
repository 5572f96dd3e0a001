import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  FrameworkVersion,
  FrameworkVersionList,
  FrameworkVersionSummary,
  ItemEditBody as ItemEditBodySchema,
  NewItemBody as NewItemBodySchema,
} from '../../server/api/frameworks.ts';
import { apiFetch } from './client.ts';

export type { FrameworkVersion, FrameworkVersionList, FrameworkVersionSummary };
/** A change to an item's wording as sent. */
export type ItemEditBody = z.input<typeof ItemEditBodySchema>;
/** A new area or indicator as sent. */
export type NewItemBody = z.input<typeof NewItemBodySchema>;

const enc = encodeURIComponent;

/** The framework library's page. */
export const frameworkLibraryPath = '/improvement/frameworks';

/** A framework's page: its latest published version, or the version named. */
export function frameworkPath(code: string, version?: number): string {
  return `${frameworkLibraryPath}/${enc(code)}${version !== undefined ? `?version=${version}` : ''}`;
}

/** The framework library: every version's summary (`GET /api/frameworks`). */
export function useFrameworks() {
  return useQuery({
    queryKey: ['frameworks'],
    queryFn: ({ signal }) => apiFetch<FrameworkVersionList>('/api/frameworks', { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * One version of a framework with its scale and items (`GET /api/frameworks/:code/versions/:version`), or the latest
 * published one (`GET /api/frameworks/:code`) when no version is named.
 */
export function useFramework(code: string, version: number | undefined) {
  return useQuery({
    queryKey: ['framework', code, version ?? 'current'],
    queryFn: ({ signal }) =>
      apiFetch<FrameworkVersion>(
        version === undefined ? `/api/frameworks/${enc(code)}` : `/api/frameworks/${enc(code)}/versions/${version}`,
        { signal },
      ),
    retry: false,
  });
}

/** After a change to a version: the answer is the version as it is now; the library and current version are read again. */
function useFrameworkMutation<B>(code: string, request: (body: B) => Promise<FrameworkVersion>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      client.setQueryData(['framework', code, saved.version], saved);
      void client.invalidateQueries({ queryKey: ['frameworks'] });
      void client.invalidateQueries({ queryKey: ['framework', code, 'current'] });
    },
  });
}

/** Creates a draft version, a copy of `fromVersion` (`POST /api/frameworks/:code/versions`). */
export function useCreateFrameworkVersion(code: string) {
  return useFrameworkMutation(code, (fromVersion: number) =>
    apiFetch<FrameworkVersion>(`/api/frameworks/${enc(code)}/versions`, { method: 'POST', body: { fromVersion } }),
  );
}

const versionBase = (code: string, version: number) => `/api/frameworks/${enc(code)}/versions/${version}`;

/** Edits an item's wording or marks it confirmed (`PATCH .../versions/:version/items/:itemCode`). */
export function useEditFrameworkItem(code: string, version: number) {
  return useFrameworkMutation(code, ({ itemCode, body }: { itemCode: string; body: ItemEditBody }) =>
    apiFetch<FrameworkVersion>(`${versionBase(code, version)}/items/${enc(itemCode)}`, { method: 'PATCH', body }),
  );
}

/** Adds an area or an indicator to a draft version (`POST .../versions/:version/items`). */
export function useAddFrameworkItem(code: string, version: number) {
  return useFrameworkMutation(code, (body: NewItemBody) =>
    apiFetch<FrameworkVersion>(`${versionBase(code, version)}/items`, { method: 'POST', body }),
  );
}

/** Removes an item (an area with its indicators) from a draft version (`DELETE .../items/:itemCode`). */
export function useRemoveFrameworkItem(code: string, version: number) {
  return useFrameworkMutation(code, (itemCode: string) =>
    apiFetch<FrameworkVersion>(`${versionBase(code, version)}/items/${enc(itemCode)}`, { method: 'DELETE' }),
  );
}

/** Publishes a draft version (`POST .../versions/:version/publish`). */
export function usePublishFramework(code: string, version: number) {
  return useFrameworkMutation(code, () =>
    apiFetch<FrameworkVersion>(`${versionBase(code, version)}/publish`, { method: 'POST', body: {} }),
  );
}
