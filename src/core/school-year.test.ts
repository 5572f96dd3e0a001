import { describe, expect, it } from 'vitest';
import { formatSchoolYear, parseSchoolYear, schoolYearOf } from './school-year.ts';

describe('school years', () => {
  it('names a school year by its ending year, turning on July 1', () => {
    expect(schoolYearOf(new Date('2026-11-24T00:00:00Z'))).toBe(2027);
    expect(schoolYearOf(new Date('2026-06-30T23:59:59Z'))).toBe(2026);
    expect(schoolYearOf(new Date('2026-07-01T00:00:00Z'))).toBe(2027);
  });
  it('reads the labels DESE files use', () => {
    expect(parseSchoolYear('2016-17')).toBe(2017);
    expect(parseSchoolYear('2017')).toBe(2017);
    expect(parseSchoolYear('fy=2019')).toBe(2019);
    expect(parseSchoolYear('FY2019')).toBe(2019);
    expect(parseSchoolYear('1999-00')).toBe(2000);
    expect(parseSchoolYear('2016-2017')).toBe(2017);
    expect(parseSchoolYear('2016-18')).toBeNull();
    expect(parseSchoolYear('17')).toBeNull();
  });
  it('writes a year the long way', () => {
    expect(formatSchoolYear(2017)).toBe('2016-17');
    expect(formatSchoolYear(2000)).toBe('1999-00');
  });
});
