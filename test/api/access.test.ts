import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/core/access/roles.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { createTestDb, testBackends } from '../support/databases.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { personLevel, signedIn } from '../../src/server/auth/access.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';

describe('deny by default', () => {
  it('refuses to register a route that does not say who may call it', async () => {
    const db = await createTestDb('pglite');
    try {
      const app = await buildApp({ db, config: loadConfig({}) });
      expect(() => app.get('/api/undeclared', async () => ({ secret: true }))).toThrow(
        /route GET \/api\/undeclared has no access declaration/,
      );
      // Declared routes still register.
      expect(() =>
        app.get('/api/declared', { config: { access: signedIn() } }, async () => ({ ok: true })),
      ).not.toThrow();
      await app.close();
    } finally {
      await db.dispose();
    }
  });

  it('withholds a person-level response that was not audited', async () => {
    const db = await createTestDb('pglite');
    try {
      await loadDemo(db);
      const app = await buildApp({ db, config: loadConfig({}) });
      app.get('/api/forgot-to-audit', { config: { access: personLevel(signedIn()) } }, async () => ({
        names: ['a student'],
      }));
      await app.ready();
      const cookie = await signInAs(app, 'state_admin');
      const res = await app.inject({ method: 'GET', url: '/api/forgot-to-audit', headers: { cookie } });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('a student');
      await app.close();
    } finally {
      await db.dispose();
    }
  });
});

describe.each(testBackends())('access control on %s', (backend) => {
  let t: TestApp;
  const cookies = new Map<Role, string>();
  beforeAll(async () => {
    t = await createTestApp(backend);
    for (const role of roles) cookies.set(role, await signInAs(t.app, role));
  });
  afterAll(async () => t?.close());

  const protectedRoutes = [
    { method: 'GET' as const, url: '/api/users' },
    { method: 'POST' as const, url: '/api/users', payload: {} },
    { method: 'GET' as const, url: '/api/audit' },
    { method: 'GET' as const, url: '/api/orgs/00010505/users' },
  ];

  it.each(protectedRoutes)('signed out, $method $url is 401', async (route) => {
    const res = await t.app.inject(route);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'not_signed_in', message: 'Sign in to continue' } });
  });

  it('an invalid or expired session cookie is treated as signed out', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: 'ssos_session=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it.each(roles.filter((r) => r !== 'state_admin'))('the user list and audit log are 403 for %s', async (role) => {
    for (const url of ['/api/users', '/api/audit']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(role)! } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  // Who may list the accounts of which organization: each role, in and out of its scope.
  const scopeMatrix: [Role, string, number][] = [
    ['state_admin', '00010505', 200],
    ['state_admin', '03480000', 200],
    ['state_staff', '03480503', 200],
    ['regional_staff', '00010000', 200],
    ['regional_staff', '00010505', 200],
    ['regional_staff', 'coastal', 200],
    ['regional_staff', '03480000', 403],
    ['regional_staff', 'west-central', 403],
    ['district_leader', '00010000', 200],
    ['district_leader', '00010505', 200],
    ['district_leader', '00200000', 403],
    ['district_leader', '00000000', 403],
    ['school_leader', '00010505', 200],
    ['school_leader', '10505', 200],
    ['school_leader', '00010000', 403],
    ['school_leader', '00010405', 403],
    ['vendor', '00010505', 403],
  ];
  it.each(scopeMatrix)('%s listing the accounts of %s gets %i', async (role, code, status) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/orgs/${code}/users`,
      headers: { cookie: cookies.get(role)! },
    });
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json().error.code).toBe(role === 'vendor' ? 'forbidden' : 'out_of_scope');
  });

  it('writes an audit entry naming the reader for every read of accounts, and none for a refused one', async () => {
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('resource_type', '=', 'user_list')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/orgs/00010000/users',
      headers: { cookie: cookies.get('district_leader')! },
    });
    expect(ok.statusCode).toBe(200);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/orgs/00200000/users',
      headers: { cookie: cookies.get('district_leader')! },
    });
    expect(denied.statusCode).toBe(403);
    expect(await count()).toBe(before + 1);
    const entry = await t.db.kysely.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'read',
      resource_type: 'user_list',
      resource_id: '00010000',
      user_email: 'district@demo.ssos.example',
    });
    const listed = ok
      .json()
      .items.map((u: { email: string }) => u.email)
      .sort();
    expect(listed).toEqual(['district@demo.ssos.example', 'school@demo.ssos.example']);
    expect((entry.detail as { userIds: number[] }).userIds).toHaveLength(2);
  });

  it('an unknown organization is 404 before scope is judged', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/orgs/09999999/users',
      headers: { cookie: cookies.get('school_leader')! },
    });
    expect(res.statusCode).toBe(404);
  });

  it('public routes answer signed out', async () => {
    for (const url of [
      '/api/health',
      '/api/config',
      '/api/orgs?q=abington',
      '/api/orgs/00010505',
      '/api/roles',
      '/api/student-groups',
      '/api/indicators',
      '/api/session',
      '/api/openapi.json',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
