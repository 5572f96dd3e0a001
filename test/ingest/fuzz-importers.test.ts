import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { importDeseFile } from '../../src/server/ingest/dese/dese-import.ts';
import { importEdfiFile } from '../../src/server/ingest/edfi/import.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { importStudentFile } from '../../src/server/ingest/student-csv.ts';
import { syncCatalog } from '../../src/server/services/catalog-service.ts';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import type { StudentTable } from '../../src/core/students/csv-format.ts';
import { createTestDb, type TestDb } from '../support/databases.ts';
import { stableDigests } from '../support/fuzz-endpoints.ts';
import { projectRoot } from '../support/template.ts';

/**
 * Every importer fed damaged files (fast-check mutations of a real file: a cell replaced by anything, a line dropped,
 * doubled or replaced by garbage, a header renamed, the file cut short): each import either succeeds or fails with
 * an AppError whose message names the file, and a failed import leaves every table as it was. SSOS_FUZZ_RUNS sets
 * the cases per importer.
 */
const runs = Number(process.env.SSOS_FUZZ_RUNS ?? 15);

/** A mutation of a text file's lines. */
type Mutation =
  | { kind: 'cell'; line: number; cell: number; text: string }
  | { kind: 'drop'; line: number }
  | { kind: 'double'; line: number }
  | { kind: 'garbage'; line: number; text: string }
  | { kind: 'header'; cell: number; text: string }
  | { kind: 'cut'; at: number };

const nasty = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'NA', '-1', '1e309', '99999999999', '2026-13-45', '"', 'a,b', '\u0000', ' ', 'true', '<x>'),
  fc.double().map(String),
  fc.integer().map(String),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cell' as const), line: fc.nat(), cell: fc.nat(), text: nasty }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('double' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), line: fc.nat(), text: fc.string({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('header' as const), cell: fc.nat(), text: nasty }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function mutate(text: string, ms: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of ms) {
    const body = Math.max(1, lines.length - 1);
    switch (m.kind) {
      case 'cell': {
        const i = 1 + (m.line % body);
        const cells = (lines[i] ?? '').split(',');
        cells[m.cell % cells.length] = m.text;
        lines[i] = cells.join(',');
        break;
      }
      case 'drop':
        lines.splice(1 + (m.line % body), 1);
        break;
      case 'double': {
        const i = 1 + (m.line % body);
        lines.splice(i, 0, lines[i] ?? '');
        break;
      }
      case 'garbage':
        lines.splice(1 + (m.line % body), 0, m.text);
        break;
      case 'header': {
        const cells = (lines[0] ?? '').split(',');
        cells[m.cell % cells.length] = m.text;
        lines[0] = cells.join(',');
        break;
      }
      case 'cut': {
        const joined = lines.join('\n');
        lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

describe('fuzzing every importer', () => {
  let files: string;
  let work: string;
  let db: TestDb;
  const samples: { name: string; text: string; run: (file: string) => Promise<unknown> }[] = [];

  beforeAll(async () => {
    files = await mkdtemp(path.join(os.tmpdir(), 'ssos-fuzz-in-'));
    work = await mkdtemp(path.join(os.tmpdir(), 'ssos-fuzz-work-'));
    await writeSyntheticCommonwealth(files, { seed: 3, scale: 0.005 }, undefined, { answerKey: false });
    db = await createTestDb('pglite');
    await syncCatalog(db);
    const orgFile = path.join(files, syntheticLayout.organizations);
    await importOrganizationDirectory(db, orgFile);
    const studentDir = path.join(files, syntheticLayout.students);
    await importStudentFile(db, 'students', path.join(studentDir, 'students.csv'));
    // The first lines of each file: enough rows for every kind of problem, few enough for many cases.
    const head = async (file: string, lines = 25) =>
      (await readFile(file, 'utf8')).split('\n').slice(0, lines).join('\n');
    samples.push({
      name: 'organizations.csv',
      text: await head(orgFile, 60),
      run: (f) => importOrganizationDirectory(db, f),
    });
    for (const table of ['students', 'student_years', 'assessments'] as StudentTable[])
      samples.push({
        name: `${table}.csv`,
        text: await head(path.join(studentDir, `${table}.csv`)),
        run: (f) => importStudentFile(db, table, f),
      });
    const dese = path.join(files, syntheticLayout.aggregates);
    const deseFiles = (await import('node:fs')).readdirSync(dese, { recursive: true }) as string[];
    for (const rel of deseFiles
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .slice(0, 2))
      samples.push({
        name: path.basename(rel),
        text: await head(path.join(dese, rel)),
        run: (f) => importDeseFile(db, f),
      });
    const edfi = path.resolve(projectRoot, '../shared/data/edfi-grand-bend/EducationOrganization.xml');
    samples.push({
      name: 'EducationOrganization.xml',
      text: readFileSync(edfi, 'utf8').split('\n').slice(0, 120).join('\n'),
      run: (f) => importEdfiFile(db, f),
    });
  }, 300_000);
  afterAll(async () => {
    await db?.dispose();
    await rm(files, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('imports a damaged file or refuses it by name, never crashing or writing half of it', async () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
    const findings: string[] = [];
    let refused = 0;
    for (const sample of samples) {
      const dir = await mkdtemp(path.join(work, 'case-'));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, sample.name);
      await fc
        .assert(
          fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
            await writeFile(file, mutate(sample.text, ms));
            const before = await stableDigests(db);
            try {
              await sample.run(file);
              return true;
            } catch (e) {
              refused++;
              const located = e instanceof AppError && e.message.includes(sample.name);
              if (!located)
                findings.push(
                  `${sample.name} ${JSON.stringify(ms)}: ${String((e as Error)?.stack ?? e).slice(0, 300)}`,
                );
              const after = await stableDigests(db);
              for (const [table, digest] of before)
                if (after.get(table) !== digest)
                  findings.push(`${sample.name} ${JSON.stringify(ms)}: a refused import changed ${table}`);
              return located;
            }
          }),
          { numRuns: runs, seed: 11, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(findings.slice(0, 10)).toEqual([]);
    // The mutations do damage: most cases are refused.
    expect(refused).toBeGreaterThan(samples.length * runs * 0.3);
  }, 600_000);
});
