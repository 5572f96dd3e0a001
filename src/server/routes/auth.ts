import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { publicAccess } from '../auth/access.ts';
import { SESSION_COOKIE } from '../auth/access-hooks.ts';
import { LoginBody, SessionResponse } from '../api/auth.ts';
import { ErrorResponse } from '../api/common.ts';
import { loadAuthSettings } from '../auth/auth-settings.ts';
import { SignInThrottled, signIn, signOut } from '../services/auth-service.ts';
import { completeOidcSignIn, startOidcSignIn, type PendingOidcSignIn } from '../services/oidc-service.ts';
import { AppError } from '../../core/errors.ts';

/** The cookie that holds a single sign-on in progress (state, nonce, PKCE verifier), for ten minutes. */
const OIDC_COOKIE = 'ssos_oidc';

function readPending(value: string | undefined): PendingOidcSignIn | null {
  if (!value) return null;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingOidcSignIn>;
    return typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.codeVerifier === 'string'
      ? { state: p.state, nonce: p.nonce, codeVerifier: p.codeVerifier }
      : null;
  } catch {
    return null;
  }
}
import { presentCurrentUser } from '../services/user-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerAuthRoutes(app: ZodApp, deps: RouteDeps): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };
  const settings = loadAuthSettings();

  app.route({
    method: 'POST',
    url: '/api/auth/login',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: 'Sign in with email and password; sets the session cookie',
      description:
        'Failed sign-ins are limited per client address and account: past the limits the answer is 429 with Retry-After, and the account is locked for a while (docs/security.md). Any session the browser held is ended and a new one opened.',
      body: LoginBody,
      response: { 200: SessionResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
    handler: async (req, reply) => {
      const previousToken = req.cookies[SESSION_COOKIE];
      let result;
      try {
        result = await signIn(req.ctx, req.body.email, req.body.password, deps.config.sessionHours, {
          previousToken,
          settings,
        });
      } catch (err) {
        if (err instanceof SignInThrottled) reply.header('retry-after', String(err.retryAfterSeconds));
        throw err;
      }
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return { user: presentCurrentUser(result.user) };
    },
  });

  const oidcCookieOptions = { ...cookieOptions, path: '/api/auth/oidc', maxAge: 600 };
  const requireOidc = () => {
    if (!settings.oidc) throw new AppError('not_found', 'Single sign-on (OpenID Connect) is not configured here');
    return settings.oidc;
  };

  app.route({
    method: 'GET',
    url: '/api/auth/oidc/start',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: "Single sign-on: sends the browser to the state's identity provider (OpenID Connect)",
      querystring: z.object({}).strict(),
      response: { 302: z.null().describe('To the identity provider'), 404: ErrorResponse, 503: ErrorResponse },
    },
    handler: async (_req, reply) => {
      const { url, pending } = await startOidcSignIn(requireOidc());
      reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), oidcCookieOptions);
      return reply.redirect(url, 302);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/auth/oidc/callback',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: 'Single sign-on: where the identity provider sends the browser back; opens a session and goes home',
      querystring: z.record(z.string(), z.string()),
      response: { 302: z.null().describe('Signed in: to the home page'), 401: ErrorResponse, 404: ErrorResponse },
    },
    handler: async (req, reply) => {
      const oidc = requireOidc();
      const pending = readPending(req.cookies[OIDC_COOKIE]);
      reply.clearCookie(OIDC_COOKIE, oidcCookieOptions);
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      const result = await completeOidcSignIn(
        req.ctx,
        oidc,
        query,
        pending,
        deps.config.sessionHours,
        req.cookies[SESSION_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return reply.redirect('/', 302);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/logout',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: 'Sign out: ends the session and clears the cookie (succeeds when not signed in)',
      body: z.object({}).strict().optional(),
      response: { 204: z.null().describe('Signed out') },
    },
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await signOut(req.ctx, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/session',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: 'The signed-in user, or null when signed out',
      response: { 200: SessionResponse },
    },
    handler: async (req) => ({ user: req.user ? presentCurrentUser(req.user) : null }),
  });
}
