import { describe, expect, it } from 'vitest';
import {
  attendanceEventCategory,
  discipline,
  gradeLevel,
  mapDescriptor,
  mostSevereDiscipline,
  parseDescriptorValue,
  schoolFoodService,
} from './descriptors.ts';
import {
  edfiOrgCode,
  parseEdfiSchoolYear,
  parseEducationOrganizationId,
  parseXsDate,
  parseXsDateTimeDate,
  schoolYearOfIsoDate,
} from './values.ts';

describe('Ed-Fi descriptors', () => {
  it('splits a descriptor value into namespace, descriptor and code value', () => {
    expect(parseDescriptorValue('uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence')).toEqual({
      namespace: 'uri://ed-fi.org/AttendanceEventCategoryDescriptor',
      type: 'AttendanceEventCategoryDescriptor',
      codeValue: 'Excused Absence',
    });
    expect(parseDescriptorValue('Excused Absence')).toBeNull();
    expect(parseDescriptorValue('uri://ed-fi.org/AttendanceEventCategoryDescriptor#')).toBeNull();
  });

  it('maps known code values in any namespace and any case, and names what it does not know', () => {
    expect(mapDescriptor(attendanceEventCategory, 'uri://gbisd.edu/AttendanceEventCategoryDescriptor#tardy')).toEqual({
      ok: true,
      value: 'tardy',
    });
    expect(mapDescriptor(gradeLevel, 'uri://ed-fi.org/GradeLevelDescriptor#Kindergarten')).toEqual({
      ok: true,
      value: 'K',
    });
    expect(mapDescriptor(gradeLevel, 'uri://ed-fi.org/GradeLevelDescriptor#Grade 13')).toEqual({
      ok: true,
      value: null,
    });
    const wrongType = mapDescriptor(discipline, 'uri://ed-fi.org/BehaviorDescriptor#Other');
    expect(wrongType).toEqual({
      ok: false,
      problem: 'is a BehaviorDescriptor value where a DisciplineDescriptor value belongs',
    });
    const unknown = mapDescriptor(discipline, 'uri://ed-fi.org/DisciplineDescriptor#Detention Hall');
    expect(unknown.ok ? '' : unknown.problem).toMatch(
      /^is not a DisciplineDescriptor value ssos knows \(it knows: In School/,
    );
  });

  it('files an action under its most severe discipline, and counts only free and reduced-price meals as low income', () => {
    expect(mostSevereDiscipline(['other', 'in_school_suspension', 'removal_from_class'])).toBe('in_school_suspension');
    expect(mostSevereDiscipline(['out_of_school_suspension', 'expulsion'])).toBe('expulsion');
    expect(
      mapDescriptor(schoolFoodService, 'uri://ed-fi.org/SchoolFoodServiceProgramServiceDescriptor#Reduced Price Lunch'),
    ).toEqual({ ok: true, value: true });
    expect(
      mapDescriptor(schoolFoodService, 'uri://ed-fi.org/SchoolFoodServiceProgramServiceDescriptor#Full Price Lunch'),
    ).toEqual({ ok: true, value: false });
  });
});

describe('Ed-Fi values', () => {
  it('reads dates, date-times and school years the way Ed-Fi writes them', () => {
    expect(parseXsDate('2021-08-31')).toEqual({ ok: true, value: '2021-08-31' });
    expect(parseXsDate('2021-02-29').ok).toBe(false);
    expect(parseXsDate('2020-02-29').ok).toBe(true);
    expect(parseXsDateTimeDate('2021-04-01T16:00:00')).toEqual({ ok: true, value: '2021-04-01' });
    expect(parseEdfiSchoolYear('2021-2022')).toEqual({ ok: true, value: 2022 });
    expect(parseEdfiSchoolYear('2021-2023').ok).toBe(false);
    expect(schoolYearOfIsoDate('2021-06-30')).toBe(2021);
    expect(schoolYearOfIsoDate('2021-07-01')).toBe(2022);
  });

  it('names Ed-Fi organizations under the edfi- namespace, never as DESE codes', () => {
    expect(parseEducationOrganizationId('0255901')).toEqual({ ok: true, value: '255901' });
    expect(edfiOrgCode('255901001')).toBe('edfi-255901001');
    expect(parseEducationOrganizationId('25590100112').ok).toBe(false);
    expect(parseEducationOrganizationId('0').ok).toBe(false);
  });
});
