import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { loadMigrations } from '../../src/server/db/migrate.ts';

describe.each(testBackends())('organization endpoints on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('searches by name and by code', async () => {
    const byName = (await get('/api/orgs?q=abington%20high')).json();
    expect(byName.total).toBe(1);
    expect(byName.items[0]).toMatchObject({
      code: '00010505',
      name: 'Abington High',
      typeLabel: 'Public school',
      gradeSpan: '09-12',
      gradeSpanCategory: 'HS',
    });
    const byCode = (await get('/api/orgs?q=00010505')).json();
    expect(byCode.items[0].name).toBe('Abington High');
  });

  it('returns one organization with parent, region and children', async () => {
    const district = (await get('/api/orgs/00010000')).json();
    expect(district).toMatchObject({
      code: '00010000',
      level: 'district',
      type: 'local',
      parent: { code: '00000000', name: 'Massachusetts' },
      region: { code: 'coastal' },
    });
    expect(district.children).toHaveLength(5);
    expect(district.children.every((c: { parent: { code: string } }) => c.parent.code === '00010000')).toBe(true);
    const school = (await get('/api/orgs/4450105')).json();
    expect(school).toMatchObject({
      code: '04450105',
      type: 'charter',
      parent: { code: '04450000' },
      region: { code: 'west-central' },
      children: [],
    });
    const region = (await get('/api/orgs/west-central')).json();
    expect(region.children.map((c: { code: string }) => c.code).sort()).toEqual(['03480000', '04450000', '08600000']);
    const state = (await get('/api/orgs/00000000')).json();
    expect(state.parent).toBeNull();
    expect(state.children.filter((c: { level: string }) => c.level === 'region')).toHaveLength(2);
  });

  it('an unknown code is 404 with a message naming it', async () => {
    const res = await get('/api/orgs/12345678');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('No organization has the code 12345678');
    expect((await get('/api/orgs/not%20a%20code')).statusCode).toBe(404);
  });

  it('publishes an OpenAPI document and the docs page', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/orgs', '/api/orgs/{code}', '/api/health', '/api/auth/login']),
    );
    expect(doc.paths['/api/orgs/{code}/users'].get.description).toMatch(/Person-level data/);
    const docs = await get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('reports health with the database kind', async () => {
    const health = (await get('/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: backend, schemaVersion: (await loadMigrations()).length });
  });
});
