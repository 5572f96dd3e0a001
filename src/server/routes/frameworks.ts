import { signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import {
  FrameworkItemParams,
  FrameworkParams,
  FrameworkVersion,
  FrameworkVersionList,
  FrameworkVersionParams,
  ItemEditBody,
  NewItemBody,
  NewVersionBody,
} from '../api/frameworks.ts';
import {
  addFrameworkItem,
  createFrameworkVersion,
  editFrameworkItem,
  getCurrentFramework,
  getFrameworkVersion,
  listFrameworks,
  publishFramework,
  removeFrameworkItem,
  seedFrameworkLibrary,
} from '../services/framework-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The framework library: the frameworks self-assessments and site visits rate against, versioned. */
export function registerFrameworkRoutes(app: ZodApp, deps: RouteDeps): void {
  // The shipped library is seeded when the app starts (idempotent): see seedFrameworkLibrary.
  app.addHook('onReady', async () => {
    await seedFrameworkLibrary(deps.db);
  });

  app.route({
    method: 'GET',
    url: '/api/frameworks',
    config: { access: signedIn() },
    schema: {
      tags: ['frameworks'],
      summary: 'Every framework version in the library, without its items',
      response: { 200: FrameworkVersionList, 401: ErrorResponse },
    },
    handler: async () => listFrameworks(deps.db),
  });

  app.route({
    method: 'GET',
    url: '/api/frameworks/:code',
    config: { access: signedIn() },
    schema: {
      tags: ['frameworks'],
      summary: 'The latest published version of a framework, with its rating scale and items',
      params: FrameworkParams,
      response: { 200: FrameworkVersion, ...errors },
    },
    handler: async (req) => getCurrentFramework(deps.db, req.params.code),
  });

  app.route({
    method: 'GET',
    url: '/api/frameworks/:code/versions/:version',
    config: { access: signedIn() },
    schema: {
      tags: ['frameworks'],
      summary: 'One version of a framework, with its rating scale and items',
      params: FrameworkVersionParams,
      response: { 200: FrameworkVersion, ...errors },
    },
    handler: async (req) => getFrameworkVersion(deps.db, req.params.code, req.params.version),
  });

  app.route({
    method: 'POST',
    url: '/api/frameworks/:code/versions',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['frameworks'],
      summary: 'Create a new draft version: a copy of an existing version to edit',
      description: 'Records made with earlier versions keep pointing at them.',
      params: FrameworkParams,
      body: NewVersionBody,
      response: { 201: FrameworkVersion, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createFrameworkVersion(req.ctx, req.params.code, req.body)),
  });

  app.route({
    method: 'PATCH',
    url: '/api/frameworks/:code/versions/:version/items/:itemCode',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['frameworks'],
      summary: 'Edit the wording of an item of a draft version, or mark it confirmed',
      description: 'Published versions do not change (409): create a new version and edit that.',
      params: FrameworkItemParams,
      body: ItemEditBody,
      response: { 200: FrameworkVersion, ...errors },
    },
    handler: async (req) =>
      editFrameworkItem(req.ctx, req.params.code, req.params.version, req.params.itemCode, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/frameworks/:code/versions/:version/items/:itemCode',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['frameworks'],
      summary: 'Remove an item (an area with its indicators) from a draft version',
      params: FrameworkItemParams,
      response: { 200: FrameworkVersion, ...errors },
    },
    handler: async (req) => removeFrameworkItem(req.ctx, req.params.code, req.params.version, req.params.itemCode),
  });

  app.route({
    method: 'POST',
    url: '/api/frameworks/:code/versions/:version/items',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['frameworks'],
      summary: 'Add an area or an indicator to a draft version (e.g. the Turnaround Practice indicators)',
      params: FrameworkVersionParams,
      body: NewItemBody,
      response: { 201: FrameworkVersion, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await addFrameworkItem(req.ctx, req.params.code, req.params.version, req.body)),
  });

  app.route({
    method: 'POST',
    url: '/api/frameworks/:code/versions/:version/publish',
    config: { access: signedIn('state_admin') },
    schema: {
      tags: ['frameworks'],
      summary: 'Publish a draft version: new self-assessments and site visits use the latest published version',
      params: FrameworkVersionParams,
      response: { 200: FrameworkVersion, ...errors },
    },
    handler: async (req) => publishFramework(req.ctx, req.params.code, req.params.version),
  });
}
