import type { Command } from 'commander';
import { ma2018Framework } from '../../core/accountability/framework-2018.ts';
import {
  formatFromPointsCsv,
  orgColumns,
  pointsColumns,
  readFromPointsInputs,
  type CsvInput,
  type CsvProblem,
  type CsvRow,
} from '../../core/accountability/from-points-csv.ts';
import { computeFromPoints } from '../../core/accountability/points.ts';
import { EncodingProblem, readCsvRows } from '../../server/ingest/csv-reader.ts';
import { formatProblem, MAX_REPORTED_PROBLEMS } from '../../server/ingest/problems.ts';
import { AppError } from '../../core/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { systemContext } from '../../server/context.ts';
import {
  accountabilityFrameworks,
  runAndStore,
  type AccountabilityFrameworkId,
} from '../../server/services/accountability-service.ts';
import type { FrameworkChange } from '../../core/accountability/what-if.ts';
import { isLevelsRun, type StoredLevelsRunSummary } from '../../server/services/accountability-2012-service.ts';
import { readFile } from 'node:fs/promises';

/** Reads a CSV file's rows with the streaming reader; a file that cannot be read is one located problem. */
async function readCsvFile(file: string): Promise<{ input: CsvInput; problem: CsvProblem | null }> {
  const rows: CsvRow[] = [];
  try {
    for await (const row of readCsvRows(file)) rows.push(row);
    return { input: { file, rows }, problem: null };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { lines?: number };
    let problem: CsvProblem;
    if (err instanceof EncodingProblem) problem = { file, line: err.line, column: '(file)', problem: err.message };
    else if (e.code === 'ENOENT') problem = { file, line: 0, column: '(file)', problem: 'no such file' };
    else if (e.code === 'EISDIR') problem = { file, line: 0, column: '(file)', problem: 'is a folder, not a CSV file' };
    else if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      problem = { file, line: e.lines ?? 0, column: '(row)', problem: `not valid CSV: ${e.message}` };
    else problem = { file, line: 0, column: '(file)', problem: `cannot be read: ${e.message}` };
    return { input: { file, rows }, problem };
  }
}

/**
 * `from-points` without the command line around it: reads P.csv and O.csv, computes with the ma-2018 framework,
 * and returns the output CSV, or the problems (formatted `file:line: column: problem (value "x")`).
 */
export async function accountabilityFromPointsFiles(
  pointsFile: string,
  orgsFile: string,
): Promise<{ ok: true; csv: string } | { ok: false; problems: string[] }> {
  const [points, orgs] = await Promise.all([readCsvFile(pointsFile), readCsvFile(orgsFile)]);
  const unreadable = [points.problem, orgs.problem].filter((p): p is CsvProblem => p !== null);
  const { inputs, problems } =
    unreadable.length > 0
      ? { inputs: [], problems: unreadable }
      : readFromPointsInputs(points.input, orgs.input, ma2018Framework);
  if (problems.length > 0) {
    const lines = problems.slice(0, MAX_REPORTED_PROBLEMS).map(formatProblem);
    if (problems.length > MAX_REPORTED_PROBLEMS)
      lines.push(`... and ${problems.length - MAX_REPORTED_PROBLEMS} more problems`);
    return { ok: false, problems: lines };
  }
  return { ok: true, csv: formatFromPointsCsv(computeFromPoints(inputs, ma2018Framework)) };
}

