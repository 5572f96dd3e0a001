import { descriptorCodeValue, gradeLevel, mapDescriptor } from '../../../core/edfi/descriptors.ts';
import { parseEdfiSchoolYear, parseXsDateTimeDate, schoolYearOfIsoDate } from '../../../core/edfi/values.ts';
import type { GradeCode } from '../../../core/orgs/organization.ts';
import { sortGrades } from '../../../core/orgs/organization.ts';
import { KeyTracker, type EdfiContext, type InterchangeImport } from './context.ts';
import { plainText, type KnownElements } from './xml-record.ts';

/**
 * InterchangeAssessmentMetadata (Assessment) and InterchangeStudentAssessment (StudentAssessment). Results keep
 * their own scales: each score is stored under its reporting method as sent (`{"Raw score": "28", "Vertical score":
 * "691"}`) with the first performance level, never mapped onto MCAS's 440-560 scale or achievement levels.
 */

const knownAssessment: KnownElements = {
  AssessmentIdentifier: true,
  Namespace: true,
  AssessmentTitle: true,
  AssessmentIdentificationCode: true,
  AssessmentCategory: true,
  AcademicSubject: true,
  AssessedGradeLevel: true,
  AssessmentScore: true,
  AssessmentPerformanceLevel: true,
  ContentStandard: true,
  AssessmentVersion: true,
  RevisionDate: true,
  MaxRawScore: true,
  Nomenclature: true,
  AdaptiveAssessment: true,
  AssessmentForm: true,
  AssessmentFamily: true,
  AssessmentPeriod: true,
  AssessmentProgram: true,
  AssessmentSection: true,
  AssessmentLanguage: true,
  PlatformType: true,
  Program: true,
  Section: true,
  EducationOrganizationReference: true,
};

const knownResult: KnownElements = {
  StudentAssessmentIdentifier: true,
  AssessmentReference: true,
  StudentReference: true,
  SchoolYear: true,
  AdministrationDate: true,
  AdministrationEndDate: true,
  SerialNumber: true,
  AdministrationLanguage: true,
  AdministrationEnvironment: true,
  Accommodation: true,
  AssessedMinutes: true,
  EventCircumstance: true,
  EventDescription: true,
  PlatformType: true,
  ReasonNotTested: true,
  RetestIndicator: true,
  WhenAssessedGradeLevel: true,
  ScoreResult: { Result: true, ResultDatatypeType: true, AssessmentReportingMethod: true },
  PerformanceLevel: true,
  StudentAssessmentItem: true,
  StudentObjectiveAssessment: true,
  StudentAssessmentPeriod: true,
  ReportedSchoolReference: true,
  ReportedSchoolIdentifier: true,
};

const identifier = plainText(60);
const namespace = plainText(255);

export async function openAssessmentMetadata(ctx: EdfiContext): Promise<InterchangeImport> {
  const load = await ctx.stage(
    'external_assessments',
    ['namespace', 'assessment_identifier', 'title', 'subject', 'assessed_grades'],
    ['namespace', 'assessment_identifier'],
  );
  const seen = new KeyTracker('Assessment');
  const r = ctx.reader;
  return {
    readers: {
      Assessment: {
        known: knownAssessment,
        read: async (node) => {
          const id = r.value(node, ['AssessmentIdentifier'], identifier);
          const ns = r.value(node, ['Namespace'], namespace);
          const title = r.value(node, ['AssessmentTitle'], plainText(255));
          const subjects = r.values(node, ['AcademicSubject'], (t) =>
            descriptorCodeValue('AcademicSubjectDescriptor', t),
          );
          const grades = r.values(node, ['AssessedGradeLevel'], (t) => mapDescriptor(gradeLevel, t));
          if (!id || !ns || !title || !subjects || !grades) return;
          if (!seen.check(ctx.problems, node, [ns, id], `${id} in ${ns}`)) return;
          const assessed = sortGrades(grades.filter((g): g is GradeCode => g !== null));
          if (ctx.problems.empty) await load.add([ns, id, title, subjects[0] ?? null, `{${assessed.join(',')}}`]);
        },
      },
    },
    finish: async () => ({ tables: [await load.merge()], districtIds: [] }),
  };
}

