import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { StartupError } from '../errors.ts';
import { PglitePool } from './pglite-pool.ts';
import type { Database } from './schema.ts';

/**
 * One connection held for a bulk job (imports): plain SQL, and COPY of CSV text into a table. Kysely is the way in
 * everywhere else; COPY has no place in a query builder.
 */
export interface RawConnection {
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
  /** Loads CSV text (no header) into `table (columns)` with COPY. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** Opens a COPY into `table (columns)` that CSV lines are written to one by one (streamed to a server). */
  openCopy(table: string, columns: readonly string[]): CopyWriter;
}

/** A COPY in progress: write CSV lines (no newline), then end it. */
export interface CopyWriter {
  write(line: string): Promise<void>;
  end(): Promise<void>;
  /** Ends the COPY without loading (the server is told it failed, so the connection can roll back). */
  abort(): Promise<void>;
}

/** An open database: the typed query builder, which engine it is, and a way to run multi-statement scripts. */
export interface Db {
  kysely: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  location: string;
  /** Runs a script of one or more statements (migrations). */
  exec(script: string): Promise<void>;
  /** Holds one connection for `work` (a transaction the caller opens and closes with BEGIN/COMMIT). */
  withConnection<T>(work: (conn: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
    return name;
  };
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

export type DbTransaction = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent, the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** The embedded database's directory. */
  dataDir: string;
  /** Pool size on a PostgreSQL server. */
  poolSize?: number;
}

const INT8_OID = 20;

/** Opens the database ssos runs on: a PostgreSQL server when a URL is given, the embedded PGlite otherwise. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  return options.databaseUrl ? openServer(options.databaseUrl, options.poolSize ?? 10) : openEmbedded(options.dataDir);
}

/** The connection string with any password removed, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

async function openServer(databaseUrl: string, poolSize: number): Promise<Db> {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new StartupError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StartupError(`DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`);
  }
  const location = redactDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (the server restarting) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StartupError(`cannot connect to the database at ${location} (DATABASE_URL): ${describeError(err)}`);
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    kind: 'postgres',
    location,
    exec: async (script) => {
      await sql.raw(script).execute(kysely);
    },
    withConnection: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => {
            const r = await client.query(text, params as unknown[] | undefined);
            return { rows: r.rows, rowCount: r.rowCount ?? 0 };
          },
          copyCsv: async (table, columns, csv) => {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from([csv]), stream);
          },
          openCopy: (table, columns) => {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            // The server's error (a unique violation, say) ends the COPY while rows are still being written: from
            // then on every write reports that error, never the stream's own failure to write into a closed query.
            let failure: unknown = null;
            const done = finished(stream).catch((err: unknown) => {
              failure ??= err;
              throw err;
            });
            done.catch(() => {});
            let pending: string[] = [];
            const send = async () => {
              if (failure !== null) throw failure;
              const chunk = pending.join('');
              pending = [];
              let flowing: boolean;
              try {
                flowing = stream.write(chunk);
              } catch (err) {
                await done;
                throw err;
              }
              if (!flowing) await Promise.race([once(stream, 'drain'), done]);
            };
            return {
              write: async (line) => {
                pending.push(`${line}\n`);
                if (pending.length >= 1000) await send();
              },
              end: async () => {
                if (pending.length > 0) await send();
                stream.end();
                await done;
              },
              abort: async () => {
                pending = [];
                if (!stream.destroyed) stream.destroy(new Error('import abandoned'));
                await done.catch(() => {});
              },
            };
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => kysely.destroy(),
  };
}

async function openEmbedded(dataDir: string): Promise<Db> {
  const dir = path.resolve(dataDir);
  await ensureWritableDirectory(dir);
  const lockFile = path.join(dir, 'ssos.lock');
  await takeLock(dir, lockFile);
  let pglite: PGlite;
  try {
    pglite = new PGlite(path.join(dir, 'pgdata'));
    await pglite.waitReady;
  } catch (err) {
    await rm(lockFile, { force: true });
    throw new StartupError(`cannot open the embedded database in ${dir} (SSOS_DATA_DIR): ${describeError(err)}`);
  }
  const pool = new PglitePool(pglite);
  // The adapter reports command words Kysely's narrower type does not list (CREATE, MULTI); it reads only DML ones.
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }) });
  return {
    kysely,
    kind: 'pglite',
    location: dir,
    exec: async (script) => {
      await sql.raw(script).execute(kysely);
    },
    withConnection: async (work) => {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => {
            const r = await client.query(text, params ?? []);
            return { rows: r.rows as never[], rowCount: r.rowCount };
          },
          copyCsv: (table, columns, csv) => client.copyFromBlob(copyStatement(table, columns, "'/dev/blob'"), csv),
          openCopy: (table, columns) => {
            // PGlite reads COPY data from a blob: send the lines in batches.
            const statement = copyStatement(table, columns, "'/dev/blob'");
            let pending: string[] = [];
            const send = async () => {
              const data = `${pending.join('\n')}\n`;
              pending = [];
              await client.copyFromBlob(statement, data);
            };
            return {
              write: async (line) => {
                pending.push(line);
                if (pending.length >= 50_000) await send();
              },
              end: async () => {
                if (pending.length > 0) await send();
              },
              abort: async () => {
                pending = [];
              },
            };
          },
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await kysely.destroy();
      await rm(lockFile, { force: true });
    },
  };
}

async function ensureWritableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe);
  } catch (err) {
    throw new StartupError(`data directory ${dir} is not writable (SSOS_DATA_DIR): ${describeError(err)}`);
  }
}

/** PGlite must not be opened by two processes at once: a lock file names the process holding the directory. */
async function takeLock(dir: string, lockFile: string): Promise<void> {
  try {
    const holder = Number((await readFile(lockFile, 'utf8')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder)) {
      throw new StartupError(
        `the embedded database in ${dir} is in use by another ssos process (pid ${holder}); stop it first, or set DATABASE_URL to use a PostgreSQL server`,
      );
    }
  } catch (err) {
    if (err instanceof StartupError) throw err;
  }
  await writeFile(lockFile, String(process.pid));
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A short, single-line reason for an error from the file system or the database driver. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describeError(err.errors[0]);
  const e = err as NodeJS.ErrnoException & { message?: string };
  const code = e?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOENT: 'no such file or directory',
    ETIMEDOUT: 'timed out',
  };
  if (code && known[code]) return known[code]!;
  const message = (e?.message ?? String(err)).split('\n')[0]!;
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
