import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import {
  CHAIN_START,
  GENESIS_HASH,
  auditEntryHash,
  checkChainHead,
  timestampText,
  verifyChainEntries,
  type ChainBreak,
  type ChainState,
} from '../../core/audit/hash-chain.ts';
import { normalizeOrgCode } from '../../core/orgs/organization.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import { findOrgByCode } from '../db/repositories/org-repository.ts';
import {
  advanceChainHead,
  appendChainedIfHeadIs,
  firstEntryOutsideChain,
  insertChainedAudits,
  listAudit,
  listChainEntries,
  listUnchainedEntries,
  lockChainHead,
  lockChainHeadForAppend,
  nextChainIds,
  readChainHead,
  setEntryHashes,
  type AuditFilter,
  type AuditRecord,
  type ChainHeadRow,
  type ChainTip,
} from '../db/repositories/audit-repository.ts';
import type { AuditEntry, AuditFilterQuery, AuditList, AuditQuery, AuditVerification } from '../api/audit.ts';
import { tableCsv } from './table-export.ts';

/** What was done, to what. */
export interface AuditEvent {
  action: 'read' | 'export' | 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out';
  resourceType: string;
  resourceId?: string | null;
  orgId?: number | null;
  detail?: Record<string, unknown>;
}

/** SHA-256 of UTF-8 text as hex: the hash function of the audit chain. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// PostgreSQL text cannot hold NUL, and a lone surrogate would be stored as U+FFFD: clean strings first, so what is
// hashed is exactly what is stored.
function cleanText(s: string | null): string | null {
  return s === null ? null : s.replaceAll(String.fromCharCode(0), '\uFFFD').toWellFormed();
}

function cleanDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(detail, (_key, value: unknown) => (typeof value === 'string' ? cleanText(value) : value));
  return (JSON.parse(text ?? '{}') as Record<string, unknown> | null) ?? {};
}

/** Runs `work` in a transaction, or in the caller's when the handle is one already. */
async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const BACKFILL_BATCH = 1000;

/**
 * Chains entries written before the chain existed (migration 0011), in id order, once. The caller holds the head's
 * lock. Returns the head after it.
 */
async function backfillChain(trx: Kysely<Database>, head: ChainHeadRow, at: Date): Promise<ChainHeadRow> {
  let lastId = head.lastId;
  let lastHash = head.lastHash ?? GENESIS_HASH;
  let entries = head.entries;
  for (;;) {
    const batch = await listUnchainedEntries(trx, lastId ?? 0, BACKFILL_BATCH);
    if (batch.length === 0) break;
    const hashes = batch.map((e) => {
      const prevHash = lastHash;
      lastHash = auditEntryHash(e, prevHash, sha256Hex);
      lastId = e.id;
      entries += 1;
      return { id: e.id, prevHash, hash: lastHash };
    });
    await setEntryHashes(trx, hashes);
  }
  const next = { lastId, lastHash: lastId === null ? null : lastHash, entries, backfilled: true };
  await advanceChainHead(trx, next, at);
  return next;
}

function cleanRecord(record: AuditRecord): AuditRecord {
  return {
    ...record,
    userEmail: cleanText(record.userEmail),
    action: cleanText(record.action)!,
    resourceType: cleanText(record.resourceType)!,
    resourceId: cleanText(record.resourceId),
    detail: cleanDetail(record.detail),
    ip: cleanText(record.ip),
    userAgent: cleanText(record.userAgent?.slice(0, 300) ?? null),
    requestId: cleanText(record.requestId),
  };
}

/** An entry to append, with its time. */
interface Appending {
  record: AuditRecord;
  at: Date;
}

/** Entries placed in the chain after `tip`: ids following its id, each linked to the hash before it. */
function chainAfter(items: readonly Appending[], ids: readonly number[], tip: { lastHash: string }) {
  let prevHash = tip.lastHash;
  return items.map(({ record, at }, i) => {
    const id = ids[i]!;
    const hash = auditEntryHash({ ...record, id, at: timestampText(at) }, prevHash, sha256Hex);
    const row = { ...record, id, at, prevHash, hash };
    prevHash = hash;
    return row;
  });
}

/**
 * Appends entries, in order, to the audit log's hash chain in the caller's transaction. The chain head row is locked
 * (SELECT ... FOR UPDATE) until the transaction ends, so concurrent writers queue rather than both extending the same
 * entry. Returns the entries' ids and the chain's newest entry after them.
 */
async function appendChained(
  trx: Kysely<Database>,
  items: readonly Appending[],
): Promise<{ ids: number[]; tip: ChainTip }> {
  const locked = await lockChainHeadForAppend(trx);
  const head = locked.backfilled ? locked : await backfillChain(trx, locked, items[0]!.at);
  const ids = nextChainIds(head.lastId, locked.sequenceLast, items.length);
  const rows = chainAfter(items, ids, { lastHash: head.lastHash ?? GENESIS_HASH });
  await insertChainedAudits(trx, rows, head.entries + rows.length);
  const last = rows.at(-1)!;
  return {
    ids: rows.map((r) => r.id),
    tip: { lastId: last.id, lastHash: last.hash, entries: head.entries + rows.length },
  };
}

