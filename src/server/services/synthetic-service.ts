import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import {
  generateCommonwealth,
  planCommonwealth,
  type CommonwealthOptions,
  type DistrictData,
} from '../../core/synth/index.ts';
import { directoryColumns, directoryLine } from '../../core/orgs/directory-format.ts';
import { studentTables, type StudentTable } from '../../core/students/csv-format.ts';
import { studentCsvHeader, studentCsvLine, type StudentTableRecords } from '../../core/students/csv-rows.ts';

/** What was written, for the summary. */
export interface SyntheticSummary {
  dir: string;
  organizations: number;
  districts: number;
  rows: Record<StudentTable, number>;
  answerKeyRows: number;
}

class LineFile {
  readonly #out: WriteStream;
  lines = 0;
  constructor(file: string, header: string) {
    this.#out = createWriteStream(file);
    this.#out.write(`${header}\n`);
  }
  async write(line: string): Promise<void> {
    this.lines++;
    if (!this.#out.write(`${line}\n`)) await once(this.#out, 'drain');
  }
  async close(): Promise<void> {
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** The layout of a generated folder. */
export const syntheticLayout = {
  organizations: 'organizations.csv',
  students: 'students',
  answerKey: path.join('answer-key', 'milestone_probabilities.csv'),
} as const;

/**
 * Generates the synthetic Commonwealth into a folder, district by district (bounded memory): the organization
 * directory, the student CSV files the importer reads, and — apart, in `answer-key/`, never read by the platform —
 * each student's true probability of reaching the next milestone.
 */
export async function writeSyntheticCommonwealth(
  outDir: string,
  options: CommonwealthOptions,
  onDistrict?: (done: number, total: number) => void,
): Promise<SyntheticSummary> {
  const plan = planCommonwealth(options);
  await mkdir(path.join(outDir, syntheticLayout.students), { recursive: true });
  await mkdir(path.dirname(path.join(outDir, syntheticLayout.answerKey)), { recursive: true });

  const orgs = new LineFile(path.join(outDir, syntheticLayout.organizations), directoryColumns.join(','));
  for (const org of plan.organizations) await orgs.write(directoryLine(org));
  await orgs.close();

  const tables = Object.keys(studentTables) as StudentTable[];
  const files = Object.fromEntries(
    tables.map((t) => [
      t,
      new LineFile(path.join(outDir, syntheticLayout.students, studentTables[t].file), studentCsvHeader(t)),
    ]),
  ) as Record<StudentTable, LineFile>;
  const key = new LineFile(
    path.join(outDir, syntheticLayout.answerKey),
    'student_id,school_year,grade,milestone,probability',
  );
  const recordsOf: { [T in StudentTable]: (d: DistrictData) => StudentTableRecords[T][] } = {
    students: (d) => d.students,
    student_years: (d) => d.studentYears,
    assessments: (d) => d.assessments,
    english_proficiency: (d) => d.englishProficiency,
    high_school_outcomes: (d) => d.highSchoolOutcomes,
  };
  let done = 0;
  for (const district of generateCommonwealth(plan)) {
    for (const t of tables) {
      for (const record of recordsOf[t](district) as StudentTableRecords[typeof t][])
        await files[t].write(studentCsvLine(t, record));
    }
    for (const row of district.answerKey) {
      await key.write(
        `${row.studentId},${row.schoolYear},${row.grade},${row.milestone},${row.probability.toPrecision(6)}`,
      );
    }
    onDistrict?.(++done, plan.districts.length);
  }
  for (const f of Object.values(files)) await f.close();
  await key.close();
  return {
    dir: outDir,
    organizations: plan.organizations.length,
    districts: plan.districts.length,
    rows: Object.fromEntries(tables.map((t) => [t, files[t].lines])) as Record<StudentTable, number>,
    answerKeyRows: key.lines,
  };
}
