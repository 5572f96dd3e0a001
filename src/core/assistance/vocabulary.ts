/**
 * The words of assistance operations (domain/ssos.md): team roles on a regional assistance team, kinds of
 * engagement, and the Conditions for School Effectiveness and Turnaround Practices an engagement can address.
 * The framework library itself lives in core/frameworks; here are only the codes engagements link to.
 */

/** Roles on a regional assistance team (former superintendents, principals, and specialists). */
export const teamRoles = [
  'regional_director',
  'principal_specialist',
  'data_specialist',
  'math_specialist',
  'literacy_specialist',
  'career_technical_specialist',
] as const;
export type TeamRole = (typeof teamRoles)[number];

/** Labels of the team roles, for people. */
export const teamRoleLabels: Record<TeamRole, string> = {
  regional_director: 'Regional director',
  principal_specialist: 'Principal specialist',
  data_specialist: 'Data specialist',
  math_specialist: 'Math specialist',
  literacy_specialist: 'Literacy specialist',
  career_technical_specialist: 'Career-technical specialist',
};

/** Kinds of direct assistance an engagement records. */
export const engagementTypes = [
  'coaching',
  'learning_walkthrough',
  'focus_group',
  'plc_facilitation',
  'data_session',
  'document_review',
  'training',
] as const;
export type EngagementType = (typeof engagementTypes)[number];

/** Labels of the engagement types, for people and exports. */
export const engagementTypeLabels: Record<EngagementType, string> = {
  coaching: 'Coaching',
  learning_walkthrough: 'Learning walkthrough',
  focus_group: 'Focus group',
  plc_facilitation: 'PLC facilitation',
  data_session: 'Data session',
  document_review: 'Document review',
  training: 'Training',
};

/**
 * The Conditions for School Effectiveness (cse-1..cse-11, 603 CMR 2.03(4)) and Turnaround Practices (tp-1..tp-4)
 * an engagement or an observation item can address, with short titles. Titles of Conditions 8-11 are
 * [unconfirmed] wording in domain/frameworks.md; the codes are what is stored.
 */
export const frameworkCodes = {
  'cse-1': 'Effective district systems for school support and intervention',
  'cse-2': 'Effective school leadership',
  'cse-3': 'Aligned curriculum',
  'cse-4': 'Effective instruction',
  'cse-5': 'Student assessment',
  'cse-6': "Principal's staffing authority",
  'cse-7': 'Professional development and structures for collaboration',
  'cse-8': 'Tiered instruction and adequate learning time',
  'cse-9': "Students' social, emotional and health needs",
  'cse-10': 'Family-school engagement',
  'cse-11': 'Strategic use of resources and adequate budget authority',
  'tp-1': 'Leadership, shared responsibility, and professional collaboration',
  'tp-2': 'Intentional practices for improving instruction',
  'tp-3': 'Student-specific supports and instruction to all students',
  'tp-4': 'School climate and culture',
} as const;
export type FrameworkCode = keyof typeof frameworkCodes;

/** The framework codes in order (Conditions, then Practices). */
export const frameworkCodeList = Object.keys(frameworkCodes) as [FrameworkCode, ...FrameworkCode[]];

/** Kinds of professional development offering. */
export const pdKinds = ['course', 'academy', 'institute', 'webinar', 'conference'] as const;
export type PdKind = (typeof pdKinds)[number];

/** The five content areas of the foundational course menu (domain/ssos.md). */
export const pdContentAreas = [
  'instructional_leadership',
  'sheltered_content_el',
  'inclusive_practice',
  'mathematics',
  'literacy',
] as const;
export type PdContentArea = (typeof pdContentAreas)[number];

/** Labels of the content areas. */
export const pdContentAreaLabels: Record<PdContentArea, string> = {
  instructional_leadership: 'Instructional leadership',
  sheltered_content_el: 'Sheltered content instruction for English learners',
  inclusive_practice: 'Inclusive practice for students with disabilities',
  mathematics: 'Mathematics',
  literacy: 'Literacy',
};

/** Kinds of network the agency convenes (domain/ssos.md: the Urban Superintendents Network, job-alike groups). */
export const networkKinds = ['superintendents', 'principals', 'job_alike', 'content_area', 'other'] as const;
export type NetworkKind = (typeof networkKinds)[number];

/** Labels of the network kinds. */
export const networkKindLabels: Record<NetworkKind, string> = {
  superintendents: "Superintendents' network",
  principals: "Principals' network",
  job_alike: 'Job-alike group',
  content_area: 'Content-area network',
  other: 'Other network',
};

/** A Turnaround Practice as people read it: "Turnaround Practice 2 (Intentional practices for improving instruction)". */
export function practiceLabel(number: number): string {
  const title = (frameworkCodes as Record<string, string>)[`tp-${number}`];
  return title ? `Turnaround Practice ${number} (${title})` : `Turnaround Practice ${number}`;
}
