import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion } from '../../src/server/db/data-version.ts';
import { cachedByDataVersion } from '../../src/server/services/report-cache.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

// The data version (migration 0013, src/server/db/data-version.ts) and the reports kept per version
// (src/server/services/report-cache.ts).

/** The tables migration 0013 leaves unversioned on purpose: written on every request or sign-in, or the ledger. */
const unversioned = [
  'account_lockouts',
  'audit_chain_head',
  'audit_log',
  'data_changes',
  'schema_migrations',
  'sessions',
  'sign_in_failures',
];

describe.each(testBackends())('data version on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(backend);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('every table but the listed few moves the version on, even with ordinary triggers switched off', async () => {
    const { rows } = await sql<{ table: string; enabled: string | null }>`
      SELECT c.relname AS table, t.tgenabled AS enabled
      FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgname = 'ssos_data_change'
      WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`.execute(db.kysely);
    // A new table must either get the trigger (a migration: CREATE TRIGGER ssos_data_change ... ENABLE ALWAYS) or be
    // added to the list above with the reason.
    const missing = rows.filter((r) => r.enabled === null).map((r) => r.table);
    expect(missing).toEqual(unversioned);
    expect(rows.filter((r) => r.enabled !== null && r.enabled !== 'A')).toEqual([]);
    expect(rows.length).toBeGreaterThan(50);
  });

  it('grows with each committed statement, not with reads, rolled-back work or unversioned tables', async () => {
    const v0 = BigInt(await readDataVersion(db));
    await sql`SELECT count(*) FROM organizations`.execute(db.kysely);
    await sql`INSERT INTO sessions (token_hash, user_id, expires_at)
      SELECT 'x', id, now() FROM users LIMIT 0`.execute(db.kysely);
    expect(BigInt(await readDataVersion(db))).toBe(v0);
    await sql`UPDATE settings SET value = value WHERE false`.execute(db.kysely);
    const v1 = BigInt(await readDataVersion(db));
    expect(v1).toBe(v0 + 1n);
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE settings SET value = value WHERE false`.execute(trx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(BigInt(await readDataVersion(db))).toBe(v1);
    // Bulk loads switch ordinary triggers off; the version still moves.
    await db.kysely.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`UPDATE settings SET value = value WHERE false`.execute(trx);
    });
    expect(BigInt(await readDataVersion(db))).toBe(v1 + 1n);
  });

  it('folds old rows into one without changing the version', async () => {
    for (let i = 0; i < 1005; i += 1) await sql`DELETE FROM settings WHERE false`.execute(db.kysely);
    const before = await readDataVersion(db); // more than 1000 rows: starts the fold
    for (let i = 0; i < 50; i += 1) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_changes`.execute(db.kysely);
      if (rows[0]!.n < 10) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_changes`.execute(db.kysely);
    expect(rows[0]!.n).toBeLessThan(10);
    expect(await readDataVersion(db)).toBe(before);
  });

  it('keeps a report until the data change, computes it once for concurrent readers, and keeps no failure', async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 10));
      return { n: computed };
    };
    const ctx = { db };
    const [a, b] = await Promise.all([cachedByDataVersion(ctx, 'k', compute), cachedByDataVersion(ctx, 'k', compute)]);
    expect(a).toEqual({ n: 1 });
    expect(b).toBe(a);
    expect(await cachedByDataVersion(ctx, 'k', compute)).toBe(a);
    expect(computed).toBe(1);
    // Another key is another report.
    expect(await cachedByDataVersion(ctx, 'other', compute)).toEqual({ n: 2 });
    // A change to the data: computed again.
    await sql`UPDATE settings SET value = value WHERE false`.execute(db.kysely);
    expect(await cachedByDataVersion(ctx, 'k', compute)).toEqual({ n: 3 });
    // A request that began at an older version computes its own copy and does not replace the kept one.
    const old = { db, dataVersion: async () => '1' };
    expect(await cachedByDataVersion(old, 'k', compute)).toEqual({ n: 4 });
    expect(await cachedByDataVersion(ctx, 'k', compute)).toEqual({ n: 3 });
    // A failure is not kept.
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('not found');
      return 'ok';
    };
    await expect(cachedByDataVersion(ctx, 'f', flaky)).rejects.toThrow('not found');
    fail = false;
    expect(await cachedByDataVersion(ctx, 'f', flaky)).toBe('ok');
  });
});
