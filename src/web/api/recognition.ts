import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Pairing,
  PairingBody as PairingBodySchema,
  PairingList,
  PairingUpdateBody,
  RecognitionOverview,
} from '../../server/api/assistance-recognition.ts';
import { apiFetch, withQuery } from './client.ts';

export type { Pairing, PairingList, PairingUpdateBody, RecognitionOverview };
/** What a page sends to record a pairing. */
export type PairingBody = z.input<typeof PairingBodySchema>;
/** A demonstration site with its suggested partners. */
export type DemonstrationSite = RecognitionOverview['items'][number];
/** A school suggested as a demonstration site's partner. */
export type PairingSuggestion = DemonstrationSite['suggestions'][number];

/** Recognition in practice: demonstration sites and pairings. */
export const recognitionPath = '/assistance/recognition';

/** Demonstration sites with suggested partners (`GET /api/assistance/recognition`). */
export function useRecognition(region: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['recognition', region ?? null],
    queryFn: ({ signal }) =>
      apiFetch<RecognitionOverview>(withQuery('/api/assistance/recognition', { region }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** The pairings within the user's scope (`GET /api/assistance/recognition/pairings`). */
export function usePairings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['pairings'],
    queryFn: ({ signal }) => apiFetch<PairingList>('/api/assistance/recognition/pairings', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Records a pairing (`POST`) or changes one (`PUT /api/assistance/recognition/pairings/:id`). */
export function useSavePairing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { id: null; body: PairingBody } | { id: number; body: PairingUpdateBody }) =>
      apiFetch<Pairing>(
        change.id === null
          ? '/api/assistance/recognition/pairings'
          : `/api/assistance/recognition/pairings/${change.id}`,
        { method: change.id === null ? 'POST' : 'PUT', body: change.body },
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['pairings'] }),
        client.invalidateQueries({ queryKey: ['recognition'] }),
      ]),
  });
}
