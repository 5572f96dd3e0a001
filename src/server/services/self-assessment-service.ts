import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { isOrgInScope } from '../../core/access/roles.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import { indicatorsFor, levelsFor, orderedItems } from '../../core/frameworks/framework.ts';
import {
  buildHeatMap,
  comparePeriods,
  selfAssessmentActions,
  summarizeConsensus,
  type PeriodConsensus,
  type SelfAssessmentStatus,
} from '../../core/frameworks/self-assessment.ts';
import type { FrameworkItem, FrameworkOrgLevel } from '../../core/frameworks/types.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { findOrgPlacement } from '../db/repositories/org-repository.ts';
import type { StoredFramework } from '../db/repositories/framework-repository.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentBody,
  type Comparison,
  type ComparisonQuery,
  type ConsensusBody,
  type HeatMap,
  type MemberRatingsBody,
  type NewMembersBody,
  type NewSelfAssessmentBody,
  type SelfAssessment,
  type SelfAssessmentList,
  type SelfAssessmentSummary,
} from '../api/self-assessments.ts';
import { writeAudit } from './audit-service.ts';
import { frameworkVersionById, requireCurrentVersion } from './framework-service.ts';
import { renderSelfAssessmentPdf } from './self-assessment-pdf.ts';

/** An organization a record belongs to, as services check and show it. */
export interface OrgOfRecord {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
}

/**
 * Loads an organization by code and checks it is within the user's scope (403 otherwise, 404 when unknown). Used
 * for records reached by their own id, where the route cannot check the scope from a parameter.
 */
export async function requireOrgInScope(ctx: RequestContext, code: string): Promise<OrgOfRecord> {
  const normalized = normalizeOrgCode(code) ?? code;
  const placement = await findOrgPlacement(ctx.db.kysely, normalized);
  if (!placement) throw new AppError('not_found', `No organization has the code ${code}`);
  if (!ctx.user || !isOrgInScope(ctx.user.scope, placement)) throw new AppError('out_of_scope');
  const org = await ctx.db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level'])
    .where('id', '=', placement.id)
    .executeTakeFirstOrThrow();
  return { ...org, level: org.level as OrgLevel };
}

function frameworkLevel(org: OrgOfRecord): FrameworkOrgLevel {
  if (org.level !== 'school' && org.level !== 'district')
    throw new AppError('validation_failed', `${org.name} is neither a school nor a district`, 'code');
  return org.level;
}

