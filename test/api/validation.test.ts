import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

describe.each(testBackends())('bad input on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(backend, { env: { SSOS_BODY_LIMIT: '65536' } });
    admin = await signInAs(t.app, 'state_admin');
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json', cookie: admin, ...headers },
    });

  it('malformed JSON is 400 invalid_json naming the body', async () => {
    const res = await post('/api/auth/login', '{"email": "a@b.c", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_json', field: 'body' });
  });

  it('an unknown field is 400 naming the field', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ email: 'a@b.c', password: 'x', isAdmin: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'validation_failed',
      message: 'body: unknown field "isAdmin"',
      field: 'isAdmin',
    });
  });

  it('a wrong type is 400 naming the field', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ email: ['a@b.c'], password: 'x' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('email');
    expect(res.json().error.message).toMatch(/^body\.email: .*expected string/);
  });

  it('a missing field is 400 naming the field', async () => {
    const res = await post(
      '/api/users',
      JSON.stringify({ email: 'new@example.org', displayName: 'New', role: 'state_staff', scopeCode: '00000000' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('password');
  });

  it('an oversized body is 400 payload_too_large, and nothing is written', async () => {
    const before = await t.db.kysely.selectFrom('users').select('id').execute();
    const res = await post(
      '/api/users',
      JSON.stringify({
        email: 'big@example.org',
        displayName: 'x'.repeat(70_000),
        role: 'state_staff',
        scopeCode: '00000000',
        password: 'long-enough-password',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', field: 'body' });
    expect(await t.db.kysely.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('an oversized field is 400 naming the field', async () => {
    const res = await post(
      '/api/users',
      JSON.stringify({
        email: 'big@example.org',
        displayName: 'x'.repeat(500),
        role: 'state_staff',
        scopeCode: '00000000',
        password: 'long-enough-password',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('displayName');
  });

  it('a body that is not JSON is refused with 415', async () => {
    const res = await post('/api/auth/login', 'email=a&password=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(415);
    const text = await post('/api/auth/login', 'hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
  });

  it('bad query parameters are 400 naming the parameter', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/orgs?limit=99999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('limit');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/orgs?colour=red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('colour');
  });

  it('an account with a scope at the wrong level is refused with the reason', async () => {
    const res = await post(
      '/api/users',
      JSON.stringify({
        email: 'p@example.org',
        displayName: 'P',
        role: 'school_leader',
        scopeCode: '00010000',
        password: 'long-enough-password',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      field: 'scopeCode',
      message: 'scope: a school leader must be scoped to a school, not a district',
    });
  });

  it('a state administrator creates an account that can sign in; a duplicate email is 409', async () => {
    const body = {
      email: 'Pat.Principal@Example.org',
      displayName: 'Pat Principal',
      role: 'school_leader',
      scopeCode: '10505',
      password: 'a-long-passphrase',
    };
    const res = await post('/api/users', JSON.stringify(body));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'pat.principal@example.org',
      scope: { level: 'school', orgCode: '00010505', orgName: 'Abington High' },
    });
    const again = await post('/api/users', JSON.stringify(body));
    expect(again.statusCode).toBe(409);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'pat.principal@example.org', password: 'a-long-passphrase' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('unknown API paths are 404 in the error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });
});
