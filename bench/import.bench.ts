// Importing 1,000,000 student-year rows (the student CSV format) into a PostgreSQL server and into PGlite, against
// `psql \copy` of the same rows into the same table on the same server in the same run.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { openDatabase, type Db } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/services/demo-service.ts';
import { importStudentFile } from '../src/server/ingest/student-csv.ts';
import { figure, type BenchFigure, type Benchmark } from './bench-line.ts';
import { clusterUnavailable, startCluster } from './support/pg-cluster.ts';

const ROWS = Number(process.env.SSOS_BENCH_IMPORT_ROWS ?? 1_000_000);
const YEARS = 5;

const yearColumns = [
  'student_id',
  'school_year',
  'school_code',
  'grade',
  'low_income',
  'english_learner',
  'former_english_learner',
  'disability',
  'days_in_membership',
  'days_attended',
  'entered_late',
  'school_changes',
  'retained',
  'in_school_suspension_days',
  'out_of_school_suspension_days',
  'courses_taken',
  'courses_failed',
  'gpa',
  'advanced_course_completed',
];

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Writes students.csv, student_years.csv (school codes) and the same rows with school ids for psql. */
async function writeFiles(dir: string, schools: { code: string; id: number }[]): Promise<void> {
  const students = Math.ceil(ROWS / YEARS);
  await writeLines(
    path.join(dir, 'students.csv'),
    (function* () {
      yield 'student_id,birth_year,gender,race_ethnicity';
      for (let s = 0; s < students; s++)
        yield `B${s},${2005 + (s % 10)},${s % 2 ? 'male' : 'female'},${['white', 'hispanic', 'asian', 'african_american'][s % 4]}`;
    })(),
  );
  const row = (i: number, school: string) => {
    const s = Math.floor(i / YEARS);
    const y = 2021 + (i % YEARS);
    const grade = String(6 + (s % 7)).padStart(2, '0');
    const membership = 170 + (i % 11);
    return `B${s},${y},${school},${grade},${i % 3 === 0},${i % 9 === 0},false,${i % 6 === 0},${membership},${membership - (i % 23)},false,0,false,0,${i % 40 === 0 ? 2 : 0},7,${i % 5 === 0 ? 1 : 0},${(2 + (i % 20) / 10).toFixed(1)},`;
  };
  await writeLines(
    path.join(dir, 'student_years.csv'),
    (function* () {
      yield yearColumns.join(',');
      for (let i = 0; i < ROWS; i++) yield row(i, schools[i % schools.length]!.code);
    })(),
  );
  await writeLines(
    path.join(dir, 'student_years_ids.csv'),
    (function* () {
      yield yearColumns.map((c) => (c === 'school_code' ? 'school_id' : c)).join(',');
      for (let i = 0; i < ROWS; i++) yield row(i, String(schools[i % schools.length]!.id));
    })(),
  );
}

async function prepare(db: Db): Promise<{ code: string; id: number }[]> {
  await migrate(db);
  await loadDemo(db);
  return db.kysely
    .selectFrom('organizations')
    .select(['code', 'id'])
    .where('level', '=', 'school')
    .orderBy('code')
    .execute();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
}

const bench: Benchmark = {
  name: 'import.student_years',
  async run() {
    const unavailable = clusterUnavailable();
    if (unavailable) {
      return ['import.server_ratio_vs_psql_copy', 'import.pglite_ratio_vs_psql_copy'].map((name): BenchFigure => ({
        name,
        value: null,
        unit: 'x',
        status: 'unavailable',
        note: unavailable,
      }));
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-import-'));
    const cluster = await startCluster();
    try {
      cluster.psql(['-c', 'CREATE DATABASE ours', '-c', 'CREATE DATABASE reference']);
      const ours = await openDatabase({ databaseUrl: cluster.url('ours'), dataDir: '' });
      const reference = await openDatabase({ databaseUrl: cluster.url('reference'), dataDir: '' });
      const pglite = await openDatabase({ dataDir: path.join(dir, 'pglite') });
      try {
        const schools = await prepare(ours);
        const refSchools = await prepare(reference);
        const pgliteSchools = await prepare(pglite);
        if (
          JSON.stringify(schools) !== JSON.stringify(refSchools) ||
          JSON.stringify(schools) !== JSON.stringify(pgliteSchools)
        ) {
          throw new Error('the databases disagree on school ids');
        }
        await writeFiles(dir, schools);
        for (const db of [ours, reference, pglite])
          await importStudentFile(db, 'students', path.join(dir, 'students.csv'));
        await reference.close();

        const psqlSeconds = await timed(async () =>
          cluster.psql([
            '-d',
            'reference',
            '-c',
            `\\copy student_years (${yearColumns.map((c) => (c === 'school_code' ? 'school_id' : c)).join(', ')}) FROM '${path.join(dir, 'student_years_ids.csv')}' WITH (FORMAT csv, HEADER true)`,
          ]),
        );
        const serverSeconds = await timed(() =>
          importStudentFile(ours, 'student_years', path.join(dir, 'student_years.csv')),
        );
        const pgliteSeconds = await timed(() =>
          importStudentFile(pglite, 'student_years', path.join(dir, 'student_years.csv')),
        );
        return [
          figure('import.psql_copy_seconds', psqlSeconds, 's'),
          figure('import.server_seconds', serverSeconds, 's'),
          figure('import.pglite_seconds', pgliteSeconds, 's'),
          figure('import.server_ratio_vs_psql_copy', serverSeconds / psqlSeconds, 'x', { op: '<=', value: 1.5 }),
          figure('import.pglite_ratio_vs_psql_copy', pgliteSeconds / psqlSeconds, 'x', { op: '<=', value: 3 }),
        ];
      } finally {
        await ours.close();
        await pglite.close();
      }
    } finally {
      cluster.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