/**
 * Entries waiting for the next group commit, per database; how many batches are being appended now; and the chain's
 * newest entry as it will be once those batches are in (null when not known).
 */
interface AuditQueue {
  pending: (Appending & { resolve: (id: number) => void; reject: (e: unknown) => void })[];
  lanes: number;
  tip: ChainTip | null;
}

const queues = new WeakMap<Db, AuditQueue>();
const MAX_BATCH = 500;
/** Batches being appended at once (see flushAuditQueue). */
const MAX_LANES = 3;

/**
 * Appends one batch. When the chain's newest entry is known (this process appended it, or is appending it now), the
 * batch is chained after it at once and sent as one statement that writes only if the head is still that entry
 * (`appendChainedIfHeadIs`): the database applies such statements one after another as each finds the head it
 * expects, with no round trip to the server in between, so batches sent on several connections follow each other
 * as fast as the database can take them. When the head has moved on (another process appended, a batch before
 * failed) or is not known, the batch is appended under the head's lock instead, which also learns the head again.
 */
async function appendBatch(db: Db, queue: AuditQueue, batch: readonly Appending[]): Promise<number[]> {
  const tip = queue.tip;
  if (tip !== null) {
    const ids = nextChainIds(tip.lastId, 0, batch.length);
    const rows = chainAfter(batch, ids, tip);
    const last = rows.at(-1)!;
    const next: ChainTip = { lastId: last.id, lastHash: last.hash, entries: tip.entries + rows.length };
    queue.tip = next;
    const appended = await appendChainedIfHeadIs(db.kysely, tip, rows).catch(() => false);
    if (appended) return ids;
    // Batches chained after this one will miss the head too and come here; the next learns it under the lock.
    if (queue.tip === next) queue.tip = null;
  }
  const { ids, tip: after } = await db.kysely.transaction().execute((trx) => appendChained(trx, batch));
  if (queue.tip === null) queue.tip = after;
  return ids;
}

/**
 * Group commit: while batches are being appended, the entries that arrive wait and are then appended together in
 * the next (one statement, or one lock of the chain head, one insert and one commit, for all of them), on up to
 * MAX_LANES connections at once. Each caller's promise settles only when its own entry is committed, or fails with
 * its batch: nothing is acknowledged before it is stored.
 */
async function flushAuditQueue(db: Db, queue: AuditQueue): Promise<void> {
  queue.lanes += 1;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        const ids = await appendBatch(db, queue, batch);
        batch.forEach((p, i) => p.resolve(ids[i]!));
      } catch (e) {
        queue.tip = null;
        for (const p of batch) p.reject(e);
      }
    }
  } finally {
    queue.lanes -= 1;
  }
}

/**
 * Appends one entry to the audit log's hash chain and returns its id once it is committed. Inside a transaction the
 * entry is part of it (it commits or rolls back with the change it records); otherwise it joins the next group
 * commit of entries from concurrent requests.
 */
export async function appendAuditEntry(db: Db, record: AuditRecord, at: Date): Promise<number> {
  const clean = cleanRecord(record);
  if (db.kysely.isTransaction) return (await appendChained(db.kysely, [{ record: clean, at }])).ids[0]!;
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = { pending: [], lanes: 0, tip: null };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<number>((resolve, reject) => {
    q.pending.push({ record: clean, at, resolve, reject });
    if (q.lanes < MAX_LANES) void flushAuditQueue(db, q);
  });
}

/** Writes one audit entry for the request's user; every read of person-level data goes through here. */
export async function writeAudit(ctx: RequestContext, event: AuditEvent): Promise<void> {
  await appendAuditEntry(
    ctx.db,
    {
      userId: ctx.user?.id ?? null,
      userEmail: ctx.user?.email ?? null,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      orgId: event.orgId ?? null,
      detail: event.detail ?? {},
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    },
    ctx.now,
  );
  ctx.markAudited?.();
}

/** The result of checking the whole chain. */
export interface AuditChainReport {
  intact: boolean;
  entries: number;
  lastId: number | null;
  headHash: string | null;
  broken: ChainBreak | null;
}

const VERIFY_BATCH = 5000;

/**
 * Checks every entry of the audit log against its hash and the entry before it, and the newest against the chain
 * head, in one consistent snapshot (writers may go on appending). Entries from before the chain existed are chained
 * first (the first-run backfill). Stops at the first break.
 */
export async function verifyAuditLog(db: Db, now = new Date()): Promise<AuditChainReport> {
  const head0 = await readChainHead(db.kysely);
  if (!head0.backfilled)
    await inTransaction(db.kysely, async (trx) => backfillChain(trx, await lockChainHead(trx), now));
  return db.kysely
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const head = await readChainHead(trx);
      let state: ChainState = CHAIN_START;
      const report = (broken: ChainBreak | null): AuditChainReport => ({
        intact: broken === null,
        entries: state.entries,
        lastId: state.lastId,
        headHash: head.lastHash,
        broken,
      });
      for (;;) {
        const batch = await listChainEntries(trx, state.lastId ?? 0, head.lastId ?? 0, VERIFY_BATCH);
        if (batch.length === 0) break;
        const step = verifyChainEntries(batch, state, sha256Hex);
        state = step.state;
        if (step.broken) return report(step.broken);
      }
      const headBroken = checkChainHead(state, head);
      if (headBroken) return report(headBroken);
      const stray = await firstEntryOutsideChain(trx, head.lastId);
      if (stray !== null)
        return report({
          entryId: stray,
          problem: `entry ${stray} is not part of the chain: it was not written by the audit service`,
        });
      return report(null);
    });
}

