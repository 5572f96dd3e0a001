import {
  accountabilityCategories,
  type AccountabilityCategory,
  type CriterionReferencedFramework,
  type GradeSpan,
  type RatedGroup,
} from './framework-2018.ts';
import {
  allowedCategories,
  roundHalfUp,
  type GroupPoints,
  type OrgPointsInput,
  type OrgResult,
  type SpanWeights,
} from './points.ts';

/**
 * The files of `ssos accountability from-points`: reading the points file (P.csv) and the organizations file
 * (O.csv) into typed inputs, with every problem located as `file:line: column: problem (value "x")`, and writing
 * the results as CSV. Pure: text or already-split rows in, records out.
 */

/** A row of a CSV file with the line it starts on (1-based). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** One thing wrong with an input file, located to its line and column (line 0 = the file as a whole). */
export interface CsvProblem {
  file: string;
  line: number;
  column: string;
  problem: string;
  value?: string;
}

/** A CSV file's name (as the user gave it, for messages) and its rows, header first. */
export interface CsvInput {
  file: string;
  rows: readonly CsvRow[];
}

/** The `group` values of P.csv, each a grade span and a rated group. */
export const pointsGroups: Readonly<Record<string, { span: GradeSpan; group: RatedGroup }>> = {
  nonhs_all: { span: 'nonhs', group: 'all' },
  nonhs_low: { span: 'nonhs', group: 'lowest' },
  hs_all: { span: 'hs', group: 'all' },
  hs_low: { span: 'hs', group: 'lowest' },
};

/** The column prefix of each category in P.csv (`<prefix>_points`, `<prefix>_possible`). */
export const categoryColumns: Readonly<Record<AccountabilityCategory, string>> = {
  achievement: 'achievement',
  growth: 'growth',
  hsCompletion: 'hs_completion',
  elp: 'elp',
  additional: 'additional',
};

/** The columns P.csv must have (others are ignored). */
export const pointsColumns: readonly string[] = [
  'org_code',
  'fy',
  'group',
  ...accountabilityCategories.flatMap((c) => [`${categoryColumns[c]}_points`, `${categoryColumns[c]}_possible`]),
];

/** The columns O.csv must have (others are ignored). */
export const orgColumns: readonly string[] = [
  'org_code',
  'fy',
  'annual_crt_pct_prior',
  'nonhs_weight_pct',
  'hs_weight_pct',
];

/** The columns of the output, in order. */
export const fromPointsOutputColumns: readonly string[] = [
  'org_code',
  'fy',
  'nonhs_all_pct',
  'nonhs_low_pct',
  'hs_all_pct',
  'hs_low_pct',
  'nonhs_gradespan_pct',
  'hs_gradespan_pct',
  'annual_crt_pct_current',
  'cumulative_crt_pct',
  'reason_for_classification',
];

/**
 * Splits CSV text (RFC 4180: commas, double-quoted cells with "" for a quote, CRLF or LF, optional UTF-8 BOM) into
 * rows with the line each starts on. Empty lines are skipped. An unclosed quote is reported at the line it opens.
 */
export function splitCsv(text: string): { rows: CsvRow[]; problem: { line: number; problem: string } | null } {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let rowLine = 1;
  let quotedRow = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || quotedRow) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    quotedRow = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      const opened = line;
      quotedRow = true;
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === '\n') line++;
        cell += c;
        i++;
      }
      if (!closed) return { rows, problem: { line: opened, problem: 'a quoted cell is not closed' } };
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0 || quotedRow) endRow();
  return { rows, problem: null };
}

/** Reads the header: the index of each required column, or the problems when some are missing or repeated. */
function bindHeader(
  input: CsvInput,
  required: readonly string[],
  problems: CsvProblem[],
): { index: Map<string, number>; headerLine: number } | null {
  const header = input.rows[0];
  if (!header) {
    problems.push({
      file: input.file,
      line: 0,
      column: 'header',
      problem: `the file is empty: expected a header row with ${required.join(', ')}`,
    });
    return null;
  }
  const index = new Map<string, number>();
  let ok = true;
  header.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!required.includes(name)) return;
    if (index.has(name)) {
      problems.push({ file: input.file, line: header.line, column: name, problem: 'this column appears twice' });
      ok = false;
    } else index.set(name, i);
  });
  for (const name of required) {
    if (!index.has(name)) {
      problems.push({
        file: input.file,
        line: header.line,
        column: name,
        problem: `missing column (the header must have ${required.join(', ')})`,
      });
      ok = false;
    }
  }
  return ok ? { index, headerLine: header.line } : null;
}

