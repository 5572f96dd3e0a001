import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import {
  ParseProblem,
  studentRowCheck,
  studentTables,
  type ColumnSpec,
  type StudentTable,
} from '../../core/students/csv-format.ts';
import type { Db, RawConnection } from '../db/client.ts';
import { CsvError } from 'csv-parse';
import { readCsvChunks, EncodingProblem } from './csv-reader.ts';
import { ImportFailed, ProblemList } from './problems.ts';
import {
  csvCell,
  inImportTransaction,
  loadDirectOrMerge,
  mayDeferReferenceChecks,
  recordDataSource,
  type TableLoad,
} from './bulk-load.ts';

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
  /**
   * The students the file may refer to, when the caller has just read them (files loading side by side share one
   * set); read in the file's transaction otherwise. Either way the references are checked again in the database.
   */
  knownStudents?: ReadonlySet<string>;
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
  const label = path.basename(file);

  return inImportTransaction(db, async (conn) => {
    const schools = schoolTables.has(table) ? await loadSchoolIds(conn) : new Map<string, number>();
    // The students a file refers to stay as they are until it commits (SHARE mode: others may read them but not
    // change them), so the ids read here are those the references are checked against, once, at the end.
    if (table !== 'students') await conn.query('LOCK TABLE students IN SHARE MODE');
    const knownStudents = table === 'students' ? null : (options.knownStudents ?? (await loadStudentIds(conn)));
    const check = studentRowCheck(table);
    const keyAt = spec.key.map((k) => names.indexOf(k));
    const schoolAt = names.indexOf('school_code');
    const studentAt = names.indexOf('student_id');
    const progressEvery = options.batchSize ?? 20_000;

    /**
     * One pass over the file, into `load` (or only checking, without one). Repeated keys are looked for only when
     * `thorough`: a direct load needs no set of every key, as the table's primary key refuses a repeat (and the load
     * is then repeated by merging, thoroughly); when a quick pass finds problems, a thorough one lists them all.
     */
    const pass = async (
      load: TableLoad | null,
      thorough: boolean,
    ): Promise<{ rows: number; problems: ProblemList; schoolIds: Set<number> }> => {
      const problems = new ProblemList(label);
      const seen = thorough ? new Set<string>() : null;
      const schoolIds = new Set<number>();
      const values: unknown[] = new Array<unknown>(columns.length);
      let header: number[] | null = null;
      let rows = 0;
      try {
        read: for await (const chunk of readCsvChunks(file)) {
          for (const { line, cells } of chunk) {
            if (header === null) {
              header = readHeader(cells, names, columns, problems);
              if (!problems.empty) break read;
              continue;
            }
            rows++;
            let rowOk = true;
            for (let i = 0; i < columns.length; i++) {
              const at = header[i]!;
              if (at >= cells.length) {
                problems.add(line, columns[i]!.name, 'is missing: the line has too few cells');
                rowOk = false;
                break;
              }
              const text = cells[at]!;
              const value = columns[i]!.read(text);
              if (value instanceof ParseProblem) {
                problems.add(line, columns[i]!.name, value.problem, text);
                rowOk = false;
              } else values[i] = value;
            }
            if (cells.length > header.length && rowOk) {
              problems.add(line, '(line)', `has ${cells.length} cells, the header has ${header.length}`);
              rowOk = false;
            }
            if (rowOk) {
              for (const [column, problem] of check(values)) {
                problems.add(line, column, problem, String(values[names.indexOf(column)] ?? ''));
                rowOk = false;
              }
            }
            if (rowOk && seen) {
              let key = String(values[keyAt[0]!]);
              for (let k = 1; k < keyAt.length; k++) key += `\u0000${String(values[keyAt[k]!])}`;
              if (seen.has(key)) {
                problems.add(
                  line,
                  spec.key.join('+'),
                  `repeats a row already in the file (${spec.key.map((k, i) => `${k} ${String(values[keyAt[i]!])}`).join(', ')})`,
                );
                rowOk = false;
              } else seen.add(key);
            }
            if (rowOk && schoolAt >= 0) {
              const id = schools.get(values[schoolAt] as string);
              if (id === undefined) {
                problems.add(
                  line,
                  'school_code',
                  'is not a school in the organization registry',
                  String(values[schoolAt]),
                );
                rowOk = false;
              } else {
                values[schoolAt] = id;
                schoolIds.add(id);
              }
            }
            if (rowOk && knownStudents && !knownStudents.has(values[studentAt] as string)) {
              problems.add(
                line,
                'student_id',
                'is not in students (import students.csv first)',
                String(values[studentAt]),
              );
              rowOk = false;
            }
            if (problems.full) break read;
            if (rowOk && problems.empty && load) {
              await load.addLine(copyLine(values));
              if (rows % progressEvery === 0) options.onProgress?.(rows);
            }
          }
        }
      } catch (err) {
        if (err instanceof EncodingProblem) problems.add(err.line, '(file)', err.message);
        else if (err instanceof CsvError) {
          const e = err as { lines?: number; message: string };
          problems.add(e.lines ?? 0, '(line)', `is not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`);
        } else {
          await load?.abort();
          throw err;
        }
      }
      if (header === null && problems.empty) {
        problems.add(1, '(header)', `the file is empty: expected a header row with ${names.join(', ')}`);
      }
      return { rows, problems, schoolIds };
    };

    // One pass over the file into a load; run again (merging) when the fast direct load meets existing keys.
    const readInto = async (load: TableLoad): Promise<{ rows: number; inserted: number; updated: number }> => {
      const thorough = load.mode === 'merge';
      const { rows, problems, schoolIds } = await pass(load, thorough);
      if (!problems.empty) {
        await load.abort();
        const all = thorough ? problems : (await pass(null, true)).problems;
        throw new ImportFailed(all.items, all.full);
      }
      // The school ids were resolved and every student checked against the locked table: the references are checked
      // by the ids written and by one anti-join.
      const counts = await load.finish({
        lockedTables: knownStudents ? ['students'] : [],
        values: schoolAt >= 0 ? { school_id: [...schoolIds] } : {},
      });
      options.onProgress?.(rows);
      return { rows, ...counts };
    };

    const { rows, inserted, updated } = await loadDirectOrMerge(conn, table, dbColumns, [...spec.key], readInto);
    await recordDataSource(conn, `student_csv:${table}`, `${label}: ${rows} rows`, await fileChecksum(file));
    return { table, file: label, rows, inserted, updated, unchanged: rows - inserted - updated };
  });
}

