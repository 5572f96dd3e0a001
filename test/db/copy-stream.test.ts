import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

describe.each(testBackends())('an open COPY on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await db.exec('CREATE TABLE copy_target (id integer PRIMARY KEY, label text)');
    await db.exec("INSERT INTO copy_target VALUES (1, 'already here')");
  });
  afterAll(async () => db?.dispose());

  // A server reports a broken key while the rows are still streaming; the writes that follow must report that
  // error (so a first load can fall back to merging), not fail on the closed stream or crash the process.
  it('reports the unique violation the database found, however many rows are still written', async () => {
    const outcome = await db
      .withConnection(async (conn) => {
        await conn.query('BEGIN');
        try {
          const copy = conn.openCopy('copy_target', ['id', 'label']);
          await copy.write('1,duplicate');
          for (let i = 2; i < 5_000; i++) {
            await copy.write(`${i},row ${i}`);
            // Give the server time to answer the first rows sent while more are still to come.
            if (i === 2_500) await new Promise((r) => setTimeout(r, 300));
          }
          await copy.end();
          return 'finished';
        } finally {
          await conn.query('ROLLBACK');
        }
      })
      .catch((err: unknown) => err);
    expect((outcome as { code?: string }).code).toBe('23505');
    const rows = await db.withConnection((conn) =>
      conn.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_target'),
    );
    expect(rows.rows[0]!.n).toBe(1);
  });
});
