import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CalibrationReport,
  CalibrationSessionBody as CalibrationSessionBodySchema,
  CalibrationSessionList,
  CalibrationSheetBody as CalibrationSheetBodySchema,
  Instrument,
  InstrumentBody as InstrumentBodySchema,
  InstrumentList,
} from '../../server/api/assistance.ts';
import { apiFetch, withQuery } from './client.ts';

export type { CalibrationReport, CalibrationSessionList, Instrument, InstrumentList };
/** What a page sends to build or change an instrument. */
export type InstrumentBody = z.input<typeof InstrumentBodySchema>;
/** What a page sends to open a calibration session. */
export type CalibrationSessionBody = z.input<typeof CalibrationSessionBodySchema>;
/** One observer's rating sheet for a lesson. */
export type CalibrationSheetBody = z.input<typeof CalibrationSheetBodySchema>;
/** Agreement figures of one item or overall. */
export type AgreementFigures = CalibrationReport['agreement']['overall'];

/** Walkthroughs and calibration: instruments and calibration sessions. */
export const walkthroughsPath = '/assistance/walkthroughs';

/** An instrument's page: its items and scales. */
export function instrumentPath(id: number): string {
  return `/assistance/walkthroughs/instruments/${id}`;
}

/** A calibration session's page: the sheets and the agreement report. */
export function calibrationPath(id: number): string {
  return `/assistance/walkthroughs/sessions/${id}`;
}

/** Every observation instrument (`GET /api/assistance/instruments`). */
export function useInstruments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['instruments'],
    queryFn: ({ signal }) => apiFetch<InstrumentList>('/api/assistance/instruments', { signal }),
    enabled: options.enabled ?? true,
  });
}

/** An instrument with its items (`GET /api/assistance/instruments/:id`). */
export function useInstrument(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['instrument', id],
    queryFn: ({ signal }) => apiFetch<Instrument>(`/api/assistance/instruments/${id}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Builds an instrument (`POST`) or changes an unused one (`PUT /api/assistance/instruments/:id`). */
export function useSaveInstrument(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InstrumentBody) =>
      apiFetch<Instrument>(id === null ? '/api/assistance/instruments' : `/api/assistance/instruments/${id}`, {
        method: id === null ? 'POST' : 'PUT',
        body,
      }),
    onSuccess: (instrument) => {
      client.setQueryData(['instrument', instrument.id], instrument);
      return client.invalidateQueries({ queryKey: ['instruments'] });
    },
  });
}

/** Calibration sessions (`GET /api/assistance/calibration-sessions`; regional staff: their region). */
export function useCalibrationSessions(region: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['calibration-sessions', region ?? null],
    queryFn: ({ signal }) =>
      apiFetch<CalibrationSessionList>(withQuery('/api/assistance/calibration-sessions', { region }), { signal }),
    enabled: options.enabled ?? true,
  });
}

/** A calibration session's sheets and agreement (`GET /api/assistance/calibration-sessions/:id`; audited). */
export function useCalibrationReport(id: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['calibration-session', id],
    queryFn: ({ signal }) => apiFetch<CalibrationReport>(`/api/assistance/calibration-sessions/${id}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Opens a calibration session (`POST /api/assistance/calibration-sessions`). */
export function useOpenCalibrationSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CalibrationSessionBody) =>
      apiFetch<CalibrationReport>('/api/assistance/calibration-sessions', { method: 'POST', body }),
    onSuccess: (report) => {
      client.setQueryData(['calibration-session', report.id], report);
      return client.invalidateQueries({ queryKey: ['calibration-sessions'] });
    },
  });
}

/** Records or replaces an observer's sheet (`PUT /api/assistance/calibration-sessions/:id/sheets`). */
export function useRecordSheet(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CalibrationSheetBody) =>
      apiFetch<CalibrationReport>(`/api/assistance/calibration-sessions/${id}/sheets`, { method: 'PUT', body }),
    onSuccess: (report) => client.setQueryData(['calibration-session', id], report),
  });
}
