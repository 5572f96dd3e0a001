import { describe, expect, test } from 'vitest';
import { centsToInput, formatPercent, parseDollars } from './grants-format.tsx';

describe('grant amounts as people type and read them', () => {
  test('reads dollars with or without a sign, commas and cents, into whole cents', () => {
    expect(parseDollars('12,500')).toBe(1_250_000);
    expect(parseDollars('$1,234.5')).toBe(123_450);
    expect(parseDollars('0.99')).toBe(99);
    expect(parseDollars(' 40000.00 ')).toBe(4_000_000);
    expect(parseDollars('12.345')).toBeNull();
    expect(parseDollars('-5')).toBeNull();
    expect(parseDollars('')).toBeNull();
    expect(parseDollars('ten')).toBeNull();
  });

  test('writes cents back as a plain amount and percents with one decimal', () => {
    expect(centsToInput(1_250_000)).toBe('12500.00');
    expect(centsToInput(99)).toBe('0.99');
    expect(formatPercent(53.3)).toBe('53.3%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });
});
