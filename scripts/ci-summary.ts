// Sums the Vitest JSON reports CI wrote and prints one line: "N passed, N failed". A report that is missing counts
// as one failure (its suite did not run), so a run that executed no test is visible.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: missing (the suite did not run)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numTotalTests: number;
  };
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed of ${report.numTotalTests}`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numTotalTests === 0) failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
