import { sql, type Kysely } from 'kysely';
import type { StoredChainEntry } from '../../../core/audit/hash-chain.ts';
import type { Database } from '../schema.ts';

type Q = Kysely<Database>;

/** One line of the audit log: who did what to which resource, when and from where. */
export interface AuditRecord {
  userId: number | null;
  userEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgId: number | null;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** An audit record placed in the chain: its id, time and both hashes. */
export interface ChainedAuditRecord extends AuditRecord {
  id: number;
  at: Date;
  prevHash: string;
  hash: string;
}

/** The chain head as stored. */
export interface ChainHeadRow {
  lastId: number | null;
  lastHash: string | null;
  entries: number;
  backfilled: boolean;
}

function toHead(r: { last_id: number | null; last_hash: string | null; entries: number; backfilled: boolean }) {
  return {
    lastId: r.last_id === null ? null : Number(r.last_id),
    lastHash: r.last_hash,
    entries: Number(r.entries),
    backfilled: r.backfilled,
  };
}

/** Locks the chain head row until the transaction ends (one appender at a time) and returns it. */
export async function lockChainHead(trx: Q): Promise<ChainHeadRow> {
  const row = await trx
    .selectFrom('audit_chain_head')
    .select(['last_id', 'last_hash', 'entries', 'backfilled'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return toHead(row);
}

/** The chain head without locking it. */
export async function readChainHead(db: Q): Promise<ChainHeadRow> {
  const row = await db
    .selectFrom('audit_chain_head')
    .select(['last_id', 'last_hash', 'entries', 'backfilled'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toHead(row);
}

/** Records the newest entry of the chain (the caller holds the head's lock). */
export async function advanceChainHead(
  trx: Q,
  head: { lastId: number | null; lastHash: string | null; entries: number; backfilled: boolean },
  at: Date,
): Promise<void> {
  await trx
    .updateTable('audit_chain_head')
    .set({
      last_id: head.lastId,
      last_hash: head.lastHash,
      entries: head.entries,
      backfilled: head.backfilled,
      updated_at: at,
    })
    .where('id', '=', 1)
    .execute();
}

/**
 * Locks the chain head until the transaction ends (one appender at a time) and returns it, with the last id the
 * audit id sequence handed out (an entry written around the audit service takes one). One round trip: appends are on
 * every audited read. The ids of the entries appended next follow both (see `nextChainIds`): they are decided under
 * the lock, from the head, so ids follow chain order whatever order appenders arrive in.
 */
export async function lockChainHeadForAppend(trx: Q): Promise<ChainHeadRow & { sequenceLast: number }> {
  const r = await sql<{
    last_id: number | null;
    last_hash: string | null;
    entries: number;
    backfilled: boolean;
    sequence_last: string | number;
  }>`SELECT last_id, last_hash, entries, backfilled,
      coalesce(pg_sequence_last_value(pg_get_serial_sequence('audit_log', 'id')::regclass), 0) AS sequence_last
    FROM audit_chain_head WHERE id = 1 FOR UPDATE`.execute(trx);
  const row = r.rows[0]!;
  return { ...toHead(row), sequenceLast: Number(row.sequence_last) };
}

/** The ids of `count` entries appended after the chain's last id, past any id the sequence handed out. */
export function nextChainIds(lastId: number | null, sequenceLast: number, count: number): number[] {
  const first = Math.max(lastId ?? 0, sequenceLast) + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

// Moves the id sequence past the chain's newest id, so an id it hands out later (an entry written around the service)
// cannot be one the chain took. Evaluated in the statement that moves the head, under the head's lock.
const sequencePast = (lastId: number) =>
  sql`setval(pg_get_serial_sequence('audit_log', 'id'), greatest(${lastId}::bigint,
    coalesce(pg_sequence_last_value(pg_get_serial_sequence('audit_log', 'id')::regclass), 0)))`;

/**
 * Inserts entries whose ids, times and hashes are decided (in chain order), and makes the last one the chain head,
 * in one statement. `entries` is the chain's length after them.
 */
export async function insertChainedAudits(trx: Q, rs: readonly ChainedAuditRecord[], entries: number): Promise<void> {
  const last = rs.at(-1);
  if (last === undefined) return;
  const rows = rs.map(
    (r) => sql`(${r.id}, ${r.at}, ${r.userId}, ${r.userEmail}, ${r.action}, ${r.resourceType}, ${r.resourceId},
        ${r.orgId}, ${JSON.stringify(r.detail)}::jsonb, ${r.ip}, ${r.userAgent}, ${r.requestId}, ${r.prevHash},
        ${r.hash})`,
  );
  await sql`WITH entry AS (
      INSERT INTO audit_log
        (id, at, user_id, user_email, action, resource_type, resource_id, org_id, detail, ip, user_agent, request_id,
         prev_hash, hash)
      OVERRIDING SYSTEM VALUE
      VALUES ${sql.join(rows)}
      RETURNING id
    )
    UPDATE audit_chain_head
    SET last_id = (SELECT max(id) FROM entry), last_hash = ${last.hash}, entries = ${entries}, backfilled = true,
        updated_at = ${last.at}
    WHERE id = 1
    RETURNING ${sequencePast(last.id)}`.execute(trx);
}

/** The chain's newest entry as an appender last saw it. */
export interface ChainTip {
  lastId: number;
  lastHash: string;
  entries: number;
}

/**
 * Appends entries whose ids, times and hashes are decided (in chain order, the first linked to `expected`) if the
 * chain head is `expected` once any appender holding it is done, in one statement and no transaction of its own: the
 * head's update, the entries and the id sequence (moved past the new ids, so ids handed out later follow them). Returns false, having written nothing, when the head has moved on; an id already taken
 * fails the statement, also writing nothing.
 */
export async function appendChainedIfHeadIs(
  db: Q,
  expected: ChainTip,
  rs: readonly ChainedAuditRecord[],
): Promise<boolean> {
  const last = rs.at(-1);
  if (last === undefined) return true;
  const rows = rs.map(
    (r) => sql`(${r.id}::bigint, ${r.at}::timestamptz, ${r.userId}::integer, ${r.userEmail}::text, ${r.action}::text,
        ${r.resourceType}::text, ${r.resourceId}::text, ${r.orgId}::integer, ${JSON.stringify(r.detail)}::jsonb,
        ${r.ip}::text, ${r.userAgent}::text, ${r.requestId}::text, ${r.prevHash}::text, ${r.hash}::text)`,
  );
  // The head is read with FOR UPDATE: it waits for an appender holding the head and then sees the head as that one
  // left it, so a batch sent while the one before it is still being written follows it rather than missing it.
  const { rows: result } = await sql<{ moved: number }>`WITH locked AS (
      SELECT last_id, last_hash, backfilled FROM audit_chain_head WHERE id = 1 FOR UPDATE
    ), head AS (
      UPDATE audit_chain_head
      SET last_id = ${last.id}, last_hash = ${last.hash}, entries = ${expected.entries + rs.length}, updated_at = ${last.at}
      WHERE id = 1 AND EXISTS (SELECT 1 FROM locked
        WHERE backfilled AND last_id = ${expected.lastId} AND last_hash = ${expected.lastHash})
      RETURNING ${sequencePast(last.id)} AS seq
    ), entry AS (
      INSERT INTO audit_log
        (id, at, user_id, user_email, action, resource_type, resource_id, org_id, detail, ip, user_agent, request_id,
         prev_hash, hash)
      OVERRIDING SYSTEM VALUE
      SELECT * FROM (VALUES ${sql.join(rows)}) AS v
      WHERE EXISTS (SELECT 1 FROM head)
      RETURNING id
    )
    SELECT (SELECT count(*) FROM head)::int AS moved, (SELECT count(*) FROM entry)::int AS added`.execute(db);
  return result[0]!.moved === 1;
}

// The stored time as text with microseconds in UTC: the form the hash covers (a JavaScript Date keeps milliseconds).
const atText = sql<string>`to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function chainQuery(db: Q) {
  return db
    .selectFrom('audit_log as a')
    .select([
      'a.id',
      atText.as('at_text'),
      'a.user_id',
      'a.user_email',
      'a.action',
      'a.resource_type',
      'a.resource_id',
      'a.org_id',
      'a.detail',
      'a.ip',
      'a.user_agent',
      'a.request_id',
      'a.prev_hash',
      'a.hash',
    ]);
}

type ChainRow = Awaited<ReturnType<ReturnType<typeof chainQuery>['execute']>>[number];

function toStored(r: ChainRow): StoredChainEntry {
  return {
    id: Number(r.id),
    at: r.at_text,
    userId: r.user_id,
    userEmail: r.user_email,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    orgId: r.org_id,
    detail: r.detail,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Entries after `afterId` up to `throughId`, in id order, as the chain sees them. */
export async function listChainEntries(
  db: Q,
  afterId: number,
  throughId: number,
  limit: number,
): Promise<StoredChainEntry[]> {
  const rows = await chainQuery(db)
    .where('a.id', '>', afterId)
    .where('a.id', '<=', throughId)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

/** Entries not yet in the chain (written before migration 0011), in id order. */
export async function listUnchainedEntries(db: Q, afterId: number, limit: number): Promise<StoredChainEntry[]> {
  const rows = await chainQuery(db)
    .where('a.hash', 'is', null)
    .where('a.id', '>', afterId)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

/** Writes the hashes of entries chained after the fact (the first-run backfill). */
export async function setEntryHashes(
  trx: Q,
  entries: readonly { id: number; prevHash: string; hash: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  await sql`UPDATE audit_log AS a SET prev_hash = v.prev_hash, hash = v.hash
    FROM (SELECT unnest(${entries.map((e) => e.id)}::bigint[]) AS id,
                 unnest(${entries.map((e) => e.prevHash)}::text[]) AS prev_hash,
                 unnest(${entries.map((e) => e.hash)}::text[]) AS hash) AS v
    WHERE a.id = v.id`.execute(trx);
}

/** The lowest id of an entry outside the chain: without hashes, or beyond the head. */
export async function firstEntryOutsideChain(db: Q, headLastId: number | null): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('id').as('id'))
    .where((eb) => eb.or([eb('hash', 'is', null), eb('id', '>', headLastId ?? 0)]))
    .executeTakeFirst();
  return row?.id === null || row?.id === undefined ? null : Number(row.id);
}

/** What the audit viewer filters on; every field is optional but the page size. */
export interface AuditFilter {
  action?: string | undefined;
  userId?: number | undefined;
  /** The email the entry was written under (exact, case-insensitive). */
  userEmail?: string | undefined;
  resourceType?: string | undefined;
  /** The organization id the entry concerns. */
  orgId?: number | undefined;
  /** Entries at or after this time. */
  from?: Date | undefined;
  /** Entries before this time. */
  until?: Date | undefined;
  /** Entries older than this id (the next page). */
  beforeId?: number | undefined;
  limit: number;
}

/** Entries matching the filter, newest first. */
export async function listAudit(db: Q, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('organizations as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.at',
      'a.user_id',
      'a.user_email',
      'a.action',
      'a.resource_type',
      'a.resource_id',
      'o.code as org_code',
      'a.detail',
      'a.ip',
      'a.user_agent',
      'a.hash',
    ]);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.userId !== undefined) q = q.where('a.user_id', '=', f.userId);
  if (f.userEmail) q = q.where('a.user_email', '=', f.userEmail.trim().toLowerCase());
  if (f.resourceType) q = q.where('a.resource_type', '=', f.resourceType);
  if (f.orgId !== undefined) q = q.where('a.org_id', '=', f.orgId);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.until) q = q.where('a.at', '<', f.until);
  if (f.beforeId !== undefined) q = q.where('a.id', '<', f.beforeId);
  return q.orderBy('a.id', 'desc').limit(f.limit).execute();
}
