import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type {
  FrameworkDefinition,
  FrameworkItem,
  FrameworkOrgLevel,
  FrameworkUse,
  RatingScale,
} from '../../../core/frameworks/types.ts';
import type { FrameworkVersionStatus } from '../../../core/frameworks/versioning.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A framework version as stored: the definition plus its id, state and provenance. */
export interface StoredFramework extends FrameworkDefinition {
  id: number;
  status: FrameworkVersionStatus;
  shipped: boolean;
  copiedFromVersion: number | null;
  createdAt: Date;
  publishedAt: Date | null;
}

function versionQuery(db: Q) {
  return db
    .selectFrom('framework_versions as v')
    .leftJoin('framework_versions as c', 'c.id', 'v.copied_from_id')
    .select([
      'v.id',
      'v.framework_code',
      'v.version',
      'v.title',
      'v.description',
      'v.source',
      'v.uses',
      'v.org_levels',
      'v.indicators_editable',
      'v.scale',
      'v.status',
      'v.shipped',
      'v.created_at',
      'v.published_at',
      'c.version as copied_from_version',
    ]);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

async function withItems(db: Q, rows: VersionRow[]): Promise<StoredFramework[]> {
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('framework_items')
    .selectAll()
    .where(
      'version_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('version_id')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.framework_code,
    version: r.version,
    title: r.title,
    description: r.description,
    source: r.source,
    uses: r.uses as FrameworkUse[],
    orgLevels: r.org_levels as FrameworkOrgLevel[],
    indicatorsEditable: r.indicators_editable,
    scale: r.scale as RatingScale,
    status: r.status,
    shipped: r.shipped,
    copiedFromVersion: r.copied_from_version,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    items: items
      .filter((i) => i.version_id === r.id)
      .map((i): FrameworkItem => ({
        code: i.code,
        kind: i.kind,
        title: i.title,
        description: i.description,
        parentCode: i.parent_code,
        order: i.sort_order,
        unconfirmed: i.unconfirmed,
        appliesTo: i.applies_to as FrameworkOrgLevel[],
      })),
  }));
}

/** Every stored framework version with its items, by code then version. */
export async function listFrameworkVersions(db: Q): Promise<StoredFramework[]> {
  return withItems(db, await versionQuery(db).orderBy('v.framework_code').orderBy('v.version').execute());
}

/** One framework version by code and version, or undefined. */
export async function findFrameworkVersion(db: Q, code: string, version: number): Promise<StoredFramework | undefined> {
  const row = await versionQuery(db)
    .where('v.framework_code', '=', code)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row ? (await withItems(db, [row]))[0] : undefined;
}

/** One framework version by id, or undefined. */
export async function findFrameworkVersionById(db: Q, id: number): Promise<StoredFramework | undefined> {
  const row = await versionQuery(db).where('v.id', '=', id).executeTakeFirst();
  return row ? (await withItems(db, [row]))[0] : undefined;
}

/** The highest published version of a framework, or undefined. */
export async function latestPublishedVersion(db: Q, code: string): Promise<StoredFramework | undefined> {
  const row = await versionQuery(db)
    .where('v.framework_code', '=', code)
    .where('v.status', '=', 'published')
    .orderBy('v.version', 'desc')
    .executeTakeFirst();
  return row ? (await withItems(db, [row]))[0] : undefined;
}

/** The version numbers stored for a framework code. */
export async function versionNumbers(db: Q, code: string): Promise<number[]> {
  const rows = await db.selectFrom('framework_versions').select('version').where('framework_code', '=', code).execute();
  return rows.map((r) => r.version);
}

/**
 * Stores a framework version and its items. With `ifAbsent`, does nothing when the code and version are stored
 * already (the start-up seed) and returns null.
 */
export async function insertFrameworkVersion(
  db: Q,
  def: FrameworkDefinition,
  meta: { status: FrameworkVersionStatus; shipped: boolean; copiedFromId: number | null; createdBy: number | null },
  ifAbsent = false,
): Promise<number | null> {
  let insert = db.insertInto('framework_versions').values({
    framework_code: def.code,
    version: def.version,
    title: def.title,
    description: def.description,
    source: def.source,
    uses: [...def.uses],
    org_levels: [...def.orgLevels],
    indicators_editable: def.indicatorsEditable,
    scale: JSON.stringify(def.scale),
    status: meta.status,
    shipped: meta.shipped,
    copied_from_id: meta.copiedFromId,
    created_by: meta.createdBy,
    published_at: meta.status === 'published' ? new Date() : null,
  });
  if (ifAbsent) insert = insert.onConflict((oc) => oc.columns(['framework_code', 'version']).doNothing());
  const row = await insert.returning('id').executeTakeFirst();
  if (!row) return null;
  if (def.items.length > 0)
    await db
      .insertInto('framework_items')
      .values(def.items.map((i) => itemValues(row.id, i)))
      .execute();
  return row.id;
}

function itemValues(versionId: number, i: FrameworkItem) {
  return {
    version_id: versionId,
    code: i.code,
    kind: i.kind,
    title: i.title,
    description: i.description,
    parent_code: i.parentCode,
    sort_order: i.order,
    unconfirmed: i.unconfirmed,
    applies_to: [...i.appliesTo],
  };
}

/** Replaces the wording and confirmation of one item. */
export async function updateFrameworkItem(db: Q, versionId: number, item: FrameworkItem): Promise<void> {
  await db
    .updateTable('framework_items')
    .set({ title: item.title, description: item.description, unconfirmed: item.unconfirmed })
    .where('version_id', '=', versionId)
    .where('code', '=', item.code)
    .execute();
}

/** Adds one item to a version. */
export async function insertFrameworkItem(db: Q, versionId: number, item: FrameworkItem): Promise<void> {
  await db.insertInto('framework_items').values(itemValues(versionId, item)).execute();
}

/** Removes one item (and, for an area, the indicators under it) from a version. */
export async function deleteFrameworkItem(db: Q, versionId: number, code: string): Promise<void> {
  await db
    .deleteFrom('framework_items')
    .where('version_id', '=', versionId)
    .where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)]))
    .execute();
}

/** Marks a draft version published. Returns false when it was not a draft. */
export async function publishFrameworkVersion(db: Q, versionId: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('framework_versions')
    .set({ status: 'published', published_at: at })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
