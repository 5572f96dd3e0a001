import type { GradeCode, OrgType } from '../orgs/organization.ts';
import type { Parsed } from '../students/csv-format.ts';
import { bad, ok } from './values.ts';

/**
 * Ed-Fi descriptors (coded values such as `uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence`) and
 * the ssos codes they map to. Each map lists every code value of the Ed-Fi default descriptor set ssos knows; a value
 * it does not know is a problem to report, never a silent default. Code values are matched without regard to case,
 * in any namespace (a district may publish its own descriptors with the same code values).
 */

/** A descriptor value split into its parts. */
export interface DescriptorValue {
  namespace: string;
  /** The descriptor's name, the last segment of the namespace (`AttendanceEventCategoryDescriptor`). */
  type: string;
  codeValue: string;
}

/** Splits `namespace#Code Value`; null when the text is not a descriptor value. */
export function parseDescriptorValue(raw: string): DescriptorValue | null {
  const t = raw.trim();
  const hash = t.lastIndexOf('#');
  if (hash <= 0 || hash === t.length - 1) return null;
  const namespace = t.slice(0, hash);
  const codeValue = t.slice(hash + 1).trim();
  const type = namespace.slice(namespace.lastIndexOf('/') + 1);
  if (!/^[A-Za-z0-9]+Descriptor$/.test(type) || codeValue === '') return null;
  return { namespace, type, codeValue };
}

/** The ssos value of each code value of one descriptor. */
export interface DescriptorMap<T> {
  type: string;
  codeValues: readonly string[];
  lookup(codeValue: string): T | undefined;
}

function descriptorMap<T>(type: string, entries: Record<string, T>): DescriptorMap<T> {
  const byLower = new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v] as const));
  return { type, codeValues: Object.keys(entries), lookup: (code) => byLower.get(code.toLowerCase()) };
}

