import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/template.ts';

const bin = path.join(projectRoot, 'bin/ssos.js');

function ssos(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ssos ewis evaluate', () => {
  let dir: string;
  let semicolons: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-ewis-'));
    // 400 students: attendance predicts graduating; the school matters a little; an identifier to leave out.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines = ['student;attendance;school;suspended;graduated'];
    for (let i = 0; i < 400; i++) {
      const attendance = 80 + 20 * next();
      const school = ['North', 'South'][i % 2]!;
      const eta = (attendance - 92) / 3 + (school === 'North' ? 0.5 : 0);
      const graduated = next() < 1 / (1 + Math.exp(-eta)) ? 'Y' : 'N';
      lines.push(
        `S${1000 + i};${i % 29 === 0 ? 'NA' : attendance.toFixed(1)};${school};${i % 5 === 0 ? 1 : 0};${graduated}`,
      );
    }
    semicolons = path.join(dir, 'cohort.csv');
    await writeFile(semicolons, `${lines.join('\n')}\n`);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints n, positives and the cross-validated AUC as key=value lines (separator guessed or given)', () => {
    const guessed = ssos([
      'ewis',
      'evaluate',
      '--csv',
      semicolons,
      '--outcome',
      'graduated',
      '--positive',
      'Y',
      '--exclude',
      'student',
    ]);
    expect(guessed.code, guessed.stderr).toBe(0);
    const values = Object.fromEntries(
      guessed.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    expect(values.n).toBe('400');
    expect(Number(values.positives)).toBeGreaterThan(100);
    expect(Number(values.auc)).toBeGreaterThan(0.75);
    expect(Number(values.auc)).toBeLessThanOrEqual(1);
    expect(values.folds).toBe('5');
    // attendance, its missing flag, two schools, suspended.
    expect(values.features).toBe('5');
    const given = ssos([
      'ewis',
      'evaluate',
      '--csv',
      semicolons,
      '--outcome',
      'graduated',
      '--positive',
      'Y',
      '--sep',
      ';',
      '--exclude',
      'student',
    ]);
    expect(given.stdout).toBe(guessed.stdout);
  });

  it('names the file, line and column when the table is wrong', async () => {
    const missing = ssos(['ewis', 'evaluate', '--csv', semicolons, '--outcome', 'grad', '--positive', 'Y']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`ssos: ${semicolons}: the outcome column "grad" is not in the header`);
    const exclude = ssos([
      'ewis',
      'evaluate',
      '--csv',
      semicolons,
      '--outcome',
      'graduated',
      '--positive',
      'Y',
      '--exclude',
      'nope',
    ]);
    expect(exclude.stderr).toContain(`${semicolons}:1: --exclude names "nope", which is not a column`);
    const ragged = path.join(dir, 'ragged.csv');
    await writeFile(ragged, 'a,b,y\n1,2,1\n3,4\n');
    const r = ssos(['ewis', 'evaluate', '--csv', ragged, '--outcome', 'y', '--positive', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${ragged.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: not valid CSV`));
    const none = ssos(['ewis', 'evaluate', '--csv', path.join(dir, 'none.csv'), '--outcome', 'y', '--positive', '1']);
    expect(none.stderr).toContain('none.csv: no such file');
  });
});
