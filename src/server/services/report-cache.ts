import { z } from 'zod';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { readDataVersion } from '../db/data-version.ts';

/**
 * Reports kept per data version (db/data-version.ts): a read route computes a report once and sends the kept copy
 * to every later request that began at the same version. Any committed change to the data moves the version on,
 * and the first request that sees the new version drops everything kept for the old one. A request that began at an
 * older version than the one kept computes its own copy and keeps nothing. Concurrent requests for the same report
 * wait for the one computation. What is kept must not be changed by its readers.
 */
/** What a cached read needs: the database, and the data version the request began at (read once per request). */
export type VersionedDb = Pick<RequestContext, 'db' | 'dataVersion'>;

interface VersionCache {
  version: bigint;
  entries: Map<string, { value: Promise<unknown>; bytes: number }>;
  bytes: number;
}

/** At most this many reports, and this many bytes of JSON text, per database (the least recently used go first). */
const MAX_ENTRIES = 1000;
const MAX_BYTES = 128 * 1024 * 1024;

const caches = new WeakMap<Db, VersionCache>();

function evict(cache: VersionCache): void {
  while (cache.entries.size > MAX_ENTRIES || cache.bytes > MAX_BYTES) {
    const oldest = cache.entries.keys().next();
    if (oldest.done) return;
    cache.bytes -= cache.entries.get(oldest.value)!.bytes;
    cache.entries.delete(oldest.value);
  }
}

/**
 * The report under `key` for the data version the request began at: kept, or computed by `compute` and kept.
 * `key` must name everything the report depends on besides the data (organization, year, audience, settings);
 * `compute` gets the data version it computes for.
 */
export async function cachedByDataVersion<T>(
  ctx: VersionedDb,
  key: string,
  compute: (version: string) => Promise<T>,
  sizeOf: (value: T) => number = () => 0,
): Promise<T> {
  const versionText = await (ctx.dataVersion?.() ?? readDataVersion(ctx.db));
  const version = BigInt(versionText);
  let cache = caches.get(ctx.db);
  if (cache === undefined || version > cache.version) {
    cache = { version, entries: new Map(), bytes: 0 };
    caches.set(ctx.db, cache);
  }
  if (version < cache.version) return compute(versionText);
  const hit = cache.entries.get(key);
  if (hit !== undefined) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute(versionText);
  const entry = { value: value as Promise<unknown>, bytes: 0 };
  cache.entries.set(key, entry);
  const kept = cache;
  value.then(
    (v) => {
      if (kept.entries.get(key) !== entry) return;
      entry.bytes = sizeOf(v);
      kept.bytes += entry.bytes;
      evict(kept);
    },
    () => {
      // Failures (a 404, a refused request) are not kept.
      if (kept.entries.get(key) === entry) kept.entries.delete(key);
    },
  );
  evict(cache);
  return value;
}

/**
 * A report as the JSON text its route sends, kept per data version: encoded with the route's response schema, as
 * the route's serializer would (unknown keys dropped, values checked), once per version rather than per request.
 */
export async function cachedJson<S extends z.ZodType>(
  ctx: VersionedDb,
  key: string,
  schema: S,
  compute: () => Promise<z.output<S>>,
): Promise<string> {
  return cachedByDataVersion(
    ctx,
    `json|${key}`,
    async () => JSON.stringify(z.encode(schema, await compute())),
    (json) => json.length,
  );
}