function baseQuery(db: Db) {
  return db.kysely
    .selectFrom('self_assessments as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .innerJoin('framework_versions as v', 'v.id', 'a.framework_version_id')
    .select([
      'a.id',
      'a.framework_version_id',
      'a.period',
      sql<string | null>`to_char(a.period_start, 'YYYY-MM-DD')`.as('periodStart'),
      sql<string | null>`to_char(a.period_end, 'YYYY-MM-DD')`.as('periodEnd'),
      'a.status',
      'a.completed_at',
      'o.id as orgId',
      'o.code as orgCode',
      'o.name as orgName',
      'o.level as orgLevel',
      'v.framework_code',
      'v.version',
      'v.title',
      sql<number>`(select count(*)::int from self_assessment_members m where m.self_assessment_id = a.id)`.as(
        'memberCount',
      ),
      sql<number>`(select count(*)::int from self_assessment_consensus c where c.self_assessment_id = a.id)`.as(
        'consensusCount',
      ),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function presentSummary(r: Row, f: StoredFramework): SelfAssessmentSummary {
  const org: OrgOfRecord = { id: r.orgId, code: r.orgCode, name: r.orgName, level: r.orgLevel as OrgLevel };
  return {
    id: r.id,
    org: { code: org.code, name: org.name, level: org.level },
    framework: { code: r.framework_code, version: r.version, title: r.title },
    period: r.period,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status,
    members: Number(r.memberCount),
    indicators: indicatorsFor(f, frameworkLevel(org)).length,
    consensusRated: Number(r.consensusCount),
    completedAt: r.completed_at?.toISOString() ?? null,
  };
}

/** The self-assessments of an organization, latest period first. */
export async function listSelfAssessments(
  ctx: RequestContext,
  code: string,
  framework?: string,
): Promise<SelfAssessmentList> {
  const org = await requireOrgInScope(ctx, code);
  let q = baseQuery(ctx.db).where('a.org_id', '=', org.id);
  if (framework) q = q.where('a.framework_code', '=', framework);
  const rows = await q.orderBy('a.period', 'desc').orderBy('a.id', 'desc').execute();
  const items: SelfAssessmentSummary[] = [];
  for (const r of rows) items.push(presentSummary(r, await frameworkVersionById(ctx.db, r.framework_version_id)));
  return { items };
}

/** Starts a self-assessment for an organization and response period with its team, on the current framework version. Audited. */
export async function createSelfAssessment(
  ctx: RequestContext,
  code: string,
  body: NewSelfAssessmentBody,
): Promise<SelfAssessment> {
  const org = await requireOrgInScope(ctx, code);
  const level = frameworkLevel(org);
  const f = await requireCurrentVersion(ctx.db, body.framework, 'self_assessment');
  if (!f.orgLevels.includes(level))
    throw new AppError('validation_failed', `${f.title} is not a self-assessment for a ${level}`, 'framework');
  const period = body.period ?? `${body.periodStart} to ${body.periodEnd}`;
  const members = await resolveMembers(ctx, body.members, 0);
  let id: number;
  try {
    id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('self_assessments')
        .values({
          org_id: org.id,
          framework_version_id: f.id,
          framework_code: f.code,
          period,
          period_start: body.periodStart ?? null,
          period_end: body.periodEnd ?? null,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('self_assessment_members')
        .values(members.map((m) => ({ ...m, self_assessment_id: row.id })))
        .execute();
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', `${org.name} already has a ${f.title} self-assessment for ${period}`);
    throw err;
  }
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'self_assessment',
    resourceId: String(id),
    orgId: org.id,
    detail: { framework: `${f.code} v${f.version}`, period, members: members.map((m) => m.name) },
  });
  return loadSelfAssessment(ctx, id);
}

/** Team members as stored: users resolved to their names (400 naming the entry when a user does not exist). */
async function resolveMembers(ctx: RequestContext, input: NewSelfAssessmentBody['members'], after: number) {
  const userIds = input.flatMap((m) => (m.userId === undefined ? [] : [m.userId]));
  const users = userIds.length
    ? await ctx.db.kysely.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
    : [];
  return input.map((m, i) => {
    if (m.userId === undefined)
      return { user_id: null, name: m.name!, role_text: m.roleText, sort_order: after + i + 1 };
    const u = users.find((x) => x.id === m.userId);
    if (!u) throw new AppError('validation_failed', `There is no user ${m.userId}`, `members.${i}.userId`);
    return { user_id: u.id, name: m.name ?? u.display_name, role_text: m.roleText, sort_order: after + i + 1 };
  });
}

/** Adds members to the team of a draft self-assessment. Audited. */
export async function addMembers(ctx: RequestContext, id: number, body: NewMembersBody): Promise<SelfAssessment> {
  const { row, org } = await requireAssessment(ctx, id);
  requireDraft(row);
  const last = await ctx.db.kysely
    .selectFrom('self_assessment_members')
    .select(sql<number>`coalesce(max(sort_order), 0)::int`.as('n'))
    .where('self_assessment_id', '=', id)
    .executeTakeFirstOrThrow();
  const members = await resolveMembers(ctx, body.members, Number(last.n));
  await ctx.db.kysely
    .insertInto('self_assessment_members')
    .values(members.map((m) => ({ ...m, self_assessment_id: id })))
    .execute();
  await touch(ctx, id);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'self_assessment_members',
    resourceId: String(id),
    orgId: org.id,
    detail: { added: members.map((m) => m.name) },
  });
  return loadSelfAssessment(ctx, id);
}

/** The assessment's row, checked to be within the user's scope. */
async function requireAssessment(ctx: RequestContext, id: number) {
  const row = await baseQuery(ctx.db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no self-assessment ${id}`);
  await requireOrgInScope(ctx, row.orgCode);
  const f = await frameworkVersionById(ctx.db, row.framework_version_id);
  const org: OrgOfRecord = { id: row.orgId, code: row.orgCode, name: row.orgName, level: row.orgLevel as OrgLevel };
  return { row, f, org, level: frameworkLevel(org) };
}

function requireDraft(row: Row): void {
  if (row.status !== 'draft')
    throw new AppError(
      'conflict',
      `This self-assessment was completed${row.completed_at ? ` on ${row.completed_at.toISOString().slice(0, 10)}` : ''}; reopen it before changing it`,
    );
}

async function loadSelfAssessment(ctx: RequestContext, id: number): Promise<SelfAssessment> {
  const { row, f, level } = await requireAssessment(ctx, id);
  const indicators = indicatorsFor(f, level);
  const shown = new Set(indicators.flatMap((i) => [i.code, i.parentCode ?? '']));
  const [team, memberRatings, consensus, attachments] = await Promise.all([
    ctx.db.kysely
      .selectFrom('self_assessment_members')
      .select(['id', 'user_id', 'name', 'role_text'])
      .where('self_assessment_id', '=', id)
      .orderBy('sort_order')
      .execute(),
    ctx.db.kysely
      .selectFrom('self_assessment_ratings')
      .select(['member_id', 'item_code', 'level_code', 'evidence'])
      .where('self_assessment_id', '=', id)
      .orderBy('member_id')
      .orderBy('item_code')
      .execute(),
    ctx.db.kysely
      .selectFrom('self_assessment_consensus')
      .select(['item_code', 'level_code', 'notes'])
      .where('self_assessment_id', '=', id)
      .execute(),
    ctx.db.kysely
      .selectFrom('self_assessment_attachments')
      .select(['id', 'file_name', 'content_type', 'size_bytes', 'item_code', 'member_id', 'uploaded_at'])
      .where('self_assessment_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const summary = summarizeConsensus(
    f.scale,
    indicators.map((i) => i.code),
    team.length,
    memberRatings.map((r) => ({ memberId: r.member_id, indicatorCode: r.item_code, level: r.level_code })),
    new Map(consensus.map((c) => [c.item_code, c.level_code])),
  );
  const order = new Map(indicators.map((i, n) => [i.code, n]));
  return {
    ...presentSummary(row, f),
    levels: levelsFor(f.scale, level).map((l) => ({ ...l, forLevels: l.forLevels && [...l.forLevels] })),
    items: orderedItems(f.items)
      .filter((i) => shown.has(i.code))
      .map((i) => ({ ...i, appliesTo: [...i.appliesTo] })),
    team: team.map((m) => ({ id: m.id, userId: m.user_id, name: m.name, roleText: m.role_text })),
    memberRatings: memberRatings.map((r) => ({
      memberId: r.member_id,
      indicatorCode: r.item_code,
      level: r.level_code,
      evidence: r.evidence,
    })),
    consensus: consensus
      .map((c) => ({ indicatorCode: c.item_code, level: c.level_code, notes: c.notes }))
      .sort((a, b) => (order.get(a.indicatorCode) ?? 0) - (order.get(b.indicatorCode) ?? 0)),
    summary: summary.map((s) => ({ ...s })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      indicatorCode: a.item_code,
      memberId: a.member_id,
      uploadedAt: a.uploaded_at.toISOString(),
    })),
  };
}

/** A self-assessment with its named team and every rating: person-level, so the read is audited. */
export async function getSelfAssessment(ctx: RequestContext, id: number): Promise<SelfAssessment> {
  const result = await loadSelfAssessment(ctx, id);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'self_assessment',
    resourceId: String(id),
    orgId: (await orgIdOf(ctx, id)) ?? null,
  });
  return result;
}

async function orgIdOf(ctx: RequestContext, id: number): Promise<number | undefined> {
  return (await ctx.db.kysely.selectFrom('self_assessments').select('org_id').where('id', '=', id).executeTakeFirst())
    ?.org_id;
}

/** Checks rating input against the indicators and levels an organization of this level uses. */
function checkRatings(
  indicators: readonly FrameworkItem[],
  f: StoredFramework,
  level: FrameworkOrgLevel,
  ratings: readonly { indicatorCode: string; level: string }[],
): void {
  const codes = new Set(indicators.map((i) => i.code));
  const allowed = new Set(levelsFor(f.scale, level).map((l) => l.code));
  const seen = new Set<string>();
  ratings.forEach((r, i) => {
    if (!codes.has(r.indicatorCode))
      throw new AppError(
        'validation_failed',
        `${r.indicatorCode} is not an indicator a ${level} rates in ${f.title}`,
        `ratings.${i}.indicatorCode`,
      );
    if (seen.has(r.indicatorCode))
      throw new AppError('validation_failed', `${r.indicatorCode} is rated twice`, `ratings.${i}.indicatorCode`);
    seen.add(r.indicatorCode);
    if (!allowed.has(r.level))
      throw new AppError(
        'validation_failed',
        `${r.level} is not a level of the scale; use one of ${[...allowed].join(', ')}`,
        `ratings.${i}.level`,
      );
  });
}

async function touch(ctx: RequestContext, id: number): Promise<void> {
  await ctx.db.kysely.updateTable('self_assessments').set({ updated_at: ctx.now }).where('id', '=', id).execute();
}

/** Records one member's ratings and evidence notes (replacing earlier ones for the same indicators). Draft only. Audited. */
export async function recordMemberRatings(
  ctx: RequestContext,
  id: number,
  memberId: number,
  body: MemberRatingsBody,
): Promise<SelfAssessment> {
  const { row, f, level, org } = await requireAssessment(ctx, id);
  requireDraft(row);
  const member = await ctx.db.kysely
    .selectFrom('self_assessment_members')
    .select('id')
    .where('id', '=', memberId)
    .where('self_assessment_id', '=', id)
    .executeTakeFirst();
  if (!member) throw new AppError('not_found', `Self-assessment ${id} has no team member ${memberId}`);
  checkRatings(indicatorsFor(f, level), f, level, body.ratings);
  await ctx.db.kysely
    .insertInto('self_assessment_ratings')
    .values(
      body.ratings.map((r) => ({
        self_assessment_id: id,
        member_id: memberId,
        item_code: r.indicatorCode,
        level_code: r.level,
        evidence: r.evidence,
        updated_by: ctx.user?.id ?? null,
        updated_at: ctx.now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['self_assessment_id', 'member_id', 'item_code']).doUpdateSet((eb) => ({
        level_code: eb.ref('excluded.level_code'),
        evidence: eb.ref('excluded.evidence'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await touch(ctx, id);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'self_assessment_ratings',
    resourceId: String(id),
    orgId: org.id,
    detail: { memberId, ratings: body.ratings.map((r) => `${r.indicatorCode}=${r.level}`) },
  });
  return loadSelfAssessment(ctx, id);
}

/** Records the team's consensus rating per indicator. Draft only. Audited. */
export async function recordConsensus(ctx: RequestContext, id: number, body: ConsensusBody): Promise<SelfAssessment> {
  const { row, f, level, org } = await requireAssessment(ctx, id);
  requireDraft(row);
  checkRatings(indicatorsFor(f, level), f, level, body.ratings);
  await ctx.db.kysely
    .insertInto('self_assessment_consensus')
    .values(
      body.ratings.map((r) => ({
        self_assessment_id: id,
        item_code: r.indicatorCode,
        level_code: r.level,
        notes: r.notes,
        updated_by: ctx.user?.id ?? null,
        updated_at: ctx.now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['self_assessment_id', 'item_code']).doUpdateSet((eb) => ({
        level_code: eb.ref('excluded.level_code'),
        notes: eb.ref('excluded.notes'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await touch(ctx, id);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'self_assessment_consensus',
    resourceId: String(id),
    orgId: org.id,
    detail: { ratings: body.ratings.map((r) => `${r.indicatorCode}=${r.level}`) },
  });
  return loadSelfAssessment(ctx, id);
}

/**
 * Completes a draft (every indicator needs a consensus rating) or reopens a completed one. Illegal transitions are
 * refused (409) with a sentence. Audited.
 */
export async function transitionSelfAssessment(
  ctx: RequestContext,
  id: number,
  action: keyof typeof selfAssessmentActions,
): Promise<SelfAssessment> {
  const { row, f, level, org } = await requireAssessment(ctx, id);
  const rule = selfAssessmentActions[action];
  if (row.status !== rule.from)
    throw new AppError(
      'conflict',
      action === 'complete'
        ? 'This self-assessment is completed already'
        : 'Only a completed self-assessment can be reopened; this one is a draft',
    );
  if (action === 'complete') {
    const rated = new Set(
      (
        await ctx.db.kysely
          .selectFrom('self_assessment_consensus')
          .select('item_code')
          .where('self_assessment_id', '=', id)
          .execute()
      ).map((r) => r.item_code),
    );
    const missing = indicatorsFor(f, level).filter((i) => !rated.has(i.code));
    if (missing.length > 0)
      throw new AppError(
        'conflict',
        `The team has not recorded a consensus rating for ${missing.length} indicator${missing.length === 1 ? '' : 's'}: ${missing
          .slice(0, 5)
          .map((i) => `${i.code} ${i.title}`)
          .join('; ')}${missing.length > 5 ? '; ...' : ''}`,
      );
  }
  const to: SelfAssessmentStatus = rule.to;
  const updated = await ctx.db.kysely
    .updateTable('self_assessments')
    .set({
      status: to,
      updated_at: ctx.now,
      completed_at: to === 'completed' ? ctx.now : null,
      completed_by: to === 'completed' ? (ctx.user?.id ?? null) : null,
    })
    .where('id', '=', id)
    .where('status', '=', rule.from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('conflict', 'The self-assessment changed meanwhile; try again');
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'self_assessment',
    resourceId: String(id),
    orgId: org.id,
    detail: { from: rule.from, to },
  });
  return loadSelfAssessment(ctx, id);
}

/** Stores an evidence file (bytes in the database, at most ATTACHMENT_MAX_BYTES). Draft only. Audited. */
export async function addAttachment(ctx: RequestContext, id: number, body: AttachmentBody): Promise<SelfAssessment> {
  const { row, f, level, org } = await requireAssessment(ctx, id);
  requireDraft(row);
  const content = Buffer.from(body.contentBase64, 'base64');
  if (content.length === 0) throw new AppError('validation_failed', 'The file is empty', 'contentBase64');
  if (content.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('validation_failed', `The file must be at most ${ATTACHMENT_MAX_BYTES} bytes`, 'contentBase64');
  if (body.indicatorCode !== undefined && !indicatorsFor(f, level).some((i) => i.code === body.indicatorCode))
    throw new AppError(
      'validation_failed',
      `${body.indicatorCode} is not an indicator of this self-assessment`,
      'indicatorCode',
    );
  if (body.memberId !== undefined) {
    const m = await ctx.db.kysely
      .selectFrom('self_assessment_members')
      .select('id')
      .where('id', '=', body.memberId)
      .where('self_assessment_id', '=', id)
      .executeTakeFirst();
    if (!m)
      throw new AppError('validation_failed', `This self-assessment has no team member ${body.memberId}`, 'memberId');
  }
  const inserted = await ctx.db.kysely
    .insertInto('self_assessment_attachments')
    .values({
      self_assessment_id: id,
      item_code: body.indicatorCode ?? null,
      member_id: body.memberId ?? null,
      file_name: body.fileName,
      content_type: body.contentType.toLowerCase(),
      size_bytes: content.length,
      content,
      uploaded_by: ctx.user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'self_assessment_attachment',
    resourceId: String(inserted.id),
    orgId: org.id,
    detail: { selfAssessment: id, fileName: body.fileName, sizeBytes: content.length },
  });
  return loadSelfAssessment(ctx, id);
}

/** An evidence file's bytes for download. Audited as an export. */
export async function downloadAttachment(
  ctx: RequestContext,
  id: number,
  attachmentId: number,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { org } = await requireAssessment(ctx, id);
  const a = await ctx.db.kysely
    .selectFrom('self_assessment_attachments')
    .select(['file_name', 'content_type', 'content'])
    .where('id', '=', attachmentId)
    .where('self_assessment_id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('not_found', `Self-assessment ${id} has no attachment ${attachmentId}`);
  await writeAudit(ctx, {
    action: 'export',
    resourceType: 'self_assessment_attachment',
    resourceId: String(attachmentId),
    orgId: org.id,
  });
  return { fileName: a.file_name, contentType: a.content_type, content: Buffer.from(a.content) };
}

/** Removes an evidence file from a draft self-assessment. Audited with the file's name and size. */
export async function removeAttachment(ctx: RequestContext, id: number, attachmentId: number): Promise<SelfAssessment> {
  const { row, org } = await requireAssessment(ctx, id);
  requireDraft(row);
  const removed = await ctx.db.kysely
    .deleteFrom('self_assessment_attachments')
    .where('id', '=', attachmentId)
    .where('self_assessment_id', '=', id)
    .returning(['file_name', 'size_bytes'])
    .executeTakeFirst();
  if (!removed) throw new AppError('not_found', `Self-assessment ${id} has no attachment ${attachmentId}`);
  await touch(ctx, id);
  await writeAudit(ctx, {
    action: 'delete',
    resourceType: 'self_assessment_attachment',
    resourceId: String(attachmentId),
    orgId: org.id,
    detail: { selfAssessment: id, fileName: removed.file_name, sizeBytes: removed.size_bytes },
  });
  return loadSelfAssessment(ctx, id);
}

/** The completed self-assessments of an organization on one framework, with their consensus, by period. */
async function completedHistory(ctx: RequestContext, org: OrgOfRecord, framework: string) {
  const rows = await ctx.db.kysely
    .selectFrom('self_assessments')
    .select(['id', 'period', 'framework_version_id'])
    .where('org_id', '=', org.id)
    .where('framework_code', '=', framework)
    .where('status', '=', 'completed')
    .orderBy('period')
    .execute();
  const consensus = rows.length
    ? await ctx.db.kysely
        .selectFrom('self_assessment_consensus')
        .select(['self_assessment_id', 'item_code', 'level_code'])
        .where(
          'self_assessment_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const periods: PeriodConsensus[] = rows.map((r) => ({
    period: r.period,
    ratings: new Map(consensus.filter((c) => c.self_assessment_id === r.id).map((c) => [c.item_code, c.level_code])),
  }));
  // Rows follow the latest version's indicators, then any indicator only earlier versions had.
  const versions = await Promise.all(rows.map((r) => frameworkVersionById(ctx.db, r.framework_version_id)));
  const level = frameworkLevel(org);
  const latest = versions.at(-1) ?? (await requireCurrentVersion(ctx.db, framework, 'self_assessment'));
  const indicators: FrameworkItem[] = [];
  const seen = new Set<string>();
  for (const v of [latest, ...[...versions].reverse()])
    for (const i of indicatorsFor(v, level))
      if (!seen.has(i.code)) {
        seen.add(i.code);
        indicators.push(i);
      }
  return { periods, indicators, scale: latest.scale, level };
}

/** Heat map of an organization's consensus ratings: indicator x response period (completed self-assessments). */
export async function selfAssessmentHeatMap(ctx: RequestContext, code: string, framework: string): Promise<HeatMap> {
  const org = await requireOrgInScope(ctx, code);
  const { periods, indicators, scale, level } = await completedHistory(ctx, org, framework);
  const map = buildHeatMap(
    scale,
    indicators.map((i) => i.code),
    periods,
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  return {
    org: { code: org.code, name: org.name, level: org.level },
    framework,
    levels: levelsFor(scale, level).map((l) => ({ ...l, forLevels: l.forLevels && [...l.forLevels] })),
    periods: map.periods,
    rows: map.rows.map((r) => ({
      indicatorCode: r.indicatorCode,
      title: byCode.get(r.indicatorCode)!.title,
      unconfirmed: byCode.get(r.indicatorCode)!.unconfirmed,
      cells: r.cells,
    })),
  };
}

/** Period-to-period comparison of consensus ratings (default: the two latest completed periods). */
export async function selfAssessmentComparison(
  ctx: RequestContext,
  code: string,
  query: ComparisonQuery,
): Promise<Comparison> {
  const org = await requireOrgInScope(ctx, code);
  const { periods, indicators, scale } = await completedHistory(ctx, org, query.framework);
  if (periods.length < 2 && (query.from === undefined || query.to === undefined))
    throw new AppError(
      'not_found',
      `${org.name} has ${periods.length} completed ${query.framework} self-assessment${periods.length === 1 ? '' : 's'}; a comparison needs two`,
    );
  const pick = (label: string | undefined, fallback: PeriodConsensus | undefined, field: string) => {
    const p = label === undefined ? fallback : periods.find((x) => x.period === label);
    if (!p)
      throw new AppError(
        'not_found',
        `${org.name} has no completed ${query.framework} self-assessment for ${label}`,
        field,
      );
    return p;
  };
  const from = pick(query.from, periods.at(-2), 'from');
  const to = pick(query.to, periods.at(-1), 'to');
  const result = comparePeriods(
    scale,
    indicators.map((i) => i.code),
    from,
    to,
  );
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  return {
    org: { code: org.code, name: org.name, level: org.level },
    framework: query.framework,
    from: result.from,
    to: result.to,
    indicators: result.indicators.map((i) => ({
      ...i,
      title: byCode.get(i.indicatorCode)!.title,
      unconfirmed: byCode.get(i.indicatorCode)!.unconfirmed,
    })),
    counts: result.counts,
  };
}

/** The summary PDF of a self-assessment (framework, indicators, consensus and team ratings). Audited as an export. */
export async function selfAssessmentPdf(ctx: RequestContext, id: number): Promise<{ pdf: Buffer; fileName: string }> {
  const sa = await loadSelfAssessment(ctx, id);
  const pdf = await renderSelfAssessmentPdf(sa, {
    generatedAt: ctx.now,
    generatedBy: ctx.user ? `${ctx.user.displayName} (${ctx.user.email})` : 'ssos',
  });
  await writeAudit(ctx, {
    action: 'export',
    resourceType: 'self_assessment',
    resourceId: String(id),
    orgId: (await orgIdOf(ctx, id)) ?? null,
    detail: { format: 'pdf' },
  });
  return {
    pdf,
    fileName: `self-assessment-${sa.org.code}-${sa.framework.code}-${sa.period.replace(/[^0-9A-Za-z-]+/g, '_')}.pdf`,
  };
}
