import type { AttendanceCategory, DisciplineCategory, StudentYearFlag } from './descriptors.ts';
import { schoolYearBounds, schoolYearOfIsoDate } from './values.ts';

/**
 * Student-year facts from Ed-Fi events. Ed-Fi sends what happened (absences, discipline actions, program
 * participation), not the yearly summary ssos keeps, so the summary is derived here. A fact the events cannot
 * support is null, never a guess (docs/edfi-import.md, "Student-year facts"):
 *
 * - a student-year exists for each school year with an attendance event or a discipline action, and for the years
 *   a program association covers (an association with no end date covers the year it began and the later years the
 *   student has other records in);
 * - the school is the one of the student's latest attendance event or discipline action that year (or of a program
 *   association made at a school); null when every record that year is at district level;
 * - days absent count excused and unexcused absences at their EventDuration (a whole day when none is given) and
 *   partial-day absences at their EventDuration (nothing when none is given); they are known only at a known school
 *   in a district that has sent attendance events (Ed-Fi reports absences, not presence);
 * - suspension days add up the actions' lengths (in-school; out-of-school with expulsions), known at a known school in
 *   a district that has sent discipline actions, and null when an action that counts has no length;
 * - low income, English learner and disability are true when an association of that kind covers part of the year,
 *   false when none does, and null in a district that has sent no program associations.
 */

/** One attendance event of a student. */
export interface AttendanceFact {
  date: string;
  schoolCode: string;
  districtCode: string | null;
  category: AttendanceCategory;
  /** EventDuration: the share of a day the event covers; null when not given. */
  durationDays: number | null;
}

/** One discipline action of a student. */
export interface DisciplineFact {
  date: string;
  schoolCode: string;
  districtCode: string | null;
  category: DisciplineCategory;
  /** Length in school days; null when not given. */
  durationDays: number | null;
}

/** One program association of a student. */
export interface ProgramFact {
  flag: StudentYearFlag | null;
  beginDate: string;
  endDate: string | null;
  /** The school the student takes part at, when the association is made at a school. */
  schoolCode: string | null;
  /** The district the association belongs to (the organization itself, or a school's district). */
  districtCode: string | null;
}

/** Everything ssos holds about one student from Ed-Fi events. */
export interface StudentEvents {
  studentId: string;
  attendance: readonly AttendanceFact[];
  discipline: readonly DisciplineFact[];
  programs: readonly ProgramFact[];
}

/** Which districts have sent each kind of event (so that "no event" can mean "none happened"). */
export interface EventCoverage {
  attendanceDistricts: ReadonlySet<string>;
  disciplineDistricts: ReadonlySet<string>;
  programDistricts: ReadonlySet<string>;
}

/** The student-year facts Ed-Fi events support; every other student-year column stays null. */
export interface DerivedStudentYear {
  studentId: string;
  schoolYear: number;
  schoolCode: string | null;
  lowIncome: boolean | null;
  englishLearner: boolean | null;
  disability: boolean | null;
  daysAbsent: number | null;
  inSchoolSuspensionDays: number | null;
  outOfSchoolSuspensionDays: number | null;
}

/** The share of a school day an attendance event counts as absence. */
export function absentDays(category: AttendanceCategory, durationDays: number | null): number {
  if (category === 'excused_absence' || category === 'unexcused_absence') return durationDays ?? 1;
  if (category === 'partial_absence') return durationDays ?? 0;
  return 0;
}

function covers(p: ProgramFact, schoolYear: number): boolean {
  const { first, last } = schoolYearBounds(schoolYear);
  return p.beginDate <= last && (p.endDate === null || p.endDate >= first);
}

// Sums lengths; one unknown length makes the sum unknown.
function sumDays(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return Math.round(total * 1000) / 1000;
}

/** Derives one student's student-year facts from their events, in school-year order. */
export function deriveStudentYears(student: StudentEvents, coverage: EventCoverage): DerivedStudentYear[] {
  const eventYears = new Set<number>();
  for (const e of student.attendance) eventYears.add(schoolYearOfIsoDate(e.date));
  for (const e of student.discipline) eventYears.add(schoolYearOfIsoDate(e.date));
  const years = new Set(eventYears);
  for (const p of student.programs) {
    const begin = schoolYearOfIsoDate(p.beginDate);
    if (p.endDate !== null) {
      for (let y = begin; y <= schoolYearOfIsoDate(p.endDate); y++) years.add(y);
    } else {
      years.add(begin);
      for (const y of eventYears) if (y >= begin) years.add(y);
    }
  }

  return [...years]
    .sort((a, b) => a - b)
    .map((schoolYear) => {
      const attendance = student.attendance.filter((e) => schoolYearOfIsoDate(e.date) === schoolYear);
      const discipline = student.discipline.filter((e) => schoolYearOfIsoDate(e.date) === schoolYear);
      const programs = student.programs.filter((p) => covers(p, schoolYear));

      // The school of the latest dated record; ties go to the greater code so the choice never depends on order.
      const dated = [...attendance, ...discipline]
        .map((e) => ({ date: e.date, schoolCode: e.schoolCode, districtCode: e.districtCode }))
        .sort((a, b) => (a.date === b.date ? a.schoolCode.localeCompare(b.schoolCode) : a.date.localeCompare(b.date)));
      let school = dated.at(-1) ?? null;
      if (!school) {
        const atSchool = programs
          .filter((p) => p.schoolCode !== null)
          .sort((a, b) =>
            a.beginDate === b.beginDate
              ? a.schoolCode!.localeCompare(b.schoolCode!)
              : a.beginDate.localeCompare(b.beginDate),
          )
          .at(-1);
        if (atSchool)
          school = { date: atSchool.beginDate, schoolCode: atSchool.schoolCode!, districtCode: atSchool.districtCode };
      }
      const district = school?.districtCode ?? null;

      const flagsKnown = school === null || (district !== null && coverage.programDistricts.has(district));
      const flag = (f: StudentYearFlag) => (flagsKnown ? programs.some((p) => p.flag === f) : null);

      const attendanceKnown = school !== null && district !== null && coverage.attendanceDistricts.has(district);
      const disciplineKnown = school !== null && district !== null && coverage.disciplineDistricts.has(district);
      const days = (categories: readonly DisciplineCategory[]) =>
        disciplineKnown
          ? sumDays(discipline.filter((d) => categories.includes(d.category)).map((d) => d.durationDays))
          : null;

      return {
        studentId: student.studentId,
        schoolYear,
        schoolCode: school?.schoolCode ?? null,
        lowIncome: flag('low_income'),
        englishLearner: flag('english_learner'),
        disability: flag('disability'),
        daysAbsent: attendanceKnown ? sumDays(attendance.map((e) => absentDays(e.category, e.durationDays))) : null,
        inSchoolSuspensionDays: days(['in_school_suspension']),
        outOfSchoolSuspensionDays: days(['out_of_school_suspension', 'expulsion']),
      };
    });
}
