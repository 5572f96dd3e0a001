import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../db/client.ts';
import { dataVersionSql } from '../db/data-version.ts';
import type { Database } from '../db/schema.ts';

/**
 * Backups: a gzip'd text file, portable between PGlite and a PostgreSQL server. Line 1 is a header (`H {json}`:
 * format, schema version, the migrations applied with their checksums); then, for each table in foreign-key order,
 * `T {"table","columns"}`, one `R {row as JSON}` line per row (PostgreSQL's own row_to_json, so every type survives:
 * arrays, jsonb, timestamps, exact floats), and `E {"table","rows"}`; the last line is `Z {"tables","rows"}`, so a
 * truncated file is refused. The dump reads one consistent snapshot; a restore runs in one transaction.
 */

const FORMAT = 'ssos-backup';
const FORMAT_VERSION = 1;
const FETCH_ROWS = 2000;
const INSERT_ROWS = 2000;
// The migration runner's own table: both databases must have the same migrations, checked, not copied. The data
// version's ledger: not data; a restore moves the restored database's version past its own (see restoreBackup).
const SKIPPED_TABLES = new Set(['schema_migrations', 'data_changes']);
// A database holding any of these is not empty: a restore would overwrite someone's data.
const DATA_TABLES = ['organizations', 'users', 'students', 'audit_log'];

type Q = Kysely<Database>;

/** The header line of a backup. */
export interface BackupHeader {
  format: typeof FORMAT;
  formatVersion: number;
  schemaVersion: number;
  migrations: { version: number; name: string; checksum: string }[];
  createdAt: string;
  source: 'pglite' | 'postgres';
}

/** What a backup or a restore did. */
export interface BackupSummary {
  schemaVersion: number;
  tables: number;
  rows: number;
}

