import { createServer, type Server } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { systemContext } from '../../src/server/context.ts';
import { createOrResetUser } from '../../src/server/services/user-service.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/auth/csp.ts';
import { cookieHeader, createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

const MINUTE = 60_000;

describe.each(testBackends())('authentication hardening on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => t?.close());

  const login = (email: string, password: string, ip = '10.0.0.1', headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: ip,
      headers,
    });
  const session = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }).then((r) => r.json().user);
  const later = (minutes: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + minutes * MINUTE);
  };

  describe('sign-in rate limiting and lockout', () => {
    it('after 5 failures from one address for one account, answers 429 with Retry-After, even to the right password', async () => {
      const u = demoUserOf('school_leader');
      for (let i = 0; i < 5; i++) expect((await login(u.email, 'wrong-password-xx', '10.0.1.1')).statusCode).toBe(401);
      const refused = await login(u.email, u.password, '10.0.1.1');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toEqual({
        code: 'too_many_requests',
        message: 'Too many failed sign-ins from your address. Try again in 15 minutes.',
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(refused.cookies).toHaveLength(0);
      // Another address is not held back: the account is not locked yet.
      expect((await login(u.email, u.password, '10.0.1.2')).statusCode).toBe(200);
    });

    it('locks an account for 15 minutes after 10 failures from any addresses, then lets it in', async () => {
      const u = demoUserOf('district_leader');
      for (let i = 0; i < 10; i++)
        expect((await login(u.email, `wrong-password-${i}`, `10.0.2.${i}`)).statusCode).toBe(401);
      const locked = await login(u.email, u.password, '10.0.2.99');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.message).toMatch(
        /^This account is locked after too many failed sign-ins\. Try again after \d\d:\d\d UTC \(in 15 minutes\), or ask a state administrator for help\.$/,
      );
      later(16);
      expect((await login(u.email, u.password, '10.0.2.99')).statusCode).toBe(200);
    });

    it('answers an unknown email exactly as a known one, so lockout does not reveal which accounts exist', async () => {
      const known = demoUserOf('regional_staff').email;
      const unknown = 'nobody-here@demo.ssos.example';
      const answers: LightMyRequestResponse[][] = [[], []];
      for (const [k, email] of [known, unknown].entries())
        for (let i = 0; i < 11; i++)
          answers[k]!.push(await login(email, `wrong-password-${i}`, `10.0.3.${k * 20 + i}`));
      expect(answers[0]!.map((r) => r.statusCode)).toEqual(answers[1]!.map((r) => r.statusCode));
      expect(answers[0]![10]!.statusCode).toBe(429);
      expect(answers[0]![10]!.json()).toEqual(answers[1]![10]!.json());
      later(16);
    });

    it('counts only failures: signing in correctly again and again is never limited', async () => {
      const u = demoUserOf('state_staff');
      for (let i = 0; i < 25; i++) expect((await login(u.email, u.password, '10.0.4.1')).statusCode).toBe(200);
    });

    it('a successful sign-in clears the failures before it', async () => {
      const u = demoUserOf('vendor');
      for (let i = 0; i < 4; i++) await login(u.email, 'wrong-password-xx', '10.0.5.1');
      expect((await login(u.email, u.password, '10.0.5.1')).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(u.email, 'wrong-password-xx', '10.0.5.1')).statusCode).toBe(401);
      expect((await login(u.email, u.password, '10.0.5.1')).statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    it('ends a session unused for 60 minutes, and keeps one in use', async () => {
      const u = demoUserOf('state_staff');
      const cookie = cookieHeader(await login(u.email, u.password, '10.0.6.1'));
      later(50);
      expect(await session(cookie)).not.toBeNull();
      later(50);
      expect(await session(cookie)).not.toBeNull();
      later(61);
      expect(await session(cookie)).toBeNull();
    });

    it('opens a new session at sign-in and ends the one the browser held', async () => {
      const u = demoUserOf('state_admin');
      const first = cookieHeader(await login(u.email, u.password, '10.0.7.1'));
      const second = await login(u.email, u.password, '10.0.7.1', { cookie: first });
      expect(second.statusCode).toBe(200);
      const next = cookieHeader(second);
      expect(next).not.toBe(first);
      expect(await session(first)).toBeNull();
      expect((await session(next)).email).toBe(u.email);
    });

    it("a change of role or scope ends the user's sessions, and no one else's", async () => {
      const u = demoUserOf('school_leader');
      const other = demoUserOf('district_leader');
      const cookie = cookieHeader(await login(u.email, u.password, '10.0.8.1'));
      const otherCookie = cookieHeader(await login(other.email, other.password, '10.0.8.2'));
      await createOrResetUser(systemContext(t.db), {
        email: u.email,
        displayName: u.displayName,
        role: 'district_leader',
        scopeCode: '00010000',
        password: u.password,
      });
      expect(await session(cookie)).toBeNull();
      expect(await session(otherCookie)).not.toBeNull();
      const again = cookieHeader(await login(u.email, u.password, '10.0.8.1'));
      expect((await session(again)).role).toBe('district_leader');
    });
  });

  describe('password rules where passwords are set', () => {
    const create = async (password: string, email = 'new.person@example.org') =>
      t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: await signInAs(t.app, 'state_admin') },
        payload: { email, displayName: 'New Person', role: 'state_staff', scopeCode: '00000000', password },
      });

    it('refuses a short password, the email, and a common password with a 400 naming the rule', async () => {
      const short = await create('short-pass1');
      expect(short.statusCode).toBe(400);
      // The request schema checks the length at the edge; the rules check it again for the CLI.
      expect(short.json().error).toMatchObject({ code: 'validation_failed', field: 'password' });
      expect(short.json().error.message).toMatch(/password: must be at least 12 characters/);
      const email = await create('New.Person@Example.org');
      expect(email.statusCode).toBe(400);
      expect(email.json().error.field).toBe('password');
      expect(email.json().error.message).toBe('password: must not be your email address or its name part');
      const common = await create('Password1234');
      expect(common.json().error.message).toBe(
        'password: is one of the most common passwords: choose one that is harder to guess',
      );
      expect((await create('granite-meadow-compass')).statusCode).toBe(201);
    });
  });

  describe('cross-site request forgery', () => {
    it('refuses a state-changing request from another site, with the session cookie, and changes nothing', async () => {
      const cookie = await signInAs(t.app, 'state_admin');
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, origin: 'https://evil.example' },
        payload: {
          email: 'forged@example.org',
          displayName: 'Forged',
          role: 'state_admin',
          scopeCode: '00000000',
          password: 'granite-meadow-compass',
        },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.message).toBe(
        'Cross-site request refused: it came from https://evil.example, not from the ssos web app',
      );
      const row = await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'forged@example.org')
        .execute();
      expect(row).toHaveLength(0);
    });

    it('refuses cross-site sign-in and sign-out (Referer or Sec-Fetch-Site when there is no Origin)', async () => {
      const u = demoUserOf('state_admin');
      expect((await login(u.email, u.password, '10.0.9.1', { origin: 'https://evil.example' })).statusCode).toBe(403);
      const cookie = await signInAs(t.app, 'state_admin');
      const viaReferer = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, referer: 'https://evil.example/page' },
        payload: {},
      });
      expect(viaReferer.statusCode).toBe(403);
      const viaFetchMetadata = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
        payload: {},
      });
      expect(viaFetchMetadata.statusCode).toBe(403);
      expect(await session(cookie)).not.toBeNull();
    });

    it('accepts the same requests from the app itself', async () => {
      const u = demoUserOf('state_admin');
      const host = 'ssos.example.org';
      const ok = await login(u.email, u.password, '10.0.9.2', { host, origin: `http://${host}` });
      expect(ok.statusCode).toBe(200);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: cookieHeader(ok), host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
        payload: {},
      });
      expect(out.statusCode).toBe(204);
    });
  });

  describe('security headers', () => {
    it('sends a CSP without inline or eval script, and the other headers, on the API and on pages', async () => {
      for (const url of ['/api/session', '/', '/some/page']) {
        const res = await t.app.inject({ method: 'GET', url });
        const csp = res.headers['content-security-policy'] as string;
        expect(csp, url).toBe(CONTENT_SECURITY_POLICY);
        const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
        expect(scriptSrc).toBe("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        // Plain HTTP (a laptop): no HSTS, which would pin localhost to HTTPS.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });
  });
});

describe('HSTS behind TLS', () => {
  it('is sent when the platform is configured for HTTPS (Secure cookies)', async () => {
    const t = await createTestApp('pglite', { demo: false, env: { SSOS_COOKIE_SECURE: 'true' } });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/session' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await t.close();
    }
  });
});

describe('sign-in limits are settings', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it('SSOS_LOGIN_MAX_FAILURES_PER_ADDRESS limits one address trying many accounts', async () => {
    process.env.SSOS_LOGIN_MAX_FAILURES_PER_ADDRESS = '3';
    const t = await createTestApp('pglite');
    try {
      const login = (email: string, password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          remoteAddress: '10.9.9.9',
        });
      for (const n of [1, 2, 3])
        expect((await login(`guess${n}@example.org`, 'wrong-password-xx')).statusCode).toBe(401);
      const u = demoUserOf('state_admin');
      expect((await login(u.email, u.password)).statusCode).toBe(429);
    } finally {
      await t.close();
      delete process.env.SSOS_LOGIN_MAX_FAILURES_PER_ADDRESS;
    }
  });
});

