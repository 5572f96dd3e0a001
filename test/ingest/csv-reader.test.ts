import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvSplitter, EncodingProblem, readCsvRows, type CsvRow } from '../../src/server/ingest/csv-reader.ts';

/** The rows the splitter finds in text handed over in the given pieces. */
function split(pieces: string[]): CsvRow[] {
  const splitter = new CsvSplitter();
  const rows: CsvRow[] = [];
  for (const p of pieces) splitter.push(p, rows);
  splitter.end(rows);
  return rows;
}

/** What csv-parse (the reference) reads from the same text: cells, and the line each row starts on. */
function reference(text: string): { line: number; cells: string[] }[] {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

/** Cuts text into pieces at the given positions. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', 'é', '-') }),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ') }),
);

/** A field as a CSV writer puts it: quoted when it must be (or sometimes when it need not be). */
function encode(value: string, quoteAnyway: boolean): string {
  return quoteAnyway || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('the CSV reader', () => {
  it('reads what csv-parse reads, however the text is cut into chunks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, eol, bom, finalEol, at) => {
          // A row of one empty unquoted field is a blank line, which both skip.
          const lines = rows.map((r) => r.map(([v, q]) => encode(v, q)).join(','));
          const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol && lines.length > 0 ? eol : '');
          const expected = reference(text);
          const got = split(cut(text, at));
          expect(got.map((r) => r.cells)).toEqual(expected.map((r) => r.cells));
          // Lines, up to the first row holding a line break (csv-parse counts a quoted CRLF as two lines and names
          // a row's last line; this reader names its first, as a person counts them).
          const multi = expected.findIndex((r) => r.cells.some((c) => /[\r\n]/.test(c)));
          const comparable = multi < 0 ? expected.length : multi;
          expect(got.slice(0, comparable).map((r) => r.line)).toEqual(expected.slice(0, comparable).map((r) => r.line));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('counts lines through blank lines and quoted line breaks', () => {
    expect(split(['a,b\n\n"x\ny",z\r\n', 'c,"d""e"\n'])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['c', 'd"e'] },
    ]);
  });

  it('refuses a stray quote, text after a closing quote and an open quote, naming the line', () => {
    const fail = (pieces: string[]) => {
      try {
        split(pieces);
      } catch (err) {
        expect(err).toBeInstanceOf(CsvError);
        return { line: (err as { lines: number }).lines, message: (err as Error).message };
      }
      return null;
    };
    expect(fail(['a,b\nc,d"e\n'])).toMatchObject({ line: 2, message: expect.stringMatching(/^Invalid Opening Quote/) });
    expect(fail(['a,b\n"c"d,e\n'])).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^Invalid Closing Quote/),
    });
    expect(fail(['a,b\n', '"c,d\n', 'e,f'])).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^Quote Not Closed/),
    });
    // csv-parse refuses the same texts.
    for (const text of ['a,b\nc,d"e\n', 'a,b\n"c"d,e\n', 'a,b\n"c,d\ne,f'])
      expect(() => reference(text)).toThrow(CsvError);
  });

  describe('from a file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-csv-'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('reads characters cut by the end of a read, and locates bytes that are not UTF-8 past the first read', async () => {
      // Lines of 100 bytes: a two-byte "é" and a three-byte "€" fall across the 1 MB reads somewhere.
      const line = (i: number) => `${String(i).padStart(7, '0')},${'é€'.repeat(10)},${'x'.repeat(100 - 8 - 50 - 2)}`;
      const lines = Array.from({ length: 30_000 }, (_, i) => line(i));
      const file = path.join(dir, 'multibyte.csv');
      await writeFile(file, `${lines.join('\n')}\n`);
      const read: string[] = [];
      for await (const row of readCsvRows(file)) read.push(row.cells.join(','));
      expect(read).toEqual(lines);

      const ascii = Array.from({ length: 30_000 }, (_, i) => `${i},plain text`);
      const bad = path.join(dir, 'latin1-late.csv');
      const at = 25_000; // well past the first 1 MB read
      await writeFile(
        bad,
        Buffer.concat([
          Buffer.from(`${ascii.slice(0, at).join('\n')}\n${at},caf`),
          Buffer.from([0xe9]),
          Buffer.from(`\n${ascii.slice(at + 1).join('\n')}\n`),
        ]),
      );
      const err = await (async () => {
        for await (const _ of readCsvRows(bad)) void _;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EncodingProblem);
      expect((err as EncodingProblem).line).toBe(at + 1);

      const truncated = path.join(dir, 'truncated.csv');
      await writeFile(truncated, Buffer.concat([Buffer.from('a,b\nc,d'), Buffer.from([0xe2, 0x82])]));
      const cutErr = await (async () => {
        for await (const _ of readCsvRows(truncated)) void _;
      })().catch((e: unknown) => e);
      expect(cutErr).toBeInstanceOf(EncodingProblem);
      expect((cutErr as EncodingProblem).line).toBe(2);
    });

    it('streams a file larger than one read, row by row, with its lines', async () => {
      const lines = ['id,name,note'];
      for (let i = 1; i <= 60_000; i++)
        lines.push(i % 997 === 0 ? `${i},"Name, ${i}","two\nlines"` : `${i},Name ${i},`);
      const file = path.join(dir, 'big.csv');
      await writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`);
      let count = 0;
      let last: CsvRow | null = null;
      let quoted: CsvRow | null = null;
      for await (const row of readCsvRows(file)) {
        count++;
        last = row;
        if (row.cells[0] === '997') quoted = row;
      }
      expect(count).toBe(60_001);
      expect(quoted).toEqual({ line: 998, cells: ['997', 'Name, 997', 'two\nlines'] });
      // Every 997th row spans two lines: 60 of them before the last row.
      expect(last).toEqual({ line: 60_001 + 60, cells: ['60000', 'Name 60000', ''] });
    });
  });
});
