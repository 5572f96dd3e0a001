/**
 * Suggesting vetted external partners for a school: partners who address the school's lowest-rated Conditions
 * (from its latest completed self-assessment) and serve its region, each with the reason in words.
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

/** A suggested partner with the needs it addresses, lowest-rated first, and why. */
export interface PartnerSuggestion<P extends PartnerProfile = PartnerProfile> {
  partner: P;
  matches: NeedArea[];
  reason: string;
}

/** Which ratings count as a need (at most `maxScore`, default 2: little evidence or developing). */
export interface SuggestionSettings {
  maxScore: number;
}

/** The default: areas rated 1 or 2 on the four-level evidence scale are needs. */
export const defaultSuggestionSettings: SuggestionSettings = { maxScore: 2 };

/**
 * The vetted partners serving `regionCode` (or statewide) that address at least one need, ordered by the lowest
 * rating they address, then by how many needs they address (more first), then by name.
 */
export function suggestPartners<P extends PartnerProfile>(
  partners: readonly P[],
  needs: readonly NeedArea[],
  regionCode: string | null,
  settings: SuggestionSettings = defaultSuggestionSettings,
): PartnerSuggestion<P>[] {
  const wanted = needs
    .filter((n) => n.score <= settings.maxScore)
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code, 'en', { numeric: true }));
  const suggestions: PartnerSuggestion<P>[] = [];
  for (const p of partners) {
    if (p.status !== 'vetted') continue;
    if (p.regionCodes.length > 0 && (regionCode === null || !p.regionCodes.includes(regionCode))) continue;
    const matches = wanted.filter((n) => p.frameworkCodes.includes(n.code));
    if (matches.length === 0) continue;
    const parts = matches.map((m) => `${m.title} (rated ${m.label} in the ${m.source})`);
    suggestions.push({ partner: p, matches, reason: `Addresses ${parts.join('; ')}.` });
  }
  return suggestions.sort(
    (a, b) =>
      a.matches[0]!.score - b.matches[0]!.score ||
      b.matches.length - a.matches.length ||
      a.partner.name.localeCompare(b.partner.name),
  );
}
