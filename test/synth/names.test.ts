import { describe, expect, it } from 'vitest';
import { planCommonwealth } from '../../src/core/synth/index.ts';
import { hasRealData, loadRealNames } from './real-data.ts';

describe.runIf(hasRealData())('synthetic names', () => {
  it('never reuse a real Massachusetts school or district name verbatim', () => {
    const real = loadRealNames();
    expect(real.size).toBeGreaterThan(1500);
    const plan = planCommonwealth({ seed: 'ssos-demo', scale: 1 });
    const reused = plan.organizations
      .filter((o) => o.level === 'school' || o.level === 'district')
      .map((o) => o.name)
      .filter((name) => real.has(name.toLowerCase()));
    expect(reused).toEqual([]);
  });
});
