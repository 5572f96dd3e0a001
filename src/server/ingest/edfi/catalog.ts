import { programAssociations } from '../../../core/edfi/descriptors.ts';
import { openAssessmentMetadata, openStudentAssessment } from './assessments.ts';
import { openStudentAttendance } from './attendance.ts';
import type { EdfiContext, InterchangeImport } from './context.ts';
import { openStudentDiscipline } from './discipline.ts';
import { openEducationOrganization } from './organizations.ts';
import { openStudentProgram } from './programs.ts';
import { openStudent } from './students.ts';

/**
 * The Ed-Fi interchanges ssos knows (Data Standard 5): those it reads, in the order a folder is imported (what a file
 * refers to comes first), with the elements of each it reads and those it deliberately skips (and why); and the
 * interchanges it recognizes but does not read. Anything else directly under an interchange's root is reported.
 */

export interface ReadInterchange {
  root: string;
  /** Folder imports go in this order: organizations, students, assessment definitions, then events. */
  order: number;
  /** The elements it reads (each becomes rows of ssos's tables). */
  reads: readonly string[];
  /** Whether importing it recomputes the student-years of the districts it touches. */
  derivesStudentYears: boolean;
  /** Elements skipped on purpose, with the reason (docs/edfi-import.md lists them). */
  ignored: Record<string, string>;
  open(ctx: EdfiContext): Promise<InterchangeImport>;
}

const notStored = 'ssos does not keep it';

export const readInterchanges: Record<string, ReadInterchange> = {
  InterchangeEducationOrganization: {
    root: 'InterchangeEducationOrganization',
    order: 0,
    reads: ['LocalEducationAgency', 'School'],
    derivesStudentYears: false,
    ignored: {
      StateEducationAgency: 'the state is ssos itself',
      EducationServiceCenter: 'service centers are not part of the statewide system of support',
      FeederSchoolAssociation: notStored,
      Location: 'classrooms: ' + notStored,
      ClassPeriod: 'bell schedules: ' + notStored,
      Course: 'the course catalog: ' + notStored,
      Program: 'program participation is read from the StudentProgram interchange, which names each program',
      AccountabilityRating: "another system's rating: ssos computes its own",
      EducationOrganizationPeerAssociation: notStored,
      EducationOrganizationNetwork: notStored,
      EducationOrganizationNetworkAssociation: notStored,
      CommunityOrganization: 'not a school or district',
      CommunityProvider: 'not a school or district',
      CommunityProviderLicense: 'not a school or district',
      PostSecondaryInstitution: 'not a school or district',
      OrganizationDepartment: 'not a school or district',
    },
    open: openEducationOrganization,
  },
  InterchangeStudent: {
    root: 'InterchangeStudent',
    order: 1,
    reads: ['Student'],
    derivesStudentYears: false,
    ignored: { Person: 'identity records across systems: ssos keeps no personal data beyond the student id' },
    open: openStudent,
  },
  InterchangeAssessmentMetadata: {
    root: 'InterchangeAssessmentMetadata',
    order: 2,
    reads: ['Assessment'],
    derivesStudentYears: false,
    ignored: {
      ObjectiveAssessment: 'sub-scores: ssos keeps overall results only',
      AssessmentItem: 'test items: ' + notStored,
      AssessmentScoreRangeLearningStandard: notStored,
      LearningStandard: notStored,
      LearningObjective: notStored,
      LearningStandardReference: notStored,
      LearningObjectiveReference: notStored,
    },
    open: openAssessmentMetadata,
  },
  InterchangeStudentAttendance: {
    root: 'InterchangeStudentAttendance',
    order: 3,
    reads: ['StudentSchoolAttendanceEvent'],
    derivesStudentYears: true,
    ignored: {
      StudentSectionAttendanceEvent: 'class-period attendance: early warning uses daily (school) attendance',
      StudentProgramAttendanceEvent: 'program attendance: early warning uses daily (school) attendance',
      StudentInterventionAttendanceEvent: 'intervention attendance: early warning uses daily (school) attendance',
      SectionAttendanceTakenEvent: 'a record that attendance was taken, not a student event',
    },
    open: openStudentAttendance,
  },
  InterchangeStudentDiscipline: {
    root: 'InterchangeStudentDiscipline',
    order: 3,
    reads: ['DisciplineIncident', 'StudentDisciplineIncidentBehaviorAssociation', 'DisciplineAction'],
    derivesStudentYears: true,
    ignored: {
      StaffDisciplineIncidentAssociation: 'staff: ' + notStored,
      StudentDisciplineIncidentNonOffenderAssociation: 'victims and witnesses: not the student’s own behavior',
    },
    open: openStudentDiscipline,
  },
  InterchangeStudentProgram: {
    root: 'InterchangeStudentProgram',
    order: 3,
    reads: Object.keys(programAssociations),
    derivesStudentYears: true,
    ignored: {
      RestraintEvent: notStored,
      StudentSpecialEducationProgramEligibilityAssociation: 'eligibility evaluations: the IEP itself is read',
    },
    open: openStudentProgram,
  },
  InterchangeStudentAssessment: {
    root: 'InterchangeStudentAssessment',
    order: 3,
    reads: ['StudentAssessment'],
    derivesStudentYears: false,
    ignored: {
      AssessmentReference: 'a reference stub: results name their assessment',
      AssessmentItemReference: 'a reference stub',
      ObjectiveAssessmentReference: 'a reference stub',
      StudentAssessmentEducationOrganizationAssociation: notStored,
    },
    open: openStudentAssessment,
  },
};

