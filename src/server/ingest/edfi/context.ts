import { edfiOrgCode, parseEducationOrganizationId } from '../../../core/edfi/values.ts';
import type { Parsed } from '../../../core/students/csv-format.ts';
import type { RawConnection } from '../../db/client.ts';
import { StagedLoad } from '../bulk-load.ts';
import type { ProblemList } from '../problems.ts';
import { ValueReader, type KnownElements, type XmlNode } from './xml-record.ts';

/** What one file's import did to one table. */
export interface TableCounts {
  table: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** An Ed-Fi organization ssos holds (under its `edfi-` code). */
export interface KnownOrg {
  id: number;
  code: string;
  level: string;
  /** The district's code: its own for a district, its parent's for a school. */
  districtCode: string | null;
  districtId: number | null;
}

/** Everything a reader needs while one file is imported (inside its transaction). */
export class EdfiContext {
  readonly conn: RawConnection;
  readonly problems: ProblemList;
  readonly reader: ValueReader;
  readonly batchSize: number;
  #orgs: Map<string, KnownOrg> | null = null;
  #students: Set<string> | null = null;

  constructor(conn: RawConnection, problems: ProblemList, batchSize: number) {
    this.conn = conn;
    this.problems = problems;
    this.reader = new ValueReader(problems);
    this.batchSize = batchSize;
  }

  /** The Ed-Fi organizations in the database, by code. */
  async orgs(): Promise<Map<string, KnownOrg>> {
    if (!this.#orgs) {
      const r = await this.conn.query<{
        id: number;
        code: string;
        level: string;
        parent_code: string | null;
        parent_id: number | null;
        parent_level: string | null;
      }>(
        `SELECT o.id, o.code, o.level, p.code AS parent_code, p.id AS parent_id, p.level AS parent_level
           FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
          WHERE o.code LIKE 'edfi-%'`,
      );
      this.#orgs = new Map(
        r.rows.map((o) => [
          o.code,
          {
            id: o.id,
            code: o.code,
            level: o.level,
            districtCode: o.level === 'district' ? o.code : o.parent_level === 'district' ? o.parent_code : null,
            districtId: o.level === 'district' ? o.id : o.parent_level === 'district' ? o.parent_id : null,
          },
        ]),
      );
    }
    return this.#orgs;
  }

  /** The ids of the students in the database. */
  async students(): Promise<Set<string>> {
    if (!this.#students) {
      const r = await this.conn.query<{ student_id: string }>('SELECT student_id FROM students');
      this.#students = new Set(r.rows.map((s) => s.student_id));
    }
    return this.#students;
  }

  /** The student a reference names (`StudentReference/StudentIdentity/StudentUniqueId`), who must be known. */
  async studentRef(node: XmlNode, path: readonly string[] = ['StudentReference']): Promise<string | undefined> {
    const idPath = [...path, 'StudentIdentity', 'StudentUniqueId'];
    const id = this.reader.value(node, idPath, studentUniqueId);
    if (id === undefined || id === null) return undefined;
    if (!(await this.students()).has(id)) {
      const at = this.reader.find(node, idPath)!;
      this.problems.add(at.line, at.display, 'is not a student ssos holds (import the Student interchange first)', id);
      return undefined;
    }
    return id;
  }

  /** The organization a reference names by its id element (`SchoolReference/SchoolIdentity/SchoolId`). */
  async orgRef(
    node: XmlNode,
    idPath: readonly string[],
    levels: readonly ('school' | 'district')[],
    optional = false,
  ): Promise<KnownOrg | null | undefined> {
    const id = this.reader.value(node, idPath, parseEducationOrganizationId, optional);
    if (id === undefined || id === null) return id;
    const org = (await this.orgs()).get(edfiOrgCode(id));
    if (!org || !(levels as readonly string[]).includes(org.level)) {
      const at = this.reader.find(node, idPath)!;
      const what = levels.length === 1 ? `a ${levels[0]}` : 'a school or district';
      this.problems.add(
        at.line,
        at.display,
        `is not ${what} ssos holds (import the EducationOrganization interchange first)`,
        id,
      );
      return undefined;
    }
    return org;
  }

  /** A staging table for rows of `table`, created. */
  async stage(table: string, columns: readonly string[], key: readonly string[]): Promise<StagedRows> {
    const load = new StagedRows(this.conn, table, columns, key, this.batchSize);
    await load.begin();
    return load;
  }
}

/**
 * Rows on their way into a table: buffered, sent to a staging table with one COPY per batch, then merged on the
 * table's natural key (new keys inserted, changed rows updated, identical rows left alone, so a repeated import
 * changes nothing). Each COPY is complete before the next query, so readers can look things up on the same
 * connection while rows are being loaded (a COPY held open for the whole file would block them on a server).
 */
export class StagedRows {
  readonly #load: StagedLoad;
  readonly #table: string;

  constructor(
    conn: RawConnection,
    table: string,
    columns: readonly string[],
    key: readonly string[],
    batchSize: number,
  ) {
    this.#load = new StagedLoad(conn, table, columns, key, batchSize);
    this.#table = table;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.#load.rows;
  }

  /** Creates the staging table (dropped at commit or rollback). */
  begin(): Promise<void> {
    return this.#load.begin();
  }

  /** Adds one row (values in column order). */
  add(values: readonly unknown[]): Promise<void> {
    return this.#load.add(values);
  }

  /** Merges the staged rows into the table and counts what changed. */
  async merge(): Promise<TableCounts> {
    const { inserted, updated } = await this.#load.merge();
    const rows = this.#load.rows;
    return { table: this.#table, rows, inserted, updated, unchanged: rows - inserted - updated };
  }
}

/** Ed-Fi StudentUniqueId as the students table holds it. */
export function studentUniqueId(text: string): Parsed<string> {
  const t = text.trim();
  return /^[A-Za-z0-9-]{1,20}$/.test(t)
    ? { ok: true, value: t }
    : { ok: false, problem: 'must be a student id of 1-20 letters, digits or hyphens (what ssos can hold)' };
}

/**
 * Remembers the natural key of each row read, so that a repeated one is reported with the line of the first (a
 * file that says two things about one event cannot be imported as either).
 */
export class KeyTracker {
  readonly #seen = new Map<string, number>();
  readonly #what: string;
  constructor(what: string) {
    this.#what = what;
  }

  /** True when the key is new; otherwise reports the repeat and returns false. */
  check(problems: ProblemList, node: XmlNode, key: readonly unknown[], describe: string): boolean {
    const k = key.map(String).join('\u0000');
    const first = this.#seen.get(k);
    if (first !== undefined) {
      problems.add(node.line, node.display, `repeats the ${this.#what} at line ${first} (${describe})`);
      return false;
    }
    this.#seen.set(k, node.line);
    return true;
  }
}

/** How one element type is read: the child elements it knows, and what to do with one. */
export interface ElementReader {
  known: KnownElements;
  read(node: XmlNode): Promise<void>;
}

/** An interchange being imported: its element readers, and what to do once the whole file has been read. */
export interface InterchangeImport {
  readers: Record<string, ElementReader>;
  /** Resolves what waited for the end of the file, merges the rows; returns what changed. */
  finish(): Promise<{ tables: TableCounts[]; districtIds: number[] }>;
}
