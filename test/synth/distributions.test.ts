import { describe, expect, it } from 'vitest';
import { planCommonwealth } from '../../src/core/synth/index.ts';
import { hasRealData, loadRealSchoolFigures } from './real-data.ts';
import { comparedFigures, comparisonTable, computeSyntheticFigures, quantiles } from './synthetic-figures.ts';

// The synthetic Commonwealth at scale 0.1 (about 40 districts and 200 schools) set beside the real DESE files:
// per-school distributions must have the same order of magnitude and a similar spread.
describe.runIf(hasRealData())('the synthetic Commonwealth beside the real one', () => {
  const synthetic = computeSyntheticFigures(planCommonwealth({ seed: 'ssos-demo', scale: 0.1 }));
  const real = loadRealSchoolFigures();

  it('prints the comparison table', () => {
    console.log(
      `\nSynthetic (seed ssos-demo, scale 0.1, 2023-24) vs real DESE schools\n${comparisonTable(synthetic, real)}\n`,
    );
    for (const f of comparedFigures) {
      const highSchoolOnly = /graduation|grade9|advanced/.test(f.key);
      expect(synthetic[f.key].length, f.key).toBeGreaterThan(highSchoolOnly ? 10 : 40);
    }
  });

  for (const f of comparedFigures.filter((x) => x.checked)) {
    it(`has a real-looking spread of ${f.label.toLowerCase()} across schools`, () => {
      const [, s25, s50, s75] = quantiles(synthetic[f.key]);
      const [, r25, r50, r75] = quantiles(real[f.key]);
      // Medians within a factor of 1.5, interquartile ranges within a factor of 2.
      expect(s50 / r50).toBeGreaterThan(1 / 1.5);
      expect(s50 / r50).toBeLessThan(1.5);
      expect((s75 - s25) / (r75 - r25)).toBeGreaterThan(0.5);
      expect((s75 - s25) / (r75 - r25)).toBeLessThan(2);
    });
  }
});
