// Prints the synthetic-vs-real comparison as a markdown table (pasted into docs/synthetic-commonwealth.md):
//   node test/synth/compare-with-real.ts [scale=1] [seed=ssos-demo]
import { planCommonwealth } from '../../src/core/synth/index.ts';
import { loadRealSchoolFigures } from './real-data.ts';
import { comparisonTable, computeSyntheticFigures } from './synthetic-figures.ts';

const scale = Number(process.argv[2] ?? 1);
const seed = process.argv[3] ?? 'ssos-demo';
const started = performance.now();
const synthetic = computeSyntheticFigures(planCommonwealth({ seed, scale }));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Synthetic: seed ${seed}, scale ${scale}, school year 2023-24 (generated and summarized in ${seconds} s).`);
console.log('Real: DESE school reports 2023-24, MCAS 2022 (grades 3-8 ELA), school profiles 2016-17.\n');
console.log(comparisonTable(synthetic, loadRealSchoolFigures()));