export async function openStudentAssessment(ctx: EdfiContext): Promise<InterchangeImport> {
  const load = await ctx.stage(
    'external_assessment_results',
    [
      'student_id',
      'namespace',
      'assessment_identifier',
      'result_identifier',
      'school_year',
      'administered_on',
      'grade',
      'reason_not_tested',
      'performance_level',
      'scores',
    ],
    ['student_id', 'namespace', 'assessment_identifier', 'result_identifier'],
  );
  const known = await ctx.conn.query<{ namespace: string; assessment_identifier: string }>(
    'SELECT namespace, assessment_identifier FROM external_assessments',
  );
  const assessments = new Set(known.rows.map((a) => `${a.namespace}\u0000${a.assessment_identifier}`));
  const seen = new KeyTracker('StudentAssessment');
  const r = ctx.reader;
  return {
    readers: {
      StudentAssessment: {
        known: knownResult,
        read: async (node) => {
          const resultId = r.value(node, ['StudentAssessmentIdentifier'], plainText(60));
          const identity = ['AssessmentReference', 'AssessmentIdentity'];
          const id = r.value(node, [...identity, 'AssessmentIdentifier'], identifier);
          const ns = r.value(node, [...identity, 'Namespace'], namespace);
          const date = r.value(node, ['AdministrationDate'], parseXsDateTimeDate);
          const year = r.value(node, ['SchoolYear'], parseEdfiSchoolYear, true);
          const grade = r.value(node, ['WhenAssessedGradeLevel'], (t) => mapDescriptor(gradeLevel, t), true);
          const reason = r.value(
            node,
            ['ReasonNotTested'],
            (t) => descriptorCodeValue('ReasonNotTestedDescriptor', t),
            true,
          );
          const level = r.value(
            node,
            ['PerformanceLevel', 'PerformanceLevel'],
            (t) => descriptorCodeValue('PerformanceLevelDescriptor', t),
            true,
          );
          const scores: Record<string, string> = {};
          let scoresOk = true;
          for (const s of node.children('ScoreResult')) {
            const method = r.value(s, ['AssessmentReportingMethod'], (t) =>
              descriptorCodeValue('AssessmentReportingMethodDescriptor', t),
            );
            const result = r.value(s, ['Result'], plainText(35));
            if (!method || !result) scoresOk = false;
            else if (method in scores) {
              ctx.problems.add(s.line, s.display, `repeats the reporting method "${method}" in one result`, result);
              scoresOk = false;
            } else scores[method] = result;
          }
          const student = await ctx.studentRef(node);
          if (!resultId || !id || !ns || !date || year === undefined || grade === undefined) return;
          if (reason === undefined || level === undefined || !scoresOk || !student) return;
          if (!assessments.has(`${ns}\u0000${id}`)) {
            const at = r.find(node, [...identity, 'AssessmentIdentifier'])!;
            ctx.problems.add(
              at.line,
              at.display,
              `is not an assessment ssos holds in ${ns} (import the AssessmentMetadata interchange first)`,
              id,
            );
            return;
          }
          if (!seen.check(ctx.problems, node, [student, ns, id, resultId], `student ${student}, ${id}, ${resultId}`))
            return;
          if (ctx.problems.empty)
            await load.add([
              student,
              ns,
              id,
              resultId,
              year ?? schoolYearOfIsoDate(date),
              date,
              grade,
              reason,
              level,
              JSON.stringify(scores),
            ]);
        },
      },
    },
    finish: async () => ({
      tables: [await load.merge()],
      districtIds: [],
    }),
  };
}
