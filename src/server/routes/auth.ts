import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { publicAccess } from '../auth/access.ts';
import { SESSION_COOKIE } from '../auth/access-hooks.ts';
import { LoginBody, SessionResponse } from '../api/auth.ts';
import { ErrorResponse } from '../api/common.ts';
import { signIn, signOut } from '../services/auth-service.ts';
import { presentCurrentUser } from '../services/user-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerAuthRoutes(app: ZodApp, deps: RouteDeps): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };

  app.route({
    method: 'POST',
    url: '/api/auth/login',
    config: { access: publicAccess() },
    schema: {
      tags: ['sessions'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: LoginBody,
      response: { 200: SessionResponse, 400: ErrorResponse, 401: ErrorResponse },
    },
    handler: async (req, reply) => {
      const result = await signIn(req.ctx, req.body.email, req.body.password, deps.config.sessionHours);
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return { user: presentCurrentUser(result.user) };
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
