import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegionMapping } from '../../src/server/ingest/regions.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

describe.each(testBackends())('region mapping import on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await loadDemo(db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-regions-'));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const regionOf = async (code: string) =>
    (
      await db.kysely
        .selectFrom('organizations as o')
        .leftJoin('organizations as r', 'r.id', 'o.region_id')
        .select('r.code')
        .where('o.code', '=', code)
        .executeTakeFirstOrThrow()
    ).code;

  const write = async (text: string) => {
    const p = path.join(dir, 'regions.csv');
    await writeFile(p, text);
    return p;
  };

  it('assigns districts, clears one with a blank region, and a second import changes nothing', async () => {
    const file = await write('district_code,region\n10000,west-central\n03480000,coastal\n08600000,\n');
    expect(await importRegionMapping(db, file)).toEqual({ file: 'regions.csv', rows: 3, changed: 3, unchanged: 0 });
    expect(await regionOf('00010000')).toBe('west-central');
    expect(await regionOf('03480000')).toBe('coastal');
    expect(await regionOf('08600000')).toBeNull();
    expect(await regionOf('00200000')).toBe('coastal'); // not in the file: kept
    expect(await importRegionMapping(db, file)).toEqual({ file: 'regions.csv', rows: 3, changed: 0, unchanged: 3 });
  });

  it('reports unknown districts, regions and columns by line, and changes nothing', async () => {
    const before = await regionOf('00200000');
    const err = (await importRegionMapping(
      db,
      await write(
        'district_code,region\n00200000,west-central\n00010505,coastal\n99990000,coastal\n02930000,north\n00200000,coastal\n',
      ),
    ).catch((e: unknown) => e)) as ImportFailed;
    expect(err).toBeInstanceOf(ImportFailed);
    expect(err.message.split('\n').slice(1)).toEqual([
      'regions.csv:3: district_code: is not a district in the organization registry (value "00010505")',
      'regions.csv:4: district_code: is not a district in the organization registry (value "99990000")',
      'regions.csv:5: region: is not a region (coastal, west-central, or blank for none) (value "north")',
      'regions.csv:6: district_code: is listed twice (also on line 2) (value "00200000")',
    ]);
    expect(await regionOf('00200000')).toBe(before);
    const cols = (await importRegionMapping(db, await write('district,region,notes\n00200000,coastal,x\n')).catch(
      (e: unknown) => e,
    )) as ImportFailed;
    expect(cols.message.split('\n').slice(1)).toEqual([
      'regions.csv:1: district: is not a column of the region mapping (district_code, region)',
      'regions.csv:1: notes: is not a column of the region mapping (district_code, region)',
      'regions.csv:1: district_code: is missing from the header',
    ]);
  });
});
