/**
 * The state's turnaround / sustainable improvement plan template (domain: frameworks.md, "Turnaround / sustainable
 * improvement plan"): an executive summary, one block per Turnaround Practice, a financial plan and the stakeholder
 * group. The practice keys are data: the plan stores blocks under these keys, coaching comments point at them.
 */
import { schoolYearLabel } from './smart-goal.ts';

/** One of the four Turnaround Practices, as a plan block. */
export interface TurnaroundPractice {
  key: string;
  number: number;
  title: string;
}

/** The four Turnaround Practices, in the state's order. */
export const turnaroundPractices = [
  { key: 'leadership', number: 1, title: 'Leadership, shared responsibility, and professional collaboration' },
  { key: 'instruction', number: 2, title: 'Intentional practices for improving instruction' },
  { key: 'student_supports', number: 3, title: 'Student-specific supports and instruction to all students' },
  {
    key: 'climate_culture',
    number: 4,
    title: 'School climate and culture (social, emotional and behavioral supports)',
  },
] as const satisfies readonly TurnaroundPractice[];

/** The key of a Turnaround Practice block. */
export type PracticeKey = (typeof turnaroundPractices)[number]['key'];

/** The practice keys, for schemas. */
export const practiceKeys = turnaroundPractices.map((p) => p.key) as [PracticeKey, ...PracticeKey[]];

/** The fields of one practice block of the template. */
export const blockFields = ['dataAnalysis', 'strategies', 'districtSupport'] as const;
export type BlockField = (typeof blockFields)[number];

/** What each block field holds, as the template words it. */
export const blockFieldLabels: Record<BlockField, string> = {
  dataAnalysis: 'Data analysis and challenges',
  strategies: 'Strategies and rationale',
  districtSupport: 'District monitoring and support',
};

/** One practice block: free text per template field (empty until the team writes it). */
export type PlanBlock = Record<BlockField, string>;

/** An empty block for every practice, as a new plan starts. */
export function emptyBlocks(): Record<PracticeKey, PlanBlock> {
  const blocks = {} as Record<PracticeKey, PlanBlock>;
  for (const p of turnaroundPractices) blocks[p.key] = { dataAnalysis: '', strategies: '', districtSupport: '' };
  return blocks;
}

/**
 * The plan's cover: who signed it, when it went to the local stakeholder group, the school committee and the state,
 * the year of designation and the year the school is eligible to exit (school years by their ending year).
 */
export interface PlanCover {
  superintendent: string | null;
  superintendentSignedOn: string | null;
  submittedToStakeholdersOn: string | null;
  submittedToSchoolCommitteeOn: string | null;
  submittedToStateOn: string | null;
  designationYear: number | null;
  exitEligibleYear: number | null;
}

/** A cover with nothing filled in yet. */
export function emptyCover(): PlanCover {
  return {
    superintendent: null,
    superintendentSignedOn: null,
    submittedToStakeholdersOn: null,
    submittedToSchoolCommitteeOn: null,
    submittedToStateOn: null,
    designationYear: null,
    exitEligibleYear: null,
  };
}

/** Why a cover is out of order (the field and a sentence), or null: a school exits no earlier than it was designated. */
export function checkCover(cover: PlanCover): { field: string; message: string } | null {
  if (
    cover.designationYear !== null &&
    cover.exitEligibleYear !== null &&
    cover.exitEligibleYear < cover.designationYear
  )
    return {
      field: 'cover.exitEligibleYear',
      message: `The year eligible to exit (${schoolYearLabel(cover.exitEligibleYear)}) cannot come before the year of designation (${schoolYearLabel(cover.designationYear)})`,
    };
  return null;
}

/** The kinds of plan: a turnaround plan (underperforming schools) or a sustainable improvement plan. */
export const planKinds = ['turnaround', 'improvement'] as const;
export type PlanKind = (typeof planKinds)[number];

/** A member of the local stakeholder group: a name and a role (e.g. parent, teacher, community member). */
export interface Stakeholder {
  name: string;
  role: string;
}

/** The status of an action step. */
export const actionStepStatuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type ActionStepStatus = (typeof actionStepStatuses)[number];

/** Whom an interim benchmark measures: adults (practice) or students (outcomes). */
export const benchmarkKinds = ['adult', 'student'] as const;
export type BenchmarkKind = (typeof benchmarkKinds)[number];

/** The status of an interim benchmark. */
export const benchmarkStatuses = ['not_started', 'in_progress', 'met', 'not_met'] as const;
export type BenchmarkStatus = (typeof benchmarkStatuses)[number];
