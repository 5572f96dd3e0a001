import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  districtCodeOf,
  formatGradeSpan,
  gradeCodes,
  gradeSpanCategory,
  isOpenIn,
  isTypeAllowedAtLevel,
  normalizeOrgCode,
  parseGradeCode,
  sortGrades,
  type GradeCode,
} from './organization.ts';

const grades = (s: string) => s.split(',') as GradeCode[];

describe('normalizeOrgCode', () => {
  it('left-pads DESE codes that lost their leading zeros', () => {
    expect(normalizeOrgCode('4450105')).toBe('04450105');
    expect(normalizeOrgCode('10505')).toBe('00010505');
    expect(normalizeOrgCode(' 00010505 ')).toBe('00010505');
    expect(normalizeOrgCode('0')).toBe('00000000');
  });
  it('keeps region codes and refuses anything else', () => {
    expect(normalizeOrgCode('coastal')).toBe('coastal');
    expect(normalizeOrgCode('west-central')).toBe('west-central');
    expect(normalizeOrgCode('123456789')).toBeNull();
    expect(normalizeOrgCode('Abington')).toBeNull();
    expect(normalizeOrgCode('')).toBeNull();
    expect(normalizeOrgCode('0001-0505')).toBeNull();
  });
  it('keeps namespaced external codes (Ed-Fi), lower-cased, and refuses malformed ones', () => {
    expect(normalizeOrgCode('edfi-255901')).toBe('edfi-255901');
    expect(normalizeOrgCode(' EDFI-255901001 ')).toBe('edfi-255901001');
    expect(normalizeOrgCode('edfi-12a')).toBeNull();
    expect(normalizeOrgCode('edfi-0255901')).toBeNull();
    expect(normalizeOrgCode('edfi-25590100112')).toBeNull();
    expect(normalizeOrgCode('edfi-2559 01')).toBeNull();
  });
  it('always yields 8 digits for 1-8 digit input, preserving the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const code = normalizeOrgCode(String(n))!;
        expect(code).toMatch(/^\d{8}$/);
        expect(Number(code)).toBe(n);
      }),
    );
  });
  it('finds the district of a school', () => {
    expect(districtCodeOf('00010505')).toBe('00010000');
    expect(districtCodeOf('04450105')).toBe('04450000');
  });
});

describe('grades', () => {
  it('reads grades as DESE writes them', () => {
    expect(parseGradeCode('K')).toBe('K');
    expect(parseGradeCode('1')).toBe('01');
    expect(parseGradeCode('09')).toBe('09');
    expect(parseGradeCode('pk')).toBe('PK');
    expect(parseGradeCode('13')).toBeNull();
    expect(parseGradeCode('0')).toBeNull();
    expect(parseGradeCode('x')).toBeNull();
  });
  it('formats a span from its first to last grade, leaving out SP', () => {
    expect(formatGradeSpan(grades('PK,K,01,02,03,04,05'))).toBe('PK-05');
    expect(formatGradeSpan(grades('12,09,10,11'))).toBe('09-12');
    expect(formatGradeSpan(grades('PK'))).toBe('PK');
    expect(formatGradeSpan(grades('09,10,11,12,SP'))).toBe('09-12');
    expect(formatGradeSpan([])).toBe('');
  });
  it('sorts any grade list into DESE order without duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...gradeCodes)), (list) => {
        const sorted = sortGrades(list);
        expect(new Set(sorted).size).toBe(sorted.length);
        for (let i = 1; i < sorted.length; i++) {
          expect(gradeCodes.indexOf(sorted[i - 1]!)).toBeLessThan(gradeCodes.indexOf(sorted[i]!));
        }
      }),
    );
  });
});

describe('gradeSpanCategory', () => {
  // Real spans from DESE's 2017 school profiles.
  it.each([
    ['K,01,02,03,04,05', 'ES'],
    ['PK,K,01,02,03,04,05,06', 'ES'],
    ['PK,K,01,02', 'ES'],
    ['04,05', 'ES'],
    ['PK,K,01,02,03,04,05,06,07,08', 'ESMS'],
    ['K,01,02,03,04,05,06,07', 'ESMS'],
    ['06,07,08', 'MS'],
    ['05,06,07,08', 'MS'],
    ['07,08', 'MS'],
    ['06,07', 'MS'],
    ['07,08,09,10,11,12', 'MSHS'],
    ['08,09,10,11,12', 'MSHS'],
    ['09,10,11,12', 'HS'],
    ['10,11,12', 'HS'],
    ['K,01,02,03,04,05,06,07,08,09,10,11,12', 'K-12'],
    ['PK', 'PK'],
  ])('%s is %s', (span, category) => {
    expect(gradeSpanCategory(grades(span))).toBe(category);
  });
  it('is null when no grades are known', () => {
    expect(gradeSpanCategory([])).toBeNull();
  });
});

describe('organization types and years', () => {
  it('allows charter and vocational at both district and school level, local only for districts', () => {
    expect(isTypeAllowedAtLevel('district', 'charter')).toBe(true);
    expect(isTypeAllowedAtLevel('school', 'vocational')).toBe(true);
    expect(isTypeAllowedAtLevel('school', 'local')).toBe(false);
    expect(isTypeAllowedAtLevel('state', 'region')).toBe(false);
  });
  it('knows whether an organization is open in a school year', () => {
    const closed2019 = { openedYear: 2001, closedYear: 2019 };
    expect(isOpenIn(closed2019, 2019)).toBe(true);
    expect(isOpenIn(closed2019, 2020)).toBe(false);
    expect(isOpenIn(closed2019, 2000)).toBe(false);
    expect(isOpenIn({ openedYear: null, closedYear: null }, 1990)).toBe(true);
  });
});
