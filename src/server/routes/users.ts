import { z } from 'zod';
import type { ZodApp } from '../app.ts';
import { personLevel, signedIn } from '../auth/access.ts';
import { ErrorResponse } from '../api/common.ts';
import { CreateUserBody, UserList, UserSummary } from '../api/users.ts';
import { createUser, listAllUsers } from '../services/user-service.ts';
import type { RouteDeps } from './deps.ts';

export function registerUserRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/users',
    config: { access: personLevel(signedIn('state_admin')) },
    schema: {
      tags: ['users'],
      summary: 'Every account (state administrators)',
      querystring: z.object({}).strict(),
      response: { 200: UserList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => ({ items: await listAllUsers(req.ctx) }),
  });

  app.route({
    method: 'POST',
    url: '/api/users',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['users'],
      summary: 'Create an account with a role and a scope (state administrators)',
      body: CreateUserBody,
      response: { 201: UserSummary, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
    },
    handler: async (req, reply) => {
      const user = await createUser(req.ctx, req.body);
      return reply.code(201).send(user);
    },
  });
}