const an = (word: string) => (/^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`);

/** Maps a descriptor value with `map`: the ssos value, or what is wrong with the text. */
export function mapDescriptor<T>(map: DescriptorMap<T>, raw: string): Parsed<T> {
  const d = parseDescriptorValue(raw);
  if (!d) return bad(`is not an Ed-Fi descriptor value (expected uri://…/${map.type}#Code Value)`);
  if (d.type !== map.type) return bad(`is ${an(d.type)} value where ${an(map.type)} value belongs`);
  const v = map.lookup(d.codeValue);
  if (v === undefined) return bad(`is not ${an(map.type)} value ssos knows (it knows: ${map.codeValues.join(', ')})`);
  return ok(v);
}

/** The code value of a descriptor of the expected type, kept as text (for values ssos stores but does not map). */
export function descriptorCodeValue(type: string, raw: string): Parsed<string> {
  const d = parseDescriptorValue(raw);
  if (!d) return bad(`is not an Ed-Fi descriptor value (expected uri://…/${type}#Code Value)`);
  if (d.type !== type) return bad(`is ${an(d.type)} value where ${an(type)} value belongs`);
  return ok(d.codeValue);
}

/** What a school attendance event records, in ssos's words. */
export const attendanceCategories = [
  'present',
  'excused_absence',
  'unexcused_absence',
  'tardy',
  'early_departure',
  'partial_absence',
] as const;
export type AttendanceCategory = (typeof attendanceCategories)[number];

export const attendanceEventCategory = descriptorMap<AttendanceCategory>('AttendanceEventCategoryDescriptor', {
  'In Attendance': 'present',
  'Excused Absence': 'excused_absence',
  'Unexcused Absence': 'unexcused_absence',
  Tardy: 'tardy',
  'Early departure': 'early_departure',
  Partial: 'partial_absence',
});

/** What a discipline action did, in ssos's words. */
export const disciplineCategories = [
  'in_school_suspension',
  'out_of_school_suspension',
  'expulsion',
  'removal_from_class',
  'other',
] as const;
export type DisciplineCategory = (typeof disciplineCategories)[number];

export const discipline = descriptorMap<DisciplineCategory>('DisciplineDescriptor', {
  'In School Suspension': 'in_school_suspension',
  'Out of School Suspension': 'out_of_school_suspension',
  Expulsion: 'expulsion',
  'Expulsion with Services': 'expulsion',
  'Expulsion under Guns Free School Act': 'expulsion',
  'Expulsion under Guns Free School Act with Services': 'expulsion',
  'Removal from Classroom': 'removal_from_class',
  'Community Service': 'other',
  'No action for incident': 'other',
  Other: 'other',
});

const disciplineSeverity: Record<DisciplineCategory, number> = {
  expulsion: 4,
  out_of_school_suspension: 3,
  in_school_suspension: 2,
  removal_from_class: 1,
  other: 0,
};

/** An action may list several disciplines (a suspension and community service): it is filed under the most severe. */
export function mostSevereDiscipline(categories: readonly DisciplineCategory[]): DisciplineCategory {
  return categories.reduce((a, b) => (disciplineSeverity[b] > disciplineSeverity[a] ? b : a), 'other');
}

/** The kind of behavior a student was involved in, in ssos's words. */
export const behaviorCategories = ['state_offense', 'school_violation', 'school_code_of_conduct', 'other'] as const;
export type BehaviorCategory = (typeof behaviorCategories)[number];

export const behavior = descriptorMap<BehaviorCategory>('BehaviorDescriptor', {
  'State Offense': 'state_offense',
  'School Violation': 'school_violation',
  'School Code of Conduct': 'school_code_of_conduct',
  Other: 'other',
});

/**
 * Grade levels: DESE's grade codes, or null for a level DESE does not report (infants, grade 13, postsecondary,
 * adult education), which is left out rather than forced onto a grade.
 */
export const gradeLevel = descriptorMap<GradeCode | null>('GradeLevelDescriptor', {
  'Infant/toddler': null,
  Preschool: 'PK',
  Prekindergarten: 'PK',
  'Preschool/Prekindergarten': 'PK',
  'Transitional Kindergarten': null,
  'Early Education': null,
  Kindergarten: 'K',
  'First grade': '01',
  'Second grade': '02',
  'Third grade': '03',
  'Fourth grade': '04',
  'Fifth grade': '05',
  'Sixth grade': '06',
  'Seventh grade': '07',
  'Eighth grade': '08',
  'Ninth grade': '09',
  'Tenth grade': '10',
  'Eleventh grade': '11',
  'Twelfth grade': '12',
  Ungraded: 'SP',
  'Grade 13': null,
  Postsecondary: null,
  'Adult Education': null,
  'Out of School': null,
  'No grade level': null,
  Other: null,
});

/** A local education agency's category as an ssos district type. */
export const localEducationAgencyCategory = descriptorMap<OrgType>('LocalEducationAgencyCategoryDescriptor', {
  'Regular public school district': 'local',
  'Public school district part of a supervisory union': 'local',
  // Texas's "independent school district" is its regular public district.
  Independent: 'local',
  'Independent charter district': 'charter',
  Charter: 'charter',
  'Service agency': 'collaborative',
  'Specialized public school district': 'other',
  'State operated agency': 'other',
  'Federal operated agency': 'other',
  'Other local education agency': 'other',
  'Supervisory union': 'other',
});

/** A school's type as an ssos school type (a charter status overrides it). */
export const schoolType = descriptorMap<OrgType>('SchoolTypeDescriptor', {
  Regular: 'public',
  'Career and Technical Education': 'vocational',
  Alternative: 'other',
  'Special Education': 'other',
  'Reportable Program': 'other',
});

/** Whether a charter status makes the school a charter school. */
export const charterStatus = descriptorMap<boolean>('CharterStatusDescriptor', {
  'Not a Charter School': false,
  'School Charter': true,
  'Open Enrollment': true,
  'College/University Charter': true,
});

/** Whether a school food service marks the student as from a low-income family (free or reduced-price meals). */
export const schoolFoodService = descriptorMap<boolean>('SchoolFoodServiceProgramServiceDescriptor', {
  'Free Breakfast': true,
  'Free Lunch': true,
  'Free Milk': true,
  'Free Snack': true,
  'Free Supper': true,
  'Reduced Price Breakfast': true,
  'Reduced Price Lunch': true,
  'Reduced Price Milk': true,
  'Reduced Price Snack': true,
  'Reduced Price Supper': true,
  'Full Price Breakfast': false,
  'Full Price Lunch': false,
  'Full Price Milk': false,
  'Full Price Snack': false,
  'Full Price Supper': false,
  Other: false,
});

/** The student-year flags program participation sets. */
export const studentYearFlags = ['low_income', 'english_learner', 'disability'] as const;
export type StudentYearFlag = (typeof studentYearFlags)[number];

/** Program participation by the Ed-Fi association element that records it, and the flag it sets (if any). */
export const programAssociations = {
  StudentProgramAssociation: { kind: 'general', flag: null },
  StudentSpecialEducationProgramAssociation: { kind: 'special_education', flag: 'disability' },
  StudentLanguageInstructionProgramAssociation: { kind: 'language_instruction', flag: 'english_learner' },
  // Only with a free or reduced-price service (see schoolFoodService).
  StudentSchoolFoodServiceProgramAssociation: { kind: 'school_food_service', flag: 'low_income' },
  StudentCTEProgramAssociation: { kind: 'career_technical', flag: null },
  StudentMigrantEducationProgramAssociation: { kind: 'migrant', flag: null },
  StudentHomelessProgramAssociation: { kind: 'homeless', flag: null },
  StudentNeglectedOrDelinquentProgramAssociation: { kind: 'neglected_or_delinquent', flag: null },
  StudentTitleIPartAProgramAssociation: { kind: 'title_i_part_a', flag: null },
  // A Section 504 plan is not an IEP: DESE's "students with disabilities" are students with IEPs.
  StudentSection504ProgramAssociation: { kind: 'section_504', flag: null },
} as const satisfies Record<string, { kind: string; flag: StudentYearFlag | null }>;
export type ProgramAssociationElement = keyof typeof programAssociations;
export type ProgramKind = (typeof programAssociations)[ProgramAssociationElement]['kind'];
export const programKinds = [...new Set(Object.values(programAssociations).map((p) => p.kind))] as ProgramKind[];