/** The cells of one data row, by column name, with located problems. */
class RowReader {
  readonly file: string;
  readonly row: CsvRow;
  readonly index: Map<string, number>;
  readonly problems: CsvProblem[];
  ok = true;

  constructor(file: string, row: CsvRow, index: Map<string, number>, problems: CsvProblem[]) {
    this.file = file;
    this.row = row;
    this.index = index;
    this.problems = problems;
  }

  /** False (with a problem) when the row ends before a column the reader needs. */
  complete(): boolean {
    for (const [column, i] of [...this.index].sort((a, b) => a[1] - b[1])) {
      if (i >= this.row.cells.length) {
        this.problem(column, `the row ends before this column (it has ${this.row.cells.length} cells)`);
        return false;
      }
    }
    return true;
  }

  text(column: string): string {
    return (this.row.cells[this.index.get(column)!] ?? '').trim();
  }

  problem(column: string, problem: string, value?: string): void {
    this.ok = false;
    this.problems.push({ file: this.file, line: this.row.line, column, problem, value });
  }

  /** A number, or null when blank; a problem when it is not a number or is outside [min, max]. */
  number(column: string, min: number, max: number, what: string): number | null | undefined {
    const text = this.text(column);
    if (text === '') return null;
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
      this.problem(column, `not a number (${what})`, text);
      return undefined;
    }
    const value = Number(text);
    if (value < min || value > max) {
      this.problem(column, `must be from ${min} to ${max} (${what})`, text);
      return undefined;
    }
    return value;
  }

  /** The organization code and year every row starts with. */
  key(firstYear: number): { orgCode: string; fy: number } | null {
    const orgCode = this.text('org_code');
    if (orgCode === '') this.problem('org_code', 'blank: every row needs an organization code');
    const fyText = this.text('fy');
    let fy: number | null = null;
    if (!/^\d{4}$/.test(fyText))
      this.problem('fy', 'not a school year (four digits, the spring year, such as 2019)', fyText);
    else if (Number(fyText) < firstYear)
      this.problem('fy', `the 2018+ framework starts in ${firstYear}: earlier years cannot be computed`, fyText);
    else fy = Number(fyText);
    return orgCode !== '' && fy !== null ? { orgCode, fy } : null;
  }
}

/** One row of P.csv, read. */
export interface PointsRecord {
  line: number;
  orgCode: string;
  fy: number;
  span: GradeSpan;
  group: RatedGroup;
  points: GroupPoints;
}

/** One row of O.csv, read. */
export interface OrgRecord {
  line: number;
  orgCode: string;
  fy: number;
  annualPrior: number | null;
  spanWeights: SpanWeights | null;
}

const groupNames: Record<RatedGroup, string> = { all: 'the all-students group', lowest: 'the lowest performing group' };

