import type { CopyWriter, Db, RawConnection } from '../db/client.ts';

/** The CSV cell COPY reads for a value (blank = NULL). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Loads rows into a table in one of two ways, on a connection inside the caller's transaction. Its COPY stays open
 * from begin() to finish(): no other query may run on the connection meanwhile (use StagedLoad for that).
 * - `direct`: COPY straight into the table (a first load: fastest; a key already in the table makes it fail with
 *   a unique violation, which the caller answers by loading again with `merge`);
 * - `merge`: COPY into a staging table, then merge on the table's natural key (new keys inserted, changed rows
 *   updated, identical rows left alone, so a repeated load changes nothing).
 */
export class TableLoad {
  readonly #conn: RawConnection;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #key: readonly string[];
  readonly #mode: 'direct' | 'merge';
  #copy: CopyWriter | null = null;
  /** Secondary indexes (and, without deferred checks, foreign keys) set aside for a first load, rebuilt by finish(). */
  #setAside: SetAsideCheck[] = [];
  /** Foreign keys checked once by finish() instead of per row (a first load with deferred checks). */
  #deferred: ForeignKey[] | null = null;
  rows = 0;

  constructor(
    conn: RawConnection,
    table: string,
    columns: readonly string[],
    key: readonly string[],
    mode: 'direct' | 'merge',
  ) {
    this.#conn = conn;
    this.#table = table;
    this.#columns = columns;
    this.#key = key;
    this.#mode = mode;
  }

