// Runs every benchmark in bench/*.bench.ts (or those whose name contains an argument) and prints one line per
// figure: `BENCH <name>: <value> <unit> (target <op> <value>) <ok|MISS>`. Figures are ratios against a reference
// measured in the same run where they can be, because these machines are shared and absolute times drift.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatBenchLine, type Benchmark } from './bench-line.ts';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
let misses = 0;
let ran = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Benchmark };
  const bench = mod.default;
  if (filters.length > 0 && !filters.some((f) => bench.name.includes(f))) continue;
  ran += 1;
  console.error(`running ${bench.name}…`);
  const figures = await bench.run();
  for (const figure of figures) {
    console.log(formatBenchLine(figure));
    if (figure.status !== 'ok' && figure.status !== 'context') misses += 1;
  }
}
if (ran === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}`);
  process.exit(1);
}
process.exit(misses > 0 ? 1 : 0);
