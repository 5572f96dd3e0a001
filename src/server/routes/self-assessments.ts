import { z } from 'zod';
import type { Role } from '../../core/access/roles.ts';
import { inScope, personLevel, signedIn } from '../auth/access.ts';
import type { ZodApp } from '../app.ts';
import { ErrorResponse } from '../api/common.ts';
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentBody,
  AttachmentParams,
  Comparison,
  ComparisonQuery,
  ConsensusBody,
  HeatMap,
  HistoryQuery,
  MemberParams,
  MemberRatingsBody,
  NewMembersBody,
  NewSelfAssessmentBody,
  OrgCodeParams,
  SelfAssessment,
  SelfAssessmentList,
  SelfAssessmentParams,
  SelfAssessmentTransitionBody,
} from '../api/self-assessments.ts';
import {
  addAttachment,
  addMembers,
  createSelfAssessment,
  downloadAttachment,
  getSelfAssessment,
  listSelfAssessments,
  recordConsensus,
  recordMemberRatings,
  removeAttachment,
  selfAssessmentComparison,
  selfAssessmentHeatMap,
  selfAssessmentPdf,
  transitionSelfAssessment,
} from '../services/self-assessment-service.ts';
import type { RouteDeps } from './deps.ts';

/** Everyone but vendors works with self-assessments, each within their own scope (checked record by record). */
const teamRoles: Role[] = ['state_admin', 'state_staff', 'regional_staff', 'district_leader', 'school_leader'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Self-assessments: a school or district team rates a framework's indicators per response period. */
export function registerSelfAssessmentRoutes(app: ZodApp, _deps: RouteDeps): void {
  app.route({
    method: 'GET',
    url: '/api/orgs/:code/self-assessments',
    config: { access: inScope('code', ...teamRoles) },
    schema: {
      tags: ['self-assessments'],
      summary: "An organization's self-assessments, latest period first (no names)",
      params: OrgCodeParams,
      querystring: HistoryQuery.partial(),
      response: { 200: SelfAssessmentList, ...errors },
    },
    handler: async (req) => listSelfAssessments(req.ctx, req.params.code, req.query.framework),
  });

  app.route({
    method: 'POST',
    url: '/api/orgs/:code/self-assessments',
    config: { access: personLevel(inScope('code', ...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Start a self-assessment for a response period with a named team, on the current framework version',
      description: 'One self-assessment per organization, framework and period (409 otherwise).',
      params: OrgCodeParams,
      body: NewSelfAssessmentBody,
      response: { 201: SelfAssessment, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await createSelfAssessment(req.ctx, req.params.code, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/self-assessments/heat-map',
    config: { access: inScope('code', ...teamRoles) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Heat map of consensus ratings: indicator x response period (completed self-assessments)',
      params: OrgCodeParams,
      querystring: HistoryQuery,
      response: { 200: HeatMap, ...errors },
    },
    handler: async (req) => selfAssessmentHeatMap(req.ctx, req.params.code, req.query.framework),
  });

  app.route({
    method: 'GET',
    url: '/api/orgs/:code/self-assessments/comparison',
    config: { access: inScope('code', ...teamRoles) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Period-to-period comparison: improved, declined or unchanged per indicator, with the ratings',
      params: OrgCodeParams,
      querystring: ComparisonQuery,
      response: { 200: Comparison, ...errors },
    },
    handler: async (req) => selfAssessmentComparison(req.ctx, req.params.code, req.query),
  });

  app.route({
    method: 'GET',
    url: '/api/self-assessments/:id',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'A self-assessment with its team, every rating, the consensus and the spread per indicator',
      params: SelfAssessmentParams,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => getSelfAssessment(req.ctx, req.params.id),
  });

  app.route({
    method: 'POST',
    url: '/api/self-assessments/:id/members',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Add members to the team of a draft self-assessment',
      params: SelfAssessmentParams,
      body: NewMembersBody,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => addMembers(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'PUT',
    url: '/api/self-assessments/:id/members/:memberId/ratings',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: "Record a team member's ratings and evidence notes (draft only)",
      params: MemberParams,
      body: MemberRatingsBody,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => recordMemberRatings(req.ctx, req.params.id, req.params.memberId, req.body),
  });

  app.route({
    method: 'PUT',
    url: '/api/self-assessments/:id/consensus',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: "Record the team's consensus rating per indicator (draft only)",
      params: SelfAssessmentParams,
      body: ConsensusBody,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => recordConsensus(req.ctx, req.params.id, req.body),
  });

  app.route({
    method: 'POST',
    url: '/api/self-assessments/:id/transitions',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Complete a draft (every indicator needs a consensus rating) or reopen a completed self-assessment',
      description: 'draft -> completed (complete); completed -> draft (reopen). Other moves are refused (409).',
      params: SelfAssessmentParams,
      body: SelfAssessmentTransitionBody,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => transitionSelfAssessment(req.ctx, req.params.id, req.body.action),
  });

  app.route({
    method: 'POST',
    url: '/api/self-assessments/:id/attachments',
    // Base64 grows the file by a third; leave room for the JSON around it.
    bodyLimit: Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 64 * 1024,
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: `Attach an evidence file (base64, at most ${ATTACHMENT_MAX_BYTES} bytes) to a draft self-assessment`,
      params: SelfAssessmentParams,
      body: AttachmentBody,
      response: { 201: SelfAssessment, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(await addAttachment(req.ctx, req.params.id, req.body)),
  });

  app.route({
    method: 'GET',
    url: '/api/self-assessments/:id/attachments/:attachmentId',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Download an evidence file',
      params: AttachmentParams,
      response: { 200: z.any(), ...errors },
    },
    handler: async (req, reply) => {
      const file = await downloadAttachment(req.ctx, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/["\\]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/self-assessments/:id/attachments/:attachmentId',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'Remove an evidence file from a draft self-assessment',
      description: 'A completed self-assessment keeps its files until it is reopened (409).',
      params: AttachmentParams,
      response: { 200: SelfAssessment, ...errors },
    },
    handler: async (req) => removeAttachment(req.ctx, req.params.id, req.params.attachmentId),
  });

  app.route({
    method: 'GET',
    url: '/api/self-assessments/:id/summary.pdf',
    config: { access: personLevel(signedIn(...teamRoles)) },
    schema: {
      tags: ['self-assessments'],
      summary: 'The self-assessment summary as a PDF: framework, indicators, consensus and team ratings',
      params: SelfAssessmentParams,
      response: { 200: z.any(), ...errors },
    },
    handler: async (req, reply) => {
      const { pdf, fileName } = await selfAssessmentPdf(req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  });
}
