import { AppError } from '../../core/errors.ts';
import { checkFramework, orderedItems } from '../../core/frameworks/framework.ts';
import { frameworkLibrary } from '../../core/frameworks/library.ts';
import type { FrameworkDefinition, FrameworkItem, FrameworkUse } from '../../core/frameworks/types.ts';
import { applyWordingEdit, copyAsNewVersion, nextItemCode } from '../../core/frameworks/versioning.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import {
  deleteFrameworkItem,
  findFrameworkVersion,
  findFrameworkVersionById,
  insertFrameworkItem,
  insertFrameworkVersion,
  latestPublishedVersion,
  listFrameworkVersions,
  publishFrameworkVersion,
  updateFrameworkItem,
  versionNumbers,
  type StoredFramework,
} from '../db/repositories/framework-repository.ts';
import type {
  FrameworkVersion,
  FrameworkVersionList,
  ItemEditBody,
  NewItemBody,
  NewVersionBody,
} from '../api/frameworks.ts';
import { writeAudit } from './audit-service.ts';

/**
 * Stores every shipped framework version that is not stored yet, published; never touches a stored one, so a
 * state's edits and new versions survive restarts. Idempotent (insert ... on conflict do nothing). Returns the
 * codes and versions it added.
 */
export async function seedFrameworkLibrary(
  db: Db,
  library: readonly FrameworkDefinition[] = frameworkLibrary,
): Promise<string[]> {
  const added: string[] = [];
  for (const def of library) {
    const id = await db.kysely
      .transaction()
      .execute((trx) =>
        insertFrameworkVersion(
          trx,
          def,
          { status: 'published', shipped: true, copiedFromId: null, createdBy: null },
          true,
        ),
      );
    if (id !== null) added.push(`${def.code} v${def.version}`);
  }
  return added;
}

/** A stored framework version as the API presents it (items in reading order). */
export function presentFramework(f: StoredFramework): FrameworkVersion {
  return {
    code: f.code,
    version: f.version,
    title: f.title,
    description: f.description,
    source: f.source,
    uses: [...f.uses],
    orgLevels: [...f.orgLevels],
    indicatorsEditable: f.indicatorsEditable,
    status: f.status,
    shipped: f.shipped,
    copiedFromVersion: f.copiedFromVersion,
    createdAt: f.createdAt.toISOString(),
    publishedAt: f.publishedAt?.toISOString() ?? null,
    scale: { ...f.scale, levels: f.scale.levels.map((l) => ({ ...l, forLevels: l.forLevels && [...l.forLevels] })) },
    items: orderedItems(f.items).map((i) => ({ ...i, appliesTo: [...i.appliesTo] })),
  };
}

/** Every framework version, without items. */
export async function listFrameworks(db: Db): Promise<FrameworkVersionList> {
  const all = await listFrameworkVersions(db.kysely);
  return {
    items: all.map((f) => {
      const { scale: _scale, items, ...rest } = presentFramework(f);
      return {
        ...rest,
        indicators: items.filter((i) => i.kind === 'indicator').length,
        unconfirmedItems: items.filter((i) => i.unconfirmed).length,
      };
    }),
  };
}

/** The latest published version of a framework. */
export async function getCurrentFramework(db: Db, code: string): Promise<FrameworkVersion> {
  return presentFramework(await requireCurrentVersion(db, code));
}

/** One version of a framework. */
export async function getFrameworkVersion(db: Db, code: string, version: number): Promise<FrameworkVersion> {
  return presentFramework(await requireVersion(db, code, version));
}

/** The latest published version of a framework, refused (404) when there is none. */
export async function requireCurrentVersion(db: Db, code: string, use?: FrameworkUse): Promise<StoredFramework> {
  const f = await latestPublishedVersion(db.kysely, code);
  if (!f) throw new AppError('not_found', `There is no published framework with the code ${code}`);
  if (use && !f.uses.includes(use))
    throw new AppError('validation_failed', `${f.title} is not used for ${use.replace('_', ' ')}s`, 'framework');
  return f;
}

const versionCache = new WeakMap<Db, Map<number, StoredFramework>>();

/** A framework version by id, as records use it; published versions never change, so they are cached per database. */
export async function frameworkVersionById(db: Db, id: number): Promise<StoredFramework> {
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const f = await findFrameworkVersionById(db.kysely, id);
  if (!f) throw new AppError('internal', `framework version ${id} is missing`);
  if (f.status === 'published') cache.set(id, f);
  return f;
}

async function requireVersion(db: Db, code: string, version: number): Promise<StoredFramework> {
  const f = await findFrameworkVersion(db.kysely, code, version);
  if (!f) throw new AppError('not_found', `Framework ${code} has no version ${version}`);
  return f;
}

function requireDraft(f: StoredFramework): void {
  if (f.status !== 'draft')
    throw new AppError(
      'conflict',
      `Version ${f.version} of ${f.title} is published, and the records made with it keep pointing at it, so it does not change. Create a new version (a copy) and edit that.`,
    );
}

