import type { Db, RawConnection } from '../db/client.ts';

/** The CSV cell COPY reads for a value (blank = NULL). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Loads rows into a table through a staging table: rows are buffered and sent with COPY in batches, then merged
 * on the table's natural key (new keys inserted, changed rows updated, identical rows left alone, so a repeated
 * load changes nothing). Runs on a connection inside the caller's transaction.
 */
export class StagedLoad {
  readonly #conn: RawConnection;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #key: readonly string[];
  readonly #batchSize: number;
  #batch: string[] = [];
  #stage: string;
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
    this.#stage = `stage_${table}`;
  }

  /** Creates the staging table (dropped at commit or rollback). */
  async begin(): Promise<void> {
    await this.#conn.query(`CREATE TEMP TABLE ${this.#stage} (LIKE ${this.#table}) ON COMMIT DROP`);
    const notNull = this.#columns.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ');
    await this.#conn.query(`ALTER TABLE ${this.#stage} ${notNull}`);
  }

  /** Adds one row (values in column order). */
  async add(values: readonly unknown[]): Promise<void> {
    this.#batch.push(values.map(csvCell).join(','));
    this.rows++;
    if (this.#batch.length >= this.#batchSize) await this.flush();
  }

  /** Sends the buffered rows. */
  async flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    await this.#conn.copyCsv(this.#stage, this.#columns, `${this.#batch.join('\n')}\n`);
    this.#batch = [];
  }

  /** Merges the staged rows into the table; returns how many were new and how many changed. */
  async merge(): Promise<{ inserted: number; updated: number }> {
    await this.flush();
    const table = this.#table;
    const rest = this.#columns.filter((c) => !this.#key.includes(c));
    const list = this.#columns.join(', ');
    const update =
      rest.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
           WHERE (${rest.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    const r = await this.#conn.query<{ inserted: number; updated: number }>(
      `WITH merged AS (
         INSERT INTO ${table} (${list}) SELECT ${list} FROM ${this.#stage}
         ON CONFLICT (${this.#key.join(', ')}) ${update}
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`,
    );
    return { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) };
  }
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
