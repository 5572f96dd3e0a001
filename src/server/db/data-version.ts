import { sql } from 'kysely';
import type { Db } from './client.ts';
import { readBatch, type ReadBatch } from './read-batch.ts';

/**
 * The data version (migration 0013): the sum of `data_changes.n`, which every committed statement on a versioned
 * table increases. Two reads give the same version only when no change committed between them, so a report computed
 * after reading version V may be kept under V and sent again to whoever reads V later.
 */
export const dataVersionSql = sql<string>`(SELECT coalesce(sum(n), 0)::text FROM data_changes)`;

// Fold old rows into one when there are more than this many (the sum is read on every request).
const FOLD_AT = 1000;
const folding = new WeakSet<Db>();

const reads = new WeakMap<Db, ReadBatch<null, string>>();

/**
 * The current data version, as text (it may exceed 2^53). Reads asked for in the same turn of the event loop share
 * one query, sent after all of them asked (read-batch.ts).
 */
export async function readDataVersion(db: Db): Promise<string> {
  let batch = reads.get(db);
  if (batch === undefined) {
    batch = readBatch(async () => new Map([[null, await queryDataVersion(db)]]), '');
    reads.set(db, batch);
  }
  return batch.load(null);
}

async function queryDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ v: string; rows: number }>`
    SELECT coalesce(sum(n), 0)::text AS v, count(*)::int AS rows FROM data_changes`.execute(db.kysely);
  const row = rows[0]!;
  if (row.rows > FOLD_AT) foldDataChanges(db);
  return row.v;
}

/**
 * Replaces the committed rows of data_changes by one row holding their sum, in one statement: the version is
 * unchanged by it, and rows of transactions still open are not touched. Runs in the background; a failure only
 * leaves the rows for the next time.
 */
function foldDataChanges(db: Db): void {
  if (folding.has(db)) return;
  folding.add(db);
  void sql`WITH gone AS (DELETE FROM data_changes RETURNING n)
    INSERT INTO data_changes (n) SELECT coalesce(sum(n), 0) FROM gone`
    .execute(db.kysely)
    .catch(() => undefined)
    .finally(() => folding.delete(db));
}
