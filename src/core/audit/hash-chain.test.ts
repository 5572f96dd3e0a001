import { describe, expect, it } from 'vitest';
import {
  CHAIN_START,
  GENESIS_HASH,
  auditEntryHash,
  canonicalAuditText,
  canonicalJson,
  checkChainHead,
  timestampText,
  verifyChainEntries,
  type StoredChainEntry,
} from './hash-chain.ts';

// A stand-in for SHA-256 (core may not import node:crypto): 64 hex digits from a 32-bit FNV-1a of the text, repeated.
// Any change to the text changes it, which is all the chain logic relies on.
function fakeSha256(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').repeat(8);
}

const base = {
  at: '2026-11-24T22:15:00.123000Z',
  userId: 7,
  userEmail: 'ana@example.org',
  action: 'read',
  resourceType: 'student',
  resourceId: '42',
  orgId: 3,
  detail: { b: 1, a: 'x' },
  ip: '10.0.0.1',
  userAgent: 'test',
  requestId: 'req-1',
};

/** A chain of n well-formed entries, ids 1..n. */
function chain(n: number): StoredChainEntry[] {
  const out: StoredChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const e = { ...base, id, detail: { n: id } };
    const hash = auditEntryHash(e, prev, fakeSha256);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
  });

  it('gives the same text for the same value written in another key order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('writes non-finite numbers and undefined array items as null, as JSON does', () => {
    expect(canonicalJson([Number.NaN, undefined, 1.5])).toBe('[null,null,1.5]');
  });
});

describe('canonicalAuditText', () => {
  it('lists the format, every field and the previous hash in a fixed order', () => {
    expect(canonicalAuditText({ ...base, id: 5 }, GENESIS_HASH)).toBe(
      `["ssos-audit-v1",5,"2026-11-24T22:15:00.123000Z",7,"ana@example.org","read","student","42",3,{"a":"x","b":1},"10.0.0.1","test","req-1","${GENESIS_HASH}"]`,
    );
  });

  it('timestampText pads milliseconds to microseconds in UTC', () => {
    expect(timestampText(new Date(Date.UTC(2026, 10, 24, 22, 15, 0, 123)))).toBe('2026-11-24T22:15:00.123000Z');
  });
});

describe('verifyChainEntries', () => {
  it('accepts an intact chain and ends at its last entry', () => {
    const entries = chain(3);
    const { state, broken } = verifyChainEntries(entries, CHAIN_START, fakeSha256);
    expect(broken).toBeNull();
    expect(state).toEqual({ lastId: 3, lastHash: entries[2]!.hash, entries: 3 });
  });

  it('accepts the chain checked in batches, passing the state on', () => {
    const entries = chain(5);
    const first = verifyChainEntries(entries.slice(0, 2), CHAIN_START, fakeSha256);
    const second = verifyChainEntries(entries.slice(2), first.state, fakeSha256);
    expect(second.broken).toBeNull();
    expect(second.state.entries).toBe(5);
  });

  it('reports an entry whose details were changed at that entry', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2]!, detail: { n: 999 } };
    const { broken } = verifyChainEntries(entries, CHAIN_START, fakeSha256);
    expect(broken).toEqual({
      entryId: 3,
      problem: 'entry 3 does not match its hash: it was changed after it was written',
    });
  });

  it('reports a deleted entry at the entry after it', () => {
    const entries = chain(4).filter((e) => e.id !== 2);
    const { broken } = verifyChainEntries(entries, CHAIN_START, fakeSha256);
    expect(broken?.entryId).toBe(3);
    expect(broken?.problem).toContain('does not follow entry 1');
  });

  it('reports a missing first entry', () => {
    const { broken } = verifyChainEntries(chain(3).slice(1), CHAIN_START, fakeSha256);
    expect(broken?.entryId).toBe(2);
    expect(broken?.problem).toContain('entries before it were deleted');
  });

  it('reports an entry without hashes (written around the audit service)', () => {
    const entries = chain(2);
    entries.push({ ...base, id: 3, prevHash: null, hash: null });
    expect(verifyChainEntries(entries, CHAIN_START, fakeSha256).broken?.entryId).toBe(3);
  });
});

describe('checkChainHead', () => {
  it('accepts a head that names the last entry and the count', () => {
    const { state } = verifyChainEntries(chain(2), CHAIN_START, fakeSha256);
    expect(checkChainHead(state, { lastId: 2, lastHash: state.lastHash, entries: 2 })).toBeNull();
  });

  it('reports deleted newest entries', () => {
    const entries = chain(3);
    const { state } = verifyChainEntries(entries.slice(0, 2), CHAIN_START, fakeSha256);
    const broken = checkChainHead(state, { lastId: 3, lastHash: entries[2]!.hash, entries: 3 });
    expect(broken?.entryId).toBe(3);
    expect(broken?.problem).toContain('the log ends at entry 2');
  });

  it('accepts an empty log with an empty head', () => {
    expect(checkChainHead(CHAIN_START, { lastId: null, lastHash: null, entries: 0 })).toBeNull();
  });
});
