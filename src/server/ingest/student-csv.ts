import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import {
  checkStudentRow,
  ParseProblem,
  studentTables,
  type ColumnSpec,
  type StudentTable,
} from '../../core/students/csv-format.ts';
import type { Db, RawConnection } from '../db/client.ts';
import { CsvError } from 'csv-parse';
import { readCsvRows, EncodingProblem } from './csv-reader.ts';
import { ImportFailed, ProblemList } from './problems.ts';
import { inImportTransaction, loadDirectOrMerge, recordDataSource, type TableLoad } from './bulk-load.ts';

/** What an import did. */
export interface TableImportResult {
  table: StudentTable;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportOptions {
  /** Rows per COPY batch. */
  batchSize?: number;
  /** Called every batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

// Tables whose rows name a school (resolved to its id) and a student (who must exist).
const schoolTables = new Set<StudentTable>([
  'student_years',
  'assessments',
  'english_proficiency',
  'high_school_outcomes',
]);

async function fileChecksum(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports one file of the student CSV format into its table: all or nothing, idempotent on the table's natural key
 * (re-importing the same file changes nothing), streamed through COPY (straight into the table on a first load, through a staging table and a merge otherwise). The first 50
 * problems are reported as `file:line: column: problem (value)`, and then nothing is written.
 */
export async function importStudentFile(
  db: Db,
  table: StudentTable,
  file: string,
  options: ImportOptions = {},
): Promise<TableImportResult> {
  const spec = studentTables[table];
  const columns = spec.columns as readonly ColumnSpec[];
  const names = columns.map((c) => c.name);
  const dbColumns = names.map((n) => (n === 'school_code' ? 'school_id' : n));
  const progressEvery = options.batchSize ?? 20_000;
  const label = path.basename(file);

  return inImportTransaction(db, async (conn) => {
    const schools = schoolTables.has(table) ? await loadSchoolIds(conn) : new Map<string, number>();
    const knownStudents = table === 'students' ? null : await loadStudentIds(conn);

    // One pass over the file into a load; run again (merging) when the fast direct load meets existing keys.
    const readInto = async (load: TableLoad): Promise<{ rows: number; inserted: number; updated: number }> => {
      const problems = new ProblemList(label);
      const seen = new Set<string>();
      const keyNames: readonly string[] = spec.key;
      let header: number[] | null = null;
      let rows = 0;
      try {
        for await (const { line, cells } of readCsvRows(file)) {
          if (header === null) {
            header = readHeader(cells, names, columns, problems);
            if (!problems.empty) break;
            continue;
          }
          rows++;
          const values: Record<string, unknown> = {};
          let rowOk = true;
          for (let i = 0; i < columns.length; i++) {
            const col = columns[i]!;
            const at = header[i]!;
            const text = at < cells.length ? cells[at]! : undefined;
            if (text === undefined) {
              problems.add(line, col.name, 'is missing: the line has too few cells');
              rowOk = false;
              break;
            }
            const value = col.read(text);
            if (value instanceof ParseProblem) {
              problems.add(line, col.name, value.problem, text);
              rowOk = false;
            } else values[col.name] = value;
          }
          if (cells.length > header.length && rowOk) {
            problems.add(line, '(line)', `has ${cells.length} cells, the header has ${header.length}`);
            rowOk = false;
          }
          if (rowOk) {
            for (const [column, problem] of checkStudentRow(table, values)) {
              problems.add(line, column, problem, String(values[column] ?? ''));
              rowOk = false;
            }
          }
          if (rowOk) {
            let key = String(values[keyNames[0]!]);
            for (let k = 1; k < keyNames.length; k++) key += `\u0000${String(values[keyNames[k]!])}`;
            if (seen.has(key)) {
              problems.add(
                line,
                spec.key.join('+'),
                `repeats a row already in the file (${spec.key.map((k) => `${k} ${String(values[k])}`).join(', ')})`,
              );
              rowOk = false;
            } else seen.add(key);
          }
          if (rowOk && schoolTables.has(table)) {
            const id = schools.get(values.school_code as string);
            if (id === undefined) {
              problems.add(
                line,
                'school_code',
                'is not a school in the organization registry',
                String(values.school_code),
              );
              rowOk = false;
            } else values.school_code = id;
          }
          if (rowOk && knownStudents && !knownStudents.has(values.student_id as string)) {
            problems.add(
              line,
              'student_id',
              'is not in students (import students.csv first)',
              String(values.student_id),
            );
            rowOk = false;
          }
          if (problems.full) break;
          if (rowOk && problems.empty) {
            await load.add(names.map((n) => values[n]));
            if (rows % progressEvery === 0) options.onProgress?.(rows);
          }
        }
      } catch (err) {
        if (err instanceof EncodingProblem) problems.add(err.line, '(file)', err.message);
        else if (err instanceof CsvError) {
          const e = err as { lines?: number; message: string };
          problems.add(e.lines ?? 0, '(line)', `is not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`);
        } else {
          await load.abort();
          throw err;
        }
      }
      if (header === null && problems.empty) {
        problems.add(1, '(header)', `the file is empty: expected a header row with ${names.join(', ')}`);
      }
      if (!problems.empty) {
        await load.abort();
        throw new ImportFailed(problems.items, problems.full);
      }
      const counts = await load.finish();
      options.onProgress?.(rows);
      return { rows, ...counts };
    };

    const { rows, inserted, updated } = await loadDirectOrMerge(conn, table, dbColumns, [...spec.key], readInto);
    await recordDataSource(conn, `student_csv:${table}`, `${label}: ${rows} rows`, await fileChecksum(file));
    return { table, file: label, rows, inserted, updated, unchanged: rows - inserted - updated };
  });
}

/** Maps the file's header to the format's columns: every column present once; no column the format lacks. */
function readHeader(cells: string[], names: string[], columns: readonly ColumnSpec[], problems: ProblemList): number[] {
  const normalized = cells.map((c) => c.trim().toLowerCase());
  const positions: number[] = [];
  const known = new Set(names);
  if (normalized.every((c) => !known.has(c))) {
    problems.add(
      1,
      '(header)',
      `this is not the expected file: its header names none of the columns ${names.join(', ')}`,
    );
    return positions;
  }
  normalized.forEach((c, i) => {
    if (!known.has(c))
      problems.add(
        1,
        c || `(column ${i + 1})`,
        'is not a column of this file (unknown columns are not dropped silently)',
      );
    else if (normalized.indexOf(c) !== i) problems.add(1, c, 'appears twice in the header');
  });
  for (const col of columns) {
    const at = normalized.indexOf(col.name);
    if (at < 0) problems.add(1, col.name, 'is missing from the header');
    positions.push(at);
  }
  return positions;
}

async function loadSchoolIds(conn: RawConnection): Promise<Map<string, number>> {
  const r = await conn.query<{ code: string; id: number }>("SELECT code, id FROM organizations WHERE level = 'school'");
  return new Map(r.rows.map((row) => [row.code, row.id]));
}

async function loadStudentIds(conn: RawConnection): Promise<Set<string>> {
  const r = await conn.query<{ student_id: string }>('SELECT student_id FROM students');
  return new Set(r.rows.map((row) => row.student_id));
}

/** Imports every file of the student CSV format found in a folder, in load order (students first). */
export async function importStudentFolder(
  db: Db,
  dir: string,
  options: ImportOptions & { onFile?: (table: StudentTable, file: string) => void } = {},
): Promise<TableImportResult[]> {
  const results: TableImportResult[] = [];
  const order = Object.keys(studentTables) as StudentTable[];
  const present = order.filter((t) => existsSync(path.join(dir, studentTables[t].file)));
  if (present.length === 0) {
    throw new ImportFailed(
      [
        {
          file: dir,
          line: 0,
          column: '(folder)',
          problem: `holds none of the student files (${order.map((t) => studentTables[t].file).join(', ')})`,
        },
      ],
      false,
    );
  }
  for (const table of present) {
    const file = path.join(dir, studentTables[table].file);
    options.onFile?.(table, file);
    results.push(await importStudentFile(db, table, file, options));
  }
  return results;
}
