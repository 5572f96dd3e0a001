import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { importStudentFolder } from '../../src/server/ingest/student-csv.ts';
import { formatDeseSummary, importDeseFolder, type DeseFileResult } from '../../src/server/ingest/dese/dese-import.ts';
import { importDeseFolderInWorker } from '../../src/server/ingest/worker-import.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { syncCatalog } from '../../src/server/services/catalog-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

// The demo uses the machine's cores: districts are generated in worker threads, and on a server the figures load in
// a worker thread beside the student records. Neither may change what is written or stored.

async function folderDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

describe('the synthetic Commonwealth generated in worker threads', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-synth-workers-'));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('writes the same files, byte for byte, whatever the number of threads', async () => {
    const options = { seed: 7, scale: 0.03 };
    const one = await writeSyntheticCommonwealth(path.join(tmp, '1'), options, undefined, { workers: 1 });
    const counted: number[] = [];
    const two = await writeSyntheticCommonwealth(path.join(tmp, '2'), options, (done) => counted.push(done), {
      workers: 2,
    });
    const three = await writeSyntheticCommonwealth(path.join(tmp, '3'), options, undefined, { workers: 3 });
    const [d1, d2, d3] = await Promise.all(['1', '2', '3'].map((d) => folderDigest(path.join(tmp, d))));
    expect(Object.keys(d1!)).toHaveLength(20);
    expect(d2).toEqual(d1);
    expect(d3).toEqual(d1);
    expect(two).toEqual({ ...one, dir: path.join(tmp, '2') });
    expect(three).toEqual({ ...one, dir: path.join(tmp, '3') });
    // Districts are reported as they are written, in order.
    expect(counted).toEqual(Array.from({ length: one.districts }, (_, i) => i + 1));
    expect(one.districts).toBeGreaterThan(5);
  }, 180_000);

  it('leaves the answer key out when asked, and nothing else', async () => {
    const options = { seed: 7, scale: 0.03 };
    const without = await writeSyntheticCommonwealth(path.join(tmp, 'no-key'), options, undefined, {
      answerKey: false,
      workers: 2,
    });
    const d = await folderDigest(path.join(tmp, 'no-key'));
    const d1 = await folderDigest(path.join(tmp, '1'));
    delete d1[syntheticLayout.answerKey];
    expect(d).toEqual(d1);
    expect(without.answerKeyRows).toBe(0);
  }, 120_000);
});

/** Every stored value with its organization's code, as text, in a fixed order. */
async function storedValues(db: TestDb): Promise<string[]> {
  const r = await sql<{ r: string }>`
    SELECT concat_ws('|', v.indicator_code, o.code, v.school_year, v.student_group, v.value, v.n, v.suppressed) AS r
    FROM indicator_values v JOIN organizations o ON o.id = v.org_id ORDER BY 1`.execute(db.kysely);
  return r.rows.map((x) => x.r);
}

/** What a person reads of the results (the refused files' problems included). */
function readable(results: readonly DeseFileResult[]): unknown[] {
  return results.map((r) => ({ ...r, error: r.error ? [r.error instanceof ImportFailed, r.error.message] : null }));
}

describe.each(testBackends().filter((b) => b === 'postgres'))(
  'figures imported in a worker thread on %s',
  (backend) => {
    let here: TestDb;
    let there: TestDb;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-worker-import-'));
      await writeSyntheticCommonwealth(dir, { seed: 3, scale: 0.005 });
      // One file the importer refuses: its problems come back from the worker as they would from this thread.
      const refused = path.join(dir, syntheticLayout.aggregates, 'zz_dropout_copy.csv');
      const dropout = await readFile(path.join(dir, syntheticLayout.aggregates, 'dropout.csv'), 'utf8');
      const [header, first] = dropout.split('\n') as [string, string];
      await writeFile(refused, `${header}\n${first.replace(/,[^,]*$/, ',not a rate')}\n`);
      [here, there] = await Promise.all([createTestDb(backend), createTestDb(backend)]);
      for (const db of [here, there]) {
        await syncCatalog(db);
        await importOrganizationDirectory(db, path.join(dir, syntheticLayout.organizations));
        await importStudentFolder(db, path.join(dir, syntheticLayout.students));
      }
    }, 180_000);
    afterAll(async () => {
      await here?.dispose();
      await there?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('stores the same values and reports the same results, refused files included', async () => {
      const folder = path.join(dir, syntheticLayout.aggregates);
      const inThread = await importDeseFolder(here, folder);
      const files: string[] = [];
      const inWorker = await importDeseFolderInWorker(there.target.databaseUrl!, folder, {
        onFile: (file) => files.push(file),
      });
      expect(readable(inWorker)).toEqual(readable(inThread));
      expect(inWorker.filter((r) => r.status === 'failed')).toHaveLength(1);
      expect(() => formatDeseSummary(inWorker)).toThrow(/zz_dropout_copy\.csv:\d+: /);
      expect(files).toHaveLength(14);
      const values = await storedValues(there);
      expect(values.length).toBeGreaterThan(1000);
      expect(values).toEqual(await storedValues(here));
    }, 180_000);

    it('reports an error of the database like this thread would', async () => {
      const err = await importDeseFolderInWorker('postgres://nobody@127.0.0.1:1/none', dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/connect|refused/i);
    });
  },
);

describe.each(testBackends())('a first load of a whole state’s figures on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bulk-figures-'));
    // Large enough that the MCAS file is a bulk load (over 200,000 values): the table's keys are built afterwards.
    await writeSyntheticCommonwealth(dir, { seed: 7, scale: 0.03 }, undefined, { answerKey: false });
    db = await createTestDb(backend);
    await syncCatalog(db);
    await importOrganizationDirectory(db, path.join(dir, syntheticLayout.organizations));
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** The table's constraints and indexes, as the catalog describes them. */
  const shape = async () =>
    (
      await sql<{ def: string }>`
        SELECT conname || ': ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = 'indicator_values'::regclass
        UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'indicator_values'::regclass
        ORDER BY 1`.execute(db.kysely)
    ).rows.map((r) => r.def);

  it('stores every value, leaves the table as declared, and a second import changes nothing', async () => {
    const before = await shape();
    const folder = path.join(dir, syntheticLayout.aggregates);
    const first = await importDeseFolder(db, folder);
    formatDeseSummary(first);
    const mcas = first.find((r) => r.file === 'mcas_results.csv')!;
    expect(mcas.values.total).toBeGreaterThan(200_000);
    expect(mcas.values.inserted).toBe(mcas.values.total);
    const total = first.reduce((n, r) => n + r.values.inserted, 0);
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_values`.execute(db.kysely);
    expect(stored.rows[0]!.n).toBe(total);
    expect(await shape()).toEqual(before);
    const again = await importDeseFolder(db, folder);
    expect(again.every((r) => r.values.inserted === 0 && r.values.updated === 0)).toBe(true);
  }, 300_000);
});
