import { describe, expect, it } from 'vitest';
import { orderPairings, pairingReason, type PairingCandidate } from './recognition.ts';

const candidate = (orgCode: string, distance: number, over: Partial<PairingCandidate> = {}): PairingCandidate => ({
  orgCode,
  distance,
  characteristics: [
    { label: 'Enrollment (log scale)', demonstrationValue: 1210, partnerValue: 1180, share: 0.01 },
    { label: 'Low income or economically disadvantaged (%)', demonstrationValue: 38.2, partnerValue: 41, share: 0.19 },
    { label: 'English learners (%)', demonstrationValue: 4, partnerValue: 12.35, share: 0.8 },
  ],
  support: 'Focused/targeted support',
  percentile: 8,
  ...over,
});

describe('demonstration site pairings', () => {
  it('orders partners nearest first, equal distances by code', () => {
    const ordered = orderPairings([candidate('03', 0.9), candidate('02', 0.42), candidate('01', 0.9)]);
    expect(ordered.map((c) => c.orgCode)).toEqual(['02', '01', '03']);
  });

  it('says why a school is suggested: type, distance, each characteristic, the largest difference, its support', () => {
    expect(pairingReason(candidate('02', 0.4237), 'HS')).toBe(
      'Same school type (HS). 0.42 standard deviations apart on average: Enrollment 1,210 and 1,180; ' +
        'Low income or economically disadvantaged 38.2% and 41.0%; English learners 4.0% and 12.4%. ' +
        'The largest difference is in English learners. ' +
        'Requires assistance (Focused/targeted support, accountability percentile 8).',
    );
  });

  it('words identical schools and missing support plainly', () => {
    const same = candidate('02', 0, {
      characteristics: [{ label: 'Enrollment (log scale)', demonstrationValue: 500, partnerValue: 500, share: 0 }],
      support: null,
      percentile: null,
    });
    expect(pairingReason(same, null)).toBe(
      'Same school type. 0.00 standard deviations apart on average: Enrollment 500 and 500. Requires assistance.',
    );
  });
});