/** `ssos accountability from-points`: the 2018+ criterion-referenced figures from points already awarded. */
export function registerAccountabilityCommand(program: Command): Command {
  const accountability =
    program.commands.find((c) => c.name() === 'accountability') ??
    program.command('accountability').description('accountability: criterion-referenced targets and progress bands');
  accountability
    .command('from-points')
    .description(
      'compute group, grade-span, annual and cumulative criterion-referenced target percentages and the reason band ' +
        `from points already awarded (framework ${ma2018Framework.id}); prints CSV (docs/accountability.md)`,
    )
    .requiredOption('--points <file>', `points by organization, year and group: ${pointsColumns.join(', ')}`)
    .requiredOption('--orgs <file>', `one row per organization and year: ${orgColumns.join(', ')}`)
    .action(async (opts: { points: string; orgs: string }) => {
      const result = await accountabilityFromPointsFiles(opts.points, opts.orgs);
      if (!result.ok) {
        // Nothing goes to stdout: a partial CSV must never be mistaken for a result.
        process.stderr.write(`${result.problems.join('\n')}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(result.csv);
    });
  accountability
    .command('run')
    .description(
      'classify every school and district for a school year from the stored indicator values, and store the run with its framework and data versions',
    )
    .requiredOption('--year <year>', 'the accountability year, named by its spring (2024 = 2023-24)')
    .option('--framework <id>', `framework: ${accountabilityFrameworks.join(' or ')}`, 'ma-2018')
    .option(
      '--what-if <file>',
      'a JSON file of framework values to change ({"classification.lowestPercentile": 15, ...}); stored as a what-if run, the official run is untouched',
    )
    .action(async (opts: { year: string; framework: string; whatIf?: string }) => {
      if (!/^\d{4}$/.test(opts.year))
        throw new AppError('validation_failed', `--year must be a year such as 2024, not "${opts.year}"`);
      if (!(accountabilityFrameworks as readonly string[]).includes(opts.framework))
        throw new AppError(
          'validation_failed',
          `--framework must be ${accountabilityFrameworks.join(' or ')}, not "${opts.framework}"`,
        );
      const changes = opts.whatIf ? await readChanges(opts.whatIf) : [];
      const { db } = await openAndMigrate(loadConfig());
      try {
        const result = await runAndStore(systemContext(db), {
          year: Number(opts.year),
          framework: opts.framework as AccountabilityFrameworkId,
          kind: opts.whatIf ? 'what_if' : 'official',
          changes,
        });
        console.log(
          `Accountability ${result.year} (${result.framework} ${result.frameworkVersion}${result.kind === 'what_if' ? ', what-if' : ''}): run ${result.id}, data version ${result.dataVersion}`,
        );
        if (isLevelsRun(result)) {
          printLevelsSummary(result);
          return;
        }
        const s = result.summary;
        console.log(
          `  schools: ${s.schools}, classified ${s.schoolsClassified}; requiring assistance or intervention: ${s.schoolsRequiringAssistance} (${s.sharePct === null ? 'n/a' : `${s.sharePct.toFixed(1)}%`}; about ${s.expectedSharePct}% expected): focused/targeted ${s.focused}, broad/comprehensive ${s.broad}`,
        );
        console.log(`  schools of recognition: ${s.schoolsOfRecognition}`);
        for (const [reason, n] of Object.entries(s.byReason).sort((a, b) => b[1] - a[1]))
          console.log(`    ${reason}: ${n}`);
        console.log(`  districts: ${s.districts}, requiring assistance: ${s.districtsRequiringAssistance}`);
        console.log(
          `  read the inputs in ${(result.readMs / 1000).toFixed(2)} s, computed in ${(result.computeMs / 1000).toFixed(2)} s`,
        );
      } finally {
        await db.close();
      }
    });
  return accountability;
}

/** The counts of a Level 1-5 run, one line each. */
function printLevelsSummary(result: StoredLevelsRunSummary): void {
  const s = result.summary;
  const levels = (by: Record<string, number>) =>
    ['1', '2', '3', '4', '5'].map((l) => `Level ${l} ${by[l] ?? 0}`).join(', ') +
    `, unclassified ${by.unclassified ?? 0}`;
  console.log(`  schools: ${s.schools}, classified ${s.schoolsClassified}: ${levels(s.schoolsByLevel)}`);
  for (const [reason, n] of Object.entries(s.byReason).sort((a, b) => b[1] - a[1])) console.log(`    ${reason}: ${n}`);
  console.log(`  commendation schools: ${s.commendationSchools}`);
  console.log(`  districts: ${s.districts}: ${levels(s.districtsByLevel)}`);
  if (s.groupYearsFromStudents > 0)
    console.log(
      `  ${s.groupYearsFromStudents} group-years computed from student records; Next-Generation scores on the legacy scale: ${s.concordance}`,
    );
  for (const w of s.warnings) console.log(`  warning: ${w}`);
  console.log(
    `  read the inputs in ${(result.readMs / 1000).toFixed(2)} s, computed in ${(result.computeMs / 1000).toFixed(2)} s`,
  );
}

/** Reads a what-if file: a JSON object of framework paths and new values. */
async function readChanges(file: string): Promise<FrameworkChange[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('validation_failed', `${file}: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AppError('validation_failed', `${file}: must be a JSON object of framework paths and values`);
  return Object.entries(parsed).map(([path, value]) => {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
      throw new AppError('validation_failed', `${file}: ${path}: must be a number, text or true/false`);
    return { path, value };
  });
}