/** Verifies the chain for a state administrator; the check itself is audited. */
export async function checkAuditChain(ctx: RequestContext): Promise<AuditVerification> {
  const r = await verifyAuditLog(ctx.db, ctx.now);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'audit_chain',
    detail: { intact: r.intact, entries: r.entries, brokenAt: r.broken?.entryId ?? null },
  });
  return {
    intact: r.intact,
    entries: r.entries,
    lastId: r.lastId,
    headHash: r.headHash,
    brokenAt: r.broken?.entryId ?? null,
    problem: r.broken?.problem ?? null,
  };
}

type ListedRow = Awaited<ReturnType<typeof listAudit>>[number];

function presentEntry(r: ListedRow): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    userId: r.user_id,
    userEmail: r.user_email,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    orgCode: r.org_code,
    detail: r.detail,
    ip: r.ip,
  };
}

/** The latest audit entries, newest first (reading the log is itself audited). */
export async function readAuditLog(ctx: RequestContext, filter: AuditFilter): Promise<AuditEntry[]> {
  const rows = await listAudit(ctx.db.kysely, filter);
  await writeAudit(ctx, { action: 'read', resourceType: 'audit_log', detail: { filter, returned: rows.length } });
  return rows.map(presentEntry);
}

const DAY_MS = 86_400_000;

/** Turns the viewer's query into a repository filter: the organization code to its id, days to times. */
async function resolveFilter(db: Db, q: AuditFilterQuery, limit: number, beforeId?: number): Promise<AuditFilter> {
  let orgId: number | undefined;
  if (q.org) {
    const code = normalizeOrgCode(q.org);
    const org = code ? await findOrgByCode(db.kysely, code) : undefined;
    if (!org) throw new AppError('validation_failed', `org: no organization has the code ${q.org}`, 'org');
    orgId = org.id;
  }
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : undefined;
  // `to` is a whole day: entries before the start of the next one.
  const until = q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : undefined;
  if (from && until && from >= until) throw new AppError('validation_failed', 'to: must not be before from', 'to');
  return {
    action: q.action,
    userId: q.userId,
    userEmail: q.user,
    resourceType: q.resourceType,
    orgId,
    from,
    until,
    beforeId,
    limit,
  };
}

/** One page of the audit viewer, newest first, with where the next page starts. Audited. */
export async function readAuditPage(ctx: RequestContext, q: AuditQuery): Promise<AuditList> {
  const { limit, before, ...filters } = q;
  const filter = await resolveFilter(ctx.db, filters, limit + 1, before);
  const rows = await listAudit(ctx.db.kysely, filter);
  const page = rows.slice(0, limit);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'audit_log',
    detail: { filter: { ...filters, before: before ?? null }, returned: page.length },
  });
  return {
    items: page.map(presentEntry),
    nextBefore: rows.length > limit ? Number(page[page.length - 1]!.id) : null,
  };
}

/** The most rows one CSV export holds; more asks the user to narrow the filter. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const EXPORT_BATCH = 5000;

const CSV_HEADER = [
  'id',
  'at',
  'user_id',
  'user_email',
  'action',
  'resource_type',
  'resource_id',
  'org_code',
  'detail',
  'ip',
  'user_agent',
  'hash',
];

/** Every entry matching the filters as CSV, newest first (at most AUDIT_EXPORT_MAX_ROWS). The export is audited. */
export async function exportAuditCsv(ctx: RequestContext, q: AuditFilterQuery): Promise<string> {
  const rows: ListedRow[] = [];
  let before: number | undefined;
  for (;;) {
    const batch = await listAudit(ctx.db.kysely, await resolveFilter(ctx.db, q, EXPORT_BATCH, before));
    rows.push(...batch);
    if (rows.length > AUDIT_EXPORT_MAX_ROWS)
      throw new AppError(
        'validation_failed',
        `More than ${AUDIT_EXPORT_MAX_ROWS} entries match: narrow the filters (a shorter date range, say)`,
        'from',
      );
    if (batch.length < EXPORT_BATCH) break;
    before = Number(batch[batch.length - 1]!.id);
  }
  await writeAudit(ctx, { action: 'export', resourceType: 'audit_log', detail: { filter: q, returned: rows.length } });
  return tableCsv(
    CSV_HEADER,
    rows.map((r) => [
      Number(r.id),
      r.at.toISOString(),
      r.user_id,
      r.user_email,
      r.action,
      r.resource_type,
      r.resource_id,
      r.org_code,
      JSON.stringify(r.detail),
      r.ip,
      r.user_agent,
      r.hash,
    ]),
  );
}
