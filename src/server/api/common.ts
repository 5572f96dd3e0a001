import { z } from 'zod';
import { errorCatalog, type ErrorCode } from '../../core/errors.ts';

/** The error body every failing request returns. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'ErrorResponse', description: 'Every error: a code from the error catalog and a message for a person.' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Bounded text fields: every string a client sends has a length limit (messages read after the field's name). */
export const shortText = (max = 200) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