/** A row's values as a COPY line: blank for null, t/f, numbers as JavaScript writes them, text quoted if it must be. */
function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const cell =
      v === null
        ? ''
        : typeof v === 'boolean'
          ? v
            ? 't'
            : 'f'
          : typeof v === 'string' && v !== '' && !needsQuotes(v)
            ? v
            : csvCell(v);
    line = i === 0 ? cell : `${line},${cell}`;
  }
  return line;
}

function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
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
  // One text rather than a row per student (a state has more than a million): the ids, one per line (an id is 1-20
  // letters, digits or hyphens: the table checks it).
  const r = await conn.query<{ ids: string | null }>(`SELECT string_agg(student_id, E'\n') AS ids FROM students`);
  const ids = r.rows[0]?.ids;
  return new Set(ids ? ids.split('\n') : []);
}

/** Student files loaded at the same time by a concurrent folder import. */
const CONCURRENT_FILES = 2;

/**
 * Imports every file of the student CSV format found in a folder, in load order (students first), each in its own
 * transaction. With `concurrent` (on a server, where each import has its own connection, for a session that may
 * switch the per-row reference checks off: see deferReferenceChecks), the files that refer to students load two at a
 * time once students.csv is in: one file's indexes are built while another is read. Every file is then attempted,
 * and the first failure in load order is thrown once all have finished.
 */
export async function importStudentFolder(
  db: Db,
  dir: string,
  options: ImportOptions & { onFile?: (table: StudentTable, file: string) => void; concurrent?: boolean } = {},
): Promise<TableImportResult[]> {
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
  const importOne = (table: StudentTable) => {
    const file = path.join(dir, studentTables[table].file);
    options.onFile?.(table, file);
    return importStudentFile(db, table, file, options);
  };
  // Side by side only where each load checks its references once without dropping foreign keys: dropping one
  // locks the students table, which the other loads hold in SHARE mode (they would deadlock).
  const concurrent =
    options.concurrent === true && db.kind === 'postgres' && (await inImportTransaction(db, mayDeferReferenceChecks));
  if (!concurrent) {
    const results: TableImportResult[] = [];
    for (const table of present) results.push(await importOne(table));
    return results;
  }
  const results: TableImportResult[] = [];
  if (present[0] === 'students') results.push(await importOne('students'));
  // The students are read once for all the files. Two files load at a time (two connections: the largest two,
  // student_years and assessments, side by side, each followed by a smaller one), which keeps both of a machine's
  // cores busy without holding more connections than a small pool has.
  const knownStudents = await db.withConnection(loadStudentIds);
  const rest = present.filter((t) => t !== 'students');
  const outcomes: PromiseSettledResult<TableImportResult>[] = new Array(rest.length);
  const lane = async (first: number) => {
    for (let i = first; i < rest.length; i += CONCURRENT_FILES) {
      const table = rest[i]!;
      const file = path.join(dir, studentTables[table].file);
      options.onFile?.(table, file);
      outcomes[i] = await importStudentFile(db, table, file, { ...options, knownStudents }).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_FILES }, (_, i) => lane(i)));
  for (const r of outcomes) {
    if (r.status === 'rejected') throw r.reason;
    results.push(r.value);
  }
  return results;
}
