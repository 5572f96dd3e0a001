import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/core/access/roles.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

describe.each(testBackends())('assigning districts to regions on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await signInAs(t.app, 'state_admin');
  });
  afterAll(async () => t?.close());

  const put = (code: string, body: unknown, cookie = admin) =>
    t.app.inject({ method: 'PUT', url: `/api/orgs/${code}/region`, payload: body as object, headers: { cookie } });

  it('a state administrator moves a district, its schools follow, and the change is audited', async () => {
    const res = await put('00010000', { regionCode: 'west-central' });
    expect(res.statusCode).toBe(200);
    expect(res.json().region).toMatchObject({ code: 'west-central' });
    const school = (await t.app.inject({ method: 'GET', url: '/api/orgs/00010505' })).json();
    expect(school.region.code).toBe('west-central');
    const entry = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('resource_type', '=', 'organization_region')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'update', resource_id: '00010000', user_email: 'admin@demo.ssos.example' });
    expect(entry.detail).toEqual({ from: 'coastal', to: 'west-central' });
    const cleared = await put('00010000', { regionCode: null });
    expect(cleared.json().region).toBeNull();
    expect((await put('00010000', { regionCode: 'coastal' })).statusCode).toBe(200);
  });

  it('refuses schools, unknown regions and other roles', async () => {
    expect((await put('00010505', { regionCode: 'coastal' })).json().error).toMatchObject({
      code: 'validation_failed',
      field: 'regionCode',
    });
    expect((await put('00010000', { regionCode: 'north' })).json().error.message).toBe(
      'regionCode: north is not a region',
    );
    expect((await put('00010000', { region: 'coastal' })).statusCode).toBe(400);
    for (const role of roles.filter((r) => r !== 'state_admin')) {
      const cookie = await signInAs(t.app, role);
      expect((await put('00010000', { regionCode: 'west-central' }, cookie)).statusCode, role).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/orgs/00010000/region', payload: { regionCode: null } }))
        .statusCode,
    ).toBe(401);
  });
});
