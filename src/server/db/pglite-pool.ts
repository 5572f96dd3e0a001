import type { PGlite } from '@electric-sql/pglite';

/** The shape of a query result Kysely's PostgresDriver reads. */
interface PoolQueryResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

/** A client lent by the pool: queries run on PGlite's single connection while the lease lasts. */
export interface PgliteClient {
  query(text: string, params?: readonly unknown[]): Promise<PoolQueryResult>;
  /** Runs `COPY ... FROM '/dev/blob'` with the given CSV text as the blob (PGlite's way to stream rows in). */
  copyFromBlob(copySql: string, data: string): Promise<void>;
  release(): void;
}

/**
 * A pg.Pool-shaped adapter around one PGlite instance, so that Kysely's own PostgresDialect drives PGlite. PGlite
 * has a single connection: `connect()` lends it exclusively until `release()`, otherwise a query from one request
 * would run inside another request's transaction.
 */
export class PglitePool {
  /** Kysely reads pool options (for pg's Client class); PGlite has none. */
  readonly options: object = {};
  readonly #pg: PGlite;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  /** Waits for the connection to be free, then lends it. */
  async connect(): Promise<PgliteClient> {
    if (this.#closed) throw new Error('the embedded database is closed');
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    await previous;
    const pg = this.#pg;
    let released = false;
    return {
      async query(text, params = []) {
        // Without parameters a text may hold several statements (a migration): PGlite's exec runs those.
        if (params.length === 0) {
          const results = await pg.exec(text);
          const last = results[results.length - 1];
          const command = results.length === 1 ? commandFrom(last, text) : 'MULTI';
          return { rows: last?.rows ?? [], rowCount: rowCountOf(command, last), command };
        }
        const result = await pg.query(text, params as unknown[]);
        const command = commandFrom(result, text);
        return { rows: result.rows, rowCount: rowCountOf(command, result), command };
      },
      async copyFromBlob(copySql, data) {
        await pg.query(copySql, [], { blob: new Blob([data]) });
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  /** Closes PGlite once every lent connection is back. */
  async end(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    await this.#pg.close();
  }
}

/** Like pg: a SELECT's row count is the rows returned; other commands count the rows they touched. */
function rowCountOf(command: string, result: { rows?: unknown[]; affectedRows?: number } | undefined): number {
  if (!result) return 0;
  return command === 'SELECT' ? (result.rows?.length ?? 0) : (result.affectedRows ?? 0);
}

/** The statement's command word (INSERT, UPDATE, ...), which Kysely uses to report affected rows. */
function commandFrom(result: unknown, text: string): string {
  const reported = (result as { command?: unknown } | undefined)?.command;
  if (typeof reported === 'string') return reported.toUpperCase();
  const m =
    /^\s*(?:--[^\n]*\n\s*)*(?:WITH\b[\s\S]*?\)\s*)?(INSERT|UPDATE|DELETE|MERGE|SELECT|CREATE|ALTER|DROP)\b/i.exec(text);
  return m ? m[1]!.toUpperCase() : 'OTHER';
}
