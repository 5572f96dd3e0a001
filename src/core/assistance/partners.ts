import { schoolYearLabel } from '../plans/smart-goal.ts';
import { turnaroundPractices } from '../plans/template.ts';
import { practiceLabel } from './vocabulary.ts';

/**
 * Suggesting vetted external partners for a school: partners who address the school's lowest-rated Conditions
 * (from its latest completed self-assessment) or the Turnaround Practices its latest plan writes strategies for,
 * and serve its region, each with the reason in words.
 */

/** Where a partner stands in the state's vetting. Only vetted partners are suggested. */
export const partnerStatuses = ['vetted', 'provisional', 'inactive'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

/** What the matching reads about a partner. */
export interface PartnerProfile {
  id: number;
  name: string;
  status: PartnerStatus;
  /** Conditions / Turnaround Practices it addresses (`cse-4`, `tp-2`, ...). */
  frameworkCodes: readonly string[];
  /** Regions it serves; empty means statewide. */
  regionCodes: readonly string[];
}

/** A rated area of need: a Condition (or Practice) with the school's rating of it. */
export interface NeedArea {
  code: string;
  title: string;
  /** The rating's score on its scale (1 = least evidence). */
  score: number;
  /** The rating as people read it ("2 Developing"). */
  label: string;
  /** Where the rating comes from ("self-assessment 2025-26"). */
  source: string;
}

/**
 * A strategy of the organization's latest plan: a Turnaround Practice block whose strategies are written. Partners
 * addressing that Practice (`tp-2`, ...) support it.
 */
export interface PlanStrategy {
  code: string;
  /** The Practice as people read it ("Turnaround Practice 2 (Intentional practices for improving instruction)"). */
  title: string;
  /** The plan it comes from, as people read it ('"Taunton High turnaround plan" (2025-26 to 2027-28)'). */
  plan: string;
}

/**
 * The strategies of a plan: each Turnaround Practice block whose "strategies and rationale" is written, as the
 * Practice's code (`tp-1`..`tp-4`) with the plan named.
 */
export function planStrategies(plan: {
  title: string;
  startYear: number;
  endYear: number;
  blocks: Readonly<Record<string, { strategies?: string } | undefined>>;
}): PlanStrategy[] {
  const period =
    plan.startYear === plan.endYear
      ? schoolYearLabel(plan.startYear)
      : `${schoolYearLabel(plan.startYear)} to ${schoolYearLabel(plan.endYear)}`;
  return turnaroundPractices
    .filter((p) => (plan.blocks[p.key]?.strategies ?? '').trim() !== '')
    .map((p) => ({
      code: `tp-${p.number}`,
      title: practiceLabel(p.number),
      plan: `"${plan.title}" (${period})`,
    }));
}

/** A suggested partner with the needs it addresses (lowest-rated first), the plan strategies it supports, and why. */
export interface PartnerSuggestion<P extends PartnerProfile = PartnerProfile> {
  partner: P;
  matches: NeedArea[];
  strategies: PlanStrategy[];
  reason: string;
}

/** Which ratings count as a need (at most `maxScore`, default 2: little evidence or developing). */
export interface SuggestionSettings {
  maxScore: number;
}

/** The default: areas rated 1 or 2 on the four-level evidence scale are needs. */
export const defaultSuggestionSettings: SuggestionSettings = { maxScore: 2 };

/**
 * The vetted partners serving `regionCode` (or statewide) that address at least one need or support at least one
 * strategy of the plan, ordered by the lowest rating they address (those addressing only plan strategies after
 * every rated need), then by how many needs and strategies they address (more first), then by name.
 */
export function suggestPartners<P extends PartnerProfile>(
  partners: readonly P[],
  needs: readonly NeedArea[],
  regionCode: string | null,
  settings: SuggestionSettings = defaultSuggestionSettings,
  strategies: readonly PlanStrategy[] = [],
): PartnerSuggestion<P>[] {
  const wanted = needs
    .filter((n) => n.score <= settings.maxScore)
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code, 'en', { numeric: true }));
  const suggestions: PartnerSuggestion<P>[] = [];
  for (const p of partners) {
    if (p.status !== 'vetted') continue;
    if (p.regionCodes.length > 0 && (regionCode === null || !p.regionCodes.includes(regionCode))) continue;
    const matches = wanted.filter((n) => p.frameworkCodes.includes(n.code));
    const supported = strategies.filter((st) => p.frameworkCodes.includes(st.code));
    if (matches.length === 0 && supported.length === 0) continue;
    const sentences: string[] = [];
    if (matches.length > 0)
      sentences.push(`Addresses ${matches.map((m) => `${m.title} (rated ${m.label} in the ${m.source})`).join('; ')}.`);
    for (const plan of [...new Set(supported.map((st) => st.plan))])
      sentences.push(
        `Supports the strategies for ${supported
          .filter((st) => st.plan === plan)
          .map((st) => st.title)
          .join('; ')} in the plan ${plan}.`,
      );
    suggestions.push({ partner: p, matches, strategies: supported, reason: sentences.join(' ') });
  }
  const lowest = (s: PartnerSuggestion<P>) => s.matches[0]?.score ?? Number.POSITIVE_INFINITY;
  const count = (s: PartnerSuggestion<P>) => s.matches.length + s.strategies.length;
  return suggestions.sort(
    (a, b) =>
      (lowest(a) === lowest(b) ? 0 : lowest(a) < lowest(b) ? -1 : 1) ||
      count(b) - count(a) ||
      a.partner.name.localeCompare(b.partner.name),
  );
}
