import { attendanceEventCategory, mapDescriptor } from '../../../core/edfi/descriptors.ts';
import {
  parseDecimal,
  parseEdfiSchoolYear,
  parseInteger,
  parseXsDate,
  schoolYearOfIsoDate,
} from '../../../core/edfi/values.ts';
import { formatSchoolYear } from '../../../core/school-year.ts';
import { KeyTracker, type EdfiContext, type InterchangeImport } from './context.ts';
import type { KnownElements } from './xml-record.ts';

/**
 * InterchangeStudentAttendance: each StudentSchoolAttendanceEvent becomes an attendance event, keyed by student,
 * school, date and category (Ed-Fi's natural key, less the session, which the date determines). The free-text reason
 * is not kept. Section, program and intervention attendance are skipped (see the catalog).
 */

const knownEvent: KnownElements = {
  AttendanceEvent: {
    EventDate: true,
    AttendanceEventCategory: true,
    AttendanceEventReason: true,
    EventDuration: true,
    EducationalEnvironment: true,
  },
  StudentReference: true,
  SchoolReference: true,
  SessionReference: true,
  SchoolAttendanceDuration: true,
  ArrivalTime: true,
  DepartureTime: true,
};

export async function openStudentAttendance(ctx: EdfiContext): Promise<InterchangeImport> {
  const load = await ctx.stage(
    'attendance_events',
    ['student_id', 'school_id', 'event_date', 'category', 'school_year', 'duration_days', 'duration_minutes'],
    ['student_id', 'school_id', 'event_date', 'category'],
  );
  const seen = new KeyTracker('StudentSchoolAttendanceEvent');
  const districts = new Set<number>();
  const r = ctx.reader;
  return {
    readers: {
      StudentSchoolAttendanceEvent: {
        known: knownEvent,
        read: async (node) => {
          const date = r.value(node, ['AttendanceEvent', 'EventDate'], parseXsDate);
          const category = r.value(node, ['AttendanceEvent', 'AttendanceEventCategory'], (t) =>
            mapDescriptor(attendanceEventCategory, t),
          );
          const days = r.value(node, ['AttendanceEvent', 'EventDuration'], (t) => parseDecimal(t, 0, 1), true);
          const minutes = r.value(node, ['SchoolAttendanceDuration'], (t) => parseInteger(t, 0, 1440), true);
          const sessionYear = r.value(
            node,
            ['SessionReference', 'SessionIdentity', 'SchoolYear'],
            parseEdfiSchoolYear,
            true,
          );
          const student = await ctx.studentRef(node);
          const school = await ctx.orgRef(node, ['SchoolReference', 'SchoolIdentity', 'SchoolId'], ['school']);
          if (!date || !category || days === undefined || minutes === undefined || sessionYear === undefined) return;
          if (!student || !school) return;
          const schoolYear = schoolYearOfIsoDate(date);
          if (sessionYear !== null && sessionYear !== schoolYear) {
            const at = r.find(node, ['SessionReference', 'SessionIdentity', 'SchoolYear'])!;
            ctx.problems.add(
              at.line,
              at.display,
              `does not match the event date ${date}, which is in school year ${formatSchoolYear(schoolYear)}`,
              at.text() ?? '',
            );
            return;
          }
          const key = [student, school.id, date, category];
          if (!seen.check(ctx.problems, node, key, `student ${student}, school ${school.code}, ${date}, ${category}`))
            return;
          if (school.districtId !== null) districts.add(school.districtId);
          if (ctx.problems.empty) await load.add([student, school.id, date, category, schoolYear, days, minutes]);
        },
      },
    },
    finish: async () => ({ tables: [await load.merge()], districtIds: [...districts] }),
  };
}
