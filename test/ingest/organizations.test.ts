import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryLine, parseDirectoryRow } from '../../src/core/orgs/directory-format.ts';
import { fixedDemoOrgs } from '../../src/core/demo/fixed-commonwealth.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

const header = 'code,name,level,type,grades,town,parent_code,region_code,opened_year,closed_year';

describe('organization directory rows', () => {
  it('round-trip: every demo organization reads back as it was written', () => {
    for (const org of fixedDemoOrgs) {
      const cells = directoryLine(org)
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      const row = Object.fromEntries(header.split(',').map((h, i) => [h, cells[i] ?? ''])) as Parameters<
        typeof parseDirectoryRow
      >[0];
      const parsed = parseDirectoryRow(row);
      expect(parsed).toEqual({ ok: true, org });
    }
  });

  it('says what is wrong with each cell', () => {
    const parsed = parseDirectoryRow({
      code: '123',
      name: '',
      level: 'school',
      type: 'local',
      grades: '05;14',
      town: '',
      parent_code: '',
      region_code: 'Coastal',
      opened_year: '19x',
      closed_year: '',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems.map(([c]) => c)).toEqual([
        'code',
        'name',
        'type',
        'grades',
        'parent_code',
        'region_code',
        'opened_year',
      ]);
    }
  });
});

describe.each(testBackends())('organization directory import on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(backend);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-directory-'));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the registry with parents and regions, and a second import changes nothing', async () => {
    const file = path.join(dir, 'organizations.csv');
    await writeFile(file, `${header}\n${fixedDemoOrgs.map(directoryLine).join('\n')}\n`);
    expect(await importOrganizationDirectory(db, file)).toEqual({
      file: 'organizations.csv',
      rows: fixedDemoOrgs.length,
      inserted: fixedDemoOrgs.length,
      updated: 0,
    });
    const before = await db.kysely.selectFrom('organizations').selectAll().orderBy('code').execute();
    expect(await importOrganizationDirectory(db, file)).toMatchObject({ inserted: 0, updated: 0 });
    expect(await db.kysely.selectFrom('organizations').selectAll().orderBy('code').execute()).toEqual(before);
    const school = before.find((o) => o.code === '00010505')!;
    expect(school.grades).toEqual(['09', '10', '11', '12']);
  });

  it('reports bad rows and unknown parents by line, and writes nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, `${header},notes\n07770000,Nowhere,district,local,,Nowhere,00000000,,,,x\n`);
    const cols = (await importOrganizationDirectory(db, file).catch((e: unknown) => e)) as ImportFailed;
    expect(cols.message.split('\n').slice(1)).toEqual([
      'bad.csv:1: notes: is not a column of the organization directory',
    ]);
    await writeFile(
      file,
      `${header}\n07770000,Nowhere,district,local,,Nowhere,00000000,north,,\n07770005,Nowhere High,school,public,09;10,Nowhere,07780000,,2019,2010\n`,
    );
    const err = (await importOrganizationDirectory(db, file).catch((e: unknown) => e)) as ImportFailed;
    expect(err).toBeInstanceOf(ImportFailed);
    expect(err.message.split('\n').slice(1)).toEqual(['bad.csv:3: closed_year: is before opened_year (value "2010")']);
    await writeFile(file, `${header}\n07770000,Nowhere,district,local,,Nowhere,00000000,north,,\n`);
    const refs = (await importOrganizationDirectory(db, file).catch((e: unknown) => e)) as ImportFailed;
    expect(refs.message.split('\n').slice(1)).toEqual([
      'bad.csv:2: region_code: names an organization that is neither in the file nor in the registry (value "north")',
    ]);
    expect(await db.kysely.selectFrom('organizations').select('code').where('code', '=', '07770000').execute()).toEqual(
      [],
    );
  });
});
