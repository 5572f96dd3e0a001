import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawConnection } from '../../src/server/db/client.ts';
import { mayDeferReferenceChecks, TableLoad, type ReferenceHints } from '../../src/server/ingest/bulk-load.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

// A first load into an empty table checks its references once at the end, builds its secondary indexes once, and
// leaves the table exactly as declared: the same keys and indexes, and no row without its reference.

/** The table's foreign keys and indexes, as the catalog describes them. */
async function shape(conn: RawConnection, table: string): Promise<string[]> {
  const r = await conn.query<{ def: string }>(
    `SELECT conname || ': ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass
     UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`,
    [table],
  );
  return r.rows.map((row) => row.def);
}

async function loadChildren(
  conn: RawConnection,
  rows: [number, number, string][],
  references?: ReferenceHints,
): Promise<void> {
  const load = new TableLoad(conn, 'bl_child', ['id', 'parent_id', 'label'], ['id'], 'direct');
  await load.begin();
  for (const row of rows) await load.add(row);
  await load.finish(references);
}

/** Runs `work` in a transaction that is always rolled back, optionally as a role that is not a superuser. */
async function inRolledBackTransaction<T>(
  db: TestDb,
  work: (conn: RawConnection) => Promise<T>,
  role?: string,
): Promise<T> {
  return db.withConnection(async (conn) => {
    await conn.query('BEGIN');
    try {
      if (role) await conn.query(`SET LOCAL ROLE ${role}`);
      return await work(conn);
    } finally {
      await conn.query('ROLLBACK');
    }
  });
}