  get #stage(): string {
    return `stage_${this.#table}`;
  }

  /** How the rows go in: straight into the table, or merged through a staging table. */
  get mode(): 'direct' | 'merge' {
    return this.#mode;
  }

  /** Prepares the load (the staging table for `merge`, dropped at commit or rollback). */
  async begin(): Promise<void> {
    if (this.#mode === 'merge') {
      await this.#conn.query(`CREATE TEMP TABLE ${this.#stage} (LIKE ${this.#table}) ON COMMIT DROP`);
      const notNull = this.#columns.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ');
      await this.#conn.query(`ALTER TABLE ${this.#stage} ${notNull}`);
    }
    if (this.#mode === 'direct') await this.#setAsideChecks();
    this.#copy = this.#conn.openCopy(this.#mode === 'merge' ? this.#stage : this.#table, this.#columns);
  }

  /**
   * A first load into an empty table builds its secondary indexes once at the end and checks its references once
   * (deferReferenceChecks; or, where this session may not switch triggers off, by dropping the foreign keys and
   * adding them back: see setAsideChecks).
   */
  async #setAsideChecks(): Promise<void> {
    const empty = await this.#conn.query<{ empty: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM ${this.#table}) AS empty`,
    );
    if (!empty.rows[0]?.empty) return;
    this.#deferred = await deferReferenceChecks(this.#conn, this.#table);
    // The primary key goes too (unless other tables refer to it): the table is empty and the caller refuses a key
    // repeated in its input, so no row can break it; it is built once at the end, which would still catch one.
    this.#setAside = await setAsideChecks(this.#conn, this.#table, {
      foreignKeys: this.#deferred === null,
      primaryKey: true,
    });
  }

  /** Adds one row (values in column order). */
  async add(values: readonly unknown[]): Promise<void> {
    await this.#copy!.write(values.map(csvCell).join(','));
    this.rows++;
  }

  /** Adds one row already written as a CSV line in column order (each cell as `csvCell` writes it). */
  async addLine(line: string): Promise<void> {
    await this.#copy!.write(line);
    this.rows++;
  }

  /** Abandons the load (the caller rolls the transaction back). */
  async abort(): Promise<void> {
    await this.#copy?.abort();
  }

  /**
   * Finishes the load; returns how many rows were new and how many changed. `references` says what the caller
   * knows of the rows' references, so that checking them once needs fewer scans (see verifyReferences).
   */
  async finish(references: ReferenceHints = {}): Promise<{ inserted: number; updated: number }> {
    await this.#copy!.end();
    if (this.#deferred) {
      await this.#conn.query('SET LOCAL session_replication_role = origin');
      await verifyReferences(this.#conn, this.#table, this.#deferred, this.#table, references);
      this.#deferred = null;
    }
    await restoreChecks(this.#conn, this.#setAside);
    this.#setAside = [];
    if (this.#mode === 'direct') return { inserted: this.rows, updated: 0 };
    return mergeStaged(this.#conn, this.#table, this.#stage, this.#columns, this.#key);
  }
}

/**
 * Loads rows through a staging table and merges them on the natural key, sending each batch as one complete COPY:
 * between batches the connection is free for other queries (unlike TableLoad, whose COPY stays open from begin() to
 * finish(), so nothing else may run on its connection meanwhile).
 */
export class StagedLoad {
  readonly #conn: RawConnection;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #key: readonly string[];
  readonly #batchSize: number;
  #batch: string[] = [];
  rows = 0;

  constructor(
    conn: RawConnection,
    table: string,
    columns: readonly string[],
    key: readonly string[],
    batchSize = 20_000,
  ) {
    this.#conn = conn;
    this.#table = table;
    this.#columns = columns;
    this.#key = key;
    this.#batchSize = batchSize;
  }

  get #stage(): string {
    return `stage_${this.#table}`;
  }

  /** Creates the staging table (dropped at commit or rollback). */
  async begin(): Promise<void> {
    await this.#conn.query(`CREATE TEMP TABLE ${this.#stage} (LIKE ${this.#table}) ON COMMIT DROP`);
    const notNull = this.#columns.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ');
    await this.#conn.query(`ALTER TABLE ${this.#stage} ${notNull}`);
  }

  /** Adds one row (values in column order); a full batch is sent. */
  async add(values: readonly unknown[]): Promise<void> {
    this.#batch.push(values.map(csvCell).join(','));
    this.rows++;
    if (this.#batch.length >= this.#batchSize) await this.flush();
  }

  /** Sends the buffered rows as one COPY. */
  async flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    await this.#conn.copyCsv(this.#stage, this.#columns, `${this.#batch.join('\n')}\n`);
    this.#batch = [];
  }

  /** Merges the staged rows into the table; returns how many were new and how many changed. */
  async merge(): Promise<{ inserted: number; updated: number }> {
    await this.flush();
    return mergeStaged(this.#conn, this.#table, this.#stage, this.#columns, this.#key);
  }
}

/** A foreign key or secondary index set aside for a bulk load: how to drop it and how to recreate it. */
export interface SetAsideCheck {
  drop: string;
  create: string;
}

/**
 * Drops a table's foreign keys (unless `foreignKeys: false`) and secondary indexes, and with `primaryKey: true` its
 * primary key when no other table refers to it, for a bulk load inside the caller's transaction; `restoreChecks`
 * recreates them (keys and indexes first, then references) before it commits. Checking every reference once (ADD
 * CONSTRAINT validates the whole table with one join) and building each index once is several times faster than a
 * trigger and an index insertion per row, and the guarantees are the same: a row breaking a key makes the restore
 * fail and the transaction roll back. Without `primaryKey` the primary key stays, so a duplicate still fails (or
 * merges) as it arrives. Dropping takes the table's exclusive lock until commit: readers of the table wait.
 */
export async function setAsideChecks(
  conn: RawConnection,
  table: string,
  options: { foreignKeys?: boolean; primaryKey?: boolean } = {},
): Promise<SetAsideCheck[]> {
  // Sorted 'fk' < 'index' < 'pk' and restored in reverse: the keys and indexes are built before references are checked.
  const found = await conn.query<{ name: string; kind: string; def: string }>(
    `SELECT conname AS name, 'fk' AS kind, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND $2::boolean
     UNION ALL
     SELECT conname, 'pk', pg_get_constraintdef(oid)
       FROM pg_constraint p WHERE conrelid = $1::regclass AND contype = 'p' AND $3::boolean
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = p.conindid)
     UNION ALL
     SELECT i.relname, 'index', pg_get_indexdef(i.oid)
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY 2, 1`,
    [table, options.foreignKeys ?? true, options.primaryKey ?? false],
  );
  const items: SetAsideCheck[] = [];
  for (const c of found.rows) {
    const item =
      c.kind === 'index'
        ? { drop: `DROP INDEX ${quoteIdent(c.name)}`, create: c.def }
        : {
            drop: `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(c.name)}`,
            create: `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def}`,
          };
    await conn.query(item.drop);
    items.push(item);
  }
  return items.reverse();
}

/** Recreates what setAsideChecks dropped, each checked or built once over the whole table. */
export async function restoreChecks(conn: RawConnection, items: readonly SetAsideCheck[]): Promise<void> {
  for (const item of items) await conn.query(item.create);
}

/** A foreign key of a table: its columns and the table and columns they refer to. */
export interface ForeignKey {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

/** A table's foreign keys. */
export async function foreignKeys(conn: RawConnection, table: string): Promise<ForeignKey[]> {
  const r = await conn.query<{ name: string; ref: string; cols: string[]; refcols: string[] }>(
    `SELECT c.conname AS name, c.confrelid::regclass::text AS ref,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refcols
       FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f' ORDER BY c.conname`,
    [table],
  );
  return r.rows.map((row) => ({
    name: row.name,
    columns: row.cols,
    references: row.ref,
    referencedColumns: row.refcols,
  }));
}

/**
 * Whether this session may switch the per-row foreign-key triggers off (`session_replication_role`: a superuser, or
 * a role granted `SET` on that parameter, as PGlite's user is). Asked inside the caller's transaction.
 */
export async function mayDeferReferenceChecks(conn: RawConnection): Promise<boolean> {
  await conn.query('SAVEPOINT may_defer');
  try {
    await conn.query('SET LOCAL session_replication_role = replica');
    await conn.query('ROLLBACK TO SAVEPOINT may_defer');
    return true;
  } catch {
    await conn.query('ROLLBACK TO SAVEPOINT may_defer');
    return false;
  } finally {
    await conn.query('RELEASE SAVEPOINT may_defer');
  }
}

/**
 * Prepares a bulk load that checks the references once instead of per row: the per-row triggers are switched off for
 * the rest of the transaction; the caller switches them back on and calls verifyReferences on the loaded rows. Unlike
 * dropping and re-adding the foreign keys, this takes no exclusive lock on the referenced tables, so loads into
 * different tables run side by side. Null when the session may not switch triggers off (then the foreign keys are
 * set aside instead).
 */
export async function deferReferenceChecks(conn: RawConnection, table: string): Promise<ForeignKey[] | null> {
  if (!(await mayDeferReferenceChecks(conn))) return null;
  const keys = await foreignKeys(conn, table);
  await conn.query('SET LOCAL session_replication_role = replica');
  return keys;
}

/** What the caller of a bulk load knows of its rows' references (see verifyReferences). */
export interface ReferenceHints {
  /**
   * Referenced tables the caller has locked in SHARE mode for the transaction: none of their rows can be changed or
   * deleted until the commit, so a reference to them is checked by one anti-join, without locking rows.
   */
  lockedTables?: readonly string[];
  /**
   * Every distinct value of a single-column foreign key in the loaded rows, by column: the referenced rows are found
   * and locked by these values, without scanning the loaded rows.
   */
  values?: Readonly<Record<string, readonly (string | number)[]>>;
}

/**
 * Checks that every row of `rows` (a table, or a query in parentheses) has its references, one statement per foreign
 * key, and holds them as the per-row triggers would: each referenced row is locked FOR KEY SHARE until the commit, so
 * it cannot be deleted or have its key changed meanwhile, while other writers may still update it and readers read
 * it (a table the caller holds in SHARE mode, `hints.lockedTables`, needs no row locks: its references are checked
 * with one anti-join). A reference deleted before the check is missing from it. The first missing one fails like the
 * database's own check (23503, naming the key and the value).
 */
export async function verifyReferences(
  conn: RawConnection,
  table: string,
  keys: readonly ForeignKey[],
  rows = table,
  hints: ReferenceHints = {},
): Promise<void> {
  for (const key of keys) {
    const cols = key.columns.map((c) => `t.${quoteIdent(c)}`);
    const refCols = key.referencedColumns.map((c) => `r.${quoteIdent(c)}`);
    const notNull = cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
    const given = key.columns.length === 1 ? hints.values?.[key.columns[0]!] : undefined;
    let missing: Record<string, unknown> | null = null;
    if (hints.lockedTables?.includes(key.references)) {
      missing = await firstMissing(conn, key, rows);
    } else if (given) {
      // The referenced rows, looked up (and locked) by the values the caller wrote.
      const held = await conn.query<{ value: unknown }>(
        `SELECT ${refCols[0]!} AS value FROM ${key.references} r WHERE ${refCols[0]!} = ANY($1) FOR KEY SHARE OF r`,
        [given],
      );
      if (held.rows.length !== given.length) {
        const found = new Set(held.rows.map((r) => String(r.value)));
        const value = given.find((v) => !found.has(String(v)));
        missing = { [key.columns[0]!]: value };
      }
    } else {
      const counted = await conn.query<{ wanted: number; held: number }>(
        `WITH wanted AS (SELECT DISTINCT ${cols.join(', ')} FROM ${rows} t WHERE ${notNull}),
              held AS (SELECT 1 FROM ${key.references} r WHERE (${refCols.join(', ')}) IN (SELECT * FROM wanted)
                       FOR KEY SHARE OF r)
         SELECT (SELECT count(*) FROM wanted)::float8 AS wanted, (SELECT count(*) FROM held)::float8 AS held`,
      );
      const { wanted, held } = counted.rows[0]!;
      if (Number(wanted) !== Number(held)) missing = (await firstMissing(conn, key, rows)) ?? {};
    }
    if (missing === null) continue;
    const row = missing;
    throw Object.assign(
      new Error(`insert or update on table "${table}" violates foreign key constraint "${key.name}"`),
      {
        code: '23503',
        detail: `Key (${key.columns.join(', ')})=(${key.columns.map((c) => String(row[c])).join(', ')}) is not present in table "${key.references}".`,
      },
    );
  }
}

/** The key of the first row of `rows` whose reference is missing, or null when none is. */
async function firstMissing(
  conn: RawConnection,
  key: ForeignKey,
  rows: string,
): Promise<Record<string, unknown> | null> {
  const cols = key.columns.map((c) => `t.${quoteIdent(c)}`);
  const refCols = key.referencedColumns.map((c) => `r.${quoteIdent(c)}`);
  const found = await conn.query<Record<string, unknown>>(
    `SELECT ${cols.join(', ')} FROM ${rows} t
      WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(' AND ')}
        AND NOT EXISTS (SELECT 1 FROM ${key.references} r
                         WHERE ${refCols.map((c, i) => `${c} = ${cols[i]}`).join(' AND ')})
      LIMIT 1`,
  );
  return found.rows[0] ?? null;
}

/** Merges a staging table into its table on the natural key; identical rows are left alone. */
async function mergeStaged(
  conn: RawConnection,
  table: string,
  stage: string,
  columns: readonly string[],
  key: readonly string[],
): Promise<{ inserted: number; updated: number }> {
  const rest = columns.filter((c) => !key.includes(c));
  const list = columns.join(', ');
  const update =
    rest.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE (${rest.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const r = await conn.query<{ inserted: number; updated: number }>(
    `WITH merged AS (
       INSERT INTO ${table} (${list}) SELECT ${list} FROM ${stage}
       ON CONFLICT (${key.join(', ')}) ${update}
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`,
  );
  return { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) };
}

/** An SQL identifier, quoted. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Whether an error is PostgreSQL's unique violation (a key already present). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown })?.code === '23505';
}

/**
 * Loads a table the fast way first (direct COPY) and, when a key is already in the table, again by merging —
 * `load` is called once or twice with a fresh TableLoad, so it must read its input from the start each time.
 */
export async function loadDirectOrMerge<T>(
  conn: RawConnection,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  load: (target: TableLoad) => Promise<T>,
): Promise<T> {
  await conn.query('SAVEPOINT direct_load');
  try {
    const direct = new TableLoad(conn, table, columns, key, 'direct');
    await direct.begin();
    const result = await load(direct);
    await conn.query('RELEASE SAVEPOINT direct_load');
    return result;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await conn.query('ROLLBACK TO SAVEPOINT direct_load');
  }
  const merge = new TableLoad(conn, table, columns, key, 'merge');
  await merge.begin();
  return load(merge);
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export function inImportTransaction<T>(db: Db, work: (conn: RawConnection) => Promise<T>): Promise<T> {
  return db.withConnection(async (conn) => {
    await conn.query('BEGIN');
    try {
      const result = await work(conn);
      await conn.query('COMMIT');
      return result;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => {});
      throw err;
    }
  });
}

/** Records where the data came from; the same file (same checksum) imported again reuses its record. */
export async function recordDataSource(
  conn: RawConnection,
  kind: string,
  description: string,
  checksum: string,
): Promise<number> {
  const existing = await conn.query<{ id: number }>('SELECT id FROM data_sources WHERE kind = $1 AND checksum = $2', [
    kind,
    checksum,
  ]);
  if (existing.rows[0]) return existing.rows[0].id;
  const r = await conn.query<{ id: number }>(
    'INSERT INTO data_sources (kind, description, checksum) VALUES ($1, $2, $3) RETURNING id',
    [kind, description, checksum],
  );
  return r.rows[0]!.id;
}