/** Reads P.csv: one row per organization, year and group, with points earned and possible per category. */
export function readPointsRows(
  input: CsvInput,
  framework: CriterionReferencedFramework,
): { records: PointsRecord[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const records: PointsRecord[] = [];
  const bound = bindHeader(input, pointsColumns, problems);
  if (!bound) return { records, problems };
  const seen = new Map<string, number>();
  for (const row of input.rows.slice(1)) {
    const r = new RowReader(input.file, row, bound.index, problems);
    if (!r.complete()) continue;
    const key = r.key(framework.firstYear);
    const groupText = r.text('group');
    const kind = pointsGroups[groupText.toLowerCase()];
    if (!kind) r.problem('group', `must be one of ${Object.keys(pointsGroups).join(', ')}`, groupText);
    const points: GroupPoints = {};
    for (const category of accountabilityCategories) {
      const pointsCol = `${categoryColumns[category]}_points`;
      const possibleCol = `${categoryColumns[category]}_possible`;
      const earned = r.number(pointsCol, 0, Number.MAX_SAFE_INTEGER, 'points earned, 0 or more');
      const possible = r.number(possibleCol, 0, Number.MAX_SAFE_INTEGER, 'points possible, above 0');
      if (earned === undefined || possible === undefined) continue;
      if (earned === null && possible === null) continue;
      if (earned === null || possible === null) {
        const blank = earned === null ? pointsCol : possibleCol;
        const given = earned === null ? possibleCol : pointsCol;
        r.problem(blank, `blank while ${given} is given: give both, or leave both blank when the category is absent`);
        continue;
      }
      if (possible === 0) {
        r.problem(possibleCol, 'points possible must be above 0 (leave both blank when the category is absent)', '0');
        continue;
      }
      if (earned > possible) {
        r.problem(pointsCol, `more than the ${possible} points possible`, r.text(pointsCol));
        continue;
      }
      if (kind && !allowedCategories(kind.span, kind.group, framework).has(category)) {
        r.problem(
          pointsCol,
          `${groupNames[kind.group]} in ${kind.span === 'hs' ? 'high-school' : 'non-high-school'} grades has no ${framework.categoryLabels[category]} category in ${framework.id}: leave it blank`,
          r.text(pointsCol),
        );
        continue;
      }
      points[category] = { earned, possible };
    }
    if (!r.ok || !key || !kind) continue;
    const id = `${key.orgCode}\u0000${key.fy}\u0000${groupText.toLowerCase()}`;
    const first = seen.get(id);
    if (first !== undefined) {
      r.problem('group', `a second row for ${key.orgCode} ${key.fy} ${groupText} (the first is on line ${first})`);
      continue;
    }
    seen.set(id, row.line);
    records.push({ line: row.line, ...key, span: kind.span, group: kind.group, points });
  }
  return { records, problems };
}

/** Reads O.csv: one row per organization and year, with the prior annual figure and the grade-span shares. */
export function readOrgRows(
  input: CsvInput,
  framework: CriterionReferencedFramework,
): { records: OrgRecord[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const records: OrgRecord[] = [];
  const bound = bindHeader(input, orgColumns, problems);
  if (!bound) return { records, problems };
  const seen = new Map<string, number>();
  for (const row of input.rows.slice(1)) {
    const r = new RowReader(input.file, row, bound.index, problems);
    if (!r.complete()) continue;
    const key = r.key(framework.firstYear);
    const annualPrior = r.number('annual_crt_pct_prior', 0, 100, 'a percentage from 0 to 100, or blank');
    const nonhs = r.number('nonhs_weight_pct', 0, 100, 'a share in percent, or blank for a single grade span');
    const hs = r.number('hs_weight_pct', 0, 100, 'a share in percent, or blank for a single grade span');
    let spanWeights: SpanWeights | null = null;
    if (nonhs !== undefined && hs !== undefined) {
      if ((nonhs === null) !== (hs === null)) {
        const blank = nonhs === null ? 'nonhs_weight_pct' : 'hs_weight_pct';
        r.problem(blank, 'blank while the other grade-span share is given: give both, or neither');
      } else if (nonhs !== null && hs !== null) {
        // Published shares are whole numbers that add up to 100 (67/33); allow one point for their rounding.
        if (Math.abs(nonhs + hs - 100) > 1)
          r.problem(
            'hs_weight_pct',
            `the two grade-span shares add up to ${nonhs + hs}, not 100`,
            r.text('hs_weight_pct'),
          );
        else spanWeights = { nonhsPct: nonhs, hsPct: hs };
      }
    }
    if (!r.ok || !key || annualPrior === undefined) continue;
    const id = `${key.orgCode}\u0000${key.fy}`;
    const first = seen.get(id);
    if (first !== undefined) {
      r.problem('org_code', `a second row for ${key.orgCode} ${key.fy} (the first is on line ${first})`, key.orgCode);
      continue;
    }
    seen.set(id, row.line);
    records.push({ line: row.line, ...key, annualPrior, spanWeights });
  }
  return { records, problems };
}

/**
 * Reads both files and joins them: one input per organization and year. Every organization and year in P.csv
 * needs its row in O.csv and the other way round (checked once each file reads cleanly, so that one bad row is not
 * reported again as a missing partner); anything wrong in either file is a located problem.
 */
export function readFromPointsInputs(
  points: CsvInput,
  orgs: CsvInput,
  framework: CriterionReferencedFramework,
): { inputs: OrgPointsInput[]; problems: CsvProblem[] } {
  const p = readPointsRows(points, framework);
  const o = readOrgRows(orgs, framework);
  const problems = [...p.problems, ...o.problems];
  if (problems.length > 0) return { inputs: [], problems };
  const byOrg = new Map<string, OrgRecord>();
  for (const record of o.records) byOrg.set(`${record.orgCode}\u0000${record.fy}`, record);
  const inputs = new Map<string, OrgPointsInput>();
  const reported = new Set<string>();
  for (const record of p.records) {
    const id = `${record.orgCode}\u0000${record.fy}`;
    const org = byOrg.get(id);
    if (!org) {
      if (!reported.has(id)) {
        reported.add(id);
        problems.push({
          file: points.file,
          line: record.line,
          column: 'org_code',
          problem: `no row for ${record.orgCode} ${record.fy} in ${orgs.file}`,
          value: record.orgCode,
        });
      }
      continue;
    }
    let input = inputs.get(id);
    if (!input) {
      input = {
        orgCode: org.orgCode,
        fy: org.fy,
        points: {},
        annualPrior: org.annualPrior,
        spanWeights: org.spanWeights,
      };
      inputs.set(id, input);
    }
    const span = (input.points[record.span] ??= {});
    span[record.group] = record.points;
  }
  for (const record of o.records) {
    if (!inputs.has(`${record.orgCode}\u0000${record.fy}`) && !reported.has(`${record.orgCode}\u0000${record.fy}`)) {
      problems.push({
        file: orgs.file,
        line: record.line,
        column: 'org_code',
        problem: `no rows for ${record.orgCode} ${record.fy} in ${points.file}`,
        value: record.orgCode,
      });
    }
  }
  return { inputs: problems.length === 0 ? [...inputs.values()] : [], problems };
}

/** Splits both texts and reads them (see `readFromPointsInputs`); a CSV syntax error is a located problem too. */
export function parseFromPointsCsv(
  points: { file: string; text: string },
  orgs: { file: string; text: string },
  framework: CriterionReferencedFramework,
): { inputs: OrgPointsInput[]; problems: CsvProblem[] } {
  const split = [points, orgs].map((f) => ({ file: f.file, ...splitCsv(f.text) }));
  const syntax: CsvProblem[] = split.flatMap((s) =>
    s.problem ? [{ file: s.file, line: s.problem.line, column: '(row)', problem: s.problem.problem }] : [],
  );
  if (syntax.length > 0) return { inputs: [], problems: syntax };
  return readFromPointsInputs(
    { file: split[0]!.file, rows: split[0]!.rows },
    { file: split[1]!.file, rows: split[1]!.rows },
    framework,
  );
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A percentage as DESE publishes it: a whole number, rounded half up (46.875 -> 47, 52.5 -> 53); blank for none. */
export function formatPublishedPct(value: number | null): string {
  return value === null ? '' : String(roundHalfUp(value));
}

/** The output CSV (header and one line per organization and year, in the order given), ending with a newline. */
export function formatFromPointsCsv(results: readonly OrgResult[]): string {
  const lines = [fromPointsOutputColumns.join(',')];
  for (const r of results) {
    lines.push(
      [
        csvCell(r.orgCode),
        String(r.fy),
        formatPublishedPct(r.groups.nonhs.all?.percentage ?? null),
        formatPublishedPct(r.groups.nonhs.lowest?.percentage ?? null),
        formatPublishedPct(r.groups.hs.all?.percentage ?? null),
        formatPublishedPct(r.groups.hs.lowest?.percentage ?? null),
        formatPublishedPct(r.spans.nonhs.percentage),
        formatPublishedPct(r.spans.hs.percentage),
        formatPublishedPct(r.annual.percentage),
        formatPublishedPct(r.progress.cumulative),
        csvCell(r.progress.reason ?? ''),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