/** Interchanges ssos recognizes and does not read, with the reason; a folder import skips them and says so. */
export const unreadInterchanges: Record<string, string> = {
  InterchangeEducationOrgCalendar:
    'calendars give membership days only with enrollment records (StudentSchoolAssociation), which ssos does not read yet',
  InterchangeStudentEnrollment:
    'enrollment records (StudentSchoolAssociation) are not read yet: grade, membership and entry dates stay unknown',
  InterchangeStudentGradebook: 'assignment scores are not final course marks',
  InterchangeStudentIntervention: 'interventions are recorded in ssos itself',
  InterchangeStudentTranscript: 'course transcripts are not read yet',
  InterchangeStudentGrade: 'course grades are not read yet',
  InterchangeStudentCohort: 'cohorts are not kept',
  InterchangeMasterSchedule: 'class schedules are not kept',
  InterchangeStaffAssociation: 'staff records are not kept',
  InterchangeParent: 'parent and contact records are personal data ssos does not keep',
  InterchangeContact: 'parent and contact records are personal data ssos does not keep',
  InterchangeStudentHealth: 'health records are personal data ssos does not keep',
  InterchangeFinance: 'finance data comes from DESE reports',
  InterchangeStandards: 'learning standards are not kept',
  InterchangeDescriptors: 'ssos maps the default Ed-Fi descriptors itself',
  InterchangeSchoolYearType: 'school years are ssos’s own',
  InterchangePostSecondaryEvent: 'postsecondary events are not read yet',
  InterchangeSurvey: 'surveys are not kept',
  InterchangeAssessmentRegistration: 'registrations are not results',
  InterchangeStudentProgramEvaluation: 'program evaluations are not kept',
};

/** Which interchange each element ssos knows belongs to (to say where a misplaced element belongs). */
export const interchangeOfElement: ReadonlyMap<string, string> = new Map(
  Object.values(readInterchanges).flatMap((i) =>
    [...i.reads, ...Object.keys(i.ignored)].map((e) => [e, i.root] as const),
  ),
);

/** The Ed-Fi Data Standard versions ssos reads: 5.0 to 5.2 (namespace `http://ed-fi.org/5.x.y`). */
export function isSupportedNamespace(namespace: string | null): boolean {
  return namespace !== null && /^http:\/\/ed-fi\.org\/5\.\d+\.\d+$/.test(namespace);
}
