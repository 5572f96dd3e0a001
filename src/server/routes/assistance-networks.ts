import { personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import { IdParams } from '../api/assistance.ts';
import {
  MeetingBody,
  MeetingParams,
  MemberBody,
  MemberParams,
  NetworkBody,
  NetworkDetail,
  NetworkList,
} from '../api/assistance-networks.ts';
import { assistanceRoles } from '../services/assistance-service.ts';
import {
  addMeeting,
  addMember,
  changeMeeting,
  changeMember,
  changeNetwork,
  createNetwork,
  listNetworks,
  networkDetail,
  removeMeeting,
  removeMember,
} from '../services/assistance-networks-service.ts';
import type { RouteDeps } from './deps.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
/** Leaders read the networks they or their organizations belong to; the agency keeps them. */
const networkReaders = [...assistanceRoles, 'district_leader', 'school_leader'] as const;

/**
 * Networks with members and meetings (docs/assistance.md). State staff keep every network, regional staff their
 * region's; members are named people, so every response listing them is audited.
 */
export function registerAssistanceNetworkRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/assistance/networks',
    config: { access: signedIn(...networkReaders) },
    schema: {
      tags: ['assistance'],
      summary: 'The networks you may read: kind, region (or statewide), active members, last and next meeting',
      response: { 200: NetworkList, 401: ErrorResponse, 403: ErrorResponse },
    },
    handler: async (req) => listNetworks(req.ctx),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/networks',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Create a network (regional staff: of their region; statewide: state staff)',
      body: NetworkBody,
      response: { 201: NetworkDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createNetwork(req.ctx, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/assistance/networks/:id',
    config: { access: personLevel(signedIn(...networkReaders)) },
    schema: {
      tags: ['assistance'],
      summary: 'A network with its members and meetings (latest first) and who attended each (audited)',
      params: IdParams,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => networkDetail(req.ctx, req.params.id),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/networks/:id',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "Change a network's name, kind, description, region or active flag",
      params: IdParams,
      body: NetworkBody,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => changeNetwork(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/networks/:id/members',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Add a member: a user, or a named person, with an organization and a role',
      description: "A regional network's members come from its region.",
      params: IdParams,
      body: MemberBody,
      response: { 201: NetworkDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addMember(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/networks/:id/members/:memberId',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: "Change a member's organization, role or active flag",
      params: MemberParams,
      body: MemberBody,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => changeMember(req.ctx, req.params.id, req.params.memberId, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/networks/:id/members/:memberId',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Remove a member who attended no meeting (otherwise mark them inactive)',
      params: MemberParams,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => removeMember(req.ctx, req.params.id, req.params.memberId),
  });

  app.route({
    method: 'POST',
    url: '/api/assistance/networks/:id/meetings',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Record a meeting: date, topic, agenda, notes, and the members who attended',
      params: IdParams,
      body: MeetingBody,
      response: { 201: NetworkDetail, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addMeeting(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'PUT',
    url: '/api/assistance/networks/:id/meetings/:meetingId',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Change a meeting and who attended it',
      params: MeetingParams,
      body: MeetingBody,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => changeMeeting(req.ctx, req.params.id, req.params.meetingId, req.body),
  });

  app.route({
    method: 'DELETE',
    url: '/api/assistance/networks/:id/meetings/:meetingId',
    config: { access: personLevel(signedIn(...assistanceRoles)) },
    schema: {
      tags: ['assistance'],
      summary: 'Delete a meeting with its attendance',
      params: MeetingParams,
      response: { 200: NetworkDetail, ...errors },
    },
    handler: async (req) => removeMeeting(req.ctx, req.params.id, req.params.meetingId),
  });
}
