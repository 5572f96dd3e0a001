import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { isOrgInScope, type Role } from '../../core/access/roles.ts';
import { normalizeOrgCode } from '../../core/orgs/organization.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { readDataVersion } from '../db/data-version.ts';
import { findOrgPlacement } from '../db/repositories/org-repository.ts';
import { resolveSession } from '../services/auth-service.ts';
import { cachedByDataVersion } from '../services/report-cache.ts';
import type { Access } from './access.ts';
import { loadAuthSettings } from './auth-settings.ts';
import { crossSiteProblem, STATE_CHANGING_METHODS } from './csrf.ts';

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'ssos_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (required on every route). */
    access?: Access;
  }
  interface FastifyInstance {
    /** Set on encapsulated plugin contexts whose routes all share one declaration (the docs, the web app). */
    ssosDefaultAccess?: Access;
    /** Every route registered, with its access declaration (the access-matrix test walks it). */
    ssosRoutes: RegisteredRoute[];
  }
  interface FastifyRequest {
    user: AuthUser | null;
    audited: boolean;
    /** The context services get for this request. */
    ctx: RequestContext;
  }
}

/** A route as registered: its method(s), URL and access declaration. */
export interface RegisteredRoute {
  methods: string[];
  url: string;
  access: Access;
}

/** The access declared for a route, or undefined. */
function declaredAccess(req: FastifyRequest): Access | undefined {
  return req.routeOptions.config?.access;
}

/**
 * Installs deny-by-default authorization: registering a route without an access declaration throws; every request
 * is checked against its route's declaration (401 signed out, 403 wrong role or out of scope) before its body is
 * read; person-level routes must write an audit entry for every successful response. State-changing requests from
 * another site are refused (csrf.ts); sessions end when idle (SSOS_SESSION_IDLE_MINUTES).
 */
export function installAccessControl(app: FastifyInstance, db: Db, clock: () => Date): void {
  const registered: RegisteredRoute[] = [];
  app.decorate('ssosRoutes', registered);
  app.addHook('onRoute', function (routeOptions) {
    const access = routeOptions.config?.access ?? this.ssosDefaultAccess;
    if (!access) {
      const method = Array.isArray(routeOptions.method) ? routeOptions.method.join(',') : routeOptions.method;
      throw new Error(
        `route ${method} ${routeOptions.url} has no access declaration: add config.access (publicAccess(), signedIn(...), inScope(...))`,
      );
    }
    routeOptions.config = { ...routeOptions.config, access };
    const methods = Array.isArray(routeOptions.method) ? routeOptions.method : [routeOptions.method];
    registered.push({ methods: methods.map(String), url: routeOptions.url, access });
  });

  app.decorateRequest('user', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  const settings = loadAuthSettings();
  app.addHook('onRequest', async (req) => {
    if (STATE_CHANGING_METHODS.has(req.method)) {
      const problem = crossSiteProblem(
        {
          origin: headerText(req.headers.origin),
          referer: headerText(req.headers.referer),
          secFetchSite: headerText(req.headers['sec-fetch-site']),
        },
        req.host,
        settings.allowedOrigins,
      );
      if (problem) throw new AppError('forbidden', problem);
    }
    const token = req.cookies?.[SESSION_COOKIE];
    const now = clock();
    const session = token ? await resolveSession(db, token, now, settings.idleMinutes) : null;
    req.user = session?.user ?? null;
    let version: Promise<string> | undefined = session ? Promise.resolve(session.dataVersion) : undefined;
    req.ctx = {
      db,
      user: req.user,
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: req.id,
      now,
      dataVersion: () => (version ??= readDataVersion(db)),
      markAudited: () => {
        req.audited = true;
      },
    };
    const access = declaredAccess(req);
    // Only the not-found handler runs without a route declaration; it serves no data.
    if (!access || access.kind === 'public') return;
    if (!req.user) throw new AppError('not_signed_in');
    if (access.roles !== 'any' && !access.roles.includes(req.user.role as Role)) {
      throw new AppError('forbidden', 'Your role does not have access to this');
    }
  });

  app.addHook('preHandler', async (req) => {
    const access = declaredAccess(req);
    if (!access || access.kind === 'public' || !access.scopeParam || !req.user) return;
    const raw = (req.params as Record<string, unknown>)[access.scopeParam];
    const code = typeof raw === 'string' ? normalizeOrgCode(raw) : null;
    // Kept per data version: organizations change with imports, not between requests.
    const placement = code
      ? await cachedByDataVersion(req.ctx, `org-placement|${code}`, () => findOrgPlacement(db.kysely, code))
      : undefined;
    if (!placement) throw new AppError('not_found', `No organization has the code ${String(raw)}`);
    if (!isOrgInScope(req.user.scope, placement)) throw new AppError('out_of_scope');
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const access = declaredAccess(req);
    if (access?.kind === 'signedIn' && access.personLevel && reply.statusCode < 300 && !req.audited) {
      req.log.error({ url: req.url }, 'person-level response without an audit entry: refused');
      reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify(
        new AppError('internal', 'The response was withheld because it could not be audited').toBody(),
      );
    }
    return payload;
  });
}
