import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/template.ts';
import { ma2018Framework } from '../../src/core/accountability/framework-2018.ts';
import { orgColumns, pointsColumns, splitCsv } from '../../src/core/accountability/from-points-csv.ts';
import { bandsFor, classifyProgress } from '../../src/core/accountability/points.ts';

// DESE's published examples (Barnstable and Taunton districts, 2019), read where they live, never copied.
const examples = path.resolve(projectRoot, '../shared/data/published-accountability-examples');

/** A CSV file as records by header name. */
async function readRecords(file: string): Promise<Record<string, string>[]> {
  const { rows, problem } = splitCsv(await readFile(file, 'utf8'));
  if (problem) throw new Error(`${file}:${problem.line}: ${problem.problem}`);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.cells.map((name, i) => [name, r.cells[i] ?? ''])));
}

function csvText(columns: readonly string[], records: Record<string, string>[]): string {
  return [columns.join(','), ...records.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
}

// `ssos accountability from-points` in a child process: the command registered on a fresh commander program, as
// src/cli/main.ts does (the Node 24 that bin/ssos.js would hand over to when this one is older).
const node =
  Number(process.versions.node.split('.')[0]) >= 24
    ? process.execPath
    : path.join(projectRoot, 'node_modules/node/bin/node');
const harness = `
import { Command } from 'commander';
import { registerAccountabilityCommand } from ${JSON.stringify(
  pathToFileURL(path.join(projectRoot, 'src/cli/commands/accountability.ts')).href,
)};
const program = new Command('ssos');
registerAccountabilityCommand(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });
`;

function ssos(args: string[]) {
  const result = spawnSync(node, ['--input-type=module', '-e', harness, '--', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parseOutput(stdout: string): Record<string, string>[] {
  const { rows } = splitCsv(stdout);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.cells.map((name, i) => [name, r.cells[i] ?? ''])));
}

describe('ssos accountability from-points', () => {
  let tmp: string;
  let points: Record<string, string>[];
  let summary: Record<string, string>[];
  let pFile: string;
  let oFile: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-from-points-'));
    points = await readRecords(path.join(examples, 'points_by_group.csv'));
    summary = await readRecords(path.join(examples, 'summary.csv'));
    pFile = path.join(tmp, 'P.csv');
    oFile = path.join(tmp, 'O.csv');
    await writeFile(pFile, csvText(pointsColumns, points));
    await writeFile(oFile, csvText(orgColumns, summary));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('reproduces Barnstable 2019 as DESE published it (group, span, annual, cumulative and reason)', () => {
    const r = ssos(['accountability', 'from-points', '--points', pFile, '--orgs', oFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'org_code,fy,nonhs_all_pct,nonhs_low_pct,hs_all_pct,hs_low_pct,nonhs_gradespan_pct,hs_gradespan_pct,annual_crt_pct_current,cumulative_crt_pct,reason_for_classification',
    );
    const out = parseOutput(r.stdout);
    expect(out.map((o) => o.org_code)).toEqual(['00200000', '02930000']);
    const barnstable = out[0]!;
    const published = summary.find((s) => s.org_code === '00200000')!;
    const groups = Object.fromEntries(
      points.filter((p) => p.org_code === '00200000').map((p) => [p.group, Number(p.pct_possible_published)]),
    );
    const expected: Record<string, number> = {
      nonhs_all_pct: groups.nonhs_all!,
      nonhs_low_pct: groups.nonhs_low!,
      hs_all_pct: groups.hs_all!,
      hs_low_pct: groups.hs_low!,
      nonhs_gradespan_pct: Number(published.nonhs_gradespan_pct),
      hs_gradespan_pct: Number(published.hs_gradespan_pct),
      annual_crt_pct_current: Number(published.annual_crt_pct_current),
      cumulative_crt_pct: Number(published.cumulative_crt_pct),
    };
    expect(expected).toEqual({
      nonhs_all_pct: 47,
      nonhs_low_pct: 51,
      hs_all_pct: 63,
      hs_low_pct: 57,
      nonhs_gradespan_pct: 49,
      hs_gradespan_pct: 60,
      annual_crt_pct_current: 53,
      cumulative_crt_pct: 52,
    });
    for (const [column, value] of Object.entries(expected))
      expect(Math.abs(Number(barnstable[column]) - value), column).toBeLessThanOrEqual(1);
    // In fact every figure matches exactly.
    for (const [column, value] of Object.entries(expected)) expect(Number(barnstable[column]), column).toBe(value);
    expect(barnstable.reason_for_classification).toBe(published.reason_for_classification);
    expect(barnstable.reason_for_classification).toBe('Substantial progress toward targets');
  });

  it('Taunton 2019 (no grade-span shares published): group and span figures, blank annual, cumulative and reason', () => {
    const r = ssos(['accountability', 'from-points', '--points', pFile, '--orgs', oFile]);
    const taunton = parseOutput(r.stdout).find((o) => o.org_code === '02930000')!;
    // 3.1/9.6, 2.7/7.6, 5.2/10.0, 3.8/7.6 (DESE's weighted points for Taunton; it publishes no group percentages).
    expect(taunton).toEqual({
      org_code: '02930000',
      fy: '2019',
      nonhs_all_pct: '32',
      nonhs_low_pct: '36',
      hs_all_pct: '52',
      hs_low_pct: '50',
      nonhs_gradespan_pct: '34',
      hs_gradespan_pct: '51',
      annual_crt_pct_current: '',
      cumulative_crt_pct: '',
      reason_for_classification: '',
    });
  });

  it("Taunton 2019 through the cumulative rule from its published annual figures: 0.4 x 44 + 0.6 x 39 = 41, DESE's reason", () => {
    const published = summary.find((s) => s.org_code === '02930000')!;
    const r = classifyProgress(
      Number(published.fy),
      Number(published.annual_crt_pct_current),
      Number(published.annual_crt_pct_prior),
      ma2018Framework,
    );
    expect(Math.abs(r.cumulative! - Number(published.cumulative_crt_pct))).toBeLessThanOrEqual(1);
    expect(r.bandFigure).toBe(41);
    expect(r.reason).toBe(published.reason_for_classification);
    expect(r.reason).toBe('Moderate progress toward targets');
  });

  it("uses DESE's wording for the reasons published in the examples", () => {
    const reasons = bandsFor(2019, ma2018Framework).map((b) => b.reason);
    for (const s of summary) expect(reasons).toContain(s.reason_for_classification);
  });

  it('reads the published files themselves (extra columns are ignored)', () => {
    const r = ssos([
      'accountability',
      'from-points',
      '--points',
      path.join(examples, 'points_by_group.csv'),
      '--orgs',
      path.join(examples, 'summary.csv'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('00200000,2019,47,51,63,57,49,60,53,52,Substantial progress toward targets');
  });

  it('a bad file: one located message per problem, exit status 1, nothing on stdout', async () => {
    const badP = path.join(tmp, 'bad-P.csv');
    const badO = path.join(tmp, 'bad-O.csv');
    const columns = pointsColumns.filter((c) => c !== 'growth_possible');
    const rows = points
      .filter((p) => p.org_code === '00200000')
      .map((p) => (p.group === 'hs_all' ? { ...p, achievement_points: 'six' } : p));
    await writeFile(badP, csvText(columns, rows));
    await writeFile(
      badO,
      csvText(
        orgColumns,
        summary.map((s) => ({
          ...s,
          annual_crt_pct_prior: s.org_code === '00200000' ? 'fifty' : (s.annual_crt_pct_prior ?? ''),
        })),
      ),
    );
    const r = ssos(['accountability', 'from-points', '--points', badP, '--orgs', badO]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${badP}:1: growth_possible: missing column (the header must have ${pointsColumns.join(', ')})`,
      `${badO}:2: annual_crt_pct_prior: not a number (a percentage from 0 to 100, or blank) (value "fifty")`,
    ]);

    // With the column back, the non-number in P.csv is named by line and column.
    await writeFile(badP, csvText(pointsColumns, rows));
    const again = ssos(['accountability', 'from-points', '--points', badP, '--orgs', oFile]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr.trim().split('\n')).toEqual([
      `${badP}:4: achievement_points: not a number (points earned, 0 or more) (value "six")`,
    ]);
  });

  it('a missing file is named', () => {
    const r = ssos(['accountability', 'from-points', '--points', path.join(tmp, 'nope.csv'), '--orgs', oFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`${path.join(tmp, 'nope.csv')}: (file): no such file`);
  });
});
