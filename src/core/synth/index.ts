/**
 * The synthetic Commonwealth: a seeded, pure generator of a Massachusetts-shaped state (organizations and
 * student-level records) with an answer key of true early-warning probabilities. See docs/synthetic-commonwealth.md.
 */
import { generateDistrict } from './district.ts';
import type { CommonwealthPlan, DistrictData } from './types.ts';

export { planCommonwealth, studentsAtScaleOne, maxScale } from './plan.ts';
export { generateDistrict, schoolDays } from './district.ts';
export { decisiveStep, milestoneForGrade } from './milestones.ts';
export type {
  AnswerKeyRow,
  CommonwealthOptions,
  CommonwealthPlan,
  DistrictData,
  DistrictKind,
  DistrictPlan,
  SchoolEffects,
  SchoolFamilyPlan,
  SchoolKind,
  SchoolSitePlan,
} from './types.ts';

/**
 * Generates the plan's districts one at a time, in code order, so a caller can write each to a database or file and
 * let it go: memory stays bounded by the largest district, whatever the scale.
 */
export function* generateCommonwealth(plan: CommonwealthPlan): Generator<DistrictData, void, undefined> {
  for (const district of plan.districts) yield generateDistrict(plan, district.code);
}
