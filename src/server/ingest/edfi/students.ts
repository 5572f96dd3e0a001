import { parseXsDate } from '../../../core/edfi/values.ts';
import { KeyTracker, studentUniqueId, type EdfiContext, type InterchangeImport } from './context.ts';
import type { KnownElements } from './xml-record.ts';

/**
 * InterchangeStudent: each Student becomes a student of ssos with its StudentUniqueId and birth year only. Names,
 * the exact birth date, birthplace and citizenship are never stored. Gender and race stay unknown (null): Ed-Fi 5
 * carries them on StudentEducationOrganizationAssociation, and BirthSex (the sex recorded at birth) is not the
 * gender DESE reports. A student already in ssos keeps what it has; only the birth year is updated.
 */

const knownStudent: KnownElements = {
  StudentUniqueId: true,
  PersonReference: true,
  Name: true,
  OtherName: true,
  PersonalIdentificationDocument: true,
  BirthData: {
    BirthDate: true,
    BirthCity: true,
    BirthStateAbbreviation: true,
    BirthInternationalProvince: true,
    BirthCountry: true,
    DateEnteredUS: true,
    MultipleBirthStatus: true,
    BirthSex: true,
  },
  Citizenship: true,
};

export async function openStudent(ctx: EdfiContext): Promise<InterchangeImport> {
  const load = await ctx.stage('students', ['student_id', 'birth_year'], ['student_id']);
  const seen = new KeyTracker('Student');
  const r = ctx.reader;
  return {
    readers: {
      Student: {
        known: knownStudent,
        read: async (node) => {
          const id = r.value(node, ['StudentUniqueId'], studentUniqueId);
          const birthDate = r.value(node, ['BirthData', 'BirthDate'], (t) => {
            const d = parseXsDate(t);
            if (!d.ok) return d;
            const year = Number(d.value.slice(0, 4));
            return year < 1980 || year > 2200 ? { ok: false, problem: 'must be a birth date from 1980 to 2200' } : d;
          });
          if (!id || !birthDate) return;
          if (!seen.check(ctx.problems, node, [id], `StudentUniqueId ${id}`)) return;
          if (ctx.problems.empty) await load.add([id, Number(birthDate.slice(0, 4))]);
        },
      },
    },
    finish: async () => ({ tables: [await load.merge()], districtIds: [] }),
  };
}
