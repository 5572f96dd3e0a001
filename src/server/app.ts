import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { describeAccess, publicAccess, type Access } from './auth/access.ts';
import { installAccessControl } from './auth/access-hooks.ts';
import { CONTENT_SECURITY_POLICY, DOCS_CSP } from './auth/csp.ts';
import { describeValidationFailure } from './validation.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerOrgRoutes } from './routes/orgs.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerCatalogRoutes } from './routes/catalog.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerAccountabilityRoutes } from './routes/accountability.ts';
import { registerDesignationRoutes } from './routes/designations.ts';
import { registerDartRoutes } from './routes/dart.ts';
import { registerEwisRoutes } from './routes/ewis.ts';
import { registerPlanRoutes } from './routes/plans.ts';
import { registerAssistanceRoutes } from './routes/assistance.ts';
import { registerFrameworkRoutes } from './routes/frameworks.ts';
import { registerSelfAssessmentRoutes } from './routes/self-assessments.ts';
import { registerSiteVisitRoutes } from './routes/site-visits.ts';

/** What the HTTP app is built from. */
export interface AppDeps {
  db: Db;
  config: Config;
  /** The clock, replaceable in tests. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** The platform version shown by /api/health. */
  version?: string;
}

/** The Fastify app with the zod type provider, as route modules receive it. */
export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export type ZodApp = ReturnType<typeof withZod>;
function withZod(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/**
 * Registers a third-party plugin whose routes all get one access declaration (the API docs, the web app's files):
 * its routes are not ours to annotate one by one.
 */
async function registerWithAccess(
  app: FastifyInstance,
  access: Access,
  register: (child: FastifyInstance) => Promise<void>,
): Promise<void> {
  await app.register(async (child) => {
    // A plain property on the encapsulated instance: only this plugin's routes see it.
    child.ssosDefaultAccess = access;
    await register(child);
  });
}

/** Builds the HTTP app from its dependencies; the caller listens (main.ts) or injects requests (tests). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.SSOS_TRUST_PROXY === 'true',
    logController: new LogController({ disableRequestLogging: process.env.SSOS_REQUEST_LOGS !== 'true' }),
    routerOptions: { ignoreTrailingSlash: true },
    ajv: undefined,
  });
  // Only JSON bodies: a form or text post (the shape of a cross-site request forgery) is refused with 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifyCookie);
  installAccessControl(app, db, clock);
  // Every route's OpenAPI description says who may call it.
  app.addHook('onRoute', (routeOptions) => {
    const access = routeOptions.config?.access;
    if (access && routeOptions.schema && !routeOptions.schema.hide) {
      const base = typeof routeOptions.schema.description === 'string' ? `${routeOptions.schema.description}\n\n` : '';
      routeOptions.schema = { ...routeOptions.schema, description: `${base}${describeAccess(access)}` };
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // The API docs (Swagger UI) style themselves with inline <style>; the web app does not (src/server/auth/csp.ts).
    reply.header('content-security-policy', req.url.startsWith('/api/docs') ? DOCS_CSP : CONTENT_SECURITY_POLICY);
    // Only over TLS (directly, or behind a proxy that says so, or when cookies are marked Secure): HSTS sent over
    // plain HTTP is ignored by browsers, and on a laptop it would pin localhost to HTTPS.
    if (req.protocol === 'https' || config.cookieSecure)
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ssos API',
        description:
          'The Statewide System of Support platform. Errors are `{ "error": { "code", "message", "field"? } }`. Signed-in routes use the session cookie set by POST /api/auth/login.',
        version: deps.version ?? '0.0.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ssos_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await registerWithAccess(app, publicAccess(), async (child) => {
    await child.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  const api = withZod(app);
  const routeDeps = { db, config, clock, version: deps.version ?? '0.0.0' };
  registerHealthRoutes(api, routeDeps);
  registerAuthRoutes(api, routeDeps);
  registerOrgRoutes(api, routeDeps);
  registerUserRoutes(api, routeDeps);
  registerCatalogRoutes(api, routeDeps);
  registerAuditRoutes(api, routeDeps);
  registerAccountabilityRoutes(api, routeDeps);
  registerDesignationRoutes(api, routeDeps);
  registerDartRoutes(api, routeDeps);
  registerEwisRoutes(api, routeDeps);
  registerPlanRoutes(api, routeDeps);
  registerAssistanceRoutes(api, routeDeps);
  registerFrameworkRoutes(api, routeDeps);
  registerSelfAssessmentRoutes(api, routeDeps);
  registerSiteVisitRoutes(api, routeDeps);
  api.get('/api/openapi.json', { config: { access: publicAccess() }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDir = path.resolve(config.webDir);
  const webBuilt = existsSync(path.join(webDir, 'index.html'));
  if (webBuilt) {
    await registerWithAccess(app, publicAccess(), async (child) => {
      await child.register(fastifyStatic, {
        root: webDir,
        prefix: '/',
        index: ['index.html'],
        setHeaders: (res, filePath) => {
          res.header(
            'cache-control',
            filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  }

  app.setNotFoundHandler(async (req, reply) => {
    const isApi = req.url === '/api' || req.url.startsWith('/api/');
    if (!isApi && req.method === 'GET' && webBuilt) {
      // The web app routes on the client: unknown paths get its page, which shows its own not-found view.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    if (!isApi && req.method === 'GET') {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The web app has not been built: run `npm run build` (or `npm start`, which builds it).');
    }
    const err = new AppError('route_not_found', `There is no ${req.method} ${req.url.split('?')[0]}`);
    return reply.code(err.status).send(err.toBody());
  });

  return app;
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const { field, message } = describeValidationFailure(error.validation, error.validationContext);
      appError = new AppError('validation_failed', message, field);
    } else if (error.code === 'FST_ERR_RESPONSE_SERIALIZATION') {
      req.log.error({ err: error }, 'response does not match its schema');
      appError = new AppError('internal');
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError(
        'payload_too_large',
        `The request body is larger than the limit of ${app.initialConfig.bodyLimit} bytes`,
        'body',
      );
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appError = new AppError('unsupported_media_type', 'The request body must be sent as application/json', 'body');
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      appError = new AppError('invalid_json', 'The request body is empty; send a JSON object', 'body');
    } else if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      appError = new AppError('invalid_json', `The request body is not valid JSON: ${error.message}`, 'body');
    } else if (error.statusCode === 405 || error.code === 'FST_ERR_ROUTE_METHOD_NOT_SUPPORTED') {
      appError = new AppError('method_not_allowed');
    } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      req.log.warn({ err: error }, 'client error');
      appError = new AppError('bad_request', error.message);
    } else {
      req.log.error({ err: error }, 'unexpected error');
      appError = new AppError('internal');
    }
    return reply.code(appError.status).send(appError.toBody());
  });
}
