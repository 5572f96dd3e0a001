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
import {
  StudentAggregator,
  aggregateHeader,
  aggregateTableIds,
  aggregateTables,
  type AggregateRows,
  type AggregateTable,
} from '../../core/aggregates/student-aggregates.ts';

/** What was written, for the summary. */
export interface SyntheticSummary {
  dir: string;
  organizations: number;
  districts: number;
  rows: Record<StudentTable, number>;
  answerKeyRows: number;
  /** Rows of each aggregate file (school, district and state figures in DESE's layouts). */
  aggregateRows: Record<AggregateTable, number>;
}

/** A CSV file written line by line, in chunks (one stream write per ~1 MB, waiting for the disk when it lags). */
class LineFile {
  readonly #out: WriteStream;
  #buffer: string[] = [];
  #size = 0;
  lines = 0;
  constructor(file: string, header: string) {
    this.#out = createWriteStream(file);
    this.#out.write(`${header}\n`);
  }
  add(line: string): void {
    this.lines++;
    this.#buffer.push(line);
    this.#size += line.length;
  }
  /** Hands the buffered lines to the stream when there are enough of them (or always, with `force`). */
  async flush(force = false): Promise<void> {
    if (this.#buffer.length === 0 || (!force && this.#size < 1 << 20)) return;
    const chunk = `${this.#buffer.join('\n')}\n`;
    this.#buffer = [];
    this.#size = 0;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }
  async close(): Promise<void> {
    await this.flush(true);
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** The layout of a generated folder. */
export const syntheticLayout = {
  organizations: 'organizations.csv',
  students: 'students',
  answerKey: path.join('answer-key', 'milestone_probabilities.csv'),
  /** School, district and state figures computed from the students, in DESE's layouts (`ssos import dese`). */
  aggregates: 'dese-synthetic',
} as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
  for (const org of plan.organizations) orgs.add(directoryLine(org));
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
  await mkdir(path.join(outDir, syntheticLayout.aggregates), { recursive: true });
  const aggregateFiles = Object.fromEntries(
    aggregateTableIds.map((t) => [
      t,
      new LineFile(
        path.join(outDir, syntheticLayout.aggregates, aggregateTables[t].file),
        aggregateHeader(t).map(csvCell).join(','),
      ),
    ]),
  ) as Record<AggregateTable, LineFile>;
  const aggregator = new StudentAggregator(
    plan.organizations
      .filter((o) => o.level !== 'region')
      .map((o) => ({
        code: o.code,
        name: o.name,
        level: o.level,
        districtCode: o.level === 'school' ? o.parentCode : o.level === 'district' ? o.code : null,
      })),
  );
  const writeAggregates = (rows: AggregateRows) => {
    for (const t of aggregateTableIds) for (const row of rows[t]) aggregateFiles[t].add(row.map(csvCell).join(','));
  };
  let done = 0;
  for (const district of generateCommonwealth(plan)) {
    writeAggregates(aggregator.addDistrict(district));
    for (const t of tables) {
      for (const record of recordsOf[t](district) as StudentTableRecords[typeof t][])
        files[t].add(studentCsvLine(t, record));
    }
    for (const row of district.answerKey) {
      key.add(`${row.studentId},${row.schoolYear},${row.grade},${row.milestone},${row.probability.toPrecision(6)}`);
    }
    for (const f of [...Object.values(files), ...Object.values(aggregateFiles), key]) await f.flush();
    onDistrict?.(++done, plan.districts.length);
  }
  writeAggregates(aggregator.finish());
  for (const f of Object.values(files)) await f.close();
  for (const f of Object.values(aggregateFiles)) await f.close();
  await key.close();
  return {
    dir: outDir,
    organizations: plan.organizations.length,
    districts: plan.districts.length,
    rows: Object.fromEntries(tables.map((t) => [t, files[t].lines])) as Record<StudentTable, number>,
    answerKeyRows: key.lines,
    aggregateRows: Object.fromEntries(aggregateTableIds.map((t) => [t, aggregateFiles[t].lines])) as Record<
      AggregateTable,
      number
    >,
  };
}