interface TableInfo {
  name: string;
  /** Every column, in order (what row_to_json writes). */
  columns: string[];
  /** Columns a restore inserts: all but generated (computed) ones. */
  insertable: string[];
  /** Identity columns, whose sequences are moved past the restored ids. */
  identity: string[];
  /** Tables it references (other than itself). */
  references: string[];
  selfReferencing: boolean;
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

/** The ordinary tables of the current schema with their columns and foreign keys, referenced tables first. */
async function describeTables(db: Q): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string; generated: boolean; identity: boolean }>`
    SELECT c.relname AS table_name, a.attname AS column_name, a.attgenerated <> '' AS generated,
           a.attidentity <> '' AS identity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname, a.attnum`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    WHERE k.contype = 'f'`.execute(db);
  const tables = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    if (SKIPPED_TABLES.has(c.table_name)) continue;
    const t = tables.get(c.table_name) ?? {
      name: c.table_name,
      columns: [],
      insertable: [],
      identity: [],
      references: [],
      selfReferencing: false,
    };
    t.columns.push(c.column_name);
    if (!c.generated) t.insertable.push(c.column_name);
    if (c.identity) t.identity.push(c.column_name);
    tables.set(c.table_name, t);
  }
  for (const fk of fks.rows) {
    const t = tables.get(fk.child);
    if (!t || !tables.has(fk.parent)) continue;
    if (fk.child === fk.parent) t.selfReferencing = true;
    else t.references.push(fk.parent);
  }
  return orderByDependencies([...tables.values()]);
}

/** Tables ordered so each comes after the tables it references (alphabetical among equals, for a stable file). */
export function orderByDependencies<T extends { name: string; references: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visiting = new Set<string>();
  const visit = (t: T) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name))
      throw new Error(`tables reference each other in a cycle (${[...visiting].join(' -> ')} -> ${t.name})`);
    visiting.add(t.name);
    for (const r of [...t.references].sort()) {
      const parent = byName.get(r);
      if (parent) visit(parent);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

async function appliedMigrations(db: Q): Promise<BackupHeader['migrations']> {
  const rows = await db
    .selectFrom('schema_migrations')
    .select(['version', 'name', 'checksum'])
    .orderBy('version')
    .execute()
    .catch(() => []);
  return rows.map((r) => ({ version: Number(r.version), name: r.name, checksum: r.checksum }));
}

/** A line writer over a gzip'd file that waits when the stream is full. */
function gzipFile(file: string) {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  return {
    async line(text: string) {
      if (!gzip.write(`${text}\n`)) await once(gzip, 'drain');
    },
    async close() {
      gzip.end();
      await finished(out);
    },
  };
}

/**
 * Writes a backup of every table to `file` (gzip), from one consistent snapshot; `onTable` hears of each table as
 * it is written. The file appears only when complete.
 */
export async function writeBackup(
  db: Db,
  file: string,
  onTable?: (table: string, rows: number) => void,
): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const writer = gzipFile(partial);
  try {
    const summary = await db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const migrations = await appliedMigrations(trx);
        if (migrations.length === 0)
          throw new AppError('bad_request', `The database at ${db.location} has no ssos schema: nothing to back up`);
        const schemaVersion = migrations[migrations.length - 1]!.version;
        const header: BackupHeader = {
          format: FORMAT,
          formatVersion: FORMAT_VERSION,
          schemaVersion,
          migrations,
          createdAt: new Date().toISOString(),
          source: db.kind,
        };
        await writer.line(`H ${JSON.stringify(header)}`);
        const tables = await describeTables(trx);
        let total = 0;
        for (const t of tables) {
          await writer.line(`T ${JSON.stringify({ table: t.name, columns: t.columns })}`);
          await sql
            .raw(`DECLARE ssos_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${ident(t.name)} t`)
            .execute(trx);
          let rows = 0;
          for (;;) {
            const batch = await sql.raw<{ r: string }>(`FETCH ${FETCH_ROWS} FROM ssos_backup`).execute(trx);
            for (const row of batch.rows) await writer.line(`R ${row.r}`);
            rows += batch.rows.length;
            if (batch.rows.length < FETCH_ROWS) break;
          }
          await sql.raw('CLOSE ssos_backup').execute(trx);
          await writer.line(`E ${JSON.stringify({ table: t.name, rows })}`);
          onTable?.(t.name, rows);
          total += rows;
        }
        await writer.line(`Z ${JSON.stringify({ tables: tables.length, rows: total })}`);
        return { schemaVersion, tables: tables.length, rows: total };
      });
    await writer.close();
    await rename(partial, file);
    return summary;
  } catch (err) {
    await writer.close().catch(() => {});
    await rm(partial, { force: true });
    throw err;
  }
}

/** Reads a backup's lines, checking each is one of the kinds a backup has. */
async function* backupLines(file: string): AsyncGenerator<{ kind: string; body: string; line: number }> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n += 1;
      const kind = text.slice(0, 2);
      if (!['H ', 'T ', 'R ', 'E ', 'Z '].includes(kind))
        throw new AppError('bad_request', `${file}:${n}: not an ssos backup line`);
      yield { kind: kind[0]!, body: text.slice(2), line: n };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', `${file} is not a readable ssos backup (${(err as Error).message})`);
  } finally {
    input.destroy();
  }
}

function parse<T>(file: string, line: number, body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new AppError('bad_request', `${file}:${line}: the line is not valid JSON (the file is damaged)`);
  }
}

/** Reads only a backup's header. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const { kind, body, line } of backupLines(file)) {
    const header = kind === 'H' ? parse<BackupHeader>(file, line, body) : null;
    if (!header || header.format !== FORMAT)
      throw new AppError('bad_request', `${file} is not an ssos backup (it has no ssos backup header)`);
    if (header.formatVersion !== FORMAT_VERSION)
      throw new AppError(
        'bad_request',
        `${file} is a backup of format ${header.formatVersion}; this ssos reads format ${FORMAT_VERSION}`,
      );
    return header;
  }
  throw new AppError('bad_request', `${file} is empty`);
}

/** Checks that the database has exactly the backup's migrations; throws a message saying what differs. */
function checkSameSchema(header: BackupHeader, migrations: BackupHeader['migrations'], location: string): void {
  const version = migrations.at(-1)?.version ?? 0;
  if (version !== header.schemaVersion) {
    throw new AppError(
      'conflict',
      `The backup was made at schema version ${header.schemaVersion}, but the database at ${location} is at version ${version}: restore it with the ssos version that made it, into a database at version ${header.schemaVersion}`,
    );
  }
  for (const m of header.migrations) {
    const mine = migrations.find((x) => x.version === m.version);
    if (!mine || mine.checksum !== m.checksum)
      throw new AppError(
        'conflict',
        `The backup's migration ${m.version} (${m.name}) differs from the database's: they are not the same schema`,
      );
  }
}

/** Rows in the tables that hold an installation's data (organizations, users, students, the audit log). */
async function dataRowCounts(db: Q, existing: Set<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of DATA_TABLES) {
    if (!existing.has(t)) continue;
    const r = await sql.raw<{ n: string | number }>(`SELECT count(*) AS n FROM ${ident(t)}`).execute(db);
    const n = Number(r.rows[0]!.n);
    if (n > 0) counts[t] = n;
  }
  return counts;
}

/**
 * Restores a backup into a migrated database at the same schema version, in one transaction: every table is emptied
 * and reloaded, and identity sequences are moved past the restored ids. Refuses a database that already holds data
 * unless `replace` is set, a different schema version, and a damaged or truncated file (nothing is changed then).
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: { replace?: boolean; onTable?: (table: string, rows: number) => void } = {},
): Promise<BackupSummary> {
  const header = await readBackupHeader(file);
  return db.kysely.transaction().execute(async (trx) => {
    checkSameSchema(header, await appliedMigrations(trx), db.location);
    const tables = await describeTables(trx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    if (!options.replace) {
      const counts = await dataRowCounts(trx, new Set(byName.keys()));
      const held = Object.entries(counts).map(([t, n]) => `${n} ${t}`);
      if (held.length > 0)
        throw new AppError(
          'conflict',
          `The database at ${db.location} already holds data (${held.join(', ')}): restore into a new, empty database, or pass --replace to overwrite it`,
        );
    }
    const { rows: versionRows } = await sql<{ v: string }>`SELECT ${dataVersionSql} AS v`.execute(trx);
    await sql.raw(`TRUNCATE ${tables.map((t) => ident(t.name)).join(', ')} RESTART IDENTITY CASCADE`).execute(trx);

    let current: { info: TableInfo; target: string; columns: string[]; rows: number } | null = null;
    let batch: string[] = [];
    let total = 0;
    let tableCount = 0;
    let complete = false;
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const cols = current.columns.map(ident).join(', ');
      const into =
        current.target === current.info.name
          ? `${ident(current.target)} (${cols}) OVERRIDING SYSTEM VALUE`
          : `${current.target} (${cols})`;
      await sql`${sql.raw(`INSERT INTO ${into} SELECT ${cols} FROM json_populate_recordset(NULL::${ident(current.info.name)}, `)}${`[${batch.join(',')}]`}::json)`.execute(
        trx,
      );
      batch = [];
    };
    for await (const { kind, body, line } of backupLines(file)) {
      if (complete) throw new AppError('bad_request', `${file}:${line}: lines after the end of the backup`);
      if (kind === 'H') continue;
      if (kind === 'T') {
        const t = parse<{ table: string; columns: string[] }>(file, line, body);
        const info = byName.get(t.table);
        if (!info)
          throw new AppError(
            'conflict',
            `${file}:${line}: the backup has a table ${t.table} the database does not have`,
          );
        if (t.columns.join(',') !== info.columns.join(','))
          throw new AppError('conflict', `${file}:${line}: the columns of ${t.table} differ from the database's`);
        // A table whose rows reference each other is loaded whole in one statement (foreign keys are checked at
        // the end of a statement), through a temporary table.
        let target = info.name;
        if (info.selfReferencing) {
          target = 'ssos_restore_buffer';
          await sql
            .raw(
              `CREATE TEMP TABLE ${target} AS SELECT ${info.insertable.map(ident).join(', ')} FROM ${ident(info.name)} WITH NO DATA`,
            )
            .execute(trx);
        }
        current = { info, target, columns: info.insertable, rows: 0 };
      } else if (kind === 'R') {
        if (!current) throw new AppError('bad_request', `${file}:${line}: a row before any table`);
        batch.push(body);
        current.rows += 1;
        if (batch.length >= INSERT_ROWS) await flush();
      } else if (kind === 'E') {
        const e = parse<{ table: string; rows: number }>(file, line, body);
        if (!current || e.table !== current.info.name || e.rows !== current.rows)
          throw new AppError(
            'bad_request',
            `${file}:${line}: the end of ${e.table} does not match its rows (the file is damaged)`,
          );
        await flush();
        const { info } = current;
        if (current.target !== info.name) {
          const cols = info.insertable.map(ident).join(', ');
          await sql
            .raw(
              `INSERT INTO ${ident(info.name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${current.target}`,
            )
            .execute(trx);
          await sql.raw(`DROP TABLE ${current.target}`).execute(trx);
        }
        for (const col of info.identity) {
          await sql`SELECT setval(pg_get_serial_sequence(${info.name}, ${col}), coalesce((SELECT max(${sql.ref(col)}) FROM ${sql.table(info.name)}), 0) + 1, false)`.execute(
            trx,
          );
        }
        options.onTable?.(info.name, current.rows);
        total += current.rows;
        tableCount += 1;
        current = null;
      } else if (kind === 'Z') {
        const z = parse<{ tables: number; rows: number }>(file, line, body);
        if (z.tables !== tableCount || z.rows !== total)
          throw new AppError(
            'bad_request',
            `${file}:${line}: the backup's totals do not match its contents (the file is damaged)`,
          );
        complete = true;
      }
    }
    if (!complete)
      throw new AppError(
        'bad_request',
        `${file} ends before the backup does (the file is truncated): nothing was restored`,
      );
    // Everything kept for this database's data (report-cache.ts) must go: the version after the restore is one more
    // than before it, whatever the restored data's own history.
    await sql`WITH gone AS (DELETE FROM data_changes) INSERT INTO data_changes (n) VALUES (${BigInt(versionRows[0]!.v) + 1n})`.execute(
      trx,
    );
    return { schemaVersion: header.schemaVersion, tables: tableCount, rows: total };
  });
}

/**
 * Each table's row count and an order-independent digest of its rows (md5 of the sorted md5s of each row's text):
 * equal digests mean equal contents, whatever order the rows are stored in.
 */
export async function tableDigests(db: Db): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const t of await describeTables(db.kysely)) {
    const r = await sql
      .raw<{ n: string | number; d: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(h, '' ORDER BY h)) AS d FROM (SELECT md5(t::text) AS h FROM ${ident(t.name)} t) s`,
      )
      .execute(db.kysely);
    out[t.name] = { rows: Number(r.rows[0]!.n), digest: r.rows[0]!.d ?? '' };
  }
  return out;
}
