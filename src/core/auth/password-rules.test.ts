import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, PASSWORD_MIN_LENGTH, checkPassword } from './password-rules.ts';

describe('checkPassword', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(checkPassword('violet-harbor-lantern', { email: 'ana@example.org' })).toBeNull();
  });

  it('refuses 11 characters and accepts 12', () => {
    expect(checkPassword('abcdefghij1')).toEqual({
      rule: 'min_length',
      message: 'must be at least 12 characters (it has 11)',
    });
    expect(checkPassword('abcdefghij1x')).toBeNull();
  });

  it('counts characters, not UTF-16 units: 11 emoji are 11 characters', () => {
    expect(checkPassword('😀'.repeat(11))?.rule).toBe('min_length');
  });

  it('refuses more than 200 characters', () => {
    expect(checkPassword('x'.repeat(150) + 'y'.repeat(51))?.rule).toBe('max_length');
  });

  it('refuses the email address and its name part, in any case', () => {
    expect(checkPassword('Ana.Lopez@Example.org', { email: 'ana.lopez@example.org' })?.rule).toBe('not_email');
    expect(checkPassword('ana.lopez.sch', { email: 'ana.lopez.sch@example.org' })?.rule).toBe('not_email');
  });

  it('refuses common passwords whatever their case, and one character repeated', () => {
    expect(checkPassword('Password1234')).toEqual({
      rule: 'not_common',
      message: 'is one of the most common passwords: choose one that is harder to guess',
    });
    expect(checkPassword('zzzzzzzzzzzzzz')?.rule).toBe('not_common');
  });

  it('lists only entries the length rule would not already refuse', () => {
    for (const p of COMMON_PASSWORDS) expect(p.length, p).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
  });
});