/** Creates a new draft version: a copy of `fromVersion` (default the latest) with the next number. Audited. */
export async function createFrameworkVersion(
  ctx: RequestContext,
  code: string,
  body: NewVersionBody,
): Promise<FrameworkVersion> {
  const numbers = await versionNumbers(ctx.db.kysely, code);
  if (numbers.length === 0) throw new AppError('not_found', `There is no framework with the code ${code}`);
  const from = await requireVersion(ctx.db, code, body.fromVersion ?? Math.max(...numbers));
  const copy = copyAsNewVersion(from, numbers);
  const id = await ctx.db.kysely.transaction().execute((trx) =>
    insertFrameworkVersion(trx, copy, {
      status: 'draft',
      shipped: false,
      copiedFromId: from.id,
      createdBy: ctx.user?.id ?? null,
    }),
  );
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'framework_version',
    resourceId: `${code} v${copy.version}`,
    detail: { id, copiedFrom: from.version },
  });
  return getFrameworkVersion(ctx.db, code, copy.version);
}

/** Edits the wording of an item of a draft version, or marks it confirmed. Audited with before and after. */
export async function editFrameworkItem(
  ctx: RequestContext,
  code: string,
  version: number,
  itemCode: string,
  body: ItemEditBody,
): Promise<FrameworkVersion> {
  const f = await requireVersion(ctx.db, code, version);
  requireDraft(f);
  const item = f.items.find((i) => i.code === itemCode);
  if (!item) throw new AppError('not_found', `Version ${version} of ${f.title} has no item ${itemCode}`);
  const edited = applyWordingEdit(item, body);
  await updateFrameworkItem(ctx.db.kysely, f.id, edited);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'framework_item',
    resourceId: `${code} v${version} ${itemCode}`,
    detail: {
      before: { title: item.title, description: item.description, unconfirmed: item.unconfirmed },
      after: { title: edited.title, description: edited.description, unconfirmed: edited.unconfirmed },
    },
  });
  return getFrameworkVersion(ctx.db, code, version);
}

/** Adds an area or an indicator to a draft version (the state entering Turnaround Practice indicators). Audited. */
export async function addFrameworkItem(
  ctx: RequestContext,
  code: string,
  version: number,
  body: NewItemBody,
): Promise<FrameworkVersion> {
  const f = await requireVersion(ctx.db, code, version);
  requireDraft(f);
  if (body.kind === 'indicator' && body.parentCode !== null) {
    const parent = f.items.find((i) => i.code === body.parentCode);
    if (!parent || parent.kind !== 'area')
      throw new AppError('validation_failed', `${f.title} has no area ${body.parentCode}`, 'parentCode');
  }
  if (body.kind === 'area' && body.parentCode !== null)
    throw new AppError(
      'validation_failed',
      'An area sits at the top of the framework: leave parentCode null',
      'parentCode',
    );
  const prefix = f.items.find((i) => i.parentCode === null)?.code.replace(/\d+$/, '') ?? code;
  const siblings = f.items.filter((i) => i.parentCode === body.parentCode);
  const item: FrameworkItem = {
    code: nextItemCode(f.items, body.parentCode, prefix),
    kind: body.kind,
    title: body.title,
    description: body.description,
    parentCode: body.parentCode,
    order: Math.max(0, ...siblings.map((s) => s.order)) + 1,
    unconfirmed: !body.confirmed,
    appliesTo: body.appliesTo ?? [...f.orgLevels],
  };
  await insertFrameworkItem(ctx.db.kysely, f.id, item);
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'framework_item',
    resourceId: `${code} v${version} ${item.code}`,
    detail: { item },
  });
  return getFrameworkVersion(ctx.db, code, version);
}

/** Removes an item (an area with its indicators) from a draft version. Audited. */
export async function removeFrameworkItem(
  ctx: RequestContext,
  code: string,
  version: number,
  itemCode: string,
): Promise<FrameworkVersion> {
  const f = await requireVersion(ctx.db, code, version);
  requireDraft(f);
  const item = f.items.find((i) => i.code === itemCode);
  if (!item) throw new AppError('not_found', `Version ${version} of ${f.title} has no item ${itemCode}`);
  await deleteFrameworkItem(ctx.db.kysely, f.id, itemCode);
  await writeAudit(ctx, {
    action: 'delete',
    resourceType: 'framework_item',
    resourceId: `${code} v${version} ${itemCode}`,
    detail: { item },
  });
  return getFrameworkVersion(ctx.db, code, version);
}

/** Publishes a draft version after checking its structure; new records then use it. Audited. */
export async function publishFramework(ctx: RequestContext, code: string, version: number): Promise<FrameworkVersion> {
  const f = await requireVersion(ctx.db, code, version);
  requireDraft(f);
  const problems = checkFramework(f);
  if (problems.length > 0)
    throw new AppError('conflict', `Version ${version} of ${f.title} cannot be published: ${problems.join('; ')}`);
  if (!(await publishFrameworkVersion(ctx.db.kysely, f.id, ctx.now)))
    throw new AppError('conflict', `Version ${version} of ${f.title} is published already`);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'framework_version',
    resourceId: `${code} v${version}`,
    detail: { status: 'published' },
  });
  return getFrameworkVersion(ctx.db, code, version);
}
