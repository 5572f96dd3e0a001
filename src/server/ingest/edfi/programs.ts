import {
  descriptorCodeValue,
  mapDescriptor,
  programAssociations,
  schoolFoodService,
  type ProgramAssociationElement,
} from '../../../core/edfi/descriptors.ts';
import { parseXsDate } from '../../../core/edfi/values.ts';
import { KeyTracker, type ElementReader, type EdfiContext, type InterchangeImport } from './context.ts';
import { plainText, type KnownElements, type XmlNode } from './xml-record.ts';

/**
 * InterchangeStudentProgram: every Student*ProgramAssociation becomes a row of student_programs (its kind, the
 * organization the student takes part through, the program, the dates), with the student-year flag it sets: special
 * education sets disability, language instruction sets English learner, school food service sets low income when a
 * free or reduced-price service is listed. Other programs are kept without a flag.
 */

const general: KnownElements = {
  StudentReference: true,
  ProgramReference: true,
  EducationOrganizationReference: true,
  BeginDate: true,
  EndDate: true,
  ReasonExited: true,
  ServedOutsideOfRegularSession: true,
  ProgramParticipationStatus: true,
};

/** The elements each association may carry beyond the general ones (Ed-Fi 5). */
const specific: Record<ProgramAssociationElement, KnownElements> = {
  StudentProgramAssociation: { StudentProgramAssociationService: true, ProgramService: true },
  StudentSpecialEducationProgramAssociation: {
    IdeaEligibility: true,
    IEPBeginDate: true,
    IEPEndDate: true,
    IEPReviewDate: true,
    LastEvaluationDate: true,
    MedicallyFragile: true,
    MultiplyDisabled: true,
    ReductionInHoursPerWeekComparedToPeers: true,
    SchoolHoursPerWeek: true,
    ShortenedSchoolDayIndicator: true,
    SpecialEducationExitDate: true,
    SpecialEducationExitExplained: true,
    SpecialEducationExitReason: true,
    SpecialEducationHoursPerWeek: true,
    SpecialEducationSetting: true,
    TransitionAge: true,
    Disability: true,
    SpecialEducationProgramService: true,
    ServiceProvider: true,
  },
  StudentLanguageInstructionProgramAssociation: {
    Dosage: true,
    EnglishLearnerParticipation: true,
    LanguageInstructionProgramService: true,
    EnglishLanguageProficiencyAssessment: true,
  },
  StudentSchoolFoodServiceProgramAssociation: {
    DirectCertification: true,
    SchoolFoodServiceProgramService: {
      SchoolFoodServiceProgramService: true,
      PrimaryIndicator: true,
      ServiceBeginDate: true,
      ServiceEndDate: true,
    },
  },
  StudentCTEProgramAssociation: {
    NonTraditionalGenderStatus: true,
    PrivateCTEProgram: true,
    TechnicalSkillsAssessment: true,
    CTEProgramService: true,
    CTEProgram: true,
  },
  StudentMigrantEducationProgramAssociation: {
    PriorityForServices: true,
    LastQualifyingMove: true,
    QualifyingArrivalDate: true,
    StateResidencyDate: true,
    UsInitialEntry: true,
    UsMostRecentEntry: true,
    UsInitialSchoolEntry: true,
    EligibilityExpirationDate: true,
    ContinuationOfServicesReason: true,
    MigrantEducationProgramService: true,
  },
  StudentHomelessProgramAssociation: {
    AwaitingFosterCare: true,
    HomelessPrimaryNighttimeResidence: true,
    HomelessUnaccompaniedYouth: true,
    HomelessProgramService: true,
  },
  StudentNeglectedOrDelinquentProgramAssociation: {
    NeglectedOrDelinquentProgram: true,
    ELAProgressLevel: true,
    MathematicsProgressLevel: true,
    NeglectedOrDelinquentProgramService: true,
  },
  StudentTitleIPartAProgramAssociation: { TitleIPartAParticipant: true, TitleIPartAProgramService: true },
  StudentSection504ProgramAssociation: {
    Section504Eligibility: true,
    AccommodationPlan: true,
    Section504Disability: true,
    Section504MeetingDate: true,
    Section504EligibilityDecisionDate: true,
  },
};

export async function openStudentProgram(ctx: EdfiContext): Promise<InterchangeImport> {
  const load = await ctx.stage(
    'student_programs',
    [
      'student_id',
      'kind',
      'org_id',
      'program_org_id',
      'program_name',
      'program_type',
      'begin_date',
      'end_date',
      'student_year_flag',
    ],
    ['student_id', 'kind', 'org_id', 'program_org_id', 'program_name', 'program_type', 'begin_date'],
  );
  const seen = new KeyTracker('program association');
  const districts = new Set<number>();
  const r = ctx.reader;

  function reader(element: ProgramAssociationElement): ElementReader {
    const { kind, flag } = programAssociations[element];
    return {
      known: { ...general, ...specific[element] },
      read: async (node: XmlNode) => {
        const identity = ['ProgramReference', 'ProgramIdentity'];
        const programName = r.value(node, [...identity, 'ProgramName'], plainText(60));
        const programType = r.value(node, [...identity, 'ProgramType'], (t) =>
          descriptorCodeValue('ProgramTypeDescriptor', t),
        );
        const begin = r.value(node, ['BeginDate'], parseXsDate);
        const end = r.value(node, ['EndDate'], parseXsDate, true);
        let setsFlag = flag !== null;
        if (element === 'StudentSchoolFoodServiceProgramAssociation') {
          const services = r.values(node, ['SchoolFoodServiceProgramService', 'SchoolFoodServiceProgramService'], (t) =>
            mapDescriptor(schoolFoodService, t),
          );
          setsFlag = (services ?? []).some(Boolean);
          if (!services) return;
        }
        const student = await ctx.studentRef(node);
        const programOrg = await ctx.orgRef(
          node,
          [...identity, 'EducationOrganizationReference', 'EducationOrganizationIdentity', 'EducationOrganizationId'],
          ['school', 'district'],
        );
        const org = await ctx.orgRef(
          node,
          ['EducationOrganizationReference', 'EducationOrganizationIdentity', 'EducationOrganizationId'],
          ['school', 'district'],
        );
        if (!programName || !programType || !begin || end === undefined || !student || !programOrg || !org) return;
        if (end !== null && end < begin) {
          const at = r.find(node, ['EndDate'])!;
          ctx.problems.add(at.line, at.display, `is before the BeginDate ${begin}`, end);
          return;
        }
        const key = [student, kind, org.id, programOrg.id, programName, programType, begin];
        if (!seen.check(ctx.problems, node, key, `student ${student}, ${programName}, begun ${begin}`)) return;
        if (org.districtId !== null) districts.add(org.districtId);
        if (ctx.problems.empty) await load.add([...key, end, setsFlag ? flag : null]);
      },
    };
  }

  const readers = Object.fromEntries(
    (Object.keys(programAssociations) as ProgramAssociationElement[]).map((e) => [e, reader(e)]),
  );
  return {
    readers,
    finish: async () => ({ tables: [await load.merge()], districtIds: [...districts] }),
  };
}
