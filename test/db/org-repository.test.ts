import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedDemoOrgs } from '../../src/core/demo/fixed-commonwealth.ts';
import {
  findOrgByCode,
  findOrgPlacement,
  listChildren,
  listRegionDistricts,
  searchOrgs,
  upsertOrganizations,
} from '../../src/server/db/repositories/org-repository.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

describe.each(testBackends())('organization repository on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await db.kysely.transaction().execute((trx) => upsertOrganizations(trx, fixedDemoOrgs));
  });
  afterAll(async () => db?.dispose());

  const search = (q: string, extra: Partial<Parameters<typeof searchOrgs>[1]> = {}) =>
    searchOrgs(db.kysely, { q, currentYear: 2027, limit: 25, offset: 0, ...extra });

  it('re-importing the same organizations changes nothing', async () => {
    const before = await db.kysely.selectFrom('organizations').selectAll().orderBy('code').execute();
    const result = await db.kysely.transaction().execute((trx) => upsertOrganizations(trx, fixedDemoOrgs));
    expect(result).toEqual({ inserted: 0, updated: 0 });
    const after = await db.kysely.selectFrom('organizations').selectAll().orderBy('code').execute();
    expect(after).toEqual(before);
  });

  it('finds a school by name words, in any case, with its district and region', async () => {
    const { rows, total } = await search('abington HIGH');
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({
      code: '00010505',
      name: 'Abington High',
      level: 'school',
      parent: { code: '00010000', name: 'Abington' },
      region: { code: 'coastal' },
    });
  });

  it('finds a school by its code, with or without leading zeros', async () => {
    expect((await search('00010505')).rows[0]?.code).toBe('00010505');
    expect((await search('10505')).rows[0]?.code).toBe('00010505');
    expect((await search('4450105')).rows[0]?.code).toBe('04450105');
  });

  it('lists an exact name match before partial ones, and districts before schools', async () => {
    const { rows } = await search('abington');
    expect(rows[0]?.code).toBe('00010000');
    expect(rows.map((r) => r.code)).toContain('00010505');
  });

  it('matches words against the district name too', async () => {
    const { rows } = await search('worcester burncoat');
    expect(rows.map((r) => r.code).sort()).toEqual(['03480405', '03480503']);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('leaves closed organizations out unless asked, and filters by level', async () => {
    expect((await search('head start')).total).toBe(0);
    expect((await search('head start', { includeClosed: true })).rows[0]?.closedYear).toBe(2019);
    const districts = await search('', { level: 'district', limit: 100 });
    expect(districts.total).toBe(6);
    expect(districts.rows.every((r) => r.level === 'district')).toBe(true);
  });

  it('pages through results with a stable total', async () => {
    const page1 = await search('', { level: 'school', limit: 5, offset: 0 });
    const page2 = await search('', { level: 'school', limit: 5, offset: 5 });
    expect(page1.total).toBe(page2.total);
    expect(page1.rows.map((r) => r.code)).not.toEqual(page2.rows.map((r) => r.code));
  });

  it('lists a district’s schools and a region’s districts', async () => {
    const abington = await findOrgByCode(db.kysely, '00010000');
    const schools = await listChildren(db.kysely, abington!.id);
    expect(schools.map((s) => s.code).sort()).toEqual(['00010002', '00010003', '00010015', '00010405', '00010505']);
    const coastal = await findOrgByCode(db.kysely, 'coastal');
    const districts = await listRegionDistricts(db.kysely, coastal!.id);
    expect(districts.map((d) => d.name)).toEqual(['Abington', 'Barnstable', 'Taunton']);
  });

  it('places a school under its district and the state, in its district’s region', async () => {
    expect(await findOrgPlacement(db.kysely, '00010505')).toMatchObject({
      code: '00010505',
      level: 'school',
      ancestorCodes: ['00010000', '00000000'],
      regionCode: 'coastal',
    });
    expect(await findOrgPlacement(db.kysely, '99999999')).toBeUndefined();
  });

  it('refuses an organization whose parent is unknown, writing nothing', async () => {
    const before = await db.kysely.selectFrom('organizations').select('code').execute();
    await expect(
      db.kysely.transaction().execute((trx) =>
        upsertOrganizations(trx, [
          {
            code: '07770001',
            name: 'Orphan',
            level: 'school',
            type: 'public',
            grades: [],
            town: null,
            parentCode: '07770000',
            regionCode: null,
            openedYear: null,
            closedYear: null,
          },
        ]),
      ),
    ).rejects.toThrow(/07770001 names parent 07770000, which is not known/);
    const after = await db.kysely.selectFrom('organizations').select('code').execute();
    expect(after.length).toBe(before.length);
  });
});
