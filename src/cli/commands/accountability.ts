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
  return accountability;
}
