import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/client.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { importStudentFile } from '../../src/server/ingest/student-csv.ts';
import { syncCatalog } from '../../src/server/services/catalog-service.ts';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import { createTestDb, testBackends, type Backend, type TestDb } from '../support/databases.ts';

/**
 * Crash safety: an import killed with SIGKILL halfway through a large file leaves the database exactly as it was, and
 * importing the file again gives what an uninterrupted import gives. The import runs as `ssos import students FILE`
 * in a child process, as an operator runs it.
 */

const bin = path.resolve('bin/ssos.js');
const node = process.execPath;

/** Every table's rows, as one digest per table (all columns, or all but timestamps, the audit log and the ledger). */
async function tableDigests(db: Db, stable: boolean): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely);
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables.rows) {
    // The audit log and the data version's ledger record when things happened (ids from sequences a killed import
    // advanced too), not what the data are.
    if (stable && (table === 'audit_log' || table === 'data_changes')) continue;
    const columns = await sql<{ column_name: string; data_type: string }>`
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`.execute(db.kysely);
    const kept = columns.rows
      .filter((c) => !stable || !c.data_type.startsWith('timestamp'))
      .map((c) => sql.ref(c.column_name));
    if (kept.length === 0) continue;
    const row = await sql<{ n: string; digest: string | null }>`
      SELECT count(*)::text AS n, md5(string_agg(r, E'\\n' ORDER BY r)) AS digest
      FROM (SELECT (${sql.join(kept)})::text AS r FROM ${sql.table(table)}) t`.execute(db.kysely);
    out[table] = `${row.rows[0]!.n}:${row.rows[0]!.digest ?? ''}`;
  }
  return out;
}

/** Runs `ssos import students FILE` on a database; resolves with how it ended and when the file's import began. */
function runImport(
  target: { dataDir: string; databaseUrl?: string },
  file: string,
  killAfterStartMs?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; importMs: number }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SSOS_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl ?? '' };
    const child = spawn(node, [bin, 'import', 'students', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let started = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!started && stderr.includes('Importing')) {
        started = performance.now();
        if (killAfterStartMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterStartMs);
      }
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      resolve({ code, signal, stderr, importMs: started ? performance.now() - started : 0 }),
    );
  });
}

describe.each(testBackends())('an import killed halfway on %s', (backend: Backend) => {
  let files: string;
  let db: TestDb;
  let reference: { dataDir: string; databaseUrl?: string };
  let dropReference: () => Promise<void>;
  const big = () => path.join(files, syntheticLayout.students, 'assessments.csv');

  /** Opens the database under test for a moment (PGlite allows one process at a time). */
  async function withDb<T>(target: { dataDir: string; databaseUrl?: string }, f: (d: Db) => Promise<T>): Promise<T> {
    const d = await openDatabase({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, poolSize: 2 });
    try {
      return await f(d);
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    files = await mkdtemp(path.join(os.tmpdir(), 'ssos-crash-'));
    await writeSyntheticCommonwealth(files, { seed: 5, scale: 0.03 }, undefined, { answerKey: false });
    db = await createTestDb(backend);
    await syncCatalog(db);
    await importOrganizationDirectory(db, path.join(files, syntheticLayout.organizations));
    await importStudentFile(db, 'students', path.join(files, syntheticLayout.students, 'students.csv'));
    // The database the uninterrupted import goes to: a copy of this state.
    if (backend === 'pglite') {
      await db.close();
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-crash-ref-'));
      await cp(db.target.dataDir, dir, { recursive: true });
      reference = { dataDir: dir };
      dropReference = () => rm(dir, { recursive: true, force: true });
    } else {
      const url = new URL(db.target.databaseUrl!);
      const name = `${url.pathname.slice(1)}_ref`;
      await db.close();
      const admin = new pg.Client({ connectionString: process.env.SSOS_TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${url.pathname.slice(1)}`);
      await admin.end();
      const refUrl = new URL(url);
      refUrl.pathname = `/${name}`;
      reference = { dataDir: '', databaseUrl: refUrl.toString() };
      dropReference = async () => {
        const a = new pg.Client({ connectionString: process.env.SSOS_TEST_DATABASE_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      };
    }
  }, 300_000);
  afterAll(async () => {
    await dropReference?.();
    // The database was closed for the child processes: remove it without closing it again.
    if (backend === 'pglite') await rm(db.target.dataDir, { recursive: true, force: true });
    else {
      const a = new pg.Client({ connectionString: process.env.SSOS_TEST_DATABASE_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${new URL(db.target.databaseUrl!).pathname.slice(1)} WITH (FORCE)`);
      await a.end();
    }
    await rm(files, { recursive: true, force: true });
  });

  it('leaves the database as it was, and the re-run equals an uninterrupted import', async () => {
    const uninterrupted = await runImport(reference, big());
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const expected = await withDb(reference, (d) => tableDigests(d, true));
    expect(Number(expected.assessments!.split(':')[0])).toBeGreaterThan(50_000);

    const before = await withDb(db.target, (d) => tableDigests(d, false));
    // Killed halfway through the file's import (timed on the uninterrupted run).
    const killed = await runImport(db.target, big(), uninterrupted.importMs / 2);
    expect(killed.signal, `the import finished before it could be killed:\n${killed.stderr}`).toBe('SIGKILL');
    expect(await withDb(db.target, (d) => tableDigests(d, false))).toEqual(before);

    const rerun = await runImport(db.target, big());
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await withDb(db.target, (d) => tableDigests(d, true))).toEqual(expected);
  }, 600_000);
});
