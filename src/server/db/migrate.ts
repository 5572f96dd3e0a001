import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './client.ts';

/** A numbered plain-SQL migration file. */
export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  schemaVersion: number;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant: serializes migrators that start together against one PostgreSQL server.
const MIGRATION_LOCK_KEY = 7_311_937;

/** Reads the migration files in order. Names must be `NNNN_words.sql`, numbered without gaps from 0001. */
export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = FILE_PATTERN.exec(file);
    if (!m) throw new Error(`migration file ${file} is not named NNNN_words.sql`);
    const text = await readFile(`${dir}/${file}`, 'utf8');
    migrations.push({
      version: Number(m[1]),
      name: m[2]!,
      file,
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new Error(`migration ${mig.file} is out of sequence: expected number ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies every migration not yet applied, each in its own transaction, and refuses to run when an applied
 * migration's file has changed since (migrations are never edited after they land).
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const migration of all) {
    const done = await db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const existing = await trx
        .selectFrom('schema_migrations')
        .select(['checksum'])
        .where('version', '=', migration.version)
        .executeTakeFirst();
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.file} was changed after it was applied; add a new migration instead of editing it`,
          );
        }
        return false;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return true;
    });
    if (done) applied.push(migration.file);
  }
  return { applied, schemaVersion: all.length };
}

/** The highest migration applied to the database (0 when none). */
export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}
