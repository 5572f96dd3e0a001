import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAccountabilityTargets } from '../../src/server/ingest/accountability-targets.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

const HEADER = 'org_code,indicator_code,student_group,baseline_year,baseline_value,annual_increment';

describe.each(testBackends())('accountability targets import on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await loadDemo(db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-targets-'));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (text: string) => {
    const p = path.join(dir, 'targets.csv');
    await writeFile(p, text);
    return p;
  };

  const stored = async () =>
    (
      await db.kysely
        .selectFrom('accountability_targets as t')
        .innerJoin('organizations as o', 'o.id', 't.org_id')
        .select([
          'o.code',
          't.indicator_code',
          't.student_group',
          't.baseline_year',
          't.baseline_value',
          't.annual_increment',
        ])
        .orderBy('o.code')
        .orderBy('t.indicator_code')
        .orderBy('t.student_group')
        .execute()
    ).map((r) => ({ ...r, baseline_value: Number(r.baseline_value), annual_increment: Number(r.annual_increment) }));

  it('imports targets (including the derived extended engagement measure), and a second import changes nothing', async () => {
    const file = await write(
      `${HEADER}\n` +
        '00200000,mcas_ela_g38_avg_scaled_score,all,2022,496.5,1.25\n' +
        '200000,chronic_absence_pct,lowest_performing,2022,18,-0.5\n' +
        '00200000,extended_engagement_pct,all,2022,90.1,.5\n',
    );
    expect(await importAccountabilityTargets(db, file)).toEqual({
      file: 'targets.csv',
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(await stored()).toEqual([
      {
        code: '00200000',
        indicator_code: 'chronic_absence_pct',
        student_group: 'lowest_performing',
        baseline_year: 2022,
        baseline_value: 18,
        annual_increment: -0.5,
      },
      {
        code: '00200000',
        indicator_code: 'extended_engagement_pct',
        student_group: 'all',
        baseline_year: 2022,
        baseline_value: 90.1,
        annual_increment: 0.5,
      },
      {
        code: '00200000',
        indicator_code: 'mcas_ela_g38_avg_scaled_score',
        student_group: 'all',
        baseline_year: 2022,
        baseline_value: 496.5,
        annual_increment: 1.25,
      },
    ]);
    const before = await stored();
    expect(await importAccountabilityTargets(db, file)).toEqual({
      file: 'targets.csv',
      rows: 3,
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await stored()).toEqual(before);
    // A changed value updates its one row.
    const changed = await write(`${HEADER}\n00200000,chronic_absence_pct,lowest_performing,2022,17,-0.5\n`);
    expect(await importAccountabilityTargets(db, changed)).toMatchObject({ rows: 1, inserted: 0, updated: 1 });
    expect((await stored()).find((r) => r.indicator_code === 'chronic_absence_pct')?.baseline_value).toBe(17);
  });

  it('reports unknown organizations, measures and groups, bad numbers and duplicates by line, and writes nothing', async () => {
    const before = await stored();
    const err = (await importAccountabilityTargets(
      db,
      await write(
        `${HEADER}\n` +
          '00200000,chronic_absence_pct,all,2022,20,-1\n' +
          '99990000,chronic_absence_pct,all,2022,20,-1\n' +
          '00200000,cpi,all,2022,20,-1\n' +
          '00200000,chronic_absence_pct,martians,2022,20,-1\n' +
          '00200000,advanced_coursework_pct,all,22.5,x,\n' +
          '00200000,chronic_absence_pct,ALL,2022,21,-1\n',
      ),
    ).catch((e: unknown) => e)) as ImportFailed;
    expect(err).toBeInstanceOf(ImportFailed);
    const lines = err.message.split('\n').slice(1);
    expect(lines[0]).toBe(
      'targets.csv:3: org_code: is not a school or district in the organization registry (value "99990000")',
    );
    expect(lines[1]).toMatch(
      /^targets\.csv:4: indicator_code: is not a measure of the ma-2018 framework \(.*\) \(value "cpi"\)$/,
    );
    expect(lines.slice(2)).toEqual([
      'targets.csv:5: student_group: is not a student group of the catalog (value "martians")',
      'targets.csv:6: baseline_year: must be a school year such as 2022 (1990-2200) (value "22.5")',
      'targets.csv:6: baseline_value: must be a number (value "x")',
      'targets.csv:6: annual_increment: must be a number (0 or negative allowed) (value "")',
      'targets.csv:7: org_code: repeats the target of 00200000 chronic_absence_pct all (also on line 2) (value "00200000")',
    ]);
    expect(await stored()).toEqual(before);

    const cols = (await importAccountabilityTargets(
      db,
      await write('org_code,indicator,student_group,baseline_year,baseline_value,annual_increment,notes\n'),
    ).catch((e: unknown) => e)) as ImportFailed;
    expect(cols.message.split('\n').slice(1)).toEqual([
      'targets.csv:1: indicator: is not a column of the targets file (org_code, indicator_code, student_group, baseline_year, baseline_value, annual_increment)',
      'targets.csv:1: notes: is not a column of the targets file (org_code, indicator_code, student_group, baseline_year, baseline_value, annual_increment)',
      'targets.csv:1: indicator_code: is missing from the header',
    ]);
    const empty = (await importAccountabilityTargets(db, await write('')).catch((e: unknown) => e)) as ImportFailed;
    expect(empty).toBeInstanceOf(ImportFailed);
    expect(await stored()).toEqual(before);
  });
});
