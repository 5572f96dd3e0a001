/**
 * Recognition in practice (docs/assistance.md): schools of recognition serve as demonstration sites, paired with
 * comparable schools that require assistance. Comparability is the DART's (core/dart/comparables.ts): the weighted
 * root-mean-square of standardized differences in enrollment characteristics within the same school type. Here:
 * the order of the suggestions and the reason in words.
 */

/** How a pairing stands. */
export const pairingStatuses = ['proposed', 'active', 'completed', 'ended'] as const;
export type PairingStatus = (typeof pairingStatuses)[number];

/** Labels of the pairing statuses. */
export const pairingStatusLabels: Record<PairingStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  completed: 'Completed',
  ended: 'Ended early',
};

/** One characteristic compared: the demonstration site's value and the partner's, and its share of the distance. */
export interface CharacteristicDifference {
  label: string;
  demonstrationValue: number;
  partnerValue: number;
  /** Share of the squared distance (0-1). */
  share: number;
}

/** A school requiring assistance, compared with a demonstration site. */
export interface PairingCandidate {
  orgCode: string;
  /** Standardized distance to the demonstration site (0 = alike). */
  distance: number;
  characteristics: readonly CharacteristicDifference[];
  /** The support the latest official run gives it (e.g. "Focused/targeted support"), or null. */
  support: string | null;
  percentile: number | null;
}

/** Nearest first; equal distances by organization code, so the order never depends on the input's. */
export function orderPairings<T extends Pick<PairingCandidate, 'orgCode' | 'distance'>>(candidates: readonly T[]): T[] {
  return [...candidates].sort(
    (a, b) => a.distance - b.distance || (a.orgCode < b.orgCode ? -1 : a.orgCode > b.orgCode ? 1 : 0),
  );
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A characteristic's value as people read it: percentages with one decimal, counts whole. */
function formatValue(label: string, value: number): string {
  return /\(%\)/.test(label) ? `${oneDecimal.format(value)}%` : whole.format(value);
}

/** The label without its unit or scale note: "Enrollment (log scale)" is "Enrollment". */
function plainLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '');
}

/**
 * Why a school is suggested as a partner of a demonstration site: the school type they share, how far apart they
 * are, each characteristic side by side (demonstration site first), the one that differs most, and the assistance
 * the school requires. E.g. "Same school type (HS). 0.42 standard deviations apart on average: Enrollment 1,210
 * and 1,180; ... The largest difference is in English learners. Requires assistance (Focused/targeted support,
 * accountability percentile 8)."
 */
export function pairingReason(candidate: PairingCandidate, schoolType: string | null): string {
  const parts: string[] = [];
  parts.push(schoolType ? `Same school type (${schoolType}).` : 'Same school type.');
  const sides = candidate.characteristics
    .map(
      (c) =>
        `${plainLabel(c.label)} ${formatValue(c.label, c.demonstrationValue)} and ${formatValue(c.label, c.partnerValue)}`,
    )
    .join('; ');
  const apart = `${candidate.distance.toFixed(2)} standard deviations apart on average`;
  parts.push(sides ? `${apart}: ${sides}.` : `${apart}.`);
  const largest = [...candidate.characteristics].sort((a, b) => b.share - a.share)[0];
  if (largest && largest.share > 0) parts.push(`The largest difference is in ${plainLabel(largest.label)}.`);
  const detail = [
    candidate.support,
    candidate.percentile === null ? null : `accountability percentile ${candidate.percentile}`,
  ]
    .filter(Boolean)
    .join(', ');
  parts.push(detail ? `Requires assistance (${detail}).` : 'Requires assistance.');
  return parts.join(' ');
}