describe('OpenID Connect sign-in against a local identity provider', () => {
  const saved = { ...process.env };
  const redirectUri = 'http://localhost/api/auth/oidc/callback';
  let t: TestApp;
  let issuer: string;
  let server: Server;

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'ssos',
          client_secret: 'a-long-test-client-secret',
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      // The person signing in at the provider is the email they type (the provider's own test login form).
      findAccount: async (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true }),
      }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    });
    server = provider.listen(port);
    process.env.SSOS_OIDC_ISSUER = issuer;
    process.env.SSOS_OIDC_CLIENT_ID = 'ssos';
    process.env.SSOS_OIDC_CLIENT_SECRET = 'a-long-test-client-secret';
    process.env.SSOS_OIDC_REDIRECT_URI = redirectUri;
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    process.env = saved;
    await t?.close();
    await new Promise((r) => server?.close(r));
  });

  /** Goes through the provider as `email` (its login form, then its consent form); returns the callback query. */
  async function signInAtProvider(authorizeUrl: string, email: string): Promise<string> {
    const jar = new Map<string, string>();
    const visit = async (url: string, form?: Record<string, string>) => {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0]!;
        jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      return res;
    };
    let url = authorizeUrl;
    let form: Record<string, string> | undefined;
    for (let step = 0; step < 12; step++) {
      const res = await visit(url, form);
      form = undefined;
      const location = res.headers.get('location');
      if (location) {
        const next = new URL(location, url).href;
        if (next.startsWith(redirectUri)) return new URL(next).search;
        url = next;
        continue;
      }
      const html = await res.text();
      if (html.includes('name="prompt" value="login"')) form = { prompt: 'login', login: email, password: 'any' };
      else if (html.includes('name="prompt" value="consent"')) form = { prompt: 'consent' };
      else throw new Error(`unexpected page from the provider (${res.status}): ${html.slice(0, 300)}`);
    }
    throw new Error('the provider never sent the browser back');
  }

  const start = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(res.statusCode).toBe(302);
    return { location: res.headers.location as string, cookie: cookieHeader(res) };
  };

  it('signs in the account whose email the provider confirms, with a new session', async () => {
    const u = demoUserOf('district_leader');
    const { location, cookie } = await start();
    expect(location.startsWith(`${issuer}/auth?`)).toBe(true);
    expect(new URL(location).searchParams.get('code_challenge_method')).toBe('S256');
    const query = await signInAtProvider(location, u.email);
    const back = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback${query}`, headers: { cookie } });
    expect(back.statusCode, back.body).toBe(302);
    expect(back.headers.location).toBe('/');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieHeader(back) },
    });
    expect(session.json().user).toMatchObject({ email: u.email, role: 'district_leader' });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'sign_in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ method: 'oidc', issuer });
  });

  it('refuses a callback whose state does not match the one this browser started (login CSRF)', async () => {
    const mine = await start();
    const other = await start();
    const query = await signInAtProvider(other.location, demoUserOf('state_admin').email);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback${query}`,
      headers: { cookie: mine.cookie },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/^The identity provider did not confirm the sign-in/);
    expect(res.cookies.find((c) => c.name === 'ssos_session')).toBeUndefined();
  });

  it('refuses a callback with no sign-on in progress, and a person with no ssos account', async () => {
    const { location, cookie } = await start();
    const query = await signInAtProvider(location, 'stranger@example.org');
    const none = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback${query}` });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.message).toBe('The single sign-on took too long or was started elsewhere: start it again');
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/auth/oidc/callback${query}`,
      headers: { cookie },
    });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json().error.message).toBe(
      'No active ssos account has the email stranger@example.org: ask a state administrator to create one',
    );
  });
});

describe('OpenID Connect when not configured', () => {
  it('answers 404 on its routes', async () => {
    const t = await createTestApp('pglite', { demo: false });
    try {
      for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.message).toBe('Single sign-on (OpenID Connect) is not configured here');
      }
    } finally {
      await t.close();
    }
  });
});
