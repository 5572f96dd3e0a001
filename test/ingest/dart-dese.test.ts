import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/stats/random.ts';
import { importDeseFile } from '../../src/server/ingest/dese/dese-import.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

const folder = path.resolve(import.meta.dirname, '../../../shared/data/dese-school-indicators');

/**
 * The DART indicators these school reports carry, and the column each is in: written here from the files' headers,
 * not taken from the importer, so the test checks the importer and the DART together.
 */
const sources: { file: string; columns: Record<string, string> }[] = [
  {
    file: '2C_1_attendance.csv',
    columns: {
      attendance_rate: 'Attendance Rate',
      average_absences: 'Average # of Absences',
      absent_10_plus_days_pct: 'Absent 10 or more days',
      chronic_absence_pct: 'Chronically Absent (10% or more)',
    },
  },
  { file: '3A_1_average_class_size.csv', columns: { average_class_size: 'Average Class Size' } },
  { file: '4A_1_grade_nine_course_pass.csv', columns: { grade9_passing_all_courses_pct: '% Passing All Courses' } },
  { file: '4B_2_retention.csv', columns: { retention_pct: '% Retained' } },
  { file: '3B_1_masscore.csv', columns: { masscore_completion_pct: '% Completed MassCore' } },
  { file: '4B_2_four_year_grad.csv', columns: { graduation_4yr_pct: '% Graduated' } },
  {
    file: '2A_1_students_suspended.csv',
    columns: {
      in_school_suspension_pct: '% In-School Suspension',
      out_of_school_suspension_pct: '% Out-of-School Suspension',
    },
  },
];

/** DESE's documented cell reading: spaces and thousands separators dropped; an empty cell is no value. */
function readCell(raw: string | undefined): number | null {
  const s = (raw ?? '').replace(/[\s,]/g, '');
  return s === '' ? null : Number(s);
}

/** `2024-25` is school year 2025. */
function yearOf(academicYear: string): number {
  return Number(academicYear.slice(0, 4)) + 1;
}

/**
 * Each file's cells by `indicator|code|year` (a school-year the file repeats keeps its first row). Rows of older
 * years may be a cell short (the attendance report before 2021-22 had no 20% column, the last but one): the columns
 * read here sit before it.
 */
async function sourceCells(): Promise<Map<string, { value: number | null; file: string; line: number }>> {
  const cells = new Map<string, { value: number | null; file: string; line: number }>();
  for (const s of sources) {
    const rows = parse(await readFile(path.join(folder, s.file)), {
      columns: true,
      info: true,
      relax_column_count: true,
    }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    for (const { record, info } of rows) {
      const code = record['DESE ID']!.padStart(8, '0');
      const year = yearOf(record['Academic Year']!);
      for (const [indicator, column] of Object.entries(s.columns)) {
        const k = `${indicator}|${code}|${year}`;
        if (!cells.has(k)) cells.set(k, { value: readCell(record[column]), file: s.file, line: info.lines });
      }
    }
  }
  return cells;
}

// The files are large: one backend is enough (the server when there is one).
const backend = testBackends().at(-1)!;

describe(`the DART shows the DESE school reports' own cells (${backend})`, () => {
  let t: TestApp;
  let cells: Awaited<ReturnType<typeof sourceCells>>;
  beforeAll(async () => {
    t = await createTestApp(backend, { demo: false });
    for (const s of sources) {
      const result = await importDeseFile(t.db, path.join(folder, s.file));
      expect(result.status, s.file).toBe('imported');
    }
    cells = await sourceCells();
  }, 600_000);
  afterAll(async () => t?.close());

  interface Point {
    year: number;
    value: number | null;
  }
  const dartOf = async (code: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/orgs/${code}/dart` });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      years: number[];
      sections: { indicators: { code: string; series: Point[] }[] }[];
    };
  };

  it('finds 100 random indicator cells of the DART API equal to their source cells', async () => {
    const random = createRandom('dart-dese-cells');
    const codes = [...new Set([...cells.keys()].map((k) => k.split('|')[1]!))].sort();
    const shown: { code: string; indicator: string; year: number; value: number }[] = [];
    const checkedSchools = new Set<string>();
    while (shown.length < 400 && checkedSchools.size < codes.length) {
      const code = codes[Math.floor(random.next() * codes.length)]!;
      if (checkedSchools.has(code)) continue;
      checkedSchools.add(code);
      const dart = await dartOf(code);
      for (const section of dart.sections)
        for (const ind of section.indicators)
          for (const p of ind.series)
            if (p.value !== null && cells.has(`${ind.code}|${code}|${p.year}`))
              shown.push({ code, indicator: ind.code, year: p.year, value: p.value });
    }
    const picked = new Set<number>();
    while (picked.size < 100) picked.add(Math.floor(random.next() * shown.length));
    const indicators = new Set<string>();
    for (const i of picked) {
      const c = shown[i]!;
      const source = cells.get(`${c.indicator}|${c.code}|${c.year}`)!;
      expect(c.value, `${source.file}:${source.line}: ${c.indicator} of ${c.code} in ${c.year}`).toBe(source.value);
      indicators.add(c.indicator);
    }
    // The sample spans the files, not one column.
    expect(indicators.size).toBeGreaterThanOrEqual(5);
  });

  it("shows Abington High's five-year chronic absence trend as the attendance file has it", async () => {
    const code = '00010505';
    const dart = await dartOf(code);
    const chronic = dart.sections.flatMap((s) => s.indicators).find((i) => i.code === 'chronic_absence_pct')!;
    const fileYears = [...cells.keys()]
      .filter((k) => k.startsWith(`chronic_absence_pct|${code}|`))
      .map((k) => Number(k.split('|')[2]))
      .sort((a, b) => a - b)
      .slice(-5);
    expect(fileYears).toHaveLength(5);
    expect(chronic.series.map((p) => p.year)).toEqual(fileYears);
    expect(chronic.series.map((p) => p.value)).toEqual(
      fileYears.map((y) => cells.get(`chronic_absence_pct|${code}|${y}`)!.value),
    );
  });
});
