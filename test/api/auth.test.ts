import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/core/access/roles.ts';
import { cookieHeader, createTestApp, demoUserOf, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

describe.each(testBackends())('sign-in and sessions on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t?.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it.each(roles)('the demo %s signs in and the session says who they are', async (role) => {
    const u = demoUserOf(role);
    const res = await login(u.email, u.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: u.email, role, displayName: u.displayName });
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieHeader(res) } });
    expect(session.json().user.role).toBe(role);
  });

  it('sets an httpOnly, SameSite session cookie holding a token the database does not store', async () => {
    const u = demoUserOf('state_admin');
    const res = await login(u.email.toUpperCase(), u.password);
    const cookie = res.cookies.find((c) => c.name === 'ssos_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.value.length).toBeGreaterThanOrEqual(40);
    const stored = await t.db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value);
  });

  it('gives the same 401 for a wrong password and an unknown email, and audits both', async () => {
    const u = demoUserOf('school_leader');
    const wrong = await login(u.email, 'not-the-password');
    const unknown = await login('nobody@example.org', 'whatever-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
    const failures = await t.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'sign_in_failed')
      .execute();
    const emails = failures.map((f) => (f.detail as { email: string }).email);
    expect(emails).toEqual(expect.arrayContaining([u.email, 'nobody@example.org']));
  });

  it('signing out ends the session on the server, not only in the browser', async () => {
    const u = demoUserOf('district_leader');
    const cookie = cookieHeader(await login(u.email, u.password));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie }, payload: {} });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/orgs/00010000/users', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('a session expires after the configured hours', async () => {
    const u = demoUserOf('state_staff');
    const cookie = cookieHeader(await login(u.email, u.password));
    const ok = await t.app.inject({ method: 'GET', url: '/api/orgs/00010000/users', headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    const realNow = t.clock.now;
    t.clock.now = new Date(realNow.getTime() + 13 * 3_600_000);
    try {
      const expired = await t.app.inject({ method: 'GET', url: '/api/orgs/00010000/users', headers: { cookie } });
      expect(expired.statusCode).toBe(401);
    } finally {
      t.clock.now = realNow;
    }
  });

  it('a deactivated account can neither sign in nor use its open session', async () => {
    const u = demoUserOf('vendor');
    const cookie = cookieHeader(await login(u.email, u.password));
    await t.db.kysely.updateTable('users').set({ active: false }).where('email', '=', u.email).execute();
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.json().user).toBeNull();
    expect((await login(u.email, u.password)).statusCode).toBe(401);
  });
});
