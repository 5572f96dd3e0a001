import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/databases.ts';

describe('PGlite connection lending', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    await db.exec('CREATE TABLE t (n integer)');
  });
  afterAll(async () => db?.dispose());

  it('keeps a concurrent query out of another request’s open transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const trx = db.kysely.transaction().execute(async (t) => {
      await t
        .insertInto('t' as never)
        .values({ n: 1 } as never)
        .execute();
      await gate;
      throw new Error('roll back');
    });
    // Started while the transaction holds the connection: it must wait, then see no uncommitted row.
    const outside = sql<{ c: number }>`SELECT count(*)::int AS c FROM t`.execute(db.kysely);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(trx).rejects.toThrow('roll back');
    expect((await outside).rows[0]!.c).toBe(0);
  });

  it('reports affected rows for inserts, updates and deletes', async () => {
    const ins = await db.kysely
      .insertInto('t' as never)
      .values([{ n: 1 }, { n: 2 }] as never)
      .executeTakeFirst();
    expect(Number(ins.numInsertedOrUpdatedRows)).toBe(2);
    const upd = await db.kysely
      .updateTable('t' as never)
      .set({ n: 3 } as never)
      .executeTakeFirst();
    expect(Number(upd.numUpdatedRows)).toBe(2);
    const del = await db.kysely.deleteFrom('t' as never).executeTakeFirst();
    expect(Number(del.numDeletedRows)).toBe(2);
  });
});

describe('raw connections for bulk work', () => {
  it.each(['pglite', ...(process.env.SSOS_TEST_DATABASE_URL ? ['postgres' as const] : [])] as const)(
    'count selected rows like pg and load CSV with COPY on %s',
    async (backend) => {
      const db = await createTestDb(backend);
      try {
        await db.withConnection(async (conn) => {
          expect((await conn.query('SELECT 1 AS n UNION ALL SELECT 2')).rowCount).toBe(2);
          expect((await conn.query('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
          await conn.query('CREATE TEMP TABLE c (a integer, b text, d boolean)');
          await conn.copyCsv('c', ['a', 'b', 'd'], '1,"x, y",t\n2,,f\n');
          expect((await conn.query('SELECT a, b, d FROM c ORDER BY a')).rows).toEqual([
            { a: 1, b: 'x, y', d: true },
            { a: 2, b: null, d: false },
          ]);
        });
      } finally {
        await db.dispose();
      }
    },
  );
});
