/**
 * The audit log's hash chain: each entry's hash covers a canonical serialization of who, what, when, from where and
 * the details, plus the hash of the entry before it, so changing or deleting an entry breaks every link after it.
 * Pure: the SHA-256 function is passed in (core does no I/O and imports no platform modules).
 */

/** The previous-entry hash of the first entry in the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Tags the serialization, so a future change of format is a new version rather than a silent mismatch. */
const FORMAT = 'ssos-audit-v1';

/** A SHA-256 of UTF-8 text, as 64 lower-case hex digits. */
export type Sha256Hex = (text: string) => string;

/** The fields of an audit entry the hash covers, as stored. */
export interface ChainedEntry {
  id: number;
  /** When, as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds: what PostgreSQL stores). */
  at: string;
  userId: number | null;
  userEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgId: number | null;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** An entry as read back for verification: the covered fields and the two stored hashes. */
export interface StoredChainEntry extends ChainedEntry {
  prevHash: string | null;
  hash: string | null;
}

/** A JavaScript time as the canonical timestamp text (milliseconds padded to PostgreSQL's microseconds). */
export function timestampText(d: Date): string {
  return d.toISOString().replace(/Z$/, '000Z');
}

/**
 * JSON with object keys sorted and no spaces: the same value always gives the same text, whatever order the keys
 * were written in or the database (jsonb) returns them in. Undefined members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    if (value instanceof Date) return JSON.stringify(value.toISOString());
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/** The text an entry's hash is computed over: its fields and the previous entry's hash, in a fixed order. */
export function canonicalAuditText(entry: ChainedEntry, prevHash: string): string {
  return canonicalJson([
    FORMAT,
    entry.id,
    entry.at,
    entry.userId,
    entry.userEmail,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.orgId,
    entry.detail ?? {},
    entry.ip,
    entry.userAgent,
    entry.requestId,
    prevHash,
  ]);
}

/** The hash of an entry that follows the entry whose hash is `prevHash`. */
export function auditEntryHash(entry: ChainedEntry, prevHash: string, sha256: Sha256Hex): string {
  return sha256(canonicalAuditText(entry, prevHash));
}

/** How far verification has got: the last entry checked and how many were checked. */
export interface ChainState {
  lastId: number | null;
  lastHash: string;
  entries: number;
}

/** Verification's starting point: nothing checked yet. */
export const CHAIN_START: ChainState = { lastId: null, lastHash: GENESIS_HASH, entries: 0 };

/** The first place the chain is broken: the entry's id and what is wrong, in words. */
export interface ChainBreak {
  entryId: number | null;
  problem: string;
}

/**
 * Checks entries (in id order) that continue from `state`; returns the state after them, or the first break.
 * Call it batch after batch, passing on the state.
 */
export function verifyChainEntries(
  entries: Iterable<StoredChainEntry>,
  state: ChainState,
  sha256: Sha256Hex,
): { state: ChainState; broken: ChainBreak | null } {
  let current = state;
  for (const e of entries) {
    if (e.hash === null || e.prevHash === null) {
      return {
        state: current,
        broken: { entryId: e.id, problem: `entry ${e.id} has no hash: it was not written by the audit service` },
      };
    }
    if (e.prevHash !== current.lastHash) {
      const problem =
        current.lastId === null
          ? `entry ${e.id} is the first entry but does not start the chain: entries before it were deleted`
          : `entry ${e.id} does not follow entry ${current.lastId}: an entry between them was deleted, or entry ${current.lastId} was replaced`;
      return { state: current, broken: { entryId: e.id, problem } };
    }
    if (auditEntryHash(e, e.prevHash, sha256) !== e.hash) {
      return {
        state: current,
        broken: {
          entryId: e.id,
          problem: `entry ${e.id} does not match its hash: it was changed after it was written`,
        },
      };
    }
    current = { lastId: e.id, lastHash: e.hash, entries: current.entries + 1 };
  }
  return { state: current, broken: null };
}

/** What the chain head row records: the newest entry and how many entries the chain holds. */
export interface ChainHead {
  lastId: number | null;
  lastHash: string | null;
  entries: number;
}

/** Compares the end of the verified entries with the chain head: a mismatch means the newest entries were deleted. */
export function checkChainHead(state: ChainState, head: ChainHead): ChainBreak | null {
  if (head.lastId !== state.lastId || (head.lastHash ?? GENESIS_HASH) !== state.lastHash) {
    const found = state.lastId === null ? 'the log is empty' : `the log ends at entry ${state.lastId}`;
    return {
      entryId: head.lastId,
      problem: `the chain head records entry ${head.lastId ?? '(none)'} as the newest, but ${found}: the newest entries were deleted or replaced`,
    };
  }
  if (head.entries !== state.entries) {
    return {
      entryId: head.lastId,
      problem: `the chain head counts ${head.entries} entries but ${state.entries} were found`,
    };
  }
  return null;
}
