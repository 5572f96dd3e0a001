import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendanceCategories } from './descriptors.ts';
import {
  absentDays,
  deriveStudentYears,
  type AttendanceFact,
  type DisciplineFact,
  type EventCoverage,
  type ProgramFact,
} from './student-years.ts';

const everywhere: EventCoverage = {
  attendanceDistricts: new Set(['edfi-1']),
  disciplineDistricts: new Set(['edfi-1']),
  programDistricts: new Set(['edfi-1']),
};
const nowhere: EventCoverage = {
  attendanceDistricts: new Set(),
  disciplineDistricts: new Set(),
  programDistricts: new Set(),
};
const absence = (date: string, schoolCode = 'edfi-11', durationDays: number | null = 1): AttendanceFact => ({
  date,
  schoolCode,
  districtCode: 'edfi-1',
  category: 'excused_absence',
  durationDays,
});
const action = (date: string, category: DisciplineFact['category'], durationDays: number | null): DisciplineFact => ({
  date,
  schoolCode: 'edfi-11',
  districtCode: 'edfi-1',
  category,
  durationDays,
});
const program = (flag: ProgramFact['flag'], beginDate: string, endDate: string | null = null): ProgramFact => ({
  flag,
  beginDate,
  endDate,
  schoolCode: null,
  districtCode: 'edfi-1',
});
const derive = (
  events: { attendance?: AttendanceFact[]; discipline?: DisciplineFact[]; programs?: ProgramFact[] },
  coverage = everywhere,
) =>
  deriveStudentYears(
    {
      studentId: 'S',
      attendance: events.attendance ?? [],
      discipline: events.discipline ?? [],
      programs: events.programs ?? [],
    },
    coverage,
  );

describe('deriveStudentYears', () => {
  it('counts absences by school year (the year turns on July 1) at the school of the latest record', () => {
    const years = derive({
      attendance: [absence('2021-06-30'), absence('2021-07-01', 'edfi-12', 0.5), absence('2022-03-01', 'edfi-11')],
    });
    expect(years.map((y) => [y.schoolYear, y.schoolCode, y.daysAbsent])).toEqual([
      [2021, 'edfi-11', 1],
      [2022, 'edfi-11', 1.5],
    ]);
  });

  it('counts whole-day absences without a duration as a day, partial ones without a duration as nothing', () => {
    expect(absentDays('unexcused_absence', null)).toBe(1);
    expect(absentDays('partial_absence', null)).toBe(0);
    expect(absentDays('partial_absence', 0.25)).toBe(0.25);
    for (const c of ['present', 'tardy', 'early_departure'] as const) expect(absentDays(c, 1)).toBe(0);
  });

  it('adds suspension days by setting, expulsions with out-of-school days, and leaves a sum unknown when a length is', () => {
    const [y] = derive({
      discipline: [
        action('2021-10-01', 'in_school_suspension', 2),
        action('2021-11-01', 'out_of_school_suspension', 1.5),
        action('2021-12-01', 'expulsion', 5),
        action('2022-01-01', 'removal_from_class', null),
      ],
    });
    expect(y).toMatchObject({ inSchoolSuspensionDays: 2, outOfSchoolSuspensionDays: 6.5, daysAbsent: 0 });
    const [unknown] = derive({ discipline: [action('2021-10-01', 'in_school_suspension', null)] });
    expect(unknown).toMatchObject({ inSchoolSuspensionDays: null, outOfSchoolSuspensionDays: 0 });
  });

  it('sets program flags for the years an association covers; an open one reaches later years with other records', () => {
    const years = derive({
      attendance: [absence('2023-02-01')],
      programs: [program('disability', '2020-09-01'), program('english_learner', '2020-09-01', '2020-12-01')],
    });
    expect(years.map((y) => [y.schoolYear, y.disability, y.englishLearner, y.lowIncome, y.schoolCode])).toEqual([
      [2021, true, true, false, null],
      [2023, true, false, false, 'edfi-11'],
    ]);
  });

  it('leaves facts unknown where the district has sent no such events, and at no known school', () => {
    const [y] = derive({ attendance: [absence('2022-01-05')] }, nowhere);
    expect(y).toMatchObject({ schoolCode: 'edfi-11', daysAbsent: null, inSchoolSuspensionDays: null, lowIncome: null });
    const [district] = derive({ programs: [program('low_income', '2021-09-01')] });
    expect(district).toMatchObject({
      schoolCode: null,
      lowIncome: true,
      daysAbsent: null,
      inSchoolSuspensionDays: null,
    });
  });

  it('does not depend on the order events come in', () => {
    const event = fc.record({
      date: fc.constantFrom('2021-09-01', '2021-09-02', '2022-05-01', '2022-09-01'),
      schoolCode: fc.constantFrom('edfi-11', 'edfi-12'),
      districtCode: fc.constant('edfi-1'),
      category: fc.constantFrom(...attendanceCategories),
      durationDays: fc.option(fc.constantFrom(0.5, 1), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        expect(derive({ attendance: [...events].reverse() })).toEqual(derive({ attendance: events }));
      }),
    );
  });
});
