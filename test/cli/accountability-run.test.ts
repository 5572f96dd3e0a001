import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/template.ts';

const bin = path.join(projectRoot, 'bin/ssos.js');

function ssos(args: string[], env: Record<string, string | undefined> = {}) {
  const { DATABASE_URL: _omit, ...base } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ssos accountability run', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-acc-cli-'));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('refuses a bad year or framework with one line, and says when there is nothing to classify', () => {
    const env = { SSOS_DATA_DIR: path.join(tmp, 'empty') };
    const year = ssos(['accountability', 'run', '--year', '24'], env);
    expect(year.code).toBe(1);
    expect(year.stderr.trim()).toBe('ssos: --year must be a year such as 2024, not "24"');
    const framework = ssos(['accountability', 'run', '--year', '2024', '--framework', 'ma-2030'], env);
    expect(framework.stderr.trim()).toBe('ssos: --framework must be ma-2018 or ma-2012, not "ma-2030"');
    const empty = ssos(['accountability', 'run', '--year', '2024'], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no indicator values the ma-2018 framework reads are stored for 2024');
  }, 120_000);

  it('classifies the demo state, reports the share requiring assistance, and runs a what-if without touching the official run', async () => {
    const env = { SSOS_DATA_DIR: path.join(tmp, 'demo') };
    expect(ssos(['demo', '--scale', '0.01', '--seed', '2'], env).code).toBe(0);
    const run = ssos(['accountability', 'run', '--year', '2026'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Accountability 2026 \(ma-2018 [^)]+\): run 2, data version \S+/);
    expect(run.stdout).toMatch(/requiring assistance or intervention: \d+ \(\d+\.\d%; about 15% expected\)/);
    expect(run.stdout).toMatch(/computed in \d+\.\d\d s/);

    const changes = path.join(tmp, 'what-if.json');
    await writeFile(changes, JSON.stringify({ 'classification.lowestPercentileMax': 30 }));
    const whatIf = ssos(['accountability', 'run', '--year', '2026', '--what-if', changes], env);
    expect(whatIf.code).toBe(0);
    expect(whatIf.stdout).toContain('(ma-2018');
    expect(whatIf.stdout).toContain(', what-if): run 3');

    await writeFile(changes, JSON.stringify({ 'classification.nope': 30 }));
    const bad = ssos(['accountability', 'run', '--year', '2026', '--what-if', changes], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('ssos: classification.nope: is not a path of the framework');

    // The Level 1-5 system (ma-2012) from the students' Next-Generation scores, through the ssos concordance.
    const levels = ssos(['accountability', 'run', '--year', '2026', '--framework', 'ma-2012'], env);
    expect(levels.code).toBe(0);
    expect(levels.stdout).toMatch(/^Accountability 2026 \(ma-2012 2012\.2\): run 4, data version \S+/);
    expect(levels.stdout).toMatch(
      /schools: \d+, classified \d+: Level 1 \d+, Level 2 \d+, Level 3 \d+, Level 4 0, Level 5 0, unclassified \d+/,
    );
    expect(levels.stdout).toContain('Next-Generation scores on the legacy scale: linear, 440 -> 200 and 560 -> 280');
  }, 240_000);
});