describe.each(testBackends())('a first bulk load on %s', (backend) => {
  let db: TestDb;
  let before: string[];
  beforeAll(async () => {
    db = await createTestDb(backend);
    await db.exec(`
      CREATE TABLE bl_parent (id integer PRIMARY KEY);
      CREATE TABLE bl_child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES bl_parent (id), label text);
      CREATE INDEX bl_child_parent_idx ON bl_child (parent_id);
      INSERT INTO bl_parent SELECT generate_series(1, 10);
    `);
    before = await db.withConnection((conn) => shape(conn, 'bl_child'));
  });
  afterAll(async () => db?.dispose());
  beforeEach(async () => db.exec('DELETE FROM bl_child'));

  it('checks references once at the end: all rows in, keys and indexes as declared', async () => {
    const { count, after, used } = await inRolledBackTransaction(db, async (conn) => {
      const rows: [number, number, string][] = [];
      for (let i = 1; i <= 5000; i++) rows.push([i, 1 + (i % 10), `row ${i}`]);
      await loadChildren(conn, rows);
      const c = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM bl_child');
      // The index is used again: a lookup by parent reads it.
      const plan = await conn.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN SELECT * FROM bl_child WHERE parent_id = 3 ORDER BY parent_id',
      );
      const triggersOn = await conn.query<{ role: string }>('SELECT current_setting($1) AS role', [
        'session_replication_role',
      ]);
      return {
        count: c.rows[0]!.n,
        after: await shape(conn, 'bl_child'),
        used: { plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n'), role: triggersOn.rows[0]!.role },
      };
    });
    expect(count).toBe(5000);
    expect(after).toEqual(before);
    expect(used.role).toBe('origin');
    expect(before.join('\n')).toContain('FOREIGN KEY (parent_id) REFERENCES bl_parent(id)');
  });

  it('refuses a row whose reference is missing, naming the key and the value', async () => {
    const outcome = await inRolledBackTransaction(db, (conn) =>
      loadChildren(conn, [
        [1, 1, 'fine'],
        [2, 42, 'no such parent'],
        [3, 2, 'fine'],
      ]),
    ).catch((err: unknown) => err as { code?: string; message?: string; detail?: string });
    expect(outcome).toMatchObject({ code: '23503' });
    expect(String((outcome as { detail?: string }).detail ?? (outcome as Error).message)).toContain('42');
  });

  it('checks references by the values the caller wrote, or with one anti-join on a table it locked', async () => {
    const rows: [number, number, string][] = [
      [1, 1, 'fine'],
      [2, 42, 'no such parent'],
      [3, 2, 'fine'],
    ];
    const byValues = await inRolledBackTransaction(db, (conn) =>
      loadChildren(conn, rows, { values: { parent_id: [1, 42, 2] } }),
    ).catch((err: unknown) => err as { code?: string; detail?: string });
    expect(byValues).toMatchObject({ code: '23503', detail: expect.stringContaining('(parent_id)=(42)') });
    const byAntiJoin = await inRolledBackTransaction(db, async (conn) => {
      await conn.query('LOCK TABLE bl_parent IN SHARE MODE');
      await loadChildren(conn, rows, { lockedTables: ['bl_parent'] });
    }).catch((err: unknown) => err as { code?: string; detail?: string });
    expect(byAntiJoin).toMatchObject({ code: '23503', detail: expect.stringContaining('(parent_id)=(42)') });
    // Rows with their references load either way, the referenced rows locked as the triggers would lock them.
    const loaded = await inRolledBackTransaction(db, async (conn) => {
      await loadChildren(
        conn,
        [
          [1, 1, 'a'],
          [2, 3, 'b'],
          [3, 3, 'c'],
        ],
        { values: { parent_id: [1, 3] } },
      );
      const locked = await conn.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bl_parent WHERE id IN (1, 3) AND xmax::text <> '0'`,
      );
      const count = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM bl_child');
      return { locked: locked.rows[0]!.n, count: count.rows[0]!.n };
    });
    expect(loaded.count).toBe(3);
    if (backend === 'postgres') expect(loaded.locked).toBe(2);
  });

  it('keeps the referenced table readable meanwhile but not writable (no exclusive lock)', async () => {
    if (backend !== 'postgres') return; // PGlite has one connection: nothing runs beside the load.
    await db.withConnection(async (conn) => {
      await conn.query('BEGIN');
      try {
        const load = new TableLoad(conn, 'bl_child', ['id', 'parent_id', 'label'], ['id'], 'direct');
        await load.begin();
        await load.add([1, 1, 'a']);
        // Another connection can still read the parents while the load is open (a dropped foreign key would have
        // locked bl_parent exclusively and this read would wait).
        const read = db.withConnection((other) =>
          other.query<{ n: number }>('SELECT count(*)::int AS n FROM bl_parent'),
        );
        const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000));
        const first = await Promise.race([read.then((r) => r.rows[0]!.n), waited]);
        expect(first).toBe(10);
        await load.finish();
      } finally {
        await conn.query('ROLLBACK');
      }
    });
  });

  it('without the right to switch triggers off, sets the foreign keys aside and adds them back', async () => {
    if (backend !== 'postgres') return; // PGlite's only user is a superuser.
    await db.exec(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ssos_bulk_loader') THEN
          CREATE ROLE ssos_bulk_loader NOSUPERUSER;
        END IF;
      END $$;
      GRANT USAGE, CREATE ON SCHEMA public TO ssos_bulk_loader;
      ALTER TABLE bl_parent OWNER TO ssos_bulk_loader;
      ALTER TABLE bl_child OWNER TO ssos_bulk_loader;
    `);
    const result = await inRolledBackTransaction(
      db,
      async (conn) => {
        const may = await mayDeferReferenceChecks(conn);
        await loadChildren(conn, [
          [1, 1, 'a'],
          [2, 2, 'b'],
        ]);
        const bad = await conn
          .query('SAVEPOINT bad')
          .then(() => loadChildren(conn, [[3, 99, 'no such parent']]))
          .then(
            () => null,
            (err: unknown) => err as { code?: string },
          );
        await conn.query('ROLLBACK TO SAVEPOINT bad');
        return { may, after: await shape(conn, 'bl_child'), bad };
      },
      'ssos_bulk_loader',
    );
    expect(result.may).toBe(false);
    expect(result.after).toEqual(before);
    // The second load is not a first load (the table holds rows) and goes through the triggers: still refused.
    expect(result.bad?.code).toBe('23503');
  });
});
