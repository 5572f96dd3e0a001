import { describe, expect, it } from 'vitest';
import { AppError, errorCatalog } from './errors.ts';

describe('error catalog', () => {
  it('maps bad input to 400, missing sign-in to 401, scope to 403', () => {
    expect(new AppError('validation_failed').status).toBe(400);
    expect(new AppError('invalid_json').status).toBe(400);
    expect(new AppError('payload_too_large').status).toBe(400);
    expect(new AppError('not_signed_in').status).toBe(401);
    expect(new AppError('out_of_scope').status).toBe(403);
    expect(new AppError('forbidden').status).toBe(403);
    expect(new AppError('not_found').status).toBe(404);
  });
  it('gives a body with code, message and the field at fault', () => {
    expect(new AppError('validation_failed', 'body.email: required', 'email').toBody()).toEqual({
      error: { code: 'validation_failed', message: 'body.email: required', field: 'email' },
    });
    expect(new AppError('not_found').toBody()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });
  it('has a person-readable title and an HTTP error status for every code', () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      expect(entry.title.length, code).toBeGreaterThan(3);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
    }
  });
});
